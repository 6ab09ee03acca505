//! Arguments of `neardup pairs`, `neardup explain` and `neardup rules`.

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use neardup::audit::{Rule, Severity};
use neardup::read::InputFormat;

use super::{BaselineArgs, ColorWhen, ReportFormat, ScoringArgs};

/// The exit status contract of `neardup pairs`.
pub const PAIRS_EXIT_CODES: &str = "\
Exit codes:
  0  no finding at or above --fail-on-severity
  1  a finding at or above --fail-on-severity (default: error), unless --exit-zero
  2  usage, configuration or input error: a bad record (named by file:line), an unreadable
     file, an unknown config key (named by file:line); a closed pipe is not an error";

/// `neardup pairs`.
#[derive(Debug, Args)]
pub struct PairsArgs {
    /// Inputs holding original/rewrite pairs: a scraped page with related-story blocks, a
    /// CSV/TSV file with two columns, JSON Lines with two fields; `-` reads stdin.
    #[arg(required_unless_present = "dump_config", value_name = "FILE")]
    pub files: Vec<String>,
    /// The original's column (name or 0-based index) or JSON dot path [default: original].
    #[arg(long, value_name = "FIELD")]
    pub original_field: Option<String>,
    /// The rewrite's column (name or 0-based index) or JSON dot path [default: rewrite].
    #[arg(long, value_name = "FIELD")]
    pub rewrite_field: Option<String>,
    /// The input format (page, csv, tsv, jsonl, json) [default: from the extension, else the
    /// content].
    #[arg(long, value_name = "FORMAT")]
    pub input_format: Option<InputFormat>,
    /// Skip records that cannot be read, with a warning and a count, instead of exiting 2.
    #[arg(long)]
    pub skip_invalid: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Human)]
    pub format: ReportFormat,
    /// Write the report to this file instead of stdout.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// When to colour human output (a file is coloured only with `always`).
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto)]
    pub color: ColorWhen,
    /// Exit 1 when a finding is at or above this severity [default: error].
    #[arg(long, value_enum, value_name = "SEVERITY")]
    pub fail_on_severity: Option<SeverityArg>,
    /// Exit 0 even when there are findings (audit runs); input errors still exit 2.
    #[arg(long)]
    pub exit_zero: bool,
    #[command(flatten)]
    pub baselines: BaselineArgs,
    /// Accept a rule's findings: they are not reported (an id such as ND109 or a name such
    /// as sensational-framing; repeatable).
    #[arg(long, value_name = "RULE")]
    pub allow: Vec<Rule>,
    #[command(flatten)]
    pub scoring: ScoringArgs,
}

impl PairsArgs {
    /// No input and no flag: what `--dump-config` without `pairs` shows.
    pub fn unset() -> Self {
        Self {
            files: Vec::new(),
            original_field: None,
            rewrite_field: None,
            input_format: None,
            skip_invalid: false,
            format: ReportFormat::Human,
            output: None,
            color: ColorWhen::Auto,
            fail_on_severity: None,
            exit_zero: false,
            baselines: BaselineArgs {
                baseline: None,
                write_baseline: None,
            },
            allow: Vec::new(),
            scoring: ScoringArgs::unset(),
        }
    }
}

/// Finding severities on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SeverityArg {
    /// Worth knowing.
    Info,
    /// Likely a problem.
    Warning,
    /// The rewrite states something the original does not.
    Error,
}

impl From<SeverityArg> for Severity {
    fn from(level: SeverityArg) -> Self {
        match level {
            SeverityArg::Info => Severity::Info,
            SeverityArg::Warning => Severity::Warning,
            SeverityArg::Error => Severity::Error,
        }
    }
}

/// `neardup explain`.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A rule id (ND101) or name (number-changed), in any case.
    pub rule: String,
}
