"""The map on large graphs: time from request to a drawn, stabilised network in headless Chromium,
and the size of what the server sends, for synthetic ecosystems of growing size.

For each size: `bench.synthetic` writes the graph, `graph.store.backends.load_store` loads it into an
embedded store and the map model and search index are derived beside it (as `lshkg build` does:
timed as "derive"), `lshkg serve` (1 worker) serves it on loopback, and Debian's Chromium opens views
of the map. The first whole-graph request is timed apart as "first API view". Then, for each view, several
fresh page loads are timed from navigation start to the page's `lshkg-map-ready` mark (vis-network
has drawn and, in the force layout, stabilised the network); the medians are reported, with the
JSON size of the view (raw and gzip-compressed) and what was drawn. Last, the gestures of
bench/map_interactions.py (a filter, search to focus, expand), each from the gesture to the next
drawn and stable view.

    .venv/bin/python -m bench.map_bench                      # 100, 1,000 and 5,000 organisations
    .venv/bin/python -m bench.map_bench --organisations 50000 --workdir /tmp/lshkg-scale
    .venv/bin/python -m bench.map_bench --organisations 100 --runs 1 --out /tmp/map-results

Writes bench/results/map.json and bench/results/map.md (or into --out).
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

from bench.map_interactions import GESTURES, time_gestures
from bench.scale import derive_in_child
from graph.store.backends import load_store
from tests.browser.chromium import chromium, start_server

ROOT = Path(__file__).resolve().parent.parent
SIZES = (100, 1000, 5000)
VIEWS = {  # name: the page's query
    "whole graph, force layout": "",
    "whole graph, geographic": "layout=geo",
    "whole graph, by city, geographic": "cluster=city&layout=geo",
    "biggest hub, 2 steps": "focus={hub}&depth=2",
}
READY_TIMEOUT_MS = 180_000


def _get(url: str) -> tuple[bytes, float]:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=600) as response:
        body = response.read()
    return body, time.perf_counter() - started


def _page_load(browser: Any, url: str) -> dict:
    """One fresh page: navigation start to the ready mark, and what vis-network drew."""
    context = browser.new_context(viewport={"width": 1400, "height": 950})
    try:
        page = context.new_page()
        started = time.perf_counter()
        page.goto(url, timeout=READY_TIMEOUT_MS)  # a busy server answers the page late too
        page.wait_for_selector("#map-app[data-state=ready]", state="attached", timeout=READY_TIMEOUT_MS)
        wall = time.perf_counter() - started
        mark = page.evaluate("performance.getEntriesByName('lshkg-map-ready')[0].startTime")
        drawn = page.evaluate("[window.lshkgMap.nodes.length, window.lshkgMap.edges.length]")
        return {"ready_ms": round(mark), "wall_s": round(wall, 3), "items": drawn[0], "links": drawn[1]}
    finally:
        context.close()


def _graph(organisations: int, folder: Path) -> tuple[Path, dict]:
    """The store and derived files of a standalone synthetic graph (kept in a kept work folder: made
    once); the figures of making it."""
    data = folder / f"map-{organisations}"
    made = data / "made.json"
    if made.exists():
        return data, json.loads(made.read_text(encoding="utf-8"))
    nt = data / "graph.nt"
    data.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "bench.synthetic", "--organisations", str(organisations),
                             "-o", str(nt)], cwd=ROOT, capture_output=True, text=True, check=True)
    figures = {"triples": int(result.stdout.split()[0].replace(",", "")),
               "generate_s": round(time.perf_counter() - started, 1)}
    started = time.perf_counter()
    load_store(nt, data / "store")
    figures["load_s"] = round(time.perf_counter() - started, 1)
    figures["derive_s"] = round(derive_in_child(nt, data / "store"), 1)
    nt.unlink()
    made.write_text(json.dumps(figures), encoding="utf-8")
    return data, figures


def measure(organisations: int, folder: Path, runs: int, browser: Any) -> dict:
    data, figures = _graph(organisations, folder)
    result: dict = {"organisations": organisations, **figures, "views": {},
                    "load_average": [_load_average()]}
    print(f"{organisations:>6} orgs  {figures['triples']:,} triples: generated in {figures['generate_s']} s, "
          f"loaded in {figures['load_s']} s, derived in {figures['derive_s']} s", flush=True)
    with start_server(data, timeout_s=1200) as server:
        body, seconds = _get(server.url + "/api/map/view")
        whole = json.loads(body)
        result["model_build_s"] = round(seconds, 2)
        result["graph"] = whole["counts"]["total"]
        result["max_nodes"] = whole["maxNodes"]
        hub = _get(server.url + "/api/map/view?kind=company")[0]
        hub_id = max(json.loads(hub)["nodes"], key=lambda n: n["degree"])["id"]
        for name, query in VIEWS.items():
            query = query.format(hub=hub_id)
            api_url = server.url + "/api/map/view" + ("?" + query if query else "")
            times = []
            for _ in range(3):
                body, seconds = _get(api_url)
                times.append(seconds)
            view = json.loads(body)
            page_url = server.url + "/" + ("?" + query if query else "")
            loads = [_page_load(browser, page_url) for _ in range(runs)]
            result["views"][name] = {
                "query": query, "api_ms": round(1000 * statistics.median(times), 1),
                "payload_bytes": len(body), "payload_gzip_bytes": len(gzip.compress(body)),
                "nodes": len(view["nodes"]), "clusters": len(view["clusters"]), "edges": len(view["edges"]),
                "matched": view["counts"]["matched"], "reduced": view["reduced"],
                "ready_ms": round(statistics.median(load["ready_ms"] for load in loads)),
                "ready_ms_runs": [load["ready_ms"] for load in loads],
                "drawn": loads[-1]["items"],
            }
            print(f"{organisations:>6} orgs  {name:<34} ready {result['views'][name]['ready_ms']:>6} ms  "
                  f"api {result['views'][name]['api_ms']:>7} ms  {len(body):>9,} B  "
                  f"({len(view['nodes'])} nodes + {len(view['clusters'])} clusters of "
                  f"{view['counts']['matched']:,})", flush=True)
        hub_view = json.loads(_get(server.url + f"/api/map/view?focus={hub_id}&depth=1")[0])
        result["gestures"] = time_gestures(browser, server, whole, hub_view, hub_id, runs)
    result["load_average"].append(_load_average())
    return result


def _load_average() -> float:
    return float(Path("/proc/loadavg").read_text().split()[0])


def _markdown(report: dict) -> str:
    lines = [
        "# The map on synthetic graphs",
        "",
        f"{report['machine']}, Chromium headless, {report['runs']} page loads per view (median), "
        f"node cap {report['results'][0]['max_nodes']} (`LSHKG_MAP_MAX_NODES`). "
        "Ready: from navigation start to the network drawn and, in the force layout, stabilised. "
        "Payload: the JSON of `/api/map/view` (gzip in brackets).",
        "",
        "| organisations | graph nodes / links | first API view | view | drawn (nodes + clusters, of) | "
        "API | payload | ready |",
        "|---:|---:|---:|---|---|---:|---:|---:|",
    ]
    for result in report["results"]:
        for name, view in result["views"].items():
            graph = result["graph"]
            lines.append(
                f"| {result['organisations']:,} | {graph['nodes']:,} / {graph['edges']:,} | "
                f"{result['model_build_s']} s | {name} | {view['nodes']} + {view['clusters']} "
                f"(of {view['matched']:,}) | {view['api_ms']} ms | {view['payload_bytes'] / 1024:,.0f} KiB "
                f"({view['payload_gzip_bytes'] / 1024:,.0f}) | {view['ready_ms'] / 1000:.2f} s |")
    gestured = [r for r in report["results"] if "gestures" in r]
    if gestured:
        lines += ["", "## Gestures", "",
                  "From the gesture to the next view drawn and stable (`data-state=ready` with a new view "
                  "query), median of fresh pages; search: the name typed at once, then the time from "
                  "choosing the suggestion (the suggestions' own wait in brackets).", "",
                  "| organisations | triples | derive at build | " + " | ".join(GESTURES) + " |",
                  "|---:|---:|---:|" + "---:|" * len(GESTURES)]
        for result in gestured:
            cells = []
            for name in GESTURES:
                gesture = result["gestures"].get(name, {})
                if "error" in gesture:
                    cells.append(f"failed: {gesture['error'][:80]}")
                    continue
                cell = f"{gesture['ready_ms'] / 1000:.2f} s"
                if "suggestions_ms" in gesture:
                    cell += f" ({gesture['suggestions_ms'] / 1000:.2f} s)"
                cells.append(cell)
            lines.append(f"| {result['organisations']:,} | {result['triples']:,} | "
                         f"{result.get('derive_s', '-')} s | " + " | ".join(cells) + " |")
        lines += ["", "Load average (1 min) before and after each size: " + "; ".join(
            f"{r['organisations']:,}: {' / '.join(str(x) for x in r['load_average'])}" for r in gestured)
            + f" ({_cores()} cores)."]
    command = report.get("command", ".venv/bin/python -m bench.map_bench")
    lines += ["", f"Written by `bench/map_bench.py`: `{command}`.", ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.map_bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--organisations", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--runs", type=int, default=3, help="page loads per view (default 3)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    parser.add_argument("--workdir", type=Path, help="keep the stores here and use them again (default: a "
                        "temporary folder, removed)")
    args = parser.parse_args(argv)
    report: dict = {"machine": f"{platform.machine()}, {_cores()} cores, Python {platform.python_version()}",
                    "runs": args.runs, "results": [],
                    "command": " ".join([".venv/bin/python -m bench.map_bench",
                                         *(argv if argv is not None else sys.argv[1:])])}
    with contextlib.ExitStack() as stack:
        work = args.workdir or Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="map-bench-")))
        browser = stack.enter_context(chromium())
        for organisations in args.organisations:
            report["results"].append(measure(organisations, Path(work), args.runs, browser))
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "map.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    (args.out / "map.md").write_text(_markdown(report), encoding="utf-8")
    print(f"wrote {args.out / 'map.json'} and {args.out / 'map.md'}")
    return 0


def _cores() -> int:
    return os.cpu_count() or 1


if __name__ == "__main__":
    sys.exit(main())
