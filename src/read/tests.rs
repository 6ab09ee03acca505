//! Tests for every reader, against the fixtures and small inline inputs.

use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};

use super::*;

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(rel)
}

/// Read a fixture's titles under the path the user would type (relative to the crate root).
fn titles_of(rel: &str, options: &ReadOptions) -> Vec<Result<TitleRecord, RecordError>> {
    let path = fixture(rel);
    let reader = open_input(path.to_str().unwrap()).unwrap();
    read_titles(&format!("fixtures/{rel}"), reader, options).collect()
}

fn pairs_of(rel: &str, options: &ReadOptions) -> Vec<Result<PairRecord, RecordError>> {
    let path = fixture(rel);
    let reader = open_input(path.to_str().unwrap()).unwrap();
    read_pairs(&format!("fixtures/{rel}"), reader, options).collect()
}

fn titles_from(
    name: &str,
    bytes: &[u8],
    options: &ReadOptions,
) -> Vec<Result<TitleRecord, RecordError>> {
    read_titles(name, Cursor::new(bytes.to_vec()), options).collect()
}

fn defaults() -> ReadOptions {
    ReadOptions::default()
}

/// `(line, title)` of every record; panics on an error.
fn ok_titles(results: &[Result<TitleRecord, RecordError>]) -> Vec<(u64, &str)> {
    results
        .iter()
        .map(|r| match r {
            Ok(t) => (t.location.line, t.title.as_str()),
            Err(e) => panic!("unexpected error: {e}"),
        })
        .collect()
}

/// The display text of every error.
fn errors<T>(results: &[Result<T, RecordError>]) -> Vec<String> {
    results
        .iter()
        .filter_map(|r| r.as_ref().err().map(ToString::to_string))
        .collect()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

// ---- locations, formats, sniffing ----

#[test]
fn location_shows_stdin_by_name() {
    assert_eq!(Location::new("-", 3).to_string(), "<stdin>:3");
    assert_eq!(Location::new("a/b.txt", 12).to_string(), "a/b.txt:12");
    let json = serde_json::to_string(&Location::new("-", 3)).unwrap();
    assert_eq!(json, r#"{"path":"<stdin>","line":3}"#);
}

#[test]
fn stdin_records_are_named_stdin() {
    let results = titles_from("-", b"one\ntwo\n", &defaults());
    assert_eq!(
        results[1].as_ref().unwrap().location.to_string(),
        "<stdin>:2"
    );
    let results = titles_from("-", b"ok\n\xff\n", &defaults());
    assert!(errors(&results)[0].starts_with("<stdin>:2: the line is not valid UTF-8"));
}

#[test]
fn format_from_extension() {
    let cases = [
        ("a.txt", Some(InputFormat::Lines)),
        ("a.jsonl", Some(InputFormat::Jsonl)),
        ("a.ndjson", Some(InputFormat::Jsonl)),
        ("a.json", Some(InputFormat::Json)),
        ("a.CSV", Some(InputFormat::Csv)),
        ("a.tsv", Some(InputFormat::Tsv)),
        ("a.xml", Some(InputFormat::Feed)),
        ("a.rss", Some(InputFormat::Feed)),
        ("a.atom", Some(InputFormat::Feed)),
        ("headlines.txt.gz", Some(InputFormat::Lines)),
        ("feed.jsonl.gz", Some(InputFormat::Jsonl)),
        ("a.gz", None),
        ("a.dat", None),
        ("noext", None),
    ];
    for (path, want) in cases {
        assert_eq!(InputFormat::from_path(Path::new(path)), want, "{path}");
    }
}

#[test]
fn format_names_round_trip() {
    for format in InputFormat::ALL {
        assert_eq!(format.name().parse::<InputFormat>(), Ok(format));
        let json = serde_json::to_string(&format).unwrap();
        assert_eq!(json, format!("\"{}\"", format.name()));
    }
    assert_eq!("NDJSON".parse::<InputFormat>(), Ok(InputFormat::Jsonl));
    let err = "yaml".parse::<InputFormat>().unwrap_err();
    assert!(err.contains("unknown input format `yaml`"), "{err}");
    assert!(
        err.contains("lines, jsonl, json, csv, tsv, feed, page"),
        "{err}"
    );
}

#[test]
fn sniffing() {
    let cases: [(&[u8], InputFormat); 11] = [
        (b"<?xml version=\"1.0\"?><rss>", InputFormat::Feed),
        (b"  \n<rss version=\"2.0\">", InputFormat::Feed),
        (
            b"<feed xmlns=\"http://www.w3.org/2005/Atom\">",
            InputFormat::Feed,
        ),
        (
            b"{\"title\": \"a\"}\n{\"title\": \"b\"}\n",
            InputFormat::Jsonl,
        ),
        (b"{\n  \"items\": [\n", InputFormat::Json),
        (b"[{\"title\": \"a\"}]", InputFormat::Json),
        (b"\xEF\xBB\xBF[]", InputFormat::Json),
        (
            b"Headline\nbody\nYou May Also Like\nA\n\nB\n",
            InputFormat::Page,
        ),
        (b"id\ttitle\n1\tA\n", InputFormat::Tsv),
        (
            b"Just a headline, with a comma\nAnother\n",
            InputFormat::Lines,
        ),
        (b"", InputFormat::Lines),
    ];
    for (bytes, want) in cases {
        assert_eq!(sniff(bytes), want, "{:?}", String::from_utf8_lossy(bytes));
    }
}

#[test]
fn page_text_in_a_txt_file_is_a_page() {
    let page = std::fs::read(fixture("pages/related-stories-page.txt")).unwrap();
    assert_eq!(resolve_format(None, "p.txt", &page), InputFormat::Page);
    assert_eq!(resolve_format(None, "-", &page), InputFormat::Page);
    assert_eq!(
        resolve_format(Some(InputFormat::Lines), "p.txt", &page),
        InputFormat::Lines
    );
    assert_eq!(resolve_format(None, "p.csv", &page), InputFormat::Csv);
}

#[test]
fn column_refs_parse() {
    assert_eq!("2".parse::<ColumnRef>(), Ok(ColumnRef::Index(2)));
    assert_eq!(
        "title".parse::<ColumnRef>(),
        Ok(ColumnRef::Name("title".into()))
    );
    assert_eq!("+2".parse::<ColumnRef>(), Ok(ColumnRef::Name("+2".into())));
}

#[test]
fn record_error_display_and_conversion() {
    let e = RecordError::new(Location::new("f.jsonl", 4), "field \"title\" is missing");
    assert_eq!(e.to_string(), "f.jsonl:4: field \"title\" is missing");
    assert!(!e.ends_input());
    let lib: crate::error::Error = RecordError::fatal(Location::new("-", 1), "boom").into();
    assert_eq!(lib.to_string(), "<stdin>:1: boom");
}

// ---- lines ----

#[test]
fn lines_fixture_skips_blank_lines_but_counts_them() {
    let results = titles_of("feeds/sample.txt", &defaults());
    let titles = ok_titles(&results);
    assert_eq!(titles.len(), 6);
    assert_eq!(
        titles.iter().map(|t| t.0).collect::<Vec<_>>(),
        [1, 2, 4, 5, 6, 7]
    );
    assert_eq!(
        titles[3].1,
        "Man shot, killed by Secret Service, local deputy outside of Mar-a-Lago"
    );
    let loc = &results[0].as_ref().unwrap().location;
    assert_eq!(loc.to_string(), "fixtures/feeds/sample.txt:1");
}

#[test]
fn lines_strip_crlf_and_bom_and_keep_other_text() {
    let results = titles_from(
        "x.txt",
        b"\xEF\xBB\xBFfirst\r\n  \r\nsecond \r\nthird",
        &defaults(),
    );
    assert_eq!(
        ok_titles(&results),
        [(1, "first"), (3, "second "), (4, "third")]
    );
}

#[test]
fn lines_invalid_utf8_names_the_line_and_goes_on() {
    let results = titles_of("bad/invalid-utf8.txt", &defaults());
    assert_eq!(results.len(), 3);
    assert_eq!(results[0].as_ref().unwrap().title, "A valid first headline");
    let err = results[1].as_ref().unwrap_err();
    assert_eq!(
        err.to_string(),
        "fixtures/bad/invalid-utf8.txt:2: the line is not valid UTF-8 (byte 0xe9 at byte 4); \
         convert the file to UTF-8, e.g. with iconv -f latin1 -t utf-8"
    );
    assert!(!err.ends_input());
    assert_eq!(results[2].as_ref().unwrap().location.line, 3);
}

/// Regression: a directory was reported as `d:1: cannot read`, naming a line that does not
/// exist.
#[test]
fn a_directory_is_named_without_a_line() {
    let dir = fixture("feeds");
    let path = dir.to_str().unwrap();
    let error = match open_input(path) {
        Ok(_) => panic!("a directory opened as an input"),
        Err(e) => open_error(path, &e),
    };
    assert!(error.ends_input());
    assert_eq!(
        error.to_string(),
        format!(
            "{path}: cannot open: it is a directory; give the files inside it instead (e.g. dir/*.jsonl)"
        )
    );
}

#[test]
fn a_binary_file_names_the_line_of_its_nul() {
    let results = titles_from("b.txt", b"one\ntwo\nthr\0ee\n", &defaults());
    assert!(errors(&results)[0].starts_with("b.txt:3: this looks like a binary file"));
}

#[test]
fn empty_input_is_one_error() {
    let results = titles_of("bad/empty.txt", &defaults());
    assert_eq!(
        errors(&results),
        [
            // No line 1 exists, so none is named.
            "fixtures/bad/empty.txt: the input is empty; there are no titles to read (check the step that wrote it)"
        ]
    );
    assert!(results[0].as_ref().unwrap_err().ends_input());
    let results = titles_from("-", b" \n\n\t\n", &defaults());
    assert!(errors(&results)[0].contains("the input holds only whitespace"));
}

#[test]
fn binary_input_is_one_error() {
    let results = titles_of("bad/binary.bin", &defaults());
    assert_eq!(results.len(), 1);
    let err = results[0].as_ref().unwrap_err();
    assert!(err.ends_input());
    assert!(
        err.to_string().starts_with(
            "fixtures/bad/binary.bin:1: this looks like a binary file (a NUL byte at offset 5)"
        ),
        "{err}"
    );
    // Even with an explicit text format, and even when skipping invalid records.
    let options = ReadOptions {
        format: Some(InputFormat::Jsonl),
        skip_invalid: true,
        ..defaults()
    };
    assert_eq!(titles_of("bad/binary.bin", &options).len(), 1);
}

#[test]
fn a_line_over_the_limit_is_an_error_not_an_allocation() {
    let mut input = b"short one\n".to_vec();
    input.extend(std::iter::repeat_n(b'x', 2 * 1024 * 1024));
    input.extend(b"\nshort two\n");
    let options = ReadOptions {
        max_line_bytes: 64 * 1024,
        ..defaults()
    };
    let results = titles_from("big.txt", &input, &options);
    assert_eq!(results.len(), 3);
    assert_eq!(
        errors(&results),
        [
            "big.txt:2: the line is 2097152 bytes long, over the limit of 65536 bytes; if this is \
          one JSON document use --input-format json, or raise --max-line-bytes"
        ]
    );
    assert_eq!(results[2].as_ref().unwrap().title, "short two");
    // The default limit (1 MiB) also rejects it.
    assert_eq!(
        errors(&titles_from("big.txt", &input, &defaults())).len(),
        1
    );
    // A line of exactly the limit is fine, with or without "\r\n".
    let exact = [vec![b'y'; 100], b"\r\n".to_vec(), vec![b'z'; 100]].concat();
    let options = ReadOptions {
        max_line_bytes: 100,
        ..defaults()
    };
    assert_eq!(ok_titles(&titles_from("e.txt", &exact, &options)).len(), 2);
}

#[test]
fn gzip_is_read_transparently() {
    let plain = std::fs::read(fixture("feeds/sample.txt")).unwrap();
    let packed = gzip(&plain);
    let from_gz = titles_from("headlines.txt.gz", &packed, &defaults());
    let from_plain = titles_from("headlines.txt", &plain, &defaults());
    assert_eq!(from_gz.len(), 6);
    assert_eq!(ok_titles(&from_gz), ok_titles(&from_plain));
    // Gzip on stdin, with the format sniffed inside.
    let jsonl = gzip(b"{\"title\": \"a\"}\n{\"title\": \"b\"}\n");
    assert_eq!(
        ok_titles(&titles_from("-", &jsonl, &defaults())),
        [(1, "a"), (2, "b")]
    );
    // A truncated archive is a clear error.
    let cut = &packed[..packed.len() / 2];
    let errs = errors(&titles_from("h.txt.gz", cut, &defaults()));
    assert_eq!(errs.len(), 1);
    assert!(
        errs[0].contains("gzip data is corrupt or truncated"),
        "{errs:?}"
    );
}

/// What the `read_lines` fuzz target took for a crash: in a gzip input that is one line of
/// bytes, the NUL is on line 2 of the text it decompresses to, and line 2 is what is named
/// (lines are the text's, whatever the input's compressed bytes hold).
#[test]
fn a_gzip_inputs_lines_are_those_of_its_text() {
    let packed = gzip(b"one\ntwo\0\nthree\n");
    let options = ReadOptions {
        format: Some(InputFormat::Lines),
        ..defaults()
    };
    let errs = errors(&titles_from("f", &packed, &options));
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(
        errs[0].starts_with("f:2: this looks like a binary file"),
        "{errs:?}"
    );
    let results = titles_from("f", &gzip(b"a\n\nb\n"), &options);
    assert_eq!(ok_titles(&results), [(1, "a"), (3, "b")]);
}

/// Regression (found by the `read_csv` fuzz target): a gzip CSV whose text is one line,
/// over the limit, and whose stream then breaks named line 2 for the read error (the line
/// after the bad one, where the csv reader would go on); the input has one line.
#[test]
fn a_read_error_in_a_csv_names_a_line_the_input_has() {
    // The fuzzer's input: its text is one line (no `\n`), then the stream breaks.
    let input: &[u8] = b"\
\x1f\x8b\x08\x00\x61\x6e\x28\x1b\x6e\x21\x3a\x72\x97\x97\x97\x97\
\x97\x97\x97\x97\x97\x97\x97\x97\x97\x97\x97\x97\x97\x97\x97\x97\
\x97\x97\x97\x97\x97\x97\x97\x97\x97\x97\x97\x97\x97\x97\x97\x97\
\x97\x30\x30\x30\x30\x30\x30\x30\x30\x30\x30\x30\x30\x30\x30\x30\
\x30\x30\x30\x30\x30\x30\x30\x97\x97\x97";
    for max_line_bytes in [64, DEFAULT_MAX_LINE_BYTES] {
        let options = ReadOptions {
            format: Some(InputFormat::Csv),
            max_line_bytes,
            ..defaults()
        };
        let titles = errors(&titles_from("f", input, &options));
        let pairs: Vec<String> = read_pairs("f", Cursor::new(input.to_vec()), &options)
            .filter_map(Result::err)
            .map(|e| e.to_string())
            .collect();
        for errs in [titles, pairs] {
            assert!(!errs.is_empty());
            for e in &errs {
                assert!(e.starts_with("f:1: "), "{max_line_bytes}: {errs:?}");
            }
        }
    }
}

// ---- JSON Lines ----

#[test]
fn jsonl_fixture() {
    let results = titles_of("feeds/sample.jsonl", &defaults());
    let titles = ok_titles(&results);
    assert_eq!(titles.len(), 20);
    assert_eq!(
        titles.iter().map(|t| t.0).collect::<Vec<_>>(),
        (1..=20).collect::<Vec<_>>()
    );
    let first = results[0].as_ref().unwrap();
    assert_eq!(first.id.as_deref(), Some("n01"));
    assert_eq!(first.link.as_deref(), Some("https://example.com/n01"));
    assert_eq!(first.source.as_deref(), Some("Wire A"));
    assert_eq!(results[1].as_ref().unwrap().title, first.title);
}

#[test]
fn jsonl_dot_path_field() {
    let options = ReadOptions {
        field: Some("item.title".into()),
        ..defaults()
    };
    let results = titles_of("feeds/sample.jsonl", &options);
    let found: Vec<(u64, &str)> = results
        .iter()
        .filter_map(|r| r.as_ref().ok())
        .map(|t| (t.location.line, t.title.as_str()))
        .collect();
    assert_eq!(found.len(), 5);
    assert_eq!(
        found[0],
        (
            4,
            "Trump Deploys Hospital Ship to Greenland Following Denmark's Crucial Rescue"
        )
    );
    let errs = errors(&results);
    assert_eq!(errs.len(), 15);
    assert_eq!(
        errs[0],
        "fixtures/feeds/sample.jsonl:1: field \"item.title\" is missing; the record has fields: \
         id, source, title, url (use --field title)"
    );
}

#[test]
fn jsonl_nested_errors_say_what_is_there() {
    let input = br#"{"item": {"name": "A", "url": "u"}}
{"item": "flat"}
{"title": {"text": "B", "lang": "en"}}
{"items": [{"title": "C"}]}
"#;
    let with = |field: &str| ReadOptions {
        field: Some(field.into()),
        ..defaults()
    };
    let errs = errors(&titles_from("n.jsonl", input, &with("item.title")));
    assert_eq!(
        errs[0],
        "n.jsonl:1: field \"item.title\" is missing; \"item\" has fields: name, url (use --field item.name)"
    );
    assert_eq!(
        errs[1],
        "n.jsonl:2: field \"item.title\": \"item\" is a string, not an object"
    );
    let errs = errors(&titles_from("n.jsonl", input, &defaults()));
    assert_eq!(
        errs[2],
        "n.jsonl:3: field \"title\" is an object, not a string; it has fields: lang, text (use --field title.text)"
    );
    let results = titles_from("n.jsonl", input, &with("items.0.title"));
    assert_eq!(results[3].as_ref().unwrap().title, "C");
}

#[test]
fn jsonl_malformed_line_is_reported_and_skipped() {
    let results = titles_of("bad/malformed.jsonl", &defaults());
    assert_eq!(results.len(), 3);
    assert_eq!(results[0].as_ref().unwrap().location.line, 1);
    let err = results[1].as_ref().unwrap_err();
    assert!(!err.ends_input());
    assert_eq!(
        err.to_string(),
        "fixtures/bad/malformed.jsonl:2: invalid JSON at column 68: EOF while parsing an object; \
         each line must hold one JSON object (for one pretty-printed document use --input-format json)"
    );
    assert_eq!(results[2].as_ref().unwrap().location.line, 3);
}

#[test]
fn jsonl_missing_field_suggests_the_fix() {
    let results = titles_of("bad/missing-field.jsonl", &defaults());
    assert_eq!(results.len(), 3);
    assert!(results[0].is_ok());
    assert_eq!(
        errors(&results),
        [
            "fixtures/bad/missing-field.jsonl:2: field \"title\" is missing; the record has \
             fields: headline, id, url (use --field headline)",
            "fixtures/bad/missing-field.jsonl:3: field \"title\" is a number, not a string",
        ]
    );
}

#[test]
fn jsonl_ids_strings_and_non_objects() {
    let input = b"{\"title\": \"a\", \"id\": 7}\n\"bare title\"\n[1, 2]\n{\"title\": \"  \"}\n";
    let results = titles_from("i.jsonl", input, &defaults());
    assert_eq!(results[0].as_ref().unwrap().id.as_deref(), Some("7"));
    assert_eq!(results[1].as_ref().unwrap().title, "bare title");
    let errs = errors(&results);
    assert_eq!(
        errs[0],
        "i.jsonl:3: the record is an array, not an object; each record must be an object like {\"title\": \"…\"}"
    );
    assert_eq!(
        errs[1],
        "i.jsonl:4: field \"title\" is empty; there is no title to compare"
    );
    let options = ReadOptions {
        id_field: Some("guid".into()),
        ..defaults()
    };
    let errs = errors(&titles_from("i.jsonl", b"{\"title\": \"a\"}\n", &options));
    assert_eq!(
        errs,
        [
            "i.jsonl:1: field \"guid\" is missing; the record has fields: title (use --id-field title)"
        ]
    );
}

#[test]
fn a_one_line_document_read_as_jsonl_suggests_json() {
    let input = b"{\"items\": [{\"title\": \"a\"}]}\n";
    let errs = errors(&titles_from("-", input, &defaults()));
    assert_eq!(
        errs,
        [
            "<stdin>:1: field \"title\" is missing; the record has fields: items; if the records \
          are in the array \"items\", use --input-format json"
        ]
    );
    let options = ReadOptions {
        format: Some(InputFormat::Json),
        ..defaults()
    };
    assert_eq!(ok_titles(&titles_from("-", input, &options)), [(1, "a")]);
}

#[test]
fn skip_invalid_counts_what_it_skips() {
    let options = ReadOptions {
        skip_invalid: true,
        ..defaults()
    };
    let path = fixture("bad/missing-field.jsonl");
    let mut titles = read_titles(
        "m.jsonl",
        open_input(path.to_str().unwrap()).unwrap(),
        &options,
    );
    let read: Vec<_> = titles.by_ref().collect();
    assert_eq!(read.len(), 1);
    assert!(read[0].is_ok());
    assert_eq!(titles.skipped(), 2);
}

// ---- JSON documents ----

#[test]
fn json_array_elements_keep_their_lines() {
    let input = br#"[
  {"title": "first", "id": "1"},
  {
    "title": "second"
  },

  {"headline": "third"},
  "fourth"
]
"#;
    let results = titles_from("a.json", input, &defaults());
    assert_eq!(results.len(), 4);
    assert_eq!(results[0].as_ref().unwrap().location.line, 2);
    assert_eq!(results[0].as_ref().unwrap().id.as_deref(), Some("1"));
    assert_eq!(results[1].as_ref().unwrap().location.line, 3);
    assert_eq!(
        errors(&results),
        [
            "a.json:7: field \"title\" is missing; the record has fields: headline (use --field headline)"
        ]
    );
    assert_eq!(results[3].as_ref().unwrap().location.line, 8);
}

#[test]
fn json_object_with_an_items_array() {
    let input = br#"{"version": 1, "meta": {"a": [1]},
 "tags": ["x"],
 "items": [
   {"title": "one"},
   {"title": "two"}
 ],
 "count": 2}"#;
    let results = titles_from("w.json", input, &defaults());
    assert_eq!(ok_titles(&results), [(4, "one"), (5, "two")]);
    let errs = errors(&titles_from(
        "w.json",
        br#"{"a": [1], "b": [2]}"#,
        &defaults(),
    ));
    assert!(errs[0].contains("several arrays (a, b)"), "{errs:?}");
    let errs = errors(&titles_from("w.json", br#"{"title": "x"}"#, &defaults()));
    assert!(
        errs[0].contains("one object without an array of records"),
        "{errs:?}"
    );
}

#[test]
fn json_errors_name_the_line() {
    let input = b"[\n {\"title\": \"ok\"},\n {\"title\": oops},\n {\"title\": \"never\"}\n]";
    let results = titles_from("b.json", input, &defaults());
    assert_eq!(results.len(), 2);
    assert_eq!(results[0].as_ref().unwrap().title, "ok");
    let err = results[1].as_ref().unwrap_err();
    assert!(err.ends_input());
    assert_eq!(err.to_string(), "b.json:3: invalid JSON: expected value");

    let errs = errors(&titles_from(
        "c.json",
        b"[{\"title\": \"a\"}]\n[{\"title\": \"b\"}]",
        &defaults(),
    ));
    assert_eq!(
        errs,
        [
            "c.json:2: invalid JSON: more data after the array; is this JSON Lines? use --input-format jsonl"
        ]
    );
    let errs = errors(&titles_from("d.json", b"[{\"title\": \"a\"}", &defaults()));
    assert_eq!(
        errs,
        ["d.json:1: invalid JSON: expected , or ] after an array element"]
    );
    let errs = errors(&titles_from("e.json", b"{\"items\": [}", &defaults()));
    assert!(errs[0].starts_with("e.json:1: invalid JSON: "), "{errs:?}");
    assert_eq!(ok_titles(&titles_from("f.json", b" [ ] ", &defaults())), []);
}

// ---- CSV / TSV ----

#[test]
fn csv_fixture_quotes_and_embedded_newlines() {
    let results = titles_of("feeds/sample.csv", &defaults());
    let titles = ok_titles(&results);
    assert_eq!(
        titles,
        [
            (
                2,
                "Vanderbilt to stop offering transgender surgery for adults"
            ),
            (
                3,
                "Man shot, killed by Secret Service outside of Mar-a-Lago, agency says"
            ),
            (
                4,
                "TSA says PreCheck still operational\namid partial government shutdown"
            ),
            (6, "Witkoff calls talks \"productive and constructive\""),
            (
                7,
                "US beats Canada 2-1 in overtime to win Olympic hockey gold"
            ),
        ]
    );
    let first = results[0].as_ref().unwrap();
    assert_eq!(first.id.as_deref(), Some("c1"));
    assert_eq!(first.link.as_deref(), Some("https://example.com/c1"));
    assert_eq!(first.source.as_deref(), Some("Wire A"));
}

#[test]
fn csv_columns_by_name_index_and_default() {
    let by_index = ReadOptions {
        column: Some(ColumnRef::Index(2)),
        ..defaults()
    };
    let results = titles_of("feeds/sample.csv", &by_index);
    assert_eq!(results[0].as_ref().unwrap().title, "https://example.com/c1");
    let by_name = ReadOptions {
        column: Some(ColumnRef::Name("SOURCE".into())),
        ..defaults()
    };
    assert_eq!(
        titles_of("feeds/sample.csv", &by_name)[1]
            .as_ref()
            .unwrap()
            .title,
        "Wire B"
    );
    // --field names a column as well.
    let by_field = ReadOptions {
        field: Some("url".into()),
        ..defaults()
    };
    assert_eq!(
        titles_of("feeds/sample.csv", &by_field)[0]
            .as_ref()
            .unwrap()
            .title,
        "https://example.com/c1"
    );
    // Without a "title" column the first column is the title.
    let results = titles_from("x.csv", b"headline,url\nA,u\n", &defaults());
    assert_eq!(ok_titles(&results), [(2, "A")]);
    let missing = ReadOptions {
        column: Some(ColumnRef::Name("headline".into())),
        ..defaults()
    };
    let results = titles_of("feeds/sample.csv", &missing);
    assert_eq!(results.len(), 1);
    assert_eq!(
        errors(&results),
        [
            "fixtures/feeds/sample.csv:1: column \"headline\" is not in the header; the columns are \
          0: id, 1: title, 2: url, 3: source (use --column with a name or a 0-based index)"
        ]
    );
}

#[test]
fn csv_short_rows_empty_cells_and_bad_bytes() {
    let input = b"id,title\n1,Fine\n2\n3,\n4,Caf\xe9\n5,Also fine\n";
    let results = titles_from("s.csv", input, &defaults());
    assert_eq!(results.len(), 5);
    assert_eq!(
        errors(&results),
        [
            "s.csv:3: the row has 1 fields, so it has no column 1 (\"title\"); check the delimiter and the quoting",
            "s.csv:4: column \"title\" is empty; there is no title to compare",
            "s.csv:5: column \"title\" is not valid UTF-8 (byte 0xe9 at byte 4); convert the file to UTF-8, e.g. with iconv -f latin1 -t utf-8",
        ]
    );
    assert_eq!(results[4].as_ref().unwrap().location.line, 6);
}

#[test]
fn csv_line_over_the_limit_is_one_bad_row() {
    let mut input = b"title\nshort\n".to_vec();
    input.extend(std::iter::repeat_n(b'x', 2 * 1024 * 1024));
    input.extend(b"\nafter\n");
    let options = ReadOptions {
        max_line_bytes: 1000,
        ..defaults()
    };
    let results = titles_from("big.csv", &input, &options);
    assert_eq!(results.len(), 3);
    assert_eq!(results[0].as_ref().unwrap().title, "short");
    let err = results[1].as_ref().unwrap_err();
    assert!(!err.ends_input());
    assert!(
        err.to_string()
            .starts_with("big.csv:3: the line is longer than the limit of 1000 bytes"),
        "{err}"
    );
    assert_eq!(ok_titles(&results[2..]), [(4, "after")]);
}

/// Regression: `"unterminated,1` swallowed every later row into one field, exit 0, no word.
#[test]
fn csv_unterminated_quote_loses_no_row() {
    let results = titles_from(
        "u.csv",
        b"title,id\n\"unterminated,1\nfine,2\n",
        &defaults(),
    );
    assert_eq!(results.len(), 2, "{results:?}");
    let err = results[0].as_ref().unwrap_err();
    assert!(!err.ends_input());
    assert!(
        err.to_string()
            .starts_with("u.csv:2: a quoted field opens on this line and is never closed"),
        "{err}"
    );
    assert_eq!(ok_titles(&results[1..]), [(3, "fine")]);
    // Without a newline at the end, and in the last row.
    let results = titles_from("u.csv", b"title\nfine\n\"open", &defaults());
    assert_eq!(ok_titles(&results[..1]), [(2, "fine")]);
    assert_eq!(errors(&results[1..]).len(), 1);
    // As a pair, too.
    let pairs: Vec<_> = read_pairs(
        "p.csv",
        Cursor::new(&b"original,rewrite\n\"a,b\nc,d\n"[..]),
        &defaults(),
    )
    .collect();
    assert_eq!(pairs.len(), 2);
    assert!(errors(&pairs)[0].starts_with("p.csv:2: a quoted field opens"));
    assert_eq!(pairs[1].as_ref().unwrap().original, "c");
}

#[test]
fn csv_closed_quotes_and_doubled_quotes_are_no_problem() {
    let input = b"title,id\n\"a, \"\"b\"\"\",1\n\"two\nlines\",2\nx\"y,3\nlast,4";
    let results = titles_from("q.csv", input, &defaults());
    assert_eq!(
        ok_titles(&results),
        [(2, "a, \"b\""), (3, "two\nlines"), (5, "x\"y"), (6, "last")]
    );
}

#[test]
fn csv_quoted_field_over_the_limit_is_one_bad_row() {
    let mut input = b"title\n\"open".to_vec();
    for _ in 0..50 {
        input.extend(b" and on\n");
    }
    input.extend(b"\"closed late\"\n");
    let options = ReadOptions {
        max_line_bytes: 100,
        ..defaults()
    };
    let results = titles_from("l.csv", &input, &options);
    let errs = errors(&results);
    assert!(
        errs[0].starts_with(
            "l.csv:2: a quoted field opens on this line and runs on for more than 100 bytes"
        ),
        "{errs:?}"
    );
    // Reading goes on at line 3; the closing quote at the end opens a new field there.
    assert!(
        results
            .iter()
            .any(|r| matches!(r, Ok(t) if t.location.line == 3))
    );
}

#[test]
fn csv_header_with_an_open_quote_ends_the_input() {
    let results = titles_from("h.csv", b"\"title\nA\n", &defaults());
    assert_eq!(results.len(), 1);
    let err = results[0].as_ref().unwrap_err();
    assert!(err.ends_input());
    assert!(
        err.to_string().starts_with("h.csv:1: a quoted field opens"),
        "{err}"
    );
}

#[test]
fn tsv_fixture_keeps_quotes_as_text() {
    let results = titles_of("feeds/sample.tsv", &defaults());
    let titles = ok_titles(&results);
    assert_eq!(titles.len(), 4);
    assert_eq!(
        titles[1],
        (
            3,
            "\"Productive and constructive\": Witkoff on talks with Russian envoy"
        )
    );
    assert_eq!(
        titles[3],
        (
            5,
            "Mets' Jorge Polanco working on footwork, ready to do the splits"
        )
    );
    assert_eq!(results[0].as_ref().unwrap().id.as_deref(), Some("t1"));
}

// ---- time fields ----

fn with_time_field(name: &str) -> ReadOptions {
    ReadOptions {
        time_field: Some(name.to_owned()),
        ..defaults()
    }
}

/// `time` of every record; panics on an error.
fn times(results: &[Result<TitleRecord, RecordError>]) -> Vec<Option<UnixSeconds>> {
    results
        .iter()
        .map(|r| match r {
            Ok(t) => t.time,
            Err(e) => panic!("unexpected error: {e}"),
        })
        .collect()
}

#[test]
fn json_time_field_reads_text_numbers_and_null() {
    let input = br#"{"title": "a", "at": "2026-02-21T14:05:00Z"}
{"title": "b", "at": 1771682700000}
{"title": "c", "at": null}
{"title": "d", "meta": {"at": "Sat, 21 Feb 2026 14:05:00 GMT"}}
"#;
    let results = titles_from("t.jsonl", input, &with_time_field("at"));
    let afternoon = Some(1_771_682_700);
    assert_eq!(&times(&results[..3]), &[afternoon, afternoon, None]);
    assert!(errors(&results[3..])[0].starts_with("t.jsonl:4: field \"at\" is missing"));
    let nested = br#"{"title": "d", "meta": {"at": "Sat, 21 Feb 2026 14:05:00 GMT"}}"#;
    let nested = titles_from("t.jsonl", nested, &with_time_field("meta.at"));
    assert_eq!(times(&nested), [afternoon]);
}

#[test]
fn json_time_that_is_no_time_names_the_record() {
    let input = br#"{"title": "a", "at": "last tuesday"}
{"title": "b", "at": true}
{"title": "c", "at": "2026-02-21"}
"#;
    let results = titles_from("t.jsonl", input, &with_time_field("at"));
    let errors = errors(&results);
    assert_eq!(errors.len(), 2);
    assert!(errors[0].starts_with("t.jsonl:1: field \"at\": \"last tuesday\" is not a time"));
    assert!(errors[1].starts_with("t.jsonl:2: field \"at\": a boolean is not a time"));
    assert!(results[2].is_ok());
    assert_eq!(titles_from("t.jsonl", input, &defaults()).len(), 3);
}

#[test]
fn csv_time_column_empty_cells_are_no_time() {
    let input = b"title,published\na,2026-02-21T14:05:00Z\nb,\nc,1394470370698\nd,soon\n";
    let results = titles_from("t.csv", input, &with_time_field("published"));
    assert_eq!(
        times(&results[..3]),
        [Some(1_771_682_700), None, Some(1_394_470_370)]
    );
    assert!(
        errors(&results)[0].starts_with("t.csv:5: column \"published\": \"soon\" is not a time")
    );
    let missing = titles_from("t.csv", input, &with_time_field("when"));
    assert!(
        errors(&missing)[0].contains("--time-field"),
        "{:?}",
        errors(&missing)
    );
}

// ---- feeds ----

#[test]
fn rss_fixture() {
    let results = titles_of("feeds/sample.rss", &defaults());
    let titles = ok_titles(&results);
    assert_eq!(
        titles,
        [
            (
                8,
                "Trump sends hospital ship to Greenland after Denmark helped evacuate US Navy sailor"
            ),
            (
                16,
                "Trump deploys hospital ship to Greenland following Denmark\u{2019}s rescue of Navy sailor"
            ),
            (
                20,
                "Vanderbilt to stop offering transgender surgery for adults & minors? Not quite"
            ),
        ]
    );
    let first = results[0].as_ref().unwrap();
    assert_eq!(first.link.as_deref(), Some("https://example.com/r1"));
    assert_eq!(first.id.as_deref(), Some("r1"));
    // The date as the feed writes it, and as a time.
    assert_eq!(
        first.published.as_deref(),
        Some("Sat, 21 Feb 2026 14:30:00 GMT")
    );
    assert_eq!(first.source.as_deref(), Some("Sample Wire"));
    assert_eq!(
        first.time,
        Some(parse_time("2026-02-21T14:30:00Z").unwrap())
    );
    assert_eq!(results[2].as_ref().unwrap().published, None);
    assert_eq!(results[2].as_ref().unwrap().time, None);
    // The item's own <source> wins over the channel title.
    assert_eq!(
        results[2].as_ref().unwrap().source.as_deref(),
        Some("Other & Wire")
    );
}

#[test]
fn atom_fixture() {
    let results = titles_of("feeds/sample.atom", &defaults());
    let titles = ok_titles(&results);
    assert_eq!(titles.len(), 2);
    assert_eq!(titles[0].0, 8);
    assert_eq!(
        titles[1],
        (
            15,
            "Historic Victory: Team USA Clinches First Olympic Men's Hockey Gold in 43 Years"
        )
    );
    let first = results[0].as_ref().unwrap();
    assert_eq!(first.published.as_deref(), Some("2026-02-22T09:00:00Z"));
    assert_eq!(
        first.time,
        Some(parse_time("2026-02-22T09:00:00Z").unwrap())
    );
    assert_eq!(first.link.as_deref(), Some("https://example.com/a1"));
    assert_eq!(first.id.as_deref(), Some("urn:example:a1"));
    assert_eq!(first.source.as_deref(), Some("Sample Atom Wire"));
    // No published date: the updated one.
    let second = results[1].as_ref().unwrap();
    assert_eq!(second.published.as_deref(), Some("2026-02-22T09:45:00Z"));
    assert_eq!(
        second.time,
        Some(parse_time("2026-02-22T09:45:00Z").unwrap())
    );
    // The entry's own <source><title> wins over the feed title.
    assert_eq!(second.source.as_deref(), Some("Rewrite Desk"));
}

#[test]
fn xml_external_entities_are_never_resolved() {
    let input = br#"<?xml version="1.0"?>
<!DOCTYPE rss [
  <!ENTITY xxe SYSTEM "file:///etc/passwd">
]>
<rss version="2.0"><channel><title>T</title>
<item><title>Leak &xxe; here</title></item>
</channel></rss>
"#;
    let results = titles_from("x.xml", input, &defaults());
    assert_eq!(results.len(), 1);
    let title = &results[0].as_ref().unwrap().title;
    assert_eq!(title, "Leak &xxe; here");
    assert!(!title.contains("root:"));
    assert_eq!(results[0].as_ref().unwrap().location.line, 6);
}

#[test]
fn feed_text_decodes_predefined_entities_and_character_references_only() {
    let input = b"<rss><channel><title>W &amp; Co</title>\n<item><title> A &amp; B &#8217; &#x41; \
&lt;x&gt; &bogus; & <![CDATA[R & D]]></title><source url=\"u\">S&#233;</source></item>\n\
</channel></rss>";
    let results = titles_from("e.rss", input, &defaults());
    let record = results[0].as_ref().unwrap();
    assert_eq!(record.title, "A & B \u{2019} A <x> &bogus; & R & D");
    assert_eq!(record.source.as_deref(), Some("S\u{e9}"));
    assert_eq!(record.location.line, 2);
}

#[test]
fn broken_feeds_are_one_clear_error() {
    let errs = errors(&titles_from(
        "b.rss",
        b"<rss><channel><item><title>x</item>",
        &defaults(),
    ));
    assert_eq!(errs.len(), 1);
    assert!(
        errs[0].starts_with("b.rss:1: cannot parse the feed: "),
        "{errs:?}"
    );
    let input = b"<rss version=\"2.0\"><channel><title>T</title>\n<item><link>u</link></item>\n</channel></rss>";
    let errs = errors(&titles_from("n.rss", input, &defaults()));
    assert_eq!(errs.len(), 1);
    assert!(
        errs[0].starts_with("n.rss:2: the entry has no title"),
        "{errs:?}"
    );
}

// ---- pages ----

/// The 12 blocks of the seed page: original line, original, rewrite.
const PAGE_BLOCKS: [(u64, &str, &str); 12] = [
    (
        40,
        "AOC hits back at critics of her gaffe-filled Munich speech — as major Republican suggests she could be president",
        "AOC Responds to Critics of Her Munich Speech Amid Presidential Speculation by Top Republican",
    ),
    (
        45,
        "Trump sends hospital ship to Greenland -- after Denmark helped evacuate US Navy sailor from submarine",
        "Trump Deploys Hospital Ship to Greenland Following Denmark’s Crucial Rescue of US Navy Sailor",
    ),
    (
        50,
        "Who is El Mencho? Inside the rise of CJNG’s fallen kingpin and the cartel he built",
        "Unveiling El Mencho: The Rise and Fall of CJNG’s Infamous Leader and His Cartel Empire",
    ),
    (
        55,
        "Man shot, killed by Secret Service, local deputy outside of Mar-a-Lago, agency says",
        "Tragic Encounter: Secret Service and Local Deputy Involved in Fatal Shooting Near Mar-a-Lago",
    ),
    (
        60,
        "US beats Canada 2-1 in overtime to win first men's hockey championship at the Olympics since 1980",
        "Historic Victory: Team USA Clinches First Olympic Men’s Hockey Gold in 43 Years with Thrilling Overtime Win Against Canada",
    ),
    (
        65,
        "This Is a Sign: Vanderbilt to Stop Offering Transgender Surgery for Adults",
        "Vanderbilt University to Cease Adult Transgender Surgery Services",
    ),
    (
        70,
        "Mets’ Jorge Polanco working on footwork – and ready to do the splits – as he transitions to 1B",
        "Jorge Polanco’s First Base Transition: Mastering Footwork and Flexibility with the Mets",
    ),
    (
        75,
        "Rocket launchers among military-grade equipment seized in daring raid that killed notorious Mexican cartel leader 'El Mencho'",
        "Daring Raid Takes Down Infamous Cartel Leader ‘El Mencho’ and Uncovers Military Arsenal",
    ),
    (
        80,
        "Iran could ‘activate’ Hezbollah if US targets regime, Trump’s inner circle to decide: expert",
        "Expert Warns: Iran May Mobilize Hezbollah if US Targets Regime, Trump’s Advisors to Make Critical Decision",
    ),
    (
        85,
        "TSA says PreCheck still operational after previous announcement of suspension amid partial government shutdown",
        "TSA Confirms PreCheck Services Uninterrupted Despite Government Shutdown Confusion",
    ),
    (
        90,
        "Who is 'El Mencho,' the Jalisco New Generation cartel leader gunned down by Mexican military?",
        "Mexican Military Neutralizes Infamous Jalisco New Generation Cartel Leader ‘El Mencho",
    ),
    (
        95,
        "Infamous photo of ex-Prince Andrew after his arrest hung in the Louvre by activists, stuns visitors",
        "Activists Display Controversial Photo of Former Prince Andrew Post-Arrest in Louvre, Leaving Visitors Astonished",
    ),
];

#[test]
fn page_fixture_yields_twelve_pairs() {
    let results = pairs_of("pages/related-stories-page.txt", &defaults());
    assert_eq!(results.len(), 12);
    for (result, (line, original, rewrite)) in results.iter().zip(PAGE_BLOCKS) {
        let pair = result.as_ref().unwrap();
        assert_eq!(pair.original, original);
        assert_eq!(pair.rewrite, rewrite);
        assert_eq!(pair.location.line, line);
        assert_eq!(pair.original_location.line, line);
        assert_eq!(pair.rewrite_location.line, line + 2);
        assert!(
            pair.teaser.as_deref().is_some_and(|t| t.ends_with('…')),
            "{pair:?}"
        );
    }
    let first = results[0].as_ref().unwrap();
    assert_eq!(
        first.location.to_string(),
        "fixtures/pages/related-stories-page.txt:40"
    );
    assert_eq!(
        first.teaser.as_deref(),
        Some(
            "WASHINGTON — Representative Alexandria Ocasio-Cortez, known for her democratic socialist views, has…"
        )
    );
}

#[test]
fn page_fixture_yields_twenty_five_titles() {
    let results = titles_of("pages/related-stories-page.txt", &defaults());
    let titles = ok_titles(&results);
    assert_eq!(titles.len(), 25);
    assert_eq!(
        titles[0],
        (
            1,
            "Witkoff says talks with Russian envoy were 'productive and constructive' amid Trump admin's peace push"
        )
    );
    for (i, (line, original, rewrite)) in PAGE_BLOCKS.iter().enumerate() {
        assert_eq!(titles[1 + 2 * i], (*line, *original));
        assert_eq!(titles[2 + 2 * i], (line + 2, *rewrite));
    }
}

#[test]
fn page_layout_variations() {
    let input = "Headline\n\nbody\nYou May Also Like\u{a0}\n\n\
                 Original one\u{a0}\n\n\n\nRewrite one\n\nTeaser one…\n\
                 Original two\nRewrite two\n\
                 Original three\n\nTeaser three...\n\
                 Orphan teaser…\n\
                 Original four\n\nRewrite four\n";
    let results: Vec<_> = read_pairs("p.txt", Cursor::new(input), &defaults()).collect();
    let pairs: Vec<(u64, &str, &str, Option<&str>, u64)> = results
        .iter()
        .filter_map(|r| r.as_ref().ok())
        .map(|p| {
            (
                p.location.line,
                p.original.as_str(),
                p.rewrite.as_str(),
                p.teaser.as_deref(),
                p.rewrite_location.line,
            )
        })
        .collect();
    assert_eq!(
        pairs,
        [
            (6, "Original one", "Rewrite one", Some("Teaser one…"), 10),
            (13, "Original two", "Rewrite two", None, 14),
            (19, "Original four", "Rewrite four", None, 21),
        ]
    );
    assert_eq!(
        errors(&results),
        [
            "p.txt:15: the block starting with \"Original three\" has no rewritten title after the \
             original headline; expected: original, rewrite, teaser ending with …",
            "p.txt:18: a teaser line (it ends with …) with no headline and rewritten title above \
             it; the block is incomplete",
        ]
    );
}

#[test]
fn page_without_marker_is_an_error() {
    let options = ReadOptions {
        format: Some(InputFormat::Page),
        ..defaults()
    };
    let errs = errors(&titles_from("p.txt", b"Just\nlines\n", &options));
    assert_eq!(
        errs,
        [
            "p.txt:1: no \"You May Also Like\" line, so this is not a related-stories page; for one \
          title per line use --input-format lines"
        ]
    );
}

#[test]
fn page_with_a_bad_line_reports_it_in_order() {
    let input = b"Head\nYou May Also Like\nA\n\n\xff\nB\nC\nD\n";
    let results: Vec<_> = read_pairs("p.txt", Cursor::new(input.to_vec()), &defaults()).collect();
    assert_eq!(results.len(), 3);
    assert_eq!(results[0].as_ref().unwrap().original, "A");
    assert!(errors(&results)[0].starts_with("p.txt:5: the line is not valid UTF-8"));
    assert_eq!(results[2].as_ref().unwrap().original, "C");
}

// ---- pairs from tables and JSON ----

#[test]
fn pairs_from_csv_fixture() {
    let results = pairs_of("pairs/sample-pairs.csv", &defaults());
    assert_eq!(results.len(), 4);
    let first = results[0].as_ref().unwrap();
    assert_eq!(
        first.original,
        "Man shot, killed by Secret Service, local deputy outside of Mar-a-Lago, agency says"
    );
    assert_eq!(
        first.rewrite,
        "Tragic Encounter: Secret Service and Local Deputy Involved in Fatal Shooting Near Mar-a-Lago"
    );
    assert_eq!(first.location.line, 2);
    assert_eq!(first.rewrite_location.line, 2);
    assert_eq!(first.teaser, None);
    // By index, and a missing column.
    let by_index = ReadOptions {
        original_field: Some("1".into()),
        rewrite_field: Some("0".into()),
        ..defaults()
    };
    let swapped = pairs_of("pairs/sample-pairs.csv", &by_index);
    assert_eq!(swapped[0].as_ref().unwrap().original, first.rewrite);
    let errs =
        errors(&read_pairs("x.csv", Cursor::new("a,b\n1,2\n"), &defaults()).collect::<Vec<_>>());
    assert_eq!(
        errs,
        [
            "x.csv:1: no column named original or left; the columns are 0: a, 1: b (use \
          --original-field with a name or a 0-based index)"
        ]
    );
}

#[test]
fn pairs_from_jsonl_fixture() {
    let results = pairs_of("pairs/sample-pairs.jsonl", &defaults());
    assert_eq!(results.len(), 3);
    let second = results[1].as_ref().unwrap();
    assert_eq!(second.location.line, 2);
    assert!(second.rewrite.starts_with("Unveiling El Mencho"));
    assert!(second.teaser.as_deref().unwrap().ends_with('…'));
    let options = ReadOptions {
        original_field: Some("a.t".into()),
        rewrite_field: Some("b".into()),
        ..defaults()
    };
    let input = "{\"a\": {\"t\": \"x\"}, \"b\": \"y\"}\n{\"a\": {\"t\": \"x\"}}\n";
    let results: Vec<_> = read_pairs("p.jsonl", Cursor::new(input), &options).collect();
    assert_eq!(results[0].as_ref().unwrap().rewrite, "y");
    assert_eq!(
        errors(&results),
        ["p.jsonl:2: field \"b\" is missing; the record has fields: a"]
    );
}

/// A gzip stream cut short: the records before the cut are read, then one error.
#[test]
fn a_truncated_gzip_keeps_the_records_before_the_cut() {
    let text: String = (0..4000).map(|i| format!("Story {i}\n")).collect();
    let mut bytes = gzip(text.as_bytes());
    bytes.truncate(bytes.len() / 2);
    let results = titles_from("t.txt.gz", &bytes, &defaults());
    let (last, good) = results.split_last().unwrap();
    assert!(!good.is_empty() && good.iter().all(Result::is_ok));
    let err = last.as_ref().unwrap_err();
    assert!(err.ends_input());
    assert!(
        err.to_string()
            .contains("the gzip data is corrupt or truncated"),
        "{err}"
    );
}

#[test]
fn pairs_from_single_title_formats_is_an_error() {
    let results: Vec<_> = read_pairs("t.txt", Cursor::new("a\nb\n"), &defaults()).collect();
    assert_eq!(results.len(), 1);
    assert!(errors(&results)[0].starts_with("t.txt: a lines input holds single titles"));
}

// ---- robustness ----

#[test]
fn record_streams_are_send() {
    fn assert_send<T: Send>(_: &T) {}
    let titles = read_titles("-", Cursor::new(b"a\n".to_vec()), &defaults());
    assert_send(&titles);
    let pairs = read_pairs("-", Cursor::new(b"a\n".to_vec()), &defaults());
    assert_send(&pairs);
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]

    /// No input makes a reader panic, and every error names a line the input has, or (only
    /// when it ends the input) the input as a whole.
    #[test]
    fn readers_never_panic(
        bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..400),
        pick in 0usize..7,
    ) {
        let format = InputFormat::ALL[pick];
        let options = ReadOptions { format: Some(format), max_line_bytes: 64, ..defaults() };
        let lines = 1 + bytes.iter().filter(|&&b| b == b'\n').count() as u64;
        let check = |e: &RecordError| {
            e.location.line <= lines && (e.location.line >= 1 || e.ends_input())
        };
        for result in read_titles("f", Cursor::new(bytes.clone()), &options) {
            if let Err(e) = result {
                proptest::prop_assert!(check(&e), "{e}");
            }
        }
        for result in read_pairs("f", Cursor::new(bytes.clone()), &options) {
            if let Err(e) = result {
                proptest::prop_assert!(check(&e), "{e}");
            }
        }
    }

    /// Structured-looking input too: lines of JSON-ish, CSV-ish and XML-ish fragments.
    #[test]
    fn readers_never_panic_on_near_valid_text(
        parts in proptest::collection::vec(
            proptest::sample::select(vec![
                "{", "}", "[", "]", "\"title\"", ":", ",", "\"x\"", "\n", "\r\n", "\t", "\"",
                "<item>", "</item>", "<source>", "</source>", "<source/>", "&amp;", "&#x", ";", "</", "<title>", "</title>", "<rss>", "<feed>", "<entry>",
                "You May Also Like\n", "…", "\u{a0}", "title,original,rewrite\n", "é", "\u{feff}",
            ]),
            0..60,
        ),
        pick in 0usize..7,
    ) {
        let text: String = parts.concat();
        let format = InputFormat::ALL[pick];
        for format in [Some(format), None] {
            let options = ReadOptions { format, ..defaults() };
            let _ = read_titles("f.txt", Cursor::new(text.clone()), &options).count();
            let _ = read_pairs("f.txt", Cursor::new(text.clone()), &options).count();
        }
    }
}
