//! luoshi-store: the ledger's persistence, one behaviour on SQLite and
//! PostgreSQL (sqlx `Any` driver, no compile-time macros).
//!
//! Open a [`Store`] with [`Store::open`] (`luoshi.db`, `sqlite:…`, or
//! `postgres://…`); the schema is migrated on open. Everything is async.
//!
//! | area | methods |
//! |---|---|
//! | documents | [`Store::ingest`], [`Store::documents`], [`Store::document`], [`Store::document_text`] |
//! | ledger | [`Store::ledger`], [`Store::task`], [`Store::add_task`], [`Store::split_task`], [`Store::merge_tasks`], [`Store::set_task_units`], [`Store::set_task_deadline`], [`Store::set_target`], [`Store::set_reporting_cycle`], [`Store::set_plan_start`], [`Store::audit_log`] |
//! | units | [`Store::units`], [`Store::find_unit`], [`Store::unit_id`], [`Store::add_unit_alias`], [`Store::merge_units`] |
//! | progress | [`Store::add_report`], [`Store::correct_report`], [`Store::review_report`], [`Store::report`], [`Store::task_reports`], [`Store::reports_to_review`] |
//! | status | [`Store::status`] (a [`StatusTable`] as of a date) |
//! | settings | [`Store::thresholds`], [`Store::review_policy`], [`Store::default_cycle`] and their setters |
//! | accounts | [`Store::create_user`], [`Store::user`], [`Store::user_by_name`], [`Store::users`], [`Store::update_user`], [`Store::create_session`], [`Store::session`], [`Store::session_user`], [`Store::delete_session`], [`Store::delete_expired_sessions`] |
//! | 催办 | [`Store::add_reminder`], [`Store::acknowledge_reminder`], [`Store::reminders`] |
//!
//! Every method that changes state takes the acting user's name (`actor`),
//! runs in one transaction that serialises writers, and writes `audit_log`
//! (who, when, entity, before and after as JSON). Progress reports are never
//! updated in place: corrections are new rows.

mod accounts;
mod connect;
mod documents;
mod error;
mod ledger;
mod migrate;
mod progress;
mod projects;
mod reminders;
mod settings;
mod status;
pub mod testing;
mod time;
mod units;
mod write;

pub use accounts::{NewUser, Session, User, UserChange, parse_timestamp};
pub use connect::{Backend, Location};
pub use documents::{Document, IngestOptions, IngestOutcome};
pub use error::{Result, StoreError};
pub use ledger::{AuditEntry, LedgerTarget, LedgerTask, NewTask, TargetChange, TaskFilter, TaskUnit};
pub use progress::{NewReport, Review, StoredReport};
pub use projects::{
    LinkedActual, NewProjectProblem, NewProjectReport, ProjectImportOutcome, ProjectLine, ProjectStatsTable, StoredLink,
    ProjectReminder, StoredProblem, StoredProject, StoredProjectReport, project_identity,
};
pub use reminders::Reminder;
pub use status::{StatusTable, TargetStatus, TaskStatus};
pub use units::Unit;

use sqlx::AnyPool;

/// The ledger database.
#[derive(Debug, Clone)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
}

impl Store {
    /// Opens (creating an SQLite file if missing) and migrates the database
    /// at `db`: a file path, `sqlite:…`, or `postgres://…`.
    pub async fn open(db: &str) -> Result<Store> {
        Self::open_with(db, 8).await
    }

    /// As [`Store::open`], with a given connection pool size.
    pub async fn open_with(db: &str, max_connections: u32) -> Result<Store> {
        let location = Location::parse(db)?;
        let pool = connect::connect(&location, max_connections).await?;
        migrate::migrate(&pool, location.backend).await?;
        Ok(Store { pool, backend: location.backend })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Refreshes the query planner's statistics (`ANALYZE`), as after a bulk
    /// load: PostgreSQL's autovacuum does it eventually, SQLite never does.
    pub async fn analyze(&self) -> Result<()> {
        sqlx::raw_sql("ANALYZE").execute(&self.pool).await?;
        Ok(())
    }

    /// Closes every connection (waits for them to be returned).
    pub async fn close(&self) {
        self.pool.close().await;
    }
}
