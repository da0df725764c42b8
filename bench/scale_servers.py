"""Two more servers for bench.scale: the whole server as deployed (`lshkg serve --workers 2`), for its
memory, and the app on a remote store (`LSHKG_ENDPOINT` pointing to an `oxigraph serve` of the same
graph, started here), for what the remote path costs in start-up and latency.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.runners import tree_rss_mb

__all__ = ["oxigraph_load", "remote_figures", "whole_server_memory"]

HOST = "127.0.0.1"  # loopback only
OXIGRAPH = Path(sys.executable).parent / "oxigraph"
REMOTE_QUERY_TIMEOUT_S = "300"  # the remote store's HTTP time limit, for the warm-up's big queries


def whole_server_memory(data_dir: Path, log: Path, timeout_s: float, workers: int = 2) -> dict[str, Any]:
    """`lshkg serve --workers 2` from the derived files: launch to /readyz, then memory (VmRSS summed,
    and PSS) once every worker has warmed up and its query workers run, and stays level."""
    from bench.scale import Client, server_memory, start_and_warm

    server, marks = start_and_warm(data_dir, log, timeout_s, workers=workers)
    try:
        # Granian gives each connection to one worker: a few fresh connections reach every worker,
        # each then answers a map view, a search and a query (its query workers started)
        for _ in range(6 * workers):
            client = Client(server.port)
            for path, body in (("/api/map/view", None), ("/api/search?q=a", None),
                               ("/sparql?format=json", b"ASK { ?s ?p ?o }")):
                client.request(path, body)
            client.close()
        previous, level_since = 0.0, time.perf_counter()
        deadline = time.perf_counter() + 120
        while time.perf_counter() < deadline:  # level: within 1% for 3 s
            total = server_memory(server.process.pid)["total_mb"]
            if abs(total - previous) > 0.01 * max(total, 1):
                previous, level_since = total, time.perf_counter()
            elif time.perf_counter() - level_since > 3:
                break
            time.sleep(0.5)
        memory = server_memory(server.process.pid)
    finally:
        server.stop()
    return {"workers": workers, "ready_s": marks["ready_s"], "warm_s": marks["warm_s"], **memory}


def oxigraph_load(dataset: Path, location: Path) -> dict[str, float]:
    """`oxigraph load` (its bulk loader) of the N-Triples file: seconds, the loader's peak, disk."""
    from bench.scale import disk_mb

    started = time.perf_counter()
    with open(os.devnull, "wb") as quiet:
        process = subprocess.Popen([str(OXIGRAPH), "load", "--location", str(location), "--file",
                                    str(dataset)], stdout=quiet, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)  # rusage of this child alone: its peak RSS
    error = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"oxigraph load failed: {error[-500:]}")
    return {"load_s": round(time.perf_counter() - started, 2),
            "load_peak_mb": round(usage.ru_maxrss / 1024, 1), "disk_mb": round(disk_mb(location), 1)}


def _oxigraph_serve(location: Path, log: Path) -> tuple[subprocess.Popen, str]:
    """`oxigraph serve-read-only` on a free loopback port; (process, query URL) once it answers."""
    from bench.scale import _status
    from tests.browser.chromium import free_port

    port = free_port()
    with log.open("ab") as out:
        process = subprocess.Popen([str(OXIGRAPH), "serve-read-only", "--location", str(location), "--bind",
                                    f"{HOST}:{port}", "--timeout-s", REMOTE_QUERY_TIMEOUT_S],
                                   stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT)
    deadline = time.perf_counter() + 300
    while _status(port, "/query?query=ASK%7B%7D") != 200:
        if process.poll() is not None or time.perf_counter() > deadline:
            process.kill()
            raise RuntimeError(f"oxigraph serve did not start; see {log}")
        time.sleep(0.1)
    return process, f"http://{HOST}:{port}/query"


def remote_figures(dataset: Path, folder: Path, organisations: list[tuple[str, str]], hubs: list[str],
                   args: argparse.Namespace) -> dict[str, Any]:
    """The app on a remote store: `oxigraph load` + `oxigraph serve-read-only` of the graph, then
    `lshkg serve --workers 1` with LSHKG_ENDPOINT pointing to it (the map model and the search index
    are then built from the endpoint at every start: nothing is derived beside a remote store),
    timed as the embedded one, and the same latencies."""
    from bench.scale import Client, start_and_warm, time_kinds, workload

    location = folder / "oxigraph"
    if location.exists():
        subprocess.run(["rm", "-rf", str(location)], check=True)
    result: dict[str, Any] = {"oxigraph": oxigraph_load(dataset, location),
                              "query_timeout_s": float(REMOTE_QUERY_TIMEOUT_S)}
    print(f"   remote: oxigraph load {result['oxigraph']['load_s']} s, "
          f"{result['oxigraph']['disk_mb']} MB on disk", flush=True)
    oxigraph, url = _oxigraph_serve(location, folder / "oxigraph-serve.log")
    try:
        app_dir = folder / "remote-app"  # no store here: the app asks the endpoint
        app_dir.mkdir(exist_ok=True)
        settings = {"LSHKG_ENDPOINT": url, "LSHKG_QUERY_TIMEOUT_S": REMOTE_QUERY_TIMEOUT_S}
        server, marks = start_and_warm(app_dir, folder / "server-remote.log", args.start_timeout_s,
                                       settings=settings)
        result["start"] = marks
        print(f"   remote: ready {marks['ready_s']:.2f} s, warm {marks['warm_s']:.2f} s", flush=True)
        try:
            client = Client(server.port)
            requests = workload(organisations, hubs, args.requests, args.seed)
            result["latency"] = time_kinds(client, requests, args, label="remote ")
            client.close()
            from bench.scale import server_memory

            result["rss_app"] = server_memory(server.process.pid)
        finally:
            server.stop()
        result["rss_oxigraph_mb"] = round(tree_rss_mb(oxigraph.pid), 1)
    finally:
        oxigraph.terminate()
        try:
            oxigraph.wait(timeout=30)
        except subprocess.TimeoutExpired:
            oxigraph.kill()
            oxigraph.wait()
    return result


def markdown_rows(results: list[dict[str, Any]], size_name: Any) -> list[str]:
    """The 2-worker memory and the remote store's figures, as Markdown, for the sizes that have them."""
    lines: list[str] = []
    whole = [r for r in results if "whole_server" in r]
    if whole:
        lines += ["## The whole server, 2 workers", "",
                  "`lshkg serve --workers 2` (as deployed) from the derived files, after every worker "
                  "answered a map view, a search and a SPARQL query (so each runs its query workers), "
                  "memory level for 3 s: VmRSS summed over every process of the server (shared pages "
                  "in each), and PSS.",
                  "", "| | " + " | ".join(size_name(r["target_triples"]) for r in whole) + " |",
                  "|---|" + "---:|" * len(whole)]
        for label, get in (("/readyz 200 after launch (s)", lambda w: f"{w['ready_s']:.2f}"),
                           ("RSS, whole server (MB)", lambda w: f"{w['total_mb']:,.0f}"),
                           ("PSS, whole server (MB)", lambda w: f"{w['pss_mb']:,.0f}"),
                           ("processes", lambda w: ", ".join(f"{k} {v}" for k, v in w["processes"].items())),
                           ("RSS by process (MB)", lambda w: ", ".join(f"{k} {v:,.0f}"
                                                                       for k, v in w["parts_mb"].items()))):
            lines.append(f"| {label} | " + " | ".join(get(r["whole_server"]) for r in whole) + " |")
        lines.append("")
    remote = [r for r in results if "remote" in r]
    if remote:
        from bench.scale import KINDS

        lines += ["## On a remote store", "",
                  "`lshkg serve --workers 1` with `LSHKG_ENDPOINT` pointing to `oxigraph serve-read-only` "
                  f"of the same graph on loopback (LSHKG_QUERY_TIMEOUT_S={REMOTE_QUERY_TIMEOUT_S}, for the "
                  "warm-up's large queries), beside the embedded store's figures of the same run. Nothing is "
                  "derived beside a remote store: every start builds the map model and the search index "
                  "from the endpoint.", "",
                  "| | " + " | ".join(f"{size_name(r['target_triples'])} embedded | "
                                      f"{size_name(r['target_triples'])} remote" for r in remote) + " |",
                  "|---|" + "---:|---:|" * len(remote)]

        def pair(label: str, embedded: Any, remote_value: Any) -> None:
            lines.append(f"| {label} | " + " | ".join(f"{embedded(r)} | {remote_value(r)}" for r in remote)
                         + " |")

        pair("load (s)", lambda r: f"{r['load_s']:.1f}", lambda r: f"{r['remote']['oxigraph']['load_s']:.1f}")
        pair("store on disk (MB)", lambda r: f"{r['store_disk_mb']:,.0f}",
             lambda r: f"{r['remote']['oxigraph']['disk_mb']:,.0f}")
        pair("start: /readyz 200 (s)", lambda r: f"{r.get('derived_ready_s', 0):.2f}",
             lambda r: f"{r['remote']['start']['ready_s']:.2f}")
        pair("RSS of lshkg serve (MB)", lambda r: f"{r['rss_after_latency']['total_mb']:,.0f}",
             lambda r: f"{r['remote']['rss_app']['total_mb']:,.0f} "
                       f"(+ oxigraph {r['remote']['rss_oxigraph_mb']:,.0f})")
        for kind in KINDS:
            pair(f"{kind}: p50 (p95) ms",
                 lambda r, k=kind: f"{r['latency'][k]['p50_ms']:.1f} ({r['latency'][k]['p95_ms']:.1f})",
                 lambda r, k=kind: f"{r['remote']['latency'][k]['p50_ms']:.1f} "
                                   f"({r['remote']['latency'][k]['p95_ms']:.1f})"
                                   + (f", errors {r['remote']['latency'][k]['errors']}"
                                      if r["remote"]["latency"][k]["errors"] else ""))
        lines.append("")
    return lines


def median_of(starts: list[dict[str, float]], key: str) -> float | None:
    return round(statistics.median(s[key] for s in starts), 2) if starts else None
