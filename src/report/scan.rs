//! Scan reports: groups, related pairs, topics, record errors and the summary, in every format.
//!
//! `jsonl` writes one typed message per line, in this order (unstable until 1.0):
//!
//! ```text
//! {"type":"error","version":1,"location":"feed.jsonl:7","message":"…"}
//! {"type":"group","version":1,"id":1,"representative":{…},"members":[{…,"verdict":"rewrite","score":0.61}]}
//! {"type":"pair","version":1,"left":{…},"right":{…},"verdict":"related","score":0.2}
//! {"type":"topic","version":1,"id":1,"stories":[{"group":3,"representative":{…}},{"representative":{…}}]}
//! {"type":"summary","version":1,"records_read":25,…}
//! ```
//!
//! `topic` messages appear only with `scan --topics`. `json` is one object with the same
//! content (`groups`, `related`, `topics` with `--topics`, `errors`, `summary`); `csv` has
//! one row per record of a group (the representative first) and no topics.

use std::io::{self, Write};
use std::ops::Range;

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::classify::Verdict;
use crate::read::RecordError;
use crate::report::findings::{GroupFindings, ScanFindings};
use crate::report::human::inline_diff;
use crate::report::{FORMAT_VERSION, Paint, guard_csv_cell, round_score, sanitize};
use crate::scan::{Group, Item, Member, RelatedPair, ScanRule, ScanSummary, Topic};

/// A group as a JSON object, `{"id":…,"representative":{…},"members":[…]}`, with `tag` (the
/// jsonl message's type and version) written first inside it.
///
/// Members are written by hand rather than by serde's derive: a large batch writes a million
/// of them, and the derive escapes every key and every string of each. A string repeated
/// within the group (the path; a headline's copies) is escaped once and then copied from
/// where it was first written. Each member is `{"location":{"path":…,"line":…},"title":…,`
/// then `"existing":true` for an existing record, `"verdict":…,"score":…,"rule":…}` with
/// the score rounded; a test checks this against the derive's output.
fn write_group_json(out: &mut Vec<u8>, group: &Group, tag: &[u8]) -> serde_json::Result<()> {
    out.push(b'{');
    out.extend_from_slice(tag);
    out.extend_from_slice(b"\"id\":");
    serde_json::to_writer(&mut *out, &group.id)?;
    out.extend_from_slice(b",\"representative\":");
    serde_json::to_writer(&mut *out, &group.representative)?;
    out.extend_from_slice(b",\"members\":[");
    let mut strings = WrittenStrings::default();
    for (i, member) in group.members.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        write_member(out, member, &mut strings)?;
    }
    out.extend_from_slice(b"]}");
    Ok(())
}

fn write_member(
    out: &mut Vec<u8>,
    member: &Member,
    strings: &mut WrittenStrings,
) -> serde_json::Result<()> {
    let item = &member.item;
    out.extend_from_slice(b"{\"location\":{\"path\":");
    strings.write(out, item.location.display_path())?;
    out.extend_from_slice(b",\"line\":");
    serde_json::to_writer(&mut *out, &item.location.line)?;
    out.extend_from_slice(b"},\"title\":");
    strings.write(out, &item.title)?;
    if item.existing {
        out.extend_from_slice(b",\"existing\":true");
    }
    out.extend_from_slice(b",\"verdict\":");
    serde_json::to_writer(&mut *out, &member.verdict)?;
    out.extend_from_slice(b",\"score\":");
    serde_json::to_writer(&mut *out, &round_score(member.score))?;
    out.extend_from_slice(b",\"rule\":");
    serde_json::to_writer(&mut *out, &member.rule())?;
    out.push(b'}');
    Ok(())
}

/// The JSON strings already written to one buffer, keyed by the address and length of their
/// text, with where they are: the same text (one allocation) is escaped only once.
#[derive(Default)]
struct WrittenStrings(FxHashMap<(usize, usize), Range<usize>>);

impl WrittenStrings {
    fn write(&mut self, out: &mut Vec<u8>, text: &str) -> serde_json::Result<()> {
        let key = (text.as_ptr() as usize, text.len());
        if let Some(range) = self.0.get(&key) {
            out.extend_from_within(range.clone());
            return Ok(());
        }
        let start = out.len();
        serde_json::to_writer(&mut *out, text)?;
        self.0.insert(key, start..out.len());
        Ok(())
    }
}

#[derive(Serialize)]
struct PairMessage<'a> {
    left: &'a Item,
    right: &'a Item,
    verdict: Verdict,
    score: f64,
    rule: ScanRule,
}

fn pair_message(pair: &RelatedPair) -> PairMessage<'_> {
    PairMessage {
        left: &pair.left,
        right: &pair.right,
        verdict: Verdict::Related,
        score: round_score(pair.score),
        rule: ScanRule::Related,
    }
}

#[derive(Serialize)]
struct ErrorMessage<'a> {
    location: String,
    message: &'a str,
}

fn error_message(error: &RecordError) -> ErrorMessage<'_> {
    ErrorMessage {
        location: error.location.to_string(),
        message: &error.message,
    }
}

/// Tag a message with its type and the format version.
#[derive(Serialize)]
struct Tagged<'a, T: Serialize> {
    #[serde(rename = "type")]
    kind: &'a str,
    version: u32,
    #[serde(flatten)]
    message: T,
}

/// Serialize groups in parallel and write them in order, separated by `separator`: the
/// groups of a large batch are most of its output.
///
/// Groups go in chunks of about [`CHUNK_RECORDS`] records, so the serialized text held at
/// once stays small however the records spread over groups (the first groups of a feed are
/// often its largest); each chunk is split into parts that are serialized in parallel, each
/// into one buffer.
fn write_groups(
    out: &mut dyn Write,
    groups: &[Group],
    separator: &[u8],
    render: impl Fn(&mut Vec<u8>, &Group) -> serde_json::Result<()> + Sync,
) -> io::Result<()> {
    let mut first = true;
    for chunk in record_chunks(groups, CHUNK_RECORDS) {
        let parts = record_chunks(chunk, PART_RECORDS).collect::<Vec<_>>();
        let rendered: Vec<Vec<u8>> = parts
            .par_iter()
            .map(|part| {
                let mut bytes = Vec::new();
                for group in *part {
                    bytes.extend_from_slice(separator);
                    render(&mut bytes, group)?;
                }
                Ok(bytes)
            })
            .collect::<serde_json::Result<_>>()?;
        for bytes in &rendered {
            // Every group follows a separator but the very first one.
            let skip = if first { separator.len() } else { 0 };
            out.write_all(&bytes[skip..])?;
            first = false;
        }
    }
    Ok(())
}

/// Records (each group's representative and members) per chunk of [`write_groups`].
const CHUNK_RECORDS: usize = 1 << 16;
/// Records per part of a chunk, the unit of parallel work.
const PART_RECORDS: usize = 1 << 11;

/// Consecutive runs of `groups` holding about `records` records each (a run ends at the
/// group that reaches the budget, so one large group is a run of its own).
fn record_chunks(groups: &[Group], records: usize) -> impl Iterator<Item = &[Group]> {
    let mut rest = groups;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let mut held = 0;
        let end = rest
            .iter()
            .position(|g| {
                held += g.members.len() + 1;
                held >= records
            })
            .map_or(rest.len(), |i| i + 1);
        let (run, after) = rest.split_at(end);
        rest = after;
        Some(run)
    })
}

fn tagged_line<T: Serialize>(kind: &str, message: T) -> serde_json::Result<Vec<u8>> {
    let mut line = Vec::new();
    write_tagged_line(&mut line, kind, message)?;
    Ok(line)
}

fn write_tagged_line<T: Serialize>(
    line: &mut Vec<u8>,
    kind: &str,
    message: T,
) -> serde_json::Result<()> {
    serde_json::to_writer(
        &mut *line,
        &Tagged {
            kind,
            version: FORMAT_VERSION,
            message,
        },
    )?;
    line.push(b'\n');
    Ok(())
}

/// One message per line: errors, groups, related pairs, topics, then the summary.
pub fn write_jsonl(out: &mut dyn Write, output: &ScanFindings<'_>) -> io::Result<()> {
    for error in output.errors {
        out.write_all(&tagged_line("error", error_message(error))?)?;
    }
    let tag = format!("\"type\":\"group\",\"version\":{FORMAT_VERSION},");
    write_groups(out, &output.report.groups, b"", |bytes, group| {
        write_group_json(bytes, group, tag.as_bytes())?;
        bytes.push(b'\n');
        Ok(())
    })?;
    for pair in &output.report.related {
        out.write_all(&tagged_line("pair", pair_message(pair))?)?;
    }
    for topic in &output.report.topics {
        out.write_all(&tagged_line("topic", topic)?)?;
    }
    out.write_all(&tagged_line("summary", &output.report.summary)?)
}

/// One JSON document: `{"version":1,"groups":[…],"related":[…],"errors":[…],"summary":{…}}`,
/// with `"topics":[…]` before `errors` when topics were asked for.
pub fn write_json(out: &mut dyn Write, output: &ScanFindings<'_>) -> io::Result<()> {
    write!(out, "{{\"version\":{FORMAT_VERSION},\"groups\":[")?;
    write_groups(out, &output.report.groups, b",", |bytes, group| {
        write_group_json(bytes, group, b"")
    })?;
    out.write_all(b"],\"related\":")?;
    let related: Vec<PairMessage<'_>> = output.report.related.iter().map(pair_message).collect();
    serde_json::to_writer(&mut *out, &related)?;
    if output.report.summary.topics.is_some() {
        out.write_all(b",\"topics\":")?;
        serde_json::to_writer(&mut *out, &output.report.topics)?;
    }
    out.write_all(b",\"errors\":")?;
    let errors: Vec<ErrorMessage<'_>> = output.errors.iter().map(error_message).collect();
    serde_json::to_writer(&mut *out, &errors)?;
    out.write_all(b",\"summary\":")?;
    serde_json::to_writer(&mut *out, &output.report.summary)?;
    writeln!(out, "}}")
}

/// One row per record of each group: `group,role,verdict,score,path,line,existing,title,rule`
/// (`rule` is the member's rule id, empty for the representative).
pub fn write_csv(out: &mut dyn Write, output: &ScanFindings<'_>) -> io::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record([
        "group", "role", "verdict", "score", "path", "line", "existing", "title", "rule",
    ])?;
    for group in &output.report.groups {
        let id = group.id.to_string();
        let row = |role: &str, item: &Item, verdict: &str, score: String, rule: &str| {
            [
                id.clone(),
                role.to_owned(),
                verdict.to_owned(),
                score,
                guard_csv_cell(item.location.display_path()).into_owned(),
                item.location.line.to_string(),
                item.existing.to_string(),
                guard_csv_cell(&item.title).into_owned(),
                rule.to_owned(),
            ]
        };
        writer.write_record(row(
            "representative",
            &group.representative,
            "",
            String::new(),
            "",
        ))?;
        for member in &group.members {
            writer.write_record(row(
                "member",
                &member.item,
                member.verdict.name(),
                format!("{:.4}", member.score),
                member.rule().id(),
            ))?;
        }
    }
    writer.flush()?;
    Ok(())
}

/// Groups with their members and word diffs, related pairs, topics, then the summary line.
/// Read errors are left to the caller's error stream, where a person sees each once.
///
/// Members with the same text and verdict are shown on one line with a count, so a line
/// polled ten thousand times is one line of output.
pub fn write_human(out: &mut dyn Write, output: &ScanFindings<'_>, paint: Paint) -> io::Result<()> {
    for group in &output.groups {
        write_group(out, group, paint)?;
    }
    for pair in &output.report.related {
        writeln!(
            out,
            "{} {} {:.3}  {}  {}",
            paint.strong(ScanRule::Related.id()),
            paint.strong("related"),
            pair.score,
            paint.dim(&pair.left.location.to_string()),
            sanitize(&pair.left.title)
        )?;
        writeln!(
            out,
            "                    {}  {}",
            paint.dim(&pair.right.location.to_string()),
            sanitize(&pair.right.title)
        )?;
    }
    if !output.report.related.is_empty() {
        writeln!(out)?;
    }
    for topic in &output.report.topics {
        write_topic(out, topic, paint)?;
    }
    // Read errors are not repeated here: the caller reports each on stderr as it is met.
    writeln!(out, "{}", summary_line(&output.report.summary))
}

/// A group: its heading, the representative, then one line per run of members (the same
/// text and verdict: a count and the first locations) with its diff below.
fn write_group(out: &mut dyn Write, found: &GroupFindings<'_>, paint: Paint) -> io::Result<()> {
    let group = found.group;
    let records = group.members.len() + 1;
    let heading = format!("group {}: {records} records", group.id);
    writeln!(out, "{}", paint.strong(&heading))?;
    writeln!(
        out,
        "  {:<26} {}  {}",
        "representative",
        paint.dim(&location_text(&group.representative)),
        sanitize(&group.representative.title)
    )?;
    for run in &found.runs {
        let first = run.first();
        let label = format!(
            "{} {} {:.3}",
            first.rule().id(),
            first.verdict.name(),
            first.score
        );
        let mut locations: Vec<String> = run
            .members
            .iter()
            .take(3)
            .map(|m| location_text(&m.item))
            .collect();
        if run.members.len() > 3 {
            locations.push(format!("… ({} in all)", run.members.len()));
        }
        writeln!(
            out,
            "  {:<26} {}  {}",
            label,
            paint.dim(&locations.join(", ")),
            sanitize(&first.item.title)
        )?;
        if let Some(diff) = &run.diff {
            writeln!(out, "  {:<26} {}", "", inline_diff(diff, paint))?;
        }
    }
    writeln!(out)
}

/// A topic: its number, then one line per story (its group id, or `-` for a lone title).
fn write_topic(out: &mut dyn Write, topic: &Topic, paint: Paint) -> io::Result<()> {
    writeln!(
        out,
        "{} {}: {} stories",
        paint.strong("topic"),
        paint.strong(&topic.id.to_string()),
        topic.stories.len()
    )?;
    for story in &topic.stories {
        let group = story
            .group
            .map_or_else(|| "-".to_owned(), |id| format!("group {id}"));
        writeln!(
            out,
            "  {group:<10} {}  {}",
            paint.dim(&location_text(&story.representative)),
            sanitize(&story.representative.title)
        )?;
    }
    writeln!(out)
}

/// Where an item is, with `(existing)` for an `--against` item.
pub fn location_text(item: &Item) -> String {
    if item.existing {
        format!("{} (existing)", item.location)
    } else {
        item.location.to_string()
    }
}

/// The one-line summary every human report ends with.
pub fn summary_line(summary: &ScanSummary) -> String {
    let counts = |map: &std::collections::BTreeMap<Verdict, u64>| {
        if map.is_empty() {
            return "none".to_owned();
        }
        map.iter()
            .rev()
            .map(|(v, n)| format!("{n} {v}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let baseline = if summary.baseline_suppressed + summary.baseline_stale > 0 {
        format!(
            "; baseline: {} suppressed, {} stale",
            summary.baseline_suppressed, summary.baseline_stale
        )
    } else {
        String::new()
    };
    let topics = summary
        .topics
        .map_or_else(String::new, |n| format!(", {n} topics"));
    let groups = groups_text(summary);
    let apart = match summary.pairs_apart_in_time {
        0 => String::new(),
        n => format!(" ({n} apart in time)"),
    };
    format!(
        "{} records read, {} skipped, {} unique texts, {} distinct titles, {} candidate pairs{apart}, {groups}{topics}; members: {}; pairs: {}{baseline}",
        summary.records_read,
        summary.records_skipped,
        summary.unique_texts,
        summary.distinct_titles,
        summary.candidate_pairs,
        counts(&summary.members),
        counts(&summary.pairs)
    )
}

/// The group count, with the groups `--min-verdict` left out when there are any.
fn groups_text(summary: &ScanSummary) -> String {
    match summary.groups_not_listed {
        0 => format!("{} groups", summary.groups),
        hidden => format!(
            "{} groups ({hidden} not listed: no member at the listed verdict)",
            summary.groups
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::Location;

    fn group(id: usize, members: usize) -> Group {
        let item = Item {
            location: Location::new("feed.txt", 1),
            title: "Fire in Rome".into(),
            existing: false,
        };
        let member = Member {
            item: item.clone(),
            verdict: Verdict::Exact,
            score: 1.0,
        };
        Group {
            id,
            representative: item,
            members: vec![member; members],
        }
    }

    #[test]
    fn record_chunks_cover_every_group_in_order_within_the_budget() {
        let groups: Vec<Group> = [1, 1, 1, 10, 1, 2, 1]
            .iter()
            .enumerate()
            .map(|(i, &n)| group(i + 1, n))
            .collect();
        let chunks: Vec<Vec<usize>> = record_chunks(&groups, 5)
            .map(|run| run.iter().map(|g| g.id).collect())
            .collect();
        // Groups of 2, 2, 2 records reach 5 at the third; the 11-record group stands alone.
        assert_eq!(chunks, [vec![1, 2, 3], vec![4], vec![5, 6], vec![7]]);
        assert_eq!(record_chunks(&[], 5).count(), 0);
    }

    /// A member as serde's derive writes it: the reference for [`write_group_json`].
    #[derive(Serialize)]
    struct DerivedMember<'a> {
        location: &'a Location,
        title: &'a str,
        #[serde(skip_serializing_if = "std::ops::Not::not")]
        existing: bool,
        verdict: Verdict,
        score: f64,
        rule: ScanRule,
    }

    #[derive(Serialize)]
    struct DerivedGroup<'a> {
        id: usize,
        representative: &'a Item,
        members: Vec<DerivedMember<'a>>,
    }

    fn derived(group: &Group) -> DerivedGroup<'_> {
        let members = group.members.iter().map(|m| DerivedMember {
            location: &m.item.location,
            title: &m.item.title,
            existing: m.item.existing,
            verdict: m.verdict,
            score: round_score(m.score),
            rule: m.rule(),
        });
        DerivedGroup {
            id: group.id,
            representative: &group.representative,
            members: members.collect(),
        }
    }

    #[test]
    fn groups_are_written_as_the_serde_derive_writes_them() {
        let title = |text: &str, path: &str, line: u64, existing: bool| Item {
            location: Location::new(path, line),
            title: text.into(),
            existing,
        };
        let shared = title("Fire in \"Rome\" \\ 🔥 \u{1}", "-", 2, false);
        let member = |item: Item, verdict: Verdict, score: f64| Member {
            item,
            verdict,
            score,
        };
        let group = Group {
            id: 7,
            representative: title("Fire in Rome", "feed.txt", 1, true),
            members: vec![
                member(shared.clone(), Verdict::Exact, 1.0),
                member(
                    title("Rome fire: 3 dead", "feed.txt", 3, true),
                    Verdict::Rewrite,
                    0.123456,
                ),
                member(shared.clone(), Verdict::Exact, 1.0),
                // The same text in another allocation, and an empty title.
                member(
                    title("Fire in \"Rome\" \\ 🔥 \u{1}", "feed.txt", 4, false),
                    Verdict::Identical,
                    1.0,
                ),
                member(
                    title("", "feed.txt", 5, false),
                    Verdict::NearDuplicate,
                    0.87654,
                ),
                member(shared, Verdict::Exact, 1.0),
            ],
        };
        let mut written = Vec::new();
        write_group_json(&mut written, &group, b"").unwrap();
        assert_eq!(
            String::from_utf8(written).unwrap(),
            serde_json::to_string(&derived(&group)).unwrap()
        );
        let tag = format!("\"type\":\"group\",\"version\":{FORMAT_VERSION},");
        let mut line = Vec::new();
        write_group_json(&mut line, &group, tag.as_bytes()).unwrap();
        let tagged = Tagged {
            kind: "group",
            version: FORMAT_VERSION,
            message: derived(&group),
        };
        assert_eq!(
            String::from_utf8(line).unwrap(),
            serde_json::to_string(&tagged).unwrap()
        );
    }
}
