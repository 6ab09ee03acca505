//! Evaluation: how well each metric and the verdicts separate same-story pairs from others.
//!
//! Input is a tab-separated file of labeled pairs with a header naming the columns `label`
//! (1 = same story), `score` (optional, a 0–5 graded similarity) and the two titles `a` and
//! `b`: the layout of the STS Benchmark headline files. A `score` cell may be empty (MRPC-style
//! files carry the label only). The file is read by [`crate::read::read_rows`] (the csv
//! crate), so gzip, binary, empty and over-long input are caught as for every other reader. For each metric the report gives the
//! ROC AUC, average precision, the best F1 and the threshold that reaches it, and, when
//! reference thresholds are supplied (chosen on another file), the F1 at those thresholds:
//! choose on a training file, confirm on a held-out one.
//!
//! Two readings of the labels are supported ([`Reading`]): the `label` column as given, and
//! the strict reading that keeps only clear cases (score ≥ 4 same story, score ≤ 1 not).
//!
//! Term weights come from the background table refined by every title in the file (the
//! titles only, never the labels).

pub mod audit;
pub mod groups;

use std::collections::BTreeMap;
use std::io::BufRead;
use std::sync::Arc;

use serde::Serialize;

use crate::compare::Comparer;
use crate::error::Error;
use crate::features::Title;
use crate::metrics::{COMBINED_INPUTS, CombinedWeights, Metric, similarity};
use crate::read::{Location, ReadOptions, RecordError, read_rows};

/// One labeled pair.
#[derive(Debug, Clone, PartialEq)]
pub struct LabeledPair {
    /// Same story.
    pub label: bool,
    /// Graded similarity (0–5), when the file has it.
    pub score: Option<f64>,
    /// Left title.
    pub left: String,
    /// Right title.
    pub right: String,
    /// 1-based line in the file.
    pub line: u64,
}

/// Which pairs count as positive and negative.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reading {
    /// The `label` column as given.
    Label,
    /// Score ≥ 4 is positive, score ≤ 1 negative; the rest is left out.
    Strict,
}

impl Reading {
    /// The label under this reading, or `None` when the pair is left out.
    pub fn label(self, pair: &LabeledPair) -> Option<bool> {
        match self {
            Reading::Label => Some(pair.label),
            Reading::Strict => match pair.score {
                Some(s) if s >= 4.0 => Some(true),
                Some(s) if s <= 1.0 => Some(false),
                _ => None,
            },
        }
    }
}

/// Read labeled pairs from a TSV (a `.csv` path: CSV) with a header row naming `label`, `a`
/// and `b`, and optionally `score`; the first bad row is the error. See [`read_labeled`].
pub fn read_labeled_pairs(
    path: &str,
    reader: impl BufRead + Send,
) -> Result<Vec<LabeledPair>, Error> {
    let file = read_labeled(path, reader);
    match file.errors.into_iter().next() {
        Some(error) => Err(error.into()),
        None => Ok(file.pairs),
    }
}

/// What [`read_labeled`] found: the good pairs and every bad row, so that nothing is left
/// out silently (pairs + errors = rows, unless an error ended the input).
#[derive(Debug, Clone, Default)]
pub struct LabeledFile {
    /// The pairs read.
    pub pairs: Vec<LabeledPair>,
    /// Every row that could not be read, or the one error that ended the input.
    pub errors: Vec<RecordError>,
}

/// Read labeled pairs, keeping every good row and every error. An empty `score` cell means
/// no graded score (MRPC-style files carry the label only). Gzip is read transparently.
pub fn read_labeled(path: &str, reader: impl BufRead + Send) -> LabeledFile {
    let mut file = LabeledFile::default();
    let (header, rows) = match read_rows(path, reader, &ReadOptions::default()) {
        Ok(table) => table,
        Err(e) => {
            file.errors.push(e);
            return file;
        }
    };
    let find = |name: &str| header.iter().position(|c| c == name);
    let (Some(label_at), Some(a_at), Some(b_at)) = (find("label"), find("a"), find("b")) else {
        file.errors.push(RecordError::fatal(
            Location::new(path, 1),
            format!(
                "the header must name the columns `label`, `a` and `b` (tab-separated); found {:?}",
                header.join("\t")
            ),
        ));
        return file;
    };
    let columns = LabeledColumns {
        label: label_at,
        score: find("score"),
        a: a_at,
        b: b_at,
        width: header.len(),
    };
    for row in rows {
        let pair = row.and_then(|row| {
            columns
                .pair(&row)
                .map_err(|m| RecordError::new(row.location, m))
        });
        match pair {
            Ok(Some(pair)) => file.pairs.push(pair),
            Ok(None) => {}
            Err(e) => file.errors.push(e),
        }
    }
    if file.pairs.is_empty() && file.errors.is_empty() {
        file.errors.push(RecordError::fatal(
            Location::whole(path),
            "no labeled pairs after the header",
        ));
    }
    file
}

/// Where the columns of a labeled file are.
struct LabeledColumns {
    label: usize,
    score: Option<usize>,
    a: usize,
    b: usize,
    width: usize,
}

impl LabeledColumns {
    /// The pair in a row; `None` for a blank row.
    fn pair(&self, row: &crate::read::Row) -> Result<Option<LabeledPair>, String> {
        if row.fields.iter().all(|f| f.trim().is_empty()) {
            return Ok(None);
        }
        let field = |at: usize, name: &str| {
            row.fields.get(at).map(String::as_str).ok_or_else(|| {
                format!(
                    "missing column `{name}`: {} fields, expected {}",
                    row.fields.len(),
                    self.width
                )
            })
        };
        let label = match field(self.label, "label")?.trim() {
            "1" | "true" => true,
            "0" | "false" => false,
            other => return Err(format!("label `{other}` is not 0 or 1")),
        };
        let score = match self.score {
            Some(at) => match field(at, "score")?.trim() {
                "" => None,
                raw => Some(
                    raw.parse::<f64>()
                        .ok()
                        .filter(|s| s.is_finite())
                        .ok_or_else(|| format!("score `{raw}` is not a number"))?,
                ),
            },
            None => None,
        };
        Ok(Some(LabeledPair {
            label,
            score,
            left: field(self.a, "a")?.to_owned(),
            right: field(self.b, "b")?.to_owned(),
            line: row.location.line,
        }))
    }
}

/// Ranking quality of one score.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Separation {
    /// Area under the ROC curve.
    pub roc_auc: f64,
    /// Average precision (area under the precision-recall curve, step-wise).
    pub average_precision: f64,
    /// The best F1 over all thresholds.
    pub best_f1: f64,
    /// The threshold reaching it (predict positive when score ≥ threshold).
    pub best_threshold: f64,
}

/// Precision, recall and F1 of a yes/no prediction.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Confusion {
    /// Precision.
    pub precision: f64,
    /// Recall.
    pub recall: f64,
    /// F1.
    pub f1: f64,
}

impl Confusion {
    /// From (prediction, truth) pairs.
    pub fn from_predictions(pairs: impl IntoIterator<Item = (bool, bool)>) -> Self {
        let (mut tp, mut fp, mut fn_) = (0.0, 0.0, 0.0);
        for (predicted, truth) in pairs {
            match (predicted, truth) {
                (true, true) => tp += 1.0,
                (true, false) => fp += 1.0,
                (false, true) => fn_ += 1.0,
                (false, false) => {}
            }
        }
        let precision = if tp + fp > 0.0 { tp / (tp + fp) } else { 0.0 };
        let recall = if tp + fn_ > 0.0 { tp / (tp + fn_) } else { 0.0 };
        let f1 = if precision + recall > 0.0 {
            2.0 * precision * recall / (precision + recall)
        } else {
            0.0
        };
        Confusion {
            precision,
            recall,
            f1,
        }
    }
}

/// ROC AUC (ties count half), average precision and best F1 of `scores` against `labels`.
pub fn separation(scored: &[(f64, bool)]) -> Separation {
    let mut sorted: Vec<(f64, bool)> = scored.to_vec();
    sorted.sort_by(|a, b| b.0.total_cmp(&a.0));
    let positives = sorted.iter().filter(|s| s.1).count() as f64;
    let negatives = sorted.len() as f64 - positives;
    let (mut tp, mut fp) = (0.0, 0.0);
    let (mut auc, mut ap) = (0.0, 0.0);
    let mut best = (0.0, f64::INFINITY);
    let mut i = 0;
    while i < sorted.len() {
        // Take every pair with the same score at once: a threshold cannot split them.
        let score = sorted[i].0;
        let (mut tie_tp, mut tie_fp) = (0.0, 0.0);
        while i < sorted.len() && sorted[i].0 == score {
            if sorted[i].1 {
                tie_tp += 1.0
            } else {
                tie_fp += 1.0
            }
            i += 1;
        }
        auc += tie_fp * (tp + tie_tp / 2.0);
        tp += tie_tp;
        fp += tie_fp;
        if positives > 0.0 {
            ap += tie_tp / positives * (tp / (tp + fp));
            let f1 = 2.0 * tp / (tp + fp + positives);
            if f1 > best.0 {
                best = (f1, score);
            }
        }
    }
    let roc_auc = if positives > 0.0 && negatives > 0.0 {
        auc / (positives * negatives)
    } else {
        f64::NAN
    };
    Separation {
        roc_auc,
        average_precision: ap,
        best_f1: best.0,
        best_threshold: best.1,
    }
}

/// The result for one metric under one reading.
#[derive(Debug, Clone, Serialize)]
pub struct MetricReport {
    /// The metric.
    pub metric: Metric,
    /// How well it ranks.
    #[serde(flatten)]
    pub separation: Separation,
    /// F1 at the threshold chosen on the reference file, when one was given.
    pub at_reference: Option<AtThreshold>,
}

/// Quality at a fixed threshold.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct AtThreshold {
    /// The threshold, chosen elsewhere.
    pub threshold: f64,
    /// Quality at it.
    #[serde(flatten)]
    pub confusion: Confusion,
}

/// The result under one reading of the labels.
#[derive(Debug, Clone, Serialize)]
pub struct ReadingReport {
    /// The reading.
    pub reading: Reading,
    /// Pairs counted under it.
    pub pairs: usize,
    /// Of which positive.
    pub positives: usize,
    /// Each metric.
    pub metrics: Vec<MetricReport>,
    /// The verdicts read as "same story" (`rewrite` or closer) versus not.
    pub verdicts: Confusion,
}

/// A whole evaluation.
#[derive(Debug, Clone, Serialize)]
pub struct EvalReport {
    /// Pairs read.
    pub pairs: usize,
    /// Per reading.
    pub readings: Vec<ReadingReport>,
}

/// Every metric's score for every pair, with term weights refined by the file's titles.
pub struct ScoredPairs {
    pairs: Vec<LabeledPair>,
    scores: Vec<BTreeMap<Metric, f64>>,
    /// The combined score's inputs per pair, for fitting.
    inputs: Vec<[f64; COMBINED_INPUTS]>,
    same_story: Vec<bool>,
}

impl ScoredPairs {
    /// Analyze and score every pair with `comparer`'s configuration.
    pub fn new(comparer: &Comparer, pairs: Vec<LabeledPair>) -> Self {
        let mut idf = (**comparer.analyzer().idf()).clone();
        let mut seen = std::collections::HashSet::new();
        for pair in &pairs {
            for text in [&pair.left, &pair.right] {
                if seen.insert(text.as_str()) {
                    let (language, terms) = comparer.analyzer().distinct_terms(text);
                    idf.add_document(language, terms);
                }
            }
        }
        let analyzer = comparer.analyzer().with_idf(Arc::new(idf));
        let mut scores = Vec::with_capacity(pairs.len());
        let mut inputs = Vec::with_capacity(pairs.len());
        let mut same_story = Vec::with_capacity(pairs.len());
        for pair in &pairs {
            let (a, b): (Title, Title) =
                (analyzer.analyze(&pair.left), analyzer.analyze(&pair.right));
            let mut row: BTreeMap<Metric, f64> = Metric::ALL
                .iter()
                .map(|&m| (m, similarity(m, &a, &b)))
                .collect();
            let (verdict, combined) = comparer.verdict(&a, &b);
            row.insert(Metric::Combined, combined);
            scores.push(row);
            inputs.push(CombinedWeights::inputs(&a.features, &b.features));
            same_story.push(verdict.is_same_story());
        }
        Self {
            pairs,
            scores,
            inputs,
            same_story,
        }
    }

    /// (score, label) for `metric` under `reading`.
    fn column(&self, metric: Metric, reading: Reading) -> Vec<(f64, bool)> {
        self.pairs
            .iter()
            .zip(&self.scores)
            .filter_map(|(p, s)| reading.label(p).map(|l| (s[&metric], l)))
            .collect()
    }

    /// The best-F1 threshold of each metric under `reading`.
    pub fn best_thresholds(&self, reading: Reading) -> BTreeMap<Metric, f64> {
        Metric::ALL
            .iter()
            .map(|&m| (m, separation(&self.column(m, reading)).best_threshold))
            .collect()
    }

    /// Evaluate, with thresholds chosen on another file when given (per reading).
    pub fn report(&self, reference: Option<&ScoredPairs>) -> EvalReport {
        let readings = [Reading::Label, Reading::Strict]
            .into_iter()
            .filter(|r| *r == Reading::Label || self.pairs.iter().any(|p| p.score.is_some()))
            .map(|reading| {
                let thresholds = reference.map(|r| r.best_thresholds(reading));
                let metrics = Metric::ALL
                    .iter()
                    .map(|&metric| {
                        let column = self.column(metric, reading);
                        let at_reference = thresholds.as_ref().map(|t| {
                            let threshold = t[&metric];
                            let confusion = Confusion::from_predictions(
                                column.iter().map(|(s, l)| (*s >= threshold, *l)),
                            );
                            AtThreshold {
                                threshold,
                                confusion,
                            }
                        });
                        MetricReport {
                            metric,
                            separation: separation(&column),
                            at_reference,
                        }
                    })
                    .collect();
                let verdicts = Confusion::from_predictions(
                    self.pairs
                        .iter()
                        .zip(&self.same_story)
                        .filter_map(|(p, s)| reading.label(p).map(|l| (*s, l))),
                );
                let counted: Vec<bool> =
                    self.pairs.iter().filter_map(|p| reading.label(p)).collect();
                ReadingReport {
                    reading,
                    pairs: counted.len(),
                    positives: counted.iter().filter(|l| **l).count(),
                    metrics,
                    verdicts,
                }
            })
            .collect();
        EvalReport {
            pairs: self.pairs.len(),
            readings,
        }
    }

    /// Fit the combined score's coefficients by L2-regularized logistic regression on the
    /// `label` reading (Newton's method on the inputs of [`CombinedWeights::INPUT_NAMES`]).
    pub fn fit_weights(&self) -> CombinedWeights {
        const L2: f64 = 0.01;
        let rows: Vec<([f64; N], f64)> = self
            .pairs
            .iter()
            .zip(&self.inputs)
            .map(|(p, inputs)| {
                let mut x = [1.0; N];
                x[1..].copy_from_slice(inputs);
                (x, if p.label { 1.0 } else { 0.0 })
            })
            .collect();
        let mut w = [0.0f64; N];
        for _ in 0..50 {
            let mut gradient = [0.0; N];
            let mut hessian = [[0.0; N]; N];
            for (x, y) in &rows {
                let z: f64 = x.iter().zip(&w).map(|(a, b)| a * b).sum();
                let p = 1.0 / (1.0 + (-z).exp());
                for i in 0..N {
                    gradient[i] += (p - y) * x[i];
                    for j in 0..N {
                        hessian[i][j] += p * (1.0 - p) * x[i] * x[j];
                    }
                }
            }
            for i in 1..N {
                gradient[i] += L2 * w[i];
                hessian[i][i] += L2;
            }
            let Some(step) = solve(hessian, gradient) else {
                break;
            };
            for i in 0..N {
                w[i] -= step[i];
            }
            if step.iter().map(|s| s.abs()).sum::<f64>() < 1e-9 {
                break;
            }
        }
        let mut coefficients = [0.0; COMBINED_INPUTS];
        coefficients.copy_from_slice(&w[1..]);
        CombinedWeights::from_coefficients(w[0], coefficients)
    }
}

/// Unknowns of the fit: the intercept and one coefficient per input.
const N: usize = COMBINED_INPUTS + 1;

/// Solve `a x = b` by Gaussian elimination with partial pivoting; `None` when singular.
fn solve(mut a: [[f64; N]; N], mut b: [f64; N]) -> Option<[f64; N]> {
    for col in 0..N {
        let pivot = (col..N).max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs()))?;
        if a[pivot][col].abs() < 1e-12 {
            return None;
        }
        a.swap(col, pivot);
        b.swap(col, pivot);
        for row in col + 1..N {
            let factor = a[row][col] / a[col][col];
            let pivot_row = a[col];
            for (cell, pivot_cell) in a[row].iter_mut().zip(pivot_row).skip(col) {
                *cell -= factor * pivot_cell;
            }
            b[row] -= factor * b[col];
        }
    }
    let mut x = [0.0; N];
    for row in (0..N).rev() {
        let tail: f64 = (row + 1..N).map(|k| a[row][k] * x[k]).sum();
        x[row] = (b[row] - tail) / a[row][row];
    }
    Some(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separation_of_a_perfect_and_a_useless_score() {
        let perfect = separation(&[(0.9, true), (0.8, true), (0.2, false), (0.1, false)]);
        assert_eq!(perfect.roc_auc, 1.0);
        assert_eq!(perfect.average_precision, 1.0);
        assert_eq!(perfect.best_f1, 1.0);
        assert_eq!(perfect.best_threshold, 0.8);
        let useless = separation(&[(0.5, true), (0.5, false), (0.5, true), (0.5, false)]);
        assert_eq!(useless.roc_auc, 0.5);
    }

    #[test]
    fn auc_counts_inversions() {
        // One negative above one of two positives: 1 of 4 orderings wrong.
        let s = separation(&[(0.9, true), (0.7, false), (0.5, true), (0.1, false)]);
        assert!((s.roc_auc - 0.75).abs() < 1e-12);
    }

    #[test]
    fn confusion_counts() {
        let c = Confusion::from_predictions([
            (true, true),
            (true, false),
            (false, true),
            (false, false),
        ]);
        assert_eq!((c.precision, c.recall, c.f1), (0.5, 0.5, 0.5));
    }

    #[test]
    fn reads_tsv_and_names_bad_lines() {
        let good = "label\tscore\ta\tb\n1\t4.4\tX set to vote\tX to vote\n0\t0.2\tA\tB\n";
        let pairs = read_labeled_pairs("t.tsv", good.as_bytes()).unwrap();
        assert_eq!(pairs.len(), 2);
        assert_eq!(pairs[0].line, 2);
        assert_eq!(Reading::Strict.label(&pairs[1]), Some(false));
        let bad = "label\tscore\ta\tb\n1\t4.4\tX\tY\nyes\t1\tA\tB\n";
        let err = read_labeled_pairs("t.tsv", bad.as_bytes())
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("t.tsv:3:"), "{err}");
        let err = read_labeled_pairs("t.tsv", "x\ty\n".as_bytes())
            .unwrap_err()
            .to_string();
        assert!(err.contains("header"), "{err}");
        assert!(read_labeled_pairs("t.tsv", "".as_bytes()).is_err());
        let short = "label\ta\tb\n1\tonly one\n";
        assert!(
            read_labeled_pairs("t.tsv", short.as_bytes())
                .unwrap_err()
                .to_string()
                .contains("missing column")
        );
    }

    /// From issue 12: MRPC-style files carry the label only, with the score cell empty.
    #[test]
    fn an_empty_score_cell_is_a_label_only_pair() {
        let mrpc = "label\tscore\ta\tb\n1\t\tX set to vote\tX to vote\n0\t \tA\tB\n";
        let pairs = read_labeled_pairs("m.tsv", mrpc.as_bytes()).unwrap();
        assert_eq!(
            pairs.iter().map(|p| (p.label, p.score)).collect::<Vec<_>>(),
            [(true, None), (false, None)]
        );
        assert_eq!(Reading::Label.label(&pairs[0]), Some(true));
        assert_eq!(Reading::Strict.label(&pairs[0]), None);
        let nan = "label\tscore\ta\tb\n1\tNaN\tX\tY\n";
        let err = read_labeled_pairs("n.tsv", nan.as_bytes())
            .unwrap_err()
            .to_string();
        assert_eq!(err, "n.tsv:2: score `NaN` is not a number");
    }

    #[test]
    fn reads_csv_by_its_extension_and_strips_a_bom() {
        let csv = "\u{feff}label,a,b\n1,\"Fire, in Rome\",Fire in Rome\n";
        let pairs = read_labeled_pairs("p.csv", csv.as_bytes()).unwrap();
        assert_eq!(pairs[0].left, "Fire, in Rome");
        let err = read_labeled_pairs("e.tsv", "".as_bytes())
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("e.tsv: the input is empty"), "{err}");
    }

    #[test]
    fn solve_a_small_system() {
        let mut a = [[0.0; N]; N];
        let mut b = [0.0; N];
        for (i, row) in a.iter_mut().enumerate() {
            row[i] = (i + 1) as f64;
            b[i] = (i + 1) as f64;
        }
        let x = solve(a, b).unwrap();
        assert!(x.iter().all(|v| (v - 1.0).abs() < 1e-12));
    }
}
