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
//! A max-heap of one upper bound per cluster, checked when it reaches the top, smaller link
//! maps merged into larger ones. Ties are broken by cluster index, so the result depends only on
//! the input, never on hash or heap internals.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use rustc_hash::FxHashMap;

/// A possible merge, ordered by average similarity (highest first), then by cluster ids
/// (lowest first) so that the result does not depend on heap internals.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Link {
    average: f64,
    left: u32,
    right: u32,
}

impl Link {
    fn between(a: u32, b: u32, average: f64) -> Self {
        Self {
            average,
            left: a.min(b),
            right: a.max(b),
        }
    }

    fn order(&self, other: &Self) -> Ordering {
        self.average
            .total_cmp(&other.average)
            .then_with(|| (other.left, other.right).cmp(&(self.left, self.right)))
    }
}

/// A heap entry: an upper bound of the best merge of cluster `owner` (its link at the time
/// the entry was pushed), checked when it reaches the top.
#[derive(Debug, Clone, Copy)]
struct Bound {
    link: Link,
    owner: u32,
    version: u32,
}

impl PartialEq for Bound {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Bound {}

impl PartialOrd for Bound {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Bound {
    fn cmp(&self, other: &Self) -> Ordering {
        self.link
            .order(&other.link)
            .then_with(|| other.owner.cmp(&self.owner))
            .then_with(|| self.version.cmp(&other.version))
    }
}

/// A cluster while merging.
#[derive(Debug, Default)]
struct Cluster {
    /// Titles in it.
    size: u32,
    /// Summed scores to each neighbouring live cluster.
    links: FxHashMap<u32, f64>,
    /// Where it went when merged into another cluster.
    merged_into: Option<u32>,
    /// The average at which its last merge happened; `None` until it has merged.
    formed: Option<f64>,
    /// Its latest heap entry's link (`None`: no merge it could make), and that entry's
    /// version: older entries of the cluster are stale.
    bound: Option<Link>,
    version: u32,
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
///
/// The heap holds one upper bound per cluster of its best allowed merge (the generic
/// algorithm of Müllner, "Modern hierarchical, agglomerative clustering algorithms", 2011):
/// a merge only lowers the averages to the merged clusters' neighbours (an average to the
/// union is a weighted mean of the averages to its parts), so a neighbour's bound stays an
/// upper bound, and is recomputed only when it reaches the top and is found out of date.
/// The new cluster's link to each neighbour is checked at once, since the guard may allow
/// it where it refused the parts.
pub(crate) fn average_linkage(
    sizes: Vec<u32>,
    links: Vec<(u32, u32, f64)>,
    linkage: Linkage,
) -> Vec<u32> {
    let mut clusters: Vec<Cluster> = sizes
        .into_iter()
        .map(|size| Cluster {
            size,
            ..Cluster::default()
        })
        .collect();
    for &(a, b, sum) in &links {
        clusters[a as usize].links.insert(b, sum);
        clusters[b as usize].links.insert(a, sum);
    }
    let mut heap = BinaryHeap::new();
    for x in 0..clusters.len() as u32 {
        refresh(&mut clusters, &mut heap, x, linkage);
    }
    while let Some(entry) = heap.pop() {
        let owner = &clusters[entry.owner as usize];
        if owner.merged_into.is_some() || owner.version != entry.version {
            continue;
        }
        let other = if entry.link.left == entry.owner {
            entry.link.right
        } else {
            entry.link.left
        };
        if linkage.link(&clusters, entry.owner, other) != Some(entry.link) {
            // Out of date: the owner's best is lower now; look again.
            refresh(&mut clusters, &mut heap, entry.owner, linkage);
            continue;
        }
        let (a, b) = (entry.link.left, entry.link.right);
        let (into, from) = if clusters[a as usize].links.len() >= clusters[b as usize].links.len() {
            (a, b)
        } else {
            (b, a)
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
        clusters[into as usize].formed = Some(entry.link.average);
        refresh(&mut clusters, &mut heap, into, linkage);
        let neighbours: Vec<u32> = clusters[into as usize].links.keys().copied().collect();
        for neighbour in neighbours {
            let Some(link) = linkage.link(&clusters, neighbour, into) else {
                continue;
            };
            let cluster = &mut clusters[neighbour as usize];
            if cluster.bound.is_none_or(|b| link.order(&b).is_gt()) {
                cluster.bound = Some(link);
                cluster.version += 1;
                heap.push(Bound {
                    link,
                    owner: neighbour,
                    version: cluster.version,
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

/// Recompute cluster `x`'s best allowed merge and push it as its new bound.
fn refresh(clusters: &mut [Cluster], heap: &mut BinaryHeap<Bound>, x: u32, linkage: Linkage) {
    let best = clusters[x as usize]
        .links
        .keys()
        .filter_map(|&y| linkage.link(clusters, x, y))
        .max_by(Link::order);
    let cluster = &mut clusters[x as usize];
    cluster.bound = best;
    cluster.version += 1;
    if let Some(link) = best {
        heap.push(Bound {
            link,
            owner: x,
            version: cluster.version,
        });
    }
}

impl Linkage {
    /// The merge of live clusters `x` and `y` as it stands, if they are linked, their
    /// average reaches the threshold and the guard allows it.
    fn link(&self, clusters: &[Cluster], x: u32, y: u32) -> Option<Link> {
        let (cx, cy) = (&clusters[x as usize], &clusters[y as usize]);
        if cy.merged_into.is_some() {
            return None;
        }
        let sum = *cx.links.get(&y)?;
        let average = sum / (f64::from(cx.size) * f64::from(cy.size));
        (average >= self.threshold && self.allows(cx.formed, cy.formed, average))
            .then(|| Link::between(x, y, average))
    }

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
