"""lsh-kg: the knowledge graph of the Dutch Life Sciences & Health ecosystem (no web imports)."""
