"""An import file read into an RDF graph, by its format, with the positions its errors are told at.

Formats: Turtle, TriG, N-Triples, N-Quads, JSON-LD, RDF/XML (rdflib's parsers), CSV with a small
YAML mapping, and our YAML records. Size is capped before parsing, and a gzip or zip file is read
through the same cap while it is decompressed, so a small bomb cannot fill memory or disk.
"""

from __future__ import annotations

import gzip
import io
import json
import re
import zipfile
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph
from ruamel.yaml import YAML, YAMLError

from graph.store.import_problems import ImportProblem, ImportRefused, ReadImport
from graph.store.import_records import read_records
from graph.store.import_tables import read_csv

__all__ = ["FORMATS", "read_import"]

# extension -> rdflib parser
FORMATS = {".ttl": "turtle", ".trig": "trig", ".nt": "nt", ".nq": "nquads", ".jsonld": "json-ld",
           ".json": "json-ld", ".rdf": "xml", ".owl": "xml", ".xml": "xml"}


def _refuse(file: str, message: str, line: int | None = None) -> ImportRefused:
    return ImportRefused([ImportProblem(file, message, line)])


def _capped(stream: io.BufferedIOBase, file: str, max_bytes: int, packed: bool) -> bytes:
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        what = "unpacks to more than" if packed else "is larger than"
        raise _refuse(file, f"{what} the import limit of {max_bytes:,} bytes (LSHKG_IMPORT_MAX_BYTES); "
                            "nothing was imported")
    return data


def _unpack(path: Path, max_bytes: int) -> tuple[str, bytes]:
    """The file's name without a packing suffix and its bytes, never more than `max_bytes`."""
    name = path.name
    if path.stat().st_size > max_bytes:
        raise _refuse(name, f"is larger than the import limit of {max_bytes:,} bytes "
                            "(LSHKG_IMPORT_MAX_BYTES); nothing was imported")
    if name.endswith(".gz"):
        try:
            with gzip.open(path, "rb") as packed:
                return name[:-3], _capped(packed, name, max_bytes, True)
        except (OSError, EOFError) as error:
            raise _refuse(name, f"is not a readable gzip file: {error}") from None
    if name.endswith(".zip"):
        try:
            with zipfile.ZipFile(path) as archive:
                members = [info for info in archive.infolist() if not info.is_dir()]
                if len(members) != 1:
                    raise _refuse(name, "a zip file must hold exactly one file to import")
                with archive.open(members[0]) as packed:  # the declared size may lie: read capped
                    return Path(members[0].filename).name, _capped(packed, name, max_bytes, True)
        except (zipfile.BadZipFile, OSError) as error:
            raise _refuse(name, f"is not a readable zip file: {error}") from None
    with open(path, "rb") as plain:
        return name, _capped(plain, name, max_bytes, False)


def _no_remote_context(node: object, file: str) -> None:
    """JSON-LD may name contexts by URL, which rdflib would fetch: an import never makes requests."""
    if isinstance(node, dict):
        for key, value in node.items():
            contexts = value if isinstance(value, list) else [value]
            if key == "@context" and any(isinstance(context, str) for context in contexts):
                raise _refuse(file, "JSON-LD with a remote @context is refused (no request is made on an "
                                    "import's behalf); put the context inline")
            _no_remote_context(value, file)
    elif isinstance(node, list):
        for item in node:
            _no_remote_context(item, file)


OX_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG, "nt": ox.RdfFormat.N_TRIPLES,
              "nquads": ox.RdfFormat.N_QUADS, "json-ld": ox.RdfFormat.JSON_LD}


def _parse_rdf(file: str, data: bytes, rdf_format: str, base_iri: str) -> ReadImport:
    """Oxigraph's parsers where they tell the line and column of an error (and never fetch a JSON-LD
    context), rdflib's for RDF/XML; quads of any graph land in the one graph of the import."""
    text = data.decode("utf-8", "replace")
    if rdf_format == "json-ld":
        try:
            _no_remote_context(json.loads(text), file)
        except json.JSONDecodeError as error:
            raise _refuse(file, f"not valid JSON-LD: {error.msg}", error.lineno) from None
    try:
        if rdf_format in OX_FORMATS:
            quads = ox.parse(data, format=OX_FORMATS[rdf_format], base_iri=base_iri)
            triples = "".join(f"{quad.subject} {quad.predicate} {quad.object} .\n" for quad in quads)
            graph = Graph().parse(data=triples, format="nt")
        else:
            graph = Graph().parse(data=data, format=rdf_format, publicID=base_iri)
    except SyntaxError as error:  # Oxigraph's, with the line and column
        detail = re.sub(r"^Parser error at line \d+ column \d+: | \(line \d+\)$", "", str(error))
        raise _refuse(file, f"not valid {rdf_format}: {detail}", error.lineno) from None
    except Exception as error:  # rdflib's RDF/XML parser: SAX errors say <unknown>:LINE:COLUMN
        found = re.search(r":(\d+):\d+: (.*)", str(error))
        raise _refuse(file, f"not valid RDF/XML: {found.group(2) if found else error}",
                      int(found.group(1)) if found else None) from None
    return ReadImport(file, graph, text=text)


def read_import(path: Path, *, max_bytes: int, base_iri: str, mapping: Path | None = None,
                records_dir: Path | None = None) -> ReadImport:
    """Read one import file; ImportRefused says why it cannot be read, at which line."""
    name, data = _unpack(path, max_bytes)
    suffix = Path(name).suffix.lower()
    if suffix == ".csv":
        return read_csv(name, data, _mapping(path, mapping), base_iri)
    if suffix in (".yaml", ".yml"):
        return read_records(name, data, base_iri, records_dir)
    if suffix not in FORMATS:
        raise _refuse(name, f"unknown format {suffix or '(no extension)'}: use one of "
                            f"{', '.join(sorted(FORMATS))}, .csv with a mapping, .yaml records "
                            "(optionally .gz or .zip)")
    return _parse_rdf(name, data, FORMATS[suffix], base_iri)


def _mapping(path: Path, mapping: Path | None) -> dict:
    candidate = mapping or path.with_name(path.name.split(".")[0] + ".mapping.yaml")
    if not candidate.is_file():
        raise _refuse(path.name, f"a CSV import needs a mapping (--mapping, or {candidate.name} beside it)")
    try:
        loaded = YAML(typ="safe").load(candidate.read_text(encoding="utf-8"))
    except YAMLError as error:
        raise _refuse(candidate.name, f"not valid YAML: {error}") from None
    if not isinstance(loaded, dict) or "id" not in loaded:
        raise _refuse(candidate.name, "a mapping is a YAML mapping with at least `id:` (the id column)")
    return loaded

