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
//! A max-heap of one upper bound per cluster, checked when it reaches the top. Each cluster
//! keeps its links to live clusters in a plain list whose entries know where the other
//! end's entry is, so a merge updates each neighbour in place, without hashing or search.
//! Ties are broken by cluster index, so the result depends only on the input, never on heap
//! internals.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

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
/// the entry was pushed, whose end was at `at` in the owner's list), checked when it
/// reaches the top.
#[derive(Debug, Clone, Copy)]
struct Bound {
    link: Link,
    owner: u32,
    version: u32,
    at: u32,
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

/// One end of a link, in a cluster's list: the live cluster at the other end, where that
/// cluster's end of the link is in its own list, and the link's summed score (the same at
/// both ends).
#[derive(Debug, Clone, Copy)]
struct End {
    to: u32,
    twin: u32,
    sum: f64,
}

/// Not an end: [`Merging::mark`] of a cluster the merging cluster has no link to.
const NO_END: u32 = u32::MAX;

/// A cluster while merging (what is read for every link scanned is in [`Merging`]).
#[derive(Debug)]
struct Cluster {
    /// Its links to live clusters, in no particular order.
    links: Vec<End>,
    /// Its latest heap entry's link (`None`: no merge it could make), and that entry's
    /// version: older entries of the cluster are stale.
    bound: Option<Link>,
    version: u32,
}

/// The state of [`average_linkage`].
struct Merging {
    clusters: Vec<Cluster>,
    /// Union-find over clusters: a live cluster is its own parent, a merged one points
    /// towards the cluster it went into.
    parent: Vec<u32>,
    /// Titles in each cluster. This and the next are read for every link scanned, so they
    /// are kept apart, small enough to stay in the cache.
    size: Vec<u32>,
    /// The average at which each cluster's last merge happened; `None` until it has merged.
    formed: Vec<Option<f64>>,
    /// During a merge, where the absorbing cluster's end of its link to each cluster is
    /// ([`NO_END`] outside a merge and for clusters it has no link to).
    mark: Vec<u32>,
    heap: BinaryHeap<Bound>,
    linkage: Linkage,
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
/// it where it refused the parts. The cluster with more neighbours absorbs the other (the
/// lower index on a tie); its link to a neighbour is the sum of its parts' links.
pub(crate) fn average_linkage(
    sizes: Vec<u32>,
    links: &[(u32, u32, f64)],
    linkage: Linkage,
) -> Vec<u32> {
    let mut merging = Merging::new(sizes, links, linkage);
    merging.run();
    merging.cluster_numbers()
}

impl Merging {
    /// The items as clusters of their own, linked, each with its bound on the heap.
    fn new(sizes: Vec<u32>, links: &[(u32, u32, f64)], linkage: Linkage) -> Self {
        let items = sizes.len();
        let mut degree = vec![0usize; items];
        for &(a, b, _) in links {
            degree[a as usize] += 1;
            degree[b as usize] += 1;
        }
        let clusters = degree
            .into_iter()
            .map(|degree| Cluster {
                links: Vec::with_capacity(degree),
                bound: None,
                version: 0,
            })
            .collect();
        let mut merging = Self {
            clusters,
            parent: (0..items as u32).collect(),
            formed: vec![None; items],
            size: sizes,
            mark: vec![NO_END; items],
            heap: BinaryHeap::new(),
            linkage,
        };
        // Each cluster's best merge, found while its links are listed.
        let mut best = vec![None; items];
        for &(a, b, sum) in links {
            let at_a = merging.clusters[a as usize].links.len() as u32;
            let at_b = merging.clusters[b as usize].links.len() as u32;
            merging.clusters[a as usize].links.push(End {
                to: b,
                twin: at_b,
                sum,
            });
            merging.clusters[b as usize].links.push(End {
                to: a,
                twin: at_a,
                sum,
            });
            if let Some(link) = merging.live_link(a, b, sum) {
                keep_better(&mut best[a as usize], link, at_a);
                keep_better(&mut best[b as usize], link, at_b);
            }
        }
        for (x, best) in best.into_iter().enumerate() {
            merging.set_bound(x as u32, best);
        }
        merging
    }

    /// Merge the best allowed pair until none is left.
    fn run(&mut self) {
        while let Some(entry) = self.heap.pop() {
            let owner = entry.owner;
            if self.parent[owner as usize] != owner
                || self.clusters[owner as usize].version != entry.version
            {
                continue;
            }
            let (a, b) = (entry.link.left, entry.link.right);
            let other = if a == owner { b } else { a };
            if self.link(owner, other, entry.at) != Some(entry.link) {
                // Out of date: the owner's best is lower now; look again.
                self.refresh(owner, false);
                continue;
            }
            let degree = |x: u32| self.clusters[x as usize].links.len();
            let (into, from) = if degree(a) >= degree(b) {
                (a, b)
            } else {
                (b, a)
            };
            self.merge(into, from, entry.link.average);
            self.refresh(into, true);
        }
    }

    /// Cluster `from` goes into `into`, which formed at `average`: `into` takes over each
    /// of `from`'s links, or adds it to its own link to the same neighbour.
    fn merge(&mut self, into: u32, from: u32, average: f64) {
        let ends = std::mem::take(&mut self.clusters[from as usize].links);
        let between = ends
            .iter()
            .find(|end| end.to == into)
            .expect("merging clusters are linked");
        self.remove_end(into, between.twin);
        let kept = self.clusters[into as usize].links.len();
        for (at, end) in self.clusters[into as usize].links.iter().enumerate() {
            self.mark[end.to as usize] = at as u32;
        }
        for end in ends.into_iter().filter(|end| end.to != into) {
            let y = end.to;
            match self.mark[y as usize] {
                NO_END => {
                    let at = self.clusters[into as usize].links.len() as u32;
                    self.clusters[into as usize].links.push(end);
                    self.clusters[y as usize].links[end.twin as usize] = End {
                        to: into,
                        twin: at,
                        sum: end.sum,
                    };
                }
                mine => {
                    let link = &mut self.clusters[into as usize].links[mine as usize];
                    link.sum += end.sum;
                    let (sum, twin) = (link.sum, link.twin);
                    self.clusters[y as usize].links[twin as usize].sum = sum;
                    self.remove_end(y, end.twin);
                }
            }
        }
        for at in 0..kept {
            let y = self.clusters[into as usize].links[at].to;
            self.mark[y as usize] = NO_END;
        }
        self.parent[from as usize] = into;
        self.size[into as usize] += self.size[from as usize];
        self.formed[into as usize] = Some(average);
    }

    /// Remove the end at `at` from cluster `x`'s list, moving its last end there.
    fn remove_end(&mut self, x: u32, at: u32) {
        let links = &mut self.clusters[x as usize].links;
        links.swap_remove(at as usize);
        if let Some(&moved) = links.get(at as usize) {
            self.clusters[moved.to as usize].links[moved.twin as usize].twin = at;
        }
    }

    /// Recompute live cluster `x`'s best allowed merge and push it as its new bound. When
    /// `x` has just formed, also offer each neighbour its merge with `x`.
    fn refresh(&mut self, x: u32, formed: bool) {
        let mut best = None;
        for at in 0..self.clusters[x as usize].links.len() {
            let end = self.clusters[x as usize].links[at];
            let Some(link) = self.live_link(x, end.to, end.sum) else {
                continue;
            };
            keep_better(&mut best, link, at as u32);
            if formed {
                self.offer(end.to, link, end.twin);
            }
        }
        self.set_bound(x, best);
    }

    /// Make `best` (a link and where `x`'s end of it is) cluster `x`'s bound, and push it.
    fn set_bound(&mut self, x: u32, best: Option<(Link, u32)>) {
        let cluster = &mut self.clusters[x as usize];
        cluster.bound = best.map(|(link, _)| link);
        cluster.version += 1;
        if let Some((link, at)) = best {
            self.heap.push(Bound {
                link,
                owner: x,
                version: cluster.version,
                at,
            });
        }
    }

    /// Make `link` (its end at `at` in `y`'s list) cluster `y`'s bound if it beats the one
    /// `y` has.
    fn offer(&mut self, y: u32, link: Link, at: u32) {
        let cluster = &mut self.clusters[y as usize];
        if cluster.bound.is_none_or(|b| link.order(&b).is_gt()) {
            cluster.bound = Some(link);
            cluster.version += 1;
            self.heap.push(Bound {
                link,
                owner: y,
                version: cluster.version,
                at,
            });
        }
    }

    /// The merge of live cluster `x` with cluster `y` as it stands, if `y` is still live
    /// and linked to `x`; `at` is where `x`'s end of their link was.
    fn link(&self, x: u32, y: u32, at: u32) -> Option<Link> {
        if self.parent[y as usize] != y {
            return None;
        }
        // The end moves only when another end of `x` is removed.
        let links = &self.clusters[x as usize].links;
        let end = match links.get(at as usize) {
            Some(end) if end.to == y => end,
            _ => links.iter().find(|end| end.to == y)?,
        };
        self.live_link(x, y, end.sum)
    }

    /// The merge of live clusters `x` and `y` with summed link `sum`, if their average
    /// reaches the threshold and the guard allows it.
    fn live_link(&self, x: u32, y: u32, sum: f64) -> Option<Link> {
        let (i, j) = (x as usize, y as usize);
        let average = sum / (f64::from(self.size[i]) * f64::from(self.size[j]));
        let (left, right) = (self.formed[i], self.formed[j]);
        (average >= self.linkage.threshold && self.linkage.allows(left, right, average))
            .then(|| Link::between(x, y, average))
    }

    /// Each item's cluster number: the smallest item index in its cluster.
    fn cluster_numbers(mut self) -> Vec<u32> {
        let items = self.parent.len();
        let mut smallest = vec![u32::MAX; items];
        (0..items as u32)
            .map(|item| {
                let mut x = item;
                while self.parent[x as usize] != x {
                    let up = self.parent[self.parent[x as usize] as usize];
                    self.parent[x as usize] = up;
                    x = up;
                }
                let first = &mut smallest[x as usize];
                if *first == u32::MAX {
                    *first = item;
                }
                *first
            })
            .collect()
    }
}

/// Keep `link` (its end at `at`) as `best` if it is better.
fn keep_better(best: &mut Option<(Link, u32)>, link: Link, at: u32) {
    if best.is_none_or(|(b, _)| link.order(&b).is_gt()) {
        *best = Some((link, at));
    }
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

    /// Links `(a, b, sum)` among `n` items from arbitrary triples: `a < b`, each pair once.
    fn canonical_links(n: u32, raw: Vec<(u32, u32, f64)>) -> Vec<(u32, u32, f64)> {
        let mut links: Vec<(u32, u32, f64)> = raw
            .into_iter()
            .map(|(a, b, s)| (a % n, b % n, s))
            .filter(|(a, b, _)| a != b)
            .map(|(a, b, s)| (a.min(b), a.max(b), s))
            .collect();
        links.sort_by_key(|l| (l.0, l.1));
        links.dedup_by_key(|l| (l.0, l.1));
        links
    }

    /// The heap linkage of `sizes` and links from `raw` against the naive one.
    fn equals_the_naive_linkage(
        sizes: Vec<u32>,
        raw: Vec<(u32, u32, f64)>,
        linkage: Linkage,
    ) -> Result<(), TestCaseError> {
        let links = canonical_links(sizes.len() as u32, raw);
        prop_assert_eq!(
            average_linkage(sizes.clone(), &links, linkage),
            naive_average_linkage(&sizes, &links, linkage)
        );
        Ok(())
    }

    /// Every link is held at both ends, each end knows where the other is, both carry the
    /// same sum, and only live clusters are linked.
    fn assert_consistent(merging: &Merging) {
        for (x, cluster) in merging.clusters.iter().enumerate() {
            let live = merging.parent[x] == x as u32;
            assert!(
                live || cluster.links.is_empty(),
                "merged cluster {x} keeps links"
            );
            for (at, end) in cluster.links.iter().enumerate() {
                let twin = merging.clusters[end.to as usize].links[end.twin as usize];
                assert_eq!(
                    (twin.to, twin.twin),
                    (x as u32, at as u32),
                    "end {at} of {x}"
                );
                assert_eq!(twin.sum, end.sum);
                assert_eq!(merging.parent[end.to as usize], end.to);
            }
        }
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
            equals_the_naive_linkage(sizes, raw, Linkage { threshold, cohesion })?;
        }

        /// Larger, denser graphs: many merges with neighbours in common, bounds out of date.
        #[test]
        fn heap_linkage_equals_the_naive_one_on_larger_graphs(
            sizes in prop::collection::vec(1u32..3, 10..18),
            raw in prop::collection::vec((0u32..18, 0u32..18, 0.0f64..1.0), 20..60),
            threshold in 0.01f64..0.3,
            cohesion in prop::sample::select(vec![0.0, 0.8]),
        ) {
            equals_the_naive_linkage(sizes, raw, Linkage { threshold, cohesion })?;
        }

        /// Merging linked clusters in any order keeps the link lists consistent, and each
        /// link's sum is the sum of the item links across the two clusters.
        #[test]
        fn merges_keep_both_ends_of_every_link(
            raw in prop::collection::vec((0u32..12, 0u32..12, 0.0f64..1.0), 0..40),
            picks in prop::collection::vec(0usize..12, 0..12),
        ) {
            let links = canonical_links(12, raw);
            let mut merging = Merging::new(vec![1; 12], &links, plain(0.1));
            assert_consistent(&merging);
            for pick in picks {
                let Some(end) = merging.clusters[pick].links.first().copied() else {
                    continue;
                };
                let (a, b) = (pick as u32, end.to);
                let degree = |x: u32| merging.clusters[x as usize].links.len();
                let (into, from) = if degree(a) >= degree(b) { (a, b) } else { (b, a) };
                merging.merge(into, from, 0.5);
                assert_consistent(&merging);
            }
            let mut parent = merging.parent.clone();
            let root = |parent: &mut Vec<u32>, mut x: u32| {
                while parent[x as usize] != x {
                    x = parent[x as usize];
                }
                x
            };
            for (x, cluster) in merging.clusters.iter().enumerate() {
                for end in &cluster.links {
                    let expected: f64 = links
                        .iter()
                        .filter(|&&(a, b, _)| {
                            let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
                            (ra, rb) == (x as u32, end.to) || (rb, ra) == (x as u32, end.to)
                        })
                        .map(|l| l.2)
                        .sum();
                    prop_assert!((end.sum - expected).abs() < 1e-9, "{} vs {}", end.sum, expected);
                }
            }
        }
    }

    #[test]
    fn strong_links_merge_and_weak_ones_do_not() {
        // Stories 0 and 1 are alike; 2 is only faintly like 1; 3 stands alone.
        let topics = average_linkage(vec![1, 1, 1, 1], &[(0, 1, 0.5), (1, 2, 0.1)], plain(0.08));
        assert_eq!(topics, [0, 0, 2, 3]);
    }

    #[test]
    fn averages_count_every_cross_pair() {
        // Story 0 has four titles, story 1 one: a single strong pair between them averages
        // 0.6 / 4 = 0.15 over the four cross pairs.
        assert_eq!(
            average_linkage(vec![4, 1], &[(0, 1, 0.6)], plain(0.2)),
            [0, 1]
        );
        assert_eq!(
            average_linkage(vec![4, 1], &[(0, 1, 0.6)], plain(0.1)),
            [0, 0]
        );
    }

    #[test]
    fn merged_clusters_keep_summing_links() {
        // 0–1 merge first (0.9); then {0,1}–2 averages (0.2 + 0.2) / 2 = 0.2.
        let links = vec![(0, 1, 0.9), (0, 2, 0.2), (1, 2, 0.2)];
        assert_eq!(
            average_linkage(vec![1, 1, 1], &links, plain(0.15)),
            [0, 0, 0]
        );
        assert_eq!(
            average_linkage(vec![1, 1, 1], &links, plain(0.25)),
            [0, 0, 2]
        );
    }

    #[test]
    fn one_strong_pair_does_not_chain_two_topics() {
        // Two tight pairs (0,1) and (2,3); only 1–2 are alike across them.
        let links = vec![(0, 1, 0.9), (2, 3, 0.9), (1, 2, 0.3)];
        assert_eq!(
            average_linkage(vec![1; 4], &links, plain(0.1)),
            [0, 0, 2, 2]
        );
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
        assert_eq!(average_linkage(vec![1; 6], &links, plain(0.1)), [0; 6]);
        assert_eq!(
            average_linkage(vec![1; 6], &links, guarded),
            [0, 0, 2, 2, 4, 4]
        );
    }
}
