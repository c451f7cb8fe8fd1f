//! Store rows into luoshi-report's view models: one document's tasks
//! judged as of a date. Shared by the CLI (`luoshi report`, `luoshi export`)
//! and the web app (督查通报 and 导出 pages, `/api/v1/documents/{id}/report`).

use anyhow::{Result, bail};
use chrono::{Months, NaiveDate};
use luoshi_ledger::{ProgressReport, ReviewState, Status};
use luoshi_report::{HalfYearCheck, HalfYearShortfall, LatestReport, NonReportingUnit, TargetView, TaskView};
use luoshi_store::{LedgerTask, Store, StoredReport, TaskFilter};
use std::collections::HashMap;

/// A document's tasks as view models, judged as of a date.
pub struct DocumentData {
    pub title: String,
    pub tasks: Vec<TaskView>,
    /// Present once the 双过半 checkpoint of the document's targets has passed.
    pub half_year: Option<HalfYearCheck>,
}

pub async fn load_document(store: &Store, document: i64, as_of: NaiveDate) -> Result<DocumentData> {
    let Some(doc) = store.document(document).await? else {
        bail!("no document {document} in the ledger (see `luoshi documents`)");
    };
    let filter = TaskFilter { document: Some(document), ..Default::default() };
    let ledger: HashMap<i64, LedgerTask> = store.ledger(&filter).await?.into_iter().map(|t| (t.id, t)).collect();
    let table = store.status(&filter, as_of).await?;
    let mut tasks = Vec::with_capacity(table.tasks.len());
    let mut judged = 0;
    let mut failing = Vec::new();
    for (index, status) in table.tasks.iter().enumerate() {
        let row = ledger.get(&status.id);
        let reports = store.task_reports(status.id).await?;
        let lead: Vec<String> = match row {
            Some(t) => t.units.iter().filter(|u| u.lead).map(|u| u.name.clone()).collect(),
            None => status.units.iter().take(1).cloned().collect(),
        };
        let co: Vec<String> = match row {
            Some(t) => t.units.iter().filter(|u| !u.lead).map(|u| u.name.clone()).collect(),
            None => status.units.iter().skip(1).cloned().collect(),
        };
        let targets: Vec<TargetView> = status
            .targets
            .iter()
            .map(|t| {
                let source = row.and_then(|r| r.targets.iter().find(|lt| lt.id == t.id));
                TargetView {
                    id: t.id,
                    description: source
                        .map(|s| format!("{}{}", t.metric, s.source_text))
                        .unwrap_or_else(|| format!("{}{}{}", t.metric, t.value, t.unit)),
                    metric: t.metric.clone(),
                    value: t.value,
                    unit: t.unit.clone(),
                    deadline: Some(t.deadline),
                    actual: t.actual,
                    work_progress: t.work_progress,
                    time_progress: Some(t.time_progress),
                    status: Some(t.status),
                }
            })
            .collect();
        let number = (index + 1).to_string();
        if !targets.is_empty() && in_half_year_quarter(status.double_half.checkpoint, as_of) {
            judged += 1;
            if !status.double_half.passed {
                failing.push(HalfYearShortfall {
                    number: number.clone(),
                    title: status.title.clone(),
                    lead_unit: lead.first().cloned().unwrap_or_default(),
                    work_progress: worst_progress(&targets),
                });
            }
        }
        tasks.push(TaskView {
            id: status.id,
            number,
            section: status.section_path.first().cloned(),
            title: status.title.clone(),
            text: row.map(|r| r.text.clone()).unwrap_or_default(),
            lead_units: lead,
            co_units: co,
            deadline: Some(status.deadline),
            deadline_text: None,
            status: status.status,
            light: status.light,
            latest: latest(&reports, as_of),
            targets,
        });
    }
    let half_year = (judged > 0).then(|| HalfYearCheck { judged, passed: judged - failing.len(), failing });
    let title = doc.title.clone().unwrap_or_else(|| doc.source.clone());
    Ok(DocumentData { title, tasks, half_year })
}

/// 双过半 is reported in the quarter that starts at its checkpoint (the
/// 二季度 report of a calendar-year plan), not in every report after it.
fn in_half_year_quarter(checkpoint: NaiveDate, as_of: NaiveDate) -> bool {
    let quarter_end = checkpoint.checked_add_months(Months::new(3)).unwrap_or(NaiveDate::MAX);
    checkpoint <= as_of && as_of < quarter_end
}

/// The least work progress among a task's targets (0 when none reported).
fn worst_progress(targets: &[TargetView]) -> f64 {
    let worst = targets.iter().map(|t| t.work_progress.unwrap_or(0.0)).fold(f64::INFINITY, f64::min);
    if worst.is_finite() { worst.clamp(0.0, 1.0) } else { 0.0 }
}

/// The newest report in force on `as_of`: not returned, not superseded.
fn latest(reports: &[StoredReport], as_of: NaiveDate) -> Option<LatestReport> {
    reports
        .iter()
        .map(|r| &r.report)
        .filter(|r: &&ProgressReport| r.as_of <= as_of && !matches!(r.review, ReviewState::Returned { .. }))
        .filter(|r| !reports.iter().any(|other| other.report.supersedes == Some(r.id)))
        .max_by_key(|r| (r.as_of, r.version, r.id))
        .map(|r| LatestReport {
            as_of: r.as_of,
            narrative: r.narrative.clone(),
            problems: r.problems.clone(),
            next_steps: r.next_steps.clone(),
        })
}

/// 未报送: the lead units of tasks judged not reported, in the order of
/// their first such task.
pub fn non_reporting(tasks: &[TaskView]) -> Vec<NonReportingUnit> {
    let mut units: Vec<NonReportingUnit> = Vec::new();
    for task in tasks.iter().filter(|t| t.status == Status::NotReported) {
        let unit = task.lead_units.first().cloned().unwrap_or_else(|| "未明确牵头单位".into());
        let line = format!("{} {}", task.number, task.title);
        match units.iter_mut().find(|u| u.unit == unit) {
            Some(entry) => entry.tasks.push(line),
            None => units.push(NonReportingUnit { unit, tasks: vec![line] }),
        }
    }
    units
}
