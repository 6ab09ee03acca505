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
//! A stem in neither source gets the highest weight: rare words are what tell stories apart.

use rustc_hash::FxHashMap;

use crate::features::term_id;

const ENGLISH_TABLE: &str = include_str!("idf/english.tsv");

/// Document frequencies of stems, from a background table and the current batch.
#[derive(Debug, Clone, Default)]
pub struct IdfModel {
    documents: f64,
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
                model.documents = count.trim().parse().unwrap_or(0.0);
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

    /// Count one more document holding the given distinct terms (ids from the analyzer).
    pub fn add_document(&mut self, distinct_terms: impl IntoIterator<Item = u64>) {
        self.documents += 1.0;
        for term in distinct_terms {
            *self.frequencies.entry(term).or_insert(0) += 1;
        }
    }

    /// How many documents the model has counted.
    pub fn documents(&self) -> f64 {
        self.documents
    }

    /// How many documents hold `term`.
    pub fn frequency(&self, term: u64) -> u32 {
        self.frequencies.get(&term).copied().unwrap_or(0)
    }

    /// The weight of `term`: `ln(1 + N / (df + 1))`, at least a small positive floor so that
    /// an empty model weighs every term alike.
    pub fn weight(&self, term: u64) -> f64 {
        let df = f64::from(self.frequency(term));
        (1.0 + (self.documents) / (df + 1.0)).ln().max(0.1)
    }

    /// Whether `term` is rare: seen in under one document in a thousand (and the model has
    /// seen enough documents to say so).
    pub fn is_rare(&self, term: u64) -> bool {
        self.documents >= 1000.0 && f64::from(self.frequency(term)) < self.documents / 1000.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_model_weighs_all_terms_alike() {
        let model = IdfModel::empty();
        assert_eq!(model.weight(1), model.weight(2));
        assert!(model.weight(1) > 0.0);
    }

    #[test]
    fn batch_documents_make_common_terms_light() {
        let mut model = IdfModel::empty();
        for _ in 0..10 {
            model.add_document([1]);
        }
        model.add_document([2]);
        assert!(model.weight(1) < model.weight(2));
        assert!(model.weight(3) > model.weight(2));
    }

    #[test]
    fn english_background_knows_common_and_rare_stems() {
        let model = IdfModel::english();
        assert!(model.documents() > 10_000.0);
        assert!(model.weight(term_id("say")) < model.weight(term_id("hockey")));
        assert!(model.is_rare(term_id("mencho-never-seen")));
        assert!(!model.is_rare(term_id("trump")));
    }
}
