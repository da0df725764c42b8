"""A subgraph as RDF: its triples read from the store with their evidence, written by rdflib.

For a network selection the triples are: each node's description (types and literals), the links
between the nodes, the memberships and posts that join two of them, the `lsh:Evidence` of all of
these, and the names of the documents that evidence cites. A CONSTRUCT answer is written as it is;
the whole graph is every triple of the store. TriG keeps the evidence per source: one named graph
per source document (named by the document's IRI) holding the triples it supports and its quotes,
one (`lsh:GeneralKnowledge`) for general knowledge, and the default graph for what has no evidence
(types and links the build entailed).

Every step looks at the export's `Deadline` (reading from the store, converting, and rdflib's
writers, through a store that checks it as they read), so a cut export stops. N-Triples and N-Quads are
written as a stream (`ntriples_chunks`): its lines a subject at a time, never the whole file at once.

Every file also describes itself (`graph.export.about`): the export, derived from a version of the
dataset with its hash and date; in TriG in a graph of its own, named by that version.
"""

from __future__ import annotations

import io
from collections import defaultdict
from collections.abc import Iterable, Iterator

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.plugins.serializers.nt import _nt_row
from rdflib.plugins.serializers.trig import TrigSerializer
from rdflib.plugins.serializers.turtle import TurtleSerializer
from rdflib.plugins.stores.memory import Memory
from rdflib.term import Node

from graph.export.about import PAV, About, rdf_description, versioned_dataset_iri
from graph.export.subgraph import Subgraph
from graph.store.backends import Store
from graph.store.deadline import Deadline, WorkCut, checked
from ontology.namespaces import LSH, PREFIXES, preset_prefixes

__all__ = ["CUT_COMMENT", "dataset_of", "graph_of", "ntriples_chunks", "stream_rdf", "subgraph_triples",
           "to_rdflib", "write_rdf", "write_triples"]

_PREFIX = f"""PREFIX lsh: <{LSH}>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX org: <http://www.w3.org/ns/org#>
"""
DESCRIPTIONS = _PREFIX + """
CONSTRUCT { ?n ?p ?o } WHERE { VALUES ?n { %s } ?n ?p ?o . FILTER(isLiteral(?o) || ?p = rdf:type) }"""
JOINS = _PREFIX + """
SELECT ?m ?a ?b WHERE {
  { ?m a lsh:Membership ; org:member ?a ; org:organization ?b }
  UNION { ?a org:holds ?m . ?m a lsh:Post ; org:postIn ?b }
}"""
WHOLE = "CONSTRUCT WHERE { ?s ?p ?o }"
EVIDENCE = _PREFIX + """
CONSTRUCT { ?e ?ep ?eo } WHERE { VALUES ?s { %s } ?e rdf:subject ?s ; a lsh:Evidence ; ?ep ?eo }"""
ALL_EVIDENCE = _PREFIX + "CONSTRUCT { ?e ?ep ?eo } WHERE { ?e a lsh:Evidence ; ?ep ?eo }"
CHUNK = 400  # IRIs per VALUES block
RDF_NS = PREFIXES["rdf"]
SUBJECT, PREDICATE, OBJECT = (ox.NamedNode(RDF_NS + n) for n in ("subject", "predicate", "object"))
DERIVED_FROM = ox.NamedNode(PREFIXES["prov"] + "wasDerivedFrom")
BASIS, GENERAL = ox.NamedNode(str(LSH.basis)), ox.NamedNode(str(LSH.GeneralKnowledge))
RDF_TYPE = ox.NamedNode(RDF_NS + "type")
DECIMAL = "http://www.w3.org/2001/XMLSchema#decimal"
_RDFLIB_FORMATS = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld", "rdfxml": "xml"}
CHUNK_BYTES = 64 * 1024  # a streamed answer is sent in pieces of about this size
CUT_COMMENT = (b"# lsh-kg: INCOMPLETE - this export was stopped at its time limit; the triples above are "
               b"only part of it. Choose a smaller selection and try again.\n")


def _values(iris: Iterable[str]) -> list[str]:
    ordered = sorted(set(iris))
    return [" ".join(f"<{iri}>" for iri in ordered[i:i + CHUNK]) for i in range(0, len(ordered), CHUNK)]


def _construct(store: Store, template: str, iris: Iterable[str],
               deadline: Deadline | None) -> list[ox.Triple]:
    return [t for chunk in _values(iris) for t in store.construct(template % chunk, deadline)]


def _evidence(triples: list[ox.Triple]) -> dict[ox.NamedNode, list[ox.Triple]]:
    nodes: dict[ox.NamedNode, list[ox.Triple]] = defaultdict(list)
    for triple in triples:
        nodes[triple.subject].append(triple)
    return nodes


def _statement(triples: list[ox.Triple]) -> ox.Triple | None:
    parts = {t.predicate: t.object for t in triples if t.predicate in (SUBJECT, PREDICATE, OBJECT)}
    if len(parts) != 3:
        return None
    return ox.Triple(parts[SUBJECT], parts[PREDICATE], parts[OBJECT])


def subgraph_triples(store: Store, subgraph: Subgraph,
                     deadline: Deadline | None = None) -> tuple[set[ox.Triple], dict]:
    """The triples to write, and the evidence nodes among them: {node: (statement, [triples])}."""
    if subgraph.triples is not None:
        triples = set(subgraph.triples)
        found = _construct(store, EVIDENCE, {t.subject.value for t in triples
                                             if isinstance(t.subject, ox.NamedNode)}, deadline)
        kept = {}
        for node, node_triples in _evidence(found).items():
            statement = _statement(node_triples)
            if statement in triples:
                kept[node] = (statement, node_triples)
        return triples, kept  # the evidence groups the answer in TriG, but is not added to it
    if subgraph.extra.get("whole"):
        triples = set(store.construct(WHOLE, deadline))
        return triples, {node: (_statement(ts), ts) for node, ts in _evidence(
            store.construct(ALL_EVIDENCE, deadline)).items()}
    nodes = set(subgraph.graph.nodes)
    triples = set(_construct(store, DESCRIPTIONS, nodes, deadline))
    for source, target, key in subgraph.graph.edges(keys=True):
        triples.add(ox.Triple(ox.NamedNode(source), ox.NamedNode(key), ox.NamedNode(target)))
    joins = {row["m"] for row in store.select(JOINS) if row["a"] in nodes and row["b"] in nodes}
    if joins:
        triples |= set(_construct(store, "CONSTRUCT { ?m ?p ?o } WHERE { VALUES ?m { %s } ?m ?p ?o }", joins,
                                  deadline))
        triples |= {t for t in _construct(store, "CONSTRUCT { ?a ?p ?m } WHERE { VALUES ?m { %s } ?a ?p ?m }",
                                          joins, deadline) if t.subject.value in nodes}
    kept = {}
    subjects = {t.subject.value for t in triples}
    for node, node_triples in _evidence(_construct(store, EVIDENCE, subjects, deadline)).items():
        statement = _statement(node_triples)
        if statement in triples:
            kept[node] = (statement, node_triples)
            triples.update(node_triples)
    sources = {t.object.value for _, ts in kept.values() for t in ts if t.predicate == DERIVED_FROM}
    triples |= set(_construct(store, DESCRIPTIONS, sources, deadline))
    return triples, kept


def to_rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> Node:
    """The rdflib term of a pyoxigraph term; whole-number decimals get their ".0" (rdflib's
    Turtle writer adds it, so every format then holds the same literal)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    if datatype == PREFIXES["xsd"] + "string":
        return Literal(term.value)
    value = term.value
    if datatype == DECIMAL and not any(c in value for c in ".eE"):
        value += ".0"
    return Literal(value, datatype=URIRef(datatype))


def _bind(graph: Graph | Dataset, base_iri: str) -> None:
    for prefix, namespace in preset_prefixes(base_iri).items():
        graph.bind(prefix, namespace, override=True)
    for prefix, namespace in (("pav", PAV), ("void", "http://rdfs.org/ns/void#")):  # the self-description's
        graph.bind(prefix, namespace, override=True)


class _Terms:
    """pyoxigraph terms to rdflib's, each distinct term converted once (IRIs repeat a lot)."""

    def __init__(self) -> None:
        self._seen: dict = {}

    def __call__(self, triple: ox.Triple) -> tuple[Node, Node, Node]:
        return self.term(triple.subject), self.term(triple.predicate), self.term(triple.object)

    def term(self, term: ox.NamedNode | ox.BlankNode | ox.Literal) -> Node:
        found = self._seen.get(term)
        if found is None:
            found = self._seen[term] = to_rdflib(term)
        return found


class _CheckedMemory(Memory):
    """rdflib's in-memory store, looking at a deadline while rdflib's writers read it: their loops
    are rdflib's own, and this is where a cut export's writing stops."""

    def __init__(self, deadline: Deadline | None) -> None:
        super().__init__()
        self._deadline = deadline

    def triples(self, triple_pattern, context=None):
        return checked(super().triples(triple_pattern, context), self._deadline)


def graph_of(triples: Iterable[ox.Triple], base_iri: str, deadline: Deadline | None = None) -> Graph:
    graph = Graph(store=_CheckedMemory(deadline)) if deadline is not None else Graph()
    _bind(graph, base_iri)
    convert = _Terms()
    # addN: far faster than add per triple
    graph.addN((*convert(triple), graph) for triple in checked(triples, deadline))
    return graph


def dataset_of(triples: set[ox.Triple], evidence: dict, base_iri: str,
               deadline: Deadline | None = None) -> Dataset:
    """One named graph per source document and one for general knowledge; the rest in the default."""
    dataset = Dataset(store=_CheckedMemory(deadline)) if deadline is not None else Dataset()
    _bind(dataset, base_iri)
    homes = _homes(evidence, deadline)
    convert = _Terms()
    by_home: dict[ox.NamedNode | None, list] = defaultdict(list)
    for triple in checked(triples, deadline):
        rdf_triple = convert(triple)
        for home in homes.get(triple) or [None]:
            by_home[home].append(rdf_triple)
    for home, members in by_home.items():
        target = dataset.default_graph if home is None else dataset.graph(URIRef(home.value))
        target.addN((*t, target) for t in checked(members, deadline))
    return dataset


def _homes(evidence: dict, deadline: Deadline | None) -> dict[ox.Triple, set[ox.NamedNode]]:
    """The named graphs of the triples that have evidence: their source documents, or general
    knowledge; the statement's evidence nodes go with it."""
    homes: dict[ox.Triple, set[ox.NamedNode]] = defaultdict(set)
    for statement, node_triples in checked(evidence.values(), deadline):
        objects = {t.predicate: t.object for t in node_triples}
        home = GENERAL if objects.get(BASIS) == GENERAL else objects.get(DERIVED_FROM, GENERAL)
        homes[statement].add(home)
        for triple in node_triples:
            homes[triple].add(home)
    return homes


class _TriG(TrigSerializer):
    """rdflib's TriG writer, reading the graphs through the Dataset API that is not deprecated."""

    def __init__(self, dataset: Dataset) -> None:
        default = dataset.default_graph
        named = sorted((g for g in dataset.graphs() if g.identifier != default.identifier),
                       key=lambda g: str(g.identifier))
        self.contexts = [*named, default]
        self.default_context = default.identifier
        TurtleSerializer.__init__(self, dataset)


def write_rdf(subgraph: Subgraph, store: Store, base_iri: str, format_name: str,
              deadline: Deadline | None = None) -> bytes:
    """The subgraph's triples in one RDF format (ttl, trig, nt, jsonld, rdfxml), described as an
    export of a dataset version; WorkCut once `deadline` has passed."""
    triples, evidence = subgraph_triples(store, subgraph, deadline)
    about: About | None = subgraph.extra.get("about")
    described = rdf_description(about, base_iri) if about else []
    if format_name == "trig":
        dataset = dataset_of(triples, evidence, base_iri, deadline)
        if described:
            home = dataset.graph(URIRef(versioned_dataset_iri(base_iri, about.version)))
            home.addN((*_Terms()(triple), home) for triple in described)
        out = io.BytesIO()
        _TriG(dataset).serialize(out, encoding="utf-8")
        return out.getvalue()
    return write_triples([*triples, *described], base_iri, format_name, deadline)


def write_triples(triples: Iterable[ox.Triple], base_iri: str, format_name: str,
                  deadline: Deadline | None = None) -> bytes:
    """Triples in one RDF format (ttl, nt, jsonld, rdfxml), written by rdflib with our prefixes."""
    if format_name == "nt":  # sorted lines: the same export, the same bytes
        return b"".join(ntriples_chunks(set(triples), deadline))
    graph = graph_of(triples, base_iri, deadline)
    options = {"context": preset_prefixes(base_iri), "auto_compact": True} if format_name == "jsonld" else {}
    return graph.serialize(format=_RDFLIB_FORMATS[format_name], encoding="utf-8", **options)


def stream_rdf(subgraph: Subgraph, store: Store, base_iri: str, deadline: Deadline, *,
               quads: bool = False) -> Iterator[bytes]:
    """N-Triples (or with `quads`, N-Quads: the named graphs of TriG) of the subgraph as a stream.
    Its triples are read from the store now, under the deadline (a cut here raises WorkCut, before
    any byte is sent); the lines are written as the stream is read, and if the deadline passes
    meanwhile the stream ends with CUT_COMMENT, a comment line that says the file is incomplete."""
    triples, evidence = subgraph_triples(store, subgraph, deadline)
    about: About | None = subgraph.extra.get("about")
    described = rdf_description(about, base_iri) if about else []
    homes = _homes(evidence, deadline) if quads else None
    if homes is not None and described:  # in a graph of its own, named by the version, as in TriG
        version_graph = ox.NamedNode(versioned_dataset_iri(base_iri, about.version))
        for triple in described:
            homes[triple].add(version_graph)
    by_subject = _by_subject([*triples, *described], deadline, homes)

    def written() -> Iterator[bytes]:
        try:
            yield from ntriples_chunks(by_subject, deadline)
        except WorkCut:
            yield CUT_COMMENT

    return written()


_Grouped = dict[str, list[tuple[tuple[Node, Node, Node], str]]]


def _by_subject(triples: Iterable[ox.Triple], deadline: Deadline | None,
                homes: dict[ox.Triple, set[ox.NamedNode]] | None = None) -> _Grouped:
    """The triples as rdflib's terms, each with its graph's name in N-Quads ("" for the default
    graph), grouped by their subject's N-Triples form."""
    convert = _Terms()
    grouped: _Grouped = defaultdict(list)
    for triple in checked(triples, deadline):
        rdf_triple = convert(triple)
        for home in (homes.get(triple) if homes else None) or [None]:
            grouped[rdf_triple[0].n3()].append((rdf_triple, "" if home is None else f" <{home.value}>"))
    return grouped


def ntriples_chunks(triples: set[ox.Triple] | _Grouped, deadline: Deadline | None = None) -> Iterator[bytes]:
    """Sorted, distinct N-Triples lines (the bytes `graph.records.build.ntriples` gives), written a
    subject at a time: a line starts with its subject and a space, so lines sorted subject by
    subject are sorted as a whole. WorkCut once `deadline` has passed."""
    grouped = triples if isinstance(triples, dict) else _by_subject(triples, deadline)
    pending: list[bytes] = []
    size = 0
    for subject in checked(sorted(grouped, key=lambda text: text.encode("utf-8")), deadline, every=200):
        # rdflib's own line writer and its escapes, so that the lines are those of its nt writer
        lines = sorted({(_nt_row(t)[:-3] + graph + " .").encode("utf-8", "_rdflib_nt_escape")
                        for t, graph in grouped[subject]})
        for line in lines:
            pending.append(line + b"\n")
            size += len(line) + 1
        if size >= CHUNK_BYTES:
            yield b"".join(pending)
            pending, size = [], 0
    if pending:
        yield b"".join(pending)
