"""The catalog knows every equipment model, class, place and actor the seed gold set names."""

from __future__ import annotations

import json
from pathlib import Path

from kb.catalog import load_catalog


def _deployments(seeds_dir: Path) -> list[dict]:
    rows = [
        json.loads(line) for line in (seeds_dir / "gold.jsonl").read_text().splitlines() if line
    ]
    return [d for row in rows for d in row["deployments"]]


def test_gold_models_and_classes_exist(seeds_dir: Path) -> None:
    cat = load_catalog()
    deployments = _deployments(seeds_dir)
    assert deployments
    by_model = {c.model: c for c in cat.equipment.values() if c.model}
    for d in deployments:
        if d["item_model"]:
            concept = by_model[d["item_model"]]
            assert concept.item_class == d["item_class"], d["item_text"]
        else:
            assert d["item_class"] in cat.equipment


def test_gold_places_and_actors_resolve(seeds_dir: Path) -> None:
    cat = load_catalog()
    for d in _deployments(seeds_dir):
        if d["location_name"]:
            place = cat.places_by_name(d["location_name"], exact_case=True)[0]
            assert place.country_name == d["country"]
        if d["country"]:
            assert cat.places_by_name(d["country"])[0].kind == "Country"
        actor = cat.actor_by_name_or_adjective(d["actor"], exact_case=True)
        assert actor is not None and actor.kind == "State"
        if d["attributed_to"] and "U.S." in d["attributed_to"]:
            assert cat.actor_by_name_or_adjective("U.S.").id == "united-states"
