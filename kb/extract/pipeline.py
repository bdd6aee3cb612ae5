"""The extraction pipeline: sentences -> pre-filter -> mentions -> claims, one report at a time.

Every step is a small pure function in its own module; this one only wires them together
and keeps the discourse state (last facility, last place, subject actor, claims so far)
that coreference, corroboration and evolving estimates need.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

from kb.extract.actors import (
    actor_for,
    actors_from,
    any_actor,
    fallback_actor,
    host_named,
    sentence_subject,
)
from kb.extract.attribution import FoundAttribution, find_attribution
from kb.extract.dates import resolve_time
from kb.extract.lexicon import FACILITY_KINDS, ActorHit, Lexicon
from kb.extract.mentions import Mention, find_mentions
from kb.extract.places import LOCATIVE, PlaceMention, find_places
from kb.extract.placing import (
    LEAVING,
    REACHED,
    TOWARDS,
    after_verb,
    coordinated_places,
    country_for,
    is_known,
    is_origin,
    object_of_verb,
    place_for,
)
from kb.extract.quantities import parse_quantity, quantity_before
from kb.extract.references import (
    GENERIC_GROUP,
    GROUPS,
    antecedent,
    corroborate,
    duplicate,
    hint_of,
    same_asset,
)
from kb.extract.sentences import split_sentences
from kb.extract.status import (
    HOME_STATIVE,
    MUNITION_FLIGHT,
    deployment_cue,
    has_status_cue,
    skip_reason,
    status_near,
)
from kb.extract.tokens import Token, key_tuple, norm_key, tokenize
from kb.model import Attribution, Claim, Extraction, Quantity, Report, Span

_AUXILIARIES = frozenset(
    [
        "will",
        "would",
        "has",
        "have",
        "had",
        "is",
        "are",
        "was",
        "were",
        "could",
        "can",
        "may",
        "might",
        "plans",
        "said",
        "says",
        "that",
    ]
)
_SUBORDINATORS = frozenset(["after", "because", "although", "though", "whereas", "but", "unless"])
_PRONOUNS = frozenset(
    ["it", "they", "he", "she", "we", "the", "its", "their", "this", "these", "those", "a", "an"]
)
_CLAUSE_WORDS = frozenset(
    [
        "saying",
        "adding",
        "and",
        "but",
        "while",
        "although",
        "whereas",
        "though",
        "which",
        "who",
        "where",
        "as",
        "after",
        "before",
    ]
)
_UMBRELLA_AFTER = re.compile(r"^[\s,]*(?:including|such as|among them|notably|namely|:)", re.I)
_CONFIRM = re.compile(r"\b(?:confirm\w*|corroborat\w*|verif\w*|also saw|also reported)\b", re.I)
_EARLIER = re.compile(
    r"\b(?:an?\s+)?(?:increase|rise|jump|up|down|decrease|drop|reduction|revised|revision)\s+"
    r"from\s+(?P<phrase>(?:(?:a|an|the)\s+)?(?:previous|earlier|prior|initial|original|last)?\s*"
    r"(?:estimate|figure|count|assessment|number|tally)?\s*(?:of\s+)?"
    r"(?P<qty>(?:about|around|some|roughly|approximately|nearly|at least|more than|as many as|"
    r"up to|an estimated|fewer than|less than)?\s*[\w,.-]+(?:\s+(?:hundred|thousand|million))?))",
    re.I,
)
_FACILITY_AFTER = re.compile(
    r"(?:bases?|airfields?|air ?bases?|ports?|facilit(?:y|ies)|depots?)\b", re.I
)
_INCLUDING = re.compile(r"^[^.;]{0,60}?\b(?:including|among them)\b")
_OF = re.compile(r"^\s+of\b")
_SUBJECT_LEADS = frozenset(["that", ",", "and", "but", "while", "as", "when", ";", ":"])
_PAST_YEAR = re.compile(r"\b(?:in|since|during|until|by)\s+((?:19|20)\d\d)\b")
_BARE_FIRES = frozenset({"launcher", "launchers", "battery", "batteries"})
_EXERCISE = re.compile(r"\b(?:exercises?|drills?|war ?games?|manoeuvres|maneuvers)\b", re.I)
_PRONOUN_START = re.compile(r"^(?:It|They|Its|Their|The country|The Kremlin|Moscow)\b")


@dataclass
class Discourse:
    #: resolved places so far, most recent last
    places: list[PlaceMention] = field(default_factory=list)
    #: index of the sentence each of those places was found in
    place_sentence: list[int] = field(default_factory=list)
    subject: ActorHit | None = None
    claims: list[Claim] = field(default_factory=list)
    sentence: int = 0
    #: the place of the latest claim ("there" refers to it first)
    claim_place: PlaceMention | None = None
    #: the country of the dateline ("DJIBOUTI —"): the last resort for a country
    context_country: tuple[str, str] | None = None
    #: catalog place id -> the name the story first gave it ("Latakia" for the air base)
    first_names: dict[str, str] = field(default_factory=dict)

    def recent_place(self, within: int = 3) -> PlaceMention | None:
        """The most specific place named in the previous ``within`` sentences (the latest
        among equally specific ones)."""
        best = None
        for pm, n in zip(self.places, self.place_sentence, strict=True):
            if self.sentence - n <= within and (best is None or pm.rank <= best.rank):
                best = pm
        return best


def extract_report(report: Report, lex: Lexicon) -> Extraction:
    text = report.text
    warnings: list[str] = []
    if report.published is None:
        warnings.append("publication date unknown: relative dates are not resolved")
    state = Discourse()
    spans = split_sentences(text)
    if spans and report.title and len(spans) > 1:
        first = text[spans[0][0] : spans[0][1]]
        if first.strip() == report.title.strip() and "\n" in text[spans[0][1] : spans[1][0]]:
            # the headline repeats the story: claims come from the body, only the actor
            # the headline is about carries over
            head = tokenize(text, *spans[0])
            state.subject = sentence_subject(head, lex) or any_actor(head, lex)
            spans = spans[1:]
    dateline = _DATELINE.match(text, spans[0][0]) if spans else None
    if dateline:
        hits = lex.places.get(key_tuple(dateline.group(1).split("/")[0].title()))
        if hits:
            top = min(hits, key=lambda h: h.kind != "City")
            cid = top.id if top.kind == "Country" else top.country_id
            cname = top.name if top.kind == "Country" else top.country_name
            if cid and cname:
                state.context_country = (cid, cname)
    # the pre-filter: only sentences naming equipment (and the two before them, for the
    # places and actors they refer back to) get tokenised and analysed
    deep = [_candidate(text[s:e], lex) for s, e in spans]
    needed = {k for n, d in enumerate(deep) if d for k in (n - 2, n - 1, n)}
    for n, (s, e) in enumerate(spans):
        state.sentence = n
        if n not in needed:
            continue
        if (
            not deep[n]
            and not _PLACE_HINT.search(text, s, e)
            and not _starts_with_actor(text, s, lex)
        ):
            continue  # a sentence before a candidate that names no place and no actor
        tokens = tokenize(text, s, e)
        if tokens:
            _sentence(report, lex, state, s, e, tokens, deep[n])
    return Extraction(report, state.claims, warnings)


_DATELINE = re.compile(
    r"([A-Z][A-Z .'/-]{2,40}?)(?:,\s+[A-Z][a-z]{2,9}\.?\s+\d{1,2}(?:,\s*\d{4})?)?\s*"
    r"(?:\([^)]{2,30}\)\s*)?(?:\u2014|\u2013|--|-)\s"
)
_PUNCT = str.maketrans({c: " " for c in ",.;:!?()[]{}\"'\u201c\u201d\u2018\u2019"})
_MODEL_LIKE = re.compile(r"\b[A-Z][A-Za-z]{0,5}-?\d|\b(?:HMS|USS|INS|HNLMS|HMAS|HMCS)\b")


_PLACE_HINT = re.compile(
    r"\b(?:at|in|to|into|near|from|outside|inside|on|off)\s+(?:the\s+|an?\s+)?[A-Z]"
    r"|\b(?:bases?|air ?field|airbase|airport|port|island|province|region|there|garrison|"
    r"facility|camp|town|city|capital)\b|\b[A-Z]\w+['\u2019]s\b"
)
_ACTOR_START = re.compile(r"(?:But |And |Also |The )?([A-Z][\w.]*)(?: ([A-Z][\w.]*))?")


def _starts_with_actor(text: str, s: int, lex: Lexicon) -> bool:
    m = _ACTOR_START.match(text, s)
    if not m:
        return False
    one = norm_key(m.group(1))
    return (one,) in lex.actors or (
        m.group(2) is not None and (one, norm_key(m.group(2))) in lex.actors
    )


_COMPASS = frozenset(
    [
        "north",
        "south",
        "east",
        "west",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "outskirts",
    ]
)


def _compass_of(tokens: list[Token], start: int) -> bool:
    """ "on beaches south of Beirut", "50 km north of Kyiv": near that place."""
    return start >= 2 and tokens[start - 1].lower == "of" and tokens[start - 2].lower in _COMPASS


def _describes_place(places: list[PlaceMention], p: PlaceMention, tokens: list[Token]) -> bool:
    """ "Gvardeyskoye air base north of Simferopol": the city only says where the base is."""
    for q in places:
        if q is p or not 0 < p.start - q.end <= 8:
            continue
        between = {t.lower for t in tokens[q.end : p.start]}
        appositive = (
            tokens[q.end].text == ","
            and tokens[p.start - 1].lower in ("in", "of", "near")
            and bool(between & _DESCRIBING_NOUNS)
        )  # "Camp Lemonnier, the only permanent U.S. base in Africa": says what Camp L. is
        if p.start - q.end <= 3 or (between & _DISTANCE_UNITS and between & _COMPASS) or appositive:
            # "Tapa, about 130 kilometres east of Tallinn": Tallinn only says where Tapa is
            return True
    return False


_DESCRIBING_NOUNS = frozenset(
    [
        "base",
        "bases",
        "airfield",
        "facility",
        "port",
        "city",
        "capital",
        "town",
        "island",
        "region",
        "province",
        "outpost",
        "garrison",
        "station",
        "hub",
    ]
)
_DISTANCE_UNITS = frozenset(["km", "kilometres", "kilometers", "miles", "mi", "nautical"])


def _candidate(sentence: str, lex: Lexicon) -> bool:
    """Cheap test: does the sentence contain any word that can start an item mention?"""
    words = sentence.lower().translate(_PUNCT).split()
    if not lex.triggers.isdisjoint(words) or _MODEL_LIKE.search(sentence):
        return True
    # plurals of names ("Tornados", "Hinds")
    return not lex.triggers.isdisjoint(w[:-1] for w in words if w.endswith("s"))


def _sentence(
    report: Report,
    lex: Lexicon,
    state: Discourse,
    s: int,
    e: int,
    tokens: list[Token],
    deep: bool = True,
) -> None:
    text = report.text
    sentence_text = text[s:e]
    places = find_places(tokens, lex, text)
    mentions = find_mentions(tokens, lex) if deep else []
    attribution = find_attribution(sentence_text) if mentions else None
    frame = (s + attribution.frame_start, s + attribution.frame_end) if attribution else None
    subject = sentence_subject(tokens, lex)
    previous = state.recent_place()
    resolved = [_resolve(pm, state, tokens) for pm in places]
    if mentions:
        _claims(report, lex, state, s, e, tokens, mentions, resolved, attribution, frame, previous)
    if subject is not None:
        state.subject = subject


def _resolve(pm: PlaceMention, state: Discourse, tokens: list[Token]) -> PlaceMention:
    """Fill a reference back from the discourse and remember what can be referred to."""
    was_anaphor = pm.anaphor is not None
    if pm.anaphor == "facility" and pm.facility_kinds == frozenset({"Country"}):
        # "the country": the country of the latest place
        ante = next((a for a in reversed(state.places) if a.country_name), None)
        if ante is not None:
            country = (ante.country_id, ante.country_name)
        elif state.context_country is not None:
            country = state.context_country
        else:
            return pm
        pm = replace(
            pm,
            place=None,
            name=None,
            country_id=country[0],
            country_name=country[1],
            anaphor=None,
            rank=4,
        )
    elif pm.anaphor == "facility":
        noun = pm.text.split()[-1].lower()
        # "the island" prefers a place called an island; "the base" any compatible one
        named = [a for a in reversed(state.places) if noun in a.text.lower()]
        for ante in named + list(reversed(state.places)):
            kinds = ante.facility_kinds
            if kinds is not None and (pm.facility_kinds is None or kinds & pm.facility_kinds):
                pm = replace(
                    pm,
                    place=ante.place,
                    name=ante.name,
                    country_id=ante.country_id,
                    country_name=ante.country_name,
                    anaphor=None,
                )
                break
        else:
            return pm
    elif pm.anaphor == "there":
        # the place the story last put forces at, else the last place named
        candidates = [
            a for a in (state.claim_place, state.places[-1] if state.places else None) if a
        ]
        ante = max(candidates, key=lambda a: a.char_start) if candidates else None
        if ante is None:
            return pm
        pm = replace(
            pm,
            text=ante.text,
            place=ante.place,
            name=ante.name,
            country_id=ante.country_id,
            country_name=ante.country_name,
            anaphor=None,
            facility_kinds=ante.facility_kinds,
        )
    prev = tokens[pm.start - 1].lower if pm.start > 0 else ""
    located = (
        prev in LOCATIVE
        or prev in REACHED
        or prev == "from"
        or pm.rank == 0
        or pm.anaphor is not None
    )
    if pm.place is not None and pm.name:
        # a facility keeps the name the story first gave it ("the air base near Latakia",
        # later "the airfield" or "the base, which Moscow calls Hmeimim")
        first = state.first_names.setdefault(pm.place.id, pm.name)
        if first != pm.name and (was_anaphor or pm.place.kind in FACILITY_KINDS):
            pm = replace(pm, name=first)
    speaker = (
        pm.start == 1
        and tokens[0].lower == "in"
        and pm.end < len(tokens)
        and (tokens[pm.end].text == ",")
    )  # "In Moscow, the defence ministry said ...": where the speaker is
    set_out = (
        pm.start > 0
        and tokens[pm.start - 1].lower == "from"
        and not _TRANSIT.isdisjoint(t.lower for t in tokens[max(0, pm.start - 4) : pm.start])
    )  # "flew nonstop from Langley": not where later sentences' forces are
    if (
        is_known(pm)
        and not is_origin(tokens, pm)
        and not set_out
        and not speaker
        and (located or tokens[pm.start].lower == "there")
    ):
        state.places.append(pm)
        state.place_sentence.append(state.sentence)
    return pm


def _clause_bounds(tokens: list[Token], mentions: list[Mention]) -> list[int]:
    """Token indices where clauses start: after ";" and before ", and/but/which/where ..."
    unless the comma sits inside a list of items ("T-90 tanks, howitzers, and APCs")."""
    starts = {m.start for m in mentions}
    ends = {m.end for m in mentions}
    bounds = [0]
    for i, t in enumerate(tokens):
        if t.text == ";" or (
            t.text == ","
            and i + 1 < len(tokens)
            and tokens[i + 1].lower in _CLAUSE_WORDS
            and not (i in ends and any(i + 1 < st <= i + 4 for st in starts))
        ):
            bounds.append(i + 1)
        elif (
            t.lower in _SUBORDINATORS
            and i > 0
            and i + 1 < len(tokens)
            and (tokens[i + 1].is_cap or tokens[i + 1].lower in _PRONOUNS)
        ):
            bounds.append(i)  # "... from Incirlik after Ankara refused ..."
        elif (
            t.lower == "and"
            and i > 0
            and i + 1 < len(tokens)
            and tokens[i + 1].lower in _AUXILIARIES
        ):
            bounds.append(i)  # "... has withdrawn 750 troops and will pull the rest out ..."
    bounds.append(len(tokens))
    return bounds


def _claims(
    report: Report,
    lex: Lexicon,
    state: Discourse,
    s: int,
    e: int,
    tokens: list[Token],
    mentions: list[Mention],
    places: list[PlaceMention],
    attribution: FoundAttribution | None,
    frame: tuple[int, int] | None,
    previous: PlaceMention | None = None,
) -> None:
    text = report.text
    sentence = Span(s, e, text[s:e])
    bounds = _clause_bounds(tokens, mentions)

    def outside_frame(a: int, b: int) -> bool:
        return frame is None or b <= frame[0] or a >= frame[1]

    def clause_text(i: int) -> tuple[str, int, int]:
        cs = max(b for b in bounds if b <= i)
        ce = min(b for b in bounds if b > i)
        a, b = tokens[cs].start, tokens[ce - 1].end
        chunk = text[a:b]
        if frame is not None:
            lo, hi = max(frame[0], a), min(frame[1], b)
            if lo < hi:
                # blank out the speech frame, keeping offsets
                chunk = chunk[: lo - a] + " " * (hi - lo) + chunk[hi - a :]
        return chunk, cs, b

    origins: set[int] = set()
    for n, p in enumerate(places):
        p.located = p.start > 0 and tokens[p.start - 1].lower in (*LOCATIVE, "from")
        p.governed = after_verb(tokens, p.start) or (
            p.rank == 0 and object_of_verb(tokens, p.start)
        )
        if is_origin(tokens, p):
            origins.add(id(p))
        elif n > 0 and id(places[n - 1]) in origins:
            # "from Kadena Air Base in Okinawa": the rest of an origin is an origin
            between = {t.lower for t in tokens[places[n - 1].end : p.start]}
            elsewhere = (
                p.country_id is not None
                and places[n - 1].country_id is not None
                and p.country_id != places[n - 1].country_id
            )  # "batteries from Spain in Adana": Adana is not in Spain
            if between <= {"in", ",", "on", "the"} and not elsewhere:
                origins.add(id(p))
    discourse = _sentence_discourse(tokens, mentions, state, lex)
    locatives = [
        p
        for p in places
        if is_known(p)
        and outside_frame(p.char_start, p.char_end)
        and id(p) not in origins
        and (
            p.start > 0
            and (
                tokens[p.start - 1].lower in (*LOCATIVE, "from", *REACHED)
                or (_compass_of(tokens, p.start) and not _describes_place(places, p, tokens))
            )
            or tokens[p.start].lower == "there"
            or p.governed
        )
    ]
    # where a withdrawal leaves from: "from X", "left X", "pulled out of X", or the base
    # handed over; never where the forces go ("crossing into Niger")
    withdrawal_origins = [
        p
        for p in places
        if is_known(p)
        and p.start > 0
        and outside_frame(p.char_start, p.char_end)
        and (
            tokens[p.start - 1].lower in LEAVING
            or (p.rank == 0 and tokens[p.start - 1].lower not in TOWARDS)
        )
    ]
    sentence_cue = deployment_cue(_strip(text[s:e], s, frame))
    attr = _attribution(attribution, s, lex) if attribution else None
    quantities: dict[int, Quantity] = {}
    for index, m in enumerate(mentions):
        m_start, m_end = tokens[m.start].start, tokens[m.end - 1].end
        if not outside_frame(m_start, m_end):
            continue
        if m.named and index > 0:
            lead = mentions[index - 1]
            if (
                lead.end + 1 == m.start
                and tokens[lead.end].text == ","
                and not lead.has_model
                and lead.item_class == m.item_class
            ):
                continue  # "a destroyer, HMS Diamond,": the name of the item just claimed
        after = text[m_end:e]
        nxt = mentions[index + 1] if index + 1 < len(mentions) else None
        umbrella = _UMBRELLA_AFTER.match(after) and (
            m.item_class == "Other"
            or quantity_before(tokens, m.start)[0].qualifier == "unspecified"
        )
        if umbrella or (
            not m.has_model
            and m.item_class == "Other"
            and _INCLUDING.match(after)
            and (nxt is None or tokens[nxt.start].start > m_end)
        ):
            continue
        if m.end < len(tokens) and _FACILITY_AFTER.match(text, tokens[m.end].start):
            continue  # "a drone base", "the submarine base": a kind of base, not an item
        if not m.has_model and m.head in _BARE_FIRES:
            # "six launchers" after a THAAD claim: launchers of that system
            kin = next(
                (c for c in reversed(state.claims) if GROUPS.get(c.item_class) == "fires"), None
            )
            if kin is not None:
                m = replace(
                    m,
                    asset=kin.asset,
                    item_class=kin.item_class,
                    model=kin.item_model,
                    has_model=True,
                    weak=False,
                )
        quantity, q_start = quantity_before(tokens, m.start)
        if (
            quantity.qualifier == "exact"
            and quantity.value == 1
            and _plural(tokens[m.end - 1].lower)
        ):
            quantity, q_start = Quantity(), m.start
        if quantity.qualifier == "unspecified" and index > 0:
            quantity = _shared_quantity(tokens, mentions[index - 1], m, quantities)
        if quantity.qualifier == "unspecified" and (
            m.named
            or (
                m.start > 0
                and tokens[m.start - 1].lower in ("its", "their", "his", "her")
                and not _plural(tokens[m.end - 1].lower)
                and m.item_class not in ("Personnel", "Unit")
            )
        ):
            # a named ship; "its new Typhon launcher": one item
            quantity = Quantity("exact", 1, 1, 1, None)
        if quantity.qualifier == "unspecified" and _NUMBER_OF.search(
            text, max(s, m_start - 30), m_start
        ):
            # "bringing the number of the radar aircraft there to four": the new total
            total = _TOTAL_TO.match(text, m_end, e)
            if total:
                counted = parse_quantity(total.group("qty"))
                if counted.qualifier != "unspecified":
                    quantity = counted
        quantities[index] = quantity
        clause, cs, clause_end = clause_text(m.start)
        before = text[tokens[cs].start : tokens[q_start].start] if q_start > cs else ""
        after_item = _strip(text[m_end:clause_end], m_end, frame) if m_end < clause_end else ""
        # a reference back to an item already claimed: corroboration, not a new claim
        if m.named:
            name = text[m_start:m_end].split()[-1]
            same = [c for c in state.claims if c.item_text.split()[-1] == name]
            if same:
                corroborate(same[-1], attr, sentence, place_for(m, locatives, None, tokens))
                continue
        elif m.has_model and not m.definite and quantity.qualifier == "unspecified":
            # "Su-24s taking off from the base": the Su-24s already claimed
            earlier = same_asset(state.claims, m)
            where = place_for(m, locatives, None, tokens)
            if earlier is not None and (where is None or where.name == earlier.location_name):
                corroborate(earlier, attr, sentence, None)
                continue
        if m.definite and quantity.qualifier == "unspecified" and not m.named:
            earlier = antecedent(state.claims, m)
            if earlier is not None:
                where = place_for(m, locatives, None, tokens)
                moved = (
                    where is not None
                    and earlier.location_name is not None
                    and where.name is not None
                    and where.name != earlier.location_name
                )
                here = status_near(clause, m_start - tokens[cs].start, m_end - tokens[cs].start)
                if here in ("withdrawn", "denied") and earlier.status != here:
                    moved = True  # "the bombers had left the airfield": a new state
                # only a subject moves ("planes carrying the troops landed" keeps the troops)
                lead = tokens[m.start - 2].lower if m.start >= 2 else ""
                if moved and m.start >= 2 and lead not in _SUBJECT_LEADS:
                    moved = False
                if not moved:
                    corroborate(earlier, attr, sentence, where)
                    continue
                # "The battery will be set up in Seongju": the same item, a new place
                m = replace(
                    m,
                    asset=earlier.asset,
                    item_class=earlier.item_class,
                    model=earlier.item_model,
                    has_model=True,
                    weak=False,
                    actor_hints=m.actor_hints or hint_of(earlier, lex),
                )
        if m.weak and quantity.qualifier == "unspecified" and m.actor_hint is None:
            continue
        if not m.has_model and quantity.qualifier == "unspecified" and m.head:
            # "Russian aircraft were operating from the airfield": the jets claimed before
            group = GENERIC_GROUP.get(m.head.split()[-1])
            earlier = antecedent(state.claims, m) if group else None
            if earlier is not None and GROUPS.get(earlier.item_class) == group:
                corroborate(earlier, attr, sentence, None)
                continue
        if not m.has_model and m.item_class == "Unit":
            # "a brigade of about 4,000 soldiers": the soldiers are the claim
            if _OF.match(after) or quantity.qualifier == "unspecified":
                continue
            if (quantity.stated_as or "").lower() in ("a", "an", "another"):
                continue
        if not m.has_model and m.head in ("fighters", "fighter") and _IRREGULAR.search(text, s, e):
            # "mercenaries from the Wagner Group ... about 1,000 fighters": people
            m = replace(m, item_class="Personnel", asset="Personnel")
        if m.item_class != "Unit" and _UNIT_NAME_AFTER.match(text, m_end):
            continue  # "the 56th Field Artillery Command": a unit's name, not artillery
        if m.item_class not in ("Personnel", "Unit") and _DELIVERED.search(before[-60:]):
            continue  # "has delivered 31 Abrams tanks to Ukraine": a transfer of equipment
        reason = skip_reason(clause, before, after_item)
        if (
            m.item_class == "MissileSystem"
            and not m.has_model
            and MUNITION_FLIGHT.search(after_item)
        ):
            reason = "munition"
        if reason is not None:
            continue
        if _EXERCISE.search(clause) and not locatives:
            continue  # "took part in the exercises": participation, no deployment place
        if not (deployment_cue(clause) or (sentence_cue and not m.weak)):
            continue
        clause_start = tokens[cs].start
        status = status_near(clause, m_start - clause_start, m_end - clause_start)
        whole = status in ("withdrawn", "planned") and bool(_PART_OF_WHOLE.search(before))
        next_start = nxt.start if nxt is not None else None
        in_clause = [p for p in withdrawal_origins if tokens[cs].start <= p.char_start < clause_end]
        if status == "withdrawn" and (in_clause or withdrawal_origins):
            candidates = in_clause or withdrawal_origins
            # "arrived at Camp Blaz, ... to move 4,000 Marines off Okinawa": a place the
            # forces leave by name beats a base named for another reason
            # (unless the base lies inside it: "left Mali ... their base in Gao" is Gao)
            explicit = [p for p in candidates if tokens[p.start - 1].lower in LEAVING]
            inside = [p for p in candidates if any(p.country_id == x.country_id for x in explicit)]
            place = min(inside or explicit or candidates, key=lambda p: p.rank)
        else:
            place = place_for(m, locatives, next_start, tokens)
        if whole:
            # "withdraw some of its roughly 700 troops from X": the 700 are in X now
            status = "deployed"
        if place is None:
            # "Beijing's naval base near Doraleh houses 400 personnel": the base as subject
            subject_bases = [
                p
                for p in places
                if (
                    p.rank == 0
                    or (p.facility_kinds is not None and p.facility_kinds <= FACILITY_KINDS)
                )
                and is_known(p)
                and id(p) not in origins
                and p.end <= m.start
                and outside_frame(p.char_start, p.char_end)
            ]
            if subject_bases:
                place = subject_bases[-1]
        if place is None and previous is not None and not locatives:
            place = previous
            if state.claims and not has_status_cue(clause):
                # "Flight data showed an Il-62 and an An-124": same event as before
                status = state.claims[-1].status
        # the next item, unless it is this one's own unit ("soldiers of the 173rd Brigade",
        # "joining the multinational brigade")
        boundary = None
        last_end = m.end
        for x in mentions[index + 1 :]:
            gap = [t.lower for t in tokens[last_end : x.start]]
            coordinated = "and" in gap and all(
                w in _COORD_GAP or w[:1].isdigit() or w in _NUMBER_WORDS for w in gap
            )  # "300 troops and a dozen tanks ... at Tapa": the list shares its place
            if coordinated or not _OWN_UNIT.isdisjoint(gap[-3:]):
                last_end = x.end
                continue
            boundary = x.start
            break
        if place is not None and place.name is None and place.country_id is not None:
            # "will deploy troops to Estonia, joining the battlegroup at Tapa": the country
            # narrowed by a place inside it in the same sentence
            narrower = [
                p
                for p in locatives
                if p is not place
                and p.name is not None
                and p.rank <= 2
                and p.country_id == place.country_id
                and p.start > place.end
                and (boundary is None or p.start < boundary)
                # "in Niger, where the jets are based at Niamey": another clause's place
                and not {"where", "which", "whose"} & {t.lower for t in tokens[place.end : p.start]}
            ]
            if len(narrower) == 1:
                place = narrower[0]
        targets = coordinated_places(place, locatives, tokens) if place else [None]
        host = place.country_id if place else None
        contributors = [] if status == "withdrawn" else actors_from(tokens, m, lex)
        contributors = [a for a in contributors if a.state_id != host]
        actors = (
            list(m.actor_hints)
            or contributors
            or [actor_for(m, tokens, lex, places, frame, discourse, host)]
        )
        if actors == [None]:
            actors = [fallback_actor(attr, host if host_named(tokens, host, lex) else None, lex)]
        published = report.published
        when = resolve_time(clause, published) if published else None
        valid_at = None if status == "planned" else (when or published)
        if when is None and published is not None and _PAST_YEAR.search(clause):
            # "moved Iskander systems to Kaliningrad in 2018": not true as of publication
            years = [int(y) for y in _PAST_YEAR.findall(clause)]
            if any(y < published.year for y in years):
                valid_at = None
        if published is not None:
            actors = [predecessor_state(a, published) for a in actors]
        for actor in actors:
            for target in targets:
                if (
                    target is not None
                    and actor is not None
                    and status in ("deployed", "arriving")
                    and any(target is p for p in places)
                    and target.start > 0
                    and tokens[target.start - 1].lower == "from"
                    and (
                        target.country_id == actor.state_id
                        or (
                            target.place is None
                            and target.country_id is None
                            and _TRANSIT.intersection(
                                t.lower for t in tokens[max(0, target.start - 4) : target.start]
                            )
                        )
                    )
                ):
                    # "flew nonstop from Langley Air Force Base": home soil is where the
                    # forces set out from; the story's earlier place abroad is where they are
                    if HOME_STATIVE.search(clause) and status == "deployed":
                        continue  # "operates four corvettes from Alexandria": home base
                    target = (
                        previous if previous and previous.country_id != actor.state_id else None
                    )
                claim = Claim(
                    actor=actor.state_id if actor else None,
                    asset=m.asset,
                    item_class=m.item_class,
                    item_text=text[m_start:m_end],
                    quantity=quantity,
                    status=status,
                    sentence=sentence,
                    mention=Span(m_start, m_end, text[m_start:m_end]),
                    item_model=m.model,
                    place=target.place.id if target and target.place else None,
                    location_text=target.text if target else None,
                    actor_name=actor.state_name if actor else None,
                    location_name=target.name if target else None,
                    country=country_for(target, places, state.places, state.context_country)
                    if target
                    else None,
                    attributions=[attr] if attr else [],
                    valid_at=valid_at,
                    confidence=_confidence(m, quantity, target, attr),
                )
                home_from = actor is not None and any(
                    p.start > 0
                    and tokens[p.start - 1].lower == "from"
                    and p.country_id == actor.state_id
                    and tokens[cs].start <= p.char_start < clause_end
                    for p in places
                )  # "operates three submarines from Bandar Abbas"
                if (
                    ((claim.country is not None and claim.country == claim.actor_name) or home_from)
                    and status == "deployed"
                    and HOME_STATIVE.search(clause)
                ):
                    continue  # a force at home in peacetime: a home base
                same = duplicate(state.claims, claim)
                if same is not None:
                    same.corroborations.append(sentence)
                    if attr and all(a.text != attr.text for a in same.attributions):
                        same.attributions.append(attr)
                    continue
                state.claims.append(claim)
                if target is not None:
                    state.claim_place = target
                if actor is not None and status not in ("withdrawn", "denied"):
                    state.subject = actor  # the latest deployer carries the story
                _earlier_estimate(
                    report, state, claim, m_end, e, tokens[nxt.start].start if nxt else None
                )


#: handing equipment over ("delivered", "supplied", "donated"): a transfer, not a deployment
_DELIVERED = re.compile(
    r"\b(?:deliver(?:s|ed|ing)?|supplie[sd]|supplying|donat(?:e|es|ed|ing))\s+(?:(?:another|a further|an additional|its|their|"
    r"the|first|last|about|some|up to|more than|over|nearly|at least)\s+)*(?:[\w,-]+\s+)?$",
    re.I,
)

#: "the number of X ... to N": a running total
_NUMBER_OF = re.compile(r"\b(?:number|total|tally|count) of (?:the |its |their )?$", re.I)
_TOTAL_TO = re.compile(
    r"(?:\s+(?:[\w-]+\s+){0,4}?)?\s*to\s+(?P<qty>(?:about|around|some|nearly|roughly|almost|"
    r"more than|at least|up to|approximately)?\s*(?:[\d,]+|a dozen|two dozen|[a-z]+))\b",
    re.I,
)

_UNIT_NAME_AFTER = re.compile(
    r"\s+(?:Command|Brigade|Regiment|Battalion|Division|Wing|Group|Squadron|Corps|Fleet|"
    r"Battery|Company|Detachment)\b"
)

#: a vague part of a stated whole: the whole is the force in place
_PART_OF_WHOLE = re.compile(
    r"\b(?:some|part|most|many|half|a portion|a number|a few|several|a third|a quarter) of "
    r"(?:its|their|the|his|her)\s+(?:[\w-]+\s+){0,2}$",
    re.I,
)

#: irregular forces, whose "fighters" are people, not aircraft
_IRREGULAR = re.compile(
    r"\b(?:mercenar\w*|militia\w*|militants?|rebels?|insurgen\w*|jihadis\w*|paramilitar\w*|"
    r"guerrill\w*|armed groups?|private military|contractors?|recruit\w*|[A-Z]\w+ Group)\b"
)

_COORD_GAP = frozenset(
    [
        "and",
        ",",
        "or",
        "a",
        "an",
        "the",
        "about",
        "some",
        "around",
        "nearly",
        "dozen",
        "several",
        "dozens",
        "of",
        "more",
        "than",
        "up",
        "to",
    ]
)
_NUMBER_WORDS = frozenset(
    [
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "hundred",
        "hundreds",
        "thousand",
        "thousands",
    ]
)

#: words that make a following unit the item's own ("of the", "joining the")
_OWN_UNIT = frozenset(["of", "join", "joins", "joined", "joining", "reinforce", "reinforcing"])

#: past motion verbs: "flew nonstop from X" sets out from X ("fly from X" operates there)
_TRANSIT = frozenset(
    [
        "flew",
        "flown",
        "sailed",
        "came",
        "arrived",
        "travelled",
        "traveled",
        "drove",
        "nonstop",
        "airlifted",
        "shipped",
        "redeployed",
        "transferred",
    ]
)

#: states that came before today's, with the day they ended; an actor named by today's
#: name in an article from before then is the predecessor ("Moscow" in 1983)
_PREDECESSORS: dict[str, tuple[str, str, date]] = {
    "russia": ("soviet-union", "Soviet Union", date(1991, 12, 26)),
}


def predecessor_state(actor: ActorHit | None, published: date) -> ActorHit | None:
    """The state an actor was part of on the publication date."""
    if actor is None or actor.state_id not in _PREDECESSORS:
        return actor
    state_id, state_name, ended = _PREDECESSORS[actor.state_id]
    if published >= ended:
        return actor
    return ActorHit(state_id, state_name, state_id, state_name, actor.adjective)


def _sentence_discourse(
    tokens: list[Token], mentions: list[Mention], state: Discourse, lex: Lexicon
) -> ActorHit | None:
    """The actor a sentence continues: that of the claim its subject refers back to
    ("The carrier is escorted by ...", "They replace ..."), else the story's subject."""
    first = mentions[0] if mentions else None
    if first is not None and first.definite and first.start <= 1:
        earlier = antecedent(state.claims, first)
        if earlier is not None and earlier.actor in lex.actor_by_id:
            return lex.actor_by_id[earlier.actor]
    if tokens and tokens[0].lower in ("they", "it", "these", "those") and state.claims:
        last = state.claims[-1].actor
        if last in lex.actor_by_id:
            return lex.actor_by_id[last]
    return state.subject


def _shared_quantity(
    tokens: list[Token], prev: Mention, m: Mention, quantities: dict[int, Quantity]
) -> Quantity:
    """ "dozens of tanks and armoured vehicles": a vague count covers both items."""
    between = [t.lower for t in tokens[prev.end : m.start]]
    if between in (["and"], ["or"]) and quantities:
        prev_q = quantities[max(quantities)]
        if prev_q.qualifier == "vague":
            return prev_q
    return Quantity()


def _strip(chunk: str, offset: int, frame: tuple[int, int] | None) -> str:
    if frame is None:
        return chunk
    a, b = frame[0] - offset, frame[1] - offset
    return chunk[:a] + " " + chunk[b:]


def _plural(word: str) -> bool:
    return word.endswith("s") and not word.endswith("ss")


def _attribution(found: FoundAttribution, s: int, lex: Lexicon) -> Attribution:
    affiliation = None
    toks = tokenize(found.label)
    for i in range(len(toks)):
        for length in (3, 2, 1):
            key = tuple(t.key for t in toks[i : i + length])
            hits = lex.actors.get(key)
            if hits and toks[i].is_cap:
                affiliation = hits[0].state_id
                break
        if affiliation:
            break
    return Attribution(
        text=found.label,
        anonymous=found.anonymous,
        affiliation=affiliation,
        span=Span(s + found.start, s + found.end, found.label),
    )


def _confidence(
    m: Mention, q: Quantity, place: PlaceMention | None, attr: Attribution | None
) -> float:
    score = 0.55
    score += 0.1 if m.has_model else 0.0
    score += 0.1 if q.qualifier != "unspecified" else 0.0
    score += 0.1 if place is not None and place.place is not None else 0.0
    score += 0.1 if attr is not None else 0.0
    return round(min(score, 0.95), 2)


def _earlier_estimate(
    report: Report,
    state: Discourse,
    later: Claim,
    m_end: int,
    e: int,
    next_start: int | None = None,
) -> None:
    """ "..., an increase from a previous estimate of about 200": the superseded figure."""
    text = report.text
    m = _EARLIER.search(text, m_end, e)
    if not m or (next_start is not None and next_start < m.start()):
        return  # the earlier figure belongs to the item right before it
    quantity = parse_quantity(m.group("qty").rstrip(".,;:"))
    if quantity.qualifier in ("unspecified", "vague"):
        return
    start = m.start("phrase")
    qty_end = m.start("qty") + len(m.group("qty").rstrip(".,;:"))
    # the mention ends after the count ("a previous estimate of about 200")
    qty_text = text[start:qty_end].rstrip(".,;")
    end = start + len(qty_text)
    earlier = replace(
        later,
        item_text=qty_text,
        quantity=replace(quantity, stated_as=m.group("qty").strip().rstrip(".,;:").strip()),
        mention=Span(start, end, text[start:end]),
        attributions=list(later.attributions),
        corroborations=[],
        valid_at=None,
        valid_before=later.valid_at or report.published,
        confidence=round(later.confidence - 0.1, 2),
    )
    state.claims.append(earlier)
    earlier.superseded_by = state.claims.index(later)
