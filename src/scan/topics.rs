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

use rayon::prelude::*;
use serde::Serialize;

use super::index::join_each;
use super::linkage::{Linkage, average_linkage};
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
    /// A candidate threshold of 0.2 and a link threshold of 0.03. On the seed page any link
    /// threshold from 0.03 to 0.25 puts the three "El Mencho" stories in one topic and every
    /// other story in its own. Read off the topic labels of the Google News feed windows
    /// (pairwise F1 against `topic`, 0.03 / 0.05: 0.712 / 0.655, 0.561 / 0.513,
    /// 0.688 / 0.667) once stories became clusters of the verified graph; on the UCI story
    /// clusters 0.03 gives 0.832 (0.05: 0.777).
    fn default() -> Self {
        Self {
            candidate_threshold: 0.2,
            link_threshold: 0.03,
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
    let linkage = Linkage {
        threshold: options.link_threshold,
        cohesion: 0.0,
    };
    average_linkage(sizes, &links, linkage)
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
