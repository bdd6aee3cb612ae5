"""The UI over the demo corpus (examples/, 15 articles) ingested by the real pipeline: every
local link works, the map has a marker for every located place, and the map draws them."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from werkzeug.serving import make_server

from api import create_app

HTML = {"Accept": "text/html"}
CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="module")
def examples_app(repo_root: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from kb.ingest import run_ingest
    from kb.store import open_store

    examples = repo_root / "examples"
    if not any(examples.glob("*.meta.json")):
        pytest.skip("the demo corpus examples/ is absent")
    store = open_store(tmp_path_factory.mktemp("ui-examples") / "store")
    summary = run_ingest(store, [str(examples)])
    if summary.ingested == 0:
        store.close()
        pytest.skip(f"the ingest pipeline stored none of examples/ ({summary.rejected} rejected)")
    app = create_app({"STORE": store, "QUERY_ISOLATION": "inline", "TESTING": True})
    yield app
    store.close()


def test_every_local_link_works_on_the_demo_corpus(examples_app):
    client = examples_app.test_client()
    seen: dict[str, int] = {}
    queue = ["/", "/claims", "/map"]
    while queue and len(seen) < 400:
        url = queue.pop(0)
        if url in seen:
            continue
        resp = client.get(url, headers=HTML)
        seen[url] = resp.status_code
        if resp.mimetype != "text/html" or resp.status_code != 200:
            continue
        for href in re.findall(r'href="(/[^"#]*)', resp.get_data(as_text=True)):
            href = href.replace("&amp;", "&")
            # competency questions have their own tests (and one is slow on this corpus)
            skip = ("/dump/", "/sparql", "/.well-known", "/static/", "/query/")
            if not href.startswith(skip):
                queue.append(href)
    assert {u: s for u, s in seen.items() if s != 200} == {}
    assert sum(u.startswith("/id/claim/") for u in seen) >= 20


def test_map_marks_every_located_place(examples_app):
    client = examples_app.test_client()
    html = client.get("/", headers=HTML).get_data(as_text=True)
    claims = int(re.search(r'id="stat-claims">(\d+)<', html).group(1))
    features = client.get("/map.json").get_json()["features"]
    assert len(features) >= 5  # the demo corpus spans several countries
    assert sum(f["properties"]["claims"] for f in features) <= claims
    for f in features:
        lon, lat = f["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90


@pytest.mark.browser
@pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Debian chromium is not installed at /usr/bin/chromium"
)
def test_demo_corpus_map_in_chromium(examples_app, repo_root: Path):
    from playwright.sync_api import sync_playwright

    expected = len(examples_app.test_client().get("/map.json").get_json()["features"])
    server = make_server("127.0.0.1", 0, examples_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_port}"
    artifacts = repo_root / "test-artifacts" / "ui"
    artifacts.mkdir(parents=True, exist_ok=True)
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path=str(CHROMIUM),
                args=["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"],
                headless=True,
            )
            try:
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                page.goto(base + "/map")
                page.wait_for_selector(f'#map[data-markers="{expected}"]', timeout=20000)
                assert page.locator("path.place-marker").count() == expected
                page.screenshot(path=str(artifacts / "examples-map.png"), full_page=True)
                # places sharing a point share a popup that lists them all
                features = examples_app.test_client().get("/map.json").get_json()["features"]
                points: dict[tuple, list[str]] = {}
                for f in features:
                    key = tuple(round(c, 4) for c in f["geometry"]["coordinates"])
                    points.setdefault(key, []).append(f["properties"]["label"])
                shared = [labels for labels in points.values() if len(labels) > 1]
                if shared:
                    index = next(
                        i
                        for i, f in enumerate(features)
                        if f["properties"]["label"] == shared[0][-1]
                    )
                    page.locator("path.place-marker").nth(index).dispatch_event("click")
                    popup = page.locator(".leaflet-popup-content")
                    popup.wait_for()
                    for label in shared[0]:
                        assert label in popup.inner_text()
            finally:
                browser.close()
    finally:
        server.shutdown()
        thread.join(timeout=5)
