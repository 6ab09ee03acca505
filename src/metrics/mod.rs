//! Metrics: each one a similarity in `0.0..=1.0`, where `1.0` means identical.
//!
//! Character metrics ([`Metric::Levenshtein`], [`Metric::JaroWinkler`], [`Metric::Dice`]) see
//! spelling; token metrics ([`Metric::Jaccard`], [`Metric::Containment`],
//! [`Metric::TokenEdit`], [`Metric::Weighted`]) see words; [`Metric::Combined`] is the
//! project's answer to "how alike are these two titles" (see [`CombinedWeights`]).
//!
//! Two empty titles are identical (`1.0`); an empty title and a non-empty one share nothing
//! (`0.0`). Every metric is symmetric.

mod against;

use serde::{Deserialize, Serialize};

pub use against::Pattern;

use crate::features::{Features, Title};
use crate::numbers::compare_numbers;

/// A similarity measure between two titles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Metric {
    /// Normalized Levenshtein similarity over the characters of the normalized text (strsim).
    Levenshtein,
    /// Jaro-Winkler similarity of the normalized text (strsim).
    JaroWinkler,
    /// Sørensen-Dice coefficient over character bigrams (counted in characters, not bytes).
    Dice,
    /// Jaccard index of the sets of normalized words.
    Jaccard,
    /// Overlap coefficient (containment) of the content stems: shared / smaller set.
    Containment,
    /// Word-sequence edit similarity: 1 − Levenshtein distance over words / longer length.
    TokenEdit,
    /// IDF-weighted Dice over content stems: shared weight / mean weight of the two titles.
    Weighted,
    /// The combined score: a logistic blend of the others, fitted on labeled headline pairs.
    Combined,
}

impl Metric {
    /// Every metric, in report order.
    pub const ALL: [Metric; 8] = [
        Metric::Combined,
        Metric::Weighted,
        Metric::Containment,
        Metric::Jaccard,
        Metric::TokenEdit,
        Metric::Dice,
        Metric::Levenshtein,
        Metric::JaroWinkler,
    ];

    /// The name used in reports and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Metric::Levenshtein => "levenshtein",
            Metric::JaroWinkler => "jaro_winkler",
            Metric::Dice => "dice",
            Metric::Jaccard => "jaccard",
            Metric::Containment => "containment",
            Metric::TokenEdit => "token_edit",
            Metric::Weighted => "weighted",
            Metric::Combined => "combined",
        }
    }
}

impl std::fmt::Display for Metric {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Coefficients of the combined score: `sigmoid(bias + Σ coefficient × input)`, over the
/// inputs of [`CombinedWeights::INPUT_NAMES`].
///
/// The defaults were fitted by logistic regression (`neardup eval --fit`) on the 1,999 pairs of
/// the STS Benchmark headline training split (label: crowd score ≥ 3), and confirmed on the
/// separate dev split; see `docs/design.md`. Only features that are cheap to compute in batch
/// are used, so the combined score costs a few merges of short sorted arrays.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct CombinedWeights {
    /// Intercept.
    pub bias: f64,
    /// Coefficient of [`Metric::Weighted`].
    pub weighted: f64,
    /// Coefficient of [`Metric::Containment`].
    pub containment: f64,
    /// Coefficient of [`Metric::Jaccard`].
    pub jaccard: f64,
    /// Coefficient of [`Metric::TokenEdit`].
    pub token_edit: f64,
    /// Coefficient of [`Metric::Dice`].
    pub dice: f64,
    /// Coefficient of [`number_conflict`]: 1 when the titles state a number differently.
    pub number_conflict: f64,
}

impl Default for CombinedWeights {
    fn default() -> Self {
        Self {
            bias: -4.593,
            weighted: 5.630,
            containment: 1.122,
            jaccard: 3.256,
            token_edit: -2.197,
            dice: 1.400,
            number_conflict: -1.373,
        }
    }
}

/// How many inputs the combined score reads.
pub const COMBINED_INPUTS: usize = 6;

impl CombinedWeights {
    /// The names of the inputs, in coefficient order.
    pub const INPUT_NAMES: [&'static str; COMBINED_INPUTS] = [
        "weighted",
        "containment",
        "jaccard",
        "token-edit",
        "dice",
        "number-conflict",
    ];

    /// The inputs of one pair, in [`CombinedWeights::INPUT_NAMES`] order.
    pub fn inputs(a: &Features, b: &Features) -> [f64; COMBINED_INPUTS] {
        [
            weighted(a, b),
            containment(a, b),
            jaccard(a, b),
            token_edit(a, b),
            dice(a, b),
            number_conflict(a, b),
        ]
    }

    /// The coefficients in [`CombinedWeights::INPUT_NAMES`] order.
    pub fn coefficients(&self) -> [f64; COMBINED_INPUTS] {
        [
            self.weighted,
            self.containment,
            self.jaccard,
            self.token_edit,
            self.dice,
            self.number_conflict,
        ]
    }

    /// Build from an intercept and coefficients in [`CombinedWeights::INPUT_NAMES`] order.
    pub fn from_coefficients(bias: f64, c: [f64; COMBINED_INPUTS]) -> Self {
        Self {
            bias,
            weighted: c[0],
            containment: c[1],
            jaccard: c[2],
            token_edit: c[3],
            dice: c[4],
            number_conflict: c[5],
        }
    }

    /// The logit of two identical titles: every similarity 1, no conflict. Scores are
    /// rescaled by it so that identical titles score exactly 1.0.
    fn top(&self) -> f64 {
        self.bias + self.weighted + self.containment + self.jaccard + self.token_edit + self.dice
    }

    /// The combined score of two titles' features.
    pub fn score(&self, a: &Features, b: &Features) -> f64 {
        self.score_and_token_edit(a, b).0
    }

    /// The combined score and word-sequence edit similarity, or `None` when the cheap inputs
    /// (term and word overlaps), with the expensive ones (word edit distance, bigram Dice) at
    /// their most favourable, already show the score is below `floor`. The batch scanner uses
    /// it to skip most of the work on pairs that cannot matter.
    pub fn score_at_least(&self, a: &Features, b: &Features, floor: f64) -> Option<(f64, f64)> {
        self.score_at_least_given(a, b, floor, jaccard(a, b), || token_edit(a, b))
    }

    /// [`CombinedWeights::score_at_least`] of a title prepared as a [`Pattern`] and another
    /// title: the same result, with the word metrics read from the pattern. The batch
    /// scanner scores each title's candidates this way.
    pub fn score_at_least_against(
        &self,
        pattern: &Pattern,
        other: &Features,
        floor: f64,
    ) -> Option<(f64, f64)> {
        let words = &pattern.words;
        self.score_at_least_given(pattern.features, other, floor, words.jaccard(other), || {
            words.token_edit(other)
        })
    }

    /// [`CombinedWeights::score_at_least`] given the pair's word-set Jaccard and a way to
    /// compute its word edit similarity, the one expensive input left for last.
    fn score_at_least_given(
        &self,
        a: &Features,
        b: &Features,
        floor: f64,
        word_jaccard: f64,
        edit: impl FnOnce() -> f64,
    ) -> Option<(f64, f64)> {
        if a.sequence().is_empty() || b.sequence().is_empty() {
            return Some(self.score_and_token_edit(a, b)).filter(|(s, _)| *s >= floor);
        }
        let (cheap, ceiling) = self.cheap_and_ceiling(a, b, word_jaccard);
        let below = |bound: f64| self.rescale(bound) < floor * (1.0 - 1e-9);
        if below(ceiling) {
            return None;
        }
        // The bigram Dice is a merge, the edit distance a table: with the Dice known, the
        // edit distance at its most favourable still rules out some pairs.
        let bigram_dice = dice(a, b);
        if below(cheap + self.dice * bigram_dice + self.most_edit_gain(a, b) + CEILING_SLACK) {
            return None;
        }
        let edit = edit();
        let score = self.rescale(cheap + self.token_edit * edit + self.dice * bigram_dice);
        Some((score, edit))
    }

    /// An upper bound of the combined score read from the cheap inputs only (see
    /// [`CombinedWeights::score_at_least`]): never below the score itself.
    pub fn score_ceiling(&self, a: &Features, b: &Features) -> f64 {
        if a.sequence().is_empty() || b.sequence().is_empty() {
            return 1.0;
        }
        self.rescale(self.cheap_and_ceiling(a, b, jaccard(a, b)).1)
    }

    /// The linear predictor's cheap part (term and word overlaps, number conflict) and that
    /// part plus the most the expensive inputs can add ([`CombinedWeights::most_edit_gain`],
    /// [`CombinedWeights::most_dice_gain`]).
    /// The ceiling carries a little slack, so rounding never hides a pair.
    fn cheap_and_ceiling(&self, a: &Features, b: &Features, word_jaccard: f64) -> (f64, f64) {
        // Both term overlaps read the same shared weight: one merge.
        let shared = shared_weight(a, b);
        let cheap = self.bias
            + self.weighted * weighted_given(shared, a, b)
            + self.containment * containment_given(shared, a, b)
            + self.jaccard * word_jaccard
            + self.number_conflict * number_conflict(a, b);
        let most = self.most_edit_gain(a, b) + self.most_dice_gain(a, b);
        (cheap, cheap + most + CEILING_SLACK)
    }

    /// The most the word edit similarity can add given the lengths: an edit script needs at
    /// least the difference in word counts.
    fn most_edit_gain(&self, a: &Features, b: &Features) -> f64 {
        let most_edit = length_ratio(a.sequence().len(), b.sequence().len());
        (self.token_edit * most_edit).max(0.0)
    }

    /// The most the bigram Dice can add given the lengths: no more bigrams can be shared
    /// than the shorter title has.
    fn most_dice_gain(&self, a: &Features, b: &Features) -> f64 {
        let most_dice = 2.0 * a.bigrams().len().min(b.bigrams().len()) as f64
            / (a.bigrams().len() + b.bigrams().len()).max(1) as f64;
        (self.dice * most_dice).max(0.0)
    }

    /// The linear predictor mapped to a similarity: identical titles score exactly 1.0.
    fn rescale(&self, z: f64) -> f64 {
        (sigmoid(z) / sigmoid(self.top())).clamp(0.0, 1.0)
    }

    /// The combined score and the word-sequence edit similarity it read, so that a caller
    /// that needs both (the classifier) computes the edit distance once.
    pub fn score_and_token_edit(&self, a: &Features, b: &Features) -> (f64, f64) {
        let inputs = Self::inputs(a, b);
        let edit = inputs[3];
        if a.sequence().is_empty() && b.sequence().is_empty() {
            return (if a.text == b.text { 1.0 } else { dice(a, b) }, edit);
        }
        let z = self.bias
            + inputs
                .iter()
                .zip(self.coefficients())
                .map(|(m, c)| m * c)
                .sum::<f64>();
        (self.rescale(z), edit)
    }
}

/// Added to every ceiling of the combined score, so that rounding never hides a pair.
const CEILING_SLACK: f64 = 1e-9;

/// The shorter of two lengths over the longer (1 when both are 0).
fn length_ratio(a: usize, b: usize) -> f64 {
    let longer = a.max(b);
    if longer == 0 {
        1.0
    } else {
        a.min(b) as f64 / longer as f64
    }
}

fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

/// The similarity of two analyzed titles under `metric` (combined with default weights).
pub fn similarity(metric: Metric, a: &Title, b: &Title) -> f64 {
    let (fa, fb) = (&a.features, &b.features);
    match metric {
        Metric::Levenshtein => {
            strsim::normalized_levenshtein(a.normalized.as_str(), b.normalized.as_str())
        }
        Metric::JaroWinkler => strsim::jaro_winkler(a.normalized.as_str(), b.normalized.as_str()),
        Metric::Dice => dice(fa, fb),
        Metric::Jaccard => jaccard(fa, fb),
        Metric::Containment => containment(fa, fb),
        Metric::TokenEdit => token_edit(fa, fb),
        Metric::Weighted => weighted(fa, fb),
        Metric::Combined => CombinedWeights::default().score(fa, fb),
    }
}

/// Size of the intersection of two sorted multisets.
///
/// Each step advances by comparisons turned into numbers, not by branches: which side moves
/// next is a coin toss the branch predictor keeps losing, and batch scoring runs this merge
/// over the bigrams of every candidate pair.
fn shared_count<T: Copy + Ord>(a: &[T], b: &[T]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        let (x, y) = (a[i], b[j]);
        n += usize::from(x == y);
        i += usize::from(x <= y);
        j += usize::from(y <= x);
    }
    n
}

/// How many values two sorted lists of distinct values share, four against four at a time:
/// each step compares a block of four of one list with a block of four of the other (16
/// comparisons that compile to a few vector instructions) and moves on past the block whose
/// last value is smaller (both when equal), so each pair of blocks that can share a value
/// is compared exactly once. About twice as fast as [`shared_count`] on headlines' bigrams.
/// The tails shorter than a block are merged.
fn shared_distinct(a: &[u32], b: &[u32]) -> usize {
    const BLOCK: usize = 4;
    let block = |list: &[u32], at: usize| -> Option<[u32; BLOCK]> {
        list.get(at..at + BLOCK)?.try_into().ok()
    };
    let (mut i, mut j, mut n) = (0, 0, 0);
    while let (Some(x), Some(y)) = (block(a, i), block(b, j)) {
        let mut equal = 0;
        for rotation in 0..BLOCK {
            for k in 0..BLOCK {
                equal += usize::from(x[k] == y[(k + rotation) % BLOCK]);
            }
        }
        n += equal;
        let (x_last, y_last) = (x[BLOCK - 1], y[BLOCK - 1]);
        i += BLOCK * usize::from(x_last <= y_last);
        j += BLOCK * usize::from(y_last <= x_last);
    }
    n + shared_count(&a[i..], &b[j..])
}

fn ratio(shared: f64, total: f64, both_empty: f64) -> f64 {
    if total <= 0.0 {
        both_empty
    } else {
        (shared / total).clamp(0.0, 1.0)
    }
}

/// 1.0 when the two titles state a number differently ("since 1980" / "in 43 years",
/// "2-1" / "3-1"), else 0.0; see [`crate::numbers::compare_numbers`]. Checked both ways, so it
/// is symmetric.
pub fn number_conflict(a: &Features, b: &Features) -> f64 {
    if a.numbers.is_empty() || b.numbers.is_empty() {
        return 0.0;
    }
    let changed =
        |x: &Features, y: &Features| !compare_numbers(&x.numbers, &y.numbers).changed.is_empty();
    if changed(a, b) || changed(b, a) {
        1.0
    } else {
        0.0
    }
}

/// Dice over character bigrams.
pub fn dice(a: &Features, b: &Features) -> f64 {
    let (x, y) = (a.bigrams(), b.bigrams());
    let shared = shared_distinct(x.narrow_distinct, y.narrow_distinct)
        + shared_count(x.narrow_repeats, y.narrow_repeats)
        + shared_count(x.wide, y.wide);
    let shared = shared as f64;
    ratio(2.0 * shared, (x.len() + y.len()) as f64, 1.0)
}

/// Jaccard index of the word sets.
pub fn jaccard(a: &Features, b: &Features) -> f64 {
    let shared = shared_count(a.words(), b.words());
    ratio(
        shared as f64,
        (a.words().len() + b.words().len() - shared) as f64,
        1.0,
    )
}

/// Shared weight of content stems: for each stem both titles have, the lighter of its two
/// weights.
///
/// Branch-free steps, as in the merge of bigrams (adding 0.0 leaves the sum unchanged).
pub fn shared_weight(a: &Features, b: &Features) -> f64 {
    let (mut i, mut j, mut w) = (0, 0, 0.0f64);
    while i < a.terms.len() && j < b.terms.len() {
        let (x, y) = (a.terms[i], b.terms[j]);
        let both = if x.id == y.id {
            x.weight.min(y.weight)
        } else {
            0.0
        };
        w += f64::from(both);
        i += usize::from(x.id <= y.id);
        j += usize::from(y.id <= x.id);
    }
    w
}

/// Overlap coefficient of content stems, weighted by IDF: shared / lighter side.
pub fn containment(a: &Features, b: &Features) -> f64 {
    containment_given(shared_weight(a, b), a, b)
}

/// [`containment`] given the [`shared_weight`] of the two titles.
fn containment_given(shared: f64, a: &Features, b: &Features) -> f64 {
    if a.terms.is_empty() || b.terms.is_empty() {
        return if a.terms.is_empty() && b.terms.is_empty() {
            jaccard(a, b)
        } else {
            0.0
        };
    }
    let smaller = a.term_weight.min(b.term_weight);
    ratio(shared, smaller, 1.0)
}

/// IDF-weighted Dice of content stems.
pub fn weighted(a: &Features, b: &Features) -> f64 {
    weighted_given(shared_weight(a, b), a, b)
}

/// [`weighted`] given the [`shared_weight`] of the two titles.
fn weighted_given(shared: f64, a: &Features, b: &Features) -> f64 {
    if a.terms.is_empty() && b.terms.is_empty() {
        return jaccard(a, b);
    }
    ratio(2.0 * shared, a.term_weight + b.term_weight, 1.0)
}

/// 1 − word-level Levenshtein distance / longer word count.
pub fn token_edit(a: &Features, b: &Features) -> f64 {
    let longer = a.sequence().len().max(b.sequence().len());
    if longer == 0 {
        return 1.0;
    }
    1.0 - word_levenshtein(a.sequence(), b.sequence()) as f64 / longer as f64
}

/// Levenshtein distance over word ids with one row of state; titles are short, so the row
/// lives on the stack (a hot path of batch scoring: no allocation per pair).
fn word_levenshtein(a: &[u64], b: &[u64]) -> usize {
    const STACK_ROW: usize = 64;
    let (a, b) = if a.len() < b.len() { (b, a) } else { (a, b) };
    if b.len() >= STACK_ROW {
        return strsim::generic_levenshtein(&a.to_vec(), &b.to_vec());
    }
    let mut row = [0usize; STACK_ROW];
    for (j, cell) in row.iter_mut().enumerate().take(b.len() + 1) {
        *cell = j;
    }
    for (i, x) in a.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, y) in b.iter().enumerate() {
            let substitution = diagonal + usize::from(x != y);
            diagonal = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(diagonal + 1);
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::Analyzer;

    macro_rules! assert_delta {
        ($a:expr, $b:expr) => {
            assert!(($a - $b).abs() < 1e-9, "{} != {}", $a, $b)
        };
    }

    fn all(a: &str, b: &str) -> Vec<(Metric, f64)> {
        let analyzer = Analyzer::default();
        let (a, b) = (analyzer.analyze(a), analyzer.analyze(b));
        Metric::ALL
            .iter()
            .map(|&m| (m, similarity(m, &a, &b)))
            .collect()
    }

    #[test]
    fn shared_count_is_the_multiset_intersection() {
        let cases: [(&[u64], &[u64], usize); 6] = [
            (&[], &[], 0),
            (&[1, 2, 3], &[], 0),
            (&[1, 1, 2, 3], &[1, 2, 2, 3], 3),
            (&[1, 1, 1], &[1, 1], 2),
            (&[1, 3, 5, 7], &[2, 4, 6, 8], 0),
            (&[2, 4, 9], &[1, 2, 3, 4, 9, 10], 3),
        ];
        for (a, b, shared) in cases {
            assert_eq!(shared_count(a, b), shared, "{a:?} ∩ {b:?}");
            assert_eq!(shared_count(b, a), shared, "{b:?} ∩ {a:?}");
        }
    }

    #[test]
    fn word_levenshtein_agrees_with_strsim() {
        let cases: [(&[u64], &[u64]); 5] = [
            (&[], &[]),
            (&[1, 2, 3], &[]),
            (&[1, 2, 3], &[1, 3]),
            (&[1, 2, 3, 4], &[4, 3, 2, 1]),
            (&[5, 1, 2], &[1, 2, 5, 6]),
        ];
        for (a, b) in cases {
            assert_eq!(
                word_levenshtein(a, b),
                strsim::generic_levenshtein(&a.to_vec(), &b.to_vec())
            );
            assert_eq!(
                word_levenshtein(b, a),
                strsim::generic_levenshtein(&a.to_vec(), &b.to_vec())
            );
        }
        let long: Vec<u64> = (0..100).collect();
        assert_eq!(word_levenshtein(&long, &long[1..]), 1);
    }

    #[test]
    fn identical_titles_score_one_on_every_metric() {
        for text in [
            "",
            "Fire",
            "Fire in Rome",
            "東京で地震",
            "🔥",
            "مرحبا بالعالم",
            "Cafe\u{0301}",
        ] {
            for (metric, score) in all(text, text) {
                assert_delta!(score, 1.0);
                let _ = metric;
            }
        }
    }

    #[test]
    fn empty_against_non_empty_scores_zero() {
        for (metric, score) in all("", "Fire in Rome") {
            assert!(score < 0.05, "{metric}: {score}");
        }
    }

    #[test]
    fn unrelated_titles_score_low_and_one_word_edits_high() {
        let far = all("Fire in central Rome", "Stocks rally on tech earnings");
        let near = all(
            "Fire in central Rome kills two",
            "Fire in central Rome kills three",
        );
        for ((metric, lo), (_, hi)) in far.iter().zip(&near) {
            assert!(lo < hi, "{metric}: {lo} vs {hi}");
        }
    }

    #[test]
    fn dice_counts_characters_not_bytes() {
        let analyzer = Analyzer::default();
        let a = analyzer.analyze("é");
        let b = analyzer.analyze("éa");
        // One bigram against none: no shared bigram, but not a byte-length artefact.
        assert_delta!(dice(&a.features, &b.features), 0.0);
        let a = analyzer.analyze("über");
        let b = analyzer.analyze("übel");
        // 3 bigrams each (üb, be, er / üb, be, el): 2 shared.
        assert_delta!(dice(&a.features, &b.features), 4.0 / 6.0);
        let a = analyzer.analyze("ab🔥c");
        let b = analyzer.analyze("ab🔥d");
        // 3 bigrams each, two of them with an emoji (ab, b🔥, 🔥c / ab, b🔥, 🔥d): 2 shared.
        assert_delta!(dice(&a.features, &b.features), 4.0 / 6.0);
    }

    #[test]
    fn case_and_punctuation_do_not_change_scores() {
        for (metric, score) in all("Trump’s “Big” Win - Reuters", "TRUMP'S \"BIG\" WIN") {
            assert_delta!(score, 1.0);
            let _ = metric;
        }
    }

    #[test]
    fn scoring_against_a_pattern_gives_the_pairwise_result() {
        let analyzer = Analyzer::default();
        let titles = [
            "US beats Canada 2-1 in overtime to win Olympic gold",
            "Historic Victory: Team USA Clinches First Olympic Men's Hockey Gold",
            "Team USA beats Canada 3-1 for Olympic hockey gold",
            "",
            "gold",
            "Stocks rally on tech earnings",
        ];
        let weights = CombinedWeights::default();
        for a in titles.map(|t| analyzer.features_of(t)) {
            let pattern = Pattern::of(&a).unwrap();
            for b in titles.map(|t| analyzer.features_of(t)) {
                for floor in [0.0, 0.1, 0.24, 0.9] {
                    assert_eq!(
                        weights.score_at_least_against(&pattern, &b, floor),
                        weights.score_at_least(&a, &b, floor),
                    );
                }
            }
        }
    }

    #[test]
    fn combined_is_bounded() {
        let w = CombinedWeights {
            bias: 3.0,
            ..CombinedWeights::default()
        };
        let analyzer = Analyzer::default();
        let a = analyzer.analyze("Fire in Rome");
        let b = analyzer.analyze("Flood in Paris");
        let s = w.score(&a.features, &b.features);
        assert!((0.0..=1.0).contains(&s));
    }

    /// Repeated bigrams count as often as both titles have them: "b " is twice in each, so
    /// it is shared twice. (Dice ignoring the repeats scores this pair 0.5.)
    #[test]
    fn repeated_bigrams_are_shared_as_often_as_both_have_them() {
        let analyzer = Analyzer::default();
        let (a, b) = (
            analyzer.features_of("b b a"),
            analyzer.features_of("b b 🔥"),
        );
        // "b ", " b", "b ", " a" and "b ", " b", "b ", " 🔥": 3 shared of 4 + 4.
        assert_delta!(dice(&a, &b), 6.0 / 8.0);
    }

    proptest::proptest! {
        /// Blocks of four give the set intersection of any two sorted lists of distinct
        /// values: lengths on both sides of every block boundary, values close enough to
        /// share many.
        #[test]
        fn shared_distinct_is_the_set_intersection(
            a in proptest::collection::btree_set(0u32..64, 0..40),
            b in proptest::collection::btree_set(0u32..64, 0..40),
        ) {
            let (a, b): (Vec<u32>, Vec<u32>) = (a.into_iter().collect(), b.into_iter().collect());
            let expected = a.iter().filter(|x| b.contains(x)).count();
            proptest::prop_assert_eq!(shared_distinct(&a, &b), expected);
            proptest::prop_assert_eq!(shared_distinct(&b, &a), expected);
        }

        /// Dice over the split bigrams (distinct, repeats, wide) counts what one merge of the
        /// whole multisets counts, on texts with many repeated bigrams.
        #[test]
        fn split_bigrams_share_what_the_multisets_share(
            a in "[ab 🔥]{0,40}",
            b in "[ab 🔥]{0,40}",
        ) {
            let bigrams = |text: &str| -> Vec<(char, char)> {
                let chars: Vec<char> = text.chars().collect();
                let mut pairs: Vec<(char, char)> = chars.windows(2).map(|w| (w[0], w[1])).collect();
                pairs.sort_unstable();
                pairs
            };
            let analyzer = Analyzer::default();
            let (fa, fb) = (analyzer.features_of(&a), analyzer.features_of(&b));
            let (na, nb) = (analyzer.normalize(&a), analyzer.normalize(&b));
            let (ba, bb) = (bigrams(na.as_str()), bigrams(nb.as_str()));
            let shared = shared_count(&ba, &bb);
            let total = ba.len() + bb.len();
            proptest::prop_assert_eq!(fa.bigrams().len(), ba.len());
            proptest::prop_assert_eq!(dice(&fa, &fb), ratio(2.0 * shared as f64, total as f64, 1.0));
        }
    }
}
