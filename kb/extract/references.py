"""References back to claims already made: which earlier claim a description names,
and what a later mention adds to it (attributions, evidence, a finer place)."""

from __future__ import annotations

from kb.extract.lexicon import ActorHit, Lexicon
from kb.extract.mentions import Mention
from kb.extract.places import PlaceMention
from kb.model import Attribution, Claim, Span

GROUPS = {
    "FighterAircraft": "air",
    "AttackAircraft": "air",
    "BomberAircraft": "air",
    "TransportAircraft": "air",
    "Helicopter": "heli",
    "AttackHelicopter": "heli",
    "TransportHelicopter": "heli",
    "Tank": "land",
    "InfantryFightingVehicle": "land",
    "ArmoredPersonnelCarrier": "land",
    "Artillery": "land",
    "Ship": "sea",
    "Submarine": "sea",
    "Personnel": "people",
    "Unit": "people",
    "AirDefenseSystem": "fires",
    "MissileSystem": "fires",
}


GENERIC_GROUP = {
    "aircraft": "air",
    "jets": "air",
    "jet": "air",
    "planes": "air",
    "plane": "air",
    "warplanes": "air",
    "vehicles": "land",
    "vessels": "sea",
    "ships": "sea",
    "force": "people",
    "forces": "people",
    "battery": "fires",
    "batteries": "fires",
    "system": "fires",
    "systems": "fires",
    "launcher": "fires",
    "launchers": "fires",
}


def hint_of(claim: Claim, lex: Lexicon) -> tuple[ActorHit, ...]:
    hit = lex.actor_by_id.get(claim.actor) if claim.actor else None
    return (hit,) if hit else ()


def same_asset(claims: list[Claim], m: Mention) -> Claim | None:
    actors = {h.state_id for h in m.actor_hints}
    for c in reversed(claims):
        if c.asset == m.asset and c.superseded_by is None and (not actors or c.actor in actors):
            return c
    return None


def antecedent(claims: list[Claim], m: Mention) -> Claim | None:
    """The latest claim a definite description ("the fighter jets", "the aircraft") names.

    "The first French soldiers" introduces a new group, and a description naming another
    actor ("the British troops" after Russian troops) refers to something else."""
    actors = {h.state_id for h in m.actor_hints}
    live = [
        c for c in reversed(claims) if c.superseded_by is None and (not actors or c.actor in actors)
    ]
    for claim in live:
        if claim.asset == m.asset or (not m.has_model and claim.item_class == m.item_class):
            return claim
    group = GENERIC_GROUP.get(m.head.split()[-1]) if m.head and not m.has_model else None
    for claim in live:
        if group is not None and GROUPS.get(claim.item_class) == group:
            return claim
    return None


def corroborate(
    claim: Claim, attr: Attribution | None, sentence: Span, place: PlaceMention | None
) -> None:
    """A later sentence about an item already claimed: extra evidence, maybe a finer place."""
    if attr is not None and all(a.text != attr.text for a in claim.attributions):
        claim.attributions.append(attr)
    claim.corroborations.append(sentence)
    if place is None or not place.name:
        return
    if claim.location_name is None and (claim.country in (None, place.country_name)):
        claim.place = place.place.id if place.place else claim.place
        claim.location_name = place.name
        claim.location_text = place.text
        claim.country = place.country_name or claim.country


def duplicate(claims: list[Claim], new: Claim) -> Claim | None:
    for c in claims:
        if (
            c.asset == new.asset
            and c.actor == new.actor
            and c.quantity == new.quantity
            and c.location_name == new.location_name
            and c.status == new.status
            and new.quantity.qualifier != "unspecified"
            and _same_item(c, new)
        ):
            return c
    return None


def _same_item(a: Claim, b: Claim) -> bool:
    """Restated, not another item: the same model, or the same head noun."""
    if a.item_model or b.item_model:
        return a.item_model == b.item_model and a.item_text.split()[:1] != ["USS"]
    return a.item_text.lower().split()[-1:] == b.item_text.lower().split()[-1:]
