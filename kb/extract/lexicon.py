"""Lookup tables for the extractor, built once from the catalog (kb.catalog).

The extractor matches token sequences against one phrase index holding equipment labels,
generic heads, place names and actor names/adjectives. Building it costs a few tens of
milliseconds; ``Lexicon.from_catalog`` is cached per catalog object by the pipeline.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from kb.extract.heads import HEADS, UMBRELLA
from kb.extract.tokens import key_tuple, tokenize

#: company words that start a manufacturer + model mention ("Sukhoi Su-27")
MANUFACTURERS = frozenset(
    [
        "airbus",
        "almaz-antey",
        "antonov",
        "bae",
        "baykar",
        "bell",
        "beriev",
        "boeing",
        "chengdu",
        "dassault",
        "dynamics",
        "elbit",
        "embraer",
        "eurocopter",
        "eurofighter",
        "general",
        "grumman",
        "hal",
        "hanwha",
        "harbin",
        "iai",
        "ilyushin",
        "kamov",
        "kawasaki",
        "krauss-maffei",
        "leonardo",
        "lockheed",
        "mikoyan",
        "mil",
        "mitsubishi",
        "nexter",
        "northrop",
        "panavia",
        "raytheon",
        "rheinmetall",
        "saab",
        "shenyang",
        "sikorsky",
        "sukhoi",
        "tai",
        "tupolev",
        "uralvagonzavod",
        "xian",
        "yakovlev",
    ]
)
#: weekday and month names: capitalised, but never a ship, place or model name
CALENDAR_WORDS = frozenset(
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ]
)
#: catalog class labels that name places or nothing in particular
_NOT_ITEMS = frozenset(
    ["other", "unit", "units", "equipment", "outpost", "outposts", "base", "bases", "post", "posts"]
)
_STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "and",
        "or",
        "in",
        "on",
        "at",
        "to",
        "for",
        "with",
        "by",
        "from",
        "new",
        "old",
    ]
)

#: place kinds that are facilities (referred back to by "the base", "the airfield")
FACILITY_KINDS = frozenset({"AirBase", "NavalBase", "MilitaryBase", "Airport", "Port"})


@dataclass(frozen=True, slots=True)
class EquipmentHit:
    id: str
    item_class: str
    model: str | None
    label: str
    #: True for labels that are ordinary words (NATO names such as "Hip", "Condor"):
    #: they count only when capitalised and next to an equipment head or designation
    needs_head: bool


@dataclass(frozen=True, slots=True)
class PlaceHit:
    id: str
    name: str
    kind: str
    country_id: str | None
    country_name: str | None
    near: tuple[str, ...] = ()
    within: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ActorHit:
    id: str
    name: str
    #: the state an armed force belongs to (claims name the state)
    state_id: str
    state_name: str
    adjective: bool


@dataclass
class Lexicon:
    equipment: dict[tuple[str, ...], list[EquipmentHit]] = field(default_factory=dict)
    places: dict[tuple[str, ...], list[PlaceHit]] = field(default_factory=dict)
    actors: dict[tuple[str, ...], list[ActorHit]] = field(default_factory=dict)
    heads: dict[tuple[str, ...], str] = field(default_factory=lambda: dict(HEADS))
    place_by_id: dict[str, PlaceHit] = field(default_factory=dict)
    #: head phrase -> generic catalog concept id ("howitzers" -> "howitzer")
    generic_assets: dict[tuple[str, ...], str] = field(default_factory=dict)
    manufacturers: set[str] = field(default_factory=set)
    #: place id -> the places that lie in it or near it (facilities, regions)
    children: dict[str, list[PlaceHit]] = field(default_factory=dict)
    actor_by_id: dict[str, ActorHit] = field(default_factory=dict)
    #: first keys of every phrase: the cheap pre-filter
    first_keys: set[str] = field(default_factory=set)
    max_len: int = 1
    #: first keys and longest length of place names
    place_first: set[str] = field(default_factory=set)
    place_max_len: int = 1
    #: lower-case words whose presence makes a sentence worth deep processing
    triggers: set[str] = field(default_factory=set)
    raw_first: set[str] = field(default_factory=set)
    #: first key -> the phrase lengths that start with it, longest first
    lengths: dict[int, dict[str, tuple[int, ...]]] = field(default_factory=dict)

    def lengths_for(self, table: dict, first: str) -> tuple[int, ...]:
        """Lengths of the phrases of ``table`` starting with ``first``, longest first."""
        index = self.lengths.get(id(table))
        if index is None:
            acc: dict[str, set[int]] = {}
            for key in table:
                acc.setdefault(key[0], set()).add(len(key))
            index = {k: tuple(sorted(v, reverse=True)) for k, v in acc.items()}
            self.lengths[id(table)] = index
        return index.get(first, ())

    # ------------------------------------------------------------------ building

    def add_equipment(self, label: str, hit: EquipmentHit) -> None:
        self._add(self.equipment, label, hit)
        self.raw_first.add(label.split()[0].lower())

    def add_place(self, label: str, hit: PlaceHit) -> None:
        self._add(self.places, label, hit)

    def add_actor(self, label: str, hit: ActorHit) -> None:
        self._add(self.actors, label, hit)

    def _add(self, table: dict, label: str, hit: Any) -> None:
        key = key_tuple(label)
        if not key:
            return
        bucket = table.setdefault(key, [])
        if hit not in bucket:
            bucket.append(hit)
        self.max_len = max(self.max_len, len(key))
        if table is self.places:
            self.place_first.add(key[0])
            self.place_max_len = max(self.place_max_len, len(key))
        if table is self.equipment:
            self.first_keys.add(key[0])
            # designations: "Su 27" written as one token; plural "Su-27s"
            if len(key) == 1 and any(c.isdigit() for c in key[0]):
                self.equipment.setdefault((key[0] + "s",), bucket)
                self.first_keys.add(key[0] + "s")

    def finish(self) -> Lexicon:
        for key in self.heads:
            self.first_keys.add(key[0])
        self.triggers = (self.first_keys | self.raw_first) - _STOPWORDS
        for key in self.heads:
            self.triggers.add(key[0])
        self.max_len = max([self.max_len, *(len(k) for k in self.heads)])
        return self

    # ------------------------------------------------------------------ from the catalog

    @classmethod
    def from_catalog(cls, catalog: Any) -> Lexicon:
        lex = cls()
        if catalog is None:
            return lex.finish()
        concepts = list(_values(catalog, "equipment"))
        makers = {
            w.lower() for c in concepts for w in (getattr(c, "manufacturer", None) or "").split()
        } | MANUFACTURERS
        for concept in concepts:
            item_class = getattr(concept, "item_class", None) or "Other"
            model = getattr(concept, "model", None)
            nato = set(getattr(concept, "nato_names", None) or ())
            labels = {concept.label, *(getattr(concept, "labels", None) or ())}
            # a generic class ("howitzer", "attack helicopter") has no designation and a
            # lower-case name; a named type without designation ("Eurofighter Typhoon")
            # keeps its shortest proper name as the model
            generic = not model and concept.label[:1].islower()
            if not model and not generic:
                proper = sorted((x for x in labels if x[:1].isupper()), key=lambda x: (len(x), x))
                model = proper[0] if proper else None
            for label in sorted(labels):
                if not label:
                    continue
                key = key_tuple(label)
                if generic and key and key[-1] in UMBRELLA:
                    continue  # "weapons", "military equipment": lists, not items
                if generic and len(key) == 1 and key[0] in _NOT_ITEMS:
                    continue
                if generic and not label.isupper():
                    lex.heads.setdefault(key, item_class)
                    lex.generic_assets.setdefault(key, concept.id)
                    continue
                plain_word = label in nato or (label.isalpha() and not label.isupper())
                lex.add_equipment(
                    label,
                    EquipmentHit(concept.id, item_class, model, label, needs_head=plain_word),
                )
                words = label.split()
                if len(words) == 2 and words[0].lower() in makers and words[1][:1].isupper():
                    # "Eurocopter Tiger" is also written "Tiger" (next to a head noun)
                    lex.add_equipment(
                        words[1], EquipmentHit(concept.id, item_class, model, words[1], True)
                    )
            maker = getattr(concept, "manufacturer", None)
            if maker:
                lex.manufacturers.update(t.key for t in tokenize(maker))
        countries: dict[str, str] = {}
        for place in _values(catalog, "places"):
            hit = PlaceHit(
                place.id,
                place.name,
                getattr(place, "kind", "") or "",
                getattr(place, "country_id", None),
                getattr(place, "country_name", None),
                tuple(getattr(place, "near", None) or ()),
                tuple(getattr(place, "within", None) or ()),
            )
            lex.place_by_id[place.id] = hit
            for parent in sorted({*hit.near, *hit.within}):
                if hit.kind != "City":
                    lex.children.setdefault(parent, []).append(hit)
            if hit.kind == "Country":
                countries[place.id] = place.name
            for label in sorted({place.name, *(getattr(place, "labels", None) or ())}):
                if label:
                    lex.add_place(label, hit)
        actors = list(_values(catalog, "actors"))
        by_id = {a.id: a for a in actors}
        for actor in actors:
            state_id = getattr(actor, "state", None) or getattr(actor, "parent", None)
            state = by_id.get(state_id, actor) if state_id else actor
            for label in sorted({actor.name, *(getattr(actor, "labels", None) or ())}):
                if label:
                    hit = ActorHit(actor.id, actor.name, state.id, state.name, False)
                    lex.add_actor(label, hit)
                    lex.actor_by_id.setdefault(actor.id, hit)
            for adj in getattr(actor, "adjectives", None) or ():
                if adj:
                    lex.add_actor(adj, ActorHit(actor.id, actor.name, state.id, state.name, True))
        return lex.finish()


def _values(catalog: Any, name: str) -> Iterable[Any]:
    """The catalog's entries of one kind, whatever container it keeps them in."""
    for attr in (name, f"{name}_entries", f"all_{name}"):
        obj = getattr(catalog, attr, None)
        if obj is None:
            continue
        if callable(obj):
            obj = obj()
        if isinstance(obj, dict):
            return list(obj.values())
        return list(obj)
    return []
