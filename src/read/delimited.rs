//! CSV and TSV through the `csv` crate, streamed row by row. The first row is the header.
//! CSV fields may be quoted and hold newlines; TSV is read without quoting (IANA TSV), since
//! headlines often start with a quotation mark.
//!
//! The bytes pass through a [`Guard`] first: a quoted field never closed, or a line over the
//! limit, is one bad row (an error at its line), and reading goes on at the next line.

use std::io::{self, Read};

use csv::{ByteRecord, ErrorKind};

use super::csv_guard::{Broken, Guard};
use super::lines::{io_message, too_long_message};
use super::{
    BoxIter, ColumnRef, Location, PairRecord, ReadOptions, RecordError, Row, TitleRecord,
    parse_time, utf8,
};

const ORIGINAL_COLUMNS: [&str; 2] = ["original", "left"];
const REWRITE_COLUMNS: [&str; 3] = ["rewrite", "rewritten", "right"];

/// The header and the reader positioned at the next row.
struct Table<'r> {
    loc: Location,
    /// `None` only while a new reader is started after a bad row.
    reader: Option<csv::Reader<Guard<'r>>>,
    delimiter: u8,
    max: usize,
    /// Lines before the current reader's first line (it counts from 1 again after a bad row).
    offset: u64,
    header: Vec<String>,
    /// Whether a row (good or bad) followed the header.
    any_row: bool,
    done: bool,
}

fn csv_reader<'r>(guard: Guard<'r>, delimiter: u8, has_headers: bool) -> csv::Reader<Guard<'r>> {
    csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .quoting(delimiter == b',')
        .flexible(true)
        .has_headers(has_headers)
        .from_reader(guard)
}

impl<'r> Table<'r> {
    fn open(
        loc: Location,
        reader: impl Read + Send + 'r,
        delimiter: u8,
        options: &ReadOptions,
    ) -> Result<Self, RecordError> {
        let max = options.max_line_bytes;
        let guard = Guard::new(Box::new(reader), delimiter, delimiter == b',', max, 1);
        let mut reader = csv_reader(guard, delimiter, true);
        let header = match reader.byte_headers() {
            Ok(h) => h
                .iter()
                // A UTF-8 byte order mark is not part of the first column's name.
                .map(|f| {
                    String::from_utf8_lossy(f)
                        .trim_start_matches('\u{feff}')
                        .trim()
                        .to_string()
                })
                .collect(),
            Err(e) => {
                // Without a header no row can be read: even a bad header ends the input.
                let line = e.position().map_or(1, csv::Position::line);
                let (line, message) = match e.into_kind() {
                    ErrorKind::Io(io) => match broken(&io) {
                        Some(b) => (b.line(), broken_message(b, max)),
                        // The guard's line, where the input stopped; the csv reader's
                        // is where the next record would start, which may not exist.
                        None => (reader.get_ref().line(), io_message(&io)),
                    },
                    other => (line, format!("invalid CSV: {other:?}")),
                };
                return Err(RecordError::fatal(loc.at(line), message));
            }
        };
        Ok(Table {
            loc,
            reader: Some(reader),
            delimiter,
            max,
            offset: 0,
            header,
            any_row: false,
            done: false,
        })
    }

    /// Turn a csv error into a record error: a bad row when the guard caught it (reading goes
    /// on at the next line), else an error that ends the input.
    fn error(&mut self, e: csv::Error) -> RecordError {
        let Some(reader) = self.reader.take() else {
            self.done = true;
            return RecordError::fatal(self.loc.clone(), "the CSV reader was lost");
        };
        let line = self.offset
            + e.position()
                .map_or_else(|| reader.position().line(), csv::Position::line);
        match e.into_kind() {
            ErrorKind::Io(io) => {
                if let Some(b) = broken(&io) {
                    let (guard, next) = reader.into_inner().resume();
                    self.reader = Some(csv_reader(guard, self.delimiter, false));
                    self.offset = next - 1;
                    return RecordError::new(self.loc.at(b.line()), broken_message(b, self.max));
                }
                self.done = true;
                // The guard's line, where the input stopped: after a line over the limit the
                // csv reader counts from the line after it, which may not exist.
                RecordError::fatal(self.loc.at(reader.get_ref().line()), io_message(&io))
            }
            other => {
                self.done = true;
                RecordError::fatal(self.loc.at(line), format!("invalid CSV: {other:?}"))
            }
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
        let reader = self.reader.as_mut()?;
        let read = reader.read_byte_record(row);
        self.any_row |= !matches!(read, Ok(false));
        match read {
            Ok(true) => {
                let line = row.position().map_or(0, csv::Position::line);
                Some(Ok(self.loc.at(self.offset + line)))
            }
            Ok(false) => {
                self.done = true;
                // A header and nothing else is an empty batch: a broken step upstream.
                (!self.any_row).then(|| {
                    Err(RecordError::fatal(
                        self.loc.at(1),
                        "the input holds its header row and nothing else; there are no \
                         records to read (check the step that wrote it)",
                    ))
                })
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

/// The guard's verdict inside an I/O error, if that is what the error is.
fn broken(io: &io::Error) -> Option<Broken> {
    io.get_ref()?.downcast_ref::<Broken>().copied()
}

fn broken_message(broken: Broken, max: usize) -> String {
    match broken {
        Broken::TooLong { .. } => too_long_message(None, max),
        Broken::Unclosed { at_end: true, .. } => "a quoted field opens on this line and is never \
            closed, so every later row would be part of it; close the quote (a quote inside a \
            quoted field is written twice: \"\"); reading goes on at the next line"
            .to_string(),
        Broken::Unclosed { at_end: false, .. } => format!(
            "a quoted field opens on this line and runs on for more than {max} bytes without a \
             closing quote; close the quote (a quote inside a quoted field is written twice: \
             \"\"), or raise --max-line-bytes; reading goes on at the next line"
        ),
    }
}

fn fail<'r, T: Send + 'r>(e: RecordError) -> BoxIter<'r, T> {
    Box::new(std::iter::once(Err(e)))
}

/// Titles, one per row.
pub(super) fn titles<'r>(
    loc: Location,
    reader: impl Read + Send + 'r,
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
    let time = match &options.time_field {
        Some(name) => match table.resolve(&ColumnRef::Name(name.clone()), "--time-field") {
            Ok(i) => Some(i),
            Err(e) => return fail(e),
        },
        None => None,
    };
    let time_name = options.time_field.clone();
    let link = table.find("url").or_else(|| table.find("link"));
    let source = table.find("source");
    let mut row = ByteRecord::new();
    Box::new(std::iter::from_fn(move || {
        let here = match table.next_row(&mut row)? {
            Ok(here) => here,
            Err(e) => return Some(Err(e)),
        };
        let time = table
            .optional(&row, time)
            .map(|t| parse_time(&t))
            .transpose()
            .map_err(|m| {
                format!(
                    "column \"{}\": {m}",
                    time_name.as_deref().unwrap_or_default()
                )
            });
        Some(match (table.field(&row, title), time) {
            (Ok(text), Ok(time)) => {
                let mut record = TitleRecord::new(here, text);
                record.id = table.optional(&row, id);
                record.link = table.optional(&row, link);
                record.source = table.optional(&row, source);
                record.time = time;
                Ok(record)
            }
            (Err(message), _) | (_, Err(message)) => Err(RecordError::new(here, message)),
        })
    }))
}

/// Every row with each field as text; the header comes first, apart.
pub(super) fn rows<'r>(
    loc: Location,
    reader: impl Read + Send + 'r,
    delimiter: u8,
    options: &ReadOptions,
) -> Result<(Vec<String>, BoxIter<'r, Row>), RecordError> {
    let mut table = Table::open(loc, reader, delimiter, options)?;
    let header = table.header.clone();
    let mut row = ByteRecord::new();
    let rows = std::iter::from_fn(move || {
        let here = match table.next_row(&mut row)? {
            Ok(here) => here,
            Err(e) => return Some(Err(e)),
        };
        let fields = row
            .iter()
            .enumerate()
            .map(|(i, bytes)| {
                utf8(bytes.to_vec()).map_err(|m| {
                    let name = table.header.get(i).map_or("", String::as_str);
                    RecordError::new(here.clone(), format!("column \"{name}\" is {m}"))
                })
            })
            .collect::<Result<Vec<_>, _>>();
        Some(fields.map(|fields| Row {
            location: here,
            fields,
        }))
    });
    Ok((header, Box::new(rows)))
}

/// Pairs, one per row, from the original and rewrite columns.
pub(super) fn pairs<'r>(
    loc: Location,
    reader: impl Read + Send + 'r,
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
