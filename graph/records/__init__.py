"""The curated YAML records (`graph/data/`) turned into the dataset: records read with their file
and line, converted to RDF with evidence on every asserted triple, entailments added, checked
against the SHACL shapes, and written as one sorted N-Triples file.

May import: `ontology`, `graph.config`, `graph.messages`.
"""
