//! Batch intake: records collapse by exact text while they stream in, and the unique texts
//! are analyzed (on another core while reading, with [`Batch::read_analyzing`]), then
//! collapsed again by normalized text; boilerplate learned from the batch is set aside, and
//! the term weights are refined by the batch.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use xxhash_rust::xxh3::xxh3_64;

use super::ScanOptions;
use super::boilerplate::{self, TitleParts};
use super::time::{self, TimeSpan};
use crate::compare::Comparer;
use crate::features::{Analyzer, Features};
use crate::read::{Location, UnixSeconds};

/// One occurrence of a text in the input.
#[derive(Debug, Clone)]
pub(super) struct Occurrence {
    pub(super) location: Location,
    pub(super) sequence: u64,
    pub(super) existing: bool,
}

/// A byte-unique text and everywhere it occurs.
#[derive(Debug)]
pub(super) struct UniqueText {
    pub(super) text: Arc<str>,
    pub(super) occurrences: Vec<Occurrence>,
    /// When its records were published, of those that say.
    pub(super) span: Option<TimeSpan>,
}

/// The records of a batch, collapsed by exact text as they stream in.
#[derive(Debug, Default)]
pub struct Batch {
    pub(super) texts: Vec<UniqueText>,
    by_hash: FxHashMap<u64, u32>,
    /// Texts whose hash collided with a different earlier text (astronomically rare, but
    /// handled so that no record is ever merged with a different one).
    collisions: FxHashMap<Arc<str>, u32>,
    pub(super) records: u64,
    /// While [`Batch::read_analyzing`] reads: new texts not yet handed to the analysis.
    pending: Vec<Arc<str>>,
    /// While [`Batch::read_analyzing`] reads: where pending texts go.
    analysis: Option<mpsc::Sender<Vec<Arc<str>>>>,
    /// The first texts, analyzed while reading, and (a copy of) the analyzer that analyzed
    /// them: a scan with another one analyzes again.
    analyzed: Option<(Analyzer, AnalyzedTexts)>,
}

impl Batch {
    /// An empty batch.
    pub fn new() -> Self {
        Self::default()
    }

    /// Fill a new batch with `read` (which calls [`Batch::push`]) while another thread
    /// analyzes the unique texts found so far with `comparer`'s analyzer: reading and
    /// collapsing run on one core, so on a machine with more the analysis that
    /// [`scan`](super::scan) needs is mostly done when reading ends. Pass the same `comparer` to [`scan`](super::scan);
    /// with another one, the scan analyzes the texts again.
    pub fn read_analyzing<R>(
        comparer: &Comparer,
        read: impl FnOnce(&mut Batch) -> R,
    ) -> (Batch, R) {
        let analyzer = comparer.analyzer();
        let (sender, texts) = mpsc::channel::<Vec<Arc<str>>>();
        let mut batch = Batch {
            analysis: Some(sender),
            ..Batch::default()
        };
        // Set when reading ends: the analysis stops after its current chunk, and the scan
        // analyzes what is left on every core.
        let done = &AtomicBool::new(false);
        let mut analyzed = AnalyzedTexts::default();
        // On a thread of the pool that analyzes the rest, so its word memo stays warm.
        let result = rayon::in_place_scope(|scope| {
            let analyzed = &mut analyzed;
            scope.spawn(move |_| {
                for chunk in texts.iter().take_while(|_| !done.load(Ordering::Relaxed)) {
                    analyzed.extend(chunk.iter().map(|text| analyze_text(analyzer, text)));
                }
            });
            let reading = Reading {
                batch: &mut batch,
                done,
            };
            read(reading.batch)
        });
        batch.analyzed = Some((analyzer.with_idf(Arc::clone(analyzer.idf())), analyzed));
        (batch, result)
    }

    /// Send the pending texts to the analysis thread, if there is one.
    fn hand_over(&mut self) {
        if let Some(sender) = &self.analysis {
            // The receiver lives until the sender is dropped; a failed send only means the
            // texts are analyzed later, by the scan.
            let _ = sender.send(std::mem::take(&mut self.pending));
        }
    }

    /// Add one record. `existing` marks items of an already published corpus
    /// (`scan --against`): findings among existing items alone are not reported.
    pub fn push(&mut self, location: Location, text: &str, existing: bool) {
        self.push_at(location, text, existing, None);
    }

    /// [`Batch::push`] a record published at `time` (see
    /// [`ScanOptions::time_window`](super::ScanOptions::time_window)), when it is known.
    pub fn push_at(
        &mut self,
        location: Location,
        text: &str,
        existing: bool,
        time: Option<UnixSeconds>,
    ) {
        let occurrence = Occurrence {
            location,
            sequence: self.records,
            existing,
        };
        self.records += 1;
        let hash = xxh3_64(text.as_bytes());
        let slot = match self.by_hash.get(&hash) {
            Some(&i) if &*self.texts[i as usize].text == text => Some(i),
            Some(_) => self.collisions.get(text).copied(),
            None => None,
        };
        match slot {
            Some(i) => {
                let unique = &mut self.texts[i as usize];
                unique.occurrences.push(occurrence);
                unique.span = time::widen(unique.span, time);
            }
            None => {
                let index = self.texts.len() as u32;
                let text: Arc<str> = Arc::from(text);
                if let std::collections::hash_map::Entry::Vacant(entry) = self.by_hash.entry(hash) {
                    entry.insert(index);
                } else {
                    self.collisions.insert(text.clone(), index);
                }
                if self.analysis.is_some() {
                    self.pending.push(text.clone());
                    if self.pending.len() >= ANALYSIS_CHUNK {
                        self.hand_over();
                    }
                }
                self.texts.push(UniqueText {
                    text,
                    occurrences: vec![occurrence],
                    span: time::widen(None, time),
                });
            }
        }
    }

    /// Records pushed so far.
    pub fn records(&self) -> u64 {
        self.records
    }
}

/// Ends the analysis of [`Batch::read_analyzing`] when reading ends, also by a panic (the
/// analysis waits for texts until the batch lets go of its sender).
struct Reading<'a> {
    batch: &'a mut Batch,
    done: &'a AtomicBool,
}

impl Drop for Reading<'_> {
    fn drop(&mut self) {
        self.done.store(true, Ordering::Relaxed);
        self.batch.analysis = None;
        self.batch.pending = Vec::new();
    }
}

/// New unique texts go to the analysis thread of [`Batch::read_analyzing`] this many at a time.
pub(super) const ANALYSIS_CHUNK: usize = 1024;

/// Unique texts analyzed, in order: each one's features and its parts (cut for
/// [`boilerplate`] from the same normalization).
#[derive(Debug, Default)]
struct AnalyzedTexts {
    features: Vec<Features>,
    parts: Vec<TitleParts>,
}

impl AnalyzedTexts {
    fn extend(&mut self, analyzed: impl Iterator<Item = (Features, TitleParts)>) {
        for (features, parts) in analyzed {
            self.features.push(features);
            self.parts.push(parts);
        }
    }
}

/// A text's features and its parts, from one normalization.
fn analyze_text(analyzer: &Analyzer, text: &str) -> (Features, TitleParts) {
    analyzer.features_reading_normalized(text, |normalized| {
        TitleParts::of_normalized(text, normalized)
    })
}

/// The analyzed batch: each unique text's features (weights refined by the batch when
/// asked), and the distinct titles (unique texts grouped by normalized text, in order of
/// first appearance; each entry lists the indexes of its unique texts).
pub(super) struct Analyzed {
    pub(super) features: Vec<Features>,
    pub(super) distinct: Vec<Vec<u32>>,
}

impl Batch {
    /// Analyze every unique text not analyzed while reading, collapse by normalized text,
    /// and refine the term weights with the distinct titles (each counts as one document).
    pub(super) fn analyze(&mut self, comparer: &Comparer, options: &ScanOptions) -> Analyzed {
        let mut analyzed = match self.analyzed.take() {
            Some((by, analyzed)) if by.is_equivalent(comparer.analyzer()) => analyzed,
            _ => AnalyzedTexts::default(),
        };
        let rest: (Vec<Features>, Vec<TitleParts>) = self.texts[analyzed.features.len()..]
            .par_iter()
            .with_min_len(256)
            .map(|t| analyze_text(comparer.analyzer(), &t.text))
            .unzip();
        analyzed.features.extend(rest.0);
        analyzed.parts.extend(rest.1);
        let AnalyzedTexts {
            mut features,
            parts,
        } = analyzed;
        let distinct = distinct_titles(&features);
        if options.boilerplate {
            self.see_through_boilerplate(comparer, &distinct, &parts, &mut features);
        }
        drop(parts);
        if options.refine_weights {
            let mut idf = (**comparer.analyzer().idf()).clone();
            for members in &distinct {
                let head = &features[members[0] as usize];
                idf.add_document(head.language, head.terms.iter().map(|t| t.id));
            }
            features
                .par_iter_mut()
                .with_min_len(256)
                .for_each(|f| f.reweight(&idf));
        }
        Analyzed { features, distinct }
    }
}

impl Batch {
    /// Analyze each distinct title with boilerplate (see [`boilerplate`]) again without it,
    /// keeping its normalized-text id.
    fn see_through_boilerplate(
        &self,
        comparer: &Comparer,
        distinct: &[Vec<u32>],
        parts: &[TitleParts],
        features: &mut [Features],
    ) {
        let heads: Vec<&str> = distinct
            .iter()
            .map(|d| &*self.texts[d[0] as usize].text)
            .collect();
        let head_parts: Vec<&TitleParts> = distinct.iter().map(|d| &parts[d[0] as usize]).collect();
        let stripped = boilerplate::strip_boilerplate(&head_parts, &heads);
        let again: Vec<(usize, Features)> = stripped
            .par_iter()
            .zip(distinct)
            .filter_map(|(text, d)| {
                let head = d[0] as usize;
                let analyzed = boilerplate::features_without(
                    comparer.analyzer(),
                    &features[head],
                    text.as_ref()?,
                )?;
                Some((head, analyzed))
            })
            .collect();
        for (head, analyzed) in again {
            features[head] = analyzed;
        }
    }
}

impl Batch {
    /// Each distinct title's time span: the union of its unique texts' spans.
    pub(super) fn spans_of(&self, distinct: &[Vec<u32>]) -> Vec<Option<TimeSpan>> {
        distinct
            .iter()
            .map(|texts| {
                texts
                    .iter()
                    .filter_map(|&t| self.texts[t as usize].span)
                    .reduce(TimeSpan::union)
            })
            .collect()
    }
}

/// Unique texts grouped by normalized text, in order of first appearance; each entry lists
/// the indexes of its unique texts.
fn distinct_titles(features: &[Features]) -> Vec<Vec<u32>> {
    let mut by_text: FxHashMap<u64, usize> = FxHashMap::default();
    let mut distinct: Vec<Vec<u32>> = Vec::new();
    for (i, f) in features.iter().enumerate() {
        let slot = *by_text.entry(f.text).or_insert_with(|| {
            distinct.push(Vec::new());
            distinct.len() - 1
        });
        distinct[slot].push(i as u32);
    }
    distinct
}
