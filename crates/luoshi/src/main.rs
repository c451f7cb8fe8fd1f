//! `luoshi`: the command line. It wires the crates together and owns no
//! domain logic of its own; each subcommand lives in `commands/`.

mod commands;
mod ingest_map;
mod ledger_output;

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
    /// Store plan documents in the ledger (a revised text becomes a new version).
    Ingest(commands::ingest::Args),
    /// List the stored documents and their versions.
    Documents(commands::documents::Args),
    /// List the task ledger, or edit it (split, merge, units, deadlines, baselines).
    Ledger(commands::ledger::Args),
    /// File, correct, review and list progress reports.
    Progress(commands::progress::Args),
    /// Key projects (重点项目): import sheets, 月调度 reports, 三个一批 rates, dispatch table and summary.
    Projects(commands::projects::Args),
    /// Judge every task as of a date (status and light per task and target).
    Status(commands::status::Args),
    /// List, alias and merge responsible units (责任单位).
    Units(commands::units::Args),
    /// Write the 督查通报 of a document as of a date (md, html or docx).
    Report(commands::report::Args),
    /// Export the ledger, the status scorecard or a progress sheet as .xlsx.
    Export(commands::export::Args),
    /// Import a 分工方案 sheet as a ledger, or a filled-in progress sheet.
    Import(commands::import::Args),
    /// Serve the web app (pages and the JSON API under /api/v1).
    Serve(commands::serve::Args),
    /// Manage the users who sign in to the web app.
    User(commands::user::Args),
    /// Build a demo ledger from the sample plan, print demo users, and serve it.
    Demo(commands::demo::Args),
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(args) => commands::extract::run(&cli.global, args).await,
        Command::Ingest(args) => commands::ingest::run(&cli.global, args).await,
        Command::Documents(args) => commands::documents::run(&cli.global, args).await,
        Command::Ledger(args) => commands::ledger::run(&cli.global, args).await,
        Command::Progress(args) => commands::progress::run(&cli.global, args).await,
        Command::Projects(args) => commands::projects::run(&cli.global, args).await,
        Command::Status(args) => commands::status::run(&cli.global, args).await,
        Command::Units(args) => commands::units::run(&cli.global, args).await,
        Command::Report(args) => commands::report::run(&cli.global, args).await,
        Command::Export(args) => commands::export::run(&cli.global, args).await,
        Command::Import(args) => commands::import::run(&cli.global, args).await,
        Command::Serve(args) => commands::serve::run(&cli.global, args).await,
        Command::User(args) => commands::user::run(&cli.global, args).await,
        Command::Demo(args) => commands::demo::run(&cli.global, args).await,
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("luoshi: {err:#}");
            ExitCode::FAILURE
        }
    }
}
