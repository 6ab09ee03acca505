//! One module per subcommand.

pub mod compare;
pub mod eval;
pub mod eval_groups;
pub mod pairs;
pub mod rules;
pub mod scan;

use neardup::{Comparer, Thresholds};

use crate::args::ScoringArgs;

/// The comparer the scoring flags describe.
pub fn comparer(scoring: &ScoringArgs) -> anyhow::Result<Comparer> {
    let defaults = Thresholds::default();
    let thresholds = Thresholds {
        rewrite: scoring.rewrite_threshold.unwrap_or(defaults.rewrite),
        related: scoring.related_threshold.unwrap_or(defaults.related),
        near_duplicate: scoring
            .near_duplicate_threshold
            .unwrap_or(defaults.near_duplicate),
    };
    Ok(Comparer::builder().thresholds(thresholds).build()?)
}
