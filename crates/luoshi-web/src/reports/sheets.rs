//! A filled-in progress sheet uploaded back: all or nothing, every bad row
//! listed, rows already filed recognised (uploading twice files nothing new).

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::sync::Arc;

use luoshi_ledger::{Action, ReviewState};
use luoshi_report::xlsx::{KnownTarget, KnownTasks, ProgressImportError, ProgressRecord, import_progress};
use luoshi_store::{LedgerTask, NewReport, Store, StoredReport, TaskFilter};
use serde::Serialize;
use utoipa::ToSchema;

use crate::auth::CurrentUser;
use crate::error::WebError;
use crate::state::AppState;

/// One bad row of an uploaded sheet.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RowError {
    /// Excel row number (1-based).
    pub row: u32,
    /// Column letter ("J").
    pub column: String,
    /// The column's header ("实际完成值").
    pub header: String,
    pub message: String,
}

/// What an accepted upload did.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ProgressImported {
    /// Filled-in rows read.
    pub read: usize,
    /// New reports filed.
    pub filed: usize,
    /// Rows identical to a report already filed.
    pub already_reported: usize,
}

/// Why an upload filed nothing.
#[derive(Debug)]
pub enum Rejected {
    /// Bad rows (cells, or tasks the user may not report on).
    Rows(Vec<RowError>),
    /// Not a progress sheet, or the user may not upload one at all.
    Other(WebError),
}

impl<E: Into<WebError>> From<E> for Rejected {
    fn from(err: E) -> Self {
        Rejected::Other(err.into())
    }
}

/// The column of 任务编号 in the exported sheet: rights errors point at it.
const TASK_ID_COLUMN: (&str, &str) = ("A", "任务编号");

/// Read `bytes` as a filled-in progress sheet and file its rows as reports by
/// `user`, in one transaction; a row about a task the user may not report on
/// (another unit's) is a row error and nothing is filed.
pub async fn file_progress_sheet(state: &Arc<AppState>, user: &CurrentUser, bytes: &[u8]) -> Result<ProgressImported, Rejected> {
    if !crate::reports::may_fill_progress(user) {
        return Err(Rejected::Other(WebError::Forbidden));
    }
    if bytes.is_empty() {
        return Err(Rejected::Other(WebError::bad("请选择填好的进展填报表（.xlsx）")));
    }
    let ledger = state.store.ledger(&TaskFilter::default()).await.map_err(anyhow::Error::from)?;
    let known = known_tasks(&ledger);
    let mut units_of: HashMap<i64, Vec<String>> = HashMap::new();
    for task in &ledger {
        let leads = task.units.iter().filter(|u| u.lead);
        let cos = task.units.iter().filter(|u| !u.lead);
        units_of.insert(task.id, leads.chain(cos).map(|u| u.name.clone()).collect());
    }
    let records = match import_progress(bytes, &known) {
        Ok(records) => records,
        Err(ProgressImportError::Rows(errors)) => {
            return Err(Rejected::Rows(
                errors.into_iter().map(|e| RowError { row: e.row, column: e.column, header: e.header, message: e.message }).collect(),
            ));
        }
        Err(other) => return Err(Rejected::Other(WebError::bad(format!("无法读取进展填报表：{other}")))),
    };
    let forbidden: Vec<RowError> = records
        .iter()
        .filter(|r| !user.may_on(Action::ReportProgress, units_of.get(&r.task_id).map(Vec::as_slice).unwrap_or(&[])))
        .map(|r| RowError {
            row: r.row,
            column: TASK_ID_COLUMN.0.into(),
            header: TASK_ID_COLUMN.1.into(),
            message: format!("任务{}不是本单位牵头的任务，无权填报", r.task_id),
        })
        .collect();
    if !forbidden.is_empty() {
        return Err(Rejected::Rows(forbidden));
    }
    let read = records.len();
    let reports = new_reports(&state.store, records).await?;
    if !reports.is_empty() {
        state.store.add_reports(user.actor(), &reports).await.map_err(crate::pages::task::store_error)?;
        state.invalidate().await;
    }
    Ok(ProgressImported { read, filed: reports.len(), already_reported: read - reports.len() })
}

/// The tasks and targets a progress sheet's ids may name.
pub fn known_tasks(ledger: &[LedgerTask]) -> KnownTasks {
    let mut known = KnownTasks::default();
    for task in ledger {
        known.insert(task.id, task.targets.iter().map(|t| KnownTarget { id: t.id, unit: t.unit.clone() }).collect());
    }
    known
}

/// The sheet's records that are not yet filed, as reports to file: a row
/// identical to a report in force was filed before, so importing the same
/// sheet twice adds nothing. Shared by the web upload and `luoshi import`.
pub async fn new_reports(store: &Store, records: Vec<ProgressRecord>) -> anyhow::Result<Vec<NewReport>> {
    let mut existing: HashMap<i64, Vec<StoredReport>> = HashMap::new();
    let mut fresh = Vec::new();
    for record in records {
        if let Entry::Vacant(slot) = existing.entry(record.task_id) {
            slot.insert(store.task_reports(record.task_id).await?);
        }
        if !already_reported(&existing[&record.task_id], &record) {
            fresh.push(NewReport {
                subject: record.subject,
                as_of: record.as_of,
                value: record.value,
                narrative: record.narrative,
                problems: record.problems,
                next_steps: record.next_steps,
            });
        }
    }
    Ok(fresh)
}

/// A row identical to a report in force (same subject, date, figure and
/// words) was filed before.
fn already_reported(reports: &[StoredReport], record: &ProgressRecord) -> bool {
    reports.iter().any(|stored| {
        let r = &stored.report;
        stored.superseded_by.is_none()
            && !matches!(r.review, ReviewState::Returned { .. })
            && r.subject == record.subject
            && r.as_of == record.as_of
            && r.value == record.value
            && r.narrative == record.narrative
            && r.problems == record.problems
            && r.next_steps == record.next_steps
    })
}
