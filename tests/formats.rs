//! The output contract of every `--format` of `scan` and `pairs`: each command and format on
//! fixtures that hold findings and a bad record, byte for byte (stdout and stderr).
//! Renderer changes must leave these snapshots as they are unless the format itself changes.

mod common;
use common::neardup;

/// Scan inputs: a feed with every verdict, and a file with a malformed record.
const SCAN_INPUTS: [&str; 2] = [
    "fixtures/feeds/sample.jsonl",
    "fixtures/bad/malformed.jsonl",
];
/// Pairs inputs: the seed page and a file with malformed pairs.
const PAIRS_INPUTS: [&str; 2] = [
    "fixtures/pages/related-stories-page.txt",
    "fixtures/bad/malformed-pairs.jsonl",
];
/// Every format both batch commands share (html has its own tests).
const FORMATS: [&str; 7] = ["human", "json", "jsonl", "csv", "sarif", "github", "junit"];

fn run(command: &str, inputs: &[&str], format: &str) -> String {
    let output = neardup()
        .arg(command)
        .args(inputs)
        .args(["--format", format, "--color", "never"])
        .output()
        .expect("runs");
    format!(
        "exit: {:?}\n--- stdout\n{}--- stderr\n{}",
        output.status.code(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[test]
fn every_scan_format_is_byte_for_byte_as_before() {
    for format in FORMATS {
        insta::assert_snapshot!(format!("scan_{format}"), run("scan", &SCAN_INPUTS, format));
    }
}

#[test]
fn every_pairs_format_is_byte_for_byte_as_before() {
    for format in FORMATS {
        insta::assert_snapshot!(
            format!("pairs_{format}"),
            run("pairs", &PAIRS_INPUTS, format)
        );
    }
}

#[test]
fn scan_with_related_pairs_and_topics_in_every_format() {
    for format in FORMATS {
        let output = neardup()
            .args([
                "scan",
                "fixtures/pages/related-stories-page.txt",
                "--topics",
            ])
            .args(["--min-verdict", "related", "--format", format])
            .args(["--color", "never"])
            .output()
            .expect("runs");
        insta::assert_snapshot!(
            format!("scan_related_{format}"),
            String::from_utf8_lossy(&output.stdout)
        );
    }
}

#[test]
fn a_read_error_is_printed_once_on_stderr_in_human_mode_and_in_the_document_otherwise() {
    let errors = [
        ("scan", SCAN_INPUTS, "invalid JSON at column 68"),
        ("pairs", PAIRS_INPUTS, "invalid JSON at column 40"),
    ];
    for (command, inputs, bad) in errors {
        let output = neardup()
            .arg(command)
            .args(inputs)
            .args(["--color", "never"])
            .output()
            .expect("runs");
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!stdout.contains(bad), "{command}: {stdout}");
        assert_eq!(stderr.matches(bad).count(), 1, "{command}: {stderr}");
        for format in ["json", "jsonl", "sarif", "junit", "github", "html"] {
            let output = neardup()
                .arg(command)
                .args(inputs)
                .args(["--format", format])
                .output()
                .expect("runs");
            let stdout = String::from_utf8_lossy(&output.stdout);
            assert!(stdout.contains(bad), "{command} {format}");
        }
    }
}
