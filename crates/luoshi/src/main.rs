//! `luoshi`: the command line. It wires the crates together and owns no
//! domain logic of its own; each subcommand lives in `commands/`.

mod commands;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// 落实: split plans into a task ledger, collect progress, judge and report it.
#[derive(Parser)]
#[command(name = "luoshi", version, about)]
struct Cli {
    #[command(flatten)]
    global: commands::Global,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract tasks, targets, deadlines and units from plan documents.
    Extract(commands::extract::Args),
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(args) => commands::extract::run(&cli.global, args).await,
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("luoshi: {err:#}");
            ExitCode::FAILURE
        }
    }
}
