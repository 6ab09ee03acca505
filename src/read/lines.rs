//! Line splitting with a length limit, shared by the line, JSON Lines and page readers, and
//! the plain one-title-per-line format itself.

use std::io::{self, BufRead};

use super::{Location, ReadOptions, RecordError, TitleRecord, utf8};

/// One physical line, as [`LineReader::next_line`] found it.
pub(super) enum Line {
    /// The line's bytes are in [`LineReader::bytes`], without `\n` or `\r\n`.
    Text,
    /// The line was longer than the limit; its bytes were dropped.
    TooLong(usize),
}

/// Splits a reader into lines without ever holding more than `max` bytes of one line.
pub(super) struct LineReader<R> {
    reader: R,
    max: usize,
    buf: Vec<u8>,
    line: u64,
    done: bool,
}

impl<R: BufRead> LineReader<R> {
    pub(super) fn new(reader: R, max: usize) -> Self {
        LineReader {
            reader,
            max,
            buf: Vec::new(),
            line: 0,
            done: false,
        }
    }

    /// The 1-based number of the line last returned.
    pub(super) fn line(&self) -> u64 {
        self.line
    }

    /// The bytes of the line last returned as [`Line::Text`].
    pub(super) fn bytes(&self) -> &[u8] {
        &self.buf
    }

    /// Take the bytes of the line last returned.
    pub(super) fn take_bytes(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.buf)
    }

    /// The next line, `None` at the end of the input. After an I/O error, `None`.
    pub(super) fn next_line(&mut self) -> Option<io::Result<Line>> {
        if self.done {
            return None;
        }
        self.buf.clear();
        // Bytes of the line including its ending; whether it ended with "\n" and "\r\n".
        let mut len = 0usize;
        let mut newline = false;
        let mut cr = false;
        let mut last = None;
        let mut seen_any = false;
        loop {
            let available = match self.reader.fill_buf() {
                Ok(bytes) => bytes,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    self.done = true;
                    self.line += 1;
                    return Some(Err(e));
                }
            };
            if available.is_empty() {
                self.done = true;
                if !seen_any {
                    return None;
                }
                break;
            }
            seen_any = true;
            let take = match memchr::memchr(b'\n', available) {
                Some(i) => {
                    newline = true;
                    cr = if i > 0 {
                        available[i - 1] == b'\r'
                    } else {
                        last == Some(b'\r')
                    };
                    i + 1
                }
                None => available.len(),
            };
            last = available[..take].last().copied();
            len += take;
            // Keep up to max + 2 bytes so that a line of exactly `max` bytes plus "\r\n" fits.
            if len <= self.max.saturating_add(2) {
                self.buf.extend_from_slice(&available[..take]);
            }
            self.reader.consume(take);
            if newline {
                break;
            }
        }
        self.line += 1;
        let mut content = len - usize::from(newline) - usize::from(cr);
        if self.line == 1 && self.buf.starts_with(b"\xEF\xBB\xBF") {
            self.buf.drain(..3);
            content -= 3;
        }
        if content > self.max {
            self.buf.clear();
            return Some(Ok(Line::TooLong(content)));
        }
        self.buf.truncate(content);
        Some(Ok(Line::Text))
    }
}

/// The message for a line over the limit.
pub(super) fn too_long_message(len: Option<usize>, max: usize) -> String {
    let size = match len {
        Some(len) => format!("{len} bytes long, over"),
        None => "longer than".to_string(),
    };
    format!(
        "the line is {size} the limit of {max} bytes; if this is one JSON document use \
         --input-format json, or raise --max-line-bytes"
    )
}

/// The message for an I/O error in the middle of an input.
pub(super) fn io_message(e: &io::Error) -> String {
    format!("cannot read further: {e}")
}

/// Records from a line-oriented input, one per line at most. An I/O error or a line over
/// `max` bytes is an error naming the line; `parse` turns each other line (its bytes are in
/// the reader) into a record, or `None` for a line that holds none, such as a blank one.
pub(super) fn line_records<R: BufRead, T>(
    loc: Location,
    reader: R,
    max: usize,
    mut parse: impl FnMut(&mut LineReader<R>, Location) -> Option<Result<T, RecordError>>,
) -> impl Iterator<Item = Result<T, RecordError>> {
    let mut lines = LineReader::new(reader, max);
    std::iter::from_fn(move || {
        loop {
            let line = lines.next_line()?;
            let here = loc.at(lines.line());
            let record = match line {
                Err(e) => Some(Err(RecordError::fatal(here, io_message(&e)))),
                Ok(Line::TooLong(len)) => Some(Err(RecordError::new(
                    here,
                    too_long_message(Some(len), max),
                ))),
                Ok(Line::Text) => parse(&mut lines, here),
            };
            if record.is_some() {
                return record;
            }
        }
    })
}

/// One title per line; blank lines are skipped.
pub(super) fn titles<R: BufRead>(
    loc: Location,
    reader: R,
    options: &ReadOptions,
) -> impl Iterator<Item = Result<TitleRecord, RecordError>> + use<R> {
    line_records(loc, reader, options.max_line_bytes, |lines, here| {
        match utf8(lines.take_bytes()) {
            // Blank lines are not records (they still count for line numbers).
            Ok(title) if title.trim().is_empty() => None,
            Ok(title) => Some(Ok(TitleRecord::new(here, title))),
            Err(message) => Some(Err(RecordError::new(
                here,
                format!("the line is {message}"),
            ))),
        }
    })
}
