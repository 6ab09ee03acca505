//! JUnit XML, which most CI systems show as a test report: one `<testcase>` per checked item
//! or group (with `file` and `line` attributes), a `<failure>` when it has findings at or
//! above the fail level (every failing finding in its text), the other findings in
//! `<system-out>`, and one `<testcase>` with an `<error>` per record that could not be read.
//! A clean run has one passing case, so the report is never empty. Text is XML-escaped and
//! stripped of characters XML 1.0 forbids.

use std::io::{self, Write};

use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite, XmlString};

use crate::read::Location;
use crate::report::ci::{CiFinding, CiRenderer, CiReport};

/// The JUnit XML renderer, on quick-junit (the data model and serializer cargo-nextest
/// writes its JUnit reports with): it counts tests, failures and errors from the cases
/// themselves, escapes text and drops the characters XML 1.0 cannot hold.
#[derive(Debug, Clone, Copy)]
pub struct Junit;

impl CiRenderer for Junit {
    fn render(&self, out: &mut dyn Write, report: &CiReport) -> io::Result<()> {
        let name = report.command;
        let classname = name.replace(' ', ".");
        let mut suite = TestSuite::new(name);
        for error in &report.errors {
            let mut status = TestCaseStatus::non_success(NonSuccessKind::Error);
            status.set_type("input").set_message(error.message.as_str());
            let case = test_case(
                &format!("read {}", error.location),
                &classname,
                &error.location,
                status,
            );
            suite.add_test_case(case);
        }
        if report.cases.is_empty() {
            let mut case = TestCase::new("no findings", TestCaseStatus::success());
            case.set_classname(classname.as_str());
            suite.add_test_case(case);
        }
        for case in &report.cases {
            let (failing, other): (Vec<_>, Vec<_>) = case.findings.iter().partition(|f| f.failing);
            let status = match failing.first() {
                None => TestCaseStatus::success(),
                Some(first) => {
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
                    let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
                    status
                        .set_type(first.rule)
                        .set_message(message)
                        .set_description(lines(&failing));
                    status
                }
            };
            let mut test = test_case(&case.name, &classname, &case.location, status);
            if !other.is_empty() {
                test.set_system_out(lines(&other));
            }
            suite.add_test_case(test);
        }
        suite.set_system_out(report.summary.as_str());
        let mut document = Report::new(name);
        document.add_test_suite(suite);
        document.serialize(&mut *out).map_err(io::Error::other)?;
        writeln!(out)?;
        out.flush()
    }
}

/// A test case with its class name and the file and line it is about.
fn test_case(name: &str, classname: &str, location: &Location, status: TestCaseStatus) -> TestCase {
    let mut case = TestCase::new(name, status);
    case.set_classname(classname);
    case.extra.insert(
        XmlString::new("file"),
        XmlString::new(location.display_path()),
    );
    case.extra.insert(
        XmlString::new("line"),
        XmlString::new(location.line.to_string()),
    );
    case
}

/// One line per finding: level, rule, location and message.
fn lines(findings: &[&CiFinding]) -> String {
    findings
        .iter()
        .map(|f| {
            format!(
                "{} {} {} at {}: {}",
                f.level.name(),
                f.rule,
                f.rule_name,
                f.location,
                f.message
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::ci::CiCase;

    #[test]
    fn escapes_markup_and_drops_characters_xml_cannot_hold() {
        let report = CiReport {
            command: "neardup scan",
            rules: Vec::new(),
            cases: vec![CiCase {
                name: "<b>\"Tom & Jerry's\"</b>\u{1b}[2J".to_owned(),
                location: Location::new("a&b.txt", 3),
                findings: Vec::new(),
            }],
            errors: Vec::new(),
            summary: "1 records read".to_owned(),
        };
        let mut out = Vec::new();
        Junit.render(&mut out, &report).unwrap();
        let xml = String::from_utf8(out).unwrap();
        assert!(xml.contains("&lt;b&gt;"), "{xml}");
        assert!(xml.contains("Tom &amp; Jerry"), "{xml}");
        assert!(xml.contains("file=\"a&amp;b.txt\" line=\"3\""), "{xml}");
        assert!(!xml.contains('\u{1b}'), "{xml}");
        assert!(
            xml.contains("tests=\"1\"") && xml.contains("failures=\"0\""),
            "{xml}"
        );
    }
}
