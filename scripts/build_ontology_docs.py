"""Generate the HTML reference of the deploykb ontology with pyLODE.

    .venv/bin/python scripts/build_ontology_docs.py [--output ontology/docs/ontology.html]

Reads ontology/deploykb.ttl (through the ``ontology`` package, so it works from an installed
copy too) and writes one self-contained HTML page. Needs the ``docs`` extra (pylode).
Rerun after every change to the ontology and commit the output.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import ontology

DEFAULT_OUTPUT = Path(__file__).resolve().parents[1] / "ontology" / "docs" / "ontology.html"


def _import_ontpub():  # type: ignore[no-untyped-def]
    """pylode 3.4 reads its version from a pyproject.toml that the installed package lacks;
    give it the version from the installed metadata instead."""
    import importlib.metadata
    import types

    try:
        version = importlib.metadata.version("pylode")
    except importlib.metadata.PackageNotFoundError:
        sys.exit("build_ontology_docs: pylode is not installed (pip install -e '.[docs]')")
    if "pylode.version" not in sys.modules:
        shim = types.ModuleType("pylode.version")
        shim.__version__ = version  # type: ignore[attr-defined]
        sys.modules["pylode.version"] = shim
    from pylode import OntPub

    return OntPub


def build(output: Path) -> int:
    """Write the page; return its size in bytes."""
    OntPub = _import_ontpub()  # noqa: N806
    html = OntPub(ontology=str(ontology.path("deploykb.ttl")), sort_subjects=True).make_html()
    output.parent.mkdir(parents=True, exist_ok=True)
    tmp = output.with_suffix(".tmp")
    tmp.write_text(html, encoding="utf-8")
    tmp.replace(output)  # never leave a half-written page
    return len(html.encode("utf-8"))


def main() -> None:
    ap = argparse.ArgumentParser(description="Generate ontology/docs/ontology.html with pyLODE.")
    ap.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = ap.parse_args()
    size = build(args.output)
    print(f"wrote {args.output} ({size} bytes)")


if __name__ == "__main__":
    main()
