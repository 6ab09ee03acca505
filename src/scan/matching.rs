//! Candidates and verification: every pair of distinct titles the index returns, scored with
//! the full scorer and classified, kept when its combined score reaches the link threshold.
//!
//! The index ([`super::index`]) returns exactly the pairs whose IDF-weighted Dice reaches the
//! candidate threshold; [`ScanOptions::exhaustive`] compares every pair instead, to check
//! it. Candidates are verified on the thread that found them, so no candidate list is
//! kept.

use rayon::prelude::*;

use super::ScanOptions;
use super::cluster::StoryEdge;
use super::index::{brute_force_pairs, join_each};
use crate::classify::Verdict;
use crate::compare::Comparer;
use crate::features::Features;

/// A verified pair of distinct titles (indexes into the distinct titles, `left < right`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct VerifiedPair {
    pub(super) left: u32,
    pub(super) right: u32,
    pub(super) verdict: Verdict,
    pub(super) score: f64,
}

impl VerifiedPair {
    /// The pair as an edge of the same-story graph.
    pub(super) fn edge(&self) -> StoryEdge {
        StoryEdge {
            left: self.left,
            right: self.right,
            score: self.score,
        }
    }
}

/// The verified pairs (sorted by `(left, right)`) and how many candidates were verified.
pub(super) struct Verified {
    pub(super) pairs: Vec<VerifiedPair>,
    pub(super) candidates: usize,
}

/// Find and verify every candidate pair among `heads` (one title per distinct title).
pub(super) fn verify_candidates(
    heads: &[&Features],
    comparer: &Comparer,
    options: &ScanOptions,
) -> Verified {
    let floor = options.grouping.link_threshold;
    let verify = |left: u32, right: u32| {
        let (verdict, score) =
            comparer.verdict_at_score(heads[left as usize], heads[right as usize], floor)?;
        Some(VerifiedPair {
            left,
            right,
            verdict,
            score,
        })
    };
    let (mut pairs, candidates) = if options.exhaustive {
        let candidates = brute_force_pairs(heads, options.candidate_threshold);
        let pairs: Vec<VerifiedPair> = candidates
            .par_iter()
            .with_min_len(1024)
            .filter_map(|c| verify(c.left, c.right))
            .collect();
        (pairs, candidates.len())
    } else {
        // Each title's candidate count and verified pairs, from the thread that probed it.
        let found: Vec<(usize, Vec<VerifiedPair>)> =
            join_each(heads, options.candidate_threshold, |right, found| {
                let count = found.len();
                let verified = found
                    .drain(..)
                    .filter_map(|left| verify(left, right as u32))
                    .collect();
                vec![(count, verified)]
            });
        let candidates = found.iter().map(|(count, _)| count).sum();
        (found.into_iter().flat_map(|(_, p)| p).collect(), candidates)
    };
    pairs.par_sort_unstable_by_key(|p| (p.left, p.right));
    Verified { pairs, candidates }
}
