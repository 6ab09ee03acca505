//! The rule catalogue as text: the `neardup rules` table and the `neardup explain` page.

use std::io::{self, Write};

use crate::report::Paint;
use crate::rules::RuleDoc;

/// Width that explanation paragraphs are wrapped to.
const WRAP: usize = 88;

/// One line per rule: id, name, default severity, summary.
pub fn write_rule_list(out: &mut dyn Write, rules: &[RuleDoc], paint: Paint) -> io::Result<()> {
    let name_width = rules.iter().map(|r| r.name.len()).max().unwrap_or(0);
    writeln!(
        out,
        "{}",
        paint.strong(&format!(
            "{:<6} {:<name_width$}  {:<8} summary",
            "id", "name", "severity"
        ))
    )?;
    for rule in rules {
        writeln!(
            out,
            "{:<6} {:<name_width$}  {:<8} {}",
            rule.id,
            rule.name,
            rule.severity.name(),
            rule.summary
        )?;
    }
    Ok(())
}

/// The explanation of one rule: its heading, default severity, then what it means, why it
/// matters and how to fix or silence it, wrapped.
pub fn write_explanation(out: &mut dyn Write, rule: &RuleDoc, paint: Paint) -> io::Result<()> {
    writeln!(
        out,
        "{}",
        paint.strong(&format!("{} {}", rule.id, rule.name))
    )?;
    writeln!(out, "default severity: {}", rule.severity)?;
    writeln!(out, "summary: {}", rule.summary)?;
    // The first paragraph of the explanation repeats the heading and summary.
    for paragraph in rule.explanation.split("\n\n").skip(1) {
        writeln!(out)?;
        for line in wrap(paragraph, WRAP) {
            writeln!(out, "{line}")?;
        }
    }
    Ok(())
}

/// Greedy word wrap at `width` characters; a longer word gets a line of its own.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let len = line.chars().count();
        if len > 0 && len + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_keeps_every_word_and_the_width() {
        let text = "a bb ccc dddd eeeee ffffff";
        let lines = wrap(text, 9);
        assert_eq!(lines, ["a bb ccc", "dddd", "eeeee", "ffffff"]);
        assert_eq!(wrap("", 9), Vec::<String>::new());
        assert_eq!(wrap("supercalifragilistic", 5), ["supercalifragilistic"]);
    }
}
