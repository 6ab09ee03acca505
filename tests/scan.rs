//! `neardup scan` on real fixture files: groups, formats, exit codes, bad input.

use std::fs;

use predicates::prelude::*;
use serde_json::Value;

mod common;
use common::{neardup, stdout_of, temp_dir};

const PAGE: &str = "fixtures/pages/related-stories-page.txt";

fn json_of(args: &[&str]) -> Value {
    let output = neardup().args(args).output().expect("runs");
    serde_json::from_slice(&output.stdout).expect("JSON output")
}

/// Each group as the sorted list of its records' lines.
fn groups_by_line(report: &Value) -> Vec<Vec<u64>> {
    report["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .map(|group| {
            let mut lines = vec![
                group["representative"]["location"]["line"]
                    .as_u64()
                    .unwrap(),
            ];
            for member in group["members"].as_array().unwrap() {
                lines.push(member["location"]["line"].as_u64().unwrap());
            }
            lines.sort_unstable();
            lines
        })
        .collect()
}

/// The seed page's related-story blocks: original headline line, rewrite line.
const SEED_PAIRS: [(u64, u64); 12] = [
    (40, 42),
    (45, 47),
    (50, 52),
    (55, 57),
    (60, 62),
    (65, 67),
    (70, 72),
    (75, 77),
    (80, 82),
    (85, 87),
    (90, 92),
    (95, 97),
];
/// The blocks about different "El Mencho" stories.
const EL_MENCHO: [u64; 3] = [50, 75, 90];

#[test]
fn the_seed_page_groups_each_original_with_its_rewrite_and_nothing_else() {
    let report = json_of(&["scan", PAGE, "--format", "json"]);
    let expected: Vec<Vec<u64>> = SEED_PAIRS.iter().map(|&(o, r)| vec![o, r]).collect();
    assert_eq!(groups_by_line(&report), expected);
    assert_eq!(report["summary"]["records_read"], 25);
}

/// Issue 12: entries of one live blog share its series title, and reports of one template
/// share its fixed words, whatever they report; compared whole, the entries are
/// near-duplicates (0.69) and the reports rewrites (0.26) of one another. Seen through that
/// boilerplate, only the one real pair groups: the tanker entry with another outlet's report
/// of the same strike.
#[test]
fn boilerplate_a_source_repeats_does_not_make_a_group() {
    let report = json_of(&[
        "scan",
        "fixtures/feeds/live-blog.txt",
        "--format",
        "json",
        "--min-verdict",
        "related",
    ]);
    assert_eq!(groups_by_line(&report), [vec![3, 6]]);
}

#[test]
fn topics_gather_the_el_mencho_stories_and_nothing_else() {
    let report = json_of(&["scan", PAGE, "--format", "json", "--topics"]);
    let groups = groups_by_line(&report);
    let topics = report["topics"].as_array().expect("topics");
    assert_eq!(topics.len(), 1, "{topics:?}");
    assert_eq!(report["summary"]["topics"], 1);
    let mut lines: Vec<u64> = Vec::new();
    for story in topics[0]["stories"].as_array().unwrap() {
        let group = story["group"]
            .as_u64()
            .expect("each El Mencho story has a group");
        lines.extend(&groups[group as usize - 1]);
    }
    lines.sort_unstable();
    let mut expected: Vec<u64> = EL_MENCHO.iter().flat_map(|&l| [l, l + 2]).collect();
    expected.sort_unstable();
    assert_eq!(lines, expected);
    let plain = json_of(&["scan", PAGE, "--format", "json"]);
    assert!(plain.get("topics").is_none() && plain["summary"].get("topics").is_none());
    // The same topic as a typed JSON Lines message before the summary, and in human output.
    let jsonl = stdout_of(neardup().args(["scan", PAGE, "--format", "jsonl", "--topics"]));
    let kinds: Vec<String> = jsonl
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).expect("JSON")["type"].to_string())
        .collect();
    assert_eq!(
        kinds[kinds.len() - 2..],
        [r#""topic""#.to_owned(), r#""summary""#.to_owned()]
    );
    let human = stdout_of(neardup().args(["scan", PAGE, "--topics"]));
    assert!(human.contains("topic 1: 3 stories"), "{human}");
    assert!(human.contains(", 1 topics;"), "{human}");
}

#[test]
fn topics_of_existing_items_alone_are_not_reported() {
    let dir = temp_dir("topics-against");
    let page = fs::read_to_string(PAGE).expect("page");
    let lines: Vec<&str> = page.lines().collect();
    let published = dir.join("published.txt");
    let el_mencho: Vec<&str> = EL_MENCHO
        .iter()
        .flat_map(|&l| [lines[l as usize - 1], lines[l as usize + 1]])
        .collect();
    fs::write(&published, el_mencho.join("\n")).expect("written");
    let new = dir.join("new.txt");
    let topics_with_new = |title: &str| {
        fs::write(&new, format!("{title}\n")).expect("written");
        let output = neardup()
            .arg("scan")
            .arg(&new)
            .arg("--against")
            .arg(&published)
            .args(["--format", "json", "--topics"])
            .output()
            .expect("runs");
        let report: Value = serde_json::from_slice(&output.stdout).expect("JSON");
        report["summary"]["topics"].as_u64().expect("a topic count")
    };
    // The El Mencho topic lies wholly in the published corpus: not a finding of this batch.
    assert_eq!(topics_with_new(lines[39]), 0);
    // One of its titles published again makes it one.
    assert_eq!(topics_with_new(lines[49]), 1);
}

#[test]
fn the_index_finds_the_same_groups_as_scoring_every_pair() {
    for input in [
        PAGE,
        "fixtures/feeds/sample.jsonl",
        "fixtures/feeds/sample.csv",
    ] {
        let indexed = json_of(&["scan", input, "--format", "json"]);
        let exhaustive = json_of(&["scan", input, "--format", "json", "--exhaustive"]);
        assert_eq!(indexed["groups"], exhaustive["groups"], "{input}");
    }
}

#[test]
fn human_output_of_the_seed_page() {
    let output = neardup().args(["scan", PAGE]).output().unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "rewrites alone do not fail by default"
    );
    insta::assert_snapshot!(String::from_utf8(output.stdout).unwrap());
}

#[test]
fn machine_formats_of_a_jsonl_feed() {
    let feed = "fixtures/feeds/sample.jsonl";
    for format in ["json", "jsonl", "csv"] {
        let output = neardup()
            .args(["scan", feed, "--format", format])
            .output()
            .unwrap();
        assert_eq!(
            output.status.code(),
            Some(1),
            "{format}: duplicates fail by default"
        );
        let text = String::from_utf8(output.stdout).unwrap();
        insta::assert_snapshot!(format!("sample_jsonl_{format}"), text);
    }
}

#[test]
fn jsonl_messages_are_typed_and_end_with_the_summary() {
    let output = neardup()
        .args(["scan", "fixtures/feeds/sample.jsonl", "--format", "jsonl"])
        .output()
        .unwrap();
    let lines: Vec<Value> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(
        lines[..lines.len() - 1]
            .iter()
            .all(|m| m["type"] == "group")
    );
    assert_eq!(lines.last().unwrap()["type"], "summary");
}

#[test]
fn fail_levels_and_exit_zero() {
    let feed = "fixtures/feeds/sample.jsonl";
    neardup()
        .args(["scan", feed, "--fail-on", "exact"])
        .assert()
        .code(1);
    neardup()
        .args(["scan", PAGE, "--fail-on", "rewrite"])
        .assert()
        .code(1);
    neardup().args(["scan", PAGE]).assert().code(0);
    neardup()
        .args(["scan", feed, "--exit-zero"])
        .assert()
        .code(0);
    neardup()
        .args(["scan", feed, "--fail-on", "maybe"])
        .assert()
        .code(2);
}

#[test]
fn min_verdict_chooses_what_is_reported() {
    let report = json_of(&[
        "scan",
        "fixtures/feeds/sample.jsonl",
        "--format",
        "json",
        "--min-verdict",
        "near-duplicate",
    ]);
    // Each group listed has a member at near-duplicate or closer and is listed whole; the
    // groups of rewrites alone are counted, not listed.
    let groups = report["groups"].as_array().unwrap();
    assert!(!groups.is_empty());
    for group in groups {
        let members = group["members"].as_array().unwrap();
        assert!(members.iter().any(|m| m["verdict"] != "rewrite"), "{group}");
    }
    let all = json_of(&["scan", "fixtures/feeds/sample.jsonl", "--format", "json"]);
    let hidden = all["groups"].as_array().unwrap().len() - groups.len();
    assert!(hidden > 0);
    assert_eq!(report["summary"]["groups_not_listed"], hidden);
    assert_eq!(report["summary"]["groups"], all["summary"]["groups"]);
    let related = json_of(&["scan", PAGE, "--format", "json", "--min-verdict", "related"]);
    assert!(!related["related"].as_array().unwrap().is_empty());
}

#[test]
fn against_reports_only_what_involves_new_items() {
    let dir = temp_dir("scan");
    let old = dir.join("published.txt");
    let new = dir.join("batch.txt");
    fs::write(
        &old,
        "Fire in Rome\nFire in Rome\nStocks rally on tech earnings\n",
    )
    .unwrap();
    fs::write(&new, "Markets slide as oil jumps\nFIRE in Rome - Reuters\n").unwrap();
    let report = json_of(&[
        "scan",
        new.to_str().unwrap(),
        "--against",
        old.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let groups = report["groups"].as_array().unwrap();
    assert_eq!(groups.len(), 1, "{groups:?}");
    assert_eq!(groups[0]["representative"]["existing"], true);
    let new_member = groups[0]["members"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m.get("existing").is_none())
        .expect("the new item");
    assert_eq!(new_member["verdict"], "identical");
}

#[test]
fn ten_thousand_identical_lines_are_one_group() {
    let dir = temp_dir("scan");
    let file = dir.join("repeats.txt");
    fs::write(&file, "Fire in Rome\n".repeat(10_000)).unwrap();
    let report = json_of(&["scan", file.to_str().unwrap(), "--format", "json"]);
    assert_eq!(report["groups"].as_array().unwrap().len(), 1);
    assert_eq!(report["summary"]["members"]["exact"], 9_999);
    assert_eq!(report["summary"]["candidate_pairs"], 0);
}

#[test]
fn bad_input_is_an_error_naming_file_and_line() {
    neardup()
        .args(["scan", "fixtures/bad/malformed.jsonl"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("fixtures/bad/malformed.jsonl:"));
    neardup()
        .args(["scan", "fixtures/bad/missing-field.jsonl"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("missing-field.jsonl:"));
    neardup()
        .args(["scan", "fixtures/bad/invalid-utf8.txt"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("invalid-utf8.txt:").and(predicate::str::contains("UTF-8")),
        );
    neardup()
        .args(["scan", "fixtures/bad/empty.txt"])
        .assert()
        .code(2);
    neardup()
        .args(["scan", "fixtures/bad/binary.bin"])
        .assert()
        .code(2);
    neardup()
        .args(["scan", "fixtures/no-such-file.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no-such-file.txt: cannot open"));
}

/// Regression: `scan` stopped at an input it could not open, with no report, while `pairs`
/// reported it and went on. Both report it now and read the other inputs.
#[test]
fn an_input_that_cannot_be_opened_is_reported_and_the_others_are_read() {
    for command in ["scan", "pairs"] {
        let good = if command == "scan" {
            "fixtures/feeds/sample.jsonl"
        } else {
            "fixtures/pairs/sample-pairs.jsonl"
        };
        let output = neardup()
            .args([command, "fixtures/no-such-file.txt", "fixtures", good])
            .args(["--format", "json"])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{command}");
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(
            stderr.contains("error: fixtures/no-such-file.txt: cannot open: ")
                && stderr.contains("error: fixtures: cannot open: it is a directory"),
            "{command}: {stderr}"
        );
        let stdout = String::from_utf8(output.stdout).unwrap();
        assert!(
            stdout.contains("\"records_read\":") && !stdout.contains("\"records_read\":0"),
            "{command} read nothing after the missing input: {stdout}"
        );
    }
}

#[test]
fn skip_invalid_warns_and_counts() {
    let output = neardup()
        .args([
            "scan",
            "fixtures/bad/malformed.jsonl",
            "--skip-invalid",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_ne!(output.status.code(), Some(2));
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!(report["summary"]["records_skipped"].as_u64().unwrap() >= 1);
    assert!(String::from_utf8_lossy(&output.stderr).contains("warning: skipped"));
}

#[test]
fn a_huge_line_is_an_error_not_a_crash() {
    let dir = temp_dir("scan");
    let file = dir.join("huge.txt");
    let mut text = String::from("Fire in Rome\n");
    text.push_str(&"x".repeat(10 * 1024 * 1024));
    text.push('\n');
    fs::write(&file, text).unwrap();
    neardup()
        .args(["scan", file.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("huge.txt:2:"));
}

const MIXED: &str = "fixtures/feeds/mixed-en-sv.txt";

#[test]
fn swedish_titles_sharing_only_function_words_are_not_grouped() {
    // Lines 3/4 share "mot", "i", "och", "på"; lines 7/8 "är inte", "i", "efter", "med":
    // read as English, each pair was a group. Lines 5/6 are one story reworded.
    let report = json_of(&["scan", MIXED, "--format", "json", "--exit-zero"]);
    assert_eq!(groups_by_line(&report), [vec![1, 2], vec![5, 6]]);
}

#[test]
fn a_fixed_english_reading_groups_swedish_function_words_again() {
    // The measure of what detection fixes: the same file read as English.
    let report = json_of(&[
        "scan",
        MIXED,
        "--format",
        "json",
        "--exit-zero",
        "--language",
        "english",
    ]);
    let groups = groups_by_line(&report);
    assert!(groups.contains(&vec![3, 4]), "{groups:?}");
}

/// The dated fixture: Punxsutawney Phil's shadow in 2025 (line 1) and 2026 (lines 3, 4), and a
/// council budget told twice in 2026 (lines 2, 5).
const DATED: &str = "fixtures/feeds/dated.jsonl";

#[test]
fn a_time_field_keeps_last_years_groundhog_out_of_this_years_story() {
    let dated = |extra: &[&str]| {
        let mut args = vec!["scan", DATED, "--format", "json"];
        args.extend_from_slice(extra);
        json_of(&args)
    };
    let untimed = dated(&[]);
    assert_eq!(groups_by_line(&untimed), [vec![1, 3, 4], vec![2, 5]]);
    let timed = dated(&["--time-field", "published"]);
    assert_eq!(groups_by_line(&timed), [vec![2, 5], vec![3, 4]]);
    assert_eq!(timed["summary"]["pairs_apart_in_time"], 2);
    let no_window = dated(&["--time-field", "published", "--time-window", "none"]);
    assert_eq!(groups_by_line(&no_window), groups_by_line(&untimed));
    // A window wider than the year between them links them again.
    let wide = dated(&["--time-field", "published", "--time-window", "400days"]);
    assert_eq!(groups_by_line(&wide), groups_by_line(&untimed));
}

#[test]
fn feed_dates_are_times_without_a_flag() {
    let feed = "fixtures/feeds/dated.rss";
    let timed = json_of(&["scan", feed, "--format", "json"]);
    assert_eq!(groups_by_line(&timed), [vec![13, 18]]);
    assert_eq!(timed["summary"]["pairs_apart_in_time"], 2);
    let untimed = json_of(&["scan", feed, "--format", "json", "--time-window", "none"]);
    assert_eq!(groups_by_line(&untimed), [vec![8, 13, 18]]);
}

#[test]
fn a_time_field_that_gives_no_time_is_a_warning_not_silence() {
    let output = neardup()
        .args([
            "scan",
            "fixtures/feeds/sample.txt",
            "--time-field",
            "published",
        ])
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("--time-field published: no record had a time"),
        "{stderr}"
    );
    let dated = neardup()
        .args(["scan", DATED, "--time-field", "published"])
        .output()
        .expect("runs");
    assert!(!String::from_utf8_lossy(&dated.stderr).contains("no record had a time"));
}
