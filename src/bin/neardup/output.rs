//! Where output goes: stdout with or without colour, and errors on stderr.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;

use anyhow::Context;

use anstream::{AutoStream, ColorChoice};
use neardup::report::Paint;

use crate::args::ColorWhen;

/// Standard output, colouring according to `when` (and `NO_COLOR` / a pipe when `auto`).
pub fn stdout(when: ColorWhen) -> (AutoStream<io::StdoutLock<'static>>, Paint) {
    let choice = match when {
        ColorWhen::Auto => AutoStream::choice(&io::stdout()),
        ColorWhen::Always => ColorChoice::Always,
        ColorWhen::Never => ColorChoice::Never,
    };
    let paint = Paint {
        color: choice != ColorChoice::Never,
    };
    (AutoStream::new(io::stdout().lock(), choice), paint)
}

/// Whether the error chain ends in a closed pipe (`neardup … | head`): not a failure.
pub fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// Print an error and its causes on stderr.
pub fn report_error(error: &anyhow::Error) {
    let mut stderr = anstream::stderr().lock();
    // If stderr itself is gone there is nowhere left to report to.
    let _ = writeln!(stderr, "error: {error:#}");
}

/// Where a report goes: a file (never coloured) or stdout.
pub fn sink(path: Option<&Path>, when: ColorWhen) -> anyhow::Result<(Box<dyn Write>, Paint)> {
    match path {
        Some(path) => {
            let file = File::create(path)
                .with_context(|| format!("{}: cannot create the output file", path.display()))?;
            Ok((Box::new(BufWriter::new(file)), Paint { color: false }))
        }
        None => {
            let (out, paint) = stdout(when);
            Ok((Box::new(BufWriter::new(out)), paint))
        }
    }
}

/// Report a record that could not be read, on stderr, and go on.
pub fn report_record_error(error: &neardup::read::RecordError) {
    let mut stderr = anstream::stderr().lock();
    // If stderr itself is gone there is nowhere left to report to.
    let _ = writeln!(stderr, "error: {error}");
}

/// Print a warning on stderr.
pub fn report_warning(message: &str) {
    let mut stderr = anstream::stderr().lock();
    // If stderr itself is gone there is nowhere left to report to.
    let _ = writeln!(stderr, "warning: {message}");
}
