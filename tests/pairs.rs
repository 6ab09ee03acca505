//! `neardup pairs`, `neardup explain` and `neardup rules`: the real binary on the fixtures.

use predicates::prelude::*;
use serde_json::Value;

mod common;
use common::{neardup, stdout_of};

const PAGE: &str = "fixtures/pages/related-stories-page.txt";

/// The page's report as one JSON document.
fn page_json() -> Value {
    let out = stdout_of(neardup().args(["pairs", PAGE, "--format", "json"]));
    serde_json::from_str(&out).expect("one JSON document")
}

/// The pair whose original starts with `prefix`.
fn pair<'a>(report: &'a Value, prefix: &str) -> &'a Value {
    report["pairs"]
        .as_array()
        .expect("pairs")
        .iter()
        .find(|p| {
            p["original"]
                .as_str()
                .is_some_and(|o| o.starts_with(prefix))
        })
        .unwrap_or_else(|| panic!("no pair starts with {prefix}"))
}

fn rules(pair: &Value) -> Vec<&str> {
    pair["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|f| f["rule"].as_str())
        .collect()
}

#[test]
fn the_page_yields_all_twelve_pairs() {
    let report = page_json();
    assert_eq!(report["pairs"].as_array().map(Vec::len), Some(12));
    assert_eq!(report["summary"]["records_read"], 12);
    assert_eq!(report["summary"]["pairs_audited"], 12);
    assert_eq!(report["errors"], serde_json::json!([]));
}

#[test]
fn the_hockey_pair_flags_the_changed_year_and_the_kicker() {
    let report = page_json();
    let hockey = pair(&report, "US beats Canada");
    let found = rules(hockey);
    assert!(
        found.contains(&"ND101") && found.contains(&"ND109"),
        "{found:?}"
    );
    let changed = &hockey["findings"][0];
    assert_eq!(changed["rule"], "ND101");
    assert_eq!(changed["severity"], "error");
    assert_eq!(changed["original_evidence"], serde_json::json!(["1980"]));
    assert_eq!(changed["rewrite_evidence"], serde_json::json!(["43 Years"]));
}

#[test]
fn the_mar_a_lago_pair_flags_the_dropped_attribution_and_the_kicker() {
    let report = page_json();
    let shooting = pair(&report, "Man shot, killed by Secret Service");
    assert_eq!(rules(shooting), ["ND106", "ND109"]);
    assert_eq!(
        shooting["findings"][0]["original_evidence"],
        serde_json::json!(["agency says"])
    );
}

#[test]
fn the_vanderbilt_pair_raises_nothing() {
    let report = page_json();
    let vanderbilt = pair(&report, "This Is a Sign: Vanderbilt");
    assert_eq!(rules(vanderbilt), Vec::<&str>::new());
}

#[test]
fn human_output_of_the_page_when_piped() {
    let out = stdout_of(neardup().args(["pairs", PAGE]));
    assert!(!out.contains('\u{1b}'), "no colour in a pipe");
    assert!(out.contains("since «1980»"));
    insta::assert_snapshot!(out);
}

#[test]
fn human_output_is_coloured_when_asked() {
    let out = stdout_of(neardup().args(["pairs", PAGE, "--color", "always"]));
    assert!(out.contains("\u{1b}["));
    assert!(!out.contains('«'));
}

#[test]
fn json_output_of_the_page() {
    let out = stdout_of(neardup().args(["pairs", PAGE, "--format", "json"]));
    insta::assert_snapshot!(out);
}

#[test]
fn jsonl_output_is_one_typed_message_per_line_ending_with_the_summary() {
    let out = stdout_of(neardup().args(["pairs", PAGE, "--format", "jsonl"]));
    let messages: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    assert_eq!(messages.len(), 13);
    assert!(messages[..12].iter().all(|m| m["type"] == "pair"));
    let summary = &messages[12];
    assert_eq!(summary["type"], "summary");
    assert_eq!(summary["version"], 1);
    assert_eq!(summary["by_rule"]["ND101"]["error"], 1);
}

#[test]
fn exit_codes_follow_the_fail_level() {
    // The hockey pair's changed year is an error: the default level fails.
    neardup().args(["pairs", PAGE]).assert().code(1);
    // Accepting it leaves only warnings and infos.
    neardup()
        .args(["pairs", PAGE, "--allow", "ND101"])
        .assert()
        .code(0);
    neardup()
        .args(["pairs", PAGE, "--allow", "number-changed"])
        .args(["--fail-on-severity", "warning"])
        .assert()
        .code(1);
    // One kicker (a warning) in the sample: clean at the default level, failing at warning.
    let sample = "fixtures/pairs/sample-pairs.jsonl";
    neardup().args(["pairs", sample]).assert().code(0);
    neardup()
        .args(["pairs", sample, "--fail-on-severity", "warning"])
        .assert()
        .code(1);
    neardup()
        .args(["pairs", sample, "--allow", "ND999"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown rule `ND999`"));
}

#[test]
fn a_malformed_record_is_named_and_the_rest_is_still_audited() {
    let bad = "fixtures/bad/malformed-pairs.jsonl";
    let output = neardup()
        .args(["pairs", bad, "--format", "jsonl"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("error: fixtures/bad/malformed-pairs.jsonl:2: invalid JSON"),
        "{stderr}"
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    let types: Vec<String> = stdout
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).expect("JSON")["type"].to_string())
        .collect();
    assert_eq!(
        types,
        [r#""pair""#, r#""error""#, r#""pair""#, r#""summary""#]
    );
    assert!(
        stdout.contains(r#""records_read":3,"invalid":1"#),
        "{stdout}"
    );
}

#[test]
fn skip_invalid_warns_with_a_count() {
    neardup()
        .args([
            "pairs",
            "fixtures/bad/malformed-pairs.jsonl",
            "--skip-invalid",
        ])
        .assert()
        .code(1) // "5" → "7" is a changed number, an error
        .stderr(predicate::str::contains(
            "warning: skipped 1 invalid record (--skip-invalid)",
        ))
        .stdout(predicate::str::contains(
            "3 records read, 2 pairs audited, 0 invalid, 1 skipped",
        ));
}

#[test]
fn a_missing_file_is_an_input_error() {
    neardup()
        .args(["pairs", "fixtures/no-such-file.csv"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "fixtures/no-such-file.csv: cannot open",
        ));
}

#[test]
fn csv_has_a_row_per_finding_and_guards_formulas() {
    let input = "original,rewrite\n\
        \"=HYPERLINK(\"\"http://x\"\",\"\"Fire in Rome kills 5\"\")\",@Fire in Rome Kills 7\n\
        US beats Canada 2-1 in overtime,-Historic Victory: USA Beats Canada in Overtime\n";
    let output = neardup()
        .args(["pairs", "-", "--input-format", "csv", "--format", "csv"])
        .write_stdin(input)
        .output()
        .expect("runs");
    let stdout = String::from_utf8(output.stdout).expect("UTF-8");
    let mut reader = csv::Reader::from_reader(stdout.as_bytes());
    let header = reader.headers().expect("a header").clone();
    assert_eq!(&header[0], "path");
    assert_eq!(&header[2], "rule");
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    assert!(rows.len() >= 2, "{stdout}");
    for row in &rows {
        for cell in row {
            assert!(
                !cell.starts_with(['=', '+', '-', '@']),
                "unguarded cell {cell:?} in {stdout}"
            );
        }
    }
    assert!(stdout.contains("'=HYPERLINK"), "{stdout}");
    assert!(stdout.contains("'@Fire in Rome"), "{stdout}");
    assert!(stdout.contains("'-Historic Victory"), "{stdout}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("summary: 2 records read"), "{stderr}");
}

#[test]
fn output_goes_to_a_file_when_asked() {
    let dir = std::env::temp_dir().join(format!("neardup-pairs-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("report.json");
    neardup()
        .args([
            "pairs", PAGE, "--format", "json", "--allow", "ND101", "--output",
        ])
        .arg(&path)
        .assert()
        .code(0)
        .stdout("");
    let text = std::fs::read_to_string(&path).expect("the report was written");
    let report: Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(report["summary"]["pairs_audited"], 12);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn rules_lists_every_rule() {
    let out = stdout_of(neardup().arg("rules"));
    insta::assert_snapshot!(out);
}

#[test]
fn explain_prints_what_why_and_how_to_silence() {
    let out = stdout_of(neardup().args(["explain", "nd101"]));
    assert!(out.contains("default severity: error"));
    assert!(out.contains("allow = [\"ND101\"]"));
    insta::assert_snapshot!(out);
    let by_name = stdout_of(neardup().args(["explain", "number-changed"]));
    assert_eq!(by_name, out);
}

#[test]
fn explain_of_an_unknown_rule_lists_the_ids() {
    neardup()
        .args(["explain", "ND099"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "unknown rule `ND099`; known rules: ND001, ND002",
        ));
}
