//! Which language a title is in, decided when it is analyzed, so that it is stemmed, stopped
//! and weighted as that language and every later stage sees the answer in its
//! [`Features`](super::Features).
//!
//! Detection runs in two steps (measured in `docs/design.md`, "Language"):
//!
//! 1. **Function words.** Each word's stop-list membership per language is in the word memo
//!    already, so a vote costs a few additions per word: words only on the English list vote
//!    English, words only on the Swedish list vote Swedish (acronyms such as `WHO` do not
//!    vote), and a word with `å`, `ä` or `ö` adds to a Swedish vote but never starts one
//!    (German and Finnish use `ä` and `ö` too). A side wins with at least two signs and more
//!    than twice the other side's, or English with any function word against no Swedish sign.
//! 2. **Lean.** A title the vote leaves open that has a Swedish sign (a letter, or a function
//!    word that is not also an English word such as "men" or "den") and no English function
//!    word is Swedish.
//! 3. **Trigrams.** A title still open that has a letter outside ASCII other than `å`, `ä`,
//!    `ö` (`é`, `ü`, `ñ`, another script) goes to the whatlang crate, allowed only the
//!    languages neardup can stem; its answer counts when whatlang calls it reliable. whatlang
//!    costs about 65 µs a title, ten times the rest of the analysis, and on plain-ASCII
//!    titles without function words (Title Case English headlines) it is mostly wrong, so it
//!    is asked only here.
//!
//! Anything else (a short title, a script none of the stemmers reads, an unreliable guess)
//! is analyzed as the configured default language, and marked so: two titles are said to be
//! in different languages only when both were detected.

use std::fmt;
use std::str::FromStr;

use rust_stemmers::{Algorithm, Stemmer};
use xxhash_rust::xxh3::{xxh3_64, xxh3_64_with_seed};

use crate::stopwords;

/// Stemming languages supported by the analyzer (the Snowball stemmers of rust-stemmers).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Language {
    /// English (Porter 2); the default, and the only one with a background IDF table.
    #[default]
    English,
    /// Danish.
    Danish,
    /// Dutch.
    Dutch,
    /// French.
    French,
    /// German.
    German,
    /// Italian.
    Italian,
    /// Norwegian.
    Norwegian,
    /// Portuguese.
    Portuguese,
    /// Spanish.
    Spanish,
    /// Swedish.
    Swedish,
    /// No stemming: words are compared as they are after normalization.
    None,
}

impl Language {
    /// Every language, in declaration order.
    pub const ALL: [Language; 11] = [
        Language::English,
        Language::Danish,
        Language::Dutch,
        Language::French,
        Language::German,
        Language::Italian,
        Language::Norwegian,
        Language::Portuguese,
        Language::Spanish,
        Language::Swedish,
        Language::None,
    ];

    /// The name used on the command line and in the config (`english`, `swedish`, …).
    pub fn name(self) -> &'static str {
        match self {
            Language::English => "english",
            Language::Danish => "danish",
            Language::Dutch => "dutch",
            Language::French => "french",
            Language::German => "german",
            Language::Italian => "italian",
            Language::Norwegian => "norwegian",
            Language::Portuguese => "portuguese",
            Language::Spanish => "spanish",
            Language::Swedish => "swedish",
            Language::None => "none",
        }
    }

    /// Position in [`Language::ALL`], for per-language tables.
    pub(crate) fn index(self) -> usize {
        self as usize
    }

    fn stemmer(self) -> Option<Stemmer> {
        let algorithm = match self {
            Language::English => Algorithm::English,
            Language::Danish => Algorithm::Danish,
            Language::Dutch => Algorithm::Dutch,
            Language::French => Algorithm::French,
            Language::German => Algorithm::German,
            Language::Italian => Algorithm::Italian,
            Language::Norwegian => Algorithm::Norwegian,
            Language::Portuguese => Algorithm::Portuguese,
            Language::Spanish => Algorithm::Spanish,
            Language::Swedish => Algorithm::Swedish,
            Language::None => return None,
        };
        Some(Stemmer::create(algorithm))
    }

    /// The stem of `word` (lower case) in this language, untouched without a stemmer.
    pub(crate) fn stem(self, word: &str) -> String {
        match self.stemmer() {
            Some(stemmer) => stemmer.stem(word).into_owned(),
            None => word.to_owned(),
        }
    }

    /// The id of a stem of this language: English stems hash as [`super::term_id`] does, so
    /// the English background table applies to them; every other language hashes with a
    /// seed of its own, so a batch counts each language's stems apart (the same letters are
    /// another word in another language).
    pub fn stem_id(self, stem: &str) -> u64 {
        match self {
            Language::English => xxh3_64(stem.as_bytes()),
            other => xxh3_64_with_seed(stem.as_bytes(), other.index() as u64 + 1),
        }
    }

    /// The language whatlang names, if neardup can stem it.
    fn from_whatlang(lang: whatlang::Lang) -> Option<Self> {
        Some(match lang {
            whatlang::Lang::Eng => Language::English,
            whatlang::Lang::Dan => Language::Danish,
            whatlang::Lang::Nld => Language::Dutch,
            whatlang::Lang::Fra => Language::French,
            whatlang::Lang::Deu => Language::German,
            whatlang::Lang::Ita => Language::Italian,
            whatlang::Lang::Nob => Language::Norwegian,
            whatlang::Lang::Por => Language::Portuguese,
            whatlang::Lang::Spa => Language::Spanish,
            whatlang::Lang::Swe => Language::Swedish,
            _ => return None,
        })
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The languages whose stop lists hold a word, one bit per language with a list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct StopIn(u8);

impl StopIn {
    const ENGLISH: u8 = 1;
    const SWEDISH: u8 = 2;
    /// A Swedish function word that English text also holds as a word or a name part.
    const LOOKALIKE: u8 = 4;

    /// Swedish function words spelled like English words or parts of names ("men", "Den",
    /// "Hans", "de", "Dem"): they vote Swedish only beside another sign.
    const SWEDISH_LOOKALIKES: [&'static str; 12] = [
        "de", "dem", "den", "din", "du", "en", "hans", "men", "mig", "sin", "ut", "vi",
    ];

    /// Look `word` (lower case) up on every stop list.
    pub(crate) fn of(word: &str) -> Self {
        let mut bits = 0;
        if stopwords::is_stop_word(word) {
            bits |= Self::ENGLISH;
        }
        if stopwords::is_swedish_stop_word(word) {
            bits |= Self::SWEDISH;
            if Self::SWEDISH_LOOKALIKES.contains(&word) {
                bits |= Self::LOOKALIKE;
            }
        }
        Self(bits)
    }

    /// Whether the word is a stop word of `language` (languages without a list have none).
    pub(crate) fn contains(self, language: Language) -> bool {
        let bit = match language {
            Language::English => Self::ENGLISH,
            Language::Swedish => Self::SWEDISH,
            _ => return false,
        };
        self.0 & bit != 0
    }

    /// Whether the word is a Swedish function word spelled like an English word.
    fn is_lookalike(self) -> bool {
        self.0 & Self::LOOKALIKE != 0
    }
}

/// The letters of a word that English does not use.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Letters {
    /// `å`, `ä` or `ö`, which Swedish uses all the time.
    swedish: bool,
    /// Any other letter outside ASCII (`é`, `ü`, `ñ`, Cyrillic, …).
    other: bool,
}

impl Letters {
    /// The letters of `word` (lower case).
    pub(crate) fn of(word: &str) -> Self {
        if word.is_ascii() {
            return Self::default();
        }
        Self {
            swedish: word.contains(['å', 'ä', 'ö']),
            other: word
                .chars()
                .any(|c| !c.is_ascii() && c.is_alphabetic() && !matches!(c, 'å' | 'ä' | 'ö')),
        }
    }
}

/// The function-word vote of one title (see the module documentation).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Votes {
    english: u16,
    swedish: u16,
    /// Of `swedish`, the words that are no English lookalike.
    swedish_plain: u16,
    swedish_letters: u16,
    other_letters: u16,
}

impl Votes {
    /// Count one word: its stop lists, and its letters.
    pub(crate) fn add(&mut self, stop_in: StopIn, letters: Letters) {
        let english = stop_in.contains(Language::English);
        let swedish = stop_in.contains(Language::Swedish);
        self.english += u16::from(english && !swedish);
        self.swedish += u16::from(swedish && !english);
        self.swedish_plain += u16::from(swedish && !english && !stop_in.is_lookalike());
        self.swedish_letters += u16::from(letters.swedish);
        self.other_letters += u16::from(letters.other);
    }

    /// The language the vote settles, if it does (see the module documentation).
    fn winner(self) -> Option<Language> {
        let (english, swedish) = (self.english, self.swedish + self.swedish_letters);
        if self.swedish >= 1 && swedish >= 2 && swedish > 2 * english {
            Some(Language::Swedish)
        } else if (english >= 1 && swedish == 0) || (english >= 2 && english > 2 * swedish) {
            Some(Language::English)
        } else {
            None
        }
    }

    /// Whether an open vote still leans Swedish (step 3).
    fn leans_swedish(self) -> bool {
        self.swedish_plain + self.swedish_letters >= 1 && self.english == 0
    }
}

/// How a title's language was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LanguageSource {
    /// The analyzer has one fixed language.
    #[default]
    Configured,
    /// The function-word vote settled it.
    FunctionWords,
    /// whatlang's trigram detection, reliable by its own measure.
    Trigrams,
    /// A Swedish sign and no English function word.
    Lean,
    /// Nothing settled it: the analyzer's default language.
    Default,
}

impl LanguageSource {
    /// Whether the language was detected from the title (not configured or defaulted).
    pub fn is_detected(self) -> bool {
        matches!(
            self,
            LanguageSource::FunctionWords | LanguageSource::Trigrams | LanguageSource::Lean
        )
    }
}

/// Which language the analyzer reads titles in: detected per title (`auto`) or one fixed
/// language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LanguageChoice {
    /// Detect each title's language; undecided titles are read as English.
    #[default]
    Auto,
    /// Every title in this language, no detection.
    Fixed(Language),
}

impl From<Language> for LanguageChoice {
    fn from(language: Language) -> Self {
        LanguageChoice::Fixed(language)
    }
}

impl fmt::Display for LanguageChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LanguageChoice::Auto => f.write_str("auto"),
            LanguageChoice::Fixed(language) => f.write_str(language.name()),
        }
    }
}

impl FromStr for LanguageChoice {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s.eq_ignore_ascii_case("auto") {
            return Ok(LanguageChoice::Auto);
        }
        Language::ALL
            .into_iter()
            .find(|l| l.name().eq_ignore_ascii_case(s))
            .map(LanguageChoice::Fixed)
            .ok_or_else(|| {
                let names: Vec<&str> = Language::ALL.iter().map(|l| l.name()).collect();
                format!(
                    "unknown language `{s}`: expected auto or one of {}",
                    names.join(", ")
                )
            })
    }
}

impl serde::Serialize for LanguageChoice {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for LanguageChoice {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// Decides each title's language for one analyzer (see the module documentation).
#[derive(Debug, Clone)]
pub(crate) struct Detector {
    choice: LanguageChoice,
    trigrams: whatlang::Detector,
}

impl Detector {
    /// The detector of `choice`.
    pub(crate) fn new(choice: LanguageChoice) -> Self {
        let stemmable = [
            whatlang::Lang::Eng,
            whatlang::Lang::Dan,
            whatlang::Lang::Nld,
            whatlang::Lang::Fra,
            whatlang::Lang::Deu,
            whatlang::Lang::Ita,
            whatlang::Lang::Nob,
            whatlang::Lang::Por,
            whatlang::Lang::Spa,
            whatlang::Lang::Swe,
        ];
        Self {
            choice,
            trigrams: whatlang::Detector::with_allowlist(stemmable.to_vec()),
        }
    }

    /// The choice this detector applies.
    pub(crate) fn choice(&self) -> LanguageChoice {
        self.choice
    }

    /// Whether titles need a vote at all (only `auto` detects).
    pub(crate) fn detects(&self) -> bool {
        self.choice == LanguageChoice::Auto
    }

    /// The language of a title from its vote and, when the vote is open, its normalized text.
    pub(crate) fn decide(&self, votes: Votes, text: &str) -> (Language, LanguageSource) {
        if let LanguageChoice::Fixed(language) = self.choice {
            return (language, LanguageSource::Configured);
        }
        if let Some(language) = votes.winner() {
            return (language, LanguageSource::FunctionWords);
        }
        if votes.leans_swedish() {
            return (Language::Swedish, LanguageSource::Lean);
        }
        if votes.other_letters == 0 {
            // Plain ASCII without a function word: English headline style far more often
            // than anything trigrams could tell from so little.
            return (Language::English, LanguageSource::Default);
        }
        let detected = self
            .trigrams
            .detect(text)
            .filter(whatlang::Info::is_reliable)
            .and_then(|info| Language::from_whatlang(info.lang()));
        match detected {
            Some(language) => (language, LanguageSource::Trigrams),
            None => (Language::English, LanguageSource::Default),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vote(words: &[&str]) -> Votes {
        let mut votes = Votes::default();
        for word in words {
            votes.add(StopIn::of(word), Letters::of(word));
        }
        votes
    }

    fn detect(words: &[&str]) -> (Language, LanguageSource) {
        Detector::new(LanguageChoice::Auto).decide(vote(words), &words.join(" "))
    }

    #[test]
    fn function_words_settle_clear_titles() {
        assert_eq!(
            detect(&["regeringen", "vill", "höja", "skatten", "på", "bensin"]),
            (Language::Swedish, LanguageSource::FunctionWords)
        );
        assert_eq!(
            detect(&[
                "trump", "says", "he", "will", "meet", "putin", "in", "alaska"
            ]),
            (Language::English, LanguageSource::FunctionWords)
        );
    }

    #[test]
    fn swedish_letters_alone_never_start_a_swedish_vote() {
        // German shares ä and ö; a title without a Swedish function word goes to trigrams.
        assert!(vote(&["börse", "schließt", "höher"]).winner().is_none());
        assert_eq!(
            detect(&["tusen", "döda", "i", "jordskred", "i", "sudan"]),
            (Language::Swedish, LanguageSource::Lean)
        );
    }

    #[test]
    fn english_lookalikes_alone_are_no_swedish_sign() {
        let words = ["armed", "men", "publicly", "killed", "mali", "influencer"];
        assert_eq!(detect(&words), (Language::English, LanguageSource::Default));
        assert_eq!(
            detect(&["män", "gripna", "efter", "skottlossning"]),
            (Language::Swedish, LanguageSource::FunctionWords)
        );
    }

    #[test]
    fn a_few_foreign_function_words_do_not_outvote_the_title() {
        // "in" is a Swedish particle too, so it votes for neither.
        assert_eq!(
            vote(&["bil", "körde", "rakt", "in", "i", "hus"]).winner(),
            None
        );
        assert_eq!(
            detect(&["the", "fall", "of", "hans", "vestberg", "at", "verizon"]),
            (Language::English, LanguageSource::FunctionWords)
        );
    }

    #[test]
    fn open_votes_go_to_trigrams_and_short_titles_to_the_default() {
        let (language, source) = detect(&[
            "le",
            "gouvernement",
            "annonce",
            "une",
            "nouvelle",
            "réforme",
            "des",
            "retraites",
        ]);
        assert_eq!(
            (language, source),
            (Language::French, LanguageSource::Trigrams)
        );
        assert_eq!(
            detect(&["tesla"]),
            (Language::English, LanguageSource::Default)
        );
    }

    #[test]
    fn a_fixed_language_is_never_detected() {
        let detector = Detector::new(LanguageChoice::Fixed(Language::Swedish));
        assert_eq!(
            detector.decide(vote(&["the", "cat", "is", "on", "the", "mat"]), "x"),
            (Language::Swedish, LanguageSource::Configured)
        );
    }

    #[test]
    fn choices_parse_and_print_by_name() {
        for language in Language::ALL {
            let choice = LanguageChoice::Fixed(language);
            assert_eq!(choice.to_string().parse::<LanguageChoice>(), Ok(choice));
        }
        assert_eq!("Auto".parse::<LanguageChoice>(), Ok(LanguageChoice::Auto));
        let err = "klingon".parse::<LanguageChoice>().unwrap_err();
        assert!(err.contains("swedish"), "{err}");
    }

    #[test]
    fn stem_ids_are_apart_per_language_and_english_keeps_the_plain_hash() {
        assert_eq!(Language::English.stem_id("trump"), xxh3_64(b"trump"));
        assert_ne!(
            Language::Swedish.stem_id("trump"),
            Language::English.stem_id("trump")
        );
        assert_ne!(
            Language::Swedish.stem_id("trump"),
            Language::Danish.stem_id("trump")
        );
    }
}
