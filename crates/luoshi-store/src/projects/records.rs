//! The project records: idempotent upsert (by hand or from a sheet) and reads.

use super::reports::{ReportRow, insert_reports};
use super::rows::{STAGE_COLUMNS, refresh_stage_dates, stage_dates};
use crate::error::{Result, StoreError};
use crate::time::iso;
use crate::write::{Param, WriteTx, bind_all};
use crate::Store;
use luoshi_ledger::projects::{ProjectDraft, ProjectFilter, Stage, StageDates};
use serde::Serialize;
use sqlx::Row;
use sqlx::any::AnyRow;
use std::collections::{HashMap, HashSet};

/// A stored key project. Investments in 万元.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredProject {
    pub id: i64,
    pub name: String,
    pub code: Option<String>,
    pub enterprise: String,
    pub county: String,
    pub industry_chain: String,
    pub kind: String,
    pub content: String,
    pub total_investment: Option<f64>,
    pub annual_planned_investment: Option<f64>,
    pub plan_year: Option<i32>,
    pub responsible_unit: String,
    pub responsible_leader: String,
    /// The first date of each stage among its active steps.
    pub stages: StageDates,
    /// The file it was last imported from, if any.
    pub source: Option<String>,
}

/// What an import did, project by project.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ProjectImportOutcome {
    pub created: Vec<i64>,
    pub updated: Vec<i64>,
    pub unchanged: Vec<i64>,
    /// Monthly figures taken from the sheet (1-N月完成投资) as reports.
    pub reports: usize,
}

/// The key that makes imports idempotent: the office's project number when
/// it has one, else the name within its county (whitespace ignored).
pub fn project_identity(draft: &ProjectDraft) -> String {
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    match draft.code.as_deref().map(squeeze).filter(|c| !c.is_empty()) {
        Some(code) => format!("code:{code}"),
        None => format!("name:{}|{}", squeeze(&draft.name), squeeze(&draft.county)),
    }
}

pub(crate) const PROJECT_COLUMNS: &str = "id, name, code, enterprise, county, industry_chain, kind, content, \
     total_investment, annual_planned_investment, plan_year, responsible_unit, responsible_leader, \
     signed_on, started_on, producing_on, effective_on, source";

pub(crate) fn project_from_row(row: &AnyRow) -> Result<StoredProject> {
    Ok(StoredProject {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        code: row.try_get("code")?,
        enterprise: row.try_get("enterprise")?,
        county: row.try_get("county")?,
        industry_chain: row.try_get("industry_chain")?,
        kind: row.try_get("kind")?,
        content: row.try_get("content")?,
        total_investment: row.try_get("total_investment")?,
        annual_planned_investment: row.try_get("annual_planned_investment")?,
        plan_year: row.try_get::<Option<i64>, _>("plan_year")?.map(|y| y as i32),
        responsible_unit: row.try_get("responsible_unit")?,
        responsible_leader: row.try_get("responsible_leader")?,
        stages: stage_dates(row)?,
        source: row.try_get("source")?,
    })
}

/// The descriptive fields of a project, for comparing and auditing.
#[derive(Debug, Clone, PartialEq, Serialize)]
struct Fields {
    name: String,
    code: Option<String>,
    enterprise: String,
    county: String,
    industry_chain: String,
    kind: String,
    content: String,
    total_investment: Option<f64>,
    annual_planned_investment: Option<f64>,
    plan_year: Option<i32>,
    responsible_unit: String,
    responsible_leader: String,
}

impl Fields {
    fn of_draft(d: &ProjectDraft) -> Fields {
        let t = |s: &str| s.trim().to_string();
        Fields {
            name: t(&d.name),
            code: d.code.as_deref().map(t).filter(|c| !c.is_empty()),
            enterprise: t(&d.enterprise),
            county: t(&d.county),
            industry_chain: t(&d.industry_chain),
            kind: t(&d.kind),
            content: t(&d.content),
            total_investment: d.total_investment,
            annual_planned_investment: d.annual_planned_investment,
            plan_year: d.plan_year,
            responsible_unit: t(&d.responsible_unit),
            responsible_leader: t(&d.responsible_leader),
        }
    }

    fn of_stored(p: &StoredProject) -> Fields {
        Fields {
            name: p.name.clone(),
            code: p.code.clone(),
            enterprise: p.enterprise.clone(),
            county: p.county.clone(),
            industry_chain: p.industry_chain.clone(),
            kind: p.kind.clone(),
            content: p.content.clone(),
            total_investment: p.total_investment,
            annual_planned_investment: p.annual_planned_investment,
            plan_year: p.plan_year,
            responsible_unit: p.responsible_unit.clone(),
            responsible_leader: p.responsible_leader.clone(),
        }
    }

    fn params(&self) -> Vec<Param> {
        vec![
            self.name.clone().into(),
            self.code.clone().into(),
            self.enterprise.clone().into(),
            self.county.clone().into(),
            self.industry_chain.clone().into(),
            self.kind.clone().into(),
            self.content.clone().into(),
            self.total_investment.into(),
            self.annual_planned_investment.into(),
            self.plan_year.map(i64::from).into(),
            self.responsible_unit.clone().into(),
            self.responsible_leader.clone().into(),
        ]
    }
}

const FIELD_COLUMNS: [&str; 12] = [
    "name",
    "code",
    "enterprise",
    "county",
    "industry_chain",
    "kind",
    "content",
    "total_investment",
    "annual_planned_investment",
    "plan_year",
    "responsible_unit",
    "responsible_leader",
];

fn check(draft: &ProjectDraft) -> Result<()> {
    if draft.name.trim().is_empty() {
        return Err(StoreError::invalid("a project needs a name (项目名称)"));
    }
    let numbers = [draft.total_investment, draft.annual_planned_investment, draft.completed_investment.map(|(_, v)| v)];
    if numbers.into_iter().flatten().any(|v| !v.is_finite() || v < 0.0) {
        return Err(StoreError::invalid(format!("project 「{}」: investments must be non-negative numbers", draft.name)));
    }
    Ok(())
}

impl Store {
    /// Adds or updates projects, matched by [`project_identity`]: a project
    /// already stored gets the draft's fields (audited when they change),
    /// new stage dates as steps (origin `import`) and, when the draft carries
    /// a year-to-date figure, a report for that date (a correction when the
    /// figure differs from the one stored). Importing the same sheet twice
    /// changes nothing. One transaction.
    pub async fn upsert_projects(&self, actor: &str, drafts: &[ProjectDraft], source: Option<&str>) -> Result<ProjectImportOutcome> {
        for draft in drafts {
            check(draft)?;
        }
        let mut tx = WriteTx::begin(&self.pool, actor).await?;
        let mut known: HashMap<String, i64> = HashMap::new();
        for row in sqlx::query("SELECT identity, id FROM projects").fetch_all(&mut *tx.tx).await? {
            known.insert(row.try_get(0)?, row.try_get(1)?);
        }
        let mut outcome = ProjectImportOutcome::default();
        let mut new_rows = Vec::new();
        let mut step_rows = Vec::new();
        let mut audit_rows = Vec::new();
        let mut touched: HashSet<i64> = HashSet::new();
        let mut report_rows: Vec<ReportRow> = Vec::new();
        let mut seen_in_batch: HashMap<String, i64> = HashMap::new();
        let evidence = format!("项目表 {}", source.unwrap_or("(手工录入)"));
        for draft in drafts {
            let identity = project_identity(draft);
            let fields = Fields::of_draft(draft);
            let existing = known.get(&identity).copied().or_else(|| seen_in_batch.get(&identity).copied());
            let id = match existing {
                Some(id) if seen_in_batch.contains_key(&identity) => {
                    return Err(StoreError::invalid(format!(
                        "project 「{}」 ({}) appears twice in one import (as project {id})",
                        draft.name, draft.county
                    )));
                }
                Some(id) => {
                    let stored = fetch_project(&mut tx, id).await?;
                    let before = Fields::of_stored(&stored);
                    if before != fields {
                        let sets: Vec<String> =
                            FIELD_COLUMNS.iter().enumerate().map(|(i, c)| format!("{c} = ${}", i + 2)).collect();
                        let sql = format!(
                            "UPDATE projects SET {}, source = ${}, updated_at = ${} WHERE id = $1",
                            sets.join(", "),
                            FIELD_COLUMNS.len() + 2,
                            FIELD_COLUMNS.len() + 3
                        );
                        let mut params = vec![Param::from(id)];
                        params.extend(fields.params());
                        params.push(source.into());
                        params.push(tx.now.clone().into());
                        tx.execute(&sql, params).await?;
                        tx.audit("update", "project", Some(id), Some(&before), Some(&fields)).await?;
                        outcome.updated.push(id);
                    } else {
                        outcome.unchanged.push(id);
                    }
                    for stage in Stage::ALL {
                        if let Some(date) = draft.stages.get(stage)
                            && stored.stages.get(stage) != Some(date)
                        {
                            let step = imported_step(id, stage, date, &evidence);
                            step_rows.push(step_row(&mut tx, step).await?);
                            touched.insert(id);
                        }
                    }
                    id
                }
                None => {
                    let id = tx.next_id("projects").await?;
                    let mut row = vec![Param::from(id), identity.clone().into()];
                    row.extend(fields.params());
                    for (stage, _) in STAGE_COLUMNS {
                        let date = draft.stages.get(stage);
                        row.push(date.map(iso).into());
                        if let Some(date) = date {
                            let step = imported_step(id, stage, date, &evidence);
                            step_rows.push(step_row(&mut tx, step).await?);
                        }
                    }
                    row.extend([source.into(), tx.now.clone().into(), tx.now.clone().into()]);
                    new_rows.push(row);
                    audit_rows.push((id, serde_json::to_string(&fields)?));
                    outcome.created.push(id);
                    id
                }
            };
            seen_in_batch.insert(identity, id);
            if let Some((as_of, value)) = draft.completed_investment {
                report_rows.push(ReportRow::from_sheet(id, as_of, value, &evidence));
            }
        }
        let mut columns = vec!["id", "identity"];
        columns.extend(FIELD_COLUMNS);
        columns.extend(STAGE_COLUMNS.iter().map(|(_, c)| *c));
        columns.extend(["source", "created_at", "updated_at"]);
        tx.insert_rows("projects", &columns, new_rows).await?;
        insert_steps(&mut tx, step_rows).await?;
        insert_audit_rows(&mut tx, "create", "project", audit_rows).await?;
        refresh_stage_dates(&mut tx, touched).await?;
        outcome.reports = insert_reports(&mut tx, report_rows, true, true).await?.len();
        tx.commit().await?;
        Ok(outcome)
    }

    /// The projects that `filter` selects, by id.
    pub async fn projects(&self, filter: &ProjectFilter) -> Result<Vec<StoredProject>> {
        let (condition, params) = filter_sql(filter, "p");
        let sql = format!("SELECT {PROJECT_COLUMNS} FROM projects p WHERE {condition} ORDER BY id");
        let rows = bind_all(sqlx::query(&sql), params).fetch_all(&self.pool).await?;
        rows.iter().map(project_from_row).collect()
    }

    /// One project.
    pub async fn project(&self, id: i64) -> Result<StoredProject> {
        let sql = format!("SELECT {PROJECT_COLUMNS} FROM projects WHERE id = $1");
        let row = sqlx::query(&sql).bind(id).fetch_optional(&self.pool).await?;
        row.as_ref().map(project_from_row).transpose()?.ok_or_else(|| StoreError::not_found("project", id))
    }
}

/// A `WHERE` condition on projects aliased `alias`, and its parameters.
pub(crate) fn filter_sql(filter: &ProjectFilter, alias: &str) -> (String, Vec<Param>) {
    let mut conditions = vec!["1 = 1".to_string()];
    let mut params = Vec::new();
    let fields = [
        ("kind", &filter.kind),
        ("county", &filter.county),
        ("responsible_unit", &filter.unit),
        ("industry_chain", &filter.industry_chain),
    ];
    for (column, value) in fields {
        if let Some(value) = value {
            params.push(Param::from(value.trim()));
            conditions.push(format!("{alias}.{column} = ${}", params.len()));
        }
    }
    if !filter.ids.is_empty() {
        // Ids are integers: inlined, so a long list needs no parameters.
        let ids: Vec<String> = filter.ids.iter().map(i64::to_string).collect();
        conditions.push(format!("{alias}.id IN ({})", ids.join(", ")));
    }
    (conditions.join(" AND "), params)
}

pub(crate) async fn fetch_project(tx: &mut WriteTx, id: i64) -> Result<StoredProject> {
    let sql = format!("SELECT {PROJECT_COLUMNS} FROM projects WHERE id = $1");
    let row = sqlx::query(&sql).bind(id).fetch_optional(&mut *tx.tx).await?;
    row.as_ref().map(project_from_row).transpose()?.ok_or_else(|| StoreError::not_found("project", id))
}

/// Evidence that a project reached a stage on a date.
pub(crate) struct StepEvidence<'a> {
    pub(crate) project: i64,
    pub(crate) stage: Stage,
    pub(crate) date: chrono::NaiveDate,
    pub(crate) evidence: &'a str,
    /// `import`, `report` or `manual`.
    pub(crate) origin: &'a str,
    pub(crate) report: Option<i64>,
    /// Whether the step counts now (a report's step may wait for acceptance).
    pub(crate) active: bool,
}

/// A step stated by a 项目表 (or a hand entry): counts at once.
fn imported_step(project: i64, stage: Stage, date: chrono::NaiveDate, evidence: &str) -> StepEvidence<'_> {
    StepEvidence { project, stage, date, evidence, origin: "import", report: None, active: true }
}

/// One `project_stage_steps` row.
pub(crate) async fn step_row(tx: &mut WriteTx, step: StepEvidence<'_>) -> Result<Vec<Param>> {
    let id = tx.next_id("project_stage_steps").await?;
    Ok(vec![
        id.into(),
        step.project.into(),
        step.stage.name().into(),
        iso(step.date).into(),
        step.evidence.into(),
        step.origin.into(),
        step.report.into(),
        step.active.into(),
        tx.actor().to_string().into(),
        tx.now.clone().into(),
    ])
}

pub(crate) async fn insert_steps(tx: &mut WriteTx, rows: Vec<Vec<Param>>) -> Result<()> {
    const COLUMNS: [&str; 10] =
        ["id", "project_id", "stage", "reached_on", "evidence", "origin", "report_id", "active", "recorded_by", "recorded_at"];
    tx.insert_rows("project_stage_steps", &COLUMNS, rows).await
}

/// Audit entries for many new rows at once (`after` is JSON text).
pub(crate) async fn insert_audit_rows(tx: &mut WriteTx, action: &str, entity: &str, rows: Vec<(i64, String)>) -> Result<()> {
    let mut params = Vec::with_capacity(rows.len());
    for (entity_id, after) in rows {
        let id = tx.next_id("audit_log").await?;
        params.push(vec![
            id.into(),
            tx.now.clone().into(),
            tx.actor().to_string().into(),
            action.into(),
            entity.into(),
            entity_id.into(),
            Param::Text(None),
            after.into(),
        ]);
    }
    const COLUMNS: [&str; 8] = ["id", "at", "actor", "action", "entity", "entity_id", "before_json", "after_json"];
    tx.insert_rows("audit_log", &COLUMNS, params).await
}
