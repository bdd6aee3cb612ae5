"""Content negotiation: the media types the endpoint speaks and how a request picks one.

A ``format=`` parameter (a short name such as ``json``/``ttl`` or a media type) wins over
``Accept``; ``Accept`` is honoured with q-values and wildcards; with neither, results are
SPARQL JSON and graphs are Turtle.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox


@dataclass(frozen=True)
class Format:
    name: str
    media_type: str
    #: pyoxigraph serialiser format
    ox_format: ox.QueryResultsFormat | ox.RdfFormat
    #: extra media types accepted for this format in Accept / format=
    aliases: tuple[str, ...] = ()
    extension: str = ""

    @property
    def content_type(self) -> str:
        textual = self.media_type.startswith("text/") or self.media_type.endswith(
            ("json", "xml", "trig", "n-quads", "n-triples")
        )
        return f"{self.media_type}; charset=utf-8" if textual else self.media_type


RESULT_FORMATS: tuple[Format, ...] = (
    Format(
        "json",
        "application/sparql-results+json",
        ox.QueryResultsFormat.JSON,
        ("application/json", "srj"),
        "srj",
    ),
    Format(
        "xml",
        "application/sparql-results+xml",
        ox.QueryResultsFormat.XML,
        ("application/xml", "text/xml", "srx"),
        "srx",
    ),
    Format("csv", "text/csv", ox.QueryResultsFormat.CSV, (), "csv"),
    Format("tsv", "text/tab-separated-values", ox.QueryResultsFormat.TSV, (), "tsv"),
)

GRAPH_FORMATS: tuple[Format, ...] = (
    Format("turtle", "text/turtle", ox.RdfFormat.TURTLE, ("ttl", "application/x-turtle"), "ttl"),
    Format(
        "ntriples",
        "application/n-triples",
        ox.RdfFormat.N_TRIPLES,
        ("nt", "n-triples", "text/plain"),
        "nt",
    ),
    Format(
        "rdfxml",
        "application/rdf+xml",
        ox.RdfFormat.RDF_XML,
        ("rdf", "xml", "rdf+xml", "application/xml", "text/xml"),
        "rdf",
    ),
    Format(
        "jsonld",
        "application/ld+json",
        ox.RdfFormat.JSON_LD,
        ("json-ld", "json", "application/json"),
        "jsonld",
    ),
    Format("trig", "application/trig", ox.RdfFormat.TRIG, (), "trig"),
    Format("nquads", "application/n-quads", ox.RdfFormat.N_QUADS, ("nq", "n-quads"), "nq"),
)


class NotAcceptable(Exception):
    """No offered format matches what the client accepts."""

    def __init__(self, offered: tuple[Format, ...]):
        names = ", ".join(f.media_type for f in offered)
        super().__init__(f"none of the acceptable media types can be served; available: {names}")


def parse_accept(header: str | None) -> list[tuple[str, float, int]]:
    """``Accept`` as (media range, q, specificity) entries; malformed q counts as 0."""
    entries = []
    for part in (header or "").split(","):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        q = 1.0
        for f in fields[1:]:
            if f.lower().startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        specificity = 0 if media == "*/*" else 1 if media.endswith("/*") else 2
        entries.append((media, q, specificity))
    return entries


def _quality(fmt: Format, accept: list[tuple[str, float, int]]) -> float:
    """The q the client gives ``fmt``: the most specific matching range decides (RFC 9110)."""
    types = (fmt.media_type, *(a for a in fmt.aliases if "/" in a))
    best: tuple[int, float] | None = None
    for media, q, spec in accept:
        for i, t in enumerate(types):
            # wildcards match the canonical type only, so text/* means CSV, not text/xml
            wild = spec == 1 and i == 0 and t.startswith(media[:-1])
            if media == t or media == "*/*" or wild:
                # an alias match counts a little less than the canonical type
                rank = spec * 2 - (1 if (i and spec == 2) else 0)
                if best is None or rank > best[0]:
                    best = (rank, q)
    return best[1] if best else 0.0


def choose(
    offered: tuple[Format, ...], accept_header: str | None, format_param: str | None = None
) -> Format:
    """Pick a format; raises NotAcceptable (-> 406)."""
    if format_param:
        wanted = format_param.strip().lower()
        for fmt in offered:
            if wanted in (fmt.name, fmt.media_type, fmt.extension, *fmt.aliases):
                return fmt
        raise NotAcceptable(offered)
    accept = parse_accept(accept_header)
    if not accept:
        return offered[0]
    scored = [(_quality(f, accept), -i, f) for i, f in enumerate(offered)]
    q, _, fmt = max(scored, key=lambda s: (s[0], s[1]))
    if q <= 0:
        raise NotAcceptable(offered)
    return fmt
