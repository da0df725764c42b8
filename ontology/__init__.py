"""The lsh-kg ontology as one folder: the OWL ontology (`lsh.ttl`), the SHACL shapes every dataset
must satisfy (`shapes.ttl`), the Python names of its terms and namespaces (`namespaces`,
`vocabulary`) and the generator of `docs/ontology.md` (`docs`).

Imports nothing of `graph` or `webapp`: every other part of the project may import it.
"""

from pathlib import Path

ONTOLOGY_DIR = Path(__file__).resolve().parent
ONTOLOGY_FILE = ONTOLOGY_DIR / "lsh.ttl"
SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"
