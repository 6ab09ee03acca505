//! Input readers: turn files in many formats into title records that remember where they came
//! from.
//!
//! Every later stage of the pipeline (normalize, candidates, classify, report) works on plain
//! strings, but a finding is only useful if the user can jump to the line that holds it. This
//! module is the single place that knows about file formats, compression, encodings and broken
//! input, and it hands the rest of the library records that carry a [`Location`] (`file:line`).
//!
//! # Formats
//!
//! | [`InputFormat`] | what one record is | streamed |
//! |---|---|---|
//! | `lines` | one title per line; blank lines are skipped (they are not records, but they still count for line numbers) | yes |
//! | `jsonl` | one JSON object per line; the title is a dot path (`--field item.title`, default `title`) | yes |
//! | `json`  | a top-level array of objects, or an object with one array member (`items`, …) | no, parsed whole |
//! | `csv`, `tsv` | one row; the first row is the header; the title column is chosen by name or 0-based index | yes |
//! | `feed`  | an RSS 2.0, RSS 1.0 or Atom entry | yes |
//! | `page`  | the text of a scraped article page with a "You May Also Like" list of original/rewritten headlines | no, parsed whole |
//!
//! The format comes from [`ReadOptions::format`], else from the file extension
//! ([`InputFormat::from_path`]), else from the content ([`sniff`]). A `.txt` file whose content
//! holds a "You May Also Like" line is read as a page. Gzip input (`.gz`, or any input that
//! starts with the gzip magic bytes) is decompressed transparently.
//!
//! Before the first record, up to 64 KiB are read ahead to detect gzip, binary data and the
//! format, so a record from a slow pipe appears once 64 KiB (or the end) has arrived.
//!
//! # Line numbers
//!
//! Lines are 1-based and count every line, blank or not. A CSV/TSV row is at the line it
//! starts on (a quoted field may span lines). A JSON element is at the line of its first byte
//! (exact: each element is parsed on its own). A page record is at its headline's line. Feed
//! entries are at the line of their first `<title>` start tag (exact: the XML parser's
//! position), or of their own start tag when they have no title.
//!
//! # Errors
//!
//! A bad record is a [`RecordError`] in the iterator and the next record follows, so the caller
//! decides whether to stop or skip (with [`ReadOptions::skip_invalid`] the iterators skip bad
//! records themselves and count them, see [`Titles::skipped`]). Errors that end the input (a
//! binary file, an I/O error, a JSON document or feed that does not parse) are always yielded;
//! [`RecordError::ends_input`] tells them apart. Readers never panic and never print.
//!
//! An input with no bytes at all (or only whitespace) yields one error: an empty batch is
//! almost always a broken pipeline upstream. Errors about the input as a whole (it is empty,
//! it cannot be opened or read) are at [`Location::whole`], shown as the path alone.
//!
//! # Example
//!
//! ```
//! use neardup::read::{ReadOptions, read_titles};
//!
//! let input = "{\"title\": \"US beats Canada 2-1 in overtime\"}\n{\"headline\": \"Gold!\"}\n";
//! let mut titles = Vec::new();
//! let mut problems = Vec::new();
//! for record in read_titles("feed.jsonl", input.as_bytes(), &ReadOptions::default()) {
//!     match record {
//!         Ok(record) => titles.push((record.location.to_string(), record.title)),
//!         Err(e) => problems.push(e.to_string()),
//!     }
//! }
//! assert_eq!(titles, [("feed.jsonl:1".to_string(), "US beats Canada 2-1 in overtime".to_string())]);
//! assert_eq!(
//!     problems,
//!     ["feed.jsonl:2: field \"title\" is missing; the record has fields: headline (use --field headline)"]
//! );
//! ```

use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Cursor, Read};
use std::path::Path;
use std::str::FromStr;
use std::sync::Arc;

use serde::{Serialize, Serializer};

mod csv_guard;
mod delimited;
mod feed;
mod json;
mod lines;
mod page;
mod time;

pub use time::{UnixSeconds, parse_time};

/// The path shown for standard input.
pub const STDIN_NAME: &str = "<stdin>";

/// Default for [`ReadOptions::max_line_bytes`]: 1 MiB.
pub const DEFAULT_MAX_LINE_BYTES: usize = 1 << 20;

/// How many bytes are looked at to sniff the format.
const SNIFF_BYTES: usize = 64 * 1024;
/// How many bytes are checked for NUL to detect binary input.
const BINARY_CHECK_BYTES: usize = 8 * 1024;

/// Where a record came from: a file (or `-` for stdin) and a 1-based line.
///
/// Line 0 means the input as a whole (it cannot be opened, it is a directory, it is empty):
/// such a location is shown as the path alone, since no line of it is at fault.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Location {
    /// The path as the user gave it; `-` means standard input.
    #[serde(serialize_with = "serialize_display_path")]
    pub path: Arc<str>,
    /// 1-based line number; 0 for the input as a whole.
    pub line: u64,
}

impl Location {
    /// A location in `path` at 1-based `line`.
    pub fn new(path: impl Into<Arc<str>>, line: u64) -> Self {
        Location {
            path: path.into(),
            line,
        }
    }

    /// The input `path` as a whole, not one of its lines (line 0).
    pub fn whole(path: impl Into<Arc<str>>) -> Self {
        Location::new(path, 0)
    }

    /// The path as shown to users: `<stdin>` for `-`, else the path itself.
    pub fn display_path(&self) -> &str {
        display_path(&self.path)
    }

    fn at(&self, line: u64) -> Location {
        Location {
            path: Arc::clone(&self.path),
            line,
        }
    }
}

fn display_path(path: &str) -> &str {
    if path == "-" { STDIN_NAME } else { path }
}

fn serialize_display_path<S: Serializer>(path: &Arc<str>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(display_path(path))
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            return f.write_str(self.display_path());
        }
        write!(f, "{}:{}", self.display_path(), self.line)
    }
}

/// The input formats neardup reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum InputFormat {
    /// One title per line.
    Lines,
    /// One JSON object per line.
    Jsonl,
    /// A JSON array of objects (or an object holding one).
    Json,
    /// Comma-separated values with a header row.
    Csv,
    /// Tab-separated values with a header row, no quoting.
    Tsv,
    /// RSS 2.0 or Atom.
    Feed,
    /// The text of a scraped page with a "You May Also Like" list.
    Page,
}

impl InputFormat {
    /// Every format, in the order shown in help texts.
    pub const ALL: [InputFormat; 7] = [
        InputFormat::Lines,
        InputFormat::Jsonl,
        InputFormat::Json,
        InputFormat::Csv,
        InputFormat::Tsv,
        InputFormat::Feed,
        InputFormat::Page,
    ];

    /// The name used on the command line and in config files.
    pub fn name(self) -> &'static str {
        match self {
            InputFormat::Lines => "lines",
            InputFormat::Jsonl => "jsonl",
            InputFormat::Json => "json",
            InputFormat::Csv => "csv",
            InputFormat::Tsv => "tsv",
            InputFormat::Feed => "feed",
            InputFormat::Page => "page",
        }
    }

    /// The format a file extension says, looking through a trailing `.gz`
    /// (`headlines.txt.gz` is [`InputFormat::Lines`]). `None` when the extension says nothing.
    pub fn from_path(path: &Path) -> Option<InputFormat> {
        let mut ext = lower_ext(path)?;
        if ext == "gz" {
            let stem = path.file_stem()?;
            ext = lower_ext(Path::new(stem))?;
        }
        Some(match ext.as_str() {
            "txt" | "text" | "lst" => InputFormat::Lines,
            "jsonl" | "ndjson" => InputFormat::Jsonl,
            "json" => InputFormat::Json,
            "csv" => InputFormat::Csv,
            "tsv" | "tab" => InputFormat::Tsv,
            "xml" | "rss" | "atom" => InputFormat::Feed,
            _ => return None,
        })
    }
}

fn lower_ext(path: &Path) -> Option<String> {
    Some(path.extension()?.to_str()?.to_ascii_lowercase())
}

impl fmt::Display for InputFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for InputFormat {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let lower = s.trim().to_ascii_lowercase();
        let found = match lower.as_str() {
            "ndjson" => Some(InputFormat::Jsonl),
            "txt" | "text" => Some(InputFormat::Lines),
            "rss" | "atom" | "xml" => Some(InputFormat::Feed),
            _ => InputFormat::ALL.into_iter().find(|f| f.name() == lower),
        };
        found.ok_or_else(|| {
            let names: Vec<&str> = InputFormat::ALL.iter().map(|f| f.name()).collect();
            format!(
                "unknown input format `{s}`; expected one of: {}",
                names.join(", ")
            )
        })
    }
}

/// Guess the format from the first bytes of an input (after decompression).
///
/// `<?xml`, `<rss`, `<feed` or `<rdf:RDF` is a feed; `[` is JSON; `{` is JSON Lines when the
/// first line holds a whole object, else one pretty-printed JSON document; a line reading
/// "You May Also Like" is a page; a first line with a tab is TSV; everything else is lines.
/// CSV is never guessed, since headlines are full of commas.
pub fn sniff(first_bytes: &[u8]) -> InputFormat {
    let bytes = first_bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(first_bytes);
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    let body = &bytes[start..];
    let starts = |p: &[u8]| body.len() >= p.len() && body[..p.len()].eq_ignore_ascii_case(p);
    if starts(b"<?xml") || starts(b"<rss") || starts(b"<feed") || starts(b"<rdf:rdf") {
        return InputFormat::Feed;
    }
    if body.starts_with(b"[") {
        return InputFormat::Json;
    }
    if body.starts_with(b"{") {
        let first_line = body.split(|&b| b == b'\n').next().unwrap_or(body);
        return if first_line.trim_ascii_end().ends_with(b"}") {
            InputFormat::Jsonl
        } else {
            InputFormat::Json
        };
    }
    if page::has_marker(bytes) {
        return InputFormat::Page;
    }
    let first_line = bytes.split(|&b| b == b'\n').next().unwrap_or(bytes);
    if first_line.contains(&b'\t') {
        return InputFormat::Tsv;
    }
    InputFormat::Lines
}

/// Pick the format: the explicit one, else the extension (a `.txt` file that sniffs as a page
/// is a page), else the content.
pub fn resolve_format(
    explicit: Option<InputFormat>,
    path: &str,
    first_bytes: &[u8],
) -> InputFormat {
    if let Some(format) = explicit {
        return format;
    }
    let by_path = if path == "-" {
        None
    } else {
        InputFormat::from_path(Path::new(path))
    };
    match by_path {
        Some(InputFormat::Lines) if page::has_marker(first_bytes) => InputFormat::Page,
        Some(format) => format,
        None => sniff(first_bytes),
    }
}

/// A column of a CSV/TSV file: a header name or a 0-based index.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ColumnRef {
    /// A header name, matched exactly first, then ignoring ASCII case.
    Name(String),
    /// A 0-based column index.
    Index(usize),
}

impl FromStr for ColumnRef {
    type Err = std::convert::Infallible;

    /// All digits is an index, anything else a name.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s.parse::<usize>() {
            Ok(i) if !s.starts_with('+') => ColumnRef::Index(i),
            _ => ColumnRef::Name(s.to_string()),
        })
    }
}

impl fmt::Display for ColumnRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ColumnRef::Name(name) => write!(f, "\"{name}\""),
            ColumnRef::Index(i) => write!(f, "{i}"),
        }
    }
}

/// How to read an input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadOptions {
    /// The format; `None` means from the extension, else sniffed from the content.
    pub format: Option<InputFormat>,
    /// JSON: dot path of the title (`item.title`); `None` means `title`.
    pub field: Option<String>,
    /// JSON: dot path of the id; `None` means `id` when present. CSV/TSV: the id column name.
    pub id_field: Option<String>,
    /// JSON: dot path of the time a record was published; CSV/TSV: its column. `None`: no
    /// time is read (feeds always give their entries' dates). See [`parse_time`] for the
    /// forms accepted.
    pub time_field: Option<String>,
    /// CSV/TSV: the title column; `None` means the column named by [`ReadOptions::field`]
    /// if set, else the `title` column if the header has one, else the first column.
    pub column: Option<ColumnRef>,
    /// Pairs: the original's JSON dot path or CSV/TSV column (name or 0-based index);
    /// `None` means `original` (or `left`).
    pub original_field: Option<String>,
    /// Pairs: the rewrite's JSON dot path or CSV/TSV column (name or 0-based index);
    /// `None` means `rewrite` (or `rewritten`, `right`).
    pub rewrite_field: Option<String>,
    /// Skip records that cannot be read, counting them, instead of yielding errors.
    /// Errors that end the input are still yielded.
    pub skip_invalid: bool,
    /// The longest line accepted, in bytes, without its line ending; a longer line is an
    /// error, not an out-of-memory abort. Default [`DEFAULT_MAX_LINE_BYTES`].
    pub max_line_bytes: usize,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            format: None,
            field: None,
            id_field: None,
            time_field: None,
            column: None,
            original_field: None,
            rewrite_field: None,
            skip_invalid: false,
            max_line_bytes: DEFAULT_MAX_LINE_BYTES,
        }
    }
}

/// One title read from an input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TitleRecord {
    /// Where the title is.
    pub location: Location,
    /// The title as the input holds it (page and feed titles are trimmed).
    pub title: String,
    /// The record's id, when the input has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The record's link (`url`/`link` in JSON and CSV, the entry link in feeds).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    /// When it was published, as the input writes it (feeds only: RSS `pubDate`, Atom
    /// `published`, RSS 1.0 `dc:date`; the Atom `updated` date when there is none). Parsed,
    /// it is [`time`](Self::time).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// Where it came from: the feed title or the entry's source; `source` in JSON and CSV.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// When it was published, in seconds since the Unix epoch: a feed entry's date, or the
    /// [`ReadOptions::time_field`] of a JSON or CSV record.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time: Option<UnixSeconds>,
}

impl TitleRecord {
    fn new(location: Location, title: String) -> Self {
        TitleRecord {
            location,
            title,
            id: None,
            link: None,
            published: None,
            source: None,
            time: None,
        }
    }
}

/// An original title and its rewrite, for the `pairs` command.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PairRecord {
    /// Where the record starts.
    pub location: Location,
    /// The original headline.
    pub original: String,
    /// The rewritten title.
    pub rewrite: String,
    /// The teaser under the rewrite, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub teaser: Option<String>,
    /// Where the original is.
    pub original_location: Location,
    /// Where the rewrite is.
    pub rewrite_location: Location,
}

/// A record that cannot be read, or an input that cannot be read any further.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecordError {
    /// Where the problem is.
    pub location: Location,
    /// What is wrong and what to do about it.
    pub message: String,
    #[serde(skip)]
    ends_input: bool,
}

impl RecordError {
    /// A bad record; reading goes on with the next one.
    pub fn new(location: Location, message: impl Into<String>) -> Self {
        RecordError {
            location,
            message: message.into(),
            ends_input: false,
        }
    }

    /// A problem after which nothing more can be read from this input.
    pub fn fatal(location: Location, message: impl Into<String>) -> Self {
        RecordError {
            ends_input: true,
            ..RecordError::new(location, message)
        }
    }

    /// Whether this error ended the input (binary file, I/O error, a document that does not
    /// parse): no records follow it, and [`ReadOptions::skip_invalid`] does not skip it.
    pub fn ends_input(&self) -> bool {
        self.ends_input
    }
}

impl fmt::Display for RecordError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.message)
    }
}

impl std::error::Error for RecordError {}

impl From<RecordError> for crate::error::Error {
    fn from(e: RecordError) -> Self {
        crate::error::Error::Input {
            path: e.location.display_path().to_string(),
            line: e.location.line,
            message: e.message,
        }
    }
}

/// Open a path for reading, or standard input for `-`. Decompression and format detection
/// happen in [`read_titles`] / [`read_pairs`]. A directory is an error here, not at the
/// first read.
pub fn open_input(path: &str) -> io::Result<Box<dyn BufRead + Send>> {
    if path == "-" {
        return Ok(Box::new(BufReader::new(io::stdin())));
    }
    let file = File::open(path)?;
    if file.metadata()?.is_dir() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "it is a directory; give the files inside it instead (e.g. dir/*.jsonl)",
        ));
    }
    Ok(Box::new(BufReader::with_capacity(64 * 1024, file)))
}

/// The error for an input that [`open_input`] could not open. Every command treats it the
/// same way: the input is reported as failed (naming no line, since none was read) and the
/// other inputs are still read.
pub fn open_error(path: &str, error: &io::Error) -> RecordError {
    RecordError::fatal(Location::whole(path), format!("cannot open: {error}"))
}

type BoxIter<'r, T> = Box<dyn Iterator<Item = Result<T, RecordError>> + Send + 'r>;

/// A stream of records; see [`read_titles`] and [`read_pairs`].
pub struct Records<'r, T> {
    inner: BoxIter<'r, T>,
    skip_invalid: bool,
    skipped: u64,
}

/// The iterator [`read_titles`] returns.
pub type Titles<'r> = Records<'r, TitleRecord>;
/// The iterator [`read_pairs`] returns.
pub type Pairs<'r> = Records<'r, PairRecord>;

impl<T> Records<'_, T> {
    /// How many bad records were skipped so far (only with [`ReadOptions::skip_invalid`]).
    pub fn skipped(&self) -> u64 {
        self.skipped
    }
}

impl<T> fmt::Debug for Records<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Records")
            .field("skip_invalid", &self.skip_invalid)
            .field("skipped", &self.skipped)
            .finish_non_exhaustive()
    }
}

impl<T> Iterator for Records<'_, T> {
    type Item = Result<T, RecordError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            match self.inner.next()? {
                Err(e) if self.skip_invalid && !e.ends_input() => self.skipped += 1,
                item => return Some(item),
            }
        }
    }
}

/// What [`prepare`] found out about an input before any record is read.
enum Prepared<'r> {
    Ready {
        reader: Box<dyn BufRead + Send + 'r>,
        format: InputFormat,
    },
    Failed(RecordError),
}

/// Peek at the start of the input: gunzip, reject binary and empty input, pick the format.
fn prepare<'r>(
    path: &str,
    mut reader: Box<dyn BufRead + Send + 'r>,
    explicit: Option<InputFormat>,
) -> Prepared<'r> {
    let loc = Location::whole(path);
    let io_error = |e: io::Error| {
        Prepared::Failed(RecordError::fatal(loc.clone(), format!("cannot read: {e}")))
    };
    // An error after some bytes (a gzip stream cut short) comes after the records in them.
    let (mut head, mut failed) = peek(&mut reader);
    if head.starts_with(&[0x1f, 0x8b]) && failed.is_none() {
        let chained = Cursor::new(head).chain(reader);
        let decoder = flate2::bufread::MultiGzDecoder::new(chained);
        reader = Box::new(BufReader::with_capacity(64 * 1024, GzErrors(decoder)));
        (head, failed) = peek(&mut reader);
    }
    if head.is_empty()
        && let Some(e) = failed
    {
        return io_error(e);
    }
    if let Some(e) = failed {
        reader = Box::new(BufReader::new(Deferred(Some(e))));
    }
    if let Some(offset) = head.iter().take(BINARY_CHECK_BYTES).position(|&b| b == 0) {
        let line = 1 + head[..offset].iter().filter(|&&b| b == b'\n').count() as u64;
        return Prepared::Failed(RecordError::fatal(
            loc.at(line),
            format!(
                "this looks like a binary file (a NUL byte at offset {offset}); neardup reads \
                 UTF-8 text: if it is UTF-16, convert it first (iconv -f utf-16 -t utf-8)"
            ),
        ));
    }
    if head.iter().all(u8::is_ascii_whitespace) {
        let what = if head.is_empty() {
            "the input is empty"
        } else {
            "the input holds only whitespace"
        };
        return Prepared::Failed(RecordError::fatal(
            loc,
            format!("{what}; there are no titles to read (check the step that wrote it)"),
        ));
    }
    let format = resolve_format(explicit, path, &head);
    Prepared::Ready {
        reader: Box::new(Cursor::new(head).chain(reader)),
        format,
    }
}

/// Read up to [`SNIFF_BYTES`] from the start of the input: the bytes, and the error that
/// stopped the reading early, if one did.
fn peek(reader: &mut dyn BufRead) -> (Vec<u8>, Option<io::Error>) {
    let mut head = Vec::with_capacity(SNIFF_BYTES.min(8192));
    // `read_to_end` keeps the bytes read before an error.
    let failed = reader.take(SNIFF_BYTES as u64).read_to_end(&mut head).err();
    (head, failed)
}

/// A reader whose first read is an error met while peeking, after the peeked bytes.
struct Deferred(Option<io::Error>);

impl Read for Deferred {
    fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
        self.0.take().map_or(Ok(0), Err)
    }
}

/// Names gzip failures as such, so the user knows the archive is at fault.
struct GzErrors<R>(R);

impl<R: Read> Read for GzErrors<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.0.read(buf).map_err(|e| {
            io::Error::new(
                e.kind(),
                format!("the gzip data is corrupt or truncated ({e})"),
            )
        })
    }
}

/// Read the titles of an input, one record at a time.
///
/// `path` names the input in locations (`-` is shown as `<stdin>`); `reader` is its content,
/// e.g. from [`open_input`]. Lines, JSON Lines, CSV, TSV and feeds are streamed; JSON
/// documents and pages are read whole. A page yields its article headline and both headlines
/// of every related-story block (not the teasers).
pub fn read_titles<'r>(
    path: &str,
    reader: impl BufRead + Send + 'r,
    options: &ReadOptions,
) -> Titles<'r> {
    let inner: BoxIter<'r, TitleRecord> = match prepare(path, Box::new(reader), options.format) {
        Prepared::Failed(e) => Box::new(std::iter::once(Err(e))),
        Prepared::Ready { reader, format } => {
            let loc = Location::new(path, 1);
            match format {
                InputFormat::Lines => Box::new(lines::titles(loc, reader, options)),
                InputFormat::Jsonl => Box::new(json::jsonl_titles(loc, reader, options)),
                InputFormat::Json => json::json_titles(loc, reader, options),
                InputFormat::Csv => delimited::titles(loc, reader, b',', options),
                InputFormat::Tsv => delimited::titles(loc, reader, b'\t', options),
                InputFormat::Feed => feed::titles(loc, reader),
                InputFormat::Page => page::titles(loc, reader, options),
            }
        }
    };
    Records {
        inner,
        skip_invalid: options.skip_invalid,
        skipped: 0,
    }
}

/// Read original/rewrite pairs, one record at a time: the related-story blocks of a page,
/// rows of a CSV/TSV file with original and rewrite columns, or JSON (Lines) objects with
/// two fields (see [`ReadOptions::original_field`] and [`ReadOptions::rewrite_field`]).
pub fn read_pairs<'r>(
    path: &str,
    reader: impl BufRead + Send + 'r,
    options: &ReadOptions,
) -> Pairs<'r> {
    let inner: BoxIter<'r, PairRecord> = match prepare(path, Box::new(reader), options.format) {
        Prepared::Failed(e) => Box::new(std::iter::once(Err(e))),
        Prepared::Ready { reader, format } => {
            let loc = Location::new(path, 1);
            match format {
                InputFormat::Page => page::pairs(loc, reader, options),
                InputFormat::Jsonl => Box::new(json::jsonl_pairs(loc, reader, options)),
                InputFormat::Json => json::json_pairs(loc, reader, options),
                InputFormat::Csv => delimited::pairs(loc, reader, b',', options),
                InputFormat::Tsv => delimited::pairs(loc, reader, b'\t', options),
                InputFormat::Lines | InputFormat::Feed => {
                    Box::new(std::iter::once(Err(RecordError::fatal(
                        Location::whole(path),
                        format!(
                            "a {format} input holds single titles, not original/rewrite pairs; \
                             use a page, a CSV/TSV file with original and rewrite columns, or \
                             JSON Lines with two fields (or set --input-format)"
                        ),
                    ))))
                }
            }
        }
    };
    Records {
        inner,
        skip_invalid: options.skip_invalid,
        skipped: 0,
    }
}

/// One row of a table read by [`read_rows`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Where the row starts.
    pub location: Location,
    /// Its fields, as many as the row has (not always as many as the header).
    pub fields: Vec<String>,
}

/// The rows of a table of any columns the caller reads itself (`eval`'s labeled files), with
/// everything the other readers do before the first record: gzip, binary and empty input, a
/// line or an unclosed quote over the limit. `options.format` must be CSV or TSV when given;
/// else a `.csv` path is CSV and anything else TSV. The header row comes back apart.
pub fn read_rows<'r>(
    path: &str,
    reader: impl BufRead + Send + 'r,
    options: &ReadOptions,
) -> Result<(Vec<String>, Records<'r, Row>), RecordError> {
    let explicit =
        options
            .format
            .unwrap_or_else(|| match InputFormat::from_path(Path::new(path)) {
                Some(InputFormat::Csv) => InputFormat::Csv,
                _ => InputFormat::Tsv,
            });
    let delimiter = match explicit {
        InputFormat::Csv => b',',
        InputFormat::Tsv => b'\t',
        other => {
            return Err(RecordError::fatal(
                Location::whole(path),
                format!("a {other} input is not a table; this reads a TSV or CSV file"),
            ));
        }
    };
    match prepare(path, Box::new(reader), Some(explicit)) {
        Prepared::Failed(e) => Err(e),
        Prepared::Ready { reader, .. } => {
            let (header, inner) =
                delimited::rows(Location::new(path, 1), reader, delimiter, options)?;
            let rows = Records {
                inner,
                skip_invalid: options.skip_invalid,
                skipped: 0,
            };
            Ok((header, rows))
        }
    }
}

/// Decode one record's bytes, naming the first invalid byte.
fn utf8(bytes: Vec<u8>) -> Result<String, String> {
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let byte = e.as_bytes()[at];
        format!(
            "not valid UTF-8 (byte 0x{byte:02x} at byte {col}); convert the file to UTF-8, \
             e.g. with iconv -f latin1 -t utf-8",
            col = at + 1
        )
    })
}

#[cfg(test)]
mod tests;
