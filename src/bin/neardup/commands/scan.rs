//! `neardup scan FILE...`: every group of alike items, with `--against` for CI checks.

use std::io::{IsTerminal, Write};
use std::time::Duration;

use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use neardup::Verdict;
use neardup::read::{ReadOptions, RecordError, open_input, read_titles};
use neardup::report::scan::{ScanOutput, write_csv, write_human, write_json, write_jsonl};
use neardup::scan::{Batch, ScanOptions, ScanReport, ScanStage, scan};

use crate::Status;
use crate::args::{InputArgs, ReportFormat, ScanArgs};
use crate::output;

/// Read, scan, report, and decide the exit status.
pub fn run(args: ScanArgs) -> anyhow::Result<Status> {
    let comparer = super::comparer(&args.scoring)?;
    if !(0.0..=1.0).contains(&args.candidate_threshold) || args.candidate_threshold == 0.0 {
        anyhow::bail!(
            "--candidate-threshold {} is outside (0, 1]; it is a similarity such as 0.2",
            args.candidate_threshold
        );
    }
    let progress = progress_bar(args.no_progress);
    let read_options = read_options(&args.input);
    let mut batch = Batch::new();
    let mut errors: Vec<RecordError> = Vec::new();
    let mut skipped = 0;
    let inputs = args
        .against
        .iter()
        .map(|p| (p, true))
        .chain(args.files.iter().map(|p| (p, false)));
    for (path, existing) in inputs {
        let reader = open_input(path).with_context(|| format!("{path}: cannot open"))?;
        let mut records = read_titles(path, reader, &read_options);
        for record in records.by_ref() {
            match record {
                Ok(record) => batch.push(record.location, &record.title, existing),
                Err(error) => {
                    progress.suspend(|| crate::output::report_record_error(&error));
                    errors.push(error);
                }
            }
            if batch.records() % 65_536 == 0 {
                progress.set_message(format!("reading: {} records", batch.records()));
            }
        }
        skipped += records.skipped();
    }
    if skipped > 0 {
        crate::output::report_warning(&format!(
            "skipped {skipped} invalid record(s) (--skip-invalid); the summary counts them"
        ));
    }
    let options = ScanOptions {
        candidate_threshold: args.candidate_threshold,
        exhaustive: args.exhaustive,
        keep_related: args.min_verdict <= Verdict::Related || args.fail_on <= Verdict::Related,
        ..ScanOptions::default()
    };
    let mut report = scan(batch, &comparer, &options, &|stage| {
        progress.set_message(match stage {
            ScanStage::Analyzing(n) => format!("analyzing {n} unique texts"),
            ScanStage::Matching(n) => format!("matching {n} distinct titles"),
            ScanStage::Grouping(n) => format!("grouping with {n} verified pairs"),
            _ => String::new(),
        })
    });
    progress.finish_and_clear();
    report.summary.records_skipped = skipped;
    keep_at_or_above(&mut report, args.min_verdict);
    let (mut out, paint) = output::sink(args.output.as_deref(), args.color)?;
    let view = ScanOutput {
        report: &report,
        errors: &errors,
    };
    match args.format {
        ReportFormat::Human => write_human(&mut out, view, comparer.analyzer(), paint)?,
        ReportFormat::Json => write_json(&mut out, view)?,
        ReportFormat::Jsonl => write_jsonl(&mut out, view)?,
        ReportFormat::Csv => write_csv(&mut out, view)?,
    }
    out.flush()?;
    Ok(if !errors.is_empty() {
        Status::Error
    } else if !args.exit_zero && has_findings(&report, args.fail_on) {
        Status::Findings
    } else {
        Status::Clean
    })
}

fn read_options(input: &InputArgs) -> ReadOptions {
    ReadOptions {
        format: input.input_format,
        field: input.field.clone(),
        id_field: input.id_field.clone(),
        column: input.column.clone(),
        skip_invalid: input.skip_invalid,
        max_line_bytes: input.max_line_bytes,
        ..ReadOptions::default()
    }
}

/// A spinner on stderr when it is a terminal; hidden otherwise.
fn progress_bar(disabled: bool) -> ProgressBar {
    if disabled || !std::io::stderr().is_terminal() {
        return ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
    }
    let bar = ProgressBar::new_spinner();
    bar.set_style(
        ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    bar.enable_steady_tick(Duration::from_millis(120));
    bar
}

/// Drop members below `min`, groups left empty, and related pairs unless asked for.
fn keep_at_or_above(report: &mut ScanReport, min: Verdict) {
    for group in &mut report.groups {
        group.members.retain(|m| m.verdict >= min);
    }
    report.groups.retain(|g| !g.members.is_empty());
    if min > Verdict::Related {
        report.related.clear();
    }
}

/// Whether any reported finding involving a new item is at or above `level`.
fn has_findings(report: &ScanReport, level: Verdict) -> bool {
    let in_groups = report.groups.iter().any(|group| {
        group
            .members
            .iter()
            .any(|m| m.verdict >= level && !(m.item.existing && group.representative.existing))
    });
    in_groups || (level <= Verdict::Related && !report.related.is_empty())
}
