//! The one reporting interface: every output format of `scan` and `pairs` is a
//! [`Renderer`], chosen by [`Format`] and fed with findings built by
//! [`crate::report::findings`].

use std::io::{self, Write};

use crate::audit::Severity;
use crate::classify::Thresholds;
use crate::report::ci::{CiFormat, CiReport, ci_pairs_report};
use crate::report::findings::{Needs, ScanFindings};
use crate::report::pairs::{PairsFormat, PairsReport, pairs_report};
use crate::report::{Paint, html, scan};

/// Every report format of the batch commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// Text for people: scan groups with word diffs, pairs with the evidence marked.
    Human,
    /// One JSON document.
    Json,
    /// One typed JSON message per line.
    Jsonl,
    /// One row per group record (scan) or per finding (pairs).
    Csv,
    /// SARIF 2.1.0.
    Sarif,
    /// GitHub Actions workflow commands.
    Github,
    /// JUnit XML.
    Junit,
    /// One self-contained HTML page.
    Html,
}

impl Format {
    /// This format's renderer; `paint` matters for `human` only.
    pub fn renderer(self, paint: Paint) -> Box<dyn Renderer> {
        match self {
            Format::Human => Box::new(Plain(PairsFormat::Human(paint))),
            Format::Json => Box::new(Plain(PairsFormat::Json)),
            Format::Jsonl => Box::new(Plain(PairsFormat::Jsonl)),
            Format::Csv => Box::new(Plain(PairsFormat::Csv)),
            Format::Sarif => Box::new(Ci(CiFormat::Sarif)),
            Format::Github => Box::new(Ci(CiFormat::Github)),
            Format::Junit => Box::new(Ci(CiFormat::Junit)),
            Format::Html => Box::new(Html),
        }
    }
}

/// How a pair audit was run, for the reports that say so.
#[derive(Debug, Clone, PartialEq)]
pub struct PairsContext {
    /// The inputs as given.
    pub inputs: Vec<String>,
    /// The verdict thresholds in force.
    pub thresholds: Thresholds,
    /// Findings at or above this severity fail the run.
    pub fail_on: Severity,
}

/// One output format.
pub trait Renderer {
    /// What the findings fed to this renderer must carry.
    fn needs(&self) -> Needs;

    /// Write a scan's whole report.
    fn scan(&self, out: &mut dyn Write, findings: &ScanFindings<'_>) -> io::Result<()>;

    /// A sink for a pair audit's results, writing to `out` as they come (or at the end, for
    /// formats that need the whole run).
    fn pairs<'w>(
        &self,
        out: &'w mut dyn Write,
        context: &'w PairsContext,
    ) -> Box<dyn PairsReport + 'w>;
}

/// `human`, `json`, `jsonl` and `csv`: written by [`scan`] for a scan and streamed by
/// [`crate::report::pairs`] for a pair audit.
struct Plain(PairsFormat);

impl Renderer for Plain {
    fn needs(&self) -> Needs {
        Needs {
            diffs: matches!(self.0, PairsFormat::Human(_)),
            fingerprints: false,
        }
    }

    fn scan(&self, out: &mut dyn Write, findings: &ScanFindings<'_>) -> io::Result<()> {
        match self.0 {
            PairsFormat::Human(paint) => scan::write_human(out, findings, paint),
            PairsFormat::Json => scan::write_json(out, findings),
            PairsFormat::Jsonl => scan::write_jsonl(out, findings),
            PairsFormat::Csv => scan::write_csv(out, findings),
        }
    }

    fn pairs<'w>(&self, out: &'w mut dyn Write, _: &'w PairsContext) -> Box<dyn PairsReport + 'w> {
        pairs_report(self.0, out)
    }
}

/// `sarif`, `github`, `junit`: one [`CiReport`] each, rendered by its [`CiFormat`].
struct Ci(CiFormat);

impl Renderer for Ci {
    fn needs(&self) -> Needs {
        Needs {
            diffs: false,
            fingerprints: true,
        }
    }

    fn scan(&self, out: &mut dyn Write, findings: &ScanFindings<'_>) -> io::Result<()> {
        let summary = scan::summary_line(&findings.report.summary);
        self.0.write(out, &CiReport::from_scan(findings, summary))
    }

    fn pairs<'w>(
        &self,
        out: &'w mut dyn Write,
        context: &'w PairsContext,
    ) -> Box<dyn PairsReport + 'w> {
        Box::new(ci_pairs_report(self.0, out, context.fail_on))
    }
}

/// `html`.
struct Html;

impl Renderer for Html {
    fn needs(&self) -> Needs {
        Needs {
            diffs: true,
            fingerprints: false,
        }
    }

    fn scan(&self, out: &mut dyn Write, findings: &ScanFindings<'_>) -> io::Result<()> {
        html::write_scan(out, findings)
    }

    fn pairs<'w>(
        &self,
        out: &'w mut dyn Write,
        context: &'w PairsContext,
    ) -> Box<dyn PairsReport + 'w> {
        html::pairs_report(out, context)
    }
}
