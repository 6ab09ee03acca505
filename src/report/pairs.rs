//! Reports of `neardup pairs`: every audited original/rewrite pair, bad records, and the
//! closing counts, in four formats behind one trait, [`PairsReport`].
//!
//! Every format is streamed except `json`, which collects the pairs into one document.
//!
//! # Schemas (version [`FORMAT_VERSION`], unstable until 1.0)
//!
//! A *pair* object: `location` (`{"path","line"}`), `original`, `rewrite`, `teaser` (when the
//! input has one), `verdict`, `combined`, `scores` (every metric, rounded to
//! [`crate::report::SCORE_DECIMALS`] places), `reasons`, `diff` (as `neardup compare`), and
//! `findings`: `rule` (id), `name`, `severity`, `message`, `original_spans` / `rewrite_spans`
//! (byte ranges `{"start","end"}` in the titles as read) and `original_evidence` /
//! `rewrite_evidence` (the text of those spans).
//!
//! An *error* object: `location` and `message`. A *summary* object: `records_read`, `invalid`,
//! `skipped`, `input_errors`, `pairs_audited`, `pairs_with_findings`, `findings` (total),
//! `by_severity` (`{"warning": 3, …}`) and `by_rule` (`{"ND101": {"error": 1}, …}`).
//!
//! * `json`: `{"version":1,"pairs":[…],"errors":[…],"summary":{…}}`.
//! * `jsonl`: one message per line, tagged by `type`: `{"type":"pair",…}`,
//!   `{"type":"error",…}`, and last `{"type":"summary","version":1,…}`.
//! * `csv`: a header, then one row per finding (pairs without findings have no row); cells
//!   that a spreadsheet would run as a formula are guarded, see [`crate::report::guard_csv_cell`]. The
//!   summary does not fit the table: the caller shows it elsewhere ([`write_human_summary`]).
//! * `human`: per pair its location, verdict and combined score, both titles with each
//!   finding's evidence marked ([`Paint::highlight`]), the word diff and one line per finding;
//!   then the summary. Bad records are left to the caller's error stream.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::ops::Range;

use serde::Serialize;

use crate::audit::{AuditedPair, Finding, PairsSummary, Rule, Severity};
use crate::classify::Verdict;
use crate::compare::Reason;
use crate::diff::WordDiff;
use crate::metrics::Metric;
use crate::read::{Location, RecordError};
use crate::report::findings::PairFindings;
use crate::report::human::inline_diff;
use crate::report::{FORMAT_VERSION, Paint, guard_csv_cell, round_score, sanitize};

/// The streamed formats of `neardup pairs` that this module writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PairsFormat {
    /// Text for people, with the evidence marked in `paint`.
    Human(Paint),
    /// One JSON document.
    Json,
    /// JSON Lines, one typed message per line.
    Jsonl,
    /// One CSV row per finding.
    Csv,
}

/// A sink for the results of `neardup pairs`, one implementation per format.
pub trait PairsReport {
    /// One audited pair.
    fn pair(&mut self, pair: &PairFindings) -> io::Result<()>;
    /// A record or input that could not be read.
    fn error(&mut self, error: &RecordError) -> io::Result<()>;
    /// The closing counts; the report is complete after this.
    fn finish(&mut self, summary: &PairsSummary) -> io::Result<()>;
}

/// The report for `format`, writing to `out`.
pub fn pairs_report<'w>(format: PairsFormat, out: &'w mut dyn Write) -> Box<dyn PairsReport + 'w> {
    match format {
        PairsFormat::Human(paint) => Box::new(HumanReport { out, paint }),
        PairsFormat::Json => Box::new(Collected::new(move |pairs, errors, summary| {
            write_json_document(out, pairs, errors, summary)
        })),
        PairsFormat::Jsonl => Box::new(JsonlReport { out }),
        PairsFormat::Csv => Box::new(CsvReport {
            out: csv::Writer::from_writer(out),
            header: false,
        }),
    }
}

/// A finding as machine output.
#[derive(Debug, Serialize)]
pub struct FindingMessage<'a> {
    /// The rule id.
    pub rule: Rule,
    /// The rule name.
    pub name: &'static str,
    /// How serious it is.
    pub severity: Severity,
    /// What is wrong.
    pub message: &'a str,
    /// Byte ranges in the original.
    pub original_spans: &'a [Range<usize>],
    /// Byte ranges in the rewrite.
    pub rewrite_spans: &'a [Range<usize>],
    /// The text of `original_spans`.
    pub original_evidence: Vec<&'a str>,
    /// The text of `rewrite_spans`.
    pub rewrite_evidence: Vec<&'a str>,
}

impl<'a> FindingMessage<'a> {
    /// The message for a finding on `pair`.
    pub fn new(pair: &'a AuditedPair, finding: &'a Finding) -> Self {
        Self {
            rule: finding.rule,
            name: finding.rule.name(),
            severity: finding.severity,
            message: &finding.message,
            original_spans: &finding.original_spans,
            rewrite_spans: &finding.rewrite_spans,
            original_evidence: evidence(&pair.original, &finding.original_spans),
            rewrite_evidence: evidence(&pair.rewrite, &finding.rewrite_spans),
        }
    }
}

/// The text of each span of `text` (spans off character boundaries are left out).
pub fn evidence<'a>(text: &'a str, spans: &[Range<usize>]) -> Vec<&'a str> {
    spans.iter().filter_map(|s| text.get(s.clone())).collect()
}

/// An audited pair as machine output.
#[derive(Debug, Serialize)]
pub struct PairMessage<'a> {
    /// Where the record starts.
    pub location: &'a Location,
    /// The original as read.
    pub original: &'a str,
    /// The rewrite as read.
    pub rewrite: &'a str,
    /// The teaser, when the input has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub teaser: Option<&'a str>,
    /// The verdict.
    pub verdict: Verdict,
    /// The combined score, rounded.
    pub combined: f64,
    /// Every metric's similarity, rounded.
    pub scores: BTreeMap<Metric, f64>,
    /// Why the verdict.
    pub reasons: &'a [Reason],
    /// The word diff from original to rewrite.
    pub diff: &'a WordDiff,
    /// The audit's findings.
    pub findings: Vec<FindingMessage<'a>>,
}

impl<'a> PairMessage<'a> {
    /// The message for one audited pair.
    pub fn new(pair: &'a AuditedPair) -> Self {
        let c = &pair.comparison;
        Self {
            location: &pair.location,
            original: &pair.original,
            rewrite: &pair.rewrite,
            teaser: pair.teaser.as_deref(),
            verdict: c.verdict,
            combined: round_score(c.combined),
            scores: c
                .scores
                .iter()
                .map(|(m, s)| (*m, round_score(*s)))
                .collect(),
            reasons: &c.reasons,
            diff: &c.diff,
            findings: pair
                .findings
                .iter()
                .map(|f| FindingMessage::new(pair, f))
                .collect(),
        }
    }
}

/// A bad record as machine output.
#[derive(Debug, Serialize)]
pub struct ErrorMessage<'a> {
    /// Where the problem is.
    pub location: &'a Location,
    /// What is wrong.
    pub message: &'a str,
}

impl<'a> ErrorMessage<'a> {
    /// The message for one error.
    pub fn new(error: &'a RecordError) -> Self {
        Self {
            location: &error.location,
            message: &error.message,
        }
    }
}

/// Merge the spans of every finding on one side into sorted, disjoint ranges. Spans that
/// cover the whole title (the verdict rules) point at nothing in particular and are left out.
fn evidence_ranges(
    text: &str,
    findings: &[Finding],
    side: fn(&Finding) -> &[Range<usize>],
) -> Vec<Range<usize>> {
    let mut spans: Vec<Range<usize>> = findings
        .iter()
        .flat_map(side)
        .filter(|s| !s.is_empty())
        .filter(|s| !(s.start == 0 && s.end >= text.len()))
        .filter(|s| text.get((*s).clone()).is_some())
        .cloned()
        .collect();
    spans.sort_by_key(|s| (s.start, s.end));
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(spans.len());
    for span in spans {
        match merged.last_mut() {
            Some(last) if span.start <= last.end => last.end = last.end.max(span.end),
            _ => merged.push(span),
        }
    }
    merged
}

/// A title in pieces, each `true` when it is evidence of one of `findings` (raw text: the
/// renderer sanitizes or escapes it).
pub fn evidence_pieces<'t>(
    text: &'t str,
    findings: &[Finding],
    side: fn(&Finding) -> &[Range<usize>],
) -> Vec<(bool, &'t str)> {
    let mut pieces = Vec::new();
    let mut at = 0;
    for span in evidence_ranges(text, findings, side) {
        pieces.push((false, &text[at..span.start]));
        pieces.push((true, &text[span.clone()]));
        at = span.end;
    }
    pieces.push((false, &text[at..]));
    pieces
}

/// A title with the evidence of `findings` marked.
pub fn marked_title(
    text: &str,
    findings: &[Finding],
    side: fn(&Finding) -> &[Range<usize>],
    paint: Paint,
) -> String {
    let mut line = String::with_capacity(text.len() + 16);
    for (evidence, piece) in evidence_pieces(text, findings, side) {
        if evidence {
            line.push_str(&paint.highlight(piece));
        } else {
            line.push_str(&sanitize(piece));
        }
    }
    line
}

/// One finding as a line: `ND101 error    number-changed: changes the year “1980” to …`.
pub fn finding_line(finding: &Finding, paint: Paint) -> String {
    format!(
        "{} {:<7}  {}: {}",
        paint.strong(finding.rule.id()),
        finding.severity.name(),
        finding.rule.name(),
        sanitize(&finding.message)
    )
}

/// Write the closing counts as text.
pub fn write_human_summary(
    out: &mut dyn Write,
    summary: &PairsSummary,
    paint: Paint,
) -> io::Result<()> {
    let s = summary;
    writeln!(
        out,
        "{}: {} records read, {} pairs audited, {} invalid, {} skipped{}",
        paint.strong("summary"),
        s.records_read,
        s.pairs_audited,
        s.invalid,
        s.skipped,
        if s.input_errors > 0 {
            format!(", {} inputs failed", s.input_errors)
        } else {
            String::new()
        }
    )?;
    let by_severity: Vec<String> = [Severity::Error, Severity::Warning, Severity::Info]
        .into_iter()
        .map(|sev| format!("{} {sev}", s.by_severity.get(&sev).copied().unwrap_or(0)))
        .collect();
    writeln!(
        out,
        "findings: {} in {} pairs ({})",
        s.findings,
        s.pairs_with_findings,
        by_severity.join(", ")
    )?;
    if s.baseline_suppressed + s.baseline_stale > 0 {
        writeln!(
            out,
            "baseline: {} findings suppressed, {} stale entries",
            s.baseline_suppressed, s.baseline_stale
        )?;
    }
    for (rule, counts) in &s.by_rule {
        let counts: Vec<String> = counts
            .iter()
            .rev()
            .map(|(sev, n)| format!("{n} {sev}"))
            .collect();
        writeln!(
            out,
            "  {} {:<24} {}",
            rule.id(),
            rule.name(),
            counts.join(", ")
        )?;
    }
    Ok(())
}

/// `human`.
struct HumanReport<'w> {
    out: &'w mut dyn Write,
    paint: Paint,
}

impl PairsReport for HumanReport<'_> {
    fn pair(&mut self, findings: &PairFindings) -> io::Result<()> {
        let pair = &findings.pair;
        let paint = self.paint;
        let c = &pair.comparison;
        writeln!(
            self.out,
            "{}  {}  combined {:.3}",
            paint.dim(&sanitize(&pair.location.to_string())),
            paint.strong(c.verdict.name()),
            c.combined
        )?;
        let original = marked_title(&pair.original, &pair.findings, |f| &f.original_spans, paint);
        let rewrite = marked_title(&pair.rewrite, &pair.findings, |f| &f.rewrite_spans, paint);
        writeln!(self.out, "  original  {original}")?;
        writeln!(self.out, "  rewrite   {rewrite}")?;
        writeln!(self.out, "  diff      {}", inline_diff(&c.diff, paint))?;
        if pair.findings.is_empty() {
            writeln!(self.out, "  no findings")?;
        }
        for finding in &pair.findings {
            writeln!(self.out, "  {}", finding_line(finding, paint))?;
        }
        writeln!(self.out)
    }

    /// Bad records go to the caller's error stream, not into the report.
    fn error(&mut self, _error: &RecordError) -> io::Result<()> {
        Ok(())
    }

    fn finish(&mut self, summary: &PairsSummary) -> io::Result<()> {
        write_human_summary(self.out, summary, self.paint)?;
        self.out.flush()
    }
}

/// A [`PairsReport`] for formats that need the whole run at once (one JSON document, a
/// SARIF log): it keeps every pair and error and hands them to `write` at
/// [`PairsReport::finish`].
pub struct Collected<W> {
    pairs: Vec<PairFindings>,
    errors: Vec<RecordError>,
    write: W,
}

impl<W> Collected<W>
where
    W: FnMut(&[PairFindings], &[RecordError], &PairsSummary) -> io::Result<()>,
{
    /// An empty collection that `write` renders at the end.
    pub fn new(write: W) -> Self {
        Self {
            pairs: Vec::new(),
            errors: Vec::new(),
            write,
        }
    }
}

impl<W> PairsReport for Collected<W>
where
    W: FnMut(&[PairFindings], &[RecordError], &PairsSummary) -> io::Result<()>,
{
    fn pair(&mut self, pair: &PairFindings) -> io::Result<()> {
        self.pairs.push(pair.clone());
        Ok(())
    }

    fn error(&mut self, error: &RecordError) -> io::Result<()> {
        self.errors.push(error.clone());
        Ok(())
    }

    fn finish(&mut self, summary: &PairsSummary) -> io::Result<()> {
        (self.write)(&self.pairs, &self.errors, summary)
    }
}

/// `json`: one document of every pair and error, and the summary.
fn write_json_document(
    out: &mut dyn Write,
    pairs: &[PairFindings],
    errors: &[RecordError],
    summary: &PairsSummary,
) -> io::Result<()> {
    #[derive(Serialize)]
    struct Document<'a> {
        version: u32,
        pairs: Vec<PairMessage<'a>>,
        errors: Vec<ErrorMessage<'a>>,
        summary: &'a PairsSummary,
    }
    let document = Document {
        version: FORMAT_VERSION,
        pairs: pairs.iter().map(|p| PairMessage::new(&p.pair)).collect(),
        errors: errors.iter().map(ErrorMessage::new).collect(),
        summary,
    };
    serde_json::to_writer_pretty(&mut *out, &document).map_err(io::Error::from)?;
    writeln!(out)?;
    out.flush()
}

/// `jsonl`.
struct JsonlReport<'w> {
    out: &'w mut dyn Write,
}

/// One line of `jsonl` output.
#[derive(Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum Line<'a> {
    Pair(PairMessage<'a>),
    Error(ErrorMessage<'a>),
    Summary {
        version: u32,
        #[serde(flatten)]
        summary: &'a PairsSummary,
    },
}

impl JsonlReport<'_> {
    fn line(&mut self, line: &Line<'_>) -> io::Result<()> {
        serde_json::to_writer(&mut *self.out, line).map_err(io::Error::from)?;
        writeln!(self.out)
    }
}

impl PairsReport for JsonlReport<'_> {
    fn pair(&mut self, findings: &PairFindings) -> io::Result<()> {
        let pair = &findings.pair;
        self.line(&Line::Pair(PairMessage::new(pair)))
    }

    fn error(&mut self, error: &RecordError) -> io::Result<()> {
        self.line(&Line::Error(ErrorMessage::new(error)))
    }

    fn finish(&mut self, summary: &PairsSummary) -> io::Result<()> {
        self.line(&Line::Summary {
            version: FORMAT_VERSION,
            summary,
        })?;
        self.out.flush()
    }
}

/// `csv`.
struct CsvReport<'w> {
    out: csv::Writer<&'w mut dyn Write>,
    header: bool,
}

/// The columns of `csv` output.
const CSV_HEADER: [&str; 12] = [
    "path",
    "line",
    "rule",
    "name",
    "severity",
    "message",
    "original_evidence",
    "rewrite_evidence",
    "verdict",
    "combined",
    "original",
    "rewrite",
];

fn csv_error(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

impl CsvReport<'_> {
    fn ensure_header(&mut self) -> io::Result<()> {
        if !self.header {
            self.header = true;
            self.out.write_record(CSV_HEADER).map_err(csv_error)?;
        }
        Ok(())
    }
}

impl PairsReport for CsvReport<'_> {
    fn pair(&mut self, findings: &PairFindings) -> io::Result<()> {
        let pair = &findings.pair;
        self.ensure_header()?;
        let line = pair.location.line.to_string();
        let combined = format!("{:.4}", round_score(pair.comparison.combined));
        for finding in &pair.findings {
            let m = FindingMessage::new(pair, finding);
            let original_evidence = m.original_evidence.join(" | ");
            let rewrite_evidence = m.rewrite_evidence.join(" | ");
            let cells: [&str; 12] = [
                pair.location.display_path(),
                &line,
                finding.rule.id(),
                finding.rule.name(),
                finding.severity.name(),
                &finding.message,
                &original_evidence,
                &rewrite_evidence,
                pair.comparison.verdict.name(),
                &combined,
                &pair.original,
                &pair.rewrite,
            ];
            self.out
                .write_record(cells.iter().map(|c| guard_csv_cell(c).into_owned()))
                .map_err(csv_error)?;
        }
        Ok(())
    }

    /// Errors have no row: they go to the caller's error stream.
    fn error(&mut self, _error: &RecordError) -> io::Result<()> {
        Ok(())
    }

    fn finish(&mut self, _summary: &PairsSummary) -> io::Result<()> {
        self.ensure_header()?;
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(original: &[Range<usize>]) -> Finding {
        Finding {
            rule: Rule::NumberDropped,
            severity: Severity::Warning,
            message: String::new(),
            original_spans: original.to_vec(),
            rewrite_spans: Vec::new(),
        }
    }

    #[test]
    #[allow(
        clippy::single_range_in_vec_init,
        reason = "each finding holds a list of spans; one span is the common case"
    )]
    fn evidence_is_marked_merged_and_whole_title_spans_are_left_out() {
        let text = "US beats Canada 2-1 since 1980";
        let findings = [
            finding(&[16..19]),
            finding(&[26..30, 26..28]),
            finding(&[0..text.len()]),
        ];
        let paint = Paint { color: false };
        assert_eq!(
            marked_title(text, &findings, |f| &f.original_spans, paint),
            "US beats Canada «2-1» since «1980»"
        );
        // A span that does not fall on character boundaries is ignored, never a panic.
        let odd = [finding(&[1..2])];
        assert_eq!(marked_title("é", &odd, |f| &f.original_spans, paint), "é");
    }
}
