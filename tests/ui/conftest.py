"""A small hand-written knowledge base for the UI tests, in the project's core vocabulary.

Three invented reports (our own sentences): an evolving troop estimate at an air base near
Latakia (about 200, superseded by as many as 500) plus fighters there, air defence in Poland,
and tanks in Estonia. The store is a real pyoxigraph store on disk.
"""

from __future__ import annotations

import hashlib
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from werkzeug.serving import make_server

from api import create_app
from kb.namespaces import (
    ACTOR,
    CATALOG_GRAPH,
    DKB,
    EQUIPMENT,
    GEO,
    ID,
    OA,
    PLACE,
    PROV,
    REPORT_GRAPH_PREFIX,
    SCHEMA,
    SCHEME,
    SKOS,
)

HERE = Path(__file__).parent
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
XSD = "http://www.w3.org/2001/XMLSchema#"

QUALIFIER = {
    "exact": "Exact",
    "approximate": "Approximate",
    "at_most": "AtMost",
    "at_least": "AtLeast",
}

PLACES = {
    # slug: (label, class, lon, lat, parent relation, parent)
    "syria": ("Syria", "Country", 38.5, 35.0, None, None),
    "latakia": ("Latakia", "City", 35.7833, 35.5167, "sfWithin", "syria"),
    "hmeimim-air-base": ("Hmeimim Air Base", "AirBase", 35.9486, 35.4011, "near", "latakia"),
    "poland": ("Poland", "Country", 19.4, 52.1, None, None),
    "rzeszow": ("Rzeszów", "City", 22.0047, 50.0412, "sfWithin", "poland"),
    "estonia": ("Estonia", "Country", 25.0, 58.6, None, None),
    "tapa-army-base": ("Tapa Army Base", "MilitaryBase", 25.96, 59.26, "sfWithin", "estonia"),
}
EQUIPMENT_ITEMS = {
    # slug: (label, broader top concept or None for a top concept)
    "Personnel": ("personnel", None),
    "FighterAircraft": ("fighter aircraft", None),
    "AirDefenseSystem": ("air defence system", None),
    "Tank": ("tank", None),
    "su-30sm": ("Su-30SM", "FighterAircraft"),
    "patriot": ("MIM-104 Patriot", "AirDefenseSystem"),
    "challenger-2": ("Challenger 2", "Tank"),
    "troops": ("troops", "Personnel"),
}
ACTORS = {
    "russia": "Russia",
    "united-states": "United States",
    "united-kingdom": "United Kingdom",
}

REPORTS = [
    {
        "id": "example-1",
        "headline": "Russian build-up grows at Syrian coastal air base",
        "published": "2015-09-20",
        "text": (
            "Officials estimated that roughly 200 Russian troops were stationed at the air base "
            "near Latakia last week. By Sunday the contingent had grown to as many as 500 "
            "personnel, a defence source said. Four Su-30SM fighters also landed at Hmeimim."
        ),
        "claims": [
            # (actor, asset, mention, stated_as, qualifier, number, place, validity, superseded_by)
            (
                "russia",
                "troops",
                "troops",
                "roughly 200",
                "approximate",
                200,
                "hmeimim-air-base",
                ("validBefore", "2015-09-20"),
                1,
            ),
            (
                "russia",
                "troops",
                "personnel",
                "as many as 500",
                "at_most",
                500,
                "hmeimim-air-base",
                ("validAt", "2015-09-20"),
                None,
            ),
            (
                "russia",
                "su-30sm",
                "Su-30SM",
                "Four",
                "exact",
                4,
                "hmeimim-air-base",
                ("validAt", "2015-09-20"),
                None,
            ),
        ],
    },
    {
        "id": "example-2",
        "headline": "Patriot batteries sent to south-eastern Poland",
        "published": "2022-02-14",
        "text": "The United States sent two Patriot batteries to Rzeszow in south-eastern Poland.",
        "claims": [
            (
                "united-states",
                "patriot",
                "Patriot",
                "two",
                "exact",
                2,
                "rzeszow",
                ("validAt", "2022-02-14"),
                None,
            ),
        ],
    },
    {
        "id": "example-3",
        "headline": "British tanks arrive in Estonia",
        "published": "2023-03-28",
        "text": "Britain deployed 14 Challenger 2 tanks to the Tapa base in Estonia.",
        "claims": [
            (
                "united-kingdom",
                "challenger-2",
                "Challenger 2",
                "14",
                "exact",
                14,
                "tapa-army-base",
                ("validAt", "2023-03-28"),
                None,
            ),
        ],
    },
]


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(str(iri))


def _lit(value: Any, datatype: str | None = None, lang: str | None = None) -> ox.Literal:
    if lang:
        return ox.Literal(str(value), language=lang)
    if datatype:
        return ox.Literal(str(value), datatype=_n(XSD + datatype))
    return ox.Literal(str(value))


def _hash(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]


def catalog_quads() -> list[ox.Quad]:
    g = _n(CATALOG_GRAPH)
    q: list[ox.Quad] = []

    def add(s: str, p: str, o: ox.NamedNode | ox.Literal) -> None:
        q.append(ox.Quad(_n(s), _n(p), o, g))

    scheme = str(SCHEME) + "equipment"
    add(scheme, RDF_TYPE, _n(SKOS.ConceptScheme))
    for slug, (label, broader) in EQUIPMENT_ITEMS.items():
        iri = str(EQUIPMENT) + slug
        add(iri, RDF_TYPE, _n(SKOS.Concept))
        add(iri, RDF_TYPE, _n(DKB.EquipmentType))
        add(iri, str(SKOS.inScheme), _n(scheme))
        add(iri, str(SKOS.prefLabel), _lit(label, lang="en"))
        add(iri, RDFS_LABEL, _lit(label, lang="en"))
        if broader:
            add(iri, str(SKOS.broader), _n(str(EQUIPMENT) + broader))
        else:
            add(iri, str(SKOS.topConceptOf), _n(scheme))
    for slug, (label, cls, lon, lat, rel, parent) in PLACES.items():
        iri = str(PLACE) + slug
        add(iri, RDF_TYPE, _n(DKB.Place))
        add(iri, RDF_TYPE, _n(DKB[cls]))
        add(iri, RDFS_LABEL, _lit(label, lang="en"))
        add(iri, str(GEO.hasGeometry), _n(iri + "/geometry"))
        add(iri + "/geometry", str(GEO.asWKT), _lit(f"POINT({lon} {lat})", None))
        q[-1] = ox.Quad(
            q[-1].subject,
            q[-1].predicate,
            ox.Literal(f"POINT({lon} {lat})", datatype=_n(GEO.wktLiteral)),
            g,
        )
        if rel == "sfWithin":
            add(iri, str(GEO.sfWithin), _n(str(PLACE) + parent))
        elif rel == "near":
            add(iri, str(DKB.near), _n(str(PLACE) + parent))
    for slug, label in ACTORS.items():
        iri = str(ACTOR) + slug
        add(iri, RDF_TYPE, _n(DKB.Actor))
        add(iri, RDF_TYPE, _n(DKB.State))
        add(iri, RDFS_LABEL, _lit(label, lang="en"))
    for status in ("Deployed", "Arriving", "Planned", "Withdrawn", "Denied"):
        add(str(DKB[status]), RDFS_LABEL, _lit(status.lower(), lang="en"))
    return q


def _span(q: list, g: ox.NamedNode, report: str, text: str, start: int, end: int) -> str:
    span = f"{report}#char={start},{end}"

    def add(s: str, p: str, o: Any) -> None:
        q.append(ox.Quad(_n(s), _n(p), o, g))

    add(span, RDF_TYPE, _n(DKB.EvidenceSpan))
    add(span, str(OA.hasSource), _n(report))
    add(span, str(OA.hasSelector), _n(span + "-pos"))
    add(span, str(OA.hasSelector), _n(span + "-quote"))
    add(span + "-pos", RDF_TYPE, _n(OA.TextPositionSelector))
    add(span + "-pos", str(OA.start), _lit(start, "nonNegativeInteger"))
    add(span + "-pos", str(OA.end), _lit(end, "nonNegativeInteger"))
    add(span + "-quote", RDF_TYPE, _n(OA.TextQuoteSelector))
    add(span + "-quote", str(OA.exact), _lit(text[start:end]))
    return span


def report_quads(spec: dict) -> list[ox.Quad]:
    text = spec["text"]
    sha = hashlib.sha256(text.encode()).hexdigest()
    report = str(ID) + "report/" + sha[:32]
    g = _n(REPORT_GRAPH_PREFIX + sha[:32])
    q: list[ox.Quad] = []

    def add(s: str, p: str, o: Any) -> None:
        q.append(ox.Quad(_n(s), _n(p), o, g))

    add(report, RDF_TYPE, _n(DKB.Report))
    add(report, str(SCHEMA.headline), _lit(spec["headline"]))
    add(report, str(SCHEMA.publisher), _lit("Example Wire"))
    add(report, str(SCHEMA.datePublished), _lit(spec["published"], "date"))
    add(report, str(DKB.contentSha256), _lit(sha))
    add(report, str(DKB.textLength), _lit(len(text), "integer"))
    run = str(ID) + "run/" + _hash(sha, "run")
    add(run, RDF_TYPE, _n(DKB.ExtractionRun))
    add(run, str(PROV.used), _n(report))
    add(run, str(PROV.endedAtTime), _lit(spec["published"] + "T12:00:00Z", "dateTime"))
    claim_iris = [str(ID) + "claim/" + _hash(sha, str(i)) for i in range(len(spec["claims"]))]
    sentences = []
    pos = 0
    for sentence in text.split(". "):
        start = text.index(sentence, pos)
        end = start + len(sentence) + (1 if text[start + len(sentence) :].startswith(".") else 0)
        sentences.append((start, end))
        pos = end
    for i, (actor, asset, mention, stated, qual, number, place, validity, sup) in enumerate(
        spec["claims"]
    ):
        claim = claim_iris[i]
        m_start = text.index(mention, text.index(stated))
        s_start, s_end = next((s, e) for s, e in sentences if s <= m_start < e)
        add(claim, RDF_TYPE, _n(DKB.DeploymentClaim))
        add(claim, str(DKB.actor), _n(str(ACTOR) + actor))
        add(claim, str(DKB.asset), _n(str(EQUIPMENT) + asset))
        add(claim, str(DKB.location), _n(str(PLACE) + place))
        add(claim, str(DKB.status), _n(DKB.Deployed))
        add(claim, str(DKB.reportedOn), _lit(spec["published"], "date"))
        add(claim, str(DKB[validity[0]]), _lit(validity[1], "date"))
        add(claim, str(DKB.source), _n(report))
        add(claim, str(DKB.itemText), _lit(mention))
        add(claim, str(DKB.confidence), _lit("0.8", "decimal"))
        add(claim, str(PROV.wasGeneratedBy), _n(run))
        add(claim, str(DKB.evidence), _n(_span(q, g, report, text, s_start, s_end)))
        add(
            claim,
            str(DKB.assetMention),
            _n(_span(q, g, report, text, m_start, m_start + len(mention))),
        )
        quantity = claim + "/quantity"
        add(claim, str(DKB.quantity), _n(quantity))
        add(quantity, RDF_TYPE, _n(DKB.Quantity))
        add(quantity, str(DKB.qualifier), _n(DKB[QUALIFIER[qual]]))
        add(quantity, str(DKB.statedAs), _lit(stated))
        if qual == "at_most":
            add(quantity, str(SCHEMA.maxValue), _lit(number, "integer"))
        else:
            add(quantity, str(SCHEMA.value), _lit(number, "integer"))
        if sup is not None:
            add(claim, str(DKB.supersededBy), _n(claim_iris[sup]))
        if stated == "as many as 500":  # "..., a defence source said."
            source = str(ID) + "attribution/" + _hash(sha, "defence source")
            add(claim, str(PROV.wasAttributedTo), _n(source))
            add(source, RDF_TYPE, _n(DKB.Attribution))
            add(source, RDF_TYPE, _n(DKB.AnonymousSource))
            add(source, RDFS_LABEL, _lit("a defence source"))
    return q


class FixtureStore:
    """Just the ``query`` part of the ``kb.store.base.Store`` protocol over pyoxigraph."""

    def __init__(self, path: Path) -> None:
        self.ox = ox.Store(str(path))

    def query(self, sparql: str, **_: Any) -> Any:
        return self.ox.query(sparql, use_default_graph_as_union=True)

    def named_graphs(self) -> list[str]:
        return [g.value for g in self.ox.named_graphs()]

    def close(self) -> None:
        del self.ox


def build_store(path: Path) -> FixtureStore:
    store = FixtureStore(path)
    quads = catalog_quads()
    for spec in REPORTS:
        quads.extend(report_quads(spec))
    store.ox.extend(quads)
    store.ox.flush()
    return store


def report_iri(index: int) -> str:
    sha = hashlib.sha256(REPORTS[index]["text"].encode()).hexdigest()
    return str(ID) + "report/" + sha[:32]


def claim_iri(report_index: int, claim_index: int) -> str:
    sha = hashlib.sha256(REPORTS[report_index]["text"].encode()).hexdigest()
    return str(ID) + "claim/" + _hash(sha, str(claim_index))


@pytest.fixture(scope="session")
def ui_store(tmp_path_factory: pytest.TempPathFactory) -> FixtureStore:
    return build_store(tmp_path_factory.mktemp("ui-store") / "oxigraph")


@pytest.fixture(scope="session")
def queries_dir() -> Path:
    return HERE / "data" / "queries"


@pytest.fixture(scope="session")
def app(ui_store: FixtureStore, queries_dir: Path):
    return create_app(
        {
            "STORE": ui_store,
            "TESTING": True,
            "COMPETENCY_QUERIES_DIR": str(queries_dir),
            # queries in this process: the endpoint's worker processes are tested in tests/api
            "QUERY_ISOLATION": "inline",
        }
    )


@pytest.fixture()
def client(app):
    return app.test_client()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def live_app(ui_store: FixtureStore):
    """The app as served: the competency questions are the real ontology/queries/*.rq."""
    return create_app({"STORE": ui_store, "QUERY_ISOLATION": "inline"})


@pytest.fixture(scope="session")
def live_server(live_app) -> Iterator[str]:
    """The real app served by werkzeug on a free loopback port, in a thread."""
    server = make_server("127.0.0.1", free_port(), live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=5)


class FixtureIris:
    """IRIs of the fixture KB, for assertions."""

    claim = staticmethod(claim_iri)
    report = staticmethod(report_iri)


@pytest.fixture(scope="session")
def iris() -> FixtureIris:
    return FixtureIris()


@pytest.fixture(scope="session")
def seed_data_dir(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An embedded store directory built by the real ingest of the seed articles (closed;
    copy it before opening, so that several tests and servers can use it)."""
    from kb.ingest import run_ingest
    from kb.store import open_store

    data = tmp_path_factory.mktemp("ui-seeds") / "store"
    store = open_store(data)
    try:
        summary = run_ingest(store, [str(seeds_dir)])
    finally:
        store.close()
    if summary.ingested == 0:
        pytest.skip(
            f"the ingest pipeline stored none of the seed articles ({summary.rejected} rejected,"
            f" {summary.failed} failed): see tests/store and tests/extract"
        )
    return data


class ServeProcess:
    """``deploykb serve`` (gunicorn, query worker processes) as a subprocess on loopback."""

    def __init__(self, data: Path) -> None:
        import subprocess
        import sys
        import time
        import urllib.request

        self.url = f"http://127.0.0.1:{free_port()}"
        port = self.url.rsplit(":", 1)[1]
        exe = Path(sys.executable).parent / "deploykb"
        self.proc = subprocess.Popen(
            [str(exe), "serve", "--data", str(data), "--port", port, "--query-workers", "1"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                err = self.proc.stderr.read().decode(errors="replace")[-1500:]
                raise RuntimeError(f"deploykb serve exited: {err}")
            try:
                with urllib.request.urlopen(self.url + "/", timeout=2) as resp:
                    if resp.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("deploykb serve did not answer within 60 s")

    def stop(self) -> None:
        import subprocess

        self.proc.terminate()
        try:
            self.proc.wait(15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(5)
        if self.proc.stderr:
            self.proc.stderr.close()


@pytest.fixture(scope="session")
def served_seeds(seed_data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """URL of ``deploykb serve`` over a copy of the seed store."""
    import shutil

    data = tmp_path_factory.mktemp("ui-served") / "store"
    shutil.copytree(seed_data_dir, data)
    server = ServeProcess(data)
    try:
        yield server.url
    finally:
        server.stop()
