"""Settings, declared once as (name, default, help).

A value comes from, last one winning: the default, a TOML config file (`--config FILE`, the
`LSHKG_CONFIG` variable, or `lshkg.toml` in the working folder), the `LSHKG_<NAME>` environment
variable, a command-line option.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ontology.namespaces import DEFAULT_BASE_IRI

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
    Setting("query_workers", "2", "Warm worker processes per server process that run user queries."),
    Setting("query_workers_max", "12",
            "Most query worker processes per server process while runaway queries hold the warm ones."),
    Setting("long_query_s", "0.5",
            "Seconds after which a running query counts as long (then at the lowest CPU priority)."),
    Setting("long_queries", "4",
            "Most long queries running at once on the server (all its processes); one more gets HTTP 429."),
    Setting("long_queries_per_client", "2",
            "Most long queries of one client running at once on the server; one more gets HTTP 429."),
    Setting("slow_requests", "4",
            "Most slow requests (exports, path searches, CONSTRUCT networks) running at once on the "
            "server (all its processes); one more gets HTTP 429."),
    Setting("slow_request_timeout_s", "20",
            "Time limit of a slow request (an export, a path search, a CONSTRUCT network), in seconds "
            "(then HTTP 503)."),
    Setting("host", "127.0.0.1", "Address `lshkg serve` listens on."),
    Setting("port", "8000", "Port `lshkg serve` listens on."),
    Setting("workers", "2", "Server processes of `lshkg serve`."),
    Setting("threads", "16", "Threads per server process (most wait on a query worker, not on the CPU)."),
    Setting("map_max_nodes", "500",
            "Most nodes the map draws one by one; a larger view is reduced to its most connected "
            "nodes plus clusters by kind or city, which open on click."),
    Setting("rate_limit_per_minute", "120",
            "Requests a client may make each minute to /sparql and /api/export (0: no limit)."),
    Setting("import_max_bytes", str(200 * 1024 * 1024),
            "Largest file `lshkg import` and the import API take, in bytes (also once unpacked)."),
    Setting("import_token", "",
            "Token that switches the web app's import API on (sent as a Bearer token); empty: off."),
    Setting("proxy_hops", "0",
            "Reverse proxies in front of the app whose X-Forwarded-For to trust for the client address."),
)


CONFIG_FILE_VARIABLE = "LSHKG_CONFIG"
_overrides: dict[str, str] = {}  # set by command-line options


def _declared(name: str) -> Setting:
    for item in SETTINGS:
        if item.name == name:
            return item
    raise KeyError(f"unknown setting {name!r}")


def config_file() -> Path | None:
    """The config file in use, if any."""
    named = os.environ.get(CONFIG_FILE_VARIABLE)
    if named:
        return Path(named)
    local = Path.cwd() / "lshkg.toml"
    return local if local.is_file() else None


@lru_cache(maxsize=8)
def _read_config_file(path: Path, modified: float) -> dict[str, str]:
    try:
        with path.open("rb") as handle:
            values = tomllib.load(handle)
    except OSError as error:
        raise ValueError(f"config file {path}: {error.strerror}") from None
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"config file {path}: {error}") from None
    known = {item.name for item in SETTINGS}
    for key, value in values.items():
        if key not in known:
            raise ValueError(f"config file {path}: unknown setting {key!r} "
                             f"(known: {', '.join(sorted(known))})")
        if isinstance(value, dict | list):
            raise ValueError(f"config file {path}: {key} must be a single value")
    return {key: str(value).lower() if isinstance(value, bool) else str(value)
            for key, value in values.items()}


def file_values() -> dict[str, str]:
    path = config_file()
    if path is None:
        return {}
    if not path.is_file():
        raise ValueError(f"config file {path} does not exist")
    return _read_config_file(path, path.stat().st_mtime)


def override(name: str, value: object) -> None:
    """A command-line option's value: it beats every other source."""
    _declared(name)
    _overrides[name] = str(value)


def setting(name: str) -> str:
    """The value of one setting: command line, else environment, else config file, else default.

    >>> setting("base_iri") == os.environ.get("LSHKG_BASE_IRI", DEFAULT_BASE_IRI)
    True
    """
    item = _declared(name)
    if name in _overrides:
        return _overrides[name]
    if item.env_var in os.environ:
        return os.environ[item.env_var]
    return file_values().get(name, item.default)


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
