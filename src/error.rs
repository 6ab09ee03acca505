//! The library's error type: each message says what went wrong and how to fix it.

use thiserror::Error;

/// Everything the library can refuse.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum Error {
    /// A threshold is not a similarity.
    #[error("threshold `{name}` is {value}, outside 0.0–1.0{}", suggest_fraction(*value))]
    ThresholdOutOfRange {
        /// Which threshold.
        name: &'static str,
        /// The value given.
        value: f64,
    },
    /// The `related` threshold is above the `rewrite` one.
    #[error(
        "threshold `related` ({related}) is above `rewrite` ({rewrite}); related must be the lower bound"
    )]
    ThresholdsOutOfOrder {
        /// The related threshold.
        related: f64,
        /// The rewrite threshold.
        rewrite: f64,
    },
    /// A record of an input file that cannot be used.
    #[error("{}: {message}", crate::read::Location::new(path.as_str(), *line))]
    Input {
        /// The file as the user named it.
        path: String,
        /// 1-based line; 0 for the file as a whole.
        line: u64,
        /// What is wrong, and how to fix it.
        message: String,
    },
    /// A verdict name that does not exist.
    #[error(
        "unknown verdict `{given}`; expected one of: exact, identical, near-duplicate, rewrite, related, distinct"
    )]
    UnknownVerdict {
        /// The name given.
        given: String,
    },
}

fn suggest_fraction(value: f64) -> String {
    if value > 1.0 && value <= 100.0 {
        format!("; did you mean {}?", value / 100.0)
    } else {
        String::new()
    }
}
