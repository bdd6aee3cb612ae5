"""Every competency question runs on a fixture dataset in pyoxigraph and returns the asserted rows."""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from rdflib import Graph

import ontology
from kb.namespaces import CATALOG_GRAPH, ONTOLOGY_GRAPH
from kb.rdf import extraction_to_graph

DATA = Path(__file__).parent / "data"
ID = "https://w3id.org/deploykb/id/"
EQ = ID + "equipment/"
PL = ID + "place/"
AC = ID + "actor/"
DKB = "https://w3id.org/deploykb/ontology#"
Rows = list[dict[str, Any]]


def _load(store: ox.Store, graph: Graph, name: str) -> None:
    store.load(
        graph.serialize(format="nt").encode(),
        format=ox.RdfFormat.N_TRIPLES,
        to_graph=ox.NamedNode(name),
    )


@pytest.fixture(scope="module")
def dataset(
    make_extraction: Callable[..., Any],
    second_extraction: Any,
    catalog_graph: Graph,
) -> ox.Store:
    s = ox.Store()
    for extraction in (make_extraction(), second_extraction):
        gid, g = extraction_to_graph(extraction)
        _load(s, g, str(gid))
    valid = Graph().parse(DATA / "valid_report.ttl", format="turtle")
    _load(s, valid, "https://w3id.org/deploykb/graph/report/f4f7df58bff6a304b3b7a33ef70545d1")
    _load(s, catalog_graph, str(CATALOG_GRAPH))
    _load(s, Graph().parse(ontology.path("deploykb.ttl")), str(ONTOLOGY_GRAPH))
    return s


def value(term: Any) -> Any:
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        dt = term.datatype.value
        if dt.endswith(("#integer",)):
            return int(term.value)
        if dt.endswith(("#decimal", "#double", "#float")):
            return float(term.value)
        if dt.endswith("#boolean"):
            return term.value == "true"
        return term.value
    return term.value


def run(store: ox.Store, name: str, replace: tuple[str, str] | None = None) -> Rows:
    text = ontology.path("queries", name).read_text(encoding="utf-8")
    if replace:
        assert replace[0] in text
        text = text.replace(*replace)
    solutions = store.query(text, use_default_graph_as_union=True)
    names = [v.value for v in solutions.variables]
    return [{n: value(sol[n]) for n in names} for sol in solutions]


def test_every_query_file_has_a_question_header() -> None:
    files = ontology.query_files()
    letters = {f.name[0] for f in files}
    assert letters >= set("abcdefg")
    for f in files:
        first = f.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith(f"# {f.name[0]}: ") and first.rstrip().endswith("?"), f


def test_every_query_runs(dataset: ox.Store) -> None:
    for f in ontology.query_files():
        assert run(dataset, f.name), f"{f.name} returned no rows on the fixture"


def test_a_deployed_at_place(dataset: ox.Store) -> None:
    rows = run(dataset, "a_deployed_at_place.rq")
    assert {r["location"] for r in rows} == {PL + "hmeimim-air-base"}
    got = sorted((r["asset"].removeprefix(EQ), r["statedAs"], r["superseded"]) for r in rows)
    assert got == [
        ("su-27", "four", False),
        ("troops", "Roughly 600", False),
        ("troops", "Up to 500", False),
        ("troops", "roughly 200", True),
    ]
    jets = next(r for r in rows if r["asset"] == EQ + "su-27")
    assert jets["value"] == 4 and jets["min"] == 4 and jets["max"] == 4
    assert jets["actorLabel"] == "Russia" and jets["locationLabel"] == "Hmeimim Air Base"
    assert jets["publisher"] == "Example Wire"
    assert set(jets["attributedTo"].split(" | ")) == {
        "an American defense official",
        "A second official",
    }
    # another place: Tartus has the second report's jets and the hand-written tanks
    tartus = run(dataset, "a_deployed_at_place.rq", ("pl:latakia", "pl:tartus"))
    assert sorted(r["asset"].removeprefix(EQ) for r in tartus) == ["su-27", "t-90"]
    # a whole country rolls up every place inside it
    assert len(run(dataset, "a_deployed_at_place.rq", ("pl:latakia", "pl:syria"))) == 6


def test_b_latest_estimate(dataset: ox.Store) -> None:
    rows = run(dataset, "b_latest_estimate.rq")
    troops = [r for r in rows if r["asset"] == EQ + "troops"]
    # the superseded "roughly 200" is gone; the two same-day estimates are both kept
    assert sorted((r["qualifier"].removeprefix(DKB), r["value"], r["max"]) for r in troops) == [
        ("Approximate", 600, None),
        ("AtMost", 500, 500),
    ]
    assert 200 not in {r["value"] for r in rows}
    keys = sorted((r["asset"].removeprefix(EQ), r["place"].removeprefix(PL)) for r in rows)
    assert keys == [
        ("su-27", "hmeimim-air-base"),
        ("su-27", "tartus"),
        ("t-90", "tartus"),
        ("troops", "hmeimim-air-base"),
        ("troops", "hmeimim-air-base"),
    ]


def test_c_conflicting_claims(dataset: ox.Store) -> None:
    rows = run(dataset, "c_conflicting_claims.rq")
    assert len(rows) == 1
    row = rows[0]
    assert row["asset"] == EQ + "troops" and row["place"] == PL + "hmeimim-air-base"
    assert {row["statedAs1"], row["statedAs2"]} == {"Up to 500", "Roughly 600"}
    intervals = {(row["low1"], row["high1"]), (row["low2"], row["high2"])}
    assert intervals == {(0, 500), (600, 600)}


def test_d_totals_per_category(dataset: ox.Store) -> None:
    rows = run(dataset, "d_totals_per_category.rq")
    got = {
        r["category"].removeprefix(EQ): (r["lowTotal"], r["highTotal"], r["totalQualifier"])
        for r in rows
        if r["actor"] == AC + "russia"
    }
    assert got == {
        # 4 exact at Hmeimim + at least 6 at Tartus
        "FighterAircraft": (10, None, "at least"),
        # "up to 500" and "roughly 600" on the same day merge into [0, 600]
        "Personnel": (0, 600, "at most"),
        "Tank": (12, None, "at least"),
    }


def test_e_anonymous_officials(dataset: ox.Store) -> None:
    rows = run(dataset, "e_anonymous_officials.rq")
    words = sorted(r["sourceWords"] for r in rows)
    assert words == [
        "A second official",
        "a Turkish official",
        "a Turkish official",
        "an American defense official",
        "an American defense official",
        "an American defense official",
    ]
    assert "a regional analyst" not in words
    american = [r for r in rows if r["sourceWords"] == "an American defense official"]
    assert {r["affiliation"] for r in american} == {AC + "united-states"}


def test_f_evidence_sentence(dataset: ox.Store, make_extraction: Callable[..., Any]) -> None:
    rows = run(dataset, "f_evidence_sentence.rq")
    assert sorted(r["role"] for r in rows) == ["evidence"] * 3 + ["mention"] * 2
    text = make_extraction().report.text
    for r in rows:
        assert r["end"] - r["start"] == len(r["exact"])
    first_report = [r for r in rows if r["headline"] == "Fighter jets reach a Syrian airfield"]
    for r in first_report:
        assert text[r["start"] : r["end"]] == r["exact"]
    mention = next(r for r in first_report if r["role"] == "mention")
    assert mention["exact"] == "four Su-27 interceptors"


def test_g_in_country(dataset: ox.Store) -> None:
    assert len(run(dataset, "g_in_country.rq")) == 6
    assert run(dataset, "g_in_country.rq", ("pl:syria", "pl:germany")) == []


def _haversine(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def test_g_within_km_of_point(dataset: ox.Store) -> None:
    rows = run(dataset, "g_within_km_of_point.rq")
    assert {r["location"] for r in rows} == {PL + "hmeimim-air-base"}
    assert len(rows) == 4 and {r["km"] for r in rows} == {0.0}
    wider = run(dataset, "g_within_km_of_point.rq", ("35.945 50.0)", "35.945 100.0)"))
    tartus = [r for r in wider if r["location"] == PL + "tartus"]
    assert sorted(r["asset"].removeprefix(EQ) for r in tartus) == ["su-27", "t-90"]
    expected = _haversine(35.41167, 35.945, 34.88902, 35.88659)
    assert abs(tartus[0]["km"] - expected) < 0.01 * expected
    # a point in Germany: Ramstein has no claims, Syria is far away
    assert (
        run(
            dataset, "g_within_km_of_point.rq", ("(35.41167 35.945 50.0)", "(49.4369 7.6003 500.0)")
        )
        == []
    )


def test_b_an_undated_earlier_estimate_does_not_tie(
    make_extraction: Callable[..., Any], catalog_graph: Graph
) -> None:
    # the "roughly 200" estimate without its supersededBy link: dated only by validBefore,
    # it counts as older than the current "up to 500"
    extraction = make_extraction()
    extraction.claims[2].superseded_by = None
    s = ox.Store()
    gid, g = extraction_to_graph(extraction)
    _load(s, g, str(gid))
    _load(s, catalog_graph, str(CATALOG_GRAPH))
    rows = run(s, "b_latest_estimate.rq")
    troops = [r for r in rows if r["asset"] == EQ + "troops"]
    assert [(r["qualifier"].removeprefix(DKB), r["max"]) for r in troops] == [("AtMost", 500)]
    assert troops[0]["date"] == "2015-09-21"
    # and the two are not a conflict: different dates
    assert run(s, "c_conflicting_claims.rq") == []
