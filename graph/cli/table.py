"""SPARQL JSON results as a readable text table, IRIs shortened with our prefixes."""

from __future__ import annotations

import json

from ontology.namespaces import PREFIXES

__all__ = ["render_table"]


def _cell(term: dict | None, prefixes: dict[str, str]) -> str:
    if term is None:
        return ""
    value = term["value"]
    if term["type"] == "uri":
        for prefix, namespace in prefixes.items():
            if value.startswith(namespace):
                return f"{prefix}:{value[len(namespace):]}"
        return f"<{value}>"
    if term["type"] == "bnode":
        return f"_:{value}"
    if "xml:lang" in term:
        return f"{value} @{term['xml:lang']}"
    return value


def render_table(results_json: bytes, max_width: int = 60,
                 extra_prefixes: dict[str, str] | None = None) -> str:
    """A table with a header row, one line per solution, and the row count.

    >>> answer = b'{"head":{"vars":["a"]},"results":{"bindings":[{"a":{"type":"literal","value":"x"}}]}}'
    >>> print(render_table(answer))
    a
    -
    x
    (1 row)
    """
    data = json.loads(results_json)
    if "boolean" in data:
        return "yes" if data["boolean"] else "no"
    names = data["head"]["vars"]
    prefixes = {**(extra_prefixes or {}), **PREFIXES}
    rows = [[" ".join(_cell(binding.get(name), prefixes).split())[:max_width] for name in names]
            for binding in data["results"]["bindings"]]
    widths = [max([len(name)] + [len(row[i]) for row in rows]) for i, name in enumerate(names)]
    lines = ["  ".join(name.ljust(width) for name, width in zip(names, widths, strict=True)).rstrip(),
             "  ".join("-" * width for width in widths)]
    lines += ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
              for row in rows]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines)
