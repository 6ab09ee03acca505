//! Command-line arguments (clap). These types stop here: `main` turns them into library
//! options once.

pub mod pairs;

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use neardup::Verdict;
use neardup::features::LanguageChoice;

const EXIT_CODES: &str = "\
Exit codes:
  0  nothing at or above the fail level (or --exit-zero); a closed pipe is not an error
  1  findings at or above the fail level (--fail-on; default near-duplicate)
  2  usage, configuration or input error

Configuration: neardup.toml or .neardup.toml, the first found from the working directory
upward (or --config FILE); command-line flags override it. --dump-config shows the result.";

/// Find near-duplicate headlines and rewritten teaser titles.
#[derive(Debug, Parser)]
#[command(name = "neardup", version, about, after_help = EXIT_CODES)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    /// What to do.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Flags every command takes: where the configuration comes from.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Read the configuration from FILE instead of searching for neardup.toml or
    /// .neardup.toml from the working directory upward.
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Use no configuration file: built-in defaults and flags only.
    #[arg(long, global = true, conflicts_with = "config")]
    pub no_config: bool,
    /// Print the effective configuration (defaults, then the file, then the command's
    /// flags) as TOML, and exit.
    #[arg(long, global = true)]
    pub dump_config: bool,
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
    /// Find every group of alike items in a batch (lines, JSON/JSONL, CSV/TSV, RSS/Atom, pages).
    #[command(after_help = EXIT_CODES)]
    Scan(ScanArgs),
    /// Audit original/rewrite pairs: scores, verdict, word diff and content findings for each.
    #[command(after_help = pairs::PAIRS_EXIT_CODES)]
    Pairs(pairs::PairsArgs),
    /// Explain a rule: what it finds, why it matters, how to fix or silence it.
    Explain(pairs::ExplainArgs),
    /// List every rule: id, name, default severity and summary.
    Rules,
}

/// `neardup scan`.
#[derive(Debug, Args)]
pub struct ScanArgs {
    /// Inputs to scan; `-` is stdin. Gzipped files are read transparently.
    #[arg(required_unless_present = "dump_config", value_name = "FILE")]
    pub files: Vec<String>,
    /// Already published items: report only new-versus-existing and new-versus-new findings.
    #[arg(long, value_name = "FILE", num_args = 1..)]
    pub against: Vec<String>,
    #[command(flatten)]
    pub input: InputArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Human)]
    pub format: ReportFormat,
    /// Write the report to FILE instead of stdout.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,
    /// List the groups with a member at or above this verdict, each with all its members;
    /// `related` also lists related pairs across groups [default: rewrite].
    #[arg(long, value_name = "VERDICT")]
    pub min_verdict: Option<Verdict>,
    /// Exit 1 when a reported member is at or above this verdict [default: near-duplicate].
    #[arg(long, value_name = "VERDICT")]
    pub fail_on: Option<Verdict>,
    /// Exit 0 even when there are findings (audit runs).
    #[arg(long)]
    pub exit_zero: bool,
    #[command(flatten)]
    pub baselines: BaselineArgs,
    /// The index's candidate threshold: IDF-weighted Dice of content stems below which a pair
    /// is never scored [default: 0.3].
    #[arg(long, value_name = "SCORE", value_parser = similarity)]
    pub candidate_threshold: Option<f64>,
    /// Score every pair instead of using the index (slow; for checking the index).
    #[arg(long)]
    pub exhaustive: bool,
    /// Also gather different stories about one subject into topics (the `related` level:
    /// e.g. three different stories about one cartel leader).
    #[arg(long)]
    pub topics: bool,
    /// With topics: two clusters of stories join while the average combined score over
    /// all pairs of their titles reaches SCORE [default: 0.03]; implies --topics.
    #[arg(long, value_name = "SCORE", value_parser = similarity)]
    pub topic_threshold: Option<f64>,
    /// Titles published further apart than this (`36h`, `3days`) are never linked as one
    /// story; `none` turns the window off. Applies where records have times: feed entries'
    /// dates, --time-field in JSON and CSV [default: 3days].
    #[arg(long, value_name = "DURATION", value_parser = time_window)]
    pub time_window: Option<TimeWindow>,
    /// Never show a progress bar.
    #[arg(long)]
    pub no_progress: bool,
    /// When to colour human output.
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto)]
    pub color: ColorWhen,
    #[command(flatten)]
    pub scoring: ScoringArgs,
}

impl ScanArgs {
    /// No input and no flag: what `--dump-config` without `scan` shows.
    pub fn unset() -> Self {
        Self {
            files: Vec::new(),
            against: Vec::new(),
            input: InputArgs {
                input_format: None,
                field: None,
                id_field: None,
                time_field: None,
                column: None,
                skip_invalid: false,
                max_line_bytes: None,
            },
            format: ReportFormat::Human,
            output: None,
            min_verdict: None,
            fail_on: None,
            exit_zero: false,
            baselines: BaselineArgs {
                baseline: None,
                write_baseline: None,
            },
            candidate_threshold: None,
            exhaustive: false,
            topics: false,
            topic_threshold: None,
            time_window: None,
            no_progress: false,
            color: ColorWhen::Auto,
            scoring: ScoringArgs::unset(),
        }
    }
}

/// Accepting known findings: shared by `scan` and `pairs`.
#[derive(Debug, Args)]
pub struct BaselineArgs {
    /// Suppress the findings recorded in this baseline file (see --write-baseline); entries
    /// that match nothing are reported as stale.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Record every reported finding in this baseline file, keyed by the titles' content,
    /// and exit 0 (input errors still exit 2).
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
}

/// How to read inputs.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// Input format (default: from the extension, else sniffed from the content).
    #[arg(long, value_name = "FORMAT")]
    pub input_format: Option<neardup::read::InputFormat>,
    /// JSON: dot path of the title (default `title`); CSV/TSV: the title column's name.
    #[arg(long, value_name = "PATH")]
    pub field: Option<String>,
    /// JSON: dot path of the id; CSV/TSV: the id column.
    #[arg(long, value_name = "PATH")]
    pub id_field: Option<String>,
    /// JSON: dot path of the time a record was published; CSV/TSV: its column (Unix seconds
    /// or milliseconds, RFC 3339, RFC 2822 or a date). Feeds give their entries' dates.
    #[arg(long, value_name = "PATH")]
    pub time_field: Option<String>,
    /// CSV/TSV: the title column, by header name or 0-based index.
    #[arg(long, value_name = "COLUMN")]
    pub column: Option<neardup::read::ColumnRef>,
    /// Skip records that cannot be read (counted in the summary) instead of failing.
    #[arg(long)]
    pub skip_invalid: bool,
    /// The longest line accepted, in bytes [default: 1048576].
    #[arg(long, value_name = "BYTES")]
    pub max_line_bytes: Option<usize>,
}

/// Report formats of the batch commands, `scan` and `pairs`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Text: scan groups with word diffs, or pairs with evidence marked; then the counts.
    Human,
    /// One JSON document: version, groups or pairs, errors, summary.
    Json,
    /// One typed JSON message per line (`group`/`pair`, `error`, then `summary`).
    Jsonl,
    /// One row per group record (scan) or per finding (pairs), formula-guarded.
    Csv,
    /// SARIF 2.1.0: one result per finding, for code-scanning dashboards.
    Sarif,
    /// GitHub Actions workflow commands: one annotation per finding.
    Github,
    /// JUnit XML: one test case per group (scan) or pair (pairs), failing at or above the
    /// fail level.
    Junit,
    /// One self-contained HTML page (no network, no external files) with charts, every
    /// finding and its diff, and filters; use with --output.
    Html,
}

impl From<ReportFormat> for neardup::report::render::Format {
    fn from(format: ReportFormat) -> Self {
        use neardup::report::render::Format;
        match format {
            ReportFormat::Human => Format::Human,
            ReportFormat::Json => Format::Json,
            ReportFormat::Jsonl => Format::Jsonl,
            ReportFormat::Csv => Format::Csv,
            ReportFormat::Sarif => Format::Sarif,
            ReportFormat::Github => Format::Github,
            ReportFormat::Junit => Format::Junit,
            ReportFormat::Html => Format::Html,
        }
    }
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
    /// Labeled pairs: a TSV with the header `label score a b` (`score` may be left out);
    /// with --groups, titles with story ids (TSV, CSV, JSON Lines).
    pub file: PathBuf,
    /// Choose each metric's threshold on this file (best F1) and report F1 at it on FILE.
    #[arg(long, value_name = "TRAIN.tsv")]
    pub thresholds_from: Option<PathBuf>,
    /// Fit the combined score's coefficients on FILE and print them as TOML.
    #[arg(long)]
    pub fit: bool,
    /// FILE holds titles with a story id instead of labeled pairs: scan it and measure how
    /// well the groups agree with the stories (pairwise precision, recall, F1; adjusted Rand).
    #[arg(long, conflicts_with_all = ["thresholds_from", "fit"])]
    pub groups: bool,
    /// FILE holds headline pairs labeled per kind of content difference (columns `a`, `b`
    /// and 0/1 columns `number_changed`, `entity_dropped_or_added`, `attribution_dropped`,
    /// `hedge_dropped`, `sensational`): audit them and report each rule family's and rule's
    /// recall, false-alarm rate and the pairs behind every miss and false alarm. Uses the
    /// config's `[pairs.lexicon]` and `[pairs] allow`.
    #[arg(long, conflicts_with_all = ["thresholds_from", "fit", "groups"])]
    pub audit: bool,
    /// With --audit: the labels say what `b` changes of `a` (a directed audit) instead of a
    /// difference either way (audited both ways, flagged when either direction flags).
    #[arg(long, requires = "audit")]
    pub directed: bool,
    /// With --audit: the least severe finding that counts as flagging a pair.
    #[arg(
        long,
        value_enum,
        value_name = "LEVEL",
        default_value_t = pairs::SeverityArg::Info,
        requires = "audit"
    )]
    pub min_severity: pairs::SeverityArg,
    /// With --groups: the column (or JSON dot path) holding the story id.
    #[arg(
        long,
        value_name = "FIELD",
        default_value = "story",
        requires = "groups"
    )]
    pub story_field: String,
    /// With --groups: the column (or JSON dot path) holding the title.
    #[arg(
        long,
        value_name = "FIELD",
        default_value = "title",
        requires = "groups"
    )]
    pub title_field: String,
    /// With --groups: the column (or JSON dot path) holding when each title was published,
    /// for the scan's time window (see `scan --time-window`).
    #[arg(long, value_name = "FIELD", requires = "groups")]
    pub time_field: Option<String>,
    /// With --groups: the scan's time window (see `scan --time-window`).
    #[arg(
        long,
        value_name = "DURATION",
        default_value_t = TimeWindow(Some(neardup::scan::DEFAULT_TIME_WINDOW)),
        value_parser = time_window,
        requires = "groups"
    )]
    pub time_window: TimeWindow,
    /// With --groups: leave out the rows whose note starts with `?` (uncertain calls), the
    /// strict reading of the labeled feed windows; needs a TSV/CSV with a note column.
    #[arg(long, requires = "groups")]
    pub strict: bool,
    /// With --groups: the column holding the note read by --strict.
    #[arg(
        long,
        value_name = "COLUMN",
        default_value = "note",
        requires = "groups"
    )]
    pub note_field: String,
    /// With --groups: also group by each single metric at its best threshold, for comparison
    /// (scores every pair: slow on large files).
    #[arg(long, requires = "groups")]
    pub compare_metrics: bool,
    /// With --groups: the topics' link threshold (see `scan --topic-threshold`).
    #[arg(
        long,
        value_name = "SCORE",
        default_value_t = 0.03,
        value_parser = similarity,
        requires = "groups"
    )]
    pub topic_threshold: f64,
    /// With --groups: the scan's candidate threshold (IDF-weighted Dice of content stems).
    #[arg(
        long,
        value_name = "SCORE",
        default_value_t = 0.3,
        value_parser = similarity,
        requires = "groups"
    )]
    pub candidate_threshold: f64,
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
    /// The titles' language: `auto` (the default) detects each title's (English or Swedish
    /// by function words and letters, other languages by trigrams where a title has letters
    /// outside ASCII; English where undecided); or one of english, swedish, danish, dutch,
    /// french, german, italian, norwegian, portuguese, spanish, none (no stemming) for
    /// every title.
    #[arg(long, value_name = "LANGUAGE")]
    pub language: Option<LanguageChoice>,
}

impl ScoringArgs {
    /// No scoring flag.
    pub fn unset() -> Self {
        Self {
            rewrite_threshold: None,
            related_threshold: None,
            near_duplicate_threshold: None,
            language: None,
        }
    }
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

/// A similarity threshold for a cut-off, in (0, 1].
fn similarity(text: &str) -> Result<f64, String> {
    let value: f64 = text
        .parse()
        .map_err(|_| format!("`{text}` is not a number"))?;
    if value > 0.0 && value <= 1.0 {
        Ok(value)
    } else {
        Err(similarity_message(value))
    }
}

/// How far apart in time two titles may be and still be linked as one story: seconds, or
/// no window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeWindow(pub Option<u64>);

impl std::fmt::Display for TimeWindow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            Some(seconds) => write!(
                f,
                "{}",
                humantime::format_duration(std::time::Duration::from_secs(seconds))
            ),
            None => f.write_str("none"),
        }
    }
}

/// A time window: `none`, or a duration such as `36h`, `3days` or `1week 2days`.
pub fn time_window(text: &str) -> Result<TimeWindow, String> {
    if text.trim().eq_ignore_ascii_case("none") {
        return Ok(TimeWindow(None));
    }
    humantime::parse_duration(text.trim())
        .map(|d| TimeWindow(Some(d.as_secs())))
        .map_err(|e| {
            format!(
                "`{text}` is not a time window ({e}); give a duration such as 36h or 3days, or none"
            )
        })
}

/// Why `value` is not a similarity cut-off, with a hint when it looks like a percentage.
pub fn similarity_message(value: f64) -> String {
    let hint = if value > 1.0 && value <= 100.0 {
        format!("; did you mean {}?", value / 100.0)
    } else {
        String::new()
    };
    format!("{value} is outside (0, 1]; it is a similarity such as 0.3{hint}")
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
