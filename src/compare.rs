//! Comparing two titles: every metric, the combined score, the verdict, the reasons and the
//! word diff, in one [`Comparison`].
//!
//! [`Comparer`] holds the frozen configuration (analyzer, weights, thresholds); build one with
//! [`Comparer::builder`] and reuse it. The crate-level [`crate::compare()`] and
//! [`crate::similarity()`] use the defaults.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;

use crate::classify::{Evidence, Thresholds, Verdict, classify};
use crate::diff::{WordDiff, diff};
use crate::error::Error;
use crate::features::{Analyzer, Features, LanguageChoice, Title};
use crate::idf::IdfModel;
use crate::metrics::{CombinedWeights, Metric, Pattern, similarity};
use crate::normalize::NormalizeOptions;
use crate::numbers::compare_numbers;

/// Why a pair got its verdict.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Reason {
    /// The titles differ only in what normalization removes (case, quotes, dashes, spacing,
    /// an outlet suffix or a kicker prefix).
    SameAfterNormalization,
    /// Content words both titles use, heaviest first, as the left title wrote them.
    SharedTerms {
        /// The words.
        terms: Vec<String>,
    },
    /// Numbers both titles state with the same value.
    NumbersAgree {
        /// The numbers as the left title wrote them.
        values: Vec<String>,
    },
    /// A number that one title states differently from the other.
    NumberChanged {
        /// As the left title wrote it.
        left: String,
        /// As the right title wrote it.
        right: String,
    },
    /// A number only the left title states.
    NumberDropped {
        /// As the left title wrote it.
        left: String,
    },
    /// A number only the right title states.
    NumberAdded {
        /// As the right title wrote it.
        right: String,
    },
}

/// Everything known about one pair of titles.
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    /// Every metric's similarity, keyed by metric.
    pub scores: BTreeMap<Metric, f64>,
    /// The combined score (also in `scores`).
    pub combined: f64,
    /// The verdict.
    pub verdict: Verdict,
    /// Why.
    pub reasons: Vec<Reason>,
    /// The word diff from left to right, in the original text.
    pub diff: WordDiff,
}

/// Compares titles with a frozen configuration.
#[derive(Debug, Default)]
pub struct Comparer {
    analyzer: Analyzer,
    weights: CombinedWeights,
    thresholds: Thresholds,
}

/// Builds a [`Comparer`].
#[derive(Debug, Clone)]
pub struct ComparerBuilder {
    normalize: NormalizeOptions,
    language: LanguageChoice,
    idf: Option<Arc<IdfModel>>,
    weights: CombinedWeights,
    thresholds: Thresholds,
}

impl ComparerBuilder {
    /// Normalization options (default: the headline profile).
    pub fn normalize(&mut self, options: NormalizeOptions) -> &mut Self {
        self.normalize = options;
        self
    }

    /// The language titles are read in (default [`LanguageChoice::Auto`]: detected per
    /// title, English where undecided), or one fixed [`crate::features::Language`].
    pub fn language(&mut self, language: impl Into<LanguageChoice>) -> &mut Self {
        self.language = language.into();
        self
    }

    /// Term weights (default: the English background table; languages without a table are
    /// weighed by a batch's own titles).
    pub fn idf(&mut self, idf: Arc<IdfModel>) -> &mut Self {
        self.idf = Some(idf);
        self
    }

    /// Coefficients of the combined score.
    pub fn weights(&mut self, weights: CombinedWeights) -> &mut Self {
        self.weights = weights;
        self
    }

    /// Verdict thresholds.
    pub fn thresholds(&mut self, thresholds: Thresholds) -> &mut Self {
        self.thresholds = thresholds;
        self
    }

    /// Validate and freeze the configuration.
    pub fn build(&self) -> Result<Comparer, Error> {
        self.thresholds.validate()?;
        let idf = self
            .idf
            .clone()
            .unwrap_or_else(|| Arc::new(IdfModel::english()));
        Ok(Comparer {
            analyzer: Analyzer::new(self.normalize.clone(), self.language, idf),
            weights: self.weights,
            thresholds: self.thresholds,
        })
    }
}

impl Comparer {
    /// A builder starting from the defaults.
    pub fn builder() -> ComparerBuilder {
        ComparerBuilder {
            normalize: NormalizeOptions::default(),
            language: LanguageChoice::Auto,
            idf: None,
            weights: CombinedWeights::default(),
            thresholds: Thresholds::default(),
        }
    }

    /// A copy of this comparer with these term weights (for [`crate::distributed`], which
    /// keeps its own copy of a caller's comparer).
    pub fn with_idf(&self, idf: Arc<IdfModel>) -> Comparer {
        Comparer {
            analyzer: self.analyzer.with_idf(idf),
            weights: self.weights,
            thresholds: self.thresholds,
        }
    }

    /// The analyzer, to analyze titles once and compare them many times.
    pub fn analyzer(&self) -> &Analyzer {
        &self.analyzer
    }

    /// The verdict thresholds.
    pub fn thresholds(&self) -> &Thresholds {
        &self.thresholds
    }

    /// The combined-score coefficients.
    pub fn weights(&self) -> &CombinedWeights {
        &self.weights
    }

    /// Compare two texts.
    pub fn compare(&self, left: &str, right: &str) -> Comparison {
        self.compare_titles(&self.analyzer.analyze(left), &self.analyzer.analyze(right))
    }

    /// The combined score of two analyzed titles (the fast path: no diff, no reasons).
    pub fn score(&self, left: &Title, right: &Title) -> f64 {
        self.weights.score(&left.features, &right.features)
    }

    /// The verdict of two analyzed titles, without reasons or diff.
    pub fn verdict(&self, left: &Title, right: &Title) -> (Verdict, f64) {
        self.verdict_of_features(
            &left.features,
            &right.features,
            left.original == right.original,
        )
    }

    /// The verdict and combined score from features alone (the batch scanner's path);
    /// `same_bytes` says whether the original texts are byte-identical.
    pub fn verdict_of_features(
        &self,
        left: &Features,
        right: &Features,
        same_bytes: bool,
    ) -> (Verdict, f64) {
        let (combined, token_edit) = self.weights.score_and_token_edit(left, right);
        self.classify_scores(left, right, same_bytes, combined, token_edit)
    }

    /// Like [`Comparer::verdict_of_features`], but `None` when the pair is certainly below
    /// `at_least` (decided from the cheap part of the score when possible, and before any
    /// scoring for titles detected in different languages, which are always `distinct`).
    pub fn verdict_at_least(
        &self,
        left: &Features,
        right: &Features,
        at_least: Verdict,
    ) -> Option<(Verdict, f64)> {
        if at_least > Verdict::Distinct && left.in_other_language_than(right) {
            return None;
        }
        let floor = match at_least {
            Verdict::Distinct => 0.0,
            Verdict::Related => self.thresholds.related,
            _ => self.thresholds.rewrite,
        };
        let (verdict, score) = self.verdict_at_score(left, right, floor)?;
        (verdict >= at_least).then_some((verdict, score))
    }

    /// Like [`Comparer::verdict_of_features`], but `None` when the combined score is
    /// certainly below `floor` (decided from the cheap part of the score when possible).
    pub fn verdict_at_score(
        &self,
        left: &Features,
        right: &Features,
        floor: f64,
    ) -> Option<(Verdict, f64)> {
        let (combined, token_edit) = self.weights.score_at_least(left, right, floor)?;
        Some(self.classify_scores(left, right, false, combined, token_edit))
    }

    /// [`Comparer::verdict_at_score`] of a title prepared as a [`Pattern`] and another
    /// title: the same result, cheaper when one title is compared with many.
    pub fn verdict_at_score_against(
        &self,
        pattern: &Pattern,
        other: &Features,
        floor: f64,
    ) -> Option<(Verdict, f64)> {
        let (combined, token_edit) = self.weights.score_at_least_against(pattern, other, floor)?;
        Some(self.classify_scores(pattern.features, other, false, combined, token_edit))
    }

    fn classify_scores(
        &self,
        left: &Features,
        right: &Features,
        same_bytes: bool,
        combined: f64,
        token_edit: f64,
    ) -> (Verdict, f64) {
        // Titles in two languages never tell one story, however many names they share.
        if left.in_other_language_than(right) {
            return (Verdict::Distinct, combined);
        }
        let evidence = Evidence {
            same_bytes,
            same_normalized: left.text == right.text,
            combined,
            token_edit,
        };
        (classify(&evidence, &self.thresholds), combined)
    }

    /// Compare two analyzed titles.
    pub fn compare_titles(&self, left: &Title, right: &Title) -> Comparison {
        let mut scores: BTreeMap<Metric, f64> = Metric::ALL
            .iter()
            .map(|&m| (m, similarity(m, left, right)))
            .collect();
        let (verdict, combined) = self.verdict(left, right);
        scores.insert(Metric::Combined, combined);
        Comparison {
            scores,
            combined,
            verdict,
            reasons: reasons(left, right, verdict),
            diff: diff(left, right),
        }
    }
}

/// Up to five shared content words, heaviest first.
fn shared_terms(left: &Title, right: &Title) -> Vec<String> {
    let right_stems: Vec<&str> = right
        .words
        .iter()
        .filter(|w| !w.stop)
        .map(|w| w.stem.as_str())
        .collect();
    let mut shared: Vec<(f32, &str, &str)> = Vec::new();
    for word in left.words.iter().filter(|w| !w.stop) {
        if right_stems.contains(&word.stem.as_str())
            && !shared.iter().any(|(_, stem, _)| *stem == word.stem)
        {
            let id = left.features.language.stem_id(&word.stem);
            let weight = left
                .features
                .terms
                .iter()
                .find(|t| t.id == id)
                .map_or(0.0, |t| t.weight);
            shared.push((weight, &word.stem, left.original_text(&word.span)));
        }
    }
    shared.sort_by(|a, b| b.0.total_cmp(&a.0));
    shared
        .into_iter()
        .take(5)
        .map(|(_, _, text)| text.to_owned())
        .collect()
}

fn reasons(left: &Title, right: &Title, verdict: Verdict) -> Vec<Reason> {
    let mut out = Vec::new();
    if verdict == Verdict::Identical {
        out.push(Reason::SameAfterNormalization);
    }
    let terms = shared_terms(left, right);
    if !terms.is_empty() && verdict < Verdict::Identical {
        out.push(Reason::SharedTerms { terms });
    }
    if verdict < Verdict::Identical {
        out.extend(number_reasons(left, right));
    }
    out
}

/// Numbers that agree, changed, were dropped or were added (see [`compare_numbers`]).
fn number_reasons(left: &Title, right: &Title) -> Vec<Reason> {
    let (l, r) = (&left.numbers, &right.numbers);
    let numbers = compare_numbers(l, r);
    let mut out = Vec::new();
    if !numbers.shared.is_empty() {
        let values = numbers
            .shared
            .iter()
            .map(|&(i, _)| l[i].text.clone())
            .collect();
        out.push(Reason::NumbersAgree { values });
    }
    for &(i, j) in &numbers.changed {
        out.push(Reason::NumberChanged {
            left: l[i].text.clone(),
            right: r[j].text.clone(),
        });
    }
    out.extend(numbers.only_left.iter().map(|&i| Reason::NumberDropped {
        left: l[i].text.clone(),
    }));
    out.extend(numbers.only_right.iter().map(|&j| Reason::NumberAdded {
        right: r[j].text.clone(),
    }));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_identical_and_distinct() {
        let c = Comparer::default();
        assert_eq!(
            c.compare("Fire in Rome", "Fire in Rome").verdict,
            Verdict::Exact
        );
        let identical = c.compare("Fire in Rome", "FIRE in Rome - Reuters");
        assert_eq!(identical.verdict, Verdict::Identical);
        assert_eq!(identical.reasons, [Reason::SameAfterNormalization]);
        assert_eq!(
            c.compare("Fire in Rome", "Stocks rally on tech earnings")
                .verdict,
            Verdict::Distinct
        );
    }

    #[test]
    fn a_dropped_attribution_is_a_near_duplicate() {
        let c = Comparer::default();
        let r = c.compare(
            "Man shot, killed by Secret Service, local deputy outside of Mar-a-Lago, agency says",
            "Man shot, killed by Secret Service, local deputy outside of Mar\u{2011}a\u{2011}Lago",
        );
        assert_eq!(r.verdict, Verdict::NearDuplicate);
    }

    #[test]
    fn reasons_name_shared_key_terms_heaviest_first() {
        let c = Comparer::default();
        let r = c.compare(
            "Who is El Mencho? Inside the rise of CJNG’s fallen kingpin",
            "Unveiling El Mencho: The Rise and Fall of CJNG’s Infamous Leader",
        );
        let Some(Reason::SharedTerms { terms }) = r.reasons.first() else {
            panic!("no shared terms: {:?}", r.reasons);
        };
        assert!(
            terms.iter().take(2).any(|t| t == "Mencho" || t == "CJNG’s"),
            "{terms:?}"
        );
    }

    #[test]
    fn titles_detected_in_different_languages_are_distinct() {
        let c = Comparer::default();
        let english = "Trump and Putin meet in Alaska for talks on the war in Ukraine";
        let swedish = "Trump och Putin möts i Alaska för samtal om kriget i Ukraina";
        let r = c.compare(english, swedish);
        assert_eq!(r.verdict, Verdict::Distinct);
        let (left, right) = (
            c.analyzer().features_of(english),
            c.analyzer().features_of(swedish),
        );
        assert!(left.in_other_language_than(&right));
        assert_eq!(c.verdict_at_least(&left, &right, Verdict::Related), None);
        let (verdict, _) = c
            .verdict_at_least(&left, &right, Verdict::Distinct)
            .unwrap();
        assert_eq!(verdict, Verdict::Distinct);
        // Read as one fixed language, the same pair is compared on its words.
        let fixed = Comparer::builder()
            .language(crate::features::Language::English)
            .build()
            .unwrap();
        assert!(fixed.compare(english, swedish).verdict > Verdict::Distinct);
    }

    #[test]
    fn a_defaulted_language_is_no_evidence_of_another_language() {
        let c = Comparer::default();
        let short = c.analyzer().features_of("Tesla");
        let swedish = c
            .analyzer()
            .features_of("Tesla höjer priserna i Sverige och Norge");
        assert!(!short.language_source.is_detected());
        assert!(!short.in_other_language_than(&swedish));
    }

    #[test]
    fn builder_rejects_bad_thresholds() {
        let err = Comparer::builder()
            .thresholds(Thresholds {
                rewrite: 30.0,
                ..Thresholds::default()
            })
            .build()
            .unwrap_err();
        assert!(err.to_string().contains("did you mean 0.3"));
    }
}
