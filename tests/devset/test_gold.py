"""The development set and demo gold files are consistent with their texts and conventions."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def _load_checker():
    spec = importlib.util.spec_from_file_location("devset_check", REPO / "devset" / "check.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


check = _load_checker()


def _gold_lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


@pytest.mark.parametrize("folder", ["devset", "examples"])
def test_gold_file_is_clean(folder: str) -> None:
    gold = REPO / folder / "gold.jsonl"
    assert check.check_gold(gold) == []


def test_devset_size_and_negatives() -> None:
    docs = _gold_lines(REPO / "devset" / "gold.jsonl")
    assert len(docs) >= 70
    negative = [d for d in docs if d["not_deployments"]]
    assert len(negative) >= 20
    assert all((REPO / "devset" / d["file"]).is_file() for d in docs)


def test_devset_covers_every_status_class_and_qualifier() -> None:
    claims = [c for d in _gold_lines(REPO / "devset" / "gold.jsonl") for c in d["deployments"]]
    assert {c["status"] for c in claims} == set(check.STATUSES)
    assert {c["quantity"]["qualifier"] for c in claims} == set(check.QUALIFIERS)
    assert {c["item_class"] for c in claims} == set(check.ITEM_CLASSES)


def test_every_text_file_has_a_gold_line() -> None:
    for folder in ("devset", "examples"):
        ids = {d["id"] for d in _gold_lines(REPO / folder / "gold.jsonl")}
        texts = {
            p.stem
            for p in (REPO / folder).iterdir()
            if p.suffix in {".txt", ".html", ".md", ".json"}
            and not p.name.endswith(".meta.json")
            and p.name != "README.md"
        }
        assert texts == ids, folder


def test_checker_accepts_the_seed_gold(seeds_dir: Path) -> None:
    assert check.check_gold(seeds_dir / "gold.jsonl") == []


def _write_case(tmp_path: Path, claim_changes: dict, text: str | None = None) -> Path:
    text = text or "Russia has deployed four Su-27 fighter jets to an air base near Latakia.\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    claim = {
        "actor": "Russia",
        "item_text": "Su-27 fighter jets",
        "item_class": "FighterAircraft",
        "item_model": "Su-27",
        "quantity": {"value": 4, "min": 4, "max": 4, "qualifier": "exact"},
        "location_text": "an air base near Latakia",
        "location_name": "Latakia",
        "country": "Syria",
        "attributed_to": None,
        "status": "deployed",
    }
    claim.update(claim_changes)
    doc = {
        "id": "a",
        "file": "a.txt",
        "title": "t",
        "publisher": "p",
        "authors": [],
        "published": "2015-09-18",
        "source_url": None,
        "deployments": [claim],
        "not_deployments": [],
    }
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(doc) + "\n", encoding="utf-8")
    return gold


def test_checker_accepts_a_good_line(tmp_path: Path) -> None:
    assert check.check_gold(_write_case(tmp_path, {})) == []


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"item_class": "Fighter"}, "item_class 'Fighter'"),
        ({"status": "stationed"}, "status 'stationed'"),
        ({"item_text": "Su-27 Flanker jets"}, "item_text 'Su-27 Flanker jets' does not occur"),
        ({"location_text": "Hmeimim"}, "location_text 'Hmeimim' does not occur"),
        ({"attributed_to": "a U.S. official"}, "attributed_to 'a U.S. official' does not occur"),
        (
            {"quantity": {"value": 4, "min": None, "max": None, "qualifier": "exact"}},
            "exact quantity needs value == min == max",
        ),
        (
            {"quantity": {"value": 500, "min": None, "max": 500, "qualifier": "at_most"}},
            "at_most quantity needs max only",
        ),
        (
            {"quantity": {"value": None, "min": 5, "max": 4, "qualifier": "range"}},
            "range quantity needs min < max",
        ),
        (
            {"quantity": {"value": 3, "min": None, "max": None, "qualifier": "vague"}},
            "vague quantity needs value, min and max all null",
        ),
        ({"quantity": {"value": 4, "qualifier": "exact"}}, "quantity keys"),
        ({"optional": "yes"}, "optional must be true or false"),
        ({"confidence": 0.5}, "unknown fields ['confidence']"),
    ],
)
def test_checker_reports_each_inconsistency(tmp_path: Path, change: dict, expected: str) -> None:
    problems = check.check_gold(_write_case(tmp_path, change))
    assert len(problems) == 1
    assert expected in problems[0]


def test_checker_matches_across_no_break_spaces(tmp_path: Path) -> None:
    text = "Russia has deployed four Su-27\u00a0fighter jets to an air base near\nLatakia.\n"
    assert check.check_gold(_write_case(tmp_path, {}, text=text)) == []


def test_checker_reports_missing_file_and_bad_date(tmp_path: Path) -> None:
    gold = _write_case(tmp_path, {})
    doc = json.loads(gold.read_text(encoding="utf-8"))
    doc["published"] = "18/09/2015"
    gold.write_text(json.dumps(doc) + "\n" + json.dumps({**doc, "file": "b.txt"}) + "\n")
    problems = check.check_gold(gold)
    assert any("published '18/09/2015'" in p for p in problems)
    assert any("file 'b.txt' not found" in p for p in problems)
    assert any("duplicate id" in p for p in problems)


def test_checker_reports_unquoted_negative_and_sidecar_mismatch(tmp_path: Path) -> None:
    gold = _write_case(tmp_path, {})
    doc = json.loads(gold.read_text(encoding="utf-8"))
    doc["not_deployments"] = ["housing for 1,500 personnel -- capacity"]
    gold.write_text(json.dumps(doc) + "\n", encoding="utf-8")
    (tmp_path / "a.meta.json").write_text(json.dumps({"title": "other"}), encoding="utf-8")
    problems = check.check_gold(gold)
    assert any("'housing for 1,500 personnel' does not occur" in p for p in problems)
    assert any("a.meta.json title 'other' != gold 't'" in p for p in problems)


def test_checker_cli_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = _write_case(tmp_path, {})
    assert check.main([str(good)]) == 0
    bad = _write_case(tmp_path, {"status": "parked"})
    assert check.main([str(bad)]) == 1
    assert "status 'parked'" in capsys.readouterr().out
    assert check.main([str(tmp_path / "missing.jsonl")]) == 2


@pytest.mark.parametrize("folder", ["devset", "examples"])
def test_gold_phrases_survive_the_project_reader(folder: str) -> None:
    """Every annotated phrase is still in the text the extractor sees (boilerplate removed)."""
    document = pytest.importorskip("kb.document")
    missing = []
    for doc in _gold_lines(REPO / folder / "gold.jsonl"):
        report = document.read_document(REPO / folder / doc["file"])
        for claim in doc["deployments"]:
            for name in ("item_text", "location_text", "attributed_to"):
                if claim[name] and not check.occurs(claim[name], report.text):
                    missing.append((doc["id"], name, claim[name]))
    assert missing == []


def test_examples_metadata_is_read_from_sidecars() -> None:
    document = pytest.importorskip("kb.document")
    for doc in _gold_lines(REPO / "examples" / "gold.jsonl"):
        report = document.read_document(REPO / "examples" / doc["file"])
        assert report.published is not None
        assert report.published.isoformat() == doc["published"]
        assert report.source_url == doc["source_url"]
        assert report.title == doc["title"]


def test_revision_pair_shares_its_url_and_differs_in_text() -> None:
    data = REPO / "tests" / "devset" / "data"
    assert check.check_gold(data / "gold.jsonl") == []
    v1, v2 = _gold_lines(data / "gold.jsonl")
    assert (v1["id"], v2["id"]) == ("revision_v1", "revision_v2")
    assert v1["source_url"] == v2["source_url"] is not None
    text1 = (data / v1["file"]).read_text(encoding="utf-8")
    text2 = (data / v2["file"]).read_text(encoding="utf-8")
    assert text1 != text2
    counts = [
        [c["quantity"]["value"] for c in d["deployments"] if not c.get("optional")]
        for d in (v1, v2)
    ]
    assert counts == [[4, 200], [6, 250]]
