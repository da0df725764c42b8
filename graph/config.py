"""Settings, declared once as (name, default, help); read from `LSHKG_<NAME>` environment variables."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from graph.namespaces import DEFAULT_BASE_IRI

PROJECT_ROOT = Path(__file__).resolve().parent.parent
RECORDS_DIR = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    help: str

    @property
    def env_var(self) -> str:
        return "LSHKG_" + self.name.upper()


SETTINGS: tuple[Setting, ...] = (
    Setting("data_dir", str(PROJECT_ROOT / "var"),
            "Folder for the built dataset file and the embedded store."),
    Setting("records_dir", str(RECORDS_DIR), "Folder of the curated YAML records."),
    Setting("base_iri", DEFAULT_BASE_IRI, "Base IRI of the entities (a deployment's own domain)."),
    Setting("seeds_dir", str(PROJECT_ROOT.parent / "shared" / "seeds"),
            "Folder of the source documents the quotes are checked against."),
    Setting("endpoint", "", "URL of a remote SPARQL 1.1 endpoint to use instead of the embedded store."),
    Setting("query_timeout_s", "10", "Time limit of one user query, in seconds (then HTTP 503)."),
    Setting("query_max_rows", "10000", "Most rows (or triples) one answer holds; more is cut, visibly."),
    Setting("query_max_bytes", "100000", "Largest query accepted, in bytes (then HTTP 413)."),
    Setting("query_workers", "2", "Worker processes per server process that run user queries."),
)


def setting(name: str) -> str:
    """The value of one setting: its environment variable if set, else its default.

    >>> setting("base_iri") == os.environ.get("LSHKG_BASE_IRI", DEFAULT_BASE_IRI)
    True
    """
    for item in SETTINGS:
        if item.name == name:
            return os.environ.get(item.env_var, item.default)
    raise KeyError(f"unknown setting {name!r}")


def number(name: str) -> float:
    """A numeric setting; a clear error names the variable when it is not a number."""
    value = setting(name)
    try:
        return float(value)
    except ValueError:
        raise ValueError(f"LSHKG_{name.upper()}={value!r} is not a number") from None


def data_dir() -> Path:
    return Path(setting("data_dir"))


def records_dir() -> Path:
    return Path(setting("records_dir"))


def dataset_file() -> Path:
    """The built dataset, as sorted N-Triples."""
    return data_dir() / "lsh-kg.nt"


def store_dir() -> Path:
    """The embedded store, opened from disk."""
    return data_dir() / "store"
