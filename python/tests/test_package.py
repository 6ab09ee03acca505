"""The Python package: results, configuration, errors and batch calls of the binding."""

from __future__ import annotations

import json
import math
import pickle
import threading

import pytest

import neardup
from conftest import FIXTURES, cli_groups, comparable

HOSPITAL = "Trump sends hospital ship to Greenland"
HOSPITAL_REUTERS = "Trump Deploys Hospital Ship to Greenland - Reuters"
HOCKEY_LEFT = (
    "US beats Canada 2-1 in overtime to win first men's hockey championship at the "
    "Olympics since 1980"
)
HOCKEY_RIGHT = (
    "Historic Victory: Team USA Clinches First Olympic Men\u2019s Hockey Gold in 43 Years "
    "with Thrilling Overtime Win Against Canada"
)


def test_compare_gives_scores_verdict_reasons_and_diff():
    result = neardup.compare(HOSPITAL, HOSPITAL_REUTERS)
    assert result["verdict"] == "near-duplicate"
    assert set(result["scores"]) == {
        "combined", "weighted", "containment", "jaccard", "token_edit", "dice",
        "levenshtein", "jaro_winkler",
    }
    assert result["scores"]["combined"] == result["combined"]
    assert all(0.0 <= s <= 1.0 for s in result["scores"].values())
    shared = [r for r in result["reasons"] if r["kind"] == "shared_terms"]
    assert shared and "Greenland" in shared[0]["terms"]
    ops = [op["op"] for op in result["diff"]]
    assert ops == ["equal", "delete", "insert", "equal"]
    left = "".join(op.get("left", "") for op in result["diff"])
    assert left == HOSPITAL


def test_compare_matches_the_cli_readme_example():
    # The README's `neardup compare` example: rewrite, combined 0.248.
    result = neardup.compare(HOCKEY_LEFT, HOCKEY_RIGHT)
    assert result["verdict"] == "rewrite"
    assert round(result["combined"], 3) == 0.248
    kinds = [r["kind"] for r in result["reasons"]]
    assert "number_changed" in kinds and "number_dropped" in kinds


def test_similarity_edge_cases():
    assert neardup.similarity("Fire in Rome", "Fire in Rome") == 1.0
    assert neardup.similarity("", "") == 1.0
    # The combined score is a logistic blend: sharing nothing is its floor, not exactly 0.
    assert neardup.similarity("", "Fire in Rome") < 0.05
    assert neardup.compare("", "Fire in Rome")["verdict"] == "distinct"
    a, b = neardup.similarity(HOCKEY_LEFT, HOCKEY_RIGHT), neardup.similarity(HOCKEY_RIGHT, HOCKEY_LEFT)
    assert math.isclose(a, b, abs_tol=1e-12)
    assert math.isclose(a, neardup.compare(HOCKEY_LEFT, HOCKEY_RIGHT)["combined"], abs_tol=1e-12)


def test_emoji_and_mixed_scripts_do_not_break_anything():
    result = neardup.compare("🔥 Пожар в Риме", "Fire in Rome 🔥")
    assert 0.0 <= result["combined"] <= 1.0
    assert result["verdict"] in neardup.verdicts()


def test_batch_calls_equal_single_calls():
    pairs = [(HOSPITAL, HOSPITAL_REUTERS), (HOCKEY_LEFT, HOCKEY_RIGHT), ("", ""), ("a", "b")]
    comparer = neardup.Comparer()
    assert comparer.compare_many(pairs) == [comparer.compare(l, r) for l, r in pairs]
    assert comparer.similarity_many(pairs) == [comparer.similarity(l, r) for l, r in pairs]


def test_configured_thresholds_change_the_verdict():
    strict = neardup.Comparer(rewrite=0.3)
    assert strict.thresholds["rewrite"] == 0.3
    assert strict.compare(HOCKEY_LEFT, HOCKEY_RIGHT)["verdict"] == "related"
    minimal = neardup.Comparer(normalize=False)
    assert minimal.compare("Fire in Rome", "FIRE IN ROME")["verdict"] != "identical"
    assert neardup.compare("Fire in Rome", "FIRE IN ROME")["verdict"] == "identical"
    german = neardup.Comparer(language="german")
    assert german.compare("Brand in Rom", "Brände in Rom")["combined"] > 0.0


@pytest.mark.parametrize(
    "options, message",
    [
        ({"rewrite": 85}, "threshold `rewrite` is 85, outside 0.0–1.0; did you mean 0.85?"),
        ({"related": 0.5}, "threshold `related` (0.5) is above `rewrite` (0.24)"),
        ({"language": "klingon"}, "language: unknown language `klingon`: expected auto or"),
    ],
)
def test_refused_options_raise_the_librarys_message(options, message):
    with pytest.raises(neardup.NeardupError) as raised:
        neardup.Comparer(**options)
    assert str(raised.value).startswith(message)
    assert isinstance(raised.value, ValueError)


def test_refused_candidate_threshold():
    with pytest.raises(neardup.NeardupError, match="threshold `candidate_threshold` is 30"):
        neardup.scan(["a"], candidate_threshold=30)
    # Regression: 0 was refused as "outside 0.0–1.0", which it is not.
    with pytest.raises(neardup.NeardupError, match="is 0, which would make every pair a candidate"):
        neardup.scan(["a"], candidate_threshold=0.0)
    with pytest.raises(neardup.NeardupError, match="is -0.5, outside 0.0–1.0"):
        neardup.scan(["a"], candidate_threshold=-0.5)


def test_scan_groups_exact_identical_and_rewrites():
    titles = [
        "Trump sends hospital ship to Greenland after Denmark helped evacuate US Navy sailor",
        "Stocks fall as oil climbs",
        "Trump sends hospital ship to Greenland after Denmark helped evacuate US Navy sailor",
        "TRUMP SENDS HOSPITAL SHIP TO GREENLAND AFTER DENMARK HELPED EVACUATE US NAVY SAILOR - AP",
        "Trump deploys hospital ship to Greenland following Denmark's rescue of Navy sailor",
    ]
    report = neardup.scan(titles, source="feed")
    assert report["summary"]["records_read"] == 5
    assert report["summary"]["unique_texts"] == 4
    assert report["summary"]["distinct_titles"] == 3
    [group] = report["groups"]
    assert group["representative"]["location"] == {"path": "feed", "line": 1}
    verdicts = [(m["location"]["line"], m["verdict"]) for m in group["members"]]
    assert verdicts == [(3, "exact"), (4, "identical"), (5, "rewrite")]


def test_scan_against_reports_only_new_findings():
    published = ["Fire in Rome forces thousands to flee", "Fire in Rome forces thousands to flee"]
    assert neardup.scan([], against=published)["groups"] == []
    report = neardup.scan(["FIRE IN ROME FORCES THOUSANDS TO FLEE"], against=published)
    [group] = report["groups"]
    assert group["representative"].get("existing") is True


def test_scan_equals_the_cli_on_the_sample_feed(cli):
    path = FIXTURES / "feeds" / "sample.txt"
    titles = path.read_text(encoding="utf-8").splitlines()
    ours = neardup.scan(titles, source=str(path))
    assert ours["groups"], "the sample feed has groups"
    assert comparable(ours["groups"]) == comparable(cli_groups(cli, path))


def test_audit_and_pairs_findings():
    audited = neardup.audit("Fire kills 3 in Rome", "Fire kills 5 in Rome, police say")
    rules = [f["rule"] for f in audited["findings"]]
    assert "ND101" in rules
    [finding] = [f for f in audited["findings"] if f["rule"] == "ND101"]
    assert finding["severity"] == "error" and "3" in finding["message"]
    assert audited["original"][finding["original_spans"][0]["start"]:][:1] == "3"
    assert audited["max_severity"] == "error"
    batch = neardup.pairs([("Fire kills 3 in Rome", "Fire kills 5 in Rome, police say")] * 3)
    assert batch == [audited] * 3


def test_results_round_trip_through_json_and_pickle():
    results = [
        neardup.compare(HOCKEY_LEFT, HOCKEY_RIGHT),
        neardup.scan([HOSPITAL, HOSPITAL_REUTERS, "Other story entirely"], topics=True, related=True),
        neardup.audit(HOCKEY_LEFT, HOCKEY_RIGHT),
    ]
    for result in results:
        assert json.loads(json.dumps(result)) == result
        assert pickle.loads(pickle.dumps(result)) == result


def test_batch_calls_release_the_gil():
    pairs = [(HOCKEY_LEFT + str(i), HOCKEY_RIGHT) for i in range(60_000)]
    comparer = neardup.Comparer()
    done = threading.Event()

    def work():
        comparer.similarity_many(pairs)
        done.set()

    worker = threading.Thread(target=work)
    ticks = 0
    worker.start()
    while not done.is_set():
        ticks += 1
    worker.join()
    # Holding the GIL for the whole call would leave this thread a handful of switches.
    assert ticks > 10_000, ticks


def test_cluster_component_refuses_an_index_past_its_titles():
    # Regression: a pair with an index past `titles` was dropped without a word (the
    # library clusters only pairs between the component's titles), so a caller's slip lost
    # a verified pair silently.
    stages = neardup.Stages(neardup.Comparer(), {}, {}, [])
    with pytest.raises(neardup.NeardupError, match=r"pair \(0, 5\): an index is past the component's 2 titles"):
        stages.cluster_component([HOSPITAL, HOSPITAL_REUTERS], [(0, 5, "rewrite", 0.5)])
    [(center, members)] = stages.cluster_component(
        [HOSPITAL, HOSPITAL_REUTERS], [(0, 1, "near-duplicate", 0.9)]
    )
    assert (center, [m for m, _, _ in members]) == (0, [1])
