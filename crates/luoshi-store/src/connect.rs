//! Where the ledger lives: `--db` is an SQLite file path or a postgres:// URL.

use crate::error::{Result, StoreError};
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, Executor};
use std::str::FromStr;

/// The database engine behind a [`crate::Store`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

/// A parsed `--db` value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub backend: Backend,
    /// The URL sqlx connects to.
    pub url: String,
}

const POSTGRES_SCHEMES: [&str; 2] = ["postgres://", "postgresql://"];
const SQLITE_SCHEMES: [&str; 2] = ["sqlite://", "sqlite:"];

/// Characters that would end or alter the path inside an `sqlite:` URL.
const PATH_ESCAPES: [(char, &str); 3] = [('%', "%25"), ('?', "%3F"), ('#', "%23")];

impl Location {
    /// `postgres://…` or `postgresql://…` is PostgreSQL; `sqlite:…` or any
    /// other text is an SQLite file, created when missing.
    pub fn parse(db: &str) -> Result<Location> {
        let db = db.trim();
        if db.is_empty() {
            return Err(StoreError::Location { location: db.into(), reason: "empty database location".into() });
        }
        if POSTGRES_SCHEMES.iter().any(|scheme| db.starts_with(scheme)) {
            return Ok(Location { backend: Backend::Postgres, url: db.to_string() });
        }
        if let Some(url) = SQLITE_SCHEMES.iter().find(|scheme| db.starts_with(**scheme)).map(|_| db) {
            let url = if url.contains("mode=") {
                url.to_string()
            } else if url.contains('?') {
                format!("{url}&mode=rwc")
            } else {
                format!("{url}?mode=rwc")
            };
            return Ok(Location { backend: Backend::Sqlite, url });
        }
        if db.contains("://") {
            return Err(StoreError::Location {
                location: db.into(),
                reason: "only SQLite file paths and postgres:// URLs are supported".into(),
            });
        }
        let escaped: String = db
            .chars()
            .map(|c| match PATH_ESCAPES.iter().find(|(from, _)| *from == c) {
                Some((_, to)) => (*to).to_string(),
                None => c.to_string(),
            })
            .collect();
        Ok(Location { backend: Backend::Sqlite, url: format!("sqlite:{escaped}?mode=rwc") })
    }
}

/// SQLite settings for a shared file: WAL lets readers work during a write,
/// the busy timeout makes a second writer wait instead of failing; a 32 MiB
/// page cache and 256 MiB of memory-mapped reads keep a large ledger's
/// indexes close (reads of a 100k-task ledger touch most of them).
const SQLITE_PRAGMAS: &str = "PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 10000; \
     PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -32768; PRAGMA mmap_size = 268435456;";

/// The ledger's queries are short and many: compiling them to machine code
/// (PostgreSQL's JIT, on by default for "expensive" plans) costs more than it
/// saves.
const POSTGRES_SETTINGS: &str = "SET jit = off";

pub(crate) async fn connect(location: &Location, max_connections: u32) -> Result<AnyPool> {
    sqlx::any::install_default_drivers();
    let options = AnyConnectOptions::from_str(&location.url)
        .map_err(|e| StoreError::Location { location: location.url.clone(), reason: e.to_string() })?;
    let backend = location.backend;
    let pool = AnyPoolOptions::new()
        .max_connections(max_connections)
        .after_connect(move |conn, _meta| {
            Box::pin(async move {
                match backend {
                    Backend::Sqlite => conn.execute(SQLITE_PRAGMAS).await?,
                    Backend::Postgres => conn.execute(POSTGRES_SETTINGS).await?,
                };
                Ok(())
            })
        })
        .connect_with(options)
        .await
        .map_err(|e| StoreError::Location { location: redact(&location.url), reason: e.to_string() })?;
    Ok(pool)
}

/// The URL without its password, for messages.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let credentials = &url[scheme_end + 3..at];
            match credentials.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme_end + 3], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_sqlite_and_urls_postgres() {
        let file = Location::parse("ledger.db").unwrap();
        assert_eq!(file.backend, Backend::Sqlite);
        assert_eq!(file.url, "sqlite:ledger.db?mode=rwc");
        assert_eq!(Location::parse("/tmp/a?b.db").unwrap().url, "sqlite:/tmp/a%3Fb.db?mode=rwc");
        let pg = Location::parse("postgres://postgres@127.0.0.1/test").unwrap();
        assert_eq!(pg.backend, Backend::Postgres);
        assert_eq!(Location::parse("postgresql://h/db").unwrap().backend, Backend::Postgres);
        assert!(Location::parse("mysql://h/db").is_err());
        assert!(Location::parse("  ").is_err());
    }

    #[test]
    fn passwords_never_reach_messages() {
        assert_eq!(redact("postgres://u:secret@h/db"), "postgres://u:***@h/db");
        assert_eq!(redact("postgres://u@h/db"), "postgres://u@h/db");
    }
}
