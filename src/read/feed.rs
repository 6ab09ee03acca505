//! RSS 2.0 and Atom feeds through feed-rs, read whole.
//!
//! feed-rs does not report positions, so line numbers are recovered by scanning the raw text
//! for `<item` / `<entry` start tags in document order and, inside each, the first `<title`
//! tag. This is an approximation: a start tag spelled inside a comment or CDATA section would
//! shift the count (then the entries past it get the line of their `<item>` guess anyway, never
//! a panic). Entries beyond the scanned tags get the line of the last tag found.
//!
//! External entities are never resolved: feed-rs parses with quick-xml, which only knows the
//! five predefined entities and character references; any other `&name;` stays as literal
//! text, and DTDs are ignored.

use std::io::Read;

use super::lines::io_message;
use super::{BoxIter, Location, RecordError, TitleRecord};

/// Titles of every entry of a feed.
pub(super) fn titles<'r>(
    loc: Location,
    mut reader: impl Read + Send + 'r,
) -> BoxIter<'r, TitleRecord> {
    let mut bytes = Vec::new();
    if let Err(e) = reader.read_to_end(&mut bytes) {
        return Box::new(std::iter::once(Err(RecordError::fatal(
            loc,
            io_message(&e),
        ))));
    }
    let feed = match feed_rs::parser::parse(bytes.as_slice()) {
        Ok(feed) => feed,
        Err(e) => {
            return Box::new(std::iter::once(Err(RecordError::fatal(
                loc,
                format!(
                    "cannot parse the feed: {e}; neardup reads RSS 2.0 and Atom (for other \
                     XML, set --input-format)"
                ),
            ))));
        }
    };
    let lines = entry_lines(&bytes);
    let feed_title = feed
        .title
        .as_ref()
        .map(|t| t.content.trim().to_string())
        .filter(|t| !t.is_empty());
    let records: Vec<_> = feed
        .entries
        .into_iter()
        .enumerate()
        .map(|(i, entry)| {
            let line = lines.get(i).or(lines.last()).copied().unwrap_or(1);
            let here = loc.at(line);
            let title = entry
                .title
                .as_ref()
                .map(|t| t.content.trim().to_string())
                .unwrap_or_default();
            if title.is_empty() {
                let link = entry.links.first().map(|l| l.href.as_str()).unwrap_or("");
                return Err(RecordError::new(
                    here,
                    format!(
                        "the entry has no title (id {:?}{}); every item needs a <title>",
                        entry.id,
                        if link.is_empty() {
                            String::new()
                        } else {
                            format!(", link {link}")
                        }
                    ),
                ));
            }
            let mut record = TitleRecord::new(here, title);
            record.id = Some(entry.id).filter(|id| !id.is_empty());
            record.link = entry.links.first().map(|l| l.href.clone());
            record.published = entry.published.or(entry.updated).map(|d| d.to_rfc3339());
            record.source = entry
                .source
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .or_else(|| feed_title.clone());
            Ok(record)
        })
        .collect();
    Box::new(records.into_iter())
}

/// The line of each entry's title (or of the entry's start tag when it has no title), in
/// document order.
fn entry_lines(bytes: &[u8]) -> Vec<u64> {
    let starts = tag_starts(bytes, &[b"item", b"entry"]);
    let mut out = Vec::with_capacity(starts.len());
    let (mut line, mut counted) = (1u64, 0usize);
    for (i, &start) in starts.iter().enumerate() {
        let end = starts.get(i + 1).copied().unwrap_or(bytes.len());
        let title = tag_starts(&bytes[start..end], &[b"title"])
            .first()
            .map_or(start, |t| start + t);
        // Offsets only grow, so lines are counted once over the whole text.
        line += newlines(&bytes[counted..title]);
        counted = title;
        out.push(line);
    }
    out
}

/// Offsets of start tags with one of the names (`<name>`, `<name attr…>`, `<ns:name…>`).
fn tag_starts(bytes: &[u8], names: &[&[u8]]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(rel) = bytes[i..].iter().position(|&b| b == b'<') {
        let at = i + rel;
        let rest = &bytes[at + 1..];
        // Skip a namespace prefix such as `atom:`.
        let name_end = rest
            .iter()
            .position(|b| b.is_ascii_whitespace() || matches!(b, b'>' | b'/'))
            .unwrap_or(rest.len());
        let qname = &rest[..name_end];
        let local = match qname.iter().rposition(|&b| b == b':') {
            Some(c) => &qname[c + 1..],
            None => qname,
        };
        if names.iter().any(|n| local.eq_ignore_ascii_case(n)) {
            out.push(at);
        }
        i = at + 1;
    }
    out
}

fn newlines(bytes: &[u8]) -> u64 {
    bytes.iter().filter(|&&b| b == b'\n').count() as u64
}
