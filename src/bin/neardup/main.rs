//! The `neardup` binary: parse arguments, run one command, map the outcome to an exit code.

mod args;
mod commands;
mod output;

use std::process::ExitCode;

use clap::Parser;

use crate::args::{Cli, Command};

/// The exit status contract (see `--help` and the README).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Nothing at or above the fail level.
    Clean = 0,
    /// Findings at or above the fail level.
    Findings = 1,
    /// Usage, configuration or input error.
    Error = 2,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Compare(args) => commands::compare::run(args),
        Command::Eval(args) => commands::eval::run(args),
        Command::Scan(args) => commands::scan::run(args),
        Command::Pairs(args) => commands::pairs::run(args),
        Command::Explain(args) => commands::rules::explain(args),
        Command::Rules => commands::rules::list(),
    };
    let status = match outcome {
        Ok(status) => status,
        Err(error) if output::is_broken_pipe(&error) => Status::Clean,
        Err(error) => {
            output::report_error(&error);
            Status::Error
        }
    };
    ExitCode::from(status as u8)
}
