"""The PySpark job in local[2] mode gives the CLI's groups on a few thousand real titles."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import List

import pytest

from conftest import FIXTURES, ROOT, cli_groups, cli_report, comparable

pyspark = pytest.importorskip("pyspark", reason="pip install pyspark (CI installs it)")

from neardup.spark import JobOptions, main, scan_text_file  # noqa: E402

GNEWS = ROOT.parent / "shared" / "data" / "gnews" / "headlines_en_unique.txt"
#: The fixture: this many consecutive lines of the stream, from a dense stretch of it.
TITLES = 3000
START = 20_000


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    # The workers import neardup: they run this interpreter, not whatever python3 is first.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    session = (
        SparkSession.builder.master("local[2]")
        .appName("neardup-test")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.default.parallelism", "4")
        .config("spark.sql.shuffle.partitions", "4")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def titles(tmp_path_factory) -> Path:
    """A few thousand consecutive real headlines, with repeats and case variants added so
    that the exact and normalized collapse have work, and a blank line the CLI skips."""
    if not GNEWS.exists():
        pytest.fail(f"{GNEWS}: the shared gnews data is needed for the Spark test")
    lines = GNEWS.read_text(encoding="utf-8").splitlines()[START : START + TITLES]
    lines += lines[:50] + [line.upper() for line in lines[100:120]] + [""]
    lines += lines[200:210]
    path = tmp_path_factory.mktemp("spark") / "titles.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_spark_groups_equal_the_cli(spark, titles, cli):
    result = scan_text_file(spark, str(titles), JobOptions(source=str(titles)))
    expected = cli_groups(cli, titles)
    assert len(expected) > 50, "the fixture should hold many groups"
    verdicts = {m["verdict"] for g in expected for m in g["members"]}
    assert {"exact", "identical", "rewrite"} <= verdicts
    assert result.counts["distinct_titles"] < result.counts["unique_texts"]
    assert result.counts["unique_texts"] < result.counts["records_read"]
    assert result.counts["verified_pairs"] <= result.counts["candidate_pairs"]
    assert comparable(result.groups) == comparable(expected)
    assert [g["id"] for g in result.groups] == [g["id"] for g in expected]


@pytest.mark.parametrize("language", [None, "english", "swedish"])
def test_spark_reads_each_title_in_its_language_as_the_cli(spark, tmp_path, cli, language):
    """English and Swedish titles and a live blog's series title: the batch's weights are
    counted per language, and titles of two detected languages are distinct, as in the
    CLI, with each title's language detected or one language configured for all."""
    feeds = FIXTURES / "feeds"
    lines: List[str] = []
    for name in ("mixed-en-sv.txt", "live-blog.txt", "sample.txt"):
        lines += (feeds / name).read_text(encoding="utf-8").splitlines()
    path = tmp_path / "mixed.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    options = ["--language", language] if language else []
    comparer = {"language": language} if language else {}
    result = scan_text_file(spark, str(path), JobOptions(source=str(path), comparer=comparer))
    report = cli_report(cli, path, *options)
    assert len(report["groups"]) >= 3
    assert comparable(result.groups) == comparable(report["groups"])
    summary = report["summary"]
    for count in ("records_read", "distinct_titles", "candidate_pairs"):
        assert result.counts[count] == summary[count], count
    assert result.counts["languages"] == (2 if language is None else 1)


def test_spark_job_is_the_librarys_scan_on_a_tiny_batch(spark, tmp_path):
    import neardup

    lines = [
        "Trump sends hospital ship to Greenland after Denmark helped evacuate US Navy sailor",
        "Stocks fall as oil climbs",
        "Trump sends hospital ship to Greenland after Denmark helped evacuate US Navy sailor",
        "TRUMP SENDS HOSPITAL SHIP TO GREENLAND AFTER DENMARK HELPED EVACUATE US NAVY SAILOR - AP",
        "Trump deploys hospital ship to Greenland following Denmark's rescue of Navy sailor",
        "Stocks fall as oil prices climb",
    ]
    path = tmp_path / "tiny.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    result = scan_text_file(spark, str(path), JobOptions(source="tiny"))
    library = neardup.scan(lines, source="tiny")
    assert comparable(result.groups) == comparable(library["groups"])
    assert result.counts["records_read"] == library["summary"]["records_read"]
    assert result.counts["distinct_titles"] == library["summary"]["distinct_titles"]


@pytest.mark.parametrize(
    "options, message",
    [
        (JobOptions(candidate_threshold=30), "threshold `candidate_threshold` is 30"),
        (JobOptions(comparer={"language": "klingon"}), "unknown language `klingon`"),
    ],
)
def test_refused_settings_fail_on_the_driver_before_any_task(spark, tmp_path, options, message):
    # Regression: the workers built the comparer and stages inside tasks, so a refused
    # setting surfaced as a Spark task failure (a Java stack trace) after stage 0 had run.
    import neardup

    path = tmp_path / "one.txt"
    path.write_text("Fire in Rome\n", encoding="utf-8")
    with pytest.raises(neardup.NeardupError, match=message):
        scan_text_file(spark, str(path), options)


def test_command_line_refuses_bad_settings_with_status_2(tmp_path, capsys):
    with pytest.raises(SystemExit) as exited:
        main([str(tmp_path / "titles.txt"), "--candidate-threshold", "0"])
    assert exited.value.code == 2
    assert "every pair a candidate" in capsys.readouterr().err
