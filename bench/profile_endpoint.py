"""Where a /sparql request's time goes, stage by stage, timed with perf_counter in one process.

Stages: the guard as shipped (`check_query`: a keyword pre-screen, else rdflib's parser, cached per
text), rdflib's full parse uncached (what every query cost before the pre-screen), the raw engine
with Oxigraph's own JSON writer, our capped writer (graph.store.query_worker.answer_query), the worker pool
(QueryPool.run: pipe round trip and pickling) and Flask without a network (the app's test client);
and the fixed costs of a pool round trip and of a Flask request.

    python -m bench.profile_endpoint --store /tmp/lshkg-bench/synthetic-1M/data/store
"""

from __future__ import annotations

import argparse
import json
import logging
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox

from bench.engines import machine_description
from bench.queries import BenchQuery, discover, fixed_queries, gallery_queries
from bench.runners import NO_CAP
from graph.store import guard as sparql_guard
from graph.store.guard import check_query
from graph.store.query_pool import QueryPool
from graph.store.query_worker import answer_query
from ontology.namespaces import PREFIXES

__all__ = ["main", "profile"]

RESULTS_DIR = Path(__file__).resolve().parent / "results"
MAX_BYTES = 100_000


def _full_parse(text: str) -> object:
    """rdflib's parse and walk without the cache (private API: None when it has changed)."""
    checker = getattr(sparql_guard, "_checked_by_parsing", None)
    checker = getattr(checker, "__wrapped__", None)
    return checker(text, ()) if checker else sparql_guard._parse(text)


# --- timing ------------------------------------------------------------------------------------

def _median_ms(action: Callable[[], object], runs: int, budget_s: float = 10.0) -> float:
    action()  # warm
    samples = []
    deadline = time.perf_counter() + budget_s
    for _ in range(runs):
        started = time.perf_counter()
        action()
        samples.append(time.perf_counter() - started)
        if time.perf_counter() > deadline and len(samples) >= 3:
            break
    return statistics.median(samples) * 1000


def _fast(text: str) -> bool:
    fast_form = getattr(sparql_guard, "_fast_form", None)
    return bool(fast_form and fast_form(text))


def _post(client: object, url: str, text: str) -> None:
    response = client.post(url, data=text.encode(), content_type="application/sparql-query")
    try:
        if response.status_code != 200:
            raise RuntimeError(f"/sparql answered {response.status_code}: {response.get_data()[:200]!r}")
    finally:
        response.close()


def _raw(store: ox.Store, query: BenchQuery) -> bytes:
    result = store.query(query.text)
    if isinstance(result, ox.QuerySolutions | ox.QueryBoolean):
        return result.serialize(format=ox.QueryResultsFormat.JSON)
    return ox.serialize(result, format=ox.RdfFormat.N_TRIPLES) or b""


def profile(store_path: Path, queries: list[BenchQuery], runs: int = 20) -> dict:
    """Median ms of every stage for every query, and the fixed costs of the pool and of Flask."""
    from webapp import create_app

    store = ox.Store.read_only(str(store_path))
    pool = QueryPool(str(store_path), 1)
    app = create_app({"LSHKG_STORE_DIR": str(store_path), "LSHKG_ENDPOINT": None,
                      "LSHKG_QUERY_MAX_ROWS": NO_CAP, "LSHKG_QUERY_WORKERS": 1,
                      "LSHKG_QUERY_TIMEOUT_S": 120.0, "LSHKG_RATE_LIMIT_PER_MINUTE": 0, "TESTING": True})
    logging.getLogger("lshkg.access").setLevel(logging.WARNING)  # one line per request otherwise
    client = app.test_client()
    # the rate limiter as deployed (one SQLite write per /sparql request), with a limit never reached
    limited = create_app({**app.config, "LSHKG_RATE_LIMIT_PER_MINUTE": 10**9}).test_client()
    try:
        fixed = {
            "pipe round trip of `ASK {}` through the pool": _median_ms(
                lambda: pool.run("ASK {}", "json", max_rows=1, timeout_s=60), runs * 5),
            "`ASK {}` in-process (answer_query)": _median_ms(
                lambda: answer_query(store, "ASK {}", "json", 1), runs * 5),
            "Flask test client, GET /static/site.css": _median_ms(
                lambda: client.get("/static/site.css").close(), runs * 5),
            "Flask test client, POST /sparql `ASK {}`, rate limiter off": _median_ms(
                lambda: _post(client, "/sparql?format=json", "ASK {}"), runs * 5),
            "Flask test client, POST /sparql `ASK {}`, rate limiter on": _median_ms(
                lambda: _post(limited, "/sparql?format=json", "ASK {}"), runs * 5),
        }
        stages = {}
        for query in queries:
            fmt = "nt" if query.returns_graph else "json"
            url = f"/sparql?format={fmt}"
            stages[query.id] = {
                "guard as shipped": _median_ms(lambda q=query: check_query(q.text, max_bytes=MAX_BYTES),
                                               runs),
                "full parse, uncached": _median_ms(lambda q=query: _full_parse(q.text), runs),
                "fast path": _fast(query.text),
                "raw + Oxigraph JSON": _median_ms(lambda q=query: _raw(store, q), runs),
                "answer_query (capped writer)": _median_ms(
                    lambda q=query, f=fmt: answer_query(store, q.text, f, NO_CAP, PREFIXES), runs),
                "QueryPool.run": _median_ms(
                    lambda q=query, f=fmt: pool.run(q.text, f, max_rows=NO_CAP, timeout_s=120,
                                                    prefixes=PREFIXES), runs),
                "Flask /sparql (no network)": _median_ms(lambda q=query, u=url: _post(client, u, q.text),
                                                         runs),
            }
    finally:
        pool.close()
        from webapp.app_store import close_store

        close_store(app)
    return {"fixed_ms": fixed, "stages_ms": stages}


def markdown(result: dict) -> str:
    machine = result["machine"]
    out = ["# Where the endpoint's time goes", "",
           f"- machine: {machine['cpu']}, {machine['cores']} cores; Python {machine['python']}; "
           f"{machine['date']}; commit {machine['commit']}",
           f"- store: {result['store']} ({result['triples']:,} triples); median ms of up to "
           f"{result['runs']} warm runs", "", "Fixed costs:", ""]
    out += [f"- {name}: {value:.3f} ms" for name, value in result["fixed_ms"].items()]
    stages = result["stages_ms"]
    names = [name for name in next(iter(stages.values())) if name != "fast path"]
    out += ["", "| query | " + " | ".join(names) + " | fast path |", "|---|" + "---|" * (len(names) + 1)]
    for query_id, row in stages.items():
        out.append(f"| {query_id} | " + " | ".join(f"{row[n]:.2f}" for n in names)
                   + f" | {'yes' if row['fast path'] else 'no'} |")
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.profile_endpoint",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, required=True,
                        help="an on-disk store (graph.store.backends.load_store)")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--output", type=Path, default=RESULTS_DIR)
    args = parser.parse_args(argv)
    gallery, note = gallery_queries()
    queries = gallery + fixed_queries(discover(args.store))
    result = {"machine": machine_description(), "store": str(args.store), "runs": args.runs,
              "triples": len(ox.Store.read_only(str(args.store))), "queries": note,
              **profile(args.store, queries, args.runs)}
    args.output.mkdir(parents=True, exist_ok=True)
    (args.output / "profile.json").write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    text = markdown(result)
    (args.output / "profile.md").write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
