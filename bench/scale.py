"""Figures at scale: how cost grows from 10k to 100k to 1M triples, through the real server.

For each size, in one run and side by side: `bench.synthetic` writes the graph (timed apart),
`graph.store.backends.load_store` loads it into the on-disk store (in a child process, for its peak memory),
the store's size on disk; then `lshkg serve --workers 1` (rate limit off, loopback only) is started
`--restarts` times and timed from launch to `/readyz` answering 200 ("ready") and to the first
whole-graph map request and the first search answered ("warm": the map model and the search index
are built); resident memory (VmRSS summed over the server's main process, its worker and the query
worker processes) after the warm-up and after the latency runs; and sequential keep-alive latencies
(median, p95) of search keystrokes, entity pages, neighbourhoods of hubs and of typical
organisations, the whole-graph map data (settled at build), the companies alone (reduced on request)
and a 1-hop SPARQL query. Last, with the server stopped, the warm-up is repeated in a child process
step by step (network from the store, betweenness, communities, the rest of the map model, the
search index) to show where its time goes.

    .venv/bin/python -m bench.scale                                   # 10k, 100k, 1M: about 5 min
    .venv/bin/python -m bench.scale --sizes 10000 --requests 20 --out /tmp/scale

Writes bench/results/scale.json and bench/results/scale.md (or into --out).
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import http.client
import itertools
import json
import multiprocessing
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from bench.runners import children, command_line, proc_kb
from bench.scale_servers import markdown_rows, median_of, remote_figures, whole_server_memory

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
SIZES = (10_000, 100_000, 1_000_000)
HOST = "127.0.0.1"  # loopback only: nothing here talks to another machine
HUBS = 3  # neighbourhoods of the few most connected organisations, cycled
KINDS = ("search keystroke", "entity page", "neighbourhood, hub", "neighbourhood, typical", "map data",
         "map data, companies", "SPARQL 1-hop")
LSH = "https://w3id.org/lsh-kg/ontology#"
ORGANISATIONS = f"""PREFIX lsh: <{LSH}>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?e ?label WHERE {{ ?e a lsh:Organisation ; rdfs:label ?label FILTER(LANG(?label) = "en") }}"""
ONE_HOP = "SELECT ?p ?o WHERE {{ <{iri}> ?p ?o }}"

__all__ = ["main", "measure_size", "render_markdown"]


# --- machine and processes ---------------------------------------------------------------------

def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                     if line.startswith("MemTotal:"))
    versions = {}
    for package in ("pyoxigraph", "networkx", "flask", "granian", "rapidfuzz"):
        with contextlib.suppress(metadata.PackageNotFoundError):
            versions[package] = metadata.version(package)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                            text=True, check=False).stdout.strip()
    changed = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                             capture_output=True, text=True, check=False).stdout.strip()
    if changed:  # the figures are of the working tree, not of the commit alone
        commit += f" + uncommitted changes to {len(changed.splitlines())} files"
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gb": round(memory_kb / 1024 / 1024, 1),
            "system": platform.platform(), "python": platform.python_version(), "versions": versions,
            "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "commit": commit}


def server_memory(master: int) -> dict[str, Any]:
    """VmRSS of the server's main process, its worker(s) and their query workers, in MB (shared pages
    count once per process, as `ps` shows them: an upper bound), and their PSS (shared pages
    divided among their sharers: what the machine needs)."""
    processes = [("server main process", master)]
    for worker in children(master):
        processes.append(("server worker", worker))
        for child in children(worker):
            command = command_line(child)
            if "resource_tracker" in command:
                processes.append(("multiprocessing resource tracker", child))
            elif "forkserver" in command:  # the query workers are forked from it (same command line)
                processes.append(("multiprocessing fork server", child))
                below = children(child)
                while below:
                    descendant = below.pop()
                    below += children(descendant)
                    processes.append(("query worker", descendant))
            else:
                processes.append(("query worker", child))
    parts: dict[str, float] = {}
    counts: dict[str, int] = {}
    for role, pid in processes:
        parts[role] = parts.get(role, 0.0) + proc_kb(pid, "status", "VmRSS") / 1024
        counts[role] = counts.get(role, 0) + 1
    pss = sum(proc_kb(pid, "smaps_rollup", "Pss") for _, pid in processes) / 1024
    return {"total_mb": round(sum(parts.values()), 1), "pss_mb": round(pss, 1),
            "parts_mb": {k: round(v, 1) for k, v in parts.items()}, "processes": counts}


def load_average() -> float:
    """The 1-minute load average: other work on the machine skews every figure here."""
    return float(Path("/proc/loadavg").read_text().split()[0])


def disk_mb(folder: Path) -> float:
    """Space the files take on disk (allocated blocks, as `du`)."""
    return sum(p.stat().st_blocks * 512 for p in folder.rglob("*") if p.is_file()) / 1024 / 1024


# --- HTTP --------------------------------------------------------------------------------------

class Client:
    """One keep-alive connection to the server, as a browser tab holds it (gzip accepted)."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.connection = http.client.HTTPConnection(HOST, port, timeout=600)

    def request(self, path: str, body: bytes | None = None) -> tuple[int, bytes, float]:
        """(status, body as sent, seconds) of one GET, or POST when there is a body."""
        headers = {"Accept-Encoding": "gzip"}
        if body is not None:
            headers["Content-Type"] = "application/sparql-query"
        for attempt in (1, 2):
            try:
                started = time.perf_counter()
                self.connection.request("POST" if body is not None else "GET", path, body=body,
                                        headers=headers)
                response = self.connection.getresponse()
                data = response.read()
                elapsed = time.perf_counter() - started
                if response.getheader("Content-Encoding") == "gzip":
                    data = _Gzipped(data)
                return response.status, data, elapsed
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                # the server closed an idle keep-alive connection (between phases): reconnect once
                self.connection.close()
                self.connection = http.client.HTTPConnection(HOST, self.port, timeout=600)
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def close(self) -> None:
        self.connection.close()


class _Gzipped(bytes):
    """A compressed body: its length is what went over the wire; `plain()` is the content."""

    def plain(self) -> bytes:
        return gzip.decompress(self)


def _plain(data: bytes) -> bytes:
    return data.plain() if isinstance(data, _Gzipped) else data


def _status(port: int, path: str) -> int:
    """The status of one GET on a fresh connection; 0 while nothing listens."""
    connection = http.client.HTTPConnection(HOST, port, timeout=5)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        return response.status
    except (OSError, http.client.HTTPException):
        return 0
    finally:
        connection.close()


@dataclass
class Server:
    process: subprocess.Popen
    port: int
    log: Path

    def stop(self) -> None:
        """SIGTERM to the process we started (the server stops its worker and query workers)."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=30)


def derive_in_child(dataset: Path, store_dir: Path) -> float:
    """`lshkg build`'s last step on a loaded store, timed: the version, the map model, the search index."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import sys; from pathlib import Path; "
                    "from graph.cli.dataset import derive; from ontology.namespaces import DEFAULT_BASE_IRI; "
                    "derive(Path(sys.argv[1]), Path(sys.argv[2]), DEFAULT_BASE_IRI)",
                    str(dataset), str(store_dir)], check=True, cwd=ROOT)
    return time.perf_counter() - started


def launch(data_dir: Path, log: Path, workers: int = 1, settings: dict[str, str] | None = None) -> Server:
    """`lshkg serve --workers N` on a free loopback port over `data_dir` (stop it with `stop()`);
    `settings` are more LSHKG_* variables (LSHKG_ENDPOINT for a remote store)."""
    from tests.browser.chromium import free_port, lshkg_command

    env = {key: value for key, value in os.environ.items()
           if key not in ("LSHKG_ENDPOINT", "LSHKG_BASE_IRI", "LSHKG_CONFIG")}  # the default IRIs
    env.update(LSHKG_DATA_DIR=str(data_dir), LSHKG_RATE_LIMIT_PER_MINUTE="0")  # one client, many requests
    env.update(settings or {})
    port = free_port()
    with log.open("ab") as out:
        process = subprocess.Popen([*lshkg_command(), "serve", "--host", HOST, "--port", str(port),
                                    "--workers", str(workers)], cwd=ROOT, env=env, stdin=subprocess.DEVNULL,
                                   stdout=out, stderr=subprocess.STDOUT)
    return Server(process, port, log)


def _tail(log: Path) -> str:
    """The end of the server's log (the work folder may be removed before anyone reads it)."""
    return log.read_text(encoding="utf-8", errors="replace")[-3000:] if log.exists() else ""


def start_and_warm(data_dir: Path, log: Path, timeout_s: float, workers: int = 1,
                   settings: dict[str, str] | None = None) -> tuple[Server, dict[str, float]]:
    """Start the server and time it from launch: /readyz 200, then the first whole-graph map view,
    the first search and the first SPARQL query (which starts the query workers) answered."""
    started = time.perf_counter()
    server = launch(data_dir, log, workers, settings)
    marks: dict[str, float] = {}
    try:
        while True:
            if server.process.poll() is not None:
                raise RuntimeError(f"lshkg serve exited ({server.process.returncode}):\n{_tail(log)}")
            if time.perf_counter() - started > timeout_s:
                raise RuntimeError(f"lshkg serve not ready within {timeout_s:g} s:\n{_tail(log)}")
            if _status(server.port, "/readyz") == 200:
                break
            time.sleep(0.05)  # polling interval: the resolution of the "ready" figure
        marks["ready_s"] = time.perf_counter() - started
        client = Client(server.port)
        for mark, path, body in (("map_s", "/api/map/view", None), ("search_s", "/api/search?q=a", None),
                                 ("sparql_s", "/sparql?format=json", b"ASK { ?s ?p ?o }")):
            status, _, _ = client.request(path, body)
            if status != 200:
                raise RuntimeError(f"{path}: HTTP {status} while warming up:\n{_tail(log)}")
            marks[mark] = time.perf_counter() - started
        client.close()
    except BaseException:
        server.stop()
        raise
    marks["warm_s"] = marks["search_s"]  # map model and search index built
    return server, {key: round(value, 3) for key, value in marks.items()}


# --- the graph and what to ask of it -----------------------------------------------------------

def generate(triples: int, path: Path, seed: int, core: Path | None = None) -> dict[str, Any]:
    """The synthetic graph of about `triples` triples (grown around `core` if given): organisations,
    triples, seconds (writing, streamed). A graph this run already wrote into a kept work folder, for
    the same size, seed and core, is used again with the figures of its writing."""
    from bench.synthetic import generate as write_graph
    from bench.synthetic import organisations_for

    made = path.with_suffix(".json")  # what was generated, written once the file is complete
    wanted = {"target_triples": triples, "seed": seed, "core": str(core) if core else None,
              "core_bytes": core.stat().st_size if core else None}
    if made.exists() and path.exists():
        figures = json.loads(made.read_text(encoding="utf-8"))
        if figures.get("wanted") == wanted and figures.get("bytes") == path.stat().st_size:
            return {**figures["result"], "reused": True}
    organisations = organisations_for(triples, seed, core)  # sizing, not timed: a probe of 1,000
    started = time.perf_counter()
    written = write_graph(organisations, path, seed, core=core)
    result = {"organisations": organisations, "triples": written,
              "generate_s": round(time.perf_counter() - started, 2),
              "ntriples_mb": round(path.stat().st_size / 1024 / 1024, 1), "core": wanted["core"]}
    made.write_text(json.dumps({"wanted": wanted, "bytes": path.stat().st_size, "result": result}),
                    encoding="utf-8")
    return result


def _organisations(store_path: Path) -> list[tuple[str, str]]:
    """(id, English label) of every organisation, read from the store while no server runs."""
    import pyoxigraph as ox

    from ontology.namespaces import DEFAULT_BASE_IRI

    store = ox.Store.read_only(str(store_path))
    rows = sorted((row["e"].value[len(DEFAULT_BASE_IRI):], row["label"].value)
                  for row in store.query(ORGANISATIONS))
    del store
    return rows


def workload(organisations: list[tuple[str, str]], hubs: list[str], requests: int,
             seed: int) -> dict[str, list[tuple[str, bytes | None]]]:
    """Per kind, the requests to time (path, POST body), in order, drawn with a fixed seed."""
    from ontology.namespaces import DEFAULT_BASE_IRI

    rng = random.Random(seed)
    keystrokes: list[str] = []
    while len(keystrokes) < requests:  # a user typing a real name, letter by letter
        _, label = rng.choice(organisations)
        keystrokes += [label[:n] for n in range(1, min(len(label), 10) + 1)]

    def some() -> list[str]:
        return [rng.choice(organisations)[0] for _ in range(requests)]

    quote = urllib.parse.quote
    return {
        "search keystroke": [("/api/search?" + urllib.parse.urlencode({"q": k}), None)
                             for k in keystrokes[:requests]],
        "entity page": [(f"/id/{quote(i)}", None) for i in some()],
        "neighbourhood, hub": [(f"/api/map/view?focus={quote(hubs[n % len(hubs)])}&depth=2", None)
                               for n in range(requests)],
        "neighbourhood, typical": [(f"/api/map/view?focus={quote(i)}&depth=2", None) for i in some()],
        "map data": [("/api/map/view", None)] * requests,
        # a view settled at build answers the line above; a filter is reduced on request
        "map data, companies": [("/api/map/view?kind=company", None)] * requests,
        "SPARQL 1-hop": [("/sparql?format=json", ONE_HOP.format(iri=DEFAULT_BASE_IRI + i).encode())
                         for i in some()],
    }


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def time_kind(client: Client, requests: list[tuple[str, bytes | None]], budget_s: float,
              min_requests: int, inspect: Callable[[bytes], dict] | None = None) -> dict[str, Any]:
    """Sequential requests, after two untimed ones (first-use costs such as template compilation):
    all of them, or as many as fit in `budget_s` (at least `min_requests`)."""
    for path, body in requests[:2]:
        client.request(path, body)
    times: list[float] = []
    sizes: list[int] = []
    errors: dict[str, int] = {}
    facts: list[dict] = []
    started = time.perf_counter()
    for path, body in requests:
        status, data, seconds = client.request(path, body)
        times.append(seconds * 1000)
        sizes.append(len(data))
        if status != 200:
            errors[str(status)] = errors.get(str(status), 0) + 1
        elif inspect is not None:
            facts.append(inspect(_plain(data)))
        if len(times) >= min_requests and time.perf_counter() - started > budget_s:
            break
    result = {"requests": len(times), "p50_ms": round(statistics.median(times), 2),
              "p95_ms": round(percentile(times, 0.95), 2), "min_ms": round(min(times), 2),
              "max_ms": round(max(times), 2), "bytes_median": int(statistics.median(sizes)),
              "errors": errors}
    if facts:
        result["matched_median"] = statistics.median(f["matched"] for f in facts)
        result["matched_max"] = max(f["matched"] for f in facts)
    return result


def time_kinds(client: Client, requests: dict[str, list[tuple[str, bytes | None]]],
               args: argparse.Namespace, label: str = "") -> dict[str, dict[str, Any]]:
    """Every kind of request timed in turn (`time_kind`), each printed as it ends."""
    latency = {}
    for kind in KINDS:
        inspect = _view_facts if kind.startswith("neighbourhood") else None
        figures = latency[kind] = time_kind(client, requests[kind], args.budget_s, args.min_requests, inspect)
        print(f"   {label}{kind:<24} p50 {figures['p50_ms']:>9.2f} ms  p95 {figures['p95_ms']:>9.2f} ms  "
              f"({figures['requests']} requests, {figures['bytes_median']:,} B"
              + (f", {figures['matched_median']:,} nodes in reach" if "matched_median" in figures else "")
              + (f", errors {figures['errors']}" if figures["errors"] else "") + ")", flush=True)
    return latency


def _view_facts(body: bytes) -> dict:
    return {"matched": json.loads(body)["counts"]["matched"]}


# --- where the warm-up goes (a child process, with the server stopped) ------------------------

NETWORK_STEP, SEARCH_STEP = "network from the store", "search index"


def _breakdown_child(connection: Connection, store_path: str) -> None:
    import networkx as nx

    from graph.entity.search import build_search_index
    from graph.network.model import build_map_model, load_documents
    from graph.network.projection import load_network
    from graph.store.backends import EmbeddedStore
    from ontology.namespaces import DEFAULT_BASE_IRI

    spent: dict[str, float] = {}
    step = [""]
    queries: dict[tuple[str, str], dict[str, Any]] = {}

    def timed(name: str, function: Callable) -> Callable:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                spent[name] = spent.get(name, 0.0) + time.perf_counter() - started
        return wrapper

    select = EmbeddedStore.select

    def timed_select(self: EmbeddedStore, sparql: str) -> list[dict[str, str]]:
        started = time.perf_counter()
        rows = select(self, sparql)
        head = next((line.strip() for line in sparql.splitlines() if line.strip().startswith("SELECT")), "?")
        entry = queries.setdefault((step[0], head[:80]), {"calls": 0, "seconds": 0.0, "rows": 0})
        entry["calls"] += 1
        entry["seconds"] += time.perf_counter() - started
        entry["rows"] += len(rows)
        return rows

    # the project's code looks these up at call time, so replacing them here times them
    EmbeddedStore.select = timed_select  # type: ignore[method-assign]
    nx.betweenness_centrality = timed("betweenness (sampled)", nx.betweenness_centrality)
    nx.community.louvain_communities = timed("communities (Louvain)", nx.community.louvain_communities)
    steps: dict[str, float] = {}
    store = EmbeddedStore(Path(store_path))
    step[0] = NETWORK_STEP
    started = time.perf_counter()
    network = load_network(store)
    steps[NETWORK_STEP] = time.perf_counter() - started
    step[0] = "map model"
    started = time.perf_counter()
    model = build_map_model(network, DEFAULT_BASE_IRI, load_documents(store))
    model_s = time.perf_counter() - started
    steps.update(spent)
    steps["rest of the map model (documents, indexes, ranking)"] = model_s - sum(spent.values())
    step[0] = SEARCH_STEP
    started = time.perf_counter()
    index = build_search_index(store)
    steps[SEARCH_STEP] = time.perf_counter() - started
    sparql: dict[str, float] = {}
    for (name, _), entry in queries.items():
        sparql[name] = sparql.get(name, 0.0) + entry["seconds"]
    connection.send({
        "steps_s": {k: round(v, 2) for k, v in steps.items()},
        "sparql_s": {k: round(v, 2) for k, v in sparql.items()},
        "queries": [{"step": name, "query": head, "calls": e["calls"], "seconds": round(e["seconds"], 3),
                     "rows": e["rows"]} for (name, head), e in queries.items()],
        "map_nodes": model.links.number_of_nodes(), "map_links": model.links.number_of_edges(),
        "search_entries": len(index)})
    store.close()


def warmup_breakdown(store_path: Path) -> dict[str, Any]:
    """The map model and search index built step by step in a fresh process, each step timed."""
    context = multiprocessing.get_context("spawn")
    ours, theirs = context.Pipe()
    process = context.Process(target=_breakdown_child, args=(theirs, str(store_path)))
    process.start()
    theirs.close()
    try:
        return ours.recv()
    except EOFError:
        raise RuntimeError(f"the warm-up breakdown failed (exit code {process.exitcode})") from None
    finally:
        process.join()


# --- one size ----------------------------------------------------------------------------------

def measure_size(triples: int, folder: Path, args: argparse.Namespace) -> dict[str, Any]:
    """Every figure for one synthetic graph of about `triples` triples."""
    from bench.runners import load_store_in_child

    data = folder / f"synthetic-{triples}"
    data.mkdir(parents=True, exist_ok=True)
    dataset = data / "lsh-kg.nt"
    result: dict[str, Any] = {"target_triples": triples, "load_average": [load_average()],
                              **generate(triples, dataset, args.seed, args.core)}
    print(f"\n== {result['triples']:,} triples, {result['organisations']:,} organisations: "
          f"generated in {result['generate_s']} s" + (" (kept from an earlier run)" if result.get("reused")
                                                      else ""), flush=True)
    load_s, loader_peak = load_store_in_child(dataset, data / "store")
    result.update(load_s=round(load_s, 2), loader_peak_mb=round(loader_peak, 1),
                  store_disk_mb=round(disk_mb(data / "store"), 1))
    print(f"   loaded in {load_s:.2f} s (loader peak {loader_peak:.0f} MB), "
          f"store {result['store_disk_mb']} MB on disk", flush=True)
    organisations = _organisations(data / "store")
    log = data / "server.log"

    starts = []
    underived = args.restarts if args.underived_restarts is None else args.underived_restarts
    for attempt in range(underived):  # no derived files: each worker builds the map model at start
        server, marks = start_and_warm(data, log, args.start_timeout_s)
        starts.append(marks)
        print(f"   start {attempt + 1}: ready {marks['ready_s']:.2f} s, map {marks['map_s']:.2f} s, "
              f"warm {marks['warm_s']:.2f} s", flush=True)
        server.stop()
    result["starts"] = starts
    for key in ("ready_s", "map_s", "warm_s"):
        result[key] = median_of(starts, key)
    # as `lshkg build` leaves it: the map model and search index derived beside the store, read at start
    result["derive_s"] = round(derive_in_child(dataset, data / "store"), 2)
    result["build_s"] = round(result["load_s"] + result["derive_s"], 2)
    print(f"   derived the map model and search index in {result['derive_s']:.2f} s", flush=True)
    derived_starts = []
    server = None
    for _ in range(args.restarts):
        if server is not None:
            server.stop()
        server, marks = start_and_warm(data, log, args.start_timeout_s)
        derived_starts.append(marks)
        print(f"   start from derived files: ready {marks['ready_s']:.2f} s, map {marks['map_s']:.2f} s, "
              f"warm {marks['warm_s']:.2f} s", flush=True)
    for key in ("ready_s", "map_s", "warm_s"):
        result[f"derived_{key}"] = round(statistics.median(s[key] for s in derived_starts), 2)
    try:
        result["rss_after_warmup"] = server_memory(server.process.pid)
        client = Client(server.port)
        _, body, _ = client.request("/api/map/view")
        whole = json.loads(_plain(body))
        total = whole["counts"]["total"]
        result["map"] = {"nodes": total["nodes"], "links": total["edges"], "max_nodes": whole["maxNodes"],
                         "reduced": whole["reduced"]}
        # hubs: the most connected organisations among those the whole-graph view keeps
        ids = {ident for ident, _ in organisations}
        ranked = sorted(whole["nodes"], key=lambda n: -n["degree"])
        hubs = [node for node in ranked if node["id"] in ids][:HUBS]
        result["hubs"] = [{"id": node["id"], "degree": node["degree"]} for node in hubs]
        requests = workload(organisations, [node["id"] for node in hubs], args.requests, args.seed)
        result["latency"] = time_kinds(client, requests, args)
        client.close()
        result["rss_after_latency"] = server_memory(server.process.pid)
        result["load_average"].append(load_average())
    finally:
        server.stop()
    print(f"   RSS after warm-up {result['rss_after_warmup']['total_mb']} MB, after the latency runs "
          f"{result['rss_after_latency']['total_mb']} MB", flush=True)
    if args.whole_server_workers:
        result["whole_server"] = whole_server_memory(data, log, args.start_timeout_s,
                                                     args.whole_server_workers)
        print(f"   lshkg serve --workers {args.whole_server_workers}: ready "
              f"{result['whole_server']['ready_s']:.2f} s, RSS {result['whole_server']['total_mb']} MB "
              f"(PSS {result['whole_server']['pss_mb']} MB)", flush=True)
    if args.remote_from is not None and triples >= args.remote_from:
        hubs = [hub["id"] for hub in result["hubs"]]
        result["remote"] = remote_figures(dataset, data, organisations, hubs, args)
    if args.breakdown:
        result["warmup_breakdown"] = warmup_breakdown(data / "store")
        print("   warm-up steps: " + ", ".join(f"{k} {v} s" for k, v in
                                               result["warmup_breakdown"]["steps_s"].items()), flush=True)
    if not args.workdir:
        shutil.rmtree(data, ignore_errors=True)  # 1M triples is about 150 MB of N-Triples
    return result


# --- report ------------------------------------------------------------------------------------

def _size_name(triples: int) -> str:
    return f"{triples / 1e6:g}M" if triples >= 1_000_000 else f"{triples / 1e3:g}k"


def _ratio(a: float | None, b: float | None) -> str:
    if not a or not b:
        return "-"
    return f"{b / a:.1f}x"


def _number(value: float, digits: int = 1) -> str:
    if value >= 100:
        return f"{value:,.0f}"
    return f"{value:.{digits}f}"


def render_markdown(report: dict[str, Any]) -> str:
    """The report as Markdown: machine, the table with growth ratios, the warm-up steps, notes."""
    m = report["machine"]
    results = report["results"]
    versions = ", ".join(f"{k} {v}" for k, v in m["versions"].items())
    lines = [
        "# Figures at scale: " + ", ".join(_size_name(r["target_triples"]) for r in results) + " triples",
        "",
        f"- machine: {m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB; {m['system']}",
        f"- Python {m['python']}; {versions}",
        f"- date: {m['date']}; commit {m['commit']}",
        f"- server: `lshkg serve --workers 1` (default threads and query workers), rate limit off, loopback; "
        f"sequential requests over one keep-alive connection with `Accept-Encoding: gzip`, up to "
        f"{report['settings']['requests']} per kind (fewer when a kind passes "
        f"{report['settings']['budget_s']:g} s), after 2 untimed ones; start times are the median of "
        f"{report['settings']['restarts']} starts (store files in the page cache)",
        "- memory: VmRSS summed over the server's main process, its worker and every process below it (query "
        "workers, multiprocessing helpers), shared pages counted in each; PSS divides shared pages "
        "among their sharers",
        "",
    ]
    pairs = list(itertools.pairwise(results))
    head = "| | " + " | ".join([_size_name(r["target_triples"]) for r in results]
                               + [f"{_size_name(b['target_triples'])} / {_size_name(a['target_triples'])}"
                                  for a, b in pairs]) + " |"
    lines += [head, "|---|" + "---:|" * (len(results) + len(pairs))]

    def row(label: str, get: Callable[[dict], float | None], fmt: Callable[[float], str] = _number,
            ratio: bool = True) -> None:
        values = [get(r) for r in results]
        cells = [fmt(v) if v is not None else "-" for v in values]
        growth = [_ratio(a, b) if ratio else "" for a, b in itertools.pairwise(values)]
        lines.append(f"| {label} | " + " | ".join(cells + growth) + " |")

    row("triples", lambda r: r["triples"], lambda v: f"{v:,.0f}")
    row("organisations", lambda r: r["organisations"], lambda v: f"{v:,.0f}")
    lines.append("| map nodes / links | " + " | ".join(
        [f"{r['map']['nodes']:,} / {r['map']['links']:,}" for r in results]
        + [_ratio(a["map"]["nodes"], b["map"]["nodes"]) for a, b in pairs]) + " |")
    row("generate (s)", lambda r: r["generate_s"])
    row("N-Triples file (MB)", lambda r: r["ntriples_mb"])
    row("load into the store (s)", lambda r: r["load_s"], lambda v: f"{v:.2f}")
    row("loader peak RSS (MB)", lambda r: r["loader_peak_mb"])
    row("store on disk (MB)", lambda r: r["store_disk_mb"])
    row("start: /readyz 200 (s)", lambda r: r["ready_s"], lambda v: f"{v:.2f}")
    row("start: first map view answered (s)", lambda r: r["map_s"], lambda v: f"{v:.2f}")
    row("start: warm, map model + search index (s)", lambda r: r["warm_s"], lambda v: f"{v:.2f}")
    row("derive map model + search index at build (s)", lambda r: r.get("derive_s"), lambda v: f"{v:.2f}")
    row("build: load + derive (s)", lambda r: r.get("build_s"), lambda v: f"{v:.1f}")
    row("start from derived files: /readyz 200 (s)", lambda r: r.get("derived_ready_s"), lambda v: f"{v:.2f}")
    row("start from derived files: first map view (s)", lambda r: r.get("derived_map_s"),
        lambda v: f"{v:.2f}")
    row("start from derived files: warm (s)", lambda r: r.get("derived_warm_s"), lambda v: f"{v:.2f}")
    row("RSS after warm-up (MB)", lambda r: r["rss_after_warmup"]["total_mb"])
    row("RSS after the latency runs (MB)", lambda r: r["rss_after_latency"]["total_mb"])
    row("PSS after the latency runs (MB)", lambda r: r["rss_after_latency"].get("pss_mb"))
    for kind in KINDS:
        values = [r["latency"][kind] for r in results]
        cells = [f"{v['p50_ms']:.1f} ({v['p95_ms']:.1f})" for v in values]
        growth = [_ratio(a["p50_ms"], b["p50_ms"]) for a, b in itertools.pairwise(values)]
        lines.append(f"| {kind}: p50 (p95) ms | " + " | ".join(cells + growth) + " |")
    lines.append("| load average, 1 min (before, after the latency runs) | " + " | ".join(
        [" / ".join(f"{x:.1f}" for x in r["load_average"]) for r in results] + [""] * len(pairs)) + " |")
    lines += ["", *markdown_rows(results, _size_name)]
    lines += ["", "Growth columns: the larger size's figure divided by the smaller's "
              "(latencies: the medians). Load average: the machine has "
              f"{m['cores']} cores; above that, other processes competed for the CPU.", ""]

    parts = [r["rss_after_latency"]["parts_mb"] for r in results]
    lines += ["RSS after the latency runs, by process (MB): " + "; ".join(
        f"{_size_name(r['target_triples'])}: " + ", ".join(f"{k} {v:,.0f}" for k, v in p.items())
        for r, p in zip(results, parts, strict=True)) + ".", ""]

    def reach(r: dict) -> str:
        hub, typical = r["latency"]["neighbourhood, hub"], r["latency"]["neighbourhood, typical"]
        return (f"{_size_name(r['target_triples'])}: hubs {hub.get('matched_median', 0):,.0f} "
                f"(degree {', '.join(str(h['degree']) for h in r['hubs'])}), typical "
                f"{typical.get('matched_median', 0):,.0f} (largest {typical.get('matched_max', 0):,})")

    lines += ["Neighbourhoods (`focus=<id>&depth=2`), nodes within two steps, median: "
              + "; ".join(reach(r) for r in results) + ".", ""]

    if all("warmup_breakdown" in r for r in results):
        steps = list(results[0]["warmup_breakdown"]["steps_s"])
        lines += ["## Where the warm-up goes", "",
                  "The map model and the search index rebuilt step by step in a fresh process with the "
                  "server stopped: seconds (of which in SPARQL queries, rows turned into dicts "
                  "included).", "",
                  "| step | " + " | ".join(_size_name(r["target_triples"]) for r in results) + " |",
                  "|---|" + "---:|" * len(results)]

        def cell(r: dict, step: str) -> str:
            breakdown = r["warmup_breakdown"]
            total = f"{breakdown['steps_s'].get(step, 0):.2f}"
            return total + (f" ({breakdown['sparql_s'][step]:.2f})" if step in breakdown["sparql_s"] else "")

        for step in steps:
            lines.append(f"| {step} | " + " | ".join(cell(r, step) for r in results) + " |")
        lines.append("| total | " + " | ".join(f"{sum(r['warmup_breakdown']['steps_s'].values()):.2f}"
                                                for r in results) + " |")
        largest = results[-1]["warmup_breakdown"]["queries"]
        slow = sorted(largest, key=lambda q: -q["seconds"])[:4]
        lines += ["", f"Slowest queries of the warm-up at {_size_name(results[-1]['target_triples'])}: "
                  + "; ".join(f"{q['step']}: `{q['query']}` {q['seconds']:.2f} s, {q['rows']:,} rows"
                              + (f" ({q['calls']} calls)" if q["calls"] > 1 else "") for q in slow) + ".", ""]
    lines += ["## Notes", ""] + [f"- {note}" for note in notes(report)] + [""]
    command = report.get("command", ".venv/bin/python -m bench.scale")
    lines += [f"Written by `bench/scale.py`: `{command}`.", ""]
    return "\n".join(lines)


def notes(report: dict[str, Any]) -> list[str]:
    """What the figures say, in sentences drawn from them (so that a re-run rewrites them)."""
    results = report["results"]
    largest, smallest = results[-1], results[0]
    name = _size_name(largest["target_triples"])
    said = []
    if largest.get("ready_s") is not None:
        after_ready = largest["map_s"] - largest["ready_s"]
        index_s = largest["warm_s"] - largest["map_s"]
        said.append(f"At {name}, without derived files, the server answered `/readyz` "
                    f"{largest['ready_s']:.2f} s after launch, the first whole-graph map view "
                    f"{after_ready:.2f} s later and the first search {index_s:.2f} s after that (each "
                    "server process builds the map model and the search index before it answers at all, so "
                    "the first visitors do not wait for them).")
    if largest.get("derived_ready_s") is not None:
        said.append(f"At {name}, with the files `lshkg build` derives, `/readyz` answered "
                    f"{largest['derived_ready_s']:.2f} s after launch.")
    if len(results) > 1:
        factor = largest["triples"] / smallest["triples"]
        growth = {k: largest["latency"][k]["p50_ms"] / smallest["latency"][k]["p50_ms"] for k in KINDS}
        threshold = max(3.0, factor / 10)

        def listed(kinds: list[str]) -> str:
            return ", ".join(f"{k} {smallest['latency'][k]['p50_ms']:.1f} -> "
                             f"{largest['latency'][k]['p50_ms']:.1f} ms ({growth[k]:.1f}x)" for k in kinds)

        grown = [k for k in KINDS if growth[k] >= threshold]
        flat = [k for k in KINDS if growth[k] < 3]
        span = f"{_size_name(smallest['target_triples'])} to {name} ({factor:.0f}x the triples)"
        if grown:
            said.append(f"From {span}, medians that grew more than {threshold:.0f}x: {listed(grown)}.")
        if flat:
            said.append(f"About flat (under 3x): {listed(flat)}.")
    errors = sum(sum(k["errors"].values()) for r in results for k in r["latency"].values())
    said.append(f"{errors} requests failed (non-200) in all the latency runs.")
    busiest = max(max(r["load_average"]) for r in results)
    if busiest > report["machine"]["cores"]:
        said.append(f"The machine was not idle: the load average reached {busiest:.1f} on "
                    f"{report['machine']['cores']} cores, so other processes took CPU time from these runs; "
                    "medians are the figures to trust, p95 less so.")
    return said


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.scale", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=",".join(str(s) for s in SIZES),
                        help="triples, comma-separated (default 10000,100000,1000000)")
    parser.add_argument("--requests", type=int, default=100, help="timed requests per kind (default 100)")
    parser.add_argument("--min-requests", type=int, default=20,
                        help="at least this many per kind (default 20)")
    parser.add_argument("--budget-s", type=float, default=30, help="stop a kind after this long, once it "
                        "has --min-requests (default 30)")
    parser.add_argument("--restarts", type=int, default=2,
                        help="timed starts of the server per size (default 2)")
    parser.add_argument("--start-timeout-s", type=float, default=1200)
    parser.add_argument("--core", type=Path, help="grow the graphs around this N-Triples file (the shipped "
                        "graph: var/lsh-kg.nt after `lshkg build`), as bench.synthetic --core")
    parser.add_argument("--underived-restarts", type=int, help="timed starts before the derive step, "
                        "each building the map model in the server (default: --restarts; 0 to skip)")
    parser.add_argument("--whole-server-workers", type=int, default=2, help="also start `lshkg serve "
                        "--workers N` for the whole server's memory (default 2; 0 to skip)")
    parser.add_argument("--remote-from", type=int, default=10_000_000, help="from this size up, also "
                        "measure the app on a remote store (oxigraph serve); default 10000000")
    parser.add_argument("--no-breakdown", dest="breakdown", action="store_false",
                        help="skip the step-by-step warm-up in a child process")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", type=Path, help="keep the graphs and stores here (default: a temporary "
                        "folder, removed)")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",")]
    if args.core and not args.core.exists():
        parser.error(f"--core {args.core} does not exist: run `lshkg build` first")
    started = time.perf_counter()
    report: dict[str, Any] = {"machine": machine(), "settings": {
        "sizes": sizes, "requests": args.requests, "min_requests": args.min_requests,
        "budget_s": args.budget_s, "restarts": args.restarts, "seed": args.seed,
        "core": str(args.core) if args.core else None, "underived_restarts": args.underived_restarts,
        "whole_server_workers": args.whole_server_workers, "remote_from": args.remote_from,
        "server": "lshkg serve --workers 1", "rate_limit_per_minute": 0}, "results": [],
        "command": " ".join([".venv/bin/python -m bench.scale",
                             *(argv if argv is not None else sys.argv[1:])])}
    with contextlib.ExitStack() as stack:
        folder = args.workdir or Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="lshkg-scale-")))
        for triples in sizes:
            report["results"].append(measure_size(triples, folder, args))
    report["elapsed_s"] = round(time.perf_counter() - started, 1)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "scale.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    markdown = render_markdown(report)
    (args.out / "scale.md").write_text(markdown, encoding="utf-8")
    print("\n" + markdown)
    print(f"wrote {args.out / 'scale.json'} and {args.out / 'scale.md'} ({report['elapsed_s']} s in all)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
