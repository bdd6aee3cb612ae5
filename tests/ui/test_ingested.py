"""The UI over a store built by the real pipeline (kb.ingest.run_ingest into kb.store.open_store)
from the seed articles: the Latakia troop estimates must show as 200 (superseded) then 500."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from api import create_app

HTML = {"Accept": "text/html"}


@pytest.fixture(scope="module")
def ingested(seed_data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Any:
    from kb.store import open_store

    data = tmp_path_factory.mktemp("ui-ingested") / "store"
    shutil.copytree(seed_data_dir, data)
    store = open_store(data)
    app = create_app({"STORE": store, "QUERY_ISOLATION": "inline", "TESTING": True})
    yield store, app.test_client()
    store.close()


def _count(store: Any, query: str) -> int:
    return int(next(iter(store.query(query)))[0].value)


def test_home_counts_match_the_store(ingested):
    store, client = ingested
    claims = _count(
        store,
        "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE "
        "{ ?c a <https://w3id.org/deploykb/ontology#DeploymentClaim> }",
    )
    html = client.get("/", headers=HTML).get_data(as_text=True)
    assert claims > 0
    assert re.search(rf'id="stat-claims">{claims}<', html)


def test_latakia_timeline_shows_200_then_500(ingested):
    _, client = ingested
    html = client.get("/id/place/latakia", headers=HTML).get_data(as_text=True)
    points = re.findall(r'data-value="(\d+)" data-date="[\d-]+" data-state="(\w+)"', html)
    assert ("200", "superseded") in points
    assert ("500", "current") in points
    assert points.index(("200", "superseded")) < points.index(("500", "current"))


def test_every_claim_page_renders_its_evidence(ingested):
    store, client = ingested
    claims = [
        row[0].value
        for row in store.query(
            "SELECT ?c WHERE { ?c a <https://w3id.org/deploykb/ontology#DeploymentClaim> }"
        )
    ]
    for iri in claims:
        path = "/" + iri.split("https://w3id.org/deploykb/", 1)[1]
        html = client.get(path, headers=HTML).get_data(as_text=True)
        assert '<blockquote class="evidence-sentence">' in html, iri
        assert '<mark class="mention">' in html, iri


def test_map_has_a_marker_for_each_located_place(ingested):
    store, client = ingested
    located = _count(
        store,
        """SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE {
  ?c <https://w3id.org/deploykb/ontology#location> ?p .
  ?p <http://www.opengis.net/ont/geosparql#hasGeometry>/<http://www.opengis.net/ont/geosparql#asWKT> ?w }""",
    )
    assert len(client.get("/map.json").get_json()["features"]) == located


def test_every_local_link_works_on_ingested_data(ingested):
    _, client = ingested
    seen: dict[str, int] = {}
    queue = ["/"]
    while queue and len(seen) < 300:
        url = queue.pop(0)
        if url in seen:
            continue
        resp = client.get(url, headers=HTML)
        seen[url] = resp.status_code
        if resp.mimetype != "text/html" or resp.status_code != 200:
            continue
        for href in re.findall(r'href="(/[^"#]*)', resp.get_data(as_text=True)):
            href = href.replace("&amp;", "&")
            if not href.startswith(("/dump/", "/sparql", "/.well-known", "/static/")):
                queue.append(href)
    assert {u: s for u, s in seen.items() if s != 200} == {}
