"""The embedded store on disk: writes, atomic replacement, dataset selection, errors."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
from store_helpers import EX, content_quads, triple

from kb.store import StoreError, open_store
from kb.store.embedded import EmbeddedStore


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "data")
    yield s
    s.close()


def test_replace_graphs_writes_and_replaces(store):
    store.replace_graphs({EX + "g1": [triple("a", "p", "one")], EX + "g2": [triple("b", "p", 2)]})
    assert {EX + "g1", EX + "g2"} <= set(store.named_graphs())
    store.replace_graphs({EX + "g1": [triple("a", "p", "uno")]}, drop=[EX + "g2"])
    assert content_quads(store) == {f'<{EX}a> <{EX}p> "uno" <{EX}g1>'}
    assert not store.graph_exists(EX + "g2")


def test_query_is_over_the_union_by_default(store):
    store.replace_graphs({EX + "g1": [triple("a", "p", 1)], EX + "g2": [triple("b", "p", 2)]})
    q = f"SELECT (SUM(?o) AS ?n) WHERE {{ ?s <{EX}p> ?o }}"
    assert int(next(iter(store.query(q)))["n"].value) == 3
    only_g2 = store.query(q, default_graph=[EX + "g2"])
    assert int(next(iter(only_g2))["n"].value) == 2
    no_union = store.query(q, union_default_graph=False)
    assert int(next(iter(no_union))["n"].value) == 0


def test_state_changes_with_every_write(store):
    assert store.state() == ("empty", None)
    store.replace_graphs({EX + "g": [triple("a", "p", 1)]})
    first, when = store.state()
    assert when is not None
    store.drop_graph(EX + "g")
    second, _ = store.state()
    assert first != second and second != "empty"
    store.update(f"INSERT DATA {{ GRAPH <{EX}h> {{ <{EX}x> <{EX}p> 3 }} }}")
    assert store.state()[0] not in (first, second)


def test_hashes_are_recorded_with_the_write(store):
    store.replace_graphs({EX + "onto": [triple("a", "p", 1)]}, hashes={EX + "onto": "h1"})
    store.replace_graphs({EX + "onto": [triple("a", "p", 2)]}, hashes={EX + "onto": "h2"})
    assert store.graph_hashes() == {EX + "onto": "h2"}


def test_failed_write_leaves_the_store_unchanged(store):
    store.replace_graphs({EX + "g1": [triple("a", "p", 1)]})
    before = (content_quads(store), store.state())
    with pytest.raises(StoreError):
        store.replace_graphs({EX + "g1": []}, drop=["not an iri"])
    with pytest.raises(StoreError, match="syntax"):
        store.update("INSERT DATA { oops")
    assert (content_quads(store), store.state()) == before


def test_bad_query_is_one_line_store_error(store):
    with pytest.raises(StoreError) as info:
        store.query("SELECT ?x WHERE { ?x ")
    assert "\n" not in str(info.value) and "syntax" in str(info.value).lower()


def test_checkpoint_opens_read_only(store, tmp_path):
    store.replace_graphs({EX + "g1": [triple("a", "p", 1)]})
    store.checkpoint(tmp_path / "ck")
    copy = EmbeddedStore.open_checkpoint(tmp_path / "ck")
    assert content_quads(copy) == content_quads(store)
    with pytest.raises(StoreError, match="read-only"):
        copy.drop_graph(EX + "g1")
    assert copy.graph_exists(EX + "g1")


def test_store_locked_by_another_process(tmp_path):
    data = tmp_path / "data"
    open_store(data).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
            import sys, pyoxigraph
            s = pyoxigraph.Store({str(data)!r})
            print("ready", flush=True)
            sys.stdin.read()
        """),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreError, match="in use by another process"):
            open_store(data)
    finally:
        holder.stdin.close()
        holder.wait(timeout=10)
    open_store(data).close()  # free again once the holder exits


def test_not_a_store(tmp_path):
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(StoreError, match="not a deploykb store"):
        open_store(tmp_path)
    with pytest.raises(StoreError, match="not a directory"):
        open_store(tmp_path / "notes.txt")
    with pytest.raises(StoreError, match="no store there"):
        open_store(tmp_path / "missing", read_only=True)
