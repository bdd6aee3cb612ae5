"""Who a sentence says its information comes from.

Recognised: "..., a senior NATO diplomat said." / "..., said a spokeswoman." /
"Japanese officials say ..." / "A Polish general told reporters on Monday that ..." /
"The diplomat, who ..., said that ..." / "according to NP" / mid-sentence
"..., the ministry said, and ...".
The label keeps the speaker noun phrase only ("a senior NATO diplomat", without "in Vienna"
or a trailing relative clause).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SAY = r"(?:(?:was|were|is|are) quoted as saying|said|says|say|told|tells|reported|reports|added|adds|confirmed|confirms|stated|states|noted|notes|claimed|claims|announced|announces|estimated|estimates|believes|believe|acknowledged|acknowledges|wrote|writes|asserted|explained|indicated|insisted|revealed|disclosed|warned)"
_SOURCE_HEAD = re.compile(
    r"\b(?:(?i:officials?|spokes(?:man|woman|person|people)|ministers?|ministry|sources?|analysts?|"
    r"diplomats?|commanders?|generals?|officers?|pentagon|kremlin|white house|governments?|"
    r"military|army|navy|agency|agencies|intelligence|experts?|observers?|monitors?|report|reports|"
    r"media|statement|command|department|secretary|president|chief|aides?|people|residents?|"
    r"witnesses|journalists?|correspondents?|lawmakers?|senators?|envoy|ambassador|staff|"
    r"headquarters|authorities|nato|observatory|newspaper|television|tv|news agency|guards|"
    r"police|coast guard|navy|air force|forces|command|images?|imagery|satellite|photos?|"
    r"photographs?|data|researchers?|group|institute|think tank|study|monitoring|colonels?|"
    r"captains?|lieutenants?|admirals?|brigadiers?|majors?)|"
    r"[A-Z][a-z]+ [A-Z][a-z]+)\b"
)
_TRAILING = re.compile(
    r"(?:,|\u2014|--)\s*(?P<src>[^,;\u2014]{2,140}?)\s+"
    + _SAY
    + r"(?:\s+(?:Reuters|AP|AFP|reporters|journalists|lawmakers|parliament|[A-Z]\w+))?"
    r"(?:\s+by\s+(?:the\s+)?[A-Z][^,;]{1,50}?)?"
    r"(?:\s+(?:on|in|at|last|this|late|early)\s+[\w.]+)*"
    r"(?:\s+(?:in|at|to|during|after)\s+an?\s+[\w\s]{1,40})?"
    r"(?:\s*,\s*(?:[a-z]+ing|speaking|who|citing|adding|noting|declining|asking|without|under|"
    r"according|in a|on condition|the|a|an|its|their|which|after|before|as)\b[^;]*)?"
    r"[\s.\"\u201d]*$"
)
_INVERTED = re.compile(
    r"(?:,|\u2014|--)\s*(?:said|says|according to)\s+(?P<src>[^,;]{2,140}?)[\s.\"\u201d]*$"
)
_LEADING = re.compile(
    r"^(?P<src>[A-Z\"\u201c][^,;]{1,100}?)(?:,[^;]{0,200}?,)?\s+(?:(?:have|has|had)\s+)?"
    r"(?:(?:told|tells)\s+(?:Reuters|AP|AFP|reporters|journalists|the\s+\w+(?:\s+\w+)?|"
    r"a\s+\w+(?:\s+\w+)?|[A-Z]\w+)|" + _SAY[3:-1] + r")"
    r"(?:\s+(?:on|in|at|last|this)\s+[\w.]+)*\s+(?:that\s+)?"
)
_MIDDLE = re.compile(
    r",\s*(?P<src>[^,;]{2,80}?)\s+(?:said|says|say|told reporters|told Reuters|told \w+|"
    r"reported|added|confirmed|estimated)\s*,\s*(?:and|but|while|with|as|adding|saying|noting)\b"
)
_ACCORDING = re.compile(r"\b[Aa]ccording to (?P<src>[^,;.]{2,120})")
_TRIM = re.compile(
    r"\s+(?:in|at|from|based in|speaking|who|also|on condition|on the condition)\b.*$"
)
_ANONYMOUS_HEAD = re.compile(
    r"\b(?:officials?|sources?|diplomats?|people|person|analysts?|officers?|aides?|insiders?|residents?)\b",
    re.I,
)


_INDEFINITE = frozenset(
    [
        "a",
        "an",
        "one",
        "two",
        "three",
        "four",
        "several",
        "some",
        "another",
        "other",
        "many",
        "senior",
    ]
)
#: a personal name at the end ("spokesman Peter Cook", "Defence Secretary Michael Fallon")
_PERSON = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z]\.)?\s+[A-Z][a-z'-]+$")


@dataclass(frozen=True)
class FoundAttribution:
    label: str
    start: int  # character offsets in the sentence string
    end: int
    #: the whole speech frame ("a senior ... official in Washington said"), to exclude
    #: its words from places and actors
    frame_start: int
    frame_end: int
    anonymous: bool


_DATELINE_PREFIX = re.compile(
    r"^[A-Z][A-Z .,'/-]{2,40}(?:\([^)]{1,30}\))?\s*(?:\u2014|\u2013|--|-)\s*"
)


def _clean(src: str) -> str:
    src = _DATELINE_PREFIX.sub("", src.strip())
    src = src.strip().strip("\"\u201c\u201d'")
    src = _TRIM.sub("", src)
    return src.strip(" ,")


def _valid(src: str) -> bool:
    if not src or len(src) > 100 or not _SOURCE_HEAD.search(src):
        return False
    first = src.split()[0].lower()
    return first not in ("it", "he", "she", "they", "we", "i", "which", "that", "this")


#: "Moscow has denied that ...": whoever denies is the source of the denial
_DENIER = re.compile(
    r"^(?P<src>(?:[A-Z][\w.'-]*\s+){0,3}[A-Z][\w.'-]*)\s+(?:(?:has|have|had)\s+)?"
    r"(?:denied|denies|deny)\b"
)


def find_attribution(sentence: str) -> FoundAttribution | None:
    denier = _DENIER.match(sentence.strip())
    if denier and denier.group("src").split()[0].lower() not in ("it", "he", "she", "they"):
        label = denier.group("src")
        start = sentence.find(label)
        return FoundAttribution(label, start, start + len(label), start, start + len(label), False)
    for pattern in (_TRAILING, _INVERTED, _ACCORDING, _LEADING, _MIDDLE):
        m = pattern.search(sentence)
        if not m:
            continue
        raw = m.group("src")
        label = _clean(raw)
        if not _valid(label):
            continue
        start = m.start("src") + (len(raw) - len(raw.lstrip()))
        start += raw.strip().find(label) if label in raw else 0
        words = label.split()
        anonymous = (
            words[0].lower() in _INDEFINITE or bool(_ANONYMOUS_HEAD.search(words[-1]))
        ) and not _PERSON.search(label)
        return FoundAttribution(label, start, start + len(label), m.start(), m.end(), anonymous)
    return None
