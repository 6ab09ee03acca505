//! One module per subcommand.

pub mod compare;
pub mod eval;
pub mod eval_audit;
pub mod eval_groups;
pub mod pairs;
pub mod rules;
pub mod scan;

use neardup::{Comparer, Thresholds};

use crate::args::ScoringArgs;

/// `--dump-config`: print the effective configuration.
pub fn dump_config(
    config: &crate::config::Loaded,
    command: Option<&crate::args::Command>,
) -> anyhow::Result<crate::Status> {
    use std::io::Write;
    let text = config.dump(command)?;
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(crate::Status::Clean)
}

/// The comparer the scoring flags describe (without a config file: `eval`).
pub fn comparer(scoring: &ScoringArgs) -> anyhow::Result<Comparer> {
    let defaults = Thresholds::default();
    let thresholds = Thresholds {
        rewrite: scoring.rewrite_threshold.unwrap_or(defaults.rewrite),
        related: scoring.related_threshold.unwrap_or(defaults.related),
        near_duplicate: scoring
            .near_duplicate_threshold
            .unwrap_or(defaults.near_duplicate),
    };
    Ok(Comparer::builder()
        .thresholds(thresholds)
        .language(scoring.language.unwrap_or_default())
        .build()?)
}

/// Read a baseline file; a bad line is an error naming it.
pub fn read_baseline(path: &std::path::Path) -> anyhow::Result<neardup::baseline::Baseline> {
    use anyhow::Context;
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).with_context(|| {
        format!("{name}: cannot read the baseline (write one with --write-baseline {name})")
    })?;
    Ok(neardup::baseline::Baseline::parse(&name, &text)?)
}

/// Write a baseline file.
pub fn write_baseline(
    path: &std::path::Path,
    baseline: &neardup::baseline::Baseline,
) -> anyhow::Result<()> {
    use anyhow::Context;
    let context = || format!("{}: cannot write the baseline", path.display());
    let file = std::fs::File::create(path).with_context(context)?;
    let mut out = std::io::BufWriter::new(file);
    baseline.write(&mut out).with_context(context)?;
    Ok(())
}

/// Warn on stderr about baseline entries that matched nothing; returns how many.
pub fn warn_stale(
    path: &std::path::Path,
    check: &neardup::baseline::BaselineCheck<'_>,
) -> anyhow::Result<u64> {
    use std::io::Write;
    const SHOWN: usize = 20;
    let stale = check.stale();
    if stale.is_empty() {
        return Ok(0);
    }
    let mut stderr = anstream::stderr().lock();
    // If stderr is gone there is nowhere left to warn; the summary still counts them.
    let _ = writeln!(
        stderr,
        "warning: {}: {} stale baseline entr{} (they match no finding any more; refresh the \
         file with --write-baseline):",
        path.display(),
        stale.len(),
        if stale.len() == 1 { "y" } else { "ies" }
    );
    for (key, note) in stale.iter().take(SHOWN) {
        let _ = writeln!(stderr, "  {key} # {note}");
    }
    if stale.len() > SHOWN {
        let _ = writeln!(stderr, "  … and {} more", stale.len() - SHOWN);
    }
    Ok(stale.len() as u64)
}
