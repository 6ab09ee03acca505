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
use super::time::{self, TimeSpan};
use crate::classify::Verdict;
use crate::compare::Comparer;
use crate::features::Features;
use crate::metrics::Pattern;

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

/// The verified pairs (sorted by `(left, right)`), how many candidates the index returned,
/// and how many of them were left unverified as apart in time.
pub(super) struct Verified {
    pub(super) pairs: Vec<VerifiedPair>,
    pub(super) candidates: usize,
    pub(super) apart_in_time: usize,
}

/// Find and verify every candidate pair among `heads` (one title per distinct title), except
/// pairs whose time `spans` are apart (see [`super::time`]).
pub(super) fn verify_candidates(
    heads: &[&Features],
    spans: &[Option<TimeSpan>],
    comparer: &Comparer,
    options: &ScanOptions,
) -> Verified {
    let floor = options.grouping.link_threshold;
    let apart = |left: u32, right: u32| {
        time::apart(
            spans[left as usize],
            spans[right as usize],
            options.time_window,
        )
    };
    let verify = |left: u32, right: u32, pattern: Option<&Pattern>| {
        let (candidate, title) = (heads[left as usize], heads[right as usize]);
        let verdict = match pattern {
            Some(pattern) => comparer.verdict_at_score_against(pattern, candidate, floor),
            None => comparer.verdict_at_score(candidate, title, floor),
        };
        // Far apart in time, only a copy (near-duplicate or closer) is still one: a story
        // told again a year later is another story, a title published again is a copy.
        if apart(left, right) && verdict.is_none_or(|(v, _)| v < Verdict::NearDuplicate) {
            return Err(Apart);
        }
        Ok(verdict.map(|(verdict, score)| VerifiedPair {
            left,
            right,
            verdict,
            score,
        }))
    };
    let (candidates, found): (usize, Vec<Found>) = if options.exhaustive {
        let candidates = brute_force_pairs(heads, options.candidate_threshold);
        let found = candidates
            .par_chunks(1024)
            .map(|chunk| Found::of(chunk.iter().map(|c| verify(c.left, c.right, None))))
            .collect();
        (candidates.len(), found)
    } else {
        // Each title's candidates, verified on the thread that probed it.
        let found: Vec<(usize, Found)> =
            join_each(heads, options.candidate_threshold, |right, found| {
                let count = found.len();
                // Every candidate is scored against this title: its words once as a pattern.
                let pattern = Pattern::of(heads[right]);
                let verified = Found::of(found.chunks(WARM_AHEAD).flat_map(|chunk| {
                    let touched = chunk
                        .iter()
                        .fold(0, |acc, &left| acc ^ heads[left as usize].touch());
                    std::hint::black_box(touched);
                    chunk
                        .iter()
                        .map(|&left| verify(left, right as u32, pattern.as_ref()))
                }));
                found.clear();
                vec![(count, verified)]
            });
        let candidates = found.iter().map(|(count, _)| count).sum();
        (candidates, found.into_iter().map(|(_, f)| f).collect())
    };
    let apart_in_time = found.iter().map(|f| f.apart_in_time).sum();
    let mut pairs: Vec<VerifiedPair> = found.into_iter().flat_map(|f| f.pairs).collect();
    pairs.par_sort_unstable_by_key(|p| (p.left, p.right));
    Verified {
        pairs,
        candidates,
        apart_in_time,
    }
}

/// How many candidates' memory is read ahead of scoring them (see [`Features::touch`]).
const WARM_AHEAD: usize = 16;

/// A candidate left unverified: its titles are apart in time.
struct Apart;

/// What verifying some candidates found: the pairs that reach the floor, and how many
/// candidates were apart in time.
struct Found {
    pairs: Vec<VerifiedPair>,
    apart_in_time: usize,
}

impl Found {
    fn of(verified: impl Iterator<Item = Result<Option<VerifiedPair>, Apart>>) -> Self {
        let mut found = Found {
            pairs: Vec::new(),
            apart_in_time: 0,
        };
        for pair in verified {
            match pair {
                Ok(Some(pair)) => found.pairs.push(pair),
                Ok(None) => {}
                Err(Apart) => found.apart_in_time += 1,
            }
        }
        found
    }
}
