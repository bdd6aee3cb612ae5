"""End-to-end: `deploykb serve` (gunicorn) in a subprocess on a free loopback port."""

from __future__ import annotations

import json
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from kb.store import open_store

#: enough rows that a 3-way cross product never finishes within the limit
N = 400


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, h):
    data = tmp_path_factory.mktemp("srv") / "data"
    store = open_store(data_dir=data)
    rows = " ".join(f"<http://ex/s{i}> <http://ex/p> {i} ." for i in range(N))
    store.update(f"INSERT DATA {{ GRAPH <http://ex/g> {{ {rows} }} }}")
    store.close()
    srv = h.start_server(data, "--query-timeout", "2", "--max-rows", "50", "--token", h.TOKEN)
    yield srv
    h.stop_server(srv)


def get(url: str, headers: dict[str, str] | None = None, timeout: float = 30):
    req = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def q(server, query: str, **params: str) -> str:
    return server.url + "/sparql?" + urllib.parse.urlencode({"query": query, **params})


def test_select_over_http_with_row_cap(server) -> None:
    status, headers, body = get(q(server, "SELECT ?s { ?s <http://ex/p> ?o }"))
    assert status == 200
    data = json.loads(body)
    assert len(data["results"]["bindings"]) == 50
    assert headers["X-Deploykb-Truncated"] == "true"
    assert headers["X-Deploykb-Max-Rows"] == "50"
    assert data["head"]["link"] == ["https://w3id.org/deploykb/ontology#TruncatedResult"]
    assert headers["Access-Control-Allow-Origin"] == "*"


def test_small_result_is_not_marked(server) -> None:
    status, headers, body = get(q(server, "SELECT ?o { <http://ex/s7> <http://ex/p> ?o }"))
    assert status == 200 and "X-Deploykb-Truncated" not in headers
    assert json.loads(body)["results"]["bindings"][0]["o"]["value"] == "7"


def test_runaway_query_is_stopped_while_a_simple_one_is_answered(server) -> None:
    runaway = (
        "SELECT (COUNT(*) AS ?n) { ?a <http://ex/p> ?x . ?b <http://ex/p> ?y . "
        "?c <http://ex/p> ?z . ?d <http://ex/p> ?w }"
    )
    out: dict[str, object] = {}

    def slow() -> None:
        t0 = time.monotonic()
        out["slow"] = get(q(server, runaway))
        out["slow_time"] = time.monotonic() - t0

    t = threading.Thread(target=slow)
    t.start()
    time.sleep(0.3)
    t0 = time.monotonic()
    status, _, body = get(q(server, "ASK { <http://ex/s1> <http://ex/p> 1 }"))
    quick_time = time.monotonic() - t0
    t.join(30)
    assert status == 200 and json.loads(body)["boolean"] is True
    assert quick_time < 1.9  # answered before the runaway's 2 s limit: it did not wait for it
    slow_status, _, slow_body = out["slow"]
    assert slow_status == 503
    assert b"limit" in slow_body
    assert out["slow_time"] < 2 + 2.0  # the 2 s limit plus slack on a loaded machine
    # the server is healthy afterwards (the killed worker was replaced)
    for _ in range(3):
        assert get(q(server, "ASK {}"))[0] == 200


def test_service_makes_no_outbound_connection(server) -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(5)
    listener.settimeout(1.5)
    port = listener.getsockname()[1]
    queries = [
        f"SELECT * {{ SERVICE <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}",
        f"SELECT * {{ SeRvIcE SILENT <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
        f"SELECT * {{ \\u0053ERVICE <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}",
        f"SELECT * FROM <http://127.0.0.1:{port}/data> {{ ?s ?p ?o }}",
        f"SELECT * FROM NAMED <http://127.0.0.1:{port}/data> {{ GRAPH ?g {{ ?s ?p ?o }} }}",
    ]
    statuses = [get(q(server, text))[0] for text in queries]
    assert statuses[:3] == [400, 400, 400]
    assert statuses[3:] == [200, 200]
    # LOAD through /update is refused too, even with the token
    body = urllib.parse.urlencode({"update": f"LOAD <http://127.0.0.1:{port}/x.ttl>"}).encode()
    req = urllib.request.Request(
        server.url + "/update",
        data=body,
        headers={"Authorization": "Bearer test-token-123"},
    )
    try:
        urllib.request.urlopen(req, timeout=10)
        load_status = 200
    except urllib.error.HTTPError as e:
        load_status = e.code
    assert load_status == 400
    with pytest.raises(socket.timeout):
        conn, _ = listener.accept()
        conn.close()
    listener.close()


def test_dump_and_conditional_get(server) -> None:
    status, headers, body = get(server.url + "/dump/deploykb.nq")
    assert status == 200
    assert body.count(b"<http://ex/g>") == N
    assert headers["Content-Disposition"] == 'attachment; filename="deploykb.nq"'
    status2, _, body2 = get(server.url + "/dump/deploykb.nq", {"If-None-Match": headers["ETag"]})
    assert status2 == 304 and body2 == b""


def test_write_endpoints_need_the_token(server) -> None:
    req = urllib.request.Request(
        server.url + "/update",
        data=b"INSERT DATA { <http://ex/a> <http://ex/b> 1 }",
        headers={"Content-Type": "application/sparql-update"},
    )
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(req, timeout=10)
    assert info.value.code == 401
    assert info.value.headers["WWW-Authenticate"].startswith("Bearer")


def test_serve_refuses_a_bad_store_with_one_line(tmp_path: Path) -> None:
    import subprocess
    import sys

    bad = tmp_path / "file"
    bad.write_text("not a store")
    exe = Path(sys.executable).parent / "deploykb"
    out = subprocess.run(
        [str(exe), "serve", "--data", str(bad), "--port", "1"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode != 0
    assert "Traceback" not in out.stderr
    assert "Error" in out.stderr


def _descendants(pid: int) -> set[int]:
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(stat.parent.name)] = int(fields[1])
    out: set[int] = set()
    frontier = {pid}
    while frontier:
        children = {c for c, p in parents.items() if p in frontier}
        frontier = children - out
        out |= children
    return out


def test_stopping_the_server_leaves_no_process_or_snapshot(tmp_path: Path, h) -> None:
    data = tmp_path / "data"
    srv = h.start_server(data)
    assert get(q(srv, "ASK {}"))[0] == 200
    children = _descendants(srv.proc.pid)
    assert len(children) >= 3  # gunicorn worker + 2 query workers (+ multiprocessing helper)
    assert list(tmp_path.glob("deploykb-snapshots-*"))
    h.stop_server(srv)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(Path(f"/proc/{p}").exists() for p in children):
        time.sleep(0.2)
    alive = [p for p in children if Path(f"/proc/{p}").exists()]
    zombies = [
        p for p in alive if Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1][:3] == " Z "
    ]
    assert [p for p in alive if p not in zombies] == []
    assert list(tmp_path.glob("deploykb-snapshots-*")) == []


def test_serve_refuses_a_taken_port_with_one_line(tmp_path: Path) -> None:
    import subprocess
    import sys

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        exe = Path(sys.executable).parent / "deploykb"
        out = subprocess.run(
            [str(exe), "serve", "--data", str(tmp_path / "d"), "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert out.returncode != 0
    assert out.stderr.strip().splitlines() == [
        f"Error: cannot listen on 127.0.0.1:{port}: Address already in use"
    ]
