"""World knowledge lookups: services, units, named ships, designations, bases abroad.

The facts are the ``world`` section of catalog.json, generated from the CSV tables in
``scripts/catalog_data/world/``; this module only reads them. Every state is an actor id of the
catalog ("united-states", "soviet-union"). Entry point: :func:`load_world`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from kb.catalog import Catalog, default_json_path, load_catalog, normalize_label


@dataclass(frozen=True)
class Service:
    """An armed service, branch or command ("RAF") and the state(s) it may belong to."""

    label: str
    #: candidate states, most likely first; several for "IAF" (Israel, India)
    states: tuple[str, ...]
    branch: str


@dataclass(frozen=True)
class ShipHit:
    """A named warship or submarine resolved to its class and navy."""

    name: str
    prefix: str | None
    #: the class as GUIDELINES name it, without "-class" ("Arleigh Burke", "Type 055")
    ship_class: str
    #: the equipment concept of the class
    equipment: str
    #: Ship or Submarine
    item_class: str
    state: str


@dataclass(frozen=True)
class UnitHit:
    """A numbered formation ("48th Fighter Wing") with what can be said of its nationality."""

    text: str
    #: squadron, wing, group, brigade, division, regiment, battalion, fleet, corps, army, ...
    kind: str
    number: str
    #: candidate states; one when the unit's nationality is determinable
    states: tuple[str, ...]
    #: the service named in the phrase ("RAF"), if any
    service: str | None


@dataclass(frozen=True)
class Designation:
    """An equipment mention resolved to the model to report and its item class."""

    #: the canonical model or the stated variant ("F-15C", "R-12", "Pantsir-S1")
    model: str
    #: the equipment concept (the family for a variant)
    equipment: str
    item_class: str
    #: True when ``model`` is a variant of the concept's model kept as stated
    variant: bool


@dataclass(frozen=True)
class HistoricalState:
    """A state of the past with its period and the present state on most of its territory."""

    id: str
    start: int
    end: int
    successor: str


#: nouns that may stand before a ship's name ("the destroyer USS Mason")
_SHIP_NOUN = re.compile(
    r"^(?:the\s+)?(?:[A-Z][\w.]*\s+)?(?:(?:nuclear-powered|guided-missile|amphibious|fast attack|"
    r"attack|ballistic missile|aircraft|helicopter|landing|assault|missile|patrol|dock|"
    r"transport|tank|large|command)\s+)*(?P<noun>carrier|supercarrier|destroyer|cruiser|frigate|"
    r"corvette|submarine|sub|warship|ship|vessel|boat|assault ship|landing ship|dock|"
    r"battlecruiser|flagship)\s+",
    re.IGNORECASE,
)
_HULL = re.compile(r"\s*\((?:[A-Z]{1,5}-?\s?\d{1,4}|\d{1,4})\)\s*$")
_ORDINAL = r"\d+(?:st|nd|rd|th)"
_NUMBER = re.compile(
    rf"\b(?P<num>{_ORDINAL}|No\.?\s*\d+|\d+|[IVXL]+(?=\s)|First|Second|Third|Fourth|Fifth|Sixth|"
    r"Seventh|Eighth|Ninth|Tenth)\b"
)
_COMMONWEALTH_NO = ("GB", "AU", "CA", "IN", "PK", "NZ")
#: a variant suffix after a family designation: F-15C, M109A6, Su-30MKI, T-72B3, AH-64E
_VARIANT = re.compile(r"^[-\s]?(?:[A-Z]{1,4}\d{0,2}|A\d{1,2}[A-Z]?\d?)(?:[-\s]?\d)?$")


class World:
    """Indexes over the ``world`` section; build with :func:`load_world`."""

    def __init__(self, data: dict[str, Any], catalog: Catalog) -> None:
        self.catalog = catalog
        self.services: dict[str, Service] = {}
        for s in data["services"]:
            self.services[normalize_label(s["label"])] = Service(
                s["label"], tuple(s["states"]), s["branch"]
            )
        for actor in catalog.actors.values():  # the armed forces already in actors.ttl
            if actor.kind == "ArmedForce" and actor.state:
                for label in actor.labels:
                    self.services.setdefault(
                        normalize_label(label), Service(label, (actor.state,), "armed forces")
                    )
        self._service_keys = sorted(self.services, key=len, reverse=True)
        self.prefixes = {p["prefix"]: tuple(p["states"]) for p in data["ship_prefixes"]}
        self.classes = {c["class"]: c for c in data["ship_classes"]}
        self.ships: dict[str, list[dict[str, Any]]] = {}
        for ship in data["ships"]:
            self.ships.setdefault(normalize_label(ship["name"]), []).append(ship)
        self.designations = {normalize_label(d["alias"]): d for d in data["designations"]}
        self.unit_heads = {u["head"].lower(): u for u in data["unit_kinds"]}
        self._heads = sorted(self.unit_heads, key=len, reverse=True)
        self.fleets = {f["number"]: tuple(f["states"]) for f in data["numbered_fleets"]}
        self.bases: dict[str, dict[str, Any]] = {}
        for base in data["bases_abroad"]:
            self.bases[normalize_label(base["place"])] = base
            for pid in base["place_ids"]:
                self.bases.setdefault("id:" + pid, base)
        self.history = {
            h["id"]: HistoricalState(h["id"], h["start"], h["end"], h["successor"])
            for h in data["historical_states"]
        }
        self._iso = {
            p.country_code: p.id for p in catalog.places.values() if p.kind == "Country"
        }

    # --- services -----------------------------------------------------------------------

    def service(self, label: str) -> Service | None:
        """The service named exactly ``label`` ("RAF", "the Marine Corps", "PLA Navy")."""
        text = re.sub(r"^(?:the|a)\s+", "", label.strip(), flags=re.IGNORECASE)
        text = re.sub(r"['\u2019]s$", "", text)
        return self.services.get(normalize_label(text))

    def services_in(self, text: str) -> list[tuple[int, int, Service]]:
        """Service names occurring in ``text`` as whole words, leftmost-longest, in order.
        All-capital abbreviations ("IAF", "PLAN") match only in capitals."""
        found: list[tuple[int, int, Service]] = []
        taken = [False] * len(text)
        for key in self._service_keys:
            service = self.services[key]
            label = service.label
            flags = 0 if label.isupper() or len(label) <= 4 else re.IGNORECASE
            pattern = r"(?<![\w.])" + r"[\s-]*".join(map(re.escape, label.split())) + r"(?!\w)"
            for m in re.finditer(pattern, text, flags):
                if not any(taken[m.start() : m.end()]):
                    found.append((m.start(), m.end(), service))
                    taken[m.start() : m.end()] = [True] * (m.end() - m.start())
        return sorted(found, key=lambda x: x[0])

    def resolve_service(self, label: str, context: str = "") -> str | None:
        """The state of service ``label``; for an ambiguous one ("IAF"), the candidate named
        in ``context`` (by name or adjective: "Israeli", "India"), else None."""
        service = self.service(label)
        if service is None:
            return None
        if len(service.states) == 1:
            return service.states[0]
        return self._pick(service.states, context)

    def _pick(self, candidates: Iterable[str], context: str) -> str | None:
        hits = [s for s in candidates if self._named_in(s, context)]
        return hits[0] if len(hits) == 1 else None

    def _named_in(self, actor_id: str, text: str) -> bool:
        actor = self.catalog.actors.get(actor_id)
        if actor is None or not text:
            return False
        for word in actor.labels + actor.adjectives:
            if re.search(r"(?<!\w)" + re.escape(word) + r"(?!\w)", text):
                return True
        return False

    # --- ships --------------------------------------------------------------------------

    def ships_named(self, text: str) -> list[ShipHit]:
        """Every ship ``text`` may name: "USS Gerald R. Ford", "the carrier Gerald R. Ford",
        "Admiral Kuznetsov", "HMS Prince of Wales (R09)". A bare name counts only when the
        catalog marks it unambiguous (several words, no place or actor of that name); a prefix
        or a ship noun in front makes any listed name count. Prefixes filter by navy."""
        text = _HULL.sub("", text.strip())
        noun = None
        m = _SHIP_NOUN.match(text + " ")
        if m:
            noun = m.group("noun").lower()
            text = text[m.end() :].strip() if m.end() <= len(text) else ""
        text = re.sub(r"^(?:the)\s+", "", text, flags=re.IGNORECASE)
        prefix = None
        head, _, rest = text.partition(" ")
        if head in self.prefixes and rest:
            prefix, text = head, rest
        candidates = self.ships.get(normalize_label(text), [])
        if prefix is None and noun is None:
            candidates = [c for c in candidates if c["bare"]]
        if prefix is not None and self.prefixes[prefix]:
            candidates = [c for c in candidates if c["state"] in self.prefixes[prefix]]
        hits = []
        for c in candidates:
            cls = self.classes[c["class"]]
            if noun in ("submarine", "sub") and cls["item_class"] != "Submarine":
                continue
            hits.append(
                ShipHit(c["name"], prefix, c["class"], cls["equipment"], cls["item_class"],
                        c["state"])
            )
        return hits

    def ship(self, text: str, context: str = "") -> ShipHit | None:
        """The one ship ``text`` names (see :meth:`ships_named`); when several navies have a
        ship of that name, the one whose state ``context`` names; else None."""
        hits = self.ships_named(text)
        if len(hits) > 1:
            state = self._pick({h.state for h in hits}, context)
            hits = [h for h in hits if h.state == state]
        return hits[0] if len(hits) == 1 else None

    def ship_class(self, name: str) -> dict[str, Any] | None:
        """A class by name ("Arleigh Burke", "Arleigh Burke-class", "Type 055")."""
        name = re.sub(r"[-\s]class\b.*$", "", name.strip(), flags=re.IGNORECASE)
        return self.classes.get(name)

    # --- units --------------------------------------------------------------------------

    def unit(self, text: str, context: str = "") -> UnitHit | None:
        """A numbered formation: "3rd Brigade Combat Team", "the RAF's No. 1 Squadron",
        "6th Fleet", "Russia's 20th Guards Combined Arms Army". Nationality from a service or
        state named in the phrase, then the unit kind's usual owner (Fighter Wing -> US), then
        a single state named in ``context``; None without a number and a unit head."""
        phrase = " ".join(text.split())
        low = phrase.lower()
        head = next((h for h in self._heads if re.search(rf"\b{re.escape(h)}\b", low)), None)
        if head is None:
            return None
        pos = re.search(rf"\b{re.escape(head)}\b", low)
        assert pos is not None
        numbers = list(_NUMBER.finditer(phrase[: pos.start()]))
        if not numbers:
            return None
        number = numbers[-1].group("num")
        kind = self.unit_heads[head]["kind"]
        services = self.services_in(phrase)
        service = services[0][2] if services else None
        states: tuple[str, ...] = ()
        if service is not None:
            states = service.states
        if not states:
            states = tuple(
                a.id
                for a in self.catalog.actors.values()
                if a.kind == "State" and self._named_in(a.id, phrase[: pos.start()])
            )
        if not states and kind == "fleet" and re.fullmatch(_ORDINAL, number):
            states = self.fleets.get(number, ())
        if not states:
            states = tuple(self.unit_heads[head]["states"])
        if not states and number.lower().startswith("no"):
            states = tuple(self._iso[c] for c in _COMMONWEALTH_NO if c in self._iso)
        if len(states) > 1 and context:
            picked = self._pick(states, context)
            states = (picked,) if picked else states
        return UnitHit(phrase, kind, number, states, service.label if service else None)

    # --- designations -------------------------------------------------------------------

    def designation(self, text: str) -> Designation | None:
        """The model to report for an equipment mention: "SS-4" -> R-12, "SA-22" -> Pantsir-S1,
        "F-15C" -> F-15C (family F-15), "M109A6" -> M109A6, "Flanker" -> Su-27."""
        text = " ".join(text.split())
        alias = self.designations.get(normalize_label(text))
        if alias is not None:
            concept = self.catalog.equipment[alias["equipment"]]
            return Designation(concept.model or concept.label, concept.id, concept.item_class,
                               False)
        found = self.catalog.equipment_by_label(text)
        if len(found) == 1:
            concept = found[0]
            if concept.model is None:
                return None
            variant = _variant_of(text, concept.model)
            if variant is not None:
                return Designation(variant, concept.id, concept.item_class, True)
            stated, model = normalize_label(text), normalize_label(concept.model)
            if stated != model and model.startswith(stated) and any(ch.isdigit() for ch in text):
                # a label naming one of the concept's variants: "F/A-18E" of "F/A-18E/F"
                return Designation(text, concept.id, concept.item_class, True)
            return Designation(concept.model, concept.id, concept.item_class, False)
        if found:
            return None
        for cut in range(len(text) - 1, 1, -1):
            family = self.catalog.equipment_by_label(text[:cut])
            if len(family) == 1 and family[0].model:
                variant = _variant_of(text, family[0].model)
                if variant is not None:
                    c = family[0]
                    return Designation(variant, c.id, c.item_class, True)
        return None

    # --- places -------------------------------------------------------------------------

    def base_operators(self, place: str) -> tuple[str, ...]:
        """The states that operate a base abroad ("Camp Lemonnier" -> united-states), by name
        or catalog place id; empty for a place not listed (its host then is the default)."""
        base = self.bases.get(normalize_label(place)) or self.bases.get("id:" + place)
        return tuple(base["operators"]) if base else ()

    def base_host(self, place: str) -> str | None:
        """The state on whose territory a listed base abroad lies (None if not listed)."""
        base = self.bases.get(normalize_label(place)) or self.bases.get("id:" + place)
        return base["host"] if base else None

    def historical_state(self, actor_id: str) -> HistoricalState | None:
        """Period and successor of a historical state ("soviet-union": 1922-1991, Russia)."""
        return self.history.get(actor_id)


def _variant_of(text: str, model: str) -> str | None:
    """``text`` as a variant of ``model`` (same designation plus a variant suffix), written with
    the model's spelling: ("F15C", "F-15") -> "F-15C"; None when it is not one."""
    parts = re.findall(r"[A-Za-z]+|\d+|/", model)
    if not parts:
        return None
    pattern = r"[-\s]?".join(re.escape(p) for p in parts)
    m = re.match(pattern, text, re.IGNORECASE)
    if m is None:
        return None
    suffix = text[m.end() :]
    if not suffix or not _VARIANT.match(suffix) or suffix.strip("- ").isdigit():
        return None
    if model[-1:].isalpha():
        # "Tora" is not a variant of "Tor"; "Iskander-M" and "Patriot PAC-3" keep the separator
        return model + suffix if suffix[:1] in "- " else None
    return model + suffix.lstrip("- ")


@lru_cache(maxsize=4)
def load_world(path: str | Path | None = None) -> World:
    """The world knowledge of catalog.json (the shipped one by default); cached per process."""
    json_path = Path(path) if path is not None else default_json_path()
    data = json.loads(json_path.read_text(encoding="utf-8"))
    if "world" not in data:
        raise ValueError(f"catalog file {json_path} has no world section (rebuild it)")
    return World(data["world"], load_catalog(path))
