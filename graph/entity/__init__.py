"""One entity at a time: its facts grouped by meaning with their evidence, the indexes of kinds and
of what a source supports, and the keystroke search over names.

May import: `graph.store`, `graph.records`, `ontology`, `graph.config`, `graph.messages`; not `graph.network`.
"""
