"""Run the Spark job on a titles file in local mode and report what the note quotes: wall
time, shuffle bytes written (from Spark's event log), candidate pairs, and whether the
groups equal the CLI's (the CLI runs twice, to see that its own report is the same each time).

    python python/benches/spark_gnews.py ../shared/data/gnews/headlines_en_unique.txt \\
        --cli target/release/neardup --master 'local[2]'
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def shuffle_bytes(log_dir: str) -> tuple[int, int]:
    """Shuffle bytes written and read over every task of the run's event log."""
    written = read = 0
    for path in glob.glob(os.path.join(log_dir, "**", "events_*"), recursive=True) + glob.glob(
        os.path.join(log_dir, "local-*")
    ):
        with open(path, encoding="utf-8") as f:
            for line in f:
                event = json.loads(line)
                if event.get("Event") != "SparkListenerTaskEnd":
                    continue
                metrics = event.get("Task Metrics") or {}
                written += metrics.get("Shuffle Write Metrics", {}).get("Shuffle Bytes Written", 0)
                r = metrics.get("Shuffle Read Metrics", {})
                read += r.get("Remote Bytes Read", 0) + r.get("Local Bytes Read", 0)
    return written, read


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("titles")
    parser.add_argument("--cli", required=True, help="the neardup binary to compare with")
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--partitions", type=int, default=8)
    args = parser.parse_args()
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
    from conftest import cli_report, comparable
    from pyspark.sql import SparkSession

    from neardup.spark import JobOptions, scan_text_file

    log_dir = tempfile.mkdtemp(prefix="neardup-spark-events-")
    spark = (
        SparkSession.builder.master(args.master)
        .appName("neardup-measure")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.default.parallelism", str(args.partitions))
        .config("spark.eventLog.enabled", "true")
        .config("spark.eventLog.dir", log_dir)
        .config("spark.eventLog.compress", "false")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    started = time.perf_counter()
    result = scan_text_file(spark, args.titles, JobOptions(source=args.titles))
    seconds = time.perf_counter() - started
    spark.stop()
    written, read = shuffle_bytes(log_dir)
    started = time.perf_counter()
    report = cli_report(args.cli, Path(args.titles))
    cli_seconds = time.perf_counter() - started
    again = cli_report(args.cli, Path(args.titles))
    expected = report["groups"]
    found, wanted = comparable(result.groups), comparable(expected)
    same = found == wanted
    first_difference = next(
        (i for i, (a, b) in enumerate(zip(found, wanted)) if a != b), None
    )
    print(json.dumps({
        "job_seconds": round(seconds, 1),
        "cli_seconds": round(cli_seconds, 2),
        "shuffle_bytes_written": written,
        "shuffle_bytes_read": read,
        **result.counts,
        "cli_groups": len(expected),
        "cli_candidate_pairs": report["summary"]["candidate_pairs"],
        "cli_distinct_titles": report["summary"]["distinct_titles"],
        "cli_same_report_twice": report == again,
        "groups_equal_cli": same,
        "first_differing_group": first_difference,
    }, indent=1))


if __name__ == "__main__":
    main()
