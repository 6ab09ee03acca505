//! `neardup compare A B`.

use std::io::{self, BufRead, Write};

use anyhow::{Context, bail};
use neardup::report::{human, json::ComparisonMessage};

use crate::Status;
use crate::args::{CompareArgs, Format};
use crate::config::Loaded;
use crate::output;

/// Compare two titles and print the result.
pub fn run(args: CompareArgs, config: &Loaded) -> anyhow::Result<Status> {
    let (left, right) = titles(&args)?;
    let comparer = config.comparer(&args.scoring)?;
    let comparison = comparer.compare(&left, &right);
    let (mut out, paint) = output::stdout(args.color);
    match args.format {
        Format::Human => human::write_comparison(&mut out, &left, &right, &comparison, paint)?,
        Format::Json => {
            serde_json::to_writer(
                &mut out,
                &ComparisonMessage::new(&left, &right, &comparison),
            )?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(match args.fail_on {
        Some(level) if comparison.verdict >= level => Status::Findings,
        _ => Status::Clean,
    })
}

/// The two titles: both from the arguments, or two lines of stdin for `-`.
fn titles(args: &CompareArgs) -> anyhow::Result<(String, String)> {
    match (args.left.as_str(), &args.right) {
        ("-", None) => read_two_lines(io::stdin().lock()),
        (_, Some(right)) => Ok((args.left.clone(), right.clone())),
        (_, None) => bail!("compare needs two titles (or `-` to read two lines from stdin)"),
    }
}

fn read_two_lines(input: impl BufRead) -> anyhow::Result<(String, String)> {
    let mut lines = Vec::with_capacity(2);
    for (index, line) in input.split(b'\n').enumerate() {
        let number = index + 1;
        let bytes = line.context("<stdin>: cannot read")?;
        let text = String::from_utf8(bytes)
            .map_err(|_| anyhow::anyhow!("<stdin>:{number}: the line is not valid UTF-8"))?;
        lines.push(text.trim_end_matches('\r').to_owned());
        if lines.len() == 2 {
            break;
        }
    }
    match <[String; 2]>::try_from(lines) {
        Ok([left, right]) => Ok((left, right)),
        Err(lines) => bail!(
            "<stdin>: expected two lines (two titles), got {}",
            lines.len()
        ),
    }
}
