"""The dataset the store serves: the records built with their evidence, and the example gallery."""

from __future__ import annotations

from pathlib import Path

from graph.records.build import BuiltDataset, build_records
from graph.store.gallery import GALLERY_FILE, gallery_triples, load_gallery

__all__ = ["build_dataset"]


def build_dataset(records_dir: Path, base_iri: str, gallery: Path | None = GALLERY_FILE) -> BuiltDataset:
    """Read and convert every record (and the example gallery); raises RecordError naming file,
    line and field."""
    built = build_records(records_dir, base_iri)
    if gallery is not None and gallery.exists():
        for triple in gallery_triples(load_gallery(gallery, base_iri), base_iri):
            built.graph.add(triple)
    return built
