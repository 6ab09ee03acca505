//! Human-readable output: aligned, short, with the word diff inline.

use std::borrow::Cow;
use std::io::{self, Write};

use crate::compare::{Comparison, Reason};
use crate::diff::{DiffOp, WordDiff};
use crate::eval::{EvalReport, Reading};
use crate::metrics::Metric;
use crate::report::{Paint, sanitize};

/// What a piece of a rendered word diff is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// Words both titles have, or the spaces around a marked run (already sanitized).
    Kept,
    /// Words only the left title has (raw: the renderer sanitizes).
    Deleted,
    /// Words only the right title has (raw: the renderer sanitizes).
    Inserted,
}

/// The word diff as pieces of one line, the one layout every renderer draws: kept words,
/// and dropped and added words without the spaces around them, so the markers hug the
/// words; the line's leading and trailing spaces are cut.
pub fn diff_pieces<'a>(diff: &'a WordDiff) -> Vec<(Mark, Cow<'a, str>)> {
    let mut pieces: Vec<(Mark, Cow<'a, str>)> = Vec::new();
    // Whether the line so far ends with a space (a marked run never does).
    let mut spaced = false;
    for op in &diff.ops {
        let (mark, text) = match op {
            DiffOp::Equal { right, .. } => {
                push_piece(&mut pieces, &mut spaced, Mark::Kept, sanitize(right));
                continue;
            }
            DiffOp::Delete { left } => (Mark::Deleted, left),
            DiffOp::Insert { right } => (Mark::Inserted, right),
        };
        let trimmed = text.trim();
        if trimmed.is_empty() {
            push_piece(&mut pieces, &mut spaced, Mark::Kept, Cow::Borrowed(text));
            continue;
        }
        let start = text.len() - text.trim_start().len();
        // A replacement's deleted and inserted runs can both carry the space between them.
        if !spaced {
            push_piece(
                &mut pieces,
                &mut spaced,
                Mark::Kept,
                Cow::Borrowed(&text[..start]),
            );
        }
        push_piece(&mut pieces, &mut spaced, mark, Cow::Borrowed(trimmed));
        push_piece(
            &mut pieces,
            &mut spaced,
            Mark::Kept,
            Cow::Borrowed(&text[start + trimmed.len()..]),
        );
    }
    trim_kept(&mut pieces);
    pieces
}

/// Add a piece, noting whether the line now ends with a space.
fn push_piece<'a>(
    pieces: &mut Vec<(Mark, Cow<'a, str>)>,
    spaced: &mut bool,
    mark: Mark,
    text: Cow<'a, str>,
) {
    if !text.is_empty() {
        *spaced = mark == Mark::Kept && text.ends_with(char::is_whitespace);
    }
    pieces.push((mark, text));
}

/// Cut the whitespace at both ends of the line: kept pieces only, as a marked run starts
/// and ends with a word.
fn trim_kept(pieces: &mut Vec<(Mark, Cow<'_, str>)>) {
    trim_run(pieces.iter_mut(), str::trim_start);
    trim_run(pieces.iter_mut().rev(), str::trim_end);
    pieces.retain(|(_, text)| !text.is_empty());
}

/// Trim the kept pieces `pieces` starts with, up to the first that keeps some text.
fn trim_run<'p, 'a: 'p>(
    pieces: impl Iterator<Item = &'p mut (Mark, Cow<'a, str>)>,
    trim: fn(&str) -> &str,
) {
    for (mark, text) in pieces {
        if *mark != Mark::Kept {
            break;
        }
        let rest = trim(text).to_owned();
        let done = !rest.is_empty();
        *text = Cow::Owned(rest);
        if done {
            break;
        }
    }
}

/// The word diff as one line: kept words plain, dropped and added words marked.
pub fn inline_diff(diff: &WordDiff, paint: Paint) -> String {
    diff_pieces(diff)
        .into_iter()
        .map(|(mark, text)| match mark {
            Mark::Kept => text.into_owned(),
            Mark::Deleted => paint.deleted(&text),
            Mark::Inserted => paint.inserted(&text),
        })
        .collect()
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
