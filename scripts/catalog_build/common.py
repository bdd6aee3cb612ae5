"""Constants and small pure helpers shared by the catalog builders."""

from __future__ import annotations

import re
import unicodedata

from kb.catalog import LETTER_FOLDS
from kb.namespaces import ACTOR, DKB, EQUIPMENT, GEO, PLACE, SCHEME, SKOS, WD

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
XSD = "http://www.w3.org/2001/XMLSchema#"
DCTERMS = "http://purl.org/dc/terms/"
SCHEME_IRI = str(SCHEME) + "equipment"

PREFIXES = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": XSD,
    "dcterms": DCTERMS,
    "skos": str(SKOS),
    "geo": str(GEO),
    "dkb": str(DKB),
    "wd": str(WD),
    "eq": str(EQUIPMENT),
    "pl": str(PLACE),
    "ac": str(ACTOR),
}

#: Wikidata ids verified from two independent sources (see ../shared/docs/modeling.md, section 3.1)
VERIFIED_QIDS = {
    ("place", "syria"): "Q858",
    ("place", "russia"): "Q159",
    ("place", "united-states"): "Q30",
    ("place", "latakia"): "Q200030",
    ("place", "tartus"): "Q174916",
    ("actor", "syria"): "Q858",
    ("actor", "russia"): "Q159",
    ("actor", "united-states"): "Q30",
}

MILITARY_AIRFIELD = re.compile(
    r"\b(air ?base|ab|air force base|afb|naval air station|nas|naval station|ns|air station|"
    r"army air ?field|aaf|mcas|military|base a[eé]rea|raf|joint base|naval|air force)\b",
    re.IGNORECASE,
)
ICAO_OK = re.compile(r"^[A-Z0-9]{4}$")
SLUG_OK = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9]$|^[A-Za-z0-9]$")


class CatalogError(Exception):
    """A problem in the curated data; reported as one line, exit status 1."""


# ---------------------------------------------------------------------------------------------
# small pure helpers
# ---------------------------------------------------------------------------------------------


def ascii_fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(LETTER_FOLDS))
    return (
        "".join(ch for ch in decomposed if not unicodedata.combining(ch))
        .encode("ascii", "ignore")
        .decode("ascii")
    )


def slugify(text: str) -> str:
    folded = ascii_fold(text).lower().replace("&", " and ")
    folded = re.sub(r"['\u2019.]", "", folded)
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")


def fmt_coord(value: float) -> str:
    text = f"{value:.5f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def wkt(lat: float, lon: float) -> str:
    return f"POINT({fmt_coord(lon)} {fmt_coord(lat)})"


def dedupe(labels: list[str], exclude: str | None = None) -> list[str]:
    """Labels in first-seen order, without exact duplicates, blanks or ``exclude``."""
    seen: set[str] = set()
    out = []
    for label in labels:
        label = " ".join(label.split())
        if not label or label == exclude or label in seen:
            continue
        seen.add(label)
        out.append(label)
    return out
