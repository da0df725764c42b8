"""File names for downloaded answers, named after the query: the name asked for (a gallery
example's id), else the query's first comment, else its form and what it selects.

>>> download_name("# UMCs and their cities\\nSELECT ?umc ?city WHERE { }", "csv")
'lsh-kg-umcs-and-their-cities.csv'
>>> download_name("# Organisations. Run with Ctrl+Enter\\nSELECT ?o {}", "csv")
'lsh-kg-organisations.csv'
>>> download_name("SELECT DISTINCT ?org (COUNT(?x) AS ?n) WHERE { }", "tsv")
'lsh-kg-select-org-n.tsv'
>>> download_name("PREFIX lsh: <urn:x#> CONSTRUCT WHERE { ?s lsh:p ?o }", "ttl")
'lsh-kg-construct.ttl'
>>> download_name("SELECT * {}", "json", name="elf-participants")
'lsh-kg-elf-participants.json'
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["download_name"]

MAX_STEM = 60
_COMMENT = re.compile(r"^\s*#+\s*(\S.*)$", re.MULTILINE)
_PROLOGUE = re.compile(r"\A(?:\s+|#[^\n]*(?:\n|\Z)|PREFIX\s+[\w.-]*:\s*<[^>]*>|BASE\s*<[^>]*>)*",
                       re.IGNORECASE)
_FORM = re.compile(r"\A(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)
_PROJECTION = re.compile(r"\ASELECT\s+(?:DISTINCT\s+|REDUCED\s+)?(.*?)(?:\bWHERE\b|\{|\bFROM\b)",
                         re.IGNORECASE | re.DOTALL)
_EXPRESSION = re.compile(r"\((?:[^()]|\([^()]*\))*?\bAS\s+\?(\w+)\s*\)", re.IGNORECASE)


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    slug = ""
    for word in words:  # whole words only, up to the length limit
        if len(slug) + len(word) + 1 > MAX_STEM:
            break
        slug = f"{slug}-{word}" if slug else word
    return slug


def _stem_of(text: str) -> str:
    comment = _COMMENT.search(text[:2000])
    first_sentence = re.split(r"[.:;!?](?:\s|$)", comment.group(1))[0] if comment else ""
    if _slug(first_sentence):
        return _slug(first_sentence)
    body = text[_PROLOGUE.match(text).end():]
    form = _FORM.match(body)
    if not form:
        return "query"
    words = [form.group(1).lower()]
    projection = _PROJECTION.match(body)
    if projection:
        selected = _EXPRESSION.sub(lambda match: f"?{match.group(1)}", projection.group(1))
        names = re.findall(r"\?(\w+)", selected)
        words += names if names else (["all"] if "*" in selected else [])
    return _slug(" ".join(words)) or "query"


def download_name(text: str, extension: str, *, name: str | None = None) -> str:
    """`lsh-kg-<stem>.<extension>`, the stem from `name` when it has letters or digits, else from
    the query `text` (without any declarations put before it)."""
    stem = _slug(name or "") or _stem_of(text)
    return f"lsh-kg-{stem}.{extension}"
