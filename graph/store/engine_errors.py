"""Oxigraph's syntax errors in words a user can act on, with the line and column.

rdflib's parser (the guard) accepts a prefix nobody declared; Oxigraph refuses it with a list of
every character it expected. An undeclared prefix is the commonest slip (`lshid:` without its
PREFIX line), so it is named, with the declaration to add when it is one of ours.
"""

from __future__ import annotations

import re

from graph.messages import message
from graph.store.guard import CheckedQuery, QueryRefused, check_query
from graph.store.syntax_words import explain

__all__ = ["engine_syntax_error", "relative_iri_error", "syntax_error"]

_POSITION = re.compile(r"error at (\d+):(\d+): ")
_PREFIXED_NAME_BEFORE = re.compile(r"([A-Za-z][\w.-]*)?:[\w.%-]*$")
_IRI_REF = re.compile(r"<([^<>\"{}|^`\\\s]*)>")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_BASE = re.compile(r"\bBASE\s*<", re.IGNORECASE)


def syntax_error(checked: CheckedQuery, engine_message: str, *,
                 known_prefixes: dict[str, str]) -> QueryRefused | None:
    """What is wrong with a query the engine could not parse: rdflib's full parse says it with the
    position when it finds the fault, else the engine's message is worded; None when neither can.
    Positions are in the user's lines (the declarations put before them not counted)."""
    relative = relative_iri_error(checked.user_text)
    if relative is not None:
        return relative
    try:
        # its size passed the guard before the declarations were added
        check_query(checked.user_text, max_bytes=len(checked.user_text.encode("utf-8")), full=True)
    except QueryRefused as refused:
        return refused
    worded = engine_syntax_error(checked.text, engine_message, known_prefixes)
    if worded is None or worded.line is None or "prefix" in worded.message:
        return worded.shifted(checked.prelude_lines) if worded is not None else None
    # in plain words where they can be found, said of the user's own lines
    line, column = max(1, worded.line - checked.prelude_lines), worded.column or 1
    said, line, column = explain(checked.user_text, line, column)
    if said.startswith("SPARQL cannot make sense"):
        said = worded.message.removeprefix("syntax error: ").replace("expected", "here SPARQL expects", 1)
    return QueryRefused(message("syntax error: %(reason)s", reason=said), line=line, column=column)


def relative_iri_error(text: str) -> QueryRefused | None:
    """A relative IRI in a query without BASE, named with its position (the engines only say what
    token they expected there); None when there is none."""
    if _BASE.search(text):
        return None
    for found in _IRI_REF.finditer(text):
        if not _SCHEME.match(found[1]):
            line = text.count("\n", 0, found.start()) + 1
            column = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
            return QueryRefused(message("<%(iri)s> is a relative IRI and the query declares no BASE: write "
                                        "the full IRI (with its scheme, e.g. https://...) or add a BASE line",
                                        iri=found[1]), line=line, column=column)
    return None


def engine_syntax_error(text: str, engine_message: str,
                        known_prefixes: dict[str, str]) -> QueryRefused | None:
    """The engine's message about `text` as a QueryRefused (400) with its position; None when the
    message gives no position (not one of Oxigraph's syntax errors)."""
    found = _POSITION.search(engine_message)
    if not found:
        return None
    line, column = int(found[1]), int(found[2])
    lines = text.split("\n")
    before = lines[line - 1][: column - 1] if 0 < line <= len(lines) else ""
    name = _PREFIXED_NAME_BEFORE.search(before)
    if "Prefix not found" in engine_message and name:
        prefix = name[1] or ""
        said = (message("the prefix %(prefix)s: is not declared; add PREFIX %(prefix)s: <%(iri)s>",
                        prefix=prefix, iri=known_prefixes[prefix]) if prefix in known_prefixes
                else message("the prefix %(prefix)s: is not declared; declare it with PREFIX "
                             "%(prefix)s: <...>", prefix=prefix))
        return QueryRefused(message("syntax error: %(reason)s", reason=said), line=line,
                            column=name.start() + 1)
    detail = engine_message[found.end():].strip()
    short = detail.split(", [", 1)[0]  # not the list of every character it would accept
    shown = short + (", ..." if short != detail else "")
    return QueryRefused(message("syntax error: %(reason)s", reason=shown), line=line, column=column)
