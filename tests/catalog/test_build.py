"""scripts/build_catalog.py: reproducible output, clear errors on bad data, SHACL conformance."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import types
from pathlib import Path

import pytest
import rdflib
from rdflib import URIRef

import ontology
from kb.model import ITEM_CLASSES

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "scripts" / "build_catalog.py"
FILES = ("equipment.ttl", "places.ttl", "actors.ttl", "catalog.json")


@pytest.fixture(scope="module")
def build_module() -> types.ModuleType:
    spec = importlib.util.spec_from_file_location("build_catalog_under_test", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


def test_regeneration_is_byte_identical_to_the_committed_files(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "concepts" in result.stdout
    for name in FILES:
        assert (tmp_path / name).read_bytes() == ontology.path("catalog", name).read_bytes(), name
    assert not list(tmp_path.glob(".*.tmp"))


def _equipment_data(rows, ambiguity=None) -> types.SimpleNamespace:
    tops = {name: (name.lower(), []) for name in ITEM_CLASSES}
    return types.SimpleNamespace(
        TOP_CONCEPTS=tops,
        CONCEPTS=rows,
        DELIBERATE_AMBIGUITY=ambiguity or {},
        BRANDS={"Mikoyan": "Mikoyan"},
        MODEL_NAMES={},
    )


def test_equipment_rows_become_concepts_with_spelling_variants(build_module) -> None:
    rows = [("mig-29", "FighterAircraft", "Mikoyan MiG-29", "MiG-29", "Mikoyan", [], ["Fulcrum"])]
    graph, records = build_module.build_equipment(_equipment_data(rows))
    (mig,) = [r for r in records if r["id"] == "mig-29"]
    assert mig["item_class"] == "FighterAircraft"
    assert mig["model"] == "MiG-29"
    assert mig["nato_names"] == ["Fulcrum"]
    assert {"Fulcrum", "MiG-29", "MiG29", "MiG 29", "Mikoyan MiG-29", "MiG-29 Fulcrum"} <= set(
        mig["labels"]
    )
    assert len(records) == len(ITEM_CLASSES) + 1


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([("x-1", "NoSuchTop", "X-1", None, None, [], [])], "unknown broader"),
        (
            [
                ("a-1", "b-1", "A-1", None, None, [], []),
                ("b-1", "a-1", "B-1", None, None, [], []),
            ],
            "cycle",
        ),
        (
            [
                ("a-1", "Tank", "A-1", None, None, ["Panther"], []),
                ("b-1", "Tank", "B-1", None, None, ["panther"], []),
            ],
            "shared by",
        ),
        (
            [
                ("a-1", "Tank", "A-1", None, None, [], []),
                ("a-1", "Tank", "A-2", None, None, [], []),
            ],
            "defined twice",
        ),
        ([("Bad Slug", "Tank", "A-1", None, None, [], [])], "readable slug"),
    ],
)
def test_bad_equipment_data_is_rejected(build_module, rows, message) -> None:
    with pytest.raises(build_module.CatalogError, match=message):
        build_module.build_equipment(_equipment_data(rows))


def test_listed_ambiguity_is_accepted(build_module) -> None:
    rows = [
        ("a-1", "Tank", "A-1", None, None, ["Panther"], []),
        ("b-1", "Tank", "B-1", None, None, ["Panther"], []),
    ]
    ambiguity = {"Panther": (["a-1", "b-1"], "two tanks nicknamed alike in this test")}
    _graph, records = build_module.build_equipment(_equipment_data(rows, ambiguity))
    assert {r["id"] for r in records} >= {"a-1", "b-1"}


def test_turtle_writer_is_sorted_and_escapes(build_module) -> None:
    g = build_module.Graph()
    b, a = "https://w3id.org/deploykb/id/place/b", "https://w3id.org/deploykb/id/place/a"
    g.add(b, build_module.RDFS_LABEL, build_module.en('say "hi"\\'))
    g.add(a, build_module.RDF_TYPE, "https://w3id.org/deploykb/ontology#Place")
    g.add(a, build_module.RDFS_LABEL, build_module.en("A"))
    text = build_module.to_turtle(g, "header")
    assert text.index("pl:a") < text.index("pl:b")
    parsed = rdflib.Graph().parse(data=text, format="turtle")
    assert str(parsed.value(URIRef(b), rdflib.RDFS.label)) == 'say "hi"\\'
    assert len(parsed) == 3


def test_main_reports_bad_data_in_one_line(build_module, monkeypatch, capsys, tmp_path) -> None:
    def broken(_out):
        raise build_module.CatalogError("equipment 'x': unknown broader 'y'")

    monkeypatch.setattr(build_module, "build", broken)
    assert build_module.main(["--out", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err.strip() == "build_catalog: equipment 'x': unknown broader 'y'"
    assert list(tmp_path.iterdir()) == []


@pytest.fixture(scope="module")
def shapes() -> rdflib.Graph:
    path = ontology.path("shapes.ttl")
    if not path.is_file():
        pytest.skip("ontology/shapes.ttl not written yet")
    return rdflib.Graph().parse(path)


@pytest.fixture(scope="module")
def catalog_graph() -> rdflib.Graph:
    graph = rdflib.Graph()
    for path in ontology.catalog_files():
        graph.parse(path)
    return graph


def test_whole_catalog_conforms_to_the_shapes(shapes, catalog_graph) -> None:
    import pyshacl

    conforms, _graph, text = pyshacl.validate(catalog_graph, shacl_graph=shapes, advanced=True)
    assert conforms, text[:3000]


def test_catalog_sample_conforms_to_all_shapes(shapes, catalog_graph) -> None:
    import pyshacl

    from kb.namespaces import DKB, GEO, PLACE

    sample = rdflib.Graph()
    picked = [PLACE[s] for s in ("syria", "latakia", "hmeimim-air-base", "black-sea", "crimea")]
    picked += [o for s in picked for o in catalog_graph.objects(s, DKB.near)]
    picked += [o for s in picked for o in catalog_graph.objects(s, DKB.sharesAirfieldWith)]
    picked += [o for s in picked for o in catalog_graph.objects(s, GEO.sfWithin)]
    for place in set(picked):
        for triple in catalog_graph.triples((place, None, None)):
            sample.add(triple)
        for geom in catalog_graph.objects(place, GEO.hasGeometry):
            for triple in catalog_graph.triples((geom, None, None)):
                sample.add(triple)
    conforms, _graph, text = pyshacl.validate(sample, shacl_graph=shapes, advanced=True)
    assert conforms, text[:3000]
    # the sample is not vacuous: an out-of-range point is caught by the same shapes
    geom = next(sample.objects(PLACE["latakia"], GEO.hasGeometry))
    sample.set((geom, GEO.asWKT, rdflib.Literal("POINT(35.8 95.5)", datatype=GEO.wktLiteral)))
    conforms, _graph, _text = pyshacl.validate(sample, shacl_graph=shapes, advanced=True)
    assert not conforms


def test_nearest_city_within_limit(build_module) -> None:
    place = build_module.Place
    base = place("b", "Base", "AirBase", 35.40, 35.95, "SY")
    near = place("latakia", "Latakia", "City", 35.53, 35.79, "SY", population=380_000)
    far = place("homs", "Homs", "City", 34.73, 36.71, "SY", population=650_000)
    assert 18 < build_module.distance_km(35.40, 35.95, 35.53, 35.79) < 21
    assert build_module.nearest_city(base, [far, near], 30.0) == "latakia"
    assert build_module.nearest_city(base, [far], 30.0) is None


def test_airfields_are_near_the_town_airportsdata_names() -> None:
    from kb.catalog import load_catalog

    cat = load_catalog()
    assert cat.places["kamishly-airport"].near == ("al-qamishli",)
    facilities = [p for p in cat.places.values() if p.kind in ("AirBase", "Airport")]
    assert sum(1 for p in facilities if p.near) > len(facilities) / 2
