"""Subgraphs out of the explorer: what to export (`subgraph`), how it is chosen (`select`, `view`),
and the writers, one module per family of formats (`rdf`, `network_formats`, `html`), behind one
entry point (`formats.export`).

May import: `graph.network`, `graph.entity`, `graph.store`, `graph.records`, `ontology`,
`graph.config`, `graph.messages`.
"""
