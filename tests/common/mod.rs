//! Helpers shared by the command-line test files.
#![allow(
    dead_code,
    reason = "each test binary uses its own subset of these helpers"
)]

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use assert_cmd::Command;

/// The binary, with no config file from the surroundings and colour left to the test.
pub fn neardup() -> Command {
    let mut cmd = raw();
    cmd.arg("--no-config");
    cmd
}

/// The binary as a user runs it: it looks for a config file.
pub fn raw() -> Command {
    let mut cmd = Command::cargo_bin("neardup").expect("the binary is built");
    cmd.env_remove("NO_COLOR").env_remove("CLICOLOR_FORCE");
    cmd
}

/// Run and return standard output.
pub fn stdout_of(cmd: &mut Command) -> String {
    let output = cmd.output().expect("runs");
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

/// A fresh, empty directory in the system temp dir, unique to this call; it is left in place
/// so that a failure can be inspected.
pub fn temp_dir(name: &str) -> PathBuf {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "neardup-test-{name}-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// Run `neardup ARGS --format html --output PATH`, writing the page to `path`.
pub fn write_html(args: &[&str], path: &std::path::Path) -> std::process::Output {
    neardup()
        .args(args)
        .args(["--format", "html", "--output"])
        .arg(path)
        .output()
        .expect("runs")
}
