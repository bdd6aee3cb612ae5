"""Plain data passed along the pipeline: text -> Report -> Claims -> RDF.

No RDF and no I/O here. The extractor produces these; ``kb.rdf`` turns them into a graph.
Offsets are Python ``str`` indices (Unicode code points) into ``Report.text``, which is the
NFC-normalised text whose SHA-256 is the report's identity.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any

#: quantity qualifiers (the JSONL spelling; the ontology has one individual for each)
QUALIFIERS = ("exact", "approximate", "at_least", "at_most", "range", "vague", "unspecified")
#: claim statuses (the JSONL spelling; the ontology has one individual for each)
STATUSES = ("deployed", "arriving", "planned", "withdrawn", "denied")
#: the 19 top categories of the equipment scheme, as in gold.jsonl ``item_class``
ITEM_CLASSES = (
    "FighterAircraft",
    "AttackAircraft",
    "BomberAircraft",
    "TransportAircraft",
    "Helicopter",
    "AttackHelicopter",
    "TransportHelicopter",
    "Tank",
    "InfantryFightingVehicle",
    "ArmoredPersonnelCarrier",
    "Artillery",
    "AirDefenseSystem",
    "MissileSystem",
    "Ship",
    "Submarine",
    "Drone",
    "Personnel",
    "Unit",
    "Other",
)


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Span:
    """A half-open character range ``[start, end)`` of ``Report.text`` and the text it covers."""

    start: int
    end: int
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True)
class Quantity:
    """A count as stated. Never invent bounds the text does not give.

    exact: value=min=max; approximate: value only; at_least: min (value when stated);
    at_most: max (value None); range: min and max; vague: none (stated_as keeps the words);
    unspecified: no number at all.
    """

    qualifier: str = "unspecified"
    value: int | None = None
    min: int | None = None
    max: int | None = None
    stated_as: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"value": self.value, "min": self.min, "max": self.max, "qualifier": self.qualifier}


@dataclass(frozen=True)
class Attribution:
    """Who the report says the information comes from ("a senior United States official")."""

    text: str
    anonymous: bool = True
    #: actor catalog id of the source's affiliation ("united-states"), when known
    affiliation: str | None = None
    span: Span | None = None


@dataclass
class Claim:
    """One stated deployment: actor X has N of asset E at place P, according to A."""

    #: catalog ids (the slug after .../id/actor/, .../id/equipment/, .../id/place/)
    actor: str | None
    asset: str
    item_class: str
    item_text: str
    quantity: Quantity
    status: str
    sentence: Span
    mention: Span
    item_model: str | None = None
    place: str | None = None
    location_text: str | None = None
    #: display names for JSONL output ("Russia", "Latakia", "Syria")
    actor_name: str | None = None
    location_name: str | None = None
    country: str | None = None
    attributions: list[Attribution] = field(default_factory=list)
    #: when the stated state holds; previous estimates get valid_before instead
    valid_at: date | None = None
    valid_before: date | None = None
    #: index (in the report's claim list) of the claim that supersedes this one
    superseded_by: int | None = None
    confidence: float = 0.8
    #: extra evidence spans, e.g. the sentence of a corroborating statement
    corroborations: list[Span] = field(default_factory=list)

    def to_json(self, claims: list[Claim] | None = None) -> dict[str, Any]:
        """The gold.jsonl shape, plus ids, offsets and confidence."""
        first = self.attributions[0].text if self.attributions else None
        out: dict[str, Any] = {
            "actor": self.actor_name,
            "item_text": self.item_text,
            "item_class": self.item_class,
            "item_model": self.item_model,
            "quantity": self.quantity.to_json(),
            "location_text": self.location_text,
            "location_name": self.location_name,
            "country": self.country,
            "attributed_to": first,
            "status": self.status,
            "actor_id": self.actor,
            "asset_id": self.asset,
            "place_id": self.place,
            "stated_as": self.quantity.stated_as,
            "attributions": [a.text for a in self.attributions],
            "valid_at": self.valid_at.isoformat() if self.valid_at else None,
            "valid_before": self.valid_before.isoformat() if self.valid_before else None,
            "superseded_by": self.superseded_by,
            "confidence": self.confidence,
            "sentence": self.sentence.to_json(),
            "mention": self.mention.to_json(),
        }
        return out


@dataclass
class Report:
    """A news article as the KB stores it: normalised text plus metadata."""

    #: document id for output (file name without extension)
    id: str
    text: str
    title: str | None = None
    publisher: str | None = None
    authors: list[str] = field(default_factory=list)
    published: date | None = None
    source_url: str | None = None
    #: where the file came from (for messages), not part of identity
    origin: str | None = None
    media_type: str = "text/plain"

    @property
    def content_sha256(self) -> str:
        return sha256_hex(self.text)

    def metadata_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "publisher": self.publisher,
            "authors": list(self.authors),
            "published": self.published.isoformat() if self.published else None,
            "source_url": self.source_url,
            "content_sha256": self.content_sha256,
        }


@dataclass
class Extraction:
    """The result of extracting one report."""

    report: Report
    claims: list[Claim]
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        out = self.report.metadata_json()
        out["deployments"] = [c.to_json(self.claims) for c in self.claims]
        out["warnings"] = list(self.warnings)
        return out
