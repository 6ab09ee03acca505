//! What one `<item>` / `<entry>` holds while it is read, and the record it becomes.

use super::super::{Location, RecordError, TitleRecord, UnixSeconds, parse_time};

/// The text fields of an entry the reader keeps (the first element of each kind wins).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Field {
    /// `<title>` (with the text of any markup inside it, as in Atom's `type="xhtml"`).
    Title,
    /// RSS `<link>` text.
    Link,
    /// RSS `<guid>`, Atom `<id>`.
    Id,
    /// RSS `<pubDate>`, Atom `<published>`, RSS 1.0 `<dc:date>`, Atom 0.3 `<issued>`.
    Published,
    /// Atom `<updated>` (Atom 0.3 `<modified>`): the date when there is no published one.
    Updated,
    /// RSS `<source url="…">Name</source>`: the name.
    Source,
    /// Atom `<source><title>Name</title></source>`: the name.
    SourceTitle,
}

const FIELDS: usize = 7;

impl Field {
    /// The field a child element of an entry starts, by its local name.
    pub(super) fn of_entry_child(name: &[u8]) -> Option<Field> {
        let is = |n: &str| name.eq_ignore_ascii_case(n.as_bytes());
        Some(if is("title") {
            Field::Title
        } else if is("link") {
            Field::Link
        } else if is("guid") || is("id") {
            Field::Id
        } else if is("pubDate") || is("published") || is("date") || is("issued") {
            Field::Published
        } else if is("updated") || is("modified") {
            Field::Updated
        } else if is("source") {
            Field::Source
        } else {
            return None;
        })
    }
}

/// An entry being read.
#[derive(Debug)]
pub(super) struct Entry {
    /// The line of its start tag.
    line: u64,
    /// The line of its first `<title>` start tag.
    title_line: Option<u64>,
    text: [String; FIELDS],
    /// Whether an element of each field was met, and whether its name had a prefix.
    started: [Option<bool>; FIELDS],
    /// The `href` of its first Atom link without a `rel` or with `rel="alternate"`.
    alternate: Option<String>,
    /// The `href` of its first other Atom link.
    other_link: Option<String>,
    /// Why the entry cannot be read (text that is not valid in the feed's encoding).
    bad: Option<String>,
}

impl Entry {
    pub(super) fn new(line: u64) -> Self {
        Entry {
            line,
            title_line: None,
            text: Default::default(),
            started: [None; FIELDS],
            alternate: None,
            other_link: None,
            bad: None,
        }
    }

    /// The line of its start tag.
    pub(super) fn line(&self) -> u64 {
        self.line
    }

    /// An element of `field` starts on `line`: whether its text is to be kept (only the first
    /// element of each field is, but see `prefixed`).
    ///
    /// `prefixed` says the element's name has a namespace prefix: an unprefixed element
    /// replaces a prefixed one met before it, so that `<title>` wins over an extension's
    /// `<media:title>` and `<pubDate>` over `<dc:date>`.
    pub(super) fn start(&mut self, field: Field, line: u64, prefixed: bool) -> bool {
        let slot = &mut self.started[field as usize];
        let keep = match *slot {
            None => true,
            Some(was_prefixed) => was_prefixed && !prefixed,
        };
        if keep {
            *slot = Some(prefixed);
            self.text[field as usize].clear();
            if field == Field::Title {
                self.title_line = Some(line);
            }
        }
        keep
    }

    /// Text inside an element of `field`.
    pub(super) fn push(&mut self, field: Field, text: &str) {
        self.text[field as usize].push_str(text);
    }

    /// A `<link href="…" rel="…">`.
    pub(super) fn link_href(&mut self, href: String, rel: Option<&str>) {
        let slot = match rel {
            None | Some("alternate") => &mut self.alternate,
            Some(_) => &mut self.other_link,
        };
        slot.get_or_insert(href);
    }

    /// Mark the entry unreadable (the first reason is kept).
    pub(super) fn fail(&mut self, why: String) {
        self.bad.get_or_insert(why);
    }

    /// The trimmed text of `field`, when it has any.
    fn field(&self, field: Field) -> Option<String> {
        let text = self.text[field as usize].trim();
        (!text.is_empty()).then(|| text.to_owned())
    }

    /// The record at `loc`'s path, on the line of its title (of its start tag when it has
    /// none); `feed_title` is its source when it names none itself.
    pub(super) fn finish(
        self,
        loc: &Location,
        feed_title: Option<&str>,
    ) -> Result<TitleRecord, RecordError> {
        let here = loc.at(self.title_line.unwrap_or(self.line));
        if let Some(why) = &self.bad {
            return Err(RecordError::new(here, why.clone()));
        }
        let link = self
            .alternate
            .clone()
            .filter(|l| !l.trim().is_empty())
            .or_else(|| self.field(Field::Link))
            .or_else(|| self.other_link.clone().filter(|l| !l.trim().is_empty()));
        let id = self.field(Field::Id);
        let Some(title) = self.field(Field::Title) else {
            let id = id.map_or_else(|| "no id".to_owned(), |id| format!("id {id:?}"));
            let link = link.map_or_else(String::new, |l| format!(", link {l}"));
            return Err(RecordError::new(
                here,
                format!("the entry has no title ({id}{link}); every item needs a <title>"),
            ));
        };
        let published = self
            .field(Field::Published)
            .or_else(|| self.field(Field::Updated));
        let mut record = TitleRecord::new(here, title);
        // A date that is no time stays as text (feeds write odd dates; the title is sound).
        record.time = published.as_deref().and_then(feed_time);
        record.published = published;
        record.source = self
            .field(Field::SourceTitle)
            .or_else(|| self.field(Field::Source))
            .or_else(|| feed_title.map(str::to_owned));
        record.id = id;
        record.link = link;
        Ok(record)
    }
}

/// A feed date as a time: what [`parse_time`] reads, else the date with the quirks feeds
/// write mended (see [`mend`]).
fn feed_time(date: &str) -> Option<UnixSeconds> {
    parse_time(date)
        .ok()
        .or_else(|| parse_time(&mend(date)).ok())
}

/// An RSS date with the departures from RFC 2822 that feeds write undone: a weekday, which
/// may be wrong ("Mon, 01 Feb 2026" for a Sunday) or long ("Thurs,"), is dropped (it is
/// optional); a long month name is cut to three letters; a one-digit hour gets its zero and
/// hour 24 becomes 0; the zone `UTC` or `-0000` becomes `+0000`. An ISO date whose offset has
/// no colon (`+0100`) gets one.
fn mend(date: &str) -> String {
    let date = date.trim();
    if date.contains('T') && !date.contains(' ') {
        let n = date.len();
        let offset = date.get(n.saturating_sub(5)..).unwrap_or("");
        let digits = offset.get(1..).unwrap_or("");
        if offset.starts_with(['+', '-'])
            && digits.len() == 4
            && digits.bytes().all(|b| b.is_ascii_digit())
        {
            return format!("{}{}:{}", &date[..n - 5], &offset[..3], &offset[3..]);
        }
        return date.to_owned();
    }
    let date = match date.split_once(',') {
        Some((weekday, rest)) if weekday.chars().all(char::is_alphabetic) => rest,
        _ => date,
    };
    let words: Vec<String> = date
        .split_whitespace()
        .map(|word| {
            if word.len() > 3
                && word.chars().all(|c| c.is_ascii_alphabetic())
                && is_month(&word[..3])
            {
                word[..3].to_owned()
            } else if word.contains(':') {
                let (hour, rest) = word.split_once(':').unwrap_or((word, ""));
                match hour {
                    "24" => format!("00:{rest}"),
                    h if h.len() == 1 => format!("0{h}:{rest}"),
                    _ => word.to_owned(),
                }
            } else if word.eq_ignore_ascii_case("UTC") || word == "-0000" {
                "+0000".to_owned()
            } else {
                word.to_owned()
            }
        })
        .collect();
    words.join(" ")
}

fn is_month(word: &str) -> bool {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    MONTHS.iter().any(|m| m.eq_ignore_ascii_case(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dated(date: &str) -> TitleRecord {
        let mut entry = Entry::new(1);
        entry.start(Field::Title, 1, false);
        entry.push(Field::Title, "T");
        entry.start(Field::Published, 1, false);
        entry.push(Field::Published, date);
        entry.finish(&loc(), None).unwrap()
    }

    #[test]
    fn feed_dates_keep_their_text_and_become_times() {
        let utc = parse_time("2026-02-21T14:30:00Z").ok();
        for date in [
            "Sat, 21 Feb 2026 14:30:00 GMT",
            " Sat, 21 Feb 2026 16:30:00 +0200 ",
            // An obsolete US zone name (EST = -05:00), and no weekday.
            "21 Feb 2026 09:30:00 EST",
            "2026-02-21T15:30:00+01:00",
        ] {
            let record = dated(date);
            assert_eq!(record.time, utc, "{date:?}");
            assert_eq!(record.published.as_deref(), Some(date.trim()));
        }
    }

    /// Regression: feed-rs read a pubDate whose weekday is wrong, the strict RFC 2822 parser
    /// did not, so the entry lost its time.
    #[test]
    fn a_wrong_weekday_still_gives_the_date_its_time() {
        // 21 Feb 2026 is a Saturday.
        let record = dated("Mon, 21 Feb 2026 14:30:00 GMT");
        assert_eq!(record.time, parse_time("2026-02-21T14:30:00Z").ok());
        assert_eq!(
            record.published.as_deref(),
            Some("Mon, 21 Feb 2026 14:30:00 GMT")
        );
    }

    /// The departures from RFC 2822 and RFC 3339 that feeds write (feed-rs read them; the
    /// strict parsers alone do not).
    #[test]
    fn the_quirks_of_feed_dates_are_mended() {
        let utc = parse_time("2026-02-21T14:30:00Z").ok();
        for date in [
            "Sat, 21 Feb 2026 14:30:00 UTC",
            "Sat, 21 Feb 2026 14:30:00 -0000",
            "Thurs, 21 Feb 2026 14:30:00 GMT",
            "Sat, 21 February 2026 14:30:00 GMT",
            "Sat, 21 Feb 2026 9:30:00 -0500",
            "2026-02-21T15:30:00+0100",
        ] {
            assert_eq!(dated(date).time, utc, "{date:?}");
        }
        // Hour 24 is the start of that day, as feed readers take it.
        assert_eq!(
            dated("Sat, 21 Feb 2026 24:30:00 GMT").time,
            parse_time("2026-02-21T00:30:00Z").ok()
        );
    }

    #[test]
    fn a_date_that_is_no_time_stays_as_text() {
        let record = dated("yesterday");
        assert_eq!(record.published.as_deref(), Some("yesterday"));
        assert_eq!(record.time, None);
    }

    fn loc() -> Location {
        Location::new("f.rss", 1)
    }

    #[test]
    fn the_first_element_of_a_field_wins_and_its_line_is_the_records() {
        let mut entry = Entry::new(3);
        assert!(entry.start(Field::Title, 4, false));
        entry.push(Field::Title, "  First  ");
        assert!(!entry.start(Field::Title, 5, false));
        let record = entry.finish(&loc(), Some("Wire")).unwrap();
        assert_eq!(record.title, "First");
        assert_eq!(record.location.line, 4);
        assert_eq!(record.source.as_deref(), Some("Wire"));
        assert_eq!(record.published, None);
    }

    #[test]
    fn an_unprefixed_element_wins_over_an_extensions_prefixed_one() {
        let mut entry = Entry::new(1);
        assert!(entry.start(Field::Title, 2, true));
        entry.push(Field::Title, "Photo caption");
        assert!(entry.start(Field::Title, 3, false));
        entry.push(Field::Title, "The headline");
        assert!(!entry.start(Field::Title, 4, true));
        assert!(!entry.start(Field::Title, 5, false));
        let record = entry.finish(&loc(), None).unwrap();
        assert_eq!(record.title, "The headline");
        assert_eq!(record.location.line, 3);
    }

    #[test]
    fn links_prefer_the_alternate_then_the_text_then_any_other() {
        let titled = |entry: &mut Entry| {
            entry.start(Field::Title, 1, false);
            entry.push(Field::Title, "T");
        };
        let mut entry = Entry::new(1);
        titled(&mut entry);
        entry.link_href("https://x/self".into(), Some("self"));
        entry.start(Field::Link, 1, false);
        entry.push(Field::Link, " https://x/text ");
        let record = entry.finish(&loc(), None).unwrap();
        assert_eq!(record.link.as_deref(), Some("https://x/text"));

        let mut entry = Entry::new(1);
        titled(&mut entry);
        entry.link_href("https://x/self".into(), Some("self"));
        entry.link_href("https://x/page".into(), Some("alternate"));
        assert_eq!(
            entry.finish(&loc(), None).unwrap().link.as_deref(),
            Some("https://x/page")
        );

        let mut entry = Entry::new(1);
        titled(&mut entry);
        entry.link_href("https://x/self".into(), Some("self"));
        assert_eq!(
            entry.finish(&loc(), None).unwrap().link.as_deref(),
            Some("https://x/self")
        );
    }

    #[test]
    fn the_updated_date_stands_in_for_a_missing_published_one() {
        let mut entry = Entry::new(1);
        entry.start(Field::Title, 1, false);
        entry.push(Field::Title, "T");
        entry.start(Field::Updated, 2, false);
        entry.push(Field::Updated, "2026-02-22T09:45:00Z");
        let record = entry.finish(&loc(), None).unwrap();
        assert_eq!(record.published.as_deref(), Some("2026-02-22T09:45:00Z"));
        assert_eq!(record.time, parse_time("2026-02-22T09:45:00Z").ok());
    }

    #[test]
    fn an_entry_without_a_title_names_its_id_and_link_at_its_start_line() {
        let mut entry = Entry::new(7);
        entry.start(Field::Id, 8, false);
        entry.push(Field::Id, "r9");
        entry.link_href("https://x/9".into(), None);
        let error = entry.finish(&loc(), None).unwrap_err();
        assert_eq!(
            error.to_string(),
            "f.rss:7: the entry has no title (id \"r9\", link https://x/9); every item needs a <title>"
        );
        let error = Entry::new(2).finish(&loc(), None).unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("f.rss:2: the entry has no title (no id)")
        );
    }

    #[test]
    fn an_unreadable_entry_is_one_error_at_its_title() {
        let mut entry = Entry::new(1);
        entry.start(Field::Title, 2, false);
        entry.push(Field::Title, "T");
        entry.fail("bad bytes".into());
        entry.fail("second reason".into());
        let error = entry.finish(&loc(), None).unwrap_err();
        assert_eq!(error.to_string(), "f.rss:2: bad bytes");
        assert!(!error.ends_input());
    }
}
