"""Scoring extraction against a gold JSONL file (the format of ``corpus/seeds/gold.jsonl``).

Matching, per document, between predicted deployments and gold deployments:

* A claim's quantity is read as an integer interval ``[lo, hi]`` (``None`` = open end):
  exact ``[value, value]``; approximate ``[value, value]`` (the stated figure); at_least
  ``[min, None]``; at_most ``[None, max]``; range ``[min, max]``; vague and unspecified
  ``[None, None]``.
* **strict**: same item_class, same actor (display name, case-insensitive), same quantity
  ``min`` and ``max`` as written in the JSONL (``value`` too for approximate quantities,
  whose min/max are empty), and same location_name. Location names compare after
  case-folding, dropping accents, punctuation and generic words ("air base", "airfield",
  "port", "province", "governorate", "island", "sea"...), so "Hmeimim" = "Hmeimim Air Base" and
  "Hamadan" = "Hamadān"; ``None`` only equals ``None``.
* **lenient**: same item_class and overlapping quantity intervals (open ends overlap
  everything).
* Pairs are found greedily, gold tuples in file order, each taking the unused predicted
  claim that matches and agrees with it on the most fields (ties: the earliest); strict and
  lenient are matched separately.
* Gold tuples with ``"optional": true`` are neither rewarded nor penalised: they are not
  counted in recall, and a predicted claim that matches one (leniently) is dropped from the
  precision count instead of being a false positive.
* precision = TP / (predicted - matched-optional), recall = TP / required gold,
  F1 = harmonic mean (0 when both are 0).
* Per-field accuracy is measured on lenient pairs: the share of pairs where actor,
  item_model, quantity, location_name, country, status and attributed_to agree.
* ``not_deployments`` entries are phrases ("... -- reason"); a predicted claim is reported
  when its evidence sentence contains the quoted part (the text before " -- ") and its
  item text lies inside that quoted part.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FIELDS = ("actor", "item_model", "quantity", "location_name", "country", "status", "attributed_to")
_FACILITY_WORDS = re.compile(
    r"\b(?:air ?base|air ?field|airport|naval base|military base|army base|base|port|"
    r"harbou?r|governorate|province|oblast|region|county|prefecture|district|island|krai|"
    r"sea|ocean)\b"
)


class GoldError(Exception):
    """The gold file is unreadable or malformed."""


@dataclass
class Counts:
    tp: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else (1.0 if not self.gold else 0.0)

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "predicted": self.predicted,
            "gold": self.gold,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class Score:
    strict: Counts = field(default_factory=Counts)
    lenient: Counts = field(default_factory=Counts)
    field_hits: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    pairs: int = 0
    not_deployment_hits: list[dict[str, Any]] = field(default_factory=list)
    missed: list[dict[str, Any]] = field(default_factory=list)
    spurious: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "strict": self.strict.to_json(),
            "lenient": self.lenient.to_json(),
            "field_accuracy": {
                k: round(v / self.pairs, 4) if self.pairs else None
                for k, v in self.field_hits.items()
            },
            "matched_pairs": self.pairs,
            "not_deployment_hits": self.not_deployment_hits,
            "missed": self.missed,
            "spurious": self.spurious,
        }


def interval(q: dict[str, Any] | None) -> tuple[int | None, int | None]:
    q = q or {}
    qual = q.get("qualifier") or "unspecified"
    if qual in ("exact", "approximate"):
        v = q.get("value")
        if v is None:
            v = q.get("min") if q.get("min") is not None else q.get("max")
        return v, v
    if qual in ("at_least", "at_most", "range"):
        return q.get("min"), q.get("max")
    return None, None


def _overlap(a: tuple[int | None, int | None], b: tuple[int | None, int | None]) -> bool:
    lo = max((x for x in (a[0], b[0]) if x is not None), default=None)
    hi = min((x for x in (a[1], b[1]) if x is not None), default=None)
    return lo is None or hi is None or lo <= hi


def norm_name(name: Any) -> str | None:
    if name is None:
        return None
    s = unicodedata.normalize("NFKD", str(name))
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).casefold()
    s = _FACILITY_WORDS.sub(" ", s)
    s = re.sub(r"[^\w\s]", " ", s)
    return " ".join(s.split()) or None


def _same_quantity(g: dict[str, Any], p: dict[str, Any]) -> bool:
    g, p = g or {}, p or {}
    if (g.get("min"), g.get("max")) != (p.get("min"), p.get("max")):
        return False
    if (g.get("qualifier") == "approximate") or (p.get("qualifier") == "approximate"):
        return g.get("value") == p.get("value")
    return True


def strict_match(g: dict[str, Any], p: dict[str, Any]) -> bool:
    return (
        g.get("item_class") == p.get("item_class")
        and (g.get("actor") or "").casefold() == (p.get("actor") or "").casefold()
        and _same_quantity(g.get("quantity"), p.get("quantity"))
        and norm_name(g.get("location_name")) == norm_name(p.get("location_name"))
    )


def lenient_match(g: dict[str, Any], p: dict[str, Any]) -> bool:
    return g.get("item_class") == p.get("item_class") and _overlap(
        interval(g.get("quantity")), interval(p.get("quantity"))
    )


def _field_equal(name: str, g: dict[str, Any], p: dict[str, Any]) -> bool:
    if name == "quantity":
        return _same_quantity(g.get("quantity"), p.get("quantity")) and (
            (g.get("quantity") or {}).get("qualifier") == (p.get("quantity") or {}).get("qualifier")
        )
    if name == "location_name":
        return norm_name(g.get(name)) == norm_name(p.get(name))
    a, b = g.get(name), p.get(name)
    if isinstance(a, str) and isinstance(b, str):
        return a.casefold().strip() == b.casefold().strip()
    return a == b


def _agreement(g: dict[str, Any], p: dict[str, Any]) -> int:
    return sum(_field_equal(name, g, p) for name in FIELDS) + (
        g.get("item_text") == p.get("item_text")
    )


def _match(
    gold: list[dict[str, Any]], pred: list[dict[str, Any]], same: Callable[[dict, dict], bool]
) -> tuple[list[tuple[int, int]], set[int]]:
    """Greedy pairs (gold index, pred index) for required gold, then optional absorption."""
    used: set[int] = set()
    pairs = []
    for gi, g in enumerate(gold):
        if g.get("optional"):
            continue
        candidates = [pi for pi, p in enumerate(pred) if pi not in used and same(g, p)]
        if candidates:
            # the candidate agreeing on most fields (ties: the earliest)
            pi = max(candidates, key=lambda i: (_agreement(g, pred[i]), -i))
            used.add(pi)
            pairs.append((gi, pi))
    absorbed = set()
    for g in gold:
        if not g.get("optional"):
            continue
        for pi, p in enumerate(pred):
            if pi not in used and pi not in absorbed and lenient_match(g, p):
                absorbed.add(pi)
                break
    return pairs, absorbed


def score_document(
    gold_doc: dict[str, Any], pred_doc: dict[str, Any], score: Score | None = None
) -> Score:
    score = score or Score()
    gold = list(gold_doc.get("deployments") or [])
    pred = list(pred_doc.get("deployments") or [])
    required = sum(1 for g in gold if not g.get("optional"))
    for counts, same in ((score.strict, strict_match), (score.lenient, lenient_match)):
        pairs, absorbed = _match(gold, pred, same)
        counts.tp += len(pairs)
        counts.gold += required
        counts.predicted += len(pred) - len(absorbed)
        if same is lenient_match:
            score.pairs += len(pairs)
            for gi, pi in pairs:
                for name in FIELDS:
                    score.field_hits[name] += _field_equal(name, gold[gi], pred[pi])
        else:
            paired_gold = {gi for gi, _ in pairs}
            paired_pred = {pi for _, pi in pairs}
            doc = gold_doc.get("id")
            score.missed += [
                {"id": doc, **_brief(g)}
                for gi, g in enumerate(gold)
                if gi not in paired_gold and not g.get("optional")
            ]
            score.spurious += [
                {"id": doc, **_brief(p)}
                for pi, p in enumerate(pred)
                if pi not in paired_pred and pi not in absorbed
            ]
    for entry in gold_doc.get("not_deployments") or []:
        quote = str(entry).split(" -- ")[0].strip().casefold()
        for p in pred:
            sentence = ((p.get("sentence") or {}).get("text") or "").casefold()
            item = (p.get("item_text") or "").casefold()
            if quote and quote in sentence and item and item in quote:
                score.not_deployment_hits.append(
                    {
                        "id": gold_doc.get("id"),
                        "not_deployment": entry,
                        "item_text": p.get("item_text"),
                    }
                )
    return score


def _brief(d: dict[str, Any]) -> dict[str, Any]:
    return {k: d.get(k) for k in ("actor", "item_text", "item_class", "quantity", "location_name")}


def read_gold(path: str | Path) -> list[dict[str, Any]]:
    path = Path(path)
    if not path.is_file():
        raise GoldError(f"{path}: no such gold file")
    docs = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        raise GoldError(f"{path}: cannot read: {err}") from None
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            doc = json.loads(line)
        except json.JSONDecodeError as err:
            raise GoldError(f"{path}:{n}: invalid JSON ({err.msg})") from None
        if (
            not isinstance(doc, dict)
            or "id" not in doc
            or not isinstance(doc.get("deployments"), list)
        ):
            raise GoldError(f'{path}:{n}: each line needs "id" and a "deployments" list')
        docs.append(doc)
    return docs


def evaluate(
    gold_docs: Iterable[dict[str, Any]], predict: Callable[[dict[str, Any]], dict[str, Any]]
) -> Score:
    """Score ``predict(gold_doc) -> {"deployments": [...]}`` over every gold document."""
    score = Score()
    for doc in gold_docs:
        score_document(doc, predict(doc), score)
    return score
