//! Term weights: how much a shared word says about two headlines telling the same story.
//!
//! Sharing "Mencho" means far more than sharing "says". The weight of a term is its inverse
//! document frequency, `ln(1 + N / (df + 1))`, where `df` counts the headlines that contain the
//! term's stem among `N` headlines.
//!
//! The counts come from two places:
//!
//! * a built-in English background table (`src/idf/english.tsv`): document frequencies of
//!   English stems over 61,478 unique US-English Google News headlines (July 2025 – August
//!   2026), with the outlet suffix stripped. Only stems seen in at least three headlines are
//!   kept; each line is `stem<TAB>count`. It holds counts, not headlines. It is rebuilt with
//!   `cargo run --release --example build_idf -- headlines.txt > src/idf/english.tsv`;
//! * the batch being compared, added on top with [`IdfModel::add_document`], so a batch about
//!   one topic learns that its topic word is common there.
//!
//! Counts are kept per language: stem ids are apart per language ([`Language::stem_id`]),
//! and `N` is the number of documents of the term's language. English starts from its
//! background table; every other language has none and weighs its terms by the batch's own
//! titles of that language alone (until the batch has counted some, every term of it weighs
//! the same).
//!
//! A stem in neither source gets the highest weight: rare words are what tell stories apart.

use rustc_hash::FxHashMap;

use crate::features::{Language, term_id};

const ENGLISH_TABLE: &str = include_str!("idf/english.tsv");

/// Document frequencies of stems, from a background table and the current batch, per
/// language.
#[derive(Debug, Clone, Default)]
pub struct IdfModel {
    /// Documents counted, by [`Language::index`].
    documents: [f64; Language::ALL.len()],
    /// Documents holding each stem id (ids of different languages never meet).
    frequencies: FxHashMap<u64, u32>,
}

impl IdfModel {
    /// A model that knows nothing: every term weighs the same until documents are added.
    pub fn empty() -> Self {
        Self::default()
    }

    /// The built-in English background model (see the module documentation for its source).
    pub fn english() -> Self {
        let mut model = Self::empty();
        for line in ENGLISH_TABLE.lines() {
            if let Some(count) = line.strip_prefix("#documents\t") {
                model.documents[Language::English.index()] = count.trim().parse().unwrap_or(0.0);
                continue;
            }
            let Some((stem, count)) = line.split_once('\t') else {
                continue;
            };
            if let Ok(count) = count.trim().parse::<u32>() {
                model.frequencies.insert(term_id(stem), count);
            }
        }
        model
    }

    /// Count one more document of `language` holding the given distinct terms (ids from the
    /// analyzer, of that language).
    pub fn add_document(
        &mut self,
        language: Language,
        distinct_terms: impl IntoIterator<Item = u64>,
    ) {
        self.add_counts(
            language,
            1,
            distinct_terms.into_iter().map(|term| (term, 1)),
        );
    }

    /// Count `documents` more documents of `language` whose distinct terms (ids of that
    /// language) occur `frequencies` times (term id, documents holding it): the same model as
    /// calling [`IdfModel::add_document`] once per document, from counts made elsewhere
    /// (stage 1 of the Spark job in `python/`, see [`crate::distributed`]).
    pub fn add_counts(
        &mut self,
        language: Language,
        documents: u64,
        frequencies: impl IntoIterator<Item = (u64, u32)>,
    ) {
        self.documents[language.index()] += documents as f64;
        for (term, count) in frequencies {
            *self.frequencies.entry(term).or_insert(0) += count;
        }
    }

    /// How many documents of `language` the model has counted.
    pub fn documents(&self, language: Language) -> f64 {
        self.documents[language.index()]
    }

    /// How many documents hold `term`.
    pub fn frequency(&self, term: u64) -> u32 {
        self.frequencies.get(&term).copied().unwrap_or(0)
    }

    /// The weight of `term`, a stem of `language`: `ln(1 + N / (df + 1))` over the documents
    /// of that language, at least a small positive floor so that an empty model weighs every
    /// term alike.
    pub fn weight(&self, language: Language, term: u64) -> f64 {
        let df = f64::from(self.frequency(term));
        (1.0 + self.documents(language) / (df + 1.0)).ln().max(0.1)
    }

    /// Whether `term`, an English stem, is rare (see [`IdfModel::is_rare_in`]).
    pub fn is_rare(&self, term: u64) -> bool {
        self.is_rare_in(Language::English, term)
    }

    /// Whether `term`, a stem of `language`, is rare: seen in under one document of that
    /// language in a thousand (and the model has seen enough of them to say so).
    pub fn is_rare_in(&self, language: Language, term: u64) -> bool {
        let documents = self.documents(language);
        documents >= 1000.0 && f64::from(self.frequency(term)) < documents / 1000.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_model_weighs_all_terms_alike() {
        let model = IdfModel::empty();
        let english = Language::English;
        assert_eq!(model.weight(english, 1), model.weight(english, 2));
        assert!(model.weight(english, 1) > 0.0);
    }

    #[test]
    fn batch_documents_make_common_terms_light() {
        let mut model = IdfModel::empty();
        let english = Language::English;
        for _ in 0..10 {
            model.add_document(english, [1]);
        }
        model.add_document(english, [2]);
        assert!(model.weight(english, 1) < model.weight(english, 2));
        assert!(model.weight(english, 3) > model.weight(english, 2));
    }

    #[test]
    fn a_language_without_a_table_is_weighed_by_its_own_documents() {
        let mut model = IdfModel::english();
        let swedish = Language::Swedish;
        let (common, rare) = (swedish.stem_id("reger"), swedish.stem_id("kärnk"));
        for _ in 0..9 {
            model.add_document(swedish, [common]);
        }
        model.add_document(swedish, [common, rare]);
        assert_eq!(model.documents(swedish), 10.0);
        // N is the ten Swedish titles, not the English background.
        let expected = (1.0f64 + 10.0 / 11.0).ln();
        assert!((model.weight(swedish, common) - expected).abs() < 1e-9);
        assert!(model.weight(swedish, rare) > model.weight(swedish, common));
    }

    #[test]
    fn counts_made_elsewhere_give_the_model_documents_give() {
        let (english, swedish) = (Language::English, Language::Swedish);
        let (a, b) = (swedish.stem_id("reger"), swedish.stem_id("kärnk"));
        let mut by_document = IdfModel::english();
        by_document.add_document(english, [1, 2]);
        by_document.add_document(english, [2]);
        by_document.add_document(swedish, [a, b]);
        let mut by_count = IdfModel::english();
        by_count.add_counts(english, 2, [(1, 1), (2, 2)]);
        by_count.add_counts(swedish, 1, [(a, 1), (b, 1)]);
        for language in [english, swedish] {
            assert_eq!(
                by_document.documents(language),
                by_count.documents(language)
            );
            for term in [1, 2, 3, a, b, term_id("trump")] {
                assert_eq!(
                    by_document.weight(language, term),
                    by_count.weight(language, term)
                );
            }
        }
    }

    #[test]
    fn english_background_knows_common_and_rare_stems() {
        let model = IdfModel::english();
        assert!(model.documents(Language::English) > 10_000.0);
        assert_eq!(model.documents(Language::Swedish), 0.0);
        let english = Language::English;
        assert!(model.weight(english, term_id("say")) < model.weight(english, term_id("hockey")));
        assert!(model.is_rare(term_id("mencho-never-seen")));
        assert!(!model.is_rare(term_id("trump")));
    }
}
