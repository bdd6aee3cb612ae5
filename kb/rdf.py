"""Turn one ``Extraction`` into one named graph of RDF (pure: no I/O).

Every node gets a content-hash IRI and there are no blank nodes, so building the same
extraction twice gives identical triples and re-ingesting a report is idempotent.

IRIs (``id:`` = https://w3id.org/deploykb/id/):

* report      ``id:report/<sha256[:32]>``; its graph ``graph/report/<sha256[:32]>``
* span        ``<report>#char=<start>,<end>`` with selectors ``<span>-pos`` and ``<span>-quote``
* claim       ``id:claim/<hash32>`` of its content (not of confidence or extractor version)
* quantity    ``<claim>/quantity``
* attribution ``id:attribution/<hash32>`` of (report, text, anonymous, affiliation)
* run         ``id:run/<hash32>`` of (report, extractor version)
* agent       ``id:agent/deploykb-extractor/<version>``
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from decimal import Decimal
from typing import Any
from urllib.parse import quote, urlsplit

from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef

import kb
from kb.model import QUALIFIERS, STATUSES, Attribution, Claim, Extraction, Report, Span
from kb.namespaces import (
    ACTOR,
    DCTERMS,
    DKB,
    EQUIPMENT,
    ID,
    OA,
    PLACE,
    PREFIXES,
    PROV,
    REPORT_GRAPH_PREFIX,
    SCHEMA,
)

#: kb.model spelling -> ontology individual
QUALIFIER_IRIS: dict[str, URIRef] = {
    q: DKB["".join(part.capitalize() for part in q.split("_"))] for q in QUALIFIERS
}
STATUS_IRIS: dict[str, URIRef] = {s: DKB[s.capitalize()] for s in STATUSES}

EXTRACTOR_AGENT = "deploykb-extractor"


class RDFBuildError(ValueError):
    """The extraction cannot be expressed in the model (e.g. an unknown status)."""


def _sha_prefix(sha: str) -> str:
    sha = sha.strip().lower()
    if len(sha) < 32 or any(c not in "0123456789abcdef" for c in sha):
        raise RDFBuildError(f"not a sha256 hex digest: {sha!r}")
    return sha[:32]


def report_iri(sha: str) -> URIRef:
    """IRI of the report whose normalised text has this SHA-256 (full digest or its first 32)."""
    return ID[f"report/{_sha_prefix(sha)}"]


def graph_iri(sha: str) -> URIRef:
    """Named graph holding the report with this SHA-256 and all its claims."""
    return URIRef(REPORT_GRAPH_PREFIX + _sha_prefix(sha))


_SLUG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
#: characters kept as they are in a source URL; everything else is percent-encoded
_URL_SAFE = ":/?#[]@!$&'()*+,;=%~-._"


def catalog_iri(namespace: Namespace, slug: str, what: str) -> URIRef:
    """IRI of a catalog entry; a slug that would not make a valid IRI is a build error."""
    if not _SLUG.match(slug):
        raise RDFBuildError(f"{what} id {slug!r} is not a catalog slug")
    return namespace[slug]


def url_iri(url: str) -> URIRef:
    """The source URL as an IRI: absolute http(s), with unsafe characters percent-encoded."""
    url = url.strip()
    scheme = urlsplit(url).scheme.lower()
    if scheme not in ("http", "https") or not urlsplit(url).netloc:
        raise RDFBuildError(f"source URL {url!r} is not an absolute http(s) URL")
    return URIRef(quote(url, safe=_URL_SAFE))


def span_iri(report: URIRef, start: int, end: int) -> URIRef:
    return URIRef(f"{report}#char={start},{end}")


def agent_iri(version: str) -> URIRef:
    return ID[f"agent/{EXTRACTOR_AGENT}/{quote(version, safe='.+-_')}"]


def mint(kind: str, key: dict[str, Any]) -> URIRef:
    """``id:<kind>/<hash32>`` of a canonical JSON rendering of ``key``."""
    canon = json.dumps(key, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    digest = hashlib.sha256(unicodedata.normalize("NFC", canon).encode("utf-8")).hexdigest()
    return ID[f"{kind}/{digest[:32]}"]


def decimal_literal(value: float) -> Literal:
    """An xsd:decimal in canonical form (``0.8``, ``1.0``), as pyoxigraph would store it."""
    dec = Decimal(repr(float(value))).normalize()
    text = format(dec, "f")
    if "." not in text:
        text += ".0"
    return Literal(text, datatype=XSD.decimal)


def claim_iri(report_sha: str, claim: Claim) -> URIRef:
    q = claim.quantity
    key = {
        "report": _sha_prefix(report_sha),
        "actor": claim.actor,
        "asset": claim.asset,
        "place": claim.place,
        "location_text": claim.location_text,
        "item_text": claim.item_text,
        "status": claim.status,
        "qualifier": q.qualifier,
        "value": q.value,
        "min": q.min,
        "max": q.max,
        "sentence": [claim.sentence.start, claim.sentence.end],
        "mention": [claim.mention.start, claim.mention.end],
        "valid_at": claim.valid_at.isoformat() if claim.valid_at else None,
        "valid_before": claim.valid_before.isoformat() if claim.valid_before else None,
    }
    return mint("claim", key)


def attribution_iri(report_sha: str, attribution: Attribution) -> URIRef:
    key = {
        "report": _sha_prefix(report_sha),
        "text": attribution.text,
        "anonymous": attribution.anonymous,
        "affiliation": attribution.affiliation,
    }
    return mint("attribution", key)


def run_iri(report_sha: str, extractor_version: str) -> URIRef:
    return mint("run", {"report": _sha_prefix(report_sha), "extractor": extractor_version})


def new_graph(identifier: URIRef | None = None) -> Graph:
    g = Graph(identifier=identifier)
    for prefix, iri in PREFIXES.items():
        g.bind(prefix, iri, override=True)
    return g


def _add_span(g: Graph, report: URIRef, span: Span, text_length: int) -> URIRef:
    if not (0 <= span.start < span.end <= text_length):
        raise RDFBuildError(
            f"span [{span.start}, {span.end}) does not fit a text of {text_length} characters"
        )
    if span.end - span.start != len(span.text):
        raise RDFBuildError(
            f"span [{span.start}, {span.end}) has {len(span.text)} characters of text"
        )
    node = span_iri(report, span.start, span.end)
    pos = URIRef(f"{node}-pos")
    quote_sel = URIRef(f"{node}-quote")
    g.add((node, RDF.type, DKB.EvidenceSpan))
    g.add((node, OA.hasSource, report))
    g.add((node, OA.hasSelector, pos))
    g.add((node, OA.hasSelector, quote_sel))
    g.add((pos, RDF.type, OA.TextPositionSelector))
    g.add((pos, OA.start, Literal(span.start)))
    g.add((pos, OA.end, Literal(span.end)))
    g.add((quote_sel, RDF.type, OA.TextQuoteSelector))
    g.add((quote_sel, OA.exact, Literal(span.text)))
    return node


def _add_report(g: Graph, report: Report, node: URIRef, revision_of: str | None) -> None:
    g.add((node, RDF.type, DKB.Report))
    g.add((node, DCTERMS.identifier, Literal(report.id)))
    g.add((node, DKB.contentSha256, Literal(report.content_sha256)))
    g.add((node, DKB.textLength, Literal(len(report.text))))
    g.add((node, DCTERMS["format"], Literal(report.media_type)))
    if report.title:
        g.add((node, SCHEMA.headline, Literal(report.title)))
    if report.publisher:
        g.add((node, SCHEMA.publisher, Literal(report.publisher)))
    for author in report.authors:
        g.add((node, SCHEMA.author, Literal(author)))
    if report.published:
        g.add((node, SCHEMA.datePublished, Literal(report.published, datatype=XSD.date)))
    if report.source_url:
        g.add((node, SCHEMA.url, url_iri(report.source_url)))
    if revision_of:
        if revision_of.startswith(str(ID) + "report/"):
            older = report_iri(revision_of.rsplit("/", 1)[1])
        else:
            older = report_iri(revision_of)
        g.add((node, PROV.wasRevisionOf, older))


def _add_attribution(
    g: Graph, sha: str, report: URIRef, attribution: Attribution, text_length: int
) -> URIRef:
    node = attribution_iri(sha, attribution)
    g.add((node, RDF.type, DKB.Attribution))
    g.add((node, RDF.type, DKB.AnonymousSource if attribution.anonymous else DKB.NamedSource))
    g.add((node, RDFS.label, Literal(attribution.text)))
    if attribution.affiliation:
        g.add((node, DKB.affiliation, catalog_iri(ACTOR, attribution.affiliation, "actor")))
    if attribution.span is not None:
        g.add((node, DKB.mentionedAt, _add_span(g, report, attribution.span, text_length)))
    return node


def _add_quantity(g: Graph, claim_node: URIRef, claim: Claim) -> None:
    q = claim.quantity
    if q.qualifier not in QUALIFIER_IRIS:
        raise RDFBuildError(f"unknown quantity qualifier {q.qualifier!r}")
    node = URIRef(f"{claim_node}/quantity")
    g.add((claim_node, DKB.quantity, node))
    g.add((node, RDF.type, DKB.Quantity))
    g.add((node, DKB.qualifier, QUALIFIER_IRIS[q.qualifier]))
    for prop, value in (
        (SCHEMA.value, q.value),
        (SCHEMA.minValue, q.min),
        (SCHEMA.maxValue, q.max),
    ):
        if value is not None:
            g.add((node, prop, Literal(int(value))))
    if q.stated_as:
        g.add((node, DKB.statedAs, Literal(q.stated_as)))


def extraction_to_graph(
    extraction: Extraction,
    *,
    extractor_version: str = kb.__version__,
    revision_of: str | None = None,
) -> tuple[URIRef, Graph]:
    """The report's named graph: report metadata, claims, quantities, spans, attributions, run.

    ``revision_of`` is the SHA-256 (or the IRI) of an older version of the same article.
    Returns (graph IRI, graph); the graph's identifier is the graph IRI.
    Raises ``RDFBuildError`` on values the model cannot express (unknown status, a span
    that does not fit the text, a superseded_by index out of range).
    """
    report = extraction.report
    sha = report.content_sha256
    text_length = len(report.text)
    rep = report_iri(sha)
    gid = graph_iri(sha)
    g = new_graph(gid)
    _add_report(g, report, rep, revision_of)

    run = run_iri(sha, extractor_version)
    agent = agent_iri(extractor_version)
    g.add((run, RDF.type, DKB.ExtractionRun))
    g.add((run, PROV.used, rep))
    g.add((run, PROV.wasAssociatedWith, agent))
    g.add((agent, RDF.type, PROV.SoftwareAgent))
    g.add((agent, RDFS.label, Literal(f"deploykb extractor {extractor_version}")))
    g.add((agent, SCHEMA.softwareVersion, Literal(extractor_version)))

    claims = extraction.claims
    claim_nodes = [claim_iri(sha, c) for c in claims]
    superseding = {c.superseded_by for c in claims if c.superseded_by is not None}
    for index, (claim, node) in enumerate(zip(claims, claim_nodes, strict=True)):
        if claim.status not in STATUS_IRIS:
            raise RDFBuildError(f"claim {index}: unknown status {claim.status!r}")
        g.add((node, RDF.type, DKB.DeploymentClaim))
        if claim.actor:
            g.add((node, DKB.actor, catalog_iri(ACTOR, claim.actor, "actor")))
        g.add((node, DKB.asset, catalog_iri(EQUIPMENT, claim.asset, "asset")))
        g.add((node, DKB.itemText, Literal(claim.item_text)))
        _add_quantity(g, node, claim)
        if claim.place:
            g.add((node, DKB.location, catalog_iri(PLACE, claim.place, "place")))
        if claim.location_text:
            g.add((node, DKB.locationText, Literal(claim.location_text)))
        g.add((node, DKB.status, STATUS_IRIS[claim.status]))
        if claim.valid_at:
            g.add((node, DKB.validAt, Literal(claim.valid_at, datatype=XSD.date)))
        if claim.valid_before:
            g.add((node, DKB.validBefore, Literal(claim.valid_before, datatype=XSD.date)))
        if report.published:
            g.add((node, DKB.reportedOn, Literal(report.published, datatype=XSD.date)))
        g.add((node, DKB.source, rep))
        g.add((node, DKB.evidence, _add_span(g, rep, claim.sentence, text_length)))
        for extra in claim.corroborations:
            g.add((node, DKB.evidence, _add_span(g, rep, extra, text_length)))
        g.add((node, DKB.assetMention, _add_span(g, rep, claim.mention, text_length)))
        for attribution in claim.attributions:
            source = _add_attribution(g, sha, rep, attribution, text_length)
            g.add((node, PROV.wasAttributedTo, source))
        g.add((node, PROV.wasGeneratedBy, run))
        g.add((node, DKB.confidence, decimal_literal(claim.confidence)))
        if claim.superseded_by is not None:
            if not 0 <= claim.superseded_by < len(claims) or claim.superseded_by == index:
                raise RDFBuildError(
                    f"claim {index}: superseded_by={claim.superseded_by} is not another claim"
                )
            g.add((node, DKB.supersededBy, claim_nodes[claim.superseded_by]))
            g.add((node, DKB.temporalStatus, DKB.PreviousEstimate))
        elif index in superseding:
            g.add((node, DKB.temporalStatus, DKB.CurrentEstimate))
    return gid, g
