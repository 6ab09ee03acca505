//! The invariants the fuzz targets check, one function per target family. Each panics (which
//! libFuzzer reports as a crash) when an invariant breaks.

use std::io::{Cursor, Read, Write};

use neardup::diff::{DiffOp, diff};
use neardup::normalize::{NormalizeOptions, normalize};
use neardup::read::{
    InputFormat, ReadOptions, RecordError, TitleRecord, read_pairs, read_rows, read_titles,
};

/// Small limits, so that the long-line paths are reached by short inputs too.
fn options(format: Option<InputFormat>, max_line_bytes: usize, skip_invalid: bool) -> ReadOptions {
    ReadOptions {
        format,
        max_line_bytes,
        skip_invalid,
        ..ReadOptions::default()
    }
}

/// An error names a line the input has, or (only when it ends the input) the input as a whole.
fn check_error(error: &RecordError, lines: u64) {
    let line = error.location.line;
    assert!(line <= lines, "{error}: the input has {lines} lines");
    assert!(
        line >= 1 || error.ends_input(),
        "{error}: line 0 on a record error"
    );
    assert!(
        !error.message.is_empty(),
        "an error without a message at {line}"
    );
}

/// How many lines the text the readers see has: the input's, or (when it starts with the
/// gzip magic, which every reader decompresses first) those of what it decompresses to, up
/// to where the stream breaks. Counting the compressed bytes' newlines instead took an error
/// on line 2 of the text for a crash (`read_lines`, fixed in the harness).
fn text_lines(data: &[u8]) -> u64 {
    let count = |bytes: &[u8]| 1 + bytes.iter().filter(|&&b| b == b'\n').count() as u64;
    if !data.starts_with(&[0x1f, 0x8b]) {
        return count(data);
    }
    let mut text = Vec::new();
    // `read_to_end` keeps what it read before an error, as the readers do.
    let _ = flate2::read::MultiGzDecoder::new(data).read_to_end(&mut text);
    count(&text)
}

/// Read `data` as titles, as pairs and as a table, with a small and the default line limit,
/// and with skipping: no panic, every error on a real line, every title non-empty, and
/// skipping drops exactly the errors that do not end the input, counted.
pub fn read_everything(data: &[u8], format: Option<InputFormat>) {
    let lines = text_lines(data);
    for max in [64, 1 << 20] {
        let options = options(format, max, false);
        let mut records = read_titles("f", Cursor::new(data), &options);
        let titles: Vec<_> = records.by_ref().collect();
        assert_eq!(records.skipped(), 0, "skipped without --skip-invalid");
        for record in &titles {
            match record {
                Ok(title) => {
                    assert!(title.location.line >= 1 && title.location.line <= lines);
                    assert!(
                        !title.title.trim().is_empty(),
                        "an empty title at {}",
                        title.location
                    );
                    // No --time-field is set, so only a feed's dates give times.
                    assert!(
                        title.time.is_none() || title.published.is_some(),
                        "a time without the date it was read from at {}",
                        title.location
                    );
                }
                Err(e) => check_error(e, lines),
            }
        }
        if max == 64 {
            check_skipping(data, format, &titles);
        }
        for pair in read_pairs("f", Cursor::new(data), &options) {
            match pair {
                Ok(pair) => assert!(pair.location.line >= 1 && pair.location.line <= lines),
                Err(e) => check_error(&e, lines),
            }
        }
    }
    if matches!(format, Some(InputFormat::Csv | InputFormat::Tsv)) {
        match read_rows("f", Cursor::new(data), &options(format, 64, false)) {
            Ok((_, rows)) => {
                for row in rows {
                    if let Err(e) = row {
                        check_error(&e, lines);
                    }
                }
            }
            Err(e) => check_error(&e, lines),
        }
    }
}

/// With skipping, the same input yields the records of `unskipped` (read without skipping,
/// line limit 64) minus the errors that do not end the input, and counts those. The readers
/// never see the setting (the record stream applies it), so one more read of the titles
/// covers it; reading pairs with it too would run the same reader code a third time.
fn check_skipping(
    data: &[u8],
    format: Option<InputFormat>,
    unskipped: &[Result<TitleRecord, RecordError>],
) {
    let mut records = read_titles("f", Cursor::new(data), &options(format, 64, true));
    let kept: Vec<_> = records.by_ref().collect();
    let expected: Vec<_> = unskipped
        .iter()
        .filter(|r| !matches!(r, Err(e) if !e.ends_input()))
        .cloned()
        .collect();
    assert_eq!(kept, expected, "skipping changed more than the bad records");
    assert_eq!(
        records.skipped(),
        (unskipped.len() - expected.len()) as u64,
        "skipped records not counted"
    );
}

/// Gzip: the first byte picks where the compressed stream is cut (0 = not at all).
pub fn read_gzip(data: &[u8]) {
    let Some((&cut, body)) = data.split_first() else {
        return;
    };
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(body).expect("writing to memory");
    let mut compressed = encoder.finish().expect("writing to memory");
    if cut > 0 {
        compressed.truncate(compressed.len() * usize::from(cut) / 256);
    }
    read_compressed(&compressed);
    // Raw bytes behind the magic: corrupt streams of every kind.
    let mut raw = vec![0x1f, 0x8b];
    raw.extend_from_slice(body);
    read_compressed(&raw);
}

fn read_compressed(bytes: &[u8]) {
    for record in read_titles("f.gz", Cursor::new(bytes), &ReadOptions::default()) {
        if let Err(e) = record {
            assert!(!e.message.is_empty());
        }
    }
}

/// Every byte range of the normalized text maps to a range inside the original, on
/// character boundaries, in order.
pub fn normalize_spans(text: &str) {
    for options in [NormalizeOptions::default(), NormalizeOptions::minimal()] {
        let normalized = normalize(text, &options);
        let n = normalized.as_str().len();
        let mut bounds: Vec<usize> = normalized.as_str().char_indices().map(|(i, _)| i).collect();
        bounds.push(n);
        for (i, &start) in bounds.iter().enumerate() {
            for &end in &bounds[i..bounds.len().min(i + 4)] {
                let range = normalized.original_range(start..end);
                assert!(
                    range.start <= range.end,
                    "{range:?} for {start}..{end} of {text:?}"
                );
                assert!(range.end <= text.len(), "{range:?} outside {text:?}");
                assert!(
                    text.is_char_boundary(range.start) && text.is_char_boundary(range.end),
                    "{range:?} splits a character of {text:?}"
                );
            }
        }
    }
}

/// Every number mention's span is inside the text and holds its text; values are numbers.
pub fn numbers(text: &str) {
    for mention in neardup::numbers::extract_numbers(text) {
        let span = mention.span.clone();
        assert!(
            span.start < span.end && span.end <= text.len(),
            "{span:?} of {text:?}"
        );
        assert_eq!(
            text.get(span.clone()),
            Some(mention.text.as_str()),
            "{text:?}"
        );
        assert!(mention.value.is_finite(), "{mention:?}");
        assert!(mention.second.is_none_or(f64::is_finite), "{mention:?}");
    }
}

/// Two titles from one input: split at the first tab, both valid UTF-8.
pub fn two_titles(data: &[u8]) -> Option<(&str, &str)> {
    let text = std::str::from_utf8(data).ok()?;
    text.split_once('\t')
}

/// The default comparer, built once: loading its term weights is the slow part.
fn comparer() -> &'static neardup::Comparer {
    static COMPARER: std::sync::OnceLock<neardup::Comparer> = std::sync::OnceLock::new();
    COMPARER.get_or_init(neardup::Comparer::default)
}

/// The diff's runs rebuild the part of each title that its normalized text covers.
pub fn diff_rebuilds(left: &str, right: &str) {
    let analyzer = comparer().analyzer();
    let (a, b) = (analyzer.analyze(left), analyzer.analyze(right));
    let word_diff = diff(&a, &b);
    let (mut old, mut new) = (String::new(), String::new());
    for op in &word_diff.ops {
        match op {
            DiffOp::Equal { left, right } => {
                old.push_str(left);
                new.push_str(right);
            }
            DiffOp::Delete { left } => old.push_str(left),
            DiffOp::Insert { right } => new.push_str(right),
        }
    }
    for (title, rebuilt) in [(&a, &old), (&b, &new)] {
        let n = title.normalized.as_str().len();
        let covered = if n == 0 {
            ""
        } else {
            let range = title.normalized.original_range(0..n);
            &title.original[range]
        };
        assert_eq!(rebuilt, covered, "the diff of {left:?} / {right:?}");
    }
}

/// Every score in 0..=1, the combined score the same both ways round, a title identical to
/// itself.
pub fn scores_in_range_and_symmetric(left: &str, right: &str) {
    let forward = neardup::compare(left, right);
    let backward = neardup::compare(right, left);
    for (metric, score) in &forward.scores {
        assert!(
            (0.0..=1.0).contains(score),
            "{metric:?} = {score} for {left:?} / {right:?}"
        );
        let other = backward.scores[metric];
        assert!(
            (score - other).abs() < 1e-9,
            "{metric:?}: {score} one way, {other} the other"
        );
    }
    assert_eq!(forward.verdict, backward.verdict, "{left:?} / {right:?}");
    let same = neardup::similarity(left, left);
    assert!((0.0..=1.0).contains(&same));
}
