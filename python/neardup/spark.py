"""The scan on Spark: the groups ``neardup scan`` finds, for corpora one machine cannot hold.

The job follows the three stages of Vernica, Carey & Li, "Efficient Parallel Set-Similarity
Joins Using MapReduce" (SIGMOD 2010), with every per-title and per-pair step computed by the
neardup library (:class:`neardup.Stages`), never re-implemented here:

0. **Collapse**, as the CLI does: byte-identical records become one text (shuffle by text),
   normalized-identical texts one distinct title (shuffle by the library's collapse key),
   represented by its earliest record.
1. **Corpus statistics**, what the scan learns from its batch, each a ``reduceByKey`` over
   the distinct titles, collected and broadcast: the boilerplate segments its sources repeat
   (``(source, segment)`` keys seen in enough titles), then each title, analyzed in its own
   language (detected per title, or the configured one), as one document of that language
   holding its content stems without that boilerplate: documents counted per language,
   document frequencies per ``(language, stem)``. These refine the built-in weights exactly
   as the scan refines them, and so fix the global rare-first order of stems.
2. **Prefix keys**: each partition computes its titles' prefix stems under those weights
   (the scan's own prefix filter) and emits ``(stem, (title id, text))``; the shuffle by stem
   brings together the titles that can reach the candidate threshold, and each block yields
   the pairs whose *first* shared prefix stem is its key, so each candidate pair comes out
   once.
3. **Verification and grouping**: each candidate is verified with the library's scorer
   (verdict ``rewrite`` or closer) in the block that produced it, where both texts already
   are (as Vernica et al.'s reducers verify the projected records they receive; the texts
   are our join attribute, so no second shuffle brings pairs back to them). Connected
   components of the verified pairs are found by alternating large-star and small-star rounds; each
   component's titles meet in one task and are clustered by the library; joined with the
   collapse (the record join), the clusters give the groups, with the CLI's representatives,
   member verdicts and scores.

Batch-level statistics the CLI uses, and their stage here (both stage 1): boilerplate learned
per source over the distinct normalized titles, and, over the same titles without their
boilerplate (unless the rest reads as another language than the whole title), the number of
titles of each language and the document frequency of each ``(language, stem)``. The job
reads plain text, one title per line, without publication times: the CLI's time window
(``--time-window``) sets apart only pairs of titles that both have a time, so on such input
it changes nothing, and the job has no window.

Run it with ``python -m neardup.spark INPUT [--output OUT.jsonl] [--master local[2]]
[--language auto|LANG]`` or ``neardup-spark``; ``spark-submit`` works the same way on a
cluster.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import uuid
from dataclasses import dataclass, field
from operator import add
from typing import Any, Dict, Iterable, Iterator, List, Optional, Sequence, Tuple

from neardup import Comparer, NeardupError, Stages
from neardup._native import boilerplate_keys

__all__ = ["JobOptions", "JobResult", "check_options", "main", "scan_lines", "scan_text_file"]


@dataclass(frozen=True)
class JobOptions:
    """The job's settings; the comparer's are those of :class:`neardup.Comparer`."""

    source: str = "titles"
    candidate_threshold: Optional[float] = None
    comparer: Dict[str, Any] = field(default_factory=dict)
    #: Give up on connected components after this many large-star/small-star rounds.
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
    """The stages for a broadcast ``(token, documents per language, frequencies per
    (language, stem), boilerplate keys)``, built once per worker process; the token tells
    one job's broadcast from another's."""
    token, documents, frequencies, boilerplate = statistics.value
    key = ("stages", token)
    if key not in _WORKER:
        for old in [k for k in _WORKER if k[0] == "stages"]:
            del _WORKER[old]
        _WORKER[key] = Stages(
            _comparer(options.comparer),
            documents,
            frequencies,
            boilerplate,
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


def check_options(options: JobOptions) -> None:
    """Raise :class:`neardup.NeardupError` for settings the library refuses, here on the
    driver: the workers build their comparer and stages lazily, inside tasks, where the
    same error would surface as a Spark task failure after the first stage had run."""
    Stages(
        Comparer(**options.comparer), {}, {}, [], candidate_threshold=options.candidate_threshold
    )


def scan_lines(records: Any, options: JobOptions = JobOptions()) -> JobResult:
    """Scan an RDD of ``(1-based line, text)`` records; see the module documentation.
    Raises :class:`neardup.NeardupError` before any Spark work for refused settings."""
    check_options(options)
    sc = records.context
    comparer_options = options.comparer
    records = records.filter(lambda r: r[1].strip() != "").cache()
    counts: Dict[str, int] = {}
    counts["records_read"] = records.count()

    # Stage 0: byte-identical records, then normalized-identical texts.
    # A unique text: (first line, text, every line holding it).
    unique = (
        records.map(lambda r: (r[1], r[0]))
        .groupByKey()
        .map(lambda t: (min(t[1]), t[0], sorted(t[1])))
        .cache()
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

    # Stage 1: what the scan learns from the batch, counted over the distinct titles and
    # broadcast: first the boilerplate its sources repeat, then the term document
    # frequencies of the titles without it.
    def segments(texts: Iterator[Tuple[int, str]]) -> Iterator[Tuple[Tuple[int, int], int]]:
        comparer = _comparer(comparer_options)
        for _, text in texts:
            for key in comparer.segment_keys(text):
                yield key, 1

    segment_counts = heads.mapPartitions(segments).reduceByKey(add).filter(lambda c: c[1] >= 2)
    boilerplate = boilerplate_keys(segment_counts.collect())
    counts["boilerplate_segments"] = len(boilerplate)
    learned = sc.broadcast((uuid.uuid4().hex, {}, {}, boilerplate))

    # One document per distinct title, of its language: the key ``(language, None)`` counts
    # the language's documents, ``(language, stem)`` the documents holding the stem.
    def terms(texts: Iterator[Tuple[int, str]]) -> Iterator[Tuple[Tuple[str, Any], int]]:
        stages = _stages(options, learned)
        for batch in _batched(texts):
            for language, title_terms in stages.title_terms([text for _, text in batch]):
                yield (language, None), 1
                for term in title_terms:
                    yield (language, term), 1

    documents: Dict[str, int] = {}
    frequencies: Dict[Tuple[str, int], int] = {}
    for (language, term), count in heads.mapPartitions(terms).reduceByKey(add).collect():
        if term is None:
            documents[language] = count
        else:
            frequencies[(language, term)] = count
    counts["languages"] = len(documents)
    statistics = sc.broadcast((uuid.uuid4().hex, documents, frequencies, boilerplate))

    # Stage 2: prefix keys, shuffled by key; each block's candidate pairs, each pair once,
    # verified right there (the block holds both texts, the records' join attribute).
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

    # Stage 3: the verified pairs (combined score at the link threshold), the connected
    # components of those at the edge threshold, each component clustered by the library
    # from all its verified pairs; then the groups of records.
    verified = (
        candidates.filter(lambda p: p[2] is not None)
        .map(lambda p: (p[0], p[1], p[2][0], p[2][1]))
        .cache()
    )
    counts["verified_pairs"] = verified.count()

    def joining(pairs: Iterator[Tuple[int, int, str, float]]) -> Iterator[Tuple[int, int]]:
        stages = _stages(options, statistics)
        for left, right, _, score in pairs:
            if stages.is_edge(score):
                yield left, right

    edges = verified.mapPartitions(joining).cache()
    counts["edges"] = edges.count()
    component_of, rounds = _components(edges, options.max_label_rounds)
    counts["label_rounds"] = rounds
    component_of = component_of.cache()

    # A component's verified pairs: those whose two titles are both in it.
    inside = (
        verified.map(lambda p: (p[0], p))
        .join(component_of)
        .map(lambda t: (t[1][0][1], (t[1][0], t[1][1])))
        .join(component_of)
        .filter(lambda t: t[1][0][1] == t[1][1])
        .map(lambda t: (t[1][1], t[1][0][0]))
    )
    titles_of = component_of.join(heads).map(lambda t: (t[1][0], (t[0], t[1][1])))

    def cluster(components: Iterator[Tuple[int, Tuple[Iterable[Any], Iterable[Any]]]]):
        stages = _stages(options, statistics)
        for _, (titles, pairs) in components:
            titles = sorted(titles)
            index = {title: i for i, (title, _) in enumerate(titles)}
            local = [(index[l], index[r], verdict, score) for l, r, verdict, score in pairs]
            found = stages.cluster_component([text for _, text in titles], local)
            for center, members in found:
                yield titles[center][0], [
                    (titles[m][0], verdict, score) for m, verdict, score in members
                ]

    clusters = titles_of.cogroup(inside).mapPartitions(cluster)
    counts["components"] = component_of.values().distinct().count()

    groups = _groups(distinct, clusters, options.source)
    counts["groups"] = len(groups)
    return JobResult(groups=groups, counts=counts)


def _components(edges: Any, max_rounds: int) -> Tuple[Any, int]:
    """Each title of an edge with the smallest title id of its connected component.

    Alternating large-star and small-star rounds (Kiveris et al., "Connected Components in
    MapReduce and Beyond", SoCC 2014): each round links every node to the smallest node it
    sees, so long chains shrink in a logarithmic number of rounds, where label propagation
    would need as many rounds as the longest path.
    """

    def large_star(node: Tuple[int, Iterable[int]]) -> List[Tuple[int, int]]:
        # Every larger neighbour links to the smallest of the node's neighbourhood.
        title, neighbours = node
        neighbours = set(neighbours)
        smallest = min(neighbours | {title})
        return [(n, smallest) for n in neighbours if n > title]

    def small_star(node: Tuple[int, Iterable[int]]) -> List[Tuple[int, int]]:
        # The node and its smaller neighbours link to the smallest of them.
        title, smaller = node
        nodes = set(smaller) | {title}
        smallest = min(nodes)
        return [(n, smallest) for n in nodes if n != smallest]

    links = edges
    for rounds in range(1, max_rounds + 1):
        large = (
            links.flatMap(lambda e: [(e[0], e[1]), (e[1], e[0])])
            .groupByKey()
            .flatMap(large_star)
            .distinct()
        )
        small = (
            large.map(lambda e: (e[0], e[1]) if e[1] <= e[0] else (e[1], e[0]))
            .groupByKey()
            .flatMap(small_star)
            .distinct()
            .cache()
        )
        settled = small.subtract(links).union(links.subtract(small)).isEmpty()
        links = small
        if settled:
            roots = links.values().distinct().map(lambda r: (r, r))
            return links.union(roots).distinct().cache(), rounds
    raise RuntimeError(
        f"components still changed after {max_rounds} rounds; raise JobOptions.max_label_rounds"
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
        .sortBy(lambda g: g[0])
        .map(lambda g: g[1])
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
    # The scan orders groups by their first title (its earliest record comes first).
    first = min([head_line] + [texts[0][0] for kind, texts, _, _ in parts if kind == "member"])
    return first, {
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
    parser.add_argument("--language", default=None,
                        help="auto (each title's language detected, the default) or one "
                             "language for every title, as `neardup scan --language`")
    parser.add_argument("--partitions", type=int, default=None,
                        help="shuffle partitions (default: Spark's)")
    parser.add_argument("--source", default=None,
                        help="the path records are located in (default: INPUT)")
    args = parser.parse_args(argv)
    options = JobOptions(
        source=args.source or args.input,
        candidate_threshold=args.candidate_threshold,
        comparer={"language": args.language} if args.language else {},
    )
    try:
        check_options(options)
    except NeardupError as error:
        parser.error(str(error))  # exit status 2, before Spark starts

    from pyspark.sql import SparkSession

    # Workers import neardup: by default they run this interpreter.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName("neardup-scan")
    if args.master:
        builder = builder.master(args.master)
    if args.partitions:
        builder = builder.config("spark.default.parallelism", str(args.partitions))
    spark = builder.getOrCreate()
    try:
        started = time.perf_counter()
        result = scan_text_file(spark, args.input, options)
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
