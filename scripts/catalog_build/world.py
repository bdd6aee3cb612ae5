"""World knowledge from the CSV tables in scripts/catalog_data/world/.

Services, ship prefixes, ship classes, named ships, designations, unit kinds, numbered fleets,
bases abroad and historical states: tables a domain expert edits and diffs. This module reads
them, checks every cross-reference (states, equipment concepts, places) and returns the
``world`` section of catalog.json that ``kb.world`` loads."""

from __future__ import annotations

import csv
from pathlib import Path
from types import ModuleType
from typing import Any

from catalog_build.common import CatalogError, slugify
from kb.catalog import normalize_label

#: columns each table must have (extra columns are an error too: a typo must not be ignored)
COLUMNS: dict[str, tuple[str, ...]] = {
    "services": ("label", "states", "branch", "note"),
    "ship_prefixes": ("prefix", "states", "meaning"),
    "ship_classes": ("class", "states", "type", "equipment", "alts"),
    "ships": ("name", "class", "state"),
    "designations": ("alias", "canonical", "kind"),
    "equipment_extra": ("slug", "broader", "label", "notation", "manufacturer", "alts", "nato"),
    "unit_kinds": ("head", "kind", "states", "note"),
    "numbered_fleets": ("number", "states", "note"),
    "bases_abroad": ("place", "host", "operators", "note"),
    "historical_states": ("slug", "label", "alt", "adjectives", "start", "end", "successor"),
}


def read_table(world_dir: Path, name: str) -> list[dict[str, str]]:
    """Rows of ``world_dir/name.csv`` as dicts, stripped; a clear error on a bad header."""
    path = world_dir / f"{name}.csv"
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            header = tuple(reader.fieldnames or ())
            if header != COLUMNS[name]:
                raise CatalogError(f"{path.name}: columns {header} should be {COLUMNS[name]}")
            rows = []
            for lineno, row in enumerate(reader, start=2):
                if None in row or any(v is None for v in row.values()):
                    raise CatalogError(f"{path.name}:{lineno}: wrong number of fields")
                rows.append({k: v.strip() for k, v in row.items()})
            return rows
    except FileNotFoundError:
        raise CatalogError(f"missing world table {path}") from None


def _split(value: str, sep: str = ";") -> list[str]:
    return [x.strip() for x in value.split(sep) if x.strip()]


def historical_states(world_dir: Path) -> list[dict[str, Any]]:
    """The historical states as ``actors.py`` HISTORICAL_STATES entries (plus their periods)."""
    out = []
    for row in read_table(world_dir, "historical_states"):
        start, end = int(row["start"]), int(row["end"])
        if start >= end:
            raise CatalogError(f"historical state {row['slug']}: start {start} >= end {end}")
        out.append(
            {
                "slug": row["slug"],
                "label": row["label"],
                "alt": _split(row["alt"]),
                "adjectives": _split(row["adjectives"]),
                "start": start,
                "end": end,
                "successor": row["successor"],
            }
        )
    return out


def extend_equipment(edata: ModuleType, world_dir: Path) -> None:
    """Add the extra concepts (R-12, S-75...) and one concept per ship class not yet in the
    scheme to ``edata.CONCEPTS`` (a fresh list: the module's own list is not mutated)."""
    concepts = list(edata.CONCEPTS)
    known = {row[0] for row in concepts} | set(edata.TOP_CONCEPTS)
    labels = {row[2]: row[0] for row in concepts}
    for row in read_table(world_dir, "equipment_extra"):
        if row["slug"] in known:
            raise CatalogError(f"equipment_extra.csv: {row['slug']} already in equipment.py")
        concepts.append(
            (
                row["slug"],
                row["broader"],
                row["label"],
                row["notation"] or None,
                row["manufacturer"] or None,
                _split(row["alts"]),
                _split(row["nato"]),
            )
        )
        known.add(row["slug"])
    for row in read_table(world_dir, "ship_classes"):
        if row["equipment"]:
            if row["equipment"] not in known:
                raise CatalogError(
                    f"ship_classes.csv: {row['class']}: unknown equipment {row['equipment']!r}"
                )
            continue
        slug = slugify(row["class"]) + "-class"
        if slug in known:
            raise CatalogError(f"ship_classes.csv: {row['class']}: name the existing {slug}")
        type_label = next((r[2] for r in concepts if r[0] == row["type"]), None)
        if type_label is None:
            raise CatalogError(f"ship_classes.csv: {row['class']}: unknown type {row['type']!r}")
        pref = f"{row['class']}-class {type_label}"
        if pref in labels:
            pref = f"{row['class']}-class {type_label} ({row['states'].split()[0]})"
        alts = [f"{row['class']}-class"]
        for alt in _split(row["alts"]):
            alts += [alt, f"{alt} {type_label}"] if alt.startswith("Type ") else [f"{alt}-class"]
        concepts.append((slug, row["type"], pref, None, None, alts, []))
        known.add(slug)
    edata.CONCEPTS = concepts


def build_world(
    world_dir: Path,
    eq_records: list[dict[str, Any]],
    pl_records: list[dict[str, Any]],
    ac_records: list[dict[str, Any]],
) -> dict[str, Any]:
    """The ``world`` section of catalog.json, every reference checked."""
    iso_to_actor = {
        p["country_code"]: p["id"]
        for p in pl_records
        if p["kind"] == "Country" and p.get("country_code")
    }
    actor_ids = {a["id"] for a in ac_records}

    def states(value: str, where: str, *, allow_empty: bool = True) -> list[str]:
        out = []
        for code in value.split():
            actor = iso_to_actor.get(code) if code.isupper() and len(code) == 2 else code
            if actor is None or actor not in actor_ids:
                raise CatalogError(f"{where}: unknown state {code!r}")
            out.append(actor)
        if not out and not allow_empty:
            raise CatalogError(f"{where}: no state given")
        return out

    eq_by_id = {e["id"]: e for e in eq_records}
    eq_by_label: dict[str, set[str]] = {}
    for e in eq_records:
        for label in e["labels"]:
            eq_by_label.setdefault(normalize_label(label), set()).add(e["id"])

    services = [
        {
            "label": r["label"],
            "states": states(r["states"], f"services.csv {r['label']}", allow_empty=False),
            "branch": r["branch"],
        }
        for r in read_table(world_dir, "services")
    ]
    _unique([s["label"] for s in services], "services.csv")
    prefixes = [
        {"prefix": r["prefix"], "states": states(r["states"], f"ship_prefixes.csv {r['prefix']}")}
        for r in read_table(world_dir, "ship_prefixes")
    ]
    _unique([p["prefix"] for p in prefixes], "ship_prefixes.csv")
    classes = []
    for r in read_table(world_dir, "ship_classes"):
        slug = r["equipment"] or slugify(r["class"]) + "-class"
        classes.append(
            {
                "class": r["class"],
                "equipment": slug,
                "item_class": eq_by_id[slug]["item_class"],
                "states": states(r["states"], f"ship_classes.csv {r['class']}"),
                "alts": _split(r["alts"]),
            }
        )
    _unique([c["class"] for c in classes], "ship_classes.csv")
    by_class = {c["class"]: c for c in classes}
    taken = {normalize_label(x) for p in pl_records for x in p["labels"]}
    taken |= {normalize_label(x) for a in ac_records for x in a["labels"] + a["adjectives"]}
    ships = []
    names: dict[str, int] = {}
    rows = read_table(world_dir, "ships")
    for r in rows:
        names[normalize_label(r["name"])] = names.get(normalize_label(r["name"]), 0) + 1
    seen = set()
    for r in rows:
        where = f"ships.csv {r['name']}"
        if r["class"] not in by_class:
            raise CatalogError(f"{where}: unknown class {r['class']!r}")
        (state,) = states(r["state"], where, allow_empty=False)
        if state not in by_class[r["class"]]["states"]:
            raise CatalogError(f"{where}: {state} does not operate the {r['class']} class")
        if (r["name"], state) in seen:
            raise CatalogError(f"{where}: listed twice for {state}")
        seen.add((r["name"], state))
        key = normalize_label(r["name"])
        # a bare name ("Admiral Kuznetsov") names the ship only when it is several words long,
        # names one ship, and is no place, actor or equipment label ("New Mexico", "Kazan")
        own = {by_class[r["class"]]["equipment"]}
        bare = (
            len(r["name"].split()) > 1
            and names[key] == 1
            and key not in taken
            and eq_by_label.get(key, own) == own
        )
        ships.append({"name": r["name"], "class": r["class"], "state": state, "bare": bare})
    designations = []
    for r in read_table(world_dir, "designations"):
        target = eq_by_label.get(normalize_label(r["canonical"]), set())
        if len(target) != 1:
            raise CatalogError(
                f"designations.csv {r['alias']}: canonical {r['canonical']!r} names "
                f"{sorted(target) or 'no concept'}"
            )
        (eid,) = target
        other = eq_by_label.get(normalize_label(r["alias"]), set()) - {eid}
        if other:
            raise CatalogError(f"designations.csv {r['alias']}: also labels {sorted(other)}")
        designations.append({"alias": r["alias"], "equipment": eid, "kind": r["kind"]})
    _unique([d["alias"] for d in designations], "designations.csv")
    units = [
        {"head": r["head"], "kind": r["kind"], "states": states(r["states"], f"unit {r['head']}")}
        for r in read_table(world_dir, "unit_kinds")
    ]
    _unique([u["head"] for u in units], "unit_kinds.csv")
    fleets = [
        {"number": r["number"], "states": states(r["states"], f"fleet {r['number']}")}
        for r in read_table(world_dir, "numbered_fleets")
    ]
    place_ids: dict[str, list[str]] = {}
    for p in pl_records:
        for label in p["labels"]:
            place_ids.setdefault(normalize_label(label), []).append(p["id"])
    bases = []
    for r in read_table(world_dir, "bases_abroad"):
        where = f"bases_abroad.csv {r['place']}"
        bases.append(
            {
                "place": r["place"],
                "place_ids": sorted(set(place_ids.get(normalize_label(r["place"]), []))),
                "host": (states(r["host"], where) or [None])[0],
                "operators": states(r["operators"], where, allow_empty=False),
            }
        )
    _unique([b["place"] for b in bases], "bases_abroad.csv")
    history = []
    for h in historical_states(world_dir):
        (successor,) = states(h["successor"], f"historical_states.csv {h['slug']}")
        history.append(
            {"id": h["slug"], "start": h["start"], "end": h["end"], "successor": successor}
        )
    return {
        "services": services,
        "ship_prefixes": prefixes,
        "ship_classes": classes,
        "ships": ships,
        "designations": designations,
        "unit_kinds": units,
        "numbered_fleets": fleets,
        "bases_abroad": bases,
        "historical_states": history,
    }


def _unique(keys: list[str], where: str) -> None:
    seen: set[str] = set()
    for key in keys:
        norm = normalize_label(key)
        if norm in seen:
            raise CatalogError(f"{where}: {key!r} listed twice")
        seen.add(norm)
