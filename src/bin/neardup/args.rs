//! Command-line arguments (clap). These types stop here: `main` turns them into library
//! options once.

pub mod pairs;

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use neardup::Verdict;

const EXIT_CODES: &str = "\
Exit codes:
  0  nothing at or above the fail level
  1  findings at or above the fail level (--fail-on)
  2  usage, configuration or input error";

/// Find near-duplicate headlines and rewritten teaser titles.
#[derive(Debug, Parser)]
#[command(name = "neardup", version, about, after_help = EXIT_CODES)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Compare two titles: every score, the verdict, the reasons and the word diff.
    #[command(after_help = EXIT_CODES)]
    Compare(CompareArgs),
    /// Measure every metric and the verdicts on labeled pairs (TSV: label, score, a, b).
    #[command(after_help = EXIT_CODES)]
    Eval(EvalArgs),
    /// Audit original/rewrite pairs: scores, verdict, word diff and content findings for each.
    #[command(after_help = pairs::PAIRS_EXIT_CODES)]
    Pairs(pairs::PairsArgs),
    /// Explain a rule: what it finds, why it matters, how to fix or silence it.
    Explain(pairs::ExplainArgs),
    /// List every rule: id, name, default severity and summary.
    Rules,
}

/// `neardup compare`.
#[derive(Debug, Args)]
pub struct CompareArgs {
    /// The first title, or `-` to read both titles as two lines of stdin.
    pub left: String,
    /// The second title.
    pub right: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Exit 1 when the verdict is at or above this one
    /// (exact, identical, near-duplicate, rewrite, related).
    #[arg(long, value_name = "VERDICT")]
    pub fail_on: Option<Verdict>,
    /// When to colour human output.
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto)]
    pub color: ColorWhen,
    #[command(flatten)]
    pub scoring: ScoringArgs,
}

/// `neardup eval`.
#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Labeled pairs: a TSV with the header `label score a b` (`score` may be left out).
    pub file: PathBuf,
    /// Choose each metric's threshold on this file (best F1) and report F1 at it on FILE.
    #[arg(long, value_name = "TRAIN.tsv")]
    pub thresholds_from: Option<PathBuf>,
    /// Fit the combined score's coefficients on FILE and print them as TOML.
    #[arg(long)]
    pub fit: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// When to colour human output.
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto)]
    pub color: ColorWhen,
    #[command(flatten)]
    pub scoring: ScoringArgs,
}

/// Options of the scorer shared by every command.
#[derive(Debug, Args)]
pub struct ScoringArgs {
    /// Combined score at or above which two titles are the same story (`rewrite`).
    #[arg(long, value_name = "SCORE")]
    pub rewrite_threshold: Option<f64>,
    /// Combined score at or above which two titles are `related`.
    #[arg(long, value_name = "SCORE")]
    pub related_threshold: Option<f64>,
    /// Word-sequence edit similarity at or above which a same-story pair is a near-duplicate.
    #[arg(long, value_name = "SCORE")]
    pub near_duplicate_threshold: Option<f64>,
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned text with an inline word diff.
    Human,
    /// One JSON document.
    Json,
}

/// When to colour output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    /// On a terminal, unless `NO_COLOR` is set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }
}
