"""The graph as a network: entities as nodes and asserted links as edges (networkx), and all the
map derives from it: the map model with centrality and communities, view parameters, selection,
lenses, reduction into clusters, layouts, paths and the details of a node or link.

May import: `graph.store`, `graph.records`, `ontology`, `graph.config`, `graph.messages`; not `graph.entity`.
"""
