//! `neardup eval LABELED.tsv`: how well every metric separates same-story pairs.

use std::io::Write;
use std::path::Path;

use neardup::eval::{LabeledFile, LabeledPair, ScoredPairs, read_labeled};
use neardup::read::{open_error, open_input};
use neardup::report::{FORMAT_VERSION, human};
use serde_json::json;

use crate::Status;
use crate::args::{EvalArgs, Format};
use crate::config::Loaded;
use crate::output;

/// Evaluate the scorer on a labeled file.
pub fn run(args: EvalArgs, config: &Loaded) -> anyhow::Result<Status> {
    if args.audit {
        return super::eval_audit::run(args, config);
    }
    if args.groups {
        return super::eval_groups::run(args);
    }
    let comparer = super::comparer(&args.scoring)?;
    let mut failed = false;
    let pairs = read(&args.file, &mut failed);
    let reference = args
        .thresholds_from
        .as_ref()
        .map(|path| read(path, &mut failed));
    if pairs.is_empty() || reference.as_ref().is_some_and(Vec::is_empty) {
        // Every error is on stderr already; there is nothing to measure.
        return Ok(Status::Error);
    }
    let scored = ScoredPairs::new(&comparer, pairs);
    let reference = reference.map(|pairs| ScoredPairs::new(&comparer, pairs));
    let report = scored.report(reference.as_ref());
    let fitted = args.fit.then(|| scored.fit_weights());
    let (mut out, paint) = output::stdout(args.color);
    let file = args.file.display().to_string();
    let reference_name = args
        .thresholds_from
        .as_ref()
        .map(|p| p.display().to_string());
    match args.format {
        Format::Human => {
            human::write_eval(&mut out, &file, reference_name.as_deref(), &report, paint)?;
            if let Some(weights) = fitted {
                writeln!(out, "\nfitted combined weights (on {file}):")?;
                write!(out, "{}", toml::to_string(&weights)?)?;
            }
        }
        Format::Json => {
            let message = json!({
                "version": FORMAT_VERSION,
                "file": file,
                "thresholds_from": reference_name,
                "report": report,
                "fitted_weights": fitted,
            });
            serde_json::to_writer_pretty(&mut out, &message)?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    // A bad row is an input error even though the others were measured: nothing is left out
    // silently.
    Ok(if failed { Status::Error } else { Status::Clean })
}

/// Every good pair of a labeled file; each bad row is reported on stderr and sets `failed`.
fn read(path: &Path, failed: &mut bool) -> Vec<LabeledPair> {
    let name = path.display().to_string();
    let file = match open_input(&name) {
        Ok(reader) => read_labeled(&name, reader),
        Err(e) => LabeledFile {
            pairs: Vec::new(),
            errors: vec![open_error(&name, &e)],
        },
    };
    for error in &file.errors {
        output::report_record_error(error);
    }
    *failed |= !file.errors.is_empty();
    file.pairs
}
