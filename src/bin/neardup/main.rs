//! The `neardup` binary: parse arguments, run one command, map the outcome to an exit code.

mod args;
mod commands;
mod config;
mod output;

use std::process::ExitCode;

use clap::{CommandFactory, Parser};

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
    if cli.command.is_none() && !cli.global.dump_config {
        Cli::command()
            .error(
                clap::error::ErrorKind::MissingSubcommand,
                "a command is required (`neardup --help` lists them)",
            )
            .exit();
    }
    let outcome = config::load(&cli.global).and_then(|config| run(cli, &config));
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

/// Run the command with the configuration in force (or print that configuration).
fn run(cli: Cli, config: &config::Loaded) -> anyhow::Result<Status> {
    if cli.global.dump_config {
        return commands::dump_config(config, cli.command.as_ref());
    }
    let Some(command) = cli.command else {
        return Ok(Status::Error);
    };
    match command {
        Command::Compare(args) => commands::compare::run(args, config),
        Command::Eval(args) => commands::eval::run(args, config),
        Command::Scan(args) => commands::scan::run(args, config),
        Command::Pairs(args) => commands::pairs::run(args, config),
        Command::Explain(args) => commands::rules::explain(args),
        Command::Rules => commands::rules::list(),
    }
}
