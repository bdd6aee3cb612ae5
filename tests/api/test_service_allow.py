"""SERVICE with an allow-list: only listed endpoint prefixes are called, everything else is a
400 before any connection is made."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from api.sparql_text import service_targets

ANSWER = (
    b'{"head":{"vars":["x"]},"results":{"bindings":[{"x":{"type":"literal","value":"remote"}}]}}'
)


class _Remote(BaseHTTPRequestHandler):
    hits: list[str] = []

    def _answer(self) -> None:
        type(self).hits.append(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(ANSWER)))
        self.end_headers()
        self.wfile.write(ANSWER)

    do_GET = do_POST = _answer

    def log_message(self, *args) -> None:
        pass


@pytest.fixture()
def remote():
    _Remote.hits = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Remote)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture()
def other():
    _Other = type("_Other", (_Remote,), {"hits": []})
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Other)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", _Other
    server.shutdown()


def test_allowed_prefix_is_called_others_are_not(inline_app, remote, other) -> None:
    other_url, other_handler = other
    inline_app.config["SERVICE_ALLOW"] = (remote + "/sparql",)
    client = inline_app.test_client()
    ok = client.get(
        "/sparql",
        query_string={"query": f"SELECT ?x {{ SERVICE <{remote}/sparql> {{ ?s ?p ?x }} }}"},
    )
    assert ok.status_code == 200, ok.data
    assert json.loads(ok.data)["results"]["bindings"][0]["x"]["value"] == "remote"
    assert len(_Remote.hits) == 1
    for query in (
        f"SELECT * {{ SERVICE <{other_url}/sparql> {{ ?s ?p ?o }} }}",
        f"SELECT * {{ SERVICE <{remote}/sparql> {{ ?s ?p ?o }} SERVICE <{other_url}/> {{ ?a ?b ?c }} }}",
        "SELECT * { BIND(<http://x/> AS ?e) SERVICE ?e { ?s ?p ?o } }",
        f"PREFIX r: <{other_url}/> SELECT * {{ SERVICE r:sparql {{ ?s ?p ?o }} }}",
    ):
        resp = client.get("/sparql", query_string={"query": query})
        assert resp.status_code == 400, query
        assert "only allowed" in resp.data.decode()
    assert other_handler.hits == [] and len(_Remote.hits) == 1


def test_service_targets_resolve_prefixes_and_base() -> None:
    text = (
        "BASE <http://a.example/> PREFIX w: <https://query.wikidata.org/> "
        "SELECT * { SERVICE SILENT w:sparql { ?s ?p ?o } SERVICE <rel> {} SERVICE ?v {} }"
    )
    assert service_targets(text) == [
        "https://query.wikidata.org/sparql",
        "http://a.example/rel",
        None,
    ]
