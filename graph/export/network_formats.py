"""A subgraph as a network file: GraphML and GEXF (Gephi, Cytoscape), CSV node and edge lists in
one zip, and Cytoscape.js JSON.

Every format carries the same flat attributes: a node's IRI, entity id, kind, labels (en, nl),
abbreviations, coordinates (lat, lon) and year, and how the map draws it (family, colour, size, and
the x, y the map showed when the page sent them); a link's predicate, relation name, labels, roles
and evidence (how many passages, the source documents, the quotes, whether general knowledge).
GEXF carries the look as its own viz colour, size and position.

The CSV zip is written as a stream (`csv_zip_chunks`): rows go into the zip as it is read, never
the whole archive at once. Every writer looks at the export's `Deadline` in its loops.

Each file names the dataset version it came from (`graph.export.about`): GraphML as graph data,
GEXF in its meta (description, keywords), the CSV zip in its comment and in a CSV on the Web
metadata file (`csv-metadata.json`) beside the tables, Cytoscape.js JSON in its `data`.
"""

from __future__ import annotations

import csv
import io
import json
import math
import zipfile
from collections.abc import Callable, Iterator
from typing import Any
from xml.etree.ElementTree import SubElement

import networkx as nx

from graph.export.about import About
from graph.export.appearance import appearance, rgb
from graph.export.subgraph import Subgraph
from graph.network.from_triples import last_segment
from graph.store.deadline import Deadline, WorkCut, checked

__all__ = ["CSV_METADATA", "CUT_NOTE", "EDGE_COLUMNS", "NODE_COLUMNS", "WRITERS", "csv_metadata",
           "csv_zip_chunks", "edge_attributes",
           "flat_network", "node_attributes"]

NODE_COLUMNS = ("id", "iri", "kind", "label", "label_en", "label_nl", "abbreviations", "lat", "lon",
                "year", "startYear", "foundedYear")
EDGE_COLUMNS = ("source", "target", "predicate", "relation", "label", "label_nl", "roles", "evidence",
                "general_knowledge", "sources", "quotes")
QUOTE_SEPARATOR = " | "
CHUNK_BYTES = 64 * 1024  # a streamed zip is sent in pieces of about this size
CUT_NOTE = ("INCOMPLETE: this export was stopped at its time limit, and the CSV files beside this note "
            "hold only part of it. Choose a smaller selection and try again.\n")


def node_attributes(iri: str, data: dict, base_iri: str) -> dict[str, Any]:
    """Flat attributes of a node (scalars only; absent values left out)."""
    labels = data.get("labels", {})
    short = iri[len(base_iri):] if iri.startswith(base_iri) else last_segment(iri)
    attributes: dict[str, Any] = {"iri": iri, "entity": short, "kind": data.get("kind", ""),
                                  "label": labels.get("en") or labels.get("nl") or next(
                                      iter(labels.values()), short)}
    for language in ("en", "nl"):
        if language in labels:
            attributes[f"label_{language}"] = labels[language]
    if data.get("abbreviations"):
        attributes["abbreviations"] = "; ".join(data["abbreviations"])
    for key in ("lat", "lon"):
        if key in data:
            attributes[key] = float(data[key])
    for key in ("year", "startYear", "foundedYear"):
        if key in data:
            attributes[key] = int(data[key])
    return attributes


def edge_attributes(data: dict) -> dict[str, Any]:
    evidence = data.get("evidence", [])
    labels = data.get("labels", {})
    predicate = data.get("predicate", "")
    attributes: dict[str, Any] = {
        "predicate": predicate, "relation": last_segment(predicate),
        "label": labels.get("en") or labels.get("nl") or last_segment(predicate),
        "evidence": len(evidence),
        "general_knowledge": any(e.get("basis") == "GeneralKnowledge" for e in evidence),
        "sources": " ".join(sorted({e["source"] for e in evidence if e.get("source")})),
        "quotes": QUOTE_SEPARATOR.join(e["quote"] for e in evidence if e.get("quote")),
    }
    if "nl" in labels:
        attributes["label_nl"] = labels["nl"]
    if data.get("roles"):
        attributes["roles"] = "; ".join(data["roles"])
    return attributes


def flat_network(subgraph: Subgraph, base_iri: str, deadline: Deadline | None = None) -> nx.MultiDiGraph:
    """The subgraph with flat attributes, as GraphML and GEXF need them (node keys stay the IRIs)."""
    flat = nx.MultiDiGraph(name=subgraph.title)
    looks = appearance(subgraph)
    for node, data in checked(subgraph.graph.nodes(data=True), deadline):
        look = looks[node]
        red, green, blue = rgb(look["colour"])
        drawn = {"family": look["family"], "colour": look["colour"], "r": red, "g": green, "b": blue,
                 "size": look["size"]}
        if "x" in look:
            drawn.update(x=look["x"], y=look["y"])
        flat.add_node(node, **node_attributes(node, data, base_iri), **drawn)
    for number, (source, target, key, data) in enumerate(checked(subgraph.graph.edges(keys=True, data=True),
                                                                 deadline)):
        flat.add_edge(source, target, key=f"e{number}", **edge_attributes({"predicate": key, **data}))
    return flat


def _version_fields(subgraph: Subgraph) -> dict[str, Any]:
    """`dataset_version` and `dataset_date` where the version is known."""
    about: About | None = subgraph.extra.get("about")
    return {k: v for k, v in (about.as_dict() if about else {}).items() if k.startswith("dataset_")}


def write_graphml(subgraph: Subgraph, base_iri: str, deadline: Deadline | None = None) -> bytes:
    flat = flat_network(subgraph, base_iri, deadline)
    flat.graph.update(_version_fields(subgraph))
    out = io.BytesIO()
    nx.write_graphml(flat, out, encoding="utf-8")
    return out.getvalue()


def _spread(flat: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    """Map-like positions without the page's: east and north from the coordinates, the nodes that
    share a point (a city's organisations) set around it on a small spiral instead of on top."""
    seen: dict[tuple[float, float], int] = {}
    placed = {}
    for node, data in flat.nodes(data=True):
        if "lat" in data:
            point = (data["lon"] * 100, data["lat"] * 100)
            order = seen[point] = seen.get(point, -1) + 1
            angle, radius = order * 2.39996, 4.0 * math.sqrt(order)
            placed[node] = (point[0] + radius * math.cos(angle), point[1] + radius * math.sin(angle))
    return placed


def write_gexf(subgraph: Subgraph, base_iri: str, deadline: Deadline | None = None) -> bytes:
    flat = flat_network(subgraph, base_iri, deadline)
    spread = _spread(flat)
    for node, data in flat.nodes(data=True):
        viz: dict[str, Any] = {"color": {"r": data["r"], "g": data["g"], "b": data["b"], "a": 1.0},
                               "size": data["size"]}
        if "x" in data:  # where the map showed it (the canvas's y grows downwards, Gephi's upwards)
            viz["position"] = {"x": data["x"], "y": -data["y"], "z": 0.0}
        elif node in spread:  # Gephi opens it laid out on the map: x east, y north
            viz["position"] = {"x": spread[node][0], "y": spread[node][1], "z": 0.0}
        data["viz"] = viz
    for _, _, key, data in flat.edges(keys=True, data=True):
        data["id"] = key  # GEXF edge ids must be unique across the file
    writer = nx.readwrite.gexf.GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    writer.add_graph(flat)
    _describe_gexf(writer.xml.find("meta"), subgraph.extra.get("about"))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


class _Sink(io.RawIOBase):
    """Where the zip writes: what it wrote is taken out piece by piece (it cannot seek back, so
    zipfile writes each member's sizes after its data)."""

    def __init__(self) -> None:
        super().__init__()
        self._parts: list[bytes] = []
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, data: bytes) -> int:  # type: ignore[override]
        self._parts.append(bytes(data))
        self.size += len(data)
        return len(data)

    def take(self) -> bytes:
        data, self._parts, self.size = b"".join(self._parts), [], 0
        return data


def _describe_gexf(meta: Any, about: About | None) -> None:
    """GEXF's meta: what the file holds and from which dataset version; dated by the dataset (the
    same export gives the same bytes, not a new date every day)."""
    if meta is None or about is None:
        return
    SubElement(meta, "keywords").text = ", ".join(
        ["lsh-kg"] + ([f"dataset version {about.version.hash}"] if about.version else []))
    SubElement(meta, "description").text = f"{about.title}. {about.words()}"
    if about.version:
        meta.set("lastmodifieddate", about.version.date)


def csv_zip_chunks(subgraph: Subgraph, base_iri: str, deadline: Deadline | None = None) -> Iterator[bytes]:
    """`<name>-nodes.csv` and `<name>-edges.csv` (source and target are node ids) in one zip, as a
    stream. The flat network is made now, under the deadline (a cut here raises WorkCut, before any
    byte); the rows are written as the stream is read, and if the deadline passes meanwhile the
    files end at a whole row and the zip, still whole, holds `<name>-INCOMPLETE.txt` (CUT_NOTE)."""
    flat = flat_network(subgraph, base_iri, deadline)
    ids = {node: data["entity"] for node, data in flat.nodes(data=True)}
    tables = ((f"lsh-kg-{subgraph.name}-nodes.csv", NODE_COLUMNS,
               ({"id": data["entity"], **data} for _, data in flat.nodes(data=True))),
              (f"lsh-kg-{subgraph.name}-edges.csv", EDGE_COLUMNS,
               ({"source": ids[s], "target": ids[t], **data} for s, t, data in flat.edges(data=True))))

    def written() -> Iterator[bytes]:
        sink = _Sink()
        with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            try:
                for name, columns, rows in tables:
                    with archive.open(name, "w") as member, \
                            io.TextIOWrapper(member, encoding="utf-8", newline="") as text:
                        writer = csv.DictWriter(text, fieldnames=columns, extrasaction="ignore",
                                                lineterminator="\r\n")
                        writer.writeheader()
                        for row in checked(rows, deadline, every=500):
                            writer.writerow(row)
                            if sink.size >= CHUNK_BYTES:
                                yield sink.take()
                        text.flush()
            except WorkCut:
                archive.writestr(f"lsh-kg-{subgraph.name}-INCOMPLETE.txt", CUT_NOTE)
            about = subgraph.extra.get("about")
            if about is not None:
                archive.comment = about.words().encode("utf-8")[:65535]
                archive.writestr(CSV_METADATA, csv_metadata(about, (tables[0][0], tables[1][0])))
        yield sink.take()

    return written()


def write_csv_zip(subgraph: Subgraph, base_iri: str, deadline: Deadline | None = None) -> bytes:
    """The CSV zip in one piece (the stream, joined)."""
    return b"".join(csv_zip_chunks(subgraph, base_iri, deadline))


CSV_METADATA = "csv-metadata.json"  # the name CSV on the Web readers look for beside the tables


def csv_metadata(about: About, names: tuple[str, str]) -> bytes:
    """CSV on the Web metadata (a table group) naming the tables and the dataset version."""
    group: dict[str, Any] = {
        "@context": ["http://www.w3.org/ns/csvw", {"@language": "en"}],
        "dc:title": f"lsh-kg: {about.title}", "dc:description": about.words(),
        "tables": [{"url": name, "tableSchema": {"columns": [{"name": c, "titles": c} for c in columns]}}
                   for name, columns in zip(names, (NODE_COLUMNS, EDGE_COLUMNS), strict=True)]}
    if about.version is not None:
        group |= {"schema:version": about.version.hash, "dc:modified": about.version.date}
    return json.dumps(group, indent=1).encode("utf-8")


def cytoscape_elements(subgraph: Subgraph, base_iri: str, deadline: Deadline | None = None) -> dict[str, Any]:
    """Cytoscape.js elements: {data: {id, ...}} per node and {data: {id, source, target, ...}} per edge.

    Also what networkx's `cytoscape_graph` reads: `directed` and `multigraph` at the top, a node's
    `value` (its id) and `name` (its label), an edge's `key`.
    """
    flat = flat_network(subgraph, base_iri, deadline)
    nodes = [{"data": {"id": node, "value": node, "name": data["label"], **data}}
             for node, data in flat.nodes(data=True)]
    edges = [{"data": {"id": key, "key": key, "source": s, "target": t, **data}}
             for s, t, key, data in flat.edges(keys=True, data=True)]
    return {"data": {"name": subgraph.title, **_version_fields(subgraph)}, "directed": True,
            "multigraph": True, "elements": {"nodes": nodes, "edges": edges}}


def write_cytoscape(subgraph: Subgraph, base_iri: str, deadline: Deadline | None = None) -> bytes:
    return json.dumps(cytoscape_elements(subgraph, base_iri, deadline), ensure_ascii=False,
                      indent=1).encode("utf-8")


WRITERS: dict[str, Callable[[Subgraph, str, Deadline | None], bytes]] = {
    "graphml": write_graphml, "gexf": write_gexf, "csv": write_csv_zip, "cyjs": write_cytoscape,
}
