use super::batch::ANALYSIS_CHUNK;
use super::*;
use crate::read::Location;

fn batch_of(lines: &[&str]) -> Batch {
    let mut batch = Batch::new();
    for (i, line) in lines.iter().enumerate() {
        batch.push(Location::new("t.txt", i as u64 + 1), line, false);
    }
    batch
}

fn scan_with_defaults(batch: Batch) -> ScanReport {
    scan(
        batch,
        &Comparer::default(),
        &ScanOptions::default(),
        &|_| {},
    )
}

fn run(lines: &[&str]) -> ScanReport {
    scan_with_defaults(batch_of(lines))
}

#[test]
fn exact_identical_and_rewrites_group_under_the_first() {
    let report = run(&[
        "Trump sends hospital ship to Greenland after Denmark helped evacuate US Navy sailor",
        "Stocks rally as tech earnings beat forecasts",
        "Trump sends hospital ship to Greenland after Denmark helped evacuate US Navy sailor",
        "TRUMP SENDS HOSPITAL SHIP TO GREENLAND AFTER DENMARK HELPED EVACUATE US NAVY SAILOR - AP",
        "Trump Deploys Hospital Ship to Greenland Following Denmark’s Crucial Rescue of US Navy Sailor",
    ]);
    assert_eq!(report.groups.len(), 1);
    let group = &report.groups[0];
    assert_eq!(group.representative.location.line, 1);
    let verdicts: Vec<(u64, Verdict)> = group
        .members
        .iter()
        .map(|m| (m.item.location.line, m.verdict))
        .collect();
    assert_eq!(
        verdicts,
        [
            (3, Verdict::Exact),
            (4, Verdict::Identical),
            (5, Verdict::Rewrite)
        ]
    );
    assert_eq!(report.summary.records_read, 5);
    assert_eq!(report.summary.unique_texts, 4);
    assert_eq!(report.summary.distinct_titles, 3);
}

#[test]
fn ten_thousand_copies_are_one_group() {
    let lines = vec!["Fire in Rome"; 10_000];
    let report = run(&lines);
    assert_eq!(report.groups.len(), 1);
    assert_eq!(report.groups[0].members.len(), 9_999);
    assert_eq!(report.summary.members[&Verdict::Exact], 9_999);
    assert_eq!(report.summary.candidate_pairs, 0);
}

#[test]
fn members_never_chain_through_each_other() {
    // B is a rewrite of A, C of B, but C is not one of A: C must not join A's group.
    let a = "Senate passes budget bill after long night of votes";
    let b = "Senate passes budget bill, sends it to governor";
    let c = "Governor signs budget bill sent by senate";
    let comparer = Comparer::default();
    let verdict = |x: &str, y: &str| comparer.compare(x, y).verdict;
    let report = run(&[a, b, c]);
    for group in &report.groups {
        for member in &group.members {
            assert!(verdict(&group.representative.title, &member.item.title) >= Verdict::Rewrite);
        }
    }
}

#[test]
fn existing_items_alone_are_not_reported() {
    let mut batch = Batch::new();
    batch.push(Location::new("old.txt", 1), "Fire in Rome", true);
    batch.push(Location::new("old.txt", 2), "Fire in Rome", true);
    batch.push(Location::new("new.txt", 1), "Stocks rally", false);
    let report = scan(
        batch,
        &Comparer::default(),
        &ScanOptions::default(),
        &|_| {},
    );
    assert!(report.groups.is_empty());
    let mut batch = Batch::new();
    batch.push(Location::new("old.txt", 1), "Fire in Rome", true);
    batch.push(Location::new("new.txt", 1), "Fire in Rome", false);
    let report = scan_with_defaults(batch);
    assert_eq!(report.groups.len(), 1);
    assert!(report.groups[0].representative.existing);
}

#[test]
fn empty_batch_is_empty() {
    let report = run(&[]);
    assert!(report.groups.is_empty());
    assert_eq!(report.summary.records_read, 0);
}

/// Texts analyzed while reading (more than one chunk of them) give the same report as texts
/// analyzed by the scan; with another comparer the scan analyzes them again.
#[test]
fn analysis_while_reading_gives_the_same_report() {
    let lines: Vec<String> = (0..2 * ANALYSIS_CHUNK + 7)
        .map(|i| match i % 4 {
            0 => format!("Storm {} hits the coast as thousands flee", i / 4),
            1 => format!("Thousands flee as storm {} hits coast", i / 4),
            2 => "Stocks rally as tech earnings beat forecasts".to_owned(),
            _ => format!("Council votes on budget number {i}"),
        })
        .collect();
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    let comparer = Comparer::default();
    let read = || {
        Batch::read_analyzing(&comparer, |batch| {
            for (i, line) in refs.iter().enumerate() {
                batch.push(Location::new("t.txt", i as u64 + 1), line, false);
            }
        })
        .0
    };
    let options = ScanOptions::default();
    let expected = run(&refs);
    assert!(!expected.groups.is_empty());
    assert_eq!(scan(read(), &comparer, &options, &|_| {}), expected);
    assert_eq!(
        scan(read(), &Comparer::default(), &options, &|_| {}),
        expected
    );
}

mod indexed_equals_exhaustive {
    use super::*;
    use proptest::prelude::*;

    const WORDS: [&str; 14] = [
        "senate", "passes", "budget", "bill", "governor", "signs", "storm", "floods", "rome",
        "fire", "court", "rules", "mencho", "raid",
    ];

    fn groups_of(lines: &[String], exhaustive: bool) -> Vec<Group> {
        let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
        let options = ScanOptions {
            exhaustive,
            ..ScanOptions::default()
        };
        scan(batch_of(&lines), &Comparer::default(), &options, &|_| {}).groups
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// The indexed scan (representatives only, then the split inside groups) makes the
        /// same groups as scoring every pair first, on batches full of overlapping titles.
        #[test]
        fn on_random_batches(
            corpus in prop::collection::vec(prop::collection::vec(0..WORDS.len(), 2..7), 0..30),
        ) {
            let lines: Vec<String> = corpus
                .iter()
                .map(|words| words.iter().map(|&w| WORDS[w]).collect::<Vec<_>>().join(" "))
                .collect();
            prop_assert_eq!(groups_of(&lines, false), groups_of(&lines, true));
        }
    }
}

mod time_window {
    use super::*;

    const DAY: i64 = 86_400;
    /// One event, re-headlined: a pair the scan groups.
    const STORY: [&str; 2] = [
        "Trump sends hospital ship to Greenland after Denmark helped evacuate US Navy sailor",
        "Trump deploys hospital ship to Greenland following Denmark's rescue of Navy sailor",
    ];

    fn scan_at(times: [Option<i64>; 2], window: Option<u64>) -> ScanReport {
        let mut batch = Batch::new();
        for (i, (line, time)) in STORY.iter().zip(times).enumerate() {
            batch.push_at(Location::new("t.txt", i as u64 + 1), line, false, time);
        }
        let options = ScanOptions {
            time_window: window,
            ..ScanOptions::default()
        };
        scan(batch, &Comparer::default(), &options, &|_| {})
    }

    #[test]
    fn titles_far_apart_in_time_are_not_one_story() {
        let report = scan_at([Some(0), Some(10 * DAY)], Some(DEFAULT_TIME_WINDOW));
        assert!(report.groups.is_empty());
        assert_eq!(report.summary.candidate_pairs, 1);
        assert_eq!(report.summary.pairs_apart_in_time, 1);
        assert!(report.summary.pairs.is_empty());
    }

    #[test]
    fn titles_inside_the_window_group_as_before() {
        let report = scan_at([Some(0), Some(2 * DAY)], Some(DEFAULT_TIME_WINDOW));
        assert_eq!(report.groups.len(), 1);
        assert_eq!(report.summary.pairs_apart_in_time, 0);
    }

    #[test]
    fn without_times_or_without_a_window_nothing_changes() {
        let expected = run(&STORY);
        assert_eq!(expected.groups.len(), 1);
        for times in [[None, None], [Some(0), None], [None, Some(10 * DAY)]] {
            assert_eq!(scan_at(times, Some(DEFAULT_TIME_WINDOW)), expected);
        }
        assert_eq!(scan_at([Some(0), Some(10 * DAY)], None), expected);
    }

    /// A title published again a year later is a copy, and a copy is found whatever the
    /// time between (a check against an archive must see it).
    #[test]
    fn a_near_duplicate_far_apart_in_time_is_still_a_copy() {
        let mut batch = Batch::new();
        let copies = [
            "Man shot, killed by Secret Service, local deputy outside of Mar-a-Lago",
            "Man shot, killed by Secret Service, local deputy outside of Mar-a-Lago, agency says",
        ];
        for (i, line) in copies.iter().enumerate() {
            let time = Some(i as i64 * 365 * DAY);
            batch.push_at(Location::new("t.txt", i as u64 + 1), line, false, time);
        }
        let report = scan_with_defaults(batch);
        assert_eq!(report.groups.len(), 1);
        assert_eq!(report.groups[0].members[0].verdict, Verdict::NearDuplicate);
        assert_eq!(report.summary.pairs_apart_in_time, 0);
    }

    /// A title seen on several days spans them all: a later rewrite close to its last
    /// sighting is inside the window.
    #[test]
    fn a_title_polled_for_days_spans_its_records() {
        let mut batch = Batch::new();
        for (line, day) in [(0, 0), (0, 5), (1, 6)] {
            let time = Some(day * DAY);
            batch.push_at(
                Location::new("t.jsonl", day as u64 + 1),
                STORY[line],
                false,
                time,
            );
        }
        let report = scan_with_defaults(batch);
        assert_eq!(report.groups.len(), 1);
        assert_eq!(report.groups[0].members.len(), 2);
    }

    /// The index and the exhaustive check leave the same pairs apart.
    #[test]
    fn exhaustive_counts_the_same_pairs_apart() {
        let mut batch = Batch::new();
        for (i, line) in STORY.iter().enumerate() {
            let time = Some(i as i64 * 10 * DAY);
            batch.push_at(Location::new("t.jsonl", i as u64 + 1), line, false, time);
        }
        let options = ScanOptions {
            exhaustive: true,
            ..ScanOptions::default()
        };
        let report = scan(batch, &Comparer::default(), &options, &|_| {});
        assert!(report.groups.is_empty());
        assert_eq!(report.summary.pairs_apart_in_time, 1);
    }
}
