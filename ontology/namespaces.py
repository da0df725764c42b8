"""The RDF namespaces the graph is written in."""

from rdflib import Namespace
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SKOS, XSD

__all__ = [
    "DCTERMS", "DEFAULT_BASE_IRI", "FOAF", "GEO", "LSH", "ORG", "OWL", "PREFIXES", "PROV",
    "RDF", "RDFS", "SCHEMA", "SKOS", "VANN", "XSD", "is_iri", "preset_prefixes",
]

LSH = Namespace("https://w3id.org/lsh-kg/ontology#")
DEFAULT_BASE_IRI = "https://w3id.org/lsh-kg/id/"
SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
GEO = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")
VANN = Namespace("http://purl.org/vocab/vann/")

PREFIXES: dict[str, str] = {
    "lsh": str(LSH),
    "schema": str(SCHEMA),
    "org": str(ORG),
    "prov": str(PROV),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "geo": str(GEO),
    "foaf": str(FOAF),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
}


def preset_prefixes(base_iri: str) -> dict[str, str]:
    """The prefixes a query may use without declaring them: ours, and `lshid:` for entities."""
    return {**PREFIXES, "lshid": base_iri}


def is_iri(text: str) -> bool:
    """Whether `text` is an IRI that can stand between < and > in SPARQL or Turtle (Oxigraph's
    own check): built into a query from user input, anything else would break or change it.

    >>> is_iri("https://w3id.org/lsh-kg/id/kite"), is_iri("https://x/a> } #"), is_iri("no scheme")
    (True, False, False)
    """
    import pyoxigraph

    try:
        pyoxigraph.NamedNode(text)
    except ValueError:
        return False
    return not any(c in text for c in '<>"{}|^`\\ ')
