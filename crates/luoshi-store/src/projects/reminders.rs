//! 催办 of key projects: reminders to a project's 包联单位, and their acknowledgement.

use crate::Store;
use crate::error::{Result, StoreError};
use crate::time::{iso, parse_date};
use crate::write::{NOTHING, Param, WriteTx};
use chrono::NaiveDate;
use serde::Serialize;
use sqlx::Row;
use sqlx::any::AnyRow;

/// A reminder sent about a project.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProjectReminder {
    pub id: i64,
    pub project_id: i64,
    /// The 包联单位 it went to.
    pub unit: String,
    pub message: String,
    pub issued_by: String,
    pub issued_at: String,
    /// 办结时限
    pub due: Option<NaiveDate>,
    pub acknowledged_at: Option<String>,
}

const COLUMNS: &str = "id, project_id, unit, message, issued_by, issued_at, due, acknowledged_at";

fn reminder_from_row(row: &AnyRow) -> Result<ProjectReminder> {
    Ok(ProjectReminder {
        id: row.try_get("id")?,
        project_id: row.try_get("project_id")?,
        unit: row.try_get("unit")?,
        message: row.try_get("message")?,
        issued_by: row.try_get("issued_by")?,
        issued_at: row.try_get("issued_at")?,
        due: parse_date("reminder due date", row.try_get("due")?)?,
        acknowledged_at: row.try_get("acknowledged_at")?,
    })
}

impl Store {
    /// Sends one reminder per project to its 包联单位 (one transaction);
    /// returns their ids in order.
    pub async fn add_project_reminders(
        &self,
        actor: &str,
        projects: &[i64],
        message: &str,
        due: Option<NaiveDate>,
    ) -> Result<Vec<i64>> {
        if message.trim().is_empty() {
            return Err(StoreError::invalid("a reminder needs a message"));
        }
        let mut tx = WriteTx::begin(&self.pool, actor).await?;
        let mut ids = Vec::with_capacity(projects.len());
        for project in projects {
            let unit: Option<String> = sqlx::query_scalar("SELECT responsible_unit FROM projects WHERE id = $1")
                .bind(project)
                .fetch_optional(&mut *tx.tx)
                .await?;
            let unit = unit.ok_or_else(|| StoreError::not_found("project", project))?;
            let id = tx.next_id("project_reminders").await?;
            let (actor, now) = (tx.actor().to_string(), tx.now.clone());
            tx.execute(
                "INSERT INTO project_reminders (id, project_id, unit, message, issued_by, issued_at, due, acknowledged_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, NULL)",
                vec![
                    id.into(),
                    (*project).into(),
                    unit.clone().into(),
                    message.trim().into(),
                    actor.into(),
                    now.into(),
                    Param::Text(due.map(iso)),
                ],
            )
            .await?;
            let after = serde_json::json!({ "project_id": project, "unit": unit, "message": message.trim(), "due": due.map(iso) });
            tx.audit("remind", "project_reminder", Some(id), NOTHING, Some(&after)).await?;
            ids.push(id);
        }
        tx.commit().await?;
        Ok(ids)
    }

    /// Records that the unit has seen reminder `id`.
    pub async fn acknowledge_project_reminder(&self, actor: &str, id: i64) -> Result<()> {
        let mut tx = WriteTx::begin(&self.pool, actor).await?;
        let now = tx.now.clone();
        let changed = tx
            .execute(
                "UPDATE project_reminders SET acknowledged_at = $2 WHERE id = $1 AND acknowledged_at IS NULL",
                vec![id.into(), now.clone().into()],
            )
            .await?;
        if changed == 0 {
            return Err(StoreError::invalid(format!("project reminder {id} does not exist or was already acknowledged")));
        }
        tx.audit("acknowledge", "project_reminder", Some(id), NOTHING, Some(&serde_json::json!({ "acknowledged_at": now }))).await?;
        tx.commit().await
    }

    /// Reminders, newest first: of one project, or all.
    pub async fn project_reminders(&self, project: Option<i64>) -> Result<Vec<ProjectReminder>> {
        let rows = match project {
            Some(id) => {
                let sql = format!("SELECT {COLUMNS} FROM project_reminders WHERE project_id = $1 ORDER BY id DESC");
                sqlx::query(&sql).bind(id).fetch_all(&self.pool).await?
            }
            None => {
                let sql = format!("SELECT {COLUMNS} FROM project_reminders ORDER BY id DESC");
                sqlx::query(&sql).fetch_all(&self.pool).await?
            }
        };
        rows.iter().map(reminder_from_row).collect()
    }
}
