//! The one way the store writes: a transaction that holds the write lock,
//! allocates ids and records every change in `audit_log`.

use crate::error::Result;
use crate::time::now_rfc3339;
use serde::Serialize;
use sqlx::any::AnyArguments;
use sqlx::query::Query;
use sqlx::{Any, AnyPool, Transaction};
use std::collections::HashMap;

/// A value bound into a statement; the variants keep the SQL type of NULLs.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Param {
    Int(Option<i64>),
    Real(Option<f64>),
    Text(Option<String>),
}

impl From<i64> for Param {
    fn from(v: i64) -> Self {
        Param::Int(Some(v))
    }
}
impl From<Option<i64>> for Param {
    fn from(v: Option<i64>) -> Self {
        Param::Int(v)
    }
}
impl From<f64> for Param {
    fn from(v: f64) -> Self {
        Param::Real(Some(v))
    }
}
impl From<Option<f64>> for Param {
    fn from(v: Option<f64>) -> Self {
        Param::Real(v)
    }
}
impl From<bool> for Param {
    fn from(v: bool) -> Self {
        Param::Int(Some(i64::from(v)))
    }
}
impl From<String> for Param {
    fn from(v: String) -> Self {
        Param::Text(Some(v))
    }
}
impl From<&str> for Param {
    fn from(v: &str) -> Self {
        Param::Text(Some(v.to_string()))
    }
}
impl From<Option<String>> for Param {
    fn from(v: Option<String>) -> Self {
        Param::Text(v)
    }
}
impl From<Option<&str>> for Param {
    fn from(v: Option<&str>) -> Self {
        Param::Text(v.map(str::to_string))
    }
}

pub(crate) fn bind_all<'q>(
    mut query: Query<'q, Any, AnyArguments<'q>>,
    params: Vec<Param>,
) -> Query<'q, Any, AnyArguments<'q>> {
    for param in params {
        query = match param {
            Param::Int(v) => query.bind(v),
            // sqlx 0.8.6 `Any` sends a NULL `f64` to PostgreSQL as a NULL
            // `float4` (the Real/Double arms are swapped), so a cached
            // statement first run with NULL then rejects a real `f64`. A
            // NULL `f32` arrives as a NULL `float8`, which is what we want.
            Param::Real(None) => query.bind(Option::<f32>::None),
            Param::Real(Some(v)) => query.bind(v),
            Param::Text(v) => query.bind(v),
        };
    }
    query
}

/// Bound parameters per statement: below SQLite's 32766 and PostgreSQL's 65535.
const MAX_PARAMS_PER_STATEMENT: usize = 30_000;

/// A writing transaction. Dropping it without [`WriteTx::commit`] rolls back.
pub(crate) struct WriteTx {
    pub(crate) tx: Transaction<'static, Any>,
    actor: String,
    pub(crate) now: String,
    next_ids: HashMap<&'static str, i64>,
}

impl WriteTx {
    /// Begins and takes the write lock (see `write_lock` in the schema).
    pub(crate) async fn begin(pool: &AnyPool, actor: &str) -> Result<WriteTx> {
        let mut tx = pool.begin().await?;
        sqlx::query("UPDATE write_lock SET n = n + 1 WHERE id = 1").execute(&mut *tx).await?;
        Ok(WriteTx { tx, actor: actor.to_string(), now: now_rfc3339(), next_ids: HashMap::new() })
    }

    pub(crate) fn actor(&self) -> &str {
        &self.actor
    }

    /// The next free id of `table`. Safe because writers are serialised.
    pub(crate) async fn next_id(&mut self, table: &'static str) -> Result<i64> {
        let next = match self.next_ids.get(table) {
            Some(next) => *next,
            None => {
                let sql = format!("SELECT COALESCE(MAX(id), 0) FROM {table}");
                let max: i64 = sqlx::query_scalar(&sql).fetch_one(&mut *self.tx).await?;
                max + 1
            }
        };
        self.next_ids.insert(table, next + 1);
        Ok(next)
    }

    /// Runs one statement with `$N` placeholders.
    pub(crate) async fn execute(&mut self, sql: &str, params: Vec<Param>) -> Result<u64> {
        let result = bind_all(sqlx::query(sql), params).execute(&mut *self.tx).await?;
        Ok(result.rows_affected())
    }

    /// Inserts many rows with multi-row `VALUES`, in as few statements as the
    /// parameter limits allow.
    pub(crate) async fn insert_rows(&mut self, table: &str, columns: &[&str], rows: Vec<Vec<Param>>) -> Result<()> {
        if rows.is_empty() {
            return Ok(());
        }
        let rows_per_statement = (MAX_PARAMS_PER_STATEMENT / columns.len()).max(1);
        // SQLite looks a `$N` name up by a linear scan of the statement's
        // names, so binding N of them costs N²: thousands of `$N` in one
        // statement take seconds. Anonymous `?` are bound by position.
        let anonymous = self.tx.backend_name() == "SQLite";
        let mut rows = rows.into_iter().peekable();
        while rows.peek().is_some() {
            let chunk: Vec<Vec<Param>> = rows.by_ref().take(rows_per_statement).collect();
            let mut sql = format!("INSERT INTO {table} ({}) VALUES ", columns.join(", "));
            let mut n = 0;
            for (i, row) in chunk.iter().enumerate() {
                debug_assert_eq!(row.len(), columns.len());
                sql.push_str(if i == 0 { "(" } else { ", (" });
                for j in 0..row.len() {
                    n += 1;
                    if j > 0 {
                        sql.push_str(", ");
                    }
                    if anonymous {
                        sql.push('?');
                    } else {
                        sql.push('$');
                        sql.push_str(&n.to_string());
                    }
                }
                sql.push(')');
            }
            let params = chunk.into_iter().flatten().collect();
            self.execute(&sql, params).await?;
        }
        Ok(())
    }

    /// Records a change: what `entity` `entity_id` was before and is after.
    pub(crate) async fn audit<B: Serialize, A: Serialize>(
        &mut self,
        action: &str,
        entity: &str,
        entity_id: Option<i64>,
        before: Option<&B>,
        after: Option<&A>,
    ) -> Result<()> {
        let id = self.next_id("audit_log").await?;
        let before = before.map(serde_json::to_string).transpose()?;
        let after = after.map(serde_json::to_string).transpose()?;
        let (actor, now) = (self.actor.clone(), self.now.clone());
        self.execute(
            "INSERT INTO audit_log (id, at, actor, action, entity, entity_id, before_json, after_json) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            vec![
                id.into(),
                now.into(),
                actor.into(),
                action.into(),
                entity.into(),
                entity_id.into(),
                before.into(),
                after.into(),
            ],
        )
        .await?;
        Ok(())
    }

    pub(crate) async fn commit(self) -> Result<()> {
        self.tx.commit().await?;
        Ok(())
    }
}

/// `None` for a value that is not worth auditing as "before".
pub(crate) const NOTHING: Option<&()> = None;
