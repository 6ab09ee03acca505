//! GitHub Actions workflow commands: one `::error` (at or above the fail level), `::warning`
//! or `::notice` line per finding, which GitHub shows as an annotation on the file and line:
//!
//! ```text
//! ::error file=feed.jsonl,line=3,title=ND003 near-duplicate::near-duplicate of feed.jsonl:1 (score 0.983): "…" ~ "…"
//! ```
//!
//! Values are escaped as the runner requires: `%`, `\r` and `\n` everywhere, and `:` and `,`
//! in properties. Records that could not be read are `::error` lines too; a plain summary
//! line closes the output.

use std::io::{self, Write};

use crate::report::ci::{CiRenderer, CiReport, Level};

/// The GitHub workflow-command renderer.
#[derive(Debug, Clone, Copy)]
pub struct Github;

/// Escape a command's message.
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a property value (`file=…`, `title=…`).
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

fn command(level: Level) -> &'static str {
    match level {
        Level::Error => "error",
        Level::Warning => "warning",
        Level::Note => "notice",
    }
}

impl CiRenderer for Github {
    fn render(&self, out: &mut dyn Write, report: &CiReport) -> io::Result<()> {
        for error in &report.errors {
            writeln!(
                out,
                "::error file={},line={},title={}::{}",
                escape_property(error.location.display_path()),
                error.location.line,
                escape_property("neardup input error"),
                escape_data(&error.message)
            )?;
        }
        for finding in report.findings() {
            writeln!(
                out,
                "::{} file={},line={},title={}::{}",
                command(finding.level),
                escape_property(finding.location.display_path()),
                finding.location.line,
                escape_property(&format!("{} {}", finding.rule, finding.rule_name)),
                escape_data(&finding.message)
            )?;
        }
        writeln!(
            out,
            "{}: {} findings, {} at or above the fail level; {}",
            report.command,
            report.findings().count(),
            report.failing(),
            report.summary
        )?;
        out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_the_runner_requires() {
        assert_eq!(
            escape_data("100% sure\r\nnext: a, b"),
            "100%25 sure%0D%0Anext: a, b"
        );
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }
}
