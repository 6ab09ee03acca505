//! The command-line contract: real binary, real fixtures, every exit code.

use predicates::prelude::*;

mod common;
use common::{neardup, stdout_of};

const PAGE: &str = "fixtures/pages/related-stories-page.txt";
const HOCKEY_ORIGINAL: &str = "US beats Canada 2-1 in overtime to win first men's hockey championship at the Olympics since 1980";
const HOCKEY_REWRITE: &str = "Historic Victory: Team USA Clinches First Olympic Men’s Hockey Gold in 43 Years with Thrilling Overtime Win Against Canada";

#[test]
fn compare_human_output_marks_the_diff_when_piped() {
    let out = stdout_of(neardup().args(["compare", HOCKEY_ORIGINAL, HOCKEY_REWRITE]));
    assert!(!out.contains('\u{1b}'), "no colour in a pipe");
    insta::assert_snapshot!(out);
}

#[test]
fn compare_colours_only_when_asked() {
    let out = stdout_of(neardup().args([
        "compare",
        "--color",
        "always",
        "Fire in Rome",
        "Fire in Paris",
    ]));
    assert!(out.contains("\u{1b}["));
}

#[test]
fn compare_json_output() {
    let out = stdout_of(neardup().args([
        "compare",
        "--format",
        "json",
        HOCKEY_ORIGINAL,
        HOCKEY_REWRITE,
    ]));
    let value: serde_json::Value = serde_json::from_str(&out).expect("one JSON document");
    assert_eq!(value["verdict"], "rewrite");
    insta::assert_snapshot!(out);
}

#[test]
fn compare_reads_two_lines_from_stdin() {
    neardup()
        .args(["compare", "-", "--format", "json"])
        .write_stdin("Fire in Rome\r\nFIRE in Rome - Reuters\n")
        .assert()
        .success()
        .stdout(predicate::str::contains(r#""verdict":"identical""#));
}

#[test]
fn fail_on_sets_the_exit_code() {
    let pair = ["compare", "Fire in Rome", "FIRE in Rome - Reuters"];
    neardup().args(pair).assert().code(0);
    neardup()
        .args(pair)
        .args(["--fail-on", "identical"])
        .assert()
        .code(1);
    neardup()
        .args(pair)
        .args(["--fail-on", "exact"])
        .assert()
        .code(0);
    neardup()
        .args(pair)
        .args(["--fail-on", "duplicate"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("near-duplicate"));
}

#[test]
fn usage_errors_exit_2() {
    neardup()
        .args(["compare", "only one"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("two titles"));
    neardup()
        .args(["compare", "-"])
        .write_stdin("one line\n")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("<stdin>: expected two lines"));
    neardup()
        .args(["compare", "-"])
        .write_stdin(b"ok\n\xff\n".to_vec())
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "<stdin>:2: the line is not valid UTF-8",
        ));
    neardup()
        .args(["compare", "a", "b", "--rewrite-threshold", "85"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean 0.85?"));
    neardup().arg("frobnicate").assert().code(2);
}

#[test]
fn similarity_cut_offs_outside_0_to_1_are_usage_errors() {
    let stories = "fixtures/stories/seed-stories.tsv";
    for (args, message) in [
        (
            vec!["scan", PAGE, "--candidate-threshold", "30"],
            "did you mean 0.3?",
        ),
        (
            vec!["scan", PAGE, "--topic-threshold", "0"],
            "outside (0, 1]",
        ),
        (
            vec!["eval", "--groups", stories, "--topic-threshold", "5"],
            "did you mean 0.05?",
        ),
        (
            vec!["eval", "--groups", stories, "--candidate-threshold", "x"],
            "`x` is not a number",
        ),
    ] {
        neardup()
            .args(&args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(message));
    }
}

#[test]
fn help_states_the_exit_codes() {
    neardup()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("Exit codes:"));
}

#[test]
fn eval_on_the_seed_pairs() {
    let out = stdout_of(neardup().args(["eval", "fixtures/pairs/seed-pairs.tsv"]));
    insta::assert_snapshot!(out);
}

#[test]
fn eval_json_with_thresholds_from_another_file() {
    let out = stdout_of(neardup().args([
        "eval",
        "fixtures/pairs/seed-pairs.tsv",
        "--thresholds-from",
        "fixtures/pairs/seed-pairs.tsv",
        "--format",
        "json",
    ]));
    let value: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let combined = &value["report"]["readings"][0]["metrics"][0];
    assert_eq!(combined["metric"], "combined");
    assert!(combined["roc_auc"].as_f64().unwrap() > 0.95);
    assert!(combined["at_reference"]["f1"].as_f64().is_some());
}

#[test]
fn eval_groups_scores_groups_and_topics_against_story_labels() {
    let eval = |field: &str| -> serde_json::Value {
        let out = stdout_of(neardup().args([
            "eval",
            "--groups",
            "fixtures/stories/seed-stories.tsv",
            "--story-field",
            field,
            "--title-field",
            "title",
            "--format",
            "json",
        ]));
        serde_json::from_str(&out).expect("JSON")
    };
    // Topic labels put the three El Mencho stories together: topics match them exactly.
    let by_topic = eval("topic");
    assert_eq!(by_topic["titles"], 24);
    assert_eq!(by_topic["topics"]["f1"], 1.0);
    assert_eq!(by_topic["scan"]["precision"], 1.0);
    // Story labels keep them apart: topics are too coarse for them.
    let by_story = eval("story");
    assert_eq!(by_story["scan"]["recall"], 1.0);
    assert!(by_story["topics"]["precision"].as_f64().unwrap() < 1.0);
}

/// From issue 12: the labeled feed windows (`line story topic title note`) read as they are,
/// `--strict` leaving out the uncertain (`?`) rows, with B-cubed beside the pairwise figures.
#[test]
fn eval_groups_reads_feed_windows_strictly_with_bcubed() {
    let dir = common::temp_dir("feed-window");
    let path = dir.join("window.tsv");
    std::fs::write(
        &path,
        "line\tstory\ttopic\ttitle\tnote\n\
         1\tship\tgreenland\tTrump sends hospital ship to Greenland - AP\t\n\
         2\tship\tgreenland\tTrump deploys hospital ship to Greenland - CNN\t\n\
         3\thockey\tolympics\tUS beats Canada 2-1 in overtime to win hockey gold\t? a guess\n\
         4\tfire\trome\tFire in Rome kills 5\tsure\n",
    )
    .unwrap();
    let json = |strict: bool| -> serde_json::Value {
        let mut cmd = neardup();
        cmd.args([
            "eval",
            "--groups",
            path.to_str().unwrap(),
            "--format",
            "json",
        ]);
        if strict {
            cmd.arg("--strict");
        }
        serde_json::from_str(&stdout_of(&mut cmd)).expect("JSON")
    };
    let full = json(false);
    assert_eq!(
        (full["titles"].as_u64(), full["left_out"].as_u64()),
        (Some(4), Some(0))
    );
    let strict = json(true);
    assert_eq!(
        (strict["titles"].as_u64(), strict["left_out"].as_u64()),
        (Some(3), Some(1))
    );
    for key in ["bcubed_precision", "bcubed_recall", "bcubed_f1"] {
        let value = strict["scan"][key].as_f64().expect(key);
        assert!((0.0..=1.0).contains(&value), "{key} = {value}");
    }
    let human = stdout_of(neardup().args(["eval", "--groups", "--strict", path.to_str().unwrap()]));
    assert!(
        human.contains("3 titles in 2 stories (1 uncertain rows left out, --strict)"),
        "{human}"
    );
    assert!(human.contains("B-cubed"), "{human}");
}

#[test]
fn eval_input_errors_name_file_and_line() {
    neardup()
        .args(["eval", "fixtures/bad/bad-score.tsv"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "fixtures/bad/bad-score.tsv:3: score `many` is not a number",
        ));
    neardup()
        .args(["eval", "fixtures/bad/non-utf8.tsv"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("fixtures/bad/non-utf8.tsv:2:"));
    neardup()
        .args(["eval", "fixtures/missing.tsv"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "fixtures/missing.tsv: cannot open",
        ));
}
