"""The embedded store read by quad patterns gives what the SPARQL queries give: the same rows in the
same order, hence the same network (nodes and their attributes, edges with keys, labels, evidence in
order, roles, imports marks) and the same search index. Checked on the shipped graph, the tiny record
set, a small synthetic graph, a store with users' imports, and a store with triples in named graphs
only (which our queries, reading the default graph, do not see)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from graph.entity.search import SearchIndex, build_search_index, kind_rows, name_rows
from graph.network.projection import Network, edge_rows, load_network, node_rows
from graph.store.backends import EmbeddedStore, RemoteStore, load_store
from graph.store.patterns import pattern_reader
from ontology.namespaces import DEFAULT_BASE_IRI as ID
from tests.store.import_files import write

LSH = "https://w3id.org/lsh-kg/ontology#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
PROV = "http://www.w3.org/ns/prov#"


def network_as_written(network: Network) -> str:
    """Everything of a network, in its order (dicts keep theirs in JSON): nodes with their attributes,
    edges with keys and attributes, each node's predecessors, the kind labels."""
    graph = network.graph
    return json.dumps({"nodes": list(graph.nodes(data=True)),
                       "edges": list(graph.edges(keys=True, data=True)),
                       "predecessors": [(node, list(graph.pred[node])) for node in graph],
                       "kind_labels": network.kind_labels})


def index_as_written(index: SearchIndex) -> str:
    return json.dumps([(entry.iri, entry.kind, entry.kind_label, entry.labels, entry.names)
                       for entry in index.entries.values()])


def assert_same_both_ways(store: EmbeddedStore) -> None:
    for rows in (node_rows, edge_rows, name_rows, kind_rows):
        by_query, by_patterns = list(rows(store, use_patterns=False)), list(rows(store, use_patterns=True))
        assert by_patterns == by_query, rows.__name__
    network = load_network(store, use_patterns=True)
    by_query = network_as_written(load_network(store, use_patterns=False))
    assert network_as_written(network) == by_query
    assert network_as_written(load_network(store)) == by_query  # nodes by patterns, links by the query
    index = index_as_written(build_search_index(store, use_patterns=False))
    assert index_as_written(build_search_index(store, use_patterns=True)) == index
    assert index_as_written(build_search_index(store)) == index
    assert network.graph.number_of_edges() > 0


@pytest.fixture(scope="module")
def synthetic_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedStore]:
    from bench.synthetic import generate

    folder = tmp_path_factory.mktemp("synthetic")
    generate(60, folder / "lsh-kg.nt", seed=3)
    load_store(folder / "lsh-kg.nt", folder / "store")
    store = EmbeddedStore(folder / "store")
    yield store
    store.close()


def test_the_shipped_graph_reads_the_same_both_ways(shipped_store: EmbeddedStore) -> None:
    assert_same_both_ways(shipped_store)


def test_the_tiny_record_set_reads_the_same_both_ways(tiny_store: Path) -> None:
    store = EmbeddedStore(tiny_store)
    try:
        assert_same_both_ways(store)
    finally:
        store.close()


def test_a_synthetic_graph_reads_the_same_both_ways(synthetic_store: EmbeddedStore) -> None:
    assert_same_both_ways(synthetic_store)


def test_users_imports_read_the_same_both_ways(import_data_dir: Path, tmp_path: Path) -> None:
    from graph.cli.imports import import_command

    shipped = next(ox.Store.read_only(str(import_data_dir / "store")).query(
        f"""SELECT ?company ?label WHERE {{ ?company a <{LSH}BiotechCompany> ; <{RDFS}label> ?label
        FILTER(LANG(?label) = "en") }} LIMIT 1"""))
    slug = shipped["company"].value.removeprefix(ID)
    for folder, slug_, label, graph in ((tmp_path / "a", "pattern-read-co", "", "first"),
                                        (tmp_path / "b", "pattern-read-co", "", "second"),
                                        (tmp_path / "c", slug, shipped["label"].value, "third")):
        folder.mkdir()
        file = write(folder, "nt", slug_, label)
        result = CliRunner().invoke(import_command, [str(file), "--graph", graph], catch_exceptions=False)
        assert result.exit_code == 0, result.output
    store = EmbeddedStore(import_data_dir / "store")
    try:
        assert_same_both_ways(store)
        nodes = load_network(store).graph.nodes
        assert sorted(nodes[f"{ID}pattern-read-co"]["imports"]) == ["first", "second"]
        assert nodes[f"{ID}pattern-read-co"]["shipped"] is False
        assert nodes[f"{ID}{slug}"]["imports"] == ["third"]
    finally:
        store.close()


def _quads_in_named_graph_only(graph: ox.NamedNode) -> list[ox.Quad]:
    """A company, its link to Leiden with evidence, and a second quote and source for an evidence
    node of the default graph: all in `graph` alone."""
    company, evidence = ox.NamedNode(f"{ID}named-only-co"), ox.NamedNode(f"{ID}evidence/named-only")
    triples = [(company, f"{RDF}type", ox.NamedNode(f"{LSH}Organisation")),
               (company, f"{RDF}type", ox.NamedNode(f"{LSH}Company")),
               (company, f"{RDFS}label", ox.Literal("Named only", language="en")),
               (company, f"{LSH}locatedIn", ox.NamedNode(f"{ID}leiden")),
               (evidence, f"{RDF}subject", company),
               (evidence, f"{RDF}predicate", ox.NamedNode(f"{LSH}locatedIn")),
               (evidence, f"{RDF}object", ox.NamedNode(f"{ID}leiden")),
               (evidence, f"{LSH}basis", ox.NamedNode(f"{LSH}GeneralKnowledge"))]
    return [ox.Quad(s, ox.NamedNode(p), o, graph) for s, p, o in triples]


def test_only_the_default_graph_is_read_both_ways(shipped_dataset_file: Path, tmp_path: Path) -> None:
    """Triples in a named graph alone are not read (neither way), and an evidence node with two
    sources and two quotes gives its rows in the same order both ways."""
    folder = tmp_path / "store"
    writable = ox.Store(str(folder))
    writable.bulk_load(path=str(shipped_dataset_file), format=ox.RdfFormat.N_TRIPLES)
    writable.extend(_quads_in_named_graph_only(ox.NamedNode(f"{ID}import/named-only")))
    linked = next(writable.quads_for_pattern(None, ox.NamedNode(f"{RDF}predicate"),
                                             ox.NamedNode(f"{LSH}memberOf"), ox.DefaultGraph())).subject
    for extra in ("two", "three"):
        source = ox.NamedNode(f"{ID}source-{extra}")
        writable.add(ox.Quad(linked, ox.NamedNode(f"{PROV}wasDerivedFrom"), source))
        writable.add(ox.Quad(linked, ox.NamedNode(f"{LSH}quote"), ox.Literal(f"a quote {extra}")))
    writable.flush()
    del writable
    store = EmbeddedStore(folder)
    try:
        assert_same_both_ways(store)
        network = load_network(store)
        assert f"{ID}named-only-co" not in network.graph
        assert any(len(data["evidence"]) >= 6 for _, _, data in network.graph.edges(data=True))
    finally:
        store.close()


def test_a_remote_store_is_read_by_sparql() -> None:
    remote = RemoteStore("http://127.0.0.1:9/sparql")
    assert pattern_reader(remote, None) is None
    assert pattern_reader(remote, False) is None
    with pytest.raises(TypeError):
        pattern_reader(remote, True)
