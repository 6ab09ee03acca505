//! Reports: turning results into text for people and machines.
//!
//! Every format of `scan` and `pairs` is a [`render::Renderer`], chosen by one
//! [`render::Format`]; renderers are fed findings that already carry their word diffs and
//! fingerprints, built by [`findings`] from the scan result or the audited pair.
//!
//! The library never prints; every renderer writes to an [`std::io::Write`] the caller owns.
//! Human output marks words with colour when [`Paint::color`] is on and with `[-…-]` / `{+…+}`
//! markers when it is off, so a diff still reads in a pipe or a log. Untrusted text is passed
//! through [`sanitize`] first: a headline never moves the cursor or reorders a terminal line.
//!
//! Machine output (`json`, and `jsonl` / `csv` for `neardup pairs`, see [`pairs`]) is
//! versioned by [`FORMAT_VERSION`] and deterministic: fixed key order, scores rounded to
//! [`SCORE_DECIMALS`] places, no clock values. [`rules`] renders the rule catalogue.
//!
//! For CI both commands also write [`sarif`], [`github`] workflow commands and [`junit`] XML,
//! from the one shape [`ci::CiReport`]; for people who read in a browser, one self-contained
//! [`html`] page.

pub mod ci;
pub mod findings;
pub mod github;
pub mod html;
pub mod human;
pub mod json;
pub mod junit;
pub mod pairs;
pub mod render;
pub mod rules;
pub mod sarif;
pub mod scan;

use std::borrow::Cow;

/// Version of the machine-readable output formats; bumped on any incompatible change.
/// The formats are unstable until 1.0.
pub const FORMAT_VERSION: u32 = 1;

/// Decimal places of every score in machine output.
pub const SCORE_DECIMALS: i32 = 4;

/// Round a score for output.
pub fn round_score(score: f64) -> f64 {
    let scale = 10f64.powi(SCORE_DECIMALS);
    (score * scale).round() / scale
}

/// Prefix a cell that a spreadsheet would run as a formula (it starts with `=`, `+`, `-`,
/// `@`, a tab or a carriage return) with `'`, so it is shown as text.
pub fn guard_csv_cell(text: &str) -> Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// Remove what could act on a terminal: control characters (tabs and newlines become a
/// space) and the Unicode bidirectional controls that can reorder a displayed line.
pub fn sanitize(text: &str) -> Cow<'_, str> {
    let unsafe_char = |c: char| c.is_control() || is_bidi_control(c);
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .filter_map(|c| match c {
                '\t' | '\n' | '\r' => Some(' '),
                c if unsafe_char(c) => None,
                c => Some(c),
            })
            .collect(),
    )
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// How human output marks things: with ANSI colour or with plain-text markers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paint {
    /// Use ANSI colour (the caller decides: a terminal and no `NO_COLOR`).
    pub color: bool,
}

impl Paint {
    /// Words only the left title has.
    pub fn deleted(self, text: &str) -> String {
        let text = sanitize(text);
        if self.color {
            styled(anstyle::AnsiColor::Red.on_default().strikethrough(), &text)
        } else {
            format!("[-{text}-]")
        }
    }

    /// Words only the right title has.
    pub fn inserted(self, text: &str) -> String {
        let text = sanitize(text);
        if self.color {
            styled(anstyle::AnsiColor::Green.on_default().underline(), &text)
        } else {
            format!("{{+{text}+}}")
        }
    }

    /// A heading or a verdict name.
    pub fn strong(self, text: &str) -> String {
        if self.color {
            styled(anstyle::Style::new().bold(), text)
        } else {
            text.to_owned()
        }
    }

    /// Evidence inside a title: the words a finding is about.
    pub fn highlight(self, text: &str) -> String {
        let text = sanitize(text);
        if self.color {
            styled(
                anstyle::AnsiColor::Yellow.on_default().bold().underline(),
                &text,
            )
        } else {
            format!("«{text}»")
        }
    }

    /// Secondary detail such as a file location.
    pub fn dim(self, text: &str) -> String {
        if self.color {
            styled(anstyle::Style::new().dimmed(), text)
        } else {
            text.to_owned()
        }
    }
}

fn styled(style: anstyle::Style, text: &str) -> String {
    format!("{}{text}{}", style.render(), style.render_reset())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitize_strips_terminal_controls_and_bidi() {
        assert_eq!(sanitize("plain"), "plain");
        assert!(matches!(sanitize("plain"), Cow::Borrowed(_)));
        assert_eq!(sanitize("a\u{1b}[2Jb"), "a[2Jb");
        assert_eq!(sanitize("evil\u{202E}txt.exe"), "eviltxt.exe");
        assert_eq!(sanitize("two\nlines\tx"), "two lines x");
        assert_eq!(sanitize("عربي שלום"), "عربي שלום");
    }

    #[test]
    fn csv_cells_that_look_like_formulas_are_guarded() {
        assert_eq!(guard_csv_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(guard_csv_cell("+1"), "'+1");
        assert_eq!(guard_csv_cell("-2-1"), "'-2-1");
        assert_eq!(guard_csv_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(guard_csv_cell("US beats Canada"), "US beats Canada");
        assert_eq!(guard_csv_cell(""), "");
    }

    #[test]
    fn markers_without_color() {
        let p = Paint { color: false };
        assert_eq!(p.deleted("old"), "[-old-]");
        assert_eq!(p.inserted("new"), "{+new+}");
        assert_eq!(p.highlight("1980"), "«1980»");
        let c = Paint { color: true };
        assert!(c.deleted("old").contains("\u{1b}["));
    }

    #[test]
    fn rounding_is_fixed() {
        assert_eq!(round_score(0.123_456), 0.1235);
        assert_eq!(round_score(1.0), 1.0);
    }
}
