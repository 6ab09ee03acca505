//! Baselines: findings a team has accepted, so that CI fails only on new ones.
//!
//! A baseline is a set of [`BaselineKey`]s. A key names a rule and the *content* of the two
//! titles a finding is about, never their lines, so an accepted duplicate stays accepted when
//! the batch is reordered or lines are inserted, and a new duplicate still fails:
//!
//! * a scan finding (a group member, or a related pair) is keyed by its rule and the
//!   fingerprints of the member's and the representative's *normalized* titles, sorted, so
//!   the key does not depend on which of the two came first. Reordering a batch can make
//!   another item a group's representative; a member then still counts as accepted when the
//!   baseline pairs it, under the same rule, with any title of its group;
//! * a pair-audit finding is keyed by its rule and the fingerprints of the normalized
//!   original and rewrite, in that order (the roles differ).
//!
//! A fingerprint is the xxh3-64 hash of the normalized text, as 16 hex digits.
//!
//! # File format
//!
//! Text, one accepted finding per line, sorted, so that a diff of two baselines reads as the
//! findings added and removed. Everything after ` # ` is a note for people (the two titles)
//! and is ignored when read; blank lines and lines starting with `#` are comments:
//!
//! ```text
//! # neardup baseline v1: one accepted finding per line: RULE FINGERPRINT:FINGERPRINT # titles
//! ND002 3f2a9c1b00d4e5f6:9c1b3f2a00d4e5f6 # "Fire in Rome" ~ "FIRE in Rome - AP"
//! ```
//!
//! One entry accepts every finding with its key: ten copies of one accepted headline are one
//! line. An entry that matches no finding of a run is *stale* ([`BaselineCheck::stale`]): the
//! duplicate was fixed, and the entry can go.
//!
//! ```
//! use neardup::baseline::{Baseline, BaselineKey};
//! use neardup::scan::ScanRule;
//!
//! let key = BaselineKey::scan(ScanRule::IdenticalAfterNormalization, "fire in rome", "fire in rome!");
//! let mut baseline = Baseline::new();
//! baseline.insert(key.clone(), "\"Fire in Rome\" ~ \"FIRE in Rome!\"".into());
//! let mut text = Vec::new();
//! baseline.write(&mut text).unwrap();
//! let read = Baseline::parse("b.txt", std::str::from_utf8(&text).unwrap()).unwrap();
//! let mut check = read.check();
//! let swapped = BaselineKey::scan(ScanRule::IdenticalAfterNormalization, "fire in rome!", "fire in rome");
//! assert!(check.accepts(&swapped));
//! assert!(check.stale().is_empty());
//! ```

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;
use std::io::{self, Write};

use xxhash_rust::xxh3::xxh3_64;

use crate::audit::{AuditedPair, Finding, Rule};
use crate::error::Error;
use crate::features::Analyzer;
use crate::report::sanitize;
use crate::scan::{ScanReport, ScanRule};

/// The first line of every baseline file.
pub const HEADER: &str =
    "# neardup baseline v1: one accepted finding per line: RULE FINGERPRINT:FINGERPRINT # titles";

/// The longest title quoted in a note, in characters.
const NOTE_TITLE_CHARS: usize = 60;

/// The content fingerprint of a normalized title: its xxh3-64 hash.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Fingerprint(pub u64);

impl Fingerprint {
    /// The fingerprint of a normalized text.
    pub fn of(normalized: &str) -> Self {
        Fingerprint(xxh3_64(normalized.as_bytes()))
    }
}

impl fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:016x}", self.0)
    }
}

/// What identifies an accepted finding: a rule id and the two titles' fingerprints.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BaselineKey {
    /// The rule id, e.g. `ND003` or `ND101`.
    pub rule: String,
    /// The first title's fingerprint (the smaller one for scan findings; the original's for
    /// pair findings).
    pub left: Fingerprint,
    /// The second title's fingerprint.
    pub right: Fingerprint,
}

impl BaselineKey {
    /// The key of a scan finding between two normalized titles, in either order.
    pub fn scan(rule: ScanRule, normalized_a: &str, normalized_b: &str) -> Self {
        let (a, b) = (Fingerprint::of(normalized_a), Fingerprint::of(normalized_b));
        Self {
            rule: rule.id().to_owned(),
            left: a.min(b),
            right: a.max(b),
        }
    }

    /// The key of a pair-audit finding on a normalized original and rewrite.
    pub fn pair(rule: Rule, normalized_original: &str, normalized_rewrite: &str) -> Self {
        Self {
            rule: rule.id().to_owned(),
            left: Fingerprint::of(normalized_original),
            right: Fingerprint::of(normalized_rewrite),
        }
    }
}

impl fmt::Display for BaselineKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}:{}", self.rule, self.left, self.right)
    }
}

/// A set of accepted findings, each with a note for people.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Baseline {
    entries: BTreeMap<BaselineKey, String>,
}

impl Baseline {
    /// An empty baseline.
    pub fn new() -> Self {
        Self::default()
    }

    /// Accept the findings with `key`; `note` is shown after it in the file (the titles).
    pub fn insert(&mut self, key: BaselineKey, note: String) {
        self.entries.entry(key).or_insert(note);
    }

    /// How many entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there is no entry.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Whether `key` is accepted.
    pub fn contains(&self, key: &BaselineKey) -> bool {
        self.entries.contains_key(key)
    }

    /// Every entry, sorted by key.
    pub fn entries(&self) -> impl Iterator<Item = (&BaselineKey, &str)> {
        self.entries.iter().map(|(k, n)| (k, n.as_str()))
    }

    /// Read a baseline file's text; `name` is the file's name for error messages.
    pub fn parse(name: &str, text: &str) -> Result<Self, Error> {
        let mut baseline = Baseline::new();
        for (index, raw) in text.lines().enumerate() {
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (entry, note) = match line.split_once(" # ") {
                Some((entry, note)) => (entry.trim(), note.trim()),
                None => (line, ""),
            };
            let key = parse_key(entry).ok_or_else(|| Error::Input {
                path: name.to_owned(),
                line: index as u64 + 1,
                message: format!(
                    "`{}` is not a baseline entry; expected `RULE FINGERPRINT:FINGERPRINT`, \
                     e.g. `ND002 3f2a9c1b00d4e5f6:9c1b3f2a00d4e5f6` (write one with \
                     --write-baseline)",
                    sanitize(entry)
                ),
            })?;
            baseline.insert(key, note.to_owned());
        }
        Ok(baseline)
    }

    /// Write the file: the header, then one sorted entry per line with its note.
    pub fn write(&self, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "{HEADER}")?;
        for (key, note) in &self.entries {
            if note.is_empty() {
                writeln!(out, "{key}")?;
            } else {
                writeln!(out, "{key} # {note}")?;
            }
        }
        out.flush()
    }

    /// Start checking one run's findings against this baseline.
    pub fn check(&self) -> BaselineCheck<'_> {
        BaselineCheck {
            baseline: self,
            matched: BTreeSet::new(),
            suppressed: 0,
        }
    }
}

fn parse_key(entry: &str) -> Option<BaselineKey> {
    let (rule, prints) = entry.split_once(char::is_whitespace)?;
    let (left, right) = prints.trim().split_once(':')?;
    let hex = |s: &str| {
        (s.len() == 16)
            .then(|| u64::from_str_radix(s, 16).ok())
            .flatten()
    };
    let valid_rule =
        rule.len() == 5 && rule.starts_with("ND") && rule[2..].bytes().all(|b| b.is_ascii_digit());
    valid_rule.then_some(())?;
    Some(BaselineKey {
        rule: rule.to_owned(),
        left: Fingerprint(hex(left)?),
        right: Fingerprint(hex(right)?),
    })
}

/// One run's findings checked against a baseline: which were accepted, which entries are
/// stale.
#[derive(Debug)]
pub struct BaselineCheck<'a> {
    baseline: &'a Baseline,
    matched: BTreeSet<&'a BaselineKey>,
    suppressed: u64,
}

impl BaselineCheck<'_> {
    /// Whether the finding with `key` is accepted (and so not reported).
    pub fn accepts(&mut self, key: &BaselineKey) -> bool {
        match self.baseline.entries.get_key_value(key) {
            Some((entry, _)) => {
                self.matched.insert(entry);
                self.suppressed += 1;
                true
            }
            None => false,
        }
    }

    /// How many findings were accepted so far.
    pub fn suppressed(&self) -> u64 {
        self.suppressed
    }

    /// The entries that matched no finding: what they accepted is gone.
    pub fn stale(&self) -> Vec<(&BaselineKey, &str)> {
        self.baseline
            .entries()
            .filter(|(k, _)| !self.matched.contains(k))
            .collect()
    }
}

/// A note quoting two titles: `"A" ~ "B"` (`->` between an original and its rewrite).
pub fn note(left: &str, joiner: &str, right: &str) -> String {
    format!("\"{}\" {joiner} \"{}\"", short(left), short(right))
}

fn short(title: &str) -> String {
    let clean = sanitize(title);
    if clean.chars().count() <= NOTE_TITLE_CHARS {
        return clean.into_owned();
    }
    let mut cut: String = clean.chars().take(NOTE_TITLE_CHARS - 1).collect();
    cut.push('…');
    cut
}

/// Normalizes titles once each: a group can hold ten thousand copies of one text.
struct Normalizer<'a> {
    analyzer: &'a Analyzer,
    cache: HashMap<String, String>,
}

impl Normalizer<'_> {
    fn get(&mut self, title: &str) -> String {
        if let Some(n) = self.cache.get(title) {
            return n.clone();
        }
        let normalized = self.analyzer.normalize(title).as_str().to_owned();
        self.cache.insert(title.to_owned(), normalized.clone());
        normalized
    }
}

/// Every finding of a scan report with its key and note, in report order.
pub fn scan_findings(report: &ScanReport, analyzer: &Analyzer) -> Vec<(BaselineKey, String)> {
    let mut normalizer = Normalizer {
        analyzer,
        cache: HashMap::new(),
    };
    let mut out = Vec::new();
    for group in &report.groups {
        let head = normalizer.get(&group.representative.title);
        for member in &group.members {
            let key = BaselineKey::scan(member.rule(), &head, &normalizer.get(&member.item.title));
            let note = note(&group.representative.title, "~", &member.item.title);
            out.push((key, note));
        }
    }
    for pair in &report.related {
        let (left, right) = (
            normalizer.get(&pair.left.title),
            normalizer.get(&pair.right.title),
        );
        let key = BaselineKey::scan(ScanRule::Related, &left, &right);
        out.push((key, note(&pair.left.title, "~", &pair.right.title)));
    }
    out
}

/// Drop the scan findings the baseline accepts (and groups left with no member); returns
/// how many were dropped.
///
/// A member is accepted when the baseline has its rule and the fingerprints of it and its
/// representative, or, when the batch was reordered and the group has another
/// representative now, of it and any other title of its group.
pub fn suppress_scan(
    report: &mut ScanReport,
    analyzer: &Analyzer,
    check: &mut BaselineCheck<'_>,
) -> u64 {
    let before = check.suppressed();
    let mut normalizer = Normalizer {
        analyzer,
        cache: HashMap::new(),
    };
    for group in &mut report.groups {
        let head = normalizer.get(&group.representative.title);
        // Every distinct normalized title of the group, for members whose representative
        // changed since the baseline was written.
        let mut titles: Vec<String> = vec![head.clone()];
        for member in &group.members {
            let text = normalizer.get(&member.item.title);
            if !titles.contains(&text) {
                titles.push(text);
            }
        }
        group.members.retain(|member| {
            let text = normalizer.get(&member.item.title);
            let rule = member.rule();
            let accepted = check.accepts(&BaselineKey::scan(rule, &head, &text))
                || titles
                    .iter()
                    .filter(|other| **other != head)
                    .any(|other| check.accepts(&BaselineKey::scan(rule, other, &text)));
            !accepted
        });
    }
    report.groups.retain(|g| !g.members.is_empty());
    report.related.retain(|pair| {
        let (left, right) = (
            normalizer.get(&pair.left.title),
            normalizer.get(&pair.right.title),
        );
        !check.accepts(&BaselineKey::scan(ScanRule::Related, &left, &right))
    });
    check.suppressed() - before
}

/// The key and note of a pair-audit finding.
pub fn pair_finding(
    pair: &AuditedPair,
    finding: &Finding,
    analyzer: &Analyzer,
) -> (BaselineKey, String) {
    let key = BaselineKey::pair(
        finding.rule,
        analyzer.normalize(&pair.original).as_str(),
        analyzer.normalize(&pair.rewrite).as_str(),
    );
    (key, note(&pair.original, "->", &pair.rewrite))
}

/// Drop the findings of one audited pair that the baseline accepts; returns how many.
pub fn suppress_pair(
    pair: &mut AuditedPair,
    analyzer: &Analyzer,
    check: &mut BaselineCheck<'_>,
) -> u64 {
    let before = check.suppressed();
    let original = analyzer.normalize(&pair.original);
    let rewrite = analyzer.normalize(&pair.rewrite);
    pair.findings.retain(|finding| {
        let key = BaselineKey::pair(finding.rule, original.as_str(), rewrite.as_str());
        !check.accepts(&key)
    });
    check.suppressed() - before
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scan_keys_ignore_order_and_pair_keys_do_not() {
        let rule = ScanRule::NearDuplicate;
        assert_eq!(
            BaselineKey::scan(rule, "a b", "a c"),
            BaselineKey::scan(rule, "a c", "a b")
        );
        assert_ne!(
            BaselineKey::pair(Rule::NumberChanged, "a b", "a c"),
            BaselineKey::pair(Rule::NumberChanged, "a c", "a b")
        );
        assert_ne!(
            BaselineKey::scan(ScanRule::Rewrite, "a b", "a c"),
            BaselineKey::scan(rule, "a b", "a c")
        );
    }

    #[test]
    fn the_file_round_trips_sorted_with_notes() {
        let mut baseline = Baseline::new();
        baseline.insert(
            BaselineKey::scan(ScanRule::Rewrite, "x", "y"),
            note("X", "~", "Y"),
        );
        baseline.insert(
            BaselineKey::scan(ScanRule::ExactDuplicate, "z", "z"),
            note("Z\nnewline", "~", "Z"),
        );
        let mut out = Vec::new();
        baseline.write(&mut out).expect("written");
        let text = String::from_utf8(out).expect("UTF-8");
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[0], HEADER);
        assert!(lines[1].starts_with("ND001 "), "{text}");
        assert!(lines[1].ends_with("# \"Z newline\" ~ \"Z\""), "{text}");
        assert!(lines[2].starts_with("ND004 "), "{text}");
        assert_eq!(Baseline::parse("b", &text).expect("parses"), baseline);
    }

    #[test]
    fn a_bad_line_is_an_error_naming_the_line() {
        let err = Baseline::parse("b.txt", "# c\n\nND001 zz:12\n").unwrap_err();
        assert!(
            err.to_string().starts_with("b.txt:3: `ND001 zz:12`"),
            "{err}"
        );
    }

    #[test]
    fn stale_entries_are_those_never_matched() {
        let mut baseline = Baseline::new();
        let used = BaselineKey::scan(ScanRule::Rewrite, "x", "y");
        let gone = BaselineKey::scan(ScanRule::Rewrite, "x", "w");
        baseline.insert(used.clone(), String::new());
        baseline.insert(gone.clone(), String::new());
        let mut check = baseline.check();
        assert!(check.accepts(&used));
        assert!(check.accepts(&used));
        assert!(!check.accepts(&BaselineKey::scan(ScanRule::Rewrite, "q", "y")));
        assert_eq!(check.suppressed(), 2);
        let stale: Vec<&BaselineKey> = check.stale().into_iter().map(|(k, _)| k).collect();
        assert_eq!(stale, [&gone]);
    }

    #[test]
    fn long_titles_are_shortened_in_notes() {
        let long = "word ".repeat(40);
        let n = note(&long, "->", "b");
        assert!(n.contains('…'));
        assert!(n.chars().count() < 80);
    }
}
