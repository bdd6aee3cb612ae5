"""commit(): one transaction per batch, idempotency, revisions, rejections."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from store_helpers import content_quads, make_processed

from kb.ingest import FAILED, REJECTED, Processed, commit
from kb.namespaces import PROV
from kb.store import StoreError, open_store

FIRST = "Twelve jets arrived at the northern field on Tuesday.\nNothing else was said."
SECOND = "Four frigates sailed from the harbour at dawn.\nThe navy declined to comment."
URL = "https://example.org/news/field"


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "data")
    yield s
    s.close()


def test_ingest_then_unchanged_writes_nothing(store):
    batch = [
        make_processed(FIRST, claims=[("jets", "su-27", "russia", None, 12)], origin="a.txt"),
        make_processed(SECOND, origin="b.txt"),
    ]
    outcomes = commit(store, batch)
    assert [o.status for o in outcomes] == ["ingested", "ingested"]
    assert [o.claims for o in outcomes] == [1, 0]
    quads, state = content_quads(store), store.state()
    assert {o.graph_iri for o in outcomes} <= set(store.named_graphs())

    again = commit(store, batch)
    assert [o.status for o in again] == ["unchanged", "unchanged"]
    assert [o.claims for o in again] == [0, 0]
    assert content_quads(store) == quads
    assert store.state() == state  # no write at all


def test_same_url_new_text_replaces_and_links_revision(store):
    old = make_processed(FIRST, url=URL, claims=[("jets", "su-27", "russia", None, 12)])
    commit(store, [old])
    new_text = FIRST.replace("Twelve", "Fourteen")
    new = make_processed(new_text, url=URL, claims=[("jets", "su-27", "russia", None, 14)])
    [outcome] = commit(store, [new])
    assert outcome.status == "replaced"
    assert outcome.revision_of == old.report_iri
    assert not store.graph_exists(old.graph_iri)
    assert store.graph_exists(new.graph_iri)
    ask = f"ASK {{ GRAPH <{new.graph_iri}> {{ <{new.report_iri}> <{PROV.wasRevisionOf}> <{old.report_iri}> }} }}"
    assert bool(store.query(ask))
    # the old text again is a revision of the new one, not "unchanged"
    [back] = commit(store, [make_processed(FIRST, url=URL)])
    assert back.status == "replaced" and back.revision_of == new.report_iri


def test_two_versions_in_one_batch_keep_only_the_last(store):
    v1 = make_processed(FIRST, url=URL)
    v2 = make_processed(FIRST + "\nUpdated.", url=URL)
    outcomes = commit(store, [v1, v2])
    assert [o.status for o in outcomes] == ["ingested", "replaced"]
    assert outcomes[1].revision_of == v1.report_iri
    graphs = {g for g in store.named_graphs() if "/graph/report/" in g}
    assert graphs == {v2.graph_iri}


def test_in_batch_version_follows_the_stored_one(store):
    v0 = make_processed(FIRST, url=URL)
    commit(store, [v0])
    v1 = make_processed(FIRST + "\nFirst update.", url=URL)
    v2 = make_processed(FIRST + "\nSecond update.", url=URL)
    outcomes = commit(store, [v1, v2])
    assert [(o.status, o.revision_of) for o in outcomes] == [
        ("replaced", v0.report_iri),
        ("replaced", v1.report_iri),
    ]
    assert {g for g in store.named_graphs() if "/graph/report/" in g} == {v2.graph_iri}


def test_old_text_after_new_text_in_one_batch(store):
    v0 = make_processed(FIRST, url=URL)
    commit(store, [v0])
    v1 = make_processed(FIRST + "\nUpdated.", url=URL)
    outcomes = commit(store, [v1, make_processed(FIRST, url=URL)])
    assert [(o.status, o.revision_of) for o in outcomes] == [
        ("replaced", v0.report_iri),
        ("replaced", v1.report_iri),
    ]
    assert {g for g in store.named_graphs() if "/graph/report/" in g} == {v0.graph_iri}


def test_rejected_and_failed_items_are_not_written_but_the_batch_goes_on(store):
    good = make_processed(SECOND, origin="good.txt")
    rejected = Processed(origin="bad.txt", status=REJECTED, message="does not conform")
    failed = Processed(origin="gone.txt", status=FAILED, message="no such file")
    broken = make_processed(FIRST, origin="broken.txt")
    broken.ntriples = "<http://example.org/s> <http://example.org/p> ."
    outcomes = commit(store, [rejected, good, failed, broken])
    assert [o.status for o in outcomes] == ["rejected", "ingested", "failed", "failed"]
    assert "invalid report graph" in outcomes[3].message
    reports = {g for g in store.named_graphs() if "/graph/report/" in g}
    assert reports == {good.graph_iri}


def test_failed_write_stores_nothing_of_the_batch(tmp_path):
    data = tmp_path / "data"
    writer = open_store(data)
    commit(writer, [make_processed(SECOND)])
    before = content_quads(writer)
    writer.close()
    reader = open_store(data, read_only=True)
    with pytest.raises(StoreError, match="read-only"):
        commit(reader, [make_processed(FIRST), make_processed(FIRST + " More.")])
    assert content_quads(reader) == before


def test_committed_graph_equals_the_processed_graph(store):
    item = make_processed(FIRST, claims=[("jets", "su-27", "russia", "hmeimim-air-base", 12)])
    commit(store, [item])
    expected = {
        f"{t.subject} {t.predicate} {t.object} <{item.graph_iri}>"
        for t in ox.parse(item.ntriples, ox.RdfFormat.N_TRIPLES)
    }
    assert content_quads(store) == expected
