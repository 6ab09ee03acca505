//! The configuration file, `neardup.toml` (or `.neardup.toml`): found from the working
//! directory upward, or named with `--config`; `--no-config` skips it.
//!
//! Precedence, lowest first: built-in defaults, the file, the command's flags. Clap fields
//! that have a default are `Option`s so that an absent flag never hides the file's value;
//! the defaults are filled in here, once, when the three are merged into the library's
//! options ([`ScanSettings`], [`PairsSettings`]).
//!
//! Every table refuses unknown keys; a bad key or value is an error naming the file, the line
//! and the key, with the fix when there is an obvious one.

use std::path::{Path, PathBuf};

use anyhow::{Context, anyhow, bail};
use neardup::audit::{AuditPolicy, Lexicon, Rule, Severity};
use neardup::features::LanguageChoice;
use neardup::normalize::NormalizeOptions;
use neardup::read::{ColumnRef, DEFAULT_MAX_LINE_BYTES, InputFormat, ReadOptions};
use neardup::scan::{ScanOptions, TopicOptions};
use neardup::{Comparer, Error, Thresholds, Verdict};
use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::args::pairs::PairsArgs;
use crate::args::{
    Command, GlobalArgs, InputArgs, ScanArgs, ScoringArgs, TimeWindow, similarity_message,
    time_window,
};

/// The names searched for, in each directory, in this order.
pub const FILE_NAMES: [&str; 2] = ["neardup.toml", ".neardup.toml"];

/// The file as written: every key optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default, rename_all = "kebab-case")]
pub struct Config {
    thresholds: ThresholdsConfig,
    analysis: AnalysisConfig,
    normalize: NormalizeConfig,
    input: InputConfig,
    scan: ScanConfig,
    pairs: PairsConfig,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default, rename_all = "kebab-case")]
struct ThresholdsConfig {
    rewrite: Option<Spanned<f64>>,
    related: Option<Spanned<f64>>,
    near_duplicate: Option<Spanned<f64>>,
}

/// How titles are analyzed.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default, rename_all = "kebab-case")]
struct AnalysisConfig {
    /// `auto` (detected per title) or one fixed language.
    language: Option<LanguageChoice>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default, rename_all = "kebab-case")]
struct NormalizeConfig {
    /// Outlet names stripped from the end of titles, besides those that look like one.
    outlets: Vec<String>,
    /// Kicker words stripped from the front ("BREAKING:"), besides the built-in ones.
    kickers: Vec<String>,
}

/// A CSV column by name or 0-based index.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(untagged)]
enum ColumnValue {
    Index(usize),
    Name(String),
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default, rename_all = "kebab-case")]
struct InputConfig {
    #[serde(skip_serializing_if = "Option::is_none")]
    format: Option<InputFormat>,
    #[serde(skip_serializing_if = "Option::is_none")]
    field: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    id_field: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    time_field: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<ColumnValue>,
    skip_invalid: Option<bool>,
    max_line_bytes: Option<usize>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default, rename_all = "kebab-case")]
struct ScanConfig {
    fail_on: Option<Verdict>,
    min_verdict: Option<Verdict>,
    candidate_threshold: Option<Spanned<f64>>,
    topics: Option<bool>,
    time_window: Option<Spanned<String>>,
    exit_zero: Option<bool>,
    baseline: Option<PathBuf>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, default, rename_all = "kebab-case")]
struct PairsConfig {
    fail_on_severity: Option<Severity>,
    exit_zero: Option<bool>,
    allow: Vec<Rule>,
    near_copy_above: Option<Verdict>,
    baseline: Option<PathBuf>,
    lexicon: Lexicon,
}

impl Default for PairsConfig {
    fn default() -> Self {
        Self {
            fail_on_severity: None,
            exit_zero: None,
            allow: Vec::new(),
            near_copy_above: None,
            baseline: None,
            // The user's words, added to the built-in lexicon.
            lexicon: Lexicon::empty(),
        }
    }
}

/// The configuration in force: the file (if any) and where it is.
#[derive(Debug, Default)]
pub struct Loaded {
    /// The file read, if any.
    pub path: Option<PathBuf>,
    text: String,
    config: Config,
}

/// The config file for these flags: `--config`, none with `--no-config`, else the first
/// `neardup.toml` / `.neardup.toml` from the working directory upward.
pub fn load(global: &GlobalArgs) -> anyhow::Result<Loaded> {
    let path = if global.no_config {
        None
    } else if let Some(path) = &global.config {
        Some(path.clone())
    } else {
        let cwd = std::env::current_dir().context("cannot read the working directory")?;
        discover(&cwd)
    };
    let Some(path) = path else {
        return Ok(Loaded::default());
    };
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("{}: cannot read the config file", path.display()))?;
    let config: Config = toml::from_str(&text).map_err(|e| {
        let line = e.span().map(|s| line_of(&text, s.start));
        let at = match line {
            Some(line) => {
                let written = text.lines().nth(line - 1).unwrap_or("").trim();
                format!("{}:{line}: `{written}`", path.display())
            }
            None => path.display().to_string(),
        };
        anyhow!(
            "{at}: {}; the config reference is in the README (`neardup --dump-config` shows \
             the keys in force)",
            e.message().trim_end()
        )
    })?;
    let loaded = Loaded {
        path: Some(path),
        text,
        config,
    };
    loaded.validate()?;
    Ok(loaded)
}

/// The first config file in `dir` or one of its ancestors.
pub fn discover(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .flat_map(|d| FILE_NAMES.iter().map(move |name| d.join(name)))
        .find(|candidate| candidate.is_file())
}

/// The 1-based line of a byte offset.
fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

impl Loaded {
    /// `file:line` of a value of the file.
    fn at(&self, span: std::ops::Range<usize>) -> String {
        let path = self.path.as_deref().unwrap_or(Path::new("<config>"));
        format!("{}:{}", path.display(), line_of(&self.text, span.start))
    }

    /// Range checks that TOML types cannot express, each naming the key's line.
    fn validate(&self) -> anyhow::Result<()> {
        let t = &self.config.thresholds;
        for (name, value) in [
            ("rewrite", &t.rewrite),
            ("related", &t.related),
            ("near-duplicate", &t.near_duplicate),
        ] {
            if let Some(value) = value
                && !(0.0..=1.0).contains(value.get_ref())
            {
                let error = Error::ThresholdOutOfRange {
                    name,
                    value: *value.get_ref(),
                };
                bail!("{}: [thresholds] {name}: {error}", self.at(value.span()));
            }
        }
        let rewrite = t.rewrite.as_ref().map(|v| *v.get_ref());
        let related = t.related.as_ref().map(|v| *v.get_ref());
        let defaults = Thresholds::default();
        if let Some(span) = t
            .related
            .as_ref()
            .map(Spanned::span)
            .or(t.rewrite.as_ref().map(Spanned::span))
        {
            let (related, rewrite) = (
                related.unwrap_or(defaults.related),
                rewrite.unwrap_or(defaults.rewrite),
            );
            if related > rewrite {
                let error = Error::ThresholdsOutOfOrder { related, rewrite };
                bail!("{}: [thresholds]: {error}", self.at(span));
            }
        }
        if let Some(value) = &self.config.scan.candidate_threshold {
            let v = *value.get_ref();
            if !(v > 0.0 && v <= 1.0) {
                bail!(
                    "{}: [scan] candidate-threshold: {}",
                    self.at(value.span()),
                    similarity_message(v)
                );
            }
        }
        Ok(())
    }

    /// Thresholds: flags, else the file, else the defaults.
    fn thresholds(&self, scoring: &ScoringArgs) -> Thresholds {
        let d = Thresholds::default();
        let t = &self.config.thresholds;
        let file = |v: &Option<Spanned<f64>>| v.as_ref().map(|v| *v.get_ref());
        Thresholds {
            rewrite: scoring
                .rewrite_threshold
                .or(file(&t.rewrite))
                .unwrap_or(d.rewrite),
            related: scoring
                .related_threshold
                .or(file(&t.related))
                .unwrap_or(d.related),
            near_duplicate: scoring
                .near_duplicate_threshold
                .or(file(&t.near_duplicate))
                .unwrap_or(d.near_duplicate),
        }
    }

    /// The language: the flag, else the file, else `auto`.
    fn language(&self, scoring: &ScoringArgs) -> LanguageChoice {
        scoring
            .language
            .or(self.config.analysis.language)
            .unwrap_or_default()
    }

    /// The built-in normalization with the file's outlets and kickers added.
    fn normalize(&self) -> NormalizeOptions {
        let mut options = NormalizeOptions::default();
        let n = &self.config.normalize;
        for outlet in &n.outlets {
            if !options
                .outlets
                .iter()
                .any(|o| o.eq_ignore_ascii_case(outlet))
            {
                options.outlets.push(outlet.clone());
            }
        }
        for kicker in &n.kickers {
            let kicker = kicker.trim().trim_end_matches(':').to_lowercase();
            if !options.kickers.contains(&kicker) {
                options.kickers.push(kicker);
            }
        }
        options
    }

    /// The comparer the flags and the file describe (`compare`, `scan`, `pairs`).
    pub fn comparer(&self, scoring: &ScoringArgs) -> anyhow::Result<Comparer> {
        Ok(Comparer::builder()
            .thresholds(self.thresholds(scoring))
            .language(self.language(scoring))
            .normalize(self.normalize())
            .build()?)
    }

    /// A baseline path of the file, relative to the file's directory.
    fn relative(&self, path: &Option<PathBuf>) -> Option<PathBuf> {
        let path = path.as_ref()?;
        let dir = self.path.as_deref().and_then(Path::parent);
        Some(match dir {
            Some(dir) if path.is_relative() => dir.join(path),
            _ => path.clone(),
        })
    }

    /// Everything `neardup scan` needs.
    pub fn scan(&self, args: &ScanArgs) -> anyhow::Result<ScanSettings> {
        let s = &self.config.scan;
        let candidate_threshold = match args.candidate_threshold {
            Some(v) => v,
            None => s
                .candidate_threshold
                .as_ref()
                .map(|v| *v.get_ref())
                .unwrap_or(ScanOptions::default().candidate_threshold),
        };
        let min_verdict = args
            .min_verdict
            .or(s.min_verdict)
            .unwrap_or(Verdict::Rewrite);
        let fail_on = args.fail_on.or(s.fail_on).unwrap_or(Verdict::NearDuplicate);
        let topics = match args.topic_threshold {
            Some(link_threshold) => Some(TopicOptions {
                link_threshold,
                ..TopicOptions::default()
            }),
            None if args.topics || s.topics.unwrap_or(false) => Some(TopicOptions::default()),
            None => None,
        };
        let time_window = match (args.time_window, &s.time_window) {
            (Some(window), _) => window,
            (None, Some(text)) => time_window(text.get_ref())
                .map_err(|m| anyhow!("{}: [scan] time-window: {m}", self.at(text.span())))?,
            (None, None) => TimeWindow(ScanOptions::default().time_window),
        };
        Ok(ScanSettings {
            comparer: self.comparer(&args.scoring)?,
            read: self.read_options(&args.input),
            options: ScanOptions {
                candidate_threshold,
                exhaustive: args.exhaustive,
                keep_related: min_verdict <= Verdict::Related || fail_on <= Verdict::Related,
                topics,
                time_window: time_window.0,
                ..ScanOptions::default()
            },
            min_verdict,
            fail_on,
            exit_zero: args.exit_zero || s.exit_zero.unwrap_or(false),
            baseline: args
                .baselines
                .baseline
                .clone()
                .or_else(|| self.relative(&s.baseline)),
        })
    }

    fn read_options(&self, input: &InputArgs) -> ReadOptions {
        let i = &self.config.input;
        let column = input.column.clone().or_else(|| {
            i.column.as_ref().map(|c| match c {
                ColumnValue::Index(n) => ColumnRef::Index(*n),
                ColumnValue::Name(name) => ColumnRef::Name(name.clone()),
            })
        });
        ReadOptions {
            format: input.input_format.or(i.format),
            field: input.field.clone().or_else(|| i.field.clone()),
            id_field: input.id_field.clone().or_else(|| i.id_field.clone()),
            time_field: input.time_field.clone().or_else(|| i.time_field.clone()),
            column,
            skip_invalid: input.skip_invalid || i.skip_invalid.unwrap_or(false),
            max_line_bytes: input
                .max_line_bytes
                .or(i.max_line_bytes)
                .unwrap_or(DEFAULT_MAX_LINE_BYTES),
            ..ReadOptions::default()
        }
    }

    /// Everything `neardup pairs` needs.
    pub fn pairs(&self, args: &PairsArgs) -> anyhow::Result<PairsSettings> {
        let p = &self.config.pairs;
        let i = &self.config.input;
        let mut lexicon = Lexicon::default();
        lexicon.extend(p.lexicon.clone());
        let mut allow = p.allow.clone();
        for rule in &args.allow {
            if !allow.contains(rule) {
                allow.push(*rule);
            }
        }
        let defaults = AuditPolicy::default();
        Ok(PairsSettings {
            comparer: self.comparer(&args.scoring)?,
            read: ReadOptions {
                format: args.input_format,
                original_field: args.original_field.clone(),
                rewrite_field: args.rewrite_field.clone(),
                skip_invalid: args.skip_invalid || i.skip_invalid.unwrap_or(false),
                max_line_bytes: i.max_line_bytes.unwrap_or(DEFAULT_MAX_LINE_BYTES),
                ..ReadOptions::default()
            },
            policy: AuditPolicy {
                near_copy_above: p.near_copy_above.unwrap_or(defaults.near_copy_above),
                allow,
            },
            lexicon,
            fail_on: args
                .fail_on_severity
                .map(Severity::from)
                .or(p.fail_on_severity)
                .unwrap_or(Severity::Error),
            exit_zero: args.exit_zero || p.exit_zero.unwrap_or(false),
            baseline: args
                .baselines
                .baseline
                .clone()
                .or_else(|| self.relative(&p.baseline)),
        })
    }

    /// The effective configuration as TOML, with the command's flags applied when given.
    pub fn dump(&self, command: Option<&Command>) -> anyhow::Result<String> {
        let no_scoring = ScoringArgs::unset();
        let scoring = match command {
            Some(Command::Scan(args)) => &args.scoring,
            Some(Command::Pairs(args)) => &args.scoring,
            Some(Command::Compare(args)) => &args.scoring,
            _ => &no_scoring,
        };
        let scan = match command {
            Some(Command::Scan(args)) => self.scan(args)?,
            _ => self.scan(&ScanArgs::unset())?,
        };
        let pairs = match command {
            Some(Command::Pairs(args)) => self.pairs(args)?,
            _ => self.pairs(&PairsArgs::unset())?,
        };
        let thresholds = self.thresholds(scoring);
        thresholds.validate()?;
        let read = &scan.read;
        let dump = Dump {
            thresholds,
            analysis: AnalysisConfig {
                language: Some(self.language(scoring)),
            },
            normalize: NormalizeConfig {
                outlets: self.config.normalize.outlets.clone(),
                kickers: self.config.normalize.kickers.clone(),
            },
            input: InputConfig {
                format: read.format,
                field: read.field.clone(),
                id_field: read.id_field.clone(),
                time_field: read.time_field.clone(),
                column: read.column.as_ref().map(|c| match c {
                    ColumnRef::Index(n) => ColumnValue::Index(*n),
                    ColumnRef::Name(name) => ColumnValue::Name(name.clone()),
                }),
                skip_invalid: Some(read.skip_invalid),
                max_line_bytes: Some(read.max_line_bytes),
            },
            scan: ScanDump {
                fail_on: scan.fail_on,
                min_verdict: scan.min_verdict,
                candidate_threshold: scan.options.candidate_threshold,
                topics: scan.options.topics.is_some(),
                time_window: TimeWindow(scan.options.time_window).to_string(),
                exit_zero: scan.exit_zero,
                baseline: scan.baseline.as_ref().map(|p| p.display().to_string()),
            },
            pairs: PairsDump {
                fail_on_severity: pairs.fail_on,
                exit_zero: pairs.exit_zero,
                allow: pairs.policy.allow.clone(),
                near_copy_above: pairs.policy.near_copy_above,
                baseline: pairs.baseline.as_ref().map(|p| p.display().to_string()),
                lexicon: self.config.pairs.lexicon.clone(),
            },
        };
        let source = match &self.path {
            Some(path) => path.display().to_string(),
            None => "no config file".to_owned(),
        };
        Ok(format!(
            "# The effective configuration: built-in defaults, then {source}, then flags.\n\
             # [normalize] and [pairs.lexicon] list only the words added to the built-in lists.\n\n{}",
            toml::to_string(&dump)?
        ))
    }
}

/// The effective configuration, for `--dump-config`: the file's shape, every value filled.
#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct Dump {
    thresholds: Thresholds,
    analysis: AnalysisConfig,
    normalize: NormalizeConfig,
    input: InputConfig,
    scan: ScanDump,
    pairs: PairsDump,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct ScanDump {
    fail_on: Verdict,
    min_verdict: Verdict,
    candidate_threshold: f64,
    topics: bool,
    time_window: String,
    exit_zero: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct PairsDump {
    fail_on_severity: Severity,
    exit_zero: bool,
    allow: Vec<Rule>,
    near_copy_above: Verdict,
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline: Option<String>,
    lexicon: Lexicon,
}

/// What `neardup scan` runs with, defaults filled in.
#[derive(Debug)]
pub struct ScanSettings {
    /// The scorer.
    pub comparer: Comparer,
    /// How inputs are read.
    pub read: ReadOptions,
    /// How candidates are found.
    pub options: ScanOptions,
    /// The lowest verdict shown.
    pub min_verdict: Verdict,
    /// The lowest verdict that fails the run.
    pub fail_on: Verdict,
    /// Exit 0 whatever the findings.
    pub exit_zero: bool,
    /// The baseline file to apply.
    pub baseline: Option<PathBuf>,
}

/// What `neardup pairs` runs with, defaults filled in.
#[derive(Debug)]
pub struct PairsSettings {
    /// The scorer.
    pub comparer: Comparer,
    /// How inputs are read.
    pub read: ReadOptions,
    /// What the audit reports.
    pub policy: AuditPolicy,
    /// The built-in lexicon with the file's words.
    pub lexicon: Lexicon,
    /// The lowest severity that fails the run.
    pub fail_on: Severity,
    /// Exit 0 whatever the findings.
    pub exit_zero: bool,
    /// The baseline file to apply.
    pub baseline: Option<PathBuf>,
}
