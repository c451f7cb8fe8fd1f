//! One module per subcommand. Each exposes `Args` (clap) and `run`.

pub mod extract;

/// Options every subcommand understands.
#[derive(clap::Args, Debug, Clone)]
pub struct Global {
    /// The ledger database: an SQLite file path, or a postgres:// URL.
    #[arg(long, global = true, env = "LUOSHI_DB", default_value = "luoshi.db")]
    pub db: String,
}
