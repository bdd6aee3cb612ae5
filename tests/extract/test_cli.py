from __future__ import annotations

import json
import os
import subprocess
import sys

from click.testing import CliRunner

from kb.cli import cli


def test_extract_jsonl_one_object_per_document(tmp_path):
    (tmp_path / "one.txt").write_text("Russia has sent 40 tanks to Syria, officials said.")
    (tmp_path / "two.md").write_text("# T\n\nBritain deployed 120 soldiers to Estonia.")
    res = CliRunner().invoke(cli, ["extract", "--published", "2018-06-01", str(tmp_path)])
    assert res.exit_code == 0, res.output
    docs = [json.loads(line) for line in res.stdout.splitlines()]
    assert [d["id"] for d in docs] == ["one", "two"]
    assert docs[0]["published"] == "2018-06-01"
    assert docs[0]["deployments"][0]["item_class"] == "Tank"
    assert docs[0]["deployments"][0]["quantity"]["value"] == 40


def test_extract_bad_inputs_fail_with_one_line(tmp_path):
    (tmp_path / "e.txt").write_text("")
    res = CliRunner().invoke(cli, ["extract", str(tmp_path / "e.txt")])
    assert res.exit_code == 1
    assert res.stderr.strip().splitlines() == [f"error: {tmp_path / 'e.txt'}: the file is empty"]
    res = CliRunner().invoke(cli, ["extract", "--published", "2018-13-01", str(tmp_path)])
    assert res.exit_code == 2 and "invalid published date" in res.stderr


def test_eval_on_a_tiny_gold(tmp_path):
    (tmp_path / "a.txt").write_text("Russia has moved 12 tanks to Syria.")
    gold = {
        "id": "a",
        "deployments": [
            {
                "actor": "Russia",
                "item_class": "Tank",
                "location_name": None,
                "quantity": {"value": 12, "min": 12, "max": 12, "qualifier": "exact"},
            }
        ],
    }
    (tmp_path / "gold.jsonl").write_text(json.dumps(gold) + "\n")
    res = CliRunner().invoke(cli, ["eval", str(tmp_path / "gold.jsonl"), "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert out["strict"]["f1"] == 1.0
    res = CliRunner().invoke(cli, ["eval", str(tmp_path / "missing.jsonl")])
    assert res.exit_code == 2 and "no such gold file" in res.stderr


def test_extract_as_a_subprocess(tmp_path):
    (tmp_path / "s.txt").write_text("Two hundred marines were sent to the port of Tartus.")
    proc = subprocess.run(
        [sys.executable, "-m", "kb.cli", "extract", str(tmp_path / "s.txt")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["deployments"][0]["quantity"]["value"] == 200
    assert "publication date unknown" in proc.stderr


def test_output_does_not_depend_on_hash_seed(tmp_path):
    """Claim IRIs are content hashes: the same article must give the same claims in
    every process, whatever Python's string-hash randomisation."""
    (tmp_path / "d.txt").write_text(
        "Russia has deployed six Flanker fighter jets and four Hip helicopters to an air base "
        "near Latakia, a U.S. official said. The jets were seen at the base on Monday."
    )
    outputs = []
    for seed in ("1", "2"):
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "kb.cli",
                "extract",
                "--published",
                "2015-09-20",
                str(tmp_path / "d.txt"),
            ],
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        assert proc.returncode == 0, proc.stderr
        outputs.append(proc.stdout)
    assert outputs[0] == outputs[1]
    assert len(json.loads(outputs[0])["deployments"]) == 2
