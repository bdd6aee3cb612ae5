"""Headless Chromium (Debian's /usr/bin/chromium, driven by Playwright) against the real app
on a loopback port. Screenshots go to test-artifacts/ui/. Every request the pages make is
recorded: none may leave the server (no CDN)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

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
BASE = "https://w3id.org/deploykb/"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Debian chromium is not installed at /usr/bin/chromium"
    ),
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        try:
            yield instance
        finally:
            instance.close()


@pytest.fixture(scope="module")
def artifacts(repo_root: Path) -> Path:
    out = repo_root / "test-artifacts" / "ui"
    out.mkdir(parents=True, exist_ok=True)
    return out


class Visit:
    """A fresh browser context that records every request and blocks any to another host."""

    def __init__(self, browser: Any, base: str) -> None:
        self.base = base
        self.requests: list[str] = []
        self.foreign: list[str] = []
        self.errors: list[str] = []
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.set_default_timeout(15000)
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.page.on("console", self._console)

    def _console(self, msg: Any) -> None:
        if msg.type == "error" and "Content Security Policy" in msg.text:
            self.errors.append(msg.text)

    def _route(self, route: Any) -> None:
        url = route.request.url
        self.requests.append(url)
        if url.startswith(self.base) or url.startswith("data:"):
            route.continue_()
        else:
            self.foreign.append(url)
            route.abort()

    def close(self) -> None:
        self.context.close()


@pytest.fixture()
def visit(browser: Any, live_server: str) -> Iterator[Visit]:
    v = Visit(browser, live_server)
    try:
        yield v
    finally:
        v.close()
    assert v.foreign == [], f"requests left the server: {v.foreign}"
    assert v.errors == [], f"JavaScript errors: {v.errors}"


def test_query_page_runs_a_competency_query(visit: Visit, artifacts: Path, repo_root: Path):
    query = repo_root / "ontology" / "queries" / "b_latest_estimate.rq"
    if not query.is_file():
        pytest.skip("competency question ontology/queries/b_latest_estimate.rq not installed")
    page = visit.page
    page.goto(visit.base + "/query")
    page.wait_for_selector(".yasqe .CodeMirror")
    first = page.evaluate("window.deploykbYasgui.getTab().getQuery()")
    assert "most recently reported claims" in first  # our starting query, not YASGUI's
    page.click('button.example[data-name="b_latest_estimate"]')
    # the fixture's latest estimates: 500 troops and 4 Su-30SM at Hmeimim, 2 Patriot, 14 tanks
    # locator waits (wait_for_function would need eval, which the page's CSP forbids)
    expect(page.locator(".yasr table tbody tr")).to_have_count(4)
    expect(page.locator(".yasr table")).to_contain_text("as many as 500")
    texts = page.locator(".yasr table tbody tr").all_inner_texts()
    assert len(texts) == 4
    troops = [t for t in texts if "hmeimim-air-base" in t and "troops" in t]
    assert len(troops) == 1 and '"500"' in troops[0] and "as many as 500" in troops[0]
    assert not any("roughly 200" in t for t in texts)  # superseded: not the latest
    editor = page.evaluate("window.deploykbYasgui.getTab().getQuery()")
    assert editor == query.read_text(encoding="utf-8")
    assert any(u.startswith(visit.base + "/sparql") for u in visit.requests)
    page.screenshot(path=str(artifacts / "query.png"), full_page=True)
    # a result IRI of the knowledge base opens its page on this server
    link = page.locator('.yasr table tbody a[href$="/id/place/hmeimim-air-base"]').first
    link.dispatch_event("click")
    page.wait_for_url(visit.base + "/id/place/hmeimim-air-base")
    assert page.inner_text("h1") == "Hmeimim Air Base"


def test_query_page_opens_a_question_from_its_link(visit: Visit, repo_root: Path):
    if not (repo_root / "ontology" / "queries" / "a_deployed_at_place.rq").is_file():
        pytest.skip("competency question a_deployed_at_place.rq not installed")
    page = visit.page
    page.goto(visit.base + "/query/a_deployed_at_place")
    page.click("text=Open this question in the query editor")
    expect(page.locator(".yasr table tbody tr")).to_have_count(3)
    assert "a_deployed_at_place" in page.inner_text(".tabsList")


def test_map_shows_a_marker_per_place(visit: Visit, artifacts: Path):
    page = visit.page
    page.goto(visit.base + "/map")
    page.wait_for_selector('#map[data-markers="3"][data-basemap-loaded="true"]')
    assert page.locator("path.place-marker").count() == 3
    # the offline basemap drew countries, in a pane under the markers
    assert page.locator(".leaflet-basemap-pane path").count() > 100
    assert page.locator(".leaflet-overlay-pane path.place-marker").count() == 3
    page.locator("path.place-marker").first.click(force=True)
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert "Hmeimim Air Base" in popup.inner_text() and "3 claims" in popup.inner_text()
    page.screenshot(path=str(artifacts / "map.png"), full_page=True)


def test_claim_page_renders_with_evidence(visit: Visit, artifacts: Path, iris: Any):
    page = visit.page
    page.goto(visit.base + "/" + iris.claim(0, 0)[len(BASE) :])
    mark = page.locator("blockquote.evidence-sentence mark.mention")
    assert mark.inner_text() == "troops"
    assert mark.is_visible()
    assert page.locator("#table-properties tbody tr").count() > 10
    assert "Download this table" in page.inner_text("#table-properties")
    page.screenshot(path=str(artifacts / "claim.png"), full_page=True)


def test_place_timeline_shows_superseded_estimate(visit: Visit, artifacts: Path):
    page = visit.page
    page.goto(visit.base + "/id/place/hmeimim-air-base")
    series = page.locator('svg.timeline g.series[data-series="troops"]')
    dots = series.locator("circle.dot")
    assert dots.count() == 2
    states = [dots.nth(i).get_attribute("data-state") for i in range(2)]
    values = [dots.nth(i).get_attribute("data-value") for i in range(2)]
    assert values == ["200", "500"] and states == ["superseded", "current"]
    # drawn differently: the superseded point is hollow
    fills = [dots.nth(i).evaluate("e => getComputedStyle(e).fill") for i in range(2)]
    assert fills[0] == "rgb(255, 255, 255)" and fills[1] != fills[0]
    page.locator("#timeline").screenshot(path=str(artifacts / "timeline.png"))
    page.screenshot(path=str(artifacts / "place.png"), full_page=True)


def test_home_page_renders(visit: Visit, artifacts: Path):
    page = visit.page
    page.goto(visit.base + "/")
    assert page.inner_text("#stat-claims") == "5"
    assert page.locator("#table-by-place tbody tr").count() == 3
    page.screenshot(path=str(artifacts / "home.png"), full_page=True)
    page.click('#table-by-actor a[href="/claims?actor=russia"]')
    page.wait_for_url(visit.base + "/claims?actor=russia")
    assert page.locator("#table-claims tbody tr").count() == 3
    page.screenshot(path=str(artifacts / "claims.png"), full_page=True)
