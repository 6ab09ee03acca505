//! RSS 2.0 and Atom feeds through feed-rs, read whole.
//!
//! feed-rs does not report positions, so line numbers are recovered by scanning the raw text
//! for `<item` / `<entry` start tags in document order and, inside each, the first `<title`
//! tag. This is an approximation: a start tag spelled inside a comment or CDATA section would
//! shift the count (then the entries past it get the line of their `<item>` guess anyway, never
//! a panic). Entries beyond the scanned tags get the line of the last tag found.
//!
//! feed-rs does not read an entry's `<source>` either (RSS `<source url="…">Name</source>`,
//! Atom `<source><title>Name</title></source>`), so the same scan picks it up; it is used
//! only when the scan found exactly as many entries as feed-rs, else the feed title is the
//! source.
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
    let scanned = scan_entries(&bytes);
    let sources_align = scanned.len() == feed.entries.len();
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
            let line = scanned.get(i).or(scanned.last()).map_or(1, |e| e.line);
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
            let published = entry.published.or(entry.updated);
            record.published = published.map(|d| d.to_rfc3339());
            record.time = published.map(|d| d.timestamp());
            let scanned_source = scanned
                .get(i)
                .filter(|_| sources_align)
                .and_then(|e| e.source.clone());
            record.source = entry
                .source
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .or(scanned_source)
                .or_else(|| feed_title.clone());
            Ok(record)
        })
        .collect();
    Box::new(records.into_iter())
}

/// What the raw-text scan finds out about one entry.
struct ScannedEntry {
    /// The line of the entry's title, or of its start tag when it has no title.
    line: u64,
    /// The entry's `<source>` name.
    source: Option<String>,
}

/// Every `<item>` / `<entry>` in document order.
fn scan_entries(bytes: &[u8]) -> Vec<ScannedEntry> {
    let starts = tag_starts(bytes, &[b"item", b"entry"]);
    let mut out = Vec::with_capacity(starts.len());
    let (mut line, mut counted) = (1u64, 0usize);
    for (i, &start) in starts.iter().enumerate() {
        let end = starts.get(i + 1).copied().unwrap_or(bytes.len());
        let entry = &bytes[start..end];
        let title = tag_starts(entry, &[b"title"])
            .first()
            .map_or(start, |t| start + t);
        // Offsets only grow, so lines are counted once over the whole text.
        line += newlines(&bytes[counted..title]);
        counted = title;
        out.push(ScannedEntry {
            line,
            source: entry_source(entry),
        });
    }
    out
}

/// The text of an entry's `<source>`: its `<title>` inside (Atom) or its own text (RSS).
fn entry_source(entry: &[u8]) -> Option<String> {
    let (_, inner) = element(entry, b"source")?;
    let text = match element(inner, b"title") {
        Some((_, title)) => title,
        None => inner,
    };
    let text = unescape(text);
    let text = text.trim();
    (!text.is_empty() && !text.contains('<')).then(|| text.to_string())
}

/// The first element with this local name: its start offset and its content.
fn element<'a>(bytes: &'a [u8], name: &[u8]) -> Option<(usize, &'a [u8])> {
    let at = *tag_starts(bytes, &[name]).first()?;
    let gt = at + bytes[at..].iter().position(|&b| b == b'>')?;
    if bytes[..gt].ends_with(b"/") {
        return None;
    }
    let content = &bytes[gt + 1..];
    // The matching end tag: `</name>` or `</prefix:name>`.
    let mut from = 0;
    while let Some(rel) = content[from..].windows(2).position(|w| w == b"</") {
        let close = from + rel;
        let rest = &content[close + 2..];
        let qname_end = rest.iter().position(|&b| b == b'>').unwrap_or(rest.len());
        let qname = rest[..qname_end].trim_ascii();
        let local = qname.rsplit(|&b| b == b':').next().unwrap_or(qname);
        if local.eq_ignore_ascii_case(name) {
            return Some((at, &content[..close]));
        }
        from = close + 2;
    }
    None
}

/// Decode CDATA, the predefined entities and character references; other entities stay as
/// they are (as feed-rs leaves them).
pub(super) fn unescape(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    let text = text.trim();
    if let Some(inner) = text
        .strip_prefix("<![CDATA[")
        .and_then(|t| t.strip_suffix("]]>"))
    {
        return inner.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp..];
        let decoded = after.find(';').and_then(|semi| {
            let name = &after[1..semi];
            let ch = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => {
                    let code = if let Some(hex) = name.strip_prefix("#x") {
                        u32::from_str_radix(hex, 16).ok()
                    } else {
                        name.strip_prefix('#').and_then(|d| d.parse().ok())
                    };
                    code.and_then(char::from_u32)
                }
            };
            ch.map(|c| (c, semi + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &after[len..];
            }
            None => {
                out.push('&');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
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
