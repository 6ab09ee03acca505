//! The audit's word lists: data, not code, so that users extend them from their config.

use serde::{Deserialize, Serialize};
use unicode_segmentation::UnicodeSegmentation;

use crate::features::Title;

const BUILT_IN: &str = include_str!("lexicon.toml");

/// The words and phrases the audit rules look for.
///
/// [`Lexicon::default`] is the built-in list (`src/audit/lexicon.toml`). A config file holds
/// the same keys; a missing key is an empty list, an unknown key is an error. Merge a user's
/// lexicon into the built-in one with [`Lexicon::extend`]:
///
/// ```
/// use neardup::audit::Lexicon;
///
/// let user: Lexicon = toml::from_str(r#"hedges = ["rumored to"]"#).unwrap();
/// let mut lexicon = Lexicon::default();
/// lexicon.extend(user);
/// assert!(lexicon.hedges.iter().any(|h| h == "rumored to"));
/// assert!(lexicon.hedges.iter().any(|h| h == "could"));
/// ```
///
/// Entries are whole words or phrases matched case-insensitively on word boundaries, as
/// written: list each inflection to match ("says", "said").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Lexicon {
    /// Qualifiers of a number ("at least", "up to", "around"): the same value with another
    /// qualifier is a changed number (ND101, at warning level).
    #[serde(default)]
    pub qualifiers: Vec<String>,
    /// Words that attribute a claim to a source ("says", "according to"); rule ND106.
    #[serde(default)]
    pub attribution: Vec<String>,
    /// Verbs that report what a source said or decided ("rules", "accuses", "writes"): a
    /// rewrite with one keeps the attribution (ND106), and an original with one can be
    /// strengthened (ND107).
    #[serde(default)]
    pub reporting_verbs: Vec<String>,
    /// Verbs that vouch for a claim ("confirms", "reveals"); rule ND107.
    #[serde(default)]
    pub strong_verbs: Vec<String>,
    /// Words that hedge a claim ("could", "alleged"); rule ND108.
    #[serde(default)]
    pub hedges: Vec<String>,
    /// Emotive words and intensifiers that frame a story ("tragic", "shocking", "brazen");
    /// rule ND109.
    #[serde(default)]
    pub framing: Vec<String>,
    /// Dramatized verbs ("slams", "rocks"); rule ND109. Not counted before a word of motion
    /// ("slams into").
    #[serde(default)]
    pub dramatic_verbs: Vec<String>,
    /// Superlatives and historic claims ("historic", "unprecedented"); rule ND109.
    #[serde(default)]
    pub superlatives: Vec<String>,
    /// Curiosity-gap phrases that withhold the news to get a click ("you won't believe");
    /// rule ND109.
    #[serde(default)]
    pub curiosity: Vec<String>,
    /// Job titles and roles ("chair", "prime minister"): a name right before one that only
    /// qualifies the person after it ("Fed chair Ortega") is not checked on its own; rules
    /// ND104 and ND105.
    #[serde(default)]
    pub titles: Vec<String>,
    /// Groups of names for the same entity (`["US", "USA", "United States"]`); rules ND104
    /// and ND105 count any name of a group as the others.
    #[serde(default)]
    pub aliases: Vec<Vec<String>>,
}

impl Default for Lexicon {
    /// The built-in lexicon.
    fn default() -> Self {
        // The built-in file is checked by a unit test, so this cannot fail at run time.
        toml::from_str(BUILT_IN).unwrap_or_else(|_| Self::empty())
    }
}

impl Lexicon {
    /// A lexicon with no words: every word-list rule stays silent.
    pub fn empty() -> Self {
        Self {
            qualifiers: Vec::new(),
            attribution: Vec::new(),
            reporting_verbs: Vec::new(),
            strong_verbs: Vec::new(),
            hedges: Vec::new(),
            framing: Vec::new(),
            dramatic_verbs: Vec::new(),
            superlatives: Vec::new(),
            curiosity: Vec::new(),
            titles: Vec::new(),
            aliases: Vec::new(),
        }
    }

    /// Add `other`'s words to this lexicon (duplicates are kept once).
    pub fn extend(&mut self, other: Lexicon) {
        fn merge<T: PartialEq>(into: &mut Vec<T>, from: Vec<T>) {
            for item in from {
                if !into.contains(&item) {
                    into.push(item);
                }
            }
        }
        merge(&mut self.qualifiers, other.qualifiers);
        merge(&mut self.attribution, other.attribution);
        merge(&mut self.reporting_verbs, other.reporting_verbs);
        merge(&mut self.strong_verbs, other.strong_verbs);
        merge(&mut self.hedges, other.hedges);
        merge(&mut self.framing, other.framing);
        merge(&mut self.dramatic_verbs, other.dramatic_verbs);
        merge(&mut self.superlatives, other.superlatives);
        merge(&mut self.curiosity, other.curiosity);
        merge(&mut self.titles, other.titles);
        merge(&mut self.aliases, other.aliases);
    }
}

/// A phrase split into lower-case words the way titles are.
pub(crate) fn phrase_words(phrase: &str) -> Vec<String> {
    let folded: String = phrase
        .chars()
        .map(|c| {
            if matches!(c, '\u{2019}' | '\u{2018}') {
                '\''
            } else {
                c
            }
        })
        .collect::<String>()
        .to_lowercase();
    folded.unicode_words().map(str::to_owned).collect()
}

/// Whether a title word is a lexicon word, a possessive included ("Britain's").
pub(crate) fn same_text(lexicon_word: &str, title_word: &str) -> bool {
    lexicon_word == title_word || title_word.strip_suffix("'s") == Some(lexicon_word)
}

/// Phrases ready to match: split into words, longest first.
#[derive(Debug, Clone, Default)]
pub(crate) struct Phrases {
    list: Vec<Vec<String>>,
}

/// One place a phrase occurs in a title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PhraseMatch {
    /// Index range into [`Title::words`].
    pub words: std::ops::Range<usize>,
    /// Byte range in the original text.
    pub span: std::ops::Range<usize>,
}

impl Phrases {
    pub(crate) fn new<S: AsRef<str>>(phrases: &[S]) -> Self {
        let mut list: Vec<Vec<String>> = phrases
            .iter()
            .map(|p| phrase_words(p.as_ref()))
            .filter(|w| !w.is_empty())
            .collect();
        list.sort_by_key(|w| std::cmp::Reverse(w.len()));
        Self { list }
    }

    /// The phrases, each as its words.
    pub(crate) fn list(&self) -> &[Vec<String>] {
        &self.list
    }

    /// Every non-overlapping occurrence in `title`, the longest phrase first at each word.
    pub(crate) fn find(&self, title: &Title) -> Vec<PhraseMatch> {
        let words = &title.words;
        let mut out = Vec::new();
        let mut i = 0;
        while i < words.len() {
            let hit = self.list.iter().find(|phrase| {
                words.len() - i >= phrase.len()
                    && phrase
                        .iter()
                        .zip(&words[i..])
                        .all(|(p, w)| same_text(p, &w.text))
            });
            match hit {
                Some(phrase) => {
                    let end = i + phrase.len();
                    out.push(PhraseMatch {
                        words: i..end,
                        span: words[i].span.start..words[end - 1].span.end,
                    });
                    i = end;
                }
                None => i += 1,
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::Analyzer;

    #[test]
    fn built_in_lexicon_parses_and_has_every_list() {
        let parsed: Lexicon = toml::from_str(BUILT_IN).expect("src/audit/lexicon.toml");
        assert_eq!(parsed, Lexicon::default());
        for list in [
            &parsed.qualifiers,
            &parsed.attribution,
            &parsed.reporting_verbs,
            &parsed.strong_verbs,
            &parsed.hedges,
            &parsed.framing,
            &parsed.dramatic_verbs,
            &parsed.superlatives,
            &parsed.curiosity,
            &parsed.titles,
        ] {
            assert!(list.len() >= 10);
        }
        assert!(parsed.aliases.iter().any(|g| g.iter().any(|n| n == "USA")));
    }

    #[test]
    fn unknown_keys_are_refused_and_missing_keys_are_empty() {
        let err = toml::from_str::<Lexicon>("hedge = [\"x\"]").unwrap_err();
        assert!(err.to_string().contains("hedge"), "{err}");
        let user: Lexicon = toml::from_str("framing = [\"Wow\"]").expect("valid");
        assert!(user.hedges.is_empty());
    }

    #[test]
    fn extend_adds_words_once() {
        let mut lexicon = Lexicon::default();
        let before = lexicon.hedges.len();
        lexicon.extend(Lexicon {
            hedges: vec!["could".into(), "rumored to".into()],
            ..Lexicon::empty()
        });
        assert_eq!(lexicon.hedges.len(), before + 1);
    }

    #[test]
    fn phrases_match_whole_words_longest_first() {
        let title = Analyzer::default().analyze("Man Shot Outside Mar-a-Lago, Agency Says");
        let phrases = Phrases::new(&["says", "agency says", "you won’t believe"]);
        let found = phrases.find(&title);
        assert_eq!(found.len(), 1);
        assert_eq!(title.original_text(&found[0].span), "Agency Says");
        let title = Analyzer::default().analyze("You Won't Believe This Essay");
        assert_eq!(phrases.find(&title).len(), 1);
        assert!(Phrases::new(&["say"]).find(&title).is_empty());
    }
}
