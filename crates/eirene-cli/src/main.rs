//! The `eirene` command. Each verb lives in [`commands`]; this file resolves the data directory,
//! runs the verb and turns failures into messages on standard error and meaningful exit codes.

mod cli;
mod commands;
mod output;
mod progress;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::Parser;
use eirene_ingest::IngestError;
use eirene_sources::DownloadError;
use eirene_store::{Store, StoreError};
use eirene_treaties::records::RecordsError;

use cli::{Cli, Command};

/// A mistake in how the command was called, found after argument parsing.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        // `eirene sql ... | head` closes the pipe early: that is not a failure.
        Err(_) if output::stdout_closed() => ExitCode::SUCCESS,
        Err(err) => {
            report(&err);
            ExitCode::from(exit_code(&err))
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<()> {
    if let Command::Synth(command) = cli.command {
        return commands::synth::run(command);
    }
    let data_dir = data_dir(cli.data_dir)?;
    match cli.command {
        Command::Treaties(args) => return commands::treaties::run(&data_dir, args),
        Command::Serve(args) => return commands::serve::run(&data_dir, args),
        _ => {}
    }
    let store = Store::open(&data_dir)
        .with_context(|| format!("cannot open the data directory {}", data_dir.display()))?;
    match cli.command {
        Command::Sync(args) => commands::sync::run(&store, args),
        Command::Ingest(args) => commands::ingest::run(&store, args),
        Command::Sources(args) => commands::sources::run(&store, args),
        Command::Sql(args) => commands::sql::run(&store, args),
        Command::Indicators(command) => commands::indicators::run(&store, command),
        Command::Exposure(args) => commands::exposure::run(&store, args),
        Command::Index(args) => commands::index::run(&store, args),
        Command::Synth(_) => unreachable!("handled above: synth needs no data directory"),
        Command::Treaties(_) | Command::Serve(_) => {
            unreachable!("handled above: they open the data directory themselves")
        }
    }
}

/// `--data-dir`, else `EIRENE_DATA_DIR` (through clap), else the platform's data directory.
fn data_dir(given: Option<PathBuf>) -> anyhow::Result<PathBuf> {
    match given {
        Some(dir) => Ok(dir),
        None => directories::ProjectDirs::from("org", "eirene", "eirene")
            .map(|dirs| dirs.data_dir().to_owned())
            .context("no home directory to put the data directory in: pass --data-dir"),
    }
}

/// Prints the error and its causes; for rejected rows, every problem on its own line.
fn report(err: &anyhow::Error) {
    if let Some(IngestError::Rows {
        file,
        problems,
        total,
    }) = err.chain().find_map(|c| c.downcast_ref())
    {
        for problem in problems {
            eprintln!("{problem}");
        }
        let listed = if problems.len() < *total {
            format!(" ({} listed)", problems.len())
        } else {
            String::new()
        };
        eprintln!("error: {total} rejected value(s) in {file}{listed}; nothing was written");
        return;
    }
    eprintln!("error: {}", without_repeats(err));
}

/// The error and its causes joined by `: `, leaving out a cause whose text the message before it
/// already contains (library errors often print their source themselves).
fn without_repeats(err: &anyhow::Error) -> String {
    let mut message = String::new();
    for cause in err.chain() {
        let text = cause.to_string();
        if !message.contains(&text) {
            if !message.is_empty() {
                message.push_str(": ");
            }
            message.push_str(&text);
        }
    }
    message
}

/// 2 usage, 3 rejected input, 4 download failed, 1 anything else.
fn exit_code(err: &anyhow::Error) -> u8 {
    for cause in err.chain() {
        if cause.is::<UsageError>() {
            return 2;
        }
        if let Some(e) = cause.downcast_ref::<IngestError>() {
            return match e {
                IngestError::Usage(_) => 2,
                IngestError::Write { .. } => 1,
                _ => 3,
            };
        }
        if let Some(
            StoreError::Query(_) | StoreError::BadVersion(_) | StoreError::UnknownVintage { .. },
        ) = cause.downcast_ref::<StoreError>()
        {
            return 2;
        }
        if let Some(e) = cause.downcast_ref::<eirene_indicators::IndicatorError>() {
            return match e {
                eirene_indicators::IndicatorError::Store(_) => continue,
                _ => 2,
            };
        }
        if cause.is::<DownloadError>() {
            return 4;
        }
        // A file named as a raster that is not one of the formats read is a mistake in the call;
        // a raster that cannot be read is not.
        if let Some(eirene_spatial::RasterError::Format { .. }) = cause.downcast_ref() {
            return 2;
        }
        if let Some(e) = cause.downcast_ref::<RecordsError>() {
            return match e {
                RecordsError::NotFound(_) => 2,
                // Refused edits: nothing was written.
                RecordsError::Conflict { .. } | RecordsError::Duplicate { .. } => 3,
                _ => 1,
            };
        }
    }
    1
}
