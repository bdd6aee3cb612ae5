from __future__ import annotations

import json

import pytest

from kb.evaluate import GoldError, interval, read_gold, score_document


def dep(cls, qual="exact", value=None, lo=None, hi=None, actor="Russia", loc="Latakia", **kw):
    return {
        "actor": actor,
        "item_class": cls,
        "location_name": loc,
        "quantity": {"qualifier": qual, "value": value, "min": lo, "max": hi},
        **kw,
    }


def test_intervals():
    assert interval({"qualifier": "exact", "value": 4, "min": 4, "max": 4}) == (4, 4)
    assert interval({"qualifier": "at_least", "min": 21}) == (21, None)
    assert interval({"qualifier": "vague"}) == (None, None)


def test_strict_and_lenient_counts():
    gold = {
        "id": "g",
        "deployments": [
            dep("Tank", "exact", 4, 4, 4),
            dep("Personnel", "at_most", None, None, 500),
            dep("Ship", optional=True),
        ],
    }
    pred = {
        "deployments": [
            dep("Tank", "exact", 4, 4, 4, loc="Latakia Air Base"),  # facility words ignored
            dep("Personnel", "exact", 300, 300, 300),  # overlaps [None, 500]: lenient only
            dep("Ship"),  # matches the optional tuple: not counted
            dep("Drone"),  # spurious
        ]
    }
    s = score_document(gold, pred)
    assert (s.strict.tp, s.strict.predicted, s.strict.gold) == (1, 3, 2)
    assert (s.lenient.tp, s.lenient.predicted) == (2, 3)
    assert s.strict.precision == pytest.approx(1 / 3)
    assert s.strict.recall == pytest.approx(0.5)
    assert s.lenient.f1 == pytest.approx(2 * (2 / 3) * 1 / (2 / 3 + 1))
    assert s.to_json()["field_accuracy"]["quantity"] == 0.5


def test_actor_and_location_mismatch_are_not_strict():
    gold = {"id": "g", "deployments": [dep("Tank")]}
    assert score_document(gold, {"deployments": [dep("Tank", actor="Ukraine")]}).strict.tp == 0
    assert score_document(gold, {"deployments": [dep("Tank", loc=None)]}).strict.tp == 0
    assert score_document(gold, {"deployments": [dep("Tank", loc="latakia")]}).strict.tp == 1


def test_not_deployment_hits():
    gold = {
        "id": "g",
        "deployments": [],
        "not_deployments": ["barracks for as many as 900 personnel -- a capacity"],
    }
    pred = {
        "deployments": [
            {
                **dep("Personnel"),
                "item_text": "personnel",
                "sentence": {"text": "They built barracks for as many as 900 personnel."},
            }
        ]
    }
    hits = score_document(gold, pred).not_deployment_hits
    assert len(hits) == 1 and hits[0]["item_text"] == "personnel"


def test_empty_gold_and_prediction_is_perfect():
    s = score_document({"id": "n", "deployments": []}, {"deployments": []})
    assert (s.strict.precision, s.strict.recall) == (1.0, 1.0)


def test_read_gold_errors(tmp_path):
    p = tmp_path / "g.jsonl"
    p.write_text('{"id": "a", "deployments": []}\n{broken\n')
    with pytest.raises(GoldError, match=":2: invalid JSON"):
        read_gold(p)
    p.write_text(json.dumps({"deployments": []}))
    with pytest.raises(GoldError, match="needs"):
        read_gold(p)
