//! How many titles of a file (one per line) the analyzer reads in each language, and how it
//! decided (the figures of `docs/design.md`, "Language"):
//! `cargo run --release --example language_counts -- [auto|LANGUAGE] < titles.txt`.

use std::collections::BTreeMap;
use std::io::{BufRead, Write};
use std::sync::Arc;

use neardup::features::{Analyzer, LanguageChoice};
use neardup::idf::IdfModel;

fn main() -> anyhow::Result<()> {
    let choice: LanguageChoice = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "auto".to_owned())
        .parse()
        .map_err(anyhow::Error::msg)?;
    let analyzer = Analyzer::new(Default::default(), choice, Arc::new(IdfModel::english()));
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    let mut titles = 0;
    for line in std::io::stdin().lock().lines() {
        let features = analyzer.features_of(&line?);
        let key = format!("{}\t{:?}", features.language, features.language_source);
        *counts.entry(key).or_default() += 1;
        titles += 1;
    }
    let mut out = std::io::stdout().lock();
    for (key, count) in counts {
        writeln!(out, "{count}\t{key}")?;
    }
    writeln!(out, "{titles}\ttitles")?;
    Ok(())
}
