//! 督查通报 and Excel sheets from the web: the report of a document as of a
//! date (HTML in the page, Markdown or .docx to download), the 分工方案 and
//! 考评 workbooks, a unit's progress sheet, and the progress sheet filled in
//! and uploaded back. The pages ([`pages`]) and the API ([`api`]) call the
//! same functions here, so they answer the same and check the same rights.
//!
//! Rights (TRACKING.md): the 督查通报 and the ledger/status workbooks need
//! `WriteReport` (督查室, admin) or `ReadDashboards` (分管领导; a leader tied
//! to a unit gets that unit's tasks only). The progress sheet is for those
//! who file reports: a unit reporter gets only the tasks their unit leads,
//! and on upload every row about another unit's task is a per-row error.

pub mod api;
pub mod data;
pub mod ledger_sheet;
pub mod pages;
pub mod sheets;

use std::sync::Arc;

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use luoshi_ledger::{Action, Role};
use luoshi_report::SupervisionReportInput;
use luoshi_report::supervision::{render_docx, render_html, render_markdown};
use luoshi_report::xlsx::{ProgressSheet, ledger_workbook, progress_workbook, status_workbook};

use crate::auth::CurrentUser;
use crate::error::WebError;
use crate::pages::url_encode;
use crate::state::AppState;
use data::{DocumentData, load_document, non_reporting};

pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
pub const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/// 督查通报 formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, utoipa::ToSchema, Default)]
#[serde(rename_all = "lowercase")]
pub enum ReportFormat {
    #[default]
    Html,
    Md,
    Docx,
}

/// The workbooks one can download.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sheet {
    /// 分工方案 with latest progress and lights.
    Ledger,
    /// 考评: the status table by unit.
    Status,
    /// 进展填报: one row per target, for a unit to fill in.
    Progress,
}

/// A file to send: bytes, content type, and the name offered to save it as.
pub struct Download {
    pub filename: String,
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
}

impl IntoResponse for Download {
    fn into_response(self) -> Response {
        // An ASCII fallback name, and the Chinese one per RFC 5987.
        let ascii: String = self.filename.chars().map(|c| if c.is_ascii_alphanumeric() || ".-_".contains(c) { c } else { '_' }).collect();
        let disposition = format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{}", url_encode(&self.filename));
        let mut response = self.bytes.into_response();
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(self.content_type));
        if let Ok(value) = HeaderValue::from_str(&disposition) {
            headers.insert(header::CONTENT_DISPOSITION, value);
        }
        response
    }
}

/// Whether the user may read 督查通报 and the ledger/status workbooks.
pub fn may_read_reports(user: &CurrentUser) -> bool {
    user.may_overall(Action::WriteReport) || user.may_overall(Action::ReadDashboards)
}

/// Whether the user may download a progress sheet (and so file one).
pub fn may_fill_progress(user: &CurrentUser) -> bool {
    user.may_overall(Action::WriteReport) || (user.role == Role::Unit && user.unit_name.is_some())
}

/// A document's data as this user may see it: a leader tied to a unit gets
/// the tasks naming that unit only (and the 双过半 lines of those tasks).
pub async fn document_for(state: &Arc<AppState>, user: &CurrentUser, document: i64, as_of: NaiveDate) -> Result<DocumentData, WebError> {
    if state.store.document(document).await.map_err(anyhow::Error::from)?.is_none() {
        return Err(WebError::NotFound("该文件"));
    }
    let mut data = load_document(&state.store, document, as_of).await?;
    if user.role == Role::Leader && user.unit_name.is_some() {
        data.tasks.retain(|t| {
            let units: Vec<String> = t.lead_units.iter().chain(&t.co_units).cloned().collect();
            user.may_on(Action::ViewTask, &units)
        });
        if let Some(check) = data.half_year.as_mut() {
            check.failing.retain(|f| data.tasks.iter().any(|t| t.number == f.number));
            check.judged = data.tasks.iter().filter(|t| !t.targets.is_empty()).count().max(check.failing.len());
            check.passed = check.judged - check.failing.len();
        }
    }
    Ok(data)
}

/// The 督查通报 of a document as of a date.
pub async fn report(state: &Arc<AppState>, user: &CurrentUser, document: i64, as_of: Option<NaiveDate>, format: ReportFormat) -> Result<Download, WebError> {
    if !may_read_reports(user) {
        return Err(WebError::Forbidden);
    }
    let as_of = as_of.unwrap_or_else(|| state.today());
    let data = document_for(state, user, document, as_of).await?;
    let input = SupervisionReportInput {
        document_title: data.title.clone(),
        issuer: "督查室".into(),
        addressees: None,
        as_of,
        issued_on: state.today().max(as_of),
        non_reporting: non_reporting(&data.tasks),
        half_year: data.half_year.clone(),
        tasks: data.tasks,
        requirements: Vec::new(),
    };
    let stem = format!("{}督查通报（截至{as_of}）", input.document_title);
    Ok(match format {
        ReportFormat::Html => Download { filename: format!("{stem}.html"), content_type: "text/html; charset=utf-8", bytes: render_html(&input).into_bytes() },
        ReportFormat::Md => Download { filename: format!("{stem}.md"), content_type: "text/markdown; charset=utf-8", bytes: render_markdown(&input).into_bytes() },
        ReportFormat::Docx => Download { filename: format!("{stem}.docx"), content_type: DOCX, bytes: render_docx(&input).map_err(anyhow::Error::from)? },
    })
}

/// A workbook of a document as of a date. For the progress sheet a unit
/// reporter always gets their own unit; the office may name a unit or not.
pub async fn export(
    state: &Arc<AppState>,
    user: &CurrentUser,
    sheet: Sheet,
    document: i64,
    as_of: Option<NaiveDate>,
    unit: Option<String>,
) -> Result<Download, WebError> {
    let allowed = match sheet {
        Sheet::Ledger | Sheet::Status => may_read_reports(user),
        Sheet::Progress => may_fill_progress(user),
    };
    if !allowed {
        return Err(WebError::Forbidden);
    }
    let as_of = as_of.unwrap_or_else(|| state.today());
    let data = document_for(state, user, document, as_of).await?;
    let (name, bytes) = match sheet {
        Sheet::Ledger => ("分工方案", ledger_workbook(&data.title, as_of, &data.tasks)),
        Sheet::Status => ("考评表", status_workbook(&data.title, as_of, &data.tasks)),
        Sheet::Progress => {
            let unit = if user.role == Role::Unit { user.unit_name.clone() } else { unit.filter(|u| !u.trim().is_empty()) };
            let bytes = progress_workbook(&ProgressSheet { document_title: &data.title, as_of, unit: unit.as_deref(), tasks: &data.tasks });
            ("进展填报表", bytes)
        }
    };
    let bytes = bytes.map_err(anyhow::Error::from)?;
    Ok(Download { filename: format!("{}{name}（截至{as_of}）.xlsx", data.title), content_type: XLSX, bytes })
}
