//! Topics: the different stories a batch tells about one subject.
//!
//! A group holds the items that tell one story (`rewrite` or closer to its representative).
//! Several stories can be about one subject: the seed page carries three different "El
//! Mencho" stories, which are `related` to one another but not rewrites of one another, and
//! a news aggregator's story clusters are mostly of that wider kind. A topic gathers such
//! stories.
//!
//! Topics are built over stories (a group's titles, or one lone title) by average-linkage
//! agglomerative clustering: repeatedly merge the two clusters whose titles are most alike
//! on average, over every pair of titles across them, until no two clusters reach
//! [`TopicOptions::link_threshold`]. Averaging over *all* cross pairs is what keeps a topic
//! from chaining: one strong pair between two big clusters barely moves their average.
//!
//! Pair similarities come from the candidate index at its own, lower threshold
//! ([`TopicOptions::candidate_threshold`]), each verified with the combined score; a pair
//! the index does not return counts as 0 in the average. Nothing compares all pairs.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;

use super::index::join_each;
use crate::compare::Comparer;
use crate::features::Features;

/// How topics are formed.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct TopicOptions {
    /// The candidate threshold (IDF-weighted Dice of content stems) for pairs that link
    /// stories: lower than the scan's, because stories of one topic share fewer words.
    pub candidate_threshold: f64,
    /// Two clusters of stories merge while the average combined score over all pairs of
    /// their titles (pairs not found by the index count as 0) is at least this.
    pub link_threshold: f64,
}

impl Default for TopicOptions {
    /// A candidate threshold of 0.2 and a link threshold of 0.05. On the seed page any link
    /// threshold from 0.03 to 0.25 puts the three "El Mencho" stories in one topic and every
    /// other story in its own. On the UCI story clusters (the only story-labelled data at
    /// hand, where it was chosen) pairwise F1 falls slowly from 0.03 to 0.08 and fast above
    /// 0.1; 0.05 sits on the plateau.
    fn default() -> Self {
        Self {
            candidate_threshold: 0.2,
            link_threshold: 0.05,
        }
    }
}

/// Each story's topic: `story_of[i]` is the story (0-based, dense) of distinct title `i`;
/// the result maps each story to a topic number, equal for stories of one topic. Topic
/// numbers are the smallest story index in the topic.
pub fn topics_of_stories(
    titles: &[&Features],
    story_of: &[u32],
    comparer: &Comparer,
    options: &TopicOptions,
) -> Vec<u32> {
    let stories = story_of.iter().map(|&s| s as usize + 1).max().unwrap_or(0);
    let mut sizes = vec![0u32; stories];
    for &story in story_of {
        sizes[story as usize] += 1;
    }
    let links = story_links(titles, story_of, comparer, options.candidate_threshold);
    average_linkage(sizes, links, options.link_threshold)
}

/// Summed combined scores between stories, over candidate pairs of titles in different
/// stories: `(earlier story, later story, sum)`, sorted by story pair.
///
/// Each title is probed against all earlier ones and its pairs are scored and summed per
/// story pair at once, so the (many) title pairs are never held in memory together.
fn story_links(
    titles: &[&Features],
    story_of: &[u32],
    comparer: &Comparer,
    threshold: f64,
) -> Vec<(u32, u32, f64)> {
    let by_story = |x: &(u32, u32, f64), y: &(u32, u32, f64)| {
        (x.0, x.1).cmp(&(y.0, y.1)).then(x.2.total_cmp(&y.2))
    };
    let mut partial = join_each(titles, threshold, |right, found| {
        let story = story_of[right];
        let mut scored: Vec<(u32, u32, f64)> = found
            .drain(..)
            .filter(|&left| story_of[left as usize] != story)
            .map(|left| {
                let other = story_of[left as usize];
                let score = comparer
                    .weights()
                    .score(titles[left as usize], titles[right]);
                (other.min(story), other.max(story), score)
            })
            .collect();
        scored.sort_unstable_by(by_story);
        sum_by_story_pair(scored)
    });
    partial.par_sort_unstable_by(by_story);
    sum_by_story_pair(partial)
}

/// Sum the scores of runs of one story pair in a list sorted by story pair, in place.
fn sum_by_story_pair(mut sorted: Vec<(u32, u32, f64)>) -> Vec<(u32, u32, f64)> {
    let mut kept = 0;
    for i in 0..sorted.len() {
        let (a, b, score) = sorted[i];
        if kept > 0 && (sorted[kept - 1].0, sorted[kept - 1].1) == (a, b) {
            sorted[kept - 1].2 += score;
        } else {
            sorted[kept] = (a, b, score);
            kept += 1;
        }
    }
    sorted.truncate(kept);
    sorted.shrink_to_fit();
    sorted
}

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

/// A cluster of stories while merging.
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
}

/// Average-linkage clustering from per-story sizes and summed links; returns each story's
/// topic number (the smallest story index in its topic).
fn average_linkage(sizes: Vec<u32>, links: Vec<(u32, u32, f64)>, threshold: f64) -> Vec<u32> {
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
        if stale {
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Average linkage the slow, obvious way: recompute every live pair's average over its
    /// story links and merge the best, until none reaches the threshold.
    fn naive_average_linkage(sizes: &[u32], links: &[(u32, u32, f64)], threshold: f64) -> Vec<u32> {
        let mut clusters: Vec<Vec<u32>> = (0..sizes.len() as u32).map(|s| vec![s]).collect();
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
                    if average >= threshold && best.is_none_or(|b| average > b.0) {
                        best = Some((average, i, j));
                    }
                }
            }
            let Some((_, i, j)) = best else { break };
            let merged = clusters.remove(j);
            clusters[i].extend(merged);
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
        ) {
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
                average_linkage(sizes.clone(), links.clone(), threshold),
                naive_average_linkage(&sizes, &links, threshold)
            );
        }
    }

    #[test]
    fn strong_links_merge_and_weak_ones_do_not() {
        // Stories 0 and 1 are alike; 2 is only faintly like 1; 3 stands alone.
        let topics = average_linkage(vec![1, 1, 1, 1], vec![(0, 1, 0.5), (1, 2, 0.1)], 0.08);
        assert_eq!(topics, [0, 0, 2, 3]);
    }

    #[test]
    fn averages_count_every_cross_pair() {
        // Story 0 has four titles, story 1 one: a single strong pair between them averages
        // 0.6 / 4 = 0.15 over the four cross pairs.
        assert_eq!(average_linkage(vec![4, 1], vec![(0, 1, 0.6)], 0.2), [0, 1]);
        assert_eq!(average_linkage(vec![4, 1], vec![(0, 1, 0.6)], 0.1), [0, 0]);
    }

    #[test]
    fn merged_clusters_keep_summing_links() {
        // 0–1 merge first (0.9); then {0,1}–2 averages (0.2 + 0.2) / 2 = 0.2.
        let links = vec![(0, 1, 0.9), (0, 2, 0.2), (1, 2, 0.2)];
        assert_eq!(
            average_linkage(vec![1, 1, 1], links.clone(), 0.15),
            [0, 0, 0]
        );
        assert_eq!(average_linkage(vec![1, 1, 1], links, 0.25), [0, 0, 2]);
    }

    #[test]
    fn one_strong_pair_does_not_chain_two_topics() {
        // Two tight pairs (0,1) and (2,3); only 1–2 are alike across them.
        let links = vec![(0, 1, 0.9), (2, 3, 0.9), (1, 2, 0.3)];
        assert_eq!(average_linkage(vec![1; 4], links, 0.1), [0, 0, 2, 2]);
    }
}
