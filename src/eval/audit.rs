//! `neardup eval --audit`: how well the audit rules find labeled content differences.
//!
//! Input is a table of headline pairs (tab-separated, or comma-separated with a `.csv` name)
//! with a header naming the two titles `a` and `b` and one 0/1 column per [`Family`] of
//! rules: `number_changed`, `entity_dropped_or_added`, `attribution_dropped`,
//! `hedge_dropped`, `sensational` (the layout of `gnews-audit/dev.tsv`). Every family whose
//! column is present is measured; an optional `note` column is shown beside misses.
//!
//! The audit is directional (original → rewrite). Symmetric labels (a difference in either
//! direction, [`Direction::Both`]) are scored by auditing each pair both ways and counting a
//! family or rule as flagging the pair when either direction does; directed labels
//! ([`Direction::Forward`]) audit `a` → `b` only. For each family and each of its rules the
//! report gives the recall on the pairs labeled 1, the false-alarm rate on the pairs labeled
//! 0, and the pairs behind every miss and false alarm with the findings that fired.

use std::collections::BTreeMap;
use std::io::Read;

use serde::Serialize;

use crate::audit::{AuditPolicy, Finding, Lexicon, Rule, Severity, audit};
use crate::compare::Comparer;
use crate::error::Error;

/// A kind of content difference a label column names, and the rules that find it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Family {
    /// A quantity, date or score differs or appears in one title only (ND101–ND103).
    NumberChanged,
    /// A named person, place or organisation appears in one title only (ND104, ND105).
    EntityDroppedOrAdded,
    /// One title attributes the claim and the other asserts it (ND106, ND107).
    AttributionDropped,
    /// One title hedges and the other states the claim flatly (ND108).
    HedgeDropped,
    /// One title adds a dramatic kicker or framing (ND109).
    Sensational,
}

impl Family {
    /// Every family, in rule order.
    pub const ALL: [Family; 5] = [
        Family::NumberChanged,
        Family::EntityDroppedOrAdded,
        Family::AttributionDropped,
        Family::HedgeDropped,
        Family::Sensational,
    ];

    /// The label column's name, which is also the serialized name.
    pub fn column(self) -> &'static str {
        match self {
            Family::NumberChanged => "number_changed",
            Family::EntityDroppedOrAdded => "entity_dropped_or_added",
            Family::AttributionDropped => "attribution_dropped",
            Family::HedgeDropped => "hedge_dropped",
            Family::Sensational => "sensational",
        }
    }

    /// The rules whose findings count for this family.
    pub fn rules(self) -> &'static [Rule] {
        match self {
            Family::NumberChanged => &[Rule::NumberChanged, Rule::NumberAdded, Rule::NumberDropped],
            Family::EntityDroppedOrAdded => &[Rule::EntityDropped, Rule::EntityAdded],
            Family::AttributionDropped => {
                &[Rule::AttributionDropped, Rule::AttributionStrengthened]
            }
            Family::HedgeDropped => &[Rule::HedgingDropped],
            Family::Sensational => &[Rule::SensationalFraming],
        }
    }
}

/// One labeled pair of the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditLabeledPair {
    /// 1-based line in the file.
    pub line: u64,
    /// The first title (the original when labels are directed).
    pub a: String,
    /// The second title.
    pub b: String,
    /// The label of every family whose column the file has.
    pub labels: BTreeMap<Family, bool>,
    /// The `note` column, when the file has one and it is not empty.
    pub note: Option<String>,
}

/// Read audit-labeled pairs. `comma` reads comma-separated values with quoting; otherwise
/// fields are split on tabs and quotes are text. Errors name the file, the line and the
/// column.
pub fn read_audit_pairs(
    path: &str,
    reader: impl Read,
    comma: bool,
) -> Result<Vec<AuditLabeledPair>, Error> {
    let input_error = |line: u64, message: String| Error::Input {
        path: path.to_owned(),
        line,
        message,
    };
    let mut table = csv::ReaderBuilder::new()
        .delimiter(if comma { b',' } else { b'\t' })
        .quoting(comma)
        .flexible(true)
        .has_headers(true)
        .from_reader(reader);
    let csv_error = |e: csv::Error| {
        let line = e.position().map_or(1, csv::Position::line);
        let message = match e.into_kind() {
            csv::ErrorKind::Utf8 { err, .. } => {
                format!("not valid UTF-8 (in field {})", err.field() + 1)
            }
            csv::ErrorKind::Io(io) => io.to_string(),
            other => format!("unreadable row: {other:?}"),
        };
        input_error(line, message)
    };
    let header: Vec<String> = table
        .headers()
        .map_err(csv_error)?
        .iter()
        .map(|c| c.trim().to_owned())
        .collect();
    let find = |name: &str| header.iter().position(|c| c == name);
    let families: Vec<(Family, usize)> = Family::ALL
        .into_iter()
        .filter_map(|f| find(f.column()).map(|at| (f, at)))
        .collect();
    let (Some(a_at), Some(b_at)) = (find("a"), find("b")) else {
        return Err(input_error(
            1,
            format!(
                "the header must name the title columns `a` and `b`; found {}",
                header.join(", ")
            ),
        ));
    };
    if families.is_empty() {
        let names: Vec<&str> = Family::ALL.iter().map(|f| f.column()).collect();
        return Err(input_error(
            1,
            format!(
                "the header names no label column; expected one or more of {}",
                names.join(", ")
            ),
        ));
    }
    let note_at = find("note");
    let mut pairs = Vec::new();
    for row in table.records() {
        let row = row.map_err(csv_error)?;
        let line = row.position().map_or(0, csv::Position::line);
        if row.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let field = |at: usize, name: &str| {
            row.get(at).ok_or_else(|| {
                input_error(
                    line,
                    format!(
                        "missing column `{name}`: {} fields, the header has {}",
                        row.len(),
                        header.len()
                    ),
                )
            })
        };
        let mut labels = BTreeMap::new();
        for &(family, at) in &families {
            let label = match field(at, family.column())?.trim() {
                "1" => true,
                "0" => false,
                other => {
                    return Err(input_error(
                        line,
                        format!("`{}` is `{other}`, expected 0 or 1", family.column()),
                    ));
                }
            };
            labels.insert(family, label);
        }
        let note = note_at
            .and_then(|at| row.get(at))
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(str::to_owned);
        pairs.push(AuditLabeledPair {
            line,
            a: field(a_at, "a")?.to_owned(),
            b: field(b_at, "b")?.to_owned(),
            labels,
            note,
        });
    }
    Ok(pairs)
}

/// Which way the labels read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Direction {
    /// A difference in either direction: audit `a` → `b` and `b` → `a`.
    Both,
    /// `a` is the original and `b` the rewrite: audit that way only.
    Forward,
}

/// A finding that fired on a pair, with the direction it was audited in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evidence {
    /// `a->b` or `b->a`.
    pub direction: &'static str,
    /// The rule.
    pub rule: Rule,
    /// The finding's message.
    pub message: String,
}

/// A pair behind a miss or a false alarm.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PairRef {
    /// 1-based line in the file.
    pub line: u64,
    /// The first title.
    pub a: String,
    /// The second title.
    pub b: String,
    /// The labeler's note.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The family's findings on the pair (empty for a miss).
    pub evidence: Vec<Evidence>,
}

/// Recall and false alarms of one family or one rule.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Score {
    /// Pairs labeled 1.
    pub positives: usize,
    /// Pairs labeled 1 that are flagged.
    pub found: usize,
    /// Pairs labeled 0.
    pub negatives: usize,
    /// Pairs labeled 0 that are flagged.
    pub false_alarms: usize,
    /// `found / positives`; `None` without positives.
    pub recall: Option<f64>,
    /// `false_alarms / negatives`; `None` without negatives.
    pub false_alarm_rate: Option<f64>,
}

impl Score {
    fn new(flags: &[(bool, bool)]) -> Self {
        let positives = flags.iter().filter(|(label, _)| *label).count();
        let found = flags.iter().filter(|(label, hit)| *label && *hit).count();
        let negatives = flags.len() - positives;
        let false_alarms = flags.iter().filter(|(label, hit)| !*label && *hit).count();
        let ratio = |n: usize, d: usize| (d > 0).then(|| round(n as f64 / d as f64));
        Self {
            positives,
            found,
            negatives,
            false_alarms,
            recall: ratio(found, positives),
            false_alarm_rate: ratio(false_alarms, negatives),
        }
    }
}

/// Rates are reported to three decimals, so reports are deterministic and diffable.
fn round(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// One rule's score within its family, with the lines it misses and falsely flags.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleScore {
    /// The rule.
    pub rule: Rule,
    /// Its stable name.
    pub name: &'static str,
    /// Its recall and false alarms against the family's labels.
    #[serde(flatten)]
    pub score: Score,
    /// Lines of pairs labeled 1 that the rule does not flag.
    pub missed_lines: Vec<u64>,
    /// Lines of pairs labeled 0 that the rule flags.
    pub false_alarm_lines: Vec<u64>,
}

/// One family's score, its rules' scores, and the pairs behind its errors.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FamilyScore {
    /// The family (its label column).
    pub family: Family,
    /// A pair is flagged when any of the family's rules flags it.
    #[serde(flatten)]
    pub score: Score,
    /// Each rule of the family.
    pub rules: Vec<RuleScore>,
    /// Pairs labeled 1 that no rule of the family flags.
    pub misses: Vec<PairRef>,
    /// Pairs labeled 0 that a rule of the family flags, with the findings.
    pub false_alarm_pairs: Vec<PairRef>,
}

/// What `eval --audit` reports.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditEvaluation {
    /// Pairs read.
    pub pairs: usize,
    /// How the labels were read.
    pub direction: Direction,
    /// The least severe finding that counts as a flag.
    pub min_severity: Severity,
    /// One entry per family the file labels, in rule order.
    pub families: Vec<FamilyScore>,
}

/// How to score the audit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AuditEvalOptions {
    /// Which way the labels read.
    pub direction: Direction,
    /// Findings below this severity do not count as flags.
    pub min_severity: Severity,
}

impl Default for AuditEvalOptions {
    fn default() -> Self {
        Self {
            direction: Direction::Both,
            min_severity: Severity::Info,
        }
    }
}

/// Audit every pair (both ways for symmetric labels) and score each family and rule.
pub fn evaluate_audit(
    pairs: &[AuditLabeledPair],
    comparer: &Comparer,
    lexicon: &Lexicon,
    policy: &AuditPolicy,
    options: &AuditEvalOptions,
) -> AuditEvaluation {
    let analyzer = comparer.analyzer();
    let evidence: Vec<Vec<Evidence>> = pairs
        .iter()
        .map(|pair| {
            let a = analyzer.analyze(&pair.a);
            let b = analyzer.analyze(&pair.b);
            let mut ways = vec![("a->b", &a, &b)];
            if options.direction == Direction::Both {
                ways.push(("b->a", &b, &a));
            }
            let mut found = Vec::new();
            for (direction, original, rewrite) in ways {
                let comparison = comparer.compare_titles(original, rewrite);
                let findings: Vec<Finding> = audit(original, rewrite, &comparison, lexicon, policy);
                found.extend(
                    findings
                        .into_iter()
                        .filter(|f| f.severity >= options.min_severity)
                        .map(|f| Evidence {
                            direction,
                            rule: f.rule,
                            message: f.message,
                        }),
                );
            }
            found
        })
        .collect();
    let families = Family::ALL
        .into_iter()
        .filter(|f| pairs.iter().any(|p| p.labels.contains_key(f)))
        .map(|family| score_family(family, pairs, &evidence))
        .collect();
    AuditEvaluation {
        pairs: pairs.len(),
        direction: options.direction,
        min_severity: options.min_severity,
        families,
    }
}

fn score_family(
    family: Family,
    pairs: &[AuditLabeledPair],
    evidence: &[Vec<Evidence>],
) -> FamilyScore {
    // The labeled pairs of this family, each with its findings of the family's rules.
    let labeled: Vec<(&AuditLabeledPair, bool, Vec<&Evidence>)> = pairs
        .iter()
        .zip(evidence)
        .filter_map(|(pair, found)| {
            let label = *pair.labels.get(&family)?;
            let mine = found
                .iter()
                .filter(|e| family.rules().contains(&e.rule))
                .collect();
            Some((pair, label, mine))
        })
        .collect();
    let flags: Vec<(bool, bool)> = labeled
        .iter()
        .map(|(_, label, mine)| (*label, !mine.is_empty()))
        .collect();
    let rules = family
        .rules()
        .iter()
        .map(|&rule| {
            let fires = |mine: &[&Evidence]| mine.iter().any(|e| e.rule == rule);
            let flags: Vec<(bool, bool)> = labeled
                .iter()
                .map(|(_, label, mine)| (*label, fires(mine)))
                .collect();
            let lines = |want_label: bool, want_hit: bool| -> Vec<u64> {
                labeled
                    .iter()
                    .filter(|(_, label, mine)| *label == want_label && fires(mine) == want_hit)
                    .map(|(pair, _, _)| pair.line)
                    .collect()
            };
            RuleScore {
                rule,
                name: rule.name(),
                score: Score::new(&flags),
                missed_lines: lines(true, false),
                false_alarm_lines: lines(false, true),
            }
        })
        .collect();
    let refs = |want_label: bool, want_hit: bool| -> Vec<PairRef> {
        labeled
            .iter()
            .filter(|(_, label, mine)| *label == want_label && mine.is_empty() != want_hit)
            .map(|(pair, _, mine)| PairRef {
                line: pair.line,
                a: pair.a.clone(),
                b: pair.b.clone(),
                note: pair.note.clone(),
                evidence: mine.iter().map(|e| (*e).clone()).collect(),
            })
            .collect()
    };
    FamilyScore {
        family,
        score: Score::new(&flags),
        rules,
        misses: refs(true, false),
        false_alarm_pairs: refs(false, true),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "a_line\tb_line\tnumber_changed\tsensational\ta\tb\tnote\n";

    fn read(text: &str) -> Result<Vec<AuditLabeledPair>, Error> {
        read_audit_pairs("t.tsv", text.as_bytes(), false)
    }

    #[test]
    fn reads_named_columns_and_keeps_quotes_in_tab_separated_titles() {
        let text = format!(
            "{HEADER}1\t2\t1\t0\tFive \"dead\" in crash\tSix dead in crash\tfive -> six\n\n"
        );
        let pairs = read(&text).expect("valid");
        assert_eq!(pairs.len(), 1);
        assert_eq!(pairs[0].line, 2);
        assert_eq!(pairs[0].a, "Five \"dead\" in crash");
        assert!(pairs[0].labels[&Family::NumberChanged]);
        assert!(!pairs[0].labels[&Family::Sensational]);
        assert!(!pairs[0].labels.contains_key(&Family::HedgeDropped));
        assert_eq!(pairs[0].note.as_deref(), Some("five -> six"));
    }

    #[test]
    fn bad_labels_and_headers_name_the_line_and_column() {
        let err = read(&format!("{HEADER}1\t2\t1\tyes\tx\ty\t\n"))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("t.tsv:2") && err.contains("sensational"),
            "{err}"
        );
        let err = read(&format!("{HEADER}1\t2\t1\n")).unwrap_err().to_string();
        assert!(
            err.contains("t.tsv:2") && err.contains("missing column"),
            "{err}"
        );
        let err = read("a\tb\tlabel\nx\ty\t1\n").unwrap_err().to_string();
        assert!(
            err.contains("t.tsv:1") && err.contains("number_changed"),
            "{err}"
        );
        let err = read("x\ty\tsensational\n").unwrap_err().to_string();
        assert!(err.contains("`a` and `b`"), "{err}");
        let bytes = b"a\tb\tsensational\nx\t\xff\t1\n";
        let err = read_audit_pairs("t.tsv", &bytes[..], false)
            .unwrap_err()
            .to_string();
        assert!(err.contains("t.tsv:2") && err.contains("UTF-8"), "{err}");
    }

    #[test]
    fn comma_separated_files_honour_quotes() {
        let text = "a,b,number_changed\n\"Six, dead\",Five dead,1\n";
        let pairs = read_audit_pairs("t.csv", text.as_bytes(), true).expect("valid");
        assert_eq!(pairs[0].a, "Six, dead");
    }

    fn evaluate(text: &str, direction: Direction) -> AuditEvaluation {
        let comparer = Comparer::builder().build().expect("default comparer");
        let options = AuditEvalOptions {
            direction,
            ..AuditEvalOptions::default()
        };
        evaluate_audit(
            &read(text).expect("valid"),
            &comparer,
            &Lexicon::default(),
            &AuditPolicy::default(),
            &options,
        )
    }

    const PAIRS: &str = "a\tb\tnumber_changed\tsensational\n\
        Three killed in train crash\tThree killed in train crash in the north\t0\t0\n\
        Three killed in train crash\tFive killed in train crash\t1\t0\n\
        Storm hits the coast overnight\tStorm hits the coast in 2024\t0\t0\n\
        Storm hits the coast in 2024\tStorm hits the coast\t1\t0\n";

    #[test]
    fn symmetric_labels_count_either_direction() {
        let report = evaluate(PAIRS, Direction::Both);
        assert_eq!(report.pairs, 4);
        let numbers = &report.families[0];
        assert_eq!(numbers.family, Family::NumberChanged);
        assert_eq!((numbers.score.positives, numbers.score.found), (2, 2));
        assert_eq!(
            (numbers.score.negatives, numbers.score.false_alarms),
            (2, 1)
        );
        assert_eq!(numbers.score.recall, Some(1.0));
        assert_eq!(numbers.score.false_alarm_rate, Some(0.5));
        // The added year is a false alarm, with the finding that raised it.
        assert_eq!(numbers.false_alarm_pairs.len(), 1);
        assert_eq!(numbers.false_alarm_pairs[0].line, 4);
        assert!(
            numbers.false_alarm_pairs[0]
                .evidence
                .iter()
                .any(|e| e.rule == Rule::NumberAdded)
        );
        let added = &numbers.rules[1];
        assert_eq!(added.rule, Rule::NumberAdded);
        assert_eq!(added.false_alarm_lines, [4]);
        // Audited both ways, the dropped year (line 5) is also an added one; only the
        // changed count (line 3) is not an addition.
        assert_eq!(added.missed_lines, [3]);
        let sensational = &report.families[1];
        assert_eq!(sensational.score.recall, None);
        assert_eq!(sensational.score.false_alarm_rate, Some(0.0));
    }

    #[test]
    fn directed_labels_audit_one_way_and_list_misses() {
        let report = evaluate(PAIRS, Direction::Forward);
        let numbers = &report.families[0];
        // a -> b: the year of line 5 is dropped (ND103), not added; line 4 adds one.
        assert_eq!(numbers.rules[1].missed_lines, [3, 5]);
        assert_eq!(numbers.rules[2].missed_lines, [3]);
        assert!(numbers.misses.is_empty());
        let json = serde_json::to_value(&report).unwrap_or_default();
        assert_eq!(json["direction"], "forward");
        assert_eq!(json["families"][0]["family"], "number_changed");
        assert_eq!(json["families"][0]["rules"][0]["rule"], "ND101");
    }
}
