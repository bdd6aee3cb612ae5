"""Places in a sentence: gazetteer names, facility phrases and references back to them.

"an air base near Latakia" -> the catalog air base near Latakia when there is one (else
Latakia itself); "Syria's Latakia airbase" -> the same; "Osan Air Base" -> a facility the
gazetteer may not know, named "Osan"; "the airfield", "the base" -> the most recent
compatible facility; "there" -> the most recent place.

``name`` is the location name as the gold files write it: the toponym without generic words
("Latakia", "Idlib", "Camp Bastion"), and no name at all when only a country is known
(the country goes to ``country_name``). ``place`` is the most specific catalog entry.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from kb.extract.lexicon import CALENDAR_WORDS, FACILITY_KINDS, Lexicon, PlaceHit
from kb.extract.tokens import Token

_AIR = frozenset({"AirBase", "Airport", "MilitaryBase"})
_AIRPORT = frozenset({"Airport", "AirBase"})
_SEA = frozenset({"NavalBase", "Port"})
_AREA = frozenset({"Region", "City"})
_TOWN = frozenset({"City"})
_COUNTRY = frozenset({"Country"})
#: capitalised words after "to the"/"at the" that name institutions, not places
_INSTITUTIONS = frozenset(
    [
        "pentagon",
        "kremlin",
        "white",
        "house",
        "congress",
        "senate",
        "parliament",
        "ministry",
        "department",
        "court",
        "council",
        "un",
        "united",
        "nations",
        "eu",
        "european",
        "union",
        "nato",
        "alliance",
        "government",
        "president",
        "bundestag",
        "knesset",
        "duma",
        "assembly",
    ]
)

FACILITY_NOUNS: dict[tuple[str, ...], frozenset[str]] = {
    ("air", "base"): _AIR,
    ("air", "bases"): _AIR,
    ("airbase",): _AIR,
    ("air", "force", "base"): _AIR,
    ("air", "station"): _AIR,
    ("main", "air", "station"): _AIR,
    ("naval", "air", "station"): _AIR | _SEA,
    ("airfield",): _AIR,
    ("air", "field"): _AIR,
    ("airstrip",): _AIR,
    ("airport",): _AIRPORT,
    ("international", "airport"): _AIRPORT,
    ("military", "airfield"): _AIR,
    ("military", "airport"): _AIR,
    ("naval", "base"): _SEA,
    ("naval", "facility"): _SEA,
    ("naval", "station"): _SEA,
    ("naval", "port"): _SEA,
    ("port",): _SEA,
    ("seaport",): _SEA,
    ("harbor",): _SEA,
    ("harbour",): _SEA,
    ("military", "base"): FACILITY_KINDS,
    ("army", "base"): FACILITY_KINDS,
    ("base",): FACILITY_KINDS,
    ("bases",): FACILITY_KINDS,
    ("garrison",): FACILITY_KINDS,
    ("facility",): FACILITY_KINDS,
    ("compound",): FACILITY_KINDS,
    ("site",): FACILITY_KINDS,
    ("enrichment", "site"): FACILITY_KINDS,
    ("nuclear", "site"): FACILITY_KINDS,
    ("missile", "site"): FACILITY_KINDS,
    ("training", "ground"): FACILITY_KINDS,
    ("training", "area"): FACILITY_KINDS,
    ("training", "range"): FACILITY_KINDS,
    ("firing", "range"): FACILITY_KINDS,
    ("range",): FACILITY_KINDS,
    ("province",): _AREA,
    ("region",): _AREA,
    ("county",): _AREA,
    ("governorate",): _AREA,
    ("oblast",): _AREA,
    ("district",): _AREA,
    ("prefecture",): _AREA,
    ("island",): _AREA,
    ("peninsula",): _AREA,
    ("exclave",): _AREA,
    ("enclave",): _AREA,
    ("town",): _TOWN,
    ("city",): _TOWN,
    ("village",): _TOWN,
    ("capital",): _TOWN,
    ("country",): _COUNTRY,
}
#: names that start with a facility word and keep it ("Camp Bastion", "Fort Bragg")
FACILITY_PREFIXES: dict[str, frozenset[str]] = {
    "camp": FACILITY_KINDS,
    "fort": FACILITY_KINDS,
    "raf": _AIR,
    "nas": _AIR,
    "jbsa": _AIR,
}
LOCATIVE = frozenset(
    [
        "at",
        "in",
        "to",
        "into",
        "near",
        "inside",
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
    ]
)
_DETS = frozenset(
    ["the", "a", "an", "its", "their", "this", "that", "his", "her", "one", "another"]
)
_DEFINITE = frozenset(["the", "this", "that", "its", "their"])
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
        "northeastern",
        "northwestern",
        "southeastern",
        "southwestern",
        "north-eastern",
        "north-western",
        "south-eastern",
        "south-western",
        "far",
        "far-eastern",
        "upper",
        "lower",
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
        "former",
        "final",
        "forward",
        "frontline",
        "front-line",
        "border",
        "sole",
        "only",
        "first",
        "naval",
    ]
)
_TERRITORY = frozenset(["airspace", "territory", "waters", "soil"])
_TWO_WORD_PREPS = frozenset({("next", "to"), ("close", "to"), ("adjacent", "to")})
_ANCHOR_PREPS = frozenset({"near", "outside", "in", "at", "of", "on", "to"})
_TOWN_OF = frozenset({"town", "city", "village", "port", "region", "province", "island"})
_NOT_PLACES = CALENDAR_WORDS | frozenset(
    [
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
        "operation",
        "exercise",
    ]
)
_GENERIC_NAME_WORDS = frozenset(
    [
        "force",
        "exclave",
        "enclave",
        "governorate",
        "province",
        "oblast",
        "region",
        "county",
        "prefecture",
        "district",
        "krai",
        "air",
        "base",
        "airbase",
        "airfield",
        "naval",
        "port",
        "airport",
        "military",
        "army",
        "station",
        "raf",
        "international",
        "main",
        "seaport",
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
    #: the location name (None for a bare country)
    name: str | None
    country_id: str | None
    country_name: str | None
    #: what a later "the base" / "the province" may refer back to this as
    facility_kinds: frozenset[str] | None = None
    #: a reference back ("the airfield", "there") that still needs resolving
    anaphor: str | None = None
    #: specificity rank: 0 facility, 1 city, 2 region, 3 unknown, 4 country
    rank: int = 3
    #: introduced by a verb and its preposition ("arrived at"), set by the pipeline
    governed: bool = False
    #: introduced by a locative preposition, set by the pipeline
    located: bool = False


_FACILITY_FIRST = frozenset(k[0] for k in FACILITY_NOUNS)
_STARTERS = _DETS | _SKIP_ADJ | _FACILITY_FIRST | {"there"}


def _lookup(tokens: list[Token], i: int, lex: Lexicon) -> tuple[int, list[PlaceHit]] | None:
    tok = tokens[i]
    if tok.key not in lex.place_first or not tok.is_cap or tok.lower in _NOT_PLACES:
        return None
    n = len(tokens)
    for length in lex.lengths_for(lex.places, tok.key):
        if i + length > n:
            continue
        key = tuple(t.key for t in tokens[i : i + length])
        got = lex.places.get(key)
        if got:
            return length, got
    return None


def _facility_noun(tokens: list[Token], i: int) -> tuple[int, frozenset[str]] | None:
    if tokens[i].lower not in _FACILITY_FIRST:
        return None
    for length in (3, 2, 1):
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


def _actor_word(t: Token, lex: Lexicon) -> bool:
    return (t.key,) in lex.actors and not lex.places.get((t.key,))


def _name_word(t: Token, lex: Lexicon) -> bool:
    return (
        t.is_cap
        and t.text.replace("-", "").isalpha()
        and t.lower not in _NOT_PLACES
        and not _actor_word(t, lex)
    )


def find_places(tokens: list[Token], lex: Lexicon, text: str) -> list[PlaceMention]:
    """Every place phrase in one sentence, in order (references left unresolved)."""
    out: list[PlaceMention] = []
    i, n = 0, len(tokens)
    while i < n:
        t = tokens[i]
        if not (t.is_cap or t.lower in _STARTERS):
            i += 1
            continue
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
    if i + 1 < n and tokens[i + 1].lower in _TERRITORY and (tok.key,) in lex.actors and tok.is_cap:
        # "Ukrainian airspace", "Russian territory": the country of that adjective
        actor = lex.actors[(tok.key,)][0]
        hit = lex.place_by_id.get(actor.state_id)
        if hit is not None and hit.kind == "Country":
            return _make(tokens, i, i + 2, text, hit, None, _COUNTRY)
    if tok.lower == "there" and i > 0:
        return PlaceMention(
            i, i + 1, tok.start, tok.end, tok.text, None, None, None, None, None, anaphor="there"
        )
    j = i
    det = None
    if tok.lower in _DETS:
        det = tok.lower
        j += 1
    while j < n and j - i < 5 and (tokens[j].lower in _SKIP_ADJ or _actor_word(tokens[j], lex)):
        if _lookup(tokens, j, lex):
            break  # "South Korea", "West Point", "Saudi Arabia" are names, not adjectives
        j += 1
    if j >= n:
        return None
    if (
        det is not None
        and tokens[j].text.isalpha()
        and tokens[j].text.islower()
        and j + 1 < n
        and _facility_noun(tokens, j + 1)
    ):
        j += 1  # "a smaller airstrip at Chabelley"
    got = _lookup(tokens, j, lex)
    possessor: PlaceHit | None = None
    if got and j + got[0] + 1 < n and tokens[j + got[0]].key == "'s":
        after = j + got[0] + 1
        owner = bool(_facility_noun(tokens, after) or tokens[after].lower in _SKIP_ADJ)
        # "Syria's Latakia airbase" is in Syria; "China's naval base" only belongs to China
        possessor = None if owner else _best(got[1])
        j = after
        while owner and j < n and tokens[j].lower in _SKIP_ADJ and not _facility_noun(tokens, j):
            j += 1
        got = _lookup(tokens, j, lex)
    anchor_at = j
    unknown: str | None = None
    prefix = FACILITY_PREFIXES.get(tokens[j].lower) if tokens[j].is_cap else None
    if prefix and j + 1 < n and _name_word(tokens[j + 1], lex):
        # "Camp Bastion", "RAF Fairford", "Fort Bragg"
        k = j + 1
        while k < n and k - j < 4 and _name_word(tokens[k], lex) and not _facility_noun(tokens, k):
            k += 1
        words = [t.text for t in tokens[j:k]]
        name = " ".join(words[1:]) if tokens[j].lower in ("raf", "nas", "jbsa") else " ".join(words)
        pm = _make(tokens, i, k, text, None, name, prefix)
        pm.rank = 0
        return _with_country(pm, tokens, lex, text)
    if got:
        j = anchor_at + got[0]
    else:
        k = j
        while k < n and k - j < 4 and _name_word(tokens[k], lex) and not _facility_noun(tokens, k):
            k += 1
        if j < k < n and _facility_noun(tokens, k):
            unknown = _join(tokens[j:k])
            j = k
    fac = _facility_noun(tokens, j) if j < n else None
    pm: PlaceMention | None = None
    if fac:
        fac_end = j + fac[0]
        kinds = fac[1]
        if (got or unknown) and fac_end + 1 < n and tokens[fac_end].lower == "of":
            # "the Georgian Black Sea port of Batumi": the name after "of" is the place
            of_hit = _lookup(tokens, fac_end + 1, lex)
            if of_hit or _name_word(tokens[fac_end + 1], lex):
                got, unknown = None, None
        two = tuple(t.lower for t in tokens[fac_end : fac_end + 2])
        if not got and not unknown and two in _TWO_WORD_PREPS and fac_end + 2 < n:
            fac_end += 1  # "next to", "close to": treat like "near"
        if not got and not unknown and fac_end + 1 < n and tokens[fac_end].lower in _ANCHOR_PREPS:
            k = fac_end + 1
            # "near the town of Yelnya", "outside the capital, Niamey"
            if (
                tokens[k].lower == "the"
                and k + 2 < n
                and tokens[k + 1].lower in _TOWN_OF
                and (tokens[k + 2].lower == "of" or tokens[k + 2].text == ",")
            ):
                k += 3
            elif (
                tokens[k].lower == "the"
                and k + 2 < n
                and tokens[k + 1].lower in ("outskirts", "edge", "centre", "center", "suburbs")
                and tokens[k + 2].lower == "of"
            ):
                k += 3  # "a base on the outskirts of Ouagadougou"
            got2 = _lookup(tokens, k, lex) if k < n else None
            if got2:
                got = got2
                anchor_at = k
                fac_end = k + got2[0]
            elif (
                k < n
                and _name_word(tokens[k], lex)
                and tokens[fac_end].lower != "of"
                or k < n
                and tokens[fac_end].lower == "of"
                and _name_word(tokens[k], lex)
            ):
                m = k
                while m < n and m - k < 3 and _name_word(tokens[m], lex):
                    m += 1
                unknown = _join(tokens[k:m])
                fac_end = m
        elif not got and not unknown and fac_end + 1 < n and tokens[fac_end].text == ",":
            # "the capital, Niamey"
            got2 = _lookup(tokens, fac_end + 1, lex)
            if got2 and kinds == _TOWN:
                got = got2
                anchor_at = fac_end + 1
                fac_end = anchor_at + got2[0]
        if got:
            anchor_hit = _best(got[1])
            facility = _facility_for(anchor_hit, got[1], kinds, lex)
            name = _display(anchor_hit, tokens, anchor_at, got[0])
            pm = _make(tokens, i, fac_end, text, facility or anchor_hit, name, kinds)
            if facility is None and anchor_hit.kind != "Country":
                pm.rank = min(pm.rank, 0 if kinds <= FACILITY_KINDS else pm.rank)
        elif unknown:
            pm = _make(tokens, i, fac_end, text, None, unknown, kinds)
            pm.rank = 0 if kinds & FACILITY_KINDS else 2
        elif det in _DEFINITE and j == i + 1:
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
        else:
            return None
    elif got:
        hit = _best(got[1])
        name = _display(hit, tokens, anchor_at, got[0])
        if hit.kind in FACILITY_KINDS:
            kinds = frozenset({hit.kind})
        else:
            kinds = _COUNTRY if hit.kind == "Country" else _AREA
        pm = _make(tokens, i, j, text, hit, name, kinds)
    elif (
        i > 0
        and tokens[i - 1].lower in LOCATIVE
        and det in (None, "the")
        and _name_word(tokens[j], lex)
        and tokens[j].lower not in _INSTITUTIONS
    ):
        # a toponym the gazetteer does not know: keep its name as written
        k = j
        while k < n and k - j < 4 and _name_word(tokens[k], lex):
            k += 1
        name = _join(tokens[j:k])
        pm = _make(tokens, i, k, text, None, name, _AREA)
    if pm is None:
        return None
    if possessor is not None and pm.country_name is None:
        pm = replace(
            pm,
            country_id=possessor.country_id or possessor.id,
            country_name=possessor.country_name or possessor.name,
        )
    return _with_country(pm, tokens, lex, text)


def _with_country(pm: PlaceMention, tokens: list[Token], lex: Lexicon, text: str) -> PlaceMention:
    """ "Al Dhafra air base in the United Arab Emirates", "Osan, South Korea"."""
    k = pm.end
    if k + 1 >= len(tokens) or tokens[k].lower not in ("in", ",", "on"):
        return pm
    k += 1
    if tokens[k - 1].text == "," and tokens[k].lower == "in" and k + 1 < len(tokens):
        k += 1  # "an air base near Hamadan, in western Iran"
    if tokens[k].lower == "the" and k + 1 < len(tokens):
        k += 1
    while k + 1 < len(tokens) and tokens[k].lower in _SKIP_ADJ and not _lookup(tokens, k, lex):
        k += 1  # "Gao in northern Mali"
    got = _lookup(tokens, k, lex)
    if not got:
        if pm.rank == 0 and tokens[pm.end].lower == "in" and _name_word(tokens[k], lex):
            # "Barksdale Air Force Base in Louisiana": the rest names where the base is
            m = k
            while m < len(tokens) and m - k < 3 and _name_word(tokens[m], lex):
                m += 1
            return replace(
                pm, end=m, char_end=tokens[m - 1].end, text=text[pm.char_start : tokens[m - 1].end]
            )
        return pm
    hit = _best(got[1])
    if hit.kind not in ("Country", "Region"):
        return pm
    country_id = hit.id if hit.kind == "Country" else hit.country_id
    country_name = hit.name if hit.kind == "Country" else hit.country_name
    if pm.name is None:
        return pm
    end = k + got[0]
    if pm.country_name is not None and pm.country_id != country_id:
        if hit.kind != "Country":
            return pm
        # the text says which country: the gazetteer's namesake elsewhere was wrong
        return replace(
            pm,
            end=end,
            char_end=tokens[end - 1].end,
            text=text[pm.char_start : tokens[end - 1].end],
            place=None,
            country_id=country_id,
            country_name=country_name,
        )
    return replace(
        pm,
        end=end,
        char_end=tokens[end - 1].end,
        text=text[pm.char_start : tokens[end - 1].end],
        country_id=pm.country_id or country_id,
        country_name=pm.country_name or country_name,
    )


def _display(hit: PlaceHit, tokens: list[Token], start: int, length: int) -> str | None:
    """The location name as gold writes it: no name for a country, the toponym without
    "air base"/"province" words otherwise."""
    if hit.kind == "Country":
        return None
    # as written ("Qamishli", "Hamadan"), not the gazetteer's spelling ("Al-Qamishli")
    kept = [t for t in tokens[start : start + length] if t.lower not in _GENERIC_NAME_WORDS]
    return _join(kept) if kept else hit.name


def _join(tokens: list[Token]) -> str:
    """Tokens back to text with their original spacing ("N'Djamena", "Port-au-Prince")."""
    out = ""
    for k, t in enumerate(tokens):
        out += (" " if k and tokens[k - 1].end < t.start else "") + t.text
    return out


def _facility_for(
    anchor: PlaceHit, hits: list[PlaceHit], kinds: frozenset[str], lex: Lexicon
) -> PlaceHit | None:
    for h in hits:
        if h.kind in kinds:
            return h
    if anchor.kind in kinds:
        return anchor
    found = [
        place
        for place in lex.children.get(anchor.id, ())
        if place.kind in kinds and (anchor.id in place.near or place.kind == "Region")
    ]
    if not found:
        return None
    # "an air base near Latakia" is the military air base, "the airport" the civil one
    order = _AIRPORT_FIRST if kinds == _AIRPORT else _BASE_FIRST
    return min(found, key=lambda p: (order.get(p.kind, 9), p.id))


_BASE_FIRST = {"AirBase": 0, "NavalBase": 0, "MilitaryBase": 1, "Port": 2, "Airport": 3}
_AIRPORT_FIRST = {"Airport": 0, "AirBase": 1}


_RANK = {
    "AirBase": 0,
    "NavalBase": 0,
    "MilitaryBase": 0,
    "Port": 0,
    "Airport": 0,
    "City": 1,
    "Region": 2,
    "Country": 4,
}


def _make(
    tokens: list[Token],
    i: int,
    end: int,
    text: str,
    hit: PlaceHit | None,
    name: str | None,
    kinds: frozenset[str] | None,
) -> PlaceMention:
    country_id = country_name = None
    rank = 3
    if hit is not None:
        country_id, country_name = hit.country_id, hit.country_name
        if hit.kind == "Country":
            country_id, country_name = hit.id, hit.name
        rank = _RANK.get(hit.kind, 3)
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
        rank=rank,
    )
