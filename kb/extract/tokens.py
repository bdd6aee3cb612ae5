"""Word tokens with their offsets into the report text."""

from __future__ import annotations

import re
from typing import NamedTuple

# abbreviations with dots (U.S., U.K.), numbers with separators (1,500 / 2.5 / 100-150),
# words with inner hyphens or slashes (Su-27, F/A-18, troop-transport), possessive 's,
# n't, and any other single non-space character
_TOKEN = re.compile(
    r"(?:[A-Za-z]\.){2,}(?![A-Za-z])"
    r"|[^\W_]+(?:[-/.,\u2010\u2011][^\W_]+)*"
    r"|['\u2019](?:s|t)\b"
    r"|[^\w\s]",
)


class Token(NamedTuple):
    start: int
    end: int
    text: str
    lower: str
    #: lower-case key used by lexicon lookups (hyphens dropped in designations)
    key: str
    #: starts with a capital letter
    is_cap: bool


def norm_key(word: str) -> str:
    """Lookup key of one token: lower-case, typographic quotes folded, and hyphens
    and spaces dropped when the word has a digit (Su-27 = Su27 = SU-27)."""
    w = word.lower()
    if w.isalpha():
        return w
    w = w.replace("\u2019", "'").replace("\u2010", "-").replace("\u2011", "-")
    if not w.isalpha() and any(c.isdigit() for c in w):
        w = w.replace("-", "")
    return w


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    end = len(text) if end is None else end
    out: list[Token] = []
    append = out.append
    for m in _TOKEN.finditer(text, start, end):
        w = m.group()
        low = w.lower()
        append(
            Token(m.start(), m.end(), w, low, low if low.isalpha() else norm_key(w), w[0].isupper())
        )
    return out


def key_tuple(phrase: str) -> tuple[str, ...]:
    """The lookup key of a whole label, tokenised like text."""
    return tuple(t.key for t in tokenize(phrase))
