"""query / stats / dump / delete commands over a store filled with hand-built reports."""

from __future__ import annotations

import csv
import gzip
import io
import json

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from store_helpers import make_processed

from kb.cli import cli
from kb.ingest import commit
from kb.namespaces import ACTOR, CATALOG_GRAPH, EQUIPMENT, PLACE, SCHEME
from kb.store import open_store

A = "Nine jets and two tankers reached the desert airfield.\nThe ministry confirmed it."
B = "Three more jets landed at the desert airfield.\nWitnesses saw them."
C = "A frigate left port quietly.\nNo one commented."
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SKOS = "http://www.w3.org/2004/02/skos/core#"


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(str(iri))


def _catalog() -> list[ox.Triple]:
    """A tiny catalog: su-27 -> FighterAircraft, il-78 -> TransportAircraft; labels."""
    t = []
    for slug, top in (("su-27", "FighterAircraft"), ("il-78", "TransportAircraft")):
        t.append(ox.Triple(_n(EQUIPMENT[slug]), _n(SKOS + "broader"), _n(EQUIPMENT[top])))
        t.append(ox.Triple(_n(EQUIPMENT[top]), _n(SKOS + "topConceptOf"), _n(SCHEME.equipment)))
    t.append(ox.Triple(_n(ACTOR.russia), _n(RDFS_LABEL), ox.Literal("Russia")))
    t.append(ox.Triple(_n(PLACE["hmeimim-air-base"]), _n(RDFS_LABEL), ox.Literal("Hmeimim")))
    return t


@pytest.fixture
def data_dir(tmp_path):
    path = tmp_path / "data"
    store = open_store(path)
    store.replace_graphs({str(CATALOG_GRAPH): _catalog()})
    commit(
        store,
        [
            make_processed(
                A,
                url="https://example.org/a",
                claims=[
                    ("jets", "su-27", "russia", "hmeimim-air-base", 9),
                    ("tankers", "il-78", "russia", None, 2),
                ],
                origin="a.txt",
            ),
            make_processed(B, claims=[("jets", "su-27", None, "hmeimim-air-base", 3)]),
            make_processed(C, origin="c.txt"),
        ],
    )
    store.close()
    return str(path)


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


Q = "SELECT ?n WHERE { ?c dkb:quantity/schema:value ?n } ORDER BY ?n"


def test_query_csv_tsv_json(data_dir):
    out = run("query", Q, "--data", data_dir, "--format", "csv")
    assert out.exit_code == 0, out.output
    assert list(csv.reader(io.StringIO(out.stdout))) == [["n"], ["2"], ["3"], ["9"]]
    tsv = run("query", Q, "--data", data_dir, "--format", "tsv").stdout
    assert tsv.splitlines() == ["n", "2", "3", "9"]
    parsed = json.loads(run("query", Q, "--data", data_dir, "--format", "json").stdout)
    assert parsed["head"]["vars"] == ["n"]
    assert [b["n"]["value"] for b in parsed["results"]["bindings"]] == ["2", "3", "9"]
    assert parsed["results"]["bindings"][0]["n"]["datatype"].endswith("#integer")


def test_query_table_is_aligned_and_compacts_iris(data_dir):
    q = "SELECT ?a (COUNT(?c) AS ?n) WHERE { ?c dkb:actor ?a } GROUP BY ?a"
    out = run("query", q, "--data", data_dir)
    assert out.exit_code == 0
    lines = [line for line in out.stdout.splitlines() if "ac:russia" in line]
    assert len(lines) == 1 and lines[0].split("│")[2].strip() == "2"
    assert "1 row" in out.stdout


def test_query_from_file_ask_and_construct(data_dir, tmp_path):
    rq = tmp_path / "q.rq"
    rq.write_text("ASK { ?c dkb:location pl:hmeimim-air-base }")
    assert run("query", f"@{rq}", "--data", data_dir).stdout.strip() == "true"
    construct = "CONSTRUCT { ?c dkb:actor ?a } WHERE { ?c dkb:actor ?a }"
    rows = list(
        csv.reader(
            io.StringIO(run("query", construct, "--data", data_dir, "--format", "csv").stdout)
        )
    )
    assert rows[0] == ["subject", "predicate", "object"] and len(rows) == 3


def test_query_errors_are_one_line(data_dir, tmp_path):
    bad = run("query", "SELECT ?x WHERE { ?x", "--data", data_dir)
    assert bad.exit_code == 1 and "syntax error" in bad.stderr.lower()
    assert len(bad.stderr.strip().splitlines()) == 1
    missing = run("query", f"@{tmp_path / 'nope.rq'}", "--data", data_dir)
    assert missing.exit_code == 1 and "no such query file" in missing.stderr
    nostore = run("query", Q, "--data", str(tmp_path / "empty"))
    assert nostore.exit_code == 1 and "no store there" in nostore.stderr


def test_stats_numbers(data_dir):
    out = run("stats", "--data", data_dir, "--json")
    assert out.exit_code == 0, out.output
    stats = json.loads(out.stdout)
    assert stats["reports"] == 3 and stats["claims"] == 3
    assert {r["category"]: r["claims"] for r in stats["claims_by_category"]} == {
        "FighterAircraft": 2,
        "TransportAircraft": 1,
    }
    assert stats["claims_by_actor"] == [{"id": "russia", "label": "Russia", "claims": 2}]
    assert stats["claims_by_place"] == [{"id": "hmeimim-air-base", "label": "Hmeimim", "claims": 2}]
    assert stats["last_change"] is not None
    table = run("stats", "--data", data_dir).stdout
    assert "claims by category" in table and "FighterAircraft" in table


def test_dump_command_to_file_guesses_format_and_gzip(data_dir, tmp_path):
    target = tmp_path / "kb.trig.gz"
    out = run("dump", "--data", data_dir, "--output", str(target))
    assert out.exit_code == 0, out.output
    quads = set(ox.parse(gzip.decompress(target.read_bytes()), ox.RdfFormat.TRIG))
    store = open_store(data_dir, read_only=True)
    try:
        assert quads == set(store.raw.quads_for_pattern(None, None, None))
    finally:
        store.close()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".kb")] == []


def test_delete_by_url_and_by_iri(data_dir):
    out = run("delete", "--source-url", "https://example.org/a", "--data", data_dir)
    assert out.exit_code == 0 and out.stdout.startswith("deleted ")
    stats = json.loads(run("stats", "--data", data_dir, "--json").stdout)
    assert stats["reports"] == 2 and stats["claims"] == 1
    report = make_processed(C).report_iri
    assert run("delete", report, "--data", data_dir).exit_code == 0
    assert json.loads(run("stats", "--data", data_dir, "--json").stdout)["reports"] == 1
    again = run("delete", report, "--data", data_dir)
    assert again.exit_code == 1 and "no such report" in again.stderr
    assert run("delete", "--data", data_dir).exit_code == 2
