//! `neardup eval --audit FILE`: score the audit rules on pairs labeled per kind of difference.

use std::fs::File;
use std::io::{BufReader, Write};

use anyhow::Context;
use neardup::eval::audit::{
    AuditEvalOptions, AuditEvaluation, Direction, PairRef, Score, evaluate_audit, read_audit_pairs,
};
use neardup::report::{FORMAT_VERSION, Paint, sanitize};
use serde_json::json;

use crate::Status;
use crate::args::pairs::PairsArgs;
use crate::args::{EvalArgs, Format};
use crate::config::Loaded;
use crate::output;

/// Read the labeled file, audit every pair and print the scores.
pub fn run(args: EvalArgs, config: &Loaded) -> anyhow::Result<Status> {
    let comparer = super::comparer(&args.scoring)?;
    let settings = config.pairs(&PairsArgs::unset())?;
    let name = args.file.display().to_string();
    let file = File::open(&args.file).with_context(|| format!("{name}: cannot open"))?;
    let comma = args
        .file
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    let pairs = read_audit_pairs(&name, BufReader::new(file), comma)?;
    let options = AuditEvalOptions {
        direction: if args.directed {
            Direction::Forward
        } else {
            Direction::Both
        },
        min_severity: args.min_severity.into(),
    };
    let report = evaluate_audit(
        &pairs,
        &comparer,
        &settings.lexicon,
        &settings.policy,
        &options,
    );
    let (mut out, paint) = output::stdout(args.color);
    match args.format {
        Format::Human => write_human(&mut out, &name, &report, paint)?,
        Format::Json => {
            let message = json!({
                "version": FORMAT_VERSION,
                "file": name,
                "report": report,
            });
            serde_json::to_writer_pretty(&mut out, &message)?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(Status::Clean)
}

fn rate(value: Option<f64>, n: usize, of: usize) -> String {
    match value {
        Some(v) => format!("{v:.2} ({n}/{of})"),
        None => format!("- ({n}/{of})"),
    }
}

fn row(out: &mut impl Write, label: &str, score: &Score) -> std::io::Result<()> {
    writeln!(
        out,
        "  {label:<34} {:<14} {}",
        rate(score.recall, score.found, score.positives),
        rate(score.false_alarm_rate, score.false_alarms, score.negatives),
    )
}

fn write_pair(
    out: &mut impl Write,
    file: &str,
    pair: &PairRef,
    paint: Paint,
) -> std::io::Result<()> {
    writeln!(out, "  {}", paint.strong(&format!("{file}:{}", pair.line)))?;
    writeln!(out, "    a     {}", sanitize(&pair.a))?;
    writeln!(out, "    b     {}", sanitize(&pair.b))?;
    if let Some(note) = &pair.note {
        writeln!(
            out,
            "    {}",
            paint.dim(&format!("note  {}", sanitize(note)))
        )?;
    }
    for e in &pair.evidence {
        writeln!(
            out,
            "    {} {} {}",
            e.direction,
            e.rule.id(),
            sanitize(&e.message)
        )?;
    }
    Ok(())
}

/// The table of families and rules, then each family's misses and false alarms.
fn write_human(
    out: &mut impl Write,
    file: &str,
    report: &AuditEvaluation,
    paint: Paint,
) -> std::io::Result<()> {
    let direction = match report.direction {
        Direction::Both => "labels either way, audited a->b and b->a",
        Direction::Forward => "labels directed, audited a->b",
        _ => "",
    };
    writeln!(
        out,
        "{file}: {} pairs ({direction}; findings at {} and above count)\n",
        report.pairs, report.min_severity
    )?;
    writeln!(
        out,
        "  {:<34} {:<14} false alarms",
        "family / rule", "recall"
    )?;
    for family in &report.families {
        row(out, family.family.column(), &family.score)?;
        for rule in &family.rules {
            row(
                out,
                &format!("  {} {}", rule.rule.id(), rule.name),
                &rule.score,
            )?;
        }
    }
    for family in &report.families {
        let column = family.family.column();
        for (what, pairs) in [
            ("missed", &family.misses),
            ("false alarms", &family.false_alarm_pairs),
        ] {
            if pairs.is_empty() {
                continue;
            }
            writeln!(
                out,
                "\n{}",
                paint.strong(&format!("{column}: {what} ({})", pairs.len()))
            )?;
            for pair in pairs {
                write_pair(out, file, pair, paint)?;
            }
        }
    }
    Ok(())
}
