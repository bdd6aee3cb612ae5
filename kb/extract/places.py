"""Places in a sentence: gazetteer names, facility phrases and references back to them.

"an air base near Latakia" -> the catalog air base near Latakia when there is one (else
Latakia itself); "Syria's Latakia airbase" -> the same; "the airfield", "the base" -> the
most recent compatible facility; "there" -> the most recent place. ``location_name`` is the
toponym the text anchors on ("Latakia"), ``place`` the most specific catalog entry.
"""

from __future__ import annotations

from dataclasses import dataclass

from kb.extract.lexicon import FACILITY_KINDS, Lexicon, PlaceHit
from kb.extract.tokens import Token

FACILITY_NOUNS: dict[tuple[str, ...], frozenset[str]] = {
    ("air", "base"): frozenset({"AirBase", "Airport", "MilitaryBase"}),
    ("airbase",): frozenset({"AirBase", "Airport", "MilitaryBase"}),
    ("air", "bases"): frozenset({"AirBase", "Airport", "MilitaryBase"}),
    ("airfield",): frozenset({"AirBase", "Airport"}),
    ("air", "field"): frozenset({"AirBase", "Airport"}),
    ("airstrip",): frozenset({"AirBase", "Airport"}),
    ("air", "station"): frozenset({"AirBase"}),
    ("airport",): frozenset({"Airport", "AirBase"}),
    ("naval", "base"): frozenset({"NavalBase", "Port"}),
    ("naval", "facility"): frozenset({"NavalBase", "Port"}),
    ("naval", "station"): frozenset({"NavalBase", "Port"}),
    ("port",): frozenset({"Port", "NavalBase"}),
    ("harbor",): frozenset({"Port", "NavalBase"}),
    ("harbour",): frozenset({"Port", "NavalBase"}),
    ("military", "base"): FACILITY_KINDS,
    ("base",): FACILITY_KINDS,
    ("bases",): FACILITY_KINDS,
    ("garrison",): FACILITY_KINDS,
    ("facility",): FACILITY_KINDS,
    ("compound",): FACILITY_KINDS,
    ("camp",): FACILITY_KINDS,
}
LOCATIVE = frozenset(
    [
        "at",
        "in",
        "to",
        "into",
        "near",
        "inside",
        "outside",
        "on",
        "onto",
        "toward",
        "towards",
        "across",
        "throughout",
        "within",
        "off",
        "around",
        "along",
        "over",
        "via",
    ]
)
_DETS = frozenset(
    ["the", "a", "an", "its", "their", "this", "that", "his", "her", "one", "another"]
)
_SKIP_ADJ = frozenset(
    [
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "north",
        "south",
        "east",
        "west",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "coastal",
        "occupied",
        "rebel-held",
        "government-held",
        "nearby",
        "neighboring",
        "neighbouring",
        "russian-held",
        "key",
        "strategic",
        "main",
        "major",
        "sprawling",
        "large",
        "small",
        "new",
        "old",
        "military",
        "secret",
        "remote",
    ]
)
_ANCHOR_PREPS = frozenset({"near", "outside", "in", "at", "of", "on"})
_NOT_PLACES = frozenset(
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "the",
        "a",
        "an",
        "it",
        "he",
        "she",
        "they",
        "we",
        "i",
        "this",
        "that",
        "these",
        "those",
        "but",
        "and",
        "however",
        "meanwhile",
        "mr",
        "mrs",
        "ms",
        "president",
        "secretary",
        "minister",
        "general",
        "defense",
        "defence",
        "state",
        "prime",
    ]
)


@dataclass
class PlaceMention:
    #: token range in the sentence
    start: int
    end: int
    #: character range in the report
    char_start: int
    char_end: int
    text: str
    #: the most specific catalog place (None when unknown)
    place: PlaceHit | None
    #: the toponym as named by the gazetteer (or as written when unknown)
    name: str | None
    country_id: str | None
    country_name: str | None
    facility_kinds: frozenset[str] | None = None
    #: a reference back ("the airfield", "there") that still needs resolving
    anaphor: str | None = None
    prep: str | None = None


def _lookup(tokens: list[Token], i: int, lex: Lexicon) -> tuple[int, list[PlaceHit]] | None:
    if not tokens[i].is_cap:
        return None
    n = len(tokens)
    for length in range(min(lex.max_len, n - i), 0, -1):
        key = tuple(t.key for t in tokens[i : i + length])
        got = lex.places.get(key)
        if got:
            return length, got
    return None


def _facility_noun(tokens: list[Token], i: int) -> tuple[int, frozenset[str]] | None:
    for length in (2, 1):
        key = tuple(t.lower for t in tokens[i : i + length])
        if len(key) == length and key in FACILITY_NOUNS:
            return length, FACILITY_NOUNS[key]
    return None


def _best(hits: list[PlaceHit]) -> PlaceHit:
    order = {
        "City": 0,
        "AirBase": 1,
        "NavalBase": 1,
        "MilitaryBase": 1,
        "Port": 2,
        "Airport": 3,
        "Region": 4,
        "Country": 5,
    }
    return min(hits, key=lambda h: order.get(h.kind, 6))


def find_places(tokens: list[Token], lex: Lexicon, text: str) -> list[PlaceMention]:
    """Every place phrase in one sentence, in order (references left unresolved)."""
    out: list[PlaceMention] = []
    i, n = 0, len(tokens)
    while i < n:
        got = _phrase_at(tokens, i, lex, text)
        if got:
            out.append(got)
            i = got.end
        else:
            i += 1
    return out


def _phrase_at(tokens: list[Token], i: int, lex: Lexicon, text: str) -> PlaceMention | None:
    n = len(tokens)
    tok = tokens[i]
    j = i
    det = None
    if tok.lower in _DETS:
        det = tok.lower
        j += 1
    while j < n and tokens[j].lower in _SKIP_ADJ:
        j += 1
    if j >= n:
        return None
    anchor: tuple[int, list[PlaceHit]] | None = None
    anchor_at = j
    # "Syria's Latakia airbase": skip the possessive country
    got = _lookup(tokens, j, lex) if tokens[j].lower not in _NOT_PLACES else None
    if got and j + got[0] + 1 < n and tokens[j + got[0]].key == "'s":
        k = j + got[0] + 1
        got2 = _lookup(tokens, k, lex) if k < n else None
        if got2 or (k < n and _facility_noun(tokens, k)):
            j = k
            got = got2
            anchor_at = k
    if got:
        anchor = got
        j = anchor_at + got[0]
    fac = _facility_noun(tokens, j) if j < n else None
    if fac:
        fac_end = j + fac[0]
        kinds = fac[1]
        if anchor is None and fac_end + 1 < n and tokens[fac_end].lower in _ANCHOR_PREPS:
            got = _lookup(tokens, fac_end + 1, lex)
            if got:
                anchor = got
                anchor_at = fac_end + 1
                fac_end = fac_end + 1 + got[0]
        if anchor is None:
            # a named but unknown facility ("Tapa military base") or a bare reference
            if (
                det is None
                and j > i
                and tokens[j - 1].is_cap
                and tokens[j - 1].lower not in _NOT_PLACES
            ):
                name = tokens[j - 1].text
                return _mention(tokens, i, fac_end, text, None, name, kinds)
            if det in ("the", "this", "that", "its", "their") and j == i + 1:
                return PlaceMention(
                    i,
                    fac_end,
                    tokens[i].start,
                    tokens[fac_end - 1].end,
                    text[tokens[i].start : tokens[fac_end - 1].end],
                    None,
                    None,
                    None,
                    None,
                    kinds,
                    anaphor="facility",
                )
            return None
        hits = anchor[1]
        anchor_hit = _best(hits)
        facility = _facility_for(anchor_hit, hits, kinds, lex)
        name = (
            anchor_hit.name
            if anchor_hit.kind not in FACILITY_KINDS
            else _written(tokens, anchor_at, anchor[0])
        )
        return _mention(tokens, i, fac_end, text, facility or anchor_hit, name, kinds)
    if anchor:
        hit = _best(anchor[1])
        name = (
            hit.name if hit.kind not in FACILITY_KINDS else _written(tokens, anchor_at, anchor[0])
        )
        kinds = frozenset({hit.kind}) if hit.kind in FACILITY_KINDS else None
        return _mention(tokens, i, j, text, hit, name, kinds)
    if i > 0 and tokens[i - 1].lower in LOCATIVE and tok.is_cap and tok.text.isalpha():
        # a toponym the gazetteer does not know: keep its name as written
        k = i
        while (
            k < n
            and tokens[k].is_cap
            and tokens[k].text.isalpha()
            and tokens[k].lower not in _NOT_PLACES
        ):
            k += 1
        if k > i and k - i <= 4:
            name = " ".join(t.text for t in tokens[i:k])
            return _mention(tokens, i, k, text, None, name, None)
    if tok.lower == "there" and i > 0:
        return PlaceMention(
            i, i + 1, tok.start, tok.end, tok.text, None, None, None, None, None, anaphor="there"
        )
    return None


def _written(tokens: list[Token], start: int, length: int) -> str:
    """A facility's toponym as written, without the facility noun ("Latakia air base")."""
    words = [t.text for t in tokens[start : start + length]]
    while len(words) > 1:
        if tuple(w.lower() for w in words[-2:]) in FACILITY_NOUNS:
            words = words[:-2]
        elif (words[-1].lower(),) in FACILITY_NOUNS:
            words = words[:-1]
        else:
            break
    return " ".join(words)


def _facility_for(
    anchor: PlaceHit, hits: list[PlaceHit], kinds: frozenset[str], lex: Lexicon
) -> PlaceHit | None:
    for h in hits:
        if h.kind in kinds:
            return h
    if anchor.kind in kinds:
        return anchor
    for place in lex.place_by_id.values():
        if place.kind in kinds and (anchor.id in place.near or anchor.id in place.within):
            return place
    return None


def _mention(
    tokens: list[Token],
    i: int,
    end: int,
    text: str,
    hit: PlaceHit | None,
    name: str | None,
    kinds: frozenset[str] | None,
) -> PlaceMention:
    country_id = country_name = None
    if hit is not None:
        country_id, country_name = hit.country_id, hit.country_name
        if hit.kind == "Country":
            country_id, country_name = hit.id, hit.name
    return PlaceMention(
        i,
        end,
        tokens[i].start,
        tokens[end - 1].end,
        text[tokens[i].start : tokens[end - 1].end],
        hit,
        name,
        country_id,
        country_name,
        kinds,
    )
