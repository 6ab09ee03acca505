//! JSON Lines (streamed, one object per line) and JSON documents (read whole, each element of
//! the array located by its starting line).

use std::io::{BufRead, Read};

use serde::de::IgnoredAny;
use serde_json::{Map, Value};

use super::lines::{io_message, line_records};
use super::time::time_of_number;
use super::{
    BoxIter, Location, PairRecord, ReadOptions, RecordError, TitleRecord, UnixSeconds, parse_time,
};

/// Member names tried, in order, when a top-level object holds several arrays.
const ARRAY_MEMBERS: [&str; 9] = [
    "items",
    "entries",
    "data",
    "results",
    "records",
    "articles",
    "headlines",
    "stories",
    "pairs",
];
const ORIGINAL_FIELDS: [&str; 2] = ["original", "left"];
const REWRITE_FIELDS: [&str; 3] = ["rewrite", "rewritten", "right"];

/// Turns one JSON value into a record, or says why it cannot.
trait FromJson: Sized {
    fn from_json(value: Value, here: Location, options: &ReadOptions) -> Result<Self, String>;
}

impl FromJson for TitleRecord {
    fn from_json(value: Value, here: Location, options: &ReadOptions) -> Result<Self, String> {
        let field = options.field.as_deref();
        let obj = match value {
            // A bare string is a title, unless a field was asked for.
            Value::String(title) if field.is_none() => {
                return non_empty(title, "the string").map(|t| TitleRecord::new(here, t));
            }
            Value::Object(obj) => obj,
            other => {
                return Err(format!(
                    "the record is {}, not an object; each record must be an object like \
                     {{\"title\": \"…\"}}",
                    kind(&other)
                ));
            }
        };
        let path = field.unwrap_or("title");
        let title = string_at(&obj, path, "--field")?;
        let id = match options.id_field.as_deref() {
            Some(path) => Some(scalar_at(&obj, path, "--id-field")?),
            None => obj.get("id").and_then(scalar),
        };
        let time = match options.time_field.as_deref() {
            Some(path) => time_at(&obj, path)?,
            None => None,
        };
        let mut record = TitleRecord::new(here, title);
        record.id = id;
        record.time = time;
        record.link = ["url", "link"]
            .iter()
            .find_map(|k| obj.get(*k).and_then(Value::as_str))
            .map(str::to_string);
        record.source = obj
            .get("source")
            .and_then(Value::as_str)
            .map(str::to_string);
        Ok(record)
    }
}

impl FromJson for PairRecord {
    fn from_json(value: Value, here: Location, options: &ReadOptions) -> Result<Self, String> {
        let Value::Object(obj) = value else {
            return Err(format!(
                "the record is {}, not an object; each record must be an object like \
                 {{\"original\": \"…\", \"rewrite\": \"…\"}}",
                kind(&value)
            ));
        };
        let original = pair_field(&obj, options.original_field.as_deref(), &ORIGINAL_FIELDS)?;
        let original = string_at(&obj, original, "--original-field")?;
        let rewrite = pair_field(&obj, options.rewrite_field.as_deref(), &REWRITE_FIELDS)?;
        let rewrite = string_at(&obj, rewrite, "--rewrite-field")?;
        let teaser = obj
            .get("teaser")
            .and_then(Value::as_str)
            .map(str::to_string);
        Ok(PairRecord {
            location: here.clone(),
            original,
            rewrite,
            teaser,
            original_location: here.clone(),
            rewrite_location: here,
        })
    }
}

/// The field to use for one side of a pair: the given path, else the first default present.
fn pair_field<'a>(
    obj: &Map<String, Value>,
    given: Option<&'a str>,
    defaults: &'a [&'a str],
) -> Result<&'a str, String> {
    if let Some(path) = given {
        return Ok(path);
    }
    Ok(defaults
        .iter()
        .copied()
        .find(|k| obj.contains_key(*k))
        .unwrap_or(defaults[0]))
}

/// Look up a dot path: the whole path as one key first (keys may hold dots), then segment by
/// segment (a numeric segment indexes an array).
fn lookup<'v>(obj: &'v Map<String, Value>, path: &str, flag: &str) -> Result<&'v Value, String> {
    if let Some(v) = obj.get(path) {
        return Ok(v);
    }
    let mut current = obj;
    let mut walked = String::new();
    let mut segments = path.split('.').peekable();
    while let Some(seg) = segments.next() {
        let Some(found) = current.get(seg) else {
            let prefix = if walked.is_empty() {
                String::new()
            } else {
                format!("{walked}.")
            };
            let which = if walked.is_empty() {
                "the record".to_string()
            } else {
                format!("\"{walked}\"")
            };
            // A whole document on one line (`{"items": [...]}`) is read as JSON Lines.
            let array_hint = match current.iter().find(|(_, v)| v.is_array()) {
                Some((name, _)) if walked.is_empty() => {
                    format!("; if the records are in the array \"{name}\", use --input-format json")
                }
                _ => String::new(),
            };
            return Err(format!(
                "field \"{path}\" is missing; {which} has fields: {}{}{array_hint}",
                keys(current),
                suggest(current, &prefix, flag)
            ));
        };
        if !walked.is_empty() {
            walked.push('.');
        }
        walked.push_str(seg);
        let mut value = found;
        // Numeric segments index into arrays: `items.0.title`.
        while let (Value::Array(items), Some(next)) = (value, segments.peek()) {
            let Ok(i) = next.parse::<usize>() else { break };
            let Some(item) = items.get(i) else {
                return Err(format!(
                    "field \"{path}\": \"{walked}\" has {} elements, there is no element {i}",
                    items.len()
                ));
            };
            walked.push('.');
            walked.push_str(next);
            segments.next();
            value = item;
        }
        if segments.peek().is_none() {
            return Ok(value);
        }
        match value {
            Value::Object(inner) => current = inner,
            other => {
                return Err(format!(
                    "field \"{path}\": \"{walked}\" is {}, not an object",
                    kind(other)
                ));
            }
        }
    }
    Err(format!("field path \"{path}\" is empty; give a field name"))
}

/// A non-empty string at a dot path.
fn string_at(obj: &Map<String, Value>, path: &str, flag: &str) -> Result<String, String> {
    match lookup(obj, path, flag)? {
        Value::String(s) => non_empty(s.clone(), &format!("field \"{path}\"")),
        Value::Object(inner) => Err(format!(
            "field \"{path}\" is an object, not a string; it has fields: {}{}",
            keys(inner),
            suggest(inner, &format!("{path}."), flag)
        )),
        other => Err(format!("field \"{path}\" is {}, not a string", kind(other))),
    }
}

/// A string or number at a dot path, as a string (ids are often numbers).
fn scalar_at(obj: &Map<String, Value>, path: &str, flag: &str) -> Result<String, String> {
    let value = lookup(obj, path, flag)?;
    scalar(value).ok_or_else(|| {
        format!(
            "field \"{path}\" is {}, not a string or number",
            kind(value)
        )
    })
}

fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The time at a dot path (see [`parse_time`]); `null` or an empty string is no time.
fn time_at(obj: &Map<String, Value>, path: &str) -> Result<Option<UnixSeconds>, String> {
    let time = match lookup(obj, path, "--time-field")? {
        Value::Null => return Ok(None),
        Value::String(s) if s.trim().is_empty() => return Ok(None),
        Value::String(s) => parse_time(s),
        Value::Number(n) => time_of_number(n),
        other => Err(format!("{} is not a time", kind(other))),
    };
    time.map(Some).map_err(|m| format!("field \"{path}\": {m}"))
}

fn non_empty(s: String, what: &str) -> Result<String, String> {
    if s.trim().is_empty() {
        Err(format!("{what} is empty; there is no title to compare"))
    } else {
        Ok(s)
    }
}

fn keys(obj: &Map<String, Value>) -> String {
    if obj.is_empty() {
        return "none (the object is empty)".to_string();
    }
    obj.keys()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(", ")
}

/// A hint naming the string field that most looks like a title.
fn suggest(obj: &Map<String, Value>, prefix: &str, flag: &str) -> String {
    let strings: Vec<&str> = obj
        .iter()
        .filter(|(_, v)| v.is_string())
        .map(|(k, _)| k.as_str())
        .collect();
    let likely = ["title", "headline", "name", "text", "subject", "summary"];
    let best = likely
        .iter()
        .find_map(|l| {
            strings
                .iter()
                .find(|k| k.to_ascii_lowercase().contains(l))
                .copied()
        })
        .or_else(|| strings.first().copied());
    match best {
        Some(key) => format!(" (use {flag} {prefix}{key})"),
        None => String::new(),
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// serde_json's message without its "at line L column C" suffix.
fn bare_message(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

fn jsonl<T: FromJson, R: BufRead>(
    loc: Location,
    reader: R,
    options: &ReadOptions,
) -> impl Iterator<Item = Result<T, RecordError>> + use<T, R> {
    let options = options.clone();
    line_records(loc, reader, options.max_line_bytes, move |lines, here| {
        if lines.bytes().iter().all(u8::is_ascii_whitespace) {
            return None;
        }
        Some(match serde_json::from_slice::<Value>(lines.bytes()) {
            Ok(value) => {
                T::from_json(value, here.clone(), &options).map_err(|m| RecordError::new(here, m))
            }
            Err(e) => Err(RecordError::new(
                here,
                format!(
                    "invalid JSON at column {}: {}; each line must hold one JSON object (for \
                     one pretty-printed document use --input-format json)",
                    e.column(),
                    bare_message(&e)
                ),
            )),
        })
    })
}

/// Titles from JSON Lines.
pub(super) fn jsonl_titles<R: BufRead>(
    loc: Location,
    reader: R,
    options: &ReadOptions,
) -> impl Iterator<Item = Result<TitleRecord, RecordError>> + use<R> {
    jsonl(loc, reader, options)
}

/// Pairs from JSON Lines.
pub(super) fn jsonl_pairs<R: BufRead>(
    loc: Location,
    reader: R,
    options: &ReadOptions,
) -> impl Iterator<Item = Result<PairRecord, RecordError>> + use<R> {
    jsonl(loc, reader, options)
}

/// Titles from one JSON document.
pub(super) fn json_titles<'r>(
    loc: Location,
    reader: impl Read + Send + 'r,
    options: &ReadOptions,
) -> BoxIter<'r, TitleRecord> {
    document(loc, reader, options)
}

/// Pairs from one JSON document.
pub(super) fn json_pairs<'r>(
    loc: Location,
    reader: impl Read + Send + 'r,
    options: &ReadOptions,
) -> BoxIter<'r, PairRecord> {
    document(loc, reader, options)
}

fn document<'r, T: FromJson + Send + 'static>(
    loc: Location,
    mut reader: impl Read + Send + 'r,
    options: &ReadOptions,
) -> BoxIter<'r, T> {
    let mut bytes = Vec::new();
    if let Err(e) = reader.read_to_end(&mut bytes) {
        return Box::new(std::iter::once(Err(RecordError::fatal(
            loc,
            io_message(&e),
        ))));
    }
    let (elements, failure) = match elements(&bytes) {
        Ok(elements) => (elements, None),
        Err(DocError {
            elements,
            line,
            message,
        }) => (elements, Some(RecordError::fatal(loc.at(line), message))),
    };
    let options = options.clone();
    Box::new(
        elements
            .into_iter()
            .map(move |(line, value)| {
                let here = loc.at(line);
                T::from_json(value, here.clone(), &options).map_err(|m| RecordError::new(here, m))
            })
            .chain(failure.map(Err)),
    )
}

/// The elements read before a document turned out broken, and where and why it broke.
struct DocError {
    elements: Vec<(u64, Value)>,
    line: u64,
    message: String,
}

/// Counts lines up to byte offsets that only move forward.
struct LineCounter<'a> {
    bytes: &'a [u8],
    pos: usize,
    line: u64,
}

impl LineCounter<'_> {
    fn line_at(&mut self, offset: usize) -> u64 {
        let offset = offset.min(self.bytes.len());
        if offset > self.pos {
            self.line += self.bytes[self.pos..offset]
                .iter()
                .filter(|&&b| b == b'\n')
                .count() as u64;
            self.pos = offset;
        }
        self.line
    }
}

/// Every element of the document's array with the line its first byte is on.
///
/// The positions are exact: each element is parsed on its own with a `StreamDeserializer`
/// that reports where it ended; the separators between elements are checked by hand.
fn elements(bytes: &[u8]) -> Result<Vec<(u64, Value)>, DocError> {
    let mut lines = LineCounter {
        bytes,
        pos: 0,
        line: 1,
    };
    let mut out = Vec::new();
    let start = if bytes.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    let mut pos = skip_ws(bytes, start);
    let fail = |out: Vec<(u64, Value)>, lines: &mut LineCounter, at: usize, message: String| {
        Err(DocError {
            elements: out,
            line: lines.line_at(at),
            message,
        })
    };
    let wrapped = bytes.get(pos) == Some(&b'{');
    match bytes.get(pos) {
        Some(b'[') => {}
        Some(b'{') => match array_member(bytes, pos) {
            Ok(Some(array_start)) => pos = array_start,
            Ok(None) => {
                return fail(
                    out,
                    &mut lines,
                    pos,
                    "the document is one object without an array of records; expect an array \
                     of objects, or an object with a member such as \"items\" holding one (for \
                     one object per line use --input-format jsonl)"
                        .to_string(),
                );
            }
            Err((at, message)) => return fail(out, &mut lines, at, message),
        },
        _ => {
            return fail(
                out,
                &mut lines,
                pos,
                "the document does not start with [ or {; expect an array of objects".to_string(),
            );
        }
    }
    // pos is at '['.
    pos = skip_ws(bytes, pos + 1);
    if bytes.get(pos) == Some(&b']') {
        return Ok(out);
    }
    loop {
        let line = lines.line_at(pos);
        match next_value::<Value>(bytes, pos) {
            Ok((value, end)) => {
                out.push((line, value));
                pos = skip_ws(bytes, end);
            }
            Err(e) => {
                let (at, message) = json_error(bytes, pos, &e);
                return fail(out, &mut lines, at, message);
            }
        }
        match bytes.get(pos) {
            Some(b',') => pos = skip_ws(bytes, pos + 1),
            Some(b']') => break,
            _ => {
                return fail(
                    out,
                    &mut lines,
                    pos,
                    "invalid JSON: expected , or ] after an array element".to_string(),
                );
            }
        }
    }
    let end = skip_ws(bytes, pos + 1);
    // After a top-level array only whitespace may follow; a wrapping object was validated whole.
    if !wrapped && end < bytes.len() {
        return fail(
            out,
            &mut lines,
            end,
            "invalid JSON: more data after the array; is this JSON Lines? use \
             --input-format jsonl"
                .to_string(),
        );
    }
    Ok(out)
}

/// For a document that is an object: the offset of the `[` of the member holding the records.
fn array_member(bytes: &[u8], open: usize) -> Result<Option<usize>, (usize, String)> {
    // Parse the whole object once to validate it and choose the member.
    let whole: Map<String, Value> = match serde_json::from_slice(bytes) {
        Ok(obj) => obj,
        Err(e) => {
            return Err((
                offset_of(bytes, e.line(), e.column()),
                format!(
                    "invalid JSON: {}; if the file holds one object per line use \
                     --input-format jsonl",
                    bare_message(&e)
                ),
            ));
        }
    };
    let arrays: Vec<&str> = whole
        .iter()
        .filter(|(_, v)| v.is_array())
        .map(|(k, _)| k.as_str())
        .collect();
    let chosen = match ARRAY_MEMBERS.iter().find(|m| arrays.contains(m)) {
        Some(m) => *m,
        None if arrays.len() == 1 => arrays[0],
        None if arrays.is_empty() => return Ok(None),
        None => {
            return Err((
                open,
                format!(
                    "the document has several arrays ({}) and none is called items, entries \
                     or data; cannot tell which holds the records",
                    arrays.join(", ")
                ),
            ));
        }
    };
    // Walk the members by hand to find where the chosen one starts.
    let mut pos = skip_ws(bytes, open + 1);
    loop {
        let (key, end) =
            next_value::<String>(bytes, pos).map_err(|e| json_error(bytes, pos, &e))?;
        pos = skip_ws(bytes, end);
        if bytes.get(pos) != Some(&b':') {
            return Err((
                pos,
                "invalid JSON: expected : after a member name".to_string(),
            ));
        }
        pos = skip_ws(bytes, pos + 1);
        if key == chosen && bytes.get(pos) == Some(&b'[') {
            return Ok(Some(pos));
        }
        let (_, end) =
            next_value::<IgnoredAny>(bytes, pos).map_err(|e| json_error(bytes, pos, &e))?;
        pos = skip_ws(bytes, end);
        if bytes.get(pos) != Some(&b',') {
            return Ok(None);
        }
        pos = skip_ws(bytes, pos + 1);
    }
}

/// Parse one value starting at `pos`; returns it and the offset just past it.
fn next_value<T: serde::de::DeserializeOwned>(
    bytes: &[u8],
    pos: usize,
) -> Result<(T, usize), serde_json::Error> {
    let mut stream = serde_json::Deserializer::from_slice(&bytes[pos..]).into_iter::<T>();
    match stream.next() {
        Some(Ok(value)) => Ok((value, pos + stream.byte_offset())),
        Some(Err(e)) => Err(e),
        None => Err(serde::de::Error::custom("unexpected end of the document")),
    }
}

/// Where (absolute offset) and why a value starting at `base` failed to parse.
fn json_error(bytes: &[u8], base: usize, e: &serde_json::Error) -> (usize, String) {
    let at = if e.line() == 0 {
        bytes.len()
    } else {
        base + offset_of(&bytes[base..], e.line(), e.column())
    };
    (at, format!("invalid JSON: {}", bare_message(e)))
}

/// The byte offset of a 1-based line and column.
fn offset_of(bytes: &[u8], line: usize, column: usize) -> usize {
    let mut offset = 0;
    for _ in 1..line {
        match bytes[offset..].iter().position(|&b| b == b'\n') {
            Some(i) => offset += i + 1,
            None => return bytes.len(),
        }
    }
    (offset + column.saturating_sub(1)).min(bytes.len())
}

fn skip_ws(bytes: &[u8], mut pos: usize) -> usize {
    while pos < bytes.len() && bytes[pos].is_ascii_whitespace() {
        pos += 1;
    }
    pos
}
