//! Batch scanning: every group of alike items in a batch, without comparing all pairs.
//!
//! 1. **Collapse** ([`Batch::push`], streaming): byte-identical titles become one text with
//!    all their occurrences (a polled feed is mostly repeats).
//! 2. **Analyze** each unique text once, in parallel (with [`Batch::read_analyzing`], on
//!    another core while records are still being read), and refine the term weights with the
//!    batch itself (each normalized text counts as one document).
//! 3. **Collapse again** by normalized text: `identical` variants become one item.
//! 4. **Candidates** from the prefix-filter index ([`index`]): exactly the pairs whose
//!    IDF-weighted Dice reaches [`ScanOptions::candidate_threshold`].
//! 5. **Verify** every candidate with the full scorer and classifier.
//! 6. **Group** by leader clustering in order of first appearance: an item joins the group of
//!    the earlier *representative* it matches best at `rewrite` or closer, or founds a new
//!    group. Members are only ever compared with the representative, so A~B and B~C cannot
//!    chain two different stories into one group.
//! 7. **Split** each group with two or more `rewrite` members by center clustering over the
//!    pairs inside it (the `center` module): a member that tells another member's story far
//!    better than the representative's goes with it, and the group's center may change.
//!
//! Because only representatives can be joined, the default path indexes only them and probes
//! each title as it comes (steps 4–6 interleaved, one title at a time, its candidates verified
//! in parallel when there are many). When related pairs across groups are wanted, or with
//! [`ScanOptions::exhaustive`], every candidate pair is found and verified first and the same
//! leader rule runs on the result; both give the same groups (a test checks it).
//!
//! 8. **Topics** (optional, [`ScanOptions::topics`]): stories that are different but about
//!    one subject are gathered by average-linkage clustering over the groups ([`topics`]).
//!
//! Output size is linear in the records: a group lists each member once, so 10,000 copies
//! of a line are one group of 10,000, not 50 million pairs.

mod center;
pub mod index;
mod rule;
pub mod topics;

pub use rule::ScanRule;
pub use topics::TopicOptions;

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;
use xxhash_rust::xxh3::xxh3_64;

use crate::classify::Verdict;
use crate::compare::Comparer;
use crate::features::{Analyzer, Features};
use crate::read::Location;
use center::Link;
use index::{Candidate, PrefixJoin, Probe, brute_force_pairs, candidate_pairs};

/// How a scan finds candidates.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct ScanOptions {
    /// The candidate measure's threshold: pairs whose IDF-weighted Dice of content stems is
    /// below it are never scored. 0.3 keeps every pair of the STS headline training split that
    /// the default scorer calls `rewrite` or closer (the lowest has 0.31) and every
    /// original/rewrite pair of the seed page (lowest 0.42); on the English Google News
    /// headlines it finds 99.2 % of the `rewrite` pairs that 0.2 finds, at a fifth of the
    /// candidates.
    pub candidate_threshold: f64,
    /// Compare every pair instead of using the index (slow; for checking the index).
    pub exhaustive: bool,
    /// Refine the background term weights with the batch's own titles.
    pub refine_weights: bool,
    /// Keep `related` pairs (for reports that list them); otherwise only pairs at
    /// `rewrite` or closer are kept, which saves time and memory on large batches.
    pub keep_related: bool,
    /// Gather stories into topics (see [`topics`]); `None` skips the extra pass.
    pub topics: Option<TopicOptions>,
}

impl Default for ScanOptions {
    fn default() -> Self {
        Self {
            candidate_threshold: 0.3,
            exhaustive: false,
            refine_weights: true,
            keep_related: false,
            topics: None,
        }
    }
}

/// Where a scan is, for progress display.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ScanStage {
    /// Analyzing this many unique texts.
    Analyzing(usize),
    /// Indexing and verifying candidates among this many distinct titles.
    Matching(usize),
    /// Grouping with this many verified pairs.
    Grouping(usize),
}

/// One occurrence of a text in the input.
#[derive(Debug, Clone)]
struct Occurrence {
    location: Location,
    sequence: u64,
    existing: bool,
}

/// A byte-unique text and everywhere it occurs.
#[derive(Debug)]
struct UniqueText {
    text: Arc<str>,
    occurrences: Vec<Occurrence>,
}

/// The records of a batch, collapsed by exact text as they stream in.
#[derive(Debug, Default)]
pub struct Batch {
    texts: Vec<UniqueText>,
    by_hash: FxHashMap<u64, u32>,
    /// Texts whose hash collided with a different earlier text (astronomically rare, but
    /// handled so that no record is ever merged with a different one).
    collisions: FxHashMap<Arc<str>, u32>,
    records: u64,
    /// While [`Batch::read_analyzing`] reads: new texts not yet handed to the analysis.
    pending: Vec<Arc<str>>,
    /// While [`Batch::read_analyzing`] reads: where pending texts go.
    analysis: Option<mpsc::Sender<Vec<Arc<str>>>>,
    /// The features of the first texts, analyzed while reading, and (a copy of) the
    /// analyzer that computed them: a scan with another one analyzes again.
    analyzed: Option<(Analyzer, Vec<Features>)>,
}

impl Batch {
    /// An empty batch.
    pub fn new() -> Self {
        Self::default()
    }

    /// Fill a new batch with `read` (which calls [`Batch::push`]) while another thread
    /// analyzes the unique texts found so far with `comparer`'s analyzer: reading and
    /// collapsing run on one core, so on a machine with more the analysis that
    /// [`scan`] needs is mostly done when reading ends. Pass the same `comparer` to [`scan`];
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
        let mut features = Vec::new();
        // On a thread of the pool that analyzes the rest, so its word memo stays warm.
        let result = rayon::in_place_scope(|scope| {
            let features = &mut features;
            scope.spawn(move |_| {
                for chunk in texts.iter().take_while(|_| !done.load(Ordering::Relaxed)) {
                    features.extend(chunk.iter().map(|text| analyzer.features_of(text)));
                }
            });
            let reading = Reading {
                batch: &mut batch,
                done,
            };
            read(reading.batch)
        });
        batch.analyzed = Some((analyzer.with_idf(Arc::clone(analyzer.idf())), features));
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
            Some(i) => self.texts[i as usize].occurrences.push(occurrence),
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
const ANALYSIS_CHUNK: usize = 1024;

/// A record as reports show it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Item {
    /// Where it is.
    pub location: Location,
    /// Its text as read.
    pub title: Arc<str>,
    /// Whether it belongs to the existing corpus (`--against`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub existing: bool,
}

/// A group member and how it relates to the representative.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Member {
    /// The record.
    #[serde(flatten)]
    pub item: Item,
    /// Its verdict against the representative.
    pub verdict: Verdict,
    /// Its combined score against the representative.
    pub score: f64,
}

/// Items that tell the same story.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Group {
    /// 1-based, in order of the representatives' first appearance.
    pub id: usize,
    /// The earliest item of the group's central title: the title that founded the group, or
    /// the center the group was split around (not always the group's earliest title).
    pub representative: Item,
    /// Every other item, in input order.
    pub members: Vec<Member>,
}

impl Member {
    /// The rule this member is reported under (its verdict's rule).
    pub fn rule(&self) -> ScanRule {
        ScanRule::for_verdict(self.verdict).unwrap_or(ScanRule::Related)
    }
}

/// One story of a topic: a group, or a title that is a group of its own.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Story {
    /// The group's id, or `None` for a title without a group.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<usize>,
    /// The group's representative, or the title's first occurrence.
    pub representative: Item,
}

/// Different stories about one subject (at least two stories).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Topic {
    /// 1-based, in order of the first story's first appearance.
    pub id: usize,
    /// Its stories, in order of first appearance.
    pub stories: Vec<Story>,
}

/// A verified pair of titles from different groups, `related` but not the same story.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RelatedPair {
    /// The earlier title's first occurrence.
    pub left: Item,
    /// The later title's first occurrence.
    pub right: Item,
    /// The combined score.
    pub score: f64,
}

/// Counts that every report carries.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ScanSummary {
    /// Records read.
    pub records_read: u64,
    /// Records skipped as invalid (`--skip-invalid`); set by the caller that read them.
    pub records_skipped: u64,
    /// Byte-unique texts.
    pub unique_texts: usize,
    /// Distinct titles after normalization: the items the index compares.
    pub distinct_titles: usize,
    /// Candidate pairs the index produced, each verified with the full scorer. By default
    /// only representatives are indexed, so these are the pairs of each title with the
    /// representatives before it; when related pairs are asked for (or `exhaustive`), all.
    pub candidate_pairs: usize,
    /// Groups of two or more records.
    pub groups: usize,
    /// Group members by their verdict against the representative.
    pub members: BTreeMap<Verdict, u64>,
    /// Verified candidate pairs by verdict (`rewrite` and closer; `related` too when
    /// related pairs were asked for).
    pub pairs: BTreeMap<Verdict, u64>,
    /// Topics of two or more stories, when topics were asked for; not serialized otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub topics: Option<usize>,
    /// Findings a baseline accepted, left out of the report (see [`crate::baseline`]); set
    /// by the caller that applied it. Not serialized when 0.
    #[serde(skip_serializing_if = "is_zero")]
    pub baseline_suppressed: u64,
    /// Baseline entries that matched no finding: what they accepted is gone. Not serialized
    /// when 0.
    #[serde(skip_serializing_if = "is_zero")]
    pub baseline_stale: u64,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

/// Everything a scan found.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ScanReport {
    /// Groups with at least two records, in order of their representatives' first
    /// appearance.
    pub groups: Vec<Group>,
    /// Related pairs across groups.
    pub related: Vec<RelatedPair>,
    /// Topics, when asked for ([`ScanOptions::topics`]).
    pub topics: Vec<Topic>,
    /// The counts.
    pub summary: ScanSummary,
}

/// A verified pair of distinct titles.
#[derive(Debug, Clone, Copy)]
struct Edge {
    left: u32,
    right: u32,
    verdict: Verdict,
    score: f64,
}

/// Scan a batch: collapse, index, verify, group.
///
/// The batch and what the scan derived from it are freed on the thread pool while the
/// caller goes on with the report: a large batch is a million small allocations, and
/// freeing them takes a while. See [`scan_keeping_memory`] to decide that yourself.
pub fn scan(
    batch: Batch,
    comparer: &Comparer,
    options: &ScanOptions,
    progress: &(dyn Fn(ScanStage) + Sync),
) -> ScanReport {
    let (report, memory) = scan_keeping_memory(batch, comparer, options, progress);
    rayon::spawn(move || drop(memory));
    report
}

/// The batch of a finished scan and everything the scan derived from it, held only to be
/// freed: dropping it frees them (on the calling thread), and a process that is about to
/// exit can leave them to the operating system with [`std::mem::forget`].
pub struct ScanMemory {
    _batch: Batch,
    _features: Vec<Features>,
    _distinct: Vec<Vec<u32>>,
    _leaders: Vec<(u32, Option<Edge>)>,
    _edges: Vec<Edge>,
}

/// [`scan`], handing back the memory to free instead of freeing it on the pool: a command
/// that exits after writing the report skips freeing it at all.
pub fn scan_keeping_memory(
    mut batch: Batch,
    comparer: &Comparer,
    options: &ScanOptions,
    progress: &(dyn Fn(ScanStage) + Sync),
) -> (ScanReport, ScanMemory) {
    progress(ScanStage::Analyzing(batch.texts.len()));
    let mut features = match batch.analyzed.take() {
        Some((by, features)) if by.is_equivalent(comparer.analyzer()) => features,
        _ => Vec::new(),
    };
    features.par_extend(
        batch.texts[features.len()..]
            .par_iter()
            .with_min_len(256)
            .map(|t| comparer.analyzer().features_of(&t.text)),
    );
    let distinct = distinct_titles(&features);
    if options.refine_weights {
        let mut idf = (**comparer.analyzer().idf()).clone();
        for members in &distinct {
            let terms = &features[members[0] as usize].terms;
            idf.add_document(terms.iter().map(|t| t.id));
        }
        features
            .par_iter_mut()
            .with_min_len(256)
            .for_each(|f| f.reweight(&idf));
    }
    progress(ScanStage::Matching(distinct.len()));
    let heads: Vec<&Features> = distinct.iter().map(|d| &features[d[0] as usize]).collect();
    let matched = if options.keep_related || options.exhaustive {
        match_all_pairs(&heads, comparer, options)
    } else {
        match_representatives(&heads, comparer, options.candidate_threshold)
    };
    let Matched {
        leaders,
        edges,
        candidates,
    } = matched;
    progress(ScanStage::Grouping(edges.len()));
    let (mut report, group_of_leader) = assemble(&batch, &distinct, &leaders, &edges);
    if let Some(topic_options) = &options.topics {
        let stories = Stories::new(&leaders);
        let topic_of_story =
            topics::topics_of_stories(&heads, &stories.story_of, comparer, topic_options);
        report.topics = collect_topics(
            &batch,
            &distinct,
            &stories,
            &group_of_leader,
            &topic_of_story,
        );
        report.summary.topics = Some(report.topics.len());
    }
    report.summary.records_read = batch.records;
    report.summary.unique_texts = batch.texts.len();
    report.summary.distinct_titles = distinct.len();
    report.summary.candidate_pairs = candidates;
    for edge in &edges {
        *report.summary.pairs.entry(edge.verdict).or_insert(0) += 1;
    }
    drop(heads);
    let memory = ScanMemory {
        _batch: batch,
        _features: features,
        _distinct: distinct,
        _leaders: leaders,
        _edges: edges,
    };
    (report, memory)
}

/// What matching found: each distinct title's leader, the verified pairs, and how many
/// candidate pairs were verified.
struct Matched {
    leaders: Vec<(u32, Option<Edge>)>,
    edges: Vec<Edge>,
    candidates: usize,
}

/// Every candidate pair verified (in parallel), then leaders chosen from the verified pairs:
/// the path for reports that list related pairs, and for `exhaustive` checks.
fn match_all_pairs(heads: &[&Features], comparer: &Comparer, options: &ScanOptions) -> Matched {
    let candidates = if options.exhaustive {
        brute_force_pairs(heads, options.candidate_threshold)
    } else {
        candidate_pairs(heads, options.candidate_threshold)
    };
    let lowest = if options.keep_related {
        Verdict::Related
    } else {
        Verdict::Rewrite
    };
    let edges: Vec<Edge> = candidates
        .par_iter()
        .with_min_len(1024)
        .filter_map(|c: &Candidate| {
            let (left, right) = (heads[c.left as usize], heads[c.right as usize]);
            let (verdict, score) = comparer.verdict_at_least(left, right, lowest)?;
            Some(Edge {
                left: c.left,
                right: c.right,
                verdict,
                score,
            })
        })
        .collect();
    let mut leaders = lead(heads.len(), &edges);
    // The pairs among members are among `edges` already.
    split_by_centers(heads, comparer, options.candidate_threshold, &mut leaders);
    Matched {
        leaders,
        candidates: candidates.len(),
        edges,
    }
}

/// Leaders chosen online: each title, in order, is matched against an index that holds only
/// the representatives before it, and is indexed itself only if it founds a group. It makes
/// the same choice as [`lead`] over all verified pairs (a title only ever joins a
/// representative), while verifying only pairs with a representative; those are the pairs
/// the summary counts.
///
/// To use every core, titles go in blocks: all titles of a block are first probed and
/// verified in parallel against the representatives known when the block starts; then, in
/// order, each is probed against the representatives founded earlier in the same block (a
/// short tail of each posting list) and decided.
fn match_representatives(heads: &[&Features], comparer: &Comparer, threshold: f64) -> Matched {
    const BLOCK: usize = 256;
    let mut join = PrefixJoin::new(heads, threshold);
    let mut probe = Probe::new(heads.len());
    let mut found = Vec::new();
    let mut leaders = Vec::with_capacity(heads.len());
    let mut edges = Vec::new();
    let mut candidates = 0;
    let verify = |left: u32, right: usize| {
        let (verdict, score) =
            comparer.verdict_at_least(heads[left as usize], heads[right], Verdict::Rewrite)?;
        Some(Edge {
            left,
            right: right as u32,
            verdict,
            score,
        })
    };
    for start in (0..heads.len()).step_by(BLOCK) {
        let end = (start + BLOCK).min(heads.len());
        let earlier: Vec<(usize, Vec<Edge>)> = (start..end)
            .into_par_iter()
            // One job per thread: each job allocates probe state as long as the batch.
            .with_min_len(BLOCK / rayon::current_num_threads().max(1))
            .map_init(
                || (Probe::new(heads.len()), Vec::new()),
                |(probe, found), right| {
                    found.clear();
                    join.probe(0, right, probe, found);
                    let verified = found.iter().filter_map(|&l| verify(l, right)).collect();
                    (found.len(), verified)
                },
            )
            .collect();
        for (right, (count, mut verified)) in (start..end).zip(earlier) {
            found.clear();
            join.probe(start, right, &mut probe, &mut found);
            candidates += count + found.len();
            verified.extend(found.iter().filter_map(|&l| verify(l, right)));
            let best = verified
                .iter()
                .max_by(|a, b| a.score.total_cmp(&b.score).then(b.left.cmp(&a.left)))
                .copied();
            match best {
                Some(edge) => leaders.push((edge.left, Some(edge))),
                None => {
                    leaders.push((right as u32, None));
                    join.insert(right);
                }
            }
            edges.extend(verified);
        }
    }
    let (inner, inner_candidates) = split_by_centers(heads, comparer, threshold, &mut leaders);
    edges.extend(inner);
    candidates += inner_candidates;
    Matched {
        leaders,
        edges,
        candidates,
    }
}

/// Re-split every leader group with two or more `rewrite` members by center clustering over
/// the pairs inside it (see [`center`]): its links are each member's pair with the
/// representative and the verified pairs among its `rewrite` members (found by comparing
/// the candidate measure within the group). Near-duplicates of the representative stay
/// with it. Returns the pairs among members it verified and how many candidates it checked.
fn split_by_centers(
    heads: &[&Features],
    comparer: &Comparer,
    threshold: f64,
    leaders: &mut [(u32, Option<Edge>)],
) -> (Vec<Edge>, usize) {
    let splits: Vec<GroupSplit> = followers_by_leader(leaders)
        .par_iter()
        .enumerate()
        .filter(|(_, joined)| {
            joined
                .iter()
                .filter(|(_, e)| e.verdict == Verdict::Rewrite)
                .count()
                >= 2
        })
        .map(|(leader, joined)| split_group(heads, comparer, threshold, leader as u32, joined))
        .collect();
    let mut inner = Vec::new();
    let mut candidates = 0;
    for (roles, verified, checked) in splits {
        for (title, role) in roles {
            leaders[title as usize] = role;
        }
        inner.extend(verified);
        candidates += checked;
    }
    (inner, candidates)
}

/// What [`split_group`] made of one group: each title with its new leader and the edge that
/// joined it, the verified pairs among members, and how many candidates it checked.
type GroupSplit = (Vec<(u32, (u32, Option<Edge>))>, Vec<Edge>, usize);

/// Center clustering of one leader group (the leader, and its followers in order with the
/// edges that joined them). Pairs among `rewrite` members enter with a cheap upper bound of
/// their score and are scored only when center clustering needs them.
fn split_group(
    heads: &[&Features],
    comparer: &Comparer,
    threshold: f64,
    leader: u32,
    joined: &[(u32, Edge)],
) -> GroupSplit {
    let titles: Vec<u32> = std::iter::once(leader)
        .chain(joined.iter().map(|&(follower, _)| follower))
        .collect();
    let features_of = |local: u32| heads[titles[local as usize] as usize];
    let mut links: Vec<Link> = (1..titles.len() as u32)
        .zip(joined)
        .map(|(right, (_, edge))| Link {
            left: 0,
            right,
            strength: edge.score,
            exact: true,
        })
        .collect();
    let rewrites: Vec<u32> = (1..titles.len() as u32)
        .filter(|&local| joined[local as usize - 1].1.verdict == Verdict::Rewrite)
        .collect();
    let features: Vec<&Features> = rewrites.iter().map(|&local| features_of(local)).collect();
    let candidates = brute_force_pairs(&features, threshold);
    links.extend(candidates.iter().map(|c| {
        let (left, right) = (rewrites[c.left as usize], rewrites[c.right as usize]);
        Link {
            left,
            right,
            strength: comparer
                .weights()
                .score_ceiling(features_of(left), features_of(right)),
            exact: false,
        }
    }));
    let mut edges: Vec<Option<Edge>> = joined.iter().map(|&(_, edge)| Some(edge)).collect();
    edges.resize(links.len(), None);
    let joined_by = center::centers(titles.len(), &links, |index| {
        let link = &links[index];
        let (verdict, score) = comparer.verdict_at_least(
            features_of(link.left),
            features_of(link.right),
            Verdict::Rewrite,
        )?;
        edges[index] = Some(Edge {
            left: titles[link.left as usize],
            right: titles[link.right as usize],
            verdict,
            score,
        });
        Some(score)
    });
    let roles = joined_by
        .into_iter()
        .enumerate()
        .map(|(local, joined_by)| {
            let title = titles[local];
            match joined_by.and_then(|index| edges[index]) {
                None => (title, (title, None)),
                Some(edge) => {
                    let center = if edge.left == title {
                        edge.right
                    } else {
                        edge.left
                    };
                    (title, (center, Some(edge)))
                }
            }
        })
        .collect();
    let inner = edges
        .split_off(joined.len())
        .into_iter()
        .flatten()
        .collect();
    (roles, inner, candidates.len())
}

/// For each title, the titles that follow it (in order) and the edges that joined them.
fn followers_by_leader(leaders: &[(u32, Option<Edge>)]) -> Vec<Vec<(u32, Edge)>> {
    let mut followers = vec![Vec::new(); leaders.len()];
    for (title, (leader, joined)) in leaders.iter().enumerate() {
        if let Some(edge) = joined {
            followers[*leader as usize].push((title as u32, *edge));
        }
    }
    followers
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

/// For each distinct title, its leader and the edge that joined it (`None` for leaders).
/// An item joins the earlier leader it matches best at `rewrite` or closer.
fn lead(count: usize, edges: &[Edge]) -> Vec<(u32, Option<Edge>)> {
    let mut by_right: Vec<Vec<Edge>> = vec![Vec::new(); count];
    for edge in edges.iter().filter(|e| e.verdict >= Verdict::Rewrite) {
        by_right[edge.right as usize].push(*edge);
    }
    let mut leaders: Vec<(u32, Option<Edge>)> = Vec::with_capacity(count);
    for (item, candidates) in by_right.iter().enumerate() {
        let best = candidates
            .iter()
            .filter(|e| leaders[e.left as usize].1.is_none())
            .max_by(|a, b| a.score.total_cmp(&b.score).then(b.left.cmp(&a.left)));
        leaders.push(match best {
            Some(edge) => (edge.left, Some(*edge)),
            None => (item as u32, None),
        });
    }
    leaders
}

/// Stories (groups and lone titles) as dense indexes, in order of first appearance.
struct Stories {
    /// The story of each distinct title.
    story_of: Vec<u32>,
    /// The leading distinct title of each story.
    leader_of: Vec<u32>,
}

impl Stories {
    fn new(leaders: &[(u32, Option<Edge>)]) -> Self {
        let mut story_of_leader = vec![u32::MAX; leaders.len()];
        let mut leader_of = Vec::new();
        for (title, (_, joined)) in leaders.iter().enumerate() {
            if joined.is_none() {
                story_of_leader[title] = leader_of.len() as u32;
                leader_of.push(title as u32);
            }
        }
        let story_of = leaders
            .iter()
            .map(|(leader, _)| story_of_leader[*leader as usize])
            .collect();
        Self {
            story_of,
            leader_of,
        }
    }
}

/// Topics of two or more stories, at least one of them with a new record.
fn collect_topics(
    batch: &Batch,
    distinct: &[Vec<u32>],
    stories: &Stories,
    group_of_leader: &[Option<usize>],
    topic_of_story: &[u32],
) -> Vec<Topic> {
    let mut by_topic: BTreeMap<u32, Vec<Story>> = BTreeMap::new();
    for (story, &topic) in topic_of_story.iter().enumerate() {
        let leader = stories.leader_of[story] as usize;
        let head = &batch.texts[distinct[leader][0] as usize];
        by_topic.entry(topic).or_default().push(Story {
            group: group_of_leader[leader],
            representative: item(head, &head.occurrences[0]),
        });
    }
    let mut topics = Vec::new();
    for (_, stories) in by_topic {
        let any_new = stories
            .iter()
            .any(|s| s.group.is_some() || !s.representative.existing);
        if stories.len() >= 2 && any_new {
            topics.push(Topic {
                id: topics.len() + 1,
                stories,
            });
        }
    }
    topics
}

fn item(text: &UniqueText, occurrence: &Occurrence) -> Item {
    Item {
        location: occurrence.location.clone(),
        title: text.text.clone(),
        existing: occurrence.existing,
    }
}

/// Turn leaders into groups of records, dropping groups of one record and groups that hold
/// only existing records. Also returns each leading title's group id, if it has a group.
fn assemble(
    batch: &Batch,
    distinct: &[Vec<u32>],
    leaders: &[(u32, Option<Edge>)],
    edges: &[Edge],
) -> (ScanReport, Vec<Option<usize>>) {
    let mut group_of_leader = vec![None; leaders.len()];
    let followers = followers_by_leader(leaders);
    // Each group is built on its own (in parallel: a large feed has a million records to
    // place), then numbered in order.
    let built: Vec<(usize, Item, Vec<Member>)> = leaders
        .par_iter()
        .enumerate()
        .with_min_len(1024)
        .filter(|(_, (_, joined))| joined.is_none())
        .filter_map(|(leader, _)| {
            let (representative, members) =
                group_records(batch, &distinct[leader], &followers[leader], distinct)?;
            Some((leader, representative, members))
        })
        .collect();
    let mut report = ScanReport::default();
    for (leader, representative, members) in built {
        for member in &members {
            *report.summary.members.entry(member.verdict).or_insert(0) += 1;
        }
        group_of_leader[leader] = Some(report.groups.len() + 1);
        report.groups.push(Group {
            id: report.groups.len() + 1,
            representative,
            members,
        });
    }
    report.summary.groups = report.groups.len();
    let group_of = |title: u32| leaders[title as usize].0;
    for edge in edges.iter().filter(|e| e.verdict == Verdict::Related) {
        if group_of(edge.left) == group_of(edge.right) {
            continue;
        }
        let left = &batch.texts[distinct[edge.left as usize][0] as usize];
        let right = &batch.texts[distinct[edge.right as usize][0] as usize];
        let (l, r) = (&left.occurrences[0], &right.occurrences[0]);
        if l.existing && r.existing {
            continue;
        }
        report.related.push(RelatedPair {
            left: item(left, l),
            right: item(right, r),
            score: edge.score,
        });
    }
    (report, group_of_leader)
}

/// The records of one leader's group: its representative and its members in input order,
/// or `None` when the group holds a single record or only existing ones. `texts` are the
/// leader's unique texts, `followers` the titles that joined it.
fn group_records(
    batch: &Batch,
    texts: &[u32],
    followers: &[(u32, Edge)],
    distinct: &[Vec<u32>],
) -> Option<(Item, Vec<Member>)> {
    let head = &batch.texts[texts[0] as usize];
    let representative = &head.occurrences[0];
    let records = |text_indexes: &[u32]| -> usize {
        text_indexes
            .iter()
            .map(|&t| batch.texts[t as usize].occurrences.len())
            .sum()
    };
    let count = records(texts)
        + followers
            .iter()
            .map(|(follower, _)| records(&distinct[*follower as usize]))
            .sum::<usize>();
    let mut members: Vec<(u64, Member)> = Vec::with_capacity(count);
    for &text_index in texts {
        let text = &batch.texts[text_index as usize];
        let verdict = if std::ptr::eq(text, head) {
            Verdict::Exact
        } else {
            Verdict::Identical
        };
        for occurrence in &text.occurrences {
            if occurrence.sequence != representative.sequence {
                let member = Member {
                    item: item(text, occurrence),
                    verdict,
                    score: 1.0,
                };
                members.push((occurrence.sequence, member));
            }
        }
    }
    for (follower, edge) in followers {
        for &text_index in &distinct[*follower as usize] {
            let text = &batch.texts[text_index as usize];
            for occurrence in &text.occurrences {
                let member = Member {
                    item: item(text, occurrence),
                    verdict: edge.verdict,
                    score: edge.score,
                };
                members.push((occurrence.sequence, member));
            }
        }
    }
    let any_new = !representative.existing || members.iter().any(|(_, m)| !m.item.existing);
    if members.is_empty() || !any_new {
        return None;
    }
    members.sort_by_key(|(sequence, _)| *sequence);
    Some((
        item(head, representative),
        members.into_iter().map(|(_, m)| m).collect(),
    ))
}

#[cfg(test)]
mod tests;
