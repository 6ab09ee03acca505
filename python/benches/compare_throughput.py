"""Pairs per second of neardup's `compare`/`similarity` from Python against rapidfuzz's
`fuzz.token_set_ratio`, on the same pairs of real headlines.

    python python/benches/compare_throughput.py ../shared/data/gnews/headlines_en_unique.txt

The pairs are each title with the next one in the file (consecutive lines of a news stream:
mostly different stories, some rewrites). Each figure is the median of `--repeat` runs.
"""

from __future__ import annotations

import argparse
import statistics
import time
from typing import Callable, List, Tuple

import neardup
from rapidfuzz import fuzz, process


def median_seconds(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("titles")
    parser.add_argument("--pairs", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    with open(args.titles, encoding="utf-8") as f:
        titles = [line.rstrip("\n") for line in f if line.strip()]
    pairs: List[Tuple[str, str]] = list(zip(titles, titles[1:]))[: args.pairs]
    lefts, rights = [l for l, _ in pairs], [r for _, r in pairs]
    comparer = neardup.Comparer()
    runs = {
        "neardup Comparer.compare, one call per pair": lambda: [comparer.compare(l, r) for l, r in pairs],
        "neardup Comparer.similarity, one call per pair": lambda: [comparer.similarity(l, r) for l, r in pairs],
        "neardup Comparer.compare_many (GIL released, all cores)": lambda: comparer.compare_many(pairs),
        "neardup Comparer.similarity_many (GIL released, all cores)": lambda: comparer.similarity_many(pairs),
        "rapidfuzz fuzz.token_set_ratio, one call per pair": lambda: [fuzz.token_set_ratio(l, r) for l, r in pairs],
        f"rapidfuzz process.cpdist token_set_ratio (workers={args.workers})": lambda: process.cpdist(
            lefts, rights, scorer=fuzz.token_set_ratio, workers=args.workers
        ),
    }
    print(f"{len(pairs)} pairs, median of {args.repeat} runs")
    for name, run in runs.items():
        seconds = median_seconds(run, args.repeat)
        print(f"{len(pairs) / seconds:>12,.0f} pairs/s  {name}")


if __name__ == "__main__":
    main()
