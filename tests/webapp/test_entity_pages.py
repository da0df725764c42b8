"""Entity pages on the shipped graph: content negotiation, facts with evidence both ways, buttons,
source pages, 404 with suggestions (Flask's test client; RDF read back with pyoxigraph)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox
import pytest
from flask.testing import FlaskClient

from graph.store.backends import EmbeddedStore
from ontology.namespaces import DEFAULT_BASE_IRI as ID

LSH = "https://w3id.org/lsh-kg/ontology#"
OX_FORMATS = {"text/turtle": ox.RdfFormat.TURTLE, "application/ld+json": ox.RdfFormat.JSON_LD,
              "application/n-triples": ox.RdfFormat.N_TRIPLES, "application/rdf+xml": ox.RdfFormat.RDF_XML}


def get(client: FlaskClient, url: str, **headers: str):
    response = client.get(url, headers=headers)
    response.close()
    return response


def triples_of(body: bytes, media_type: str) -> set[ox.Triple]:
    return {quad.triple for quad in ox.parse(body, format=OX_FORMATS[media_type])}


KITE, GILEAD = ox.NamedNode(ID + "kite"), ox.NamedNode(ID + "gilead-sciences")
SUBSIDIARY_OF = ox.NamedNode(LSH + "subsidiaryOf")


# ---------- content negotiation ----------

@pytest.mark.parametrize("media_type", list(OX_FORMATS))
def test_rdf_by_accept_header(client: FlaskClient, media_type: str) -> None:
    response = get(client, "/id/kite", Accept=media_type)
    assert response.status_code == 200
    assert response.mimetype == media_type
    assert "Accept" in response.headers["Vary"]
    triples = triples_of(response.data, media_type)
    assert ox.Triple(KITE, SUBSIDIARY_OF, GILEAD) in triples
    worker = ox.NamedNode(ID + "louis-van-de-wiel")  # incoming: who works for Kite
    assert ox.Triple(worker, ox.NamedNode(LSH + "worksFor"), KITE) in triples
    quotes = {t.object.value for t in triples if t.predicate.value == LSH + "quote"}
    assert "Kite, een dochterbedrijf van Gilead Sciences" in quotes  # the evidence comes along


@pytest.mark.parametrize(("extension", "media_type"), [
    ("ttl", "text/turtle"), ("jsonld", "application/ld+json"), ("nt", "application/n-triples"),
    ("rdf", "application/rdf+xml")])
def test_rdf_by_extension_is_the_same_as_by_accept(client: FlaskClient, extension: str,
                                                   media_type: str) -> None:
    by_extension = get(client, f"/id/kite.{extension}", Accept="text/html")
    by_accept = get(client, "/id/kite", Accept=media_type)
    assert by_extension.mimetype == media_type
    assert triples_of(by_extension.data, media_type) == triples_of(by_accept.data, media_type)


@pytest.mark.parametrize("accept", [
    "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",  # Firefox, Chromium
    "*/*", ""])
def test_html_for_browsers_and_for_anything(client: FlaskClient, accept: str) -> None:
    response = get(client, "/id/kite", **({"Accept": accept} if accept else {}))
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    assert "<h1 id=\"entity-label\">Kite</h1>" in response.get_data(as_text=True)


def test_json_twin_and_json_by_accept(client: FlaskClient) -> None:
    twin = get(client, "/id/kite.json").get_json()
    assert twin == get(client, "/id/kite", Accept="application/json").get_json()
    assert twin["iri"] == ID + "kite" and twin["kind"] == "BiotechCompany" and twin["id"] == "kite"
    groups = {group["group"]: group["facts"] for group in twin["groups"]}
    belongs = [f for f in groups["belongs"] if f["predicate"] == LSH + "subsidiaryOf"]
    assert belongs[0]["value"]["iri"] == ID + "gilead-sciences"
    assert belongs[0]["evidence"][0]["quote"] == "Kite, een dochterbedrijf van Gilead Sciences"
    assert belongs[0]["evidence"][0]["source"] == ID + "boston-aan-de-noordzee"
    people = {f["value"]["iri"]: f["direction"] for f in groups["people"]}
    assert people[ID + "louis-van-de-wiel"] == "in"  # incoming links are facts too
    country = next(f for f in groups["where"] if f["predicate"] == LSH + "country")
    assert country["evidence"] == [{"basis": "GeneralKnowledge", "quote": None, "quoteLanguage": "",
                                    "source": None, "sourceLabels": {}}]


def test_media_types_it_cannot_give(client: FlaskClient) -> None:
    response = get(client, "/id/kite", Accept="image/png")
    assert response.status_code == 406
    assert "text/turtle" in response.get_data(as_text=True)


# ---------- the HTML page ----------

class _Page(HTMLParser):
    """The links, the texts of headings, and the evidence items of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.links: dict[str, str] = {}
        self.hrefs: list[str] = []
        self.headings: list[str] = []
        self._heading = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and values.get("href"):
            self.hrefs.append(values["href"])
            if values.get("id"):
                self.links[values["id"]] = values["href"]
        self._heading = tag in ("h1", "h2")

    def handle_endtag(self, tag: str) -> None:
        self._heading = False

    def handle_data(self, data: str) -> None:
        if self._heading and data.strip():
            self.headings.append(data.strip())


def parse_page(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    return page


def test_page_shows_kind_names_grouped_facts_and_evidence(client: FlaskClient) -> None:
    html = get(client, "/id/european-lead-factory").get_data(as_text=True)
    page = parse_page(html)
    assert page.headings[0] == "European Lead Factory"
    for heading in ("What it is", "Where it is", "Whom it works with", "Figures", "Neighbourhood"):
        assert heading in page.headings, page.headings
    assert "<dd>ELF</dd>" in html  # its abbreviation
    assert 'href="/kinds/PublicPrivatePartnership"' in html
    assert "/id/lygature" in page.hrefs and "/id/boston-aan-de-noordzee" in page.hrefs
    assert "has member" in html and "←" not in html  # members link to it: read from this end, in words
    dutch = get(client, "/id/european-lead-factory?lang=nl").get_data(as_text=True)
    assert "heeft als lid" in dutch
    assert '<q lang="nl">' in html
    assert "general knowledge" in get(client, "/id/kite").get_data(as_text=True)


def test_page_buttons_open_the_map_the_editor_and_the_export(client: FlaskClient) -> None:
    html = get(client, "/id/kite").get_data(as_text=True)
    page = parse_page(html)
    assert page.links["open-on-map"] == "/?focus=kite"
    editor = urlsplit(page.links["query-in-editor"])
    assert editor.path == "/query"
    query = parse_qs(editor.query)["query"][0]
    assert f"<{ID}kite>" in query and query.lstrip().startswith("SELECT")
    assert 'action="/api/export"' in html and 'name="ego" value="kite"' in html
    for extension in ("ttl", "jsonld", "nt", "rdf", "json"):
        assert f"/id/kite.{extension}" in page.hrefs
    data = html.split('id="entity-network-data">', 1)[1].split("</script>", 1)[0]
    assert '"self": true' in data and ID + "gilead-sciences" in data
    assert '<script src="/static/entity.js">' in html


def test_the_query_the_page_links_to_runs_and_finds_the_facts(client: FlaskClient) -> None:
    editor = urlsplit(parse_page(get(client, "/id/kite").get_data(as_text=True)).links["query-in-editor"])
    prefixes = (f"PREFIX lsh: <{LSH}>\nPREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\n"
                "PREFIX prov: <http://www.w3.org/ns/prov#>\n")
    query = prefixes + parse_qs(editor.query)["query"][0]
    response = client.post("/sparql", data={"query": query},
                           headers={"Accept": "application/sparql-results+json"})
    rows = response.get_json()["results"]["bindings"]
    response.close()
    assert {row["other"]["value"] for row in rows} >= {ID + "gilead-sciences", ID + "louis-van-de-wiel"}


def test_things_without_asserted_facts_show_their_triples(client: FlaskClient,
                                                         shipped_store: EmbeddedStore) -> None:
    node = shipped_store.select(f"""SELECT ?e WHERE {{ ?e <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject>
        <{ID}kite> ; <{LSH}quote> ?q }} LIMIT 1""")[0]["e"]
    twin = get(client, f"/id/{node[len(ID):]}.json").get_json()
    assert twin["asserted"] is False
    facts = {f["predicate"].rsplit("#", 1)[-1]: f["value"] for g in twin["groups"] for f in g["facts"]}
    assert facts["subject"]["iri"] == ID + "kite" and "quote" in facts
    html = get(client, f"/id/{node[len(ID):]}").get_data(as_text=True)
    assert "Nothing is asserted about this with evidence" in html
    assert get(client, "/id/post/louis-van-de-wiel/kite").status_code == 200  # ids with slashes


def test_the_page_script_never_writes_html_from_data() -> None:
    script = (Path(__file__).resolve().parents[2] / "webapp" / "static" / "entity.js").read_text()
    assert not any(word in script for word in ("innerHTML", "outerHTML", "insertAdjacentHTML", "eval("))


# ---------- sources ----------

def test_source_page_lists_what_the_document_supports(client: FlaskClient) -> None:
    html = get(client, "/id/lsh-internationalisation-strategy").get_data(as_text=True)
    assert "What this document supports" in html
    assert "This partnership advances the ongoing collaboration in life sciences" in html
    supports = get(client, "/id/lsh-internationalisation-strategy.json").get_json()["supports"]
    assert supports and all(row["quote"] for row in supports)
    assert {"subject", "predicate", "object", "quote"} <= set(supports[0])
    redirect = get(client, "/sources/lsh-internationalisation-strategy")
    assert redirect.status_code == 302
    assert redirect.headers["Location"].endswith("/id/lsh-internationalisation-strategy")


def test_a_source_page_describes_the_document_and_pages_its_passages(client: FlaskClient) -> None:
    first = get(client, "/id/boston-aan-de-noordzee")
    html = first.get_data(as_text=True)
    page = parse_page(html)
    for part, text in (("title", "Boston aan de Noordzee: volop kansen voor medicijninnovatie in Nederland"),
                       ("year", "2021"), ("language", "Dutch")):
        assert f'<dd id="document-{part}">{text}</dd>' in html, part
    assert "/id/vig" in page.hrefs  # the publisher
    assert "001_30e783b398ede47a.txt" not in html  # the file name is ours, not the reader's
    original = get(client, "/sources/boston-aan-de-noordzee/text")
    assert original.status_code == 200 and "MEDICIJNINNOVATIE" in original.get_data(as_text=True)
    assert len(first.data) < 200_000  # a page of passages, not all 3,000 statements
    second = get(client, "/id/boston-aan-de-noordzee?page=2").get_data(as_text=True)
    assert "?lang=en&amp;page=3#supports" in second and "?lang=en&amp;page=1#supports" in second
    quotes = set(re.findall(r"<td><q[^>]*>([^<]+)</q>", html))
    assert quotes and quotes.isdisjoint(re.findall(r"<td><q[^>]*>([^<]+)</q>", second))
    assert get(client, "/sources/kite/text").status_code == 404  # not a document


def test_each_quote_is_shown_once_with_what_it_supports(client: FlaskClient) -> None:
    html = get(client, "/id/kite").get_data(as_text=True)
    quotes = re.findall(r"<q[^>]*>([^<]+)</q>", html)
    assert quotes and len(quotes) == len(set(quotes))
    shared = "Kite, een dochterbedrijf van Gilead Sciences"
    item = html.split(shared, 1)[1].split("</li>", 1)[0]
    assert "subsidiary of" in item and "Gilead Sciences" in item and "Biotech company" in item
    for number in set(re.findall(r'href="#quote-(\d+)"', html)):
        assert f'id="quote-{number}"' in html


def test_linked_nodes_are_named_not_shown_as_ids(client: FlaskClient) -> None:
    html = get(client, "/id/lygature").get_data(as_text=True)
    link_texts = re.findall(r'<a href="/id/[^"]+">([^<]+)</a>', html)
    assert "Lygature in European Lead Factory" in link_texts
    assert not [text for text in link_texts if "/" in text], link_texts


# ---------- unknown ids ----------

def test_unknown_entity_is_404_with_the_closest_matches(client: FlaskClient) -> None:
    response = get(client, "/id/european-lead-factori")
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert 'href="/id/european-lead-factory"' in html and "Did you mean" in html
    twin = get(client, "/id/radboud-umcc.json")
    assert twin.status_code == 404
    assert twin.get_json()["parameter"] == "id"
    assert twin.get_json()["suggestions"][0]["id"] == "radboud-umc"
    as_rdf = get(client, "/id/radboud-umcc", Accept="text/turtle")
    assert as_rdf.status_code == 404 and "radboud-umc" in as_rdf.get_data(as_text=True)
    assert get(client, "/id/").status_code in (404, 308)
