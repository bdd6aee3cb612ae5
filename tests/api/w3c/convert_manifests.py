"""Re-encode the W3C SPARQL 1.1 Protocol, Service Description and Graph Store Protocol
manifests (w3c/rdf-tests, W3C test suite licence) as plain JSON for tests/api/test_w3c.py.

Run once against a checkout of w3c/rdf-tests; the JSON files next to this script are the
output, committed so the tests need neither the network nor rdflib at test time:

    python tests/api/w3c/convert_manifests.py /path/to/rdf-tests
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from rdflib import RDF, RDFS, Graph, Namespace, URIRef
from rdflib.collection import Collection

MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
HTS = Namespace("http://www.w3.org/2011/http-statusCodes#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")

STATUS_NAMES = {
    "OK": "200",
    "Created": "201",
    "NoContent": "204",
    "NotFound": "404",
    "StatusCode2xx": "2xx",
    "StatusCode3xx": "3xx",
    "StatusCode4xx": "4xx",
}


def _headers(g: Graph, node) -> dict[str, str]:
    out: dict[str, str] = {}
    for lst in g.objects(node, HT.headers):
        for h in Collection(g, lst):
            out[str(g.value(h, HT.fieldName)).lower()] = str(g.value(h, HT.fieldValue))
    return out


def _body(g: Graph, node) -> tuple[str | None, str | None]:
    body = g.value(node, HT.body)
    if body is None:
        return None, None
    enc = g.value(body, CNT.characterEncoding)
    return str(g.value(body, CNT.chars)), str(enc) if enc else "UTF-8"


def _request(g: Graph, req) -> dict:
    body, enc = _body(g, req)
    resp = g.value(req, HT.resp)
    statuses = sorted(
        STATUS_NAMES[str(s).rsplit("#", 1)[1]] for s in g.objects(resp, MF.expectedStatus)
    )
    rbody, _ = _body(g, resp)
    out = {
        "method": str(g.value(req, HT.methodName)),
        "path": str(g.value(req, HT.absolutePath)),
        "headers": _headers(g, req),
        "body": body,
        "encoding": enc,
        "expect_status": statuses,
        "expect_boolean": (
            g.value(resp, MF.expectedBoolean).toPython()
            if g.value(resp, MF.expectedBoolean) is not None
            else None
        ),
        "expect_format": str(g.value(resp, MF.expectedFormat) or "") or None,
        "expect_location": str(g.value(resp, MF.expectedLocation) or "") or None,
        "response_headers": _headers(g, resp),
        "response_body": rbody,
    }
    return out


def convert(manifest: Path) -> list[dict]:
    g = Graph().parse(manifest, format="turtle", publicID=manifest.as_uri())
    tests = []
    root = next(g.subjects(RDF.type, MF.Manifest))
    for entries in g.objects(root, MF.entries):
        for test in Collection(g, entries):
            action = g.value(test, MF.action)
            requests = []
            if action is not None:
                for lst in g.objects(action, HT.requests):
                    requests = [_request(g, r) for r in Collection(g, lst)]
            graph_data = [
                {
                    "file": str(g.value(gd, UT.graph)).rsplit("/", 1)[1],
                    "name": str(g.value(gd, RDFS.label)),
                }
                for gd in g.objects(test, UT.graphData)
            ]
            tests.append(
                {
                    "id": str(test).rsplit("#", 1)[1],
                    "name": str(g.value(test, MF.name)),
                    "comment": str(g.value(test, RDFS.comment) or ""),
                    "requires": sorted(
                        str(r).rsplit("#", 1)[1] for r in g.objects(test, MF.requires)
                    ),
                    "graph_data": sorted(graph_data, key=lambda d: d["file"]),
                    "requests": requests,
                }
            )
    return tests


def main(rdf_tests: Path) -> None:
    here = Path(__file__).resolve().parent
    base = rdf_tests / "sparql" / "sparql11"
    out = {
        "protocol": convert(base / "protocol" / "manifest.ttl"),
        "service-description": convert(base / "service-description" / "manifest.ttl"),
        "graph-store-protocol": convert(base / "graph-store-protocol" / "manifest-indirect.ttl")
        + convert(base / "graph-store-protocol" / "manifest-direct.ttl"),
    }
    data = {
        name: (base / "protocol" / f"{name}.nt").read_text("utf-8")
        for name in ("data1", "data2", "data3")
    }
    for name, tests in out.items():
        (here / f"{name}.json").write_text(json.dumps(tests, indent=1, ensure_ascii=False) + "\n")
    (here / "protocol-data.json").write_text(json.dumps(data, indent=1) + "\n")
    print({k: len(v) for k, v in out.items()})


if __name__ == "__main__":
    _ = URIRef  # keep the import list honest for readers
    main(Path(sys.argv[1]))
