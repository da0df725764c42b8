"""The sector in figures over the shipped graph: every observation read, grouped by measure, and
disagreements between documents marked, never averaged or dropped."""

from __future__ import annotations

import doctest

import graph.insight.figures as figures_module
from graph.insight.figures import load_figures, measure_figures
from graph.store.backends import EmbeddedStore
from ontology.namespaces import DEFAULT_BASE_IRI, LSH

ID = DEFAULT_BASE_IRI


def test_docstring_examples() -> None:
    result = doctest.testmod(figures_module)
    assert result.failed == 0 and result.attempted > 0


def test_every_observation_with_a_value_is_a_figure_with_its_quote(shipped_store: EmbeddedStore) -> None:
    count = shipped_store.select(f"SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE {{ ?o a <{LSH}Observation> ; "
                                 f"<{LSH}numericValue> ?v }}")[0]["n"]
    found = load_figures(shipped_store)
    assert len({figure.iri for figure in found}) == int(count) > 150
    assert all(figure.quote and figure.source for figure in found)


def test_documents_that_disagree_stand_side_by_side(shipped_store: EmbeddedStore) -> None:
    measures = {m.measure: m for m in measure_figures(load_figures(shipped_store))}
    umcs = measures[ID + "measure-umcs"]
    assert umcs.differing
    [comparison] = umcs.comparisons
    assert comparison.values == ["7", "8"]
    assert sorted(f.value for f in comparison.figures) == [7.0, 8.0, 8.0]  # none averaged, none dropped
    assert len({f.source for f in comparison.figures}) == 3
    companies = measures[ID + "measure-rd-life-science-companies"]
    assert companies.differing and companies.comparisons[0].values == ["2000", "2900"]


def test_one_document_giving_two_values_is_not_a_disagreement(shipped_store: EmbeddedStore) -> None:
    measures = {m.measure: m for m in measure_figures(load_figures(shipped_store))}
    share = measures[ID + "measure-rd-expenditure-share-of-gdp"]
    assert len(share.figures) == 2 and len(share.sources) == 1
    assert not share.differing


def test_measures_that_differ_come_first_and_a_subject_keeps_its_own(shipped_store: EmbeddedStore) -> None:
    measures = measure_figures(load_figures(shipped_store))
    flags = [m.differing for m in measures]
    assert flags == sorted(flags, reverse=True) and flags[0]
    janssen = measure_figures(load_figures(shipped_store), subject=ID + "janssen")
    assert janssen and all(f.subject == ID + "janssen" for m in janssen for f in m.figures)
