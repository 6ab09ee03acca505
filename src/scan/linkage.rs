//! Average-linkage agglomerative clustering over sparse, weighted links, shared by the
//! story groups ([`super::cluster`]) and the topics ([`super::topics`]).
//!
//! Repeatedly merge the two clusters whose members are most alike on average over *every*
//! pair across them (a pair without a link counts 0), until no two clusters reach the
//! threshold. Averaging over all cross pairs is the guard against chaining: one strong pair
//! between two large clusters barely moves their average.
//!
//! An optional *cohesion guard* keeps two formed clusters apart when the average across them
//! falls well below the level at which each of them formed: two tight pairs of titles about
//! one subject that are only half as alike across as within are two angles, not one story.
//!
//! A max-heap with lazy invalidation (each cluster carries a version), smaller link maps
//! merged into larger ones. Ties are broken by cluster index, so the result depends only on
//! the input, never on hash or heap internals.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use rustc_hash::FxHashMap;

/// A possible merge, ordered by average similarity (highest first), then by cluster ids
/// (lowest first) so that the result does not depend on heap internals.
#[derive(Debug, Clone, Copy)]
struct Link {
    average: f64,
    left: u32,
    right: u32,
    left_version: u32,
    right_version: u32,
}

impl PartialEq for Link {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Link {}

impl PartialOrd for Link {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Link {
    fn cmp(&self, other: &Self) -> Ordering {
        self.average
            .total_cmp(&other.average)
            .then_with(|| (other.left, other.right).cmp(&(self.left, self.right)))
    }
}

/// A cluster while merging.
#[derive(Debug, Default)]
struct Cluster {
    /// Titles in it.
    size: u32,
    /// Summed scores to each neighbouring live cluster.
    links: FxHashMap<u32, f64>,
    /// Bumped on every merge, so that stale heap entries can be recognised.
    version: u32,
    /// Where it went when merged into another cluster.
    merged_into: Option<u32>,
    /// The average at which its last merge happened; `None` until it has merged.
    formed: Option<f64>,
}

/// How [`average_linkage`] merges.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Linkage {
    /// Two clusters merge while their average link is at least this.
    pub threshold: f64,
    /// The cohesion guard: two clusters that have both formed by merging join only if their
    /// average link is at least this share of the lower of their formation levels (0 turns
    /// the guard off).
    pub cohesion: f64,
}

/// Average-linkage clustering of items with the given sizes (an item may stand for several
/// titles) and summed links `(a, b, sum)` with `a < b`, each pair once; returns each item's
/// cluster number (the smallest item index in its cluster).
pub(crate) fn average_linkage(
    sizes: Vec<u32>,
    links: Vec<(u32, u32, f64)>,
    linkage: Linkage,
) -> Vec<u32> {
    let threshold = linkage.threshold;
    let mut clusters: Vec<Cluster> = sizes
        .into_iter()
        .map(|size| Cluster {
            size,
            ..Cluster::default()
        })
        .collect();
    let mut heap = BinaryHeap::new();
    for &(a, b, sum) in &links {
        clusters[a as usize].links.insert(b, sum);
        clusters[b as usize].links.insert(a, sum);
        let average =
            sum / (f64::from(clusters[a as usize].size) * f64::from(clusters[b as usize].size));
        if average >= threshold {
            heap.push(Link {
                average,
                left: a,
                right: b,
                left_version: 0,
                right_version: 0,
            });
        }
    }
    while let Some(link) = heap.pop() {
        let (left, right) = (
            &clusters[link.left as usize],
            &clusters[link.right as usize],
        );
        let stale = left.merged_into.is_some()
            || right.merged_into.is_some()
            || left.version != link.left_version
            || right.version != link.right_version;
        if stale || !linkage.allows(left.formed, right.formed, link.average) {
            continue;
        }
        let (into, from) = if left.links.len() >= right.links.len() {
            (link.left, link.right)
        } else {
            (link.right, link.left)
        };
        let moved = std::mem::take(&mut clusters[from as usize].links);
        clusters[from as usize].merged_into = Some(into);
        clusters[into as usize].links.remove(&from);
        for (neighbour, sum) in moved {
            if neighbour == into {
                continue;
            }
            *clusters[into as usize]
                .links
                .entry(neighbour)
                .or_insert(0.0) += sum;
            let other = &mut clusters[neighbour as usize].links;
            other.remove(&from);
            *other.entry(into).or_insert(0.0) += sum;
        }
        let size = clusters[into as usize].size + clusters[from as usize].size;
        clusters[into as usize].size = size;
        clusters[into as usize].formed = Some(link.average);
        clusters[into as usize].version += 1;
        let version = clusters[into as usize].version;
        for (&neighbour, &sum) in &clusters[into as usize].links {
            let other = &clusters[neighbour as usize];
            let average = sum / (f64::from(size) * f64::from(other.size));
            if average >= threshold {
                heap.push(Link {
                    average,
                    left: into.min(neighbour),
                    right: into.max(neighbour),
                    left_version: if into < neighbour {
                        version
                    } else {
                        other.version
                    },
                    right_version: if into < neighbour {
                        other.version
                    } else {
                        version
                    },
                });
            }
        }
    }
    let root = |mut story: u32| {
        while let Some(next) = clusters[story as usize].merged_into {
            story = next;
        }
        story
    };
    let roots: Vec<u32> = (0..clusters.len() as u32).map(root).collect();
    let mut smallest: FxHashMap<u32, u32> = FxHashMap::default();
    for (story, &r) in roots.iter().enumerate() {
        smallest.entry(r).or_insert(story as u32);
    }
    roots.iter().map(|r| smallest[r]).collect()
}

impl Linkage {
    /// Whether the cohesion guard lets two clusters, formed at the given levels (`None`: a
    /// single item), merge at `average`.
    fn allows(&self, left: Option<f64>, right: Option<f64>, average: f64) -> bool {
        match (left, right) {
            (Some(l), Some(r)) => average >= self.cohesion * l.min(r),
            _ => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Linkage without the cohesion guard.
    fn plain(threshold: f64) -> Linkage {
        Linkage {
            threshold,
            cohesion: 0.0,
        }
    }

    /// Average linkage the slow, obvious way: recompute every live pair's average over its
    /// story links and merge the best, until none reaches the threshold.
    fn naive_average_linkage(
        sizes: &[u32],
        links: &[(u32, u32, f64)],
        linkage: Linkage,
    ) -> Vec<u32> {
        let mut clusters: Vec<Vec<u32>> = (0..sizes.len() as u32).map(|s| vec![s]).collect();
        let mut formed: Vec<Option<f64>> = vec![None; sizes.len()];
        let link = |a: u32, b: u32| {
            links
                .iter()
                .filter(|l| (l.0, l.1) == (a.min(b), a.max(b)))
                .map(|l| l.2)
                .sum::<f64>()
        };
        loop {
            let mut best: Option<(f64, usize, usize)> = None;
            for i in 0..clusters.len() {
                for j in i + 1..clusters.len() {
                    let sum: f64 = clusters[i]
                        .iter()
                        .flat_map(|&a| clusters[j].iter().map(move |&b| (a, b)))
                        .map(|(a, b)| link(a, b))
                        .sum();
                    let weight =
                        |c: &Vec<u32>| c.iter().map(|&s| f64::from(sizes[s as usize])).sum::<f64>();
                    let average = sum / (weight(&clusters[i]) * weight(&clusters[j]));
                    let allowed = linkage.allows(formed[i], formed[j], average);
                    if average >= linkage.threshold && allowed && best.is_none_or(|b| average > b.0)
                    {
                        best = Some((average, i, j));
                    }
                }
            }
            let Some((average, i, j)) = best else { break };
            let merged = clusters.remove(j);
            formed.remove(j);
            clusters[i].extend(merged);
            formed[i] = Some(average);
        }
        let mut topic = vec![0; sizes.len()];
        for cluster in &clusters {
            let smallest = *cluster.iter().min().unwrap();
            for &s in cluster {
                topic[s as usize] = smallest;
            }
        }
        topic
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn heap_linkage_equals_the_naive_one(
            sizes in prop::collection::vec(1u32..4, 1..9),
            raw in prop::collection::vec((0u32..9, 0u32..9, 0.0f64..1.0), 0..20),
            threshold in 0.01f64..0.6,
            cohesion in prop::sample::select(vec![0.0, 0.5, 0.8]),
        ) {
            let linkage = Linkage { threshold, cohesion };
            let n = sizes.len() as u32;
            let mut links: Vec<(u32, u32, f64)> = raw
                .into_iter()
                .map(|(a, b, s)| (a % n, b % n, s))
                .filter(|(a, b, _)| a != b)
                .map(|(a, b, s)| (a.min(b), a.max(b), s))
                .collect();
            links.sort_by_key(|l| (l.0, l.1));
            links.dedup_by_key(|l| (l.0, l.1));
            prop_assert_eq!(
                average_linkage(sizes.clone(), links.clone(), linkage),
                naive_average_linkage(&sizes, &links, linkage)
            );
        }
    }

    #[test]
    fn strong_links_merge_and_weak_ones_do_not() {
        // Stories 0 and 1 are alike; 2 is only faintly like 1; 3 stands alone.
        let topics = average_linkage(
            vec![1, 1, 1, 1],
            vec![(0, 1, 0.5), (1, 2, 0.1)],
            plain(0.08),
        );
        assert_eq!(topics, [0, 0, 2, 3]);
    }

    #[test]
    fn averages_count_every_cross_pair() {
        // Story 0 has four titles, story 1 one: a single strong pair between them averages
        // 0.6 / 4 = 0.15 over the four cross pairs.
        assert_eq!(
            average_linkage(vec![4, 1], vec![(0, 1, 0.6)], plain(0.2)),
            [0, 1]
        );
        assert_eq!(
            average_linkage(vec![4, 1], vec![(0, 1, 0.6)], plain(0.1)),
            [0, 0]
        );
    }

    #[test]
    fn merged_clusters_keep_summing_links() {
        // 0–1 merge first (0.9); then {0,1}–2 averages (0.2 + 0.2) / 2 = 0.2.
        let links = vec![(0, 1, 0.9), (0, 2, 0.2), (1, 2, 0.2)];
        assert_eq!(
            average_linkage(vec![1, 1, 1], links.clone(), plain(0.15)),
            [0, 0, 0]
        );
        assert_eq!(
            average_linkage(vec![1, 1, 1], links, plain(0.25)),
            [0, 0, 2]
        );
    }

    #[test]
    fn one_strong_pair_does_not_chain_two_topics() {
        // Two tight pairs (0,1) and (2,3); only 1–2 are alike across them.
        let links = vec![(0, 1, 0.9), (2, 3, 0.9), (1, 2, 0.3)];
        assert_eq!(average_linkage(vec![1; 4], links, plain(0.1)), [0, 0, 2, 2]);
    }

    #[test]
    fn the_cohesion_guard_keeps_two_angles_of_one_subject_apart() {
        // The seed page's three "El Mencho" stories (lines 50/52, 75/77, 90/92), with the
        // combined scores of all their pairs: every pair across stories reaches the link
        // threshold, but each story is far tighter within than across.
        let links = vec![
            (0, 1, 0.611),
            (0, 2, 0.123),
            (0, 3, 0.185),
            (0, 4, 0.178),
            (0, 5, 0.179),
            (1, 2, 0.196),
            (1, 3, 0.591),
            (1, 4, 0.298),
            (1, 5, 0.525),
            (2, 3, 0.619),
            (2, 4, 0.490),
            (2, 5, 0.339),
            (3, 4, 0.476),
            (3, 5, 0.661),
            (4, 5, 0.963),
        ];
        let guarded = Linkage {
            threshold: 0.1,
            cohesion: 0.8,
        };
        assert_eq!(
            average_linkage(vec![1; 6], links.clone(), plain(0.1)),
            [0; 6]
        );
        assert_eq!(
            average_linkage(vec![1; 6], links, guarded),
            [0, 0, 2, 2, 4, 4]
        );
    }
}
