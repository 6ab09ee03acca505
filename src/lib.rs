//! neardup: find near-duplicate headlines and rewritten teaser titles.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod audit;
pub mod classify;
pub mod compare;
pub mod diff;
pub mod error;
pub mod eval;
pub mod features;
pub mod idf;
pub mod metrics;
pub mod normalize;
pub mod numbers;
mod stopwords;

pub use classify::{Thresholds, Verdict};
pub use compare::{Comparer, ComparerBuilder, Comparison, Reason};
pub use error::Error;
pub use metrics::Metric;
