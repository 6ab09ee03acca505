//! Content audit of an original headline and its rewrite (`neardup pairs`).
//!
//! A rewrite (a teaser, a re-headline, an aggregator's retitling) must tell the same story
//! without changing its facts. [`audit`] checks one pair and returns [`Finding`]s, each
//! under a stable [`Rule`] id (`ND101`…`ND111`; `neardup explain RULE` prints what a rule
//! means and how to silence it):
//!
//! * **numbers** (ND101–ND103): [`crate::numbers::compare_numbers`] on both titles' numbers;
//!   a changed value, a number added, a number dropped;
//! * **entities** (ND104, ND105): a name of the original with none of its words left in the
//!   rewrite, or a new name in the rewrite. Words match by text, stem or a long common prefix
//!   ("Mexico"/"Mexican"), a nationality adjective matches its country ("Chinese"/"China"),
//!   and the lexicon's alias groups and spelled-out acronyms count as the same name. Title
//!   Case says nothing about names, so there only acronyms and words unknown to the
//!   background word table count as added names, and a dropped word must not end like a
//!   common word; a name that only qualifies a job title before a kept person ("Fed chair
//!   Ortega") is not checked alone;
//! * **attribution and hedging** (ND106–ND108, `attribution.rs`): the original attributes
//!   ("…, agency says", "…: expert") or hedges ("could", "alleged") and the rewrite does not,
//!   or the rewrite vouches ("confirms") where the original reported;
//! * **framing** (ND109, `framing.rs`): charged kickers, emotive words, dramatized verbs,
//!   superlatives, curiosity gaps, scare quotes and exclamations the original lacks, each
//!   its own finding;
//! * **closeness** (ND110, ND111): the comparer's verdict says the rewrite is a near copy, or
//!   not the same story.
//!
//! [`PairAuditor`] runs the comparer and the audit over a batch of records, and
//! [`PairsSummary`] counts what a report ends with.
//!
//! Every word list lives in the [`Lexicon`], not in code, and a user's config extends it.
//! Findings carry byte spans into the *original* text of each title. The audit never prints.

mod attribution;
mod framing;
mod lexicon;
mod pairs;
mod places;
mod rule;

use std::ops::Range;
use std::sync::LazyLock;

use rust_stemmers::{Algorithm, Stemmer};
use serde::{Deserialize, Serialize};

pub use lexicon::Lexicon;
pub use pairs::{AuditedPair, PairAuditor, PairsSummary};
pub use rule::{Rule, UnknownRule};

use crate::classify::Verdict;
use crate::compare::Comparison;
use crate::features::{Entity, Title, Word, term_id};
use crate::idf::IdfModel;
use crate::numbers::{NumberKind, NumberMention, compare_numbers};
use lexicon::{PhraseMatch, Phrases, same_text};

/// How serious a finding is, from least to most.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Severity {
    /// Worth knowing; never fails a build by default.
    Info,
    /// Likely a problem; an editor should look.
    Warning,
    /// The rewrite states something the original does not.
    Error,
}

impl Severity {
    /// The snake_case name used in every output format.
    pub fn name(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// One problem found in a rewrite.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Which rule found it.
    pub rule: Rule,
    /// How serious it is.
    pub severity: Severity,
    /// What is wrong, quoting the titles.
    pub message: String,
    /// Byte ranges in the original title's original text.
    pub original_spans: Vec<Range<usize>>,
    /// Byte ranges in the rewrite's original text.
    pub rewrite_spans: Vec<Range<usize>>,
}

/// What the audit reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default, rename_all = "kebab-case")]
pub struct AuditPolicy {
    /// A verdict at or above this one makes the rewrite a near copy (ND110). Default
    /// `near-duplicate`.
    pub near_copy_above: Verdict,
    /// Rules whose findings are accepted and not reported.
    pub allow: Vec<Rule>,
}

impl Default for AuditPolicy {
    fn default() -> Self {
        Self {
            near_copy_above: Verdict::NearDuplicate,
            allow: Vec::new(),
        }
    }
}

/// Background document frequencies, to tell names from common words in Title Case.
static ENGLISH: LazyLock<IdfModel> = LazyLock::new(IdfModel::english);

/// Audit a rewrite against its original. `comparison` is the comparer's result for the pair
/// (original left, rewrite right); its verdict drives ND110 and ND111. Findings come in rule
/// order, allowed rules left out.
pub fn audit(
    original: &Title,
    rewrite: &Title,
    comparison: &Comparison,
    lexicon: &Lexicon,
    policy: &AuditPolicy,
) -> Vec<Finding> {
    let mut out = Vec::new();
    number_findings(original, rewrite, lexicon, &mut out);
    entity_findings(original, rewrite, lexicon, &mut out);
    attribution::attribution_findings(original, rewrite, lexicon, &mut out);
    framing::framing_findings(original, rewrite, lexicon, &mut out);
    verdict_findings(original, rewrite, comparison, policy, &mut out);
    out.retain(|f| !policy.allow.contains(&f.rule));
    out.sort_by_key(|f| f.rule);
    out
}

fn finding(
    rule: Rule,
    message: String,
    original_spans: Vec<Range<usize>>,
    rewrite_spans: Vec<Range<usize>>,
) -> Finding {
    Finding {
        rule,
        severity: rule.default_severity(),
        message,
        original_spans,
        rewrite_spans,
    }
}

fn describe(m: &NumberMention) -> String {
    format!("the {} “{}”", m.kind.name(), m.text)
}

/// The qualifier right before a number ("at least 12 weeks"): its span and lower-case text.
fn qualifier(
    title: &Title,
    number: &NumberMention,
    phrases: &Phrases,
) -> Option<(Range<usize>, String)> {
    let first = title
        .words
        .iter()
        .position(|w| w.span.start >= number.span.start)?;
    phrases
        .find(title)
        .into_iter()
        .find(|m| m.words.end == first)
        .map(|m| {
            let text = title.words[m.words.clone()]
                .iter()
                .map(|w| w.text.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            (m.span, text)
        })
}

fn number_findings(original: &Title, rewrite: &Title, lexicon: &Lexicon, out: &mut Vec<Finding>) {
    let (left, right) = (&original.numbers, &rewrite.numbers);
    let numbers = compare_numbers(left, right);
    // The same value with another qualifier ("at least 18" / "18") states another fact, but
    // less surely a wrong one than a changed value: a warning.
    let qualifiers = Phrases::new(&lexicon.qualifiers);
    for &(i, j) in &numbers.shared {
        let (l, r) = (&left[i], &right[j]);
        let (lq, rq) = (
            qualifier(original, l, &qualifiers),
            qualifier(rewrite, r, &qualifiers),
        );
        if lq.as_ref().map(|q| &q.1) == rq.as_ref().map(|q| &q.1) {
            continue;
        }
        let with = |q: &Option<(Range<usize>, String)>, t: &Title, m: &NumberMention| match q {
            Some((span, _)) => t.original_text(&(span.start..m.span.end)).to_owned(),
            None => m.text.clone(),
        };
        let span = |q: &Option<(Range<usize>, String)>, m: &NumberMention| match q {
            Some((span, _)) => span.start..m.span.end,
            None => m.span.clone(),
        };
        let mut f = finding(
            Rule::NumberChanged,
            format!(
                "changes the qualifier of {}: “{}” to “{}”",
                describe(l),
                with(&lq, original, l),
                with(&rq, rewrite, r)
            ),
            vec![span(&lq, l)],
            vec![span(&rq, r)],
        );
        f.severity = Severity::Warning;
        out.push(f);
    }
    for &(i, j) in &numbers.changed {
        let (l, r) = (&left[i], &right[j]);
        let message = if l.kind == r.kind {
            format!("changes {} to “{}”", describe(l), r.text)
        } else {
            format!("changes {} to {}", describe(l), describe(r))
        };
        out.push(finding(
            Rule::NumberChanged,
            message,
            vec![l.span.clone()],
            vec![r.span.clone()],
        ));
    }
    // Ordinals are often wording ("First Base"), not a figure: info only.
    let weak = |m: &NumberMention| m.kind == NumberKind::Ordinal;
    for &j in &numbers.only_right {
        let r = &right[j];
        let mut f = finding(
            Rule::NumberAdded,
            format!("adds {}, which the original does not state", describe(r)),
            Vec::new(),
            vec![r.span.clone()],
        );
        if weak(r) {
            f.severity = Severity::Info;
        }
        out.push(f);
    }
    for &i in &numbers.only_left {
        let l = &left[i];
        let mut f = finding(
            Rule::NumberDropped,
            format!("drops {}", describe(l)),
            vec![l.span.clone()],
            Vec::new(),
        );
        if weak(l) {
            f.severity = Severity::Info;
        }
        out.push(f);
    }
}

fn english_stem(word: &str) -> String {
    Stemmer::create(Algorithm::English).stem(word).into_owned()
}

/// Whether two lower-case words are the same word: equal, or sharing a long prefix
/// ("mexico"/"mexican", "president"/"presidential").
fn same_word(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let common = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let shorter = a.chars().count().min(b.chars().count());
    common >= 5 && common * 10 >= shorter * 7
}

/// Whether `title` has a word matching `text` (lower case) with stem `stem`.
fn has_word(title: &Title, text: &str, stem: &str) -> bool {
    title
        .words
        .iter()
        .any(|w| w.stem == stem || same_word(&w.text, text) || places::same_place(&w.text, text))
}

/// Whether `words` (lower case) spell `acronym` with their initials, stop words skipped.
fn spells(acronym: &str, words: &[&Word]) -> bool {
    let initials: String = words
        .iter()
        .filter(|w| !w.stop)
        .filter_map(|w| w.text.chars().next())
        .collect();
    initials.len() >= 2 && initials == acronym
}

/// In Title Case only rare words are entities, so "Marta" of "Marta Ortega" stands alone
/// when the table knows "Ortega". Whether a word joined to the entity by a space is inside a
/// name of `other` ("Fed chair Ortega"): then the entity is a longer form of that name.
fn neighbour_named_in(title: &Title, entity: &Entity, other: &Title) -> bool {
    let before = entity.words.start.checked_sub(1);
    [before, Some(entity.words.end)]
        .into_iter()
        .flatten()
        .filter_map(|k| title.words.get(k).map(|w| (k, w)))
        .any(|(k, w)| {
            let (l, r) = if k < entity.words.start {
                (k, entity.words.start)
            } else {
                (entity.words.end - 1, k)
            };
            let joined = title
                .original
                .get(title.words[l].span.end..title.words[r].span.start)
                .is_some_and(|gap| gap.chars().all(char::is_whitespace));
            joined
                && w.capitalized
                && !w.stop
                && other.entities.iter().any(|e| {
                    other.words[e.words.clone()]
                        .iter()
                        .any(|o| o.stem == w.stem || same_word(&o.text, &w.text))
                })
        })
}

/// Whether `other` names `entity` (words of `title`) some way.
fn entity_named_in(title: &Title, entity: &Entity, other: &Title, aliases: &[Phrases]) -> bool {
    let words: Vec<&Word> = title.words[entity.words.clone()].iter().collect();
    if words
        .iter()
        .filter(|w| !w.stop)
        .any(|w| has_word(other, &w.text, &w.stem))
    {
        return true;
    }
    if title.title_case && neighbour_named_in(title, entity, other) {
        return true;
    }
    // An acronym spelled out, or spelled out words abbreviated: TSA / Transportation
    // Security Administration.
    for w in words.iter().filter(|w| w.acronym) {
        let letters: String = w.text.chars().filter(|c| c.is_alphabetic()).collect();
        for start in 0..other.words.len() {
            let run: Vec<&Word> = other.words[start..]
                .iter()
                .take(letters.len() * 2)
                .collect();
            for end in 2..=run.len() {
                if spells(&letters, &run[..end]) {
                    return true;
                }
            }
        }
    }
    let initials = |ws: &[&Word]| -> String {
        ws.iter()
            .filter(|w| !w.stop)
            .filter_map(|w| w.text.chars().next())
            .collect()
    };
    let spelled = initials(&words);
    if spelled.len() >= 2
        && other.words.iter().any(|w| {
            w.acronym
                && w.text
                    .chars()
                    .filter(|c| c.is_alphabetic())
                    .collect::<String>()
                    == spelled
        })
    {
        return true;
    }
    // Alias groups: the entity holds one name of a group and the other title another.
    let texts: Vec<&str> = words.iter().map(|w| w.text.as_str()).collect();
    aliases.iter().any(|group| {
        let holds = group.list().iter().any(|name| {
            texts
                .windows(name.len())
                .any(|window| window.iter().zip(name).all(|(a, b)| same_text(b, a)))
        });
        holds && !group.find(other).is_empty()
    })
}

/// Endings of English words that are rarely names ("Uninterrupted", "Mastering").
const COMMON_ENDINGS: &[&str] = &[
    "ed", "ing", "ly", "tion", "sion", "ness", "ment", "ous", "ive", "able", "ible", "ful", "less",
    "ize", "ise", "ized", "ised", "ity",
];

/// Whether a word reads as a name even in Title Case: an acronym, or a word the background
/// table has never seen that does not end like a common English word.
fn name_like(word: &Word) -> bool {
    word.acronym
        || (!word.stop && ENGLISH.frequency(term_id(&word.stem)) == 0 && !common_ending(word))
}

/// Whether an entity opens the title or a sentence of it, where capitalization is grammar
/// ("Who is El Mencho? Inside the rise…"), and is a single word that does not look like a
/// name.
fn capitalized_by_grammar(title: &Title, entity: &Entity) -> bool {
    let before = title
        .original
        .get(..entity.span.start)
        .unwrap_or("")
        .trim_end()
        // An opening quote does not end a sentence: "‘Humiliated’ Andrew…" opens the title.
        .trim_end_matches(['\'', '"', '‘', '“']);
    let opens = before.is_empty() || before.ends_with(['?', '!', '.', ':', ';']);
    let words = &title.words[entity.words.clone()];
    opens && words.len() == 1 && !words.iter().any(name_like)
}

/// Whether an entity is weighty enough for a warning: an acronym or a rare word.
fn weighty(title: &Title, entity: &Entity) -> bool {
    title.words[entity.words.clone()]
        .iter()
        .any(|w| w.acronym || (!w.stop && ENGLISH.is_rare(term_id(&w.stem))))
}

/// Whether a word ends like a common English word ("Mislabeled", "Version").
fn common_ending(word: &Word) -> bool {
    COMMON_ENDINGS.iter().any(|e| word.text.ends_with(e))
}

/// Whether an entity of `title` is a name the audit should look for in `other`. Not when
/// capitalization says nothing: the first word of a sentence, or a Title Case title where
/// an added name must look like one ([`name_like`]) and a dropped one must at least not end
/// like a common word. Nor when it only qualifies a job title before a name `other` keeps
/// ("Fed chair Ortega": the name is Ortega).
fn is_checked_name(
    title: &Title,
    entity: &Entity,
    other: &Title,
    titles: &Phrases,
    added: bool,
) -> bool {
    let words = &title.words[entity.words.clone()];
    let shaped = |w: &Word| {
        if added {
            name_like(w)
        } else {
            w.acronym || !common_ending(w)
        }
    };
    if (title.title_case && !words.iter().any(shaped)) || capitalized_by_grammar(title, entity) {
        return false;
    }
    let qualifies_kept_name = titles.find(title).iter().any(|m| {
        m.words.start == entity.words.end
            && title
                .words
                .get(m.words.end)
                .is_some_and(|w| w.capitalized && !w.stop && has_word(other, &w.text, &w.stem))
    });
    !qualifies_kept_name
}

fn entity_findings(original: &Title, rewrite: &Title, lexicon: &Lexicon, out: &mut Vec<Finding>) {
    let aliases: Vec<Phrases> = lexicon.aliases.iter().map(|g| Phrases::new(g)).collect();
    let titles = Phrases::new(&lexicon.titles);
    for entity in &original.entities {
        if !is_checked_name(original, entity, rewrite, &titles, false)
            || entity_named_in(original, entity, rewrite, &aliases)
        {
            continue;
        }
        let mut f = finding(
            Rule::EntityDropped,
            format!("drops “{}”", entity.text),
            vec![entity.span.clone()],
            Vec::new(),
        );
        if !weighty(original, entity) {
            f.severity = Severity::Info;
        }
        out.push(f);
    }
    for entity in &rewrite.entities {
        if !is_checked_name(rewrite, entity, original, &titles, true)
            || entity_named_in(rewrite, entity, original, &aliases)
        {
            continue;
        }
        let mut f = finding(
            Rule::EntityAdded,
            format!("adds “{}”, which the original does not name", entity.text),
            Vec::new(),
            vec![entity.span.clone()],
        );
        if !weighty(rewrite, entity) {
            f.severity = Severity::Info;
        }
        out.push(f);
    }
}

fn texts(title: &Title, matches: &[PhraseMatch]) -> String {
    let quoted: Vec<String> = matches
        .iter()
        .map(|m| format!("“{}”", title.original_text(&m.span)))
        .collect();
    quoted.join(", ")
}

fn verdict_findings(
    original: &Title,
    rewrite: &Title,
    comparison: &Comparison,
    policy: &AuditPolicy,
    out: &mut Vec<Finding>,
) {
    let whole = |t: &Title| {
        let all: Range<usize> = 0..t.original.len();
        vec![all]
    };
    let verdict = comparison.verdict;
    if verdict >= policy.near_copy_above {
        out.push(finding(
            Rule::NearCopy,
            format!(
                "the rewrite is a near copy of the original (verdict {verdict}, combined score {:.2})",
                comparison.combined
            ),
            whole(original),
            whole(rewrite),
        ));
    }
    if !verdict.is_same_story() {
        out.push(finding(
            Rule::NotSameStory,
            format!(
                "the rewrite does not tell the original's story (verdict {verdict}, combined score {:.2})",
                comparison.combined
            ),
            whole(original),
            whole(rewrite),
        ));
    }
}

#[cfg(test)]
mod tests;
