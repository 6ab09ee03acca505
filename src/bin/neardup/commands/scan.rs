//! `neardup scan FILE...`: every group of alike items, with `--against` for CI checks.

use std::io::{IsTerminal, Write};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use neardup::Verdict;
use neardup::baseline::{self, Baseline};
use neardup::read::{RecordError, open_error, open_input, read_titles};
use neardup::report::findings::{ScanContext, ScanFindings};
use neardup::report::render::Format;
use neardup::scan::{Batch, ScanReport, ScanStage, scan_keeping_memory};

use crate::Status;
use crate::args::ScanArgs;
use crate::config::Loaded;
use crate::output;

/// Read, scan, report, and decide the exit status.
pub fn run(args: ScanArgs, config: &Loaded) -> anyhow::Result<Status> {
    let settings = config.scan(&args)?;
    let comparer = &settings.comparer;
    let progress = progress_bar(args.no_progress);
    let read_options = &settings.read;
    let mut errors: Vec<RecordError> = Vec::new();
    let inputs = args
        .against
        .iter()
        .map(|p| (p, true))
        .chain(args.files.iter().map(|p| (p, false)));
    let (batch, skipped) = Batch::read_analyzing(comparer, |batch| {
        let mut skipped = 0;
        let mut timed = 0u64;
        for (path, existing) in inputs {
            // An input that cannot be opened is reported and the others are still read, as
            // `pairs` does: one policy for every command.
            let reader = match open_input(path) {
                Ok(reader) => reader,
                Err(e) => {
                    let error = open_error(path, &e);
                    progress.suspend(|| crate::output::report_record_error(&error));
                    errors.push(error);
                    continue;
                }
            };
            let mut records = read_titles(path, reader, read_options);
            for record in records.by_ref() {
                match record {
                    Ok(record) => {
                        timed += u64::from(record.time.is_some());
                        batch.push_at(record.location, &record.title, existing, record.time)
                    }
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
        if let Some(field) = &read_options.time_field
            && timed == 0
            && batch.records() > 0
        {
            progress.suspend(|| {
                crate::output::report_warning(&format!(
                    "--time-field {field}: no record had a time (plain lines and pages have no \
                     fields), so the time window set nothing apart"
                ))
            });
        }
        anyhow::Ok(skipped)
    });
    let skipped = skipped?;
    if skipped > 0 {
        crate::output::report_warning(&format!(
            "skipped {skipped} invalid record(s) (--skip-invalid); the summary counts them"
        ));
    }
    let (mut report, memory) = scan_keeping_memory(batch, comparer, &settings.options, &|stage| {
        progress.set_message(match stage {
            ScanStage::Analyzing(n) => format!("analyzing {n} unique texts"),
            ScanStage::Matching(n) => format!("matching {n} distinct titles"),
            ScanStage::Grouping(n) => format!("grouping with {n} verified pairs"),
            _ => String::new(),
        })
    });
    progress.finish_and_clear();
    report.summary.records_skipped = skipped;
    keep_at_or_above(&mut report, settings.min_verdict);
    let analyzer = comparer.analyzer();
    if let Some(path) = &args.baselines.write_baseline {
        let mut accepted = Baseline::new();
        for (key, note) in baseline::scan_findings(&report, analyzer) {
            accepted.insert(key, note);
        }
        super::write_baseline(path, &accepted)?;
    }
    if let Some(path) = &settings.baseline {
        let accepted = super::read_baseline(path)?;
        let mut check = accepted.check();
        report.summary.baseline_suppressed =
            baseline::suppress_scan(&mut report, analyzer, &mut check);
        report.summary.baseline_stale = super::warn_stale(path, &check)?;
    }
    let (mut out, paint) = output::sink(args.output.as_deref(), args.color)?;
    let renderer = Format::from(args.format).renderer(paint);
    let context = ScanContext {
        inputs: args.against.iter().chain(&args.files).cloned().collect(),
        thresholds: *comparer.thresholds(),
        fail_on: settings.fail_on,
    };
    let findings = ScanFindings::build(&report, &errors, &context, analyzer, renderer.needs());
    renderer.scan(&mut out, &findings)?;
    drop(findings);
    out.flush()?;
    let status = if !errors.is_empty() {
        Status::Error
    } else if args.baselines.write_baseline.is_some() || settings.exit_zero {
        Status::Clean
    } else if has_findings(&report, settings.fail_on) {
        Status::Findings
    } else {
        Status::Clean
    };
    // The process ends next: the operating system reclaims the report and the scan's memory
    // at once, faster than freeing their records one by one (a million on a large feed).
    std::mem::forget((report, memory));
    Ok(status)
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

/// Keep the groups with a member at or above `min`, each whole (a group is one claim, "these
/// items tell one story", and a member can join it through another member while its own
/// verdict against the representative is lower), count the groups left out, and drop the
/// related pairs unless asked for.
fn keep_at_or_above(report: &mut ScanReport, min: Verdict) {
    let found = report.groups.len();
    report
        .groups
        .retain(|g| g.members.iter().any(|m| m.verdict >= min));
    report.summary.groups_not_listed = (found - report.groups.len()) as u64;
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

#[cfg(test)]
mod tests {
    use neardup::read::Location;
    use neardup::scan::{Group, Item, Member};

    use super::*;

    fn group(id: usize, verdicts: &[Verdict]) -> Group {
        let item = |line: u64| Item {
            location: Location::new("feed.txt", line),
            title: format!("title {line}").into(),
            existing: false,
        };
        Group {
            id,
            representative: item(1),
            members: verdicts
                .iter()
                .enumerate()
                .map(|(i, &verdict)| Member {
                    item: item(i as u64 + 2),
                    verdict,
                    score: 0.5,
                })
                .collect(),
        }
    }

    /// A member that joined its group through another member is `related` to the
    /// representative; the default level used to hide it and left the story incomplete.
    #[test]
    fn a_member_below_the_level_is_listed_with_its_group() {
        let mut report = ScanReport {
            groups: vec![
                group(1, &[Verdict::Rewrite, Verdict::Related]),
                group(2, &[Verdict::Related, Verdict::Distinct]),
                group(3, &[Verdict::Exact]),
            ],
            ..ScanReport::default()
        };
        report.summary.groups = 3;
        keep_at_or_above(&mut report, Verdict::Rewrite);
        let listed: Vec<(usize, usize)> = report
            .groups
            .iter()
            .map(|g| (g.id, g.members.len()))
            .collect();
        assert_eq!(listed, [(1, 2), (3, 1)]);
        assert_eq!(report.summary.groups, 3);
        assert_eq!(report.summary.groups_not_listed, 1);
    }
}
