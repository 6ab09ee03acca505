//! `neardup eval LABELED.tsv`: how well every metric separates same-story pairs.

use std::fs::File;
use std::io::{BufReader, Write};
use std::path::Path;

use anyhow::Context;
use neardup::eval::{ScoredPairs, read_labeled_pairs};
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
    let scored = ScoredPairs::new(&comparer, read(&args.file)?);
    let reference = match &args.thresholds_from {
        Some(path) => Some(ScoredPairs::new(&comparer, read(path)?)),
        None => None,
    };
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
    Ok(Status::Clean)
}

fn read(path: &Path) -> anyhow::Result<Vec<neardup::eval::LabeledPair>> {
    let name = path.display().to_string();
    let file = File::open(path).with_context(|| format!("{name}: cannot open"))?;
    Ok(read_labeled_pairs(&name, BufReader::new(file))?)
}
