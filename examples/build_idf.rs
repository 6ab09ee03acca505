//! Rebuild the English background IDF table from a file of headlines, one per line.
//!
//! `cargo run --release --example build_idf -- headlines.txt > src/idf/english.tsv`
//!
//! Each distinct line counts once; stems found in fewer than three headlines are left out.
#![allow(
    clippy::print_stdout,
    reason = "an example that writes its table to stdout"
)]

use std::collections::{BTreeMap, HashSet};
use std::io::BufRead;
use std::sync::Arc;

use neardup::features::{Analyzer, Language};
use neardup::idf::IdfModel;
use neardup::normalize::NormalizeOptions;

fn main() -> std::io::Result<()> {
    let path = std::env::args().nth(1).unwrap_or_else(|| "-".into());
    let reader: Box<dyn BufRead> = if path == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        Box::new(std::io::BufReader::new(std::fs::File::open(&path)?))
    };
    let analyzer = Analyzer::new(
        NormalizeOptions::default(),
        Language::English,
        Arc::new(IdfModel::empty()),
    );
    let mut seen = HashSet::new();
    let mut counts: BTreeMap<String, u32> = BTreeMap::new();
    for line in reader.lines() {
        let line = line?;
        if line.trim().is_empty() || !seen.insert(line.clone()) {
            continue;
        }
        let title = analyzer.analyze(&line);
        let stems: HashSet<&str> = title
            .words
            .iter()
            .filter(|w| !w.stop)
            .map(|w| w.stem.as_str())
            .collect();
        for stem in stems {
            *counts.entry(stem.to_owned()).or_insert(0) += 1;
        }
    }
    println!("#documents\t{}", seen.len());
    for (stem, count) in counts.iter().filter(|&(_, &c)| c >= 3) {
        println!("{stem}\t{count}");
    }
    Ok(())
}
