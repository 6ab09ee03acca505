//! The bad-input matrix: every kind of broken input, given to `scan`, `pairs` and `eval` on
//! the real binary, with and without `--skip-invalid`. Each must give a clear error naming the
//! file (and the line, where one is at fault) with exit 2, or with `--skip-invalid` a warning
//! and a count; never a panic. And the books must balance: records read + skipped + failed =
//! records in the input, so that nothing vanishes.

use std::io::Write;
use std::path::{Path, PathBuf};

mod common;
use common::{neardup, temp_dir};

/// Three distinct titles: a clean scan of them has no findings.
const TITLES: [&str; 3] = [
    "Fire in Rome kills 5",
    "US beats Canada 2-1 in overtime to win hockey gold",
    "Flood in Paris closes schools",
];

/// The command a case runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Command {
    Scan,
    Pairs,
    Eval,
}

/// What the input should do.
#[derive(Debug, Clone)]
enum Expect {
    /// `records` in the input, of which `bad` cannot be read (each one error, or one skipped
    /// record with `--skip-invalid`); `error` is in the first error message.
    Records {
        records: u64,
        bad: u64,
        error: String,
    },
    /// The input as a whole cannot be read: one error, nothing read, even when skipping.
    Whole { error: String },
    /// Records are read up to the point where the input breaks off, then one error.
    CutShort { error: String },
}

fn clean(records: u64) -> Expect {
    Expect::Records {
        records,
        bad: 0,
        error: String::new(),
    }
}

fn bad(records: u64, bad: u64, error: impl Into<String>) -> Expect {
    Expect::Records {
        records,
        bad,
        error: error.into(),
    }
}

fn whole(error: impl Into<String>) -> Expect {
    Expect::Whole {
        error: error.into(),
    }
}

/// One input for one command: its file name, its bytes (`None`: make no file), what to expect.
struct Input {
    name: &'static str,
    bytes: Option<Vec<u8>>,
    /// Extra arguments (e.g. `--groups` for eval on titles with stories).
    args: &'static [&'static str],
    expect: Expect,
}

fn input(name: &'static str, bytes: impl Into<Vec<u8>>, expect: Expect) -> Input {
    Input {
        name,
        bytes: Some(bytes.into()),
        args: &[],
        expect,
    }
}

fn groups(name: &'static str, bytes: impl Into<Vec<u8>>, expect: Expect) -> Input {
    Input {
        args: &["--groups"],
        ..input(name, bytes, expect)
    }
}

/// One row of the matrix: an input for each command.
struct Case {
    name: &'static str,
    inputs: Vec<(Command, Input)>,
}

fn lines(titles: &[&str], ending: &str) -> String {
    titles.iter().map(|t| format!("{t}{ending}")).collect()
}

fn pairs_csv(ending: &str) -> String {
    let mut out = format!("original,rewrite{ending}");
    for t in TITLES {
        out.push_str(&format!("{t},{t} - AP{ending}"));
    }
    out
}

fn labeled_tsv(ending: &str) -> String {
    let mut out = format!("label\tscore\ta\tb{ending}");
    for (i, t) in TITLES.iter().enumerate() {
        out.push_str(&format!("{}\t{}\t{t}\t{t} - AP{ending}", i % 2, i));
    }
    out
}

fn utf16(text: &str, bom: bool) -> Vec<u8> {
    let mut out = if bom { vec![0xff, 0xfe] } else { Vec::new() };
    out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    out
}

fn gzip_cut(text: &str) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(text.as_bytes()).unwrap();
    let mut bytes = encoder.finish().unwrap();
    bytes.truncate(bytes.len() / 2);
    bytes
}

/// Many distinct lines, so that half a gzip stream holds some of them.
fn many(make: impl Fn(usize) -> String) -> String {
    (0..4000).map(make).collect()
}

fn rss(doctype: &str, title: &str) -> String {
    format!(
        "<?xml version=\"1.0\"?>\n{doctype}\n<rss version=\"2.0\"><channel><title>F</title>\n\
         <item><title>{title}</title><guid>a</guid></item>\n\
         <item><title>Fire in Rome kills 5</title><guid>b</guid></item>\n\
         </channel></rss>\n"
    )
}

const XXE: &str = "<!DOCTYPE rss [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>";
const BOMB: &str = "<!DOCTYPE rss [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\
    <!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">\
    <!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\"><!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\">\
    <!ENTITY g \"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\"><!ENTITY h \"&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;\">]>";

fn with_bad_byte(text: String, line: usize) -> Vec<u8> {
    let mut out = Vec::new();
    for (i, l) in text.split_inclusive('\n').enumerate() {
        out.extend(l.as_bytes());
        if i == line {
            // Latin-1 "é" before the line ending.
            let end = out.len() - 1;
            out.insert(end, 0xe9);
        }
    }
    out
}

fn with_long_line(text: &str, after: usize, len: usize) -> Vec<u8> {
    let mut out = Vec::new();
    for (i, l) in text.split_inclusive('\n').enumerate() {
        out.extend(l.as_bytes());
        if i == after {
            out.extend(std::iter::repeat_n(b'x', len));
            out.push(b'\n');
        }
    }
    out
}

const MB: usize = 1 << 20;

fn cases() -> Vec<Case> {
    use Command::{Eval, Pairs, Scan};
    let text = lines(&TITLES, "\n");
    vec![
        Case {
            name: "invalid UTF-8",
            inputs: vec![
                (
                    Scan,
                    input(
                        "t.txt",
                        with_bad_byte(text.clone(), 1),
                        bad(3, 1, "t.txt:2: the line is not valid UTF-8"),
                    ),
                ),
                (
                    Pairs,
                    input(
                        "p.csv",
                        with_bad_byte(pairs_csv("\n"), 2),
                        bad(3, 1, "p.csv:3: column \"rewrite\" is not valid UTF-8"),
                    ),
                ),
                (
                    Eval,
                    input(
                        "l.tsv",
                        with_bad_byte(labeled_tsv("\n"), 1),
                        bad(3, 1, "l.tsv:2: column \"b\" is not valid UTF-8"),
                    ),
                ),
            ],
        },
        Case {
            name: "UTF-16 with a BOM",
            inputs: vec![
                (
                    Scan,
                    input(
                        "t.txt",
                        utf16(&text, true),
                        whole("t.txt:1: this looks like a binary file"),
                    ),
                ),
                (
                    Pairs,
                    input(
                        "p.csv",
                        utf16(&pairs_csv("\n"), true),
                        whole("p.csv:1: this looks like a binary file"),
                    ),
                ),
                (
                    Eval,
                    input(
                        "l.tsv",
                        utf16(&labeled_tsv("\n"), true),
                        whole("l.tsv:1: this looks like a binary file"),
                    ),
                ),
            ],
        },
        Case {
            name: "UTF-16 without a BOM",
            inputs: vec![
                (
                    Scan,
                    input(
                        "t.txt",
                        utf16(&text, false),
                        whole("t.txt:1: this looks like a binary file (a NUL byte at offset 1)"),
                    ),
                ),
                (
                    Pairs,
                    input(
                        "p.csv",
                        utf16(&pairs_csv("\n"), false),
                        whole("p.csv:1: this looks like a binary file (a NUL byte at offset 1)"),
                    ),
                ),
                (
                    Eval,
                    input(
                        "l.tsv",
                        utf16(&labeled_tsv("\n"), false),
                        whole("l.tsv:1: this looks like a binary file (a NUL byte at offset 1)"),
                    ),
                ),
            ],
        },
        Case {
            name: "a UTF-8 BOM",
            inputs: vec![
                (Scan, input("t.txt", format!("\u{feff}{text}"), clean(3))),
                (
                    Pairs,
                    input("p.csv", format!("\u{feff}{}", pairs_csv("\n")), clean(3)),
                ),
                (
                    Eval,
                    input("l.tsv", format!("\u{feff}{}", labeled_tsv("\n")), clean(3)),
                ),
            ],
        },
        Case {
            name: "CRLF line endings",
            inputs: vec![
                (Scan, input("t.txt", lines(&TITLES, "\r\n"), clean(3))),
                (Pairs, input("p.csv", pairs_csv("\r\n"), clean(3))),
                (Eval, input("l.tsv", labeled_tsv("\r\n"), clean(3))),
            ],
        },
        Case {
            name: "NUL bytes",
            inputs: vec![
                (
                    Scan,
                    input(
                        "t.txt",
                        text.replace("Canada", "Can\0ada"),
                        whole("t.txt:2: this looks like a binary file"),
                    ),
                ),
                (
                    Pairs,
                    input(
                        "p.csv",
                        pairs_csv("\n").replacen("Canada", "Can\0ada", 1),
                        whole("p.csv:3: this looks like a binary file"),
                    ),
                ),
                (
                    Eval,
                    input(
                        "l.tsv",
                        labeled_tsv("\n").replacen("Canada", "Can\0ada", 1),
                        whole("l.tsv:3: this looks like a binary file"),
                    ),
                ),
            ],
        },
        Case {
            name: "a binary file",
            inputs: [Scan, Pairs, Eval]
                .map(|c| {
                    (
                        c,
                        input(
                            "b.bin",
                            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0".to_vec(),
                            whole("b.bin:3: this looks like a binary file"),
                        ),
                    )
                })
                .into(),
        },
        Case {
            name: "an empty file",
            inputs: vec![
                (Scan, input("e.txt", "", whole("e.txt: the input is empty"))),
                (
                    Pairs,
                    input("e.csv", "", whole("e.csv: the input is empty")),
                ),
                (Eval, input("e.tsv", "", whole("e.tsv: the input is empty"))),
            ],
        },
        Case {
            name: "a header-only CSV",
            inputs: vec![
                (
                    Scan,
                    input(
                        "h.csv",
                        "title,id\n",
                        whole("h.csv:1: the input holds its header row and nothing else"),
                    ),
                ),
                (
                    Pairs,
                    input(
                        "h.csv",
                        "original,rewrite\n",
                        whole("h.csv:1: the input holds its header row and nothing else"),
                    ),
                ),
                (
                    Eval,
                    input(
                        "h.tsv",
                        "label\tscore\ta\tb\n",
                        whole("h.tsv:1: the input holds its header row and nothing else"),
                    ),
                ),
            ],
        },
        Case {
            name: "an unterminated quote",
            inputs: vec![
                (
                    Scan,
                    input(
                        "u.csv",
                        "title,id\n\"unterminated,1\nfine,2\n",
                        bad(
                            2,
                            1,
                            "u.csv:2: a quoted field opens on this line and is never closed",
                        ),
                    ),
                ),
                (
                    Pairs,
                    input(
                        "u.csv",
                        "original,rewrite\n\"Fire in Rome,Rome fire\nFlood in Paris,Paris flood\n",
                        bad(2, 1, "u.csv:2: a quoted field opens"),
                    ),
                ),
                (
                    Eval,
                    input(
                        "u.csv",
                        "label,a,b\n1,\"Fire in Rome,Rome fire\n0,Flood in Paris,Fire in Rome\n",
                        bad(2, 1, "u.csv:2: a quoted field opens"),
                    ),
                ),
            ],
        },
        Case {
            name: "ragged CSV rows",
            inputs: vec![
                (
                    Scan,
                    input(
                        "r.csv",
                        "id,title\n1,Fire in Rome kills 5\n2\n3,Flood in Paris,extra\n",
                        bad(3, 1, "r.csv:3: the row has 1 fields"),
                    ),
                ),
                (
                    Pairs,
                    input(
                        "r.csv",
                        "original,rewrite\nFire in Rome,Rome fire\nFlood\nA,B,C\n",
                        bad(3, 1, "r.csv:3: the row has 1 fields"),
                    ),
                ),
                (
                    Eval,
                    input(
                        "r.tsv",
                        "label\tscore\ta\tb\n1\t5\tA\tB\n0\t1\tC\n",
                        bad(2, 1, "r.tsv:3: missing column `b`"),
                    ),
                ),
            ],
        },
        Case {
            name: "malformed JSON",
            inputs: vec![
                (
                    Scan,
                    input(
                        "m.jsonl",
                        "{\"title\": \"A\"}\n{\"title\": \n{\"title\": \"C\"}\n",
                        bad(3, 1, "m.jsonl:2: invalid JSON"),
                    ),
                ),
                (
                    Pairs,
                    input(
                        "m.jsonl",
                        "{\"original\": \"A\", \"rewrite\": \"B\"}\n{\"original\": \n",
                        bad(2, 1, "m.jsonl:2: invalid JSON"),
                    ),
                ),
                (
                    Eval,
                    groups(
                        "m.jsonl",
                        "{\"title\": \"A\", \"story\": \"a\"}\n{\"title\": \n",
                        bad(2, 1, "m.jsonl:2: invalid JSON"),
                    ),
                ),
            ],
        },
        Case {
            name: "a JSON array holding a non-object",
            inputs: vec![
                (
                    Scan,
                    input(
                        "a.json",
                        "[{\"title\": \"A\"},\n 5,\n {\"title\": \"C\"}]\n",
                        bad(3, 1, "a.json:2: the record is a number"),
                    ),
                ),
                (
                    Pairs,
                    input(
                        "a.json",
                        "[{\"original\": \"A\", \"rewrite\": \"B\"},\n [1]]\n",
                        bad(2, 1, "a.json:2: the record is an array"),
                    ),
                ),
                (
                    Eval,
                    groups(
                        "a.json",
                        "[{\"title\": \"A\", \"story\": \"a\"},\n 5]\n",
                        bad(2, 1, "a.json:2: the record is a number"),
                    ),
                ),
            ],
        },
        Case {
            name: "a missing field",
            inputs: vec![
                (
                    Scan,
                    input(
                        "f.jsonl",
                        "{\"title\": \"A\"}\n{\"headline\": \"B\"}\n",
                        bad(2, 1, "f.jsonl:2: field \"title\" is missing"),
                    ),
                ),
                (
                    Pairs,
                    input(
                        "f.jsonl",
                        "{\"original\": \"A\", \"rewrite\": \"B\"}\n{\"original\": \"C\"}\n",
                        bad(2, 1, "f.jsonl:2: field \"rewrite\""),
                    ),
                ),
                (
                    Eval,
                    groups(
                        "f.jsonl",
                        "{\"title\": \"A\", \"story\": \"a\"}\n{\"story\": \"b\"}\n",
                        bad(2, 1, "f.jsonl:2: field \"title\" is missing"),
                    ),
                ),
            ],
        },
        Case {
            name: "a title that is null, a number or an object",
            inputs: vec![
                (
                    Scan,
                    input(
                        "n.jsonl",
                        "{\"title\": \"A\"}\n{\"title\": null}\n{\"title\": 5}\n{\"title\": {\"a\": 1}}\n",
                        bad(4, 3, "n.jsonl:2: field \"title\" is null"),
                    ),
                ),
                (
                    Pairs,
                    input(
                        "n.jsonl",
                        "{\"original\": \"A\", \"rewrite\": \"B\"}\n{\"original\": null, \"rewrite\": \"B\"}\n{\"original\": 5, \"rewrite\": \"B\"}\n{\"original\": {}, \"rewrite\": \"B\"}\n",
                        bad(4, 3, "n.jsonl:2: field \"original\" is null"),
                    ),
                ),
                (
                    Eval,
                    groups(
                        "n.jsonl",
                        "{\"title\": \"A\", \"story\": \"a\"}\n{\"title\": null, \"story\": \"b\"}\n{\"title\": 5, \"story\": \"b\"}\n{\"title\": [], \"story\": \"b\"}\n",
                        bad(4, 3, "n.jsonl:2: field \"title\" is null"),
                    ),
                ),
            ],
        },
        Case {
            name: "a 10 MB line",
            inputs: vec![
                (
                    Scan,
                    input(
                        "l.txt",
                        with_long_line(&text, 0, 10 * MB),
                        bad(
                            4,
                            1,
                            "l.txt:2: the line is 10485760 bytes long, over the limit",
                        ),
                    ),
                ),
                (
                    Pairs,
                    input(
                        "l.csv",
                        with_long_line(&pairs_csv("\n"), 1, 10 * MB),
                        bad(4, 1, "l.csv:3: the line is longer than the limit"),
                    ),
                ),
                (
                    Eval,
                    input(
                        "l.tsv",
                        with_long_line(&labeled_tsv("\n"), 1, 10 * MB),
                        bad(4, 1, "l.tsv:3: the line is longer than the limit"),
                    ),
                ),
            ],
        },
        Case {
            name: "a 100 MB single line without a newline",
            inputs: vec![
                (
                    Scan,
                    input(
                        "h.txt",
                        vec![b'x'; 100 * MB],
                        bad(
                            1,
                            1,
                            "h.txt:1: the line is 104857600 bytes long, over the limit",
                        ),
                    ),
                ),
                (
                    Pairs,
                    input(
                        "h.csv",
                        vec![b'x'; 100 * MB],
                        whole("h.csv:1: the line is longer than the limit"),
                    ),
                ),
                (
                    Eval,
                    input(
                        "h.tsv",
                        vec![b'x'; 100 * MB],
                        whole("h.tsv:1: the line is longer than the limit"),
                    ),
                ),
            ],
        },
        Case {
            name: "an RSS feed with an external entity (XXE)",
            inputs: vec![
                (Scan, input("x.rss", rss(XXE, "Secret: &xxe;"), clean(2))),
                (
                    Pairs,
                    input(
                        "x.rss",
                        rss(XXE, "Secret: &xxe;"),
                        whole("x.rss: a feed input holds single titles"),
                    ),
                ),
                (Eval, groups("x.rss", rss(XXE, "Secret: &xxe;"), clean(2))),
            ],
        },
        Case {
            name: "an RSS feed with an entity bomb",
            inputs: vec![
                (Scan, input("b.rss", rss(BOMB, "Boom &h;"), clean(2))),
                (Eval, groups("b.rss", rss(BOMB, "Boom &h;"), clean(2))),
            ],
        },
        Case {
            name: "a truncated gzip",
            inputs: vec![
                (
                    Scan,
                    input(
                        "t.txt.gz",
                        gzip_cut(&many(|i| format!("Story number {i} breaks\n"))),
                        Expect::CutShort {
                            error: "the gzip data is corrupt or truncated".into(),
                        },
                    ),
                ),
                (
                    Pairs,
                    input(
                        "t.csv.gz",
                        gzip_cut(&format!(
                            "original,rewrite\n{}",
                            many(|i| format!("Story {i},Story {i} - AP\n"))
                        )),
                        Expect::CutShort {
                            error: "the gzip data is corrupt or truncated".into(),
                        },
                    ),
                ),
                (
                    Eval,
                    input(
                        "t.tsv.gz",
                        gzip_cut(&format!(
                            "label\ta\tb\n{}",
                            many(|i| format!("{}\tStory {i}\tStory {i} - AP\n", i % 2))
                        )),
                        Expect::CutShort {
                            error: "the gzip data is corrupt or truncated".into(),
                        },
                    ),
                ),
            ],
        },
        Case {
            name: "a missing file",
            inputs: [Scan, Pairs, Eval]
                .map(|c| {
                    (
                        c,
                        Input {
                            name: "missing.txt",
                            bytes: None,
                            args: &[],
                            expect: whole("missing.txt: cannot open: No such file"),
                        },
                    )
                })
                .into(),
        },
    ]
}

/// What one run reported.
#[derive(Debug)]
struct Books {
    code: i32,
    read: u64,
    skipped: u64,
    failed: u64,
    stderr: String,
}

fn run(command: Command, path: &Path, args: &[&str], skip: bool) -> Books {
    let mut cmd = neardup();
    cmd.arg(match command {
        Command::Scan => "scan",
        Command::Pairs => "pairs",
        Command::Eval => "eval",
    });
    cmd.arg(path).args(args).args(["--format", "json"]);
    if command != Command::Eval {
        cmd.arg("--exit-zero");
        if skip {
            cmd.arg("--skip-invalid");
        }
    }
    let output = cmd.output().expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    let code = output.status.code().expect("an exit code, not a signal");
    assert!(!stderr.contains("panicked"), "{stderr}");
    let errors = stderr.lines().filter(|l| l.starts_with("error: ")).count() as u64;
    let json: serde_json::Value = if stdout.trim().is_empty() {
        serde_json::Value::Null
    } else {
        serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"))
    };
    let number = |v: &serde_json::Value| v.as_u64().unwrap_or(0);
    let (read, skipped) = match command {
        Command::Scan => (
            number(&json["summary"]["records_read"]),
            number(&json["summary"]["records_skipped"]),
        ),
        Command::Pairs => (
            number(&json["summary"]["pairs_audited"]),
            number(&json["summary"]["skipped"]),
        ),
        Command::Eval if args.contains(&"--groups") => (number(&json["titles"]), 0),
        Command::Eval => (number(&json["report"]["pairs"]), 0),
    };
    Books {
        code,
        read,
        skipped,
        failed: errors,
        stderr,
    }
}

fn write_input(dir: &Path, input: &Input) -> PathBuf {
    let path = dir.join(input.name);
    if let Some(bytes) = &input.bytes {
        std::fs::write(&path, bytes).unwrap();
    }
    path
}

fn check(case: &str, command: Command, input: &Input, path: &Path, skip: bool) {
    let books = run(command, path, input.args, skip);
    let what = format!("{case} / {command:?} / skip {skip}: {books:?}");
    // Skipping is a flag of scan and pairs; eval measures labeled data and skips nothing.
    let skip = skip && command != Command::Eval;
    let shown = |error: &str| {
        let named = format!("error: {}", dir_relative(path, error));
        assert!(
            error.is_empty() || books.stderr.contains(&named),
            "{what}\nexpected {named:?}"
        );
    };
    match &input.expect {
        Expect::Records {
            records,
            bad,
            error,
        } => {
            if *bad == 0 || skip {
                assert_eq!(books.failed, 0, "{what}");
                assert_eq!(books.code, 0, "{what}");
            } else {
                assert_eq!(books.code, 2, "{what}");
                shown(error);
            }
            if skip && *bad > 0 {
                assert!(books.stderr.contains("warning: skipped"), "{what}");
            }
            assert_eq!(
                books.read + books.skipped + books.failed,
                *records,
                "the books do not balance: {what}"
            );
            assert_eq!(books.read, records - bad, "{what}");
        }
        Expect::Whole { error } => {
            assert_eq!(books.code, 2, "{what}");
            assert_eq!(
                (books.read, books.skipped, books.failed),
                (0, 0, 1),
                "{what}"
            );
            shown(error);
        }
        Expect::CutShort { error } => {
            assert_eq!(books.code, 2, "{what}");
            assert!(books.read > 0, "nothing read before the cut: {what}");
            assert_eq!(books.failed, 1, "{what}");
            assert!(books.stderr.contains(error.as_str()), "{what}");
        }
    }
}

/// Error texts in the table name files by their base name; the binary names them as given.
fn dir_relative(path: &Path, error: &str) -> String {
    let dir = path.parent().unwrap().display().to_string();
    format!("{dir}/{error}")
}

#[test]
fn every_bad_input_is_named_counted_and_never_lost() {
    let dir = temp_dir("matrix");
    for case in cases() {
        for (command, input) in &case.inputs {
            let path = write_input(&dir, input);
            for skip in [false, true] {
                check(case.name, *command, input, &path, skip);
            }
            let _ = std::fs::remove_file(&path);
        }
    }
}

#[test]
fn a_directory_and_an_unreadable_file_are_named_without_a_line() {
    let dir = temp_dir("matrix-dirs");
    let sub = dir.join("d");
    std::fs::create_dir(&sub).unwrap();
    let locked = dir.join("locked.txt");
    std::fs::write(&locked, "Fire in Rome kills 5\n").unwrap();
    let mut permissions = std::fs::metadata(&locked).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut permissions, 0o000);
    std::fs::set_permissions(&locked, permissions).unwrap();
    // Root reads any file: then the locked file is an ordinary one.
    let readable = std::fs::File::open(&locked).is_ok();
    for command in [Command::Scan, Command::Pairs, Command::Eval] {
        for skip in [false, true] {
            let books = run(command, &sub, &[], skip);
            let named = format!("error: {}: cannot open: it is a directory", sub.display());
            assert_eq!(books.code, 2, "{books:?}");
            assert!(books.stderr.contains(&named), "{books:?}");
            assert_eq!((books.read, books.failed), (0, 1), "{books:?}");
            if !readable {
                let books = run(command, &locked, &[], skip);
                let named = format!(
                    "error: {}: cannot open: Permission denied",
                    locked.display()
                );
                assert!(books.stderr.contains(&named), "{books:?}");
                assert_eq!(
                    (books.code, books.read, books.failed),
                    (2, 0, 1),
                    "{books:?}"
                );
            }
        }
    }
}
