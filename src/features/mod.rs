//! Features: what the metrics compare, computed once per title.
//!
//! A [`Title`] keeps the original text, its [`Normalized`] form, the words (Unicode word
//! boundaries from unicode-segmentation, each with its stem and its span in the original),
//! the likely named entities, and the compact [`Features`] that the metrics and the candidate
//! index read: sorted ids, so that comparing two titles is a merge of short sorted arrays and
//! never a string operation.

mod language;
mod memo;

use std::ops::Range;
use std::sync::Arc;

use unicode_segmentation::UnicodeSegmentation;
use xxhash_rust::xxh3::xxh3_64;

use self::language::{Detector, StopIn, Votes};
pub use self::language::{Language, LanguageChoice, LanguageSource};
use self::memo::{WORD_MEMO, WordMemo};
use crate::idf::IdfModel;
use crate::normalize::{NormalizeOptions, Normalized, normalize};
use crate::numbers::{NumberMention, extract_numbers};

/// The stable id of a term (a stem, a word): its 64-bit XXH3 hash.
pub fn term_id(term: &str) -> u64 {
    xxh3_64(term.as_bytes())
}

/// One word of a title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// The word after normalization (lower case, folded apostrophes).
    pub text: String,
    /// Its stem in the title's language, cut to a prefix (see `STEM_PREFIX_CHARS`); equal
    /// to `text` for stop words and when the language has no stemmer.
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
    /// Whether the word is a stop word of the title's language (an acronym never is: `US`
    /// is not `us`).
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
    /// [`Language::stem_id`] of the stem.
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
    /// The narrow bigrams (see [`Bigrams`]): each distinct one once, sorted, then the
    /// further occurrences of repeated ones, sorted.
    narrow: Box<[u32]>,
    /// Where the further occurrences start in `narrow`.
    repeats_start: usize,
    /// Distinct content stems (no stop words), sorted by id, with IDF weights.
    pub terms: Vec<Term>,
    /// Sum of the weights of [`Features::terms`].
    pub term_weight: f64,
    /// The numbers the title states, as values (see [`crate::numbers`]).
    pub numbers: Vec<NumberMention>,
    /// The language the title was analyzed in.
    pub language: Language,
    /// How that language was decided.
    pub language_source: LanguageSource,
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
            narrow_distinct: &self.narrow[..self.repeats_start],
            narrow_repeats: &self.narrow[self.repeats_start..],
            wide: &self.lists[self.wide_start..],
        }
    }

    /// Read both ends of each of the title's lists and return them folded together.
    ///
    /// Batch scoring compares one title with many earlier ones scattered over the heap, and
    /// each of their lists is a cache miss. Reading several titles' lists one after the other,
    /// before scoring any of them, lets those misses overlap instead of queueing one behind
    /// the other; the result only keeps the reads from being optimized away.
    pub(crate) fn touch(&self) -> u64 {
        let ends =
            |list: &[u64]| list.first().copied().unwrap_or(0) ^ list.last().copied().unwrap_or(0);
        ends(&self.lists)
            ^ u64::from(self.narrow.first().copied().unwrap_or(0))
            ^ u64::from(self.narrow.last().copied().unwrap_or(0))
            ^ self.terms.first().map_or(0, |t| t.id)
    }

    /// Whether two titles are in different languages, each detected from its own text:
    /// then they are never the same story. A configured or defaulted language proves nothing.
    pub fn in_other_language_than(&self, other: &Features) -> bool {
        self.language != other.language
            && self.language_source.is_detected()
            && other.language_source.is_detected()
    }

    /// Recompute the term weights with another model (e.g. one refined by a batch), keeping
    /// everything else.
    pub fn reweight(&mut self, idf: &IdfModel) {
        for term in &mut self.terms {
            term.weight = idf.weight(self.language, term.id) as f32;
        }
        self.term_weight = self.terms.iter().map(|t| f64::from(t.weight)).sum();
    }
}

/// A title's character bigrams, a multiset in two parts: pairs of characters from the
/// Basic Multilingual Plane (nearly all of them) packed into 32 bits, `first << 16 | second`,
/// and the rest into 64 bits, `first << 32 | second`. No pair is in both, so two titles
/// share exactly the bigrams their narrow parts share plus those their wide parts share;
/// half the bytes make batch scoring's merge of bigrams read half the memory.
///
/// The narrow part is itself split in two: each distinct bigram once, and the further
/// occurrences of those a title repeats (a fifth of a headline's bigrams, such as `"e "`).
/// A bigram `c_a` times in one title and `c_b` times in the other is shared
/// `min(c_a, c_b)` times, which is 1 (both have it) plus `min(c_a − 1, c_b − 1)` (their
/// further occurrences share it): so the shared count is that of the distinct lists, which
/// compare as sets, plus that of the repeats.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bigrams<'a> {
    /// Each distinct bigram of two BMP characters once, sorted.
    pub narrow_distinct: &'a [u32],
    /// The further occurrences of those repeated in the title, sorted (a multiset).
    pub narrow_repeats: &'a [u32],
    /// The other bigrams, sorted (a multiset).
    pub wide: &'a [u64],
}

impl Bigrams<'_> {
    /// How many bigrams (with repeats).
    pub fn len(&self) -> usize {
        self.narrow_distinct.len() + self.narrow_repeats.len() + self.wide.len()
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

/// Turns text into [`Title`]s: normalization, language, words, stems, entities, numbers,
/// features.
///
/// Build it once and share it: it holds the language detector and the IDF model.
pub struct Analyzer {
    normalize: NormalizeOptions,
    detector: Detector,
    idf: Arc<IdfModel>,
}

impl std::fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Analyzer")
            .field("normalize", &self.normalize)
            .field("language", &self.detector.choice())
            .finish_non_exhaustive()
    }
}

impl Default for Analyzer {
    /// The headline normalization, each title's language detected, the English background
    /// weights.
    fn default() -> Self {
        Self::new(
            NormalizeOptions::default(),
            LanguageChoice::Auto,
            Arc::new(IdfModel::english()),
        )
    }
}

/// One word of a title as the memo knows it, before the title's language is decided.
#[derive(Debug, Clone, Copy)]
struct LookedUp {
    /// Byte offset in the normalized text.
    at: usize,
    /// Byte length.
    len: usize,
    /// Its slot in this thread's [`WordMemo`].
    slot: u32,
    /// The stop lists it counts on here: none for an acronym (`US` is not `us`).
    stop_in: StopIn,
}

impl Analyzer {
    /// An analyzer with the given normalization, language (detected per title, or fixed)
    /// and term weights.
    pub fn new(
        normalize: NormalizeOptions,
        language: impl Into<LanguageChoice>,
        idf: Arc<IdfModel>,
    ) -> Self {
        Self {
            normalize,
            detector: Detector::new(language.into()),
            idf,
        }
    }

    /// The term weights in use.
    pub fn idf(&self) -> &Arc<IdfModel> {
        &self.idf
    }

    /// A copy of this analyzer with other term weights (e.g. refined by a batch).
    pub fn with_idf(&self, idf: Arc<IdfModel>) -> Self {
        Self {
            normalize: self.normalize.clone(),
            detector: self.detector.clone(),
            idf,
        }
    }

    /// Whether `other` computes the same features: the same normalization and language, and
    /// the very same term weights.
    pub(crate) fn is_equivalent(&self, other: &Analyzer) -> bool {
        self.normalize == other.normalize
            && self.detector.choice() == other.detector.choice()
            && Arc::ptr_eq(&self.idf, &other.idf)
    }

    /// The normalized text of `text`, as every comparison sees it.
    pub fn normalize(&self, text: &str) -> Normalized {
        normalize(text, &self.normalize)
    }

    /// The language of `text` and its distinct content-term ids, for counting document
    /// frequencies (see [`IdfModel::add_document`]).
    pub fn distinct_terms(&self, text: &str) -> (Language, Vec<u64>) {
        let normalized = normalize(text, &self.normalize);
        let (language, _, words) = self.word_ids(text, &normalized);
        let mut ids: Vec<u64> = words.iter().filter_map(|w| w.stem).collect();
        ids.sort_unstable();
        ids.dedup();
        (language, ids)
    }

    /// Analyze one title.
    pub fn analyze(&self, text: &str) -> Title {
        let normalized = normalize(text, &self.normalize);
        let (language, source, words) = self.words(text, &normalized);
        let title_case = is_title_case(&words);
        let entities = self.entities(text, &words, title_case, language);
        let ids: Vec<WordIds> = words
            .iter()
            .map(|w| WordIds {
                id: term_id(&w.text),
                stem: (!w.stop).then(|| language.stem_id(&w.stem)),
            })
            .collect();
        let features = self.features(text, &normalized, &ids, (language, source));
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
        self.features_reading_normalized(text, |_| ()).0
    }

    /// [`Analyzer::features_of`], and what `read` makes of the normalized text, for a caller
    /// that needs both (the batch scanner cuts titles into parts): one normalization.
    pub(crate) fn features_reading_normalized<T>(
        &self,
        text: &str,
        read: impl FnOnce(&Normalized) -> T,
    ) -> (Features, T) {
        let normalized = normalize(text, &self.normalize);
        let (language, source, words) = self.word_ids(text, &normalized);
        let features = self.features(text, &normalized, &words, (language, source));
        (features, read(&normalized))
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

    /// Look every word of a title up in this thread's memo (headline vocabularies repeat
    /// heavily, so each distinct word is examined once) and decide the title's language from
    /// what the memo says of them.
    /// The original text is only consulted for words on a stop list (an acronym is no stop
    /// word).
    fn look_up(
        &self,
        memo: &mut WordMemo,
        original: &str,
        normalized: &Normalized,
    ) -> (Language, LanguageSource, Vec<LookedUp>) {
        memo.make_room();
        let mut all_upper = None;
        let mut votes = Votes::default();
        // Sized for a headline at once: growing it word by word took about 8 % of analysis.
        let mut words = Vec::with_capacity(WORDS_PER_TITLE);
        let detects = self.detector.detects();
        words.extend(
            normalized
                .as_str()
                .unicode_word_indices()
                .map(|(at, text)| {
                    let slot = memo.slot(text);
                    let info = memo.info(slot);
                    let acronym = info.stop_in != StopIn::default() && {
                        let all_upper = *all_upper
                            .get_or_insert_with(|| !original.chars().any(char::is_lowercase));
                        let span = normalized.original_range(at..at + text.len());
                        Self::is_acronym(original.get(span).unwrap_or(""), all_upper)
                    };
                    let stop_in = if acronym {
                        StopIn::default()
                    } else {
                        info.stop_in
                    };
                    if detects {
                        votes.add(stop_in, info.letters);
                    }
                    LookedUp {
                        at,
                        len: text.len(),
                        slot,
                        stop_in,
                    }
                }),
        );
        let (language, source) = self.detector.decide(votes, normalized.as_str());
        (language, source, words)
    }

    fn words(
        &self,
        original: &str,
        normalized: &Normalized,
    ) -> (Language, LanguageSource, Vec<Word>) {
        let all_upper = !original.chars().any(char::is_lowercase);
        let text = normalized.as_str();
        WORD_MEMO.with_borrow_mut(|memo| {
            let (language, source, looked_up) = self.look_up(memo, original, normalized);
            let words = looked_up
                .iter()
                .map(|w| {
                    let word = &text[w.at..w.at + w.len];
                    let normalized_span = w.at..w.at + w.len;
                    let span = normalized.original_range(normalized_span.clone());
                    let source = original.get(span.clone()).unwrap_or("");
                    let capitalized = source.chars().next().is_some_and(char::is_uppercase);
                    let acronym = Self::is_acronym(source, all_upper);
                    let stop = w.stop_in.contains(language);
                    Word {
                        // Stop words never become terms: their stem is the word itself.
                        stem: if stop {
                            word.to_owned()
                        } else {
                            memo.stem(w.slot, word, language).0.to_owned()
                        },
                        text: word.to_owned(),
                        normalized_span,
                        span,
                        capitalized,
                        acronym,
                        stop,
                    }
                })
                .collect();
            (language, source, words)
        })
    }

    /// The language of a title and the ids of each of its words, in reading order, as
    /// [`Analyzer::features`] reads them: the word's own id, and its stem's id unless it is
    /// a stop word (an acronym such as `US` never is one).
    fn word_ids(
        &self,
        original: &str,
        normalized: &Normalized,
    ) -> (Language, LanguageSource, Vec<WordIds>) {
        let text = normalized.as_str();
        WORD_MEMO.with_borrow_mut(|memo| {
            let (language, source, looked_up) = self.look_up(memo, original, normalized);
            let mut ids = Vec::with_capacity(looked_up.len());
            ids.extend(looked_up.iter().map(|w| {
                let id = memo.info(w.slot).id;
                let stop = w.stop_in.contains(language);
                let stem =
                    (!stop).then(|| memo.stem(w.slot, &text[w.at..w.at + w.len], language).1);
                WordIds { id, stem }
            }));
            (language, source, ids)
        })
    }

    /// Entity words: acronyms; capitalized words that are not sentence-initial, unless the
    /// title is in Title Case, where only capitalized words that are rare in the background
    /// count (capitalization says nothing there). Adjacent entity words form one entity.
    fn entities(
        &self,
        original: &str,
        words: &[Word],
        title_case: bool,
        language: Language,
    ) -> Vec<Entity> {
        let is_entity_word = |i: usize, w: &Word| {
            if w.acronym {
                return true;
            }
            if w.stop || !w.capitalized || w.text.chars().all(|c| c.is_numeric()) {
                return false;
            }
            let rare = self.idf.is_rare_in(language, language.stem_id(&w.stem));
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

    fn features(
        &self,
        original: &str,
        normalized: &Normalized,
        words: &[WordIds],
        (language, language_source): (Language, LanguageSource),
    ) -> Features {
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
        let repeats_start = split_repeats(&mut narrow);
        lists[wide_start..].sort_unstable();
        let mut terms: Vec<Term> = Vec::with_capacity(words.len());
        terms.extend(words.iter().filter_map(|w| w.stem).map(|id| Term {
            id,
            weight: self.idf.weight(language, id) as f32,
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
            repeats_start,
            terms,
            term_weight,
            numbers: extract_numbers(original),
            language,
            language_source,
        }
    }
}

/// The ids [`Analyzer::features`] reads of one word.
#[derive(Debug, Clone, Copy)]
struct WordIds {
    /// [`term_id`] of the word.
    id: u64,
    /// [`Language::stem_id`] of its stem; `None` for a stop word.
    stem: Option<u64>,
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

/// Reorder a sorted multiset into its distinct values, sorted, followed by the further
/// occurrences of repeated values, sorted; return where those start.
fn split_repeats(sorted: &mut [u32]) -> usize {
    let mut repeats = Vec::new();
    let mut distinct = 0;
    for i in 0..sorted.len() {
        let value = sorted[i];
        if distinct > 0 && sorted[distinct - 1] == value {
            repeats.push(value);
        } else {
            sorted[distinct] = value;
            distinct += 1;
        }
    }
    sorted[distinct..].copy_from_slice(&repeats);
    distinct
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
        assert!(
            bigrams
                .narrow_distinct
                .windows(2)
                .all(|pair| pair[0] < pair[1])
        );
        assert!(
            bigrams
                .narrow_repeats
                .windows(2)
                .all(|pair| pair[0] <= pair[1])
        );
        // "ze", "et", "ta" and "a " come twice.
        assert_eq!(bigrams.narrow_repeats.len(), 4);
    }

    #[test]
    fn bigrams_count_characters_not_bytes() {
        assert_eq!(analyze("ab").features.bigrams().len(), 1);
        assert_eq!(analyze("éü").features.bigrams().len(), 1);
        assert_eq!(analyze("東京").features.bigrams().len(), 1);
        let emoji = analyze("a🔥b🔥").features;
        assert_eq!(
            (
                emoji.bigrams().narrow_distinct.len(),
                emoji.bigrams().wide.len()
            ),
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
    fn a_fixed_language_stems_and_stops_every_title_in_it() {
        let analyzer = Analyzer::new(
            NormalizeOptions::default(),
            Language::Swedish,
            Arc::new(IdfModel::empty()),
        );
        let title = analyzer.analyze("Regeringen och oppositionen");
        let stops: Vec<bool> = title.words.iter().map(|w| w.stop).collect();
        assert_eq!(stops, [false, true, false]);
        assert_ne!(title.words[0].stem, title.words[0].text);
        assert_eq!(title.features.language_source, LanguageSource::Configured);
    }

    #[test]
    fn each_title_is_analyzed_in_its_detected_language() {
        let analyzer = Analyzer::default();
        let swedish = analyzer.analyze("Regeringen vill höja skatten på bensin i år");
        assert_eq!(swedish.features.language, Language::Swedish);
        assert!(swedish.features.language_source.is_detected());
        let stops: Vec<&str> = swedish
            .words
            .iter()
            .filter(|w| w.stop)
            .map(|w| w.text.as_str())
            .collect();
        assert_eq!(stops, ["vill", "på", "i"]);
        let english = analyzer.analyze("Trump says he will meet Putin in Alaska");
        assert_eq!(english.features.language, Language::English);
        assert!(english.words.iter().any(|w| w.text == "in" && w.stop));
        // The same word, stemmed in each title's language, from one memo.
        let a = analyzer.features_of("Regeringen faller i omröstningen om budgeten");
        let b = analyzer.features_of("The regeringen of the month is out of the race");
        assert_eq!(b.language, Language::English);
        let swedish_id = Language::Swedish.stem_id("reger");
        assert!(a.terms.iter().any(|t| t.id == swedish_id));
        assert!(!b.terms.iter().any(|t| t.id == swedish_id));
    }

    #[test]
    fn undecided_titles_fall_back_to_english() {
        let features = Analyzer::default().features_of("Tesla Cybertruck recall");
        assert_eq!(features.language, Language::English);
        assert_eq!(features.language_source, LanguageSource::Default);
    }

    #[test]
    fn an_acronym_casts_no_vote() {
        // "WHO" is no English "who": the title stays Swedish.
        let features = Analyzer::default().features_of("Sverige stöttar WHO i kampen mot ebola");
        assert_eq!(features.language, Language::Swedish);
    }
}
