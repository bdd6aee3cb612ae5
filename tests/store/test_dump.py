"""Dumps re-parse to the same data, in every format, plain and gzipped."""

from __future__ import annotations

import gzip
import io

import pyoxigraph as ox
import pytest
from store_helpers import make_processed

from kb.dump import DUMP_FORMATS, dataset_state, dump, last_modified
from kb.ingest import commit
from kb.store import StoreError, open_store
from kb.store.common import FORMATS

TEXT = "Six helicopters flew in to the coastal base overnight.\nA spokesman said so."
OTHER = "Two destroyers docked at the eastern port.\nLocal media reported it."


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "data")
    commit(
        s,
        [
            make_processed(TEXT, claims=[("helicopters", "mi-8", "russia", None, 6)]),
            make_processed(OTHER, url="https://example.org/port"),
        ],
    )
    yield s
    s.close()


def _quads(store) -> set[ox.Quad]:
    return set(store.raw.quads_for_pattern(None, None, None))


def _triples(quads) -> set[ox.Triple]:
    return {ox.Triple(q.subject, q.predicate, q.object) for q in quads}


@pytest.mark.parametrize("fmt", DUMP_FORMATS)
@pytest.mark.parametrize("zipped", [False, True])
def test_dump_reparses_to_the_same_data(store, fmt, zipped):
    out = io.BytesIO()
    dump(store, out, fmt, gzip=zipped)
    data = gzip.decompress(out.getvalue()) if zipped else out.getvalue()
    parsed = set(ox.parse(data, FORMATS[fmt]))
    quads = _quads(store)
    assert len(quads) > 50
    if FORMATS[fmt].supports_datasets:
        assert parsed == quads
    else:
        assert _triples(parsed) == _triples(quads)


def test_dump_of_one_graph(store):
    graph = next(g for g in store.named_graphs() if "/graph/report/" in g)
    out = io.BytesIO()
    dump(store, out, "nt", graph_iri=graph)
    parsed = _triples(ox.parse(out.getvalue(), ox.RdfFormat.N_TRIPLES))
    expected = _triples(store.raw.quads_for_pattern(None, None, None, ox.NamedNode(graph)))
    assert parsed == expected and parsed


def test_unknown_format_fails_before_writing(store):
    out = io.BytesIO()
    with pytest.raises(StoreError, match="unknown RDF format"):
        dump(store, out, "rdfxml")
    assert out.getvalue() == b""


def test_dataset_state_changes_with_writes_only(store):
    state, when = dataset_state(store), last_modified(store)
    assert when is not None
    commit(store, [make_processed(TEXT)])  # unchanged: no write
    assert dataset_state(store) == state
    commit(store, [make_processed(TEXT + " Later.")])
    assert dataset_state(store) != state
    assert last_modified(store) >= when
