"""Word tokens with their offsets into the report text."""

from __future__ import annotations

import re
from dataclasses import dataclass

# abbreviations with dots (U.S., U.K.), numbers with separators (1,500 / 2.5 / 100-150),
# words with inner hyphens or slashes (Su-27, F/A-18, troop-transport), possessive 's,
# n't, and any other single non-space character
_TOKEN = re.compile(
    r"(?:[A-Za-z]\.){2,}(?![A-Za-z])"
    r"|[^\W_]+(?:[-/.,\u2010\u2011][^\W_]+)*"
    r"|['\u2019](?:s|t)\b"
    r"|[^\w\s]",
)


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str
    lower: str
    #: lower-case key used by lexicon lookups (hyphens dropped in designations)
    key: str

    @property
    def is_cap(self) -> bool:
        return self.text[:1].isupper()


def norm_key(word: str) -> str:
    """Lookup key of one token: lower-case, typographic quotes folded, and hyphens
    and spaces dropped when the word has a digit (Su-27 = Su27 = SU-27)."""
    w = word.lower().replace("\u2019", "'").replace("\u2010", "-").replace("\u2011", "-")
    if any(c.isdigit() for c in w):
        w = w.replace("-", "")
    return w


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    end = len(text) if end is None else end
    out: list[Token] = []
    for m in _TOKEN.finditer(text, start, end):
        w = m.group()
        # a trailing comma/dot inside a number-like token belongs to punctuation
        out.append(Token(m.start(), m.end(), w, w.lower(), norm_key(w)))
    return out


def key_tuple(phrase: str) -> tuple[str, ...]:
    """The lookup key of a whole label, tokenised like text."""
    return tuple(t.key for t in tokenize(phrase))
