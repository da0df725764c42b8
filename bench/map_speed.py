"""The map's data at a million triples, this code beside a baseline, in one run: the whole-graph view
and hubs' depth-2 neighbourhoods through the real server, start-up from the derived files, memory.

The baseline is a git revision (`--baseline`, default where this branch left `main`) unpacked with
`git archive` into the work folder and run with this environment's Python (`PYTHONPATH` set to
it). Both versions share the store (a link to it) and each derives its own files beside it, with
its own code, as `lshkg build` does. Then both servers (`lshkg serve --workers 2`, rate limit off,
loopback) are started in turns and timed from launch to `/readyz` 200; both stay up, and requests
go to them in turns, the one that goes first alternating, so that the load other processes put on
the machine falls on both alike. Memory is VmRSS summed over each server's processes (and PSS),
after the latency runs.

    .venv/bin/python -m bench.map_speed --data /tmp/graph-1M      # a folder with lsh-kg.nt and store/
    .venv/bin/python -m bench.map_speed --triples 1000000         # generated around var/lsh-kg.nt

Writes bench/results/map-speed.json and .md (or `--name`).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path
from typing import Any

from bench.scale import (
    HOST,
    ROOT,
    Client,
    Server,
    _organisations,
    _plain,
    _status,
    _tail,
    load_average,
    machine,
    percentile,
    server_memory,
)

__all__ = ["main"]

RESULTS = ROOT / "bench" / "results"
HUBS = 3  # the most connected organisations among those the whole-graph view draws, cycled
KINDS = ("map data", "neighbourhood, hub")


def unpack(revision: str | None, folder: Path) -> str:
    """The tree of `revision` written into `folder` (git archive: the repository is only read)."""
    if revision is None:  # where this branch left main
        revision = subprocess.run(["git", "merge-base", "HEAD", "main"], cwd=ROOT, capture_output=True,
                                  text=True, check=True).stdout.strip()
    commit = subprocess.run(["git", "rev-parse", "--short", revision], cwd=ROOT, capture_output=True,
                            text=True, check=True).stdout.strip()
    folder.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", commit], cwd=ROOT, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return commit


def _environment(tree: Path, data_dir: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items()
           if key not in ("LSHKG_ENDPOINT", "LSHKG_BASE_IRI", "LSHKG_CONFIG")}
    env.update(PYTHONPATH=str(tree), LSHKG_DATA_DIR=str(data_dir), LSHKG_RATE_LIMIT_PER_MINUTE="0")
    return env


# -P: the version's own tree (PYTHONPATH) is imported, not the installed one
PYTHON = [sys.executable, "-P"]


def prepare(tree: Path, shared: Path, data_dir: Path) -> float:
    """A data folder for one version: the shared dataset and store linked, the derived files made by
    its own code (seconds)."""
    data_dir.mkdir(parents=True)
    (data_dir / "lsh-kg.nt").symlink_to((shared / "lsh-kg.nt").resolve())
    (data_dir / "store").symlink_to((shared / "store").resolve())
    started = time.perf_counter()
    subprocess.run([*PYTHON, "-c", "import sys; from pathlib import Path; "
                    "from graph.cli.dataset import derive; from ontology.namespaces import DEFAULT_BASE_IRI; "
                    "derive(Path(sys.argv[1]), Path(sys.argv[2]), DEFAULT_BASE_IRI)",
                    str(data_dir / "lsh-kg.nt"), str(data_dir / "store")],
                   check=True, cwd=tree, env=_environment(tree, data_dir))
    return time.perf_counter() - started


def start(tree: Path, data_dir: Path, workers: int, timeout_s: float) -> tuple[Server, float]:
    """`lshkg serve` of one version, and the seconds from launch to /readyz 200."""
    from tests.browser.chromium import free_port

    port = free_port()
    log = data_dir / "server.log"
    started = time.perf_counter()
    with log.open("ab") as out:
        process = subprocess.Popen(
            [*PYTHON, "-c", "from webapp.cli import main; main()", "serve", "--host", HOST,
             "--port", str(port), "--workers", str(workers)],
            cwd=tree, env=_environment(tree, data_dir), stdin=subprocess.DEVNULL, stdout=out,
            stderr=subprocess.STDOUT)
    server = Server(process, port, log)
    while _status(port, "/readyz") != 200:
        if process.poll() is not None or time.perf_counter() - started > timeout_s:
            server.stop()
            raise RuntimeError(f"lshkg serve ({tree}) did not get ready:\n{_tail(log)}")
        time.sleep(0.02)  # polling interval: the resolution of the "ready" figure
    return server, time.perf_counter() - started


def _hubs(client: Client, organisations: set[str]) -> tuple[list[str], dict]:
    _, body, _ = client.request("/api/map/view")
    whole = json.loads(_plain(body))
    ranked = sorted(whole["nodes"], key=lambda n: -n["degree"])
    return [n["id"] for n in ranked if n["id"] in organisations][:HUBS], whole["counts"]


def latencies(clients: dict[str, Client], paths: list[str], budget_s: float,
              min_requests: int) -> dict[str, dict[str, Any]]:
    """The paths asked of every server in turns (the first rotating), after two untimed rounds."""
    names = list(clients)
    times: dict[str, list[float]] = {name: [] for name in names}
    sizes: dict[str, list[int]] = {name: [] for name in names}
    errors = dict.fromkeys(names, 0)
    started = time.perf_counter()
    for number, path in enumerate(paths[:2] + paths):
        turn = names[number % len(names):] + names[:number % len(names)]
        for name in turn:
            status, data, seconds = clients[name].request(path)
            if number >= 2:
                times[name].append(seconds * 1000)
                sizes[name].append(len(data))
                errors[name] += status != 200
        if number >= 2 + min_requests and time.perf_counter() - started > budget_s:
            break
    return {name: {"requests": len(times[name]), "p50_ms": round(statistics.median(times[name]), 2),
                   "p95_ms": round(percentile(times[name], 0.95), 2), "min_ms": round(min(times[name]), 2),
                   "bytes_median": int(statistics.median(sizes[name])), "errors": errors[name]}
            for name in names}


def run(args: argparse.Namespace, work: Path) -> dict[str, Any]:
    shared = args.data
    if shared is None:
        from bench.runners import load_store_in_child
        from bench.scale import generate

        shared = work / "graph"
        shared.mkdir()
        generate(args.triples, shared / "lsh-kg.nt", args.seed)
        load_store_in_child(shared / "lsh-kg.nt", shared / "store")
    trees = {"baseline": work / "baseline", "current": ROOT}
    report: dict[str, Any] = {"machine": machine(), "baseline": unpack(args.baseline, trees["baseline"]),
                              "workers": args.workers, "load_average": [load_average()], "versions": {}}
    organisations = {ident for ident, _ in _organisations(shared / "store")}
    for name, tree in trees.items():
        derive_s = prepare(tree, shared, work / f"data-{name}")
        report["versions"][name] = {"derive_s": round(derive_s, 2), "ready_s": []}
        print(f"{name}: derived in {derive_s:.1f} s", flush=True)
    servers: dict[str, Server] = {}
    try:
        for attempt in range(args.restarts):
            for name in trees if attempt % 2 == 0 else reversed(trees):
                if name in servers:
                    servers.pop(name).stop()
                servers[name], ready = start(trees[name], work / f"data-{name}", args.workers, 300)
                report["versions"][name]["ready_s"].append(round(ready, 3))
                print(f"{name}: /readyz after {ready:.2f} s", flush=True)
        clients = {name: Client(server.port) for name, server in servers.items()}
        hubs, counts = _hubs(clients["current"], organisations)
        report.update(hubs=hubs, counts=counts)
        quote = urllib.parse.quote
        workload = {"map data": ["/api/map/view"] * args.requests,
                    "neighbourhood, hub": [f"/api/map/view?focus={quote(hubs[n % len(hubs)])}&depth=2"
                                           for n in range(args.requests)]}
        for kind in KINDS:
            figures = latencies(clients, workload[kind], args.budget_s, args.min_requests)
            for name, figure in figures.items():
                report["versions"][name][kind] = figure
            print(f"{kind}: " + ", ".join(f"{n} p50 {f['p50_ms']:.1f} ms" for n, f in figures.items()),
                  flush=True)
        for name, server in servers.items():
            report["versions"][name]["memory"] = server_memory(server.process.pid)
        report["load_average"].append(load_average())
    finally:
        for server in servers.values():
            server.stop()
    return report


# --- in process: compute_view alone, baseline and current in two processes, views asked in turns ------

# run by each version's Python with its own tree first on the path: the map model read from the derived
# files (as a server's main process does before it forks, the collector then frozen), then one view per
# line of input (a query string), answered with the milliseconds of compute_view, of its JSON as the
# server writes it (sorted keys, compact), and a digest of that JSON
VIEW_CHILD = """
import gc, hashlib, json, sys, time
from pathlib import Path
from graph.network.params import parse_view_params
from graph.network.view import compute_view
from graph.network.view_index import view_index
from graph.store.derived import preload
model = preload(Path(sys.argv[1]), "map-model")
view_index(model)
gc.collect()
gc.freeze()
organisations = set(sys.argv[2].split(","))
hubs = [model.short_id(n) for n in model.ranked if model.family[n].key in organisations][:int(sys.argv[3])]
print(json.dumps({"hubs": hubs, "nodes": model.graph.number_of_nodes(), "links": model.total_links}),
      flush=True)
for line in sys.stdin:
    params = parse_view_params(dict(pair.split("=", 1) for pair in line.strip().split("&") if pair))
    wall, cpu = time.perf_counter(), time.process_time()
    view = compute_view(model, params, max_nodes=500)
    view_ms, view_cpu_ms = (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000
    started = time.perf_counter()
    body = json.dumps(view, sort_keys=True, separators=(",", ":")).encode()
    json_ms = (time.perf_counter() - started) * 1000
    print(json.dumps({"view_ms": view_ms, "view_cpu_ms": view_cpu_ms, "json_ms": json_ms,
                      "matched": view["counts"]["matched"], "digest": hashlib.sha256(body).hexdigest()}),
          flush=True)
"""
# the families of lsh:Organisation (partnerships and programmes are not organisations)
ORGANISATION_FAMILIES = ("umc", "university", "institute", "company", "association", "authority")
IN_PROCESS_KINDS = {"whole graph": "", "hub, depth 2": "focus={hub}&depth=2"}


class ViewChild:
    """One version's compute_view in a process of its own, asked one view at a time."""

    def __init__(self, tree: Path, derived: Path) -> None:
        self.process = subprocess.Popen(
            [*PYTHON, "-c", VIEW_CHILD, str(derived), ",".join(ORGANISATION_FAMILIES), str(HUBS)], cwd=tree,
            env=_environment(tree, derived.parent), stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.about = self._answer()

    def _answer(self) -> dict[str, Any]:
        line = self.process.stdout.readline()  # type: ignore[union-attr]
        if not line:
            raise RuntimeError(f"the view process stopped (exit code {self.process.wait()})")
        return json.loads(line)

    def view(self, query: str) -> dict[str, Any]:
        self.process.stdin.write(query + "\n")  # type: ignore[union-attr]
        self.process.stdin.flush()  # type: ignore[union-attr]
        return self._answer()

    def stop(self) -> None:
        self.process.stdin.close()  # type: ignore[union-attr]
        self.process.wait(timeout=30)


def in_process(trees: dict[str, Path], derived: Path, requests: int) -> dict[str, Any]:
    """Per kind of view, compute_view's and the JSON's times in both versions, asked in turns (the
    first alternating), after two untimed rounds; and whether their answers were the same bytes."""
    children = {name: ViewChild(tree, derived) for name, tree in trees.items()}
    try:
        about = children["current"].about
        result: dict[str, Any] = {**about, "kinds": {}}
        for kind, template in IN_PROCESS_KINDS.items():
            queries = [template.format(hub=urllib.parse.quote(about["hubs"][n % len(about["hubs"])]))
                       for n in range(requests + 2)]
            answers: dict[str, list[dict]] = {name: [] for name in children}
            for number, query in enumerate(queries):
                names = list(children) if number % 2 == 0 else list(reversed(children))
                for name in names:
                    answer = children[name].view(query)
                    if number >= 2:
                        answers[name].append(answer)
            figures = {name: {key: round(statistics.median(a[key] for a in found), 2)
                              for key in ("view_ms", "view_cpu_ms", "json_ms")}
                       for name, found in answers.items()}
            for name, found in answers.items():
                figures[name]["view_p95_ms"] = round(percentile([a["view_ms"] for a in found], 0.95), 2)
                figures[name]["matched_median"] = int(statistics.median(a["matched"] for a in found))
            same = all(a["digest"] == b["digest"] for a, b in zip(*answers.values(), strict=True))
            result["kinds"][kind] = {"requests": requests, "same_answers": same, **figures}
            print(f"{derived.parent.name} {kind}: " + ", ".join(
                f"{name} p50 {f['view_ms']:.1f} ms" for name, f in figures.items()) + f"; same: {same}",
                flush=True)
    finally:
        for child in children.values():
            child.stop()
    return result


def run_in_process(args: argparse.Namespace, work: Path) -> dict[str, Any]:
    trees = {"baseline": work / "baseline", "current": ROOT}
    report: dict[str, Any] = {"machine": machine(), "baseline": unpack(args.baseline, trees["baseline"]),
                              "load_average": [load_average()], "sizes": {}}
    for folder in args.in_process:
        triples = json.loads((folder / "lsh-kg.json").read_text(encoding="utf-8"))["result"]["triples"] \
            if (folder / "lsh-kg.json").exists() else None
        figures = in_process(trees, folder / "derived", args.requests)
        report["sizes"][str(folder)] = {"triples": triples, **figures}
    report["load_average"].append(load_average())
    return report


def render_in_process(report: dict[str, Any]) -> str:
    m = report["machine"]
    lines = ["# A hub's neighbourhood and the whole graph, in process: baseline and current side by side", "",
             f"- machine: {m['cpu']}, {m['cores']} cores; Python {m['python']}; {m['date']}",
             f"- baseline {report['baseline']}, current {m['commit']}; each version in a process of its own "
             "(its tree first on the path) with the map model read from the derived files and the collector "
             "frozen, as a server's worker has it; the views asked of both in turns (the first alternating), "
             "after two untimed rounds; `compute_view(..., max_nodes=500)`, then the JSON as the server "
             "writes it (sorted keys, compact)",
             "- hub: the most connected organisations (umc, university, institute, company, association, "
             "authority), cycled; \"same answers\": the JSON of every answer the same bytes in both versions",
             f"- load average (1 min) before and after: {report['load_average'][0]} / "
             f"{report['load_average'][-1]} on {m['cores']} cores (other work shared the machine: the turns "
             "give both versions the same share of it)", "",
             "| triples | map nodes / links | view | matched | baseline p50 ms | current p50 ms "
             "| current / baseline | p95 ms (baseline / current) | CPU p50 ms (baseline / current) "
             "| JSON p50 ms | same answers |",
             "|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---|"]
    for size in report["sizes"].values():
        for kind, found in size["kinds"].items():
            base, now = found["baseline"], found["current"]
            lines.append(
                f"| {size['triples'] or '':,} | {size['nodes']:,} / {size['links']:,} | {kind} | "
                f"{now['matched_median']:,} | {base['view_ms']:.1f} | {now['view_ms']:.1f} | "
                f"{now['view_ms'] / base['view_ms']:.2f}x | "
                f"{base['view_p95_ms']:.1f} / {now['view_p95_ms']:.1f} | "
                f"{base['view_cpu_ms']:.1f} / {now['view_cpu_ms']:.1f} | {now['json_ms']:.1f} | "
                f"{'yes' if found['same_answers'] else 'NO'} |")
    sizes = report["sizes"].values()
    hubs = "; ".join(f"{size['triples'] or '':,}: {', '.join(size['hubs'])}" for size in sizes)
    requests = ", ".join(str(next(iter(size["kinds"].values()))["requests"]) for size in sizes)
    lines += ["", f"Hubs: {hubs}. Requests per view and version: {requests}.", "",
              "Written by `bench/map_speed.py` "
              "(`.venv/bin/python -m bench.map_speed --in-process FOLDER ...`)."]
    return "\n".join(lines) + "\n"


def render(report: dict[str, Any]) -> str:
    base, now = report["versions"]["baseline"], report["versions"]["current"]
    m = report["machine"]

    def row(label: str, a: float, b: float, unit: str = "") -> str:
        return f"| {label} | {a:,.1f}{unit} | {b:,.1f}{unit} | {b / a:.2f}x |" if a else f"| {label} | | | |"

    lines = ["# The map's data at a million triples: baseline and current side by side", "",
             f"- machine: {m['cpu']}, {m['cores']} cores; Python {m['python']}; {m['date']}",
             f"- baseline {report['baseline']}, current {m['commit']}; `lshkg serve --workers "
             f"{report['workers']}` each, both up, requests in turns (the first alternating), one keep-alive "
             "connection each with `Accept-Encoding: gzip`",
             f"- map: {report['counts']['total']['nodes']:,} nodes, {report['counts']['total']['edges']:,} "
             f"links; the whole-graph view draws {report['counts']['nodes']} nodes and "
             f"{report['counts']['clusters']} clusters; hubs {', '.join(report['hubs'])}",
             f"- load average (1 min) before and after: {report['load_average'][0]} / "
             f"{report['load_average'][-1]} on {m['cores']} cores", "",
             "| | baseline | current | current / baseline |", "|---|---:|---:|---:|"]
    for kind in KINDS:
        lines.append(row(f"{kind}: p50 ms", base[kind]["p50_ms"], now[kind]["p50_ms"]))
        lines.append(row(f"{kind}: p95 ms", base[kind]["p95_ms"], now[kind]["p95_ms"]))
    lines.append(row("derive map model + search index (s)", base["derive_s"], now["derive_s"]))
    lines.append(row("/readyz after launch, from derived files: median s",
                     statistics.median(base["ready_s"]), statistics.median(now["ready_s"])))
    lines.append(row("RSS of the whole server (MB)", base["memory"]["total_mb"], now["memory"]["total_mb"]))
    lines.append(row("PSS of the whole server (MB)", base["memory"]["pss_mb"], now["memory"]["pss_mb"]))
    lines += ["", "Requests per kind: " + ", ".join(f"{k} {now[k]['requests']}" for k in KINDS)
              + "; errors (non-200): " + str(sum(v[k]["errors"] for v in (base, now) for k in KINDS)) + ".",
              "Starts: baseline " + ", ".join(f"{s:.2f}" for s in base["ready_s"]) + " s; current "
              + ", ".join(f"{s:.2f}" for s in now["ready_s"]) + " s.",
              "RSS by process (MB), current: " + ", ".join(f"{k} {v}" for k, v in
                                                           now["memory"]["parts_mb"].items()) + ".",
              "RSS counts a page the main process shares with its workers once in every process that "
              "maps it (so reading the derived files before the fork raises the sum); PSS divides it "
              "among them: the memory the server takes from the machine.",
              "", "Written by `bench/map_speed.py` (`.venv/bin/python -m bench.map_speed`)."]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--data", type=Path, help="a folder with lsh-kg.nt and store/ (kept as it is)")
    source.add_argument("--in-process", type=Path, nargs="+", metavar="FOLDER",
                        help="compute_view alone, in process, over each folder's derived/map-model.pickle "
                             "(only read)")
    source.add_argument("--triples", type=int, help="generate a synthetic graph of about this size")
    parser.add_argument("--baseline", help="git revision to compare with (default: where HEAD left main)")
    parser.add_argument("--workers", type=int, default=2, help="server processes (default 2)")
    parser.add_argument("--requests", type=int, default=100, help="requests per kind and server")
    parser.add_argument("--min-requests", type=int, default=20)
    parser.add_argument("--budget-s", type=float, default=60.0, help="time per kind (both servers)")
    parser.add_argument("--restarts", type=int, default=3, help="starts of each server, in turns")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--name", default="map-speed", help="results file name (default map-speed)")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="lshkg-map-speed-"))
    try:
        report = run_in_process(args, work) if args.in_process else run(args, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    text = render_in_process(report) if args.in_process else render(report)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / f"{args.name}.json").write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    (args.out / f"{args.name}.md").write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
