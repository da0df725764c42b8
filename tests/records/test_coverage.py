"""The coverage ledger: every paragraph of the finished documents accounted for, and each of the
ledger's checks fails on a ledger that breaks it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph import config
from graph.records.build import BuiltDataset
from graph.records.coverage import DocumentCoverage, check_coverage, read_ledgers
from graph.records.loader import RecordError
from ontology.namespaces import DEFAULT_BASE_IRI
from webapp.cli import main

LEDGERS = config.RECORDS_DIR / "coverage"
COMPLETE = {"boston-by-the-north-sea-web", "lsh-internationalisation-strategy", "nederland-als-medicijnhub",
            "geneesmiddelensector-in-cijfers"}


@pytest.fixture(scope="module")
def seeds() -> Path:
    folder = Path(config.setting("seeds_dir"))
    if not folder.is_dir():
        pytest.skip(f"the source documents are not at {folder} (set LSHKG_SEEDS_DIR)")
    return folder


def report_of(shipped: BuiltDataset, ledgers: Path, seeds: Path) -> dict[str, DocumentCoverage]:
    return {d.source: d for d in check_coverage(shipped, ledgers, seeds, DEFAULT_BASE_IRI)}


@pytest.fixture
def ledgers(tmp_path: Path) -> Path:
    """A writable copy of the shipped ledgers."""
    return Path(shutil.copytree(LEDGERS, tmp_path / "coverage"))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), "utf-8")


def test_every_finished_document_is_accounted_for_paragraph_by_paragraph(
        shipped: BuiltDataset, seeds: Path) -> None:
    report = report_of(shipped, LEDGERS, seeds)
    assert set(report) == {"boston-by-the-north-sea-web", "boston-aan-de-noordzee",
                           "lsh-internationalisation-strategy", "nederland-als-medicijnhub",
                           "geneesmiddelensector-in-cijfers"}
    finished = {source for source, document in report.items() if not document.pending}
    assert finished >= COMPLETE
    problems = [problem for document in report.values() for problem in document.problems]
    assert not problems, "\n".join(problems)
    strategy = report["lsh-internationalisation-strategy"]
    webinar = strategy.paragraph_at(49)
    assert {"ema", "emer-cooke"} <= set(webinar.actors) and webinar.linked
    assert "webinar-emer-cooke-2021" in webinar.records
    form = report["boston-by-the-north-sea-web"].paragraph_at(90)
    assert form.none and not form.records


def test_a_line_in_no_paragraph_is_reported_with_its_text(shipped: BuiltDataset, seeds: Path,
                                                         ledgers: Path) -> None:
    line = ('  - {lines: 87, none: "general context: what the call\'s applications are to do, '
            'no named actor"}\n')
    edit(ledgers / "lsh-internationalisation-strategy.yaml", line, "")
    problems = report_of(shipped, ledgers, seeds)["lsh-internationalisation-strategy"].problems
    assert any("line 87: in no paragraph" in p and "The applications developed" in p for p in problems)


def test_a_record_quoting_a_paragraph_that_does_not_give_it_is_reported(
        shipped: BuiltDataset, seeds: Path, ledgers: Path) -> None:
    edit(ledgers / "lsh-internationalisation-strategy.yaml",
         "{lines: 49, records: [webinar-emer-cooke-2021, emer-cooke]}",
         "{lines: 49, records: [webinar-emer-cooke-2021]}")
    problems = report_of(shipped, ledgers, seeds)["lsh-internationalisation-strategy"].problems
    assert any("people.yaml" in p and "record 'emer-cooke' quotes" in p for p in problems), problems


def test_a_record_the_paragraph_does_not_quote_is_reported(shipped: BuiltDataset, seeds: Path,
                                                          ledgers: Path) -> None:
    edit(ledgers / "lsh-internationalisation-strategy.yaml",
         "{lines: 55, records: [investor-conference-transatlantic-2021]}",
         "{lines: 55, records: [investor-conference-transatlantic-2021, kite]}")
    problems = report_of(shipped, ledgers, seeds)["lsh-internationalisation-strategy"].problems
    assert any("lines 55-55: record 'kite' has no quote in this paragraph" in p for p in problems)


def test_actors_named_but_not_linked_need_a_link_or_an_excuse(seeds: Path, ledgers: Path,
                                                             shipped: BuiltDataset) -> None:
    # without the quotes of line 49, the webinar paragraph names the EMA and Emer Cooke unlinked
    webinar_quotes = ("webinar was hosted", "Emer Cooke (Executive")
    without = BuiltDataset(shipped.graph, [a for a in shipped.assertions
                                           if not any(words in (e.quote or "") for e in a.evidence
                                                      for words in webinar_quotes)])
    edit(ledgers / "lsh-internationalisation-strategy.yaml",
         "{lines: 49, records: [webinar-emer-cooke-2021, emer-cooke]}", "{lines: 49, none: webinar}")
    problems = report_of(without, ledgers, seeds)["lsh-internationalisation-strategy"].problems
    assert any("lines 49-49: names" in p and "ema" in p and "emer-cooke" in p for p in problems)
    edit(ledgers / "lsh-internationalisation-strategy.yaml", "{lines: 49, none: webinar}",
         "{lines: 49, none: webinar, unlinked: 'the guest and her agency, recorded elsewhere'}")
    problems = report_of(without, ledgers, seeds)["lsh-internationalisation-strategy"].problems
    assert not any("lines 49-49" in p for p in problems)


@pytest.mark.parametrize("old, new, words", [
    ("{lines: 51, none: \"a link to the webinar's recording\"}", "{lines: 51}",
     ["gives 'records' or says why it gives 'none'"]),
    ("{lines: 51, none:", "{lines: 51-50, none:", ["run backwards"]),
    ("{lines: 51, none:", "{lines: fifty-one, none:", ["is not a line or a range"]),
    ("{lines: 51, none:", "{lines: 51, because:", ["unexpected key 'because'"]),
])
def test_a_malformed_ledger_names_file_line_and_what_is_wrong(ledgers: Path, old: str, new: str,
                                                              words: list[str]) -> None:
    edit(ledgers / "lsh-internationalisation-strategy.yaml", old, new)
    with pytest.raises(RecordError) as caught:
        read_ledgers(ledgers)
    message = str(caught.value)
    assert "lsh-internationalisation-strategy.yaml:" in message
    assert all(word in message for word in words), message


def test_lshkg_coverage_shows_paragraphs_actors_and_links(runner: CliRunner, seeds: Path) -> None:
    result = runner.invoke(main, ["coverage", "--source", "lsh-internationalisation-strategy"])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "lsh-internationalisation-strategy (002_eb2eb416d7083e8c.txt), complete: 35 paragraphs" in out
    assert "  lines 49-49: webinar-emer-cooke-2021, emer-cooke" in out
    assert "Emer Cooke (emer-cooke)" in out and "[linked]" in out
    assert "boston-by-the-north-sea-web" not in out
    summary = runner.invoke(main, ["coverage", "--summary"])
    assert summary.exit_code == 0
    assert "boston-aan-de-noordzee (001_30e783b398ede47a.txt), complete:" in summary.output
    assert "pending" not in summary.output
    assert "lines 49-49" not in summary.output


def test_a_pending_document_is_shown_but_not_checked(runner: CliRunner, seeds: Path, ledgers: Path) -> None:
    edit(ledgers / "boston-by-the-north-sea-web.yaml",
         '  - {lines: 22, none: "download links of the infographic"}\n', "")
    (ledgers / "pending.yaml").write_text('boston-by-the-north-sea-web: "line 22: not yet read"\n')
    result = runner.invoke(main, ["coverage", "--ledger", str(ledgers), "--summary"])
    assert result.exit_code == 0, result.output
    assert 'pending: line 22: not yet read' in result.output


def test_lshkg_coverage_fails_on_a_gap_and_on_an_unknown_source(runner: CliRunner, seeds: Path,
                                                                ledgers: Path) -> None:
    edit(ledgers / "boston-by-the-north-sea-web.yaml",
         '  - {lines: 22, none: "download links of the infographic"}\n', "")
    result = runner.invoke(main, ["coverage", "--ledger", str(ledgers), "--summary"])
    assert result.exit_code == 1
    assert "line 22: in no paragraph of the ledger: 'Download infographic:" in result.output
    unknown = runner.invoke(main, ["coverage", "--source", "no-such-document"])
    assert unknown.exit_code == 1 and "no source document 'no-such-document'" in unknown.output
