//! `neardup eval --groups FILE`: scan titles whose story is known and measure the groups.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

use anyhow::{Context, bail};
use neardup::Metric;
use neardup::eval::groups::{ClusterQuality, cluster_quality, leader_groups, similarity_rows};
use neardup::read::{
    InputFormat, Location, ReadOptions, RecordError, UnixSeconds, open_error, open_input,
    parse_time, read_rows, read_titles,
};
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
    let stories = read_stories(&path, &args)?;
    let stories_failed = stories.failed;
    let records = stories.records;
    if records.is_empty() {
        // Every error is on stderr already; there is nothing to measure.
        return Ok(Status::Error);
    }
    let mut batch = Batch::new();
    for record in &records {
        batch.push_at(record.location.clone(), &record.title, false, record.time);
    }
    let scan_options = ScanOptions {
        candidate_threshold: args.candidate_threshold,
        topics: Some(TopicOptions {
            link_threshold: args.topic_threshold,
            ..TopicOptions::default()
        }),
        time_window: args.time_window.0,
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
        .map(|(i, record)| {
            group_of
                .get(&record.location)
                .copied()
                .unwrap_or(usize::MAX - i)
        })
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
        .map(|(record, &group)| {
            let topic = match group_of.get(&record.location) {
                Some(group) => topic_of_group.get(group),
                None => topic_of_title.get(&record.location),
            };
            topic.map_or(group, |t| offset + t)
        })
        .collect();
    let truth: Vec<&str> = records.iter().map(|r| r.story.as_str()).collect();
    let scanner = cluster_quality(&truth, &predicted);
    let topics = cluster_quality(&truth, &predicted_topics);
    let metrics = if args.compare_metrics {
        let titles: Vec<_> = records
            .iter()
            .map(|r| comparer.analyzer().analyze(&r.title))
            .collect();
        Metric::ALL
            .iter()
            .map(|&metric| best_grouping(metric, &titles, &truth, &comparer))
            .collect()
    } else {
        Vec::new()
    };
    let left_out = stories.left_out;
    let stories = truth.iter().collect::<std::collections::HashSet<_>>().len();
    let (mut out, _) = output::stdout(args.color);
    match args.format {
        Format::Human => {
            write!(out, "{path}: {} titles in {stories} stories", records.len())?;
            if args.strict {
                write!(out, " ({left_out} uncertain rows left out, --strict)")?;
            }
            writeln!(out)?;
            writeln!(
                out,
                "  {:<22} {:>27}  {:>27}",
                "", "pairwise", "B-cubed (per title)"
            )?;
            writeln!(
                out,
                "  {:<22} {:>9} {:>9} {:>7}  {:>9} {:>9} {:>7} {:>9} {:>7}",
                "grouping",
                "precision",
                "recall",
                "F1",
                "precision",
                "recall",
                "F1",
                "adj. Rand",
                "groups"
            )?;
            let row = |out: &mut dyn Write, name: &str, q: &ClusterQuality| {
                writeln!(
                    out,
                    "  {name:<22} {:>9.3} {:>9.3} {:>7.3}  {:>9.3} {:>9.3} {:>7.3} {:>9.3} {:>7}",
                    q.precision,
                    q.recall,
                    q.f1,
                    q.bcubed_precision,
                    q.bcubed_recall,
                    q.bcubed_f1,
                    q.adjusted_rand,
                    q.groups
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
                "strict": args.strict,
                "left_out": left_out,
                "scan": scanner,
                "topics": topics,
                "metrics": metrics,
            });
            serde_json::to_writer_pretty(&mut out, &message)?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    // A bad row is an input error even though the others were measured.
    Ok(if stories_failed {
        Status::Error
    } else {
        Status::Clean
    })
}

/// The titles of a labeled file with their stories, and what was left out.
struct Stories {
    records: Vec<StoryRecord>,
    /// Rows left out by --strict.
    left_out: u64,
    /// Whether any row (or the input) could not be read; each error is on stderr.
    failed: bool,
}

/// A titled record whose story is known.
struct StoryRecord {
    location: Location,
    title: String,
    story: String,
    /// When it was published (`--time-field`).
    time: Option<UnixSeconds>,
}

/// Read the story and title of every record: a TSV/CSV table through its columns (and the
/// note column for --strict), any other input through the title readers.
fn read_stories(path: &str, args: &EvalArgs) -> anyhow::Result<Stories> {
    let mut stories = Stories {
        records: Vec::new(),
        left_out: 0,
        failed: false,
    };
    let fail = |error: &RecordError, stories: &mut Stories| {
        output::report_record_error(error);
        stories.failed = true;
    };
    let reader = match open_input(path) {
        Ok(reader) => reader,
        Err(e) => {
            fail(&open_error(path, &e), &mut stories);
            return Ok(stories);
        }
    };
    let table = matches!(
        InputFormat::from_path(Path::new(path)),
        Some(InputFormat::Csv | InputFormat::Tsv)
    );
    if !table {
        if args.strict {
            bail!("{path}: --strict reads the note column of a TSV or CSV file");
        }
        let options = ReadOptions {
            field: Some(args.title_field.clone()),
            id_field: Some(args.story_field.clone()),
            time_field: args.time_field.clone(),
            ..ReadOptions::default()
        };
        for record in read_titles(path, reader, &options) {
            match record {
                Ok(record) => match record.id {
                    Some(story) => stories.records.push(StoryRecord {
                        location: record.location,
                        title: record.title,
                        story,
                        time: record.time,
                    }),
                    None => fail(
                        &RecordError::new(
                            record.location,
                            format!(
                                "no story id in field `{}` (set --story-field)",
                                args.story_field
                            ),
                        ),
                        &mut stories,
                    ),
                },
                Err(e) => fail(&e, &mut stories),
            }
        }
        return Ok(stories);
    }
    let (header, rows) = match read_rows(path, reader, &ReadOptions::default()) {
        Ok(table) => table,
        Err(e) => {
            fail(&e, &mut stories);
            return Ok(stories);
        }
    };
    let column = |name: &str| header.iter().position(|c| c == name);
    let columns = |flag: &str, name: &str| {
        column(name).with_context(|| {
            format!(
                "{path}:1: no column `{name}` (set {flag}); the columns are {}",
                header.join(", ")
            )
        })
    };
    let story_at = columns("--story-field", &args.story_field)?;
    let title_at = columns("--title-field", &args.title_field)?;
    let note_at = if args.strict {
        Some(columns("--note-field", &args.note_field)?)
    } else {
        None
    };
    let time_at = match &args.time_field {
        Some(name) => Some(columns("--time-field", name)?),
        None => None,
    };
    for row in rows {
        let row = match row {
            Ok(row) => row,
            Err(e) => {
                fail(&e, &mut stories);
                continue;
            }
        };
        let cell = |at: usize| row.fields.get(at).map_or("", |f| f.trim());
        if note_at.is_some_and(|at| cell(at).starts_with('?')) {
            stories.left_out += 1;
            continue;
        }
        let (story, title) = (cell(story_at), cell(title_at));
        if story.is_empty() || title.is_empty() {
            let what = if story.is_empty() {
                &args.story_field
            } else {
                &args.title_field
            };
            fail(
                &RecordError::new(row.location, format!("column `{what}` is empty or missing")),
                &mut stories,
            );
            continue;
        }
        let time = match time_at.map(cell).filter(|t| !t.is_empty()).map(parse_time) {
            Some(Err(message)) => {
                let name = args.time_field.as_deref().unwrap_or_default();
                let error = RecordError::new(row.location, format!("column `{name}`: {message}"));
                fail(&error, &mut stories);
                continue;
            }
            time => time.and_then(Result::ok),
        };
        stories.records.push(StoryRecord {
            location: row.location.clone(),
            title: title.to_string(),
            story: story.to_string(),
            time,
        });
    }
    Ok(stories)
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
