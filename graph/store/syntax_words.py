"""Syntax errors in plain words: what a person can fix, where.

Parsers report where they gave up in their grammar's terms ("Expected SelectQuery, found
'FILTER( }'", "expected one of ABS, AVG, DAY, ..."). Most slips are a bracket or quote left open
or closed twice, a misspelt keyword, or GROUP/ORDER without BY; these are found here on the
query's text and named at their own line and column. Anything else is described at the place the
parser stopped, with what it found there.

>>> explain("SELECT * WHERE {\\n  ?s ?p ?o FILTER(?o > 3\\n}", 3, 1)
('the ( at line 2, column 18 is still open at this }: close it with ) first', 3, 1)
>>> explain("SELECT ?s WHERE { ?s ?p ?o } LIMT 10", 1, 30)
('LIMT is not a SPARQL keyword: did you mean LIMIT?', 1, 30)
"""

from __future__ import annotations

import difflib
import re

from graph.messages import message

__all__ = ["KEYWORDS", "explain"]

_KEYWORD_TEXT = """SELECT ASK CONSTRUCT DESCRIBE WHERE FROM NAMED PREFIX BASE DISTINCT REDUCED AS
OPTIONAL UNION MINUS FILTER BIND VALUES GRAPH SERVICE SILENT EXISTS NOT IN GROUP BY ORDER ASC DESC
HAVING LIMIT OFFSET COUNT SUM MIN MAX AVG SAMPLE GROUP_CONCAT SEPARATOR LANG LANGMATCHES DATATYPE
BOUND IRI URI BNODE RAND ABS CEIL FLOOR ROUND CONCAT STRLEN UCASE LCASE ENCODE_FOR_URI CONTAINS
STRSTARTS STRENDS STRBEFORE STRAFTER YEAR MONTH DAY HOURS MINUTES SECONDS TIMEZONE TZ NOW UUID
STRUUID MD5 SHA1 SHA256 SHA384 SHA512 COALESCE IF STRLANG STRDT SAMETERM ISIRI ISURI ISBLANK
ISLITERAL ISNUMERIC REGEX SUBSTR REPLACE STR TRUE FALSE UNDEF A"""
KEYWORDS = frozenset(_KEYWORD_TEXT.split())
FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
CLOSING = {")": "(", "}": "{", "]": "["}
OPENING = {opener: closer for closer, opener in CLOSING.items()}
_IRI = re.compile(r"<[^<>\"{}|^`\\\s]*>")
_WORD = re.compile(r"[A-Za-z_][A-Za-z_0-9]*")
_PROLOGUE = re.compile(r"(?:\s+|#[^\n]*(?:\n|\Z)|PREFIX\s+[\w.-]*:\s*<[^>]*>|BASE\s*<[^>]*>)*", re.IGNORECASE)


def _bracket_fault(text: str) -> tuple[str, int, int] | None:
    """The first bracket or quote left open or closed without an opener, outside strings, IRIs
    and comments: (message, line, column)."""
    stack: list[tuple[str, int, int]] = []
    line, start, index = 1, 0, 0  # `start`: where the current line begins
    while index < len(text):
        char = text[index]
        column = index - start + 1
        if char == "\n":
            line, start = line + 1, index + 1
        elif char == "#":
            end = text.find("\n", index)
            index = len(text) if end < 0 else end
            continue
        elif char == "<" and (iri := _IRI.match(text, index)):
            index = iri.end()
            continue
        elif char in "\"'":
            quote = text[index:index + 3] if text[index:index + 3] == char * 3 else char
            end = _string_end(text, index + len(quote), quote)
            if end < 0:
                return (message("this %(char)s starts a text that never ends: add the closing %(quote)s",
                                 char=char, quote=quote), line, column)
            line += text.count("\n", index, end)
            if "\n" in text[index:end]:
                start = text.rindex("\n", index, end) + 1
            index = end
            continue
        elif char in OPENING:
            stack.append((char, line, column))
        elif char in CLOSING:
            if not stack:
                return (message("this %(char)s has no %(opener)s to close", char=char, opener=CLOSING[char]),
                        line, column)
            opener, opened_line, opened_column = stack.pop()
            if opener != CLOSING[char]:
                return (message("the %(opener)s at line %(line)s, column %(column)s is still open at this "
                                "%(char)s: close it with %(closer)s first", opener=opener, line=opened_line,
                                column=opened_column, char=char, closer=OPENING[opener]), line, column)
        index += 1
    if stack:
        opener, opened_line, opened_column = stack[-1]
        return (message("this %(opener)s is never closed: add the %(closer)s it needs", opener=opener,
                        closer=OPENING[opener]), opened_line, opened_column)
    return None


def _string_end(text: str, index: int, quote: str) -> int:
    """Just past the string's closing quote, or -1 (a one-quote string ends at its line)."""
    while index < len(text):
        if text[index] == "\\":
            index += 2
            continue
        if text.startswith(quote, index):
            return index + len(quote)
        if text[index] == "\n" and len(quote) == 1:
            return -1
        index += 1
    return -1


def _word_fault(text: str, line: int, column: int) -> str | None:
    """A misspelt keyword, or GROUP/ORDER without BY, where the parser stopped."""
    lines = text.split("\n")
    if not 0 < line <= len(lines):
        return None
    rest = lines[line - 1][column - 1:]
    word = _WORD.match(rest)
    if not word:
        return None
    upper = word.group(0).upper()
    if upper in ("GROUP", "ORDER") and not re.match(r"\s+BY\b", rest[word.end():], re.IGNORECASE):
        return message("%(word)s needs BY after it: %(word)s BY ?variable", word=upper)
    if upper in KEYWORDS:
        return None
    close = difflib.get_close_matches(upper, sorted(KEYWORDS - {"A", "IF", "IN", "AS", "BY", "TZ"}),
                                      n=1, cutoff=0.75)
    if close:
        return message("%(word)s is not a SPARQL keyword: did you mean %(keyword)s?", word=word.group(0),
                       keyword=close[0])
    before = "\n".join([*lines[:line - 1], lines[line - 1][:column - 1]])
    if _PROLOGUE.fullmatch(before):
        return message("a query starts with %(forms)s or %(last)s (after any PREFIX lines)",
                       forms=", ".join(FORMS[:-1]), last=FORMS[-1])
    return None


def explain(text: str, line: int, column: int, found: str | None = None) -> tuple[str, int, int]:
    """Plain words for a syntax error a parser reported at (`line`, `column`) of `text`, and the
    position to show with them: a bracket or quote fault wherever it is, else the place itself."""
    fault = _bracket_fault(text)
    if fault:
        return fault
    worded = _word_fault(text, line, column)
    if worded:
        return worded, line, column
    return (message("SPARQL cannot make sense of the query from %(where)s on: a dot, semicolon, comma, "
                    "bracket or keyword may be missing or extra here or just before",
                    where=found or message("here")), line, column)
