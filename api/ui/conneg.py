"""Content negotiation for resource pages: HTML for browsers, RDF for machines."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Representation:
    key: str
    media_type: str
    suffix: str


HTML = Representation("html", "text/html", "html")
TURTLE = Representation("turtle", "text/turtle", "ttl")
JSONLD = Representation("jsonld", "application/ld+json", "jsonld")
NTRIPLES = Representation("ntriples", "application/n-triples", "nt")

#: in order of preference when the client accepts several equally
RDF_REPRESENTATIONS = (TURTLE, JSONLD, NTRIPLES)
ALL_REPRESENTATIONS = (HTML, *RDF_REPRESENTATIONS)

#: media types accepted as synonyms in Accept headers
_ALIASES = {
    "application/xhtml+xml": HTML,
    "application/x-turtle": TURTLE,
    "application/json": JSONLD,
    "text/plain": NTRIPLES,
}

#: values of ``?format=`` and file suffixes
FORMAT_NAMES = {
    "html": HTML,
    "ttl": TURTLE,
    "turtle": TURTLE,
    "jsonld": JSONLD,
    "json-ld": JSONLD,
    "nt": NTRIPLES,
    "ntriples": NTRIPLES,
    "n-triples": NTRIPLES,
}
SUFFIXES = {r.suffix: r for r in ALL_REPRESENTATIONS}


class NotAcceptable(ValueError):
    """No representation matches the Accept header."""


def parse_accept(header: str) -> list[tuple[str, float]]:
    """``Accept`` as (media range, q) pairs, highest q first, stable for equal q.

    Malformed q-values count as q=1 rather than failing the request.
    """
    ranges: list[tuple[str, float, int]] = []
    for index, part in enumerate(header.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        q = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value)))
                except ValueError:
                    q = 1.0
        ranges.append((media, q, index))
    ranges.sort(key=lambda r: (-r[1], r[2]))
    return [(m, q) for m, q, _ in ranges]


def _matches(media_range: str, rep: Representation) -> bool:
    if media_range == rep.media_type or _ALIASES.get(media_range) is rep:
        return True
    major, _, minor = media_range.partition("/")
    return minor == "*" and rep.media_type.startswith(major + "/")


def negotiate(accept: str | None) -> Representation:
    """Pick a representation. No Accept header, or only ``*/*``, means a machine: Turtle.

    A browser names text/html explicitly, so it gets HTML.
    """
    if not accept or not accept.strip():
        return TURTLE
    for media_range, q in parse_accept(accept):
        if q <= 0:
            continue
        if media_range == "*/*":
            return TURTLE
        # text/* prefers HTML only if it is named; among RDF types keep our order
        candidates = [r for r in ALL_REPRESENTATIONS if _matches(media_range, r)]
        excluded = {m for m, qq in parse_accept(accept) if qq <= 0}
        candidates = [r for r in candidates if r.media_type not in excluded]
        if candidates:
            if media_range == "text/*":
                return TURTLE
            return candidates[0]
    raise NotAcceptable(
        "none of the offered types is acceptable: "
        + ", ".join(r.media_type for r in ALL_REPRESENTATIONS)
    )
