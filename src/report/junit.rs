//! JUnit XML, which most CI systems show as a test report: one `<testcase>` per checked item
//! or group, a `<failure>` when it has findings at or above the fail level (every failing
//! finding in its text), the other findings in `<system-out>`, and one `<testcase>` with an
//! `<error>` per record that could not be read. A clean run has one passing case, so the
//! report is never empty. Text is XML-escaped and stripped of characters XML 1.0 forbids.

use std::io::{self, Write};

use crate::report::ci::{CiRenderer, CiReport};

/// The JUnit XML renderer.
#[derive(Debug, Clone, Copy)]
pub struct Junit;

/// Escape text for an XML attribute or element, dropping characters XML 1.0 cannot hold.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

impl CiRenderer for Junit {
    fn render(&self, out: &mut dyn Write, report: &CiReport) -> io::Result<()> {
        let suite = report.command;
        let classname = suite.replace(' ', ".");
        let failures = report
            .cases
            .iter()
            .filter(|c| c.findings.iter().any(|f| f.failing))
            .count();
        let errors = report.errors.len();
        let tests = report.cases.len().max(1) + errors;
        writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
        writeln!(
            out,
            r#"<testsuites name="{suite}" tests="{tests}" failures="{failures}" errors="{errors}">"#
        )?;
        writeln!(
            out,
            r#"  <testsuite name="{suite}" tests="{tests}" failures="{failures}" errors="{errors}">"#
        )?;
        for error in &report.errors {
            writeln!(
                out,
                r#"    <testcase classname="{classname}" name="{}" file="{}" line="{}">"#,
                escape(&format!("read {}", error.location)),
                escape(error.location.display_path()),
                error.location.line
            )?;
            writeln!(
                out,
                r#"      <error type="input" message="{}"/>"#,
                escape(&error.message)
            )?;
            writeln!(out, "    </testcase>")?;
        }
        if report.cases.is_empty() {
            writeln!(
                out,
                r#"    <testcase classname="{classname}" name="no findings"/>"#
            )?;
        }
        for case in &report.cases {
            writeln!(
                out,
                r#"    <testcase classname="{classname}" name="{}" file="{}" line="{}">"#,
                escape(&case.name),
                escape(case.location.display_path()),
                case.location.line
            )?;
            let (failing, other): (Vec<_>, Vec<_>) = case.findings.iter().partition(|f| f.failing);
            let line = |f: &crate::report::ci::CiFinding| {
                format!(
                    "{} {} {} at {}: {}",
                    f.level.name(),
                    f.rule,
                    f.rule_name,
                    f.location,
                    f.message
                )
            };
            if let Some(first) = failing.first() {
                let message = if failing.len() == 1 {
                    format!("{} {}", first.rule, first.rule_name)
                } else {
                    format!(
                        "{} {} and {} more",
                        first.rule,
                        first.rule_name,
                        failing.len() - 1
                    )
                };
                let body: Vec<String> = failing.iter().map(|f| line(f)).collect();
                writeln!(
                    out,
                    r#"      <failure type="{}" message="{}">{}</failure>"#,
                    escape(first.rule),
                    escape(&message),
                    escape(&body.join("\n"))
                )?;
            }
            if !other.is_empty() {
                let body: Vec<String> = other.iter().map(|f| line(f)).collect();
                writeln!(
                    out,
                    "      <system-out>{}</system-out>",
                    escape(&body.join("\n"))
                )?;
            }
            writeln!(out, "    </testcase>")?;
        }
        writeln!(
            out,
            "    <system-out>{}</system-out>",
            escape(&report.summary)
        )?;
        writeln!(out, "  </testsuite>")?;
        writeln!(out, "</testsuites>")?;
        out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_forbidden_characters() {
        assert_eq!(
            escape("<b>\"Tom & Jerry's\"</b>\u{1b}[2J"),
            "&lt;b&gt;&quot;Tom &amp; Jerry&apos;s&quot;&lt;/b&gt;[2J"
        );
    }
}
