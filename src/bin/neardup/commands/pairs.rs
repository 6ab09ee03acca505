//! `neardup pairs FILE...`: compare and audit every original/rewrite record.

use std::fs::File;
use std::io::{self, BufWriter, Write};

use anyhow::Context;
use neardup::audit::{AuditPolicy, Lexicon, PairAuditor, PairsSummary, Severity};
use neardup::read::{Location, ReadOptions, RecordError, open_input, read_pairs};
use neardup::report::Paint;
use neardup::report::pairs::{PairsFormat, PairsReport, reporter, write_human_summary};

use crate::Status;
use crate::args::ColorWhen;
use crate::args::pairs::PairsArgs;
use crate::output;

/// Audit every pair of every input and report; see `PAIRS_EXIT_CODES` for the status.
pub fn run(args: PairsArgs) -> anyhow::Result<Status> {
    let comparer = super::comparer(&args.scoring)?;
    let policy = AuditPolicy {
        allow: args.allow.clone(),
        ..AuditPolicy::default()
    };
    let auditor = PairAuditor::new(comparer, Lexicon::default(), policy);
    let options = ReadOptions {
        format: args.input_format,
        original_field: args.original_field.clone(),
        rewrite_field: args.rewrite_field.clone(),
        skip_invalid: args.skip_invalid,
        ..ReadOptions::default()
    };
    let format = PairsFormat::from(args.format);
    let (mut out, paint): (Box<dyn Write>, Paint) = match &args.output {
        Some(path) => {
            let file = File::create(path)
                .with_context(|| format!("{}: cannot create the output file", path.display()))?;
            let paint = Paint {
                color: args.color == ColorWhen::Always,
            };
            (Box::new(BufWriter::new(file)), paint)
        }
        None => {
            let (out, paint) = output::stdout(args.color);
            (Box::new(out), paint)
        }
    };
    let mut summary = PairsSummary::default();
    {
        let mut report = reporter(format, &mut *out, paint);
        for path in &args.files {
            audit_input(path, &options, &auditor, &mut *report, &mut summary)?;
        }
        report.finish(&summary)?;
    }
    out.flush()?;
    drop(out);
    let mut stderr = anstream::stderr().lock();
    if format == PairsFormat::Csv {
        // The table has no room for the counts; they go where the errors go.
        write_human_summary(&mut stderr, &summary, Paint { color: false })?;
    }
    if summary.skipped > 0 {
        writeln!(
            stderr,
            "warning: skipped {} invalid record{} (--skip-invalid)",
            summary.skipped,
            if summary.skipped == 1 { "" } else { "s" }
        )?;
    }
    let level = Severity::from(args.fail_on_severity);
    Ok(if summary.has_errors() {
        Status::Error
    } else if !args.exit_zero && summary.findings_at_or_above(level) > 0 {
        Status::Findings
    } else {
        Status::Clean
    })
}

/// Read one input, auditing its pairs and reporting its bad records on stderr and in the
/// report.
fn audit_input(
    path: &str,
    options: &ReadOptions,
    auditor: &PairAuditor,
    report: &mut dyn PairsReport,
    summary: &mut PairsSummary,
) -> anyhow::Result<()> {
    let reader = match open_input(path) {
        Ok(reader) => reader,
        Err(e) => {
            let error = RecordError::fatal(Location::new(path, 1), format!("cannot open: {e}"));
            return report_error(&error, report, summary);
        }
    };
    let mut records = read_pairs(path, reader, options);
    for record in records.by_ref() {
        match record {
            Ok(record) => {
                let pair = auditor.audit(record);
                summary.add_pair(&pair);
                report.pair(&pair)?;
            }
            Err(error) => report_error(&error, report, summary)?,
        }
    }
    summary.add_skipped(records.skipped());
    Ok(())
}

fn report_error(
    error: &RecordError,
    report: &mut dyn PairsReport,
    summary: &mut PairsSummary,
) -> anyhow::Result<()> {
    if error.ends_input() {
        summary.add_input_error();
    } else {
        summary.add_invalid();
    }
    // If stderr is gone there is nowhere left to say it; the exit code still does.
    let _ = writeln!(io::stderr().lock(), "error: {error}");
    report.error(error)?;
    Ok(())
}
