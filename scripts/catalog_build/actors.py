"""Actors: states, historical states, alliances, armed forces, non-state groups."""

from __future__ import annotations

import collections
from types import ModuleType
from typing import Any

from catalog_build.common import RDF_TYPE, RDFS_LABEL, SLUG_OK, VERIFIED_QIDS, CatalogError, dedupe
from catalog_build.turtle import Graph, en, plain
from kb.namespaces import ACTOR, DKB, PLACE, SKOS, WD


def build_actors(
    adata: ModuleType, place_records: list[dict[str, Any]]
) -> tuple[Graph, list[dict[str, Any]]]:
    countries = {r["country_code"]: r for r in place_records if r["kind"] == "Country"}
    g = Graph()
    records: list[dict[str, Any]] = []
    state_slug: dict[str, str] = {}

    def emit(
        slug: str,
        kind: str,
        label: str,
        alts: list[str],
        adjectives: list[str],
        extra: dict[str, Any],
    ) -> None:
        if not SLUG_OK.match(slug):
            raise CatalogError(f"actor slug {slug!r} is not a readable slug")
        if any(r["id"] == slug for r in records):
            raise CatalogError(f"actor slug {slug!r} used twice")
        iri = str(ACTOR) + slug
        g.add(iri, RDF_TYPE, str(DKB) + "Actor")
        g.add(iri, RDF_TYPE, str(DKB) + kind)
        g.add(iri, RDFS_LABEL, en(label))
        for alt in alts:
            g.add(iri, str(SKOS) + "altLabel", en(alt))
        for adj in adjectives:
            g.add(iri, str(DKB) + "adjective", plain(adj))
        if extra.get("territory"):
            g.add(iri, str(DKB) + "territory", str(PLACE) + extra["territory"])
        if kind == "ArmedForce" and extra.get("state"):
            g.add(iri, str(DKB) + "armedForceOf", str(ACTOR) + extra["state"])
        for alliance in extra.get("member_of", []):
            g.add(iri, str(DKB) + "memberOf", str(ACTOR) + alliance)
        qid = VERIFIED_QIDS.get(("actor", slug))
        if qid:
            g.add(iri, str(SKOS) + "exactMatch", str(WD) + qid)
        records.append(
            {
                "id": slug,
                "name": label,
                "kind": kind,
                "adjectives": adjectives,
                "labels": [label, *alts],
                "territory": extra.get("territory"),
                "state": extra.get("state"),
                "members": extra.get("members", []),
            }
        )

    membership: dict[str, list[str]] = collections.defaultdict(list)
    for alliance in adata.ALLIANCES:
        for iso in alliance["members"].split():
            membership[iso].append(alliance["slug"])
    for iso in sorted(adata.ADJECTIVES):
        if iso not in countries:
            raise CatalogError(f"ADJECTIVES: {iso} is not a catalog country")
        country = countries[iso]
        slug = country["id"]
        state_slug[iso] = slug
        alts = dedupe(
            [*country["labels"][1:], *adata.COUNTRY_ALT_NAMES.get(iso, [])], country["name"]
        )
        emit(
            slug,
            "State",
            country["name"],
            alts,
            dedupe(adata.ADJECTIVES[iso]),
            {"territory": slug, "state": slug, "member_of": sorted(membership.get(iso, []))},
        )
    for alliance in adata.ALLIANCES:
        members = [state_slug[iso] for iso in alliance["members"].split()]
        emit(
            alliance["slug"],
            "Alliance",
            alliance["label"],
            dedupe(alliance["alt"], alliance["label"]),
            dedupe(alliance["adjectives"]),
            {"members": sorted(members)},
        )
    for force in adata.ARMED_FORCES:
        if force["state"] not in state_slug:
            raise CatalogError(f"armed force {force['slug']}: unknown state {force['state']}")
        emit(
            force["slug"],
            "ArmedForce",
            force["label"],
            dedupe(force["alt"], force["label"]),
            [],
            {"state": state_slug[force["state"]]},
        )
    for state in adata.HISTORICAL_STATES:
        emit(
            state["slug"],
            "State",
            state["label"],
            dedupe(state["alt"], state["label"]),
            dedupe(state["adjectives"]),
            {"state": state["slug"]},
        )
    for alliance in adata.HISTORICAL_ALLIANCES:
        emit(
            alliance["slug"],
            "Alliance",
            alliance["label"],
            dedupe(alliance["alt"], alliance["label"]),
            dedupe(alliance["adjectives"]),
            {},
        )
    for force in adata.HISTORICAL_ARMED_FORCES:
        emit(
            force["slug"],
            "ArmedForce",
            force["label"],
            dedupe(force["alt"], force["label"]),
            [],
            {"state": force["state"]},
        )
    for group in adata.NON_STATE_GROUPS:
        emit(
            group["slug"],
            "ArmedForce",
            group["label"],
            dedupe(group["alt"], group["label"]),
            dedupe(group["adjectives"]),
            {},
        )
    records.sort(key=lambda r: r["id"])
    return g, records
