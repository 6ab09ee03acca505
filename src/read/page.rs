//! The text of a scraped article page whose "You May Also Like" list pairs each original
//! headline with a rewritten title and a teaser (see
//! `fixtures/pages/related-stories-page.txt`):
//!
//! ```text
//! Article headline                     <- first non-blank line: a title
//! … article body …
//! You May Also Like                    <- the marker
//! Original headline                    <- a block: original,
//!
//! Rewritten title                      <-   rewrite,
//!
//! Teaser text that ends with an ellipsis…   <- and an optional teaser
//! Next original headline
//! ```
//!
//! Blank lines do not matter (there may be more or fewer), lines are trimmed (scraped text
//! ends some lines with U+00A0), and a teaser is recognised by its final `…` (or `...`), so a
//! block without a teaser is read too. A block whose rewrite is missing is an error at the
//! original's line, and reading goes on with the next block.

use std::io::BufRead;

use super::lines::{Line, LineReader, io_message, too_long_message};
use super::{BoxIter, Location, PairRecord, ReadOptions, RecordError, TitleRecord, utf8};

const MARKER: &str = "You May Also Like";

/// Whether some line of the text is the "You May Also Like" marker.
pub(super) fn has_marker(bytes: &[u8]) -> bool {
    bytes
        .split(|&b| b == b'\n')
        .any(|line| is_marker(&String::from_utf8_lossy(line)))
}

fn is_marker(line: &str) -> bool {
    line.trim().eq_ignore_ascii_case(MARKER)
}

fn is_teaser(line: &str) -> bool {
    line.ends_with('…') || line.ends_with("...")
}

/// What a page holds, in order.
enum Item {
    Headline(TitleRecord),
    Block(PairRecord),
    Error(RecordError),
}

/// Read the page and split it into its article headline, blocks and errors.
fn parse(loc: &Location, reader: impl BufRead, options: &ReadOptions) -> Vec<Item> {
    let mut items = Vec::new();
    let mut lines = LineReader::new(reader, options.max_line_bytes);
    // Non-blank, trimmed lines with their numbers; unreadable lines become errors in place.
    let mut text: Vec<(u64, String)> = Vec::new();
    let mut errors: Vec<RecordError> = Vec::new();
    while let Some(line) = lines.next_line() {
        let here = loc.at(lines.line());
        match line {
            Err(e) => {
                errors.push(RecordError::fatal(here, io_message(&e)));
                break;
            }
            Ok(Line::TooLong(len)) => errors.push(RecordError::new(
                here,
                too_long_message(Some(len), options.max_line_bytes),
            )),
            Ok(Line::Text) => match utf8(lines.take_bytes()) {
                Ok(s) if s.trim().is_empty() => {}
                Ok(s) => text.push((here.line, s.trim().to_string())),
                Err(m) => errors.push(RecordError::new(here, format!("the line is {m}"))),
            },
        }
    }
    let Some(marker) = text.iter().position(|(_, s)| is_marker(s)) else {
        items.extend(errors.into_iter().map(Item::Error));
        items.push(Item::Error(RecordError::fatal(
            loc.at(1),
            format!(
                "no \"{MARKER}\" line, so this is not a related-stories page; for one title \
                 per line use --input-format lines"
            ),
        )));
        return items;
    };
    if marker > 0 {
        let (line, headline) = &text[0];
        items.push(Item::Headline(TitleRecord::new(
            loc.at(*line),
            headline.clone(),
        )));
    }
    let mut rest = text[marker + 1..].iter().peekable();
    while let Some((line, original)) = rest.next() {
        let here = loc.at(*line);
        if is_teaser(original) {
            items.push(Item::Error(RecordError::new(
                here,
                "a teaser line (it ends with …) with no headline and rewritten title above it; \
                 the block is incomplete",
            )));
            continue;
        }
        let rewrite = match rest.peek() {
            Some((_, next)) if !is_teaser(next) => rest.next(),
            _ => None,
        };
        let Some((rewrite_line, rewrite)) = rewrite else {
            // Consume the teaser of the broken block, if any, so it is not reported again.
            rest.next_if(|(_, next)| is_teaser(next));
            items.push(Item::Error(RecordError::new(
                here,
                format!(
                    "the block starting with {original:?} has no rewritten title after the \
                     original headline; expected: original, rewrite, teaser ending with …"
                ),
            )));
            continue;
        };
        let teaser = rest
            .next_if(|(_, next)| is_teaser(next))
            .map(|(_, t)| t.clone());
        items.push(Item::Block(PairRecord {
            location: here.clone(),
            original: original.clone(),
            rewrite: rewrite.clone(),
            teaser,
            original_location: here,
            rewrite_location: loc.at(*rewrite_line),
        }));
    }
    // Unreadable lines are reported in line order with the records around them.
    let mut merged = Vec::with_capacity(items.len() + errors.len());
    let mut errors = errors.into_iter().peekable();
    for item in items {
        let line = match &item {
            Item::Headline(t) => t.location.line,
            Item::Block(p) => p.location.line,
            Item::Error(e) => e.location.line,
        };
        while let Some(e) = errors.next_if(|e| e.location.line < line) {
            merged.push(Item::Error(e));
        }
        merged.push(item);
    }
    merged.extend(errors.map(Item::Error));
    merged
}

/// The article headline and both headlines of every block.
pub(super) fn titles<'r>(
    loc: Location,
    reader: impl BufRead,
    options: &ReadOptions,
) -> BoxIter<'r, TitleRecord> {
    let mut out = Vec::new();
    for item in parse(&loc, reader, options) {
        match item {
            Item::Headline(t) => out.push(Ok(t)),
            Item::Block(p) => {
                out.push(Ok(TitleRecord::new(p.original_location, p.original)));
                out.push(Ok(TitleRecord::new(p.rewrite_location, p.rewrite)));
            }
            Item::Error(e) => out.push(Err(e)),
        }
    }
    Box::new(out.into_iter())
}

/// One pair per block.
pub(super) fn pairs<'r>(
    loc: Location,
    reader: impl BufRead,
    options: &ReadOptions,
) -> BoxIter<'r, PairRecord> {
    let out: Vec<_> = parse(&loc, reader, options)
        .into_iter()
        .filter_map(|item| match item {
            Item::Headline(_) => None,
            Item::Block(p) => Some(Ok(p)),
            Item::Error(e) => Some(Err(e)),
        })
        .collect();
    Box::new(out.into_iter())
}
