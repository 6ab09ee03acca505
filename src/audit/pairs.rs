//! Auditing a batch of original/rewrite records (`neardup pairs`): one [`AuditedPair`] per
//! record, and the [`PairsSummary`] every report ends with.
//!
//! [`PairAuditor`] bundles what a batch shares (the comparer, the lexicon, the policy) so the
//! caller only feeds it records; the counting lives in [`PairsSummary`] so every output
//! format reports the same numbers.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{AuditPolicy, Finding, Lexicon, Rule, Severity, audit};
use crate::compare::{Comparer, Comparison};
use crate::read::{Location, PairRecord};

/// One record's result: the pair, every score, the verdict, the diff and the findings.
#[derive(Debug, Clone)]
pub struct AuditedPair {
    /// Where the record starts.
    pub location: Location,
    /// Where the original headline is (the record's location for one-line records).
    pub original_location: Location,
    /// Where the rewrite is (a page puts it on a later line than the original).
    pub rewrite_location: Location,
    /// The original headline as read.
    pub original: String,
    /// The rewrite as read.
    pub rewrite: String,
    /// The teaser under the rewrite, when the input has one.
    pub teaser: Option<String>,
    /// The comparer's result, original left and rewrite right.
    pub comparison: Comparison,
    /// The audit's findings, in rule order, allowed rules left out.
    pub findings: Vec<Finding>,
}

impl AuditedPair {
    /// The most serious finding's severity, `None` without findings.
    pub fn max_severity(&self) -> Option<Severity> {
        self.findings.iter().map(|f| f.severity).max()
    }
}

/// Audits records with a frozen comparer, lexicon and policy.
#[derive(Debug)]
pub struct PairAuditor {
    comparer: Comparer,
    lexicon: Lexicon,
    policy: AuditPolicy,
}

impl PairAuditor {
    /// An auditor from its parts.
    pub fn new(comparer: Comparer, lexicon: Lexicon, policy: AuditPolicy) -> Self {
        Self {
            comparer,
            lexicon,
            policy,
        }
    }

    /// The comparer (its analyzer normalizes titles for baseline keys).
    pub fn comparer(&self) -> &Comparer {
        &self.comparer
    }

    /// Compare and audit one record.
    pub fn audit(&self, record: PairRecord) -> AuditedPair {
        let analyzer = self.comparer.analyzer();
        let original = analyzer.analyze(&record.original);
        let rewrite = analyzer.analyze(&record.rewrite);
        let comparison = self.comparer.compare_titles(&original, &rewrite);
        let findings = audit(
            &original,
            &rewrite,
            &comparison,
            &self.lexicon,
            &self.policy,
        );
        AuditedPair {
            location: record.location,
            original_location: record.original_location,
            rewrite_location: record.rewrite_location,
            original: record.original,
            rewrite: record.rewrite,
            teaser: record.teaser,
            comparison,
            findings,
        }
    }
}

/// Counts for the end of a report. Records read = pairs audited + invalid + skipped.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct PairsSummary {
    /// Every record met, good or bad.
    pub records_read: u64,
    /// Records reported as errors (they make the run exit 2).
    pub invalid: u64,
    /// Bad records skipped with `--skip-invalid`.
    pub skipped: u64,
    /// Inputs that could not be read at all or stopped early (binary, empty, I/O errors).
    pub input_errors: u64,
    /// Records compared and audited.
    pub pairs_audited: u64,
    /// Pairs with at least one finding.
    pub pairs_with_findings: u64,
    /// All findings.
    pub findings: u64,
    /// Findings by severity.
    pub by_severity: BTreeMap<Severity, u64>,
    /// Findings by rule, then severity (a rule can report a weak case at a lower severity).
    pub by_rule: BTreeMap<Rule, BTreeMap<Severity, u64>>,
    /// Findings a baseline accepted, left out (see [`crate::baseline`]); set by the caller.
    /// Not serialized when 0.
    #[serde(skip_serializing_if = "is_zero")]
    pub baseline_suppressed: u64,
    /// Baseline entries that matched no finding; set by the caller. Not serialized when 0.
    #[serde(skip_serializing_if = "is_zero")]
    pub baseline_stale: u64,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

impl PairsSummary {
    /// Count an audited pair.
    pub fn add_pair(&mut self, pair: &AuditedPair) {
        self.records_read += 1;
        self.pairs_audited += 1;
        if !pair.findings.is_empty() {
            self.pairs_with_findings += 1;
        }
        self.findings += pair.findings.len() as u64;
        for f in &pair.findings {
            *self.by_severity.entry(f.severity).or_default() += 1;
            *self
                .by_rule
                .entry(f.rule)
                .or_default()
                .entry(f.severity)
                .or_default() += 1;
        }
    }

    /// Count a bad record reported as an error.
    pub fn add_invalid(&mut self) {
        self.records_read += 1;
        self.invalid += 1;
    }

    /// Count an input that failed as a whole (it holds no readable record).
    pub fn add_input_error(&mut self) {
        self.input_errors += 1;
    }

    /// Count records a reader skipped with `skip_invalid`.
    pub fn add_skipped(&mut self, skipped: u64) {
        self.records_read += skipped;
        self.skipped += skipped;
    }

    /// Findings at or above `level`.
    pub fn findings_at_or_above(&self, level: Severity) -> u64 {
        self.by_severity
            .iter()
            .filter(|(s, _)| **s >= level)
            .map(|(_, n)| n)
            .sum()
    }

    /// Whether any record or input failed (the run should exit 2).
    pub fn has_errors(&self) -> bool {
        self.invalid > 0 || self.input_errors > 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(original: &str, rewrite: &str) -> PairRecord {
        let location = Location::new("t.csv", 2);
        PairRecord {
            location: location.clone(),
            original: original.to_owned(),
            rewrite: rewrite.to_owned(),
            teaser: None,
            original_location: location.clone(),
            rewrite_location: location,
        }
    }

    #[test]
    fn the_summary_counts_pairs_findings_and_bad_records() {
        let auditor = PairAuditor::new(
            Comparer::default(),
            Lexicon::default(),
            AuditPolicy::default(),
        );
        let mut summary = PairsSummary::default();
        let hockey = auditor.audit(record(
            "US beats Canada 2-1 in overtime to win first men's hockey championship at the Olympics since 1980",
            "Historic Victory: Team USA Clinches First Olympic Men's Hockey Gold in 43 Years with Thrilling Overtime Win Against Canada",
        ));
        assert_eq!(hockey.max_severity(), Some(Severity::Error));
        summary.add_pair(&hockey);
        let plain = auditor.audit(record(
            "Vanderbilt to stop offering transgender surgery for adults",
            "Vanderbilt University to Cease Adult Transgender Surgery Services",
        ));
        assert_eq!(plain.findings, []);
        summary.add_pair(&plain);
        summary.add_invalid();
        summary.add_skipped(3);
        assert_eq!(summary.records_read, 6);
        assert_eq!(summary.pairs_audited, 2);
        assert_eq!(summary.pairs_with_findings, 1);
        assert_eq!(summary.by_rule[&Rule::NumberChanged][&Severity::Error], 1);
        assert_eq!(summary.findings_at_or_above(Severity::Error), 1);
        assert_eq!(summary.findings, hockey.findings.len() as u64);
        assert!(summary.has_errors());
    }
}
