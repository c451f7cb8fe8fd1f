//! 催办: reminders a supervisor sends a unit about a task.

use crate::Store;
use crate::error::{Result, StoreError};
use crate::time::iso;
use crate::write::{NOTHING, WriteTx};
use chrono::NaiveDate;
use serde::Serialize;
use sqlx::Row;

/// A reminder sent.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reminder {
    pub id: i64,
    pub task_id: i64,
    pub unit_id: Option<i64>,
    pub message: String,
    pub issued_by: String,
    pub issued_at: String,
    /// The date a report is expected by.
    pub due: Option<String>,
    pub acknowledged_at: Option<String>,
}

impl Store {
    /// Sends a reminder about `task_id` to `unit_id` (the lead unit when `None`).
    pub async fn add_reminder(
        &self,
        actor: &str,
        task_id: i64,
        unit_id: Option<i64>,
        message: &str,
        due: Option<NaiveDate>,
    ) -> Result<i64> {
        let mut tx = WriteTx::begin(&self.pool, actor).await?;
        let lead: Option<i64> = sqlx::query_scalar("SELECT unit_id FROM task_units WHERE task_id = $1 AND is_lead = 1")
            .bind(task_id)
            .fetch_optional(&mut *tx.tx)
            .await?;
        let exists: Option<i64> =
            sqlx::query_scalar("SELECT id FROM tasks WHERE id = $1").bind(task_id).fetch_optional(&mut *tx.tx).await?;
        if exists.is_none() {
            return Err(StoreError::not_found("task", task_id));
        }
        let unit_id = unit_id.or(lead);
        let id = tx.next_id("reminders").await?;
        let (actor, now) = (tx.actor().to_string(), tx.now.clone());
        tx.execute(
            "INSERT INTO reminders (id, task_id, unit_id, message, issued_by, issued_at, due, acknowledged_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, NULL)",
            vec![
                id.into(),
                task_id.into(),
                unit_id.into(),
                message.into(),
                actor.into(),
                now.into(),
                due.map(iso).into(),
            ],
        )
        .await?;
        let after = serde_json::json!({ "task_id": task_id, "unit_id": unit_id, "message": message });
        tx.audit("remind", "reminder", Some(id), NOTHING, Some(&after)).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Marks a reminder as seen by its unit.
    pub async fn acknowledge_reminder(&self, actor: &str, id: i64) -> Result<()> {
        let mut tx = WriteTx::begin(&self.pool, actor).await?;
        let now = tx.now.clone();
        let n = tx
            .execute(
                "UPDATE reminders SET acknowledged_at = $2 WHERE id = $1 AND acknowledged_at IS NULL",
                vec![id.into(), now.into()],
            )
            .await?;
        if n == 0 {
            return Err(StoreError::not_found("unacknowledged reminder", id));
        }
        tx.audit("acknowledge", "reminder", Some(id), NOTHING, Some(&serde_json::json!({ "acknowledged": true })))
            .await?;
        tx.commit().await
    }

    /// Reminders, newest first: of one unit, or all.
    pub async fn reminders(&self, unit_id: Option<i64>) -> Result<Vec<Reminder>> {
        let sql = "SELECT id, task_id, unit_id, message, issued_by, issued_at, due, acknowledged_at FROM reminders \
                   WHERE ($1 = 0 OR unit_id = $2) ORDER BY id DESC";
        let rows = sqlx::query(sql)
            .bind(i64::from(unit_id.is_some()))
            .bind(unit_id.unwrap_or(0))
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|row| {
                Ok(Reminder {
                    id: row.try_get(0)?,
                    task_id: row.try_get(1)?,
                    unit_id: row.try_get(2)?,
                    message: row.try_get(3)?,
                    issued_by: row.try_get(4)?,
                    issued_at: row.try_get(5)?,
                    due: row.try_get(6)?,
                    acknowledged_at: row.try_get(7)?,
                })
            })
            .collect()
    }
}
