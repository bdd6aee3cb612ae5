"""Lookups in the reference catalog (equipment types, places, actors) for the extractor.

The catalog is authored as Turtle under ``ontology/catalog/`` by ``scripts/build_catalog.py``,
which also writes ``ontology/catalog/catalog.json``: the same facts in a compact form that loads
in a few milliseconds (parsing the Turtle with rdflib takes seconds). Nothing here touches RDF.

Ids are the catalog slugs (``su-27``, ``latakia``, ``russia``), i.e. what ``Claim.actor``,
``Claim.asset`` and ``Claim.place`` hold. Every name lookup is case-insensitive and ignores
hyphens, spaces, dots, slashes, apostrophes and diacritics ("Su27" = "SU-27" = "su 27"; "U.S." =
"US"); when nothing matches, a simple English plural is tried ("Flankers", "T-90s", "howitzers").

Many names are also ordinary words ("Hip", "Bear", "Patriot", "US", the Iraqi town "Hit"). Pass
``exact_case=True`` to honour the case of such labels: a label that has a capital letter and no
digit then only matches text with the same capitals ("Hip" matches "Hip"/"Hips", not "hip");
labels with a digit ("Su-27") or without capitals ("howitzer") still match in any case.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

#: characters dropped when comparing labels
_IGNORED = set("-\u2010\u2011\u2012\u2013\u2014\u2015\u2212/.'\u2018\u2019\u02bc`\u00b4,()")

#: order of place kinds when one name matches several places (most likely meaning first)
PLACE_KIND_ORDER = (
    "Country",
    "City",
    "Region",
    "AirBase",
    "NavalBase",
    "MilitaryBase",
    "Facility",
    "Airport",
    "Port",
)
#: order of actor kinds when one name matches several actors
ACTOR_KIND_ORDER = ("State", "Alliance", "ArmedForce")


#: letters that Unicode does not decompose into a base letter plus a diacritic
LETTER_FOLDS = str.maketrans(
    {
        "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D",
        "ħ": "h", "Ħ": "H", "ı": "i", "ß": "ss", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe",
        "þ": "th", "Þ": "Th",
    }
)  # fmt: skip


def normalize_label(text: str) -> str:
    """The comparison key of a label: NFKC, casefolded, without diacritics, separators or dots."""
    folded = unicodedata.normalize("NFKC", text).casefold().translate(LETTER_FOLDS)
    decomposed = unicodedata.normalize("NFKD", folded)
    return "".join(
        ch
        for ch in decomposed
        if not unicodedata.combining(ch) and not ch.isspace() and ch not in _IGNORED
    )


def label_is_case_sensitive(label: str) -> bool:
    """True for labels that are proper names which could also be common words: they have a
    capital letter and no digit ("Hip", "US", "Latakia"; not "Su-27" or "howitzer")."""
    return any(ch.isupper() for ch in label) and not any(ch.isdigit() for ch in label)


def _case_key(text: str) -> str:
    """Like :func:`normalize_label` but keeping the case."""
    folded = unicodedata.normalize("NFKC", text).translate(LETTER_FOLDS)
    decomposed = unicodedata.normalize("NFKD", folded)
    return "".join(
        ch
        for ch in decomposed
        if not unicodedata.combining(ch) and not ch.isspace() and ch not in _IGNORED
    )


def _plural_stems(key: str) -> list[str]:
    """Singular candidates of a normalised key, most specific first."""
    out = []
    if key.endswith("ies") and len(key) > 4:
        out.append(key[:-3] + "y")
    if key.endswith("es") and len(key) > 3:
        out.append(key[:-2])
    if key.endswith("s") and len(key) > 2:
        out.append(key[:-1])
    return out


@dataclass(frozen=True)
class EquipmentConcept:
    """A concept of the equipment scheme (a model, a family, a generic class or a top category)."""

    id: str
    label: str
    #: the top concept reached through skos:broader (one of kb.model.ITEM_CLASSES)
    item_class: str
    #: the model as news names it ("Su-27", "Iskander", "Kilo-class"); None for generic classes
    #: ("howitzer"), top concepts, personnel and unit types. The technical designation is the
    #: Turtle's skos:notation ("9K720", "Project 636").
    model: str | None
    #: every surface form: prefLabel, altLabels (NATO names, designations, spellings)
    labels: tuple[str, ...]
    #: the parent concept id; None for the 19 top concepts
    broader: str | None
    manufacturer: str | None
    #: NATO reporting names among the labels ("Flanker"): match them case-sensitively
    nato_names: tuple[str, ...] = ()

    @property
    def is_top(self) -> bool:
        return self.broader is None


@dataclass(frozen=True)
class PlaceEntry:
    """A place of the catalog: country, region, city or facility, with a WGS84 point."""

    id: str
    name: str
    #: Country | Region | City | AirBase | NavalBase | MilitaryBase | Facility | Airport | Port
    kind: str
    #: the country place id (itself for a country); None for seas and other unowned regions
    country_id: str | None
    country_name: str | None
    lat: float
    lon: float
    #: ids of the places this one lies in (geo:sfWithin)
    within: tuple[str, ...]
    #: ids of places news locates this one by (dkb:near, includes shared airfields)
    near: tuple[str, ...]
    labels: tuple[str, ...]
    icao: str | None = None
    #: ISO 3166-1 alpha-2 code of the country the place is in
    country_code: str | None = None
    #: GeoNames population, used to rank places that share a name (0 when unknown)
    population: int = 0
    #: the sovereign state's country place: the country itself, or for a place in a dependent
    #: territory (Guam, Greenland) the state it belongs to (united-states, denmark)
    sovereign_id: str | None = None


@dataclass(frozen=True)
class ActorEntry:
    """A state, alliance or armed force that deploys forces."""

    id: str
    name: str
    #: State | Alliance | ArmedForce
    kind: str
    #: adjectives that name the actor in text ("Russian", "U.S.")
    adjectives: tuple[str, ...]
    #: names and alternative names (not the adjectives)
    labels: tuple[str, ...]
    #: the country place a state governs
    territory: str | None
    #: for an armed force, the state it belongs to; for a state, itself; else None
    state: str | None
    #: for an alliance, its member states
    members: tuple[str, ...] = ()


class Catalog:
    """In-memory catalog with label indexes. Build with :func:`load_catalog`."""

    def __init__(
        self,
        equipment: Iterable[EquipmentConcept],
        places: Iterable[PlaceEntry],
        actors: Iterable[ActorEntry],
    ) -> None:
        self.equipment: dict[str, EquipmentConcept] = {c.id: c for c in equipment}
        self.places: dict[str, PlaceEntry] = {p.id: p for p in places}
        self.actors: dict[str, ActorEntry] = {a.id: a for a in actors}
        self._eq_index = _Index((c.id, c.labels) for c in self.equipment.values())
        self._place_index = _Index((p.id, p.labels) for p in self.places.values())
        self._actor_index = _Index((a.id, a.labels + a.adjectives) for a in self.actors.values())

    # --- equipment ------------------------------------------------------------------------

    def equipment_by_label(self, text: str, *, exact_case: bool = False) -> list[EquipmentConcept]:
        """Concepts having ``text`` as a label (normalised; plural fallback), sorted by id.

        Usually zero or one; several only for deliberately ambiguous labels ("Growler")."""
        return [self.equipment[i] for i in sorted(self._eq_index.lookup(text, exact_case))]

    def item_class_of(self, concept_id: str) -> str | None:
        """The top concept (item_class) above ``concept_id``; None for an unknown id."""
        concept = self.equipment.get(concept_id)
        return concept.item_class if concept else None

    def broader_chain(self, concept_id: str) -> list[str]:
        """``concept_id`` and its ancestors up to the top concept (empty for an unknown id)."""
        chain: list[str] = []
        current = self.equipment.get(concept_id)
        while current is not None and current.id not in chain:
            chain.append(current.id)
            current = self.equipment.get(current.broader) if current.broader else None
        return chain

    # --- places ---------------------------------------------------------------------------

    def places_by_name(self, text: str, *, exact_case: bool = False) -> list[PlaceEntry]:
        """Places having ``text`` as a name, most likely first: by kind (country, city,
        region, bases, airports), then by population, then id."""
        found = [self.places[i] for i in self._place_index.lookup(text, exact_case)]
        return sorted(found, key=_place_rank)

    def country_of(self, place_id: str) -> PlaceEntry | None:
        """The country place containing ``place_id`` (a country is its own country)."""
        place = self.places.get(place_id)
        if place is None or place.country_id is None:
            return None
        return self.places.get(place.country_id)

    def sovereign_of(self, place_id: str) -> PlaceEntry | None:
        """The sovereign state's country place for ``place_id`` (Camp Blaz -> United States,
        although its ISO country is Guam); None for seas and unknown ids."""
        place = self.places.get(place_id)
        if place is None or place.sovereign_id is None:
            return None
        return self.places.get(place.sovereign_id)

    def facilities_near(
        self, place_id: str, kinds: Iterable[str] | None = None
    ) -> list[PlaceEntry]:
        """Facilities (bases, airports, ports) located near ``place_id`` via dkb:near ("an air
        base near Latakia" -> Hmeimim), optionally only of ``kinds``; bases before airports."""
        wanted = set(kinds) if kinds is not None else None
        found = [
            p
            for p in self.places.values()
            if place_id in p.near
            and p.kind not in ("Country", "City", "Region")
            and (wanted is None or p.kind in wanted)
        ]
        return sorted(found, key=_place_rank)

    def place_by_icao(self, code: str) -> list[PlaceEntry]:
        """Places carrying ICAO code ``code`` (an air base and the airport it shares, say)."""
        code = code.strip().upper()
        return sorted((p for p in self.places.values() if p.icao == code), key=_place_rank)

    # --- actors ---------------------------------------------------------------------------

    def actors_by_name_or_adjective(
        self, text: str, *, exact_case: bool = False
    ) -> list[ActorEntry]:
        """Actors named or qualified by ``text`` ("Russia", "Russian", "U.S.", "NATO"),
        states first, then alliances, then armed forces."""
        found = [self.actors[i] for i in self._actor_index.lookup(text, exact_case)]
        return sorted(found, key=lambda a: (_rank(ACTOR_KIND_ORDER, a.kind), a.id))

    def actor_by_name_or_adjective(
        self, text: str, *, exact_case: bool = False
    ) -> ActorEntry | None:
        """The best actor for ``text`` (see :meth:`actors_by_name_or_adjective`), or None."""
        found = self.actors_by_name_or_adjective(text, exact_case=exact_case)
        return found[0] if found else None

    def state_of(self, actor_id: str) -> ActorEntry | None:
        """The state an actor is or belongs to (None for alliances and non-state groups)."""
        actor = self.actors.get(actor_id)
        return self.actors.get(actor.state) if actor and actor.state else None

    # --- labels for building matchers ----------------------------------------------------

    def equipment_labels(self) -> dict[str, tuple[str, ...]]:
        """Every equipment surface form (original spelling) -> the concept ids it names."""
        return _labels((c.id, c.labels) for c in self.equipment.values())

    def place_labels(self) -> dict[str, tuple[str, ...]]:
        """Every place name (original spelling) -> the place ids it names."""
        return _labels((p.id, p.labels) for p in self.places.values())

    def actor_labels(self) -> dict[str, tuple[str, ...]]:
        """Every actor name and adjective (original spelling) -> the actor ids it names."""
        return _labels((a.id, a.labels + a.adjectives) for a in self.actors.values())


class _Index:
    """Label -> ids, case-insensitive, plus a case-keeping index for ``exact_case`` lookups."""

    def __init__(self, entries: Iterable[tuple[str, tuple[str, ...]]]) -> None:
        folded: dict[str, set[str]] = {}
        cased: dict[str, set[str]] = {}
        for ident, labels in entries:
            for label in labels:
                key = normalize_label(label)
                if not key:
                    continue
                folded.setdefault(key, set()).add(ident)
                if label_is_case_sensitive(label):
                    cased.setdefault(_case_key(label), set()).add(ident)
                else:
                    self_key = "\0" + key  # matches whatever the case of the text
                    cased.setdefault(self_key, set()).add(ident)
        self.folded = {k: tuple(sorted(v)) for k, v in folded.items()}
        self.cased = {k: tuple(sorted(v)) for k, v in cased.items()}

    def lookup(self, text: str, exact_case: bool = False) -> tuple[str, ...]:
        key = normalize_label(text)
        if not key:
            return ()
        if not exact_case:
            return _first_hit(self.folded, [key, *_plural_stems(key)])
        case_key = _case_key(text)
        keys = [case_key, *_plural_stems(case_key)]
        found = set(_first_hit(self.cased, keys))
        found |= set(_first_hit(self.cased, ["\0" + k for k in [key, *_plural_stems(key)]]))
        return tuple(sorted(found))


def _first_hit(index: dict[str, tuple[str, ...]], keys: list[str]) -> tuple[str, ...]:
    for key in keys:
        if key in index:
            return index[key]
    return ()


def _labels(entries: Iterable[tuple[str, tuple[str, ...]]]) -> dict[str, tuple[str, ...]]:
    out: dict[str, set[str]] = {}
    for ident, labels in entries:
        for label in labels:
            out.setdefault(label, set()).add(ident)
    return {k: tuple(sorted(v)) for k, v in sorted(out.items())}


def _rank(order: tuple[str, ...], kind: str) -> int:
    return order.index(kind) if kind in order else len(order)


def _place_rank(place: PlaceEntry) -> tuple[int, int, str]:
    return (_rank(PLACE_KIND_ORDER, place.kind), -place.population, place.id)


# --- loading ---------------------------------------------------------------------------------


def catalog_from_json(data: dict[str, Any]) -> Catalog:
    """Build a :class:`Catalog` from the structure of ``catalog.json``."""
    equipment = [
        EquipmentConcept(
            id=e["id"],
            label=e["label"],
            item_class=e["item_class"],
            model=e.get("model"),
            labels=tuple(e["labels"]),
            broader=e.get("broader"),
            manufacturer=e.get("manufacturer"),
            nato_names=tuple(e.get("nato_names", ())),
        )
        for e in data["equipment"]
    ]
    places = [
        PlaceEntry(
            id=p["id"],
            name=p["name"],
            kind=p["kind"],
            country_id=p.get("country_id"),
            country_name=p.get("country_name"),
            lat=float(p["lat"]),
            lon=float(p["lon"]),
            within=tuple(p.get("within", ())),
            near=tuple(p.get("near", ())),
            labels=tuple(p["labels"]),
            icao=p.get("icao"),
            country_code=p.get("country_code"),
            population=int(p.get("population", 0)),
            sovereign_id=p.get("sovereign_id"),
        )
        for p in data["places"]
    ]
    actors = [
        ActorEntry(
            id=a["id"],
            name=a["name"],
            kind=a["kind"],
            adjectives=tuple(a.get("adjectives", ())),
            labels=tuple(a["labels"]),
            territory=a.get("territory"),
            state=a.get("state"),
            members=tuple(a.get("members", ())),
        )
        for a in data["actors"]
    ]
    return Catalog(equipment, places, actors)


def default_json_path() -> Path:
    """Where the shipped ``catalog.json`` lives (inside the installed ``ontology`` package)."""
    import ontology

    return ontology.path("catalog", "catalog.json")


@lru_cache(maxsize=4)
def load_catalog(path: str | Path | None = None) -> Catalog:
    """The catalog from ``catalog.json`` (the shipped one by default); cached per process.

    Raises ``FileNotFoundError`` / ``ValueError`` with a one-line message when the file is
    missing or not a catalog."""
    json_path = Path(path) if path is not None else default_json_path()
    try:
        data = json.loads(json_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise FileNotFoundError(
            f"catalog file not found: {json_path} (run scripts/build_catalog.py)"
        ) from None
    except json.JSONDecodeError as exc:
        raise ValueError(f"catalog file {json_path} is not valid JSON: {exc}") from None
    if not isinstance(data, dict) or not {"equipment", "places", "actors"} <= data.keys():
        raise ValueError(f"catalog file {json_path} lacks equipment/places/actors")
    try:
        return catalog_from_json(data)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ValueError(f"catalog file {json_path} has a malformed entry: {exc!r}") from None
