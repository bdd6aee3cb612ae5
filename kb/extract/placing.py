"""Which of a sentence's places an item is at: origins and home bases are not locations,
places governed by the verb win, the most specific place of coordinated verbs wins, and a
toponym without a country borrows the one the sentence or the story names."""

from __future__ import annotations

from kb.extract.mentions import Mention
from kb.extract.places import LOCATIVE, PlaceMention
from kb.extract.tokens import Token

ORG_WORDS = frozenset(
    [
        "forces",
        "force",
        "command",
        "army",
        "navy",
        "fleet",
        "corps",
        "headquarters",
        "group",
        "mission",
        "embassy",
    ]
)


LEAVING = frozenset(
    [
        "from",
        "left",
        "leave",
        "leaves",
        "leaving",
        "quit",
        "quitting",
        "of",
        "vacated",
        "vacate",
        "off",
    ]
)


TOWARDS = frozenset(["to", "into", "toward", "towards", "for", "onto"])


REACHED = frozenset(
    [
        "left",
        "leave",
        "leaves",
        "leaving",
        "reached",
        "reach",
        "entered",
        "enter",
        "seized",
        "secured",
        "occupied",
        "took",
        "captured",
    ]
)


FROM_AS_LOCATION = frozenset(
    [
        "operate",
        "operates",
        "operating",
        "operated",
        "fly",
        "flying",
        "flies",
        "flew",
        "flown",
        "fights",
        "fighting",
        "strikes",
        "missions",
        "sorties",
        "patrols",
        "patrol",
        "patrolling",
    ]
)


def is_known(pm: PlaceMention) -> bool:
    return pm.anaphor is None and bool(pm.name or pm.place or pm.country_name)


def is_origin(tokens: list[Token], pm: PlaceMention) -> bool:
    """Places that are where forces came from or are normally based, not where they are."""
    if any(t.lower == "home" for t in tokens[pm.start : min(pm.end, pm.start + 3)]):
        return True  # "its home port of Yokosuka"
    k = pm.start - 1
    if k < 0:
        return False
    prev = tokens[k].lower
    if prev == "from":
        before = {t.lower for t in tokens[max(0, k - 3) : k]}
        return not (before & FROM_AS_LOCATION)
    if prev == "in" and k >= 1 and tokens[k - 1].is_cap and tokens[k - 1].lower in ORG_WORDS:
        return True  # "U.S. Air Forces in Europe" names a command, not a location
    window = [t.lower for t in tokens[max(0, k - 5) : k + 1]]
    if "already" in window and ("stationed" in window or "based" in window):
        # "troops already stationed in Vilseck, Germany, will move to Romania"
        later = {t.lower for t in tokens[pm.end : pm.end + 8]}
        if later & {"move", "moving", "go", "sent", "redeploy", "shift", "relocate", "head"}:
            return True
    if "part" in window[-2:] or "participate" in window[-2:]:
        return True  # "take part in Balikatan": an exercise, not a place
    if (
        "based" in window
        and k >= 2
        and tokens[k - 1].lower == "based"
        and tokens[k - 2].text == ","
    ):
        return True  # "the 23rd Fighter Group, based at Moody Air Force Base"
    if "based" in window and ("which" in window or "where" in window or "normally" in window):
        return True
    return "home" in window[-3:]


def object_of_verb(tokens: list[Token], start: int) -> bool:
    """ "secured an airfield near Bashur", "took control of Pristina airport"."""
    k = start - 1
    if k >= 0 and tokens[k].lower in ("the", "a", "an", "its", "their"):
        k -= 1
    if k >= 1 and tokens[k].lower == "of" and tokens[k - 1].lower == "control":
        return True
    return k >= 0 and (tokens[k].lower.endswith("ed") or tokens[k].lower in VERB_FORMS)


def after_verb(tokens: list[Token], start: int) -> bool:
    """ "arrived at X", "stationed in X", "moved to X": a place the verb itself governs."""
    k = start - 1
    if k >= 0 and tokens[k].lower in ("the", "a", "an"):
        k -= 1
    if k < 1 or tokens[k].lower not in (*LOCATIVE, "from"):
        return False
    verb = tokens[k - 1].lower
    if verb in ("now", "already", "still", "back", "down", "up", "out", "in", "over"):
        verb = tokens[k - 2].lower if k >= 2 else ""
    return verb.endswith("ed") or verb in VERB_FORMS


VERB_FORMS = frozenset(
    [
        "sent",
        "flown",
        "sent",
        "moved",
        "arrive",
        "arrives",
        "arriving",
        "arrived",
        "deploy",
        "deploys",
        "deploying",
        "based",
        "station",
        "stationing",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "remain",
        "remains",
        "stay",
        "stays",
        "land",
        "lands",
        "landing",
        "go",
        "goes",
        "going",
        "went",
        "head",
        "heads",
        "heading",
        "sail",
        "sails",
        "sailing",
        "fly",
        "flies",
        "flying",
        "flew",
        "bring",
        "brings",
        "brought",
        "keep",
        "keeps",
        "kept",
    ]
)


_REGION_WORDS = frozenset(
    [
        "East",
        "West",
        "North",
        "South",
        "Gulf",
        "Sea",
        "Ocean",
        "Strait",
        "Baltic",
        "Sahel",
        "Pacific",
        "Atlantic",
        "Mediterranean",
        "Arctic",
        "Caucasus",
        "Balkans",
        "Horn",
        "Peninsula",
    ]
)


def country_for(
    target: PlaceMention,
    places: list[PlaceMention],
    history: list[PlaceMention],
    context: tuple[str, str] | None,
) -> str | None:
    """The country of a place, or for a toponym the gazetteer lacks ("Tapa"), the country
    the sentence or the story names."""
    if target.country_name:
        return target.country_name
    name = (target.name or "").split()
    if target.text.lower().startswith("the ") or set(name) & _REGION_WORDS:
        return None  # "the Middle East", "the Baltic": regions, not towns of a country
    near = sorted(
        (p for p in places if p.country_name and p.located),
        key=lambda p: abs(p.start - target.start),
    )
    if near:
        return near[0].country_name
    for pm in reversed(history):
        if pm.country_name:
            return pm.country_name
    return None


def place_for(
    m: Mention,
    places: list[PlaceMention],
    next_start: int | None = None,
    tokens: list[Token] = (),  # type: ignore[assignment]
) -> PlaceMention | None:
    """The place of an item: the most specific place named after it and before the next
    item ("drove into Kosovo and took Pristina airport" -> Pristina), else the first after
    it, else the last before it."""
    after = [p for p in places if p.start >= m.end]
    if after:
        own = [p for p in after if next_start is None or p.start < next_start]
        if own:
            governed = [p for p in own if p.governed]
            if governed:
                # "parachuted into northern Iraq and secured an airfield near Bashur": the
                # most specific place of verbs joined by "and" (a comma starts another story)
                first = governed[0]
                joined = [first] + [
                    p
                    for p in governed[1:]
                    if "and" in (between := [t.lower for t in tokens[first.end : p.start]])
                    and "," not in between
                ]
                return min(joined, key=lambda p: p.rank)
            return min(own, key=lambda p: p.rank)
        return after[0]
    before = [p for p in places if p.end <= m.start]
    return before[-1] if before else None


def coordinated_places(
    place: PlaceMention, places: list[PlaceMention], tokens: list[Token]
) -> list[PlaceMention]:
    """ "at Hmeimim and at its naval facility in Tartus": one claim per place."""
    out = [place]
    later = [p for p in places if p.start >= place.end]
    for p in later:
        between = {t.lower for t in tokens[out[-1].end : p.start]}
        if between <= {"and", ",", "at", "in", "to", "near", "on"} and "and" in between:
            out.append(p)
            continue
        break
    return out
