"""A small stand-in with the documented kb.catalog API, used until the real catalog lands."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class EquipmentConcept:
    id: str
    label: str
    item_class: str
    model: str | None = None
    labels: tuple[str, ...] = ()
    broader: str | None = None
    manufacturer: str | None = None


@dataclass(frozen=True)
class PlaceEntry:
    id: str
    name: str
    kind: str
    country_id: str | None = None
    country_name: str | None = None
    lat: float | None = None
    lon: float | None = None
    within: tuple[str, ...] = ()
    near: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()
    icao: str | None = None


@dataclass(frozen=True)
class ActorEntry:
    id: str
    name: str
    kind: str
    adjectives: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()
    territory: str | None = None
    parent: str | None = None


def _eq(id, label, cls, model, *labels, maker=None):
    return EquipmentConcept(id, label, cls, model, tuple(labels), cls, maker)


@dataclass
class CatalogDouble:
    equipment: dict[str, EquipmentConcept] = field(default_factory=dict)
    places: dict[str, PlaceEntry] = field(default_factory=dict)
    actors: dict[str, ActorEntry] = field(default_factory=dict)

    def equipment_by_label(self, text):
        t = text.lower()
        return [
            c for c in self.equipment.values() if t in {x.lower() for x in (c.label, *c.labels)}
        ]

    def places_by_name(self, text):
        t = text.lower()
        return [p for p in self.places.values() if t in {x.lower() for x in (p.name, *p.labels)}]

    def actor_by_name_or_adjective(self, text):
        t = text.lower()
        for a in self.actors.values():
            if t in {x.lower() for x in (a.name, *a.labels, *a.adjectives)}:
                return a
        return None

    def country_of(self, place_id):
        p = self.places.get(place_id)
        return p.country_id if p else None


def build() -> CatalogDouble:
    eq = [
        _eq(
            "su-27", "Sukhoi Su-27", "FighterAircraft", "Su-27", "Su-27", "Flanker", maker="Sukhoi"
        ),
        _eq("su-24", "Sukhoi Su-24", "AttackAircraft", "Su-24", "Su-24", "Fencer"),
        _eq("su-25", "Sukhoi Su-25", "AttackAircraft", "Su-25", "Su-25", "Frogfoot"),
        _eq("su-30", "Sukhoi Su-30", "FighterAircraft", "Su-30", "Su-30", "Su-30SM"),
        _eq("mi-8", "Mil Mi-8", "TransportHelicopter", "Mi-8", "Mi-8", "Mi-17", "Hip"),
        _eq("mi-24", "Mil Mi-24", "AttackHelicopter", "Mi-24", "Mi-24", "Mi-35", "Hind"),
        _eq("an-124", "Antonov An-124 Ruslan", "TransportAircraft", "An-124", "An-124", "Condor"),
        _eq("t-90", "T-90", "Tank", "T-90", "T-90"),
        _eq("s-400", "S-400 Triumf", "AirDefenseSystem", "S-400", "S-400", "SA-21 Growler"),
        _eq("f-16", "General Dynamics F-16 Fighting Falcon", "FighterAircraft", "F-16", "F-16"),
        _eq("m1-abrams", "M1 Abrams", "Tank", "M1 Abrams", "Abrams", "M1A2 Abrams"),
        _eq("naval-infantry", "naval infantry", "Personnel", None, "marines"),
    ]
    pl = [
        PlaceEntry("syria", "Syria", "Country", "syria", "Syria"),
        PlaceEntry(
            "latakia", "Latakia", "City", "syria", "Syria", within=("syria",), labels=("Lattakia",)
        ),
        PlaceEntry(
            "hmeimim-air-base",
            "Hmeimim Air Base",
            "AirBase",
            "syria",
            "Syria",
            within=("syria",),
            near=("latakia",),
            labels=("Hmeimim", "Khmeimim"),
        ),
        PlaceEntry("tartus", "Tartus", "City", "syria", "Syria", within=("syria",)),
        PlaceEntry("estonia", "Estonia", "Country", "estonia", "Estonia"),
        PlaceEntry("tapa", "Tapa", "City", "estonia", "Estonia", within=("estonia",)),
        PlaceEntry("poland", "Poland", "Country", "poland", "Poland"),
        PlaceEntry("russia", "Russia", "Country", "russia", "Russia"),
        PlaceEntry("washington", "Washington", "City", "united-states", "United States"),
        PlaceEntry("london", "London", "City", "united-kingdom", "United Kingdom"),
        PlaceEntry("crimea", "Crimea", "Region", "ukraine", "Ukraine"),
        PlaceEntry("ukraine", "Ukraine", "Country", "ukraine", "Ukraine"),
    ]
    ac = [
        ActorEntry(
            "russia", "Russia", "State", ("Russian",), ("Moscow", "Russian Federation"), "russia"
        ),
        ActorEntry(
            "united-states",
            "United States",
            "State",
            ("American", "U.S.", "US"),
            ("U.S.", "USA", "United States of America", "Washington"),
            "united-states",
        ),
        ActorEntry(
            "united-kingdom",
            "United Kingdom",
            "State",
            ("British",),
            ("Britain", "UK"),
            "united-kingdom",
        ),
        ActorEntry("syria", "Syria", "State", ("Syrian",), (), "syria"),
        ActorEntry("nato", "NATO", "Alliance", (), ("North Atlantic Treaty Organization",)),
        ActorEntry("russian-navy", "Russian Navy", "ArmedForce", (), (), None, "russia"),
    ]
    return CatalogDouble({e.id: e for e in eq}, {p.id: p for p in pl}, {a.id: a for a in ac})
