//! The HTML reports in a real browser: headless Debian Chromium, driven by a small Node
//! script with playwright-core (`tests/browser/check.mjs`), loads the seed page's scan and
//! pairs reports and the hostile-titles reports, and checks that nothing but the page's own
//! script runs, that nothing is fetched and that the console stays clean; screenshots go to
//! `target/tmp/browser/`.
//!
//! It needs `/usr/bin/chromium` and `npm ci --prefix tests/browser`, so it is ignored by a
//! plain `cargo test`; `.ci/run` installs both and runs it with `--ignored`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

mod common;
use common::write_html;

fn out_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser");
    fs::create_dir_all(&dir).expect("output directory");
    dir
}

/// Write a report with `args` to `dir/name`.
fn report(dir: &Path, name: &str, args: &[&str]) -> PathBuf {
    let path = dir.join(name);
    let output = write_html(args, &path);
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "{name}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    path
}

/// Run the browser check on `reports` (each `path` or `path=expected title text`).
fn browser_check(dir: &Path, reports: &[String]) -> (bool, String) {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/check.mjs");
    let output = Command::new("node")
        .arg(script)
        .arg(dir)
        .args(reports)
        .output()
        .expect("node runs (install Node.js, then `npm ci --prefix tests/browser`)");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.success(), text)
}

#[test]
#[ignore = "needs Chromium and playwright-core; .ci/run runs it"]
fn reports_load_in_chromium_with_no_request_no_console_error_and_no_script_from_a_title() {
    let dir = out_dir();
    let page = "fixtures/pages/related-stories-page.txt";
    let hostile_path = dir.join("\"><img src=x onerror=alert(2)>.txt");
    fs::copy("fixtures/hostile/titles.txt", &hostile_path).expect("copy");
    let hostile_path = hostile_path.to_str().expect("UTF-8 path");
    let reports = [
        report(&dir, "seed-scan.html", &["scan", page]),
        report(&dir, "seed-pairs.html", &["pairs", page, "--exit-zero"]),
        report(
            &dir,
            "hostile-scan.html",
            &["scan", "fixtures/hostile/titles.txt", hostile_path],
        ),
        report(
            &dir,
            "hostile-pairs.html",
            &["pairs", "fixtures/hostile/pairs.jsonl", "--exit-zero"],
        ),
    ];
    let expected = [
        "",
        "",
        "=<script>alert(1)</script> Fire in Rome kills three",
        "=<svg onload=alert(1)> Storm closes all schools",
    ];
    let args: Vec<String> = reports
        .iter()
        .zip(expected)
        .map(|(path, text)| format!("{}{text}", path.display()))
        .collect();
    let (passed, output) = browser_check(&dir, &args);
    // What Chromium measured (load times, element counts), for the record.
    fs::write(dir.join("browser-check.jsonl"), &output).expect("write the results");
    assert!(passed, "{output}");
    for name in ["seed-scan.png", "hostile-scan.png"] {
        let size = fs::metadata(dir.join(name)).map(|m| m.len()).unwrap_or(0);
        assert!(size > 10_000, "{name}: {size} bytes");
    }
}

#[test]
#[ignore = "needs Chromium and playwright-core; .ci/run runs it"]
fn the_browser_check_fails_on_a_page_where_a_title_became_markup() {
    let dir = out_dir();
    let page = report(
        &dir,
        "tampered.html",
        &["scan", "fixtures/hostile/titles.txt"],
    );
    // What an unescaped title would have written.
    let html = fs::read_to_string(&page).expect("page");
    let escaped = "&#60;img src=x onerror=alert(1)&#62;";
    assert!(html.contains(escaped));
    fs::write(&page, html.replace(escaped, "<img src=x onerror=alert(1)>")).expect("write");
    let (passed, output) = browser_check(&dir, &[page.display().to_string()]);
    assert!(!passed, "{output}");
    assert!(output.contains("event handler"), "{output}");
    assert!(output.contains("network requests"), "{output}");
}
