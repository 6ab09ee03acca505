//! Word diff: which words one title dropped, added or kept relative to the other.
//!
//! The diff runs on the normalized text, split at Unicode word boundaries
//! (unicode-segmentation), so case, quotes and dashes never show up as edits; each operation
//! then carries the *original* text of its words, so the reader sees what each feed said.
//! The sequences are compared with `similar` (Myers' algorithm). A stripped kicker or outlet
//! suffix is not part of the diff: it never took part in the comparison.

use serde::Serialize;
use similar::{Algorithm, DiffTag, capture_diff_slices};
use unicode_segmentation::UnicodeSegmentation;

use crate::features::Title;

/// One run of a word diff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum DiffOp {
    /// Words both titles have; `left` and `right` may differ in case or punctuation.
    Equal {
        /// The words as the left title wrote them.
        left: String,
        /// The words as the right title wrote them.
        right: String,
    },
    /// Words only the left title has.
    Delete {
        /// The words as the left title wrote them.
        left: String,
    },
    /// Words only the right title has.
    Insert {
        /// The words as the right title wrote them.
        right: String,
    },
}

/// A word diff from a left title to a right one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct WordDiff {
    /// The runs, in reading order; no two adjacent runs have the same kind.
    pub ops: Vec<DiffOp>,
}

impl WordDiff {
    /// How many runs were deleted or inserted.
    pub fn edits(&self) -> usize {
        self.ops
            .iter()
            .filter(|op| !matches!(op, DiffOp::Equal { .. }))
            .count()
    }
}

/// A segment of normalized text and the original text it stands for.
struct Segment<'a> {
    normalized: &'a str,
    original: &'a str,
}

/// Split a title into word-boundary segments (words, spaces, punctuation), each with the
/// original text up to the next segment, so nothing between them is lost.
fn segments(title: &Title) -> Vec<Segment<'_>> {
    let text = title.normalized.as_str();
    let bounds: Vec<(usize, &str)> = text.split_word_bound_indices().collect();
    let starts: Vec<usize> = bounds
        .iter()
        .map(|(at, s)| title.normalized.original_range(*at..at + s.len()).start)
        .collect();
    let end = title.normalized.original_range(0..text.len()).end;
    bounds
        .iter()
        .enumerate()
        .map(|(i, (_, s))| {
            let to = starts.get(i + 1).copied().unwrap_or(end).max(starts[i]);
            Segment {
                normalized: s,
                original: title.original.get(starts[i]..to).unwrap_or(""),
            }
        })
        .collect()
}

/// The word diff from `left` to `right`.
pub fn diff(left: &Title, right: &Title) -> WordDiff {
    let old = segments(left);
    let new = segments(right);
    let old_keys: Vec<&str> = old.iter().map(|s| s.normalized).collect();
    let new_keys: Vec<&str> = new.iter().map(|s| s.normalized).collect();
    let mut out = WordDiff::default();
    for op in capture_diff_slices(Algorithm::Myers, &old_keys, &new_keys) {
        let (tag, old_range, new_range) = op.as_tag_tuple();
        let left_text: String = old[old_range].iter().map(|s| s.original).collect();
        let right_text: String = new[new_range].iter().map(|s| s.original).collect();
        match tag {
            DiffTag::Equal => push(
                &mut out,
                DiffOp::Equal {
                    left: left_text,
                    right: right_text,
                },
            ),
            DiffTag::Delete => push(&mut out, DiffOp::Delete { left: left_text }),
            DiffTag::Insert => push(&mut out, DiffOp::Insert { right: right_text }),
            DiffTag::Replace => {
                push(&mut out, DiffOp::Delete { left: left_text });
                push(&mut out, DiffOp::Insert { right: right_text });
            }
        }
    }
    absorb_separators(out)
}

/// Fold a run of spaces or punctuation that sits between two edits into them, so a reworded
/// stretch reads as one replacement instead of word-by-word alternation.
fn absorb_separators(diff: WordDiff) -> WordDiff {
    let is_edit = |op: Option<&DiffOp>| op.is_some_and(|op| !matches!(op, DiffOp::Equal { .. }));
    let mut out = WordDiff::default();
    for (i, op) in diff.ops.iter().enumerate() {
        match op {
            DiffOp::Equal { left, right }
                if !left.chars().any(char::is_alphanumeric)
                    && is_edit(out.ops.last())
                    && is_edit(diff.ops.get(i + 1)) =>
            {
                push(&mut out, DiffOp::Delete { left: left.clone() });
                push(
                    &mut out,
                    DiffOp::Insert {
                        right: right.clone(),
                    },
                );
            }
            op => push(&mut out, op.clone()),
        }
    }
    out
}

/// Append `op`, merging it into the previous run of the same kind. A delete directly after an
/// insert goes before it, so a replacement always reads delete-then-insert.
fn push(diff: &mut WordDiff, op: DiffOp) {
    match (diff.ops.last_mut(), op) {
        (Some(DiffOp::Equal { left, right }), DiffOp::Equal { left: l, right: r }) => {
            left.push_str(&l);
            right.push_str(&r);
        }
        (Some(DiffOp::Delete { left }), DiffOp::Delete { left: l }) => left.push_str(&l),
        (Some(DiffOp::Insert { right }), DiffOp::Insert { right: r }) => right.push_str(&r),
        (Some(DiffOp::Insert { .. }), DiffOp::Delete { left: l }) => {
            let position = diff.ops.len() - 1;
            match diff.ops.get_mut(position.wrapping_sub(1)) {
                Some(DiffOp::Delete { left }) => left.push_str(&l),
                _ => diff.ops.insert(position, DiffOp::Delete { left: l }),
            }
        }
        (_, op) => diff.ops.push(op),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::Analyzer;

    fn word_diff(a: &str, b: &str) -> WordDiff {
        let analyzer = Analyzer::default();
        diff(&analyzer.analyze(a), &analyzer.analyze(b))
    }

    fn sides(d: &WordDiff) -> (String, String) {
        let mut left = String::new();
        let mut right = String::new();
        for op in &d.ops {
            match op {
                DiffOp::Equal { left: l, right: r } => {
                    left.push_str(l);
                    right.push_str(r);
                }
                DiffOp::Delete { left: l } => left.push_str(l),
                DiffOp::Insert { right: r } => right.push_str(r),
            }
        }
        (left, right)
    }

    #[test]
    fn identical_titles_are_one_equal_run() {
        let d = word_diff("Fire in Rome", "Fire in Rome");
        assert_eq!(d.ops.len(), 1);
        assert_eq!(d.edits(), 0);
    }

    #[test]
    fn empty_titles_have_no_runs() {
        assert!(word_diff("", "").ops.is_empty());
        let d = word_diff("", "Fire");
        assert_eq!(
            d.ops,
            [DiffOp::Insert {
                right: "Fire".into()
            }]
        );
    }

    #[test]
    fn diff_shows_original_text_and_ignores_typography() {
        let left = "Man shot outside of Mar-a-Lago, agency says";
        let right = "Man shot outside of Mar\u{2011}a\u{2011}Lago";
        let d = word_diff(left, right);
        let (l, r) = sides(&d);
        assert_eq!(l, left);
        assert_eq!(r, right);
        assert_eq!(d.edits(), 1);
        assert!(matches!(&d.ops[1], DiffOp::Delete { left } if left == ", agency says"));
    }

    #[test]
    fn a_reworded_stretch_is_one_replacement() {
        let d = word_diff(
            "Trump sends big hospital ship",
            "Trump deploys a hospital ship",
        );
        assert_eq!(d.edits(), 2, "{d:?}");
        assert!(matches!(&d.ops[1], DiffOp::Delete { left } if left == "sends big"));
        assert!(matches!(&d.ops[2], DiffOp::Insert { right } if right == "deploys a"));
    }

    #[test]
    fn replacement_reads_delete_then_insert() {
        let d = word_diff("Trump sends hospital ship", "Trump deploys hospital ship");
        assert!(matches!(&d.ops[1], DiffOp::Delete { left } if left == "sends"));
        assert!(matches!(&d.ops[2], DiffOp::Insert { right } if right == "deploys"));
    }

    #[test]
    fn works_on_cjk_emoji_and_rtl() {
        for (a, b) in [
            ("東京で地震", "大阪で地震"),
            ("🔥 fire", "🔥 flood"),
            ("مرحبا بالعالم", "مرحبا"),
        ] {
            let d = word_diff(a, b);
            assert_eq!(sides(&d), (a.to_owned(), b.to_owned()));
        }
    }
}
