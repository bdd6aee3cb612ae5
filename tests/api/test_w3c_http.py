"""The same W3C Protocol, Service Description and GSP tests, over real HTTP against
`deploykb serve` (gunicorn), so charset, HEAD, chunking and headers are checked end to end."""

from __future__ import annotations

import http.client
import json
from pathlib import Path
from urllib.parse import quote, urlsplit

import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

W3C = Path(__file__).parent / "w3c"
PROTOCOL = json.loads((W3C / "protocol.json").read_text("utf-8"))
GSP = json.loads((W3C / "graph-store-protocol.json").read_text("utf-8"))
DATA = json.loads((W3C / "protocol-data.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def server(tmp_path_factory, h):
    srv = h.start_server(tmp_path_factory.mktemp("w3c") / "data", "--token", h.TOKEN)
    yield srv
    h.stop_server(srv)


def send(server, method: str, path: str, headers: dict[str, str], body: bytes | None):
    parts = urlsplit(server.url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        conn.request(method, path, body=body, headers=headers)
        resp = conn.getresponse()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read()
    finally:
        conn.close()


def status_ok(status: int, expected: list[str]) -> bool:
    return any(e == str(status) or (e.endswith("xx") and str(status)[0] == e[0]) for e in expected)


def reset(server, h, update: str = "DROP ALL") -> None:
    headers = {"Content-Type": "application/sparql-update", **h.AUTH}
    status, _, body = send(server, "POST", "/update", headers, update.encode())
    assert status == 204, body


@pytest.mark.parametrize("test", PROTOCOL, ids=[t["id"] for t in PROTOCOL])
def test_protocol_over_http(server, h, test: dict) -> None:
    reset(server, h)
    for gd in test["graph_data"]:
        nt = DATA[gd["file"].removesuffix(".nt")]
        reset(server, h, f"INSERT DATA {{ GRAPH <{gd['name']}> {{ {nt} }} }}")
    for req in test["requests"]:
        ctype = req["headers"].get("content-type", "")
        update = (
            "sparql-update" in ctype
            or (req["body"] or "").startswith("update=")
            or "?update=" in req["path"]
            or test["id"].startswith("bad_update")
        )
        path = ("/update" if update else "/sparql") + req["path"][len("/sparql/") :]
        headers = dict(req["headers"])
        if update:
            headers.update(h.AUTH)
        body = req["body"].encode(req["encoding"].lower()) if req["body"] is not None else None
        status, resp_headers, data = send(server, req["method"], path, headers, body)
        assert status_ok(status, req["expect_status"]), (status, data[:300])
        if status < 300 and req["expect_format"] == "boolean":
            answer = json.loads(data)["boolean"]
            assert answer is (
                req["expect_boolean"] if req["expect_boolean"] is not None else answer
            )
        if status < 300 and req["expect_format"] == "RDF":
            fmt = ox.RdfFormat.from_media_type(resp_headers["content-type"])
            assert fmt == ox.RdfFormat.TURTLE
            list(ox.parse(data, fmt))


def test_service_description_over_http(server) -> None:
    status, headers, data = send(server, "GET", "/sparql", {"Accept": "text/turtle"}, None)
    assert status == 200 and headers["content-type"].startswith("text/turtle")
    ends = {
        t.object.value
        for t in ox.parse(data, ox.RdfFormat.TURTLE)
        if t.predicate.value.endswith("#endpoint")
    }
    assert server.url + "/sparql" in ends


@pytest.mark.parametrize("test", GSP, ids=[t["id"] for t in GSP])
def test_graph_store_protocol_over_http(server, h, test: dict) -> None:
    reset(server, h)
    location = None
    for req in test["requests"]:
        path = req["path"]
        if location is not None:
            path = path.replace("$LOCATION$", quote(location, safe=""))
        path = "/store" + path[len("/gsp") :]
        body = req["body"].encode("utf-8") if req["body"] is not None else None
        status, headers, data = send(
            server, req["method"], path, {**req["headers"], **h.AUTH}, body
        )
        assert status_ok(status, req["expect_status"]), (req["method"], path, status, data[:200])
        if req["expect_location"]:
            location = headers["location"]
        expected_type = req["response_headers"].get("content-type")
        if expected_type:
            assert headers["content-type"].split(";")[0] == expected_type.split(";")[0]
        if req["response_body"] is not None and req["method"] == "GET":
            expected = Graph().parse(data=req["response_body"], format="turtle")
            assert isomorphic(expected, Graph().parse(data=data, format="turtle"))
