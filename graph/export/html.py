"""A subgraph as one HTML file that draws it offline: vis-network (the copy pyvis ships) inline,
the data as JSON in a `<script type="application/json">` block, no CDN, no request of any kind.

We do not use pyvis's own template: it links Bootstrap and vis-network from CDNs and writes data
with innerHTML (see shared/engine-facts.md). Here every text from the data is set with textContent
or drawn on the canvas by vis-network, so labels and quotes never become markup.
"""

from __future__ import annotations

import html
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from graph.export.about import About
from graph.export.appearance import appearance
from graph.export.html_page import SCRIPT, STYLE, TEMPLATE
from graph.export.network_formats import edge_attributes, node_attributes
from graph.export.subgraph import Subgraph

__all__ = ["page_data", "vis_network_js", "write_html"]


@cache
def vis_network_js() -> str:
    import pyvis

    path = Path(pyvis.__file__).resolve().parent / "templates" / "lib" / "vis-9.1.2" / "vis-network.min.js"
    # a literal "</script" would end the inline script early
    return path.read_text(encoding="utf-8").replace("</script", "<\\/script")


LOOK = ("family", "colour", "shape", "size", "x", "y")


def page_data(subgraph: Subgraph, base_iri: str) -> dict[str, Any]:
    """What the page draws: nodes with labels (en, nl), kind, IRI and the map's look (family colour
    and shape, size, position if the map sent it); the families for the legend; edges with their
    evidence."""
    nodes = []
    looks = appearance(subgraph)
    families: dict[str, dict] = {}
    for node, data in subgraph.graph.nodes(data=True):
        flat = node_attributes(node, data, base_iri)
        look = looks[node]
        families.setdefault(look["family"], {"key": look["family"], "labels": look["family_labels"],
                                             "colour": look["colour"], "shape": look["shape"]})
        nodes.append({"id": node, "entity": flat["entity"], "kind": flat["kind"],
                      "labels": {k: flat[f"label_{k}"] for k in ("en", "nl") if f"label_{k}" in flat}
                      or {"en": flat["label"]},
                      **{key: look[key] for key in LOOK if key in look}})
    edges = []
    for number, (source, target, key, data) in enumerate(subgraph.graph.edges(keys=True, data=True)):
        flat = edge_attributes({"predicate": key, **data})
        labels = {"en": flat["label"]}
        if "label_nl" in flat:
            labels["nl"] = flat["label_nl"]
        evidence = [{"basis": e.get("basis"), "source": e.get("source"), "quote": e.get("quote")}
                    for e in data.get("evidence", [])]
        edges.append({"id": f"e{number}", "from": source, "to": target, "predicate": key, "labels": labels,
                      "evidence": evidence, "roles": list(data.get("roles", [])),
                      "general": flat["general_knowledge"]})
    about = subgraph.extra.get("about")
    return {"title": subgraph.title, "name": subgraph.name, "nodes": nodes, "edges": edges,
            "families": sorted(families.values(), key=lambda f: f["key"]),
            **({"about": about.as_dict()} if about else {})}


def _json_for_script(data: Any) -> str:
    # inside <script> only "<" could end the block; & and > are escaped too for good measure
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _meta(about: About | None) -> str:
    """The dataset version as meta tags (for programs) and the line under the map (for people)."""
    if about is None:
        return ""
    return "\n".join(f'<meta name="lsh-kg:{key}" content="{html.escape(str(value))}">'
                     for key, value in about.as_dict().items() if key.startswith("dataset_"))


def write_html(subgraph: Subgraph, base_iri: str) -> bytes:
    about: About | None = subgraph.extra.get("about")
    parts = {"TITLE": html.escape(f"lsh-kg: {subgraph.title}"), "STYLE": STYLE, "SCRIPT": SCRIPT,
             "DATA": _json_for_script(page_data(subgraph, base_iri)), "VIS": vis_network_js(),
             "META": _meta(about), "ABOUT": html.escape(about.words()) if about else ""}
    # one pass: text put in is never scanned for placeholders again
    return re.sub(r"\{\{(\w+)\}\}", lambda m: parts[m.group(1)], TEMPLATE).encode("utf-8")
