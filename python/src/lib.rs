//! `neardup._native`: the neardup library for Python.
//!
//! This crate only converts types. Every result is one of the library's own serde types
//! turned into dicts and lists by `pythonize`, every error is the library's message as a
//! [`NeardupError`], and batch calls release the GIL while the library works. The Python
//! package (`python/neardup/`) re-exports these with type stubs; the Spark job calls
//! `Stages` (the per-title and per-pair steps) on its workers.

use std::collections::HashMap;
use std::sync::Arc;

use neardup::audit::{AuditPolicy, AuditedPair, Lexicon, PairAuditor};
use neardup::distributed::{self, BatchStatistics, Boilerplate, ComponentPair, Keyed, Stages};
use neardup::features::{Features, Language, LanguageChoice};
use neardup::normalize::NormalizeOptions;
use neardup::read::{Location, PairRecord};
use neardup::scan::{Batch, ScanOptions, TopicOptions};
use neardup::{Comparer, Thresholds, Verdict};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use pythonize::pythonize;
use rayon::prelude::*;
use serde::Serialize;
use serde::de::IntoDeserializer;

pyo3::create_exception!(
    _native,
    NeardupError,
    PyValueError,
    "An option or input the neardup library refuses; the message says what to change."
);

/// The library's error as a Python exception, with the library's message.
fn refused(error: impl std::fmt::Display) -> PyErr {
    NeardupError::new_err(error.to_string())
}

/// A serde value as plain Python objects.
fn plain<'py, T: Serialize>(py: Python<'py>, value: &T) -> PyResult<Bound<'py, PyAny>> {
    pythonize(py, value).map_err(PyErr::from)
}

/// A kebab-case name of one of the library's enums (`"english"`, `"near-duplicate"`), read
/// with the library's own serde names.
fn named<T: serde::de::DeserializeOwned>(what: &str, name: &str) -> PyResult<T> {
    let deserializer: serde::de::value::StrDeserializer<'_, serde::de::value::Error> =
        name.into_deserializer();
    T::deserialize(deserializer).map_err(|error| refused(format!("{what}: {error}")))
}

/// Compares, scans and audits titles with one frozen configuration.
#[pyclass(frozen, module = "neardup._native", name = "Comparer")]
struct PyComparer {
    comparer: Arc<Comparer>,
    /// Owns a second comparer of the same configuration (the auditor takes one by value).
    auditor: PairAuditor,
}

impl PyComparer {
    fn comparer(&self) -> &Comparer {
        &self.comparer
    }
}

#[pymethods]
impl PyComparer {
    /// A comparer with the library's defaults, or with other verdict thresholds (similarities
    /// in 0.0–1.0), reading titles in `language` (`"auto"`: detected per title, as the CLI's
    /// default; or one of `"english"`, `"german"`, …, `"none"`), the headline
    /// normalization (`normalize=False`: Unicode NFKC and spacing only) and extra `outlets`
    /// to strip from title ends. Raises `NeardupError` for a threshold the library refuses.
    #[new]
    #[pyo3(signature = (*, rewrite=None, related=None, near_duplicate=None, language="auto", normalize=true, outlets=Vec::new()))]
    fn new(
        rewrite: Option<f64>,
        related: Option<f64>,
        near_duplicate: Option<f64>,
        language: &str,
        normalize: bool,
        outlets: Vec<String>,
    ) -> PyResult<Self> {
        let defaults = Thresholds::default();
        let thresholds = Thresholds {
            rewrite: rewrite.unwrap_or(defaults.rewrite),
            related: related.unwrap_or(defaults.related),
            near_duplicate: near_duplicate.unwrap_or(defaults.near_duplicate),
        };
        let mut normalization = if normalize {
            NormalizeOptions::default()
        } else {
            NormalizeOptions::minimal()
        };
        normalization.outlets = outlets;
        let mut builder = Comparer::builder();
        builder
            .thresholds(thresholds)
            .language(named::<LanguageChoice>("language", language)?)
            .normalize(normalization);
        let comparer = builder.build().map_err(refused)?;
        let auditor = PairAuditor::new(
            builder.build().map_err(refused)?,
            Lexicon::default(),
            AuditPolicy::default(),
        );
        Ok(Self {
            comparer: Arc::new(comparer),
            auditor,
        })
    }

    /// The verdict thresholds in force, as a dict.
    #[getter]
    fn thresholds<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        plain(py, self.comparer().thresholds())
    }

    /// Compare two titles: every metric's score, the combined score, the verdict, the
    /// reasons and the word diff, as a dict (see `Comparison` in the stubs).
    fn compare<'py>(
        &self,
        py: Python<'py>,
        left: &str,
        right: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        plain(py, &self.comparer().compare(left, right))
    }

    /// The combined similarity of two titles, in 0.0–1.0 (two empty titles: 1.0).
    fn similarity(&self, left: &str, right: &str) -> f64 {
        let analyzer = self.comparer().analyzer();
        let (left, right) = (analyzer.features_of(left), analyzer.features_of(right));
        self.comparer().weights().score(&left, &right)
    }

    /// `compare` for many `(left, right)` pairs, in parallel with the GIL released.
    fn compare_many<'py>(
        &self,
        py: Python<'py>,
        pairs: Vec<(String, String)>,
    ) -> PyResult<Vec<Bound<'py, PyAny>>> {
        let comparer = self.comparer();
        let results: Vec<_> = py.detach(|| {
            pairs
                .par_iter()
                .map(|(left, right)| comparer.compare(left, right))
                .collect()
        });
        results.iter().map(|r| plain(py, r)).collect()
    }

    /// `similarity` for many `(left, right)` pairs, in parallel with the GIL released.
    fn similarity_many(&self, py: Python<'_>, pairs: Vec<(String, String)>) -> Vec<f64> {
        let comparer = self.comparer();
        let analyzer = comparer.analyzer();
        py.detach(|| {
            pairs
                .par_iter()
                .map(|(left, right)| {
                    let (left, right) = (analyzer.features_of(left), analyzer.features_of(right));
                    comparer.weights().score(&left, &right)
                })
                .collect()
        })
    }

    /// Scan a batch of titles as `neardup scan` does: every group of records telling one
    /// story, with the counts. Records are located at `source` line 1, 2, …; `against` is an
    /// already published corpus (only findings involving a new title are reported).
    /// `related=True` also lists related pairs across groups, `topics=True` gathers stories
    /// into topics. The GIL is released while the library scans.
    #[pyo3(signature = (titles, *, against=Vec::new(), source="titles", candidate_threshold=None, related=false, topics=false, exhaustive=false))]
    #[allow(
        clippy::too_many_arguments,
        reason = "the keyword arguments of a Python method"
    )]
    fn scan<'py>(
        &self,
        py: Python<'py>,
        titles: Vec<String>,
        against: Vec<String>,
        source: &str,
        candidate_threshold: Option<f64>,
        related: bool,
        topics: bool,
        exhaustive: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        let options = ScanOptions {
            candidate_threshold: checked_threshold(candidate_threshold)?,
            exhaustive,
            keep_related: related,
            topics: topics.then(TopicOptions::default),
            ..ScanOptions::default()
        };
        let comparer = self.comparer();
        let report = py.detach(|| {
            let mut batch = Batch::new();
            let published: Arc<str> = Arc::from(format!("{source} (against)"));
            for (line, title) in against.iter().enumerate() {
                batch.push(
                    Location::new(published.clone(), line as u64 + 1),
                    title,
                    true,
                );
            }
            let source: Arc<str> = Arc::from(source);
            for (line, title) in titles.iter().enumerate() {
                batch.push(Location::new(source.clone(), line as u64 + 1), title, false);
            }
            neardup::scan::scan(batch, comparer, &options, &|_| {})
        });
        plain(py, &report)
    }

    /// Audit a rewrite against its original as `neardup pairs` does: the comparison and the
    /// findings (rule, severity, message, byte spans), as a dict.
    #[pyo3(signature = (original, rewrite, teaser=None))]
    fn audit<'py>(
        &self,
        py: Python<'py>,
        original: String,
        rewrite: String,
        teaser: Option<String>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let audited = self
            .auditor
            .audit(pair_record(1, original, rewrite, teaser));
        audited_dict(py, &audited)
    }

    /// `audit` for many `(original, rewrite)` pairs, in parallel with the GIL released.
    fn audit_many<'py>(
        &self,
        py: Python<'py>,
        pairs: Vec<(String, String)>,
    ) -> PyResult<Vec<Bound<'py, PyAny>>> {
        let auditor = &self.auditor;
        let audited: Vec<AuditedPair> = py.detach(|| {
            pairs
                .into_par_iter()
                .enumerate()
                .map(|(i, (original, rewrite))| {
                    auditor.audit(pair_record(i as u64 + 1, original, rewrite, None))
                })
                .collect()
        });
        audited.iter().map(|a| audited_dict(py, a)).collect()
    }

    /// The key that collapses normalized-identical titles (equal keys: one title to the scan).
    fn collapse_key(&self, text: &str) -> u64 {
        distributed::collapse_key(self.comparer().analyzer(), text)
    }

    /// The `(source, segment)` keys of a title that a batch counts to learn its boilerplate.
    fn segment_keys(&self, text: &str) -> Vec<(u64, u64)> {
        distributed::segment_keys(self.comparer().analyzer(), text)
    }
}

/// The candidate threshold given, or the scan's default; refused outside `0.0..=1.0` (with
/// the library's message) or at 0, where the prefix filter would keep every pair.
fn checked_threshold(given: Option<f64>) -> PyResult<f64> {
    let value = given.unwrap_or(ScanOptions::default().candidate_threshold);
    if value > 0.0 && value <= 1.0 {
        Ok(value)
    } else if value == 0.0 {
        // Inside 0.0–1.0, so the library's out-of-range message would contradict itself.
        Err(refused(format!(
            "threshold `candidate_threshold` is 0, which would make every pair a candidate; \
             give a similarity above 0 such as {}",
            ScanOptions::default().candidate_threshold
        )))
    } else {
        Err(refused(neardup::Error::ThresholdOutOfRange {
            name: "candidate_threshold",
            value,
        }))
    }
}

fn pair_record(line: u64, original: String, rewrite: String, teaser: Option<String>) -> PairRecord {
    let location = Location::new("pairs", line);
    PairRecord {
        location: location.clone(),
        original,
        rewrite,
        teaser,
        original_location: location.clone(),
        rewrite_location: location,
    }
}

/// An audited pair as a dict: the library's comparison and findings, and the pair itself.
fn audited_dict<'py>(py: Python<'py>, audited: &AuditedPair) -> PyResult<Bound<'py, PyAny>> {
    let dict = PyDict::new(py);
    dict.set_item("original", &audited.original)?;
    dict.set_item("rewrite", &audited.rewrite)?;
    dict.set_item("teaser", &audited.teaser)?;
    dict.set_item("comparison", plain(py, &audited.comparison)?)?;
    dict.set_item("findings", plain(py, &audited.findings)?)?;
    dict.set_item("max_severity", audited.max_severity().map(|s| s.name()))?;
    Ok(dict.into_any())
}

/// The Spark job's per-title and per-pair steps (see `neardup::distributed`).
#[pyclass(frozen, module = "neardup._native", name = "Stages")]
struct PyStages {
    stages: Stages,
}

#[pymethods]
impl PyStages {
    /// The steps for a batch whose distinct titles number `documents[language]` per
    /// language and hold each stem `frequencies[(language, stem id)]` times (stage 1's
    /// counts, language names as `title_terms` gives them), scored by `comparer`.
    #[new]
    #[pyo3(signature = (comparer, documents, frequencies, boilerplate, *, candidate_threshold=None))]
    fn new(
        comparer: &PyComparer,
        documents: HashMap<String, u64>,
        frequencies: HashMap<(String, u64), u32>,
        boilerplate: Vec<(u64, u64)>,
        candidate_threshold: Option<f64>,
    ) -> PyResult<Self> {
        let options = ScanOptions {
            candidate_threshold: checked_threshold(candidate_threshold)?,
            ..ScanOptions::default()
        };
        let mut languages: HashMap<String, Language> = HashMap::new();
        let mut language = |name: String| -> PyResult<Language> {
            if let Some(&known) = languages.get(&name) {
                return Ok(known);
            }
            let parsed = named::<Language>("language", &name)?;
            languages.insert(name, parsed);
            Ok(parsed)
        };
        let statistics = BatchStatistics {
            documents: documents
                .into_iter()
                .map(|(name, count)| Ok((language(name)?, count)))
                .collect::<PyResult<_>>()?,
            frequencies: frequencies
                .into_iter()
                .map(|((name, term), count)| Ok(((language(name)?, term), count)))
                .collect::<PyResult<_>>()?,
            boilerplate: Boilerplate::from_keys(boilerplate),
        };
        Ok(Self {
            stages: Stages::new(&comparer.comparer, &statistics, &options),
        })
    }

    /// Each title's language (its name) and distinct content-stem ids without the
    /// boilerplate: one document each of the batch's counts. The GIL is released.
    fn title_terms(&self, py: Python<'_>, texts: Vec<String>) -> Vec<(&'static str, Vec<u64>)> {
        let stages = &self.stages;
        py.detach(|| {
            texts
                .par_iter()
                .map(|t| {
                    let (language, terms) = stages.title_terms(t);
                    (language.name(), terms)
                })
                .collect()
        })
    }

    /// Whether a verified pair with this combined score joins two titles' components.
    fn is_edge(&self, score: f64) -> bool {
        self.stages.is_edge(score)
    }

    /// Each title's keys: its prefix stems under the refined weights, rarest first.
    fn keys(&self, py: Python<'_>, texts: Vec<String>) -> Vec<Vec<u64>> {
        let stages = &self.stages;
        py.detach(|| {
            texts
                .par_iter()
                .map(|text| stages.keys(&stages.features(text)))
                .collect()
        })
    }

    /// The candidate pairs of the block of `key`, verified: `block` lists `(title id, text)`
    /// in batch order; returns `(earlier id, later id, (verdict, score) or None)` for each
    /// pair whose first shared key is `key` and whose weighted Dice reaches the candidate
    /// threshold, with its verdict at `rewrite` or closer. The GIL is released.
    fn block_pairs(&self, py: Python<'_>, key: u64, block: Vec<(u64, String)>) -> Vec<BlockPair> {
        let stages = &self.stages;
        py.detach(|| {
            let features: Vec<Features> = block.iter().map(|(_, t)| stages.features(t)).collect();
            let keys: Vec<Vec<u64>> = features.iter().map(|f| stages.keys(f)).collect();
            let keyed: Vec<Keyed<'_>> = features
                .iter()
                .zip(&keys)
                .map(|(features, keys)| Keyed { features, keys })
                .collect();
            stages
                .verified_block_pairs(key, &keyed)
                .into_iter()
                .map(|pair| {
                    let verdict = pair.verdict.map(|(verdict, score)| (verdict.name(), score));
                    (block[pair.left].0, block[pair.right].0, verdict)
                })
                .collect()
        })
    }

    /// The groups of one connected component: `titles` are its distinct titles in batch
    /// order, `pairs` its verified pairs `(left, right, verdict, score)` by index into
    /// `titles`; returns `(center, [(member, verdict, score)])`, groups of one title left
    /// out. The GIL is released.
    fn cluster_component(
        &self,
        py: Python<'_>,
        titles: Vec<String>,
        pairs: Vec<(usize, usize, String, f64)>,
    ) -> PyResult<Vec<Cluster>> {
        let count = titles.len();
        let pairs = pairs
            .into_iter()
            .map(|(left, right, verdict, score)| {
                if left >= count || right >= count {
                    // The library would leave such a pair out without a word.
                    return Err(refused(format!(
                        "pair ({left}, {right}): an index is past the component's {count} titles"
                    )));
                }
                Ok(ComponentPair {
                    left,
                    right,
                    verdict: verdict.parse().map_err(refused)?,
                    score,
                })
            })
            .collect::<PyResult<Vec<_>>>()?;
        let stages = &self.stages;
        Ok(py.detach(|| {
            let titles: Vec<&str> = titles.iter().map(String::as_str).collect();
            stages
                .cluster_component(&titles, &pairs)
                .into_iter()
                .map(|cluster| {
                    let members = cluster
                        .members
                        .into_iter()
                        .map(|(member, verdict, score)| (member, verdict.name(), score))
                        .collect();
                    (cluster.center, members)
                })
                .collect()
        }))
    }
}

/// A verified candidate pair of `Stages.block_pairs`: the two title ids and the verdict.
type BlockPair = (u64, u64, Option<(&'static str, f64)>);

/// A cluster of `Stages.cluster_component`: the center's index and each member's index,
/// verdict and combined score against it.
type Cluster = (usize, Vec<(usize, &'static str, f64)>);

/// The boilerplate keys among `(source, segment)` key counts over a batch's distinct titles
/// (stage 1 of the Spark job).
#[pyfunction]
fn boilerplate_keys(counts: Vec<((u64, u64), u32)>) -> Vec<(u64, u64)> {
    Boilerplate::from_counts(counts).keys().collect()
}

/// The verdict names, from least to most alike.
#[pyfunction]
fn verdicts() -> Vec<&'static str> {
    Verdict::ALL.iter().map(|v| v.name()).collect()
}

#[pymodule]
fn _native(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_class::<PyComparer>()?;
    module.add_class::<PyStages>()?;
    module.add_function(wrap_pyfunction!(verdicts, module)?)?;
    module.add_function(wrap_pyfunction!(boilerplate_keys, module)?)?;
    module.add("NeardupError", module.py().get_type::<NeardupError>())?;
    Ok(())
}
