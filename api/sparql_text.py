"""Cheap lexical inspection of SPARQL text, done before a query reaches the engine.

The engine (pyoxigraph) parses the text for real; this module only answers what the
protocol layer must know first: which query form (to negotiate the response format and
reject updates sent as queries), and whether the text asks for an outbound request
(SERVICE, LOAD). It works on a token stream with strings, IRIs and comments removed, so a
keyword inside a literal, an IRI or a comment never counts. Codepoint escapes (\\uXXXX) are
decoded first, as the SPARQL grammar does, so an escaped keyword cannot slip through.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_TOKEN = re.compile(
    r"""
    (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
              |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
    |(?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    |(?P<comment>\#[^\n\r]*)
    |(?P<var>[?$][A-Za-z0-9_\u00B7\u00C0-\uFFFF]+)
    |(?P<word>[A-Za-z_][A-Za-z0-9_\-.\u00B7\u00C0-\uFFFF]*:?[A-Za-z0-9_\-.:%\u00B7\u00C0-\uFFFF]*)
    |(?P<brace>[{}])
    |(?P<other>\S)
    """,
    re.VERBOSE | re.DOTALL,
)

QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
UPDATE_KEYWORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
)


def decode_escapes(text: str) -> str:
    """Apply SPARQL codepoint escapes (\\u0041, \\U00000041) as the grammar requires."""

    def repl(m: re.Match[str]) -> str:
        code = int(m.group(1) or m.group(2), 16)
        return chr(code) if code <= 0x10FFFF else m.group(0)

    return _ESCAPE.sub(repl, text) if "\\u" in text or "\\U" in text else text


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    start: int
    depth: int


def tokens(text: str) -> list[Token]:
    """Keyword-level tokens (strings, IRIs, comments dropped; braces tracked as depth)."""
    out: list[Token] = []
    depth = 0
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "other"
        if kind in ("string", "comment"):
            continue
        value = m.group(0)
        if kind == "brace":
            depth += 1 if value == "{" else -1
            continue
        out.append(Token(kind, value, m.start(), depth))
    return out


def _keywords(toks: list[Token]) -> list[Token]:
    return [t for t in toks if t.kind == "word" and not t.text.endswith(":") and ":" not in t.text]


_SERVICE_WORD = re.compile(r"(?<![A-Za-z0-9_\-])SERVICE(?![A-Za-z0-9_\-])", re.IGNORECASE)


def _is_service(tok: Token) -> bool:
    # also catches SERVICE glued to a neighbour by a dot, which the word pattern would swallow
    return bool(_SERVICE_WORD.search(tok.text))


@dataclass(frozen=True)
class QueryInfo:
    #: SELECT, ASK, CONSTRUCT, DESCRIBE, or None when none was found (the engine reports why)
    form: str | None
    #: the text looks like an update (INSERT, DELETE, LOAD ... outside any braces)
    is_update: bool
    uses_service: bool


def inspect_query(text: str) -> QueryInfo:
    toks = tokens(decode_escapes(text))
    words = _keywords(toks)
    form = None
    is_update = False
    for t in words:
        upper = t.text.upper()
        if t.depth == 0 and upper in QUERY_FORMS:
            form = upper
            break
        if t.depth == 0 and upper in UPDATE_KEYWORDS:
            is_update = True
            break
    uses_service = any(_is_service(t) for t in words)
    return QueryInfo(form=form, is_update=is_update, uses_service=uses_service)


@dataclass(frozen=True)
class UpdateInfo:
    uses_service: bool
    uses_load: bool
    #: the update names its own dataset (USING / USING NAMED / WITH)
    has_dataset_clause: bool
    #: the text looks like a query, not an update
    is_query: bool


def inspect_update(text: str) -> UpdateInfo:
    words = _keywords(tokens(decode_escapes(text)))
    upper = [(t.text.upper(), t.depth) for t in words]
    return UpdateInfo(
        uses_service=any(_is_service(t) for t in words),
        uses_load=any(w == "LOAD" and d == 0 for w, d in upper),
        has_dataset_clause=any(w in ("USING", "WITH") and d == 0 for w, d in upper),
        is_query=any(w in QUERY_FORMS and d == 0 for w, d in upper)
        and not any(w in UPDATE_KEYWORDS and d == 0 for w, d in upper),
    )


def add_using_clauses(text: str, using: list[str], using_named: list[str]) -> str:
    """Insert ``USING <g>`` / ``USING NAMED <g>`` before every top-level WHERE of an update.

    This is what the protocol's ``using-graph-uri`` / ``using-named-graph-uri`` parameters
    mean (SPARQL 1.1 Protocol 2.2.3). ``DELETE WHERE`` takes no USING and is left as is.
    """
    if not using and not using_named:
        return text
    decoded = decode_escapes(text)
    clause = "".join(f" USING <{g}>" for g in using) + "".join(
        f" USING NAMED <{g}>" for g in using_named
    )
    words = _keywords(tokens(decoded))
    cuts = []
    for i, t in enumerate(words):
        if t.depth == 0 and t.text.upper() == "WHERE":
            prev = words[i - 1].text.upper() if i else ""
            if prev != "DELETE":
                cuts.append(t.start)
    out = decoded
    for pos in reversed(cuts):
        out = out[:pos] + clause.strip() + " " + out[pos:]
    return out


def service_targets(text: str) -> list[str | None]:
    """The endpoint IRI of every SERVICE in the text, resolved through PREFIX and BASE;
    None where it is a variable or cannot be resolved (so an allow-list refuses it)."""
    from urllib.parse import urljoin

    toks = tokens(decode_escapes(text))
    prefixes: dict[str, str] = {}
    base: str | None = None
    targets: list[str | None] = []
    for i, t in enumerate(toks):
        upper = t.text.upper()
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if upper == "PREFIX" and nxt is not None and i + 2 < len(toks):
            if nxt.text.endswith(":") and toks[i + 2].kind == "iri":
                prefixes[nxt.text[:-1]] = toks[i + 2].text[1:-1]
        elif upper == "BASE" and nxt is not None and nxt.kind == "iri":
            base = nxt.text[1:-1]
        elif t.kind == "word" and _is_service(t):
            j = i + 1
            if j < len(toks) and toks[j].text.upper() == "SILENT":
                j += 1
            target = toks[j] if j < len(toks) else None
            if target is None or target.kind == "var":
                targets.append(None)
            elif target.kind == "iri":
                iri = target.text[1:-1]
                targets.append(urljoin(base, iri) if base else iri)
            elif ":" in target.text:
                prefix, local = target.text.split(":", 1)
                targets.append(prefixes[prefix] + local if prefix in prefixes else None)
            else:
                targets.append(None)
    return targets


def service_allowed(text: str, allow: tuple[str, ...]) -> bool:
    """True when every SERVICE endpoint starts with one of the allowed IRI prefixes."""
    targets = service_targets(text)
    return bool(targets) and all(
        t is not None and any(t.startswith(prefix) for prefix in allow) for t in targets
    )
