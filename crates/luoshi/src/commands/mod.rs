//! One module per subcommand. Each exposes `Args` (clap) and `run`.

pub mod demo;
pub mod documents;
pub mod export;
pub mod extract;
pub mod import;
pub mod ingest;
pub mod ledger;
pub mod progress;
pub mod projects;
pub mod report;
pub mod serve;
pub mod status;
pub mod units;
pub mod user;

/// Options every subcommand understands.
#[derive(clap::Args, Debug, Clone)]
pub struct Global {
    /// The ledger database: an SQLite file path, or a postgres:// URL.
    #[arg(long, global = true, env = "LUOSHI_DB", default_value = "luoshi.db")]
    pub db: String,
}
