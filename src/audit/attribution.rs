//! Attribution and hedging (ND106–ND108): who said it, and how sure the headline is.
//!
//! The original attributes a claim ("…, agency says", "according to police", "…: expert",
//! "… — Mayor Ruiz") or hedges it ("could", "alleged", "reported killed"); a rewrite that keeps no
//! attribution at all states the claim as fact (ND106), one that turns "says" into "confirms"
//! vouches for it (ND107), and one that keeps none of the hedges states it as certain
//! (ND108). A rewrite that reports the claim with another verb ("rules", "accuses",
//! "writes": the lexicon's `reporting-verbs`) moves the attribution, it does not drop it.
//! A hedge whose claim the rewrite leaves out altogether, or one inside an indirect question
//! ("to decide if the state may…"), is not dropped.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use super::lexicon::{PhraseMatch, Phrases};
use super::{Finding, Lexicon, Rule, english_stem, finding, has_word, texts};
use crate::features::Title;

/// Where a title's text ends without its outlet suffix (" - Reuters"), in the original text.
fn body_end(title: &Title) -> usize {
    let normalized = title.normalized.as_str().len();
    if normalized == 0 {
        return title.original.trim_end().len();
    }
    title.normalized.original_range(0..normalized).end
}

/// A trailing source after a colon or a dash, the outlet suffix left out: "…, Trump's inner
/// circle to decide: expert", "City to build new bridge — Mayor Ruiz - Local News".
fn trailing_source(title: &Title) -> Option<Range<usize>> {
    let body = title.original.get(..body_end(title))?.trim_end();
    let (at, separator) = [":", " — ", " – ", " - "]
        .iter()
        .filter_map(|sep| body.rfind(sep).map(|at| (at, sep.len())))
        .max()?;
    let tail = &body[at + separator..];
    let words = tail.unicode_words().count();
    let before = body[..at].unicode_words().count();
    let plain = tail
        .chars()
        .all(|c| c.is_alphabetic() || c.is_whitespace() || c == '\'' || c == '.');
    // After a dash the source is named ("— Mayor Ruiz"); lower case there is the story going on
    // ("- two hurt").
    let named = separator == 1 || tail.trim_start().starts_with(char::is_uppercase);
    if !(1..=3).contains(&words) || before < 4 || !plain || !named {
        return None;
    }
    let start = at + separator + (tail.len() - tail.trim_start().len());
    Some(start..body.len())
}

/// Extend an attribution back to the comma that opens it: "…, agency says".
fn with_subject(title: &Title, m: &PhraseMatch) -> Range<usize> {
    let first = m.words.start;
    for k in (first.saturating_sub(3)..first).rev() {
        let gap_end = title.words[k + 1].span.start;
        let gap = title
            .original
            .get(title.words[k].span.end..gap_end)
            .unwrap_or("");
        if gap.contains(',') {
            return title.words[k + 1].span.start..m.span.end;
        }
    }
    if first > 0
        && first <= 3
        && title.words[..first].iter().all(|w| !w.stop)
        && m.words.end < title.words.len()
    {
        // A subject at the start: "TSA says …", "Police say …".
        return title.words[0].span.start..m.span.end;
    }
    m.span.clone()
}

/// Hedge matches, leaving out the month "May" ("in May", "May 5").
fn hedges(title: &Title, phrases: &Phrases) -> Vec<PhraseMatch> {
    const BEFORE_MONTH: &[&str] = &[
        "in", "since", "by", "until", "on", "of", "from", "through", "before", "after", "last",
        "next", "this", "early", "late", "mid",
    ];
    phrases
        .find(title)
        .into_iter()
        .filter(|m| {
            let w = &title.words;
            let is_may = w[m.words.start].text == "may" && m.words.len() == 1;
            let month = is_may
                && (m.words.start > 0
                    && BEFORE_MONTH.contains(&w[m.words.start - 1].text.as_str())
                    || w.get(m.words.end)
                        .is_some_and(|n| n.text.chars().all(|c| c.is_ascii_digit())));
            !month && !in_indirect_question(title, m)
        })
        .collect()
}

/// Whether a hedge sits in an indirect question ("decide if the state may ban…", "asks whether
/// rates could fall"): the modal is part of what is asked, not a hedge of the headline.
fn in_indirect_question(title: &Title, m: &PhraseMatch) -> bool {
    title.words[m.words.start.saturating_sub(3)..m.words.start]
        .iter()
        .any(|w| w.text == "if" || w.text == "whether")
}

/// Whether the rewrite still makes the claim a hedge qualifies: a content word of the hedge's
/// clause (the words between commas, semicolons, colons or dashes) is in the rewrite. A
/// hedged clause the rewrite leaves out ("…, and the deputy may run instead") is dropped, not
/// stated as certain.
fn claim_kept(original: &Title, m: &PhraseMatch, rewrite: &Title) -> bool {
    let words = &original.words;
    let breaks = |left: usize, right: usize| {
        original
            .original
            .get(words[left].span.end..words[right].span.start)
            .is_some_and(|gap| {
                gap.contains([',', ';', ':', '—', '–', '(', ')']) || gap.contains(" - ")
            })
    };
    let mut start = m.words.start;
    while start > 0 && !breaks(start - 1, start) {
        start -= 1;
    }
    let mut end = m.words.end;
    while end < words.len() && !breaks(end - 1, end) {
        end += 1;
    }
    let mut content = words[start..m.words.start]
        .iter()
        .chain(&words[m.words.end..end])
        .filter(|w| !w.stop)
        .peekable();
    content.peek().is_none() || content.any(|w| has_word(rewrite, &w.text, &w.stem))
}

pub(crate) fn attribution_findings(
    original: &Title,
    rewrite: &Title,
    lexicon: &Lexicon,
    out: &mut Vec<Finding>,
) {
    let attribution = Phrases::new(&lexicon.attribution);
    let strong = Phrases::new(&lexicon.strong_verbs);
    let hedge = Phrases::new(&lexicon.hedges);

    let reporting = Phrases::new(&lexicon.reporting_verbs);
    // "Two reported dead" hedges a toll; it attributes nothing.
    let sources = |title: &Title| -> Vec<PhraseMatch> {
        let hedged = hedge.find(title);
        attribution
            .find(title)
            .into_iter()
            .filter(|m| {
                !hedged
                    .iter()
                    .any(|h| h.words.start < m.words.end && m.words.start < h.words.end)
            })
            .collect()
    };
    let mut original_sources: Vec<Range<usize>> = sources(original)
        .iter()
        .map(|m| with_subject(original, m))
        .collect();
    original_sources.extend(trailing_source(original));
    let original_strong = strong.find(original);
    let rewrite_strong = strong.find(rewrite);
    let rewrite_attributes = !sources(rewrite).is_empty()
        || !rewrite_strong.is_empty()
        || !reporting.find(rewrite).is_empty()
        || trailing_source(rewrite).is_some();
    // A source reported with another verb ("Documents show…") can be strengthened too.
    let original_reports = !original_sources.is_empty() || !reporting.find(original).is_empty();

    if !original_sources.is_empty() && !rewrite_attributes {
        let quoted: Vec<String> = original_sources
            .iter()
            .map(|s| format!("“{}”", original.original_text(s)))
            .collect();
        out.push(finding(
            Rule::AttributionDropped,
            format!(
                "drops the attribution {}: the rewrite states the claim as fact",
                quoted.join(", ")
            ),
            original_sources.clone(),
            Vec::new(),
        ));
    }

    // "confirms" and "confirmed" are one verb: compare stems.
    let stem_of = |title: &Title, m: &PhraseMatch| english_stem(&title.words[m.words.start].text);
    let original_verbs: Vec<String> = original_strong
        .iter()
        .map(|m| stem_of(original, m))
        .collect();
    let added: Vec<PhraseMatch> = rewrite_strong
        .into_iter()
        .filter(|m| !original_verbs.contains(&stem_of(rewrite, m)))
        .collect();
    if !added.is_empty() && original_reports {
        let message = if original_sources.is_empty() {
            format!(
                "uses {}, which vouches for a claim the original only states",
                texts(rewrite, &added)
            )
        } else {
            let was: Vec<String> = original_sources
                .iter()
                .map(|s| format!("“{}”", original.original_text(s)))
                .collect();
            format!(
                "strengthens {} to {}",
                was.join(", "),
                texts(rewrite, &added)
            )
        };
        out.push(finding(
            Rule::AttributionStrengthened,
            message,
            original_sources,
            added.into_iter().map(|m| m.span).collect(),
        ));
    }

    let original_hedges: Vec<PhraseMatch> = hedges(original, &hedge)
        .into_iter()
        .filter(|m| claim_kept(original, m, rewrite))
        .collect();
    if !original_hedges.is_empty() && hedges(rewrite, &hedge).is_empty() {
        out.push(finding(
            Rule::HedgingDropped,
            format!(
                "drops the hedge {}: the rewrite states as certain what the original does not",
                texts(original, &original_hedges)
            ),
            original_hedges.into_iter().map(|m| m.span).collect(),
            Vec::new(),
        ));
    }
}
