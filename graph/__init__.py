"""lsh-kg: the knowledge graph of the Dutch Life Sciences & Health ecosystem.

The wings follow the data flow, and each may import only the wings to its left (and `ontology`,
and `graph.config`, the settings):

    records -> store -> network, entity -> export -> cli

Nothing here imports `webapp`; `docs/architecture.md` draws the whole picture and
`tests/test_layout.py` keeps it so.
"""
