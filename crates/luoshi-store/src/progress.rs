//! 进展报送: append-only progress reports. The reported facts are never
//! updated; a correction is a new row that supersedes the old one, and a
//! review (accept / return with a reason) is recorded on the row and audited.

use crate::Store;
use crate::error::{Result, StoreError};
use crate::time::{iso, parse_date};
use crate::write::{NOTHING, Param, WriteTx};
use chrono::NaiveDate;
use luoshi_ledger::{MilestoneState, ProgressReport, ReportSubject, ReportedValue, ReviewState};
use serde::Serialize;
use sqlx::Row;
use sqlx::any::AnyRow;
use std::collections::HashMap;

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

/// Writes a review onto report `id` of `table` (`progress_reports` or
/// `project_reports`, which share the review columns): its state, reason,
/// reviewer and time. Returns the state and reason, for the audit trail.
/// A return without a reason is refused.
pub(crate) async fn record_review(
    tx: &mut WriteTx,
    table: &str,
    id: i64,
    review: &Review,
) -> Result<(&'static str, Option<String>)> {
    let (state, reason) = match review {
        Review::Accept => ("accepted", None),
        Review::Return { reason } if reason.trim().is_empty() => {
            return Err(StoreError::invalid("returning a report needs a reason"));
        }
        Review::Return { reason } => ("returned", Some(reason.clone())),
    };
    let (actor, now) = (tx.actor().to_string(), tx.now.clone());
    tx.execute(
        &format!(
            "UPDATE {table} SET review_state = $2, review_reason = $3, reviewed_by = $4, reviewed_at = $5 WHERE id = $1"
        ),
        vec![id.into(), state.into(), reason.clone().into(), actor.into(), now.into()],
    )
    .await?;
    Ok((state, reason))
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

    /// Files many reports in one transaction; returns their ids in order.
    /// All or nothing: an invalid report fails the batch with its position.
    pub async fn add_reports(&self, actor: &str, reports: &[NewReport]) -> Result<Vec<i64>> {
        let mut tx = WriteTx::begin(&self.pool, actor).await?;
        let ids = insert_reports(&mut tx, reports).await?;
        tx.commit().await?;
        Ok(ids)
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
        let (state, reason) = record_review(&mut tx, "progress_reports", report_id, &review).await?;
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

/// What the store knows about the subject of a report.
struct SubjectFacts {
    task_id: i64,
    /// The target (and its task), or the task, is not retired.
    active: bool,
    /// For a task: whether it has active targets.
    has_targets: bool,
}

/// Looks up every subject of `reports` in two set-based queries.
async fn load_subjects(tx: &mut WriteTx, reports: &[NewReport]) -> Result<HashMap<ReportSubject, SubjectFacts>> {
    let mut target_ids: Vec<i64> = reports
        .iter()
        .filter_map(|r| match r.subject {
            ReportSubject::Target(id) => Some(id),
            ReportSubject::Task(_) => None,
        })
        .collect();
    let mut task_ids: Vec<i64> = reports
        .iter()
        .filter_map(|r| match r.subject {
            ReportSubject::Task(id) => Some(id),
            ReportSubject::Target(_) => None,
        })
        .collect();
    for ids in [&mut target_ids, &mut task_ids] {
        ids.sort_unstable();
        ids.dedup();
    }
    let mut facts = HashMap::new();
    // Ids are integers: inlined, so any number of them needs no parameters.
    for chunk in target_ids.chunks(5000) {
        let list: Vec<String> = chunk.iter().map(i64::to_string).collect();
        let sql = format!(
            "SELECT g.id, g.task_id, g.active * t.active FROM targets g JOIN tasks t ON t.id = g.task_id WHERE g.id IN ({})",
            list.join(", ")
        );
        for row in sqlx::query(&sql).fetch_all(&mut *tx.tx).await? {
            let subject = ReportSubject::Target(row.try_get(0)?);
            facts.insert(
                subject,
                SubjectFacts { task_id: row.try_get(1)?, active: row.try_get::<i64, _>(2)? != 0, has_targets: true },
            );
        }
    }
    for chunk in task_ids.chunks(5000) {
        let list: Vec<String> = chunk.iter().map(i64::to_string).collect();
        let sql = format!(
            "SELECT t.id, t.active, (SELECT COUNT(*) FROM targets g WHERE g.task_id = t.id AND g.active = 1) \
             FROM tasks t WHERE t.id IN ({})",
            list.join(", ")
        );
        for row in sqlx::query(&sql).fetch_all(&mut *tx.tx).await? {
            let task_id: i64 = row.try_get(0)?;
            facts.insert(
                ReportSubject::Task(task_id),
                SubjectFacts {
                    task_id,
                    active: row.try_get::<i64, _>(1)? != 0,
                    has_targets: row.try_get::<i64, _>(2)? > 0,
                },
            );
        }
    }
    Ok(facts)
}

/// Task, target, value and milestone columns of a valid report.
type StoredColumns = (i64, Option<i64>, Option<f64>, Option<&'static str>);

/// The stored columns of a valid report: task, target, value, milestone.
fn checked(
    report: &NewReport,
    facts: &HashMap<ReportSubject, SubjectFacts>,
) -> Result<StoredColumns> {
    let (task_id, target_id) = match (report.subject, facts.get(&report.subject)) {
        (ReportSubject::Target(id), None) => return Err(StoreError::not_found("target", id)),
        (ReportSubject::Task(id), None) => return Err(StoreError::not_found("task", id)),
        (ReportSubject::Target(id), Some(f)) if !f.active => {
            return Err(StoreError::invalid(format!("target {id} is retired: report on its successor")));
        }
        (ReportSubject::Task(id), Some(f)) if !f.active => {
            return Err(StoreError::invalid(format!("task {id} is retired")));
        }
        (ReportSubject::Task(id), Some(f)) if f.has_targets => {
            return Err(StoreError::invalid(format!(
                "task {id} has targets: report their actual values (--target) instead of a milestone"
            )));
        }
        (ReportSubject::Target(id), Some(f)) => (f.task_id, Some(id)),
        (ReportSubject::Task(id), Some(_)) => (id, None),
    };
    match report.value {
        ReportedValue::Actual(v) if !v.is_finite() => Err(StoreError::invalid("an actual value must be a number")),
        ReportedValue::Actual(v) if target_id.is_some() => Ok((task_id, target_id, Some(v), None)),
        ReportedValue::Milestone(m) if target_id.is_none() => Ok((task_id, None, None, Some(m.label()))),
        ReportedValue::Actual(_) => Err(StoreError::invalid("a task without targets reports a milestone state")),
        ReportedValue::Milestone(_) => Err(StoreError::invalid("a target's report carries an actual value")),
    }
}

const INSERT_COLUMNS: [&str; 15] = [
    "id",
    "task_id",
    "target_id",
    "as_of",
    "value",
    "milestone",
    "narrative",
    "problems",
    "next_steps",
    "reported_by",
    "reported_at",
    "version",
    "supersedes",
    "superseded_by",
    "review_state",
];

/// One `progress_reports` row for [`INSERT_COLUMNS`]: a report whose subject
/// [`checked`] has resolved, filed by `actor` at `now`, awaiting review.
fn report_row(
    id: i64,
    (task_id, target_id, value, milestone): StoredColumns,
    report: &NewReport,
    (actor, now): (&str, &str),
    version: i64,
    supersedes: Option<i64>,
) -> Vec<Param> {
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
        Option::<i64>::None.into(),
        "submitted".into(),
    ]
}

/// Files many first reports in one transaction (an import of a filled-in
/// progress sheet, a data migration). All or nothing: one invalid report
/// fails the whole batch, naming it. One audit entry records the batch.
pub(crate) async fn insert_reports(tx: &mut WriteTx, reports: &[NewReport]) -> Result<Vec<i64>> {
    let facts = load_subjects(tx, reports).await?;
    let mut rows = Vec::with_capacity(reports.len());
    let mut ids = Vec::with_capacity(reports.len());
    let (actor, now) = (tx.actor().to_string(), tx.now.clone());
    for (i, report) in reports.iter().enumerate() {
        let (task_id, target_id, value, milestone) =
            checked(report, &facts).map_err(|e| StoreError::invalid(format!("report {} of the batch: {e}", i + 1)))?;
        let id = tx.next_id("progress_reports").await?;
        ids.push(id);
        rows.push(report_row(id, (task_id, target_id, value, milestone), report, (&actor, &now), 1, None));
    }
    tx.insert_rows("progress_reports", &INSERT_COLUMNS, rows).await?;
    let after = serde_json::json!({ "reports": ids.len(), "first_id": ids.first(), "last_id": ids.last() });
    tx.audit("import", "progress", None, NOTHING, Some(&after)).await?;
    Ok(ids)
}

async fn insert_report(tx: &mut WriteTx, report: &NewReport, supersedes: Option<i64>, version: i64) -> Result<i64> {
    let facts = load_subjects(tx, std::slice::from_ref(report)).await?;
    let (task_id, target_id, value, milestone) = checked(report, &facts)?;
    let id = tx.next_id("progress_reports").await?;
    let (actor, now) = (tx.actor().to_string(), tx.now.clone());
    let row = report_row(id, (task_id, target_id, value, milestone), report, (&actor, &now), version, supersedes);
    tx.insert_rows("progress_reports", &INSERT_COLUMNS, vec![row]).await?;
    let after = serde_json::json!({
        "task_id": task_id, "target_id": target_id, "as_of": iso(report.as_of), "value": value,
        "milestone": milestone, "supersedes": supersedes,
    });
    tx.audit(if supersedes.is_some() { "correct" } else { "report" }, "progress", Some(id), NOTHING, Some(&after))
        .await?;
    Ok(id)
}
