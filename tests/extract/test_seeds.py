"""The two seed articles: strict F1 1.0 on required tuples, nothing from not_deployments."""

from __future__ import annotations

from kb.document import read_document
from kb.evaluate import read_gold, score_document
from kb.extract import extract


def test_seed_articles(seeds_dir, catalog):
    total = None
    for doc in read_gold(seeds_dir / "gold.jsonl"):
        report = read_document(seeds_dir / doc["file"])
        result = extract(report, catalog)
        for c in result.claims:
            assert report.text[c.mention.start : c.mention.end] == c.mention.text
        total = score_document(doc, result.to_json(), total)
    assert total.not_deployment_hits == []
    assert total.strict.f1 == 1.0, (total.missed, total.spurious)


def test_seed_details(seeds_dir, catalog):
    report = read_document(seeds_dir / "000_a2d0381e335529cf.txt")
    claims = extract(report, catalog).claims
    su27 = next(c for c in claims if c.item_model == "Su-27")
    # corroborated by a second official, without a new claim
    assert len(su27.attributions) == 2 and su27.corroborations
    report = read_document(seeds_dir / "004_7faf3841710feb4d.txt")
    claims = extract(report, catalog).claims
    earlier = [c for c in claims if c.superseded_by is not None]
    assert len(earlier) == 1
    assert claims[earlier[0].superseded_by].quantity.max == 500
