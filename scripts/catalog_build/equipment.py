"""The SKOS equipment scheme from scripts/catalog_data/equipment.py."""

from __future__ import annotations

import collections
from types import ModuleType
from typing import Any

from catalog_build.common import (
    DCTERMS,
    RDF_TYPE,
    RDFS_LABEL,
    SCHEME_IRI,
    SLUG_OK,
    CatalogError,
    dedupe,
)
from catalog_build.turtle import Graph, en, plain
from kb.catalog import normalize_label
from kb.model import ITEM_CLASSES
from kb.namespaces import DKB, EQUIPMENT, SKOS


def notation_variants(notation: str) -> list[str]:
    """Spellings of a designation as news writes them: Su-27 -> Su27, Su 27."""
    out = []
    if "-" in notation:
        out += [notation.replace("-", ""), notation.replace("-", " ")]
    return out


def build_equipment(data: ModuleType) -> tuple[Graph, list[dict[str, Any]]]:
    tops = data.TOP_CONCEPTS
    if tuple(tops) != ITEM_CLASSES:
        raise CatalogError("TOP_CONCEPTS must list exactly kb.model.ITEM_CLASSES, in order")
    concepts: dict[str, dict[str, Any]] = {}
    for slug, (pref, alts) in tops.items():
        concepts[slug] = {
            "id": slug,
            "label": pref,
            "broader": None,
            "notation": None,
            "manufacturer": None,
            "alts": dedupe(list(alts), pref),
            "nato": [],
        }
    for row in data.CONCEPTS:
        slug, broader, pref, notation, maker, alts, nato = row
        if slug in concepts:
            raise CatalogError(f"equipment slug {slug!r} defined twice")
        if not SLUG_OK.match(slug):
            raise CatalogError(f"equipment slug {slug!r} is not a readable slug")
        labels = list(alts) + list(nato)
        if notation:
            labels += [notation, *notation_variants(notation)]
            if maker in data.BRANDS:
                labels.append(f"{data.BRANDS[maker]} {notation}")
                labels += [f"{data.BRANDS[maker]} {notation} {n}" for n in nato]
            labels += [f"{notation} {n}" for n in nato]
        concepts[slug] = {
            "id": slug,
            "label": pref,
            "broader": broader,
            "notation": notation,
            "manufacturer": maker,
            "alts": dedupe(labels, pref),
            "nato": list(nato),
        }
    for c in concepts.values():
        if c["broader"] is not None and c["broader"] not in concepts:
            raise CatalogError(f"equipment {c['id']!r}: unknown broader {c['broader']!r}")
    for c in concepts.values():
        c["item_class"] = _top_of(concepts, c["id"])
        c["model"] = model_name(c, data.MODEL_NAMES)
    _check_equipment_labels(concepts, data.DELIBERATE_AMBIGUITY)

    g = Graph()
    g.add(SCHEME_IRI, RDF_TYPE, str(SKOS) + "ConceptScheme")
    g.add(SCHEME_IRI, RDFS_LABEL, en("deploykb equipment and personnel types"))
    g.add(SCHEME_IRI, str(SKOS) + "prefLabel", en("deploykb equipment and personnel types"))
    g.add(
        SCHEME_IRI,
        DCTERMS + "description",
        en(
            "Types of military equipment, personnel and units that news reports say are deployed; "
            "the top concepts are the item classes of deploykb claims."
        ),
    )
    for c in concepts.values():
        iri = str(EQUIPMENT) + c["id"]
        g.add(iri, RDF_TYPE, str(SKOS) + "Concept")
        g.add(iri, RDF_TYPE, str(DKB) + "EquipmentType")
        g.add(iri, str(SKOS) + "inScheme", SCHEME_IRI)
        g.add(iri, str(SKOS) + "prefLabel", en(c["label"]))
        g.add(iri, RDFS_LABEL, en(c["label"]))
        for alt in c["alts"]:
            g.add(iri, str(SKOS) + "altLabel", en(alt))
        if c["broader"] is None:
            g.add(iri, str(SKOS) + "topConceptOf", SCHEME_IRI)
            g.add(SCHEME_IRI, str(SKOS) + "hasTopConcept", iri)
        else:
            g.add(iri, str(SKOS) + "broader", str(EQUIPMENT) + c["broader"])
        if c["notation"]:
            g.add(iri, str(SKOS) + "notation", plain(c["notation"]))
        if c["manufacturer"]:
            g.add(iri, str(DKB) + "manufacturer", plain(c["manufacturer"]))
    records = [
        {
            "id": c["id"],
            "label": c["label"],
            "item_class": c["item_class"],
            "model": c["model"],
            "labels": [c["label"], *c["alts"]],
            "broader": c["broader"],
            "manufacturer": c["manufacturer"],
            "nato_names": c["nato"],
        }
        for c in sorted(concepts.values(), key=lambda c: c["id"])
    ]
    return g, records


def model_name(concept: dict[str, Any], overrides: dict[str, str | None]) -> str | None:
    """The model as news names it ("Iskander", "Kilo-class", "Rafale"); None for a generic class
    ("howitzer"), a top concept, or a personnel or unit type. skos:notation keeps the technical
    designation ("9K720", "Project 636")."""
    if concept.get("broader") is None or concept["item_class"] in ("Personnel", "Unit"):
        return None
    if concept["id"] in overrides:
        return overrides[concept["id"]]
    labels = [concept["label"], *concept["alts"]]
    if concept["id"].endswith("-class"):
        return next((x for x in labels if x.endswith("-class")), concept["label"])
    if concept.get("notation"):
        return concept["notation"]
    if concept["label"][:1].islower():
        return None
    proper = sorted((x for x in labels if x[:1].isupper()), key=lambda x: (len(x), x))
    return proper[0] if proper else concept["label"]


def _top_of(concepts: dict[str, dict[str, Any]], slug: str) -> str:
    seen = []
    current = concepts[slug]
    while current["broader"] is not None:
        if current["id"] in seen:
            raise CatalogError(f"equipment {slug!r}: skos:broader cycle through {seen}")
        seen.append(current["id"])
        current = concepts[current["broader"]]
    return current["id"]


def _check_equipment_labels(concepts: dict[str, dict[str, Any]], allowed: dict[str, Any]) -> None:
    owners: dict[str, set[str]] = collections.defaultdict(set)
    for c in concepts.values():
        for label in [c["label"], *c["alts"]]:
            owners[normalize_label(label)].add(c["id"])
    allowed_keys = {normalize_label(k): set(v[0]) for k, v in allowed.items()}
    for key, ids in sorted(owners.items()):
        if len(ids) > 1 and allowed_keys.get(key) != ids:
            raise CatalogError(
                f"equipment label {key!r} is shared by {sorted(ids)}; make it unique or list it "
                "in DELIBERATE_AMBIGUITY"
            )
