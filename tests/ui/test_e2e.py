"""End to end: the real ``deploykb serve`` (gunicorn + query worker processes) over a store
built by the real ingest of the seed articles, seen over HTTP and in headless Chromium."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def get(url: str, accept: str = "text/html") -> tuple[int, str, str]:
    req = urllib.request.Request(url, headers={"Accept": accept})
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, resp.headers.get_content_type(), resp.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get_content_type(), exc.read().decode()


def test_served_pages_and_negotiation(served_seeds: str):
    status, ctype, html = get(served_seeds + "/")
    assert status == 200 and ctype == "text/html"
    claims = int(re.search(r'id="stat-claims">(\d+)<', html).group(1))
    assert claims > 0
    status, ctype, body = get(served_seeds + "/id/place/latakia", "text/turtle")
    assert status == 200 and ctype == "text/turtle" and "pl:latakia" in body
    assert get(served_seeds + "/id/place/latakia", "image/png")[0] == 406
    assert get(served_seeds + "/id/place/no-such-place")[0] == 404
    status, ctype, body = get(served_seeds + "/map.json", "application/json")
    assert status == 200 and json.loads(body)["type"] == "FeatureCollection"
    # a competency question runs through the endpoint's query workers
    status, ctype, body = get(served_seeds + "/query/b_latest_estimate.json")
    assert status == 200 and json.loads(body)["rows"]


@pytest.mark.browser
@pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Debian chromium is not installed at /usr/bin/chromium"
)
def test_served_ui_in_chromium(served_seeds: str, repo_root: Path):
    from playwright.sync_api import sync_playwright

    artifacts = repo_root / "test-artifacts" / "ui"
    artifacts.mkdir(parents=True, exist_ok=True)
    foreign: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 900})

            def route(r):
                if r.request.url.startswith(served_seeds) or r.request.url.startswith("data:"):
                    r.continue_()
                else:
                    foreign.append(r.request.url)
                    r.abort()

            context.route("**/*", route)
            page = context.new_page()
            page.set_default_timeout(20000)
            page.goto(served_seeds + "/id/place/latakia")
            dots = page.locator("svg.timeline circle.dot")
            states = {
                (dots.nth(i).get_attribute("data-value"), dots.nth(i).get_attribute("data-state"))
                for i in range(dots.count())
            }
            assert ("200", "superseded") in states and ("500", "current") in states
            page.screenshot(path=str(artifacts / "served-latakia.png"), full_page=True)

            # the editor shows the rows the server-side table shows for the same question
            expected = json.loads(get(served_seeds + "/query/a_deployed_at_place.json")[2])
            assert expected["rows"]
            page.goto(served_seeds + "/query")
            page.wait_for_selector(".yasqe .CodeMirror")
            page.click('button.example[data-name="a_deployed_at_place"]')
            rows = page.locator(".yasr table tbody tr")
            rows.first.wait_for()
            assert rows.count() == min(len(expected["rows"]), 50)  # YASR pages by 50
            claims = page.locator('.yasr table tbody a[href*="/id/claim/"]')
            shown = {claims.nth(i).get_attribute("href") for i in range(claims.count())}
            assert shown <= {r["claim"] for r in expected["rows"]}
            page.screenshot(path=str(artifacts / "served-query.png"), full_page=True)

            page.goto(served_seeds + "/map")
            page.wait_for_selector("#map[data-markers]")
            assert int(page.get_attribute("#map", "data-markers")) >= 1
            page.screenshot(path=str(artifacts / "served-map.png"), full_page=True)
            context.close()
        finally:
            browser.close()
    assert foreign == []
