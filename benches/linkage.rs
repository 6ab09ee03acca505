//! Grouping time: story groups by average linkage over the verified graph of a real batch.
//!
//! The graph is built once, the scan's way through the library's distributed stages
//! (boilerplate and term weights learned from the batch, prefix-filter candidates, each
//! verified at the link threshold), from the distinct lines of
//! `../shared/data/gnews/headlines_en_unique.txt` or of the file named by
//! `NEARDUP_BENCH_TITLES` (one title a line, e.g. the decompressed full stream). Each
//! iteration runs `cluster_graph` on it: components, then the linkage of each, in parallel.
//! Without the file the bench says so and measures nothing.

#![allow(
    missing_docs,
    reason = "criterion_group! generates an undocumented function"
)]

use std::collections::HashMap;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use neardup::Comparer;
use neardup::distributed::{
    BatchStatistics, Boilerplate, Stages, collapse_key, segment_keys, title_terms,
};
use neardup::features::Features;
use neardup::scan::ScanOptions;
use neardup::scan::cluster::{ClusterOptions, StoryEdge, cluster_graph, components};
use neardup::scan::index::candidate_pairs;
use rayon::prelude::*;

const DEFAULT_INPUT: &str = "../shared/data/gnews/headlines_en_unique.txt";

/// The distinct titles (by collapse key) of `text`, in order of first appearance.
fn distinct_titles<'a>(comparer: &Comparer, text: &'a str) -> Vec<&'a str> {
    let mut seen = std::collections::HashSet::new();
    text.lines()
        .filter(|line| !line.trim().is_empty())
        .filter(|line| seen.insert(collapse_key(comparer.analyzer(), line)))
        .collect()
}

/// What the scan learns from the batch: its boilerplate, then its term counts without it.
fn statistics(comparer: &Comparer, titles: &[&str]) -> BatchStatistics {
    let analyzer = comparer.analyzer();
    let mut segments: HashMap<(u64, u64), u32> = HashMap::new();
    for title in titles {
        for key in segment_keys(analyzer, title) {
            *segments.entry(key).or_insert(0) += 1;
        }
    }
    let boilerplate = Boilerplate::from_counts(segments);
    let terms: Vec<_> = titles
        .par_iter()
        .map(|title| title_terms(analyzer, &boilerplate, title))
        .collect();
    let mut documents = HashMap::new();
    let mut frequencies = HashMap::new();
    for (language, stems) in terms {
        *documents.entry(language).or_insert(0) += 1;
        for stem in stems {
            *frequencies.entry((language, stem)).or_insert(0) += 1;
        }
    }
    BatchStatistics {
        documents: documents.into_iter().collect(),
        frequencies: frequencies.into_iter().collect(),
        boilerplate,
    }
}

/// The verified pairs of `titles`, as the scan finds and scores them.
fn verified_graph(comparer: &Comparer, titles: &[&str], options: &ScanOptions) -> Vec<StoryEdge> {
    let stages = Stages::new(comparer, &statistics(comparer, titles), options);
    let features: Vec<Features> = titles.par_iter().map(|t| stages.features(t)).collect();
    let heads: Vec<&Features> = features.iter().collect();
    candidate_pairs(&heads, options.candidate_threshold)
        .par_iter()
        .filter_map(|pair| {
            let left = &features[pair.left as usize];
            let (_, score) = stages.verify(left, &features[pair.right as usize])?;
            Some(StoryEdge {
                left: pair.left,
                right: pair.right,
                score,
            })
        })
        .collect()
}

#[allow(
    clippy::print_stderr,
    reason = "a bench reports what it measures on, and why it skips"
)]
fn grouping(c: &mut Criterion) {
    let path = std::env::var("NEARDUP_BENCH_TITLES").unwrap_or_else(|_| DEFAULT_INPUT.into());
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("linkage: {path} not found (run from the package root); nothing measured");
        return;
    };
    let comparer = Comparer::default();
    let options = ScanOptions::default();
    let titles = distinct_titles(&comparer, &text);
    let edges = verified_graph(&comparer, &titles, &options);
    let grouping: &ClusterOptions = &options.grouping;
    let mut sizes: Vec<usize> = components(titles.len(), &edges, grouping)
        .iter()
        .map(Vec::len)
        .collect();
    sizes.sort_unstable_by(|a, b| b.cmp(a));
    eprintln!(
        "linkage: {path}: {} distinct titles, {} verified pairs, {} components (largest {:?})",
        titles.len(),
        edges.len(),
        sizes.len(),
        &sizes[..sizes.len().min(3)]
    );
    let mut group = c.benchmark_group("linkage");
    group.sample_size(20);
    group.throughput(Throughput::Elements(edges.len() as u64));
    group.bench_function("cluster_graph", |b| {
        b.iter(|| cluster_graph(titles.len(), &edges, grouping).len())
    });
    group.finish();
}

criterion_group!(benches, grouping);
criterion_main!(benches);
