//! A byte filter in front of the csv reader that catches what the csv crate lets through.
//!
//! The csv crate reads a quoted field that is never closed as one field running to the end
//! of the input, and reports nothing: `"unterminated,1\nfine,2\n` becomes one record and every
//! later row disappears into it. It also buffers a physical line of any length. This guard
//! follows the same quoting rules as the csv reader it feeds (RFC 4180: `"` quotes, `""` is
//! an escaped quote, a quote only opens a field at its start) and stops the stream with a
//! [`Broken`] error when a quoted field is still open at the end of the input, when it has run
//! for more than the line limit, or when a physical line is longer than the limit. It keeps
//! the bytes of the open quoted field (at most the limit), so that the table can start a new
//! csv reader on the line after the bad one ([`Guard::resume`]): one bad row is one error, and
//! the rows after it are still read.

use std::fmt;
use std::io::{self, Cursor, Read};

/// What stopped the stream, carried inside the `io::Error` the csv reader returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Broken {
    /// A physical line is longer than the limit.
    TooLong {
        /// The 1-based line.
        line: u64,
    },
    /// A quoted field opened on `line` is not closed: the input ended (`at_end`), or the field
    /// ran on past the limit.
    Unclosed {
        /// The 1-based line holding the opening quote.
        line: u64,
        /// Whether the input ended inside the field.
        at_end: bool,
    },
}

impl Broken {
    /// The line the problem is on.
    pub(super) fn line(self) -> u64 {
        match self {
            Broken::TooLong { line } | Broken::Unclosed { line, .. } => line,
        }
    }
}

impl fmt::Display for Broken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Broken::TooLong { .. } => f.write_str("a line is over the limit"),
            Broken::Unclosed { .. } => f.write_str("a quoted field is not closed"),
        }
    }
}

impl std::error::Error for Broken {}

/// Where the quoting rules are, byte by byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// At the start of a field (or a record).
    FieldStart,
    /// Inside an unquoted field.
    Unquoted,
    /// Inside a quoted field.
    Quoted,
    /// Just after a quote inside a quoted field: it closes the field or starts `""`.
    QuoteInQuoted,
}

/// The reader the csv crate reads from; see the module docs.
pub(super) struct Guard<'r> {
    inner: Box<dyn Read + Send + 'r>,
    delimiter: u8,
    quoting: bool,
    max: usize,
    line: u64,
    /// Bytes of the current physical line so far.
    current: usize,
    state: State,
    /// The line of the open quote and the bytes handed out since it opened.
    open: Option<(u64, Vec<u8>)>,
    /// Discard bytes up to and including the next newline (the rest of a bad line).
    skipping: bool,
    failed: Option<Broken>,
}

impl<'r> Guard<'r> {
    /// A guard over `inner`, whose first byte is on `line`.
    pub(super) fn new(
        inner: Box<dyn Read + Send + 'r>,
        delimiter: u8,
        quoting: bool,
        max: usize,
        line: u64,
    ) -> Self {
        Guard {
            inner,
            delimiter,
            quoting,
            max,
            line,
            current: 0,
            state: State::FieldStart,
            open: None,
            skipping: false,
            failed: None,
        }
    }

    /// The 1-based physical line (counting `\n` only) of the last byte handed out: where a
    /// read error of the input below happened.
    pub(super) fn line(&self) -> u64 {
        self.line
    }

    /// After a [`Broken`] error: a guard that reads on from the line after the bad one, and
    /// that line's number. The bytes of an open quoted field are read again, past its first
    /// line; the rest of a line over the limit is skipped.
    pub(super) fn resume(self) -> (Guard<'r>, u64) {
        let (line, saved) = match (self.failed, self.open) {
            (Some(Broken::Unclosed { line, .. }), Some((_, saved))) => (line, saved),
            _ => (self.line, Vec::new()),
        };
        let inner: Box<dyn Read + Send + 'r> = Box::new(Cursor::new(saved).chain(self.inner));
        let mut next = Guard::new(inner, self.delimiter, self.quoting, self.max, line);
        next.skipping = true;
        (next, line + 1)
    }

    fn fail(&mut self, broken: Broken) -> io::Error {
        self.failed = Some(broken);
        io::Error::new(io::ErrorKind::InvalidData, broken)
    }

    /// Follow one byte; `Some` when it breaks the input.
    fn step(&mut self, b: u8) -> Option<Broken> {
        if b == b'\n' {
            self.line += 1;
            self.current = 0;
        } else {
            self.current += 1;
        }
        let ends_field = |b: u8| b == self.delimiter || b == b'\n' || b == b'\r';
        self.state = match self.state {
            State::FieldStart | State::Unquoted if ends_field(b) => State::FieldStart,
            State::FieldStart if self.quoting && b == b'"' => {
                self.open = Some((self.line, Vec::new()));
                State::Quoted
            }
            State::FieldStart | State::Unquoted => State::Unquoted,
            State::Quoted if b == b'"' => State::QuoteInQuoted,
            State::Quoted => State::Quoted,
            State::QuoteInQuoted if b == b'"' => State::Quoted,
            State::QuoteInQuoted => {
                self.open = None;
                if ends_field(b) {
                    State::FieldStart
                } else {
                    State::Unquoted
                }
            }
        };
        if let Some((line, saved)) = &mut self.open {
            saved.push(b);
            if saved.len() > self.max {
                return Some(Broken::Unclosed {
                    line: *line,
                    at_end: false,
                });
            }
            return None;
        }
        // The "\r" of a "\r\n" ending does not count.
        (self.current > self.max.saturating_add(1)).then_some(Broken::TooLong { line: self.line })
    }

    /// Follow the first `n` bytes of `buf`; the count handed out.
    fn follow(&mut self, buf: &mut [u8], n: usize) -> io::Result<usize> {
        for (i, &b) in buf[..n].iter().enumerate() {
            if let Some(broken) = self.step(b) {
                self.failed = Some(broken);
                // Hand over the rows before the problem first; the error comes next read.
                if i > 0 {
                    return Ok(i);
                }
                return Err(self.fail(broken));
            }
        }
        Ok(n)
    }
}

impl Read for Guard<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if let Some(broken) = self.failed {
            return Err(self.fail(broken));
        }
        if buf.is_empty() {
            return Ok(0);
        }
        loop {
            let n = self.inner.read(buf)?;
            if n == 0 {
                if let Some(line) = self.open.as_ref().map(|(line, _)| *line) {
                    return Err(self.fail(Broken::Unclosed { line, at_end: true }));
                }
                return Ok(0);
            }
            if !self.skipping {
                return self.follow(buf, n);
            }
            let Some(newline) = memchr::memchr(b'\n', &buf[..n]) else {
                continue;
            };
            self.skipping = false;
            self.line += 1;
            self.current = 0;
            if newline + 1 < n {
                buf.copy_within(newline + 1..n, 0);
                return self.follow(buf, n - newline - 1);
            }
        }
    }
}
