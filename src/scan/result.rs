//! What a scan reports: groups of records that tell one story, related pairs across them,
//! topics, and the counts every report carries.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;

use super::ScanRule;
use crate::classify::Verdict;
use crate::read::Location;

/// A record as reports show it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Item {
    /// Where it is.
    pub location: Location,
    /// Its text as read.
    pub title: Arc<str>,
    /// Whether it belongs to the existing corpus (`--against`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub existing: bool,
}

/// A group member and how it relates to the representative.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Member {
    /// The record.
    #[serde(flatten)]
    pub item: Item,
    /// Its verdict against the representative.
    pub verdict: Verdict,
    /// Its combined score against the representative.
    pub score: f64,
}

/// Items that tell the same story.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Group {
    /// 1-based, in order of each group's earliest title.
    pub id: usize,
    /// The first occurrence of the group's most central title: the one with the highest sum
    /// of combined scores to the other titles of the group.
    pub representative: Item,
    /// Every other item, in input order.
    pub members: Vec<Member>,
}

impl Member {
    /// The rule this member is reported under (its verdict's rule).
    pub fn rule(&self) -> ScanRule {
        ScanRule::for_verdict(self.verdict).unwrap_or(ScanRule::Related)
    }
}

/// One story of a topic: a group, or a title that is a group of its own.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Story {
    /// The group's id, or `None` for a title without a group.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<usize>,
    /// The group's representative, or the title's first occurrence.
    pub representative: Item,
}

/// Different stories about one subject (at least two stories).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Topic {
    /// 1-based, in order of the first story's first appearance.
    pub id: usize,
    /// Its stories, in order of first appearance.
    pub stories: Vec<Story>,
}

/// A verified pair of titles from different groups, `related` but not the same story.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RelatedPair {
    /// The earlier title's first occurrence.
    pub left: Item,
    /// The later title's first occurrence.
    pub right: Item,
    /// The combined score.
    pub score: f64,
}

/// Counts that every report carries.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ScanSummary {
    /// Records read.
    pub records_read: u64,
    /// Records skipped as invalid (`--skip-invalid`); set by the caller that read them.
    pub records_skipped: u64,
    /// Byte-unique texts.
    pub unique_texts: usize,
    /// Distinct titles after normalization: the items the index compares.
    pub distinct_titles: usize,
    /// Candidate pairs the index produced (every pair of distinct titles whose IDF-weighted
    /// Dice reaches the candidate threshold), each verified with the full scorer.
    pub candidate_pairs: usize,
    /// Candidate pairs not verified because their titles were published further apart than
    /// the time window ([`ScanOptions::time_window`](super::ScanOptions::time_window)). Not
    /// serialized when 0.
    #[serde(skip_serializing_if = "is_zero")]
    pub pairs_apart_in_time: u64,
    /// Groups of two or more records the scan found (listed or not).
    pub groups: usize,
    /// Groups left out of the report because none of their members reaches the verdict the
    /// report lists (`scan --min-verdict`); set by the caller that filtered. Not serialized
    /// when 0.
    #[serde(skip_serializing_if = "is_zero")]
    pub groups_not_listed: u64,
    /// Group members by their verdict against the representative.
    pub members: BTreeMap<Verdict, u64>,
    /// Verified candidate pairs by verdict (`rewrite` and closer; `related` too when
    /// related pairs were asked for).
    pub pairs: BTreeMap<Verdict, u64>,
    /// Topics of two or more stories, when topics were asked for; not serialized otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub topics: Option<usize>,
    /// Findings a baseline accepted, left out of the report (see [`crate::baseline`]); set
    /// by the caller that applied it. Not serialized when 0.
    #[serde(skip_serializing_if = "is_zero")]
    pub baseline_suppressed: u64,
    /// Baseline entries that matched no finding: what they accepted is gone. Not serialized
    /// when 0.
    #[serde(skip_serializing_if = "is_zero")]
    pub baseline_stale: u64,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

/// Everything a scan found.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ScanReport {
    /// Groups with at least two records, in order of their representatives' first
    /// appearance.
    pub groups: Vec<Group>,
    /// Related pairs across groups.
    pub related: Vec<RelatedPair>,
    /// Topics, when asked for ([`ScanOptions::topics`](super::ScanOptions::topics)).
    pub topics: Vec<Topic>,
    /// The counts.
    pub summary: ScanSummary,
}
