"""Validate a gold file in the seeds' format (``gold.jsonl``) against its text files.

Usage: ``python devset/check.py devset/gold.jsonl [--texts DIR]`` (DIR defaults to the gold
file's directory). Prints one line per problem and exits 1 if there is any, 0 otherwise.

What is checked, line by line:
* the article text is the file (a ``.json`` article's "text"; an ``.html`` one without tags);
* the JSON parses, ids are unique, ``file`` exists and ``id`` is its name without extension;
* metadata: title/publisher strings, authors a list of strings, ``published`` YYYY-MM-DD or
  null, and a ``NAME.meta.json`` sidecar (when present) agrees with the gold metadata;
* every deployment has exactly the gold fields, with ``item_class`` in ``ITEM_CLASSES``,
  ``status`` in ``STATUSES`` and a quantity that follows the qualifier conventions;
* ``item_text``, ``location_text`` and ``attributed_to`` occur verbatim in the text (up to
  whitespace: web copy has no-break spaces), and so does the quoted part (before `` -- ``) of every ``not_deployments`` entry.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any

from kb.model import ITEM_CLASSES, QUALIFIERS, STATUSES

DOC_FIELDS = {
    "id",
    "file",
    "title",
    "publisher",
    "authors",
    "published",
    "source_url",
    "deployments",
    "not_deployments",
}
REQUIRED_CLAIM_FIELDS = {
    "actor",
    "item_text",
    "item_class",
    "item_model",
    "quantity",
    "location_text",
    "location_name",
    "country",
    "attributed_to",
    "status",
}
OPTIONAL_CLAIM_FIELDS = {"optional", "note"}
META_FIELDS = ("title", "publisher", "authors", "published", "source_url")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
WHITESPACE_RE = re.compile(r"\s+")
TAG_RE = re.compile(r"<[^>]*>")


def _known_model_classes() -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """Prefer the project's own enumerations; fall back to the copies above outside the repo."""
    try:
        from kb.model import ITEM_CLASSES as classes
        from kb.model import QUALIFIERS as qualifiers
        from kb.model import STATUSES as statuses
    except ImportError:
        return ITEM_CLASSES, QUALIFIERS, STATUSES
    return tuple(classes), tuple(qualifiers), tuple(statuses)


def check_quantity(q: Any) -> list[str]:
    """Problems with one quantity object under the gold conventions (empty when fine)."""
    if not isinstance(q, dict):
        return ["quantity is not an object"]
    if set(q) != {"value", "min", "max", "qualifier"}:
        return [f"quantity keys {sorted(q)} != ['max', 'min', 'qualifier', 'value']"]
    qual, value, lo, hi = q["qualifier"], q["value"], q["min"], q["max"]
    _, qualifiers, _ = _known_model_classes()
    if qual not in qualifiers:
        return [f"unknown qualifier {qual!r}"]
    for name, n in (("value", value), ("min", lo), ("max", hi)):
        if n is not None and (not isinstance(n, int) or isinstance(n, bool) or n < 0):
            return [f"quantity {name} {n!r} is not a non-negative integer or null"]
    problems = []
    if qual == "exact" and not (value is not None and value == lo == hi):
        problems.append("exact quantity needs value == min == max")
    elif qual == "approximate" and not (value is not None and lo is None and hi is None):
        problems.append("approximate quantity needs value only (min and max null)")
    elif qual == "at_least" and not (lo is not None and hi is None and value in (None, lo)):
        problems.append("at_least quantity needs min, max null (value null or == min)")
    elif qual == "at_most" and not (hi is not None and lo is None and value is None):
        problems.append("at_most quantity needs max only (value and min null)")
    elif qual == "range" and not (lo is not None and hi is not None and value is None and lo < hi):
        problems.append("range quantity needs min < max and value null")
    elif qual in ("vague", "unspecified") and not (value is None and lo is None and hi is None):
        problems.append(f"{qual} quantity needs value, min and max all null")
    return problems


def load_text(path: Path) -> str:
    """The article text of a gold file: ``.json`` gives its "text", ``.html`` loses its tags."""
    raw = path.read_text(encoding="utf-8")
    suffix = path.suffix.lower()
    if suffix == ".json":
        obj = json.loads(raw)
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
            raise ValueError('a JSON article must be an object with a "text" string')
        return obj["text"]
    if suffix in (".html", ".htm"):
        return html.unescape(TAG_RE.sub(" ", raw))
    return raw


def normalise(text: str) -> str:
    """NFC with every whitespace run (incl. no-break spaces and newlines) as one space."""
    return WHITESPACE_RE.sub(" ", unicodedata.normalize("NFC", text))


def occurs(phrase: str, text: str) -> bool:
    """Whether ``phrase`` occurs in ``text``, verbatim up to whitespace (web copy has NBSPs)."""
    return normalise(phrase) in normalise(text)


def _verbatim(label: str, phrase: Any, text: str) -> list[str]:
    if phrase is None:
        return []
    if not isinstance(phrase, str) or not phrase.strip():
        return [f"{label} must be a non-empty string or null"]
    if not occurs(phrase, text):
        return [f"{label} {phrase!r} does not occur verbatim in the text"]
    return []


def check_claim(claim: Any, text: str) -> list[str]:
    """Problems with one deployment (or nothing) of a document whose text is ``text``."""
    if not isinstance(claim, dict):
        return ["deployment is not an object"]
    missing = REQUIRED_CLAIM_FIELDS - set(claim)
    extra = set(claim) - REQUIRED_CLAIM_FIELDS - OPTIONAL_CLAIM_FIELDS
    problems = []
    if missing:
        problems.append(f"missing fields {sorted(missing)}")
    if extra:
        problems.append(f"unknown fields {sorted(extra)}")
    if missing:
        return problems
    classes, _, statuses = _known_model_classes()
    if claim["item_class"] not in classes:
        problems.append(f"item_class {claim['item_class']!r} is not one of ITEM_CLASSES")
    if claim["status"] not in statuses:
        problems.append(f"status {claim['status']!r} is not one of STATUSES")
    for name in ("actor", "item_model", "location_name", "country"):
        val = claim[name]
        if val is not None and (not isinstance(val, str) or not val.strip()):
            problems.append(f"{name} must be a non-empty string or null")
    if "optional" in claim and not isinstance(claim["optional"], bool):
        problems.append("optional must be true or false")
    if "note" in claim and not isinstance(claim["note"], str):
        problems.append("note must be a string")
    if claim["item_text"] is None:
        problems.append("item_text is required")
    if claim["location_text"] is None and claim["location_name"] is not None:
        problems.append("location_name given without location_text")
    problems += check_quantity(claim["quantity"])
    problems += _verbatim("item_text", claim["item_text"], text)
    problems += _verbatim("location_text", claim["location_text"], text)
    problems += _verbatim("attributed_to", claim["attributed_to"], text)
    return problems


def _check_metadata(doc: dict[str, Any], sidecar: Path) -> list[str]:
    problems = []
    for name in ("title", "publisher", "source_url"):
        if doc[name] is not None and not isinstance(doc[name], str):
            problems.append(f"{name} must be a string or null")
    authors = doc["authors"]
    if not isinstance(authors, list) or not all(isinstance(a, str) for a in authors):
        problems.append("authors must be a list of strings")
    published = doc["published"]
    if published is not None:
        try:
            if not isinstance(published, str) or not DATE_RE.match(published):
                raise ValueError
            date.fromisoformat(published)
        except ValueError:
            problems.append(f"published {published!r} is not a YYYY-MM-DD date")
    if sidecar.is_file():
        try:
            meta = json.loads(sidecar.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError) as exc:
            return problems + [f"{sidecar.name} is not valid JSON ({exc})"]
        for name in META_FIELDS:
            if name in meta and meta[name] != doc[name]:
                problems.append(f"{sidecar.name} {name} {meta[name]!r} != gold {doc[name]!r}")
    return problems


def check_document(doc: Any, texts_dir: Path) -> list[str]:
    """Problems with one gold line (a parsed JSON object)."""
    if not isinstance(doc, dict):
        return ["line is not a JSON object"]
    missing = DOC_FIELDS - set(doc)
    if missing:
        return [f"missing fields {sorted(missing)}"]
    problems = [f"unknown fields {sorted(set(doc) - DOC_FIELDS)}"] if set(doc) - DOC_FIELDS else []
    path = texts_dir / str(doc["file"])
    if not path.is_file():
        return problems + [f"file {doc['file']!r} not found in {texts_dir}"]
    if doc["id"] != path.stem:
        problems.append(f"id {doc['id']!r} is not the file name without extension")
    try:
        text = load_text(path)
    except (ValueError, UnicodeDecodeError) as exc:
        return problems + [f"file {doc['file']!r} cannot be read ({exc})"]
    problems += _check_metadata(doc, texts_dir / f"{path.stem}.meta.json")
    claims = doc["deployments"]
    if not isinstance(claims, list):
        return problems + ["deployments must be a list"]
    for i, claim in enumerate(claims):
        problems += [f"deployment {i}: {p}" for p in check_claim(claim, text)]
    negatives = doc["not_deployments"]
    if not isinstance(negatives, list) or not all(isinstance(n, str) for n in negatives):
        return problems + ["not_deployments must be a list of strings"]
    for i, neg in enumerate(negatives):
        quoted = neg.split(" -- ", 1)[0]
        if " -- " not in neg:
            problems.append(f"not_deployments {i}: no ' -- ' between the quote and the reason")
        elif not occurs(quoted, text):
            problems.append(f"not_deployments {i}: {quoted!r} does not occur verbatim")
    return problems


def check_gold(gold: Path, texts_dir: Path | None = None) -> list[str]:
    """Every problem in a gold file, each prefixed with ``gold:line``; empty when it is clean."""
    texts_dir = texts_dir or gold.parent
    problems: list[str] = []
    seen: set[str] = set()
    lines = gold.read_text(encoding="utf-8").splitlines()
    if not any(line.strip() for line in lines):
        return [f"{gold}: no gold lines"]
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{gold.name}:{n}"
        try:
            doc = json.loads(line)
        except ValueError as exc:
            problems.append(f"{where}: invalid JSON ({exc})")
            continue
        if isinstance(doc, dict) and "id" in doc:
            where += f" ({doc['id']})"
            if doc["id"] in seen:
                problems.append(f"{where}: duplicate id")
            seen.add(doc["id"])
        problems += [f"{where}: {p}" for p in check_document(doc, texts_dir)]
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Validate a deploykb gold.jsonl file.")
    parser.add_argument("gold", type=Path, help="the gold.jsonl file")
    parser.add_argument("--texts", type=Path, help="directory of the text files")
    args = parser.parse_args(argv)
    if not args.gold.is_file():
        print(f"error: {args.gold}: no such file", file=sys.stderr)
        return 2
    problems = check_gold(args.gold, args.texts)
    for problem in problems:
        print(problem)
    n_lines = sum(1 for line in args.gold.read_text(encoding="utf-8").splitlines() if line.strip())
    print(f"{args.gold}: {n_lines} documents, {len(problems)} problems", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
