"""The scan on Spark: the groups ``neardup scan`` finds, for corpora one machine cannot hold.

The job follows the three stages of Vernica, Carey & Li, "Efficient Parallel Set-Similarity
Joins Using MapReduce" (SIGMOD 2010), with every per-title and per-pair step computed by the
neardup library (:class:`neardup.Stages`), never re-implemented here:

0. **Collapse**, as the CLI does: byte-identical records become one text (shuffle by text),
   normalized-identical texts one distinct title (shuffle by the library's collapse key),
   represented by its earliest record.
1. **Corpus statistics**: each distinct title's content stems count as one document (a
   ``reduceByKey`` of stem ids). These document frequencies refine the built-in English
   weights exactly as the scan refines them with its batch, and so fix the global rare-first
   order of stems. They are collected and broadcast.
2. **Prefix keys**: each partition computes its titles' prefix stems under those weights
   (the scan's own prefix filter) and emits ``(stem, (title id, text))``; the shuffle by stem
   brings together the titles that can reach the candidate threshold, and each block yields
   the pairs whose *first* shared prefix stem is its key, so each candidate pair comes out
   once.
3. **Verification**: the candidate pairs are joined back to their texts and verified with the
   library's scorer (verdict ``rewrite`` or closer). Connected components of the verified
   pairs are found by iterated min-label propagation; each component is clustered by the
   library in one task; the clusters and the collapse give the groups, with the CLI's
   representatives, member verdicts and scores.

Batch-level statistics the CLI uses, and their stage here: term document frequencies over
the batch's distinct normalized titles (stage 1). The scan learns nothing else from the batch
today; statistics it learns later (boilerplate, languages) belong in stage 1 too.

Run it with ``python -m neardup.spark INPUT [--output OUT.jsonl] [--master local[2]]`` or
``neardup-spark``; ``spark-submit`` works the same way on a cluster.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass, field
from operator import add
from typing import Any, Dict, Iterable, Iterator, List, Optional, Sequence, Tuple

from . import Comparer, Stages

__all__ = ["JobOptions", "JobResult", "main", "scan_lines", "scan_text_file"]


@dataclass(frozen=True)
class JobOptions:
    """The job's settings; the comparer's are those of :class:`neardup.Comparer`."""

    source: str = "titles"
    candidate_threshold: Optional[float] = None
    comparer: Dict[str, Any] = field(default_factory=dict)
    #: Stop propagating component labels after this many rounds (each round is one shuffle).
    max_label_rounds: int = 50


@dataclass
class JobResult:
    """The groups, in the CLI's order and shape, and the job's counts."""

    groups: List[Dict[str, Any]]
    counts: Dict[str, int]


# One comparer and one set of stages per Python worker process, built on first use.
_WORKER: Dict[Any, Any] = {}


def _comparer(options: Dict[str, Any]) -> Comparer:
    key = ("comparer", tuple(sorted((k, repr(v)) for k, v in options.items())))
    if key not in _WORKER:
        _WORKER[key] = Comparer(**options)
    return _WORKER[key]


def _stages(options: JobOptions, statistics: Any) -> Stages:
    key = ("stages", id(statistics))
    if key not in _WORKER:
        documents, frequencies = statistics.value
        _WORKER.clear()
        _WORKER[key] = Stages(
            _comparer(options.comparer),
            documents,
            frequencies,
            candidate_threshold=options.candidate_threshold,
        )
    return _WORKER[key]


def _batched(items: Iterable[Any], size: int = 2048) -> Iterator[List[Any]]:
    batch: List[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def scan_text_file(spark: Any, path: str, options: JobOptions = JobOptions()) -> JobResult:
    """Scan a text file of one title per line (blank lines skipped, as the CLI does)."""
    lines = spark.sparkContext.textFile(path)
    return scan_lines(lines.zipWithIndex().map(lambda r: (r[1] + 1, r[0])), options)


def scan_lines(records: Any, options: JobOptions = JobOptions()) -> JobResult:
    """Scan an RDD of ``(1-based line, text)`` records; see the module documentation."""
    sc = records.context
    comparer_options = options.comparer
    records = records.filter(lambda r: r[1].strip() != "")
    counts: Dict[str, int] = {}
    counts["records_read"] = records.count()

    # Stage 0: byte-identical records, then normalized-identical texts.
    # A unique text: (first line, text, every line holding it).
    unique = records.map(lambda r: (r[1], r[0])).groupByKey().map(
        lambda t: (min(t[1]), t[0], sorted(t[1]))
    )

    def collapse(texts: Iterator[Tuple[int, str, List[int]]]) -> Iterator[Tuple[int, Any]]:
        comparer = _comparer(comparer_options)
        for text in texts:
            yield comparer.collapse_key(text[1]), text

    # A distinct title, keyed by its id (the first line of its earliest text): its unique
    # texts, earliest first; the earliest is its head, the text every comparison reads.
    distinct = (
        unique.mapPartitions(collapse)
        .groupByKey()
        .map(lambda t: sorted(t[1]))
        .map(lambda texts: (texts[0][0], texts))
        .cache()
    )
    heads = distinct.map(lambda d: (d[0], d[1][0][1])).cache()
    counts["unique_texts"] = unique.count()
    counts["distinct_titles"] = heads.count()

    # Stage 1: document frequencies of stems over the distinct titles, broadcast.
    def terms(texts: Iterator[Tuple[int, str]]) -> Iterator[Tuple[int, int]]:
        comparer = _comparer(comparer_options)
        for _, text in texts:
            for term in comparer.title_terms(text):
                yield term, 1

    frequencies = dict(heads.mapPartitions(terms).reduceByKey(add).collect())
    statistics = sc.broadcast((counts["distinct_titles"], frequencies))

    # Stage 2: prefix keys, shuffled by key; each block's candidate pairs, each pair once.
    def keyed(titles: Iterator[Tuple[int, str]]) -> Iterator[Tuple[int, Tuple[int, str]]]:
        stages = _stages(options, statistics)
        for batch in _batched(titles):
            for (title, text), keys in zip(batch, stages.keys([t for _, t in batch])):
                for key in keys:
                    yield key, (title, text)

    def block_pairs(blocks: Iterator[Tuple[int, Iterable[Tuple[int, str]]]]):
        stages = _stages(options, statistics)
        for key, block in blocks:
            members = sorted(block)
            if len(members) > 1:
                yield from stages.block_pairs(key, members)

    candidates = heads.mapPartitions(keyed).groupByKey().mapPartitions(block_pairs).cache()
    counts["candidate_pairs"] = candidates.count()

    # Stage 3: join each pair with its texts, verify with the library's scorer.
    with_left = candidates.join(heads).map(lambda p: (p[1][0], (p[0], p[1][1])))
    with_both = with_left.join(heads).map(lambda p: (p[1][0][0], p[0], p[1][0][1], p[1][1]))

    def verify(pairs: Iterator[Tuple[int, int, str, str]]) -> Iterator[Tuple[int, int]]:
        stages = _stages(options, statistics)
        for batch in _batched(pairs):
            verdicts = stages.verify_many([(left, right) for _, _, left, right in batch])
            for (left, right, _, _), verdict in zip(batch, verdicts):
                if verdict is not None:
                    yield left, right

    edges = with_both.mapPartitions(verify).cache()
    counts["verified_pairs"] = edges.count()

    component_of, rounds = _components(edges, options.max_label_rounds)
    counts["label_rounds"] = rounds

    # Each component's titles in one task, clustered by the library.
    def cluster(components: Iterator[Tuple[int, Iterable[Tuple[int, str]]]]):
        stages = _stages(options, statistics)
        for _, titles in components:
            titles = sorted(titles)
            for center, members in stages.cluster_component([text for _, text in titles]):
                yield titles[center][0], [
                    (titles[m][0], verdict, score) for m, verdict, score in members
                ]

    clusters = component_of.join(heads).map(lambda t: (t[1][0], (t[0], t[1][1])))
    clusters = clusters.groupByKey().mapPartitions(cluster)
    counts["components"] = component_of.values().distinct().count()

    groups = _groups(distinct, clusters, options.source)
    counts["groups"] = len(groups)
    return JobResult(groups=groups, counts=counts)


def _components(edges: Any, max_rounds: int) -> Tuple[Any, int]:
    """Each title of an edge with the smallest title id of its connected component."""
    neighbours = edges.flatMap(lambda e: [(e[0], e[1]), (e[1], e[0])]).cache()
    labels = neighbours.map(lambda n: (n[0], n[0])).reduceByKey(min)
    for rounds in range(1, max_rounds + 1):
        offered = neighbours.join(labels).map(lambda t: (t[1][0], t[1][1]))
        updated = labels.union(offered).reduceByKey(min).cache()
        changed = updated.join(labels).filter(lambda t: t[1][0] != t[1][1]).count()
        labels = updated
        if changed == 0:
            return labels, rounds
    raise RuntimeError(
        f"component labels still changed after {max_rounds} rounds; "
        "raise JobOptions.max_label_rounds"
    )


def _groups(distinct: Any, clusters: Any, source: str) -> List[Dict[str, Any]]:
    """Groups of records as the CLI reports them: the center's earliest record represents
    the group; its other records are `exact` (same text) or `identical` (same normalized
    text); every record of a member title carries the member's verdict and score."""

    def members_of(entry: Tuple[int, Tuple[Any, Optional[Tuple[int, str, float]]]]):
        title, (texts, role) = entry
        # The center a title belongs to, and how it relates to it.
        if role is None:
            yield title, ("center", texts, None, None)
        else:
            center, verdict, score = role
            yield center, ("member", texts, verdict, score)

    roles = clusters.flatMap(
        lambda c: [(m, (c[0], v, s)) for m, v, s in c[1]]
    )
    grouped = (
        distinct.leftOuterJoin(roles)
        .flatMap(members_of)
        .groupByKey()
        .map(lambda g: _group(g[1], source))
        .filter(lambda g: g is not None)
        .sortBy(lambda g: g["representative"]["location"]["line"])
        .collect()
    )
    for number, group in enumerate(grouped, start=1):
        group["id"] = number
    return grouped


def _location(source: str, line: int) -> Dict[str, Any]:
    return {"path": source, "line": line}


def _group(parts: Iterable[Tuple[str, Any, Optional[str], Optional[float]]], source: str):
    parts = list(parts)
    centers = [p for p in parts if p[0] == "center"]
    if not centers:
        # A title that is a member elsewhere: its records are listed under that center.
        return None
    _, center_texts, _, _ = centers[0]
    head_line, head_text, head_lines = center_texts[0]
    members: List[Tuple[int, Dict[str, Any]]] = []
    for number, (_, text, lines) in enumerate(center_texts):
        verdict = "exact" if number == 0 else "identical"
        for line in lines:
            if line != head_line:
                members.append(
                    (line, {"location": _location(source, line), "title": text,
                            "verdict": verdict, "score": 1.0})
                )
    for kind, texts, verdict, score in parts:
        if kind != "member":
            continue
        for _, text, lines in texts:
            for line in lines:
                members.append(
                    (line, {"location": _location(source, line), "title": text,
                            "verdict": verdict, "score": score})
                )
    if not members:
        return None
    members.sort(key=lambda m: m[0])
    return {
        "id": 0,
        "representative": {"location": _location(source, head_line), "title": head_text},
        "members": [m for _, m in members],
    }


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Command line: scan a text file on Spark and write the groups as JSON Lines."""
    parser = argparse.ArgumentParser(
        prog="neardup-spark",
        description="Find the groups `neardup scan` finds, on Spark (one title per line).",
    )
    parser.add_argument("input", help="text file (any Hadoop path), one title per line")
    parser.add_argument("--output", help="write groups as JSON Lines here (default: stdout)")
    parser.add_argument("--master", help="Spark master, e.g. local[2] (default: spark-submit's)")
    parser.add_argument("--candidate-threshold", type=float, default=None)
    parser.add_argument("--partitions", type=int, default=None,
                        help="shuffle partitions (default: Spark's)")
    parser.add_argument("--source", default=None,
                        help="the path records are located in (default: INPUT)")
    args = parser.parse_args(argv)

    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("neardup-scan")
    if args.master:
        builder = builder.master(args.master)
    if args.partitions:
        builder = builder.config("spark.default.parallelism", str(args.partitions))
    spark = builder.getOrCreate()
    try:
        started = time.perf_counter()
        result = scan_text_file(
            spark,
            args.input,
            JobOptions(source=args.source or args.input,
                       candidate_threshold=args.candidate_threshold),
        )
        seconds = time.perf_counter() - started
    finally:
        spark.stop()
    out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
    try:
        for group in result.groups:
            out.write(json.dumps({"type": "group", **group}, ensure_ascii=False) + "\n")
        summary = {"type": "summary", **result.counts, "seconds": round(seconds, 1)}
        out.write(json.dumps(summary) + "\n")
    finally:
        if out is not sys.stdout:
            out.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
