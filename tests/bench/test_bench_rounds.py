"""The engine benchmark interleaves its engines run by run, so that the ratios it reports compare
runs made moments apart; an engine that times out or fails stops alone."""

from __future__ import annotations

from bench.engines import Settings, measure_query
from bench.queries import BenchQuery
from bench.runners import EngineError, Outcome, Timeout

QUERY = BenchQuery("q", "ASK {}", "ASK", "fixed")


class FakeRunner:
    """Answers in `seconds`, or fails on the `fail_at`-th call; records every call in `calls`."""

    def __init__(self, engine: str, calls: list[str], seconds: float = 0.001,
                 fail_at: int | None = None, failure: Exception | None = None) -> None:
        self.engine = engine
        self.calls = calls
        self.seconds = seconds
        self.fail_at = fail_at
        self.failure = failure
        self.count = 0

    def run(self, text: str, returns_graph: bool, timeout_s: float) -> Outcome:
        self.count += 1
        if self.count == self.fail_at:
            raise self.failure
        self.calls.append(self.engine)
        return Outcome(self.seconds, 1, 10)


def test_engines_take_turns_run_by_run() -> None:
    calls: list[str] = []
    runners = {name: FakeRunner(name, calls) for name in ("pyoxigraph", "endpoint")}
    results = measure_query(runners, QUERY, Settings(runs=4), rotation=0)
    # warm-ups first (the pooled endpoint once per worker), then one run each per round
    assert calls[:3] == ["pyoxigraph", "endpoint", "endpoint"]
    rounds = [calls[3 + 2 * i: 5 + 2 * i] for i in range(4)]
    assert rounds == [["pyoxigraph", "endpoint"], ["endpoint", "pyoxigraph"]] * 2
    assert [results[name]["runs"] for name in runners] == [4, 4]


def test_a_slow_engine_runs_fewer_rounds_and_the_others_go_on() -> None:
    calls: list[str] = []
    runners = {"rdflib": FakeRunner("rdflib", calls, seconds=10.0),
               "pyoxigraph": FakeRunner("pyoxigraph", calls)}
    results = measure_query(runners, QUERY, Settings(runs=20, min_runs=5, budget_s=30.0))
    assert results["rdflib"]["runs"] == 5
    assert results["pyoxigraph"]["runs"] == 20
    # the slow engine's runs are spread over the first rounds, between the fast engine's
    assert calls[2:12].count("rdflib") == 5


def test_a_timeout_or_an_error_ends_that_engine_only() -> None:
    calls: list[str] = []
    runners = {"oxrdflib": FakeRunner("oxrdflib", calls, fail_at=3, failure=Timeout("slow")),
               "pyoxigraph": FakeRunner("pyoxigraph", calls, fail_at=1, failure=EngineError("refused")),
               "inproc": FakeRunner("inproc", calls)}
    results = measure_query(runners, QUERY, Settings(runs=5, rdflib_timeout_s=7.0))
    assert results["oxrdflib"] == {"status": "timeout", "timeout_s": 7.0, "runs_before": 1}
    assert results["pyoxigraph"] == {"status": "error", "error": "refused"}
    assert results["inproc"]["runs"] == 5
    assert list(results) == ["oxrdflib", "pyoxigraph", "inproc"]
