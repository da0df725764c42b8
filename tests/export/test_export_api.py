"""`/api/export`: every selection and format as a download named for what it holds; bad requests
get 400 or 404 naming the parameter and what is allowed (shipped graph, Flask's test client)."""

from __future__ import annotations

import io
import re
import zipfile
from urllib.parse import quote

import networkx as nx
import pyoxigraph as ox
import pytest
from flask import Flask
from flask.testing import FlaskClient

from graph.export.formats import FORMATS
from ontology.namespaces import DEFAULT_BASE_IRI as ID

LSH = "https://w3id.org/lsh-kg/ontology#"


def get(client: FlaskClient, url: str, **kwargs):
    response = client.get(url, **kwargs)
    response.close()
    return response


def filename(response) -> str:
    """The download's name without the dataset version it must start with (`lsh-kg-<short hash>-`)."""
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment; ")
    named = disposition.split('filename="', 1)[1].rstrip('"')
    assert re.match(r"lsh-kg-[0-9a-f]{8}-", named), named
    return "lsh-kg-" + named[len("lsh-kg-") + 9:]


@pytest.mark.parametrize(("query", "expected"), [
    ("ego=kite&depth=2&format=gexf", "lsh-kg-ego-kite-depth2.gexf"),
    ("ego=kite&depth=1&kind=Organisation&format=graphml", "lsh-kg-ego-kite-depth1-organisation.graphml"),
    ("from=kite&to=lumc&format=ttl", "lsh-kg-path-kite-to-lumc.ttl"),
    ("path=kite&to=lumc&format=nt", "lsh-kg-path-kite-to-lumc.nt"),
    ("partnership=european-lead-factory&format=csv", "lsh-kg-partnership-european-lead-factory.csv.zip"),
    ("ego=lumc&format=cytoscape", "lsh-kg-ego-lumc-depth1.cyjs"),
    ("ego=lumc&format=html", "lsh-kg-ego-lumc-depth1.html"),
    ("ego=lumc&format=trig", "lsh-kg-ego-lumc-depth1.trig"),
    ("ego=lumc&format=jsonld", "lsh-kg-ego-lumc-depth1.jsonld"),
    ("ego=lumc&format=rdfxml", "lsh-kg-ego-lumc-depth1.rdf"),
])
def test_selections_and_formats_download_with_telling_names(client: FlaskClient, query: str,
                                                            expected: str) -> None:
    response = get(client, "/api/export?" + query)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert filename(response) == expected
    chosen = next(f for f in FORMATS.values() if expected.endswith("." + f.extension))
    assert response.mimetype == chosen.media_type.split(";")[0]
    assert response.data


def test_ego_kind_filter_keeps_only_those_kinds(client: FlaskClient) -> None:
    body = get(client, "/api/export?ego=kite&depth=2&kind=City&format=graphml").data
    graph = nx.read_graphml(io.BytesIO(body), force_multigraph=True)
    kinds = {data["kind"] for node, data in graph.nodes(data=True) if node != ID + "kite"}
    assert kinds == {"City"}


def test_a_partnership_comes_with_its_members_and_their_sites(client: FlaskClient) -> None:
    body = get(client, "/api/export?partnership=european-lead-factory&format=graphml").data
    nodes = set(nx.read_graphml(io.BytesIO(body), force_multigraph=True).nodes)
    assert {ID + "european-lead-factory", ID + "lygature", ID + "symeres",
            ID + "pivot-park-screening-centre"} <= nodes


def test_a_construct_query_by_get_and_by_post(client: FlaskClient) -> None:
    query = "CONSTRUCT { lshid:kite ?p ?o } WHERE { lshid:kite ?p ?o }"  # lshid: is preset, as in the editor
    by_get = get(client, "/api/export", query_string={"query": query, "format": "nt"})
    by_post = client.post("/api/export", data={"query": query, "format": "nt"})
    assert by_get.status_code == by_post.status_code == 200
    assert by_get.data == by_post.data
    triples = {q.triple for q in ox.parse(by_post.data, format=ox.RdfFormat.N_TRIPLES)}
    assert ox.Triple(ox.NamedNode(ID + "kite"), ox.NamedNode(LSH + "subsidiaryOf"),
                     ox.NamedNode(ID + "gilead-sciences")) in triples
    assert filename(by_post).startswith("lsh-kg-query-")
    by_post.close()


def test_the_maps_view_with_its_own_parameters(client: FlaskClient) -> None:
    response = get(client, "/api/export?view=1&kind=company&place=leiden&layout=geo&lang=nl&format=csv")
    assert response.status_code == 200, response.get_data(as_text=True)
    assert filename(response).startswith("lsh-kg-view-") and filename(response).endswith(".csv.zip")
    with zipfile.ZipFile(io.BytesIO(response.data)) as archive:
        nodes = archive.read(next(n for n in archive.namelist() if n.endswith("nodes.csv"))).decode()
    assert ",kite," not in nodes  # Kite is in Hoofddorp, not in Leiden
    everything = get(client, "/api/export?view=1&format=graphml")
    assert everything.status_code == 200
    whole = nx.read_graphml(io.BytesIO(everything.data))
    leiden = nx.read_graphml(io.BytesIO(get(client, "/api/export?view=1&place=leiden&format=graphml").data))
    assert 0 < len(leiden) < len(whole)
    path = get(client, "/api/export?view=1&from=kite&to=lumc&format=graphml")  # from/to: the map's path
    assert path.status_code == 200


def test_the_maps_view_packed_as_its_link_sends_it(client: FlaskClient) -> None:
    packed = get(client, "/api/export?view=" + quote("focus=kite&kind=company", safe="") + "&format=graphml")
    assert packed.status_code == 200, packed.get_data(as_text=True)
    assert filename(packed) == "lsh-kg-view-kind-company-focus-kite.graphml"
    read = nx.read_graphml(io.BytesIO(packed.data))
    assert set(nx.get_node_attributes(read, "entity").values()) == {"kite", "gilead-sciences"}
    assert "around Kite" in read.graph["name"] and "kinds: company" in read.graph["name"]
    first = nx.read_graphml(io.BytesIO(get(client, "/api/export?view=&format=graphml").data))
    assert "netherlands" not in set(nx.get_node_attributes(first, "entity").values())  # as the map shows it
    bad = get(client, "/api/export?view=" + quote("depth=9&focus=kite", safe="") + "&format=gexf")
    assert bad.status_code == 400 and bad.get_json()["parameter"] == "depth"


def test_all_of_it(client: FlaskClient, app: Flask) -> None:
    response = get(client, "/api/export?all=1&format=graphml")
    assert filename(response) == "lsh-kg-all.graphml"
    with app.app_context():
        from webapp.export import get_network

        expected = get_network().graph
    read = nx.read_graphml(io.BytesIO(response.data), force_multigraph=True)
    assert (len(read), read.number_of_edges()) == (len(expected), expected.number_of_edges())


@pytest.mark.parametrize(("query", "status", "parameter", "allowed"), [
    ("ego=kite&depth=4", 400, "depth", ["1", "2", "3"]),
    ("ego=kite&depth=0", 400, "depth", ["1", "2", "3"]),
    ("ego=kite&depth=two", 400, "depth", ["1", "2", "3"]),
    ("ego=kite&format=xlsx", 400, "format", list(FORMATS)),
    ("ego=kite&kind=Unicorn", 400, "kind", ["UniversityMedicalCentre"]),
    ("ego=kitte", 404, "ego", []),
    ("from=kite&to=nowhere-at-all", 404, "to", []),
    ("from=kite", 400, "to", []),
    ("partnership=leiden", 400, "partnership", ["european-lead-factory"]),
    ("partnership=nope", 404, "partnership", []),
    ("query=SELECT+*+WHERE+%7B%3Fs+%3Fp+%3Fo%7D", 400, "query", ["CONSTRUCT", "DESCRIBE"]),
    ("query=CONSTRUCT+WHERE+%7B+SERVICE+%3Chttp%3A%2F%2F127.0.0.1%3A9%2F%3E+%7B%3Fs+%3Fp+%3Fo%7D%7D",
     400, "query", []),
    ("", 400, "selection", ["ego", "from", "partnership", "query", "view", "all"]),
    ("ego=kite&all=1", 400, "selection", ["ego"]),
    ("view=1&kind=unicorn", 400, "kind", []),
    ("view=1&focus=nobody-here", 404, "focus", []),
    ("view=&format=gexf&positions=%5B1", 400, "positions", []),
    ("view=&format=gexf&positions=%7B%22kite%22%3A%5B1%2C%22x%22%5D%7D", 400, "positions", []),
])
def test_bad_requests_name_the_parameter_and_what_is_allowed(client: FlaskClient, query: str, status: int,
                                                             parameter: str, allowed: list[str]) -> None:
    response = get(client, "/api/export?" + query)
    assert response.status_code == status, response.get_data(as_text=True)
    body = response.get_json()
    assert body["parameter"] == parameter
    assert parameter in body["error"]
    assert set(allowed) <= set(body["allowed"])


def test_unknown_entities_come_with_the_closest_matches(client: FlaskClient) -> None:
    body = get(client, "/api/export?ego=european-lead-factori").get_json()
    assert body["suggestions"][0]["id"] == "european-lead-factory"


def test_formats_are_listed_for_the_buttons(client: FlaskClient) -> None:
    listed = get(client, "/api/export/formats").get_json()
    assert [f["name"] for f in listed["formats"]] == list(FORMATS)
    assert "ego" in listed["selections"]
