"""Query latency, load time and memory of every engine lsh-kg can answer with, side by side.

For the shipped dataset and synthetic graphs (bench/synthetic.py), every query (the example gallery
and a fixed representative set) runs on: rdflib's own engine, oxrdflib, pyoxigraph on the on-disk
store (the raw engine), our worker code in-process, EmbeddedStore.answer (guard + worker pool), our
/sparql endpoint over HTTP (`lshkg serve`) and the `oxigraph` server over HTTP. It reports median
and p95 per query and engine, where the endpoint's time goes, and whether the endpoint stays within
1.5x of the raw engine at 1M triples.

    python -m bench.engines                       # shipped dataset (if built) and ~1M synthetic
    python -m bench.engines --sizes 10000,100000,1000000 --build-shipped
"""

from __future__ import annotations

import argparse
import datetime
import importlib.metadata
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import asdict, dataclass
from pathlib import Path

import pyoxigraph as ox

from bench.queries import BenchQuery, discover, fixed_queries, gallery_queries
from bench.runners import (
    ENGINES,
    NO_CAP,
    EngineError,
    Outcome,
    Runner,
    Timeout,
    child_pids,
    load_store_in_child,
    tree_rss_mb,
)
from bench.synthetic import generate, organisations_for
from graph import config

__all__ = ["Settings", "bench_dataset", "machine_description", "main"]

RESULTS_DIR = Path(__file__).resolve().parent / "results"
TARGET_RATIO = 1.5
TARGET_VS_OXIGRAPH_SERVER = 1.0  # issue 17: the gallery through /sparql as fast as `oxigraph serve`
RDFLIB_ENGINES = ("rdflib", "oxrdflib", "rdflib-endpoint")  # rdflib's Python engine or its Memory store
# above this, rdflib's engines are not started: at 1M triples rdflib's Memory store took 1.3 GB and
# 25 s to parse, and its engine 1-20 s on the gallery's joins (bench/results/engines.md), so 10M
# would need about 13 GB and runs far past any budget
RDFLIB_MAX_TRIPLES = 2_000_000
POOLED = ("embedded", "endpoint")  # a worker pool: warm every worker before timing
HTTP = ("endpoint", "oxigraph-server")


@dataclass(frozen=True)
class Settings:
    runs: int = 20
    min_runs: int = 5
    budget_s: float = 30.0  # timed runs per query and engine stop after about this long
    timeout_s: float = 120.0  # one run of one query on an Oxigraph-based engine
    rdflib_timeout_s: float = 60.0  # one run on rdflib or oxrdflib, then "timeout"
    query_workers: int = 2  # the endpoint's and EmbeddedStore's worker processes (the default)
    rdflib_max_triples: int = RDFLIB_MAX_TRIPLES
    gallery_only: bool = False  # the gallery's queries only, not the fixed set (bench/queries.py)


@dataclass(frozen=True)
class Dataset:
    name: str
    path: Path
    description: str
    organisations: int | None = None


# --- machine -----------------------------------------------------------------------------------

def _version(package: str) -> str:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def machine_description() -> dict:
    """CPU, cores, memory, Python and library versions, date and commit: the top of every report."""
    cpu = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory_kb = next((int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                      if line.startswith("MemTotal:")), 0)
    root = Path(__file__).resolve().parent.parent
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                            cwd=root).stdout.strip()
    changed = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"],
                             capture_output=True, text=True, cwd=root).stdout.strip()
    if commit and changed:
        commit += " with uncommitted changes"
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(memory_kb / 1024 / 1024, 1),
        "system": platform.platform(),
        "python": platform.python_version(),
        "libraries": {name: _version(name) for name in
                      ("rdflib", "pyoxigraph", "oxrdflib", "oxigraph", "flask", "granian", "pyparsing")},
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": commit or "unknown",
    }


# --- measuring ---------------------------------------------------------------------------------

def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def _stats(samples: list[Outcome]) -> dict:
    seconds = [s.seconds for s in samples]
    result = {
        "status": "ok", "runs": len(samples), "rows": samples[-1].rows, "bytes": samples[-1].size,
        "median_ms": statistics.median(seconds) * 1000, "p95_ms": _percentile(seconds, 0.95) * 1000,
        "min_ms": min(seconds) * 1000,
    }
    for part in samples[-1].parts:
        result[f"{part}_median_ms"] = statistics.median(s.parts[part] for s in samples) * 1000
    return result


def measure_query(runners: dict[str, Runner], query: BenchQuery, settings: Settings,
                  rotation: int = 0) -> dict:
    """Every engine on one query, run by run in turn: round after round, each engine that still
    has runs to do runs the query once. Load from other processes on the machine, which comes and
    goes over seconds, then falls on all engines alike, and the ratio of two engines' medians
    compares runs made moments apart. (Blocks of runs, one engine after the other, let a busy spell
    fall on one engine only: at 1M triples "organisations per city" once took 148 ms through the
    endpoint and 92 ms through EmbeddedStore.answer in the same minute, 93 and 90 ms run by run.)
    The engine that goes first rotates from round to round and from query to query.

    Per engine: a warm-up (one per worker for the pooled engines), then `runs` timed runs, or
    fewer (at least `min_runs`) when the query is slow on that engine.
    """
    order = list(runners)
    planned: dict[str, int] = {}
    ended: dict[str, dict] = {}  # engines stopped by a timeout or an error
    samples: dict[str, list[Outcome]] = {engine: [] for engine in order}
    for engine in order:
        try:
            planned[engine] = _warm_up(runners[engine], query, settings)
        except (Timeout, EngineError) as failure:
            ended[engine] = _failed(failure, 0, _timeout(engine, settings))
    for round_index in range(max(planned.values(), default=0)):
        shift = (rotation + round_index) % max(1, len(order))
        for engine in order[shift:] + order[:shift]:
            if engine in ended or len(samples[engine]) >= planned.get(engine, 0):
                continue
            try:
                samples[engine].append(runners[engine].run(query.text, query.returns_graph,
                                                           _timeout(engine, settings)))
            except (Timeout, EngineError) as failure:
                ended[engine] = _failed(failure, len(samples[engine]), _timeout(engine, settings))
    return {engine: ended[engine] if engine in ended else _stats(samples[engine]) for engine in order}


def _warm_up(runner: Runner, query: BenchQuery, settings: Settings) -> int:
    """Run the query untimed (once per worker for the pooled engines); the timed runs to make."""
    for _ in range(settings.query_workers if runner.engine in POOLED else 1):
        first = runner.run(query.text, query.returns_graph, _timeout(runner.engine, settings))
    if first.seconds * settings.runs > settings.budget_s:
        return max(settings.min_runs, int(settings.budget_s / max(first.seconds, 1e-9)))
    return settings.runs


def _failed(failure: Exception, runs_before: int, timeout_s: float) -> dict:
    if isinstance(failure, Timeout):
        return {"status": "timeout", "timeout_s": timeout_s, "runs_before": runs_before}
    return {"status": "error", "error": str(failure)}


def _timeout(engine: str, settings: Settings) -> float:
    return settings.rdflib_timeout_s if engine in RDFLIB_ENGINES else settings.timeout_s


@contextmanager
def _server(engine: str, dataset: Dataset, data_dir: Path, workdir: Path,
            settings: Settings) -> Iterator[tuple[str, dict]]:
    """Start our endpoint or the oxigraph server; yields (query URL, start-up figures)."""
    from tests.servers import lshkg_server, oxigraph_server  # the helpers the end-to-end tests use

    started = time.perf_counter()
    if engine == "endpoint":
        manager = lshkg_server(data_dir, workdir / "lshkg-serve.log",
                               query_max_rows=str(NO_CAP), query_timeout_s=str(settings.timeout_s),
                               query_workers=str(settings.query_workers),
                               # on, as deployed, with a limit a benchmark never reaches
                               rate_limit_per_minute=str(10**9))
        needle, path = "lshkg", "/sparql"
    else:
        manager = oxigraph_server(dataset.path, workdir, workdir / "oxigraph-serve.log")
        needle, path = "oxigraph", ""
    with manager as base:
        figures = {"start_s": time.perf_counter() - started}
        pids = child_pids(os.getpid(), needle)
        figures["pid"] = pids[0] if pids else 0
        yield base + path, figures


def _timed_oxigraph_load(dataset: Path, location: Path) -> dict:
    """`oxigraph load` as the oxigraph server's users load: seconds and the loader's peak memory."""
    started = time.perf_counter()
    process = subprocess.Popen([str(Path(sys.executable).parent / "oxigraph"), "load", "--location",
                                str(location), "--file", str(dataset)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)  # rusage of this child alone: its peak RSS
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"oxigraph load failed: {process.stderr.read().decode()[:500]}")
    process.stderr.close()
    return {"load_s": time.perf_counter() - started, "load_peak_mb": usage.ru_maxrss / 1024,
            "disk_mb": _folder_mb(location)}


def _folder_mb(folder: Path) -> float:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) / 1024 / 1024


def _load_average() -> list[float]:
    return [float(x) for x in Path("/proc/loadavg").read_text().split()[:3]]


def bench_dataset(dataset: Dataset, engines: list[str], gallery: list[BenchQuery], workdir: Path,
                  settings: Settings) -> dict:
    """Every engine on every query for one dataset: loads, latencies, memory."""
    folder = workdir / dataset.name
    data_dir = folder / "data"
    store_dir = data_dir / "store"
    _log(f"[{dataset.name}] loading the store (graph.store.backends.load_store)")
    load_s, load_peak = load_store_in_child(dataset.path, store_dir)
    triples = len(ox.Store.read_only(str(store_dir)))
    derive_s = None
    if "endpoint" in engines:  # as `lshkg build` leaves it: the server reads its map model at start
        from bench.scale import derive_in_child

        _log(f"[{dataset.name}] deriving the map model and search index (as lshkg build)")
        derive_s = derive_in_child(dataset.path, store_dir)
    probe = discover(store_dir)
    queries = gallery + ([] if settings.gallery_only else fixed_queries(probe))
    report: dict = {
        "name": dataset.name, "description": dataset.description, "file": str(dataset.path),
        "triples": triples, "organisations": dataset.organisations,
        "file_mb": dataset.path.stat().st_size / 1024 / 1024, "probe": asdict(probe),
        "queries": [asdict(q) for q in queries], "load": {},
        "results": {engine: {} for engine in engines},
    }
    store_figures = {"load_s": load_s, "load_peak_mb": load_peak, "disk_mb": _folder_mb(store_dir),
                     "derive_s": derive_s}
    with ExitStack() as stack:
        runners: dict[str, Runner] = {}
        server_pids: dict[str, int] = {}
        for engine in engines:  # all at once: the queries are then interleaved over them
            if engine in RDFLIB_ENGINES and triples > settings.rdflib_max_triples:
                report["load"][engine] = {"skipped": _rdflib_skip_reason(triples, settings)}
                _log(f"[{dataset.name}] {engine} skipped: {report['load'][engine]['skipped']}")
                continue
            _log(f"[{dataset.name}] starting {engine}")
            try:
                runners[engine], report["load"][engine], server_pids[engine] = _start_engine(
                    stack, engine, dataset, data_dir, store_dir, folder, settings, store_figures)
            except Exception as error:  # one engine failing must not lose the others' figures
                _log(f"[{dataset.name}] {engine} failed: {type(error).__name__}: {error}")
                report["load"][engine] = {"error": f"{type(error).__name__}: {error}"}
        report["load_average_start"] = _load_average()
        for rotation, query in enumerate(queries):
            outcomes = measure_query(runners, query, settings, rotation)
            for engine, outcome in outcomes.items():
                report["results"][engine][query.id] = outcome
            _log(f"  {query.id:34s} " + "  ".join(
                f"{engine} {_ms(o['median_ms']) if o['status'] == 'ok' else o['status']}"
                for engine, o in sorted(outcomes.items(), key=lambda item: engines.index(item[0]))))
        report["load_average_end"] = _load_average()
        for engine, runner in runners.items():
            load = report["load"][engine]
            if engine in HTTP:
                load["rss_mb"] = tree_rss_mb(server_pids[engine])
                load["http_baseline_ms"] = _baseline(runner, engine)
            else:
                with suppress(EngineError):
                    memory = runner.memory()
                    load.update(rss_mb=memory["rss_mb"], peak_mb=memory["peak_mb"])
            runner.stop()
    report["summary"] = summarise(report, queries)
    return report


def _start_engine(stack: ExitStack, engine: str, dataset: Dataset, data_dir: Path, store_dir: Path,
                  folder: Path, settings: Settings, store_figures: dict) -> tuple[Runner, dict, int]:
    """The engine's runner (and server), with its load and start-up figures."""
    if engine in HTTP:
        load = _timed_oxigraph_load(dataset.path, folder / "oxigraph") if engine == "oxigraph-server" \
            else dict(store_figures)
        url, figures = stack.enter_context(_server(engine, dataset, data_dir, folder, settings))
        runner = Runner(engine, {"url": url})
        stack.callback(runner.stop)
        load.update(start_s=figures["start_s"], rss_start_mb=tree_rss_mb(figures["pid"]))
        return runner, load, figures["pid"]
    options = {"dataset": str(dataset.path), "store": str(store_dir), "workers": settings.query_workers,
               "timeout_s": settings.timeout_s, "log": str(folder / f"{engine}.log")}
    runner = Runner(engine, options)
    stack.callback(runner.stop)
    load = {"setup_s": runner.setup_s, "rss_start_mb": runner.memory_after_load["rss_mb"]}
    if engine in ("pyoxigraph", "inproc", "embedded"):
        load.update(store_figures)
    return runner, load, 0


def _rdflib_skip_reason(triples: int, settings: Settings) -> str:
    return (f"not started above {settings.rdflib_max_triples:,} triples ({triples:,} here): rdflib's "
            f"Memory store needs about 1.3 GB and 25 s of parsing per million triples (so about "
            f"{triples / 1e6 * 1.3:.0f} GB and {triples / 1e6 * 25 / 60:.0f} min here) and its engine "
            "already took 1-20 s on the gallery's joins at 1M, past the per-run budget at this size")


def _baseline(runner: Runner, engine: str) -> float | None:
    """Median of 20 GETs of a static resource: the HTTP server's own cost per request."""
    path = "/static/site.css" if engine == "endpoint" else "/"
    try:
        runner.get(path)
        return statistics.median(runner.get(path) for _ in range(20)) * 1000
    except Exception:
        return None


# --- summary -----------------------------------------------------------------------------------

def _median(report: dict, engine: str, query_id: str) -> float | None:
    outcome = report["results"].get(engine, {}).get(query_id, {})
    return outcome.get("median_ms") if outcome.get("status") == "ok" else None


def _geomean(values: list[float]) -> float | None:
    return math.exp(sum(math.log(v) for v in values) / len(values)) if values else None


def summarise(report: dict, queries: list[BenchQuery]) -> dict:
    """Per query: endpoint / raw and EmbeddedStore / raw, the breakdown of the endpoint's time;
    geometric means over the gallery, the fixed set and all queries."""
    per_query: dict = {}
    for query in queries:
        raw = _median(report, "pyoxigraph", query.id)
        figures = {engine: _median(report, engine, query.id) for engine in ENGINES}
        entry: dict = {"group": query.group, "raw_ms": raw}
        if raw:
            raw_min = report["results"]["pyoxigraph"][query.id]["min_ms"]
            for engine in ("endpoint", "embedded", "inproc", "oxigraph-server", "rdflib-endpoint"):
                if figures[engine] is not None:
                    entry[f"{engine}_over_raw"] = figures[engine] / raw
                    # minimum over minimum: less sensitive to other load on the machine
                    entry[f"{engine}_over_raw_min"] = \
                        report["results"][engine][query.id]["min_ms"] / raw_min
        if figures["endpoint"] is not None and figures["oxigraph-server"] is not None:
            entry["endpoint_over_oxigraph_server"] = figures["endpoint"] / figures["oxigraph-server"]
        embedded = report["results"].get("embedded", {}).get(query.id, {})
        if raw is not None and figures["inproc"] is not None and embedded.get("status") == "ok":
            entry["breakdown_ms"] = {
                "raw engine + Oxigraph's JSON": raw,
                "our capped writer": figures["inproc"] - raw,
                "worker pool IPC": embedded["pool_median_ms"] - figures["inproc"],
                "guard (rdflib parse)": embedded["guard_median_ms"],
                "HTTP + web app + Granian": (figures["endpoint"] - figures["embedded"]
                                            if figures["endpoint"] is not None else None),
                "endpoint total": figures["endpoint"],
            }
        per_query[query.id] = entry
    geomeans = {}
    for group in ("gallery", "fixed", "all"):
        ours = [e["endpoint_over_oxigraph_server"] for e in per_query.values()
                if "endpoint_over_oxigraph_server" in e and group in ("all", e["group"])]
        geomeans[f"endpoint_over_oxigraph_server_{group}"] = _geomean(ours)
        geomeans[f"endpoint_over_oxigraph_server_{group}_queries"] = len(ours)
        for engine in ("endpoint", "embedded", "oxigraph-server", "rdflib-endpoint"):
            chosen = [entry for entry in per_query.values()
                      if f"{engine}_over_raw" in entry and group in ("all", entry["group"])]
            # queries where the engine has work to do (1 ms or more raw): a fixed cost per request
            # weighs less there than on the sub-millisecond ones
            busy = [entry for entry in chosen if entry["raw_ms"] >= 1.0]
            geomeans[f"{engine}_{group}"] = _geomean([e[f"{engine}_over_raw"] for e in chosen])
            geomeans[f"{engine}_{group}_min"] = _geomean([e[f"{engine}_over_raw_min"] for e in chosen])
            geomeans[f"{engine}_{group}_queries"] = len(chosen)
            geomeans[f"{engine}_{group}_1ms"] = _geomean([e[f"{engine}_over_raw"] for e in busy])
            geomeans[f"{engine}_{group}_1ms_queries"] = len(busy)
    return {"per_query": per_query, "geomean_over_raw": geomeans}


def verdict(reports: list[dict]) -> dict:
    """Is the endpoint within 1.5x of the raw engine at 1M triples (geometric mean, gallery)?"""
    synthetic = [r for r in reports if r["name"].startswith("synthetic")]
    if not synthetic:
        return {"met": None, "text": "no synthetic dataset was measured"}
    largest = max(synthetic, key=lambda r: r["triples"])
    means = largest["summary"]["geomean_over_raw"]
    group = "gallery" if means["endpoint_gallery"] is not None else "fixed"
    ratio = means[f"endpoint_{group}"]
    if ratio is None:
        return {"met": None, "text": f"no endpoint figures for {largest['name']}"}
    met = ratio <= TARGET_RATIO
    note = "" if group == "gallery" else " (the gallery is empty: over the fixed queries instead)"
    by_min, busy = means[f"endpoint_{group}_min"], means[f"endpoint_{group}_1ms"]
    server = means[f"oxigraph-server_{group}"]
    text = (f"endpoint / raw embedded engine at {largest['triples']:,} triples: geometric mean "
            f"{ratio:.2f}x over {means[f'endpoint_{group}_queries']} {group} queries{note} "
            f"(fastest run over fastest run: {by_min:.2f}x); target <= {TARGET_RATIO}x: "
            f"{'MET' if met else 'NOT MET'}. Over the {means[f'endpoint_{group}_1ms_queries']} that take "
            f"the raw engine 1 ms or more: {_ratio(busy)}"
            + (f". For scale, Oxigraph's own server: {_ratio(server)}" if server is not None else ""))
    ours = means.get(f"endpoint_over_oxigraph_server_{group}")
    if ours is not None:  # issue 17's target: our /sparql no slower than `oxigraph serve`
        text += (f". lshkg /sparql / oxigraph serve: {ours:.2f}x (target <= {TARGET_VS_OXIGRAPH_SERVER}x: "
                 f"{'MET' if ours <= TARGET_VS_OXIGRAPH_SERVER else 'NOT MET'})")
    return {"met": met, "ratio": ratio, "ratio_min": by_min, "ratio_1ms": busy,
            "oxigraph_server_ratio": server, "endpoint_over_oxigraph_server": ours, "group": group,
            "dataset": largest["name"], "text": text}


# --- reports -----------------------------------------------------------------------------------

def _ms(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.1f}" if abs(value) >= 10 else f"{value:.2f}"


def _cell(report: dict, engine: str, query_id: str, with_p95: bool) -> str:
    outcome = report["results"].get(engine, {}).get(query_id)
    if not outcome:
        return "-"
    if outcome["status"] != "ok":
        return outcome["status"]
    raw = report["results"].get("pyoxigraph", {}).get(query_id, {})
    flag = "†" if raw.get("status") == "ok" and raw["rows"] != outcome["rows"] else ""
    text = _ms(outcome["median_ms"]) + flag
    return f"{text} ({_ms(outcome['p95_ms'])})" if with_p95 else text


def _ratio(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}x"


def text_table(report: dict, engines: list[str]) -> str:
    """The dataset's medians in ms, one line per query, for the terminal."""
    columns = ["query", "rows", *engines, "end/raw"]
    rows = []
    for query in report["queries"]:
        raw = report["results"].get("pyoxigraph", {}).get(query["id"], {})
        ratio = report["summary"]["per_query"][query["id"]].get("endpoint_over_raw")
        rows.append([query["id"][:32], str(raw.get("rows", "-")),
                     *(_cell(report, e, query["id"], False) for e in engines), _ratio(ratio)])
    widths = [max(len(str(row[i])) for row in [columns, *rows]) for i in range(len(columns))]
    lines = [f"{report['name']}: {report['triples']:,} triples (median ms)"]
    for row in [columns, *rows]:
        lines.append("  ".join(str(cell).rjust(width) if i else str(cell).ljust(width)
                               for i, (cell, width) in enumerate(zip(row, widths, strict=True))))
    means = report["summary"]["geomean_over_raw"]
    lines.append("geometric mean endpoint/raw: " + ", ".join(
        f"{group} {_ratio(means[f'endpoint_{group}'])} ({means[f'endpoint_{group}_queries']}; "
        f"raw >= 1 ms: {_ratio(means[f'endpoint_{group}_1ms'])})" for group in ("gallery", "fixed", "all")))
    return "\n".join(lines)


def markdown(result: dict) -> str:
    machine = result["machine"]
    libraries = ", ".join(f"{name} {version}" for name, version in machine["libraries"].items())
    settings = result["settings"]
    out = [
        "# Engine benchmarks", "",
        f"- machine: {machine['cpu']}, {machine['cores']} cores, {machine['memory_gb']} GB; "
        f"{machine['system']}",
        f"- Python {machine['python']}; {libraries}",
        f"- date: {machine['date']}; commit {machine['commit']}",
        f"- runs: up to {settings['runs']} warm runs per query and engine (at least "
        f"{settings['min_runs']} when a query is slow, about {settings['budget_s']:g} s each); rdflib, "
        f"oxrdflib and rdflib-endpoint stopped after {settings['rdflib_timeout_s']:g} s per run (the "
        "engine then restarted, reloading the graph); our code uncapped "
        f"(every engine returns every row); {settings['query_workers']} query workers; "
        f"`lshkg serve` with 1 Granian worker, 8 threads",
        f"- queries: {result['gallery_note']}; plus {len(result['fixed_queries'])} fixed queries",
        f"- command: `{result.get('command', 'python -m bench.engines')}`",
        "", f"**{result['verdict']['text']}**", "",
        "Engines: " + "; ".join(f"`{k}` = {v}" for k, v in ENGINES.items() if k in result["engines"]),
        "", "Latency cells are median ms (p95 in parentheses); † = a row count that differs from "
        "pyoxigraph's; end/raw = lshkg /sparql over HTTP divided by pyoxigraph on disk.", "",
    ]
    out += _summary_table(result)
    for report in result["datasets"]:
        out += _markdown_dataset(report, result["engines"])
    out += ["## Queries", ""]
    for query in result["datasets"][-1]["queries"] if result["datasets"] else []:
        out.append(f"- `{query['id']}` ({query['form']}): {query['about']}")
    return "\n".join(out) + "\n"


def _summary_table(result: dict) -> list[str]:
    """Per dataset and engine: the geometric mean of its medians over the raw engine's, on the gallery
    (on the fixed set when the gallery is empty), and ours over `oxigraph serve`."""
    engines = [e for e in ("endpoint", "embedded", "oxigraph-server", "rdflib-endpoint", "rdflib", "oxrdflib")
               if e in result["engines"]]
    if not result["datasets"] or not engines:
        return []
    out = ["| dataset | triples | " + " | ".join(f"{e} / raw" for e in engines)
           + " | lshkg /sparql / oxigraph serve |", "|---|---:|" + "---:|" * (len(engines) + 1)]
    for report in result["datasets"]:
        means = report["summary"]["geomean_over_raw"]
        gallery = means.get("endpoint_gallery_queries") or means.get("oxigraph-server_gallery_queries")
        group = "gallery" if gallery else "fixed"
        cells = []
        for engine in engines:
            load = report["load"].get(engine, {})
            if "skipped" in load or "error" in load:
                cells.append("not run (below)")
            else:
                cells.append(_ratio(means.get(f"{engine}_{group}")))
        cells.append(_ratio(means.get(f"endpoint_over_oxigraph_server_{group}")))
        out.append(f"| {report['name']} | {report['triples']:,} | " + " | ".join(cells) + " |")
    return ["Geometric mean over the gallery's queries of each engine's median / the raw engine's median "
            "(runs of all engines in turns, on the same data, from the same client):", "", *out, ""]


def _markdown_dataset(report: dict, engines: list[str]) -> list[str]:
    out = [f"## {report['name']}: {report['triples']:,} triples", "", report["description"], "",
           "| engine | load s | start s | RSS after load MB | RSS after queries MB | loader peak MB "
           "| disk MB |",
           "|---|---|---|---|---|---|---|"]
    for engine in engines:
        load = report["load"].get(engine, {})
        if "error" in load or "skipped" in load:
            why = f"failed: {load['error']}" if "error" in load else f"skipped: {load['skipped']}"
            out.append(f"| {engine} | {why} ||||||")
            continue
        start = load.get("start_s", load.get("setup_s"))
        if engine in RDFLIB_ENGINES:  # parsing the file is their load (rdflib-endpoint: and starting)
            loaded, start = start, None
        else:
            loaded = load.get("load_s")
        # the process that parsed or bulk-loaded the data: the engine itself for rdflib and oxrdflib
        peak = load.get("peak_mb") if engine in ("rdflib", "oxrdflib") else load.get("load_peak_mb")
        out.append(f"| {engine} | {_ms(loaded)} | {_ms(start)} | {_ms(load.get('rss_start_mb'))} | "
                   f"{_ms(load.get('rss_mb'))} | {_ms(peak)} | {_ms(load.get('disk_mb'))} |")
    baseline = [f"{e} {_ms(report['load'].get(e, {}).get('http_baseline_ms'))} ms" for e in HTTP
                if report["load"].get(e, {}).get("http_baseline_ms") is not None]
    if baseline:
        out += ["", "HTTP cost of a static GET (keep-alive): " + ", ".join(baseline)]
    out += ["", "| query | rows | " + " | ".join(engines) + " | end/raw |",
            "|---|---|" + "---|" * len(engines) + "---|"]
    for query in report["queries"]:
        raw = report["results"].get("pyoxigraph", {}).get(query["id"], {})
        ratio = report["summary"]["per_query"][query["id"]].get("endpoint_over_raw")
        out.append(f"| {query['id']} | {raw.get('rows', '-')} | "
                   + " | ".join(_cell(report, e, query["id"], True) for e in engines)
                   + f" | {_ratio(ratio)} |")
    means = report["summary"]["geomean_over_raw"]
    out += ["", "Geometric mean of engine / raw: medians (fastest runs) [queries]; queries taking the "
            "raw engine >= 1 ms only:", ""]
    out += [f"- {engine}: " + "; ".join(
        f"{group} {_ratio(means[f'{engine}_{group}'])} ({_ratio(means[f'{engine}_{group}_min'])}) "
        f"[{means[f'{engine}_{group}_queries']}], >= 1 ms {_ratio(means[f'{engine}_{group}_1ms'])} "
        f"[{means[f'{engine}_{group}_1ms_queries']}]" for group in ("gallery", "fixed", "all"))
        for engine in ("endpoint", "embedded", "oxigraph-server", "rdflib-endpoint")
        if means.get(f"{engine}_all_queries")]
    if means.get("endpoint_over_oxigraph_server_all_queries"):
        out.append("- lshkg /sparql / oxigraph serve: " + "; ".join(
            f"{group} {_ratio(means[f'endpoint_over_oxigraph_server_{group}'])} "
            f"[{means[f'endpoint_over_oxigraph_server_{group}_queries']}]"
            for group in ("gallery", "fixed", "all")))
    out += ["", "Load average (1, 5, 15 min) at the start and the end of the queries: "
            f"{report.get('load_average_start')} / {report.get('load_average_end')}", ""]
    breakdowns = {qid: entry["breakdown_ms"] for qid, entry in report["summary"]["per_query"].items()
                  if "breakdown_ms" in entry}
    if breakdowns:
        parts = list(next(iter(breakdowns.values())))
        out += ["Where the endpoint's time goes (median ms; differences of medians, so small "
                "negative values are noise):", "",
                "| query | " + " | ".join(parts) + " |", "|---|" + "---|" * len(parts)]
        for query_id, breakdown in breakdowns.items():
            out.append(f"| {query_id} | " + " | ".join(_ms(breakdown[p]) for p in parts) + " |")
        out.append("")
    return out


# --- datasets ----------------------------------------------------------------------------------

def _size_label(triples: int) -> str:
    return f"{triples // 1_000_000}M" if triples >= 1_000_000 else f"{triples // 1000}k"


def datasets(args: argparse.Namespace, workdir: Path) -> Iterator[Dataset]:
    """The shipped dataset, then the synthetic graphs, grown around it (or standalone if asked)."""
    shipped = args.shipped or config.dataset_file()
    grow = bool(args.sizes) and not args.standalone_synthetic
    if shipped.exists():
        if not args.skip_shipped:
            yield Dataset("shipped", shipped, f"the shipped dataset, {shipped}")
    elif args.build_shipped or grow:  # the grown graphs need it even when it is not measured
        from graph.records.build import ntriples
        from graph.store.dataset import build_dataset

        _log(f"[shipped] {shipped} is missing: building the records into the work folder (no SHACL "
             f"validation){'' if args.build_shipped else '; not measured without --build-shipped'}")
        built = build_dataset(config.records_dir(), config.setting("base_iri"))
        shipped = workdir / "shipped.nt"
        shipped.write_bytes(ntriples(built.graph))
        if args.build_shipped:
            yield Dataset("shipped", shipped, f"the records of {config.records_dir()} built with "
                          "graph.store.dataset.build_dataset (as `lshkg build`, without the SHACL check)")
    else:
        _log(f"[shipped] skipped: {shipped} is missing (run `lshkg build`, or pass --build-shipped)")
    core = shipped if grow else None
    for target in args.sizes:
        name = f"synthetic-{_size_label(target)}"
        organisations = organisations_for(target, args.seed, core=core)
        path = workdir / f"{name}.nt"
        started = time.perf_counter()
        count = generate(organisations, path, args.seed, core=core)
        _log(f"[{name}] {count:,} triples, {organisations:,} organisations"
             f"{' grown around ' + str(core) if core else ''} ({time.perf_counter() - started:.1f} s)")
        command = f"bench/synthetic.py --organisations {organisations} --seed {args.seed}"
        description = (f"the shipped graph plus {command} grown around it (--core {core}; {count:,} lines)"
                       if core else f"{command} ({count:,} lines)")
        yield Dataset(name, path, description, organisations)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.engines", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000000",
                        help="synthetic graph sizes in triples, comma-separated (default 1000000; "
                        "'' for none)")
    parser.add_argument("--shipped", type=Path, help="dataset file (default: the built var/lsh-kg.nt)")
    parser.add_argument("--build-shipped", action="store_true",
                        help="when the shipped dataset is missing, build the records into the work folder")
    parser.add_argument("--standalone-synthetic", action="store_true",
                        help="synthetic graphs on their own, not grown around the shipped dataset (then "
                        "the gallery's questions about real entities answer nothing on them)")
    parser.add_argument("--engines", default=",".join(ENGINES),
                        help=f"comma-separated subset of {','.join(ENGINES)}")
    parser.add_argument("--runs", type=int, default=Settings.runs)
    parser.add_argument("--min-runs", type=int, default=Settings.min_runs)
    parser.add_argument("--budget-s", type=float, default=Settings.budget_s)
    parser.add_argument("--timeout-s", type=float, default=Settings.timeout_s)
    parser.add_argument("--rdflib-timeout-s", type=float, default=Settings.rdflib_timeout_s)
    parser.add_argument("--query-workers", type=int, default=Settings.query_workers)
    parser.add_argument("--rdflib-max-triples", type=int, default=RDFLIB_MAX_TRIPLES,
                        help="do not start rdflib, oxrdflib or rdflib-endpoint on larger graphs "
                        f"(default {RDFLIB_MAX_TRIPLES:,}; the report says why)")
    parser.add_argument("--skip-shipped", action="store_true",
                        help="measure the synthetic graphs only (the shipped dataset is still their core)")
    parser.add_argument("--gallery-only", action="store_true",
                        help="the example gallery's queries only, not the fixed set")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", type=Path, help="folder for datasets and stores (default: a "
                        "temporary one, removed at the end)")
    parser.add_argument("--output", type=Path, default=RESULTS_DIR,
                        help="folder for engines.json and engines.md (default bench/results)")
    args = parser.parse_args(argv)
    args.sizes = [int(size) for size in args.sizes.split(",") if size.strip()]
    engines = [engine for engine in args.engines.split(",") if engine]
    unknown = [engine for engine in engines if engine not in ENGINES]
    if unknown:
        parser.error(f"unknown engine(s) {', '.join(unknown)}; choose from {', '.join(ENGINES)}")
    engines = [engine for engine in ENGINES if engine in engines]  # the table's order
    settings = Settings(args.runs, args.min_runs, args.budget_s, args.timeout_s, args.rdflib_timeout_s,
                        args.query_workers, args.rdflib_max_triples, args.gallery_only)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="lshkg-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    gallery, gallery_note = gallery_queries()
    _log(f"queries: {gallery_note}; work folder {workdir}")
    reports = []
    try:
        for dataset in datasets(args, workdir):
            report = bench_dataset(dataset, engines, gallery, workdir, settings)
            reports.append(report)
            print(text_table(report, engines), flush=True)
            print(flush=True)
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    result = {
        "machine": machine_description(), "settings": asdict(settings), "engines": engines,
        "engine_labels": ENGINES, "gallery_note": gallery_note,
        "fixed_queries": sorted({q["id"] for r in reports for q in r["queries"] if q["group"] == "fixed"}),
        "datasets": reports, "verdict": verdict(reports),
        "command": " ".join([".venv/bin/python -m bench.engines",
                             *(argv if argv is not None else sys.argv[1:])]),
    }
    args.output.mkdir(parents=True, exist_ok=True)
    (args.output / "engines.json").write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    (args.output / "engines.md").write_text(markdown(result), encoding="utf-8")
    print(result["verdict"]["text"])
    print(f"wrote {args.output / 'engines.json'} and {args.output / 'engines.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
