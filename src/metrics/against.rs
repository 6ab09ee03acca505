//! One title prepared to be scored against many others.
//!
//! The batch scanner verifies every candidate of a title against that title, so what depends
//! on it alone is worked out once ([`Pattern`]): its words as a [`WordPattern`]. From that,
//! the word-set overlap is a lookup per word of the other title, and the word edit distance
//! is Myers' bit-parallel algorithm (G. Myers, "A fast bit-vector algorithm for approximate
//! string matching based on dynamic programming", 1999, in H. Hyyrö's formulation for the
//! edit distance, 2001): one step per word of the other title instead of a table of both
//! lengths. Both give exactly the pairwise metrics' integers, so scores are identical.

use super::{Features, ratio};

/// A title prepared to be scored against many others (see the module documentation).
#[derive(Debug, Clone)]
pub struct Pattern<'a> {
    /// The title.
    pub features: &'a Features,
    /// Its words as a pattern.
    pub(super) words: WordPattern,
}

impl<'a> Pattern<'a> {
    /// The pattern of a title, or `None` when it has more than 64 words (then score it pair
    /// by pair).
    pub fn of(features: &'a Features) -> Option<Self> {
        Some(Pattern {
            features,
            words: WordPattern::of(features)?,
        })
    }
}

/// The most words a [`WordPattern`] holds: one bit per position in a `u64`.
const PATTERN_WORDS: usize = 64;

/// A title's word sequence as a pattern: for each distinct word, the positions it holds, as
/// bits. Only for titles of at most 64 words (one bit per position); longer ones are scored
/// pair by pair.
#[derive(Debug, Clone)]
pub(super) struct WordPattern {
    /// Open addressing by the word id's low bits: `(word, positions)`, empty where the
    /// positions are 0 (a present word holds at least one).
    slots: Box<[(u64, u64)]>,
    /// `slots.len() - 1` (a power of two less one).
    mask: usize,
    /// Words in the sequence.
    len: usize,
    /// Distinct words.
    distinct: usize,
}

impl WordPattern {
    /// The pattern of a title, or `None` when it has more words than bits in a `u64`.
    pub(super) fn of(title: &Features) -> Option<Self> {
        let sequence = title.sequence();
        if sequence.len() > PATTERN_WORDS {
            return None;
        }
        let size = (2 * title.words().len()).next_power_of_two().max(16);
        let mut pattern = WordPattern {
            slots: vec![(0, 0); size].into_boxed_slice(),
            mask: size - 1,
            len: sequence.len(),
            distinct: title.words().len(),
        };
        for (position, &word) in sequence.iter().enumerate() {
            let slot = pattern.slot(word);
            pattern.slots[slot] = (word, pattern.slots[slot].1 | 1 << position);
        }
        Some(pattern)
    }

    /// The slot that holds `word`, or the empty one where it would go.
    fn slot(&self, word: u64) -> usize {
        let mut slot = word as usize & self.mask;
        while self.slots[slot].1 != 0 && self.slots[slot].0 != word {
            slot = (slot + 1) & self.mask;
        }
        slot
    }

    /// The positions of `word` in the pattern's sequence, as bits (0: not in it).
    fn positions(&self, word: u64) -> u64 {
        self.slots[self.slot(word)].1
    }

    /// Jaccard index of the two titles' word sets (as [`super::jaccard`]).
    pub(super) fn jaccard(&self, other: &Features) -> f64 {
        let shared = other
            .words()
            .iter()
            .filter(|&&w| self.positions(w) != 0)
            .count();
        ratio(
            shared as f64,
            (self.distinct + other.words().len() - shared) as f64,
            1.0,
        )
    }

    /// Word-sequence edit similarity (as [`super::token_edit`]).
    pub(super) fn token_edit(&self, other: &Features) -> f64 {
        let longer = self.len.max(other.sequence().len());
        if longer == 0 {
            return 1.0;
        }
        1.0 - self.distance(other.sequence()) as f64 / longer as f64
    }

    /// Levenshtein distance from the pattern's sequence to `text`, over words.
    fn distance(&self, text: &[u64]) -> usize {
        if self.len == 0 {
            return text.len();
        }
        let last = 1u64 << (self.len - 1);
        // Vertical deltas down the current column, +1 and −1, as bits; the first column of
        // the table is 0, 1, 2, …: all +1. Bits above the pattern's length never reach it
        // (carries and shifts only move up), so they are left as they fall.
        let (mut plus, mut minus) = (!0u64, 0u64);
        let mut distance = self.len;
        for &word in text {
            let equal = self.positions(word);
            let vertical = equal | minus;
            let horizontal = (((equal & plus).wrapping_add(plus)) ^ plus) | equal;
            let mut up = minus | !(horizontal | plus);
            let mut down = plus & horizontal;
            if up & last != 0 {
                distance += 1;
            } else if down & last != 0 {
                distance -= 1;
            }
            // The first row of the table is 0, 1, 2, …: every step along it is +1.
            up = (up << 1) | 1;
            down <<= 1;
            plus = down | !(vertical | up);
            minus = up & vertical;
        }
        distance
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::Analyzer;
    use crate::metrics::{jaccard, token_edit};
    use proptest::prelude::*;

    #[test]
    fn distances_of_small_cases() {
        let analyzer = Analyzer::default();
        let cases = [
            ("", "", 1.0),
            ("fire in rome", "", 0.0),
            ("fire in rome", "fire rome", 1.0 - 1.0 / 3.0),
            ("a b c d", "d c b a", 0.0),
            ("x a b", "a b x y", 0.25),
            ("rome rome rome", "rome", 1.0 - 2.0 / 3.0),
        ];
        for (a, b, expected) in cases {
            let (a, b) = (analyzer.features_of(a), analyzer.features_of(b));
            let pattern = WordPattern::of(&a).unwrap();
            assert!(
                (pattern.token_edit(&b) - expected).abs() < 1e-12,
                "{a:?} {b:?}"
            );
        }
    }

    #[test]
    fn a_title_over_64_words_has_no_pattern() {
        let analyzer = Analyzer::default();
        let words: Vec<String> = (0..65).map(|i| format!("w{i}")).collect();
        assert!(WordPattern::of(&analyzer.features_of(&words.join(" "))).is_none());
        assert!(WordPattern::of(&analyzer.features_of(&words[..64].join(" "))).is_some());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]
        /// The pattern gives exactly the pairwise metrics, with repeated words, one title
        /// empty, and up to the 64 words a pattern holds.
        #[test]
        fn the_pattern_gives_the_pairwise_metrics(
            a in prop::collection::vec(0u8..12, 0..64),
            b in prop::collection::vec(0u8..12, 0..80),
        ) {
            let analyzer = Analyzer::default();
            let text = |words: &[u8]| {
                words.iter().map(|w| format!("w{w}")).collect::<Vec<_>>().join(" ")
            };
            let (a, b) = (analyzer.features_of(&text(&a)), analyzer.features_of(&text(&b)));
            let pattern = WordPattern::of(&a).unwrap();
            prop_assert_eq!(pattern.token_edit(&b).to_bits(), token_edit(&a, &b).to_bits());
            prop_assert_eq!(pattern.jaccard(&b).to_bits(), jaccard(&a, &b).to_bits());
        }
    }
}
