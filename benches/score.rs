//! Scoring throughput: how many pairs of analyzed titles one core scores per second.
//!
//! The titles are every title of `fixtures/pairs/seed-pairs.tsv` (24 headlines and rewrites);
//! each iteration scores all 276 distinct pairs of them, so the reported element throughput
//! is pairs per second. `combined` is the combined score; `verdict` adds the token edit
//! similarity the classifier reads. `verify/pairwise` and `verify/against` are the batch
//! scanner's verification step, pair by pair and with each title prepared once as a
//! [`neardup::metrics::Pattern`] and scored against the others, as the scan does. The seed's
//! titles are mostly unrelated, so most pairs would stop at the cheap ceiling; the scan's
//! candidates share many words and 98 % of them are scored in full, so these two score every
//! pair in full (floor 0).

#![allow(
    missing_docs,
    reason = "criterion_group! generates an undocumented function"
)]

use std::fs::File;
use std::io::BufReader;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use neardup::Comparer;
use neardup::eval::read_labeled_pairs;
use neardup::features::Title;
use neardup::metrics::Pattern;

fn seed_titles(comparer: &Comparer) -> Vec<Title> {
    let path = "fixtures/pairs/seed-pairs.tsv";
    let file = File::open(path).expect("run from the package root");
    let pairs = read_labeled_pairs(path, BufReader::new(file)).expect("fixture parses");
    pairs
        .iter()
        .filter(|p| p.label)
        .flat_map(|p| [&p.left, &p.right])
        .map(|text| comparer.analyzer().analyze(text))
        .collect()
}

fn all_pairs(titles: &[Title]) -> Vec<(&Title, &Title)> {
    let mut pairs = Vec::new();
    for (i, a) in titles.iter().enumerate() {
        for b in &titles[i + 1..] {
            pairs.push((a, b));
        }
    }
    pairs
}

fn scoring(c: &mut Criterion) {
    let comparer = Comparer::default();
    let titles = seed_titles(&comparer);
    let pairs = all_pairs(&titles);
    let mut group = c.benchmark_group("score");
    group.throughput(Throughput::Elements(pairs.len() as u64));
    group.bench_function("combined", |b| {
        b.iter(|| pairs.iter().map(|(x, y)| comparer.score(x, y)).sum::<f64>())
    });
    group.bench_function("verdict", |b| {
        b.iter(|| {
            pairs
                .iter()
                .filter(|(x, y)| comparer.verdict(x, y).0.is_same_story())
                .count()
        })
    });
    group.finish();
    let mut group = c.benchmark_group("verify");
    group.throughput(Throughput::Elements(pairs.len() as u64));
    const FLOOR: f64 = 0.0;
    group.bench_function("pairwise", |b| {
        b.iter(|| {
            pairs
                .iter()
                .filter_map(|(x, y)| comparer.verdict_at_score(&x.features, &y.features, FLOOR))
                .count()
        })
    });
    group.bench_function("against", |b| {
        b.iter(|| {
            let mut kept = 0;
            for (i, x) in titles.iter().enumerate() {
                let pattern = Pattern::of(&x.features).expect("seed titles are short");
                kept += titles[i + 1..]
                    .iter()
                    .filter_map(|y| comparer.verdict_at_score_against(&pattern, &y.features, FLOOR))
                    .count();
            }
            kept
        })
    });
    group.finish();
    let mut group = c.benchmark_group("analyze");
    let texts: Vec<&str> = titles.iter().map(|t| t.original.as_str()).collect();
    group.throughput(Throughput::Elements(texts.len() as u64));
    group.bench_function("titles", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| comparer.analyzer().analyze(t).features.terms.len())
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, scoring);
criterion_main!(benches);
