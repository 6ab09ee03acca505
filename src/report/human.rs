//! Human-readable output: aligned, short, with the word diff inline.

use std::io::{self, Write};

use crate::compare::{Comparison, Reason};
use crate::diff::{DiffOp, WordDiff};
use crate::eval::{EvalReport, Reading};
use crate::metrics::Metric;
use crate::report::{Paint, sanitize};

/// The word diff as one line: kept words plain, dropped and added words marked.
pub fn inline_diff(diff: &WordDiff, paint: Paint) -> String {
    let mut line = String::new();
    for op in &diff.ops {
        match op {
            DiffOp::Equal { right, .. } => line.push_str(&sanitize(right)),
            DiffOp::Delete { left } => push_marked(&mut line, left, |t| paint.deleted(t)),
            DiffOp::Insert { right } => push_marked(&mut line, right, |t| paint.inserted(t)),
        }
    }
    line.trim().to_owned()
}

/// Mark `text` without marking the spaces around it, so the markers hug the words.
fn push_marked(line: &mut String, text: &str, mark: impl Fn(&str) -> String) {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        line.push_str(text);
        return;
    }
    let start = text.len() - text.trim_start().len();
    // A replacement's deleted and inserted runs can both carry the space between them.
    if !line.ends_with(char::is_whitespace) {
        line.push_str(&text[..start]);
    }
    line.push_str(&mark(trimmed));
    line.push_str(&text[start + trimmed.len()..]);
}

/// One reason as a short phrase.
pub fn reason_text(reason: &Reason) -> String {
    match reason {
        Reason::SameAfterNormalization => "same text after normalization".to_owned(),
        Reason::SharedTerms { terms } => format!("shared terms: {}", sanitize(&terms.join(", "))),
        Reason::NumbersAgree { values } => {
            format!("numbers agree: {}", sanitize(&values.join(", ")))
        }
        Reason::NumberChanged { left, right } => {
            format!("number changed: {} → {}", sanitize(left), sanitize(right))
        }
        Reason::NumberDropped { left } => format!("number dropped: {}", sanitize(left)),
        Reason::NumberAdded { right } => format!("number added: {}", sanitize(right)),
    }
}

/// The scores of every metric but the combined one, in report order.
pub fn score_line(comparison: &Comparison) -> String {
    Metric::ALL
        .iter()
        .filter(|m| **m != Metric::Combined)
        .filter_map(|m| comparison.scores.get(m).map(|s| format!("{m} {s:.3}")))
        .collect::<Vec<_>>()
        .join("  ")
}

/// Write one comparison: verdict and score, both titles, the diff, the reasons, the scores.
pub fn write_comparison(
    out: &mut dyn Write,
    left: &str,
    right: &str,
    comparison: &Comparison,
    paint: Paint,
) -> io::Result<()> {
    writeln!(
        out,
        "{}  combined {:.3}",
        paint.strong(comparison.verdict.name()),
        comparison.combined
    )?;
    writeln!(out, "  left    {}", sanitize(left))?;
    writeln!(out, "  right   {}", sanitize(right))?;
    writeln!(out, "  diff    {}", inline_diff(&comparison.diff, paint))?;
    for reason in &comparison.reasons {
        writeln!(out, "  why     {}", reason_text(reason))?;
    }
    writeln!(out, "  scores  {}", paint.dim(&score_line(comparison)))
}

/// Write an evaluation: per reading, a table of every metric, then the verdicts.
pub fn write_eval(
    out: &mut dyn Write,
    path: &str,
    reference: Option<&str>,
    report: &EvalReport,
    paint: Paint,
) -> io::Result<()> {
    writeln!(out, "{}: {} labeled pairs", sanitize(path), report.pairs)?;
    for reading in &report.readings {
        let what = match reading.reading {
            Reading::Label => "label column (score ≥ 3 is the same story)",
            Reading::Strict => "strict reading (score ≥ 4 versus ≤ 1, the middle left out)",
        };
        writeln!(out)?;
        writeln!(
            out,
            "{}: {} pairs, {} positive",
            paint.strong(what),
            reading.pairs,
            reading.positives
        )?;
        let reference_header = match reference {
            Some(reference) => format!(
                "   F1 at threshold from {} (threshold, P, R)",
                sanitize(reference)
            ),
            None => String::new(),
        };
        writeln!(
            out,
            "  {:<13} {:>7} {:>8} {:>7} {:>9}{reference_header}",
            "metric", "ROC AUC", "avg prec", "best F1", "threshold"
        )?;
        for metric in &reading.metrics {
            let s = &metric.separation;
            let at_reference = metric.at_reference.map_or(String::new(), |at| {
                format!(
                    "   {:.3} ({:.3}, {:.3}, {:.3})",
                    at.confusion.f1, at.threshold, at.confusion.precision, at.confusion.recall
                )
            });
            writeln!(
                out,
                "  {:<13} {:>7.3} {:>8.3} {:>7.3} {:>9.3}{at_reference}",
                metric.metric.name(),
                s.roc_auc,
                s.average_precision,
                s.best_f1,
                s.best_threshold
            )?;
        }
        let v = &reading.verdicts;
        writeln!(
            out,
            "  verdicts (rewrite or closer = same story): precision {:.3}, recall {:.3}, F1 {:.3}",
            v.precision, v.recall, v.f1
        )?;
    }
    Ok(())
}
