//! From clusters of distinct titles to the report: each group's records with their verdicts
//! against its representative, related pairs across groups, and topics of stories.
//!
//! Groups of one record, and groups that hold only records of the existing corpus
//! (`--against`), are left out. Output is linear in the records: a group lists each member
//! once.

use std::collections::BTreeMap;

use rayon::prelude::*;

use super::batch::{Batch, Occurrence, UniqueText};
use super::cluster::StoryCluster;
use super::matching::VerifiedPair;
use super::result::{Group, Item, Member, RelatedPair, ScanReport, Story, Topic};
use crate::classify::Verdict;
use crate::compare::Comparer;
use crate::features::Features;

/// What the report is built from: the batch, its distinct titles (each a list of unique
/// texts), one analyzed head per distinct title, the stories (clusters, and each title in
/// none on its own, ordered by first title) and the verified pairs (sorted by
/// `(left, right)`).
pub(super) struct Grouped<'a> {
    pub(super) batch: &'a Batch,
    pub(super) distinct: &'a [Vec<u32>],
    pub(super) heads: &'a [&'a Features],
    pub(super) clusters: &'a [StoryCluster],
    pub(super) pairs: &'a [VerifiedPair],
}

/// Each distinct title's story (its index in [`Grouped::clusters`]).
pub(super) fn story_of_titles(titles: usize, clusters: &[StoryCluster]) -> Vec<u32> {
    let mut story_of = vec![0; titles];
    for (story, cluster) in clusters.iter().enumerate() {
        for &title in &cluster.titles {
            story_of[title as usize] = story as u32;
        }
    }
    story_of
}

impl Grouped<'_> {
    /// The verdict and combined score of two distinct titles: from the verified pairs, or
    /// scored now for a pair of one group that the index did not return.
    fn verdict_of(&self, comparer: &Comparer, a: u32, b: u32) -> (Verdict, f64) {
        let key = (a.min(b), a.max(b));
        match self.pairs.binary_search_by_key(&key, |p| (p.left, p.right)) {
            Ok(i) => (self.pairs[i].verdict, self.pairs[i].score),
            Err(_) => {
                comparer.verdict_of_features(self.heads[a as usize], self.heads[b as usize], false)
            }
        }
    }

    /// The report's groups and related pairs, and the group id of each cluster that became
    /// a group.
    pub(super) fn assemble(
        &self,
        comparer: &Comparer,
        keep_related: bool,
    ) -> (ScanReport, Vec<Option<usize>>) {
        // Each group is built on its own (in parallel: a large feed has a million records to
        // place), then numbered in order.
        let built: Vec<Option<(Item, Vec<Member>)>> = self
            .clusters
            .par_iter()
            .with_min_len(64)
            .map(|cluster| self.group_records(comparer, cluster))
            .collect();
        let mut report = ScanReport::default();
        let mut group_of_cluster = vec![None; self.clusters.len()];
        for (cluster, group) in built.into_iter().enumerate() {
            let Some((representative, members)) = group else {
                continue;
            };
            for member in &members {
                *report.summary.members.entry(member.verdict).or_insert(0) += 1;
            }
            group_of_cluster[cluster] = Some(report.groups.len() + 1);
            report.groups.push(Group {
                id: report.groups.len() + 1,
                representative,
                members,
            });
        }
        report.summary.groups = report.groups.len();
        if keep_related {
            report.related = self.related_pairs(&group_of_cluster);
        }
        (report, group_of_cluster)
    }

    /// `related` pairs whose titles are in different groups (or in none), not both existing.
    fn related_pairs(&self, group_of_cluster: &[Option<usize>]) -> Vec<RelatedPair> {
        let story_of = story_of_titles(self.distinct.len(), self.clusters);
        let group_of_title = |title: u32| group_of_cluster[story_of[title as usize] as usize];
        let mut related = Vec::new();
        for pair in self.pairs.iter().filter(|p| p.verdict == Verdict::Related) {
            let (a, b) = (group_of_title(pair.left), group_of_title(pair.right));
            if a.is_some() && a == b {
                continue;
            }
            let left = self.head_text(pair.left);
            let right = self.head_text(pair.right);
            let (l, r) = (&left.occurrences[0], &right.occurrences[0]);
            if l.existing && r.existing {
                continue;
            }
            related.push(RelatedPair {
                left: item(left, l),
                right: item(right, r),
                score: pair.score,
            });
        }
        related
    }

    /// The first unique text of a distinct title.
    fn head_text(&self, title: u32) -> &UniqueText {
        &self.batch.texts[self.distinct[title as usize][0] as usize]
    }

    /// The records of one cluster: its representative (the center's first occurrence) and
    /// its members in input order, or `None` when it holds only existing records.
    fn group_records(
        &self,
        comparer: &Comparer,
        cluster: &StoryCluster,
    ) -> Option<(Item, Vec<Member>)> {
        let texts = &self.distinct[cluster.center as usize];
        let head = &self.batch.texts[texts[0] as usize];
        let representative = &head.occurrences[0];
        let count: usize = cluster
            .titles
            .iter()
            .flat_map(|&t| &self.distinct[t as usize])
            .map(|&text| self.batch.texts[text as usize].occurrences.len())
            .sum();
        let mut members: Vec<(u64, Member)> = Vec::with_capacity(count);
        for &title in &cluster.titles {
            let judged =
                (title != cluster.center).then(|| self.verdict_of(comparer, cluster.center, title));
            for &text_index in &self.distinct[title as usize] {
                let text = &self.batch.texts[text_index as usize];
                let (verdict, score) = match judged {
                    Some(judged) => judged,
                    None if std::ptr::eq(text, head) => (Verdict::Exact, 1.0),
                    None => (Verdict::Identical, 1.0),
                };
                for occurrence in &text.occurrences {
                    if occurrence.sequence != representative.sequence {
                        let member = Member {
                            item: item(text, occurrence),
                            verdict,
                            score,
                        };
                        members.push((occurrence.sequence, member));
                    }
                }
            }
        }
        let any_new = !representative.existing || members.iter().any(|(_, m)| !m.item.existing);
        if members.is_empty() || !any_new {
            return None;
        }
        members.sort_by_key(|(sequence, _)| *sequence);
        Some((
            item(head, representative),
            members.into_iter().map(|(_, m)| m).collect(),
        ))
    }

    /// Topics of two or more stories, at least one of them with a new record.
    pub(super) fn topics(
        &self,
        group_of_cluster: &[Option<usize>],
        topic_of_story: &[u32],
    ) -> Vec<Topic> {
        let mut by_topic: BTreeMap<u32, Vec<Story>> = BTreeMap::new();
        for (story, &topic) in topic_of_story.iter().enumerate() {
            let head = self.head_text(self.clusters[story].center);
            by_topic.entry(topic).or_default().push(Story {
                group: group_of_cluster[story],
                representative: item(head, &head.occurrences[0]),
            });
        }
        let mut topics = Vec::new();
        for (_, stories) in by_topic {
            let any_new = stories
                .iter()
                .any(|s| s.group.is_some() || !s.representative.existing);
            if stories.len() >= 2 && any_new {
                topics.push(Topic {
                    id: topics.len() + 1,
                    stories,
                });
            }
        }
        topics
    }
}

/// One record as reports show it.
fn item(text: &UniqueText, occurrence: &Occurrence) -> Item {
    Item {
        location: occurrence.location.clone(),
        title: text.text.clone(),
        existing: occurrence.existing,
    }
}
