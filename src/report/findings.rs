//! The report-building step: a scan's result or an audited pair turned into findings that
//! already carry what renderers show — each group member's word diff against the
//! representative and each finding's fingerprint (its baseline key).
//!
//! Renderers never analyze a title themselves. A renderer says what it shows through
//! [`Needs`], and only that is computed: a million-member JSON document needs neither
//! diffs nor fingerprints, a CI report needs fingerprints, the human and HTML reports
//! need diffs.

use std::collections::HashMap;

use rayon::prelude::*;

use crate::audit::AuditedPair;
use crate::baseline::{self, BaselineKey};
use crate::classify::{Thresholds, Verdict};
use crate::diff::{WordDiff, diff};
use crate::features::Analyzer;
use crate::read::RecordError;
use crate::scan::{Group, Member, ScanReport};

/// What a renderer needs computed for it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Needs {
    /// Each group's members gathered into runs of the same text and verdict, each run with
    /// its word diff against the representative.
    pub diffs: bool,
    /// Each finding's fingerprint.
    pub fingerprints: bool,
}

/// How a scan was run, for reports that say so (the HTML header, the CI levels).
#[derive(Debug, Clone, PartialEq)]
pub struct ScanContext {
    /// The inputs as given, in reading order (`--against` inputs first).
    pub inputs: Vec<String>,
    /// The verdict thresholds in force.
    pub thresholds: Thresholds,
    /// Members at or above this verdict fail the run.
    pub fail_on: Verdict,
}

/// Members of one group with the same text and verdict: one line of the human report.
#[derive(Debug, Clone)]
pub struct MemberRun<'a> {
    /// The members, in input order (at least one).
    pub members: Vec<&'a Member>,
    /// The word diff from the representative to the run's title; `None` for exact and
    /// identical copies, whose diff says nothing.
    pub diff: Option<WordDiff>,
}

impl<'a> MemberRun<'a> {
    /// The run's first member, which stands for all of them.
    pub fn first(&self) -> &'a Member {
        self.members[0]
    }
}

/// One group with what its renderers show.
#[derive(Debug, Clone)]
pub struct GroupFindings<'a> {
    /// The group.
    pub group: &'a Group,
    /// Its members in runs, in order of first appearance; empty unless [`Needs::diffs`].
    pub runs: Vec<MemberRun<'a>>,
    /// One fingerprint per member, in member order; empty unless [`Needs::fingerprints`].
    pub fingerprints: Vec<BaselineKey>,
}

/// A scan's findings, ready for any renderer.
#[derive(Debug, Clone)]
pub struct ScanFindings<'a> {
    /// What the scan found (already filtered to what should be shown).
    pub report: &'a ScanReport,
    /// Records that could not be read.
    pub errors: &'a [RecordError],
    /// How the scan was run.
    pub context: &'a ScanContext,
    /// One entry per group of `report`, in the same order.
    pub groups: Vec<GroupFindings<'a>>,
    /// One fingerprint per related pair; empty unless [`Needs::fingerprints`].
    pub related_fingerprints: Vec<BaselineKey>,
}

impl<'a> ScanFindings<'a> {
    /// Build the findings of `report` that a renderer with `needs` shows; `analyzer` is the
    /// scan's, so diffs and fingerprints are those of every other command.
    pub fn build(
        report: &'a ScanReport,
        errors: &'a [RecordError],
        context: &'a ScanContext,
        analyzer: &Analyzer,
        needs: Needs,
    ) -> Self {
        let mut keys = if needs.fingerprints {
            baseline::scan_findings(report, analyzer)
                .into_iter()
                .map(|(key, _)| key)
                .collect()
        } else {
            Vec::new()
        }
        .into_iter();
        let runs: Vec<Vec<MemberRun<'a>>> = if needs.diffs {
            report
                .groups
                .par_iter()
                .map(|group| member_runs(group, analyzer))
                .collect()
        } else {
            Vec::new()
        };
        let mut runs = runs.into_iter();
        let groups = report
            .groups
            .iter()
            .map(|group| GroupFindings {
                group,
                runs: runs.next().unwrap_or_default(),
                fingerprints: keys.by_ref().take(group.members.len()).collect(),
            })
            .collect();
        ScanFindings {
            report,
            errors,
            context,
            groups,
            related_fingerprints: keys.collect(),
        }
    }
}

/// Members with the same text and verdict in runs, in order of first appearance, each with
/// its diff against the representative (below `identical` only).
fn member_runs<'a>(group: &'a Group, analyzer: &Analyzer) -> Vec<MemberRun<'a>> {
    let mut order: Vec<(Verdict, &str)> = Vec::new();
    let mut runs: HashMap<(Verdict, &str), Vec<&Member>> = HashMap::new();
    for member in &group.members {
        let key = (member.verdict, &*member.item.title);
        runs.entry(key)
            .or_insert_with(|| {
                order.push(key);
                Vec::new()
            })
            .push(member);
    }
    let mut representative = None;
    order
        .into_iter()
        .map(|key| {
            let members = runs.remove(&key).unwrap_or_default();
            let diff = (key.0 < Verdict::Identical).then(|| {
                let head = representative
                    .get_or_insert_with(|| analyzer.analyze(&group.representative.title));
                diff(head, &analyzer.analyze(key.1))
            });
            MemberRun { members, diff }
        })
        .collect()
}

/// One audited pair with its findings' fingerprints.
#[derive(Debug, Clone)]
pub struct PairFindings {
    /// The pair, its comparison (with the diff) and its findings.
    pub pair: AuditedPair,
    /// One fingerprint per finding, in finding order; empty unless [`Needs::fingerprints`].
    pub fingerprints: Vec<BaselineKey>,
}

impl PairFindings {
    /// Build what a renderer with `needs` shows of `pair`.
    pub fn build(pair: AuditedPair, analyzer: &Analyzer, needs: Needs) -> Self {
        let fingerprints = if needs.fingerprints {
            pair.findings
                .iter()
                .map(|finding| baseline::pair_finding(&pair, finding, analyzer).0)
                .collect()
        } else {
            Vec::new()
        };
        PairFindings { pair, fingerprints }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::Location;
    use crate::scan::Item;

    fn member(title: &str, line: u64, verdict: Verdict) -> Member {
        Member {
            item: Item {
                location: Location::new("feed.txt", line),
                title: title.into(),
                existing: false,
            },
            verdict,
            score: 0.9,
        }
    }

    #[test]
    fn runs_gather_same_text_and_verdict_and_only_edits_carry_a_diff() {
        let group = Group {
            id: 1,
            representative: member("Fire in Rome kills three", 1, Verdict::Exact).item,
            members: vec![
                member("Fire in Rome kills three", 2, Verdict::Exact),
                member("Fire in Rome kills four", 3, Verdict::NearDuplicate),
                member("Fire in Rome kills three", 4, Verdict::Exact),
            ],
        };
        let analyzer = Analyzer::default();
        let runs = member_runs(&group, &analyzer);
        let lines: Vec<Vec<u64>> = runs
            .iter()
            .map(|r| r.members.iter().map(|m| m.item.location.line).collect())
            .collect();
        assert_eq!(lines, [vec![2, 4], vec![3]]);
        assert!(runs[0].diff.is_none());
        assert_eq!(runs[1].diff.as_ref().map(WordDiff::edits), Some(2));
    }
}
