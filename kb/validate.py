"""The SHACL gate: a report graph is stored only if it conforms to ``ontology/shapes.ttl``.

Shapes are parsed once per process. Catalog membership (an asset is a concept of the
equipment scheme, a place is a ``dkb:Place``, an actor a ``dkb:Actor``) is checked without
passing the whole catalog to pySHACL (as ``ont_graph`` it is ignored except for OWL/RDFS
axioms; merged into the data it is ~17x slower): only the catalog facts
(``rdf:type``, ``skos:inScheme``) of the catalog IRIs the report references are added to the
data graph. The report shapes read nothing else of catalog nodes, so the verdict equals a
validation against the full catalog (given a catalog that itself conforms to the catalog shapes,
which ``validate_catalog`` checks).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pyshacl
from pyshacl.graph_abstraction import DataGraph
from rdflib import RDF, XSD, BNode, Graph, Literal, URIRef
from rdflib.namespace import SH
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.term import Node

import ontology
from kb.namespaces import DCTERMS, SKOS

SHAPES_NS = "https://w3id.org/deploykb/shapes#"
CATALOG_SHAPES = URIRef(SHAPES_NS + "CatalogShapes")
#: the catalog facts the report shapes look at
MEMBERSHIP_PREDICATES = (RDF.type, SKOS.inScheme)


@dataclass
class ValidationResult:
    conforms: bool
    report_text: str
    #: the SHACL validation report (serialisable with ``.serialize(format="turtle")``)
    report_graph: Graph
    #: the graph that was validated, when known (a report graph IRI)
    graph_iri: str | None = None

    def violations(self) -> list[dict[str, str]]:
        """One dict per sh:ValidationResult: focus, path, value, component, message."""
        rows = []
        for result in self.report_graph.subjects(RDF.type, SH.ValidationResult):

            def one(prop: URIRef, result: Node = result) -> str:
                value = self.report_graph.value(result, prop)
                return "" if value is None else str(value)

            rows.append(
                {
                    "focus": one(SH.focusNode),
                    "path": one(SH.resultPath),
                    "value": one(SH.value),
                    "component": one(SH.sourceConstraintComponent),
                    "message": one(SH.resultMessage),
                    "severity": one(SH.resultSeverity),
                }
            )
        return sorted(rows, key=lambda r: (r["focus"], r["path"], r["component"]))

    def summary(self, limit: int = 5) -> str:
        """A short human-readable list of the first violations."""
        if self.conforms:
            return "conforms"
        rows = self.violations()
        lines = [
            f"{r['focus']} {r['path'] or '-'}: {r['message'] or r['component']}"
            for r in rows[:limit]
        ]
        if len(rows) > limit:
            lines.append(f"... and {len(rows) - limit} more")
        return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# Shapes (parsed once)
# --------------------------------------------------------------------------------------------


def _closure(graph: Graph, roots: Iterable[Node]) -> set[Node]:
    """The roots and every blank node reachable from them (a shape and its property shapes)."""
    seen: set[Node] = set()
    todo = list(roots)
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        for obj in graph.objects(node, None):
            if isinstance(obj, BNode) and obj not in seen:
                todo.append(obj)
    return seen


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    """Every shape of ``ontology/shapes.ttl`` (report and catalog shapes)."""
    g = Graph()
    g.parse(ontology.path("shapes.ttl"), format="turtle")
    return g


@lru_cache(maxsize=1)
def report_shapes_graph() -> Graph:
    """The shapes checked on report graphs: ``shapes.ttl`` minus the catalog shapes."""
    full = shapes_graph()
    drop = _closure(full, full.subjects(DCTERMS.isPartOf, CATALOG_SHAPES))
    g = Graph()
    for prefix, ns in full.namespaces():
        g.bind(prefix, ns, override=True)
    for triple in full:
        if triple[0] not in drop:
            g.add(triple)
    return g


# --------------------------------------------------------------------------------------------
# Catalog facts
# --------------------------------------------------------------------------------------------


class CatalogFacts:
    """The membership facts of every catalog IRI, indexed by subject."""

    def __init__(self, graph: Graph) -> None:
        self._facts: dict[Node, list[tuple[Node, Node]]] = {}
        for pred in MEMBERSHIP_PREDICATES:
            for s, o in graph.subject_objects(pred):
                if isinstance(s, URIRef):
                    self._facts.setdefault(s, []).append((pred, o))

    @classmethod
    def from_files(cls, files: Iterable[Path]) -> CatalogFacts:
        """Read only the membership triples of Turtle files (parsed by pyoxigraph: fast)."""
        import pyoxigraph as ox

        wanted = {str(p) for p in MEMBERSHIP_PREDICATES}
        g = Graph()
        for f in files:
            for triple in ox.parse(path=str(f), format=ox.RdfFormat.TURTLE):
                if triple.predicate.value in wanted:
                    g.add(
                        (
                            oxigraph_term_to_rdflib(triple.subject),
                            URIRef(triple.predicate.value),
                            oxigraph_term_to_rdflib(triple.object),
                        )
                    )
        return cls(g)

    def __len__(self) -> int:
        return len(self._facts)

    def __contains__(self, node: object) -> bool:
        return node in self._facts

    def facts_for(self, graph: Graph) -> Iterator[tuple[Node, Node, Node]]:
        """The catalog triples about every IRI that ``graph`` mentions as an object."""
        seen: set[Node] = set()
        for obj in graph.objects():
            if obj in seen or not isinstance(obj, URIRef):
                continue
            seen.add(obj)
            for pred, value in self._facts.get(obj, ()):
                yield (obj, pred, value)


@lru_cache(maxsize=1)
def default_catalog() -> CatalogFacts:
    """Membership facts of the shipped catalog (``ontology/catalog/*.ttl``), loaded once."""
    return CatalogFacts.from_files(ontology.catalog_files())


# --------------------------------------------------------------------------------------------
# Validation
# --------------------------------------------------------------------------------------------


@lru_cache(maxsize=256)
def _prepared(query_text: str) -> Query:
    return prepareQuery(query_text)


class _PreparedQueryGraph(Graph):
    """An rdflib Graph that parses each distinct SPARQL text once.

    pySHACL runs every SHACL-SPARQL constraint once per focus node with the same text and a
    different ``$this`` binding; rdflib would parse the text every time (~15 ms each).
    """

    def query(  # type: ignore[no-untyped-def,override]
        self,
        query_object,
        processor="sparql",
        result="sparql",
        initNs=None,  # noqa: N803
        initBindings=None,  # noqa: N803
        use_store_provided=True,
        **kwargs,
    ):
        if isinstance(query_object, str) and not initNs:
            query_object = _prepared(query_object)
        return super().query(
            query_object, processor, result, initNs, initBindings, use_store_provided, **kwargs
        )


#: pySHACL and rdflib's prepared queries are not thread-safe over shared shapes and cached
#: algebra (verdicts differed under concurrent use). Validation is pure Python and holds the
#: GIL anyway, so serialising it costs no throughput; processes (``ingest --jobs``) are unaffected.
_VALIDATION_LOCK = threading.Lock()


def _run(data: Graph, shapes: Graph) -> tuple[bool, Graph, str]:
    with _VALIDATION_LOCK:
        return _run_unlocked(data, shapes)


def _run_unlocked(data: Graph, shapes: Graph) -> tuple[bool, Graph, str]:
    conforms, report_graph, text = pyshacl.validate(
        DataGraph.from_rdflib(data),
        shacl_graph=shapes,
        inference="none",
        advanced=False,
        abort_on_first=False,
        allow_warnings=False,
    )
    return bool(conforms), report_graph, str(text)


def validate_report_graph(graph: Graph, *, catalog: CatalogFacts | None = None) -> ValidationResult:
    """Check one report graph (as built by ``kb.rdf.extraction_to_graph``) against the shapes.

    ``catalog`` defaults to the shipped catalog. The caller's graph is not modified.
    """
    facts = default_catalog() if catalog is None else catalog
    data = _PreparedQueryGraph()
    for triple in graph:
        data.add(triple)
    for triple in facts.facts_for(graph):
        data.add(triple)
    conforms, report_graph, text = _run(data, report_shapes_graph())
    gid = graph.identifier
    return ValidationResult(
        conforms,
        text,
        report_graph,
        str(gid) if isinstance(gid, URIRef) else None,
    )


def validate_report_graph_full(graph: Graph, catalog_graph: Graph) -> ValidationResult:
    """Reference (slow) validation: the report graph merged with the whole catalog.

    Used by tests and ``bench/bench_validate.py`` to show that the gate, which adds only the
    referenced catalog facts, gives the same verdict.
    """
    data = _PreparedQueryGraph()
    for triple in graph:
        data.add(triple)
    for triple in catalog_graph:
        data.add(triple)
    conforms, report_graph, text = _run(data, report_shapes_graph())
    return ValidationResult(conforms, text, report_graph)


def validate_catalog(catalog_graph: Graph) -> ValidationResult:
    """Check the catalog (equipment concepts, places, actors) against every shape."""
    # a view on the same triples (no copy) whose SPARQL texts are parsed once
    data = _PreparedQueryGraph(store=catalog_graph.store, identifier=catalog_graph.identifier)
    conforms, report_graph, text = _run(data, shapes_graph())
    return ValidationResult(conforms, text, report_graph, None)


@dataclass
class DatasetValidation:
    """The verdicts of ``validate_dataset``, one per report graph."""

    results: list[ValidationResult] = field(default_factory=list)

    @property
    def conforms(self) -> bool:
        return all(r.conforms for r in self.results)

    @property
    def failed(self) -> list[ValidationResult]:
        return [r for r in self.results if not r.conforms]


def validate_dataset(
    graphs: Iterable[tuple[str, Graph]],
    *,
    catalog: CatalogFacts | None = None,
    on_result: Callable[[ValidationResult], None] | None = None,
) -> DatasetValidation:
    """Validate each (graph IRI, report graph) separately, e.g. every report graph of a store.

    ``on_result`` is called after each graph (for progress output). See ``store_report_graphs``
    for reading the graphs out of a ``kb.store.base.Store``.
    """
    out = DatasetValidation()
    for iri, graph in graphs:
        result = validate_report_graph(graph, catalog=catalog)
        result.graph_iri = iri
        out.results.append(result)
        if on_result is not None:
            on_result(result)
    return out


def oxigraph_term_to_rdflib(term: object) -> Node:
    """Convert a pyoxigraph NamedNode/BlankNode/Literal to the rdflib term."""
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == str(XSD.string):
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    raise TypeError(f"unsupported RDF term {term!r}")


def store_report_graphs(store: object, prefix: str | None = None) -> Iterator[tuple[str, Graph]]:
    """(graph IRI, rdflib Graph) for every report graph of a store (``kb.store.base.Store``).

    Reads each graph with ``CONSTRUCT`` so it works for the embedded and the remote store.
    """
    from kb.namespaces import REPORT_GRAPH_PREFIX

    start = prefix or REPORT_GRAPH_PREFIX
    for iri in sorted(store.named_graphs()):  # type: ignore[attr-defined]
        if not iri.startswith(start):
            continue
        result = store.query(  # type: ignore[attr-defined]
            f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}",
            union_default_graph=False,
        )
        g = Graph(identifier=URIRef(iri))
        for t in result:
            g.add(
                (
                    oxigraph_term_to_rdflib(t.subject),
                    oxigraph_term_to_rdflib(t.predicate),
                    oxigraph_term_to_rdflib(t.object),
                )
            )
        yield iri, g
