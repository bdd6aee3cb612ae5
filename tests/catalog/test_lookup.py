"""kb.catalog lookups used by the extractor, on the shipped catalog.json."""

from __future__ import annotations

import json

import pytest

from kb.catalog import Catalog, label_is_case_sensitive, load_catalog, normalize_label
from kb.model import ITEM_CLASSES


@pytest.fixture(scope="module")
def cat() -> Catalog:
    return load_catalog()


@pytest.mark.parametrize(
    ("text", "concept", "item_class", "model"),
    [
        ("Flanker", "su-27", "FighterAircraft", "Su-27"),
        ("Sukhoi Su-27", "su-27", "FighterAircraft", "Su-27"),
        ("Su27", "su-27", "FighterAircraft", "Su-27"),
        ("SU 27", "su-27", "FighterAircraft", "Su-27"),
        ("Su-27 Flanker", "su-27", "FighterAircraft", "Su-27"),
        ("Hind", "mi-24", "AttackHelicopter", "Mi-24"),
        ("Hip", "mi-8", "TransportHelicopter", "Mi-8"),
        ("Condor", "an-124", "TransportAircraft", "An-124"),
        ("T-90", "t-90", "Tank", "T-90"),
        ("T-90s", "t-90", "Tank", "T-90"),
        ("howitzers", "howitzer", "Artillery", None),
        ("armored personnel carriers", "ArmoredPersonnelCarrier", "ArmoredPersonnelCarrier", None),
        ("marines", "naval-infantry", "Personnel", None),
        ("naval infantry", "naval-infantry", "Personnel", None),
        ("troops", "Personnel", "Personnel", None),
        ("helicopter gunships", "AttackHelicopter", "AttackHelicopter", None),
        ("gunship", "AttackHelicopter", "AttackHelicopter", None),
        ("troop-transport helicopters", "TransportHelicopter", "TransportHelicopter", None),
        ("fighter jets", "FighterAircraft", "FighterAircraft", None),
        ("helicopters", "Helicopter", "Helicopter", None),
        ("Fencer", "su-24", "AttackAircraft", "Su-24"),
        ("Blackjack", "tu-160", "BomberAircraft", "Tu-160"),
        ("Bear", "tu-95", "BomberAircraft", "Tu-95"),
        ("Gargoyle", "s-300pmu2", "AirDefenseSystem", "S-300PMU-2"),
        ("Stone", "iskander", "MissileSystem", "Iskander"),
        ("Kilo-class", "kilo-class", "Submarine", "Kilo-class"),
        ("battalion tactical groups", "battalion-tactical-group", "Unit", None),
        ("Reaper", "mq-9", "Drone", "MQ-9"),
    ],
)
def test_equipment_by_label(cat: Catalog, text, concept, item_class, model) -> None:
    found = cat.equipment_by_label(text)
    assert [c.id for c in found] == [concept]
    assert found[0].item_class == item_class
    assert found[0].model == model


def test_unknown_equipment_label_gives_nothing(cat: Catalog) -> None:
    assert cat.equipment_by_label("bicycle") == []
    assert cat.equipment_by_label("  ") == []


def test_deliberately_ambiguous_label_returns_every_concept(cat: Catalog) -> None:
    assert [c.id for c in cat.equipment_by_label("Growler")] == ["ea-18g", "s-400"]


def test_item_class_walks_broader_to_the_top(cat: Catalog) -> None:
    assert cat.equipment["su-35"].broader == "su-27"
    assert cat.item_class_of("su-35") == "FighterAircraft"
    assert cat.broader_chain("mi-17") == ["mi-17", "mi-8", "TransportHelicopter"]
    assert cat.item_class_of("no-such-thing") is None
    assert {cat.item_class_of(top) for top in ITEM_CLASSES} == set(ITEM_CLASSES)


def test_nato_names_are_marked(cat: Catalog) -> None:
    assert cat.equipment["su-27"].nato_names == ("Flanker",)
    assert "Flanker" in cat.equipment["su-27"].labels
    assert cat.equipment["su-27"].manufacturer == "Sukhoi"


@pytest.mark.parametrize(
    ("text", "actor", "kind"),
    [
        ("Russian", "russia", "State"),
        ("Russia", "russia", "State"),
        ("Russia's", "russia", "State"),
        ("U.S.", "united-states", "State"),
        ("US", "united-states", "State"),
        ("American", "united-states", "State"),
        ("United States", "united-states", "State"),
        ("British", "united-kingdom", "State"),
        ("NATO", "nato", "Alliance"),
        ("Russian Navy", "russian-navy", "ArmedForce"),
        ("IDF", "israel-defense-forces", "ArmedForce"),
    ],
)
def test_actor_by_name_or_adjective(cat: Catalog, text, actor, kind) -> None:
    found = cat.actor_by_name_or_adjective(text)
    assert found is not None
    assert (found.id, found.kind) == (actor, kind)


def test_actor_relations(cat: Catalog) -> None:
    assert cat.actors["russia"].territory == "russia"
    assert cat.actors["russian-aerospace-forces"].state == "russia"
    assert cat.state_of("us-navy").id == "united-states"
    assert "united-states" in cat.actors["nato"].members
    assert cat.actor_by_name_or_adjective("Martian") is None


def test_places_by_name_latakia(cat: Catalog) -> None:
    found = cat.places_by_name("Latakia")
    assert [p.id for p in found] == ["latakia"]
    latakia = found[0]
    assert latakia.kind == "City"
    assert latakia.country_id == "syria"
    assert latakia.country_name == "Syria"
    assert latakia.country_code == "SY"
    assert abs(latakia.lat - 35.53) < 0.05 and abs(latakia.lon - 35.79) < 0.05
    assert cat.places_by_name("Lattakia")[0].id == "latakia"


def test_place_lookup_of_bases_and_countries(cat: Catalog) -> None:
    hmeimim = cat.places_by_name("Khmeimim")
    assert [p.id for p in hmeimim] == ["hmeimim-air-base"]
    assert "latakia" in hmeimim[0].near
    assert cat.country_of("hmeimim-air-base").id == "syria"
    assert cat.country_of("syria").id == "syria"
    assert cat.country_of("black-sea") is None
    assert cat.country_of("nowhere") is None
    assert {p.id for p in cat.place_by_icao("oslk")} == {
        "hmeimim-air-base",
        "bassel-al-assad-international-airport",
    }


def test_ambiguous_place_names_rank_by_population(cat: Catalog) -> None:
    ids = [p.id for p in cat.places_by_name("Tripoli")]
    assert ids[:2] == ["tripoli-ly", "tripoli-lb"]


def test_label_tables_for_matchers(cat: Catalog) -> None:
    eq = cat.equipment_labels()
    assert eq["Flanker"] == ("su-27",)
    assert eq["Growler"] == ("ea-18g", "s-400")
    assert cat.place_labels()["Latakia"] == ("latakia",)
    assert cat.actor_labels()["Russian"] == ("russia",)


def test_normalize_label() -> None:
    assert normalize_label("Su-27") == normalize_label("su 27") == normalize_label("SU27")
    assert normalize_label("U.S.") == normalize_label("US")
    assert normalize_label("Büchel") == normalize_label("Buchel")
    assert normalize_label("T\u201190") == "t90"
    assert normalize_label("Łódź") == normalize_label("Lodz") == "lodz"


def test_load_catalog_errors_are_one_line(tmp_path) -> None:
    missing = tmp_path / "none.json"
    with pytest.raises(FileNotFoundError, match="catalog file not found"):
        load_catalog(missing)
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(ValueError, match="not valid JSON"):
        load_catalog(bad)
    wrong = tmp_path / "wrong.json"
    wrong.write_text(json.dumps({"equipment": []}), encoding="utf-8")
    with pytest.raises(ValueError, match="lacks"):
        load_catalog(wrong)
    malformed = tmp_path / "malformed.json"
    malformed.write_text(
        json.dumps({"equipment": [{"id": "x"}], "places": [], "actors": []}), encoding="utf-8"
    )
    with pytest.raises(ValueError, match="malformed entry"):
        load_catalog(malformed)


def test_load_catalog_is_cached() -> None:
    assert load_catalog() is load_catalog()


def test_exact_case_keeps_proper_names_apart_from_common_words(cat: Catalog) -> None:
    assert [c.id for c in cat.equipment_by_label("Hip", exact_case=True)] == ["mi-8"]
    assert cat.equipment_by_label("hip", exact_case=True) == []
    assert [c.id for c in cat.equipment_by_label("hip")] == ["mi-8"]
    assert [c.id for c in cat.equipment_by_label("Hips", exact_case=True)] == ["mi-8"]
    # designations and lowercase class labels match in any case
    assert [c.id for c in cat.equipment_by_label("SU-27", exact_case=True)] == ["su-27"]
    assert [c.id for c in cat.equipment_by_label("Howitzers", exact_case=True)] == ["howitzer"]
    assert cat.actor_by_name_or_adjective("us", exact_case=True) is None
    assert cat.actor_by_name_or_adjective("US", exact_case=True).id == "united-states"
    assert cat.places_by_name("hit", exact_case=True) == []
    assert [p.id for p in cat.places_by_name("Hit", exact_case=True)] == ["hit"]


def test_label_is_case_sensitive() -> None:
    assert label_is_case_sensitive("Hip")
    assert label_is_case_sensitive("U.S.")
    assert not label_is_case_sensitive("Su-27")
    assert not label_is_case_sensitive("howitzer")


def test_airport_aliases_and_ports(cat: Catalog) -> None:
    (airport,) = cat.places_by_name("Latakia airport")
    assert airport.id == "bassel-al-assad-international-airport"
    assert airport.kind == "Airport" and airport.icao == "OSLK"
    (port,) = cat.places_by_name("Hodeidah port")
    assert port.kind == "Port" and port.country_id == "yemen"
    assert [p.kind for p in cat.places_by_name("Baghdad airport")] == ["Airport"]


def test_facilities_near_a_city(cat: Catalog) -> None:
    near_latakia = cat.facilities_near("latakia")
    assert near_latakia[0].id == "hmeimim-air-base"
    assert {p.id for p in near_latakia} >= {
        "hmeimim-air-base",
        "bassel-al-assad-international-airport",
        "latakia-port",
    }
    assert [p.id for p in cat.facilities_near("latakia", kinds=["AirBase"])] == ["hmeimim-air-base"]
    assert cat.facilities_near("nowhere") == []


def test_historical_actors_and_small_military_towns(cat: Catalog) -> None:
    soviet = cat.actor_by_name_or_adjective("Soviet")
    assert (soviet.id, soviet.kind, soviet.territory) == ("soviet-union", "State", None)
    assert cat.state_of("soviet-armed-forces").id == "soviet-union"
    (mutlangen,) = cat.places_by_name("Mutlangen")
    assert (mutlangen.kind, mutlangen.country_id) == ("City", "germany")
    assert [p.kind for p in cat.places_by_name("Pristina")][0] == "City"  # capitals are cities
    assert cat.equipment_by_label("Pershing II")[0].item_class == "MissileSystem"
    assert cat.equipment_by_label("P-3C")[0].id == "p-3"
    assert cat.facilities_near("tapa")[0].id == "tapa-army-base"


def test_more_news_places_and_types(cat: Catalog) -> None:
    fordow = cat.places_by_name("Fordow")[0]
    assert (fordow.kind, fordow.country_id) == ("Facility", "iran")
    assert cat.places_by_name("Woody Island")[0].country_id is None
    assert cat.places_by_name("Kiryat Shmona")[0].country_id == "israel"
    assert cat.places_by_name("Helmand")[0].kind == "Region"
    assert cat.equipment_by_label("Tiger")[0].item_class == "AttackHelicopter"
    assert cat.equipment_by_label("Il-62")[0].nato_names == ("Classic",)


def test_model_is_the_name_news_uses(cat: Catalog) -> None:
    assert cat.equipment_by_label("9K720")[0].model == "Iskander"
    assert cat.equipment_by_label("Project 636")[0].model == "Kilo-class"
    assert cat.equipment_by_label("HIMARS")[0].model == "HIMARS"
    assert cat.equipment_by_label("Dassault Rafale")[0].model == "Rafale"
    assert cat.equipment_by_label("MRAP")[0].model is None
    assert cat.equipment_by_label("marines")[0].model is None


def test_places_are_listed_most_prominent_first(cat: Catalog) -> None:
    ids = list(cat.places)
    assert ids.index("gao-ml") < ids.index("gao-bf")
    assert ids.index("tripoli-ly") < ids.index("tripoli-lb")
    assert cat.places[ids[0]].kind == "Country"


def test_dependent_territories_know_their_sovereign_state(cat: Catalog) -> None:
    assert cat.country_of("camp-blaz").id == "guam"
    assert cat.sovereign_of("camp-blaz").id == "united-states"
    assert cat.sovereign_of("pituffik-space-base").id == "denmark"
    assert cat.sovereign_of("latakia").id == "syria"
    assert cat.sovereign_of("black-sea") is None
    assert "united-states" in cat.places["guam"].within
