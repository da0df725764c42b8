"""Load test: a mixed workload from many concurrent clients against `lshkg serve` on loopback.

    python -m bench.load --clients 50 --seconds 60

Starts the server itself (on the shipped graph in var/, built if missing, rate limit off since every
client here has the same address), runs for a bounded time, stops by itself, and reports throughput,
p50/p95/p99 latency per kind of request and the error count; writes bench/results/load.json and
load.md. Only loopback is ever contacted.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from collections import defaultdict
from pathlib import Path

from graph import config
from graph.store.backends import EmbeddedStore
from graph.store.gallery import load_gallery

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"


def machine() -> str:
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor())
    return f"{model}, {os.cpu_count()} cores, Python {platform.python_version()}"


def workload(store: EmbeddedStore) -> dict[str, list[tuple[str, str, bytes | None]]]:
    """Requests per kind: (method, path, body)."""
    rows = store.select("""PREFIX lsh: <https://w3id.org/lsh-kg/ontology#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?e ?label WHERE { ?e a lsh:Organisation ; rdfs:label ?label FILTER(LANG(?label) = "en") }""")
    base = config.setting("base_iri")
    ids = [row["e"][len(base):] for row in rows]
    names = [row["label"] for row in rows]
    keystrokes = [name[:n] for name in names for n in range(1, min(len(name), 8) + 1)]
    gallery = [example.query for example in load_gallery() if example.form == "SELECT"]
    return {
        "search": [("GET", "/api/search?" + urllib.parse.urlencode({"q": k}), None) for k in keystrokes],
        "entity page": [("GET", f"/id/{i}", None) for i in ids],
        "map data": [("GET", "/api/map/view", None)]
        + [("GET", "/api/map/view?" + urllib.parse.urlencode({"focus": i, "depth": 1}), None) for i in ids],
        "gallery query": [("POST", "/sparql?format=json", q.encode()) for q in gallery],
        "export": [("GET", "/api/export?" + urllib.parse.urlencode({"ego": i, "depth": 1, "format": "ttl"}),
                    None) for i in ids],
    }


WARM_UP_S = 5.0
MIX = {"search": 40, "entity page": 25, "map data": 15, "gallery query": 12, "export": 8}


def client(host: str, port: int, requests: dict, until: float, results: dict, lock: threading.Lock,
           seed: int, think_s: float, warm_until: float) -> None:
    """One user: a request, then a pause of about `think_s` (0: none, the server saturated)."""
    rng = random.Random(seed)
    kinds = [kind for kind, weight in MIX.items() for _ in range(weight)]
    connection = http.client.HTTPConnection(host, port, timeout=30)
    while time.monotonic() < until:
        kind = rng.choice(kinds)
        method, path, body = rng.choice(requests[kind])
        headers = {"Content-Type": "application/sparql-query"} if body else {}
        started = time.perf_counter()
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            ok = response.status < 400
        except (OSError, http.client.HTTPException):
            ok = False
            connection.close()
            connection = http.client.HTTPConnection(host, port, timeout=30)
        elapsed = (time.perf_counter() - started) * 1000
        if time.monotonic() >= warm_until:  # the first seconds open connections: not counted
            with lock:
                results[kind].append((elapsed, ok))
        if think_s:
            time.sleep(rng.uniform(0.5, 1.5) * think_s)
    connection.close()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--port", type=int, default=8899)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--think", type=float, default=1.0,
                        help="mean pause of a user between requests, seconds (0: back to back)")
    parser.add_argument("--name", default="load", help="results file name (bench/results/NAME.md)")
    args = parser.parse_args()
    if not (config.store_dir() / "CURRENT").exists():
        subprocess.run([str(Path(sys.executable).parent / "lshkg"), "build"], check=True)
    store = EmbeddedStore(config.store_dir())
    requests = workload(store)
    store.close()
    env = {**os.environ, "LSHKG_RATE_LIMIT_PER_MINUTE": "0"}
    log = (RESULTS / "load-server.log").open("wb")
    server = subprocess.Popen([str(Path(sys.executable).parent / "lshkg"), "serve", "--port", str(args.port),
                               "--workers", str(args.workers)], env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                http.client.HTTPConnection("127.0.0.1", args.port, timeout=2).request("GET", "/healthz")
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit("the server did not start; see bench/results/load-server.log") from None
                time.sleep(0.2)
        results: dict[str, list[tuple[float, bool]]] = defaultdict(list)
        lock = threading.Lock()
        warm_until = time.monotonic() + WARM_UP_S
        until = warm_until + args.seconds
        threads = [threading.Thread(target=client, args=("127.0.0.1", args.port, requests, until, results,
                                                         lock, seed, args.think, warm_until))
                   for seed in range(args.clients)]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started - WARM_UP_S
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    report = {"machine": machine(), "date": time.strftime("%Y-%m-%d"), "clients": args.clients,
              "think_s": args.think,
              "seconds": round(elapsed, 1), "server_workers": args.workers, "kinds": {}}
    total = errors = 0
    for kind, samples in sorted(results.items()):
        latencies = [ms for ms, _ in samples]
        failed = sum(1 for _, ok in samples if not ok)
        total += len(samples)
        errors += failed
        report["kinds"][kind] = {"requests": len(samples), "errors": failed,
                                 "p50_ms": round(statistics.median(latencies), 1),
                                 "p95_ms": round(percentile(latencies, 0.95), 1),
                                 "p99_ms": round(percentile(latencies, 0.99), 1)}
    report["throughput_per_s"] = round(total / elapsed, 1)
    report["errors"] = errors
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{args.name}.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    lines = [f"# Load test ({report['date']})", "", f"Machine: {report['machine']}.",
             f"{args.clients} concurrent clients (pause between requests about {args.think:g} s) "
             f"for {report['seconds']} s (after {WARM_UP_S:g} s of warm-up, not counted) "
             f"against `lshkg serve "
             f"--workers {args.workers}` on the shipped graph: {report['throughput_per_s']} requests/s, "
             f"{errors} errors.", "", "| kind | requests | errors | p50 ms | p95 ms | p99 ms |",
             "|---|---|---|---|---|---|"]
    lines += [f"| {kind} | {k['requests']} | {k['errors']} | {k['p50_ms']} | {k['p95_ms']} | {k['p99_ms']} |"
              for kind, k in report["kinds"].items()]
    (RESULTS / f"{args.name}.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
