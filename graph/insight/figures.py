"""The sector in figures: every observation in the graph, grouped by measure, each value with its
year, unit, qualifier and the document and quote it comes from.

Figures of one measure about one subject, in one period and one category (a sector, a phase) are
a *comparison*: where their values differ, the sources disagree, and both stay, marked as
differing, never averaged or dropped. Plain data; the page draws it.

>>> a = Figure("a", 2900.0, "2900", "m", "nl", None, None, None, None, "u", "d1", "q1")
>>> b = Figure("b", 2000.0, "2000", "m", "nl", None, None, None, None, "u", "d2", "q2")
>>> [(c.values, c.differing) for c in compare([a, b])]
[(['2000', '2900'], True)]
>>> c = Figure("c", 2100.0, "2100", "m", "nl", None, None, None, None, "u", "d2", "q3")
>>> [c.differing for c in compare([b, c])]  # one document, two values: not a disagreement
[False]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field

from graph.entity.indexes import labels_of
from graph.store.backends import Store
from ontology.namespaces import LSH

__all__ = ["Comparison", "Figure", "MeasureFigures", "compare", "load_figures", "measure_figures"]

_PREFIX = f"""PREFIX lsh: <{LSH}>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""
# one pattern per OPTIONAL: Oxigraph joins them in order, cheaply
OBSERVATIONS = _PREFIX + """
SELECT ?o ?v ?m ?about ?unit ?cat ?year ?end ?qualifier WHERE {
  ?o a lsh:Observation ; lsh:numericValue ?v ; lsh:measure ?m ; lsh:about ?about .
  OPTIONAL { ?o lsh:unit ?unit }
  OPTIONAL { ?o lsh:category ?cat }
  OPTIONAL { ?o lsh:refYear ?year }
  OPTIONAL { ?o lsh:refYearEnd ?end }
  OPTIONAL { ?o lsh:valueQualifier ?qualifier }
}"""
# the quote that gives the value itself (an observation's other triples may cite other passages)
VALUE_EVIDENCE = _PREFIX + """
SELECT ?o ?doc ?quote WHERE {
  ?e rdf:predicate lsh:numericValue ; rdf:subject ?o ; lsh:quote ?quote ; prov:wasDerivedFrom ?doc .
}"""


@dataclass(frozen=True)
class Figure:
    """One value a document gives: what it measures, about whom, when, how exact, and who says so."""

    iri: str
    value: float
    value_text: str  # as the record writes it, for display without float noise
    measure: str
    subject: str
    category: str | None
    year: int | None
    year_end: int | None
    qualifier: str | None  # about, more-than, at-least, less-than, up-to
    unit: str | None
    source: str | None
    quote: str | None

    @property
    def period(self) -> str:
        if self.year is None:
            return ""
        if self.year_end and self.year_end != self.year:
            return f"{self.year}-{self.year_end}"
        return str(self.year)


@dataclass
class Comparison:
    """The figures of one measure about one subject, period and category: where their values
    differ, the sources disagree."""

    subject: str
    period: str
    category: str | None
    figures: list[Figure]

    @property
    def values(self) -> list[str]:
        return sorted({figure.value_text for figure in self.figures})

    @property
    def differing(self) -> bool:
        """Two documents give different values (one document's several values are not a dispute)."""
        return any(a.source != b.source and a.value != b.value
                   for a in self.figures for b in self.figures)


@dataclass
class MeasureFigures:
    """Everything the graph says about one measure: its figures (by subject, period and category)
    and the comparisons among them, with the names of everything they refer to."""

    measure: str
    figures: list[Figure] = field(default_factory=list)
    comparisons: list[Comparison] = field(default_factory=list)

    @property
    def differing(self) -> bool:
        return any(comparison.differing for comparison in self.comparisons)

    @property
    def sources(self) -> list[str]:
        return sorted({figure.source for figure in self.figures if figure.source})


def _number(text: str | None) -> int | None:
    return int(text) if text and text.isascii() and text.lstrip("-").isdigit() else None


def _plain(value: str) -> str:
    """2.90E3 or 2900.0 as the record wrote it would read: 2900; 0.70 as 0.7."""
    number = float(value)
    return str(int(number)) if number.is_integer() else repr(number)


def load_figures(store: Store) -> list[Figure]:
    """Every observation with a numeric value, with the document quote that gives the value."""
    evidence: dict[str, tuple[str, str]] = {}
    for row in store.select(VALUE_EVIDENCE):
        evidence.setdefault(row["o"], (row["doc"], row["quote"]))
    figures = []
    for row in store.select(OBSERVATIONS):
        source, quote = evidence.get(row["o"], (None, None))
        figures.append(Figure(
            iri=row["o"], value=float(row["v"]), value_text=_plain(row["v"]), measure=row["m"],
            subject=row["about"], category=row.get("cat"), year=_number(row.get("year")),
            year_end=_number(row.get("end")), qualifier=row.get("qualifier"), unit=row.get("unit"),
            source=source, quote=quote))
    return sorted(figures, key=lambda f: (f.measure, f.subject, f.category or "", f.year or 0, f.value))


def compare(figures: Iterable[Figure]) -> list[Comparison]:
    """The figures grouped by subject, period and category: each group one comparison."""
    groups: dict[tuple, list[Figure]] = defaultdict(list)
    for figure in figures:
        groups[(figure.subject, figure.period, figure.category)].append(figure)
    return [Comparison(subject, period, category, members)
            for (subject, period, category), members in sorted(groups.items(), key=lambda kv: (
                kv[0][0], kv[0][1], kv[0][2] or ""))]


def measure_figures(figures: Iterable[Figure], *, subject: str | None = None) -> list[MeasureFigures]:
    """The figures by measure (only those about `subject`, if given): measures with differing
    sources first, then by how many figures they hold."""
    by_measure: dict[str, list[Figure]] = defaultdict(list)
    for figure in figures:
        if subject is None or figure.subject == subject:
            by_measure[figure.measure].append(figure)
    measures = [MeasureFigures(measure, members, compare(members)) for measure, members in by_measure.items()]
    return sorted(measures, key=lambda m: (not m.differing, -len(m.figures), m.measure))


def names(store: Store, measures: list[MeasureFigures]) -> dict[str, dict[str, str]]:
    """The labels (by language) of every measure, subject, category, unit and document shown."""
    iris = {m.measure for m in measures}
    for measure in measures:
        for figure in measure.figures:
            iris.update(x for x in (figure.subject, figure.category, figure.unit, figure.source) if x)
    return labels_of(store, sorted(iris))


def as_dict(figure: Figure) -> dict:
    return asdict(figure) | {"period": figure.period}
