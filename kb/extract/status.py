"""Whether a clause states a deployment, and with which status.

``deployment_cue`` says whether the clause talks about forces being somewhere at all;
``skip_reason`` rules out negations, hypotheticals, capacities, sales, losses, training
numbers and home bases; ``status_of`` picks deployed / arriving / planned / withdrawn /
denied.
"""

from __future__ import annotations

import re
from functools import lru_cache

_CUE = re.compile(
    r"\b(?:deploy\w*|sent|send\w*|dispatch\w*|station(?:s|ed|ing)?|based|position\w*|mov(?:e|es|ed|ing)|"
    r"transferr?\w*|redeploy\w*|arriv\w*|land(?:ed|ing|s)?|reinforc\w*|rotat\w*|flown|flew|"
    r"fly(?:ing)?|ship(?:ped|ping)|airlift\w*|mass(?:ed|ing)|gather\w*|build(?:ing)?[- ]up|"
    r"buildup|built up|present|presence|sighted|spotted|seen|observed|photographed|operat\w*|"
    r"housed|garrison\w*|bring\w*|brought|assembl\w*|concentrat\w*|withdr[ae]w\w*|"
    r"pull(?:ed|ing|s)? (?:out|back)|den(?:y|ied|ies|ying)|add(?:ed|ing|s)?|increas\w*|"
    r"boost\w*|bolster\w*|tripl\w*|doubl\w*|host(?:s|ed|ing)?|remain(?:s|ed|ing)?|stay\w*|"
    r"(?:is|are|were|was|been) (?:now |already |still |also |currently |reportedly |stationed |based )?(?:at|in|near|inside|on|there)|"
    r"head(?:ed|ing)? (?:to|for|toward)|sail\w*|steam(?:s|ed|ing)|dock\w*|in place|in position|patrol\w*|surg(?:e|ed|ing)|"
    r"expand\w*|establish\w*|set up|setting up|installed|placed|stationed|return\w*|"
    r"leav\w*|left|depart\w*|evacuat\w*|relocat\w*|shift\w*|roll(?:ed|ing)? (?:into|in)|"
    r"cross\w*|enter\w*|invad\w*|occup\w*|join(?:s|ed|ing)?|to deploy|en route|on (?:their|its) way|"
    r"numbering|number(?:ed)? (?:about|around|some)|tally|estimate[sd]?|believed|"
    r"(?:has|have|had) (?:[a-z]+ ){0,3}[\d,]+|"
    r"(?:thought|believed|estimated|said|reported|understood|known) to (?:house|host|hold|have)|"
    r"(?:has|have|had|keeps?|kept) (?:[\w,-]+ ){1,8}?(?:in|at|off|near) (?:the )?(?-i:[A-Z])\w*|there (?:are|were|is) (?:[a-z]+ ){0,3}[\d,]+|"
    r"lead(?:s|ing)? (?:the|a|an|its|their)|led (?:the|a|an|its|their)|park(?:ed|ing)|living|lives|live|housed|houses|quartered|billeted|camped|keep(?:s|ing)?|kept|maintain(?:s|ed|ing)?|retain\w*|show(?:s|ed|n)?|taken control|took control|"
    r"in control|assigned|rotation|rotating|includ(?:e|es|ed|ing)|consist\w*|compris\w*|"
    r"ashore|reposition\w*|standing by|poised|(?:is|are|was|were) (?:also )?(?:expected|due)\b|"
    r"airdrop\w*|parachut\w*|dropped|fly in|flying in|flown in|accompan\w*|escort\w*|"
    r"join(?:s|ed|ing)?|bring(?:s|ing)?|carry(?:ing)?|carries|carried|aboard|on board|embarked|"
    r"contribut\w*|provid\w*|commit(?:s|ted|ting)?|"
    r"assign\w*|rotat\w*|reinforc\w*|surg\w*)\b",
    re.I,
)
_NEGATION = re.compile(
    r"\b(?:not|never|no longer|n't|no plans?|nor|neither|without|refused to|declined to|"
    r"ruled out|has yet to|have yet to)\b|n't\b|\bno\s+(?!doubt|longer)\w+",
    re.I,
)
_HYPOTHETICAL = re.compile(
    r"\b(?:could|might|(?-i:may)|if|unless|whether|hypothetical\w*|"
    r"would(?!\s+(?:be\s+)?(?:deploy|send|sent|station|arrive|move)))\b",
    re.I,
)
_REPORTED_WOULD = re.compile(
    r"\b(?:said|says|say|announced|told|stated|confirmed|added|promised|pledged|expects?|"
    r"expected|agreed|decided)\b[^.;]*\bwould\b",
    re.I,
)
_IF = re.compile(r"\b(?:if|unless|whether|in case)\b", re.I)
#: "once the African troops are in place": a condition over the item; "... once it is
#: deployed" after the item only dates a plan
_ONCE = re.compile(r"\bonce\b", re.I)
_CONDITION = re.compile(r"\b(?:if|unless|could|might|(?-i:may)|whether)\b", re.I)
_MAYBE = re.compile(
    r"\b(?:possibl[ey]|potential(?:ly)?|consider\w*|threaten\w*|options?|in case|"
    r"capable of|ability to)\b",
    re.I,
)
_CAPACITY = re.compile(
    r"\b(?:housing|room|space|capacity|accommodat\w*|enough|able to (?:hold|house|host|"
    r"accommodate|take)|big enough|large enough|designed (?:for|to)|(?:can|could) (?:hold|house|host|berth|dock|service|handle|support|fit|receive|"
    r"accommodate|take|carry)|built for|barracks for|beds? for)\b",
    re.I,
)
_SALE = re.compile(
    r"\b(?:s[eo]ll(?:s|ing)?|sold|sale|sales|purchas\w*|bought|buy(?:s|ing)?|orders? for|contract(?:s|ed)?|"
    r"export(?:s|ed|ing)?|import(?:s|ed|ing)?|procure\w*|acqui\w*|supplied|supplier|supply deal|deal for|"
    r"to be delivered|deliver(?:y|ies) of|arms deal|donat\w*|gift\w*|manufactur\w*|"
    r"produc(?:e|ed|es|ing|tion)|built by|onward transfer|hand(?:ed|ing|s)? (?:over|its|their)|"
    r"(?:left|leav(?:e|es|ing)) behind|stocks of|stockpiles? of|"
    r"offer(?:ed|s|ing)? to (?:give|hand|transfer|send))\b",
    re.I,
)
_LOSS = re.compile(
    r"\b(?:lost|losing|loss(?:es)?|destroy(?:ed|ing|s)?|shot down|downed|killed|wounded|dead|died|"
    r"casualt\w*|crash\w*|damag\w*|sunk|sank|struck|hit by|captured|seized|abandoned|"
    r"knocked out|wreck\w*|injured|missing|attack(?:ed|ing) (?:by|on))\b",
    re.I,
)
#: numbers of people trained, not forces deployed ("60 U.S.-trained rebels")
_TRAINED_BY = re.compile(r"\b(?:trained by|trainees|graduat\w*|training (?:of|for) \d)", re.I)
#: legal limits, not forces ("raise the ceiling for German troops to 1,100")
_CEILING = re.compile(
    r"\b(?:ceiling|cap|limit|mandate|quota)\s+(?:\w+\s+){0,2}(?:for|on|of)\s+[\w\s]*$|"
    r"\b(?:cut|cutting|cuts|reduc\w+|limit\w*|capp\w*|freez\w+) (?:the )?(?:number|numbers|"
    r"total|size) of\s+(?:its |their |the )?$",
    re.I,
)
#: "the crews are still in training": people being trained, not forces deployed
_IN_TRAINING = re.compile(
    r"^\W*(?:[\w-]+\s+){0,3}?(?:in training|being trained|under training|training to)\b", re.I
)
_TRAINING = re.compile(r"\b(?:train(?:ed|ing|s|ees?)?|graduat\w*|recruit\w*|class of)\b", re.I)
_HOME_BASE = re.compile(
    r"\b(?:home base|home port|homeport|normally based|permanently based at home|"
    r"home station|garrison at home|back home|normally (?:fly|flies|operate\w*|based|"
    r"stationed|deployed)|where\b[^,;]{0,60}\b(?:is|are) (?:normally |"
    r"permanently )?(?:based|stationed))\b",
    re.I,
)
#: a destination after the item: the home base named in the clause is only the origin
_ELSEWHERE = re.compile(
    r"\bfor\s+an?\s+[\w-]+(?:\s+[\w-]+){0,3}\s+(?:mission|deployment|rotation)\b|"
    r"\b(?:to|into|in)\s+the\s+[A-Z]",
    re.I,
)
_DENIED = re.compile(
    r"\b(?:den(?:y|ied|ies|ying)|dismiss\w* (?:reports|claims|allegations)|"
    r"reject\w* (?:reports|claims|allegations)|refut\w*|false reports)\b",
    re.I,
)
_WITHDRAWN = re.compile(
    r"\b(?:withdr[ae]w\w*|pull(?:ed|ing|s)? (?:out|back)|retreat\w*|brought home|"
    r"returned home|return(?:ed|ing)? to (?:their |its )?(?:home|base|bases|barracks)|"
    r"leav(?:e|es|ing)|left|depart\w*|evacuat\w*|drawdown|drew down|draw(?:ing|s)? down|"
    r"fl(?:ew|own|ying) out|out of|pull(?:ed|ing|s)? (?:\w+ ){0,3}out|"
    r"redeployed (?:from|back)|removed|remove\w*)\b",
    re.I,
)
_PLANNED = re.compile(
    r"\b(?:will|shall|'ll|(?:is|are|was|were) to|plan(?:s|ned|ning)?(?: to)?|"
    r"intend(?:s|ed)? to (?:deploy|send|station|base|move)|set to|expected to|scheduled to|going to|prepar\w+ to|(?:is|are) due to|"
    r"to be (?:deployed|sent|stationed|based|moved)|pledg\w*|promis\w*|vow\w*|agreed to|"
    r"announced plans|ready to|proposed|approv\w*|would (?:be )?(?:deploy|send|sent|station|"
    r"arrive|move)\w*|in the coming|next (?:week|month|year)|later this)\b",
    re.I,
)
_ARRIVING = re.compile(
    r"\b(?:arriv\w*|land(?:ed|ing)|en route|on (?:their|its) way|head(?:ed|ing)? (?:to|for|"
    r"toward)|being (?:sent|deployed|moved|flown|shipped|transferred)|(?:is|are|were|was) "
    r"(?:sailing|flying|moving|travell?ing|steaming)|began (?:arriving|landing)|in transit|"
    r"steam(?:s|ed|ing)? (?:to|toward|towards|into|for)|"
    r"transit\w*|sailing (?:to|toward|for))\b",
    re.I,
)


@lru_cache(maxsize=4096)
def deployment_cue(clause: str) -> bool:
    return bool(_CUE.search(clause))


#: the item is used, wanted or at stake rather than deployed
#: partners the deployed forces work with, not forces deployed ("working with Taiwanese troops")
_PARTNER = re.compile(
    r"\b(?:work(?:s|ed|ing)?|cooperat\w*|partner\w*|train(?:s|ed|ing)?|exercis\w*|drill\w*)"
    r"\s+(?:together\s+)?(?:with|alongside)\s+(?:the\s+|local\s+)?$",
    re.I,
)
#: call-ups at home, not deployments ("called up 16,000 reservists")
_MOBILISED = re.compile(
    r"\b(?:called up|call up|calling up|mobili[sz]\w*|conscript\w*|draft(?:ed|ing)?|recruit\w*)\s+"
    r"(?:[\w,]+\s+){0,3}$",
    re.I,
)
#: the aircraft or ship other forces travel in ("flew out aboard an A400M")
_CONVEYANCE = re.compile(
    r"\b(?:flew|flown|fly|flying|carried|transported|shipped|travel\w*|out)\b[^.;]{0,40}?"
    r"\b(?:aboard|on board|on)\s+(?:an?|the|two|three|four|several)?\s*$",
    re.I,
)
_NOT_PRESENCE = re.compile(
    r"\b(?:fir(?:e|ed|es|ing)|launch(?:ed|es|ing)?|shoot(?:s|ing)?|shot|can fire|capable of firing|"
    r"scrambl(?:e|ed|es|ing)|request(?:ed|s)?(?: from \w+)? for|ask(?:ed|s|ing)? for|call(?:ed|s|ing)? for|appeal(?:ed)? for|"
    r"need(?:s|ed)? for|rerout\w*|shipping compan\w*)\b[^.;]{0,40}$"
    r"|\b(?:escort(?:ed|ing)|protect(?:ed|ing)|guard(?:ed|ing))\s+(?:(?!by\b)[\w-]+\s+){0,2}$"
    r"|\b(?:merchant|commercial|civilian|cargo|container|fishing)\s+(?:[\w-]+\s+)?$",
    re.I,
)
#: what a unit is made of, not what was deployed ("a battery normally includes four launchers")
COMPOSITION = re.compile(
    r"\b(?:normally|typically|usually|generally|each)\s+(?:includ\w*|consists?|compris\w*|"
    r"made up of|composed of|formed (?:of|from)|"
    r"has|have|contains?|carr(?:y|ies)|numbers?)\b",
    re.I,
)
_READINESS = re.compile(
    r"\b(?:on (?:high )?alert|on standby|on stand-by|on notice|at risk|in harm's way|"
    r"in danger)\b",
    re.I,
)
_HOSTILE = re.compile(
    r"\b(?:clash\w*|fight\w*|battl\w*|skirmish\w*|confrontation|war|conflict|attack\w*|"
    r"talks|negotiations|fired on|firing on|shelling|ambush\w*)\s+(?:with|against|on|by|between)"
    r"\s+(?:the\s+)?$",
    re.I,
)


#: what a country or force owns, not where it is ("the navy has about 40 frigates"):
#: a verb of possession right before the count, and no place or deployment word after
_POSSESSION = re.compile(
    r"\b(?:has|have|had|possess(?:es|ed)?|owns?|owned|fields?|fielded)\s+"
    r"(?:(?:only|just|about|some|around|roughly|nearly|almost|over|under|more than|fewer than|"
    r"less than|an estimated|a total of|a fleet of|an? (?:arsenal|inventory|force) of|"
    r"[\d,.]+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|a dozen|dozens of|"
    r"hundreds of|thousands of|million|thousand|active|active-duty|working|operational|"
    r"serviceable|regular|reserve)\s+)*$",
    re.I,
)
_PLACE_AFTER = re.compile(
    r"\b(?:in|at|near|on|inside|to|into|across|along|around|off|within|outside|there|here|"
    r"abroad|overseas|stationed|deployed|based|positioned|garrisoned|present)\b",
    re.I,
)
#: the item owns something ("the air force has 40 jets"): it is not deployed either
_OWNER = re.compile(
    r"^\W*(?:has|have|had|possess(?:es|ed)?|owns?|fields?)\s+"
    r"(?:only\s+|about\s+|some\s+|around\s+|roughly\s+|nearly\s+|more than\s+)*[\d,.]+",
    re.I,
)
#: a place named before the owner ("In Djibouti, China has about 400 marines")
_LOCATIVE = re.compile(r"\b(?:in|at|near|inside|on)\s+(?:the\s+)?[A-Z]")
#: a place as the owner ("the base has 400 troops") is a presence, not an inventory
_FACILITY_OWNER = re.compile(
    r"\b(?:base|bases|airfield|airbase|camp|garrison|port|facility|station|outpost|"
    r"contingent|mission|battlegroup|task force|there|it)\b",
    re.I,
)
#: buying, ordering, leasing or retiring equipment ("has ordered 24 of the helicopters")
_ACQUIRED = re.compile(
    r"\b(?:ordered|orders|leas(?:e|es|ed|ing)|rent(?:s|ed|ing)?|retir(?:e|es|ed|ing)|"
    r"decommission\w*|mothball\w*|scrapp\w*|upgrad\w*|moderni[sz]\w*|refurbish\w*|"
    r"commission(?:s|ed|ing)?)\s+(?:(?:another|a further|an additional|its|their|the|"
    r"about|some|up to|more than)\s+)*(?:[\w-]+\s+){0,2}$",
    re.I,
)
#: "ordered the troops to ...": a deployment order, not a purchase
_ORDER_TO = re.compile(r"^\W*(?:[\w-]+\s+){0,4}?(?:to|into|back to|from\s+\w+\s+to)\b", re.I)
#: exercises and shows of force: the item takes part, flies a sortie, circles a place
_PARTICIPATES = re.compile(
    r"^\W*(?:[\w-]+\s+){0,6}?(?:took|take|takes|taking) part in\b|"
    r"^\W*(?:[\w-]+\s+){0,6}?participat\w*\s+in\b|"
    r"^\W*(?:[\w-]+\s+){0,6}?(?:flew|fly|flies|flown|conducted|carried out|made|make)\s+"
    r"(?:an?\s+|two\s+|several\s+|\w+\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:sorties?|flyby|flypast|fly-by|overflights?|training flights?|patrol flights?|"
    r"long-range (?:flights?|patrols?))\b",
    re.I,
)
_EXERCISE_WORD = re.compile(
    r"\b(?:exercises?|drills?|war ?games?|manoeuvres|maneuvers|show of force|"
    r"joint training|live-fire)\b",
    re.I,
)
#: in an exercise, "around/over/toward a place" circles it rather than deploys there
_CIRCLING = re.compile(r"^\W*(?:[\w-]+\s+){0,3}?(?:around|over|toward|towards|near)\s", re.I)


def possession_or_use(clause: str, before_item: str, after_item: str) -> str | None:
    """Inventories, acquisitions, exercises and sorties: no deployment place is stated."""
    owned = _POSSESSION.search(before_item)
    if owned and not _PLACE_AFTER.search(after_item):
        owner = before_item[: owned.start()]
        if not _FACILITY_OWNER.search(owner[-40:]) and not _LOCATIVE.search(owner):
            return "inventory"
    if _OWNER.match(after_item) and not _PLACE_AFTER.search(after_item):
        return "inventory"  # "the armed forces have about 150,000 troops": the owner
    if _ACQUIRED.search(before_item[-60:]) and not _ORDER_TO.match(after_item):
        return "acquisition"
    if _PARTICIPATES.search(after_item):
        return "exercise"
    if _EXERCISE_WORD.search(clause) and _CIRCLING.match(after_item):
        return "exercise"
    return None


#: where a force lives in peacetime ("the fleet's submarines are based at ..."; "operates
#: three corvettes from ..."): a home base when the place is in the owner's own country
HOME_STATIVE = re.compile(
    r"\b(?:(?:is|are)\s+(?:normally\s+|permanently\s+|usually\s+)?(?:based|home-?ported|"
    r"headquartered)|operat(?:e|es|ing)\b[^.;]{0,60}\bfrom)\b",
    re.I,
)


_INCLUDING = re.compile(r"\b(?:including|includes|such as)\b", re.I)
#: what a type is, not where one is ("is the world's largest supersonic bomber")
_DESCRIPTION = re.compile(
    r"\b(?:is|are|was|were|remains?)\s+(?:the|a|an|one of the|among the)\s+"
    r"(?:[\w'-]+\s+){0,3}?(?:world's|\w+est|most|least)\s+(?:[\w'-]+\s+){0,3}$",
    re.I,
)


#: munitions in flight, not systems in place ("five of the missiles landed in its zone")
MUNITION_FLIGHT = re.compile(
    r"^\W*(?:\w+\s+){0,3}?(?:landed|fell|hit|struck|impacted|splashed|exploded|flew over)\b", re.I
)


@lru_cache(maxsize=4096)
def skip_reason(clause: str, before_item: str, after_item: str = "") -> str | None:
    """Why a clause gives no claim for the item between ``before_item`` and ``after_item``.

    Verbs of use, loss and sale count next to the item (before it, or in the few words
    after it); modal and conditional words anywhere in the clause; descriptions of what an
    item can do ("capable of") only before it."""
    # items listed after "including" share the verb of the whole list ("left behind stocks
    # of weapons, including Scud missiles and MiG-21 jets")
    reach = 170 if _INCLUDING.search(before_item[-80:]) else 70
    near = before_item[-reach:] + " | " + after_item[:50]
    if _DESCRIPTION.search(before_item[-60:]):
        return "description"
    used = possession_or_use(clause, before_item, after_item)
    if used is not None:
        return used
    if _HOSTILE.search(before_item[-40:]):
        return "opponent"
    if _NOT_PRESENCE.search(before_item[-60:]):
        return "use or request"
    if _PARTNER.search(before_item[-40:]):
        return "partner"
    if _MOBILISED.search(before_item[-40:]):
        return "mobilisation"
    if _CONVEYANCE.search(before_item[-70:]):
        return "conveyance"
    if _READINESS.search(clause):
        return "readiness"
    if COMPOSITION.search(before_item[-70:] + " | " + after_item[:40]):
        return "composition"
    if _CAPACITY.search(before_item[-60:]):
        return "capacity"
    if _HOME_BASE.search(clause) and not _ELSEWHERE.search(clause):
        return "home base"
    if (
        _TRAINING.search(before_item[-40:])
        or _TRAINED_BY.search(clause)
        or _IN_TRAINING.match(after_item)
    ):
        return "training"
    if _CEILING.search(before_item[-50:]):
        return "ceiling"
    if _LOSS.search(near):
        return "loss"
    if _SALE.search(near):
        return "sale"
    if _DENIED.search(clause):
        return None
    if _NEGATION.search(clause):
        return "negation"
    if _IF.search(clause) or _ONCE.search(before_item):
        return "hypothetical"
    # "Obama said allies would contribute troops" reports a plan, not a hypothesis
    # the speech frame is blanked in ``clause``; ``before_item`` still has "officials said"
    unblanked = before_item + clause[len(before_item) :] if clause.startswith(" ") else clause
    reported = (
        bool(_REPORTED_WOULD.search(unblanked)) or clause.lstrip().lower().startswith("and that")
    ) and not _CONDITION.search(clause)
    if _HYPOTHETICAL.search(clause) and not _PLANNED.search(clause) and not reported:
        return "hypothetical"
    if _MAYBE.search(before_item[-70:]) and not _PLANNED.search(clause):
        return "hypothetical"
    return None


_CONTINUING = re.compile(r"\b(?:will|would) (?:keep|remain|maintain|retain|stay)\b", re.I)


@lru_cache(maxsize=4096)
def has_status_cue(clause: str) -> bool:
    """Whether the clause itself says deployed/arriving/... (not just names the items)."""
    return bool(
        _DENIED.search(clause)
        or _WITHDRAWN.search(clause)
        or _PLANNED.search(clause)
        or _ARRIVING_NEAR.search(clause)
        or _PRESENT_NEAR.search(clause)
        or _PLAN_MARK.search(clause)
    )


_VERB_CUE = re.compile(
    r"\b(?:deploy\w*|sent|send\w*|station(?:s|ed|ing)?|based|position\w*|mov(?:e|es|ed|ing)|"
    r"dispatch\w*|transferr?\w*|(?:is|are|were|was) (?:now |already |still |also |currently |reportedly |stationed |based )?(?:at|in|there))\b",
    re.I,
)


@lru_cache(maxsize=4096)
def status_of(clause: str) -> str:
    if _DENIED.search(clause):
        return "denied"
    if _WITHDRAWN.search(clause):
        return "withdrawn"
    if _CONTINUING.search(clause):
        return "deployed"
    if _PLANNED.search(clause):
        return "planned"
    if _ARRIVING.search(clause):
        return "arriving"
    return "deployed"


_PLAN_MARK = re.compile(
    r"\b(?:will|shall|would|'ll|(?:is|are|was|were) (?:due |set |expected |scheduled )?to|"
    r"plan(?:s|ned|ning)? to|intend(?:s|ed)? to|going to|prepar\w+ to|agreed to|pledg\w+ to|"
    r"promis\w+ to|vow\w* to|ready to|decided to|ordered|approv\w+)\b",
    re.I,
)
_PLAN_NOUN = re.compile(
    r"\b(?:plans? (?:for|to)|in the coming|next (?:week|month|year)|later this|"
    r"(?:will|would) be\b)",
    re.I,
)
_ARRIVING_NEAR = re.compile(
    _ARRIVING.pattern[:-3] + r"|reach(?:ed|es|ing)?|parachut\w*|airdrop\w*|flown in|fly in|"
    r"beg[au]n (?:flying|moving|sending|deploying|arriving)|begin (?:flying|moving|sending|arriving)|"
    r"crossed into|poured into|ashore)\b",
    re.I,
)
_PRESENT_NEAR = re.compile(
    r"\b(?:deploy\w*|sent|send\w*|station(?:s|ed|ing)?|based|position\w*|mov(?:e|es|ed|ing)|"
    r"dispatch\w*|transferr?\w*|keep(?:s|ing)?|kept|maintain(?:s|ed|ing)?|retain\w*|remain(?:s|ed|ing)?|stay\w*|"
    r"escort\w*|accompan\w*|join(?:s|ed|ing)?|already|operat(?:e|es|ed|ing)|parked|assigned|"
    r"contribut\w*|provid\w*|commit(?:s|ted|ting)?|host(?:s|ed|ing)?|garrison\w*|patrol\w*|t[ao]ken? control|"
    r"reposition\w*|redeploy\w*|relocat\w*|standing by|stand(?:s)? by|poised|"
    r"living|lives|housed|houses|quartered|lead(?:s|ing)? (?:the|a|an|its|their)|"
    r"took control|(?:is|are|were|was|been) "
    r"(?:now |already |still |also |currently |reportedly |stationed |based )?(?:at|in|there|on|near))\b",
    re.I,
)


@lru_cache(maxsize=1024)
def _clause_cues(clause: str) -> tuple[tuple[tuple[int, int, str], ...], tuple[int, ...]]:
    """Every status cue of a clause (start, end, status) and where plan markers end."""
    found = tuple(
        (m.start(), m.end(), status)
        for status, pattern in (
            ("withdrawn", _WITHDRAWN),
            ("arriving", _ARRIVING_NEAR),
            ("deployed", _PRESENT_NEAR),
        )
        for m in pattern.finditer(clause)
    )
    return found, tuple(m.end() for m in _PLAN_MARK.finditer(clause))


_DEPART_FOR = re.compile(
    r"\b(?:left|leaves|leaving|departed|departs|sailed from|set sail from)\b[^.;]{0,80}?\bfor\b"
    r"(?!\s+(?:home|good))",
    re.I,
)


_OPERATING_OUT_OF = re.compile(
    r"\b(?:been|are|is|were|was|still)\s+(?:flying|operating|working|patrolling)\s+out\s+of\b"
    r"|\b(?:fly|flies|operate|operates)\s+out\s+of\b",
    re.I,
)


_PARTICIPLE = re.compile(
    r"(?:stationed|based|deployed|positioned|garrisoned)\s+(?:in|at|near|on)\b", re.I
)


_MOVED_OFF = re.compile(
    r"\b(?:mov|tak|shift|relocat|transferr?|pull)\w*\s+(?:[\w,.-]+\s+){0,6}?off\s+"
    r"(?:of\s+)?(?:the\s+island\s+of\s+)?[A-Z]",
    re.I,
)


def status_near(clause: str, start: int, end: int) -> str:
    """The status of the item at ``clause[start:end]``: the cue nearest to it decides
    (deployed, arriving or withdrawn verbs), a plan or modal right before that verb makes it
    planned, and a denial before the item governs everything after it."""
    if _DENIED.search(clause, 0, start):
        return "denied"
    moved_off = _MOVED_OFF.search(clause)
    if moved_off and moved_off.start() < start and end <= moved_off.end():
        return "withdrawn"  # "will move 9,000 Marines off Okinawa": leaving the island
    found, marks = _clause_cues(clause)
    cues: list[tuple[int, int, str]] = []
    for c_start, c_end, status in found:
        if c_start < end and c_end > start:
            continue  # words of the item itself ("transport helicopters")
        distance = c_start - end if c_start >= end else start - c_end
        cues.append((distance, c_start, status))
    if not cues:
        if marks or _PLAN_NOUN.search(clause):
            return "planned"
        return "deployed"
    # "soldiers stationed in Niger left the country": a participle right after the item
    # describes it; the clause's own verb comes later
    # "France will deploy 300 troops to Estonia, joining the battlegroup": a participle
    # after a comma adds circumstance; the verb before the item governs it
    if any(c[1] < start for c in cues):
        cues = [
            c
            for c in cues
            if not (
                c[1] >= end
                and clause[: c[1]].rstrip().endswith(",")
                and re.match(r"\w+ing\b", clause[c[1] :])
            )
        ] or cues
    described = [c for c in cues if c[0] <= 2 and c[1] >= end and _PARTICIPLE.match(clause, c[1])]
    later = [c for c in cues if c[1] > end and c not in described]
    if described and later:
        cues = [c for c in cues if c not in described]
    distance, verb_at, status = min(cues)
    if status == "withdrawn" and _DEPART_FOR.search(clause):
        return "arriving"  # "left its home port for a mission in the Gulf of Oman"
    if status == "withdrawn" and _OPERATING_OUT_OF.search(clause):
        return "deployed"  # "have been flying out of Riyadh": operating from there
    if _CONTINUING.search(clause):
        return "deployed"
    if status != "withdrawn" and any(0 <= verb_at - mark <= 25 for mark in marks):
        return "planned"  # an announced withdrawal is still a withdrawal
    return status
