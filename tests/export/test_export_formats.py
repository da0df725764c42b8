"""Every export format read back by another reader: RDF by pyoxigraph (rdflib wrote it), GraphML
and GEXF by networkx, the CSV zip by the csv module (shipped graph, no web app)."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile

import networkx as nx
import pyoxigraph as ox
import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef

from graph.entity.indexes import KindTree, kind_tree
from graph.export.about import versioned_dataset_iri
from graph.export.formats import FORMATS, export
from graph.export.html import page_data
from graph.export.network_formats import CSV_METADATA, EDGE_COLUMNS, NODE_COLUMNS, flat_network
from graph.export.rdf import dataset_of, graph_of, subgraph_triples
from graph.export.select import ego, partnership, paths, run_construct, whole
from graph.export.subgraph import Subgraph
from graph.export.view import map_model_for, map_view
from graph.network.projection import Network, load_network
from graph.store.backends import EmbeddedStore
from graph.store.version import store_version
from ontology.namespaces import DEFAULT_BASE_IRI as ID

LSH = "https://w3id.org/lsh-kg/ontology#"
RDF_FORMATS = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD,
               "rdfxml": ox.RdfFormat.RDF_XML}
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
PROV, OWL, DCTERMS = "http://www.w3.org/ns/prov#", "http://www.w3.org/2002/07/owl#", "http://purl.org/dc/terms/"
QUERY = """CONSTRUCT { ?org lsh:memberOf lshid:european-lead-factory ; rdfs:label ?name ; lsh:locatedIn ?c }
WHERE { ?org lsh:memberOf lshid:european-lead-factory ; rdfs:label ?name .
        OPTIONAL { ?org lsh:locatedIn ?c } }"""


@pytest.fixture(scope="module")
def network(shipped_store: EmbeddedStore) -> Network:
    return load_network(shipped_store)


@pytest.fixture(scope="module")
def tree(shipped_store: EmbeddedStore) -> KindTree:
    return kind_tree(shipped_store)


@pytest.fixture(scope="module")
def selections(shipped_store: EmbeddedStore, network: Network, tree: KindTree) -> dict[str, Subgraph]:
    return {
        "ego": ego(network, tree, ID, "kite", 2),
        "path": paths(network, ID, "kite", "lumc"),
        "partnership": partnership(network, tree, ID, "european-lead-factory"),
        "query": run_construct(shipped_store, QUERY, network, base_iri=ID, max_bytes=100_000, max_rows=10_000,
                               timeout_s=10),
        "view": map_view(map_model_for(shipped_store, network, ID),
                         {"kind": ["company"], "place": ["leiden"]}),
    }


def to_ox(term: URIRef | BNode | Literal) -> ox.NamedNode | ox.Literal:
    """rdflib's term as pyoxigraph's, to compare the two readings term by term."""
    assert not isinstance(term, BNode), "no blank nodes in our data: compare by isomorphism if some appear"
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype or XSD_STRING)))


def rdflib_triples(graph: Graph) -> set[ox.Triple]:
    return {ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in graph}


# ---------- RDF ----------

@pytest.mark.parametrize("selection", ["ego", "path", "partnership", "query", "view"])
@pytest.mark.parametrize("format_name", list(RDF_FORMATS))
def test_rdf_parses_back_with_pyoxigraph_to_the_triples_rdflib_wrote(
        shipped_store: EmbeddedStore, selections: dict[str, Subgraph], selection: str,
        format_name: str) -> None:
    subgraph = selections[selection]
    exported = export(subgraph, format_name, shipped_store, ID)
    triples, _ = subgraph_triples(shipped_store, subgraph)
    written = rdflib_triples(graph_of(triples, ID))
    read = {quad.triple for quad in ox.parse(exported.body, format=RDF_FORMATS[format_name])}
    described = {t for t in read
                 if isinstance(t.subject, ox.BlankNode) or t.subject == VERSIONED(shipped_store)}
    assert read - described == written
    assert len(read) > 5
    assert_names_the_version(described, shipped_store)


def VERSIONED(store: EmbeddedStore) -> ox.NamedNode:
    return ox.NamedNode(versioned_dataset_iri(ID, store_version(store)))


def assert_names_the_version(triples: set[ox.Triple], store: EmbeddedStore) -> None:
    """The export is derived from the dataset version, whose hash and date it gives."""
    version = store_version(store)
    assert version is not None
    dataset = VERSIONED(store)
    export_node = next(t.subject for t in triples if t.predicate.value.endswith("wasDerivedFrom"))
    assert ox.Triple(export_node, ox.NamedNode(PROV + "wasDerivedFrom"), dataset) in triples
    values = {t.predicate.value: t.object.value for t in triples if t.subject == dataset}
    assert values[OWL + "versionInfo"] == values["http://purl.org/pav/version"] == version.hash
    assert values[DCTERMS + "modified"] == version.date


def test_rdf_of_a_neighbourhood_holds_its_links_descriptions_and_evidence(
        shipped_store: EmbeddedStore, selections: dict[str, Subgraph]) -> None:
    body = export(selections["ego"], "nt", shipped_store, ID).body
    read = {quad.triple for quad in ox.parse(body, format=ox.RdfFormat.N_TRIPLES)}
    kite, gilead = ox.NamedNode(ID + "kite"), ox.NamedNode(ID + "gilead-sciences")
    assert ox.Triple(kite, ox.NamedNode(LSH + "subsidiaryOf"), gilead) in read
    assert ox.Triple(kite, ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
                     ox.Literal("Kite", language="en")) in read
    quotes = {t.object.value for t in read if t.predicate.value == LSH + "quote"}
    assert "Kite, een dochterbedrijf van Gilead Sciences" in quotes
    sources = {t.object.value for t in read if t.predicate.value.endswith("wasDerivedFrom")}
    titled = {t.subject.value for t in read if t.predicate.value.endswith("#label")}
    assert sources and sources <= titled  # the documents the evidence cites are named
    assert body == export(selections["ego"], "nt", shipped_store, ID).body  # the same every time


def test_jsonld_has_a_context(shipped_store: EmbeddedStore, selections: dict[str, Subgraph]) -> None:
    document = json.loads(export(selections["path"], "jsonld", shipped_store, ID).body)
    assert document["@context"]["lsh"] == LSH and document["@context"]["lshid"] == ID


def _quads_of(dataset: Dataset) -> set[ox.Quad]:
    found = set()
    for graph in dataset.graphs():
        name = ox.DefaultGraph() if graph.identifier == dataset.default_graph.identifier else to_ox(
            graph.identifier)
        found |= {ox.Quad(*triple_terms, name) for triple_terms in
                  ((to_ox(s), to_ox(p), to_ox(o)) for s, p, o in graph)}
    return found


@pytest.mark.parametrize("selection", ["ego", "partnership", "query"])
def test_trig_parses_back_to_the_quads_rdflib_wrote(shipped_store: EmbeddedStore,
                                                   selections: dict[str, Subgraph], selection: str) -> None:
    subgraph = selections[selection]
    body = export(subgraph, "trig", shipped_store, ID).body
    triples, evidence = subgraph_triples(shipped_store, subgraph)
    written = _quads_of(dataset_of(triples, evidence, ID))
    read = set(ox.parse(body, format=ox.RdfFormat.TRIG))
    described = {q for q in read if q.graph_name == VERSIONED(shipped_store)}  # the export's own graph
    assert read - described == written
    assert {quad.triple for quad in read - described} == rdflib_triples(graph_of(triples, ID))
    assert_names_the_version({q.triple for q in described}, shipped_store)


def test_trig_keeps_the_evidence_per_source(shipped_store: EmbeddedStore,
                                            selections: dict[str, Subgraph]) -> None:
    read = set(ox.parse(export(selections["ego"], "trig", shipped_store, ID).body, format=ox.RdfFormat.TRIG))
    graphs = {quad.graph_name for quad in read}
    boston = ox.NamedNode(ID + "boston-aan-de-noordzee")
    general = ox.NamedNode(LSH + "GeneralKnowledge")
    assert {boston, general, ox.DefaultGraph()} <= graphs
    assert all(isinstance(g, ox.DefaultGraph) or g == general or g.value.startswith(ID) for g in graphs)
    assert VERSIONED(shipped_store) in graphs  # the export's description of itself
    kite = ox.NamedNode(ID + "kite")
    subsidiary = ox.Triple(kite, ox.NamedNode(LSH + "subsidiaryOf"), ox.NamedNode(ID + "gilead-sciences"))
    country = ox.Triple(kite, ox.NamedNode(LSH + "country"), ox.NamedNode(ID + "united-states"))
    assert ox.Quad(*subsidiary, boston) in read
    assert ox.Quad(*country, general) in read
    entailed = ox.Triple(kite, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                         ox.NamedNode("https://schema.org/Organization"))
    assert ox.Quad(*entailed, ox.DefaultGraph()) in read  # no evidence of its own: the default graph
    quotes = [q for q in read if q.predicate.value == LSH + "quote"]
    derived = {q.subject: q.object for q in read if q.predicate.value.endswith("wasDerivedFrom")}
    assert quotes and all(q.graph_name == derived[q.subject] for q in quotes)  # each in its source's graph


def test_the_whole_graph_round_trips(shipped_store: EmbeddedStore, network: Network) -> None:
    """Every term of the graph (all the literal types there are) through rdflib's Turtle writer."""
    body = export(whole(network), "trig", shipped_store, ID).body
    read = {quad.triple for quad in ox.parse(body, format=ox.RdfFormat.TRIG)
            if quad.graph_name != VERSIONED(shipped_store)}
    triples, _ = subgraph_triples(shipped_store, whole(network))
    assert read == rdflib_triples(graph_of(triples, ID))
    assert len(read) == shipped_store.triple_count()


# ---------- network files ----------

def _edges(graph: nx.MultiDiGraph) -> dict[str, tuple[str, str, dict]]:
    return {key: (s, t, data) for s, t, key, data in graph.edges(keys=True, data=True)}


@pytest.mark.parametrize("selection", ["ego", "path", "partnership", "query", "view"])
def test_graphml_reads_back_with_networkx(shipped_store: EmbeddedStore, selections: dict[str, Subgraph],
                                          selection: str) -> None:
    expected = flat_network(selections[selection], ID)
    body = export(selections[selection], "graphml", shipped_store, ID).body
    read = nx.read_graphml(io.BytesIO(body), force_multigraph=True)
    assert dict(read.nodes(data=True)) == dict(expected.nodes(data=True))
    assert _edges(read) == _edges(expected)
    assert read.is_directed()


@pytest.mark.parametrize("selection", ["ego", "path", "partnership", "query", "view"])
def test_gexf_reads_back_with_networkx(shipped_store: EmbeddedStore, selections: dict[str, Subgraph],
                                       selection: str) -> None:
    expected = flat_network(selections[selection], ID)
    read = nx.read_gexf(io.BytesIO(export(selections[selection], "gexf", shipped_store, ID).body))
    assert set(read.nodes) == set(expected.nodes)
    near = 4.0 * len(read) ** 0.5  # nodes sharing a city's point are set around it, not on top
    points = []
    for node, data in read.nodes(data=True):
        viz = data.pop("viz", None)
        assert data == expected.nodes[node]
        assert (viz["color"]["r"], viz["color"]["g"], viz["color"]["b"]) == (data["r"], data["g"], data["b"])
        assert viz["size"] == pytest.approx(data["size"])
        if "lat" in data:  # laid out on the map for Gephi
            assert viz["position"]["x"] == pytest.approx(data["lon"] * 100, abs=near)
            assert viz["position"]["y"] == pytest.approx(data["lat"] * 100, abs=near)
            points.append((viz["position"]["x"], viz["position"]["y"]))
    assert len(set(points)) == len(points)
    # networkx reads a file without parallel edges as a DiGraph: the edge ids are then in the data
    edges = {data["id"]: (s, t, {k: v for k, v in data.items() if k != "id"})
             for s, t, data in read.edges(data=True)}
    assert edges == _edges(expected)


def test_network_attributes_carry_kind_labels_coordinates_and_evidence(
        selections: dict[str, Subgraph]) -> None:
    flat = flat_network(selections["ego"], ID)
    kite = flat.nodes[ID + "kite"]
    assert (kite["kind"], kite["label_en"], kite["label_nl"], kite["entity"]) == ("BiotechCompany", "Kite",
                                                                                   "Kite", "kite")
    hoofddorp = flat.nodes[ID + "kite-hoofddorp"]
    assert 52 < hoofddorp["lat"] < 53 and 4 < hoofddorp["lon"] < 5
    link = next(d for s, t, d in flat.edges(data=True) if (s, t) == (ID + "kite", ID + "gilead-sciences"))
    assert link["relation"] == "subsidiaryOf" and link["evidence"] >= 1
    assert "Kite, een dochterbedrijf van Gilead Sciences" in link["quotes"]
    assert link["sources"] == ID + "boston-aan-de-noordzee"


@pytest.mark.parametrize("selection", ["ego", "path", "partnership", "query", "view"])
def test_csv_zip_reloads_to_the_same_counts(shipped_store: EmbeddedStore, selections: dict[str, Subgraph],
                                            selection: str) -> None:
    subgraph = selections[selection]
    exported = export(subgraph, "csv", shipped_store, ID)
    with zipfile.ZipFile(io.BytesIO(exported.body)) as archive:
        names = sorted(archive.namelist())
        assert names == [CSV_METADATA, f"lsh-kg-{subgraph.name}-edges.csv",
                         f"lsh-kg-{subgraph.name}-nodes.csv"]
        names = names[1:]
        nodes = list(csv.DictReader(io.TextIOWrapper(archive.open(names[1]), encoding="utf-8")))
        edges = list(csv.DictReader(io.TextIOWrapper(archive.open(names[0]), encoding="utf-8")))
    assert len(nodes) == subgraph.graph.number_of_nodes()
    assert len(edges) == subgraph.graph.number_of_edges()
    assert tuple(nodes[0]) == NODE_COLUMNS and (not edges or tuple(edges[0]) == EDGE_COLUMNS)
    ids = {row["id"] for row in nodes}
    assert all(row["source"] in ids and row["target"] in ids for row in edges)


def test_cytoscape_json_has_elements_that_refer_to_each_other(shipped_store: EmbeddedStore,
                                                              selections: dict[str, Subgraph]) -> None:
    document = json.loads(export(selections["partnership"], "cyjs", shipped_store, ID).body)
    nodes = document["elements"]["nodes"]
    edges = document["elements"]["edges"]
    ids = {node["data"]["id"] for node in nodes}
    assert ID + "european-lead-factory" in ids and len(ids) == len(nodes)
    assert all(e["data"]["source"] in ids and e["data"]["target"] in ids for e in edges)
    assert len({e["data"]["id"] for e in edges}) == len(edges)


def test_cytoscape_json_reads_into_networkx_as_the_same_network(shipped_store: EmbeddedStore,
                                                                  selections: dict[str, Subgraph]) -> None:
    # networkx's reader (what Python users reach for) needs value, name, directed and multigraph
    import networkx as nx

    subgraph = selections["partnership"]
    read = nx.cytoscape_graph(json.loads(export(subgraph, "cyjs", shipped_store, ID).body))
    assert read.is_directed() and read.is_multigraph()
    assert set(read.nodes) == set(subgraph.graph.nodes)
    assert read.number_of_edges() == subgraph.graph.number_of_edges()
    assert read.nodes[ID + "european-lead-factory"]["name"] == "European Lead Factory"
    assert {(s, t) for s, t in read.edges()} == {(s, t) for s, t in subgraph.graph.edges()}


# ---------- the stand-alone HTML map ----------

def test_html_holds_its_data_and_its_script_and_references_nothing(
        shipped_store: EmbeddedStore, selections: dict[str, Subgraph]) -> None:
    html = export(selections["ego"], "html", shipped_store, ID).body.decode("utf-8")
    assert re.search(r"<script[^>]+src=", html) is None and "<link" not in html
    assert "cdn" not in html.lower() and "//unpkg" not in html and "//cdnjs" not in html
    assert "default-src 'none'" in html  # the page itself forbids any request
    block = html.split('<script type="application/json" id="lsh-kg-data">', 1)[1].split("</script>", 1)[0]
    shown = json.loads(block)
    assert shown.pop("about")["dataset_version"] == store_version(shipped_store).hash
    assert shown == json.loads(json.dumps(page_data(selections["ego"], ID)))
    ours = html.rsplit("<script>", 1)[1]  # the page's own script, after vis-network's
    assert "textContent" in ours
    assert not any(word in ours for word in ("innerHTML", "outerHTML", "insertAdjacentHTML"))


# ---------- file names ----------

@pytest.mark.parametrize(("selection", "format_name", "filename"), [
    ("ego", "gexf", "lsh-kg-ego-kite-depth2.gexf"), ("path", "ttl", "lsh-kg-path-kite-to-lumc.ttl"),
    ("partnership", "csv", "lsh-kg-partnership-european-lead-factory.csv.zip"),
    ("view", "graphml", "lsh-kg-view-kind-company-place-leiden.graphml"),
    ("ego", "rdfxml", "lsh-kg-ego-kite-depth2.rdf"),
    ("ego", "cyjs", "lsh-kg-ego-kite-depth2.cyjs"), ("ego", "html", "lsh-kg-ego-kite-depth2.html")])
def test_file_names_say_what_they_hold(shipped_store: EmbeddedStore, selections: dict[str, Subgraph],
                                       selection: str, format_name: str, filename: str) -> None:
    exported = export(selections[selection], format_name, shipped_store, ID)
    short = store_version(shipped_store).hash[:8]
    assert exported.filename == filename.replace("lsh-kg-", f"lsh-kg-{short}-", 1)
    assert export(selections[selection], format_name, shipped_store, ID, version=None).filename == filename
    assert exported.media_type == FORMATS[format_name].media_type
    query_file = export(selections["query"], "nt", shipped_store, ID).filename
    assert re.fullmatch(r"lsh-kg-[0-9a-f]{8}-query-[0-9a-f]{8}\.nt", query_file)


# ---------- the dataset version in every format's own metadata, read by another reader ----------

GEXF_NS = "{http://www.gexf.net/1.2draft}"
GRAPHML_NS = "{http://graphml.graphdrawing.org/xmlns}"


def test_every_network_format_names_the_dataset_version(shipped_store: EmbeddedStore,
                                                        selections: dict[str, Subgraph]) -> None:
    """networkx writes GraphML and GEXF: ElementTree reads them; the zip and JSON by the standard library."""
    from xml.etree import ElementTree

    version = store_version(shipped_store)
    subgraph = selections["partnership"]
    graphml = ElementTree.fromstring(export(subgraph, "graphml", shipped_store, ID).body)
    keys = {key.get("id"): key.get("attr.name") for key in graphml.iter(GRAPHML_NS + "key")
            if key.get("for") == "graph"}
    graph = graphml.find(GRAPHML_NS + "graph")
    graph_data = {keys[d.get("key")]: d.text for d in graph.findall(GRAPHML_NS + "data")}
    assert graph_data["dataset_version"] == version.hash and graph_data["dataset_date"] == version.date
    gexf = ElementTree.fromstring(export(subgraph, "gexf", shipped_store, ID).body)
    meta = gexf.find(GEXF_NS + "meta")
    assert version.hash in meta.find(GEXF_NS + "description").text
    assert version.hash in meta.find(GEXF_NS + "keywords").text
    assert meta.get("lastmodifieddate") == version.date
    with zipfile.ZipFile(io.BytesIO(export(subgraph, "csv", shipped_store, ID).body)) as archive:
        assert version.hash in archive.comment.decode("utf-8")
        tables = json.loads(archive.read(CSV_METADATA))
        assert tables["schema:version"] == version.hash
        assert {t["url"] for t in tables["tables"]} == {n for n in archive.namelist() if n.endswith(".csv")}
    cyjs = json.loads(export(subgraph, "cyjs", shipped_store, ID).body)
    assert (cyjs["data"]["dataset_version"], cyjs["data"]["dataset_date"]) == (version.hash, version.date)


def test_the_html_map_names_the_dataset_version_for_programs_and_people(
        shipped_store: EmbeddedStore, selections: dict[str, Subgraph]) -> None:
    from html.parser import HTMLParser

    class Reader(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.meta: dict[str, str] = {}
            self.about, self._in_about = "", False

        def handle_starttag(self, tag: str, attrs: list) -> None:
            found = dict(attrs)
            if tag == "meta" and "name" in found:
                self.meta[found["name"]] = found["content"]
            self._in_about = found.get("id") == "about"

        def handle_data(self, data: str) -> None:
            if self._in_about:
                self.about += data

    version = store_version(shipped_store)
    reader = Reader()
    reader.feed(export(selections["ego"], "html", shipped_store, ID).body.decode("utf-8"))
    assert reader.meta["lsh-kg:dataset_version"] == version.hash
    assert reader.meta["lsh-kg:dataset_date"] == version.date
    assert version.hash in reader.about and version.date in reader.about


def test_without_a_recorded_version_an_export_says_so(shipped_store: EmbeddedStore,
                                                      selections: dict[str, Subgraph]) -> None:
    body = export(selections["path"], "ttl", shipped_store, ID, version=None).body
    read = {quad.triple for quad in ox.parse(body, format=ox.RdfFormat.TURTLE)}
    derived = {t.object for t in read if t.predicate.value == PROV + "wasDerivedFrom" and
               isinstance(t.subject, ox.BlankNode)}
    assert derived == {ox.NamedNode(ID + "dataset")}
    assert not any(t.predicate.value == OWL + "versionInfo" for t in read)
