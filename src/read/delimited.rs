//! CSV and TSV through the `csv` crate, streamed row by row. The first row is the header.
//! CSV fields may be quoted and hold newlines; TSV is read without quoting (IANA TSV), since
//! headlines often start with a quotation mark.

use std::fmt;
use std::io::{self, Read};

use csv::{ByteRecord, ErrorKind};

use super::lines::{io_message, too_long_message};
use super::{
    BoxIter, ColumnRef, Location, PairRecord, ReadOptions, RecordError, TitleRecord, utf8,
};

const ORIGINAL_COLUMNS: [&str; 2] = ["original", "left"];
const REWRITE_COLUMNS: [&str; 3] = ["rewrite", "rewritten", "right"];

/// A physical line over the limit, carried inside an `io::Error`.
#[derive(Debug, Clone)]
struct TooLong {
    line: u64,
    max: usize,
}

impl fmt::Display for TooLong {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&too_long_message(None, self.max))
    }
}

impl std::error::Error for TooLong {}

/// Fails the read as soon as one physical line grows past the limit, so that a file without
/// newlines (or an unclosed quote) cannot make the csv reader buffer gigabytes.
struct LineLimit<R> {
    inner: R,
    max: usize,
    line: u64,
    current: usize,
    failed: Option<TooLong>,
}

impl<R: Read> Read for LineLimit<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if let Some(too_long) = &self.failed {
            return Err(io::Error::new(io::ErrorKind::InvalidData, too_long.clone()));
        }
        let n = self.inner.read(buf)?;
        for (i, &b) in buf[..n].iter().enumerate() {
            if b == b'\n' {
                self.line += 1;
                self.current = 0;
                continue;
            }
            self.current += 1;
            // The "\r" of a "\r\n" ending does not count.
            if self.current > self.max.saturating_add(1) {
                let too_long = TooLong {
                    line: self.line,
                    max: self.max,
                };
                self.failed = Some(too_long.clone());
                // Hand over the rows before the long line first; the error comes next read.
                if i > 0 {
                    return Ok(i);
                }
                return Err(io::Error::new(io::ErrorKind::InvalidData, too_long));
            }
        }
        Ok(n)
    }
}

/// The header and the reader positioned at the first row.
struct Table<R> {
    loc: Location,
    reader: csv::Reader<LineLimit<R>>,
    header: Vec<String>,
    done: bool,
}

impl<R: Read> Table<R> {
    fn open(
        loc: Location,
        reader: R,
        delimiter: u8,
        options: &ReadOptions,
    ) -> Result<Self, RecordError> {
        let limited = LineLimit {
            inner: reader,
            max: options.max_line_bytes,
            line: 1,
            current: 0,
            failed: None,
        };
        let reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .quoting(delimiter == b',')
            .flexible(true)
            .has_headers(true)
            .from_reader(limited);
        let mut table = Table {
            loc,
            header: Vec::new(),
            reader,
            done: false,
        };
        let header = match table.reader.byte_headers() {
            Ok(h) => h
                .iter()
                .map(|f| String::from_utf8_lossy(f).trim().to_string())
                .collect(),
            Err(e) => return Err(table.error(e)),
        };
        table.header = header;
        Ok(table)
    }

    /// Turn a csv error into a record error that ends the input.
    fn error(&mut self, e: csv::Error) -> RecordError {
        self.done = true;
        let line = e
            .position()
            .map_or_else(|| self.reader.position().line(), |p| p.line());
        match e.into_kind() {
            ErrorKind::Io(io) => {
                if let Some(too_long) = io.get_ref().and_then(|i| i.downcast_ref::<TooLong>()) {
                    return RecordError::fatal(self.loc.at(too_long.line), too_long.to_string());
                }
                RecordError::fatal(self.loc.at(line), io_message(&io))
            }
            other => RecordError::fatal(self.loc.at(line), format!("invalid CSV: {other:?}")),
        }
    }

    fn columns(&self) -> String {
        if self.header.is_empty() {
            return "none".to_string();
        }
        self.header
            .iter()
            .enumerate()
            .map(|(i, h)| format!("{i}: {h}"))
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn find(&self, name: &str) -> Option<usize> {
        self.header.iter().position(|h| h == name).or_else(|| {
            self.header
                .iter()
                .position(|h| h.eq_ignore_ascii_case(name))
        })
    }

    /// The index of a column asked for by the user.
    fn resolve(&self, column: &ColumnRef, flag: &str) -> Result<usize, RecordError> {
        let found = match column {
            ColumnRef::Name(name) => self.find(name),
            ColumnRef::Index(i) => (*i < self.header.len()).then_some(*i),
        };
        found.ok_or_else(|| {
            RecordError::fatal(
                self.loc.at(1),
                format!(
                    "column {column} is not in the header; the columns are {} (use {flag} with \
                     a name or a 0-based index)",
                    self.columns()
                ),
            )
        })
    }

    /// A column by user choice, else the first default present.
    fn pick(
        &self,
        given: Option<&str>,
        defaults: &[&str],
        flag: &str,
    ) -> Result<usize, RecordError> {
        if let Some(given) = given {
            let column: ColumnRef = given.parse().unwrap_or_else(|e| match e {});
            return self.resolve(&column, flag);
        }
        defaults.iter().find_map(|d| self.find(d)).ok_or_else(|| {
            RecordError::fatal(
                self.loc.at(1),
                format!(
                    "no column named {}; the columns are {} (use {flag} with a name or a \
                     0-based index)",
                    defaults.join(" or "),
                    self.columns()
                ),
            )
        })
    }

    /// The next row and the line it starts on.
    fn next_row(&mut self, row: &mut ByteRecord) -> Option<Result<Location, RecordError>> {
        if self.done {
            return None;
        }
        match self.reader.read_byte_record(row) {
            Ok(true) => {
                let line = row.position().map_or(0, csv::Position::line);
                Some(Ok(self.loc.at(line)))
            }
            Ok(false) => {
                self.done = true;
                None
            }
            Err(e) => Some(Err(self.error(e))),
        }
    }

    /// A field of a row as text, required and non-empty.
    fn field(&self, row: &ByteRecord, index: usize) -> Result<String, String> {
        let name = self.header.get(index).map_or("", String::as_str);
        let Some(bytes) = row.get(index) else {
            return Err(format!(
                "the row has {} fields, so it has no column {index} (\"{name}\"); check the \
                 delimiter and the quoting",
                row.len()
            ));
        };
        let text = utf8(bytes.to_vec()).map_err(|m| format!("column \"{name}\" is {m}"))?;
        if text.trim().is_empty() {
            return Err(format!(
                "column \"{name}\" is empty; there is no title to compare"
            ));
        }
        Ok(text)
    }

    /// An optional field of a row; invalid or empty text counts as absent.
    fn optional(&self, row: &ByteRecord, index: Option<usize>) -> Option<String> {
        let bytes = row.get(index?)?;
        let text = std::str::from_utf8(bytes).ok()?.trim();
        (!text.is_empty()).then(|| text.to_string())
    }
}

fn fail<'r, T: Send + 'r>(e: RecordError) -> BoxIter<'r, T> {
    Box::new(std::iter::once(Err(e)))
}

/// Titles, one per row.
pub(super) fn titles<'r, R: Read + Send + 'r>(
    loc: Location,
    reader: R,
    delimiter: u8,
    options: &ReadOptions,
) -> BoxIter<'r, TitleRecord> {
    let mut table = match Table::open(loc, reader, delimiter, options) {
        Ok(t) => t,
        Err(e) => return fail(e),
    };
    let title = match (&options.column, &options.field) {
        (Some(column), _) => table.resolve(column, "--column"),
        // `--field` names a column too, so one flag works for every format.
        (None, Some(field)) => table.resolve(&ColumnRef::Name(field.clone()), "--column"),
        (None, None) => Ok(table.find("title").unwrap_or(0)),
    };
    let title = match title {
        Ok(i) => i,
        Err(e) => return fail(e),
    };
    let id = match &options.id_field {
        Some(name) => match table.resolve(&ColumnRef::Name(name.clone()), "--id-field") {
            Ok(i) => Some(i),
            Err(e) => return fail(e),
        },
        None => table.find("id"),
    };
    let link = table.find("url").or_else(|| table.find("link"));
    let source = table.find("source");
    let mut row = ByteRecord::new();
    Box::new(std::iter::from_fn(move || {
        let here = match table.next_row(&mut row)? {
            Ok(here) => here,
            Err(e) => return Some(Err(e)),
        };
        Some(match table.field(&row, title) {
            Ok(text) => {
                let mut record = TitleRecord::new(here, text);
                record.id = table.optional(&row, id);
                record.link = table.optional(&row, link);
                record.source = table.optional(&row, source);
                Ok(record)
            }
            Err(message) => Err(RecordError::new(here, message)),
        })
    }))
}

/// Pairs, one per row, from the original and rewrite columns.
pub(super) fn pairs<'r, R: Read + Send + 'r>(
    loc: Location,
    reader: R,
    delimiter: u8,
    options: &ReadOptions,
) -> BoxIter<'r, PairRecord> {
    let mut table = match Table::open(loc, reader, delimiter, options) {
        Ok(t) => t,
        Err(e) => return fail(e),
    };
    let columns = table
        .pick(
            options.original_field.as_deref(),
            &ORIGINAL_COLUMNS,
            "--original-field",
        )
        .and_then(|o| {
            let r = table.pick(
                options.rewrite_field.as_deref(),
                &REWRITE_COLUMNS,
                "--rewrite-field",
            )?;
            Ok((o, r))
        });
    let (original, rewrite) = match columns {
        Ok(c) => c,
        Err(e) => return fail(e),
    };
    let teaser = table.find("teaser");
    let mut row = ByteRecord::new();
    Box::new(std::iter::from_fn(move || {
        let here = match table.next_row(&mut row)? {
            Ok(here) => here,
            Err(e) => return Some(Err(e)),
        };
        let pair = table.field(&row, original).and_then(|o| {
            let r = table.field(&row, rewrite)?;
            Ok((o, r))
        });
        Some(match pair {
            Ok((original, rewrite)) => Ok(PairRecord {
                location: here.clone(),
                original,
                rewrite,
                teaser: table.optional(&row, teaser),
                original_location: here.clone(),
                rewrite_location: here,
            }),
            Err(message) => Err(RecordError::new(here, message)),
        })
    }))
}
