//! `--format html`: one self-contained page a person opens in a browser, for `scan`
//! ([`write_scan`]) and `pairs` ([`pairs_report`]).
//!
//! The page makes no network request of any kind: its stylesheet, its one small script and
//! its charts (inline SVG, see [`chart`]) are part of the file, and a Content-Security-Policy
//! in the page forbids everything else (`default-src 'none'`; the stylesheet and the script
//! are allowed by their SHA-256 hashes only, so no other style or script can run, not even
//! one a title smuggled in). Every title, path, id and message is untrusted: the askama
//! templates (`templates/`) escape every value by default, and titles are first
//! [`sanitize`]d so a bidi override cannot reorder what is shown. No value from the input
//! ever becomes a URL or an attribute other than plain text.
//!
//! The script only adds filters (by verdict or severity, and a text search); without it
//! the page reads top to bottom with nothing hidden.
//!
//! # Scale
//!
//! A page stays usable on a whole feed: the largest [`GROUPS_IN_FULL`] groups are shown in
//! full (each with at most [`RUNS_PER_GROUP`] lines), and the others are counted by size;
//! likewise at most [`PAIRS_IN_FULL`] related pairs, topics, pairs of `neardup pairs` and
//! read errors are listed, with how many more there are. The JSON formats have everything.

pub mod chart;
mod pairs;
mod scan;

pub use pairs::pairs_report;
pub use scan::write_scan;

use std::borrow::Cow;
use std::io::{self, Write};

use base64::Engine;
use sha2::{Digest, Sha256};

use crate::diff::WordDiff;
use crate::read::RecordError;
use crate::report::human::{Mark, diff_pieces};
use crate::report::sanitize;

/// Groups shown in full, largest first; the rest are counted by size.
pub const GROUPS_IN_FULL: usize = 2_000;
/// Lines (runs of members with the same text and verdict) shown per group.
pub const RUNS_PER_GROUP: usize = 50;
/// Related pairs, topics, audited pairs and read errors listed in full.
pub const PAIRS_IN_FULL: usize = 2_000;
/// Locations shown for a run of members, before "… (N in all)".
const LOCATIONS_PER_RUN: usize = 3;

/// The page's stylesheet.
const STYLE: &str = include_str!("../../../templates/report.css");
/// The page's script: the filters.
const SCRIPT: &str = include_str!("../../../templates/report.js");

/// The page's `<head>` content that is not text: the policy, the stylesheet, the script.
#[derive(Debug, Clone)]
pub struct Assets {
    /// The Content-Security-Policy.
    pub policy: String,
    /// The stylesheet, exactly as hashed in the policy.
    pub style: &'static str,
    /// The script, exactly as hashed in the policy.
    pub script: &'static str,
}

impl Assets {
    /// The assets every page carries.
    pub fn new() -> Self {
        Assets {
            policy: content_security_policy(),
            style: STYLE,
            script: SCRIPT,
        }
    }
}

impl Default for Assets {
    fn default() -> Self {
        Self::new()
    }
}

/// The page's policy: nothing but its own stylesheet and script, by hash.
pub fn content_security_policy() -> String {
    format!(
        "default-src 'none'; style-src '{}'; script-src '{}'; img-src 'none'; \
         base-uri 'none'; form-action 'none'",
        source_hash(STYLE),
        source_hash(SCRIPT)
    )
}

/// A CSP hash source: `sha256-` and the base64 of the text's SHA-256.
fn source_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    format!(
        "sha256-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// What every page shows around its findings: the header, the charts, the read errors.
pub struct Page {
    /// The policy, stylesheet and script.
    pub assets: Assets,
    /// neardup's version.
    pub version: &'static str,
    /// The inputs, as given.
    pub inputs: Vec<String>,
    /// The header's counts and settings: label, value.
    pub facts: Vec<(String, String)>,
    /// The charts.
    pub charts: Vec<chart::Chart>,
    /// The first read errors.
    pub errors: Vec<ErrorView>,
    /// How many read errors are not listed.
    pub more_errors: usize,
}

impl Page {
    /// A page about `inputs`, with its `facts`, `charts` and read `errors`.
    pub fn new(
        inputs: &[String],
        facts: Vec<(String, String)>,
        charts: Vec<chart::Chart>,
        errors: &[RecordError],
    ) -> Self {
        let shown = errors
            .iter()
            .take(PAIRS_IN_FULL)
            .map(|e| ErrorView {
                location: clean(&e.location.to_string()),
                message: clean(&e.message),
            })
            .collect();
        Page {
            assets: Assets::new(),
            version: env!("CARGO_PKG_VERSION"),
            inputs: inputs.iter().map(|p| clean(p)).collect(),
            facts,
            charts,
            errors: shown,
            more_errors: errors.len().saturating_sub(PAIRS_IN_FULL),
        }
    }
}

/// A piece of shown text: plain, deleted, inserted or marked evidence. The template escapes
/// `text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    /// `""`, `"del"`, `"ins"` or `"mark"`.
    pub kind: &'static str,
    /// The text, sanitized.
    pub text: String,
}

/// The word diff as pieces, laid out as the human report lays it out.
pub fn diff_view(diff: &WordDiff) -> Vec<Piece> {
    diff_pieces(diff)
        .into_iter()
        .map(|(mark, text)| Piece {
            kind: match mark {
                Mark::Kept => "",
                Mark::Deleted => "del",
                Mark::Inserted => "ins",
            },
            text: clean(&text),
        })
        .collect()
}

/// Untrusted text as it is shown: without controls or bidi overrides.
pub fn clean(text: &str) -> String {
    match sanitize(text) {
        Cow::Borrowed(text) => text.to_owned(),
        Cow::Owned(text) => text,
    }
}

/// A read error as the page lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorView {
    /// `file:line`.
    pub location: String,
    /// What is wrong.
    pub message: String,
}

/// Add the baseline's counts to a page's facts, when a baseline took part.
fn push_baseline_fact(facts: &mut Vec<(String, String)>, suppressed: u64, stale: u64) {
    if suppressed + stale > 0 {
        facts.push((
            "baseline".to_owned(),
            format!("{} suppressed, {} stale", count(suppressed), count(stale)),
        ));
    }
}

/// The verdict thresholds as the header states them.
fn thresholds_text(t: &crate::classify::Thresholds) -> String {
    format!(
        "rewrite {} · related {} (combined score) · near-duplicate {} (word edit similarity)",
        t.rewrite, t.related, t.near_duplicate
    )
}

/// Render a template to `out`.
fn write_page(out: &mut dyn Write, page: &impl askama::Template) -> io::Result<()> {
    let html = page.render().map_err(io::Error::other)?;
    out.write_all(html.as_bytes())?;
    out.flush()
}

/// `n` with thousands separated by a thin space, for counts a person reads.
pub fn count(n: impl Into<u64>) -> String {
    let digits = n.into().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push('\u{202F}');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_allows_only_the_pages_own_style_and_script() {
        let policy = content_security_policy();
        assert!(policy.starts_with("default-src 'none';"));
        assert!(policy.contains(&format!("style-src '{}'", source_hash(STYLE))));
        assert!(policy.contains(&format!("script-src '{}'", source_hash(SCRIPT))));
        assert!(!policy.contains("unsafe"));
        // The hash of the empty string, as every CSP implementation computes it.
        assert_eq!(
            source_hash(""),
            "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="
        );
    }

    #[test]
    fn counts_are_grouped_by_thousands() {
        assert_eq!(count(7u64), "7");
        assert_eq!(count(1234u64), "1\u{202F}234");
        assert_eq!(count(1234567u64), "1\u{202F}234\u{202F}567");
    }

    #[test]
    fn shown_text_loses_controls_and_bidi_overrides() {
        assert_eq!(clean("a\u{202E}b\u{1b}c"), "abc");
    }
}
