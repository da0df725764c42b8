"""The map's JSON API through Flask's test client, on the shipped graph: filters that combine,
counts, the reduced view above the node cap, paths with evidence, layouts, lenses, and a 400
naming the parameter for every bad one."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import networkx as nx
import pytest
from flask import Flask
from flask.testing import FlaskClient

from graph.network.kinds import ATTRIBUTE_FAMILIES, FAMILY_KEYS
from graph.store.backends import EmbeddedStore
from webapp import create_app
from webapp.map_state import get_map_model

ID = "https://w3id.org/lsh-kg/id/"
# the shared attributes (places, areas, themes) are off the map unless shown: this shows them all
EVERYTHING = "show=city&show=hotspot&show=region&show=area&show=concept"
LENSES = ("european-lead-factory", "regmed-xb", "gateways", "hotspot-leiden", "hotspot-oss-nijmegen",
          "logistics")


def make_app(store: EmbeddedStore, **config: object) -> Flask:
    app = create_app({"LSHKG_ENDPOINT": None, "LSHKG_STORE_DIR": str(store.path), "TESTING": True, **config})
    app.extensions["lshkg.store"] = store  # the session's shipped store, opened once
    return app


@pytest.fixture(scope="module")
def app(shipped_store: EmbeddedStore) -> Iterator[Flask]:
    app = make_app(shipped_store)
    yield app
    app.extensions.pop("lshkg.store", None)  # the session fixture closes it


@pytest.fixture
def client(app: Flask) -> Iterator[FlaskClient]:
    with app.test_client() as client:
        yield client


def get(client: FlaskClient, url: str, status: int = 200) -> dict:
    response = client.get(url)
    assert response.status_code == status, response.get_data(as_text=True)
    return response.get_json()


def ids(view: dict) -> set[str]:
    return {node["id"] for node in view["nodes"]}


@pytest.fixture(scope="module")
def model(app: Flask):
    with app.app_context():
        return get_map_model()


# ---------- the whole graph ----------

def test_the_first_view_leaves_shared_attributes_off(client: FlaskClient, model) -> None:
    view = get(client, "/api/map/view")
    actors = {model.short_id(n) for n in model.graph if model.family[n].key not in ATTRIBUTE_FAMILIES}
    assert ids(view) == actors and len(actors) < model.graph.number_of_nodes()
    assert "netherlands" not in ids(view) and "area-oncology" not in ids(view)
    assert view["counts"]["nodes"] == view["counts"]["matched"] == len(actors)
    assert ids(get(client, "/api/map/view?show=city")) == actors | {
        model.short_id(n) for n in model.graph if model.family[n].key == "city"}
    assert "leiden" in ids(get(client, "/api/map/view?kind=city"))  # asked for as a kind: shown


def test_the_whole_graph_is_drawn_with_its_counts(client: FlaskClient, model) -> None:
    view = get(client, "/api/map/view?" + EVERYTHING)
    graph = model.graph
    assert len(view["nodes"]) == graph.number_of_nodes() > 250
    assert len(view["edges"]) == graph.number_of_edges() > 300
    assert view["counts"]["nodes"] == view["counts"]["matched"] == view["counts"]["total"]["nodes"]
    assert not view["reduced"] and not view["clusters"]
    shown = ids(view)
    assert all(edge["from"] in shown and edge["to"] in shown for edge in view["edges"])
    assert len({(e["from"], e["predicate"], e["to"]) for e in view["edges"]}) == len(view["edges"])
    assert sum(family["shown"] for family in view["legend"]) == len(view["nodes"])
    assert {family["key"] for family in view["legend"]} <= set(FAMILY_KEYS)
    assert all(edge["predicate"] in view["predicates"] for edge in view["edges"])


def test_nodes_are_sized_by_connectedness_and_labelled_in_both_languages(client: FlaskClient) -> None:
    view = get(client, "/api/map/view?" + EVERYTHING)
    by_id = {node["id"]: node for node in view["nodes"]}
    assert by_id["netherlands"]["degree"] > by_id["lumc"]["degree"]
    assert by_id["den-haag"]["labels"] == {"nl": "Den Haag", "en": "The Hague"}
    assert by_id["leiden"]["labels"] == {"en": "Leiden"}  # one label when both languages agree
    assert by_id["lumc"]["family"] == "umc" and by_id["kite"]["family"] == "company"


# ---------- filters ----------

def test_kind_filter_keeps_only_that_family_or_class(client: FlaskClient, model) -> None:
    companies = get(client, "/api/map/view?kind=company")
    assert companies["nodes"] and all(node["family"] == "company" for node in companies["nodes"])
    assert ids(companies) == {model.short_id(n) for n, f in model.family.items() if f.key == "company"}
    biotech = get(client, "/api/map/view?kind=BiotechCompany")
    assert ids(biotech) < ids(companies) and all(n["kind"] == "BiotechCompany" for n in biotech["nodes"])
    both = get(client, "/api/map/view?kind=umc&kind=university")
    assert {n["family"] for n in both["nodes"]} == {"umc", "university"}


def test_place_filter_follows_located_in_sites_and_hotspot_cities(client: FlaskClient) -> None:
    leiden = ids(get(client, "/api/map/view?place=hotspot-leiden"))
    assert {"hotspot-leiden", "leiden", "lumc", "janssen", "leiden-bio-science-park",
            "janssen-leiden-vaccine-factory"} <= leiden
    assert "utrecht" not in leiden and "msd" not in leiden
    oss_nijmegen = ids(get(client, "/api/map/view?place=hotspot-oss-nijmegen"))
    assert {"oss", "nijmegen", "radboud-umc", "symeres", "msd-oss", "pivot-park"} <= oss_nijmegen
    assert "msd" in oss_nijmegen  # MSD is in Oss through its plant there


def test_filters_combine(client: FlaskClient) -> None:
    place = ids(get(client, "/api/map/view?place=hotspot-oss-nijmegen"))
    companies = ids(get(client, "/api/map/view?kind=company"))
    both = get(client, "/api/map/view?place=hotspot-oss-nijmegen&kind=company")
    assert ids(both) == place & companies and ids(both)
    assert both["counts"]["nodes"] == len(both["nodes"]) == both["counts"]["matched"]
    oncology = ids(get(client, "/api/map/view?area=area-oncology"))
    three = ids(get(client, "/api/map/view?area=area-oncology&kind=company&year_from=2010"))
    assert three <= oncology & companies


def test_partnership_filter_is_the_partnership_and_who_takes_part(client: FlaskClient) -> None:
    elf = get(client, "/api/map/view?partnership=european-lead-factory")
    assert {"european-lead-factory", "lygature", "symeres", "pivot-park-screening-centre"} <= ids(elf)
    assert not {n["family"] for n in elf["nodes"]} & {"city", "region", "area"}


def test_area_filter_covers_narrower_areas(client: FlaskClient, model) -> None:
    infectious = ids(get(client, "/api/map/view?area=area-infectious-diseases"))
    edges = model.graph.in_edges(ID + "area-infectious-diseases", keys=True)
    narrower = {model.short_id(s) for s, _, k in edges if k.endswith("#broader")}
    assert narrower and narrower <= infectious


def test_year_range_keeps_dated_entities_in_range_and_their_undated_links(client: FlaskClient, model) -> None:
    view = get(client, "/api/map/view?year_from=2019&year_to=2020")
    years = {node["id"]: node.get("year") for node in view["nodes"]}
    dated = {i for i, y in years.items() if y is not None}
    assert dated and all(2019 <= years[i] <= 2020 for i in dated)
    assert "deal-kite-hoofddorp-2020" in dated and "european-lead-factory" not in years  # started 2013
    for undated in set(years) - dated:  # context: linked to something dated in the range
        neighbours = {model.short_id(n) for n in model.links.neighbors(model.resolve(undated))}
        assert neighbours & dated, undated


def test_focus_shows_a_neighbourhood_and_depth_widens_it(client: FlaskClient, model) -> None:
    one = ids(get(client, f"/api/map/view?focus=msd&depth=1&{EVERYTHING}"))
    expected = {"msd"} | {model.short_id(n) for n in model.links.neighbors(ID + "msd")}
    assert one == expected
    two = ids(get(client, f"/api/map/view?focus=msd&depth=2&{EVERYTHING}"))
    assert two > one
    actors = ids(get(client, "/api/map/view?focus=msd&depth=1"))  # by default: not its city or country
    assert actors == {i for i in expected if model.family[model.resolve(i)].key not in ATTRIBUTE_FAMILIES}


def test_expand_adds_neighbours_through_the_filters_and_collapse_removes_them(client: FlaskClient,
                                                                             model) -> None:
    base = ids(get(client, "/api/map/view?kind=umc"))
    expanded = get(client, "/api/map/view?kind=umc&expand=lumc")
    neighbours = {model.short_id(n) for n in model.links.neighbors(ID + "lumc")}
    assert ids(expanded) == base | neighbours and "leiden" in ids(expanded)
    assert expanded["expanded"] == ["lumc"]
    assert ids(get(client, "/api/map/view?kind=umc")) == base
    answer = get(client, "/api/map/expand?node=lumc")
    assert {n["id"] for n in answer["nodes"]} == neighbours and answer["more"] == 0
    assert all(link["evidence"] for link in answer["links"])


# ---------- the reduced view ----------

@pytest.fixture(scope="module")
def small_client(shipped_store: EmbeddedStore) -> Iterator[FlaskClient]:
    app = make_app(shipped_store, LSHKG_MAP_MAX_NODES=60)
    with app.test_client() as client:
        yield client
    app.extensions.pop("lshkg.store", None)


def test_above_the_cap_the_most_connected_are_drawn_and_the_rest_clustered(small_client: FlaskClient,
                                                                          model) -> None:
    view = get(small_client, "/api/map/view?" + EVERYTHING)
    assert view["reduced"] and view["maxNodes"] == 60
    assert len(view["nodes"]) + len(view["clusters"]) <= 60 and view["clusters"]
    assert len(view["nodes"]) + sum(c["count"] for c in view["clusters"]) == view["counts"]["matched"]
    top = [model.short_id(n) for n in model.ranked[:len(view["nodes"])]]
    assert [n["id"] for n in view["nodes"]] == top  # the most connected first
    keys = {c["key"] for c in view["clusters"]}
    assert all(key.startswith("kind:") for key in keys - {"rest"})
    drawn = ids(view) | {c["id"] for c in view["clusters"]}
    assert all(e["from"] in drawn and e["to"] in drawn for e in view["edges"])
    assert any(e.get("aggregate") for e in view["edges"])


def test_opening_a_cluster_draws_its_members(small_client: FlaskClient, model) -> None:
    before = get(small_client, "/api/map/view")
    cluster = next(c for c in before["clusters"] if c["key"] == "kind:company")
    opened = get(small_client, "/api/map/view?open=kind:company")
    companies = [n for n in opened["nodes"] if n["family"] == "company"]
    assert len(companies) > len([n for n in before["nodes"] if n["family"] == "company"])
    assert "open=kind%3Acompany" in opened["query"]
    rest = [c for c in opened["clusters"] if c["key"].startswith("kind:company")]
    assert all(c["key"].startswith("kind:company/city:") for c in rest)  # split by city
    assert len(companies) + sum(c["count"] for c in rest) == cluster["count"] + len(
        [n for n in before["nodes"] if n["family"] == "company"])


def test_clusters_by_city_sit_at_their_city_on_the_map(small_client: FlaskClient) -> None:
    view = get(small_client, "/api/map/view?cluster=city&layout=geo")
    assert all(c["key"].startswith("city:") or c["key"] == "rest" for c in view["clusters"])
    by_key = {c["key"]: c for c in view["clusters"]}
    assert "x" in by_key["city:amsterdam"] and "margin" not in by_key["city:amsterdam"]
    assert by_key["city:"]["margin"] == "unplaced"
    assert all(c.get("margin") in (None, "abroad") for k, c in by_key.items() if k not in ("city:", "rest"))


# ---------- paths ----------

def test_paths_run_between_actors_unless_shared_attributes_are_asked_for(client: FlaskClient, model) -> None:
    def attribute(node: str) -> bool:
        return model.family[model.resolve(node)].key in ATTRIBUTE_FAMILIES

    actors = nx.subgraph_view(model.links, filter_node=lambda n: not attribute(n))
    answer = get(client, "/api/map/path?from=radboud-umc&to=tno")
    assert answer["found"]
    assert answer["length"] == nx.shortest_path_length(actors, ID + "radboud-umc", ID + "tno")
    assert not any(attribute(n) for p in answer["paths"] for n in p)
    honest = get(client, "/api/map/path?from=kite&to=lumc")  # they share only places and areas
    assert honest["found"] is False and honest["paths"] == []
    attributes = get(client, "/api/map/path?from=kite&to=lumc&avoid=region")
    assert attributes["found"] and all(any(attribute(n) for n in p[1:-1]) for p in attributes["paths"])


def test_path_between_two_entities_with_evidence_for_each_hop(client: FlaskClient, model) -> None:
    answer = get(client, "/api/map/path?from=lumc&to=msd&avoid=region")
    assert answer["found"] and answer["paths"]
    avoided = nx.subgraph_view(model.links, filter_node=lambda n: model.family[n].key != "region")
    assert answer["length"] == nx.shortest_path_length(avoided, ID + "lumc", ID + "msd")
    for path, hops in zip(answer["paths"], answer["hops"], strict=True):
        assert path[0] == "lumc" and path[-1] == "msd" and len(hops) == len(path) - 1
        assert not any(model.family[model.resolve(n)].key == "region" for n in path[1:-1])
        for hop in hops:
            assert hop["links"] and all(link["evidence"] for link in hop["links"])
    quotes = [e for hops in answer["hops"] for hop in hops for link in hop["links"] for e in link["evidence"]
              if e.get("quote")]
    assert quotes and all(q["language"] in ("nl", "en") and q["source"]["id"] for q in quotes)
    through_anything = get(client, "/api/map/path?from=lumc&to=msd&avoid=none")
    assert through_anything["length"] <= answer["length"]


def test_a_view_with_a_path_includes_and_marks_it(client: FlaskClient) -> None:
    view = get(client, "/api/map/view?kind=umc&from=lumc&to=msd&avoid=region")
    path = view["path"]
    assert path["found"] and set(path["paths"][0]) <= ids(view)
    assert path["hops"] and path["hops"][0]["from"] == "lumc"


def test_no_path_is_said_plainly(client: FlaskClient, model) -> None:
    isolated = next((model.short_id(n) for n in model.graph if model.degree[n] == 0), None)
    if isolated is None:
        pytest.skip("no isolated node in this graph")
    view = get(client, f"/api/map/view?from=lumc&to={isolated}")
    assert view["path"]["found"] is False and view["path"]["paths"] == []


# ---------- layouts ----------

def test_geographic_layout_places_cities_and_keeps_the_unplaced_visible(client: FlaskClient, model) -> None:
    view = get(client, "/api/map/view?layout=geo&" + EVERYTHING)
    at = {node["id"]: node for node in view["nodes"]}
    assert all("x" in node and "y" in node for node in view["nodes"])
    assert at["leiden"]["x"] < at["utrecht"]["x"]
    assert at["groningen"]["y"] < at["maastricht"]["y"]  # the canvas's y grows southwards
    unplaced = {model.short_id(n) for n, d in model.graph.nodes(data=True) if "lat" not in d}
    margins = {m["key"]: m for m in view["margins"]}
    assert margins["unplaced"]["count"] == len(unplaced)
    assert all(at[i]["margin"] == "unplaced" for i in unplaced)
    assert at["los-angeles"]["margin"] == "abroad"


def test_hierarchical_layout_puts_parent_above_subsidiary_above_site(client: FlaskClient) -> None:
    view = get(client, "/api/map/view?layout=hierarchical")
    level = {node["id"]: node["level"] for node in view["nodes"]}
    assert level["johnson-and-johnson"] < level["janssen"] < level["janssen-leiden-vaccine-factory"]
    assert level["european-lead-factory"] < level["symeres"]  # partnership above member


def test_outline_of_the_netherlands_comes_from_the_installed_package(client: FlaskClient) -> None:
    outline = get(client, "/api/map/outline")
    netherlands = [f for f in outline["features"] if f["properties"]["role"] == "netherlands"]
    assert len(netherlands) == 1 and netherlands[0]["properties"]["name"] == "Netherlands"
    for polygon in netherlands[0]["geometry"]["coordinates"]:
        for lon, lat in polygon[0]:
            assert 3.0 < lon < 7.5 and 50.6 < lat < 53.8  # no Caribbean islands
    assert sum(len(p[0]) for p in netherlands[0]["geometry"]["coordinates"]) > 300


def test_outline_missing_is_a_clear_503(app: Flask, monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    monkeypatch.setattr("webapp.map.outline_file", lambda: tmp_path / "missing.json")
    with app.test_client() as client:
        answer = get(client, "/api/map/outline", 503)
    assert "make install" in answer["error"]
    assert str(tmp_path) not in answer["error"]  # the server's log names the file, the client not


# ---------- lenses, options, details ----------

def test_every_lens_is_offered_with_a_url_and_draws_its_seeds(client: FlaskClient) -> None:
    lenses = get(client, "/api/map/lenses")
    assert tuple(lens["id"] for lens in lenses) == LENSES
    seeds = {"european-lead-factory": {"european-lead-factory", "lygature"}, "regmed-xb": {"regmed-xb"},
             "gateways": {"pharma-gateway-amsterdam", "vaccines-gateway-netherlands", "schiphol"},
             "hotspot-leiden": {"hotspot-leiden", "leiden", "lumc"},
             "hotspot-oss-nijmegen": {"hotspot-oss-nijmegen", "oss", "nijmegen", "radboud-umc"},
             "logistics": {"schiphol", "haven-rotterdam", "haven-amsterdam", "msd-haarlem-cold-store"}}
    for lens in lenses:
        assert lens["url"].startswith("/?lens=") and pick(lens["labels"]) and pick(lens["descriptions"])
        view = get(client, "/api/map/view?" + lens["query"])
        assert seeds[lens["id"]] <= ids(view), lens["id"]
        assert view["chosen"]["lens"][0]["id"] == lens["id"]
    assert "layout=geo" in next(lens for lens in lenses if lens["id"] == "logistics")["query"]


def pick(labels: dict) -> str:
    return labels.get("en") or labels.get("nl") or ""


def test_options_list_what_the_filters_can_be(client: FlaskClient) -> None:
    options = get(client, "/api/map/options")
    places = {p["id"]: p for p in options["places"]}
    assert places["hotspot-leiden"]["count"] > 3 and places["leiden"]["family"] == "city"
    assert options["places"][0]["family"] == "hotspot"
    assert "european-lead-factory" in {p["id"] for p in options["partnerships"]}
    assert "area-oncology" in {a["id"] for a in options["areas"]}
    assert options["years"]["min"] < options["years"]["max"]
    assert set(options["exportFormats"]) >= {"ttl", "graphml", "html"}


def test_node_details_have_kind_facts_and_links_with_quotes(client: FlaskClient) -> None:
    details = get(client, "/api/map/node/european-lead-factory")
    assert details["kind"] == "PublicPrivatePartnership" and details["kindLabels"]["nl"]
    assert "ELF" in details["abbreviations"] and details["year"] == 2013
    members = [link for link in details["links"] if link["predicate"] == "memberOf"]
    assert {link["other"]["id"] for link in members} >= {"lygature", "symeres"}
    assert all(link["direction"] == "in" for link in members)
    quoted = [e for link in details["links"] for e in link["evidence"] if e.get("quote")]
    assert quoted and all(e["language"] in ("nl", "en") and e["source"]["labels"] for e in quoted)
    assert any(fact["evidence"] for fact in details["facts"])
    assert get(client, "/api/map/node/" + ID + "european-lead-factory")["id"] == "european-lead-factory"
    assert get(client, "/api/map/node/lshid:lumc")["id"] == "lumc"
    get(client, "/api/map/node/no-such-thing", 404)


def test_edge_details_say_which_document_says_so(client: FlaskClient) -> None:
    edge = get(client, "/api/map/edge?from=lygature&to=european-lead-factory&predicate=memberOf")
    assert edge["labels"]["en"] and edge["from"]["id"] == "lygature"
    assert any(e.get("quote") and e["source"]["id"] for e in edge["evidence"])
    get(client, "/api/map/edge?from=lygature&to=european-lead-factory&predicate=hasSite", 404)


# ---------- bad parameters ----------

@pytest.mark.parametrize(("url", "param"), [
    ("/api/map/view?kind=spaceship", "kind"),
    ("/api/map/view?place=nowhere", "place"),
    ("/api/map/view?place=msd", "place"),  # not a place
    ("/api/map/view?partnership=lumc", "partnership"),
    ("/api/map/view?area=leiden", "area"),
    ("/api/map/view?year_from=twenty", "year_from"),
    ("/api/map/view?year_from=2020&year_to=2010", "year_to"),
    ("/api/map/view?focus=nobody", "focus"),
    ("/api/map/view?focus=msd&depth=7", "depth"),
    ("/api/map/view?depth=x", "depth"),
    ("/api/map/view?lens=moon", "lens"),
    ("/api/map/view?expand=nobody", "expand"),
    ("/api/map/view?open=bogus", "open"),
    ("/api/map/view?cluster=colour", "cluster"),
    ("/api/map/view?layout=circle", "layout"),
    ("/api/map/view?physics=maybe", "physics"),
    ("/api/map/view?lang=fr", "lang"),
    ("/api/map/view?colour=red", "colour"),
    ("/api/map/view?from=lumc", "to"),
    ("/api/map/view?from=lumc&to=lumc", "to"),
    ("/api/map/view?avoid=moon", "avoid"),
    ("/api/map/view?show=company", "show"),  # only shared attributes are shown on demand
    ("/api/map/view?select=nobody", "select"),
    ("/api/map/view?layout=geo&layout=force", "layout"),
    ("/api/map/view?zoom=3", "zoom"),
    ("/api/map/edge?to=lumc&predicate=locatedIn", "from"),
    ("/api/map/edge?from=lumc&to=leiden", "predicate"),
    ("/api/map/expand", "node"),
    ("/api/map/expand?node=lumc&limit=0", "limit"),
    ("/api/map/path?from=lumc", "to"),
    ("/api/map/path?from=lumc&to=msd&avoid=moon", "avoid"),
    ("/api/map/path?from=lumc&to=msd&limit=99", "limit"),
])
def test_bad_parameters_are_a_400_naming_the_parameter(client: FlaskClient, url: str, param: str) -> None:
    answer = get(client, url, 400)
    assert answer["param"] == param and answer["error"].startswith(param + ":"), answer


def test_large_answers_are_gzipped_for_clients_that_accept_it(client: FlaskClient) -> None:
    import gzip
    import json

    plain = client.get("/api/map/view")
    packed = client.get("/api/map/view", headers={"Accept-Encoding": "gzip, deflate"})
    assert "Content-Encoding" not in plain.headers
    assert packed.headers["Content-Encoding"] == "gzip" and "Accept-Encoding" in packed.headers["Vary"]
    assert json.loads(gzip.decompress(packed.get_data())) == plain.get_json()
    assert len(packed.get_data()) < len(plain.get_data()) / 3
    small = client.get("/api/map/view?focus=lumc", headers={"Accept-Encoding": "gzip"})
    assert "Content-Encoding" not in small.headers  # not worth it


def test_the_canonical_query_reproduces_the_view(client: FlaskClient) -> None:
    view = get(client, "/api/map/view?layout=geo&kind=company&place=hotspot-leiden&lang=nl&expand=lumc")
    again = get(client, "/api/map/view?" + view["query"])
    assert again["query"] == view["query"] and ids(again) == ids(view)
    assert [n["x"] for n in again["nodes"]] == [n["x"] for n in view["nodes"]]


# ---------- the page and the model ----------

def test_map_page_loads_only_local_assets(client: FlaskClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    header = response.headers["Content-Security-Policy"]
    policy = dict(part.strip().split(" ", 1) for part in header.split(";"))
    assert policy["script-src"] == "'self'" and policy["connect-src"] == "'self'"
    assert "<script>" not in html  # no inline script: the strict policy would refuse it
    for marker in ('id="map-canvas"', 'id="map-search"', 'id="legend"', 'id="export-link"',
                   'data-view-api="/api/map/view"', 'data-search-api="/api/search"',
                   'data-export-api="/api/export"', 'data-entity-base="/id/"', "vis-network.min.js"):
        assert marker in html, marker
    # the map's modules: main.js as a module script (deferred, so after vis-network's classic script)
    assert '<script type="module" src="/static/map/main.js"></script>' in html
    modules = [f"/static/map/{path.name}" for path in _modules("map")]
    for reference in ("/static/map/main.js", "/static/map.css", "/vendor/vis-network/vis-network.min.js"):
        assert reference in html
    for reference in ("/static/map.css", "/vendor/vis-network/vis-network.min.js", *modules):
        served = client.get(reference)
        assert served.status_code == 200, reference
        if reference.endswith(".js"):
            assert served.mimetype == "text/javascript", reference  # module scripts need a JavaScript type
        served.close()
    assert not [u for u in _urls(html) if urlsplit(u).netloc]


def _urls(html: str) -> list[str]:
    import re

    return re.findall(r'(?:src|href)="([^"]+)"', html)


def _modules(folder: str) -> list[Path]:
    """The ES modules of one page (webapp/static/<folder>/), main.js among them."""
    modules = sorted((Path(__file__).resolve().parents[2] / "webapp" / "static" / folder).rglob("*.js"))
    assert any(path.name == "main.js" for path in modules), folder
    return modules


def test_map_script_never_writes_html_from_data() -> None:
    sinks = ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function")
    for path in _modules("map"):
        script = path.read_text()
        for sink in sinks:
            assert sink not in script, (path.name, sink)


# import { a, b } from "./x.js"; also a bare import "./x.js" and export ... from "./x.js"
_IMPORT = re.compile(r'^\s*(?:import|export)\s+(?:\{([^}]*)\}\s+from\s+|[^"\';]*?\s+from\s+)?'
                     r'["\']([^"\']+)["\']', re.MULTILINE)


@pytest.mark.parametrize("folder", ["map", "editor"])
def test_front_end_modules_are_small_and_import_what_exists(folder: str) -> None:
    # no browser needed to catch a module that grew too big or an import of a missing file or name
    for path in _modules(folder):
        source = path.read_text()
        assert len(source.splitlines()) <= 400, f"{path.name}: {len(source.splitlines())} lines"
        for names, target in _IMPORT.findall(source):
            # the modules' own folder, and the page's words from the shared ../i18n.js
            assert target.startswith(("./", "../i18n.js")) and target.endswith(".js"), (path.name, target)
            imported = path.parent / target
            assert imported.is_file(), (path.name, target)
            exported = imported.read_text()
            for name in filter(None, (part.strip() for part in names.split(","))):
                declared = rf"^export (?:function|const|let|var|class) {name}\b"
                assert re.search(declared, exported, re.MULTILINE), (path.name, target, name)


def test_centrality_and_communities_are_computed_once_not_per_request(
        client: FlaskClient, model, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("computed in a request")

    monkeypatch.setattr(nx, "betweenness_centrality", refuse)
    monkeypatch.setattr(nx.community, "louvain_communities", refuse)
    get(client, "/api/map/view?layout=hierarchical&from=lumc&to=msd")
    get(client, "/api/map/node/lumc")
    assert model.betweenness and len(set(model.community.values())) > 1
