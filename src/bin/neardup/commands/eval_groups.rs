//! `neardup eval --groups FILE`: scan titles whose story is known and measure the groups.

use std::collections::HashMap;
use std::io::Write;

use anyhow::{Context, bail};
use neardup::Metric;
use neardup::eval::groups::{ClusterQuality, cluster_quality, leader_groups, similarity_rows};
use neardup::read::{Location, ReadOptions, open_input, read_titles};
use neardup::report::FORMAT_VERSION;
use neardup::scan::{Batch, ScanOptions, TopicOptions, scan};
use serde::Serialize;

use crate::Status;
use crate::args::{EvalArgs, Format};
use crate::output;

/// One single-metric grouping at its best threshold.
#[derive(Serialize)]
struct MetricGrouping {
    metric: Metric,
    threshold: f32,
    #[serde(flatten)]
    quality: ClusterQuality,
}

/// Scan the file, compare the groups with the story ids, and print the figures.
pub fn run(args: EvalArgs) -> anyhow::Result<Status> {
    let comparer = super::comparer(&args.scoring)?;
    let path = args.file.display().to_string();
    let options = ReadOptions {
        field: Some(args.title_field.clone()),
        id_field: Some(args.story_field.clone()),
        ..ReadOptions::default()
    };
    let reader = open_input(&path).with_context(|| format!("{path}: cannot open"))?;
    let mut records = Vec::new();
    for record in read_titles(&path, reader, &options) {
        let record = record?;
        let Some(story) = record.id.clone() else {
            bail!(
                "{}: no story id in field `{}` (set --story-field)",
                record.location,
                args.story_field
            );
        };
        records.push((record.location, record.title, story));
    }
    let mut batch = Batch::new();
    for (location, title, _) in &records {
        batch.push(location.clone(), title, false);
    }
    let scan_options = ScanOptions {
        candidate_threshold: args.candidate_threshold,
        topics: Some(TopicOptions {
            link_threshold: args.topic_threshold,
            ..TopicOptions::default()
        }),
        ..ScanOptions::default()
    };
    let report = scan(batch, &comparer, &scan_options, &|_| {});
    let mut group_of: HashMap<&Location, usize> = HashMap::new();
    for group in &report.groups {
        group_of.insert(&group.representative.location, group.id);
        for member in &group.members {
            group_of.insert(&member.item.location, group.id);
        }
    }
    // A record in no group is a group of its own.
    let predicted: Vec<usize> = records
        .iter()
        .enumerate()
        .map(|(i, (location, _, _))| group_of.get(location).copied().unwrap_or(usize::MAX - i))
        .collect();
    let mut topic_of_group: HashMap<usize, usize> = HashMap::new();
    let mut topic_of_title: HashMap<&Location, usize> = HashMap::new();
    for topic in &report.topics {
        for story in &topic.stories {
            match story.group {
                Some(group) => topic_of_group.insert(group, topic.id),
                None => topic_of_title.insert(&story.representative.location, topic.id),
            };
        }
    }
    // Topic ids after group ids, so that the two never clash; a story in no topic is one.
    let offset = report.groups.len() + 1;
    let predicted_topics: Vec<usize> = records
        .iter()
        .zip(&predicted)
        .map(|((location, _, _), &group)| {
            let topic = match group_of.get(location) {
                Some(group) => topic_of_group.get(group),
                None => topic_of_title.get(location),
            };
            topic.map_or(group, |t| offset + t)
        })
        .collect();
    let truth: Vec<&str> = records.iter().map(|(_, _, story)| story.as_str()).collect();
    let scanner = cluster_quality(&truth, &predicted);
    let topics = cluster_quality(&truth, &predicted_topics);
    let metrics = if args.compare_metrics {
        let titles: Vec<_> = records
            .iter()
            .map(|(_, title, _)| comparer.analyzer().analyze(title))
            .collect();
        Metric::ALL
            .iter()
            .map(|&metric| best_grouping(metric, &titles, &truth, &comparer))
            .collect()
    } else {
        Vec::new()
    };
    let stories = truth.iter().collect::<std::collections::HashSet<_>>().len();
    let (mut out, _) = output::stdout(args.color);
    match args.format {
        Format::Human => {
            writeln!(out, "{path}: {} titles in {stories} stories", records.len())?;
            writeln!(
                out,
                "  {:<22} {:>9} {:>9} {:>7} {:>9} {:>7}",
                "grouping", "precision", "recall", "F1", "adj. Rand", "groups"
            )?;
            let row = |out: &mut dyn Write, name: &str, q: &ClusterQuality| {
                writeln!(
                    out,
                    "  {name:<22} {:>9.3} {:>9.3} {:>7.3} {:>9.3} {:>7}",
                    q.precision, q.recall, q.f1, q.adjusted_rand, q.groups
                )
            };
            row(&mut out, "neardup scan (groups)", &scanner)?;
            row(&mut out, "neardup scan --topics", &topics)?;
            for m in &metrics {
                row(
                    &mut out,
                    &format!("{} ≥ {:.3}", m.metric, m.threshold),
                    &m.quality,
                )?;
            }
        }
        Format::Json => {
            let message = serde_json::json!({
                "version": FORMAT_VERSION,
                "file": path,
                "titles": records.len(),
                "stories": stories,
                "scan": scanner,
                "topics": topics,
                "metrics": metrics,
            });
            serde_json::to_writer_pretty(&mut out, &message)?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(Status::Clean)
}

/// Leader grouping by one metric, at the threshold (in steps of 0.025) with the best F1.
fn best_grouping(
    metric: Metric,
    titles: &[neardup::features::Title],
    truth: &[&str],
    comparer: &neardup::Comparer,
) -> MetricGrouping {
    let rows = similarity_rows(metric, titles, comparer);
    (1..40)
        .map(|step| step as f32 * 0.025)
        .map(|threshold| MetricGrouping {
            metric,
            threshold,
            quality: cluster_quality(truth, &leader_groups(&rows, threshold)),
        })
        .max_by(|a, b| a.quality.f1.total_cmp(&b.quality.f1))
        .expect("the threshold range is not empty")
}
