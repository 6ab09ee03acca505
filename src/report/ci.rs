//! CI reports: the findings of a scan or a pair audit in the shape CI systems read, rendered
//! as SARIF ([`super::sarif`]), GitHub workflow commands ([`super::github`]) or JUnit XML
//! ([`super::junit`]).
//!
//! Both commands first turn their results into one [`CiReport`] (checked items with their
//! findings, each finding with a rule, a level, a location and the other title's location),
//! so each renderer is written once, behind [`CiRenderer`]. A finding *fails* when it is at
//! or above the run's fail level (`--fail-on` for scan, `--fail-on-severity` for pairs); a
//! failing finding is an error in every format, the others warnings or notes.

use std::io::{self, Write};

use crate::audit::{PairsSummary, Rule, Severity};
use crate::classify::Verdict;
use crate::read::{Location, RecordError};
use crate::report::findings::{PairFindings, ScanFindings};
use crate::report::pairs::{Collected, PairsReport};
use crate::report::sanitize;
use crate::rules::RuleDoc;
use crate::scan::ScanRule;

/// How loud a finding is, in SARIF's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// Information.
    Note,
    /// Worth a look, below the fail level.
    Warning,
    /// At or above the fail level: the run exits 1.
    Error,
}

impl Level {
    /// SARIF's name: `note`, `warning`, `error`.
    pub fn name(self) -> &'static str {
        match self {
            Level::Note => "note",
            Level::Warning => "warning",
            Level::Error => "error",
        }
    }

    /// The level of a finding: `Error` when it fails the run, else from its severity.
    pub fn of(severity: Severity, failing: bool) -> Level {
        match (failing, severity) {
            (true, _) => Level::Error,
            (false, Severity::Info) => Level::Note,
            (false, _) => Level::Warning,
        }
    }
}

/// Another place a finding points at: the representative, the original.
#[derive(Debug, Clone, PartialEq)]
pub struct RelatedLocation {
    /// Where it is.
    pub location: Location,
    /// What it is, e.g. `representative: "Fire in Rome"`.
    pub label: String,
}

/// One finding.
#[derive(Debug, Clone, PartialEq)]
pub struct CiFinding {
    /// The rule id, e.g. `ND003`.
    pub rule: &'static str,
    /// The rule name, e.g. `near-duplicate`.
    pub rule_name: &'static str,
    /// How loud.
    pub level: Level,
    /// Whether it is at or above the fail level.
    pub failing: bool,
    /// Where the finding is (the member, the rewrite).
    pub location: Location,
    /// The other title's location.
    pub related: Vec<RelatedLocation>,
    /// One line with the score and both titles.
    pub message: String,
    /// The baseline key, a stable fingerprint of the finding's content.
    pub fingerprint: String,
}

/// One checked item or group: a JUnit test case.
#[derive(Debug, Clone, PartialEq)]
pub struct CiCase {
    /// A short name: the group or the pair.
    pub name: String,
    /// Where it starts.
    pub location: Location,
    /// Its findings (none: the case passed).
    pub findings: Vec<CiFinding>,
}

/// Everything a CI renderer needs.
#[derive(Debug, Clone)]
pub struct CiReport {
    /// The command, e.g. `neardup scan`.
    pub command: &'static str,
    /// The rules that can appear, for SARIF's rule metadata.
    pub rules: Vec<RuleDoc>,
    /// Checked items with their findings.
    pub cases: Vec<CiCase>,
    /// Records that could not be read.
    pub errors: Vec<RecordError>,
    /// A one-line summary (the human summary line).
    pub summary: String,
}

impl CiReport {
    /// All findings, in report order.
    pub fn findings(&self) -> impl Iterator<Item = &CiFinding> {
        self.cases.iter().flat_map(|c| c.findings.iter())
    }

    /// How many findings fail the run.
    pub fn failing(&self) -> usize {
        self.findings().filter(|f| f.failing).count()
    }

    /// A scan's report: one case per group (and per related pair), one finding per member.
    /// A member fails at or above `fail_on`, unless it and its representative are both
    /// existing items (`--against`).
    ///
    /// Fingerprints come from `scan` (built with [`crate::report::findings::Needs::fingerprints`]); without them
    /// they are empty.
    pub fn from_scan(scan: &ScanFindings<'_>, summary: String) -> CiReport {
        let fail_on = scan.context.fail_on;
        let mut cases = Vec::new();
        for found in &scan.groups {
            let group = found.group;
            let rep = &group.representative;
            let mut keys = found.fingerprints.iter();
            let findings = group
                .members
                .iter()
                .map(|member| {
                    let rule = member.rule();
                    let failing =
                        member.verdict >= fail_on && !(member.item.existing && rep.existing);
                    CiFinding {
                        rule: rule.id(),
                        rule_name: rule.name(),
                        level: Level::of(rule.default_severity(), failing),
                        failing,
                        location: member.item.location.clone(),
                        related: vec![RelatedLocation {
                            location: rep.location.clone(),
                            label: format!("representative: \"{}\"", sanitize(&rep.title)),
                        }],
                        message: format!(
                            "same story as {} ({}, score {:.3}): \"{}\" ~ \"{}\"",
                            rep.location,
                            rule.verdict(),
                            member.score,
                            sanitize(&member.item.title),
                            sanitize(&rep.title)
                        ),
                        fingerprint: keys.next().map(ToString::to_string).unwrap_or_default(),
                    }
                })
                .collect();
            cases.push(CiCase {
                name: format!("group {}: {}", group.id, short(&rep.title)),
                location: rep.location.clone(),
                findings,
            });
        }
        let mut keys = scan.related_fingerprints.iter();
        for pair in &scan.report.related {
            let rule = ScanRule::Related;
            let failing = fail_on <= Verdict::Related;
            cases.push(CiCase {
                name: format!("related: {}", short(&pair.right.title)),
                location: pair.right.location.clone(),
                findings: vec![CiFinding {
                    rule: rule.id(),
                    rule_name: rule.name(),
                    level: Level::of(rule.default_severity(), failing),
                    failing,
                    location: pair.right.location.clone(),
                    related: vec![RelatedLocation {
                        location: pair.left.location.clone(),
                        label: format!("related title: \"{}\"", sanitize(&pair.left.title)),
                    }],
                    message: format!(
                        "related to {} (score {:.3}): \"{}\" ~ \"{}\"",
                        pair.left.location,
                        pair.score,
                        sanitize(&pair.right.title),
                        sanitize(&pair.left.title)
                    ),
                    fingerprint: keys.next().map(ToString::to_string).unwrap_or_default(),
                }],
            });
        }
        CiReport {
            command: "neardup scan",
            rules: ScanRule::ALL.into_iter().map(RuleDoc::from).collect(),
            cases,
            errors: scan.errors.to_vec(),
            summary,
        }
    }

    /// A pair audit's report: one case per pair, one finding per audit finding, at the
    /// rewrite's location with the original's as related. A finding fails at or above
    /// `fail_on`. Fingerprints come from `pairs` (built with [`crate::report::findings::Needs::fingerprints`]).
    pub fn from_pairs(
        pairs: &[PairFindings],
        errors: &[RecordError],
        fail_on: Severity,
        summary: String,
    ) -> CiReport {
        let cases = pairs
            .iter()
            .map(|found| {
                let pair = &found.pair;
                let mut keys = found.fingerprints.iter();
                let combined = pair.comparison.combined;
                let findings = pair
                    .findings
                    .iter()
                    .map(|finding| {
                        let failing = finding.severity >= fail_on;
                        CiFinding {
                            rule: finding.rule.id(),
                            rule_name: finding.rule.name(),
                            level: Level::of(finding.severity, failing),
                            failing,
                            location: pair.rewrite_location.clone(),
                            related: vec![RelatedLocation {
                                location: pair.original_location.clone(),
                                label: format!("original: \"{}\"", sanitize(&pair.original)),
                            }],
                            message: format!(
                                "{} ({} at {}, combined {:.3}): \"{}\" -> \"{}\"",
                                sanitize(&finding.message),
                                pair.comparison.verdict,
                                pair.location,
                                combined,
                                sanitize(&pair.original),
                                sanitize(&pair.rewrite)
                            ),
                            fingerprint: keys.next().map(ToString::to_string).unwrap_or_default(),
                        }
                    })
                    .collect();
                CiCase {
                    name: format!("{} -> {}", short(&pair.original), short(&pair.rewrite)),
                    location: pair.location.clone(),
                    findings,
                }
            })
            .collect();
        CiReport {
            command: "neardup pairs",
            rules: Rule::ALL.into_iter().map(RuleDoc::from).collect(),
            cases,
            errors: errors.to_vec(),
            summary,
        }
    }
}

/// A title cut to 60 characters for a test-case name.
fn short(title: &str) -> String {
    let clean = sanitize(title);
    if clean.chars().count() <= 60 {
        return clean.into_owned();
    }
    let mut cut: String = clean.chars().take(59).collect();
    cut.push('…');
    cut
}

/// The CI formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum CiFormat {
    /// SARIF 2.1.0, one document.
    Sarif,
    /// GitHub Actions workflow commands, one annotation per finding.
    Github,
    /// JUnit XML, one test case per checked item or group.
    Junit,
}

impl CiFormat {
    /// This format's renderer.
    pub fn renderer(self) -> &'static dyn CiRenderer {
        match self {
            CiFormat::Sarif => &super::sarif::Sarif,
            CiFormat::Github => &super::github::Github,
            CiFormat::Junit => &super::junit::Junit,
        }
    }

    /// Render `report` to `out`.
    pub fn write(self, out: &mut dyn Write, report: &CiReport) -> io::Result<()> {
        self.renderer().render(out, report)
    }
}

/// Writes a [`CiReport`] in one format.
pub trait CiRenderer {
    /// Write the whole report.
    fn render(&self, out: &mut dyn Write, report: &CiReport) -> io::Result<()>;
}

/// A [`PairsReport`] for the CI formats, in `format`, where findings at or above `fail_on`
/// fail. It collects the pairs and renders them at [`PairsReport::finish`].
pub fn ci_pairs_report<'w>(
    format: CiFormat,
    out: &'w mut dyn Write,
    fail_on: Severity,
) -> impl PairsReport + 'w {
    Collected::new(move |pairs, errors, summary: &PairsSummary| {
        let mut line = format!(
            "{} records read, {} pairs audited, {} invalid, {} skipped; {} findings in {} pairs",
            summary.records_read,
            summary.pairs_audited,
            summary.invalid,
            summary.skipped,
            summary.findings,
            summary.pairs_with_findings
        );
        if summary.baseline_suppressed + summary.baseline_stale > 0 {
            line.push_str(&format!(
                "; baseline: {} suppressed, {} stale",
                summary.baseline_suppressed, summary.baseline_stale
            ));
        }
        let report = CiReport::from_pairs(pairs, errors, fail_on, line);
        format.write(out, &report)
    })
}
