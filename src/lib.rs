//! neardup: find near-duplicate headlines and rewritten teaser titles.
//!
//! The pipeline, one module per stage, data flowing one way:
//!
//! 1. [`normalize`]: NFKC, case folding, quotes, dashes, odd spaces, kicker and outlet
//!    stripping, with byte spans back to the original text.
//! 2. [`features`]: words, stems, stop words, likely entities, IDF-weighted terms, bigrams.
//! 3. [`metrics`]: similarities in `0.0..=1.0`, and the combined score.
//! 4. [`classify`]: the [`Verdict`] (`exact` … `distinct`) from the scores.
//! 5. [`diff`]: the word diff, in the original text.
//! 6. [`report`]: human and machine output, written to a writer the caller owns.
//!
//! [`audit`] checks that a rewrite keeps its original's facts, under the rule ids [`rules`]
//! documents; [`baseline`] remembers accepted findings by content so CI fails only on new ones.
//!
//! [`compare()`] and [`similarity()`] use the defaults; [`Comparer::builder`] configures
//! everything else and is frozen once built.
//!
//! ```
//! let result = neardup::compare(
//!     "Trump sends hospital ship to Greenland",
//!     "Trump Deploys Hospital Ship to Greenland - Reuters",
//! );
//! assert!(result.verdict.is_same_story());
//! assert!(neardup::similarity("Fire in Rome", "Fire in Rome") == 1.0);
//! ```
//!
//! # Pitfalls
//!
//! - Two empty titles are identical (similarity 1.0); an empty and a non-empty title share
//!   nothing (0.0).
//! - Thresholds are similarities in `0.0..=1.0`, not percentages: the builder rejects `85`.
//! - Character metrics count characters, not UTF-8 bytes, so non-Latin scripts score alike.
//! - Scores depend on the term weights: a batch refines them with its own titles, so the same
//!   pair can score slightly differently in `eval` or a scan than in a lone `compare`.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod audit;
pub mod baseline;
pub mod classify;
pub mod compare;
pub mod diff;
pub mod distributed;
pub mod error;
pub mod eval;
pub mod features;
pub mod idf;
pub mod metrics;
pub mod normalize;
pub mod numbers;
pub mod read;
pub mod report;
pub mod rules;
pub mod scan;
mod stopwords;

pub use classify::{Thresholds, Verdict};
pub use compare::{Comparer, ComparerBuilder, Comparison, Reason};
pub use error::Error;
pub use metrics::Metric;

/// The default comparer, built once (loading the IDF table is the slow part).
fn default_comparer() -> &'static Comparer {
    static DEFAULT: std::sync::OnceLock<Comparer> = std::sync::OnceLock::new();
    DEFAULT.get_or_init(Comparer::default)
}

/// Compare two titles with the default configuration.
pub fn compare(left: &str, right: &str) -> Comparison {
    default_comparer().compare(left, right)
}

/// The combined similarity of two titles with the default configuration, in `0.0..=1.0`.
pub fn similarity(left: &str, right: &str) -> f64 {
    let comparer = default_comparer();
    let analyzer = comparer.analyzer();
    comparer.score(&analyzer.analyze(left), &analyzer.analyze(right))
}
