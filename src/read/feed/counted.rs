//! A `BufRead` that counts the newlines of the bytes its reader has consumed, so that the
//! XML parser's position becomes a line number without keeping the text.

use std::io::{self, BufRead, Read};

/// Counts the `\n` bytes consumed through [`BufRead::consume`] (and plain reads).
pub(super) struct Counted<R> {
    inner: R,
    newlines: u64,
}

impl<R> Counted<R> {
    pub(super) fn new(inner: R) -> Self {
        Counted { inner, newlines: 0 }
    }

    /// The 1-based line of the next byte to be consumed.
    pub(super) fn line(&self) -> u64 {
        self.newlines + 1
    }
}

fn newlines(bytes: &[u8]) -> u64 {
    memchr::memchr_iter(b'\n', bytes).count() as u64
}

impl<R: BufRead> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.newlines += newlines(&buf[..n]);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Counted<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amount: usize) {
        // The bytes being consumed are the front of the buffer the last `fill_buf` returned;
        // asking again returns that buffer without reading (a buffer still holding bytes is
        // never refilled), so no input is read here.
        if amount > 0
            && let Ok(buffer) = self.inner.fill_buf()
        {
            self.newlines += newlines(&buffer[..amount.min(buffer.len())]);
        }
        self.inner.consume(amount);
    }
}

#[cfg(test)]
mod tests {
    use std::io::{BufReader, Cursor};

    use super::*;

    #[test]
    fn counts_the_lines_of_what_was_consumed_only() {
        let text = b"a\nb\n\nc";
        // A tiny buffer, so that consuming crosses refills.
        let mut counted = Counted::new(BufReader::with_capacity(2, Cursor::new(&text[..])));
        assert_eq!(counted.line(), 1);
        let mut seen = Vec::new();
        loop {
            let buffer = counted.fill_buf().unwrap();
            if buffer.is_empty() {
                break;
            }
            let take = 1;
            seen.push(buffer[0]);
            counted.consume(take);
            let lines = 1 + seen.iter().filter(|&&b| b == b'\n').count() as u64;
            assert_eq!(counted.line(), lines);
        }
        assert_eq!(seen, text);
        assert_eq!(counted.line(), 4);
    }

    #[test]
    fn plain_reads_count_too() {
        let mut counted = Counted::new(Cursor::new(b"x\ny\n".to_vec()));
        let mut out = String::new();
        counted.read_to_string(&mut out).unwrap();
        assert_eq!(counted.line(), 3);
    }
}
