//! RSS 2.0, RSS 1.0 (RDF) and Atom feeds, in one streaming pass with quick-xml.
//!
//! Each `<item>` / `<entry>` becomes a record on the line of its first `<title>` start tag
//! (of its own start tag when it has no title), with its link, id (`<guid>` / `<id>`), source
//! (the item's `<source>`, else the feed's title) and published date (`<pubDate>`,
//! `<published>` or `<dc:date>`, else `<updated>`) as the feed writes it and as a time (see
//! [`parse_time`](super::parse_time)). Elements are matched by local name, so namespace
//! prefixes do not matter.
//!
//! Lines come from the parser's position: the input is consumed through [`Counted`], which
//! counts the newlines of every byte the parser has taken, so the text is never kept. Records
//! are yielded as their entries close; only when the feed's title has not been seen yet are
//! they held back until it is (or the feed ends), so that they can carry it as their source.
//!
//! Entities are never resolved: the five predefined ones and character references are
//! decoded, any other `&name;` stays as literal text, and a DTD (with its internal or
//! external entity declarations) is skipped, so neither an external entity (XXE) nor an
//! entity bomb can be expanded. A lone `&` (common in titles such as `AT&T` written by
//! hand) is kept as text instead of failing the feed. Malformed XML ends the input with an
//! error on the line where the failing markup starts, after the entries read before it.

mod counted;
mod entry;

use std::io::BufRead;

use quick_xml::Reader;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesRef, BytesStart, Event};

use self::counted::Counted;
use self::entry::{Entry, Field};
use super::lines::io_message;
use super::{BoxIter, Location, RecordError, TitleRecord};

/// Titles of every entry of a feed.
pub(super) fn titles<'r>(
    loc: Location,
    reader: impl BufRead + Send + 'r,
) -> BoxIter<'r, TitleRecord> {
    Box::new(FeedReader::new(loc, reader))
}

/// What an open element is to the reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// The root (`<rss>`, `<feed>`, `<rdf:RDF>`) or an RSS `<channel>`: their `<title>` is the
    /// feed's.
    Feed,
    /// The feed's `<title>`.
    FeedTitle,
    /// The open entry.
    Entry,
    /// Text inside it belongs to this field of the open entry.
    Field(Field),
    /// Anything else.
    Other,
}

type Record = Result<TitleRecord, RecordError>;

struct FeedReader<R> {
    xml: Reader<Counted<R>>,
    buf: Vec<u8>,
    loc: Location,
    /// The roles of the open elements, outermost first.
    open: Vec<Role>,
    root_seen: bool,
    entry: Option<Entry>,
    feed_title: String,
    /// Whether the feed's title element has closed (a later one is not the feed's).
    feed_title_done: bool,
    /// Records waiting for the feed's title.
    held: Vec<Record>,
    /// Records ready to yield, in order.
    ready: std::collections::VecDeque<Record>,
    done: bool,
}

impl<R: BufRead> FeedReader<R> {
    fn new(loc: Location, reader: R) -> Self {
        let mut xml = Reader::from_reader(Counted::new(reader));
        let config = xml.config_mut();
        config.allow_dangling_amp = true;
        config.trim_markup_names_in_closing_tags = true;
        // `<item/>` or `<title/>` as a start and an end, so an empty element closes like any
        // other (an empty item left open took every later entry for its child).
        config.expand_empty_elements = true;
        FeedReader {
            xml,
            buf: Vec::new(),
            loc,
            open: Vec::new(),
            root_seen: false,
            entry: None,
            feed_title: String::new(),
            feed_title_done: false,
            held: Vec::new(),
            ready: std::collections::VecDeque::new(),
            done: false,
        }
    }

    /// The feed's title, once known to be complete.
    fn feed_title(&self) -> Option<&str> {
        let title = self.feed_title.trim();
        (!title.is_empty()).then_some(title)
    }

    /// Move the held records to the ready ones, giving them the feed title as their source.
    fn release(&mut self) {
        let title = self.feed_title().map(str::to_owned);
        for mut record in self.held.drain(..) {
            if let Ok(record) = &mut record
                && record.source.is_none()
            {
                record.source.clone_from(&title);
            }
            self.ready.push_back(record);
        }
    }

    /// End the input with `error` after everything read so far.
    fn fail(&mut self, error: RecordError) {
        self.release();
        self.ready.push_back(Err(error));
        self.done = true;
    }

    fn parse_error(&self, line: u64, what: impl std::fmt::Display) -> RecordError {
        RecordError::fatal(
            self.loc.at(line),
            format!(
                "cannot parse the feed: {what}; neardup reads RSS 2.0, RSS 1.0 and Atom (for \
                 other XML, set --input-format)"
            ),
        )
    }

    /// Read events until a record is ready or the input ends.
    fn advance(&mut self) {
        while self.ready.is_empty() && !self.done {
            let line = self.xml.get_ref().line();
            // The event borrows the buffer; it is put back after the event is handled.
            let mut buf = std::mem::take(&mut self.buf);
            buf.clear();
            let event = match self.xml.read_event_into(&mut buf) {
                Ok(event) => event,
                Err(quick_xml::Error::Io(e)) => {
                    let error = RecordError::fatal(self.loc.at(line), io_message(&e));
                    self.fail(error);
                    return;
                }
                Err(e) => {
                    let error = self.parse_error(line, e);
                    self.fail(error);
                    return;
                }
            };
            self.event(event, line);
            self.buf = buf;
        }
    }

    fn event(&mut self, event: Event<'_>, line: u64) {
        match event {
            Event::Start(start) => {
                let role = self.start(&start, line);
                if !self.done {
                    self.open.push(role);
                }
            }
            Event::End(_) => self.end(),
            Event::Text(text) => match text.decode() {
                Ok(text) => self.text(&text),
                Err(e) => self.undecodable(e),
            },
            Event::CData(text) => match text.decode() {
                Ok(text) => self.text(&text),
                Err(e) => self.undecodable(e),
            },
            Event::GeneralRef(reference) => match resolve(&reference) {
                Ok(text) => self.text(&text),
                Err(e) => self.undecodable(e),
            },
            Event::Eof => self.eof(line),
            // Empty elements come as a start and an end (`expand_empty_elements`).
            Event::Empty(_)
            | Event::Comment(_)
            | Event::Decl(_)
            | Event::PI(_)
            | Event::DocType(_) => {}
        }
    }

    /// An element starts: its role (an Atom link's `href` is read here).
    fn start(&mut self, start: &BytesStart<'_>, line: u64) -> Role {
        let local = start.local_name();
        let name = local.as_ref();
        let is = |n: &str| name.eq_ignore_ascii_case(n.as_bytes());
        if !self.root_seen {
            self.root_seen = true;
            if is("rss") || is("feed") || is("rdf") {
                return Role::Feed;
            }
            let error = self.parse_error(
                line,
                format_args!(
                    "the root element is <{}>, not <rss>, <feed> or <rdf:RDF>",
                    String::from_utf8_lossy(start.name().as_ref())
                ),
            );
            self.fail(error);
            return Role::Other;
        }
        let parent = self.open.last().copied().unwrap_or(Role::Other);
        let Some(entry) = &mut self.entry else {
            return match parent {
                Role::FeedTitle => Role::FeedTitle,
                _ if is("item") || is("entry") => {
                    self.entry = Some(Entry::new(line));
                    Role::Entry
                }
                Role::Feed if is("title") && !self.feed_title_done => Role::FeedTitle,
                Role::Feed if is("channel") => Role::Feed,
                _ => Role::Other,
            };
        };
        let field = match parent {
            Role::Entry => match Field::of_entry_child(name) {
                Some(field) => field,
                None => return Role::Other,
            },
            // Markup inside a title (Atom's type="xhtml"): its text is the title's.
            Role::Field(Field::Title) => return Role::Field(Field::Title),
            Role::Field(Field::Source) if is("title") => Field::SourceTitle,
            _ => return Role::Other,
        };
        let keep = entry.start(field, line, start.name().prefix().is_some());
        if field == Field::Link {
            self.link(start);
        }
        if keep {
            Role::Field(field)
        } else {
            Role::Other
        }
    }

    /// An Atom link's `href` (and `rel`) on the open entry.
    fn link(&mut self, start: &BytesStart<'_>) {
        let decoder = self.xml.decoder();
        let attribute = |name: &[u8]| -> Option<String> {
            let attribute = start.try_get_attribute(name).ok().flatten()?;
            let raw = decoder.decode(&attribute.value).ok()?;
            Some(match quick_xml::escape::unescape(&raw) {
                Ok(text) => text.into_owned(),
                // An entity it does not know stays as written, as in text.
                Err(_) => raw.into_owned(),
            })
        };
        let Some(href) = attribute(b"href") else {
            return;
        };
        let rel = attribute(b"rel");
        if let Some(entry) = &mut self.entry {
            entry.link_href(href.trim().to_owned(), rel.as_deref().map(str::trim));
        }
    }

    fn end(&mut self) {
        match self.open.pop() {
            Some(Role::Entry) => {
                let entry = self.entry.take().expect("an entry is open");
                let record = entry.finish(&self.loc, self.feed_title());
                if self.feed_title_done {
                    self.ready.push_back(record);
                } else {
                    self.held.push(record);
                }
            }
            Some(Role::FeedTitle) if self.open.last() != Some(&Role::FeedTitle) => {
                self.feed_title_done = true;
                self.release();
            }
            _ => {}
        }
    }

    fn text(&mut self, text: &str) {
        match (self.open.last(), &mut self.entry) {
            (Some(Role::Field(field)), Some(entry)) => entry.push(*field, text),
            (Some(Role::FeedTitle), None) => self.feed_title.push_str(text),
            _ => {}
        }
    }

    /// Text that is not valid in the feed's encoding: the open entry cannot be read (text
    /// outside entries is not needed).
    fn undecodable(&mut self, error: impl std::fmt::Display) {
        let encoding = self.xml.decoder().encoding().name();
        if let Some(entry) = &mut self.entry {
            entry.fail(format!(
                "the entry holds text that is not valid {encoding} ({error}); fix the bytes \
                 or the feed's declared encoding"
            ));
        }
    }

    fn eof(&mut self, line: u64) {
        if !self.root_seen {
            let error = self.parse_error(0, "there is no root element");
            self.fail(error);
        } else if let Some(entry) = &self.entry {
            let error = RecordError::fatal(
                self.loc.at(entry.line()),
                "the feed ends inside this entry, which never closes; the input is cut short",
            );
            self.fail(error);
        } else if !self.open.is_empty() {
            let error = self.parse_error(
                line,
                format_args!("the input ends before {} element(s) close", self.open.len()),
            );
            self.fail(error);
        } else {
            self.release();
            self.done = true;
        }
    }
}

/// A character reference or predefined entity as its text; any other entity as written.
fn resolve(reference: &BytesRef<'_>) -> Result<String, quick_xml::Error> {
    if let Some(c) = reference.resolve_char_ref().ok().flatten() {
        return Ok(c.to_string());
    }
    let name = reference.decode()?;
    Ok(resolve_predefined_entity(&name).map_or_else(|| format!("&{name};"), str::to_owned))
}

impl<R: BufRead> Iterator for FeedReader<R> {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        self.advance();
        self.ready.pop_front()
    }
}

#[cfg(test)]
mod tests {
    use std::io::Cursor;

    use super::*;

    fn read(bytes: &[u8]) -> Vec<Record> {
        titles(Location::new("f.xml", 1), Cursor::new(bytes.to_vec())).collect()
    }

    /// `line: title` of each record, `line! message` of each error.
    fn show(records: &[Record]) -> Vec<String> {
        records
            .iter()
            .map(|r| match r {
                Ok(r) => format!("{}: {}", r.location.line, r.title),
                Err(e) => format!("{}! {}", e.location.line, e.message),
            })
            .collect()
    }

    /// The input yields `kept` records, then one error that starts with `prefix`.
    fn assert_kept_then(input: &[u8], kept: &[&str], prefix: &str) {
        let shown = show(&read(input));
        assert_eq!(shown.len(), kept.len() + 1, "{shown:?}");
        assert_eq!(shown[..kept.len()], *kept, "{shown:?}");
        assert!(shown[kept.len()].starts_with(prefix), "{shown:?}");
    }

    #[test]
    fn a_title_tag_spelled_in_a_comment_or_cdata_does_not_shift_the_lines() {
        // The hand-written scanner before the XML pass counted these as tags.
        let input = b"<rss><channel><title>W</title>\n<!-- <item><title>no</title></item> -->\n\
<item>\n<description><![CDATA[<title>not one</title>]]></description>\n<title>One</title>\n</item>\n\
<item><title>Two</title></item>\n</channel></rss>";
        assert_eq!(show(&read(input)), ["5: One", "7: Two"]);
    }

    #[test]
    fn a_broken_feed_keeps_the_entries_before_the_break() {
        let input = b"<rss><channel><title>W</title>\n<item><title>Kept</title></item>\n\
<item><title>x</item>\n<item><title>Never read</title></item></channel></rss>";
        assert_kept_then(input, &["2: Kept"], "3! cannot parse the feed: ");
        assert!(read(input)[1].as_ref().unwrap_err().ends_input());
    }

    #[test]
    fn a_feed_cut_inside_an_entry_is_an_error_at_that_entry() {
        let input =
            b"<rss><channel><title>W</title>\n<item><title>Kept</title></item>\n<item>\n<title>Cut";
        assert_kept_then(input, &["2: Kept"], "3! the feed ends inside this entry");
    }

    #[test]
    fn a_feed_cut_between_entries_is_an_error_too() {
        let input = b"<rss><channel><title>W</title>\n<item><title>Kept</title></item>\n";
        assert_kept_then(
            input,
            &["2: Kept"],
            "3! cannot parse the feed: the input ends before 2 element(s) close",
        );
    }

    #[test]
    fn rss_1_0_items_beside_the_channel_are_read() {
        let input = br#"<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://example.com/"><title>RDF Wire</title></channel>
  <item rdf:about="https://example.com/1">
    <title>Storm closes schools</title>
    <link>https://example.com/1</link>
    <dc:date>2026-02-22T09:00:00+01:00</dc:date>
  </item>
</rdf:RDF>"#;
        let records = read(input);
        assert_eq!(show(&records), ["5: Storm closes schools"]);
        let record = records[0].as_ref().unwrap();
        assert_eq!(record.source.as_deref(), Some("RDF Wire"));
        assert_eq!(record.link.as_deref(), Some("https://example.com/1"));
        assert_eq!(record.id, None);
        assert_eq!(
            record.time,
            super::super::parse_time("2026-02-22T08:00:00Z").ok()
        );
    }

    #[test]
    fn a_feed_title_after_the_entries_is_still_their_source() {
        let input = b"<feed xmlns=\"http://www.w3.org/2005/Atom\">\n<entry><title>A</title></entry>\n\
<entry><title>B</title><source><title>Desk</title></source></entry>\n<title>Late Wire</title>\n</feed>";
        let records = read(input);
        let sources: Vec<_> = records
            .iter()
            .map(|r| r.as_ref().unwrap().source.as_deref())
            .collect();
        assert_eq!(sources, [Some("Late Wire"), Some("Desk")]);
    }

    #[test]
    fn an_xhtml_title_is_its_text_and_an_image_title_is_not_the_feeds() {
        let input = br#"<rss><channel><image><title>Logo</title></image><title>Wire</title>
<item><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Big <b>storm</b> ahead</div></title></item>
</channel></rss>"#;
        let records = read(input);
        let record = records[0].as_ref().unwrap();
        assert_eq!(record.title, "Big storm ahead");
        assert_eq!(record.source.as_deref(), Some("Wire"));
    }

    /// Regression: a Media RSS `<media:title>` before the item's `<title>` was taken for the
    /// headline (matching by local name alone).
    #[test]
    fn an_items_own_title_wins_over_a_media_title_before_it() {
        let input = br#"<rss xmlns:media="http://search.yahoo.com/mrss/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>W</title>
<item><media:title>Photo: flooded street</media:title><dc:date>2026-02-20T00:00:00Z</dc:date>
<title>Floods close schools</title><pubDate>Sat, 21 Feb 2026 14:30:00 GMT</pubDate></item>
<item><media:title>Only a media title</media:title></item>
</channel></rss>"#;
        let records = read(input);
        assert_eq!(
            show(&records),
            ["3: Floods close schools", "4: Only a media title"]
        );
        let first = records[0].as_ref().unwrap();
        assert_eq!(
            first.published.as_deref(),
            Some("Sat, 21 Feb 2026 14:30:00 GMT")
        );
    }

    #[test]
    fn an_atom_link_is_its_href_and_the_first_title_wins() {
        let input = br#"<feed xmlns="http://www.w3.org/2005/Atom"><title>W</title>
<entry><link rel="self" href="https://x/self"/><link href="https://x/a?b=1&amp;c=2"/>
<title>First</title><title>Second</title><id> urn:x </id></entry></feed>"#;
        let records = read(input);
        let record = records[0].as_ref().unwrap();
        assert_eq!(record.title, "First");
        assert_eq!(record.link.as_deref(), Some("https://x/a?b=1&c=2"));
        assert_eq!(record.id.as_deref(), Some("urn:x"));
        assert_eq!(record.location.line, 3);
    }

    #[test]
    fn xml_that_is_not_a_feed_is_one_error_at_its_root() {
        assert_kept_then(
            b"<?xml version=\"1.0\"?>\n<html><title>x</title></html>",
            &[],
            "2! cannot parse the feed: the root element is <html>",
        );
        assert_kept_then(
            b"<!-- only a comment -->",
            &[],
            "0! cannot parse the feed: there is no root element",
        );
    }

    #[test]
    fn an_entry_with_bytes_that_are_not_utf8_is_one_error_and_the_next_is_read() {
        let input = b"<rss><channel><title>W</title>\n<item><title>Bad \xff byte</title></item>\n\
<item><title>Good</title></item>\n</channel></rss>";
        let shown = show(&read(input));
        assert_eq!(shown.len(), 2, "{shown:?}");
        assert!(
            shown[0].starts_with("2! the entry holds text that is not valid UTF-8"),
            "{shown:?}"
        );
        assert_eq!(shown[1], "3: Good");
        assert!(!read(input)[0].as_ref().unwrap_err().ends_input());
    }

    /// An empty `<item/>` was opened but never closed, so every later entry was taken for
    /// its child and the feed ended "inside this entry".
    #[test]
    fn an_empty_item_is_an_entry_without_a_title_and_the_next_is_read() {
        let input = b"<rss><channel><title/>\n<item/>\n<item><title>After</title></item>\n\
</channel></rss>";
        let shown = show(&read(input));
        assert_eq!(shown.len(), 2, "{shown:?}");
        assert!(
            shown[0].starts_with("2! the entry has no title"),
            "{shown:?}"
        );
        assert_eq!(shown[1], "3: After");
        assert_eq!(read(input)[1].as_ref().unwrap().source, None);
    }

    #[test]
    fn a_declared_latin1_feed_is_decoded() {
        let input =
            b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<rss><channel><title>W</title>\n\
<item><title>Caf\xe9 closes</title></item></channel></rss>";
        assert_eq!(show(&read(input)), ["3: Caf\u{e9} closes"]);
    }

    #[test]
    fn entities_declared_in_the_dtd_are_never_expanded() {
        let input = br#"<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY ext SYSTEM "file:///etc/passwd">]>
<rss><channel><title>W</title><item><title>Boom &b; &ext;</title></item></channel></rss>"#;
        assert_eq!(show(&read(input)), ["3: Boom &b; &ext;"]);
    }
}
