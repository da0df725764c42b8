"""Check a SPARQL query before it runs: read-only, no outbound requests, bounded size.

Both engines we run on execute `SERVICE` and some fetch `FROM` IRIs, so every query is parsed
here first (with rdflib, whose parser is not thread-safe: hence the lock) and refused when it
could reach outside the store. What rdflib cannot parse is refused too: fail closed.

Our prefixes (`lsh:`, `schema:`, ...) may be used without declaring them: the declarations a query
lacks are put before it here, so they pass the same checks as the user's own text, and positions
in errors are given in the user's lines.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from pyparsing import ParseBaseException
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue

from graph.messages import message
from graph.store.syntax_words import explain

__all__ = ["CheckedQuery", "QueryRefused", "check_query", "missing_declarations"]

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
        return str(self.said())

    def said(self) -> str:
        """What is wrong and where, kept translatable (`graph.messages`)."""
        if self.line is None:
            return self.message
        return message("line %(line)s, column %(column)s: %(reason)s", line=self.line, column=self.column,
                       reason=self.message)

    def shifted(self, lines: int) -> QueryRefused:
        """The same refusal with its line counted `lines` fewer (declarations put before the
        user's text are not the user's lines)."""
        if self.line is None or not lines:
            return self
        return QueryRefused(self.message, self.status, max(1, self.line - lines), self.column)


@dataclass(frozen=True)
class CheckedQuery:
    """A query that passed the checks, with its form (SELECT, ASK, CONSTRUCT, DESCRIBE).

    `text` is what runs: the user's query after `prelude_lines` lines of prefix declarations.
    """

    text: str
    form: str
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    prelude_lines: int = 0

    @property
    def user_text(self) -> str:
        """The query as the user wrote it, without the declarations put before it."""
        return self.text.split("\n", self.prelude_lines)[-1] if self.prelude_lines else self.text

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
                raise QueryRefused(message(
                    "updates (INSERT, DELETE, LOAD, CLEAR, DROP, CREATE, ...) are not allowed: "
                    "this endpoint is read-only")) from None
            said, line, column = explain(text, error.lineno, error.col, _found(error))
            raise QueryRefused(message("syntax error: %(reason)s", reason=said), line=line,
                               column=column) from None
        except Exception as error:  # rdflib raises plain exceptions for some bad input
            raise QueryRefused(message("syntax error: %(reason)s", reason=error)) from None


def _is_update(text: str) -> bool:
    try:
        parseUpdate(text)
    except Exception:
        return False
    return True


def _found(error: ParseBaseException) -> str:
    rest = error.line[error.col - 1:error.col + 19] if error.line else ""
    return repr(rest) if rest else "end of query"


# Words without which a query can neither reach outside the store (SERVICE, FROM, LOAD) nor be an
# update. A query that has none of them anywhere, even inside strings or comments, once its \u
# escapes are decoded, is safe whatever any parser makes of it: it skips the slow full parse and
# the engine's own parser judges its syntax. Any of these words anywhere: the full check.
_RISKY_WORDS = re.compile(r"\b(service|from|load|insert|delete|clear|drop|create|add|move|copy|with|"
                          r"using|data)\b", re.IGNORECASE)
_FORM = re.compile(r"\A(?:\s+|#[^\n]*(?:\n|\Z)|PREFIX\s+[A-Za-z0-9_.-]*:\s*<[^<>\s]*>|BASE\s*<[^<>\s]*>)*"
                   r"(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def _decoded(text: str) -> str:
    return _ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)) if int(m.group(1) or m.group(2), 16)
                       < 0x110000 else m.group(0), text)


def _fast_form(text: str) -> str | None:
    """The query form of a query that cannot be unsafe, or None when it needs the full check."""
    decoded = _decoded(text)
    if _RISKY_WORDS.search(decoded):
        return None
    match = _FORM.match(decoded)
    return match.group(1).upper() if match else None


_DECLARED = re.compile(r"\bPREFIX\s+([A-Za-z][\w.-]*)?:", re.IGNORECASE)
_SAFE_IRI = re.compile(r"\A[A-Za-z][A-Za-z0-9+.-]*:[^<>\"{}|^`\\\s]*\Z")


def missing_declarations(text: str, presets: Mapping[str, str]) -> str:
    """PREFIX lines for the presets `text` does not declare itself, one per line.

    >>> missing_declarations("PREFIX lsh: <urn:mine#> ASK {}", {"lsh": "urn:a#", "xsd": "urn:b#"})
    'PREFIX xsd: <urn:b#>\\n'
    """
    declared = {match.group(1) or "" for match in _DECLARED.finditer(_decoded(text))}
    return "".join(f"PREFIX {prefix}: <{iri}>\n" for prefix, iri in presets.items()
                   if prefix not in declared and _SAFE_IRI.match(iri))


def check_query(text: str, *, max_bytes: int, local_graphs: Collection[str] = (),
                full: bool = False, presets: Mapping[str, str] | None = None) -> CheckedQuery:
    """Check one query; raises QueryRefused with the reason, position and status.

    A query with no word that could make it unsafe is passed on unparsed (the engine then judges
    its syntax); `full` parses it in any case (for rdflib's message on a syntax error). `presets`
    are prefixes the query may use undeclared: their declarations go before it, and are checked
    with it.

    >>> check_query("ASK { ?s ?p ?o }", max_bytes=1000).form
    'ASK'
    >>> check_query("SELECT * { SERVICE <http://127.0.0.1/> { ?s ?p ?o } }", max_bytes=1000)
    Traceback (most recent call last):
    ...
    graph.store.guard.QueryRefused: SERVICE is not allowed: this endpoint never queries other servers
    """
    size = len(text.encode("utf-8"))
    if size > max_bytes:
        raise QueryRefused(message("the query is %(size)s bytes; the limit is %(limit)s", size=size,
                                   limit=max_bytes), status=413)
    if not text.strip():
        raise QueryRefused(message("the query is empty"))
    prelude = missing_declarations(text, presets) if presets else ""
    lines = prelude.count("\n")
    text = prelude + text
    form = None if full else _fast_form(text)
    if form is not None:
        return CheckedQuery(text, form, prelude_lines=lines)
    try:
        checked = _checked_by_parsing(text, tuple(local_graphs))
    except QueryRefused as refused:
        if lines and refused.line is not None:
            # said again of the user's own text, so that every position it names is theirs
            _checked_by_parsing(text[len(prelude):], tuple(local_graphs))
        raise refused.shifted(lines) from None
    return replace(checked, prelude_lines=lines)


@lru_cache(maxsize=512)
def _checked_by_parsing(text: str, local_graphs: Collection[str]) -> CheckedQuery:
    """The full check (cached: the same text, often a gallery query, is parsed once)."""
    parsed = _parse(text)
    query = parsed[1]
    for node in _nodes(parsed):
        if node.name == "ServiceGraphPattern":
            raise QueryRefused(message("SERVICE is not allowed: this endpoint never queries other servers"))
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
        raise QueryRefused(message("FROM <%(iri)s> is not a graph of this store; FROM and FROM NAMED may "
                                   "only name the store's own graphs", iri=outside[0]))
    return CheckedQuery(text, QUERY_FORMS[query.name], tuple(default_graphs), tuple(named_graphs))
