//! Features: what the metrics compare, computed once per title.
//!
//! A [`Title`] keeps the original text, its [`Normalized`] form, the words (Unicode word
//! boundaries from unicode-segmentation, each with its stem and its span in the original),
//! the likely named entities, and the compact [`Features`] that the metrics and the candidate
//! index read: sorted ids, so that comparing two titles is a merge of short sorted arrays and
//! never a string operation.

use std::cell::RefCell;
use std::ops::Range;
use std::sync::Arc;

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashMap;
use unicode_segmentation::UnicodeSegmentation;
use xxhash_rust::xxh3::xxh3_64;

use crate::idf::IdfModel;
use crate::normalize::{NormalizeOptions, Normalized, normalize};
use crate::numbers::{NumberMention, extract_numbers};
use crate::stopwords::is_stop_word;

/// The stable id of a term (a stem, a word): its 64-bit XXH3 hash.
pub fn term_id(term: &str) -> u64 {
    xxh3_64(term.as_bytes())
}

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
}

/// One word of a title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// The word after normalization (lower case, folded apostrophes).
    pub text: String,
    /// Its stem, cut to a prefix (see `STEM_PREFIX_CHARS`); equal to `text` for stop words
    /// and when the language has no stemmer.
    pub stem: String,
    /// Byte range of the word in the normalized text.
    pub normalized_span: Range<usize>,
    /// Byte range of the word in the original text.
    pub span: Range<usize>,
    /// Whether the original starts with an upper-case letter.
    pub capitalized: bool,
    /// Whether the original is an acronym such as `TSA` or `US` (two or more letters, all
    /// upper case, in a title that is not all upper case).
    pub acronym: bool,
    /// Whether the word is a stop word (an acronym never is: `US` is not `us`).
    pub stop: bool,
}

/// A likely named entity: a run of adjacent entity words ("Secret Service", "El Mencho").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// The entity as the original wrote it.
    pub text: String,
    /// Byte range in the original text.
    pub span: Range<usize>,
    /// Index range into [`Title::words`].
    pub words: Range<usize>,
}

/// A content term with its weight.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Term {
    /// [`term_id`] of the stem.
    pub id: u64,
    /// IDF weight (see [`IdfModel::weight`]).
    pub weight: f32,
}

/// Compact, comparable features of one title: every list but the sequence is sorted, so
/// metrics merge them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Features {
    /// [`term_id`] of the whole normalized text: equal ids mean normalized-identical titles.
    pub text: u64,
    /// [`Features::sequence`], [`Features::words`] and the wide bigrams (see [`Bigrams`]) one
    /// after the other, in one allocation: batch scoring reads them all for both titles of
    /// each pair, and one block of memory comes in from RAM much faster than scattered ones.
    lists: Box<[u64]>,
    /// Where the words start in `lists`.
    words_start: usize,
    /// Where the wide bigrams start in `lists`.
    wide_start: usize,
    /// The narrow bigrams (see [`Bigrams`]), sorted.
    narrow: Box<[u32]>,
    /// Distinct content stems (no stop words), sorted by id, with IDF weights.
    pub terms: Vec<Term>,
    /// Sum of the weights of [`Features::terms`].
    pub term_weight: f64,
    /// The numbers the title states, as values (see [`crate::numbers`]).
    pub numbers: Vec<NumberMention>,
}

impl Features {
    /// Ids of the normalized words in reading order (stop words included).
    pub fn sequence(&self) -> &[u64] {
        &self.lists[..self.words_start]
    }

    /// Distinct word ids, sorted.
    pub fn words(&self) -> &[u64] {
        &self.lists[self.words_start..self.wide_start]
    }

    /// Character bigrams of the normalized text, sorted (a multiset).
    pub fn bigrams(&self) -> Bigrams<'_> {
        Bigrams {
            narrow: &self.narrow,
            wide: &self.lists[self.wide_start..],
        }
    }

    /// Recompute the term weights with another model (e.g. one refined by a batch), keeping
    /// everything else.
    pub fn reweight(&mut self, idf: &IdfModel) {
        for term in &mut self.terms {
            term.weight = idf.weight(term.id) as f32;
        }
        self.term_weight = self.terms.iter().map(|t| f64::from(t.weight)).sum();
    }
}

/// A title's character bigrams, a sorted multiset in two parts: pairs of characters from the
/// Basic Multilingual Plane (nearly all of them) packed into 32 bits, `first << 16 | second`,
/// and the rest into 64 bits, `first << 32 | second`. No pair is in both, so two titles
/// share exactly the bigrams their narrow parts share plus those their wide parts share;
/// half the bytes make batch scoring's merge of bigrams read half the memory.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bigrams<'a> {
    /// Bigrams of two BMP characters, sorted.
    pub narrow: &'a [u32],
    /// The other bigrams, sorted.
    pub wide: &'a [u64],
}

impl Bigrams<'_> {
    /// How many bigrams (with repeats).
    pub fn len(&self) -> usize {
        self.narrow.len() + self.wide.len()
    }

    /// Whether there are none (a title of at most one character).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A title with everything the pipeline derives from it.
#[derive(Debug, Clone)]
pub struct Title {
    /// The text exactly as read.
    pub original: String,
    /// The normalized text with spans back to `original`.
    pub normalized: Normalized,
    /// Words in reading order.
    pub words: Vec<Word>,
    /// Whether the title is in Title Case (most content words capitalized), where
    /// capitalization says little about names.
    pub title_case: bool,
    /// Likely named entities.
    pub entities: Vec<Entity>,
    /// The numbers the title states, with spans into `original` (see [`crate::numbers`]).
    pub numbers: Vec<NumberMention>,
    /// The compact features the metrics use.
    pub features: Features,
}

impl Title {
    /// The original text of `span`.
    pub fn original_text(&self, span: &Range<usize>) -> &str {
        self.original.get(span.clone()).unwrap_or("")
    }
}

/// Stems are cut to this many characters, so that related word forms the stemmer keeps apart
/// match: `Syria`/`Syrian`, `Egypt`/`Egyptian`, `Russia`/`Russian`. Chosen on the STS
/// headline training split (ROC AUC of the weighted overlap: 0.863 with whole stems, 0.873
/// cut at 5, 0.868 at 6, 0.865 at 7).
const STEM_PREFIX_CHARS: usize = 5;

/// Words a word buffer holds before it grows: most headlines have fewer.
const WORDS_PER_TITLE: usize = 24;

/// Turns text into [`Title`]s: normalization, words, stems, entities, numbers, features.
///
/// Build it once and share it: it holds the stemmer and the IDF model.
pub struct Analyzer {
    normalize: NormalizeOptions,
    language: Language,
    stemmer: Option<Stemmer>,
    idf: Arc<IdfModel>,
}

impl std::fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Analyzer")
            .field("normalize", &self.normalize)
            .field("language", &self.language)
            .finish_non_exhaustive()
    }
}

impl Default for Analyzer {
    fn default() -> Self {
        Self::new(
            NormalizeOptions::default(),
            Language::English,
            Arc::new(IdfModel::english()),
        )
    }
}

impl Analyzer {
    /// An analyzer with the given normalization, stemming language and term weights.
    pub fn new(normalize: NormalizeOptions, language: Language, idf: Arc<IdfModel>) -> Self {
        Self {
            stemmer: language.stemmer(),
            normalize,
            language,
            idf,
        }
    }

    /// The term weights in use.
    pub fn idf(&self) -> &Arc<IdfModel> {
        &self.idf
    }

    /// A copy of this analyzer with other term weights (e.g. refined by a batch).
    pub fn with_idf(&self, idf: Arc<IdfModel>) -> Self {
        Self::new(self.normalize.clone(), self.language, idf)
    }

    /// Whether `other` computes the same features: the same normalization and language, and
    /// the very same term weights.
    pub(crate) fn is_equivalent(&self, other: &Analyzer) -> bool {
        self.normalize == other.normalize
            && self.language == other.language
            && Arc::ptr_eq(&self.idf, &other.idf)
    }

    /// The normalized text of `text`, as every comparison sees it.
    pub fn normalize(&self, text: &str) -> Normalized {
        normalize(text, &self.normalize)
    }

    /// The distinct content-term ids of `text`, for counting document frequencies.
    pub fn distinct_terms(&self, text: &str) -> Vec<u64> {
        let normalized = normalize(text, &self.normalize);
        let mut ids: Vec<u64> = self
            .word_ids(text, &normalized)
            .iter()
            .filter_map(|w| w.stem)
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    /// Analyze one title.
    pub fn analyze(&self, text: &str) -> Title {
        let normalized = normalize(text, &self.normalize);
        let words = self.words(text, &normalized);
        let title_case = is_title_case(&words);
        let entities = self.entities(text, &words, title_case);
        let ids: Vec<WordIds> = words
            .iter()
            .map(|w| WordIds {
                id: term_id(&w.text),
                stem: (!w.stop).then(|| term_id(&w.stem)),
            })
            .collect();
        let features = self.features(text, &normalized, &ids);
        Title {
            original: text.to_owned(),
            normalized,
            words,
            title_case,
            entities,
            numbers: features.numbers.clone(),
            features,
        }
    }

    /// Only the compact features of a title: what batch scoring needs, without the words and
    /// entities that reports and the rewrite audit read.
    pub fn features_of(&self, text: &str) -> Features {
        let normalized = normalize(text, &self.normalize);
        let words = self.word_ids(text, &normalized);
        self.features(text, &normalized, &words)
    }

    fn stem(&self, word: &str) -> String {
        match &self.stemmer {
            Some(stemmer) => {
                let stem = stemmer.stem(word);
                match stem.char_indices().nth(STEM_PREFIX_CHARS) {
                    Some((at, _)) => stem[..at].to_owned(),
                    None => stem.into_owned(),
                }
            }
            None => word.to_owned(),
        }
    }

    /// What the analyzer knows about a word whatever title it is in, from this thread's
    /// memo (see [`WordMemo`]): headline vocabularies repeat heavily, so each distinct word
    /// is stemmed and hashed once.
    fn with_word_info<T>(&self, word: &str, read: impl FnOnce(&WordInfo) -> T) -> T {
        WORD_MEMO.with_borrow_mut(|memo| read(memo.get(self, word)))
    }

    /// Whether the original text of a word is an acronym (see [`Word::acronym`]).
    fn is_acronym(source: &str, all_upper: bool) -> bool {
        !all_upper
            && source.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && source
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase)
    }

    fn words(&self, original: &str, normalized: &Normalized) -> Vec<Word> {
        let all_upper = !original.chars().any(char::is_lowercase);
        normalized
            .as_str()
            .unicode_word_indices()
            .map(|(at, text)| {
                let normalized_span = at..at + text.len();
                let span = normalized.original_range(normalized_span.clone());
                let source = original.get(span.clone()).unwrap_or("");
                let capitalized = source.chars().next().is_some_and(char::is_uppercase);
                let acronym = Self::is_acronym(source, all_upper);
                let (stop_word, stem) =
                    self.with_word_info(text, |info| (info.stop_word, info.stem.clone()));
                let stop = !acronym && stop_word;
                Word {
                    // Stop words never become terms: their stem is the word itself.
                    stem: if stop { text.to_owned() } else { stem.into() },
                    text: text.to_owned(),
                    normalized_span,
                    span,
                    capitalized,
                    acronym,
                    stop,
                }
            })
            .collect()
    }

    /// The ids of each word of a title, in reading order, as [`Analyzer::features`] reads
    /// them: the word's own id, and its stem's id unless it is a stop word. The original text
    /// is only consulted for stop words (an acronym such as `US` never is one).
    fn word_ids(&self, original: &str, normalized: &Normalized) -> Vec<WordIds> {
        let mut all_upper = None;
        // Sized for a headline at once: growing it word by word took about 8 % of analysis.
        let mut ids = Vec::with_capacity(WORDS_PER_TITLE);
        ids.extend(
            normalized
                .as_str()
                .unicode_word_indices()
                .map(|(at, text)| {
                    let (id, stem, stop_word) =
                        self.with_word_info(text, |info| (info.id, info.stem_id, info.stop_word));
                    let stop = stop_word && {
                        let all_upper = *all_upper
                            .get_or_insert_with(|| !original.chars().any(char::is_lowercase));
                        let span = normalized.original_range(at..at + text.len());
                        !Self::is_acronym(original.get(span).unwrap_or(""), all_upper)
                    };
                    WordIds {
                        id,
                        stem: (!stop).then_some(stem),
                    }
                }),
        );
        ids
    }

    /// Entity words: acronyms; capitalized words that are not sentence-initial, unless the
    /// title is in Title Case, where only capitalized words that are rare in the background
    /// count (capitalization says nothing there). Adjacent entity words form one entity.
    fn entities(&self, original: &str, words: &[Word], title_case: bool) -> Vec<Entity> {
        let is_entity_word = |i: usize, w: &Word| {
            if w.acronym {
                return true;
            }
            if w.stop || !w.capitalized || w.text.chars().all(|c| c.is_numeric()) {
                return false;
            }
            let rare = self.idf.is_rare(term_id(&w.stem));
            if title_case || i == 0 { rare } else { true }
        };
        let mut entities: Vec<Entity> = Vec::new();
        // A hyphen-joined word inside a name ("Mar-a-Lago") belongs to it.
        let hyphen_joined = |left: &Word, right: &Word| {
            original
                .get(left.span.end..right.span.start)
                .is_some_and(|gap| gap == "-")
        };
        for (i, word) in words.iter().enumerate() {
            let inside_name = i > 0
                && entities.last().is_some_and(|e| e.words.end == i)
                && hyphen_joined(&words[i - 1], word)
                && words
                    .get(i + 1)
                    .is_some_and(|next| hyphen_joined(word, next));
            if !inside_name && !is_entity_word(i, word) {
                continue;
            }
            let joins_previous = entities.last().is_some_and(|e| {
                e.words.end == i
                    && original
                        .get(e.span.end..word.span.start)
                        .is_some_and(|gap| gap.chars().all(|c| c.is_whitespace() || c == '-'))
            });
            if joins_previous {
                if let Some(last) = entities.last_mut() {
                    last.span.end = word.span.end;
                    last.words.end = i + 1;
                    last.text = original.get(last.span.clone()).unwrap_or("").to_owned();
                }
            } else {
                entities.push(Entity {
                    text: original.get(word.span.clone()).unwrap_or("").to_owned(),
                    span: word.span.clone(),
                    words: i..i + 1,
                });
            }
        }
        entities
    }

    fn features(&self, original: &str, normalized: &Normalized, words: &[WordIds]) -> Features {
        let mut distinct: Vec<u64> = words.iter().map(|w| w.id).collect();
        distinct.sort_unstable();
        distinct.dedup();
        let text = normalized.as_str();
        let mut lists = Vec::with_capacity(words.len() + distinct.len());
        lists.extend(words.iter().map(|w| w.id));
        lists.extend_from_slice(&distinct);
        let wide_start = lists.len();
        let mut narrow = Vec::with_capacity(text.chars().count().saturating_sub(1));
        push_bigrams(text, &mut narrow, &mut lists);
        narrow.sort_unstable();
        lists[wide_start..].sort_unstable();
        let mut terms: Vec<Term> = Vec::with_capacity(words.len());
        terms.extend(words.iter().filter_map(|w| w.stem).map(|id| Term {
            id,
            weight: self.idf.weight(id) as f32,
        }));
        terms.sort_unstable_by_key(|t| t.id);
        terms.dedup_by_key(|t| t.id);
        let term_weight = terms.iter().map(|t| f64::from(t.weight)).sum();
        Features {
            text: term_id(text),
            lists: lists.into_boxed_slice(),
            words_start: words.len(),
            wide_start,
            narrow: narrow.into_boxed_slice(),
            terms,
            term_weight,
            numbers: extract_numbers(original),
        }
    }
}

/// The ids [`Analyzer::features`] reads of one word.
#[derive(Debug, Clone, Copy)]
struct WordIds {
    /// [`term_id`] of the word.
    id: u64,
    /// [`term_id`] of its stem; `None` for a stop word.
    stem: Option<u64>,
}

/// What is known about a word (lower case, as normalization leaves it) in any title.
#[derive(Debug)]
struct WordInfo {
    /// [`term_id`] of the word.
    id: u64,
    /// Its stem cut to [`STEM_PREFIX_CHARS`].
    stem: Box<str>,
    /// [`term_id`] of the stem.
    stem_id: u64,
    /// Whether it is on the stop list of the language.
    stop_word: bool,
}

/// Each thread's memo of [`WordInfo`] by word, for one stemming language at a time.
///
/// Stemming is most of the cost of analysis, and a batch of headlines uses a few tens of
/// thousands of distinct words over and over. The memo is cleared when it grows past
/// [`WordMemo::CAPACITY`] words, so a long-running process never holds more than that.
#[derive(Default)]
struct WordMemo {
    language: Option<Language>,
    /// Index into `infos` by the word's [`term_id`]: the id already stands for the word
    /// everywhere else, and a lookup by it hashes the word once and compares no strings.
    words: FxHashMap<u64, u32>,
    infos: Vec<WordInfo>,
}

impl WordMemo {
    /// At most this many words are remembered per thread (a few megabytes).
    const CAPACITY: usize = 1 << 18;

    fn get(&mut self, analyzer: &Analyzer, word: &str) -> &WordInfo {
        let same_language = self.language == Some(analyzer.language);
        let id = term_id(word);
        if let Some(&at) = self.words.get(&id).filter(|_| same_language) {
            return &self.infos[at as usize];
        }
        if !same_language || self.infos.len() >= Self::CAPACITY {
            self.words.clear();
            self.infos.clear();
            self.language = Some(analyzer.language);
        }
        let stem = analyzer.stem(word);
        self.words.insert(id, self.infos.len() as u32);
        self.infos.push(WordInfo {
            id,
            stem_id: term_id(&stem),
            stem: stem.into(),
            stop_word: analyzer.language == Language::English && is_stop_word(word),
        });
        &self.infos[self.infos.len() - 1]
    }
}

thread_local! {
    static WORD_MEMO: RefCell<WordMemo> = RefCell::new(WordMemo::default());
}

/// Title Case: at least three content words, and at least four in five capitalized
/// (acronyms and numbers aside).
fn is_title_case(words: &[Word]) -> bool {
    let content: Vec<&Word> = words
        .iter()
        .filter(|w| !w.stop && !w.acronym && w.text.chars().any(char::is_alphabetic))
        .collect();
    let capitalized = content.iter().filter(|w| w.capitalized).count();
    content.len() >= 3 && capitalized * 5 >= content.len() * 4
}

/// Append the character bigrams of `text` (pairs of adjacent characters, spaces included)
/// to `narrow` or `wide` (see [`Bigrams`]), in reading order.
fn push_bigrams(text: &str, narrow: &mut Vec<u32>, wide: &mut Vec<u64>) {
    let mut chars = text.chars();
    let Some(mut previous) = chars.next() else {
        return;
    };
    for ch in chars {
        let (first, second) = (u32::from(previous), u32::from(ch));
        if first <= 0xFFFF && second <= 0xFFFF {
            narrow.push((first << 16) | second);
        } else {
            wide.push((u64::from(first) << 32) | u64::from(second));
        }
        previous = ch;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn analyze(text: &str) -> Title {
        Analyzer::default().analyze(text)
    }

    fn entity_texts(title: &Title) -> Vec<&str> {
        title.entities.iter().map(|e| e.text.as_str()).collect()
    }

    #[test]
    fn empty_title_has_no_features() {
        let title = analyze("");
        assert!(title.words.is_empty());
        assert!(title.features.terms.is_empty() && title.features.bigrams().is_empty());
    }

    #[test]
    fn words_keep_spans_to_the_original() {
        let title = analyze("BREAKING: Trump’s Deal Fails - Reuters");
        let texts: Vec<&str> = title.words.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(texts, ["trump's", "deal", "fails"]);
        assert_eq!(title.original_text(&title.words[0].span), "Trump’s");
        assert_eq!(title.words[2].stem, "fail");
    }

    #[test]
    fn stop_words_are_not_terms_but_acronyms_are_not_stop_words() {
        let title = analyze("US beats Canada in the final");
        assert!(!title.words[0].stop);
        assert!(title.words[0].acronym);
        assert!(title.words[3].stop);
        assert_eq!(title.features.terms.len(), 4);
        assert_eq!(title.features.sequence().len(), 6);
    }

    #[test]
    fn entities_in_sentence_case() {
        let title = analyze(
            "Man shot, killed by Secret Service, local deputy outside of Mar-a-Lago, agency says",
        );
        assert_eq!(entity_texts(&title), ["Secret Service", "Mar-a-Lago"]);
    }

    #[test]
    fn title_case_keeps_only_rare_or_acronym_entities() {
        let title = analyze(
            "TSA Confirms PreCheck Services Uninterrupted Despite Government Shutdown Confusion",
        );
        assert!(title.title_case);
        let found = entity_texts(&title);
        assert!(
            found.contains(&"TSA PreCheck") || found.contains(&"TSA"),
            "{found:?}"
        );
        assert!(!found.iter().any(|e| e.contains("Government")), "{found:?}");
    }

    #[test]
    fn each_list_keeps_its_own_order_in_the_shared_allocation() {
        let features = analyze("zeta alpha zeta").features;
        let (zeta, alpha) = (term_id("zeta"), term_id("alpha"));
        assert_eq!(features.sequence(), [zeta, alpha, zeta]);
        let mut distinct = vec![zeta, alpha];
        distinct.sort_unstable();
        assert_eq!(features.words(), distinct);
        let bigrams = features.bigrams();
        assert_eq!(bigrams.len(), "zeta alpha zeta".chars().count() - 1);
        assert!(bigrams.wide.is_empty());
        assert!(bigrams.narrow.windows(2).all(|pair| pair[0] <= pair[1]));
    }

    #[test]
    fn bigrams_count_characters_not_bytes() {
        assert_eq!(analyze("ab").features.bigrams().len(), 1);
        assert_eq!(analyze("éü").features.bigrams().len(), 1);
        assert_eq!(analyze("東京").features.bigrams().len(), 1);
        let emoji = analyze("a🔥b🔥").features;
        assert_eq!(
            (emoji.bigrams().narrow.len(), emoji.bigrams().wide.len()),
            (0, 3)
        );
    }

    #[test]
    fn handles_emoji_cjk_rtl_and_combining_marks() {
        assert_eq!(analyze("🔥🔥").words.len(), 0);
        assert!(!analyze("東京で地震").words.is_empty());
        assert_eq!(analyze("مرحبا بالعالم").words.len(), 2);
        let composed = analyze("Café");
        let decomposed = analyze("Cafe\u{0301}");
        assert_eq!(composed.features.words(), decomposed.features.words());
    }

    #[test]
    fn other_languages_stem_with_their_stemmer() {
        let analyzer = Analyzer::new(
            NormalizeOptions::default(),
            Language::Swedish,
            Arc::new(IdfModel::empty()),
        );
        let title = analyzer.analyze("Regeringen och oppositionen");
        assert!(title.words.iter().all(|w| !w.stop));
        assert_ne!(title.words[0].stem, title.words[0].text);
    }
}
