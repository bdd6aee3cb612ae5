"""Serialise query results with a row cap, writing chunks to a callback.

pyoxigraph serialises a whole ``QuerySolutions`` iterator and cannot stop after N rows, so
SELECT results are written here (SPARQL JSON, XML, CSV, TSV per the W3C result formats);
graphs (CONSTRUCT/DESCRIBE) go through pyoxigraph's own serialisers over a capped iterator.
When the cap cuts a result, JSON and XML results carry a ``link`` in their head pointing
at TRUNCATED_LINK (both formats define ``link`` for exactly this kind of note), and the HTTP
layer adds headers; CSV/TSV/graph formats have no place for a note, so headers only.
"""

from __future__ import annotations

import io
import itertools
import json
from collections.abc import Callable, Iterable
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from api.conneg import Format

TRUNCATED_LINK = "https://w3id.org/deploykb/ontology#TruncatedResult"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
RDF_DIR_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#dirLangString"

Write = Callable[[bytes], Any]
_BATCH = 256


def _json_term(term: Any) -> dict[str, Any]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict[str, Any] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
            direction = getattr(term, "direction", None)
            if direction is not None:
                out["its:dir"] = str(direction).rsplit(".", 1)[-1].lower()
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, ox.Triple):
        return {
            "type": "triple",
            "value": {
                "subject": _json_term(term.subject),
                "predicate": _json_term(term.predicate),
                "object": _json_term(term.object),
            },
        }
    raise TypeError(f"unexpected term {term!r}")


def _xml_term(term: Any) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value != XSD_STRING:
            return (
                f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
            )
        return f"<literal>{escape(term.value)}</literal>"
    if isinstance(term, ox.Triple):
        return (
            f"<triple><subject>{_xml_term(term.subject)}</subject>"
            f"<predicate>{_xml_term(term.predicate)}</predicate>"
            f"<object>{_xml_term(term.object)}</object></triple>"
        )
    raise TypeError(f"unexpected term {term!r}")


def _csv_field(term: Any) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        text = "_:" + term.value
    elif isinstance(term, ox.NamedNode | ox.Literal):
        text = term.value
    else:
        text = str(term)
    if any(c in text for c in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def _tsv_field(term: Any) -> str:
    if term is None:
        return ""
    # N-Triples syntax is valid Turtle, which is what TSV asks for; tabs/newlines are escaped
    return str(term).replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def write_solutions(
    solutions: Any, fmt: Format, write: Write, max_rows: int | None
) -> tuple[int, bool]:
    """Write SELECT results; returns (rows written, truncated)."""
    variables = [v.value for v in solutions.variables]
    rows: Iterable[Any] = solutions
    truncated = False
    if max_rows is not None:
        head = list(itertools.islice(solutions, max_rows + 1))
        truncated = len(head) > max_rows
        rows = head[:max_rows]
    count = 0
    name = fmt.name
    if name == "json":
        head_obj: dict[str, Any] = {"vars": variables}
        if truncated:
            head_obj["link"] = [TRUNCATED_LINK]
        write(b'{"head":' + json.dumps(head_obj).encode() + b',"results":{"bindings":[')
        buf: list[str] = []
        for sol in rows:
            binding = {v: _json_term(sol[v]) for v in variables if sol[v] is not None}
            buf.append(json.dumps(binding, ensure_ascii=False))
            count += 1
            if len(buf) >= _BATCH:
                write(((",") if count > len(buf) else "").encode() + ",".join(buf).encode())
                buf = []
        if buf:
            write(((",") if count > len(buf) else "").encode() + ",".join(buf).encode())
        write(b"]}}")
    elif name == "xml":
        out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">']
        out.append("<head>" + "".join(f"<variable name={quoteattr(v)}/>" for v in variables))
        if truncated:
            out.append(f"<link href={quoteattr(TRUNCATED_LINK)}/>")
        out.append("</head><results>")
        write("".join(out).encode())
        buf = []
        for sol in rows:
            cells = "".join(
                f"<binding name={quoteattr(v)}>{_xml_term(sol[v])}</binding>"
                for v in variables
                if sol[v] is not None
            )
            buf.append(f"<result>{cells}</result>")
            count += 1
            if len(buf) >= _BATCH:
                write("".join(buf).encode())
                buf = []
        write(("".join(buf) + "</results></sparql>\n").encode())
    elif name in ("csv", "tsv"):
        field = _csv_field if name == "csv" else _tsv_field
        sep = "," if name == "csv" else "\t"
        eol = "\r\n" if name == "csv" else "\n"
        header = sep.join(variables if name == "csv" else ["?" + v for v in variables])
        lines = [header]
        for sol in rows:
            lines.append(sep.join(field(sol[v]) for v in variables))
            count += 1
            if len(lines) >= _BATCH:
                write((eol.join(lines) + eol).encode())
                lines = []
        if lines:
            write((eol.join(lines) + eol).encode())
    else:
        raise ValueError(f"{fmt.media_type} is not a results format")
    return count, truncated


def write_boolean(value: bool, fmt: Format, write: Write) -> None:
    if fmt.name == "json":
        write(b'{"head":{},"boolean":' + (b"true" if value else b"false") + b"}")
    elif fmt.name == "xml":
        write(
            b'<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
            b"<head/><boolean>" + (b"true" if value else b"false") + b"</boolean></sparql>\n"
        )
    elif fmt.name == "csv":
        write(b"_askResult\r\n" + (b"true" if value else b"false") + b"\r\n")
    else:
        write(b"?_askResult\n" + (b"true" if value else b"false") + b"\n")


class _Sink(io.RawIOBase):
    def __init__(self, write: Write):
        self._write = write

    def writable(self) -> bool:
        return True

    def write(self, b: Any) -> int:  # type: ignore[override]
        data = bytes(b)
        self._write(data)
        return len(data)


def write_triples(
    triples: Iterable[ox.Triple], fmt: Format, write: Write, max_rows: int | None
) -> tuple[int, bool]:
    """Write CONSTRUCT/DESCRIBE triples with pyoxigraph's serialiser; returns (n, truncated)."""
    truncated = False
    items: Iterable[ox.Triple] = triples
    if max_rows is not None:
        head = list(itertools.islice(triples, max_rows + 1))
        truncated = len(head) > max_rows
        items = head[:max_rows]
    else:
        items = list(triples)
    sink = io.BufferedWriter(_Sink(write), buffer_size=64 * 1024)
    ox.serialize(items, sink, fmt.ox_format)
    sink.flush()
    return len(items), truncated  # type: ignore[arg-type]
