//! The scan's steps as functions of one title, one block of titles or one pair, so that a job
//! spread over many machines computes what [`crate::scan`] computes on one: the PySpark job
//! in `python/` (after Vernica, Carey & Li, "Efficient Parallel Set-Similarity Joins Using
//! MapReduce", SIGMOD 2010) calls these through the Python package.
//!
//! 1. **Collapse**: records with one [`collapse_key`] are normalized-identical; each such
//!    distinct title is represented by its earliest record, as in the scan.
//! 2. **Statistics** ([`BatchStatistics`]), the two things the scan learns from its batch,
//!    both counted over the distinct titles, summed over partitions and broadcast:
//!    - **boilerplate** ([`crate::scan::boilerplate`]): each title's [`segment_keys`];
//!      a key counted in enough titles is boilerplate ([`Boilerplate::from_counts`]), and
//!      titles are compared without it (unless the rest reads as another language);
//!    - **term weights** ([`crate::scan::ScanOptions::refine_weights`]): each title's
//!      [`title_terms`] (its language, as the analyzer detects it or as configured, and its
//!      content stems without its boilerplate) are one document of that language added to
//!      the background weights ([`crate::idf`]): documents are counted per language, stem
//!      document frequencies per `(language, stem)`. They fix every weight, hence the global
//!      rare-first order of stems.
//! 3. **Keys** ([`Stages::keys`]): a title's prefix stems under the refined weights, from the
//!    scan's own prefix filter ([`crate::scan::index::prefix_terms`]).
//! 4. **Blocks** ([`Stages::block_pairs`]): the titles that share a key. A pair is produced
//!    only under the first prefix stem both titles have, so each candidate comes out once, and
//!    only if its weighted Dice reaches the candidate threshold: exactly the candidates of the
//!    scan's index ([`crate::scan::index::candidate_pairs`]).
//! 5. **Verify** ([`Stages::verify`]): the comparer's verdict and combined score, kept when
//!    the score reaches the link threshold; [`Stages::verified_block_pairs`] verifies each
//!    pair in the block that finds it. Pairs that reach the edge threshold
//!    ([`Stages::is_edge`]) join titles into connected components.
//! 6. **Cluster** ([`Stages::cluster_component`]): the scan's own per-component clustering
//!    ([`crate::scan::cluster::cluster_component`]) of one component's verified pairs, with
//!    each member's verdict against its group's center as the scan reports it.

use std::collections::HashMap;
use std::sync::Arc;

use rustc_hash::FxHashSet;

use crate::classify::Verdict;
use crate::compare::Comparer;
use crate::features::{Analyzer, Features, Language, term_id};
use crate::idf::IdfModel;
use crate::metrics::weighted;
use crate::scan::ScanOptions;
use crate::scan::boilerplate::{self, MIN_TITLES};
use crate::scan::cluster::{self, ClusterOptions, StoryEdge};
use crate::scan::index::prefix_terms;

pub use crate::scan::boilerplate::segment_keys;

/// The key that collapses normalized-identical titles: equal keys mean the scan treats the two
/// texts as one title (the [`Features::text`] of both is this key).
pub fn collapse_key(analyzer: &Analyzer, text: &str) -> u64 {
    term_id(analyzer.normalize(text).as_str())
}

/// The language of a title and its distinct content-stem ids (of that language) as the scan
/// compares it, without the batch's boilerplate: what one document adds to the batch's counts.
pub fn title_terms(
    analyzer: &Analyzer,
    boilerplate: &Boilerplate,
    text: &str,
) -> (Language, Vec<u64>) {
    let features = boilerplate.comparison_features(analyzer, text);
    let terms = features.terms.iter().map(|t| t.id).collect();
    (features.language, terms)
}

/// The boilerplate a batch's sources repeat: `(source, segment)` keys of
/// [`segment_keys`] counted in at least [`MIN_TITLES`] distinct titles.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Boilerplate {
    keys: FxHashSet<(u64, u64)>,
}

impl Boilerplate {
    /// The boilerplate of a batch from its counts of segment keys over distinct titles.
    pub fn from_counts(counts: impl IntoIterator<Item = ((u64, u64), u32)>) -> Self {
        Self {
            keys: counts
                .into_iter()
                .filter(|&(_, count)| count >= MIN_TITLES)
                .map(|(key, _)| key)
                .collect(),
        }
    }

    /// Boilerplate of these keys (as [`Boilerplate::keys`] listed them, e.g. broadcast).
    pub fn from_keys(keys: impl IntoIterator<Item = (u64, u64)>) -> Self {
        Self {
            keys: keys.into_iter().collect(),
        }
    }

    /// The boilerplate keys.
    pub fn keys(&self) -> impl Iterator<Item = (u64, u64)> + '_ {
        self.keys.iter().copied()
    }

    /// The title without its boilerplate, or `None` when it has none (or nothing else).
    pub fn comparison_text(&self, analyzer: &Analyzer, text: &str) -> Option<String> {
        if self.keys.is_empty() {
            return None;
        }
        boilerplate::strip_segments(analyzer, text, |key| self.keys.contains(&key))
    }

    /// The features the scan compares a title by, under `analyzer`'s weights: those of the
    /// title without its boilerplate, as [`boilerplate::features_without`] keeps them for
    /// the scan, else those of the whole title.
    pub fn comparison_features(&self, analyzer: &Analyzer, text: &str) -> Features {
        let whole = analyzer.features_of(text);
        self.comparison_text(analyzer, text)
            .and_then(|stripped| boilerplate::features_without(analyzer, &whole, &stripped))
            .unwrap_or(whole)
    }
}

/// What the scan learns from a batch (stage 1), counted over its distinct titles.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BatchStatistics {
    /// How many distinct titles were counted, per language ([`title_terms`]).
    pub documents: Vec<(Language, u64)>,
    /// For each `(language, stem id)`, how many of those titles hold it ([`title_terms`]).
    pub frequencies: Vec<((Language, u64), u32)>,
    /// The boilerplate of the batch's sources.
    pub boilerplate: Boilerplate,
}

impl BatchStatistics {
    /// The background weights of `idf` refined by these counts: the model the scan builds by
    /// adding each distinct title as one document of its language.
    pub fn refine(&self, idf: &IdfModel) -> IdfModel {
        let mut refined = idf.clone();
        for language in Language::ALL {
            let documents = self
                .documents
                .iter()
                .filter(|&&(of, _)| of == language)
                .map(|&(_, documents)| documents)
                .sum();
            let frequencies = self
                .frequencies
                .iter()
                .filter(|&&((of, _), _)| of == language)
                .map(|&((_, term), count)| (term, count));
            refined.add_counts(language, documents, frequencies);
        }
        refined
    }
}

/// The per-title and per-pair steps with what the batch taught (stages 2 and 3).
#[derive(Debug)]
pub struct Stages {
    /// The comparer, with the background weights (titles are analyzed with them, then
    /// reweighted, as in the scan).
    comparer: Comparer,
    /// The background weights refined by the batch (or not, as the options say).
    idf: IdfModel,
    boilerplate: Boilerplate,
    grouping: ClusterOptions,
    threshold: f64,
}

/// A candidate pair of a block, verified: indexes into the block, the earlier first, and the
/// verdict and combined score when the score reaches the link threshold (`None` below).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BlockPair {
    /// The earlier title.
    pub left: usize,
    /// The later title.
    pub right: usize,
    /// [`Stages::verify`] of the two.
    pub verdict: Option<(Verdict, f64)>,
}

/// A verified pair of a component's titles (indexes into them), with verdict and score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ComponentPair {
    /// One title.
    pub left: usize,
    /// The other title.
    pub right: usize,
    /// The pair's verdict.
    pub verdict: Verdict,
    /// The pair's combined score.
    pub score: f64,
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
    /// candidate threshold, weight refinement, boilerplate and grouping from `options`.
    pub fn new(comparer: &Comparer, statistics: &BatchStatistics, options: &ScanOptions) -> Self {
        let background = comparer.analyzer().idf();
        let idf = if options.refine_weights {
            statistics.refine(background)
        } else {
            (**background).clone()
        };
        let boilerplate = if options.boilerplate {
            statistics.boilerplate.clone()
        } else {
            Boilerplate::default()
        };
        Self {
            comparer: comparer.with_idf(Arc::clone(background)),
            idf,
            boilerplate,
            grouping: options.grouping,
            threshold: options.candidate_threshold.clamp(f64::MIN_POSITIVE, 1.0),
        }
    }

    /// The features of a title as the scan compares it: without the batch's boilerplate
    /// ([`Boilerplate::comparison_features`]), under the refined weights.
    pub fn features(&self, text: &str) -> Features {
        let mut features = self
            .boilerplate
            .comparison_features(self.comparer.analyzer(), text);
        features.reweight(&self.idf);
        features
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

    /// [`Stages::block_pairs`], each pair with its [`Stages::verify`] result: stage 2's
    /// reducer verifies where the pair is found, with the features the block already has.
    pub fn verified_block_pairs(&self, key: u64, block: &[Keyed<'_>]) -> Vec<BlockPair> {
        self.block_pairs(key, block)
            .into_iter()
            .map(|(left, right)| BlockPair {
                left,
                right,
                verdict: self.verify(block[left].features, block[right].features),
            })
            .collect()
    }

    /// [`title_terms`] with the batch's boilerplate: what a title adds to the term counts.
    pub fn title_terms(&self, text: &str) -> (Language, Vec<u64>) {
        title_terms(self.comparer.analyzer(), &self.boilerplate, text)
    }

    /// The verdict and combined score of a candidate pair (the earlier title left), or `None`
    /// when the score is below the link threshold: the pairs grouping reads.
    pub fn verify(&self, left: &Features, right: &Features) -> Option<(Verdict, f64)> {
        self.comparer
            .verdict_at_score(left, right, self.grouping.link_threshold)
    }

    /// Whether a verified pair with this combined score joins its titles into one connected
    /// component (it reaches the edge threshold).
    pub fn is_edge(&self, score: f64) -> bool {
        score >= self.grouping.edge_threshold
    }

    /// The groups of one connected component: `titles` are its distinct titles in batch
    /// order, `pairs` its verified pairs ([`Stages::verify`]). Groups of one title are left
    /// out. Each member's verdict and score against the center are the verified pair's, or
    /// scored now when the two were not a candidate pair, as the scan reports them.
    pub fn cluster_component(
        &self,
        titles: &[&str],
        pairs: &[ComponentPair],
    ) -> Vec<ComponentCluster> {
        let ids: Vec<u32> = (0..titles.len() as u32).collect();
        let edges: Vec<StoryEdge> = pairs
            .iter()
            .map(|p| StoryEdge {
                left: p.left as u32,
                right: p.right as u32,
                score: p.score,
            })
            .collect();
        let verified: HashMap<(usize, usize), (Verdict, f64)> = pairs
            .iter()
            .map(|p| {
                (
                    (p.left.min(p.right), p.left.max(p.right)),
                    (p.verdict, p.score),
                )
            })
            .collect();
        cluster::cluster_component(&ids, &edges, &self.grouping)
            .into_iter()
            .map(|story| {
                let center = story.center as usize;
                let center_features = self.features(titles[center]);
                let members = story
                    .titles
                    .iter()
                    .map(|&t| t as usize)
                    .filter(|&t| t != center)
                    .map(|t| {
                        let (verdict, score) = match verified.get(&(t.min(center), t.max(center))) {
                            Some(&judged) => judged,
                            None => self.comparer.verdict_of_features(
                                &center_features,
                                &self.features(titles[t]),
                                false,
                            ),
                        };
                        (t, verdict, score)
                    })
                    .collect();
                ComponentCluster { center, members }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::read::Location;
    use crate::scan::index::{Candidate, candidate_pairs};
    use crate::scan::{Batch, scan};

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

    /// Every block's pairs (title indexes) with their verdicts, as the shuffle by key would
    /// bring them together.
    fn all_block_pairs(stages: &Stages, features: &[Features]) -> Vec<BlockPair> {
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
            let found = stages.verified_block_pairs(*key, &block);
            pairs.extend(found.into_iter().map(|pair| BlockPair {
                left: members[pair.left],
                right: members[pair.right],
                ..pair
            }));
        }
        pairs
    }

    /// Stage 1 over distinct titles: boilerplate first, then documents per language and term
    /// counts per `(language, stem)` without it.
    fn statistics(analyzer: &Analyzer, titles: &[&str]) -> BatchStatistics {
        let mut segments: BTreeMap<(u64, u64), u32> = BTreeMap::new();
        for title in titles {
            for key in segment_keys(analyzer, title) {
                *segments.entry(key).or_insert(0) += 1;
            }
        }
        let boilerplate = Boilerplate::from_counts(segments);
        let mut documents: HashMap<Language, u64> = HashMap::new();
        let mut counts: HashMap<(Language, u64), u32> = HashMap::new();
        for title in titles {
            let (language, terms) = title_terms(analyzer, &boilerplate, title);
            *documents.entry(language).or_insert(0) += 1;
            for term in terms {
                *counts.entry((language, term)).or_insert(0) += 1;
            }
        }
        BatchStatistics {
            documents: documents.into_iter().collect(),
            frequencies: counts.into_iter().collect(),
            boilerplate,
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
                .map(|pair| Candidate {
                    left: pair.left as u32,
                    right: pair.right as u32,
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
        let analyzer = comparer.analyzer();
        let titles = [
            "Fire in Rome",
            "Fire in Rome spreads",
            "Floods in Rome",
            "Branden i Rom sprider sig över staden",
            "Branden i Rom är nu under kontroll",
        ];
        let stages = Stages::new(
            &comparer,
            &statistics(analyzer, &titles),
            &ScanOptions::default(),
        );
        let mut idf = (**analyzer.idf()).clone();
        for title in titles {
            let features = analyzer.features_of(title);
            idf.add_document(features.language, features.terms.iter().map(|t| t.id));
        }
        assert_eq!(stages.boilerplate, Boilerplate::default());
        assert_eq!(idf.documents(Language::Swedish), 2.0);
        for title in titles {
            let mut expected = analyzer.features_of(title);
            expected.reweight(&idf);
            assert_eq!(stages.features(title), expected, "{title}");
        }
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
        // A live blog's series title, repeated by one source: boilerplate.
        let series = [
            "Explosion reported in Tehran – Latest news on the war in the region - Metro Daily",
            "Ceasefire talks resume in Doha – Latest news on the war in the region - Metro Daily",
            "Oil tanker hit near Hormuz – Latest news on the war in the region - Metro Daily",
            "Airports close across the Gulf – Latest news on the war in the region - Metro Daily",
            "Oil tanker struck near Hormuz strait – Latest news on the war in the region - Metro Daily",
        ];
        let lines: Vec<&str> = TITLES
            .lines()
            .skip(1)
            .flat_map(|line| line.split('\t').skip(2).take(2))
            .chain(page.lines().filter(|l| l.split_whitespace().count() >= 4))
            .chain(series)
            // Titles in two languages: counted, stemmed and weighed per language.
            .chain(include_str!("../fixtures/feeds/mixed-en-sv.txt").lines())
            .chain(include_str!("../fixtures/feeds/live-blog.txt").lines())
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
        let verified: Vec<ComponentPair> = all_block_pairs(&stages, &features)
            .into_iter()
            .filter_map(|p| {
                let (verdict, score) = p.verdict?;
                Some(ComponentPair {
                    left: p.left,
                    right: p.right,
                    verdict,
                    score,
                })
            })
            .collect();
        assert!(verified.iter().any(|p| !stages.is_edge(p.score)));
        for pair in verified.iter().filter(|p| stages.is_edge(p.score)) {
            let (a, b) = (root(&mut parent, pair.left), root(&mut parent, pair.right));
            parent[a.max(b)] = a.min(b);
        }
        let mut components: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for title in 0..titles.len() {
            let component = root(&mut parent, title);
            components.entry(component).or_default().push(title);
        }
        let mut found = Vec::new();
        for members in components.values().filter(|m| m.len() > 1) {
            let texts: Vec<&str> = members.iter().map(|&m| titles[m]).collect();
            let local = |title: usize| members.binary_search(&title).ok();
            let pairs: Vec<ComponentPair> = verified
                .iter()
                .filter_map(|p| {
                    Some(ComponentPair {
                        left: local(p.left)?,
                        right: local(p.right)?,
                        ..*p
                    })
                })
                .collect();
            for cluster in stages.cluster_component(&texts, &pairs) {
                let grouped = cluster
                    .members
                    .iter()
                    .map(|&(m, verdict, _)| (texts[m].to_owned(), verdict))
                    .collect();
                // The scan orders groups by their first title.
                let first = cluster
                    .members
                    .iter()
                    .map(|m| m.0)
                    .fold(cluster.center, usize::min);
                found.push((members[first], (texts[cluster.center].to_owned(), grouped)));
            }
        }
        found.sort_by_key(|(first, _)| *first);
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
