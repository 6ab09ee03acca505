//! JSON output: one object per command, versioned, with rounded scores.
//!
//! `compare` writes:
//!
//! ```json
//! {"version":1,"left":"…","right":"…","verdict":"rewrite","combined":0.61,
//!  "scores":{"levenshtein":0.4,…},"reasons":[{"kind":"shared_terms","terms":["…"]}],
//!  "diff":[{"op":"equal","left":"…","right":"…"},{"op":"delete","left":"…"},…]}
//! ```

use std::collections::BTreeMap;

use serde::Serialize;

use crate::classify::Verdict;
use crate::compare::{Comparison, Reason};
use crate::diff::WordDiff;
use crate::metrics::Metric;
use crate::report::{FORMAT_VERSION, round_score};

/// A comparison as machine output.
#[derive(Debug, Serialize)]
pub struct ComparisonMessage<'a> {
    /// [`FORMAT_VERSION`].
    pub version: u32,
    /// The left title as given.
    pub left: &'a str,
    /// The right title as given.
    pub right: &'a str,
    /// The verdict.
    pub verdict: Verdict,
    /// The combined score, rounded.
    pub combined: f64,
    /// Every metric's similarity, rounded.
    pub scores: BTreeMap<Metric, f64>,
    /// Why.
    pub reasons: &'a [Reason],
    /// The word diff from left to right.
    pub diff: &'a WordDiff,
}

impl<'a> ComparisonMessage<'a> {
    /// The message for one comparison.
    pub fn new(left: &'a str, right: &'a str, comparison: &'a Comparison) -> Self {
        Self {
            version: FORMAT_VERSION,
            left,
            right,
            verdict: comparison.verdict,
            combined: round_score(comparison.combined),
            scores: comparison
                .scores
                .iter()
                .map(|(m, s)| (*m, round_score(*s)))
                .collect(),
            reasons: &comparison.reasons,
            diff: &comparison.diff,
        }
    }
}
