//! Batch scanning: every group of items that tell one story, without comparing all pairs.
//!
//! 1. **Collapse** ([`Batch::push`], streaming): byte-identical titles become one text with
//!    all their occurrences (a polled feed is mostly repeats).
//! 2. **Analyze** each unique text once, in parallel (with [`Batch::read_analyzing`], on
//!    another core while records are still being read), and refine the term weights with the
//!    batch itself (each normalized text counts as one document).
//! 3. **Collapse again** by normalized text: `identical` variants become one distinct title;
//!    text that a source repeats across many distinct titles ([`boilerplate`]) is set aside.
//! 4. **Candidates** from the prefix-filter index ([`index`]): exactly the pairs whose
//!    IDF-weighted Dice reaches [`ScanOptions::candidate_threshold`].
//! 5. **Verify** every candidate with the full scorer and classifier (`matching`); a pair
//!    whose combined score reaches the link threshold is an edge of the same-story graph.
//! 6. **Cluster** the graph, one connected component at a time, by average linkage with a
//!    cohesion guard ([`cluster`]); each group's representative is its most central title.
//! 7. **Assemble** the report: each group's records with their verdicts against the
//!    representative, related pairs across groups, and the counts.
//!
//! [`ScanOptions::exhaustive`] compares every pair instead of using the index; both give the
//! same groups (a test checks it).
//!
//! 8. **Topics** (optional, [`ScanOptions::topics`]): stories that are different but about
//!    one subject are gathered by average-linkage clustering over the stories ([`topics`]).
//!
//! Output size is linear in the records: a group lists each member once, so 10,000 copies
//! of a line are one group of 10,000, not 50 million pairs.

mod assemble;
mod batch;
pub mod boilerplate;
pub mod cluster;
pub mod index;
mod linkage;
mod matching;
mod result;
mod rule;
mod time;
pub mod topics;

pub use batch::Batch;
pub use cluster::ClusterOptions;
pub use result::{Group, Item, Member, RelatedPair, ScanReport, ScanSummary, Story, Topic};
pub use rule::ScanRule;
pub use topics::TopicOptions;

use serde::Serialize;

use crate::classify::Verdict;
use crate::compare::Comparer;
use crate::features::Features;
use assemble::Grouped;
use matching::{VerifiedPair, verify_candidates};

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
    /// Compare titles without the boilerplate their source repeats (see [`boilerplate`]).
    pub boilerplate: bool,
    /// Report `related` pairs across groups.
    pub keep_related: bool,
    /// Seconds: two titles whose publication times are further apart are never linked as
    /// one story unless one is a copy of the other (`near-duplicate` or closer); see
    /// the private `scan::time` module and [`Batch::push_at`]. Titles without a time are
    /// compared with all. `None`: no window. Default three days, the longest a feed's
    /// updates of one event were seen to run in the labeled feed windows ("casualty or
    /// forecast updates of one disaster over a day or two").
    pub time_window: Option<u64>,
    /// How verified pairs become story groups (see [`cluster`]).
    pub grouping: ClusterOptions,
    /// Gather stories into topics (see [`topics`]); `None` skips the extra pass.
    pub topics: Option<TopicOptions>,
}

impl Default for ScanOptions {
    fn default() -> Self {
        Self {
            candidate_threshold: 0.3,
            exhaustive: false,
            refine_weights: true,
            boilerplate: true,
            keep_related: false,
            time_window: Some(DEFAULT_TIME_WINDOW),
            grouping: ClusterOptions::default(),
            topics: None,
        }
    }
}

/// [`ScanOptions::time_window`]'s default: three days.
pub const DEFAULT_TIME_WINDOW: u64 = 3 * 24 * 3600;

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

/// Scan a batch: collapse, index, verify, cluster.
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
    _pairs: Vec<VerifiedPair>,
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
    let analyzed = batch.analyze(comparer, options);
    let (features, distinct) = (analyzed.features, analyzed.distinct);
    progress(ScanStage::Matching(distinct.len()));
    let heads: Vec<&Features> = distinct.iter().map(|d| &features[d[0] as usize]).collect();
    let spans = batch.spans_of(&distinct);
    let verified = verify_candidates(&heads, &spans, comparer, options);
    drop(spans);
    progress(ScanStage::Grouping(verified.pairs.len()));
    let edges: Vec<cluster::StoryEdge> = verified.pairs.iter().map(VerifiedPair::edge).collect();
    let clusters = stories_of(
        heads.len(),
        cluster::cluster_graph(heads.len(), &edges, &options.grouping),
    );
    drop(edges);
    let grouped = Grouped {
        batch: &batch,
        distinct: &distinct,
        heads: &heads,
        clusters: &clusters,
        pairs: &verified.pairs,
    };
    let (mut report, group_of_cluster) = grouped.assemble(comparer, options.keep_related);
    if let Some(topic_options) = &options.topics {
        let story_of = assemble::story_of_titles(heads.len(), &clusters);
        let topic_of_story = topics::topics_of_stories(&heads, &story_of, comparer, topic_options);
        report.topics = grouped.topics(&group_of_cluster, &topic_of_story);
        report.summary.topics = Some(report.topics.len());
    }
    report.summary.records_read = batch.records;
    report.summary.unique_texts = batch.texts.len();
    report.summary.distinct_titles = distinct.len();
    report.summary.candidate_pairs = verified.candidates;
    report.summary.pairs_apart_in_time = verified.apart_in_time as u64;
    let lowest = if options.keep_related {
        Verdict::Related
    } else {
        Verdict::Rewrite
    };
    for pair in verified.pairs.iter().filter(|p| p.verdict >= lowest) {
        *report.summary.pairs.entry(pair.verdict).or_insert(0) += 1;
    }
    drop(heads);
    let memory = ScanMemory {
        _batch: batch,
        _features: features,
        _distinct: distinct,
        _pairs: verified.pairs,
    };
    (report, memory)
}

/// Every story of the batch: the clusters, and each title in none as a story of its own (a
/// group when it has several records), ordered by their first title.
fn stories_of(titles: usize, clusters: Vec<cluster::StoryCluster>) -> Vec<cluster::StoryCluster> {
    let mut clustered = vec![false; titles];
    for cluster in &clusters {
        for &title in &cluster.titles {
            clustered[title as usize] = true;
        }
    }
    let mut stories = clusters;
    stories.extend(
        (0..titles as u32)
            .filter(|&t| !clustered[t as usize])
            .map(|t| cluster::StoryCluster {
                center: t,
                titles: vec![t],
            }),
    );
    stories.sort_unstable_by_key(|c| c.titles[0]);
    stories
}

#[cfg(test)]
mod tests;
