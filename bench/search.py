"""Keystroke search at scale, in process: the index scoring only the names that can match each word
typed, beside the same index scoring every name, on the same synthetic graphs and keystrokes.

Each size: a synthetic ecosystem (bench/synthetic.py) loaded into a store, its search index built,
then every prefix of a sample of real names typed (with a typo in some), each timed both ways in
turns. Writes bench/results/search.md and search.json.

    python -m bench.search --sizes 100000,1000000
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
from pathlib import Path

from bench.scale import generate, load_average, machine
from graph.entity.search import SearchIndex, build_search_index
from graph.store.backends import EmbeddedStore, load_store

RESULTS = Path(__file__).resolve().parent / "results"


def keystrokes(index: SearchIndex, count: int, seed: int) -> list[str]:
    """What people type: growing prefixes of real names, some with a typo."""
    rng = random.Random(seed)
    names = [name for _, name, _ in index._owners]
    typed = []
    while len(typed) < count:
        name = rng.choice(names)
        for end in range(2, min(len(name), 14) + 1, 2):
            piece = name[:end]
            if end > 5 and rng.random() < 0.3:
                at = rng.randrange(end)
                piece = piece[:at] + rng.choice("aeiouxz") + piece[at + 1:]
            typed.append(piece)
    return typed[:count]


def _time(function, text: str) -> float:
    started = time.perf_counter()
    function(text)
    return (time.perf_counter() - started) * 1000


def measure(index: SearchIndex, typed: list[str]) -> dict:
    def candidates(text: str) -> list:
        return index.search(text, limit=10)

    def every_name(text: str) -> list:
        index._candidates = lambda words: range(len(index._keys))  # type: ignore[method-assign]
        try:
            return index.search(text, limit=10)
        finally:
            del index._candidates

    times: dict[str, list[float]] = {"candidates": [], "every name": []}
    for number, text in enumerate(typed):  # in turns, the first of each pair alternating
        order = (("candidates", candidates), ("every name", every_name))
        for name, function in (order if number % 2 == 0 else order[::-1]):
            times[name].append(_time(function, text))
    same = sum(candidates(text) == every_name(text) for text in typed)
    return {name: {"p50_ms": round(statistics.median(v), 2),
                   "p95_ms": round(sorted(v)[int(0.95 * (len(v) - 1))], 2)} for name, v in times.items()} | {
        "keystrokes": len(typed), "same_answers": same, "names": len(index._keys),
        "words": len(index._vocabulary)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.search", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--keystrokes", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    report: dict = {"machine": machine(), "sizes": []}
    with tempfile.TemporaryDirectory(prefix="lshkg-search-") as work:
        for size in (int(s) for s in args.sizes.split(",")):
            folder = Path(work) / str(size)
            folder.mkdir()
            facts = generate(size, folder / "lsh-kg.nt", args.seed)
            load_store(folder / "lsh-kg.nt", folder / "store")
            store = EmbeddedStore(folder / "store")
            started = time.perf_counter()
            index = build_search_index(store)
            built_s = time.perf_counter() - started
            store.close()
            figures = measure(index, keystrokes(index, args.keystrokes, args.seed))
            row = {"triples": facts["triples"], "build_s": round(built_s, 2), "load_average": load_average(),
                   **figures}
            report["sizes"].append(row)
            print(json.dumps(row), flush=True)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "search.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    lines = ["# Keystroke search: candidates vs every name scored", "",
             f"- machine: {report['machine'].get('cpu', '')}, {report['machine'].get('cores', '')} cores; "
             "in process, the same index and keystrokes, the two ways timed in turns", "",
             "| triples | names | distinct words | keystrokes | same answers | candidates p50 (p95) ms "
             "| every name p50 (p95) ms | ratio of p50 | load average |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for row in report["sizes"]:
        a, b = row["candidates"], row["every name"]
        lines.append(f"| {row['triples']:,} | {row['names']:,} | {row['words']:,} | {row['keystrokes']} | "
                     f"{row['same_answers']} | {a['p50_ms']} ({a['p95_ms']}) | "
                     f"{b['p50_ms']} ({b['p95_ms']}) | "
                     f"{b['p50_ms'] / max(a['p50_ms'], 0.001):.1f}x | {row['load_average']:.1f} |")
    (args.out / "search.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {args.out / 'search.md'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
