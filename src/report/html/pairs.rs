//! The pairs page: the summary counts, a chart of findings by rule and severity, then each
//! pair with both titles (the evidence marked), the word diff and its findings.

use std::io::Write;

use askama::Template;

use crate::audit::{PairsSummary, Severity};
use crate::read::RecordError;
use crate::report::findings::PairFindings;
use crate::report::html::chart::{self, Chart, Stack};
use crate::report::html::{
    PAIRS_IN_FULL, Page, Piece, clean, count, diff_view, push_baseline_fact, thresholds_text,
    write_page,
};
use crate::report::pairs::{Collected, PairsReport, evidence, evidence_pieces};
use crate::report::render::PairsContext;

/// Severities, most serious first, as the page names and colours them.
const SEVERITIES: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Info];

/// A [`PairsReport`] that writes the pairs page at the end of the run.
pub fn pairs_report<'w>(
    out: &'w mut dyn Write,
    context: &'w PairsContext,
) -> Box<dyn PairsReport + 'w> {
    Box::new(Collected::new(move |pairs, errors, summary| {
        write_page(out, &PairsPage::new(context, pairs, errors, summary))
    }))
}

#[derive(Template)]
#[template(path = "pairs.html")]
struct PairsPage {
    page: Page,
    severities: Vec<&'static str>,
    pairs: Vec<PairView>,
    more_pairs: usize,
}

struct FindingView {
    rule: &'static str,
    name: &'static str,
    severity: &'static str,
    message: String,
    original_evidence: String,
    rewrite_evidence: String,
}

struct PairView {
    location: String,
    verdict: &'static str,
    combined: String,
    original: Vec<Piece>,
    rewrite: Vec<Piece>,
    diff: Vec<Piece>,
    findings: Vec<FindingView>,
}

impl PairsPage {
    fn new(
        context: &PairsContext,
        pairs: &[PairFindings],
        errors: &[RecordError],
        summary: &PairsSummary,
    ) -> Self {
        PairsPage {
            page: Page::new(
                &context.inputs,
                facts(context, summary),
                vec![rule_chart(summary)],
                errors,
            ),
            severities: SEVERITIES.iter().map(|s| s.name()).collect(),
            pairs: pairs.iter().take(PAIRS_IN_FULL).map(pair_view).collect(),
            more_pairs: pairs.len().saturating_sub(PAIRS_IN_FULL),
        }
    }
}

fn facts(context: &PairsContext, s: &PairsSummary) -> Vec<(String, String)> {
    let by_severity = SEVERITIES
        .iter()
        .map(|sev| {
            format!(
                "{} {sev}",
                count(s.by_severity.get(sev).copied().unwrap_or(0))
            )
        })
        .collect::<Vec<_>>()
        .join(", ");
    let mut facts = vec![
        ("records read".to_owned(), count(s.records_read)),
        ("pairs audited".to_owned(), count(s.pairs_audited)),
        ("invalid".to_owned(), count(s.invalid)),
        ("skipped".to_owned(), count(s.skipped)),
        ("inputs failed".to_owned(), count(s.input_errors)),
        (
            "pairs with findings".to_owned(),
            count(s.pairs_with_findings),
        ),
        (
            "findings".to_owned(),
            format!("{} ({by_severity})", count(s.findings)),
        ),
    ];
    push_baseline_fact(&mut facts, s.baseline_suppressed, s.baseline_stale);
    facts.push((
        "thresholds".to_owned(),
        thresholds_text(&context.thresholds),
    ));
    facts.push((
        "fails at".to_owned(),
        format!("{} and above", context.fail_on.name()),
    ));
    facts
}

fn severity_class(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "s-error",
        Severity::Warning => "s-warning",
        Severity::Info => "s-info",
    }
}

/// Findings by rule, each bar split by severity.
fn rule_chart(summary: &PairsSummary) -> Chart {
    let rows: Vec<Stack<'_>> = summary
        .by_rule
        .iter()
        .map(|(rule, counts)| {
            let stack = SEVERITIES
                .iter()
                .map(|sev| {
                    (
                        severity_class(*sev),
                        sev.name(),
                        counts.get(sev).copied().unwrap_or(0),
                    )
                })
                .collect();
            (format!("{} {}", rule.id(), rule.name()), stack)
        })
        .collect();
    let legend = SEVERITIES
        .iter()
        .map(|s| (severity_class(*s), s.name().to_owned()))
        .collect();
    chart::stacked_rows("Findings by rule and severity", &rows, legend)
}

fn title_view(pieces: Vec<(bool, &str)>) -> Vec<Piece> {
    pieces
        .into_iter()
        .filter(|(_, text)| !text.is_empty())
        .map(|(evidence, text)| Piece {
            kind: if evidence { "mark" } else { "" },
            text: clean(text),
        })
        .collect()
}

fn pair_view(found: &PairFindings) -> PairView {
    let pair = &found.pair;
    let c = &pair.comparison;
    let evidence = |text: &str, spans: &[std::ops::Range<usize>]| {
        evidence(text, spans)
            .into_iter()
            .map(clean)
            .collect::<Vec<_>>()
            .join(" | ")
    };
    PairView {
        location: clean(&pair.location.to_string()),
        verdict: c.verdict.name(),
        combined: format!("{:.3}", c.combined),
        original: title_view(evidence_pieces(&pair.original, &pair.findings, |f| {
            &f.original_spans
        })),
        rewrite: title_view(evidence_pieces(&pair.rewrite, &pair.findings, |f| {
            &f.rewrite_spans
        })),
        diff: diff_view(&c.diff),
        findings: pair
            .findings
            .iter()
            .map(|f| FindingView {
                rule: f.rule.id(),
                name: f.rule.name(),
                severity: f.severity.name(),
                message: clean(&f.message),
                original_evidence: evidence(&pair.original, &f.original_spans),
                rewrite_evidence: evidence(&pair.rewrite, &f.rewrite_spans),
            })
            .collect(),
    }
}
