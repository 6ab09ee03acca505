//! Story groups from the verified same-story graph, one connected component at a time.
//!
//! The graph's nodes are a batch's distinct titles; its edges are the candidate pairs the
//! index returns, each verified with the combined score and kept when it reaches
//! [`ClusterOptions::edge_threshold`] (the `rewrite` level: the pair alone could be one
//! story). Only titles joined by a path of edges can share a group, so the clustering is
//! defined on each connected component alone.
//!
//! Inside a component, groups are built by average linkage (`linkage`) over every
//! verified pair of the component that reaches [`ClusterOptions::link_threshold`], weaker
//! pairs included: they do not join titles, but they are evidence. Two clusters merge while
//! the average combined score over *every* pair of titles across them (a pair without a
//! verified score counts 0) is at least the link threshold, and two clusters that have both
//! formed merge only while that average is at least [`ClusterOptions::cohesion`] times the
//! lower level they formed at. Every verified pair is used, so B~C counts when A~B holds;
//! the average over all cross pairs and the cohesion guard keep A~B and B~C from chaining
//! two stories together. [`cluster_component`] is that definition, deterministic for the
//! component's titles and edges whatever their order and whatever else the batch holds;
//! [`cluster_graph`] runs it on every component of a batch, in parallel. A distributed job
//! that finds the same edges gets the same groups by calling [`cluster_component`] on each
//! component.
//!
//! Each group's *center* is its most central title: the highest sum of edge scores to the
//! other titles of the group (the earliest title on a tie).

use rayon::prelude::*;
use serde::Serialize;

use super::linkage::{Linkage, average_linkage};

/// How story groups are formed from verified pairs.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct ClusterOptions {
    /// The lowest combined score that makes a verified pair an edge of the same-story graph
    /// (0.24, the `rewrite` threshold).
    pub edge_threshold: f64,
    /// The lowest combined score at which a verified pair counts in the averages, and the
    /// lowest average at which two clusters merge. Chosen on the labeled Google News feed
    /// windows (see `docs/design.md`): 0.1.
    pub link_threshold: f64,
    /// The cohesion guard: two clusters that have both formed by merging join only while
    /// their average is at least this share of the lower level they formed at (0 turns it
    /// off). 0.8 keeps the seed page's three "El Mencho" stories apart.
    pub cohesion: f64,
}

impl Default for ClusterOptions {
    fn default() -> Self {
        Self {
            edge_threshold: 0.24,
            link_threshold: 0.1,
            cohesion: 0.8,
        }
    }
}

/// A verified pair of distinct titles, by their indexes in the batch, with its combined
/// score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StoryEdge {
    /// One title.
    pub left: u32,
    /// The other title.
    pub right: u32,
    /// The pair's combined score.
    pub score: f64,
}

/// A group of two or more titles that tell one story.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoryCluster {
    /// The most central title (see the module documentation).
    pub center: u32,
    /// Every title of the group, the center included, in ascending order.
    pub titles: Vec<u32>,
}

/// The connected components of two or more titles over the edges that reach the edge
/// threshold: each component's titles in ascending order, components ordered by their
/// first title. `titles` is the number of titles in the batch.
pub fn components(titles: usize, edges: &[StoryEdge], options: &ClusterOptions) -> Vec<Vec<u32>> {
    let mut parent: Vec<u32> = (0..titles as u32).collect();
    fn root(parent: &mut [u32], mut title: u32) -> u32 {
        while parent[title as usize] != title {
            let up = parent[parent[title as usize] as usize];
            parent[title as usize] = up;
            title = up;
        }
        title
    }
    for edge in edges.iter().filter(|e| e.score >= options.edge_threshold) {
        let (a, b) = (root(&mut parent, edge.left), root(&mut parent, edge.right));
        // The smaller index becomes the root, so each root is its component's first title.
        parent[a.max(b) as usize] = a.min(b);
    }
    let mut slot_of_root = vec![u32::MAX; titles];
    let mut members: Vec<Vec<u32>> = Vec::new();
    for title in 0..titles as u32 {
        let r = root(&mut parent, title) as usize;
        if slot_of_root[r] == u32::MAX {
            slot_of_root[r] = members.len() as u32;
            members.push(Vec::new());
        }
        members[slot_of_root[r] as usize].push(title);
    }
    members.retain(|m| m.len() >= 2);
    members
}

/// The story groups of one connected component: `titles` are its titles (any order),
/// `edges` its verified pairs (any order; pairs that do not join two of `titles`, and pairs
/// below the link threshold, are ignored; a pair given twice counts once, at its higher
/// score). Groups of two or more titles, ordered by their first title; a title in none is
/// a story of its own.
pub fn cluster_component(
    titles: &[u32],
    edges: &[StoryEdge],
    options: &ClusterOptions,
) -> Vec<StoryCluster> {
    let mut titles = titles.to_vec();
    titles.sort_unstable();
    titles.dedup();
    let local = |title: u32| titles.binary_search(&title).ok().map(|i| i as u32);
    let links: Vec<(u32, u32, f64)> = edges
        .iter()
        .filter(|e| e.score >= options.link_threshold && e.left != e.right)
        .filter_map(|e| {
            let (a, b) = (local(e.left)?, local(e.right)?);
            Some((a.min(b), a.max(b), e.score))
        })
        .collect();
    groups_of(&titles, links, options)
}

/// [`cluster_component`] of `titles` (ascending, distinct) and `links` `(a, b, score)`
/// between them, as indexes into `titles` with `a < b`, scores at the link threshold or
/// above.
fn groups_of(
    titles: &[u32],
    mut links: Vec<(u32, u32, f64)>,
    options: &ClusterOptions,
) -> Vec<StoryCluster> {
    // One canonical order, the higher score first for a pair given twice.
    links.sort_unstable_by(|x, y| (x.0, x.1).cmp(&(y.0, y.1)).then(y.2.total_cmp(&x.2)));
    links.dedup_by_key(|l| (l.0, l.1));
    let linkage = Linkage {
        threshold: options.link_threshold,
        cohesion: options.cohesion,
    };
    let cluster_of = average_linkage(vec![1; titles.len()], &links, linkage);
    // Each title's summed score to the other titles of its cluster: the center has the most.
    let mut centrality = vec![0.0f64; titles.len()];
    for &(a, b, score) in &links {
        if cluster_of[a as usize] == cluster_of[b as usize] {
            centrality[a as usize] += score;
            centrality[b as usize] += score;
        }
    }
    let mut by_cluster: Vec<Vec<u32>> = vec![Vec::new(); titles.len()];
    for (title, &cluster) in cluster_of.iter().enumerate() {
        by_cluster[cluster as usize].push(title as u32);
    }
    by_cluster
        .into_iter()
        .filter(|members| members.len() >= 2)
        .map(|members| {
            let center = members
                .iter()
                .copied()
                .max_by(|&a, &b| {
                    centrality[a as usize]
                        .total_cmp(&centrality[b as usize])
                        .then(b.cmp(&a))
                })
                .unwrap_or(members[0]);
            StoryCluster {
                center: titles[center as usize],
                titles: members.iter().map(|&m| titles[m as usize]).collect(),
            }
        })
        .collect()
}

/// The story groups of a whole batch of `titles` titles: [`cluster_component`] on each
/// connected component (see [`components`]), in parallel. Groups ordered by their first
/// title.
pub fn cluster_graph(
    titles: usize,
    edges: &[StoryEdge],
    options: &ClusterOptions,
) -> Vec<StoryCluster> {
    let components = components(titles, edges, options);
    // Each title's component and its index among the component's titles.
    let mut place = vec![(u32::MAX, 0u32); titles];
    for (c, members) in components.iter().enumerate() {
        for (i, &title) in members.iter().enumerate() {
            place[title as usize] = (c as u32, i as u32);
        }
    }
    let mut links_of: Vec<Vec<(u32, u32, f64)>> = vec![Vec::new(); components.len()];
    for edge in edges
        .iter()
        .filter(|e| e.score >= options.link_threshold && e.left != e.right)
    {
        let ((c, a), (d, b)) = (place[edge.left as usize], place[edge.right as usize]);
        if c != u32::MAX && c == d {
            links_of[c as usize].push((a.min(b), a.max(b), edge.score));
        }
    }
    // The largest first, one job each: a few components hold most links, and they should
    // not wait for the small ones (or for each other) on one thread.
    let mut jobs: Vec<_> = components.iter().zip(links_of).collect();
    jobs.sort_by_key(|(_, links)| std::cmp::Reverse(links.len()));
    let mut clusters: Vec<StoryCluster> = jobs
        .into_par_iter()
        .with_max_len(1)
        .flat_map_iter(|(members, links)| groups_of(members, links, options))
        .collect();
    clusters.sort_unstable_by_key(|c| c.titles[0]);
    clusters
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn edge(left: u32, right: u32, score: f64) -> StoryEdge {
        StoryEdge { left, right, score }
    }

    #[test]
    fn the_center_is_the_most_central_title() {
        // 1 is alike to both 0 and 2, which are less alike to each other.
        let edges = [edge(0, 1, 0.8), edge(1, 2, 0.7), edge(0, 2, 0.3)];
        let clusters = cluster_graph(3, &edges, &ClusterOptions::default());
        assert_eq!(
            clusters,
            [StoryCluster {
                center: 1,
                titles: vec![0, 1, 2]
            }]
        );
    }

    #[test]
    fn a_chain_of_pairs_does_not_make_one_group() {
        // Two tight stories joined by one pair: the average across them is 0.3 / 4.
        let edges = [edge(0, 1, 0.9), edge(2, 3, 0.9), edge(1, 2, 0.3)];
        let clusters = cluster_graph(4, &edges, &ClusterOptions::default());
        let groups: Vec<Vec<u32>> = clusters.into_iter().map(|c| c.titles).collect();
        assert_eq!(groups, [vec![0, 1], vec![2, 3]]);
    }

    #[test]
    fn pairs_below_the_edge_threshold_support_but_never_join() {
        let options = ClusterOptions::default();
        // 0.2 is a pair of one story's titles only with other evidence.
        assert!(cluster_graph(2, &[edge(0, 1, 0.2)], &options).is_empty());
        assert!(components(2, &[edge(0, 1, 0.2)], &options).is_empty());
        // 3's one edge, to 0 of a tight story of three, averages 0.25 / 3 < 0.1 over the
        // story; its weak pair with 1 brings the average to (0.25 + 0.12) / 3.
        let story = [edge(0, 1, 0.9), edge(0, 2, 0.9), edge(1, 2, 0.9)];
        let grouped = |extra: &[StoryEdge]| -> Vec<Vec<u32>> {
            let edges: Vec<StoryEdge> = story.iter().chain(extra).copied().collect();
            cluster_graph(4, &edges, &options)
                .into_iter()
                .map(|c| c.titles)
                .collect()
        };
        assert_eq!(grouped(&[edge(0, 3, 0.25)]), [vec![0, 1, 2]]);
        let groups = grouped(&[edge(0, 3, 0.25), edge(1, 3, 0.12)]);
        assert_eq!(groups, [vec![0, 1, 2, 3]]);
    }

    #[test]
    fn input_order_does_not_matter() {
        let edges = [edge(4, 2, 0.5), edge(2, 9, 0.6), edge(9, 4, 0.55)];
        let mut reversed = edges;
        reversed.reverse();
        let options = ClusterOptions::default();
        assert_eq!(
            cluster_component(&[9, 4, 2], &edges, &options),
            cluster_component(&[2, 4, 9], &reversed, &options)
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        /// What a distributed job relies on: clustering each connected component on its own,
        /// with only its own titles and edges, gives the groups of the whole batch.
        #[test]
        fn each_component_alone_gives_the_groups_of_the_whole_batch(
            raw in prop::collection::vec((0u32..30, 0u32..30, 0.0f64..1.0), 0..80),
        ) {
            let edges: Vec<StoryEdge> = raw
                .into_iter()
                .filter(|(a, b, _)| a != b)
                .map(|(a, b, s)| edge(a, b, s))
                .collect();
            let options = ClusterOptions::default();
            let whole = cluster_graph(30, &edges, &options);
            let mut alone: Vec<StoryCluster> = components(30, &edges, &options)
                .iter()
                .flat_map(|members| {
                    let inside: Vec<StoryEdge> = edges
                        .iter()
                        .filter(|e| members.contains(&e.left) && members.contains(&e.right))
                        .copied()
                        .collect();
                    cluster_component(members, &inside, &options)
                })
                .collect();
            alone.sort_by_key(|c| c.titles[0]);
            prop_assert_eq!(whole, alone);
        }
    }
}
