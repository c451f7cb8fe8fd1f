//! 进展报送: append-only progress reports. The reported facts are never
//! updated; a correction is a new row that supersedes the old one, and a
//! review (accept / return with a reason) is recorded on the row and audited.

use crate::Store;
use crate::error::{Result, StoreError};
use crate::time::{iso, parse_date};
use crate::write::{NOTHING, WriteTx};
use chrono::NaiveDate;
use luoshi_ledger::{MilestoneState, ProgressReport, ReportSubject, ReportedValue, ReviewState};
use serde::Serialize;
use sqlx::Row;
use sqlx::any::AnyRow;

/// A report as filed.
#[derive(Debug, Clone, PartialEq)]
pub struct NewReport {
    pub subject: ReportSubject,
    /// 截至日期: the date the figure stands for.
    pub as_of: NaiveDate,
    pub value: ReportedValue,
    /// 进展情况
    pub narrative: String,
    /// 存在问题
    pub problems: String,
    /// 下一步措施
    pub next_steps: String,
}

/// A stored report with the task it belongs to and its bookkeeping.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredReport {
    pub task_id: i64,
    #[serde(flatten)]
    pub report: ProgressReport,
    pub reported_at: String,
    /// The correction that replaced it, if any.
    pub superseded_by: Option<i64>,
    pub reviewed_by: Option<String>,
    pub reviewed_at: Option<String>,
}

/// The supervisor's decision on a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Review {
    Accept,
    Return { reason: String },
}

const REPORT_COLUMNS: &str = "id, task_id, target_id, as_of, value, milestone, narrative, problems, next_steps, \
     reported_by, reported_at, version, supersedes, superseded_by, review_state, review_reason, reviewed_by, reviewed_at";

fn report_from_row(row: &AnyRow) -> Result<StoredReport> {
    let task_id: i64 = row.try_get("task_id")?;
    let target_id: Option<i64> = row.try_get("target_id")?;
    let subject = match target_id {
        Some(target) => ReportSubject::Target(target),
        None => ReportSubject::Task(task_id),
    };
    let value: Option<f64> = row.try_get("value")?;
    let milestone: Option<String> = row.try_get("milestone")?;
    let value = match (value, milestone) {
        (Some(v), _) => ReportedValue::Actual(v),
        (None, Some(label)) => ReportedValue::Milestone(
            MilestoneState::from_label(&label).ok_or(StoreError::Corrupt { what: "milestone", value: label })?,
        ),
        (None, None) => return Err(StoreError::Corrupt { what: "report value", value: "NULL".into() }),
    };
    let state: String = row.try_get("review_state")?;
    let review = match state.as_str() {
        "submitted" => ReviewState::Submitted,
        "accepted" => ReviewState::Accepted,
        "returned" => {
            ReviewState::Returned { reason: row.try_get::<Option<String>, _>("review_reason")?.unwrap_or_default() }
        }
        _ => return Err(StoreError::Corrupt { what: "review state", value: state }),
    };
    let as_of = parse_date("report date", Some(row.try_get("as_of")?))?.unwrap_or_default();
    Ok(StoredReport {
        task_id,
        report: ProgressReport {
            id: row.try_get("id")?,
            subject,
            as_of,
            value,
            narrative: row.try_get::<Option<String>, _>("narrative")?.unwrap_or_default(),
            problems: row.try_get::<Option<String>, _>("problems")?.unwrap_or_default(),
            next_steps: row.try_get::<Option<String>, _>("next_steps")?.unwrap_or_default(),
            reporter: row.try_get("reported_by")?,
            version: row.try_get::<i64, _>("version")? as u32,
            supersedes: row.try_get("supersedes")?,
            review,
        },
        reported_at: row.try_get("reported_at")?,
        superseded_by: row.try_get("superseded_by")?,
        reviewed_by: row.try_get("reviewed_by")?,
        reviewed_at: row.try_get("reviewed_at")?,
    })
}

impl Store {
    /// Files a report; returns its id. A target's report carries an actual
    /// value; a milestone state is for a task without targets.
    pub async fn add_report(&self, actor: &str, report: NewReport) -> Result<i64> {
        let mut tx = WriteTx::begin(&self.pool, actor).await?;
        let id = insert_report(&mut tx, &report, None, 1).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Files a correction of report `report_id`: a new version that supersedes it.
    pub async fn correct_report(&self, actor: &str, report_id: i64, correction: NewReport) -> Result<i64> {
        let mut tx = WriteTx::begin(&self.pool, actor).await?;
        let old = fetch_report(&mut tx, report_id).await?;
        if let Some(newer) = old.superseded_by {
            return Err(StoreError::invalid(format!("report {report_id} was already corrected by report {newer}")));
        }
        if old.report.subject != correction.subject {
            return Err(StoreError::invalid("a correction must be about the same target or task"));
        }
        let id = insert_report(&mut tx, &correction, Some(report_id), old.report.version as i64 + 1).await?;
        tx.execute("UPDATE progress_reports SET superseded_by = $2 WHERE id = $1", vec![report_id.into(), id.into()])
            .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Accepts or returns a report (审核).
    pub async fn review_report(&self, actor: &str, report_id: i64, review: Review) -> Result<()> {
        let mut tx = WriteTx::begin(&self.pool, actor).await?;
        let old = fetch_report(&mut tx, report_id).await?;
        let (state, reason) = match &review {
            Review::Accept => ("accepted", None),
            Review::Return { reason } if reason.trim().is_empty() => {
                return Err(StoreError::invalid("returning a report needs a reason"));
            }
            Review::Return { reason } => ("returned", Some(reason.clone())),
        };
        let (actor, now) = (tx.actor().to_string(), tx.now.clone());
        tx.execute(
            "UPDATE progress_reports SET review_state = $2, review_reason = $3, reviewed_by = $4, reviewed_at = $5 WHERE id = $1",
            vec![report_id.into(), state.into(), reason.clone().into(), actor.into(), now.into()],
        )
        .await?;
        tx.audit(
            "review",
            "progress",
            Some(report_id),
            Some(&old.report.review),
            Some(&serde_json::json!({ "state": state, "reason": reason })),
        )
        .await?;
        tx.commit().await
    }

    /// One report.
    pub async fn report(&self, id: i64) -> Result<Option<StoredReport>> {
        let sql = format!("SELECT {REPORT_COLUMNS} FROM progress_reports WHERE id = $1");
        sqlx::query(&sql).bind(id).fetch_optional(&self.pool).await?.as_ref().map(report_from_row).transpose()
    }

    /// Every report of a task (its targets' and its milestones), corrections
    /// included, oldest first.
    pub async fn task_reports(&self, task_id: i64) -> Result<Vec<StoredReport>> {
        let sql = format!("SELECT {REPORT_COLUMNS} FROM progress_reports WHERE task_id = $1 ORDER BY as_of, id");
        sqlx::query(&sql).bind(task_id).fetch_all(&self.pool).await?.iter().map(report_from_row).collect()
    }

    /// Reports awaiting review (待审核), oldest first, corrected ones excluded.
    pub async fn reports_to_review(&self) -> Result<Vec<StoredReport>> {
        let sql = format!(
            "SELECT {REPORT_COLUMNS} FROM progress_reports WHERE review_state = 'submitted' AND superseded_by IS NULL ORDER BY id"
        );
        sqlx::query(&sql).fetch_all(&self.pool).await?.iter().map(report_from_row).collect()
    }
}

async fn fetch_report(tx: &mut WriteTx, id: i64) -> Result<StoredReport> {
    let sql = format!("SELECT {REPORT_COLUMNS} FROM progress_reports WHERE id = $1");
    let row = sqlx::query(&sql).bind(id).fetch_optional(&mut *tx.tx).await?;
    row.as_ref().map(report_from_row).transpose()?.ok_or_else(|| StoreError::not_found("progress report", id))
}

async fn insert_report(tx: &mut WriteTx, report: &NewReport, supersedes: Option<i64>, version: i64) -> Result<i64> {
    let (task_id, target_id) = match report.subject {
        ReportSubject::Target(target_id) => {
            let row = sqlx::query(
                "SELECT g.task_id, g.active, t.active FROM targets g JOIN tasks t ON t.id = g.task_id WHERE g.id = $1",
            )
            .bind(target_id)
            .fetch_optional(&mut *tx.tx)
            .await?
            .ok_or_else(|| StoreError::not_found("target", target_id))?;
            if row.try_get::<i64, _>(1)? == 0 || row.try_get::<i64, _>(2)? == 0 {
                return Err(StoreError::invalid(format!("target {target_id} is retired: report on its successor")));
            }
            (row.try_get::<i64, _>(0)?, Some(target_id))
        }
        ReportSubject::Task(task_id) => {
            let row = sqlx::query(
                "SELECT t.active, (SELECT COUNT(*) FROM targets g WHERE g.task_id = t.id AND g.active = 1) FROM tasks t WHERE t.id = $1",
            )
            .bind(task_id)
            .fetch_optional(&mut *tx.tx)
            .await?
            .ok_or_else(|| StoreError::not_found("task", task_id))?;
            if row.try_get::<i64, _>(0)? == 0 {
                return Err(StoreError::invalid(format!("task {task_id} is retired")));
            }
            if row.try_get::<i64, _>(1)? > 0 {
                return Err(StoreError::invalid(format!(
                    "task {task_id} has targets: report their actual values (--target) instead of a milestone"
                )));
            }
            (task_id, None)
        }
    };
    let (value, milestone) = match report.value {
        ReportedValue::Actual(v) if !v.is_finite() => {
            return Err(StoreError::invalid("an actual value must be a number"));
        }
        ReportedValue::Actual(v) if target_id.is_some() => (Some(v), None),
        ReportedValue::Milestone(m) if target_id.is_none() => (None, Some(m.label())),
        ReportedValue::Actual(_) => {
            return Err(StoreError::invalid("a task without targets reports a milestone state"));
        }
        ReportedValue::Milestone(_) => return Err(StoreError::invalid("a target's report carries an actual value")),
    };
    let id = tx.next_id("progress_reports").await?;
    let (actor, now) = (tx.actor().to_string(), tx.now.clone());
    tx.execute(
        "INSERT INTO progress_reports (id, task_id, target_id, as_of, value, milestone, narrative, problems, next_steps, \
           reported_by, reported_at, version, supersedes, superseded_by, review_state) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, NULL, 'submitted')",
        vec![
            id.into(),
            task_id.into(),
            target_id.into(),
            iso(report.as_of).into(),
            value.into(),
            milestone.into(),
            report.narrative.clone().into(),
            report.problems.clone().into(),
            report.next_steps.clone().into(),
            actor.into(),
            now.into(),
            version.into(),
            supersedes.into(),
        ],
    )
    .await?;
    let after = serde_json::json!({
        "task_id": task_id, "target_id": target_id, "as_of": iso(report.as_of), "value": value,
        "milestone": milestone, "supersedes": supersedes,
    });
    tx.audit(if supersedes.is_some() { "correct" } else { "report" }, "progress", Some(id), NOTHING, Some(&after))
        .await?;
    Ok(id)
}
