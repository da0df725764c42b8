"""Runaway waves: how late runaway queries are answered, and how long cheap ones wait meanwhile.

    python -m bench.runaway --limit 2 --waves 3 --per-wave 4 --rounds 3

Starts `lshkg serve` (2 processes, rate limit off) on the shipped graph in var/ with the time limit
`--limit`, then, per round, sends `--waves` waves of `--per-wave` runaway queries at once, half a
limit apart, while one client asks a 1-hop question every 100 ms. Reports when each runaway was
answered (status and seconds after it was sent) and the cheap questions' p50, p95 and maximum;
writes bench/results/runaway.json and runaway.md. Only loopback is ever contacted.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from bench.load import RESULTS, machine, percentile
from graph import config

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
ONE_HOP = "SELECT ?p ?o WHERE { <https://w3id.org/lsh-kg/id/kite> ?p ?o }"


def timed(url: str) -> tuple[int, float]:
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=120) as response:
            response.read()
            return response.status, time.monotonic() - started
    except urllib.error.HTTPError as error:
        with error:
            return error.code, time.monotonic() - started


def one_round(base: str, limit: float, waves: int, per_wave: int) -> tuple[list, list]:
    def url(query: str) -> str:
        return f"{base}/sparql?" + urllib.parse.urlencode({"query": query, "format": "json"})

    runaways: list[tuple[int, float]] = []
    cheap: list[tuple[int, float]] = []
    over = threading.Event()

    def asker() -> None:
        while not over.is_set():
            cheap.append(timed(url(ONE_HOP)))
            time.sleep(0.1)

    thread = threading.Thread(target=asker)
    thread.start()
    senders = []
    for _ in range(waves):
        wave = [threading.Thread(target=lambda: runaways.append(timed(url(RUNAWAY))))
                for _ in range(per_wave)]
        for sender in wave:
            sender.start()
        senders += wave
        time.sleep(limit / 2)
    for sender in senders:
        sender.join()
    over.set()
    thread.join()
    return runaways, cheap


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=float, default=2.0)
    parser.add_argument("--waves", type=int, default=3)
    parser.add_argument("--per-wave", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--port", type=int, default=8898)
    args = parser.parse_args()
    if not (config.store_dir() / "CURRENT").exists():
        subprocess.run([str(Path(sys.executable).parent / "lshkg"), "build"], check=True)
    env = {**os.environ, "LSHKG_RATE_LIMIT_PER_MINUTE": "0", "LSHKG_QUERY_TIMEOUT_S": str(args.limit)}
    RESULTS.mkdir(parents=True, exist_ok=True)
    log = (RESULTS / "runaway-server.log").open("wb")
    server = subprocess.Popen([str(Path(sys.executable).parent / "lshkg"), "serve", "--port", str(args.port),
                               "--workers", "2"], env=env, stdout=log, stderr=subprocess.STDOUT)
    runaways: list[tuple[int, float]] = []
    cheap: list[tuple[int, float]] = []
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                http.client.HTTPConnection("127.0.0.1", args.port, timeout=2).request("GET", "/healthz")
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit("the server did not start; see "
                                     "bench/results/runaway-server.log") from None
                time.sleep(0.2)
        for _ in range(args.rounds):
            found = one_round(f"http://127.0.0.1:{args.port}", args.limit, args.waves, args.per_wave)
            runaways += found[0]
            cheap += found[1]
            time.sleep(args.limit)
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    late = [seconds for _, seconds in runaways]
    quick = [seconds * 1000 for _, seconds in cheap]
    codes = sorted({code for code, _ in runaways})
    statuses = {str(code): sum(1 for c, _ in runaways if c == code) for code in codes}
    report = {"machine": machine(), "date": time.strftime("%Y-%m-%d"), "limit_s": args.limit,
              "rounds": args.rounds, "waves": args.waves, "per_wave": args.per_wave,
              "runaways": len(runaways), "runaway_statuses": statuses,
              "runaway_latest_s": round(max(late), 2), "runaways_over_limit_plus_1s":
                  sum(1 for s in late if s > args.limit + 1),
              "cheap": len(quick), "cheap_errors": sum(1 for c, _ in cheap if c != 200),
              "cheap_p50_ms": round(percentile(quick, 0.5), 1),
              "cheap_p95_ms": round(percentile(quick, 0.95), 1),
              "cheap_max_ms": round(max(quick), 1)}
    (RESULTS / "runaway.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    lines = [f"# Runaway waves ({report['date']})", "", f"Machine: {report['machine']}.",
             f"`lshkg serve --workers 2`, time limit {args.limit:g} s; {args.rounds} rounds of {args.waves} "
             f"waves of {args.per_wave} runaway queries sent at once, half a limit apart, while one "
             "client asks a 1-hop question every 100 ms.", "",
             "| | |", "|---|---|",
             f"| runaways answered | {len(runaways)} "
             f"({', '.join(f'{n}: {s}' for s, n in statuses.items())}) |",
             f"| latest runaway answer after sending | {report['runaway_latest_s']} s |",
             f"| runaways answered later than limit + 1 s | {report['runaways_over_limit_plus_1s']} |",
             f"| cheap questions (errors) | {len(quick)} ({report['cheap_errors']}) |",
             f"| cheap p50 / p95 / max | {report['cheap_p50_ms']} / {report['cheap_p95_ms']} / "
             f"{report['cheap_max_ms']} ms |"]
    (RESULTS / "runaway.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
