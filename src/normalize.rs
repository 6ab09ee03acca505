//! Normalization: turn a headline as a feed wrote it into the text that comparisons see.
//!
//! Feeds disagree on typography far more than on content: curly versus straight quotes, five
//! kinds of dash, non-breaking spaces, zero-width joiners, an outlet name glued to the end
//! (`" - Reuters"`, `" | CNN"`) or a boilerplate kicker in front (`"BREAKING:"`). None of that
//! changes the story, so the *headline profile* ([`NormalizeOptions::default`]) removes it:
//!
//! 1. Unicode NFKC per grapheme cluster (so combining marks compose with their base);
//! 2. zero-width, bidi and other control characters dropped; every kind of space becomes one
//!    ASCII space, runs collapse, ends are trimmed;
//! 3. curly and prime quotes become `'` or `"`; every dash variant, and runs such as `--`,
//!    become one `-`; the dots of a dotted acronym go (`U.S.` → `US`, `D.C.` → `DC`);
//! 4. a kicker prefix from [`NormalizeOptions::kickers`] before a colon is removed;
//! 5. an outlet suffix after the last `" - "` or `" | "` is removed when it is a listed outlet
//!    or looks like one (a short run of capitalized words);
//! 6. letters are lower-cased (`char::to_lowercase`, which covers all of Unicode).
//!
//! Every character of the result remembers the byte range of the original text it came from
//! ([`Normalized::original_range`]), so diffs and reports can show what the feed said.

use std::ops::Range;

use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

/// Kicker words removed from the front of a headline when followed by a colon, in the
/// headline profile. They label the format of an item, not its story.
pub const DEFAULT_KICKERS: &[&str] = &[
    "breaking",
    "breaking news",
    "watch",
    "video",
    "exclusive",
    "live",
    "live updates",
    "update",
    "updated",
    "just in",
    "developing",
    "opinion",
    "analysis",
    "photos",
    "listen",
    "explainer",
    "factbox",
    "fact check",
    "editorial",
];

/// How a headline is normalized. The default is the *headline profile* described in the
/// module documentation; [`NormalizeOptions::minimal`] only applies NFKC and spacing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NormalizeOptions {
    /// Lower-case every letter.
    pub fold_case: bool,
    /// Map curly quotes and dash variants to ASCII.
    pub fold_punctuation: bool,
    /// Remove a trailing outlet name (`" - The New York Times"`, `" | Reuters"`).
    pub strip_outlet: bool,
    /// Outlet names that are always stripped from the end, whatever their shape (compared
    /// case-insensitively). Names that look like an outlet are stripped without being listed.
    pub outlets: Vec<String>,
    /// Remove a kicker prefix such as `"BREAKING:"`.
    pub strip_kicker: bool,
    /// Kicker words (lower case) removed when they open the headline followed by a colon.
    pub kickers: Vec<String>,
}

impl Default for NormalizeOptions {
    fn default() -> Self {
        Self {
            fold_case: true,
            fold_punctuation: true,
            strip_outlet: true,
            outlets: Vec::new(),
            strip_kicker: true,
            kickers: DEFAULT_KICKERS.iter().map(|k| (*k).to_owned()).collect(),
        }
    }
}

impl NormalizeOptions {
    /// NFKC and whitespace only: case, punctuation, outlets and kickers are kept.
    pub fn minimal() -> Self {
        Self {
            fold_case: false,
            fold_punctuation: false,
            strip_outlet: false,
            outlets: Vec::new(),
            strip_kicker: false,
            kickers: Vec::new(),
        }
    }
}

/// A normalized headline that remembers where each of its characters came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalized {
    text: String,
    /// For each byte of `text` that starts a character, the original byte range; other bytes
    /// repeat the range of the character they belong to.
    origin: Vec<Range<u32>>,
}

impl Normalized {
    /// The normalized text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The original byte range that produced the normalized byte range `range`.
    ///
    /// An empty range maps to an empty range at the matching original position.
    pub fn original_range(&self, range: Range<usize>) -> Range<usize> {
        if self.origin.is_empty() {
            return 0..0;
        }
        if range.start >= range.end {
            let at = self
                .origin
                .get(range.start)
                .map_or_else(|| self.origin.last().map_or(0, |r| r.end), |r| r.start)
                as usize;
            return at..at;
        }
        let first = &self.origin[range.start.min(self.origin.len() - 1)];
        let last = &self.origin[(range.end - 1).min(self.origin.len() - 1)];
        first.start as usize..last.end.max(first.start) as usize
    }
}

/// One normalized character and the original bytes it stands for.
#[derive(Debug, Clone, Copy)]
struct Mapped {
    ch: char,
    from: u32,
    to: u32,
}

/// Normalize `text` with `options`. See the module documentation for the steps.
pub fn normalize(text: &str, options: &NormalizeOptions) -> Normalized {
    let mut chars = fold_characters(text, options);
    if options.fold_punctuation {
        join_acronym_dots(&mut chars);
    }
    if options.strip_kicker {
        strip_kicker(&mut chars, &options.kickers);
    }
    if options.strip_outlet {
        strip_outlet(&mut chars, &options.outlets);
    }
    trim_spaces(&mut chars);
    let mut out = Normalized {
        text: String::with_capacity(text.len()),
        origin: Vec::with_capacity(text.len()),
    };
    for m in chars {
        if m.ch.is_ascii() {
            // Most of a headline: no Unicode case tables needed.
            let ch = if options.fold_case {
                m.ch.to_ascii_lowercase()
            } else {
                m.ch
            };
            push(&mut out, ch, m.from..m.to);
        } else if options.fold_case && !m.ch.is_lowercase() && m.ch.is_alphabetic() {
            for lower in m.ch.to_lowercase() {
                push(&mut out, lower, m.from..m.to);
            }
        } else {
            push(&mut out, m.ch, m.from..m.to);
        }
    }
    out
}

fn push(out: &mut Normalized, ch: char, origin: Range<u32>) {
    out.text.push(ch);
    for _ in 0..ch.len_utf8() {
        out.origin.push(origin.clone());
    }
}

/// What one input character becomes before spacing rules apply.
#[derive(Debug, PartialEq)]
enum Fold {
    Keep(char),
    Space,
    Dash,
    Drop,
}

fn classify_char(ch: char, fold_punctuation: bool) -> Fold {
    if ch.is_ascii() {
        classify_ascii(ch, fold_punctuation)
    } else {
        classify_any(ch, fold_punctuation)
    }
}

/// [`classify_any`] for ASCII, without the Unicode tables (most of a headline).
fn classify_ascii(ch: char, fold_punctuation: bool) -> Fold {
    match ch {
        '\0'..=' ' | '\x7f' => Fold::Space,
        '`' if fold_punctuation => Fold::Keep('\''),
        '-' if fold_punctuation => Fold::Dash,
        _ => Fold::Keep(ch),
    }
}

fn classify_any(ch: char, fold_punctuation: bool) -> Fold {
    match ch {
        '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' => Fold::Drop,
        '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{00AD}' | '\u{061C}' => Fold::Drop,
        c if c.is_whitespace() => Fold::Space,
        c if c.is_control() => Fold::Space,
        _ if !fold_punctuation => Fold::Keep(ch),
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{0060}'
        | '\u{00B4}' | '\u{02BC}' => Fold::Keep('\''),
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
        | '\u{00BB}' => Fold::Keep('"'),
        '-' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => {
            Fold::Dash
        }
        c => Fold::Keep(c),
    }
}

/// Append what one input character became: runs of spaces and of dashes become one.
#[inline(always)]
fn push_folded(chars: &mut Vec<Mapped>, fold: Fold, from: usize, to: usize) {
    let (from, to) = (from as u32, to as u32);
    match fold {
        Fold::Drop => {}
        Fold::Space => match chars.last_mut() {
            Some(last) if last.ch == ' ' => last.to = to,
            _ => chars.push(Mapped { ch: ' ', from, to }),
        },
        Fold::Dash => match chars.last_mut() {
            Some(last) if last.ch == '-' => last.to = to,
            _ => chars.push(Mapped { ch: '-', from, to }),
        },
        Fold::Keep(ch) => chars.push(Mapped { ch, from, to }),
    }
}

/// Steps 1–3: NFKC per grapheme, drop invisible characters, fold spaces, quotes and dashes.
fn fold_characters(text: &str, options: &NormalizeOptions) -> Vec<Mapped> {
    let mut chars: Vec<Mapped> = Vec::with_capacity(text.len());
    let fold_punctuation = options.fold_punctuation;
    let emit = |chars: &mut Vec<Mapped>, ch: char, from: usize, to: usize| {
        push_folded(chars, classify_char(ch, fold_punctuation), from, to);
    };
    // Headlines are mostly ASCII, and an ASCII character followed by another ASCII character
    // (or the end) is a grapheme of its own that NFKC leaves alone: take those directly and
    // segment only the stretches around non-ASCII text.
    let bytes = text.as_bytes();
    let plain = |i: usize| bytes[i].is_ascii() && bytes.get(i + 1).is_none_or(u8::is_ascii);
    let mut i = 0;
    while i < bytes.len() {
        if plain(i) {
            let fold = classify_ascii(char::from(bytes[i]), fold_punctuation);
            push_folded(&mut chars, fold, i, i + 1);
            i += 1;
            continue;
        }
        let mut end = i + 1;
        while end < bytes.len() && !plain(end) {
            end += 1;
        }
        for (at, grapheme) in text[i..end].grapheme_indices(true) {
            let (from, to) = (i + at, i + at + grapheme.len());
            if grapheme.is_ascii() {
                for (k, ch) in grapheme.char_indices() {
                    emit(&mut chars, ch, from + k, from + k + 1);
                }
            } else {
                for ch in grapheme.nfkc() {
                    emit(&mut chars, ch, from, to);
                }
            }
        }
        i = end;
    }
    chars
}

/// `U.S.` → `US`: drop the dot after each single letter of a run of two or more
/// letter-dot pairs that starts a word. Each dot's bytes join the letter before it, so the
/// word still maps back to all of `U.S.`.
fn join_acronym_dots(chars: &mut Vec<Mapped>) {
    let is_letter = |chars: &[Mapped], i: usize| chars.get(i).is_some_and(|m| m.ch.is_alphabetic());
    let is_dot = |chars: &[Mapped], i: usize| chars.get(i).is_some_and(|m| m.ch == '.');
    let mut i = 0;
    while i < chars.len() {
        if !is_dot(chars, i + 1) {
            // No letter-dot pair starts here (most places in most headlines).
            i += 1;
            continue;
        }
        let starts_word = i == 0 || !chars[i - 1].ch.is_alphanumeric();
        let mut pairs = 0;
        while is_letter(chars, i + 2 * pairs) && is_dot(chars, i + 2 * pairs + 1) {
            pairs += 1;
        }
        let ends_word = !chars
            .get(i + 2 * pairs)
            .is_some_and(|m| m.ch.is_alphanumeric());
        if !(starts_word && ends_word && pairs >= 2) {
            i += 1;
            continue;
        }
        for pair in (0..pairs).rev() {
            let dot = chars.remove(i + 2 * pair + 1);
            chars[i + 2 * pair].to = dot.to;
        }
        i += pairs;
    }
}

fn trim_spaces(chars: &mut Vec<Mapped>) {
    while chars.last().is_some_and(|m| m.ch == ' ') {
        chars.pop();
    }
    let lead = chars.iter().take_while(|m| m.ch == ' ').count();
    chars.drain(..lead);
}

fn lowercase_string(chars: &[Mapped]) -> String {
    chars.iter().flat_map(|m| m.ch.to_lowercase()).collect()
}

/// Step 4: `"BREAKING: Fire in..."` → `"Fire in..."`.
fn strip_kicker(chars: &mut Vec<Mapped>, kickers: &[String]) {
    let Some(colon) = chars.iter().take(32).position(|m| m.ch == ':') else {
        return;
    };
    let head = lowercase_string(&chars[..colon]);
    let head = head.trim();
    let rest_has_words = chars[colon + 1..].iter().any(|m| m.ch.is_alphanumeric());
    if rest_has_words && kickers.iter().any(|k| k == head) {
        chars.drain(..=colon);
        trim_spaces(chars);
    }
}

/// Step 5: `"Fire in Rome - Reuters"` → `"Fire in Rome"`.
fn strip_outlet(chars: &mut Vec<Mapped>, outlets: &[String]) {
    let Some(cut) = outlet_separator(chars) else {
        return;
    };
    let (head, tail) = chars.split_at(cut.start);
    let tail: String = tail[cut.len()..].iter().map(|m| m.ch).collect();
    let tail = tail.trim();
    let head_words = head
        .split(|m| m.ch == ' ')
        .filter(|w| !w.is_empty())
        .count();
    let listed = outlets.iter().any(|o| o.eq_ignore_ascii_case(tail));
    if head_words >= 3 && (listed || looks_like_outlet(tail)) {
        chars.truncate(cut.start);
    }
}

/// The last `" - "` or `" | "` (the dash may be any folded dash variant).
fn outlet_separator(chars: &[Mapped]) -> Option<Range<usize>> {
    (1..chars.len().saturating_sub(1)).rev().find_map(|i| {
        let is_sep = matches!(chars[i].ch, '-' | '|');
        (is_sep && chars[i - 1].ch == ' ' && chars[i + 1].ch == ' ').then_some(i - 1..i + 2)
    })
}

/// A short run of capitalized words, possibly joined by `of`, `the`, `and`, `&`, or a domain
/// name such as `Yahoo.com`. A sentence fragment (a verb in lower case, a question) is not.
fn looks_like_outlet(tail: &str) -> bool {
    let words: Vec<&str> = tail.split_whitespace().collect();
    if words.is_empty() || words.len() > 5 || tail.chars().count() > 40 {
        return false;
    }
    if tail.ends_with(['?', '!', '.']) && !tail.contains(".com") {
        return false;
    }
    words.iter().all(|w| {
        let first = w.chars().next().unwrap_or(' ');
        first.is_uppercase()
            || first.is_ascii_digit()
            || matches!(
                *w,
                "of" | "the" | "and" | "&" | "de" | "on" | "for" | "at" | "in"
            )
            || w.contains('.')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ascii_shortcut_classifies_like_the_general_rule() {
        for ch in (0..128u8).map(char::from) {
            for fold_punctuation in [true, false] {
                assert_eq!(
                    classify_ascii(ch, fold_punctuation),
                    classify_any(ch, fold_punctuation),
                    "{ch:?}"
                );
            }
        }
    }

    #[test]
    fn dotted_acronyms_lose_their_dots() {
        let o = NormalizeOptions::default();
        assert_eq!(normalize("U.S. Navy sailor", &o).as_str(), "us navy sailor");
        assert_eq!(normalize("Evacuate U.S.", &o).as_str(), "evacuate us");
        assert_eq!(
            normalize("Washington, D.C. fire", &o).as_str(),
            "washington, dc fire"
        );
        assert_eq!(normalize("U.S.A.", &o).as_str(), "usa");
        // Not acronyms: a lone initial, a decimal, a sentence end.
        assert_eq!(normalize("J. Smith", &o).as_str(), "j. smith");
        assert_eq!(normalize("up 4.5%", &o).as_str(), "up 4.5%");
        assert_eq!(normalize("Fire. Rome.", &o).as_str(), "fire. rome.");
        let n = normalize("the U.S. Navy", &o);
        let us = n.as_str().find("us").unwrap();
        assert_eq!(n.original_range(us..us + 2), 4..8);
        assert_eq!(
            normalize("U.S.", &NormalizeOptions::minimal()).as_str(),
            "U.S."
        );
    }

    fn norm(text: &str) -> String {
        normalize(text, &NormalizeOptions::default())
            .as_str()
            .to_owned()
    }

    #[test]
    fn empty_and_blank() {
        assert_eq!(norm(""), "");
        assert_eq!(norm("   \u{00A0} "), "");
    }

    #[test]
    fn folds_case_quotes_and_dashes() {
        assert_eq!(norm("Trump’s “Big” Win"), "trump's \"big\" win");
        assert_eq!(norm("Mar\u{2011}a\u{2011}Lago"), "mar-a-lago");
        assert_eq!(
            norm("Greenland -- after Denmark"),
            "greenland - after denmark"
        );
        assert_eq!(
            norm("Greenland — after Denmark"),
            "greenland - after denmark"
        );
    }

    #[test]
    fn folds_odd_spaces_and_drops_invisible_characters() {
        assert_eq!(norm("a\u{00A0}\u{2009} b\u{00A0}"), "a b");
        assert_eq!(norm("zero\u{200B}width\u{FEFF}"), "zerowidth");
        assert_eq!(norm("bidi\u{202E}text\u{2066}"), "biditext");
        assert_eq!(norm("tab\there\nnewline"), "tab here newline");
    }

    #[test]
    fn nfkc_composes_combining_marks_and_folds_compatibility_forms() {
        assert_eq!(norm("Cafe\u{0301}"), "café");
        assert_eq!(norm("ＡＢＣ ﬁnal"), "abc final");
    }

    #[test]
    fn strips_outlet_suffixes() {
        assert_eq!(
            norm("Columbia agrees to pay $200 million fine - Axios"),
            "columbia agrees to pay $200 million fine"
        );
        assert_eq!(
            norm("Trump’s Name in the Epstein Files - The New York Times"),
            "trump's name in the epstein files"
        );
        assert_eq!(
            norm("Fire in central Rome | Reuters"),
            "fire in central rome"
        );
        assert_eq!(
            norm("Fire in central Rome - Yahoo.com"),
            "fire in central rome"
        );
    }

    #[test]
    fn keeps_a_clause_after_a_dash() {
        let text = "Trump sends hospital ship to Greenland -- after Denmark helped evacuate US Navy sailor";
        assert!(norm(text).ends_with("after denmark helped evacuate us navy sailor"));
        assert_eq!(
            norm("Stocks fall - what it means"),
            "stocks fall - what it means"
        );
    }

    #[test]
    fn listed_outlets_are_stripped_whatever_their_shape() {
        let options = NormalizeOptions {
            outlets: vec!["the daily wire news".into()],
            ..NormalizeOptions::default()
        };
        let n = normalize("Senate passes the bill - the daily wire news", &options);
        assert_eq!(n.as_str(), "senate passes the bill");
    }

    #[test]
    fn strips_kickers_but_not_content_before_a_colon() {
        assert_eq!(norm("BREAKING: Fire in Rome"), "fire in rome");
        assert_eq!(norm("WATCH: Fire in Rome"), "fire in rome");
        assert_eq!(norm("Exclusive: Fire in Rome"), "fire in rome");
        assert_eq!(
            norm("Historic Victory: Team USA"),
            "historic victory: team usa"
        );
        assert_eq!(norm("Watch:"), "watch:");
    }

    #[test]
    fn minimal_profile_keeps_case_and_outlets() {
        let n = normalize(
            "BREAKING: Fire  in Rome - Reuters",
            &NormalizeOptions::minimal(),
        );
        assert_eq!(n.as_str(), "BREAKING: Fire in Rome - Reuters");
    }

    #[test]
    fn spans_map_back_to_the_original() {
        let original = "BREAKING: Trump’s “Big” Café\u{00A0}Win - Reuters";
        let n = normalize(original, &NormalizeOptions::default());
        assert_eq!(n.as_str(), "trump's \"big\" café win");
        let at = n.as_str().find("café").unwrap();
        let range = n.original_range(at..at + "café".len());
        assert_eq!(&original[range], "Café");
        let range = n.original_range(0..n.as_str().len());
        assert_eq!(&original[range], "Trump’s “Big” Café\u{00A0}Win");
    }

    #[test]
    fn handles_cjk_rtl_and_emoji() {
        assert_eq!(norm("東京で地震 🔥"), "東京で地震 🔥");
        assert_eq!(norm("مرحبا بالعالم"), "مرحبا بالعالم");
        let n = normalize("👨‍👩‍👧 family", &NormalizeOptions::default());
        let range = n.original_range(0..n.as_str().len());
        assert_eq!(range, 0.."👨‍👩‍👧 family".len());
    }
}
