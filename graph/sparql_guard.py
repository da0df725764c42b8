"""Check a SPARQL query before it runs: read-only, no outbound requests, bounded size.

Both engines we run on execute `SERVICE` and some fetch `FROM` IRIs, so every query is parsed
here first (with rdflib, whose parser is not thread-safe: hence the lock) and refused when it
could reach outside the store. What rdflib cannot parse is refused too: fail closed.
"""

from __future__ import annotations

import threading
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from typing import Any

from pyparsing import ParseBaseException
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue

__all__ = ["CheckedQuery", "QueryRefused", "check_query"]

_PARSER_LOCK = threading.Lock()

QUERY_FORMS = {"SelectQuery": "SELECT", "ConstructQuery": "CONSTRUCT",
               "DescribeQuery": "DESCRIBE", "AskQuery": "ASK"}


class QueryRefused(ValueError):
    """A query that is not run: what is wrong, where (line, column) and the HTTP status to give."""

    def __init__(self, message: str, status: int = 400, line: int | None = None,
                 column: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.line = line
        self.column = column

    def __str__(self) -> str:
        if self.line is None:
            return self.message
        return f"line {self.line}, column {self.column}: {self.message}"


@dataclass(frozen=True)
class CheckedQuery:
    """A query that passed the checks, with its form (SELECT, ASK, CONSTRUCT, DESCRIBE)."""

    text: str
    form: str
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()

    @property
    def returns_graph(self) -> bool:
        return self.form in ("CONSTRUCT", "DESCRIBE")


def _nodes(tree: Any) -> Iterator[CompValue]:
    """Every CompValue in a parse tree, however deeply nested (sub-queries, EXISTS, OPTIONAL)."""
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, CompValue):
            yield node
            stack.extend(node.values())
        elif isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, list | tuple) or hasattr(node, "asList"):
            stack.extend(list(node))


def _parse(text: str) -> Any:
    with _PARSER_LOCK:
        try:
            return parseQuery(text)
        except ParseBaseException as error:
            if _is_update(text):
                raise QueryRefused(
                    "updates (INSERT, DELETE, LOAD, CLEAR, DROP, CREATE, ...) are not allowed: "
                    "this endpoint is read-only") from None
            raise QueryRefused(f"syntax error: {error.msg}, found {_found(error)}",
                               line=error.lineno, column=error.col) from None
        except Exception as error:  # rdflib raises plain exceptions for some bad input
            raise QueryRefused(f"syntax error: {error}") from None


def _is_update(text: str) -> bool:
    try:
        parseUpdate(text)
    except Exception:
        return False
    return True


def _found(error: ParseBaseException) -> str:
    rest = error.line[error.col - 1:error.col + 19] if error.line else ""
    return repr(rest) if rest else "end of query"


def check_query(text: str, *, max_bytes: int, local_graphs: Collection[str] = ()) -> CheckedQuery:
    """Parse and check one query; raises QueryRefused with the reason, position and status.

    >>> check_query("ASK { ?s ?p ?o }", max_bytes=1000).form
    'ASK'
    >>> check_query("SELECT * { SERVICE <http://127.0.0.1/> { ?s ?p ?o } }", max_bytes=1000)
    Traceback (most recent call last):
    ...
    graph.sparql_guard.QueryRefused: SERVICE is not allowed: this endpoint never queries other servers
    """
    size = len(text.encode("utf-8"))
    if size > max_bytes:
        raise QueryRefused(f"the query is {size} bytes; the limit is {max_bytes}", status=413)
    if not text.strip():
        raise QueryRefused("the query is empty")
    parsed = _parse(text)
    query = parsed[1]
    for node in _nodes(parsed):
        if node.name == "ServiceGraphPattern":
            raise QueryRefused("SERVICE is not allowed: this endpoint never queries other servers")
    default_graphs: list[str] = []
    named_graphs: list[str] = []
    if "datasetClause" in query:
        for clause in query["datasetClause"]:
            if "default" in clause:
                default_graphs.append(str(clause["default"]))
            if "named" in clause:
                named_graphs.append(str(clause["named"]))
    outside = [iri for iri in default_graphs + named_graphs if iri not in local_graphs]
    if outside:
        raise QueryRefused(f"FROM <{outside[0]}> is not a graph of this store; "
                           "FROM and FROM NAMED may only name the store's own graphs")
    return CheckedQuery(text, QUERY_FORMS[query.name], tuple(default_graphs), tuple(named_graphs))
