//! Schema migrations, embedded in the binary and applied on open.
//!
//! One SQL text serves both backends (see the header of each file); the only
//! substitution is `{pk}`, the integer primary key spelling. Each migration
//! runs in its own transaction and is recorded in `schema_migrations`.

use crate::connect::Backend;
use crate::error::Result;
use crate::time::now_rfc3339;
use sqlx::AnyPool;

/// (version, name, SQL), in order. Append only: never edit a released row.
const MIGRATIONS: &[(i64, &str, &str)] = &[(1, "ledger", include_str!("../migrations/0001_ledger.sql")),
    (2, "status_indexes", include_str!("../migrations/0002_status_indexes.sql")),
    (3, "status_superseded", include_str!("../migrations/0003_status_superseded.sql")),
    (4, "status_report_values", include_str!("../migrations/0004_status_report_values.sql")),
    (5, "status_milestone_partial", include_str!("../migrations/0005_status_milestone_partial.sql")),
    (100, "projects", include_str!("../migrations/0100_projects.sql")),
    (101, "projects_latest_report", include_str!("../migrations/0101_projects_latest_report.sql")),
    (102, "project_reminders", include_str!("../migrations/0102_project_reminders.sql"))];

fn primary_key(backend: Backend) -> &'static str {
    match backend {
        Backend::Sqlite => "INTEGER PRIMARY KEY",
        Backend::Postgres => "BIGINT PRIMARY KEY",
    }
}

/// Brings the schema up to date; safe to call on every open.
pub(crate) async fn migrate(pool: &AnyPool, backend: Backend) -> Result<()> {
    sqlx::raw_sql(
        "CREATE TABLE IF NOT EXISTS schema_migrations (
            version BIGINT NOT NULL PRIMARY KEY,
            name TEXT NOT NULL,
            applied_at TEXT NOT NULL)",
    )
    .execute(pool)
    .await?;
    // The usual open finds everything applied and takes no lock at all.
    let applied: Vec<i64> = sqlx::query_scalar("SELECT version FROM schema_migrations").fetch_all(pool).await?;
    for (version, name, sql) in MIGRATIONS.iter().filter(|m| !applied.contains(&m.0)) {
        let mut tx = pool.begin().await?;
        // Two processes opening a fresh database at once: the second waits
        // here, then finds the migration applied.
        let take_lock = match backend {
            Backend::Postgres => "LOCK TABLE schema_migrations IN EXCLUSIVE MODE",
            // A write first, so the transaction holds SQLite's write lock (and
            // the busy timeout applies) before it reads: a read lock upgraded
            // later fails at once with "database is locked" when another
            // process is migrating.
            Backend::Sqlite => "UPDATE schema_migrations SET name = name WHERE version < 0",
        };
        sqlx::query(take_lock).execute(&mut *tx).await?;
        let applied: Option<i64> = sqlx::query_scalar("SELECT version FROM schema_migrations WHERE version = $1")
            .bind(version)
            .fetch_optional(&mut *tx)
            .await?;
        if applied.is_some() {
            continue;
        }
        let sql = sql.replace("{pk}", primary_key(backend));
        sqlx::raw_sql(&sql).execute(&mut *tx).await?;
        sqlx::query("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)")
            .bind(version)
            .bind(*name)
            .bind(now_rfc3339())
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
    }
    Ok(())
}
