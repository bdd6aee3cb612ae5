"""The query worker pool: time limit, busy pool, a worker dying, fresh snapshots after writes."""

from __future__ import annotations

import json
import os
import signal
import threading
import time

import pyoxigraph as ox
import pytest

from api.execute import QueryJob, QuerySyntaxError
from api.oxstore import PyoxigraphStore
from api.workers import ProcessExecutor, QueryBusy, QueryFailed, QueryTimeout

RUNAWAY = "SELECT (COUNT(*) AS ?n) { ?a ?p ?x . ?b ?q ?y . ?c ?r ?z . ?d ?t ?w }"


def job(text: str) -> QueryJob:
    return QueryJob(text, None, None, "json", "turtle", 100)


@pytest.fixture()
def store(tmp_path):
    s = PyoxigraphStore.open(tmp_path / "data")
    s.ox.extend(
        ox.Quad(ox.NamedNode(f"http://ex/s{i}"), ox.NamedNode("http://ex/p"), ox.Literal(i))
        for i in range(300)
    )
    return s


@pytest.fixture()
def pool(store, tmp_path):
    executor = ProcessExecutor(store.ox, size=1, timeout=1.0, root=tmp_path)
    yield executor
    executor.close()


def _count(answer) -> int:
    return len(json.loads(answer.body)["results"]["bindings"])


def test_answers_and_sees_writes_after_changed(pool, store) -> None:
    assert _count(pool.run(job("SELECT * { ?s ?p ?o }"))) == 100  # capped
    store.ox.add(ox.Quad(ox.NamedNode("http://ex/new"), ox.NamedNode("http://ex/p"), ox.Literal(1)))
    ask = job("ASK { <http://ex/new> ?p ?o }")
    assert json.loads(pool.run(ask).body)["boolean"] is False  # old snapshot until told
    pool.changed()
    assert json.loads(pool.run(ask).body)["boolean"] is True


def test_syntax_error_keeps_the_worker(pool) -> None:
    with pytest.raises(QuerySyntaxError):
        pool.run(job("SELECT * {"))
    assert pool.killed == 0
    assert json.loads(pool.run(job("ASK {}")).body)["boolean"] is True


def test_timeout_kills_and_replaces_the_worker(pool) -> None:
    t0 = time.monotonic()
    with pytest.raises(QueryTimeout):
        pool.run(job(RUNAWAY))
    assert time.monotonic() - t0 < 1.8
    assert pool.killed == 1
    assert json.loads(pool.run(job("ASK {}")).body)["boolean"] is True


def test_busy_pool_answers_busy_not_forever(store, tmp_path) -> None:
    # waiting for a free worker gives up after 0.3 s, long before the runaway's 1 s limit
    pool = ProcessExecutor(store.ox, size=1, timeout=1.0, root=tmp_path, wait=0.3)
    errors: list[Exception] = []

    def slow() -> None:
        try:
            pool.run(job(RUNAWAY))
        except Exception as exc:
            errors.append(exc)

    t = threading.Thread(target=slow)
    t.start()
    time.sleep(0.2)
    with pytest.raises(QueryBusy):
        pool.run(job("ASK {}"))
    t.join()
    pool.close()
    assert isinstance(errors[0], QueryTimeout)


def test_a_dead_worker_is_replaced(pool) -> None:
    worker = next(iter(pool._all))
    os.kill(worker.process.pid, signal.SIGKILL)
    worker.process.join(5)
    with pytest.raises(QueryFailed):
        pool.run(job("ASK {}"))
    deadline = time.monotonic() + 10
    while pool._idle.qsize() == 0 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert json.loads(pool.run(job("ASK {}")).body)["boolean"] is True


def test_close_removes_snapshots(store, tmp_path) -> None:
    executor = ProcessExecutor(store.ox, size=1, timeout=5, root=tmp_path)
    root = executor.snapshots.root
    assert root.is_dir() and any(root.iterdir())
    executor.close()
    assert not root.exists()
