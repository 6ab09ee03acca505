//! The scan page: what was read, the charts, the groups largest first, related pairs,
//! topics and read errors.

use std::collections::BTreeMap;
use std::io::{self, Write};

use askama::Template;

use crate::classify::Verdict;
use crate::report::findings::{GroupFindings, MemberRun, ScanFindings};
use crate::report::html::chart::{self, Chart, Stack};
use crate::report::html::{
    GROUPS_IN_FULL, LOCATIONS_PER_RUN, PAIRS_IN_FULL, Page, Piece, RUNS_PER_GROUP, clean, count,
    diff_view, push_baseline_fact, thresholds_text, write_page,
};
use crate::report::scan::location_text;
use crate::scan::{Item, ScanReport, ScanRule};

/// The verdicts a scan reports, most alike first, as the page names and colours them.
const SHOWN_VERDICTS: [Verdict; 5] = [
    Verdict::Exact,
    Verdict::Identical,
    Verdict::NearDuplicate,
    Verdict::Rewrite,
    Verdict::Related,
];

/// Write the scan page of `findings` (built with diffs).
pub fn write_scan(out: &mut dyn Write, findings: &ScanFindings<'_>) -> io::Result<()> {
    write_page(out, &ScanPage::new(findings))
}

#[derive(Template)]
#[template(path = "scan.html")]
struct ScanPage {
    page: Page,
    verdicts: Vec<&'static str>,
    groups: Vec<GroupView>,
    more_groups: usize,
    more_records: u64,
    more_by_size: Vec<(String, String)>,
    related: Vec<RelatedView>,
    more_related: usize,
    topics: Vec<TopicView>,
    more_topics: usize,
}

struct ItemView {
    location: String,
    title: String,
}

impl ItemView {
    fn new(item: &Item) -> Self {
        ItemView {
            location: clean(&location_text(item)),
            title: clean(&item.title),
        }
    }
}

struct RunView {
    rule: &'static str,
    verdict: &'static str,
    score: String,
    locations: String,
    title: String,
    diff: Vec<Piece>,
}

struct GroupView {
    id: usize,
    records: usize,
    representative: ItemView,
    runs: Vec<RunView>,
    more_runs: usize,
    more_members: usize,
}

struct RelatedView {
    score: String,
    left: ItemView,
    right: ItemView,
}

struct TopicView {
    id: usize,
    stories: Vec<(String, ItemView)>,
}

impl ScanPage {
    fn new(findings: &ScanFindings<'_>) -> Self {
        let report = findings.report;
        let context = findings.context;
        let mut order: Vec<&GroupFindings<'_>> = findings.groups.iter().collect();
        // Largest first; the scan's order (first appearance) among groups of one size.
        order.sort_by_key(|g| std::cmp::Reverse(g.group.members.len()));
        let (shown, rest) = order.split_at(order.len().min(GROUPS_IN_FULL));
        let mut more_by_size: BTreeMap<usize, usize> = BTreeMap::new();
        for g in rest {
            *more_by_size.entry(g.group.members.len() + 1).or_default() += 1;
        }
        let thresholds = &context.thresholds;
        ScanPage {
            page: Page::new(
                &context.inputs,
                facts(report, thresholds),
                vec![score_chart(findings, thresholds), size_chart(findings)],
                findings.errors,
            ),
            verdicts: SHOWN_VERDICTS.iter().map(|v| v.name()).collect(),
            groups: shown.iter().map(|g| group_view(g)).collect(),
            more_groups: rest.len(),
            more_records: rest.iter().map(|g| g.group.members.len() as u64 + 1).sum(),
            more_by_size: more_by_size
                .into_iter()
                .rev()
                .map(|(size, n)| (count(size as u64), count(n as u64)))
                .collect(),
            related: report
                .related
                .iter()
                .take(PAIRS_IN_FULL)
                .map(|pair| RelatedView {
                    score: format!("{:.3}", pair.score),
                    left: ItemView::new(&pair.left),
                    right: ItemView::new(&pair.right),
                })
                .collect(),
            more_related: report.related.len().saturating_sub(PAIRS_IN_FULL),
            topics: report
                .topics
                .iter()
                .take(PAIRS_IN_FULL)
                .map(|topic| TopicView {
                    id: topic.id,
                    stories: topic
                        .stories
                        .iter()
                        .map(|s| {
                            let group = s
                                .group
                                .map_or_else(|| "-".to_owned(), |id| format!("group {id}"));
                            (group, ItemView::new(&s.representative))
                        })
                        .collect(),
                })
                .collect(),
            more_topics: report.topics.len().saturating_sub(PAIRS_IN_FULL),
        }
    }
}

/// The header's counts: what was read, what was found, how.
fn facts(report: &ScanReport, thresholds: &crate::classify::Thresholds) -> Vec<(String, String)> {
    let s = &report.summary;
    let by_verdict = |map: &BTreeMap<Verdict, u64>| {
        if map.is_empty() {
            return "none".to_owned();
        }
        map.iter()
            .rev()
            .map(|(v, n)| format!("{} {v}", count(*n)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut facts = vec![
        ("records read".to_owned(), count(s.records_read)),
        ("skipped".to_owned(), count(s.records_skipped)),
        ("unique texts".to_owned(), count(s.unique_texts as u64)),
        (
            "distinct titles".to_owned(),
            count(s.distinct_titles as u64),
        ),
        (
            "candidate pairs".to_owned(),
            count_noting(s.candidate_pairs, s.pairs_apart_in_time, "apart in time"),
        ),
        (
            "groups".to_owned(),
            count_noting(
                s.groups,
                s.groups_not_listed,
                "not listed: no member at the listed verdict",
            ),
        ),
        ("members".to_owned(), by_verdict(&s.members)),
        ("pairs".to_owned(), by_verdict(&s.pairs)),
    ];
    if let Some(topics) = s.topics {
        facts.push(("topics".to_owned(), count(topics as u64)));
    }
    push_baseline_fact(&mut facts, s.baseline_suppressed, s.baseline_stale);
    facts.push(("thresholds".to_owned(), thresholds_text(thresholds)));
    facts
}

/// A count, with how many of it a note is about when there are any: "1,200 (4 apart in
/// time)".
fn count_noting(total: usize, noted: u64, note: &str) -> String {
    match noted {
        0 => count(total as u64),
        noted => format!("{} ({} {note})", count(total as u64), count(noted)),
    }
}

/// The CSS class of a verdict's colour.
fn verdict_class(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Exact => "v-exact",
        Verdict::Identical => "v-identical",
        Verdict::NearDuplicate => "v-near-duplicate",
        Verdict::Rewrite => "v-rewrite",
        _ => "v-related",
    }
}

/// Bins of the score histogram, of width 0.05.
const SCORE_BINS: usize = 20;

/// Member (and related pair) scores by verdict, with the thresholds marked.
fn score_chart(findings: &ScanFindings<'_>, thresholds: &crate::classify::Thresholds) -> Chart {
    let mut bins = vec![[0u64; SHOWN_VERDICTS.len()]; SCORE_BINS];
    let mut add = |score: f64, verdict: Verdict| {
        let bin = ((score.clamp(0.0, 1.0) * SCORE_BINS as f64) as usize).min(SCORE_BINS - 1);
        if let Some(at) = SHOWN_VERDICTS.iter().position(|v| *v == verdict) {
            bins[bin][at] += 1;
        }
    };
    for group in &findings.report.groups {
        for member in &group.members {
            add(member.score, member.verdict);
        }
    }
    for pair in &findings.report.related {
        add(pair.score, Verdict::Related);
    }
    let columns: Vec<Stack<'_>> = bins
        .iter()
        .enumerate()
        .map(|(i, counts)| {
            let from = i as f64 / SCORE_BINS as f64;
            let label = format!("score {from:.2}–{:.2}", from + 1.0 / SCORE_BINS as f64);
            // Least alike at the bottom of each stack.
            let stack = SHOWN_VERDICTS
                .iter()
                .zip(counts)
                .rev()
                .map(|(v, n)| (verdict_class(*v), v.name(), *n))
                .collect();
            (label, stack)
        })
        .collect();
    let marks = [
        (
            thresholds.related,
            format!("related {}", thresholds.related),
        ),
        (
            thresholds.rewrite,
            format!("rewrite {}", thresholds.rewrite),
        ),
    ];
    let ticks: Vec<(f64, String)> = (0..=4)
        .map(|i| (i as f64 / 4.0, format!("{:.2}", i as f64 / 4.0)))
        .collect();
    chart::stacked_columns(
        "Member scores by verdict (combined score against the representative)",
        &columns,
        &marks,
        legend(),
        &ticks,
    )
}

/// How many groups have 2, 3, … records.
fn size_chart(findings: &ScanFindings<'_>) -> Chart {
    const BUCKETS: [(usize, usize, &str); 9] = [
        (2, 2, "2"),
        (3, 3, "3"),
        (4, 4, "4"),
        (5, 5, "5"),
        (6, 10, "6–10"),
        (11, 20, "11–20"),
        (21, 50, "21–50"),
        (51, 100, "51–100"),
        (101, usize::MAX, "> 100"),
    ];
    let mut counts = [0u64; BUCKETS.len()];
    for group in &findings.report.groups {
        let records = group.members.len() + 1;
        if let Some(at) = BUCKETS.iter().position(|b| (b.0..=b.1).contains(&records)) {
            counts[at] += 1;
        }
    }
    let columns: Vec<Stack<'_>> = BUCKETS
        .iter()
        .zip(counts)
        .map(|(bucket, n)| (format!("{} records", bucket.2), vec![("size", "groups", n)]))
        .collect();
    // Each label under the middle of its column.
    let ticks: Vec<(f64, String)> = BUCKETS
        .iter()
        .enumerate()
        .map(|(i, b)| ((i as f64 + 0.5) / BUCKETS.len() as f64, b.2.to_owned()))
        .collect();
    chart::stacked_columns(
        "Groups by size (records per group)",
        &columns,
        &[],
        Vec::new(),
        &ticks,
    )
}

fn legend() -> Vec<(&'static str, String)> {
    SHOWN_VERDICTS
        .iter()
        .map(|v| (verdict_class(*v), v.name().to_owned()))
        .collect()
}

fn group_view(found: &GroupFindings<'_>) -> GroupView {
    let group = found.group;
    let runs: Vec<RunView> = found
        .runs
        .iter()
        .take(RUNS_PER_GROUP)
        .map(run_view)
        .collect();
    let more: &[MemberRun<'_>] = found.runs.get(RUNS_PER_GROUP..).unwrap_or(&[]);
    GroupView {
        id: group.id,
        records: group.members.len() + 1,
        representative: ItemView::new(&group.representative),
        runs,
        more_runs: more.len(),
        more_members: more.iter().map(|r| r.members.len()).sum(),
    }
}

fn run_view(run: &MemberRun<'_>) -> RunView {
    let first = run.first();
    let mut locations: Vec<String> = run
        .members
        .iter()
        .take(LOCATIONS_PER_RUN)
        .map(|m| location_text(&m.item))
        .collect();
    if run.members.len() > LOCATIONS_PER_RUN {
        locations.push(format!("… ({} in all)", run.members.len()));
    }
    let rule: ScanRule = first.rule();
    RunView {
        rule: rule.id(),
        verdict: first.verdict.name(),
        score: format!("{:.3}", first.score),
        locations: clean(&locations.join(", ")),
        title: clean(&first.item.title),
        diff: run.diff.as_ref().map(diff_view).unwrap_or_default(),
    }
}
