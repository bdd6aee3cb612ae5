"""Who deployed: the adjective on the item ("Russian marines"), else the actor named before
it in the sentence ("Russia has deployed"), else the actor of the discourse ("It has ...")."""

from __future__ import annotations

import re

from kb.extract.lexicon import ActorHit, Lexicon
from kb.extract.mentions import Mention
from kb.extract.places import LOCATIVE, PlaceMention
from kb.extract.tokens import Token
from kb.model import Attribution

_NOT_AGENT_BEFORE = frozenset(
    [
        "with",
        "against",
        "from",
        "to",
        "of",
        "about",
        "at",
        "in",
        "on",
        "into",
        "near",
        "by",
        "for",
        "between",
        "toward",
        "towards",
        "than",
        "over",
    ]
)
_SPEAKER_NOUNS = frozenset(
    [
        "interior",
        "foreign",
        "defence",
        "defense",
        "prime",
        "president",
        "minister",
        "ministry",
        "government",
        "parliament",
        "leader",
        "leaders",
        "spokesman",
        "spokeswoman",
        "officials",
        "official",
        "ambassador",
        "envoy",
        "state",
        "acting",
        "top",
        "chief",
        "media",
        "press",
        "spy",
        "intelligence",
        "agency",
        "service",
        "news",
    ]
)
_SPEECH = frozenset(
    ["said", "says", "say", "told", "tells", "reported", "announced", "stated", "claimed"]
)
_LEADERS = frozenset(
    ["but", "and", "also", "meanwhile", "however", "still", "now", "then", "so", "yet"]
)


def _only_speaker(tokens: list[Token], k: int, window: int = 4) -> bool:
    """A speech verb follows soon after (the actor is a speaker), unless the actor speaks
    about itself ("Britain said it would send ...", "Germany has said it will withdraw")."""
    for j in range(k, min(k + window, len(tokens))):
        if tokens[j].lower in _SPEECH:
            nxt = [t.lower for t in tokens[j + 1 : j + 3]]
            return not (nxt and (nxt[0] in _SELF or nxt[:2] in (["that", "it"], ["that", "they"])))
    return False


_SELF = frozenset(["it", "they", "we", "its", "their"])


def _actor_at(tokens: list[Token], i: int, lex: Lexicon) -> tuple[int, ActorHit] | None:
    if not tokens[i].is_cap:
        return None
    for length in (3, 2, 1):
        key = tuple(t.key for t in tokens[i : i + length])
        if len(key) == length and key in lex.actors:
            return length, lex.actors[key][0]
    return None


def sentence_subject(tokens: list[Token], lex: Lexicon) -> ActorHit | None:
    """An actor opening the sentence ("Russia has ...", "But Moscow's ...", "The Russian ...")."""
    i = 0
    while i < len(tokens) and (tokens[i].lower in _LEADERS or tokens[i].text == ","):
        i += 1
    if i < len(tokens) and tokens[i].lower == "the":
        i += 1
    if i >= len(tokens):
        return None
    got = _actor_at(tokens, i, lex)
    if got is None:
        return None
    nxt = tokens[i + got[0]].lower if i + got[0] < len(tokens) else ""
    if got[1].adjective and nxt in ("president", "minister", "officials", "official"):
        return None
    after = tokens[i + got[0] + 1].lower if i + got[0] + 1 < len(tokens) else ""
    if nxt == "'s" and after in _SPEAKER_NOUNS:
        return None  # "Ukraine's interior minister said": a speaker
    # "Ukrainian border guards said ...": the speaker, not who deployed
    if _only_speaker(tokens, i + got[0], 6):
        return None
    return got[1]


def actor_for(
    m: Mention,
    tokens: list[Token],
    lex: Lexicon,
    places: list[PlaceMention],
    frame: tuple[int, int] | None,
    discourse: ActorHit | None,
    host: str | None = None,
) -> ActorHit | None:
    """The deploying actor of mention ``m``.

    Order: an actor word on the item ("Russian marines"); the nearest actor named before
    the item outside the speech frame, place phrases and prepositional objects (a host
    country ``host`` counts only when it opens the sentence); "... by Russia" after the
    item; the actor of the discourse."""
    if m.actor_hint is not None:
        return m.actor_hint
    in_place = set()
    for p in places:
        if p.start > 0 and tokens[p.start - 1].lower in LOCATIVE or p.rank == 0:
            first = p.start
            # "China's naval base": the owner before the possessive stays a candidate
            for k in range(p.start, min(p.end, p.start + 4)):
                if tokens[k].key == "'s":
                    first = k + 1
            in_place.update(range(first, p.end))
    # "Iraq, which invaded Kuwait last week, has massed ...": a relative clause closed
    # before the item describes the subject; its own objects are not the deployer
    for k in range(1, m.start):
        if tokens[k - 1].text == "," and tokens[k].lower in ("which", "who", "whose"):
            close = next((j for j in range(k + 1, m.start) if tokens[j].text == ","), None)
            if close is not None:
                in_place.update(range(k + 2, close))
    best = None
    i = 0
    while i < m.start:
        got = _actor_at(tokens, i, lex)
        if got is None:
            i += 1
            continue
        length, hit = got
        t = tokens[i]
        in_frame = frame is not None and frame[0] <= t.start < frame[1]
        prev = tokens[i - 1].lower if i > 0 else ""
        speaker = _only_speaker(tokens, i + length)
        if (
            not in_frame
            and not speaker
            and i not in in_place
            and prev not in _NOT_AGENT_BEFORE
            and not (host is not None and hit.state_id == host and i > 0)
        ):
            best = hit
        i += length
    if best is not None:
        return best
    # "... deployed by Russia"
    for i in range(m.end, len(tokens) - 1):
        if tokens[i].lower == "by":
            got = _actor_at(tokens, i + 1, lex)
            if got:
                return got[1]
    return discourse


_MILITARY_SOURCE = re.compile(
    r"\b(?:forces?|command|army|navy|air force|military|defen[cs]e|ministry|pentagon|marines?|"
    r"fleet|corps|headquarters|spokes\w+)\b",
    re.I,
)


def actors_from(tokens: list[Token], m: Mention, lex: Lexicon) -> list[ActorHit]:
    """ "troops from Belgium, the Netherlands and Norway": the contributing states."""
    k = m.end
    if k >= len(tokens) or tokens[k].lower != "from":
        return []
    people = m.item_class in ("Personnel", "Unit")
    found: list[ActorHit] = []
    k += 1
    while k < len(tokens):
        if tokens[k].lower in ("the", ",", "and"):
            k += 1
            continue
        hit = None
        for length in (3, 2, 1):
            key = tuple(t.key for t in tokens[k : k + length])
            if len(key) == length and key in lex.actors and tokens[k].is_cap:
                hit = lex.actors[key][0]
                break
        if hit is None or (k + length < len(tokens) and tokens[k + length].key == "'s"):
            break  # "soldiers from Turkey's Incirlik air base" is a place, not a state
        found.append(hit)
        k += length
    if not people and not (k < len(tokens) and tokens[k].lower in ("in", "at", "on", "near")):
        # equipment "from Germany to Poland" moves from a host; "batteries from Spain in
        # Adana" (a state, then where they are) names the contributor
        return []
    return found


def host_named(tokens: list[Token], host: str | None, lex: Lexicon) -> bool:
    """Whether the host country is named as an owner ("China's Xinjiang", "Chinese")."""
    if host is None:
        return False
    for i, t in enumerate(tokens):
        hits = lex.actors.get((t.key,))
        if not hits or hits[0].state_id != host:
            continue
        if hits[0].adjective or (i + 1 < len(tokens) and tokens[i + 1].key == "'s"):
            return True
    return False


#: researchers, analysts and imagery watch others' forces ("images analysed by an Indian
#: defence research group" says nothing about Indian forces)
_OUTSIDE_SOURCE = re.compile(
    r"\b(?:research\w*|analy[sz]\w*|think tank|institute|images?|imagery|satellite|"
    r"photos?|observers?|monitor\w*|experts?|journalists?|media)\b",
    re.I,
)


def fallback_actor(attr: Attribution | None, host: str | None, lex: Lexicon) -> ActorHit | None:
    """No actor in the text around the item: a military speaking of its own forces
    ("U.S. Air Forces in Europe said"), else the country the place is in (forces at home)."""
    if (
        attr is not None
        and attr.affiliation in lex.actor_by_id
        and _MILITARY_SOURCE.search(attr.text)
        and not _OUTSIDE_SOURCE.search(attr.text)
    ):
        return lex.actor_by_id[attr.affiliation]
    if host is not None and host in lex.actor_by_id:
        return lex.actor_by_id[host]
    if attr is not None and attr.affiliation in lex.actor_by_id:
        return lex.actor_by_id[attr.affiliation]
    return None


def any_actor(tokens: list[Token], lex: Lexicon) -> ActorHit | None:
    """The first actor of a headline that is not a place after a preposition."""
    for i, t in enumerate(tokens):
        hits = lex.actors.get((t.key,))
        if hits and t.is_cap and (i == 0 or tokens[i - 1].lower not in (*LOCATIVE, "from", "with")):
            return hits[0]
    return None
