"""The keystroke search scores only the names that can match each word typed: its answers are
exactly those of scoring every name, for pieces of real names, typos and noise."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.entity.search import SearchIndex, build_search_index
from graph.store.backends import EmbeddedStore


@pytest.fixture(scope="module")
def index(shipped_store: EmbeddedStore) -> SearchIndex:
    return build_search_index(shipped_store)


def _every_name_scored(index: SearchIndex, text: str, language: str) -> list:
    index._candidates = lambda words: range(len(index._keys))  # type: ignore[method-assign]
    try:
        return index.search(text, language=language, limit=25)
    finally:
        del index._candidates


@st.composite
def typed(draw: st.DrawFn, names: list[str]) -> str:
    name = draw(st.sampled_from(names))
    start = draw(st.integers(0, max(0, len(name) - 1)))
    piece = name[start:start + draw(st.integers(1, 24))]
    if piece and draw(st.booleans()):  # a typo: one character replaced
        at = draw(st.integers(0, len(piece) - 1))
        piece = piece[:at] + draw(st.sampled_from("aeiouxyz -")) + piece[at + 1:]
    return piece


def test_candidates_give_the_same_answers_as_scoring_every_name(index: SearchIndex) -> None:
    names = [name for _, name, _ in index._owners]

    @settings(max_examples=400, derandomize=True, deadline=None)
    @given(text=st.one_of(typed(names), st.text(max_size=12)), language=st.sampled_from(["en", "nl"]))
    def same(text: str, language: str) -> None:
        assert index.search(text, language=language, limit=25) == _every_name_scored(index, text, language)

    same()


@pytest.mark.parametrize("text", ["lumc", "Leiden", "radbod", "umc", "r&d", "-", "ziekenhuis",
                                  "Pharma Gateway"])
def test_known_queries_answer_alike(index: SearchIndex, text: str) -> None:
    assert index.search(text, limit=25) == _every_name_scored(index, text, "en")
