//! The scan's steps as functions of one title, one block of titles or one pair, so that a job
//! spread over many machines computes what [`crate::scan`] computes on one: the PySpark job
//! in `python/` (after Vernica, Carey & Li, "Efficient Parallel Set-Similarity Joins Using
//! MapReduce", SIGMOD 2010) calls these through the Python package.
//!
//! 1. **Collapse**: records with one [`collapse_key`] are normalized-identical; each such
//!    distinct title is represented by its earliest record, as in the scan.
//! 2. **Statistics** ([`BatchStatistics`]): each distinct title's [`title_terms`] are one
//!    document added to the background term weights, which is how the scan refines them
//!    ([`crate::scan::ScanOptions::refine_weights`]). The counts are summed over partitions
//!    and broadcast; they fix every weight, hence the global rare-first order of stems.
//! 3. **Keys** ([`Stages::keys`]): a title's prefix stems under the refined weights, from the
//!    scan's own prefix filter ([`crate::scan::index::prefix_terms`]).
//! 4. **Blocks** ([`Stages::block_pairs`]): the titles that share a key. A pair is produced
//!    only under the first prefix stem both titles have, so each candidate comes out once, and
//!    only if its weighted Dice reaches the candidate threshold: exactly the candidates of the
//!    scan's index ([`crate::scan::index::candidate_pairs`]).
//! 5. **Verify** ([`Stages::verify`]): the comparer's verdict, kept at `rewrite` or closer.
//!
//! 6. **Cluster** ([`Stages::cluster_component`]): the scan's grouping of one connected
//!    component of the verified pairs, which needs nothing outside the component.

use std::sync::Arc;

use crate::classify::Verdict;
use crate::compare::Comparer;
use crate::features::{Analyzer, Features, term_id};
use crate::metrics::weighted;
use crate::read::Location;
use crate::scan::index::prefix_terms;
use crate::scan::{Batch, ScanOptions, scan};

/// The key that collapses normalized-identical titles: equal keys mean the scan treats the two
/// texts as one title (the [`Features::text`] of both is this key).
pub fn collapse_key(analyzer: &Analyzer, text: &str) -> u64 {
    term_id(analyzer.normalize(text).as_str())
}

/// The distinct content-stem ids of a title: what one document adds to the batch statistics.
pub fn title_terms(analyzer: &Analyzer, text: &str) -> Vec<u64> {
    analyzer.distinct_terms(text)
}

/// Term document frequencies over a batch's distinct titles (stage 1).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BatchStatistics {
    /// How many distinct titles were counted.
    pub documents: u64,
    /// For each stem id, how many of those titles hold it.
    pub frequencies: Vec<(u64, u32)>,
}

/// The per-title and per-pair steps with the batch's refined weights (stages 2 and 3).
#[derive(Debug)]
pub struct Stages {
    /// The comparer with the batch's refined weights.
    comparer: Comparer,
    threshold: f64,
}

/// One group of a component: its center and the other titles, as indexes into the
/// component's titles, each member with its verdict and combined score against the center.
#[derive(Debug, Clone, PartialEq)]
pub struct ComponentCluster {
    /// The center (the group's representative title).
    pub center: usize,
    /// The other titles, in batch order.
    pub members: Vec<(usize, Verdict, f64)>,
}

/// A title in a block: its features and its keys, as [`Stages::features`] and
/// [`Stages::keys`] made them.
#[derive(Debug, Clone, Copy)]
pub struct Keyed<'a> {
    /// The title's features.
    pub features: &'a Features,
    /// Its prefix stems, in the global order.
    pub keys: &'a [u64],
}

impl Stages {
    /// The steps for a batch with these statistics, scored by `comparer`, with the scan's
    /// candidate threshold and weight refinement from `options`.
    pub fn new(comparer: &Comparer, statistics: &BatchStatistics, options: &ScanOptions) -> Self {
        let mut idf = (**comparer.analyzer().idf()).clone();
        if options.refine_weights {
            idf.add_counts(statistics.documents, statistics.frequencies.iter().copied());
        }
        Self {
            comparer: comparer.with_idf(Arc::new(idf)),
            threshold: options.candidate_threshold.clamp(f64::MIN_POSITIVE, 1.0),
        }
    }

    /// The features of a title under the refined weights.
    pub fn features(&self, text: &str) -> Features {
        self.comparer.analyzer().features_of(text)
    }

    /// The keys a title is shuffled under: its prefix stems, rarest first. A title without
    /// content stems has none (the scan's index leaves it out too).
    pub fn keys(&self, features: &Features) -> Vec<u64> {
        prefix_terms(features, self.threshold)
    }

    /// The candidate pairs of one block: the titles holding `key`, in batch order. Returns
    /// index pairs into `block`, the earlier first, for each pair whose first shared key is
    /// `key` and whose weighted Dice reaches the candidate threshold.
    pub fn block_pairs(&self, key: u64, block: &[Keyed<'_>]) -> Vec<(usize, usize)> {
        let mut pairs = Vec::new();
        for (right, later) in block.iter().enumerate() {
            for (left, earlier) in block[..right].iter().enumerate() {
                let first_shared = earlier.keys.iter().find(|k| later.keys.contains(k));
                if first_shared == Some(&key)
                    && weighted(earlier.features, later.features) >= self.threshold
                {
                    pairs.push((left, right));
                }
            }
        }
        pairs
    }

    /// The verdict and combined score of a candidate pair (the earlier title left), or `None`
    /// below `rewrite`: the pairs grouping reads.
    pub fn verify(&self, left: &Features, right: &Features) -> Option<(Verdict, f64)> {
        self.comparer
            .verdict_at_least(left, right, Verdict::Rewrite)
    }

    /// The groups of one connected component of the verified pairs: `titles` are its distinct
    /// titles in batch order. Groups of one title are left out.
    ///
    /// The scan's grouping (leaders in batch order, then center splits) reads only verified
    /// pairs, and a title's pairs all lie in its component, so scanning the component's titles
    /// alone, with the batch's weights, groups them as the whole scan does. Until the scan
    /// exposes its per-component clustering as a function of the verified pairs, this is how
    /// a component is clustered: its pairs are verified once more, inside the component.
    pub fn cluster_component(&self, titles: &[&str]) -> Vec<ComponentCluster> {
        let mut batch = Batch::new();
        let source: Arc<str> = Arc::from("component");
        for (i, title) in titles.iter().enumerate() {
            batch.push(Location::new(source.clone(), i as u64 + 1), title, false);
        }
        let options = ScanOptions {
            candidate_threshold: self.threshold,
            refine_weights: false,
            ..ScanOptions::default()
        };
        let report = scan(batch, &self.comparer, &options, &|_| {});
        let index = |location: &Location| location.line as usize - 1;
        report
            .groups
            .iter()
            .map(|group| ComponentCluster {
                center: index(&group.representative.location),
                members: group
                    .members
                    .iter()
                    .map(|m| (index(&m.item.location), m.verdict, m.score))
                    .collect(),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::scan::index::{Candidate, candidate_pairs};

    const TITLES: &str = include_str!("../fixtures/pairs/seed-pairs.tsv");

    /// Distinct titles of the seed pairs, in order of first appearance.
    fn distinct_titles(analyzer: &Analyzer) -> Vec<&'static str> {
        let mut seen = std::collections::HashSet::new();
        TITLES
            .lines()
            .skip(1)
            .flat_map(|line| line.split('\t').skip(2).take(2))
            .filter(|title| seen.insert(collapse_key(analyzer, title)))
            .collect()
    }

    /// Every block's pairs (title indexes), as the shuffle by key would bring them together.
    fn all_block_pairs(stages: &Stages, features: &[Features]) -> Vec<(usize, usize)> {
        let keys: Vec<Vec<u64>> = features.iter().map(|f| stages.keys(f)).collect();
        let mut blocks: BTreeMap<u64, Vec<usize>> = BTreeMap::new();
        for (title, title_keys) in keys.iter().enumerate() {
            for &key in title_keys {
                blocks.entry(key).or_default().push(title);
            }
        }
        let mut pairs = Vec::new();
        for (key, members) in &blocks {
            let block: Vec<Keyed> = members
                .iter()
                .map(|&m| Keyed {
                    features: &features[m],
                    keys: &keys[m],
                })
                .collect();
            let found = stages.block_pairs(*key, &block);
            pairs.extend(found.into_iter().map(|(l, r)| (members[l], members[r])));
        }
        pairs
    }

    fn statistics(analyzer: &Analyzer, titles: &[&str]) -> BatchStatistics {
        let mut counts: BTreeMap<u64, u32> = BTreeMap::new();
        for title in titles {
            for term in title_terms(analyzer, title) {
                *counts.entry(term).or_insert(0) += 1;
            }
        }
        BatchStatistics {
            documents: titles.len() as u64,
            frequencies: counts.into_iter().collect(),
        }
    }

    #[test]
    fn blocks_give_the_index_candidates_each_once() {
        let comparer = Comparer::default();
        let titles = distinct_titles(comparer.analyzer());
        assert!(titles.len() > 20, "{}", titles.len());
        for threshold in [0.2, 0.3, 0.5] {
            let options = ScanOptions {
                candidate_threshold: threshold,
                ..ScanOptions::default()
            };
            let stages = Stages::new(
                &comparer,
                &statistics(comparer.analyzer(), &titles),
                &options,
            );
            let features: Vec<Features> = titles.iter().map(|t| stages.features(t)).collect();
            let mut found: Vec<Candidate> = all_block_pairs(&stages, &features)
                .into_iter()
                .map(|(left, right)| Candidate {
                    left: left as u32,
                    right: right as u32,
                })
                .collect();
            let produced = found.len();
            found.sort_unstable();
            found.dedup();
            assert_eq!(
                produced,
                found.len(),
                "a pair came out twice at {threshold}"
            );
            let heads: Vec<&Features> = features.iter().collect();
            let expected = candidate_pairs(&heads, threshold);
            assert!(!expected.is_empty());
            assert_eq!(found, expected, "at {threshold}");
        }
    }

    #[test]
    fn refined_weights_are_the_scans() {
        let comparer = Comparer::default();
        let titles = ["Fire in Rome", "Fire in Rome spreads", "Floods in Rome"];
        let stages = Stages::new(
            &comparer,
            &statistics(comparer.analyzer(), &titles),
            &ScanOptions::default(),
        );
        let mut idf = (**comparer.analyzer().idf()).clone();
        for title in titles {
            idf.add_document(comparer.analyzer().distinct_terms(title));
        }
        let mut expected = comparer.analyzer().features_of("Fire in Rome");
        expected.reweight(&idf);
        assert_eq!(stages.features("Fire in Rome"), expected);
    }

    #[test]
    fn verify_keeps_same_story_pairs_only() {
        let comparer = Comparer::default();
        let stages = Stages::new(
            &comparer,
            &BatchStatistics::default(),
            &ScanOptions::default(),
        );
        let a = stages.features("Trump sends hospital ship to Greenland");
        let b = stages.features("Trump Deploys Hospital Ship to Greenland - Reuters");
        let c = stages.features("Stocks fall as oil prices climb");
        assert!(
            stages
                .verify(&a, &b)
                .is_some_and(|(v, _)| v.is_same_story())
        );
        assert_eq!(stages.verify(&a, &c), None);
        assert_eq!(
            collapse_key(stages.comparer.analyzer(), "Fire in ROME"),
            collapse_key(stages.comparer.analyzer(), "fire in rome")
        );
    }

    /// The whole pipeline on one machine: collapse, statistics, keys, blocks, verification,
    /// components by union-find, clustering per component; the groups' titles, centers and
    /// verdicts must be the scan's.
    #[test]
    fn components_cluster_as_the_whole_scan_groups() {
        let comparer = Comparer::default();
        let analyzer = comparer.analyzer();
        let page = include_str!("../fixtures/pages/related-stories-page.txt");
        let lines: Vec<&str> = TITLES
            .lines()
            .skip(1)
            .flat_map(|line| line.split('\t').skip(2).take(2))
            .chain(page.lines().filter(|l| l.split_whitespace().count() >= 4))
            .collect();
        let mut batch = Batch::new();
        for (i, line) in lines.iter().enumerate() {
            batch.push(Location::new("t", i as u64 + 1), line, false);
        }
        let expected: Vec<(String, Vec<(String, Verdict)>)> =
            scan(batch, &comparer, &ScanOptions::default(), &|_| {})
                .groups
                .iter()
                .filter(|g| {
                    g.members
                        .iter()
                        .any(|m| m.verdict <= Verdict::NearDuplicate)
                })
                .map(|g| {
                    // One entry per distinct title: the component's titles are distinct.
                    let mut seen = std::collections::HashSet::new();
                    let members = g
                        .members
                        .iter()
                        .filter(|m| {
                            m.verdict <= Verdict::NearDuplicate && seen.insert(&m.item.title)
                        })
                        .map(|m| (m.item.title.to_string(), m.verdict))
                        .collect();
                    (g.representative.title.to_string(), members)
                })
                .collect();
        assert!(!expected.is_empty());

        let titles = distinct_titles_of(analyzer, &lines);
        let stages = Stages::new(
            &comparer,
            &statistics(analyzer, &titles),
            &ScanOptions::default(),
        );
        let features: Vec<Features> = titles.iter().map(|t| stages.features(t)).collect();
        let mut parent: Vec<usize> = (0..titles.len()).collect();
        fn root(parent: &mut [usize], mut x: usize) -> usize {
            while parent[x] != x {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }
            x
        }
        for (l, r) in all_block_pairs(&stages, &features) {
            if stages.verify(&features[l], &features[r]).is_some() {
                let (a, b) = (root(&mut parent, l), root(&mut parent, r));
                parent[a.max(b)] = a.min(b);
            }
        }
        let mut components: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for title in 0..titles.len() {
            let component = root(&mut parent, title);
            components.entry(component).or_default().push(title);
        }
        let mut found = Vec::new();
        for members in components.values().filter(|m| m.len() > 1) {
            let texts: Vec<&str> = members.iter().map(|&m| titles[m]).collect();
            for cluster in stages.cluster_component(&texts) {
                let grouped = cluster
                    .members
                    .iter()
                    .map(|&(m, verdict, _)| (texts[m].to_owned(), verdict))
                    .collect();
                found.push((
                    members[cluster.center],
                    (texts[cluster.center].to_owned(), grouped),
                ));
            }
        }
        found.sort_by_key(|(center, _)| *center);
        let found: Vec<_> = found.into_iter().map(|(_, group)| group).collect();
        assert_eq!(found, expected);
    }

    /// Distinct titles (by collapse key) of `lines`, in order of first appearance.
    fn distinct_titles_of<'a>(analyzer: &Analyzer, lines: &[&'a str]) -> Vec<&'a str> {
        let mut seen = std::collections::HashSet::new();
        lines
            .iter()
            .copied()
            .filter(|title| seen.insert(collapse_key(analyzer, title)))
            .collect()
    }
}
