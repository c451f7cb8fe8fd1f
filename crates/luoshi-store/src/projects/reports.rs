//! 月调度: monthly project reports, append-only like progress reports (a
//! correction is a new version; review is recorded on the row), and
//! 要素保障 problems.

use super::records::{StepEvidence, insert_audit_rows, insert_steps, step_row};
use super::rows::{refresh_stage_dates, stage_from_name};
use crate::Store;
use crate::error::{Result, StoreError};
use crate::progress::{Review, record_review};
use crate::time::{iso, parse_date};
use crate::write::{NOTHING, Param, WriteTx};
use chrono::NaiveDate;
use luoshi_ledger::{ReviewPolicy, ReviewState};
use luoshi_ledger::projects::{ProblemKind, ProjectProblem, Stage};
use serde::Serialize;
use sqlx::Row;
use sqlx::any::AnyRow;
use std::collections::{BTreeSet, HashSet};

/// A monthly report as filed for one project.
#[derive(Debug, Clone, PartialEq)]
pub struct NewProjectReport {
    pub project_id: i64,
    /// 截至日期
    pub as_of: NaiveDate,
    /// 年度累计完成投资 (万元), year to date.
    pub completed_investment: f64,
    /// 入库纳统: the figure is in the statistics.
    pub in_statistics: bool,
    /// The stage reached by this date, when the report says so.
    pub stage: Option<Stage>,
    /// 形象进度 / 进展情况
    pub progress: String,
    /// 存在问题
    pub problems: String,
    /// 下一步措施
    pub next_steps: String,
}

/// A stored monthly report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredProjectReport {
    pub id: i64,
    pub project_id: i64,
    pub as_of: NaiveDate,
    pub completed_investment: f64,
    pub in_statistics: bool,
    pub stage: Option<Stage>,
    pub progress: String,
    pub problems: String,
    pub next_steps: String,
    /// `report` (filed), `sheet` (from an imported 项目表).
    pub origin: String,
    pub reported_by: String,
    pub reported_at: String,
    pub version: i64,
    pub supersedes: Option<i64>,
    pub superseded_by: Option<i64>,
    pub review: ReviewState,
    pub reviewed_by: Option<String>,
    pub reviewed_at: Option<String>,
}

/// A 要素保障 problem to record.
#[derive(Debug, Clone, PartialEq)]
pub struct NewProjectProblem {
    pub project_id: i64,
    pub problem: ProjectProblem,
}

/// A stored problem.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredProblem {
    pub id: i64,
    pub project_id: i64,
    #[serde(flatten)]
    pub problem: ProjectProblem,
}

/// A report about to be written.
pub(crate) struct ReportRow {
    report: NewProjectReport,
    origin: &'static str,
    supersedes: Option<(i64, i64)>,
}

impl ReportRow {
    pub(crate) fn from_sheet(project_id: i64, as_of: NaiveDate, value: f64, evidence: &str) -> ReportRow {
        ReportRow {
            report: NewProjectReport {
                project_id,
                as_of,
                completed_investment: value,
                in_statistics: false,
                stage: None,
                progress: evidence.to_string(),
                problems: String::new(),
                next_steps: String::new(),
            },
            origin: "sheet",
            supersedes: None,
        }
    }
}

const REPORT_COLUMNS: [&str; 19] = [
    "id",
    "project_id",
    "as_of",
    "completed_investment",
    "in_statistics",
    "stage",
    "progress",
    "problems",
    "next_steps",
    "origin",
    "reported_by",
    "reported_at",
    "version",
    "supersedes",
    "superseded_by",
    "review_state",
    "review_reason",
    "reviewed_by",
    "reviewed_at",
];

const SELECT_REPORT: &str = "SELECT id, project_id, as_of, completed_investment, in_statistics, stage, progress, problems, \
     next_steps, origin, reported_by, reported_at, version, supersedes, superseded_by, review_state, review_reason, \
     reviewed_by, reviewed_at FROM project_reports";

fn report_from_row(row: &AnyRow) -> Result<StoredProjectReport> {
    let state: String = row.try_get("review_state")?;
    let review = match state.as_str() {
        "submitted" => ReviewState::Submitted,
        "accepted" => ReviewState::Accepted,
        "returned" => ReviewState::Returned { reason: row.try_get::<Option<String>, _>("review_reason")?.unwrap_or_default() },
        _ => return Err(StoreError::Corrupt { what: "review state", value: state }),
    };
    Ok(StoredProjectReport {
        id: row.try_get("id")?,
        project_id: row.try_get("project_id")?,
        as_of: parse_date("report date", Some(row.try_get("as_of")?))?.unwrap_or_default(),
        completed_investment: row.try_get("completed_investment")?,
        in_statistics: row.try_get::<i64, _>("in_statistics")? != 0,
        stage: row.try_get::<Option<String>, _>("stage")?.map(stage_from_name).transpose()?,
        progress: row.try_get("progress")?,
        problems: row.try_get("problems")?,
        next_steps: row.try_get("next_steps")?,
        origin: row.try_get("origin")?,
        reported_by: row.try_get("reported_by")?,
        reported_at: row.try_get("reported_at")?,
        version: row.try_get("version")?,
        supersedes: row.try_get("supersedes")?,
        superseded_by: row.try_get("superseded_by")?,
        review,
        reviewed_by: row.try_get("reviewed_by")?,
        reviewed_at: row.try_get("reviewed_at")?,
    })
}

fn check(report: &NewProjectReport) -> Result<()> {
    if !report.completed_investment.is_finite() || report.completed_investment < 0.0 {
        return Err(StoreError::invalid(format!(
            "project {}: completed investment must be a non-negative number",
            report.project_id
        )));
    }
    Ok(())
}

/// Writes reports (their stage steps and audit entries); returns the new
/// ids. From a sheet (`from_sheet`), a figure already stored for that
/// project and date is skipped, and a different one becomes a correction.
/// A report's stage step counts at once when `counts_on_filing` (review
/// policy `filed`), else from its acceptance.
pub(crate) async fn insert_reports(
    tx: &mut WriteTx,
    rows: Vec<ReportRow>,
    from_sheet: bool,
    counts_on_filing: bool,
) -> Result<Vec<i64>> {
    let mut report_rows = Vec::with_capacity(rows.len());
    let mut step_rows = Vec::new();
    let mut audit_rows = Vec::with_capacity(rows.len());
    let mut staged: BTreeSet<i64> = BTreeSet::new();
    let mut ids = Vec::with_capacity(rows.len());
    for mut row in rows {
        check(&row.report)?;
        if from_sheet {
            let stored = sqlx::query(
                "SELECT id, completed_investment, version FROM project_reports \
                 WHERE project_id = $1 AND as_of = $2 AND superseded_by IS NULL ORDER BY id DESC LIMIT 1",
            )
            .bind(row.report.project_id)
            .bind(iso(row.report.as_of))
            .fetch_optional(&mut *tx.tx)
            .await?;
            if let Some(stored) = stored {
                let value: f64 = stored.try_get(1)?;
                if value == row.report.completed_investment {
                    continue;
                }
                row.supersedes = Some((stored.try_get(0)?, stored.try_get(2)?));
            }
        }
        let id = tx.next_id("project_reports").await?;
        let r = &row.report;
        // A figure from the office's own 项目表 is the importer's word: it
        // comes in accepted. A unit's report waits for review (待审核).
        let (review_state, reviewed_by, reviewed_at) = match row.origin {
            "sheet" => ("accepted", Some(tx.actor().to_string()), Some(tx.now.clone())),
            _ => ("submitted", None, None),
        };
        let (supersedes, version) = match row.supersedes {
            Some((old, version)) => (Some(old), version + 1),
            None => (None, 1),
        };
        report_rows.push(vec![
            id.into(),
            r.project_id.into(),
            iso(r.as_of).into(),
            r.completed_investment.into(),
            r.in_statistics.into(),
            r.stage.map(|s| s.name()).into(),
            r.progress.clone().into(),
            r.problems.clone().into(),
            r.next_steps.clone().into(),
            row.origin.into(),
            tx.actor().to_string().into(),
            tx.now.clone().into(),
            version.into(),
            supersedes.into(),
            Param::Int(None),
            review_state.into(),
            Param::Text(None),
            reviewed_by.into(),
            reviewed_at.into(),
        ]);
        if let Some(old) = supersedes {
            tx.execute("UPDATE project_reports SET superseded_by = $2 WHERE id = $1", vec![old.into(), id.into()]).await?;
            deactivate_steps(tx, old).await?;
            staged.insert(r.project_id);
        }
        if let Some(stage) = r.stage.filter(|s| *s > Stage::Planned) {
            let evidence = format!("{} 月调度报告 {id}", iso(r.as_of));
            step_rows.push(step_row(
                tx,
                StepEvidence {
                    project: r.project_id,
                    stage,
                    date: r.as_of,
                    evidence: &evidence,
                    origin: "report",
                    report: Some(id),
                    active: counts_on_filing || review_state == "accepted",
                },
            )
            .await?);
            staged.insert(r.project_id);
        }
        let after = serde_json::json!({
            "project_id": r.project_id, "as_of": iso(r.as_of), "completed_investment": r.completed_investment,
            "in_statistics": r.in_statistics, "stage": r.stage.map(|s| s.name()), "supersedes": supersedes,
        });
        audit_rows.push((id, after.to_string()));
        ids.push(id);
    }
    let projects: HashSet<i64> = report_rows.iter().filter_map(|r| match r[1] { Param::Int(id) => id, _ => None }).collect();
    ensure_projects_exist(tx, &projects).await?;
    tx.insert_rows("project_reports", &REPORT_COLUMNS, report_rows).await?;
    insert_steps(tx, step_rows).await?;
    insert_audit_rows(tx, "report", "project_report", audit_rows).await?;
    refresh_stage_dates(tx, staged).await?;
    Ok(ids)
}

async fn ensure_projects_exist(tx: &mut WriteTx, projects: &HashSet<i64>) -> Result<()> {
    if projects.is_empty() {
        return Ok(());
    }
    let mut missing: BTreeSet<i64> = projects.iter().copied().collect();
    let ids: Vec<String> = missing.iter().map(i64::to_string).collect();
    for chunk in ids.chunks(10_000) {
        let sql = format!("SELECT id FROM projects WHERE id IN ({})", chunk.join(", "));
        for row in sqlx::query(&sql).fetch_all(&mut *tx.tx).await? {
            missing.remove(&row.try_get::<i64, _>(0)?);
        }
    }
    match missing.first() {
        Some(id) => Err(StoreError::not_found("project", id)),
        None => Ok(()),
    }
}

async fn deactivate_steps(tx: &mut WriteTx, report: i64) -> Result<()> {
    tx.execute("UPDATE project_stage_steps SET active = 0 WHERE report_id = $1", vec![report.into()]).await?;
    Ok(())
}

async fn fetch_report(tx: &mut WriteTx, id: i64) -> Result<StoredProjectReport> {
    let sql = format!("{SELECT_REPORT} WHERE id = $1");
    let row = sqlx::query(&sql).bind(id).fetch_optional(&mut *tx.tx).await?;
    row.as_ref().map(report_from_row).transpose()?.ok_or_else(|| StoreError::not_found("project report", id))
}

const PROBLEM_COLUMNS: &str = "id, project_id, kind, description, owner, raised_on, solved_on";

fn problem_from_row(row: &AnyRow) -> Result<StoredProblem> {
    Ok(StoredProblem {
        id: row.try_get("id")?,
        project_id: row.try_get("project_id")?,
        problem: ProjectProblem {
            kind: ProblemKind::parse(&row.try_get::<String, _>("kind")?),
            description: row.try_get("description")?,
            owner: row.try_get("owner")?,
            raised_on: parse_date("problem date", Some(row.try_get("raised_on")?))?.unwrap_or_default(),
            solved_on: parse_date("problem date", row.try_get("solved_on")?)?,
        },
    })
}

impl Store {
    /// Files monthly reports (one transaction); returns their ids in order.
    /// A report that names a stage records that step, dated by the report.
    pub async fn add_project_reports(&self, actor: &str, reports: Vec<NewProjectReport>) -> Result<Vec<i64>> {
        let counts_on_filing = self.review_policy().await? == ReviewPolicy::Filed;
        let mut tx = WriteTx::begin(&self.pool, actor).await?;
        let rows = reports.into_iter().map(|report| ReportRow { report, origin: "report", supersedes: None }).collect();
        let ids = insert_reports(&mut tx, rows, false, counts_on_filing).await?;
        tx.commit().await?;
        Ok(ids)
    }

    /// Files a correction of report `id`: a new version that supersedes it
    /// (its stage step, if any, gives way to the correction's).
    pub async fn correct_project_report(&self, actor: &str, id: i64, correction: NewProjectReport) -> Result<i64> {
        let counts_on_filing = self.review_policy().await? == ReviewPolicy::Filed;
        let mut tx = WriteTx::begin(&self.pool, actor).await?;
        let old = fetch_report(&mut tx, id).await?;
        if let Some(newer) = old.superseded_by {
            return Err(StoreError::invalid(format!("project report {id} was already corrected by report {newer}")));
        }
        if old.project_id != correction.project_id {
            return Err(StoreError::invalid("a correction must be about the same project"));
        }
        let row = ReportRow { report: correction, origin: "report", supersedes: Some((id, old.version)) };
        let ids = insert_reports(&mut tx, vec![row], false, counts_on_filing).await?;
        tx.commit().await?;
        Ok(ids[0])
    }

    /// Accepts or returns a monthly report (审核). A returned report no
    /// longer counts, and neither does the stage step it claimed.
    pub async fn review_project_report(&self, actor: &str, id: i64, review: Review) -> Result<()> {
        let mut tx = WriteTx::begin(&self.pool, actor).await?;
        let old = fetch_report(&mut tx, id).await?;
        let (state, reason) = record_review(&mut tx, "project_reports", id, &review).await?;
        if state == "returned" {
            deactivate_steps(&mut tx, id).await?;
            refresh_stage_dates(&mut tx, [old.project_id]).await?;
        } else if old.superseded_by.is_none() {
            // Accepted (perhaps after a return): its stage step counts.
            tx.execute("UPDATE project_stage_steps SET active = 1 WHERE report_id = $1", vec![id.into()]).await?;
            refresh_stage_dates(&mut tx, [old.project_id]).await?;
        }
        let after = serde_json::json!({ "state": state, "reason": reason });
        tx.audit("review", "project_report", Some(id), Some(&old.review), Some(&after)).await?;
        tx.commit().await
    }

    /// Every report of a project, corrections included, oldest first.
    pub async fn project_reports(&self, project_id: i64) -> Result<Vec<StoredProjectReport>> {
        let sql = format!("{SELECT_REPORT} WHERE project_id = $1 ORDER BY as_of, id");
        sqlx::query(&sql).bind(project_id).fetch_all(&self.pool).await?.iter().map(report_from_row).collect()
    }

    /// Reports awaiting review (待审核), oldest first, corrected ones excluded.
    pub async fn project_reports_to_review(&self) -> Result<Vec<StoredProjectReport>> {
        let sql = format!("{SELECT_REPORT} WHERE review_state = 'submitted' AND superseded_by IS NULL ORDER BY id");
        sqlx::query(&sql).fetch_all(&self.pool).await?.iter().map(report_from_row).collect()
    }

    /// Records a 要素保障 problem; returns its id.
    pub async fn add_project_problem(&self, actor: &str, new: NewProjectProblem) -> Result<i64> {
        let mut tx = WriteTx::begin(&self.pool, actor).await?;
        ensure_projects_exist(&mut tx, &HashSet::from([new.project_id])).await?;
        let id = tx.next_id("project_problems").await?;
        let p = &new.problem;
        tx.execute(
            "INSERT INTO project_problems (id, project_id, kind, description, owner, raised_on, solved_on, created_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            vec![
                id.into(),
                new.project_id.into(),
                p.kind.name().into(),
                p.description.clone().into(),
                p.owner.clone().into(),
                iso(p.raised_on).into(),
                p.solved_on.map(iso).into(),
                tx.actor().to_string().into(),
                tx.now.clone().into(),
            ],
        )
        .await?;
        tx.audit("create", "project_problem", Some(id), NOTHING, Some(p)).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Marks a problem solved on `date`.
    pub async fn solve_project_problem(&self, actor: &str, id: i64, date: NaiveDate) -> Result<()> {
        let mut tx = WriteTx::begin(&self.pool, actor).await?;
        let sql = format!("SELECT {PROBLEM_COLUMNS} FROM project_problems WHERE id = $1");
        let row = sqlx::query(&sql).bind(id).fetch_optional(&mut *tx.tx).await?;
        let before = row.as_ref().map(problem_from_row).transpose()?.ok_or_else(|| StoreError::not_found("project problem", id))?;
        tx.execute("UPDATE project_problems SET solved_on = $2 WHERE id = $1", vec![id.into(), iso(date).into()]).await?;
        let after = ProjectProblem { solved_on: Some(date), ..before.problem.clone() };
        tx.audit("solve", "project_problem", Some(id), Some(&before.problem), Some(&after)).await?;
        tx.commit().await
    }

    /// The problems of a project, oldest first.
    pub async fn project_problems(&self, project_id: i64) -> Result<Vec<StoredProblem>> {
        let sql = format!("SELECT {PROBLEM_COLUMNS} FROM project_problems WHERE project_id = $1 ORDER BY raised_on, id");
        sqlx::query(&sql).bind(project_id).fetch_all(&self.pool).await?.iter().map(problem_from_row).collect()
    }
}
