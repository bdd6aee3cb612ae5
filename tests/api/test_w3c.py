"""The W3C SPARQL 1.1 Protocol, Service Description and Graph Store Protocol tests
(w3c/rdf-tests, re-encoded as JSON by w3c/convert_manifests.py), run against the app with
its production query executor (worker processes over store snapshots).

Protocol requests aimed at ``/sparql/`` go to /sparql, updates to /update with the bearer
token; GSP requests aimed at ``/gsp`` go to /store. Every test starts from an empty store.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

W3C = Path(__file__).parent / "w3c"
PROTOCOL = json.loads((W3C / "protocol.json").read_text("utf-8"))
SD = json.loads((W3C / "service-description.json").read_text("utf-8"))
GSP = json.loads((W3C / "graph-store-protocol.json").read_text("utf-8"))
DATA = json.loads((W3C / "protocol-data.json").read_text("utf-8"))


def status_ok(status: int, expected: list[str]) -> bool:
    for e in expected:
        if e.endswith("xx") and str(status)[0] == e[0]:
            return True
        if e == str(status):
            return True
    return False


def _is_update(test_id: str, req: dict) -> bool:
    ctype = req["headers"].get("content-type", "")
    body = req["body"] or ""
    return (
        "sparql-update" in ctype
        or body.startswith("update=")
        or "?update=" in req["path"]
        or test_id.startswith("bad_update")
    )


def _check_format(resp, expected: str | None, expected_boolean) -> None:
    ctype = resp.headers["Content-Type"]
    if expected == "boolean":
        assert ctype.startswith("application/sparql-results+json")
        assert json.loads(resp.data)["boolean"] is expected_boolean or expected_boolean is None
    elif expected == "tabular":
        assert ctype.startswith("application/sparql-results+json")
        assert "bindings" in json.loads(resp.data)["results"]
    elif expected == "RDF":
        fmt = ox.RdfFormat.from_media_type(ctype)
        assert fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.N_TRIPLES, ox.RdfFormat.RDF_XML)
        list(ox.parse(resp.data, fmt))  # parses


@pytest.mark.parametrize("test", PROTOCOL, ids=[t["id"] for t in PROTOCOL])
def test_protocol(process_app, h, test: dict) -> None:
    h.reset(process_app)
    for gd in test["graph_data"]:
        nt = DATA[gd["file"].removesuffix(".nt")]
        quads = "".join(f"GRAPH <{gd['name']}> {{ {line} }}\n" for line in nt.splitlines() if line)
        h.load_nquads(process_app, quads)
    client = process_app.test_client()
    for req in test["requests"]:
        update = _is_update(test["id"], req)
        path = ("/update" if update else "/sparql") + req["path"][len("/sparql/") :]
        headers = {k: v for k, v in req["headers"].items() if k != "content-type"}
        if update:
            headers.update(h.AUTH)
        body = req["body"].encode(req["encoding"].lower()) if req["body"] is not None else None
        kwargs = {"headers": headers, "data": body}
        if "content-type" in req["headers"]:
            kwargs["content_type"] = req["headers"]["content-type"]
        resp = client.open(path, method=req["method"], **kwargs)
        assert status_ok(resp.status_code, req["expect_status"]), (
            resp.status_code,
            resp.data[:300],
        )
        if resp.status_code < 300:
            _check_format(resp, req["expect_format"], req["expect_boolean"])


def test_protocol_dataset_negative_control(process_app, h) -> None:
    """The dataset tests must pass because of the protocol dataset, not a union default."""
    h.reset(process_app)
    nt = DATA["data1"]
    h.load_nquads(process_app, f"GRAPH <http://kasei.us/2009/09/sparql/data/data1.rdf> {{ {nt} }}")
    q = "ASK { <http://kasei.us/2009/09/sparql/data/data1.rdf> a ?type }"
    client = process_app.test_client()
    other = client.get("/sparql", query_string={"query": q, "default-graph-uri": "http://x/none"})
    own = client.get(
        "/sparql",
        query_string={
            "query": q,
            "default-graph-uri": "http://kasei.us/2009/09/sparql/data/data1.rdf",
        },
    )
    union = client.get("/sparql", query_string={"query": q})
    assert json.loads(other.data)["boolean"] is False
    assert json.loads(own.data)["boolean"] is True
    assert json.loads(union.data)["boolean"] is True


SD_NS = "http://www.w3.org/ns/sparql-service-description#"


@pytest.mark.parametrize("test", SD, ids=[t["id"] for t in SD])
def test_service_description(process_app, test: dict) -> None:
    client = process_app.test_client()
    resp = client.get("/sparql", base_url="http://www.example")
    assert resp.status_code == 200
    fmt = ox.RdfFormat.from_media_type(resp.headers["Content-Type"])
    assert fmt is not None  # returns-rdf
    triples = list(ox.parse(resp.data, fmt))
    endpoints = [t for t in triples if t.predicate.value == SD_NS + "endpoint"]
    if test["id"] == "returns-rdf":
        assert triples
    elif test["id"] == "has-endpoint-triple":
        assert "http://www.example/sparql" in [t.object.value for t in endpoints]
    else:  # conforms-to-schema: an sd:Service with endpoint, language, and typed dataset
        services = {
            t.subject
            for t in triples
            if t.predicate.value.endswith("#type") and t.object.value == SD_NS + "Service"
        }
        assert {t.subject for t in endpoints} <= services and services
        langs = {
            t.object.value for t in triples if t.predicate.value == SD_NS + "supportedLanguage"
        }
        assert SD_NS + "SPARQL11Query" in langs
        dataset = {t.object for t in triples if t.predicate.value == SD_NS + "defaultDataset"}
        assert dataset and all(
            any(t.subject == d and t.object.value == SD_NS + "Dataset" for t in triples)
            for d in dataset
        )


def _gsp_path(path: str, location: str | None) -> str:
    if location is not None:
        path = path.replace("$LOCATION$", quote(location, safe=""))
    return "/store" + path[len("/gsp") :]


@pytest.mark.parametrize("test", GSP, ids=[t["id"] for t in GSP])
def test_graph_store_protocol(process_app, h, test: dict) -> None:
    h.reset(process_app)
    client = process_app.test_client()
    location = None
    for req in test["requests"]:
        headers = {k: v for k, v in req["headers"].items() if k != "content-type"}
        headers.update(h.AUTH)
        kwargs = {"headers": headers}
        if req["body"] is not None:
            kwargs["data"] = req["body"].encode("utf-8")
        if "content-type" in req["headers"]:
            kwargs["content_type"] = req["headers"]["content-type"]
        resp = client.open(
            _gsp_path(req["path"], location),
            method=req["method"],
            base_url="http://www.example",
            **kwargs,
        )
        assert status_ok(resp.status_code, req["expect_status"]), (
            req["method"],
            req["path"],
            resp.status_code,
            resp.data[:300],
        )
        if req["expect_location"]:
            location = resp.headers["Location"]
        if req["response_headers"].get("content-type"):
            assert (
                resp.headers["Content-Type"].split(";")[0]
                == req["response_headers"]["content-type"].split(";")[0]
            )
        if req["response_body"] is not None and req["method"] == "GET":
            expected = Graph().parse(data=req["response_body"], format="turtle")
            got = Graph().parse(data=resp.data, format="turtle")
            assert isomorphic(expected, got), resp.data.decode()
