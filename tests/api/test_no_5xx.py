"""Bad requests of every kind get a 4xx, never a 5xx: a seeded sweep over routes, methods,
bodies, content types and Accept headers."""

from __future__ import annotations

import itertools
import random

BODIES = [
    b"",
    b"\x00\xff",
    b"ASK {}",
    b"query=",
    b"update=",
    b"SELECT * { ?s ?p ?o } LIMIT -1",
    b"<a> <b> <c> .",
    "\u00e9".encode("latin-1"),
    b"{}",
    b"[]",
    b"query=%ZZ",
    b"update=INSERT+DATA+%7B%3Chttp%3A%2F%2Fa%3E+%3Chttp%3A%2F%2Fb%3E+1%7D",
    b'{"text":"Russia sent jets.","published":"2016-01-01"}',
    b'--x\r\nContent-Disposition: form-data; name="f"; filename="a.ttl"\r\n\r\n<a:a> <a:b> <a:c> .\r\n--x--\r\n',
]
TYPES = [
    None,
    "application/sparql-query",
    "application/sparql-update",
    "application/x-www-form-urlencoded",
    "text/turtle",
    "application/ld+json",
    "multipart/form-data; boundary=x",
    "application/json",
    "text/plain; charset=utf-16",
    "application/n-triples; charset=latin1",
    "application/rdf+xml",
]
PATHS = [
    "/sparql",
    "/update",
    "/store",
    "/store?default",
    "/store?graph=http://ex/g",
    "/store/x/y",
    "/reports",
    "/dump/deploykb.nt",
    "/dump/deploykb.jsonld.gz",
    "/.well-known/void",
    "/sparql?query=%ZZ",
    "/sparql?query=ASK{}&format=zzz",
    "/sparql?default-graph-uri=&query=ASK{}",
    "/store?graph=",
    "/store?graph=https://w3id.org/deploykb/graph/report/abc",
]
ACCEPTS = [None, "*/*", "text/html", "application/json;q=abc", "text/turtle;q=0", "*/*;q=0", ""]
METHODS = ["GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH"]


def test_no_request_gets_a_5xx(inline_app, h) -> None:
    client = inline_app.test_client()
    rng = random.Random(20261121)
    combos = list(itertools.product(METHODS, PATHS))
    failures = []
    statuses = set()
    for method, path in combos * 3:
        headers = dict(h.AUTH) if rng.random() < 0.8 else {}
        accept = rng.choice(ACCEPTS)
        if accept is not None:
            headers["Accept"] = accept
        kwargs = {"headers": headers, "data": rng.choice(BODIES)}
        ctype = rng.choice(TYPES)
        if ctype:
            kwargs["content_type"] = ctype
        resp = client.open(path, method=method, **kwargs)
        statuses.add(resp.status_code)
        if resp.status_code >= 500:
            failures.append((method, path, ctype, resp.status_code, resp.data[:120]))
    assert failures == []
    assert {200, 400, 404, 405, 415} <= statuses  # the sweep really reached the handlers
