"""Fixtures of the ontology tests: a hand-built extraction (our own sentences) and a tiny catalog."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from rdflib import Graph

from kb.model import Attribution, Claim, Extraction, Quantity, Report, Span
from kb.validate import CatalogFacts

DATA = Path(__file__).parent / "data"

TEXT = (
    "Moscow has flown four Su-27 interceptors to the Hmeimim airfield outside Latakia, "
    "an American defense official said on Monday. "
    "Up to 500 Russian soldiers are now stationed there, up from roughly 200 a week earlier, "
    "the official added. "
    "A second official, speaking on condition of anonymity, said the jets were seen on the runway."
)


def span(text: str, needle: str, occurrence: int = 0) -> Span:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(needle, start + 1)
    return Span(start, start + len(needle), needle)


def sentence(text: str, index: int) -> Span:
    """The index-th sentence (sentences end with '. ')."""
    starts = [0]
    for i, ch in enumerate(text):
        if ch == "." and text[i + 1 : i + 2] == " ":
            starts.append(i + 2)
    starts.append(len(text) + 1)
    s, e = starts[index], starts[index + 1] - 1
    return Span(s, e, text[s:e])


def build_extraction(text: str = TEXT, published: date | None = date(2015, 9, 21)) -> Extraction:
    report = Report(
        id="example_001",
        text=text,
        title="Fighter jets reach a Syrian airfield",
        publisher="Example Wire",
        authors=["A. Reporter", "B. Writer"],
        published=published,
        source_url="https://news.example/2015/09/jets-latakia",
    )
    official = Attribution(
        text="an American defense official",
        anonymous=True,
        affiliation="united-states",
        span=span(text, "an American defense official"),
    )
    jets = Claim(
        actor="russia",
        asset="su-27",
        item_class="FighterAircraft",
        item_text="Su-27 interceptors",
        quantity=Quantity("exact", 4, 4, 4, "four"),
        status="deployed",
        sentence=sentence(text, 0),
        mention=span(text, "four Su-27 interceptors"),
        place="hmeimim-air-base",
        location_text="the Hmeimim airfield outside Latakia",
        attributions=[official, Attribution(text="A second official", anonymous=True)],
        valid_at=published,
        confidence=0.9,
        corroborations=[sentence(text, 2)],
    )
    troops_now = Claim(
        actor="russia",
        asset="troops",
        item_class="Personnel",
        item_text="Russian soldiers",
        quantity=Quantity("at_most", 500, None, 500, "Up to 500"),
        status="deployed",
        sentence=sentence(text, 1),
        mention=span(text, "Up to 500 Russian soldiers"),
        place="hmeimim-air-base",
        location_text="there",
        attributions=[official],
        valid_at=published,
        confidence=0.8,
    )
    troops_before = Claim(
        actor="russia",
        asset="troops",
        item_class="Personnel",
        item_text="Russian soldiers",
        quantity=Quantity("approximate", 200, None, None, "roughly 200"),
        status="deployed",
        sentence=sentence(text, 1),
        mention=span(text, "roughly 200"),
        place="hmeimim-air-base",
        location_text="there",
        attributions=[official],
        valid_before=published,
        superseded_by=1,
        confidence=0.7,
    )
    return Extraction(report=report, claims=[jets, troops_now, troops_before])


SECOND_TEXT = (
    "Roughly 600 Russian troops were counted at Hmeimim this week, a Turkish official said. "
    "At least six more Su-27 jets have landed in Tartus, according to the same official."
)


def build_second_extraction() -> Extraction:
    """A second report of the same day that conflicts with the first on the troop count."""
    text = SECOND_TEXT
    published = date(2015, 9, 21)
    report = Report(
        id="example_002",
        text=text,
        title="More Russian forces in Syria",
        publisher="Other Wire",
        published=published,
    )
    turkish = Attribution(text="a Turkish official", anonymous=True)
    troops = Claim(
        actor="russia",
        asset="troops",
        item_class="Personnel",
        item_text="Russian troops",
        quantity=Quantity("approximate", 600, None, None, "Roughly 600"),
        status="deployed",
        sentence=sentence(text, 0),
        mention=span(text, "Roughly 600 Russian troops"),
        place="hmeimim-air-base",
        location_text="Hmeimim",
        attributions=[turkish],
        valid_at=published,
    )
    jets = Claim(
        actor="russia",
        asset="su-27",
        item_class="FighterAircraft",
        item_text="Su-27 jets",
        quantity=Quantity("at_least", 6, 6, None, "At least six"),
        status="deployed",
        sentence=sentence(text, 1),
        mention=span(text, "At least six more Su-27 jets"),
        place="tartus",
        location_text="Tartus",
        attributions=[turkish],
        valid_at=published,
    )
    return Extraction(report=report, claims=[troops, jets])


@pytest.fixture
def extraction() -> Extraction:
    return build_extraction()


@pytest.fixture(scope="session")
def catalog_graph() -> Graph:
    g = Graph()
    g.parse(DATA / "catalog.ttl", format="turtle")
    return g


@pytest.fixture(scope="session")
def catalog(catalog_graph: Graph) -> CatalogFacts:
    return CatalogFacts(catalog_graph)


@pytest.fixture(scope="session")
def make_extraction():  # type: ignore[no-untyped-def]
    """The builder itself, for tests that need variants (importlib mode cannot import conftest)."""
    return build_extraction


@pytest.fixture(scope="session")
def second_extraction() -> Extraction:
    return build_second_extraction()
