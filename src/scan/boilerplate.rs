//! Feed boilerplate, learned from the batch: text that recurs across many distinct titles of
//! one source is not evidence that two titles tell the same story.
//!
//! Live blogs repeat their series title after every entry ("… – Senaste nytt om kriget
//! mellan Iran, USA och Israel"), desks put a column name before theirs ("DN Direkt - …",
//! "Stock Market Today: …"), and report templates fill slots around fixed words
//! ("07 september 13.57, Farligt föremål, misstänkt, Hörby"). Two entries of such a series
//! share those words whatever they report; what tells the events apart is the part that
//! varies.
//!
//! A title is cut into *segments* at the separators headlines use between their parts
//! (`:`, `|`, `;`, `,`, and a dash between spaces). A segment of two or more words that
//! recurs, as the same normalized text, in at least [`MIN_TITLES`] distinct titles of one
//! source is boilerplate for that source. The source is the outlet the normalizer stripped
//! from the end of the title (`" - SVT Nyheter"`), or none. A title with boilerplate is
//! compared by its other segments; reports still show the whole title. A title made only of
//! boilerplate keeps it all: there is nothing else to compare it by.

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use xxhash_rust::xxh3::xxh3_64;

use crate::features::{Analyzer, Features};
use crate::normalize::Normalized;

/// How many distinct titles of one source must share a segment before it counts as
/// boilerplate. A reworded headline rarely keeps a whole part three times over, while a
/// series title or template repeats in every entry.
pub const MIN_TITLES: u32 = 4;

/// Each title's parts that are not boilerplate, joined with `" - "`, as original text; `None`
/// where a title has no boilerplate (or only boilerplate). `parts` are the titles' parts
/// ([`TitleParts::of`]), in the same order.
pub(super) fn strip_boilerplate(parts: &[&TitleParts], titles: &[&str]) -> Vec<Option<String>> {
    let mut counts: FxHashMap<(u64, u64), u32> = FxHashMap::default();
    for title in parts {
        for key in title.counted() {
            *counts.entry(key).or_insert(0) += 1;
        }
    }
    let is_boilerplate = |key: (u64, u64)| counts.get(&key).copied().unwrap_or(0) >= MIN_TITLES;
    parts
        .par_iter()
        .zip(titles)
        .with_min_len(256)
        .map(|(title, text)| title.without(text, is_boilerplate))
        .collect()
}

/// The `(source, segment)` keys of one title that a batch counts over its distinct titles
/// to learn its boilerplate: a key counted in at least [`MIN_TITLES`] titles is boilerplate.
/// For a distributed run, which counts them across machines (see [`crate::distributed`]).
pub fn segment_keys(analyzer: &Analyzer, text: &str) -> Vec<(u64, u64)> {
    TitleParts::of(analyzer, text).counted().collect()
}

/// What the scan strips from one title, given the batch's boilerplate keys (those of
/// [`segment_keys`] counted often enough): the title's other parts, or `None`.
pub fn strip_segments(
    analyzer: &Analyzer,
    text: &str,
    is_boilerplate: impl Fn((u64, u64)) -> bool,
) -> Option<String> {
    TitleParts::of(analyzer, text).without(text, is_boilerplate)
}

/// The features a title is compared by once `stripped` (its text without boilerplate, as
/// the scan cuts it, or [`strip_segments`] does) is known: those of `stripped`, keeping the
/// whole title's normalized-text id and how its language was decided; `None` when `stripped`
/// reads as another language than `whole` (the features of the whole title), which then
/// keeps its boilerplate: a shorter text can read as another language (or none), and the
/// whole title's language decides.
pub fn features_without(analyzer: &Analyzer, whole: &Features, stripped: &str) -> Option<Features> {
    let mut analyzed = analyzer.features_of(stripped);
    if analyzed.language != whole.language {
        return None;
    }
    analyzed.text = whole.text;
    analyzed.language_source = whole.language_source;
    Some(analyzed)
}

/// One part of a title between separators.
#[derive(Debug)]
struct Segment {
    /// Hash of its normalized text.
    key: u64,
    /// How many words it has.
    words: usize,
    /// Its byte range in the original title.
    original: std::ops::Range<usize>,
}

/// A title's source and segments.
#[derive(Debug)]
pub(super) struct TitleParts {
    source: u64,
    segments: Vec<Segment>,
}

impl TitleParts {
    /// The keys of the segments that can be boilerplate (two or more words).
    fn counted(&self) -> impl Iterator<Item = (u64, u64)> + '_ {
        self.segments
            .iter()
            .filter(|s| s.words >= 2)
            .map(|s| (self.source, s.key))
    }

    /// `text` (this title's original) without its boilerplate segments, the others joined
    /// with `" - "`; `None` when it has none, or nothing else.
    fn without(&self, text: &str, is_boilerplate: impl Fn((u64, u64)) -> bool) -> Option<String> {
        let kept: Vec<&Segment> = self
            .segments
            .iter()
            .filter(|s| s.words < 2 || !is_boilerplate((self.source, s.key)))
            .collect();
        if kept.len() == self.segments.len() || kept.is_empty() {
            return None;
        }
        let pieces: Vec<&str> = kept
            .iter()
            .map(|s| text.get(s.original.clone()).unwrap_or("").trim())
            .collect();
        Some(pieces.join(" - "))
    }

    /// The parts of `text`, normalized by `analyzer`.
    pub(super) fn of(analyzer: &Analyzer, text: &str) -> Self {
        Self::of_normalized(text, &analyzer.normalize(text))
    }

    /// The parts of `text`, given its normalized form.
    pub(super) fn of_normalized(text: &str, normalized: &Normalized) -> Self {
        let body = normalized.as_str();
        let covered = normalized.original_range(0..body.len());
        let outlet = text
            .get(covered.end..)
            .unwrap_or("")
            .trim_start_matches([' ', '-', '|', '–', '—'])
            .trim();
        let source = xxh3_64(outlet.to_lowercase().as_bytes());
        let mut segments = Vec::new();
        let mut start = 0;
        for (at, len) in separators(body).chain(std::iter::once((body.len(), 0))) {
            let piece = body[start..at].trim();
            if !piece.is_empty() {
                let offset = start + (body[start..at].len() - body[start..at].trim_start().len());
                let range = normalized.original_range(offset..offset + piece.len());
                segments.push(Segment {
                    key: xxh3_64(piece.as_bytes()),
                    words: piece.split_whitespace().count(),
                    original: range,
                });
            }
            start = at + len;
        }
        Self { source, segments }
    }
}

/// Where a normalized title's parts are separated: `(byte offset, length)` of each
/// separator, in order.
fn separators(body: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let bytes = body.as_bytes();
    body.char_indices().filter_map(move |(at, ch)| match ch {
        ':' | '|' | ';' | ',' => Some((at, ch.len_utf8())),
        '-' if at > 0 && bytes.get(at - 1) == Some(&b' ') && bytes.get(at + 1) == Some(&b' ') => {
            Some((at, 1))
        }
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stripped(titles: &[&str]) -> Vec<Option<String>> {
        let analyzer = Analyzer::default();
        let parts: Vec<TitleParts> = titles
            .iter()
            .map(|t| TitleParts::of(&analyzer, t))
            .collect();
        strip_boilerplate(&parts.iter().collect::<Vec<_>>(), titles)
    }

    #[test]
    fn a_live_blog_series_title_is_boilerplate_for_its_source() {
        let titles = [
            "Explosion reported in Tehran – Latest news on the war in the region - Metro Daily",
            "Ceasefire talks resume in Doha – Latest news on the war in the region - Metro Daily",
            "Oil tanker hit near Hormuz – Latest news on the war in the region - Metro Daily",
            "Airports close across the Gulf – Latest news on the war in the region - Metro Daily",
        ];
        let out = stripped(&titles);
        assert_eq!(out[0].as_deref(), Some("Explosion reported in Tehran"));
        assert_eq!(out[3].as_deref(), Some("Airports close across the Gulf"));
    }

    #[test]
    fn the_same_words_from_another_source_are_kept() {
        let mut titles = vec![
            "Explosion reported in Tehran – Latest news on the war in the region - Metro Daily";
            1
        ];
        titles.extend([
            "Ceasefire talks resume in Doha – Latest news on the war in the region - Metro Daily",
            "Oil tanker hit near Hormuz – Latest news on the war in the region - Metro Daily",
            "Airports close across the Gulf – Latest news on the war in the region - City Post",
        ]);
        // Three titles of one source: below the bar.
        assert!(stripped(&titles).iter().all(Option::is_none));
    }

    #[test]
    fn a_report_template_keeps_the_slots_that_vary() {
        let titles = [
            "07 september 13.57, Suspicious object, evacuated, Hörby - Police Reports",
            "08 september 09.10, Suspicious object, evacuated, Malmö - Police Reports",
            "09 september 22.41, Suspicious object, evacuated, Lund - Police Reports",
            "10 september 06.02, Suspicious object, evacuated, Ystad - Police Reports",
        ];
        let out = stripped(&titles);
        assert_eq!(
            out[0].as_deref(),
            Some("07 september 13.57 - evacuated - Hörby")
        );
    }

    #[test]
    fn ordinary_headlines_have_no_boilerplate() {
        let titles = [
            "Trump sends hospital ship to Greenland after Denmark helped evacuate US Navy sailor",
            "Trump deploys hospital ship to Greenland following Denmark's rescue of Navy sailor",
            "Vanderbilt to stop offering transgender surgery for adults",
            "TSA says PreCheck still operational amid partial government shutdown",
        ];
        assert!(stripped(&titles).iter().all(Option::is_none));
    }

    proptest::proptest! {
        /// Any text, however its separators and multi-byte characters fall, is cut without a
        /// panic, and what is kept is the title's own text.
        #[test]
        fn any_titles_are_cut_without_panicking(
            parts in proptest::collection::vec("[a-zä–—:|,; -]{0,12}", 1..6),
        ) {
            let title = parts.join(" - ");
            let titles = vec![title.as_str(); 5];
            for kept in stripped(&titles).into_iter().flatten() {
                for piece in kept.split(" - ") {
                    proptest::prop_assert!(title.contains(piece.trim()));
                }
            }
        }
    }
}
