//! `--format html` on the real binary: the page's structure on the seed page (snapshots),
//! and hostile titles and paths that must come out as inert text.

use std::fs;
use std::path::Path;

mod common;
use common::{temp_dir, write_html};

const PAGE: &str = "fixtures/pages/related-stories-page.txt";
const HOSTILE_TITLES: &str = "fixtures/hostile/titles.txt";
const HOSTILE_PAIRS: &str = "fixtures/hostile/pairs.jsonl";

/// The elements a report may contain; any other tag means input became markup.
const ELEMENTS: &[&str] = &[
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "header",
    "h1",
    "h2",
    "h3",
    "p",
    "code",
    "dl",
    "div",
    "dt",
    "dd",
    "section",
    "figure",
    "svg",
    "line",
    "rect",
    "text",
    "figcaption",
    "span",
    "form",
    "fieldset",
    "legend",
    "label",
    "input",
    "output",
    "main",
    "small",
    "article",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "bdi",
    "br",
    "del",
    "ins",
    "ul",
    "li",
    "mark",
    "script",
];

/// Run a command writing html to a file; returns the exit code and the page.
fn html_of(args: &[&str]) -> (Option<i32>, String) {
    let dir = temp_dir("html");
    let path = dir.join("report.html");
    let output = write_html(args, &path);
    assert!(
        output.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
    let page = fs::read_to_string(&path).expect("the page is written");
    let _ = fs::remove_dir_all(&dir);
    (output.status.code(), page)
}

/// The page with the stylesheet and script bodies left out: they are constants, checked by
/// their own tests and by the browser test.
fn structure(page: &str) -> String {
    let mut out = page.to_owned();
    for (open, close) in [("<style>", "</style>"), ("<script>", "</script>")] {
        let start = out.find(open).expect("opening tag") + open.len();
        let end = out[start..].find(close).expect("closing tag") + start;
        out.replace_range(start..end, "…");
    }
    // The policy's hashes change with every edit of the stylesheet or the script.
    let policy = out.find("content=\"default-src").expect("the policy");
    let end = out[policy..].find("\">").expect("its end") + policy;
    out.replace_range(policy..end, "content=\"(policy)");
    out
}

/// Every tag of the page: its name and its raw text. Every `<` the input held is escaped,
/// so each raw `<` opens one of the template's tags.
fn tags(page: &str) -> Vec<(String, &str)> {
    let mut tags = Vec::new();
    let mut rest = page;
    while let Some(at) = rest.find('<') {
        let end = rest[at..].find('>').expect("every tag is closed") + at;
        let tag = &rest[at + 1..end];
        if !tag.starts_with('!') {
            let name: String = tag
                .trim_start_matches('/')
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            tags.push((name, tag));
        }
        // The stylesheet and script bodies hold no markup but may hold `<`-free text.
        rest = &rest[end + 1..];
    }
    tags
}

fn assert_inert(page: &str) {
    for (name, tag) in tags(page) {
        assert!(ELEMENTS.contains(&name.as_str()), "unexpected <{tag}>");
        let lower = tag.to_ascii_lowercase();
        for attribute in [
            " on",
            " src=",
            " href=",
            " style=",
            " srcdoc=",
            " formaction=",
        ] {
            assert!(
                !lower.contains(attribute),
                "attribute {attribute} in <{tag}>"
            );
        }
    }
    assert_eq!(
        page.matches("<script").count(),
        1,
        "only the page's own script"
    );
    assert_eq!(
        page.matches("<style").count(),
        1,
        "only the page's own stylesheet"
    );
    for raw in [
        "<img",
        "<svg onload",
        "</textarea>",
        "<b>",
        "\u{202E}",
        "\u{202C}",
    ] {
        assert!(!page.contains(raw), "{raw:?} must not appear raw");
    }
    assert!(!page.contains("http://") && !page.contains("https://"));
}

#[test]
fn hostile_titles_and_paths_render_as_inert_text_in_the_scan_page() {
    let dir = temp_dir("hostile-scan");
    // A path is as untrusted as a title.
    let hostile = dir.join("\"><img src=x onerror=alert(2)>.txt");
    fs::copy(HOSTILE_TITLES, &hostile).expect("copy");
    let (code, page) = html_of(&["scan", HOSTILE_TITLES, hostile.to_str().expect("UTF-8")]);
    assert_eq!(code, Some(1), "findings");
    assert_inert(&page);
    assert!(page.contains("&#60;script&#62;alert(1)&#60;/script&#62; Fire in Rome kills three"));
    assert!(page.contains("&#34;&#62;&#60;img src=x onerror=alert(2)&#62;.txt:1"));
    assert!(page.contains("javascript:alert(1) Fire in Rome kills three"));
    // Template syntax in a title is text, not a template.
    assert!(page.contains("{{ 7*7 }} {% if %} Fire in Rome"));
    // The bidi override is gone; its text stays.
    assert!(page.contains("Fire in Rome kills three gnp.exe says agency"));
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn hostile_pairs_render_as_inert_text_in_the_pairs_page() {
    let (code, page) = html_of(&["pairs", HOSTILE_PAIRS, "--exit-zero"]);
    assert_eq!(code, Some(0));
    assert_inert(&page);
    assert!(page.contains("&#60;/style&#62;SHOCKING: Fire in Rome kills five"));
    assert!(page.contains("<mark>"), "the evidence is marked");
}

#[test]
fn scan_page_of_the_seed_page() {
    let (code, page) = html_of(&["scan", PAGE]);
    assert_eq!(code, Some(0), "rewrites only: below the fail level");
    insta::assert_snapshot!(structure(&page));
}

#[test]
fn pairs_page_of_the_seed_page() {
    let (code, page) = html_of(&["pairs", PAGE, "--exit-zero"]);
    assert_eq!(code, Some(0));
    insta::assert_snapshot!(structure(&page));
}

#[test]
fn the_page_lists_read_errors_with_file_and_line() {
    let (code, page) = html_of(&[
        "scan",
        "fixtures/feeds/sample.jsonl",
        "fixtures/bad/malformed.jsonl",
    ]);
    assert_eq!(code, Some(2));
    assert!(page.contains("Read errors (1)"));
    assert!(page.contains("<code>fixtures/bad/malformed.jsonl:2</code> invalid JSON at column 68"));
}

#[test]
fn the_page_needs_nothing_beside_it() {
    let (_, page) = html_of(&["scan", PAGE]);
    assert!(Path::new("templates/report.css").exists());
    // The stylesheet and script are inside the page, exactly as the policy hashes them.
    let css = fs::read_to_string("templates/report.css").expect("stylesheet");
    let js = fs::read_to_string("templates/report.js").expect("script");
    assert!(page.contains(&format!("<style>{css}</style>")));
    assert!(page.contains(&format!("<script>{js}</script>")));
}
