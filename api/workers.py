"""Query executors with a time limit that really stops a query.

pyoxigraph's ``Store.query`` has no timeout and cannot be interrupted from another thread, so
``ProcessExecutor`` runs every query in one of a few long-lived worker processes. Each worker
opens a read-only *snapshot* of the store (``Store.backup``: hard links, cheap) taken after
the last write; the web process stays the only read-write owner. When a query passes its
deadline the worker is killed (SIGKILL: the query is gone, memory and CPU are freed), a fresh
worker is started in the background, and the client gets a 503. Other requests are served by
the other workers meanwhile.

``InlineExecutor`` runs queries in the web process (remote stores, whose HTTP client and
server enforce their own timeouts, and stores that cannot be snapshotted); past the deadline
the client is answered 503 but the query cannot be stopped, which docs/endpoint.md says.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import multiprocessing as mp
import os
import queue
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from api.execute import QueryAnswer, QueryJob, QuerySyntaxError, run_query

log = logging.getLogger(__name__)


class QueryTimeout(Exception):
    pass


class QueryBusy(Exception):
    """Every worker is busy and none became free within the time limit."""


class QueryFailed(Exception):
    """The engine failed (not the client's fault)."""


# -- worker process side -----------------------------------------------------------------


def _worker_main(conn: Any, snapshot: str) -> None:
    """Entry point of a query worker process (spawned, so it shares no state with the parent)."""
    import signal

    from api.oxstore import PyoxigraphStore

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    store = PyoxigraphStore.open(snapshot, read_only=True)
    conn.send(("ready", snapshot))
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):
            return
        if msg[0] == "open":
            store = PyoxigraphStore.open(msg[1], read_only=True)
            conn.send(("opened", msg[1]))
        elif msg[0] == "query":
            try:
                conn.send(("ok", run_query(store, msg[1])))
            except QuerySyntaxError as exc:
                conn.send(("syntax", str(exc)))
            except Exception as exc:  # reported to the web process as a 500-class failure
                conn.send(("error", f"{type(exc).__name__}: {exc}"))
        elif msg[0] == "stop":
            return


# -- web process side --------------------------------------------------------------------


class Snapshots:
    """Read-only copies of the store, one per store version, made on demand."""

    def __init__(self, store: ox.Store, root: Path):
        self._store = store
        self.root = root
        self.version = 0
        self._current: tuple[int, str] | None = None
        self._users: dict[str, int] = {}
        self._lock = threading.Lock()

    def changed(self) -> None:
        with self._lock:
            self.version += 1

    def current(self) -> str:
        with self._lock:
            if self._current is None or self._current[0] != self.version:
                path = self.root / f"v{self.version}-{time.monotonic_ns()}"
                self._store.backup(str(path))
                old = self._current
                self._current = (self.version, str(path))
                if old and not self._users.get(old[1]):
                    shutil.rmtree(old[1], ignore_errors=True)
            return self._current[1]

    def acquire(self, path: str) -> None:
        with self._lock:
            self._users[path] = self._users.get(path, 0) + 1

    def release(self, path: str) -> None:
        with self._lock:
            self._users[path] = self._users.get(path, 1) - 1
            if self._users[path] <= 0:
                del self._users[path]
                if not self._current or self._current[1] != path:
                    shutil.rmtree(path, ignore_errors=True)


@dataclass(eq=False)
class _Worker:
    process: Any
    conn: Any
    snapshot: str
    served: int = field(default=0)


SNAPSHOT_PREFIX = "deploykb-snapshots-"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale_snapshots(root: Path | None) -> None:
    """Delete snapshot directories left behind by servers that were killed."""
    parent = root or Path(tempfile.gettempdir())
    for path in parent.glob(SNAPSHOT_PREFIX + "*"):
        pid = path.name[len(SNAPSHOT_PREFIX) :].split("-", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(path, ignore_errors=True)


class ProcessExecutor:
    def __init__(
        self,
        store: ox.Store,
        size: int,
        timeout: float,
        root: Path | None = None,
        wait: float | None = None,
    ):
        self.timeout = timeout
        #: how long a request waits for a free worker before 503 (default: the time limit)
        self.wait = timeout if wait is None else wait
        self.size = max(1, size)
        remove_stale_snapshots(root)
        self._root = Path(tempfile.mkdtemp(prefix=f"{SNAPSHOT_PREFIX}{os.getpid()}-", dir=root))
        self.snapshots = Snapshots(store, self._root)
        self._ctx = mp.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        self.killed = 0
        starters = [threading.Thread(target=self._start_worker) for _ in range(self.size)]
        for t in starters:
            t.start()
        for t in starters:
            t.join()
        atexit.register(self.close)

    # -- lifecycle
    def _start_worker(self) -> None:
        """Start one worker and put it in the idle queue (runs in its own thread)."""
        for attempt in range(3):
            if self._closed:
                return
            try:
                snapshot = self.snapshots.current()
            except OSError as exc:
                log.error("cannot snapshot the store for a query worker: %s", exc)
                return
            self.snapshots.acquire(snapshot)
            parent, child = self._ctx.Pipe()
            proc = self._ctx.Process(target=_worker_main, args=(child, snapshot), daemon=True)
            proc.start()
            child.close()
            worker = _Worker(proc, parent, snapshot)
            with self._lock:
                self._all.add(worker)  # so close() stops it even while it starts
            try:
                ready = parent.poll(60) and parent.recv()[0] == "ready"
            except (EOFError, OSError):
                ready = False
            if ready and not self._closed:
                self._idle.put(worker)
                return
            self._kill(worker)
            if not self._closed:
                log.error(
                    "query worker did not start (attempt %d, exit code %s)",
                    attempt + 1,
                    proc.exitcode,
                )

    def _kill(self, worker: _Worker) -> None:
        with contextlib.suppress(Exception):
            worker.process.kill()
            worker.process.join(5)
        with contextlib.suppress(Exception):
            worker.conn.close()
        with self._lock:
            self._all.discard(worker)
        self.snapshots.release(worker.snapshot)

    def _replace(self, worker: _Worker) -> None:
        self._kill(worker)
        self.killed += 1
        threading.Thread(target=self._start_worker, daemon=True).start()

    def changed(self) -> None:
        """Call after every write: the next queries see a fresh snapshot."""
        self.snapshots.changed()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            workers = list(self._all)
        for w in workers:
            self._kill(w)
        shutil.rmtree(self._root, ignore_errors=True)

    # -- queries
    def _wait(self, worker: _Worker, deadline: float) -> Any:
        remaining = deadline - time.monotonic()
        if remaining <= 0 or not worker.conn.poll(remaining):
            self._replace(worker)
            raise QueryTimeout(f"the query took longer than the {self.timeout:g} s limit")
        return worker.conn.recv()

    def run(self, job: QueryJob) -> QueryAnswer:
        try:
            worker = self._idle.get(timeout=self.wait)
        except queue.Empty:
            raise QueryBusy("every query worker is busy; try again shortly") from None
        deadline = time.monotonic() + self.timeout
        try:
            snapshot = self.snapshots.current()
            if worker.snapshot != snapshot:
                self.snapshots.acquire(snapshot)
                try:
                    worker.conn.send(("open", snapshot))
                    self._wait(worker, deadline)
                except BaseException:
                    self.snapshots.release(snapshot)
                    raise
                self.snapshots.release(worker.snapshot)
                worker.snapshot = snapshot
            worker.conn.send(("query", job))
            msg = self._wait(worker, deadline)
        except QueryTimeout:
            log.warning(
                "query stopped at the %g s limit (worker killed): %s",
                self.timeout,
                " ".join(job.sparql.split())[:300],
            )
            raise
        except (EOFError, OSError) as exc:
            self._replace(worker)
            raise QueryFailed(f"the query worker died: {exc}") from None
        worker.served += 1
        self._idle.put(worker)
        kind = msg[0]
        if kind == "ok":
            return msg[1]
        if kind == "syntax":
            raise QuerySyntaxError(msg[1])
        raise QueryFailed(msg[1])


class InlineExecutor:
    """Queries in the web process; past the deadline the client gets 503 (see module doc)."""

    def __init__(self, store: Any, timeout: float):
        self.store = store
        self.timeout = timeout

    def changed(self) -> None:
        pass

    def close(self) -> None:
        pass

    def run(self, job: QueryJob) -> QueryAnswer:
        if not self.timeout:
            return run_query(self.store, job)
        box: dict[str, Any] = {}

        def target() -> None:
            try:
                box["answer"] = run_query(self.store, job)
            except BaseException as exc:
                box["error"] = exc

        t = threading.Thread(target=target, daemon=True)
        t.start()
        t.join(self.timeout)
        if t.is_alive():
            raise QueryTimeout(f"the query took longer than the {self.timeout:g} s limit")
        if "error" in box:
            err = box["error"]
            if isinstance(err, QuerySyntaxError):
                raise err
            message = str(err)
            # kb.store stores wrap the parser's error; a remote server's 400 is the same thing
            if ": HTTP 400: " in message:
                raise QuerySyntaxError(message.split(": HTTP 400: ", 1)[1])
            if "syntax error" in message.lower():
                raise QuerySyntaxError(message.split(": ", 1)[-1])
            if "no answer within" in message:
                raise QueryTimeout(message)
            raise QueryFailed(f"{type(err).__name__}: {err}")
        return box["answer"]
