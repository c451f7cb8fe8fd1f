//! Scratch databases for tests, on either backend: the same scenario runs on
//! SQLite and PostgreSQL (see the crate's tests and the CLI's ledger tests).
//!
//! PostgreSQL comes from `LUOSHI_TEST_PG` (default
//! `postgres://postgres@127.0.0.1:5432/test`); each scratch database is a
//! fresh `CREATE DATABASE luoshi_t_<random>`, dropped afterwards, so tests
//! run in parallel. With `CI=true` a missing server fails the test; elsewhere
//! the test prints a notice and skips.

use crate::{Backend, Store};
use sqlx::Connection;
use std::path::PathBuf;
use std::time::Duration;

/// Where the PostgreSQL tests connect to create their databases.
pub fn postgres_admin_url() -> String {
    std::env::var("LUOSHI_TEST_PG").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".to_string())
}

fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
}

fn random_suffix() -> String {
    let mut bytes = [0u8; 8];
    getrandom::fill(&mut bytes).expect("randomness");
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A fresh, empty database; call [`ScratchDb::remove`] at the end.
pub struct ScratchDb {
    /// What `--db` would be for this database.
    pub url: String,
    pub backend: Backend,
    postgres_name: Option<String>,
    sqlite_dir: Option<PathBuf>,
}

impl ScratchDb {
    /// A fresh database on `backend`, or `None` (after printing why) when
    /// PostgreSQL is not reachable outside CI.
    pub async fn new(backend: Backend) -> Option<ScratchDb> {
        match backend {
            Backend::Sqlite => {
                let dir = std::env::temp_dir().join(format!("luoshi-test-{}", random_suffix()));
                std::fs::create_dir_all(&dir).expect("create a temporary directory");
                let url = dir.join("ledger.db").to_string_lossy().into_owned();
                Some(ScratchDb { url, backend, postgres_name: None, sqlite_dir: Some(dir) })
            }
            Backend::Postgres => {
                sqlx::any::install_default_drivers();
                let admin = postgres_admin_url();
                let connect = tokio::time::timeout(Duration::from_secs(5), sqlx::AnyConnection::connect(&admin)).await;
                let mut conn = match connect {
                    Ok(Ok(conn)) => conn,
                    Ok(Err(err)) => return Self::unavailable(&admin, &err.to_string()),
                    Err(_) => return Self::unavailable(&admin, "no answer within 5 s"),
                };
                let name = format!("luoshi_t_{}", random_suffix());
                sqlx::query(&format!("CREATE DATABASE {name}")).execute(&mut conn).await.expect("CREATE DATABASE");
                let _ = conn.close().await;
                let base = admin.rsplit_once('/').map_or(admin.as_str(), |(base, _)| base);
                let url = format!("{base}/{name}");
                Some(ScratchDb { url, backend, postgres_name: Some(name), sqlite_dir: None })
            }
        }
    }

    fn unavailable(admin: &str, reason: &str) -> Option<ScratchDb> {
        if in_ci() {
            panic!("CI=true but PostgreSQL at {admin} is not available: {reason}");
        }
        eprintln!("notice: skipping the PostgreSQL part of this test: {admin}: {reason}");
        None
    }

    /// Opens the store on it.
    pub async fn open(&self) -> Store {
        Store::open(&self.url).await.unwrap_or_else(|e| panic!("open {}: {e}", self.url))
    }

    /// Drops the database (or deletes the SQLite directory).
    pub async fn remove(self) {
        if let Some(dir) = &self.sqlite_dir {
            let _ = std::fs::remove_dir_all(dir);
        }
        if let Some(name) = &self.postgres_name
            && let Ok(mut conn) = sqlx::AnyConnection::connect(&postgres_admin_url()).await
        {
            let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).execute(&mut conn).await;
            let _ = conn.close().await;
        }
    }
}

/// The backends a test runs on: both, PostgreSQL only when reachable (or CI).
pub const BACKENDS: [Backend; 2] = [Backend::Sqlite, Backend::Postgres];
