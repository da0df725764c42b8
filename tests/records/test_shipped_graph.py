"""The shipped graph: it conforms, builds byte for byte the same, and holds what the records say."""

from __future__ import annotations

from collections import Counter

import pytest
from rdflib import URIRef

from graph import config
from graph.records.build import BuiltDataset, ntriples
from graph.records.loader import load_records
from graph.records.validate import validate_graph
from graph.store.backends import EmbeddedStore
from graph.store.dataset import build_dataset
from ontology.namespaces import DEFAULT_BASE_IRI, LSH, RDF
from ontology.vocabulary import load_vocabulary

ID = DEFAULT_BASE_IRI


def test_shipped_dataset_conforms_to_the_shapes(shipped: BuiltDataset) -> None:
    violations = validate_graph(shipped.graph, shipped)
    assert not violations, "\n".join(str(v) for v in violations[:20])


def test_build_is_deterministic(shipped: BuiltDataset) -> None:
    again = build_dataset(config.RECORDS_DIR, DEFAULT_BASE_IRI)
    assert ntriples(again.graph) == ntriples(shipped.graph)


def test_counts_per_class_match_the_records(shipped: BuiltDataset) -> None:
    vocabulary = load_vocabulary()
    records = list(load_records(config.RECORDS_DIR))
    # a type with evidence of its own is written {value: Acquisition, general: true}
    types = [record.fields["type"] for record in records]
    declared = Counter(str(t["value"] if isinstance(t, dict) else t) for t in types)
    for class_name in vocabulary.local_names("class"):
        if class_name in ("Membership", "Post", "Evidence", "EvidenceBasis"):
            continue  # made by the build, not written as records
        term = LSH[class_name]
        expected = sum(count for name, count in declared.items()
                       if LSH[name] == term or term in vocabulary.superclasses[LSH[name]])
        actual = len({s for s in shipped.graph.subjects(RDF.type, term) if str(s).startswith(ID)})
        assert actual == expected, f"{class_name}: {actual} in the graph, {expected} in the records"


def test_every_membership_and_post_comes_from_a_record(shipped: BuiltDataset) -> None:
    records = list(load_records(config.RECORDS_DIR))
    roles = sum(1 for r in records for m in (r.fields.get("member") or []) if "role" in m)
    posts = sum(len(r.fields.get("post") or []) for r in records)
    assert len(set(shipped.graph.subjects(RDF.type, LSH.Membership))) == roles
    assert len(set(shipped.graph.subjects(RDF.type, LSH.Post))) == posts


def test_the_five_documents_are_sources(shipped_store: EmbeddedStore) -> None:
    rows = shipped_store.select("""
        PREFIX lsh: <https://w3id.org/lsh-kg/ontology#>
        SELECT ?doc ?file ?language WHERE {
          ?doc a lsh:SourceDocument ; lsh:fileName ?file ; lsh:language ?language ; lsh:title ?title .
        }""")
    assert {row["file"][:3] for row in rows} == {"000", "001", "002", "003", "004"}
    assert {row["language"] for row in rows} == {"nl", "en"}


QUESTIONS = {
    "who coordinates the European Lead Factory": ("""
        SELECT DISTINCT ?answer WHERE { lshid:european-lead-factory lsh:coordinator ?answer }""",
        {"lygature"}),
    "which companies sit on Pivot Park": ("""
        SELECT DISTINCT ?answer WHERE { ?answer lsh:locatedIn lshid:pivot-park ; a lsh:Company }""",
        {"acerta-pharma"}),
    "which UMCs exist": ("""
        SELECT DISTINCT ?answer WHERE { ?answer a lsh:UniversityMedicalCentre }""",
        {"amc", "vumc", "lumc", "erasmus-mc", "maastricht-umc", "radboud-umc", "umc-groningen",
         "umc-utrecht", "amsterdam-umc"}),
    "what Amsterdam UMC was formed from": ("""
        SELECT ?answer WHERE { lshid:amsterdam-umc lsh:formedFrom ?answer }""", {"amc", "vumc"}),
    "whom the Geneesmiddel Regieorgaan would bring together (a proposal, no members)": ("""
        SELECT ?answer WHERE { lshid:geneesmiddel-regieorgaan a lsh:Proposal ;
                                 lsh:proposedBy lshid:vig ; lsh:proposedParticipant ?answer }""",
        {"vnci", "tln", "rijksoverheid"}),
    "which evidence is only a reference in a list of links (the VIG action plan among them)": ("""
        SELECT DISTINCT ?answer WHERE { ?e lsh:basis lsh:DocumentReference ; rdf:subject ?answer ;
                                          rdf:predicate lsh:initiatedBy ; rdf:object lshid:vig }""",
        {"actieplan-infectieziekten"}),
    "where the Massachusetts and Flanders partnerships are (both sides)": ("""
        SELECT ?answer WHERE { VALUES ?p { lshid:transatlantic-life-sciences-partnership
                                           lshid:personalised-medicine-partnership-flanders-netherlands }
                               ?p lsh:locatedIn ?answer }""", {"massachusetts", "flanders", "netherlands"}),
    "which organisations take part in the European Lead Factory (found with W3C ORG)": ("""
        SELECT DISTINCT ?answer WHERE { ?answer org:memberOf lshid:european-lead-factory }""",
        {"symeres", "pivot-park-screening-centre", "lygature"}),
    "which parent does Kite have (found with schema.org)": ("""
        SELECT ?answer WHERE { lshid:kite schema:parentOrganization ?answer }""",
        {"gilead-sciences"}),
    "which documents count the UMCs, and how many": ("""
        SELECT DISTINCT ?answer WHERE {
          ?figure lsh:measure lshid:measure-umcs ; lsh:numericValue ?n .
          ?evidence rdf:subject ?figure ; rdf:predicate lsh:numericValue ; prov:wasDerivedFrom ?doc .
          BIND(IRI(CONCAT(STR(?doc), "/", STR(?n))) AS ?answer)
        }""",
        {"boston-aan-de-noordzee/8", "nederland-als-medicijnhub/8", "geneesmiddelensector-in-cijfers/7"}),
}


@pytest.mark.parametrize("question", sorted(QUESTIONS))
def test_sparql_answers_real_questions(shipped_store: EmbeddedStore, question: str) -> None:
    from graph.store.gallery import prefixed

    query, expected = QUESTIONS[question]
    rows = shipped_store.select(prefixed(query))
    answers = {row["answer"][len(ID):] for row in rows}
    assert expected <= answers, f"missing {expected - answers}"
    if question.startswith(("who", "which parent", "which documents")):
        assert answers == expected


def test_which_document_says_a_link_in_which_words(shipped_store: EmbeddedStore) -> None:
    from graph.store.gallery import prefixed

    rows = shipped_store.select(prefixed("""
        SELECT ?doc ?quote WHERE {
          ?e rdf:subject lshid:kite ; rdf:predicate lsh:subsidiaryOf ; rdf:object lshid:gilead-sciences ;
             prov:wasDerivedFrom ?doc ; lsh:quote ?quote .
        }"""))
    assert {row["doc"] for row in rows} == {ID + "boston-aan-de-noordzee"}
    assert "Kite, een dochterbedrijf van Gilead Sciences" in {row["quote"] for row in rows}


def test_general_knowledge_is_marked_and_never_quoted(shipped: BuiltDataset) -> None:
    general = set(shipped.graph.subjects(LSH.basis, LSH.GeneralKnowledge))
    assert general, "coordinates of cities are general knowledge"
    for node in general:
        assert shipped.graph.value(node, LSH.quote) is None
    leiden = URIRef(ID + "leiden")
    assert shipped.graph.value(leiden, LSH.latitude) is not None


def test_umcs_counted_as_the_documents_count_them(shipped_store: EmbeddedStore) -> None:
    """AMC, VUmc and Amsterdam UMC are three entities. The 2021 documents count eight UMCs (AMC and
    VUmc apart), the later figures seven (Amsterdam UMC): with the merger modelled, both counts
    come out of the graph."""
    from graph.store.gallery import prefixed

    def count(condition: str) -> str:
        rows = shipped_store.select(prefixed(f"""SELECT (COUNT(DISTINCT ?umc) AS ?n) WHERE {{
            ?umc a lsh:UniversityMedicalCentre FILTER NOT EXISTS {{ {condition} }} }}"""))
        return rows[0]["n"]

    stated = shipped_store.select(prefixed("""
        SELECT ?figure ?n WHERE { ?figure lsh:measure lshid:measure-umcs ; lsh:numericValue ?n }"""))
    stated = {row["figure"][len(ID):]: row["n"] for row in stated}
    assert stated == {"fig-ban-umcs": "8", "fig-hub-umcs": "8", "fig-cijfers-umcs": "7"}
    assert count("?umc lsh:formedFrom ?predecessor") == "8"
    assert count("?successor lsh:formedFrom ?umc") == "7"


def test_a_proposal_has_proposed_participants_and_no_members(shipped_store: EmbeddedStore) -> None:
    from graph.store.gallery import prefixed

    proposals = shipped_store.select(prefixed("SELECT ?p WHERE { ?p a lsh:Proposal ; lsh:proposedBy ?by }"))
    assert len(proposals) >= 3
    members = shipped_store.select(prefixed("""
        SELECT ?who ?p WHERE { { ?who lsh:memberOf ?p } UNION { ?m org:organization ?p ; org:member ?who }
                               ?p a lsh:Proposal }"""))
    assert members == []


def test_a_type_the_document_does_not_state_is_general_knowledge(shipped_store: EmbeddedStore) -> None:
    from graph.store.gallery import prefixed

    rows = shipped_store.select(prefixed("""
        SELECT ?basis ?quote WHERE { ?e rdf:subject lshid:deal-acerta-pharma-astrazeneca-2016 ;
            rdf:predicate rdf:type ; rdf:object lsh:Acquisition ; lsh:basis ?basis
            OPTIONAL { ?e lsh:quote ?quote } }"""))
    assert rows == [{"basis": str(LSH.GeneralKnowledge)}]


def test_a_umc_is_linked_to_a_technology_only_where_a_sentence_says_so(shipped: BuiltDataset) -> None:
    """No sentence of the five documents links a named umc to a technology or modality (they speak of
    umcs in general, or of companies' cell and gene therapy): such a link comes only with a quote
    from a document, never from general knowledge alone."""
    umcs = set(shipped.graph.subjects(RDF.type, LSH.UniversityMedicalCentre))
    technologies = set(shipped.graph.subjects(RDF.type, LSH.Technology))
    for assertion in shipped.assertions:
        if assertion.subject in umcs and assertion.object in technologies:
            assert any(e.quote for e in assertion.evidence), assertion.origin
