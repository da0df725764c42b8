"""The lsh-kg ontology (`lsh.ttl`) and the SHACL shapes every dataset must satisfy (`shapes.ttl`)."""

from pathlib import Path

ONTOLOGY_DIR = Path(__file__).resolve().parent
ONTOLOGY_FILE = ONTOLOGY_DIR / "lsh.ttl"
SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"
