"""Counts written before an item: "four", "Two hundred", "1,500", "about 200", "more than 20",
"four or five", "between 10 and 12", "100-150", "dozens of", "a pair of"...

``quantity_before(tokens, i)`` looks left of token ``i`` (the first token of the item) and
returns the Quantity and the index of its first token. Conventions (see kb.model.Quantity):
"more than N" and "over N" give min N+1; "fewer/less than N" give max N-1; "as many as N" and
"up to N" give max N; vague words give no numbers; no count at all gives "unspecified".
"""

from __future__ import annotations

import re

from kb.extract.tokens import Token
from kb.model import Quantity

UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
ORDINALS = frozenset(
    [
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "new",
        "further",
    ]
)
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
COLLECTIVE = {"dozen": 12, "pair": 2, "couple": 2, "score": 20}

APPROX = {
    ("about",),
    ("around",),
    ("some",),
    ("roughly",),
    ("approximately",),
    ("nearly",),
    ("almost",),
    ("estimated",),
    ("an", "estimated"),
    ("close", "to"),
    ("circa",),
    ("perhaps",),
    ("maybe",),
    ("reportedly",),
    ("an", "approximate"),
    ("approx",),
    ("just", "under"),
    ("just", "over"),
    ("upward", "of"),
    ("more", "or", "less"),
}
AT_LEAST = {
    ("at", "least"),
    ("no", "fewer", "than"),
    ("no", "less", "than"),
    ("a", "minimum", "of"),
    ("upwards", "of"),
    ("not", "less", "than"),
}
MORE_THAN = {("more", "than"), ("over",), ("in", "excess", "of"), ("greater", "than")}
AT_MOST = {
    ("as", "many", "as"),
    ("up", "to"),
    ("at", "most"),
    ("no", "more", "than"),
    ("a", "maximum", "of"),
    ("not", "more", "than"),
}
FEWER_THAN = {("fewer", "than"), ("less", "than"), ("under",)}
VAGUE = {
    ("several",),
    ("dozens", "of"),
    ("hundreds", "of"),
    ("thousands", "of"),
    ("tens", "of", "thousands", "of"),
    ("scores", "of"),
    ("a", "few"),
    ("a", "number", "of"),
    ("numerous",),
    ("many",),
    ("multiple",),
    ("a", "handful", "of"),
    ("a", "couple", "of"),
    ("some",),
    ("various",),
    ("a", "large", "number", "of"),
    ("a", "small", "number", "of"),
    ("a", "contingent", "of"),
    ("a", "group", "of"),
    ("a", "fleet", "of"),
    ("more",),
    ("additional",),
    ("further",),
    ("a", "squadron", "of"),
    ("a", "battalion", "of"),
    ("a", "company", "of"),
    ("a", "flotilla", "of"),
    ("a", "detachment", "of"),
    ("a", "unit", "of"),
    ("a", "team", "of"),
    ("a", "battery", "of"),
    ("batteries", "of"),
    ("a", "wave", "of"),
    ("several", "thousand"),
    ("several", "hundred"),
    ("a", "few", "thousand"),
    ("a", "few", "hundred"),
    ("many", "thousands", "of"),
    ("thousands",),
    ("hundreds",),
    ("several", "dozen"),
    ("a", "few", "dozen"),
    ("tens", "of", "thousands"),
    ("a", "small", "team", "of"),
    ("a", "small", "group", "of"),
    ("a", "small", "contingent", "of"),
    ("a", "large", "contingent", "of"),
    ("a", "small", "unit", "of"),
    ("a", "large", "group", "of"),
}
_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+$")
_DIGIT_RANGE = re.compile(r"^(\d[\d,]*)[-\u2013\u2010\u2011](\d[\d,]*)$")
_DECIMAL = re.compile(r"^\d+\.\d+$")


def _int(s: str) -> int | None:
    s = s.replace(",", "")
    return int(s) if s.isdigit() else None


def _number_end_at(tokens: list[Token], end: int) -> tuple[int, int] | None:
    """A number ending at token index ``end`` (inclusive): (value, first index)."""
    if end < 0:
        return None
    tok = tokens[end]
    w = tok.lower
    if _DIGITS.match(w):
        return int(w.replace(",", "")), end
    if w in SCALES and end >= 1:
        # "1.5 million", "two hundred", "three thousand five hundred" (right to left)
        prev = tokens[end - 1].lower
        if _DECIMAL.match(prev):
            return int(float(prev) * SCALES[w]), end - 1
        if prev in ("a", "one"):
            mult = 1
        elif prev.isdigit() and int(prev) < 1000:
            mult = int(prev)
        else:
            small = _word_below_100(prev)
            if small is None:
                return None
            mult = small
        value, first = mult * SCALES[w], end - 1
        k = first - 1
        if k >= 0 and tokens[k].lower in SCALES and SCALES[tokens[k].lower] > SCALES[w]:
            left = _number_end_at(tokens, k)
            if left:
                value, first = value + left[0], left[1]
        return value, first
    small = _word_below_100(w)
    if small is None:
        return None
    # "five hundred twenty", "two thousand five hundred": a scale group to the left
    j = end - 1
    if j >= 0 and tokens[j].lower == "and":
        j -= 1
    if j >= 0 and tokens[j].lower in SCALES and small < SCALES[tokens[j].lower]:
        left = _number_end_at(tokens, j)
        if left:
            return left[0] + small, left[1]
    return small, end


def _word_below_100(w: str) -> int | None:
    if w in UNITS:
        return UNITS[w]
    if w in TENS:
        return TENS[w]
    if "-" in w:
        a, _, b = w.partition("-")
        if a in TENS and b in UNITS and 0 < UNITS[b] < 10:
            return TENS[a] + UNITS[b]
    return None


_BY_LAST: dict[int, dict[str, list[tuple[str, ...]]]] = {}


def _match_back(tokens: list[Token], end: int, phrases: set[tuple[str, ...]]) -> int | None:
    """Index of the first token of the longest phrase that ends at ``end`` (inclusive)."""
    index = _BY_LAST.get(id(phrases))
    if index is None:
        index = {}
        for phrase in phrases:
            index.setdefault(phrase[-1], []).append(phrase)
        _BY_LAST[id(phrases)] = index
    best = None
    for phrase in index.get(tokens[end].lower, ()):
        n = len(phrase)
        if end - n + 1 < 0:
            continue
        matches = all(tokens[end - n + 1 + k].lower == phrase[k] for k in range(n))
        if matches and (best is None or end - n + 1 < best):
            best = end - n + 1
    return best


def quantity_before(tokens: list[Token], i: int, text: str = "") -> tuple[Quantity, int]:
    """The quantity that ends right before token ``i`` and the index where it starts.

    In a partitive ("about 750 of its roughly 1,000 troops") the part is the count."""
    whole, first = _quantity_before(tokens, i, text)
    if (
        whole.qualifier == "unspecified"
        and i >= 3
        and tokens[i - 1].lower in ("the", "its", "their", "these", "those")
        and tokens[i - 2].lower == "of"
    ):
        # "42 of the bombers"
        part, part_first = _quantity_before(tokens, i - 2, text)
        if part.qualifier not in ("unspecified",):
            return part, part_first
    k = first - 2
    if (
        whole.qualifier != "unspecified"
        and k >= 1
        and tokens[k].lower == "of"
        and tokens[k + 1].lower in ("its", "their", "the", "his", "her", "our")
    ):
        part, part_first = _quantity_before(tokens, k, text)
        if part.qualifier not in ("unspecified", "vague"):
            return part, part_first
    return whole, first


def _quantity_before(tokens: list[Token], i: int, text: str = "") -> tuple[Quantity, int]:
    end = i - 1
    if end < 0:
        return Quantity(), i
    w = tokens[end].lower
    # "a dozen", "a pair of", "two dozen"
    if w == "of" and end >= 1 and tokens[end - 1].lower in COLLECTIVE:
        end -= 1
        w = tokens[end].lower
    if w in COLLECTIVE:
        k = end - 1
        mult = 1
        if k >= 0:
            num = _number_end_at(tokens, k)
            if num:
                mult, k = num[0], num[1] - 1
            elif tokens[k].lower in ("a", "an"):
                k -= 1
            else:
                return Quantity(), i
        value = COLLECTIVE[w] * mult
        q = Quantity("exact", value, value, value, _said(tokens, k + 1, i))
        return _qualify(tokens, k + 1, i, q, value)
    rng = _DIGIT_RANGE.match(w)
    if rng:
        lo, hi = _int(rng.group(1)), _int(rng.group(2))
        if lo is not None and hi is not None and lo < hi:
            first = end
            if end >= 1 and tokens[end - 1].lower == "between":
                first = end - 1
            return Quantity("range", None, lo, hi, _said(tokens, first, i)), first
    num = _number_end_at(tokens, end)
    if num:
        value, first = num
        # ranges: "four or five", "10 to 12", "between 10 and 12", "10-12" split
        if first >= 2 and tokens[first - 1].lower in ("or", "to", "and", "-", "\u2013"):
            left = _number_end_at(tokens, first - 2)
            if left and left[0] < value:
                lo_first = left[1]
                if tokens[first - 1].lower == "and":
                    if lo_first >= 1 and tokens[lo_first - 1].lower == "between":
                        lo_first -= 1
                    else:
                        left = None
                if left:
                    if lo_first >= 1 and tokens[lo_first - 1].lower == "from":
                        lo_first -= 1
                    return (
                        Quantity("range", None, left[0], value, _said(tokens, lo_first, i)),
                        lo_first,
                    )
        q = Quantity("exact", value, value, value, _said(tokens, first, i))
        return _qualify(tokens, first, i, q, value)
    # "several thousand more soldiers", "500 additional troops": the count before "more"
    if w in ("more", "additional", "extra", "fresh", "further", "new") and end >= 1:
        inner, first = _quantity_before(tokens, end, text)
        if inner.qualifier not in ("unspecified",) and first < end:
            return inner, first
    # "hundreds of", "several", "a few"
    k = _match_back(tokens, end, VAGUE)
    if k is not None:
        phrase = tuple(t.lower for t in tokens[k : end + 1])
        if phrase in (("some",), ("more",), ("additional",), ("further",), ("many",)):
            # "some tanks", "more troops": no count stated
            return Quantity(), i
        return Quantity("vague", None, None, None, _said(tokens, k, i)), k
    if w in ("a", "an", "one") or (w == "another" and end >= 0):
        return Quantity("exact", 1, 1, 1, tokens[end].text), end
    if w in ORDINALS and end >= 1 and tokens[end - 1].lower in ("a", "an"):
        # "a fifth Iron Dome battery": one more
        return Quantity("exact", 1, 1, 1, f"{tokens[end - 1].text} {tokens[end].text}"), end - 1
    return Quantity(), i


def _qualify(
    tokens: list[Token], first: int, i: int, q: Quantity, value: int
) -> tuple[Quantity, int]:
    k = first - 1
    if k < 0:
        return q, first
    for phrases, make in (
        (AT_MOST, lambda v: Quantity("at_most", None, None, v)),
        (FEWER_THAN, lambda v: Quantity("at_most", None, None, max(v - 1, 0))),
        (AT_LEAST, lambda v: Quantity("at_least", v, v, None)),
        (MORE_THAN, lambda v: Quantity("at_least", None, v + 1, None)),
        (APPROX, lambda v: Quantity("approximate", v, None, None)),
    ):
        start = _match_back(tokens, k, phrases)
        if start is not None:
            made = make(value)
            return (
                Quantity(made.qualifier, made.value, made.min, made.max, _said(tokens, start, i)),
                start,
            )
    return q, first


def _said(tokens: list[Token], first: int, i: int) -> str | None:
    if first >= i:
        return None
    return " ".join(t.text for t in tokens[first:i])


def parse_quantity(phrase: str) -> Quantity:
    """Parse a stand-alone count phrase ("about 200", "four or five")."""
    from kb.extract.tokens import tokenize

    toks = tokenize(phrase + " x")
    q, _ = quantity_before(toks, len(toks) - 1)
    return q
