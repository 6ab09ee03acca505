//! `neardup rules` and `neardup explain RULE`: the rule catalogue.

use std::io::Write;

use neardup::report::rules::{write_explanation, write_rule_list};
use neardup::rules::{catalog, find};

use crate::Status;
use crate::args::ColorWhen;
use crate::args::pairs::ExplainArgs;
use crate::output;

/// List every rule.
pub fn list() -> anyhow::Result<Status> {
    let (mut out, paint) = output::stdout(ColorWhen::Auto);
    write_rule_list(&mut out, &catalog(), paint)?;
    out.flush()?;
    Ok(Status::Clean)
}

/// Explain one rule; an unknown rule is an error (exit 2) listing the known ids.
pub fn explain(args: ExplainArgs) -> anyhow::Result<Status> {
    let rule = find(&args.rule)?;
    let (mut out, paint) = output::stdout(ColorWhen::Auto);
    write_explanation(&mut out, &rule, paint)?;
    out.flush()?;
    Ok(Status::Clean)
}
