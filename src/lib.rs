//! neardup: find near-duplicate headlines and rewritten teaser titles.
#![warn(clippy::print_stdout, clippy::print_stderr)]
