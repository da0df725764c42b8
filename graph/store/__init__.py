"""Where the dataset lives and how it is asked: the embedded Oxigraph store or a remote SPARQL
endpoint behind one interface, the guard every user query passes (read-only, no outbound
requests, time limit in a killable worker, row cap), the caps shared by every server process
(`slots`) and the deadline long work looks at (`deadline`), answers in every result format, the service
description and VoID, the example gallery, and counts for `lshkg stats`.

May import: `graph.records`, `ontology`, `graph.config`, `graph.messages`.
"""
