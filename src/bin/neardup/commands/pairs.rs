//! `neardup pairs FILE...`: compare and audit every original/rewrite record.

use std::fs::File;
use std::io::{self, BufWriter, Write};

use anyhow::Context;
use neardup::audit::{PairAuditor, PairsSummary};
use neardup::baseline::{self, Baseline, BaselineCheck};
use neardup::read::{PairRecord, ReadOptions, RecordError, open_error, open_input, read_pairs};
use neardup::report::Paint;
use neardup::report::findings::{Needs, PairFindings};
use neardup::report::pairs::{PairsReport, write_human_summary};
use neardup::report::render::{Format, PairsContext};

use crate::Status;
use crate::args::ColorWhen;
use crate::args::pairs::PairsArgs;
use crate::config::Loaded;
use crate::output;

/// Audit every pair of every input and report; see `PAIRS_EXIT_CODES` for the status.
pub fn run(args: PairsArgs, config: &Loaded) -> anyhow::Result<Status> {
    let settings = config.pairs(&args)?;
    let fail_on = settings.fail_on;
    let auditor = PairAuditor::new(settings.comparer, settings.lexicon, settings.policy);
    let options = settings.read;
    let accepted = match &settings.baseline {
        Some(path) => Some(super::read_baseline(path)?),
        None => None,
    };
    let mut run = Run {
        auditor: &auditor,
        needs: Needs::default(),
        check: accepted.as_ref().map(Baseline::check),
        record: args
            .baselines
            .write_baseline
            .as_ref()
            .map(|_| Baseline::new()),
    };
    let format = Format::from(args.format);
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
    let context = PairsContext {
        inputs: args.files.clone(),
        thresholds: *auditor.comparer().thresholds(),
        fail_on,
    };
    {
        let renderer = format.renderer(paint);
        run.needs = renderer.needs();
        let mut report = renderer.pairs(&mut *out, &context);
        for path in &args.files {
            audit_input(path, &options, &mut run, &mut *report, &mut summary)?;
        }
        if let (Some(check), Some(path)) = (&run.check, &settings.baseline) {
            summary.baseline_suppressed = check.suppressed();
            summary.baseline_stale = super::warn_stale(path, check)?;
        }
        report.finish(&summary)?;
    }
    out.flush()?;
    drop(out);
    if let (Some(recorded), Some(path)) = (&run.record, &args.baselines.write_baseline) {
        super::write_baseline(path, recorded)?;
    }
    let mut stderr = anstream::stderr().lock();
    if format == Format::Csv {
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
    Ok(if summary.has_errors() {
        Status::Error
    } else if settings.exit_zero || args.baselines.write_baseline.is_some() {
        Status::Clean
    } else if summary.findings_at_or_above(fail_on) > 0 {
        Status::Findings
    } else {
        Status::Clean
    })
}

/// What every record goes through: the audit, the baseline check, the baseline being written.
struct Run<'a> {
    auditor: &'a PairAuditor,
    /// What the renderer needs the pairs to carry.
    needs: Needs,
    check: Option<BaselineCheck<'a>>,
    record: Option<Baseline>,
}

impl Run<'_> {
    fn audit(&mut self, record: PairRecord) -> PairFindings {
        let mut pair = self.auditor.audit(record);
        let analyzer = self.auditor.comparer().analyzer();
        if let Some(recorded) = &mut self.record {
            for finding in &pair.findings {
                let (key, note) = baseline::pair_finding(&pair, finding, analyzer);
                recorded.insert(key, note);
            }
        }
        if let Some(check) = &mut self.check {
            baseline::suppress_pair(&mut pair, analyzer, check);
        }
        PairFindings::build(pair, analyzer, self.needs)
    }
}

/// Read one input, auditing its pairs and reporting its bad records on stderr and in the
/// report.
fn audit_input(
    path: &str,
    options: &ReadOptions,
    run: &mut Run<'_>,
    report: &mut dyn PairsReport,
    summary: &mut PairsSummary,
) -> anyhow::Result<()> {
    let reader = match open_input(path) {
        Ok(reader) => reader,
        Err(e) => {
            return report_error(&open_error(path, &e), report, summary);
        }
    };
    let mut records = read_pairs(path, reader, options);
    for record in records.by_ref() {
        match record {
            Ok(record) => {
                let pair = run.audit(record);
                summary.add_pair(&pair.pair);
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
