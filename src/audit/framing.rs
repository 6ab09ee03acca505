//! Sensational framing (ND109): what a rewrite adds to sell an emotion the original does not.
//!
//! Each kind of framing is a [`Signal`] with its own evidence span, and every word list is
//! lexicon data a user extends under `[pairs.lexicon]`:
//!
//! * a **kicker** (one to four words before a colon opening the title) that the original
//!   lacks and that frames: it holds a word of any framing list, is a quotation
//!   (`'Deeply unsettling':`) or ends with `!`. A plain topic label (`Weather live:`, `Budget
//!   vote:`) is not framing;
//! * **emotive** words and intensifiers (`framing`: "tragic", "brazen", "massive", "fury");
//! * **dramatized verbs** (`dramatic-verbs`: "slams", "rocks"), except where they only
//!   describe motion ("slams into");
//! * **superlatives** and historic claims (`superlatives`: "historic", "unprecedented");
//! * **curiosity gaps** (`curiosity`: "you won't believe", "here's why");
//! * **scare quotes**: one common word in quotation marks ("'reckless' ads"); a longer
//!   quotation reports what someone said;
//! * an **exclamation** mark.
//!
//! A word counts only when the original uses no form of it, and an emotive word only when the
//! original has no emotive word at all: swapping one charged word for another ("stuns" for
//! "astonished") adds no framing.

use std::ops::Range;

use super::lexicon::{PhraseMatch, Phrases, phrase_words, same_text};
use super::{Finding, Lexicon, Rule, english_stem, finding, name_like, same_word, texts};
use crate::features::Title;
use crate::stopwords::is_stop_word;

/// One kind of sensational framing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Signal {
    /// A framing kicker before a colon.
    Kicker,
    /// Emotive words and intensifiers.
    Emotive,
    /// Dramatized verbs.
    DramaticVerb,
    /// Superlatives and historic claims.
    Superlative,
    /// Curiosity-gap phrases.
    CuriosityGap,
    /// A common word in quotation marks.
    ScareQuotes,
    /// An exclamation mark.
    Exclamation,
}

impl Signal {
    /// How a finding of this signal starts.
    fn adds(self) -> &'static str {
        match self {
            Signal::Kicker => "adds the kicker",
            Signal::Emotive => "adds sensational framing",
            Signal::DramaticVerb => "adds the dramatized verb",
            Signal::Superlative => "adds the superlative",
            Signal::CuriosityGap => "adds the curiosity gap",
            Signal::ScareQuotes => "adds the scare quotes",
            Signal::Exclamation => "adds an exclamation",
        }
    }
}

/// Words after which a dramatized verb only says how something moved ("slams into").
const MOTION: &[&str] = &["into", "onto", "through", "across", "ashore"];

/// Quotation marks that open and close a quote.
const QUOTES: &[char] = &['\'', '"', '‘', '’', '“', '”'];

/// A kicker: one to four words before a colon opening the title ("Historic Victory:",
/// "'Deeply unsettling':"). Returns its span (colon included), its lower-case words and
/// whether it is a quotation.
pub(crate) fn kicker(text: &str) -> Option<(Range<usize>, Vec<String>, bool)> {
    let colon = text.char_indices().find(|&(at, c)| {
        c == ':'
            && !(text[..at].ends_with(|d: char| d.is_ascii_digit())
                && text[at + 1..].starts_with(|d: char| d.is_ascii_digit()))
    })?;
    let prefix = text[..colon.0].trim();
    let inner = prefix.trim_matches(QUOTES);
    let quoted = inner.len() < prefix.len();
    if inner.contains(['.', '?', ',', ';', '"', '“', '”']) {
        return None;
    }
    let words = phrase_words(inner);
    if !(1..=4).contains(&words.len()) {
        return None;
    }
    let start = text.len() - text.trim_start().len();
    Some((start..colon.0 + 1, words, quoted))
}

/// Quoted runs: byte ranges, the quote marks included.
fn quotes(text: &str) -> Vec<Range<usize>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        let opens = QUOTES.contains(&c)
            && (i == 0 || !chars[i - 1].1.is_alphanumeric())
            && chars.get(i + 1).is_some_and(|(_, n)| n.is_alphanumeric());
        if !opens {
            i += 1;
            continue;
        }
        // The closing mark: a quote after a word character and before a non-word one.
        let close = (i + 1..chars.len()).find(|&k| {
            QUOTES.contains(&chars[k].1)
                && !chars[k - 1].1.is_whitespace()
                && chars.get(k + 1).is_none_or(|(_, n)| !n.is_alphanumeric())
        });
        let Some(k) = close else { break };
        out.push(at..chars[k].0 + chars[k].1.len_utf8());
        i = k + 1;
    }
    out
}

/// Whether lower-case `words` hold a phrase of `list` (the kicker's words: the normalizer
/// leaves some kickers out of the title's words).
fn holds_phrase(list: &Phrases, words: &[String]) -> bool {
    list.list().iter().any(|phrase| {
        words
            .windows(phrase.len())
            .any(|window| window.iter().zip(phrase).all(|(w, p)| same_text(p, w)))
    })
}

/// The framing lists, ready to match.
struct Lists {
    emotive: Phrases,
    verbs: Phrases,
    superlatives: Phrases,
    curiosity: Phrases,
}

impl Lists {
    fn new(lexicon: &Lexicon) -> Self {
        Self {
            emotive: Phrases::new(&lexicon.framing),
            verbs: Phrases::new(&lexicon.dramatic_verbs),
            superlatives: Phrases::new(&lexicon.superlatives),
            curiosity: Phrases::new(&lexicon.curiosity),
        }
    }

    fn all(&self) -> [(Signal, &Phrases); 4] {
        [
            (Signal::Emotive, &self.emotive),
            (Signal::DramaticVerb, &self.verbs),
            (Signal::Superlative, &self.superlatives),
            (Signal::CuriosityGap, &self.curiosity),
        ]
    }
}

/// ND109: every framing signal of the rewrite that the original lacks, one finding per signal.
pub(crate) fn framing_findings(
    original: &Title,
    rewrite: &Title,
    lexicon: &Lexicon,
    out: &mut Vec<Finding>,
) {
    let new_word = |word: &str| {
        !is_stop_word(word) && {
            let stem = english_stem(word);
            !original
                .words
                .iter()
                .any(|w| same_word(&w.text, word) || english_stem(&w.text) == stem)
        }
    };
    let lists = Lists::new(lexicon);
    // A match is new when the original has no form of its words.
    let new_match = |m: &PhraseMatch| {
        rewrite.words[m.words.clone()]
            .iter()
            .any(|w| !w.stop && new_word(&w.text))
    };
    let mut found: Vec<(Signal, Vec<Range<usize>>)> = Vec::new();

    let rewrite_kicker = kicker(&rewrite.original);
    let in_kicker = |span: &Range<usize>| {
        rewrite_kicker
            .as_ref()
            .is_some_and(|(k, _, _)| span.start >= k.start && span.end <= k.end)
    };
    if let Some((span, words, quoted)) = &rewrite_kicker {
        let same_kicker = kicker(&original.original).is_some_and(|(_, o, _)| o == *words);
        // A kicker that names the original's source ("Expert Warns:") attributes, not frames.
        let attributing = |word: &str| {
            lexicon
                .attribution
                .iter()
                .chain(&lexicon.strong_verbs)
                .any(|a| a.eq_ignore_ascii_case(word))
        };
        let charged = *quoted
            || rewrite
                .original_text(span)
                .trim_end_matches(':')
                .ends_with('!')
            || lists
                .all()
                .iter()
                .any(|(_, list)| holds_phrase(list, words));
        if !same_kicker && charged && words.iter().any(|w| new_word(w) && !attributing(w)) {
            found.push((Signal::Kicker, vec![span.clone()]));
        }
    }

    let original_emotive = !lists.emotive.find(original).is_empty();
    for (signal, list) in lists.all() {
        if signal == Signal::Emotive && original_emotive {
            continue;
        }
        let spans: Vec<Range<usize>> = list
            .find(rewrite)
            .into_iter()
            .filter(|m| !in_kicker(&m.span) && new_match(m))
            .filter(|m| {
                signal != Signal::DramaticVerb
                    || !rewrite
                        .words
                        .get(m.words.end)
                        .is_some_and(|next| MOTION.contains(&next.text.as_str()))
            })
            .map(|m| m.span)
            .collect();
        if !spans.is_empty() {
            found.push((signal, spans));
        }
    }

    let quoted = quotes(&rewrite.original);
    let scare: Vec<Range<usize>> = quoted
        .iter()
        .filter(|q| !in_kicker(q) && phrase_words(rewrite.original_text(q)).len() == 1)
        .filter(|q| {
            let words: Vec<_> = rewrite
                .words
                .iter()
                .filter(|w| w.span.start >= q.start && w.span.end <= q.end)
                .collect();
            !words.is_empty()
                && !words.iter().any(|w| name_like(w))
                && words.iter().any(|w| !w.stop && new_word(&w.text))
        })
        .cloned()
        .collect();
    if !scare.is_empty() {
        found.push((Signal::ScareQuotes, scare));
    }

    if !original.original.contains('!') {
        let bangs: Vec<Range<usize>> = rewrite
            .original
            .match_indices('!')
            .map(|(at, _)| at..at + 1)
            // A quoted speaker's exclamation is the speaker's, not the headline's.
            .filter(|s| !in_kicker(s) && !quoted.iter().any(|q| q.start < s.start && s.end < q.end))
            .collect();
        if !bangs.is_empty() {
            found.push((Signal::Exclamation, bangs));
        }
    }

    for (signal, spans) in found {
        let quoted = match signal {
            Signal::Exclamation => String::new(),
            _ => {
                let matches: Vec<PhraseMatch> = spans
                    .iter()
                    .map(|s| PhraseMatch {
                        words: 0..0,
                        span: s.clone(),
                    })
                    .collect();
                format!(" {}", texts(rewrite, &matches))
            }
        };
        out.push(finding(
            Rule::SensationalFraming,
            format!("{}{quoted}", signal.adds()),
            Vec::new(),
            spans,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kickers_are_short_prefixes_before_a_colon_quoted_or_not() {
        let (span, words, quoted) = kicker("Historic Victory: Team USA wins").expect("kicker");
        assert_eq!(
            (span, words, quoted),
            (0..17, vec!["historic".into(), "victory".into()], false)
        );
        let (_, words, quoted) = kicker("‘Deeply unsettling’: Campuses lock down").expect("kicker");
        assert_eq!(words, ["deeply", "unsettling"]);
        assert!(quoted);
        assert!(kicker("Meeting set for 5:30 today").is_none());
        assert!(kicker("Who is he? Inside: the rise").is_none());
        assert!(kicker("A very long opening of five words: then").is_none());
    }

    #[test]
    fn quotes_are_quoted_runs_not_apostrophes() {
        let text = "Trump sued over \"brazen\" scheme in Paris' Louvre, ‘I’m terrified’";
        let found: Vec<&str> = quotes(text).into_iter().map(|q| &text[q]).collect();
        assert_eq!(found, ["\"brazen\"", "‘I’m terrified’"]);
        let text = "He said 'get back to work now!' today";
        let found: Vec<&str> = quotes(text).into_iter().map(|q| &text[q]).collect();
        assert_eq!(found, ["'get back to work now!'"]);
        assert!(quotes("Harris' team and the Jones' house").is_empty());
    }
}
