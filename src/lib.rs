//! neardup: find near-duplicate headlines and rewritten teaser titles.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod features;
pub mod idf;
pub mod metrics;
pub mod normalize;
mod stopwords;
