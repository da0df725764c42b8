"""What the graph tells a policy reader beyond its links: the sector in figures, side by side, with
every disagreement between sources shown (`figures`); the network in words (`overview`); paths
told as sentences with their evidence (`sentences`); an entity's dated facts (`timeline`).

May import: `graph.entity`, `graph.network`, `graph.store`, `graph.records`, `ontology`,
`graph.config`, `graph.messages`.
"""
