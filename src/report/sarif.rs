//! SARIF 2.1.0 (the format GitHub code scanning and most CI dashboards import): one result
//! per finding with its `ruleId`, the rule metadata in `tool.driver.rules`, the finding's
//! place as a `physicalLocation` and the other title's in `relatedLocations`. Records that
//! could not be read are `toolExecutionNotifications` of the invocation.
//!
//! Deterministic: no clock values, no absolute paths (URIs are the paths as given).

use std::io::{self, Write};

use serde_json::{Value, json};

use crate::read::Location;
use crate::report::ci::{CiRenderer, CiReport, Level};

/// The SARIF renderer.
#[derive(Debug, Clone, Copy)]
pub struct Sarif;

/// The schema URI written into every document.
pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

impl CiRenderer for Sarif {
    fn render(&self, out: &mut dyn Write, report: &CiReport) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, &document(report)).map_err(io::Error::from)?;
        writeln!(out)?;
        out.flush()
    }
}

/// A path as a URI reference: `/` separators, and everything outside the unreserved
/// characters and `/` percent-encoded.
pub fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.replace('\\', "/").bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(byte as char)
            }
            other => out.push_str(&format!("%{other:02X}")),
        }
    }
    out
}

fn physical(location: &Location) -> Value {
    json!({
        "artifactLocation": { "uri": uri(location.display_path()) },
        "region": { "startLine": location.line.max(1) },
    })
}

/// The SARIF document of a report.
pub fn document(report: &CiReport) -> Value {
    let rules: Vec<Value> = report
        .rules
        .iter()
        .map(|rule| {
            let level = match rule.severity {
                crate::audit::Severity::Info => Level::Note,
                crate::audit::Severity::Warning => Level::Warning,
                _ => Level::Error,
            };
            json!({
                "id": rule.id,
                "name": rule.name,
                "shortDescription": { "text": rule.summary },
                "fullDescription": { "text": rule.explanation },
                "help": { "text": format!("{}\n\nneardup explain {}", rule.explanation, rule.id) },
                "defaultConfiguration": { "level": level.name() },
            })
        })
        .collect();
    let results: Vec<Value> = report
        .findings()
        .map(|finding| {
            let index = report.rules.iter().position(|r| r.id == finding.rule);
            let related: Vec<Value> = finding
                .related
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    json!({
                        "id": i,
                        "physicalLocation": physical(&r.location),
                        "message": { "text": r.label },
                    })
                })
                .collect();
            let mut result = json!({
                "ruleId": finding.rule,
                "level": finding.level.name(),
                "message": { "text": format!("{} {}: {}", finding.rule, finding.rule_name, finding.message) },
                "locations": [{ "physicalLocation": physical(&finding.location) }],
                "relatedLocations": related,
                "partialFingerprints": { "neardup/v1": finding.fingerprint },
            });
            if let Some(index) = index {
                result["ruleIndex"] = json!(index);
            }
            result
        })
        .collect();
    let notifications: Vec<Value> = report
        .errors
        .iter()
        .map(|error| {
            json!({
                "level": "error",
                "message": { "text": error.message },
                "locations": [{ "physicalLocation": physical(&error.location) }],
            })
        })
        .collect();
    json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "neardup",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rules,
                }
            },
            "invocations": [{
                "commandLine": report.command,
                "executionSuccessful": report.errors.is_empty(),
                "toolExecutionNotifications": notifications,
            }],
            "results": results,
        }]
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_keep_relative_paths_and_encode_the_rest() {
        assert_eq!(
            uri("fixtures/feeds/sample.jsonl"),
            "fixtures/feeds/sample.jsonl"
        );
        assert_eq!(uri("my feeds\\a#b.txt"), "my%20feeds/a%23b.txt");
        assert_eq!(uri("<stdin>"), "%3Cstdin%3E");
    }
}
