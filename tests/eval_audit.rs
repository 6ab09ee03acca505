//! `neardup eval --audit`: the audit rules scored on pairs labeled per kind of difference.

use predicates::prelude::*;

mod common;
use common::{neardup, stdout_of};

const LABELED: &str = "fixtures/pairs/audit-labeled.tsv";

#[test]
fn eval_audit_human_output_lists_families_rules_misses_and_false_alarms() {
    let out = stdout_of(neardup().args(["eval", "--audit", LABELED]));
    insta::assert_snapshot!(out);
}

#[test]
fn eval_audit_json_reports_every_family_and_rule() {
    let out = stdout_of(neardup().args(["eval", "--audit", LABELED, "--format", "json"]));
    let value: serde_json::Value = serde_json::from_str(&out).expect("one JSON document");
    let report = &value["report"];
    assert_eq!(report["pairs"], 8);
    assert_eq!(report["direction"], "both");
    let families: Vec<&str> = report["families"]
        .as_array()
        .expect("families")
        .iter()
        .map(|f| f["family"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(
        families,
        [
            "number_changed",
            "entity_dropped_or_added",
            "attribution_dropped",
            "hedge_dropped",
            "sensational"
        ]
    );
    let numbers = &report["families"][0];
    assert_eq!(numbers["positives"], 2);
    assert_eq!(numbers["found"], 2);
    assert_eq!(numbers["rules"][0]["rule"], "ND101");
    assert!(numbers["rules"][0]["false_alarm_lines"].is_array());
}

#[test]
fn eval_audit_directed_and_min_severity_change_what_counts() {
    let json = |extra: &[&str]| -> serde_json::Value {
        let mut args = vec!["eval", "--audit", LABELED, "--format", "json"];
        args.extend_from_slice(extra);
        serde_json::from_str(&stdout_of(neardup().args(args))).expect("JSON")
    };
    let directed = json(&["--directed"]);
    assert_eq!(directed["report"]["direction"], "forward");
    let strict = json(&["--min-severity", "error"]);
    assert_eq!(strict["report"]["min_severity"], "error");
    // Only a changed number is an error: no other family finds anything.
    for family in strict["report"]["families"].as_array().expect("families") {
        if family["family"] != "number_changed" {
            assert_eq!(family["found"], 0, "{family}");
        }
    }
}

#[test]
fn eval_audit_input_errors_name_file_line_and_column() {
    neardup()
        .args(["eval", "--audit", "fixtures/bad/bad-audit-label.tsv"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "fixtures/bad/bad-audit-label.tsv:2: `sensational` is `maybe`, expected 0 or 1",
        ));
    neardup()
        .args(["eval", "--audit", "fixtures/pairs/seed-pairs.tsv"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("names no label column"));
    neardup()
        .args(["eval", "--directed", LABELED])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--audit"));
}
