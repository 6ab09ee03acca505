//! The CI surface: fail levels and exit codes, the config file, baselines, and the SARIF,
//! GitHub and JUnit formats of `scan` and `pairs`. The real binary on the fixtures.

use std::path::{Path, PathBuf};
use std::process::{Command as StdCommand, Stdio};

use predicates::prelude::*;
use serde_json::Value;

mod common;
use common::{neardup, raw, stdout_of, temp_dir};

const FEED: &str = "fixtures/feeds/sample.jsonl";
const PAGE: &str = "fixtures/pages/related-stories-page.txt";
const PAIRS: &str = "fixtures/pairs/sample-pairs.csv";
const SARIF_SCHEMA: &str = "../shared/schemas/sarif-schema-2.1.0.json";

fn manifest(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

// ---------------------------------------------------------------- exit codes and fail levels

#[test]
fn scan_exit_codes_follow_the_fail_level() {
    // Default fail level: near-duplicate; the feed has near-duplicates.
    neardup().args(["scan", FEED]).assert().code(1);
    neardup()
        .args(["scan", FEED, "--exit-zero"])
        .assert()
        .code(0);
    // The page has rewrites but nothing closer.
    neardup().args(["scan", PAGE]).assert().code(0);
    neardup()
        .args(["scan", PAGE, "--fail-on", "rewrite"])
        .assert()
        .code(1);
    neardup()
        .args(["scan", "fixtures/does-not-exist.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("does-not-exist.txt"));
    neardup()
        .args(["scan", FEED, "--fail-on", "bogus"])
        .assert()
        .code(2);
}

#[test]
fn pairs_exit_codes_and_exit_zero() {
    neardup().args(["pairs", PAGE]).assert().code(1);
    neardup()
        .args(["pairs", PAGE, "--exit-zero"])
        .assert()
        .code(0);
    neardup()
        .args(["pairs", "fixtures/bad/malformed-pairs.jsonl", "--exit-zero"])
        .assert()
        .code(2);
}

#[test]
fn a_closed_pipe_exits_zero_quietly() {
    let dir = temp_dir("pipe");
    let batch = dir.join("batch.txt");
    let line =
        "Trump sends hospital ship to Greenland after Denmark helped evacuate US Navy sailor\n";
    std::fs::write(&batch, line.repeat(20_000)).expect("written");
    let bin = assert_cmd::cargo::cargo_bin("neardup");
    for format in ["jsonl", "human", "github", "sarif"] {
        let mut child = StdCommand::new(&bin)
            .args(["--no-config", "scan", "--format", format])
            .arg(&batch)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawns");
        drop(child.stdout.take());
        let output = child.wait_with_output().expect("exits");
        assert_eq!(output.status.code(), Some(0), "{format}");
        assert_eq!(String::from_utf8_lossy(&output.stderr), "", "{format}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

// ---------------------------------------------------------------- rule ids in every format

#[test]
fn every_scan_format_names_the_rule() {
    let human = stdout_of(neardup().args(["scan", FEED]));
    assert!(human.contains("ND001 exact 1.000"), "{human}");
    assert!(human.contains("ND003 near-duplicate"), "{human}");
    let json: Value = serde_json::from_str(&stdout_of(
        neardup().args(["scan", FEED, "--format", "json"]),
    ))
    .expect("JSON");
    assert_eq!(json["groups"][0]["members"][0]["rule"], "ND001");
    assert_eq!(json["groups"][0]["members"][2]["rule"], "ND004");
    let jsonl = stdout_of(neardup().args(["scan", FEED, "--format", "jsonl"]));
    assert!(
        jsonl.contains(r#""verdict":"near-duplicate","score":0.9913,"rule":"ND003""#),
        "{jsonl}"
    );
    let csv = stdout_of(neardup().args(["scan", FEED, "--format", "csv"]));
    let mut lines = csv.lines();
    assert!(lines.next().is_some_and(|h| h.ends_with(",title,rule")));
    assert!(
        lines.next().is_some_and(|l| l.ends_with(',')),
        "the representative has no rule"
    );
    assert!(lines.next().is_some_and(|l| l.ends_with(",ND001")));
    let related = stdout_of(neardup().args([
        "scan",
        PAGE,
        "--min-verdict",
        "related",
        "--format",
        "jsonl",
    ]));
    assert!(related.contains(r#""verdict":"related""#) && related.contains(r#""rule":"ND005""#));
}

#[test]
fn scan_rules_are_listed_and_explained() {
    let list = stdout_of(neardup().arg("rules"));
    for id in ["ND001", "ND002", "ND003", "ND004", "ND005", "ND101"] {
        assert!(list.contains(id), "{id}");
    }
    let explained = stdout_of(neardup().args(["explain", "ND001"]));
    assert!(explained.starts_with("ND001 exact-duplicate"));
    for needle in ["--baseline", "--fail-on", "neardup.toml"] {
        assert!(explained.contains(needle), "{needle}: {explained}");
    }
}

// ---------------------------------------------------------------- SARIF

/// The SARIF 2.1.0 schema: `$NEARDUP_SARIF_SCHEMA`, else `../shared/schemas/` beside the
/// clone (where CI and the worktrees have it). Missing, it is a failure, not a quiet pass:
/// a schema test that checks nothing must not look green.
fn sarif_schema() -> jsonschema::Validator {
    let path = std::env::var_os("NEARDUP_SARIF_SCHEMA")
        .map_or_else(|| manifest(SARIF_SCHEMA), PathBuf::from);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: cannot read the SARIF schema ({e}); the SARIF tests validate against it: put \
             the shared directory beside the clone, or set NEARDUP_SARIF_SCHEMA to the file",
            path.display()
        )
    });
    let schema: Value = serde_json::from_str(&text).expect("the schema is JSON");
    jsonschema::draft4::new(&schema).expect("the schema compiles")
}

fn assert_valid_sarif(document: &Value) {
    let errors: Vec<String> = sarif_schema()
        .iter_errors(document)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "SARIF schema errors: {errors:#?}");
    assert_eq!(document["version"], "2.1.0");
    let run = &document["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "neardup");
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    for result in run["results"].as_array().expect("results") {
        let id = result["ruleId"].as_str().expect("ruleId");
        let index = result["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(rules[index]["id"], id);
        let location = &result["locations"][0]["physicalLocation"];
        assert!(location["artifactLocation"]["uri"].is_string());
        assert!(
            location["region"]["startLine"]
                .as_u64()
                .is_some_and(|l| l >= 1)
        );
        assert!(result["relatedLocations"][0]["physicalLocation"].is_object());
        assert!(["error", "warning", "note"].contains(&result["level"].as_str().unwrap_or("")));
    }
}

#[test]
fn the_sarif_schema_check_is_not_vacuous() {
    let validator = sarif_schema();
    let out = stdout_of(neardup().args(["scan", FEED, "--format", "sarif"]));
    let mut document: Value = serde_json::from_str(&out).expect("JSON");
    assert!(validator.is_valid(&document));
    document["runs"][0]["results"][0]["level"] = Value::from("fatal");
    assert!(!validator.is_valid(&document));
}

#[test]
fn scan_sarif_of_the_page_is_valid_sarif() {
    let out =
        stdout_of(neardup().args(["scan", PAGE, "--format", "sarif", "--fail-on", "rewrite"]));
    let document: Value = serde_json::from_str(&out).expect("JSON");
    assert_valid_sarif(&document);
    let results = document["runs"][0]["results"].as_array().expect("results");
    assert!(!results.is_empty());
    let first = &results[0];
    assert_eq!(first["ruleId"], "ND004");
    assert_eq!(first["level"], "error", "at the fail level");
    let text = first["message"]["text"].as_str().expect("text");
    assert!(text.contains("score 0."), "{text}");
    assert_eq!(
        first["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        PAGE
    );
    insta::assert_snapshot!(out);
}

#[test]
fn scan_sarif_levels_follow_the_fail_level_and_it_writes_to_output() {
    let dir = temp_dir("sarif-output");
    let path = dir.join("scan.sarif");
    neardup()
        .args(["scan", FEED, "--format", "sarif", "--output"])
        .arg(&path)
        .assert()
        .code(1)
        .stdout("");
    let document: Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("written")).expect("JSON");
    assert_valid_sarif(&document);
    let levels: Vec<(&str, &str)> = document["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| {
            (
                r["ruleId"].as_str().unwrap_or(""),
                r["level"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert!(levels.contains(&("ND003", "error")));
    assert!(levels.contains(&("ND004", "warning")));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn pairs_sarif_is_valid_and_points_at_both_titles() {
    let out = stdout_of(neardup().args(["pairs", PAGE, "--format", "sarif"]));
    let document: Value = serde_json::from_str(&out).expect("JSON");
    assert_valid_sarif(&document);
    let results = document["runs"][0]["results"].as_array().expect("results");
    let changed = results
        .iter()
        .find(|r| r["ruleId"] == "ND101")
        .expect("the hockey pair's number change");
    assert_eq!(changed["level"], "error");
    let rewrite_line = changed["locations"][0]["physicalLocation"]["region"]["startLine"]
        .as_u64()
        .expect("line");
    let original_line = changed["relatedLocations"][0]["physicalLocation"]["region"]["startLine"]
        .as_u64()
        .expect("line");
    assert!(
        rewrite_line > original_line,
        "the page puts the rewrite below"
    );
    let text = changed["message"]["text"].as_str().unwrap_or("");
    assert!(
        text.contains("combined 0.") && text.contains("1980"),
        "{text}"
    );
}

// ---------------------------------------------------------------- GitHub

#[test]
fn scan_github_annotations() {
    let out = stdout_of(neardup().args(["scan", FEED, "--format", "github"]));
    insta::assert_snapshot!(out);
    assert!(out.starts_with(
        "::error file=fixtures/feeds/sample.jsonl,line=2,title=ND001 exact-duplicate::"
    ));
    assert!(
        out.contains("::warning file=fixtures/feeds/sample.jsonl,line=4,title=ND004 rewrite::")
    );
}

#[test]
fn github_escapes_messages_and_properties() {
    let dir = temp_dir("github-escape");
    let file = dir.join("odd,name:1.txt");
    std::fs::write(&file, "Rates rise 100% in Rome\nRates rise 100% in Rome\n").expect("written");
    let out = stdout_of(neardup().current_dir(&dir).args([
        "scan",
        "odd,name:1.txt",
        "--format",
        "github",
    ]));
    assert!(
        out.starts_with("::error file=odd%2Cname%3A1.txt,line=2,title=ND001 exact-duplicate::"),
        "{out}"
    );
    assert!(out.contains("Rates rise 100%25 in Rome"), "{out}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn pairs_github_errors_at_the_fail_level_only() {
    let out = stdout_of(neardup().args(["pairs", PAGE, "--format", "github"]));
    assert!(out.contains("::error file=fixtures/pages/related-stories-page.txt,line="));
    assert!(out.contains("title=ND101 number-changed::"));
    assert!(out.contains("::warning "), "warnings stay warnings");
    let lenient = stdout_of(neardup().args([
        "pairs",
        PAGE,
        "--format",
        "github",
        "--fail-on-severity",
        "warning",
    ]));
    assert!(!lenient.contains("::warning "), "{lenient}");
}

// ---------------------------------------------------------------- JUnit

#[test]
fn scan_junit() {
    let out = stdout_of(neardup().args(["scan", FEED, "--format", "junit"]));
    insta::assert_snapshot!(out);
    assert!(out.contains(
        r#"<testsuites name="neardup scan" tests="6" skipped="0" failures="3" errors="0">"#
    ));
}

#[test]
fn pairs_junit_to_a_file_and_a_clean_run_has_one_passing_case() {
    let dir = temp_dir("junit");
    let path = dir.join("pairs.xml");
    neardup()
        .args(["pairs", PAIRS, "--format", "junit", "--output"])
        .arg(&path)
        .assert()
        .code(1)
        .stdout("");
    let xml = std::fs::read_to_string(&path).expect("written");
    assert!(xml.starts_with(r#"<?xml version="1.0" encoding="UTF-8"?>"#));
    assert!(
        xml.contains(r#"<failure message="ND101 number-changed"#)
            && xml.contains(r#"type="ND101""#),
        "{xml}"
    );
    assert!(
        xml.contains("&quot;") || xml.contains("&apos;"),
        "text is escaped"
    );
    let clean = stdout_of(neardup().args([
        "scan",
        "fixtures/feeds/sample.rss",
        "--format",
        "junit",
        "--fail-on",
        "exact",
    ]));
    assert!(clean.contains("<testcase"), "{clean}");
    let _ = std::fs::remove_dir_all(&dir);
}

// ---------------------------------------------------------------- config

#[test]
fn an_unknown_config_key_names_the_key_file_and_line() {
    let dir = temp_dir("config-unknown");
    std::fs::write(
        dir.join("neardup.toml"),
        "[scan]\nfail-on = \"exact\"\nfial-on = \"rewrite\"\n",
    )
    .expect("written");
    raw()
        .current_dir(&dir)
        .args(["scan", &manifest(FEED).display().to_string()])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("neardup.toml:3:"))
        .stderr(predicate::str::contains("unknown field `fial-on`"))
        .stderr(predicate::str::contains("expected one of `fail-on`"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_percentage_threshold_suggests_the_fraction() {
    let dir = temp_dir("config-85");
    let config = dir.join("custom.toml");
    std::fs::write(&config, "# tuned\n[thresholds]\nrewrite = 85\n").expect("written");
    raw()
        .arg("--config")
        .arg(&config)
        .args(["scan", FEED])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "custom.toml:3: [thresholds] rewrite",
        ))
        .stderr(predicate::str::contains("did you mean 0.85?"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_bad_value_names_its_line() {
    let dir = temp_dir("config-value");
    std::fs::write(
        dir.join(".neardup.toml"),
        "[pairs]\nfail-on-severity = \"fatal\"\n",
    )
    .expect("written");
    raw()
        .current_dir(&dir)
        .args(["rules"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            ".neardup.toml:2: `fail-on-severity = \"fatal\"`",
        ))
        .stderr(predicate::str::contains("unknown variant `fatal`"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_config_is_found_upward_and_flags_override_it() {
    let dir = temp_dir("config-upward");
    let nested = dir.join("a").join("b");
    std::fs::create_dir_all(&nested).expect("dirs");
    std::fs::write(dir.join("neardup.toml"), "[scan]\nfail-on = \"exact\"\n").expect("written");
    let feed = manifest(FEED).display().to_string();
    // The feed has one exact duplicate; the page has none.
    let page = manifest(PAGE).display().to_string();
    raw()
        .current_dir(&nested)
        .args(["scan", &page, "--fail-on", "rewrite"])
        .assert()
        .code(1);
    raw()
        .current_dir(&nested)
        .args(["scan", &page])
        .assert()
        .code(0);
    raw()
        .current_dir(&nested)
        .args(["scan", &feed])
        .assert()
        .code(1);
    // --no-config restores the default fail level (near-duplicate): the page passes either
    // way, and the dump shows it.
    let dumped = stdout_of(raw().current_dir(&nested).args(["--dump-config"]));
    assert!(dumped.contains("fail-on = \"exact\""), "{dumped}");
    assert!(dumped.contains(&dir.join("neardup.toml").display().to_string()));
    let flagged = stdout_of(raw().current_dir(&nested).args([
        "scan",
        "--fail-on",
        "related",
        "--dump-config",
    ]));
    assert!(flagged.contains("fail-on = \"related\""), "{flagged}");
    let none = stdout_of(
        raw()
            .current_dir(&nested)
            .args(["--no-config", "--dump-config"]),
    );
    assert!(none.contains("fail-on = \"near-duplicate\""), "{none}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn config_words_extend_normalization_and_the_lexicon() {
    let dir = temp_dir("config-words");
    std::fs::write(
        dir.join("neardup.toml"),
        "[normalize]\nkickers = [\"Sport\"]\n\n[pairs]\nallow = [\"ND104\"]\n\n[pairs.lexicon]\nhedges = [\"rumored to\"]\n",
    )
    .expect("written");
    let titles = dir.join("t.txt");
    std::fs::write(&titles, "SPORT: Fire in Rome\nFire in Rome\n").expect("written");
    let out = stdout_of(
        raw()
            .current_dir(&dir)
            .args(["scan", "t.txt", "--format", "jsonl"]),
    );
    assert!(
        out.contains(r#""rule":"ND002""#),
        "the kicker is stripped: {out}"
    );
    let plain = stdout_of(
        neardup()
            .current_dir(&dir)
            .args(["scan", "t.txt", "--format", "jsonl"]),
    );
    assert!(!plain.contains(r#""rule":"ND002""#), "{plain}");
    let pairs = stdout_of(raw().current_dir(&dir).args([
        "pairs",
        &manifest(PAGE).display().to_string(),
        "--format",
        "json",
    ]));
    assert!(
        !pairs.contains(r#""rule": "ND104""#),
        "allowed in the config"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn dump_config_shows_every_key() {
    let dir = temp_dir("config-dump");
    let config = dir.join("neardup.toml");
    std::fs::write(
        &config,
        "[thresholds]\nrewrite = 0.3\n\n[normalize]\noutlets = [\"The Daily Planet\"]\n\n\
         [input]\nfield = \"item.title\"\n\n[scan]\nmin-verdict = \"near-duplicate\"\n\n\
         [pairs]\nallow = [\"sensational-framing\"]\n\n[pairs.lexicon]\nframing = [\"jaw-dropping\"]\n",
    )
    .expect("written");
    let out = stdout_of(raw().current_dir(&dir).args([
        "scan",
        "--related-threshold",
        "0.1",
        "--dump-config",
    ]));
    let out = out.replace(&config.display().to_string(), "[CONFIG]");
    insta::assert_snapshot!(out);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_config_language_is_used_and_a_flag_overrides_it() {
    let dir = temp_dir("config-language");
    std::fs::write(
        dir.join("neardup.toml"),
        "[analysis]\nlanguage = \"english\"\n",
    )
    .expect("written");
    let dumped = stdout_of(raw().current_dir(&dir).args(["--dump-config"]));
    assert!(
        dumped.contains("[analysis]\nlanguage = \"english\""),
        "{dumped}"
    );
    let mixed = manifest("fixtures/feeds/mixed-en-sv.txt");
    let groups = |extra: &[&str]| {
        let output = raw()
            .current_dir(&dir)
            .arg("scan")
            .arg(&mixed)
            .args(["--format", "json", "--exit-zero"])
            .args(extra)
            .output()
            .expect("runs");
        let report: Value = serde_json::from_slice(&output.stdout).expect("JSON");
        report["groups"].as_array().expect("groups").len()
    };
    // Read as English, the Swedish titles that share only function words group (4 groups);
    // `--language auto` detects them and keeps the two real stories.
    assert_eq!(groups(&[]), 4);
    assert_eq!(groups(&["--language", "auto"]), 2);
    std::fs::write(
        dir.join("neardup.toml"),
        "[analysis]\nlanguage = \"klingon\"\n",
    )
    .expect("written");
    raw()
        .current_dir(&dir)
        .args(["compare", "a", "b"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("neardup.toml:2"))
        .stderr(predicate::str::contains("unknown language `klingon`"));
    let _ = std::fs::remove_dir_all(&dir);
}

// ---------------------------------------------------------------- baselines

/// Run `neardup COMMAND INPUT --write-baseline` into a fresh directory; returns the directory,
/// the baseline's path and its text.
fn written_baseline(
    command: &str,
    input: &str,
    name: &str,
) -> (std::path::PathBuf, std::path::PathBuf, String) {
    let dir = temp_dir(name);
    let baseline = dir.join("baseline.txt");
    neardup()
        .args([command, input, "--write-baseline"])
        .arg(&baseline)
        .assert()
        .code(0);
    let text = std::fs::read_to_string(&baseline).expect("written");
    (dir, baseline, text)
}

#[test]
fn a_baseline_suppresses_and_survives_reordering() {
    let (dir, baseline, text) = written_baseline("scan", FEED, "baseline");
    let entries: Vec<&str> = text.lines().filter(|l| !l.starts_with('#')).collect();
    assert_eq!(entries.len(), 10, "{text}");
    let mut sorted = entries.clone();
    sorted.sort_unstable();
    assert_eq!(entries, sorted, "sorted");
    assert!(text.contains("ND001 "), "{text}");
    // The same batch passes with the baseline.
    neardup()
        .args(["scan", FEED, "--baseline"])
        .arg(&baseline)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("baseline: 10 suppressed, 0 stale"));
    // Reordered (every line moves), it still passes.
    let lines: Vec<String> = std::fs::read_to_string(manifest(FEED))
        .expect("feed")
        .lines()
        .map(str::to_owned)
        .collect();
    let mut shuffled: Vec<String> = lines.iter().skip(1).step_by(2).cloned().collect();
    shuffled.extend(lines.iter().step_by(2).rev().cloned());
    let moved = dir.join("moved.jsonl");
    std::fs::write(&moved, shuffled.join("\n") + "\n").expect("written");
    neardup()
        .args(["scan", "--baseline"])
        .arg(&baseline)
        .arg(&moved)
        .assert()
        .code(0);
    // A new duplicate still fails.
    let grown = dir.join("grown.jsonl");
    let extra =
        r#"{"title": "METS' Jorge Polanco working on footwork as he transitions to first base"}"#;
    std::fs::write(&grown, shuffled.join("\n") + "\n" + extra + "\n").expect("written");
    let out = stdout_of(
        neardup()
            .args(["scan", "--format", "github", "--baseline"])
            .arg(&baseline)
            .arg(&grown),
    );
    assert_eq!(
        out.lines().filter(|l| l.starts_with("::")).count(),
        1,
        "{out}"
    );
    assert!(
        out.contains("title=ND002 identical-after-normalization"),
        "{out}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_stale_baseline_entry_is_reported() {
    let (dir, baseline, _) = written_baseline("scan", FEED, "baseline-stale");
    // Drop the exact repeat (line 2): its entry is stale now.
    let fixed: Vec<String> = std::fs::read_to_string(manifest(FEED))
        .expect("feed")
        .lines()
        .enumerate()
        .filter(|(i, _)| *i != 1)
        .map(|(_, l)| l.to_owned())
        .collect();
    let feed = dir.join("fixed.jsonl");
    std::fs::write(&feed, fixed.join("\n") + "\n").expect("written");
    let assert = neardup()
        .args(["scan", "--format", "json", "--baseline"])
        .arg(&baseline)
        .arg(&feed)
        .assert()
        .code(0)
        .stderr(predicate::str::contains("1 stale baseline entry"))
        .stderr(predicate::str::contains("ND001 "));
    let report: Value = serde_json::from_slice(&assert.get_output().stdout).expect("JSON");
    assert_eq!(report["summary"]["baseline_stale"], 1);
    assert_eq!(report["summary"]["baseline_suppressed"], 9);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_bad_baseline_line_is_an_input_error() {
    let dir = temp_dir("baseline-bad");
    let baseline = dir.join("baseline.txt");
    std::fs::write(&baseline, "# header\nND001 nothex:123\n").expect("written");
    neardup()
        .args(["scan", FEED, "--baseline"])
        .arg(&baseline)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("baseline.txt:2:"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_pairs_baseline_suppresses_by_content() {
    let (dir, baseline, text) = written_baseline("pairs", PAIRS, "baseline-pairs");
    assert!(
        text.lines()
            .any(|l| l.starts_with("ND101 ") && l.contains(" -> ")),
        "{text}"
    );
    neardup()
        .args(["pairs", PAIRS, "--format", "jsonl", "--baseline"])
        .arg(&baseline)
        .assert()
        .code(0)
        .stdout(predicate::str::contains(r#""findings":0"#))
        .stdout(predicate::str::contains(r#""baseline_stale""#).not());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_readme_config_reference_is_the_default_configuration() {
    let readme = std::fs::read_to_string(manifest("README.md")).expect("README.md");
    let section = readme
        .split("## Configuration")
        .nth(1)
        .expect("a Configuration section");
    let block = section
        .split("```toml\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("a toml block");
    let dir = temp_dir("readme-config");
    let config = dir.join("reference.toml");
    std::fs::write(&config, block).expect("written");
    let dumped = stdout_of(raw().arg("--config").arg(&config).arg("--dump-config"));
    let defaults = stdout_of(neardup().arg("--dump-config"));
    let body = |text: &str| {
        text.lines()
            .filter(|l| !l.starts_with('#'))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert!(!dumped.is_empty(), "the reference parses");
    assert_eq!(body(&dumped), body(&defaults));
    let _ = std::fs::remove_dir_all(&dir);
}
