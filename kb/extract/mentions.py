"""Equipment and personnel mentions: catalog labels, generic heads and unknown designations.

Adjacent pieces form ONE mention: manufacturer + designation + NATO name + head noun
("Sukhoi Su-27 Flanker fighter jets"). The most specific piece decides the asset: a catalog
model beats an unknown designation, which beats a generic head.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kb.extract.heads import MODIFIERS, TAILS, WEAK_HEADS
from kb.extract.lexicon import CALENDAR_WORDS, MANUFACTURERS, ActorHit, EquipmentHit, Lexicon
from kb.extract.tokens import Token

_DESIGNATION = re.compile(
    r"^(?=.*\d)[A-Z][A-Za-z]{0,5}(?:/[A-Z]{1,4})?-?\d{1,4}[A-Za-z]{0,3}(?:-\d{1,3}[A-Za-z]?)?s?$"
)
_TYPE_NUMBER = re.compile(r"^\d{2,3}[A-Z]{0,2}$")
_CLASS_NAME = re.compile(r"^[A-Z][\w-]*-class$")
_MADE = re.compile(r"-(?:made|built|designed|era|supplied|produced|manufactured|led)$", re.I)


@dataclass
class Atom:
    start: int
    end: int
    kind: str  # "model" | "designation" | "head" | "tail"
    item_class: str | None = None
    hit: EquipmentHit | None = None
    weak: bool = False


@dataclass
class Mention:
    #: token range of the item as written (modifiers included, count excluded)
    start: int
    end: int
    #: first token of the core (model/designation/head), after the modifiers
    core: int
    asset: str
    item_class: str
    model: str | None
    has_model: bool
    weak: bool
    actor_hint: ActorHit | None = None
    definite: bool = False
    #: every actor of coordinated adjectives ("French and Danish troops")
    actor_hints: tuple[ActorHit, ...] = ()
    #: the head noun as written (lower case), for references back ("the aircraft")
    head: str = ""
    #: a single named vessel ("HMS Queen Elizabeth", "the destroyer Takanami")
    named: bool = False
    #: "the first/last ...": a new group, not a reference back
    ordinal: bool = False


def _match_at(
    tokens: list[Token], i: int, table: dict, lex: Lexicon, plural: bool = False
) -> tuple[int, object] | None:
    n = len(tokens)
    key0 = tokens[i].key
    lengths = lex.lengths_for(table, key0)
    if not lengths and plural and key0.endswith("s"):
        lengths = lex.lengths_for(table, key0[:-1])  # "Tornados": a one-word name in plural
    for length in lengths:
        if i + length > n:
            continue
        key = tuple(t.key for t in tokens[i : i + length])
        got = table.get(key)
        if got:
            return length, got
        last = key[-1]
        if plural and len(last) > 3 and last.endswith("s") and not last.endswith("ss"):
            # "Eurofighter Typhoons", "Hinds", "Strykers"
            got = table.get((*key[:-1], last[:-1]))
            if got:
                return length, got
    return None


def find_mentions(tokens: list[Token], lex: Lexicon) -> list[Mention]:
    atoms = _atoms(tokens, lex)
    if not atoms:
        return []
    groups: list[list[Atom]] = []
    for atom in atoms:
        if groups and (groups[-1][-1].end == atom.start or _name_gap(tokens, groups[-1][-1], atom)):
            groups[-1].append(atom)
        else:
            groups.append([atom])
    mentions = []
    for group in groups:
        m = _mention(tokens, group, lex)
        if m is not None:
            mentions.append(m)
    return mentions


def _name_gap(tokens: list[Token], left: Atom, right: Atom) -> bool:
    """ "AH-1W Super Cobra": up to two capitalised words between a designation and a name."""
    gap = tokens[left.end : right.start]
    if left.kind not in ("model", "designation") or not 0 < len(gap) <= 2:
        return False
    if all(t.is_cap and t.text.isalpha() for t in gap):
        return True
    # "An-124 heavy cargo plane", "Iron Dome anti-rocket battery": descriptive words
    # "Patriot air and missile defence batteries": "and" joining two describing words
    return right.kind in ("head", "tail") and all(
        t.lower in MODIFIERS
        or (t.text.islower() and ("-" in t.text or (t.text.endswith("ed") and len(t.text) > 4)))
        or (t.lower in ("and", "or") and n > 0 and gap[n - 1].lower in MODIFIERS)
        for n, t in enumerate(gap)
    )


_NOT_MODEL_NAMES = CALENDAR_WORDS | frozenset(
    [
        "army",
        "navy",
        "air",
        "force",
        "forces",
        "marine",
        "marines",
        "corps",
        "guard",
        "national",
        "special",
        "royal",
        "coast",
        "border",
        "state",
        "federal",
        "republic",
        "people's",
        "the",
        "a",
        "an",
        "and",
        "or",
        "but",
        "new",
        "old",
        "western",
        "eastern",
        "northern",
        "southern",
        "allied",
        "coalition",
        "nato",
        "un",
        "soviet",
        "imperial",
        "islamic",
    ]
)


def _unknown_name(tokens: list[Token], i: int, lex: Lexicon) -> bool:
    """A capitalised word the catalog does not know, right before a head noun."""
    tok = tokens[i]
    if i == 0 or not tok.is_cap or not tok.text.isalpha() or tok.lower in _NOT_MODEL_NAMES:
        return False
    if tokens[i - 1].text in (".", '"', "\u201c") or tokens[i - 1].is_cap:
        return False
    if (tok.key,) in lex.actors or (tok.key,) in lex.places or tok.key in lex.first_keys:
        return False
    if i + 1 >= len(tokens):
        return False
    got = _match_at(tokens, i + 1, lex.heads, lex)
    if got is None or got[1] in ("Unit", "Personnel"):
        return False  # "the 2nd Cavalry Regiment", "Gurkha troops": names of forces
    return tuple(t.key for t in tokens[i + 1 : i + 1 + got[0]]) not in WEAK_HEADS


def _atoms(tokens: list[Token], lex: Lexicon) -> list[Atom]:
    atoms: list[Atom] = []
    i, n = 0, len(tokens)
    first_keys = lex.first_keys
    while i < n:
        tok = tokens[i]
        if tok.text in SHIP_PREFIXES and i + 1 < n and _ship_name_word(tokens[i + 1]):
            k = i + 1
            while k < n and k - i <= 5 and _ship_name_word(tokens[k]):
                k += 1
                if (
                    k + 1 < n
                    and tokens[k].text == "."
                    and len(tokens[k - 1].text) == 1
                    and _ship_name_word(tokens[k + 1])
                ):
                    k += 1  # "USS Dwight D. Eisenhower"
            atoms.append(Atom(i, k, "vessel", "Ship"))
            i = k
            continue
        if tok.key in first_keys or (tok.key[-1:] == "s" and tok.key[:-1] in first_keys):
            got = _match_at(tokens, i, lex.equipment, lex, plural=True)
            if got:
                length, hits = got
                hit = hits[0]  # type: ignore[index]
                ok = tok.is_cap or not hit.needs_head
                if ok:
                    atoms.append(Atom(i, i + length, "model", hit.item_class, hit))
                    i += length
                    continue
            got = _match_at(tokens, i, lex.heads, lex)
            if got:
                length, cls = got
                key = tuple(t.key for t in tokens[i : i + length])
                atoms.append(Atom(i, i + length, "head", cls, weak=key in WEAK_HEADS))  # type: ignore[arg-type]
                i += length
                continue
        if (
            tok.lower in TAILS
            and atoms
            and atoms[-1].kind != "head"
            and (atoms[-1].end == i or _name_gap(tokens, atoms[-1], Atom(i, i + 1, "tail")))
        ):
            atoms.append(Atom(i, i + 1, "tail"))
            i += 1
            continue
        if _unknown_name(tokens, i, lex):
            # "its new Typhon missile launcher", "Warrior infantry fighting vehicles"
            atoms.append(Atom(i, i + 1, "designation"))
            i += 1
            continue
        if _CLASS_NAME.match(tok.text) or (_DESIGNATION.match(tok.text) and not tok.text.isdigit()):
            atoms.append(Atom(i, i + 1, "designation"))
            i += 1
            continue
        if tok.text == "Type" and i + 1 < n and _TYPE_NUMBER.match(tokens[i + 1].text):
            atoms.append(Atom(i, i + 2, "designation"))
            i += 2
            continue
        i += 1
    return atoms


#: words of force names written before a head ("Self-Defense Force members")
_ORG_NAME_WORDS = frozenset(
    [
        "self-defense",
        "self-defence",
        "force",
        "forces",
        "defense",
        "defence",
        "marine",
        "royal",
        "special",
        "national",
        "guard",
        "naval",
        "army",
        "navy",
        "corps",
        "airborne",
    ]
)
_FORMATIONS = frozenset(
    [
        "squadron",
        "squadrons",
        "battalion",
        "battalions",
        "brigade",
        "brigades",
        "regiment",
        "regiments",
        "division",
        "divisions",
        "wing",
        "wings",
        "company",
        "companies",
        "flotilla",
        "flotillas",
    ]
)
SHIP_PREFIXES = frozenset(
    [
        "HMS",
        "USS",
        "HNLMS",
        "HMCS",
        "HMAS",
        "HMNZS",
        "INS",
        "ROKS",
        "JS",
        "TCG",
        "FS",
        "ITS",
        "ESPS",
        "PNS",
        "BNS",
        "RFS",
        "CNS",
        "HDMS",
        "KNM",
        "HSwMS",
        "KRI",
        "BRP",
        "NRP",
        "SAS",
        "ARA",
        "BAP",
        "ORP",
        "HNoMS",
        "ENS",
        "HS",
        "FGS",
    ]
)
_NOT_NAMES = CALENDAR_WORDS | frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "but",
        "in",
        "on",
        "at",
        "to",
        "from",
    ]
)


def _ship_name_word(t: Token) -> bool:
    return t.is_cap and t.text.replace("-", "").isalnum() and t.lower not in _NOT_NAMES


#: the navy a ship prefix belongs to (actor catalog ids)
SHIP_PREFIX_ACTORS = {
    "HMS": "united-kingdom",
    "USS": "united-states",
    "HNLMS": "netherlands",
    "HMCS": "canada",
    "HMAS": "australia",
    "HMNZS": "new-zealand",
    "INS": "india",
    "ROKS": "south-korea",
    "JS": "japan",
    "TCG": "turkey",
    "FS": "france",
    "ITS": "italy",
    "ESPS": "spain",
    "PNS": "pakistan",
    "HDMS": "denmark",
    "KNM": "norway",
    "HNoMS": "norway",
    "HSwMS": "sweden",
    "BRP": "philippines",
    "FGS": "germany",
    "ORP": "poland",
    "HS": "greece",
    "NRP": "portugal",
    "ARA": "argentina",
    "BAP": "peru",
    "KRI": "indonesia",
    "SAS": "south-africa",
    "RFS": "russia",
    "ENS": "egypt",
    "BNS": "bangladesh",
}


def _vessel(tokens: list[Token], group: list[Atom], lex: Lexicon) -> Mention:
    """ "HMS Queen Elizabeth", "the aircraft carrier USS Nimitz": one named ship."""
    heads = [a for a in group if a.kind == "head"]
    cls = heads[-1].item_class if heads and heads[-1].item_class == "Submarine" else "Ship"
    models = [a for a in group if a.kind == "model"]
    hit = models[0].hit if models else None
    start = group[0].start
    definite = start > 0 and tokens[start - 1].lower in ("the", "its", "their")
    m = Mention(
        start,
        group[-1].end,
        start,
        hit.id if hit else cls,
        hit.item_class if hit else cls,
        hit.model if hit else None,
        hit is not None,
        False,
        None,
        definite,
        named=True,
    )
    k = start - 1
    while k >= 0:
        got = _actor_ending_at(tokens, k, lex)
        if got:
            m.actor_hints = (*m.actor_hints, got[1])
            m.actor_hint = m.actor_hint or got[1]
            m.start, k = got[0], got[0] - 1
        elif tokens[k].lower in MODIFIERS:
            m.start, k = k, k - 1
        else:
            break
    m.definite = m.start > 0 and tokens[m.start - 1].lower in ("the", "its", "their")
    if not m.actor_hints:
        prefix = next(tokens[a.start].text for a in group if a.kind == "vessel")
        navy = lex.actor_by_id.get(SHIP_PREFIX_ACTORS.get(prefix, ""))
        if navy is not None:
            m.actor_hint, m.actor_hints = navy, (navy,)
    return m


def _mention(tokens: list[Token], group: list[Atom], lex: Lexicon) -> Mention | None:
    if any(a.kind == "vessel" for a in group):
        return _vessel(tokens, group, lex)
    models = [a for a in group if a.kind == "model"]
    heads = [a for a in group if a.kind == "head"]
    designations = [a for a in group if a.kind == "designation"]
    # NATO names and other plain-word labels need company: a head, a tail or another model
    company = heads or designations or any(a.kind == "tail" for a in group) or len(models) > 1
    plural = any(tokens[a.end - 1].text.endswith("s") for a in models)
    if models and all(a.hit.needs_head for a in models) and not company and not plural:  # type: ignore[union-attr]
        # a lone plain word ("Hip") is not a mention; a capitalised plural ("Hinds") is
        models = []
    if (
        models
        and heads
        and heads[-1].item_class == "Unit"
        and heads[-1].start > models[-1].start
        and tokens[heads[-1].end - 1].lower in _FORMATIONS
        and models[-1].hit.item_class not in ("AirDefenseSystem", "MissileSystem", "Artillery")
    ):
        # "a Stryker squadron", "two F-16 squadrons": a unit named after its equipment
        head = heads[-1]
        key = tuple(t.key for t in tokens[head.start : head.end])
        asset, item_class, model = lex.generic_assets.get(key, "Unit"), "Unit", None
        has_model = False
        weak = head.weak
    elif models:
        best = next((a for a in models if not a.hit.needs_head), models[0])  # type: ignore[union-attr]
        hit = best.hit
        assert hit is not None
        asset, item_class, model = hit.id, hit.item_class, hit.model
        has_model = True
        weak = False
    elif designations and heads:
        head = heads[-1]
        asset = item_class = head.item_class or "Other"
        d = designations[0]
        model = " ".join(t.text for t in tokens[d.start : d.end])
        if model.endswith("s") and not model.endswith("-class"):
            model = model[:-1]
        model = model.removesuffix("-class") if model.endswith("-class") else model
        has_model = True
        weak = False
    elif heads:
        head = heads[-1]
        item_class = head.item_class or "Other"
        key = tuple(t.key for t in tokens[head.start : head.end])
        asset = lex.generic_assets.get(key, item_class)
        model = None
        has_model = False
        weak = head.weak
    else:
        return None
    start = group[0].start
    end = group[-1].end
    core = start
    # manufacturers, modifiers and actor adjectives to the left
    hints: list[ActorHit] = []
    k = start - 1
    while k >= 0:
        t = tokens[k]
        maker = (t.lower in MANUFACTURERS or t.key in lex.manufacturers) and t.is_cap
        org = t.is_cap and t.lower in _ORG_NAME_WORDS
        if (
            maker
            or org
            or t.lower in MODIFIERS
            or _MADE.search(t.text)
            or _DESIGNATION.match(t.text)
        ):
            start = k
            k -= 1
            continue
        if t.key == "'s" and k >= 1:
            got = _actor_ending_at(tokens, k - 1, lex)
            if got:
                hints.append(got[1])
                start = got[0]
                k = got[0] - 1
            break
        got = _actor_ending_at(tokens, k, lex)
        if got:
            hints.append(got[1])
            start = got[0]
            k = got[0] - 1
            # "French and Danish troops", "British, French and German troops"
            if (
                k >= 1
                and tokens[k].lower in ("and", ",", "or")
                and _actor_ending_at(tokens, k - 1, lex)
            ):
                k -= 1
            continue
        break
    hints.reverse()
    actor_hint = hints[0] if hints else None
    definite = start > 0 and tokens[start - 1].lower in ("the", "these", "those", "its", "their")
    ordinal = any(
        t.lower in ("first", "last", "final", "second", "new") for t in tokens[start:core]
    )
    head_words = " ".join(t.lower for t in tokens[heads[-1].start : heads[-1].end]) if heads else ""
    named = False
    if item_class in ("Ship", "Submarine") and heads and not head_words.endswith("s"):
        k = end
        while (
            k < len(tokens)
            and k - end < 3
            and _ship_name_word(tokens[k])
            and not lex.places.get((tokens[k].key,))
            and not lex.actors.get((tokens[k].key,))
        ):
            k += 1
        if k > end:
            end, named = k, True
    return Mention(
        start,
        end,
        core,
        asset,
        item_class,
        model,
        has_model,
        weak,
        actor_hint,
        definite,
        tuple(dict.fromkeys(hints)),
        head_words,
        named,
        ordinal,
    )


def _actor_ending_at(tokens: list[Token], k: int, lex: Lexicon) -> tuple[int, ActorHit] | None:
    """An actor name or adjective (up to four words) that ends at token ``k``."""
    for length in (4, 3, 2, 1):
        first = k - length + 1
        if first < 0:
            continue
        key = tuple(t.key for t in tokens[first : k + 1])
        got = lex.actors.get(key)
        if got and tokens[first].is_cap:
            return first, got[0]
    return None
