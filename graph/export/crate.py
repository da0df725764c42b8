"""A bundle's `ro-crate-metadata.json`, after RO-Crate 1.1: the root Data Entity with `hasPart`,
each file a File entity with its `encodingFormat`, size and SHA-256; the dataset version it was
made from, the date, the licence and the source documents as entities of their own, and the
command that makes it again as the CreateAction that made it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from typing import Any

from graph.store.derived import DatasetVersion

__all__ = ["CRATE", "LICENCE", "crate_metadata", "sha256"]

CRATE = "ro-crate-metadata.json"
# the project's licence (pyproject.toml); the quotes stay their authors'
LICENCE = "https://spdx.org/licenses/MIT"
CONTEXT = "https://w3id.org/ro/crate/1.1/context"
SOFTWARE = "https://w3id.org/lsh-kg"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def crate_metadata(files: Mapping[str, tuple[bytes, str, str]], *, title: str, made: str, command: str,
                   version: DatasetVersion | None, dataset_iri: str,
                   sources: Sequence[tuple[str, str]]) -> bytes:
    """The crate's JSON-LD. `files`: name -> (bytes, media type, description); `made`: an ISO
    date-time; `sources`: (IRI, name) of each document the evidence cites."""
    parts = [{"@id": name, "@type": "File", "name": name, "description": description,
              "encodingFormat": media_type, "contentSize": str(len(data)), "sha256": sha256(data)}
             for name, (data, media_type, description) in files.items()]
    dataset: dict[str, Any] = {"@id": dataset_iri, "@type": "Dataset", "name": "lsh-kg",
                               "description": "The Dutch Life Sciences & Health knowledge graph"}
    if version is not None:
        dataset |= {"version": version.hash, "dateModified": version.date}
    root = {"@id": "./", "@type": "Dataset", "name": f"lsh-kg bundle: {title}",
            "description": f"{title}, with the selection or query that made it. Made again by: {command}",
            "datePublished": made, "license": {"@id": LICENCE},
            "isBasedOn": {"@id": dataset_iri}, "citation": [{"@id": iri} for iri, _ in sources],
            "hasPart": [{"@id": name} for name in files]}
    action = {"@id": "#make", "@type": "CreateAction", "name": "lsh-kg bundle",
              "description": command, "endTime": made, "instrument": {"@id": SOFTWARE},
              "object": {"@id": dataset_iri}, "result": {"@id": "./"}}
    graph = [
        {"@id": CRATE, "@type": "CreativeWork", "conformsTo": {"@id": "https://w3id.org/ro/crate/1.1"},
         "about": {"@id": "./"}},
        root, *parts, dataset, action,
        {"@id": SOFTWARE, "@type": "SoftwareApplication", "name": "lsh-kg", "url": SOFTWARE},
        {"@id": LICENCE, "@type": "CreativeWork", "name": "MIT License", "identifier": "MIT"},
        *({"@id": iri, "@type": "CreativeWork", "name": name} for iri, name in sources),
    ]
    return json.dumps({"@context": CONTEXT, "@graph": graph}, ensure_ascii=False, indent=1).encode("utf-8")
