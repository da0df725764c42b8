"""Small import files of every format, each naming one new company in Leiden (a shipped entity)."""

from __future__ import annotations

import json
from pathlib import Path

from ontology.namespaces import DEFAULT_BASE_IRI as ID

LSH = "https://w3id.org/lsh-kg/ontology#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def write(folder: Path, fmt: str, slug: str, label: str = "") -> Path:
    """One company `slug` in Leiden, as a file of format `fmt`; returns its path."""
    label = label or f"Imported {slug}"
    iri = f"{ID}{slug}"
    if fmt == "ttl":
        text = (f"@prefix lsh: <{LSH}> .\n@prefix rdfs: <{RDFS}> .\n\n<{iri}> a lsh:BiotechCompany ;\n"
                f"    rdfs:label {json.dumps(label)}@en ;\n    lsh:locatedIn <{ID}leiden> .\n")
    elif fmt == "trig":
        text = (f"@prefix lsh: <{LSH}> .\n@prefix rdfs: <{RDFS}> .\n<http://example.org/g> {{\n"
                f"<{iri}> a lsh:BiotechCompany ; rdfs:label {json.dumps(label)}@en ;\n"
                f"    lsh:locatedIn <{ID}leiden> .\n}}\n")
    elif fmt in ("nt", "nq"):
        graph = " <http://example.org/g>" if fmt == "nq" else ""
        text = (f"<{iri}> <{RDF_TYPE}> <{LSH}BiotechCompany>{graph} .\n"
                f"<{iri}> <{RDFS}label> {json.dumps(label)}@en{graph} .\n"
                f"<{iri}> <{LSH}locatedIn> <{ID}leiden>{graph} .\n")
    elif fmt == "jsonld":
        text = json.dumps({"@context": {"lsh": LSH, "rdfs": RDFS}, "@id": iri, "@type": "lsh:BiotechCompany",
                           "rdfs:label": {"@value": label, "@language": "en"},
                           "lsh:locatedIn": {"@id": f"{ID}leiden"}})
    elif fmt == "rdf":
        escaped = label.replace("&", "&amp;").replace("<", "&lt;")
        text = (f'<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
                f' xmlns:rdfs="{RDFS}" xmlns:lsh="{LSH}">\n  <lsh:BiotechCompany rdf:about="{iri}">\n'
                f'    <rdfs:label xml:lang="en">{escaped}</rdfs:label>\n'
                f'    <lsh:locatedIn rdf:resource="{ID}leiden"/>\n  </lsh:BiotechCompany>\n</rdf:RDF>\n')
    elif fmt == "csv":
        (folder / f"{slug}.mapping.yaml").write_text(
            "id: id\nlabel: name\nkind: type\nlinks: {city: locatedIn}\nvalues: {founded: foundedYear}\n",
            encoding="utf-8")
        text = f"id,name,type,city,founded\n{slug},{json.dumps(label)},BiotechCompany,leiden,2001\n"
    elif fmt == "yaml":
        text = (f"- id: {slug}\n  type: BiotechCompany\n  label: {{en: {json.dumps(label)}}}\n"
                f"  evidence:\n    - general: true\n  locatedIn:\n    - {{ref: leiden, general: true}}\n")
    else:
        raise ValueError(fmt)
    path = folder / f"{slug}.{fmt}"
    path.write_text(text, encoding="utf-8")
    return path


FORMATS = ("ttl", "trig", "nt", "nq", "jsonld", "rdf", "csv", "yaml")
