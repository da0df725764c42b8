"""`lshkg build`'s last two steps at scale, the way they were beside the way they are, in one run:
loading the store, reading the network and the search index from it, and the whole derive.

For each graph: the N-Triples file is loaded twice into a work folder, as before (bulk load alone)
and as now (bulk load, then the store compacted: `graph.store.backends.write_new_store`), each in
a child process. Then each read runs in a fresh child process, one after the other, on both stores:
the network (`load_network`) and the search index (`build_search_index`) read by the SPARQL queries
(as before) and by quad patterns (as now: the nodes and the index by patterns, the links by the
query), and, on the compacted store, each part alone both ways (the nodes, the links, the index).
Last, the whole derive (`graph.cli.dataset.derive`: the version, the map model, the search index)
with the baseline's code (`--baseline`, default where this branch left `main`, unpacked with `git
archive`) on the store as it was loaded before, and with this code on the store as it is now.

    .venv/bin/python -m bench.derive_speed --data 1M=/tmp/graph-1M --data 10M=/tmp/graph-10M
    .venv/bin/python -m bench.derive_speed --triples 1000000

A --data folder holds lsh-kg.nt; nothing is written into it. Writes
bench/results/at-scale/derive-speed.json and .md (or into --out, as --name).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from bench.map_speed import unpack
from bench.scale import ROOT, disk_mb, generate, load_average, machine

__all__ = ["main"]

RESULTS = ROOT / "bench" / "results" / "at-scale"
# (name, what it reads, how): each timed in a fresh process
WHOLE_READS = (("network", "load_network", "query"), ("network", "load_network", "patterns"),
               ("search index", "build_search_index", "query"),
               ("search index", "build_search_index", "patterns"))
PART_READS = (("network nodes", "node_rows", "query"), ("network nodes", "node_rows", "patterns"),
              ("network links", "edge_rows", "query"), ("network links", "edge_rows", "patterns"),
              ("search names", "name_rows", "query"), ("search names", "name_rows", "patterns"),
              ("search kinds", "kind_rows", "query"), ("search kinds", "kind_rows", "patterns"))


# --- in child processes ------------------------------------------------------------------------

def _load_child(connection: Connection, dataset: str, store_path: str, compact: bool) -> None:
    import pyoxigraph as ox

    from graph.store.backends import write_new_store

    started = time.perf_counter()
    if compact:
        write_new_store(Path(store_path), Path(dataset))
    else:  # as the store was written before it was compacted
        store = ox.Store(store_path)
        store.bulk_load(path=dataset, format=ox.RdfFormat.N_TRIPLES)
        store.flush()
        del store
    connection.send(time.perf_counter() - started)


def _read_child(connection: Connection, store_path: str, function: str, how: str) -> None:
    from graph.entity import search
    from graph.network import projection
    from graph.store.backends import EmbeddedStore

    store = EmbeddedStore(Path(store_path))
    read = getattr(projection, function, None) or getattr(search, function)
    # how = "patterns": what the code does now by default (load_network: nodes by patterns, links by
    # the query); a part alone is read by patterns
    use_patterns: bool | None = {"query": False, "patterns": None}[how]
    if function in ("node_rows", "edge_rows", "name_rows", "kind_rows"):
        use_patterns = how == "patterns"
    started = time.perf_counter()
    result = read(store, use_patterns=use_patterns)
    size = sum(1 for _ in result) if function.endswith("_rows") else (
        result.graph.number_of_edges() if function == "load_network" else len(result))
    connection.send((time.perf_counter() - started, size))
    store.close()


def in_child(target: Callable, *args: Any) -> Any:
    """`target(connection, *args)` in a fresh process: what it sends back."""
    context = multiprocessing.get_context("spawn")
    ours, theirs = context.Pipe()
    process = context.Process(target=target, args=(theirs, *args))
    process.start()
    theirs.close()
    try:
        return ours.recv()
    except EOFError:
        raise RuntimeError(f"{target.__name__}{args} failed (exit code {process.exitcode})") from None
    finally:
        process.join()


def derive_seconds(tree: Path, dataset: Path, store: Path) -> float:
    """`graph.cli.dataset.derive` of the code in `tree` over `store`, in a fresh process, timed."""
    started = time.perf_counter()
    env = {key: value for key, value in os.environ.items()
           if key not in ("LSHKG_ENDPOINT", "LSHKG_BASE_IRI", "LSHKG_CONFIG")}
    env["PYTHONPATH"] = str(tree)  # before the editable install: the baseline's code is its own
    subprocess.run([sys.executable, "-c", "import sys; from pathlib import Path; "
                    "from graph.cli.dataset import derive; from ontology.namespaces import DEFAULT_BASE_IRI; "
                    "derive(Path(sys.argv[1]), Path(sys.argv[2]), DEFAULT_BASE_IRI)",
                    str(dataset), str(store)], check=True, cwd=tree, env=env)
    return time.perf_counter() - started


# --- one graph ---------------------------------------------------------------------------------

def measure(name: str, dataset: Path, work: Path, baseline: Path) -> dict[str, Any]:
    say = print
    figures: dict[str, Any] = {"graph": name, "dataset": str(dataset), "load_average_before": load_average()}
    stores = {"before": work / name / "before" / "store", "now": work / name / "now" / "store"}
    figures["load_s"] = {}
    for label, store in stores.items():
        store.parent.mkdir(parents=True)
        figures["load_s"][label] = round(in_child(_load_child, str(dataset), str(store), label == "now"), 2)
        figures.setdefault("store_mb", {})[label] = round(disk_mb(store), 1)
        say(f"{name}: loaded {label}: {figures['load_s'][label]} s, {figures['store_mb'][label]} MB")
    figures["reads"] = []
    for label, store in stores.items():
        for what, function, how in WHOLE_READS + (PART_READS if label == "now" else ()):
            seconds, size = in_child(_read_child, str(store), function, how)
            figures["reads"].append({"store": label, "read": what, "how": how, "seconds": round(seconds, 2),
                                     "size": size})
            say(f"{name}: store {label}: {what} by {how}: {seconds:.2f} s ({size})")
    figures["derive_s"] = {"before": round(derive_seconds(baseline, dataset, stores["before"]), 2),
                           "now": round(derive_seconds(ROOT, dataset, stores["now"]), 2)}
    say(f"{name}: derive before {figures['derive_s']['before']} s, now {figures['derive_s']['now']} s")
    figures["load_average_after"] = load_average()
    return figures


def render(report: dict[str, Any]) -> str:
    lines = ["# Derive at scale: before and now", "",
             f"{report['machine']['cpu']}, {report['machine']['cores']} cores, "
             f"{report['machine']['memory_gb']} GB; {report['machine']['date']}; commit "
             f"{report['machine']['commit']}; baseline {report['baseline']}. Seconds, each read in a fresh "
             "process. Before: the store bulk-loaded alone and read by SPARQL; now: the store compacted "
             "after the bulk load, the nodes and the search index read by quad patterns, the links by "
             "SPARQL.", ""]
    for graph in report["graphs"]:
        lines += [f"## {graph['graph']} ({graph['dataset']})", "",
                  f"Load average {graph['load_average_before']:.1f} before, "
                  f"{graph['load_average_after']:.1f} after.", "",
                  "| step | store as loaded before | store as loaded now |", "|---|---:|---:|",
                  f"| load | {graph['load_s']['before']} | {graph['load_s']['now']} |",
                  f"| store on disk, MB | {graph['store_mb']['before']} | {graph['store_mb']['now']} |"]
        for read in ("network", "search index", "network nodes", "network links", "search names",
                     "search kinds"):
            for how in ("query", "patterns"):
                cells = [next((f"{r['seconds']}" for r in graph["reads"]
                               if r["store"] == store and r["read"] == read and r["how"] == how), "")
                         for store in ("before", "now")]
                if any(cells):
                    lines.append(f"| {read} by {how} | {cells[0]} | {cells[1]} |")
        lines += [f"| whole derive (baseline code / this code) | {graph['derive_s']['before']} | "
                  f"{graph['derive_s']['now']} |",
                  f"| load + derive | {graph['load_s']['before'] + graph['derive_s']['before']:.1f} | "
                  f"{graph['load_s']['now'] + graph['derive_s']['now']:.1f} |", ""]
    lines += ["\"by patterns\" for the network and the search index is what the code does now: the nodes, "
              "names and kinds by quad patterns, the links by the query (read by patterns, the line "
              "\"network links by patterns\", they are slower).", ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", action="append", default=[], metavar="NAME=FOLDER",
                        help="a graph: a folder holding lsh-kg.nt (read only); repeatable")
    parser.add_argument("--triples", type=int, action="append", default=[],
                        help="a synthetic graph of about this size, grown around var/lsh-kg.nt; repeatable")
    parser.add_argument("--baseline", help="git revision to compare with (default: where HEAD left main)")
    parser.add_argument("--work", type=Path, help="work folder (default: a temporary one, removed)")
    parser.add_argument("--name", default="derive-speed", help="results file name (default derive-speed)")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="lshkg-derive-speed-"))
    try:
        baseline = work / "baseline"
        report: dict[str, Any] = {"machine": machine(), "baseline": unpack(args.baseline, baseline),
                                  "graphs": []}
        graphs = [tuple(item.split("=", 1)) for item in args.data]
        for triples in args.triples:
            dataset = work / f"synthetic-{triples}" / "lsh-kg.nt"
            print(generate(triples, dataset, 1, ROOT / "var" / "lsh-kg.nt"), flush=True)
            graphs.append((f"{triples:,} triples", str(dataset)))
        for name, folder in graphs:
            dataset = Path(folder) if folder.endswith(".nt") else Path(folder) / "lsh-kg.nt"
            report["graphs"].append(measure(name, dataset, work, baseline))
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / f"{args.name}.json").write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    (args.out / f"{args.name}.md").write_text(render(report), encoding="utf-8")
    print(render(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
