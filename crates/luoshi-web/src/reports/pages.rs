//! 督查通报与报表: the page with the report, export and progress-upload
//! forms, and the routes those forms call.

use std::sync::Arc;

use askama::Template;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::header;
use axum::response::{Html, IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use serde::Deserialize;

use super::sheets::{Rejected, RowError, file_progress_sheet};
use super::{ReportFormat, Sheet, may_fill_progress, may_read_reports};
use crate::auth::{CurrentUser, PageUser};
use crate::chrome::{Chrome, Flash, flash_from_query};
use crate::error::{PageResult, WebError};
use crate::pages::import::{PreviewView, park, preview_view};
use crate::pages::{Choice, render, url_encode};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "reports.html")]
struct ReportsPage {
    chrome: Chrome,
    documents: Vec<Choice>,
    as_of: String,
    may_read: bool,
    may_fill: bool,
    may_import: bool,
    own_unit: Option<String>,
    errors: Vec<RowError>,
}

#[derive(Deserialize, Default)]
pub struct PageQuery {
    pub document: Option<i64>,
    pub ok: Option<String>,
    pub error: Option<String>,
}

async fn page(state: &Arc<AppState>, user: &CurrentUser, selected: Option<i64>, errors: Vec<RowError>, chrome: Chrome) -> PageResult<Html<String>> {
    let may_read = may_read_reports(user);
    let may_fill = may_fill_progress(user);
    let may_import = user.may_overall(luoshi_ledger::Action::ImportDocument);
    if !may_read && !may_fill {
        return Err(WebError::Forbidden.into());
    }
    let docs = state.store.documents().await.map_err(anyhow::Error::from)?;
    let newest = docs.iter().map(|d| d.id).max();
    let documents = docs
        .iter()
        .rev()
        .map(|d| {
            let title = d.title.clone().unwrap_or_else(|| d.source.clone());
            Choice::new(d.id, format!("{} · {title}", d.id), Some(d.id) == selected.or(newest))
        })
        .collect();
    let own_unit = if user.role == luoshi_ledger::Role::Unit { user.unit_name.clone() } else { None };
    let view = ReportsPage { chrome, documents, as_of: state.today().to_string(), may_read, may_fill, may_import, own_unit, errors };
    Ok(Html(render(&view)?))
}

pub async fn show(State(state): State<Arc<AppState>>, PageUser(user): PageUser, Query(query): Query<PageQuery>) -> PageResult<Html<String>> {
    let chrome = Chrome::new(&user, "/reports").with_flash(flash_from_query(query.ok, query.error));
    page(&state, &user, query.document, Vec::new(), chrome).await
}

#[derive(Deserialize)]
pub struct ReportForm {
    pub document: i64,
    /// Empty from a blank date field.
    #[serde(default)]
    pub as_of: String,
    #[serde(default)]
    pub format: ReportFormat,
    #[serde(default)]
    pub unit: Option<String>,
}

fn date(text: &str) -> Result<Option<NaiveDate>, WebError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map(Some).map_err(|_| WebError::bad(format!("日期「{text}」应为 YYYY-MM-DD")))
}

/// The 督查通报: HTML shown as a page, Markdown and .docx downloaded.
pub async fn document_report(State(state): State<Arc<AppState>>, PageUser(user): PageUser, Query(form): Query<ReportForm>) -> PageResult<Response> {
    let download = super::report(&state, &user, form.document, date(&form.as_of)?, form.format).await?;
    if form.format == ReportFormat::Html {
        let mut response = Html(download.bytes).into_response();
        response.headers_mut().insert(header::CONTENT_TYPE, header::HeaderValue::from_static("text/html; charset=utf-8"));
        return Ok(response);
    }
    Ok(download.into_response())
}

/// `ledger`, `status` or `progress` workbook.
pub async fn export(
    State(state): State<Arc<AppState>>,
    PageUser(user): PageUser,
    Path(sheet): Path<String>,
    Query(form): Query<ReportForm>,
) -> PageResult<Response> {
    let sheet = match sheet.as_str() {
        "ledger" => Sheet::Ledger,
        "status" => Sheet::Status,
        "progress" => Sheet::Progress,
        _ => return Err(WebError::NotFound("该报表").into()),
    };
    Ok(super::export(&state, &user, sheet, form.document, date(&form.as_of)?, form.unit).await?.into_response())
}

/// The filled-in progress sheet uploaded: filed and back to the page with a
/// message, or the page again with every bad row in a table.
pub async fn progress_upload(State(state): State<Arc<AppState>>, PageUser(user): PageUser, mut multipart: Multipart) -> PageResult<Response> {
    let mut csrf = String::new();
    let mut bytes = Vec::new();
    while let Some(field) = multipart.next_field().await.map_err(|e| WebError::bad(format!("上传失败：{e}")))? {
        match field.name().unwrap_or("") {
            "csrf" => csrf = field.text().await.map_err(|e| WebError::bad(e.to_string()))?,
            "file" => bytes = field.bytes().await.map_err(|e| WebError::bad(format!("上传失败：{e}")))?.to_vec(),
            _ => {}
        }
    }
    user.check_csrf(&csrf)?;
    match file_progress_sheet(&state, &user, &bytes).await {
        Ok(done) => {
            let message = format!("读取{}行，新报送{}条，已报送过{}条", done.read, done.filed, done.already_reported);
            Ok(Redirect::to(&format!("/reports?ok={}", url_encode(&message))).into_response())
        }
        Err(Rejected::Rows(rows)) => {
            let chrome = Chrome::new(&user, "/reports")
                .with_flash(flash_from_query(None, Some(format!("{}处错误，未导入任何数据", rows.len()))));
            Ok(page(&state, &user, None, rows, chrome).await?.into_response())
        }
        Err(Rejected::Other(err)) => Err(err.into()),
    }
}

#[derive(Template)]
#[template(path = "import_preview.html")]
struct LedgerPreviewPage {
    chrome: Chrome,
    view: PreviewView,
}

/// The 分工方案 workbook uploaded: the same preview as an uploaded plan,
/// saved through `/import/save`.
pub async fn ledger_preview(State(state): State<Arc<AppState>>, PageUser(user): PageUser, mut multipart: Multipart) -> PageResult<Response> {
    let mut csrf = String::new();
    let mut year: Option<i32> = None;
    let mut file: Option<(String, Vec<u8>)> = None;
    while let Some(field) = multipart.next_field().await.map_err(|e| WebError::bad(format!("上传失败：{e}")))? {
        match field.name().unwrap_or("") {
            "csrf" => csrf = field.text().await.map_err(|e| WebError::bad(e.to_string()))?,
            "year" => year = field.text().await.ok().and_then(|t| t.trim().parse().ok()),
            "file" => {
                let name = field.file_name().unwrap_or("分工方案.xlsx").to_string();
                file = Some((name, field.bytes().await.map_err(|e| WebError::bad(format!("上传失败：{e}")))?.to_vec()));
            }
            _ => {}
        }
    }
    user.check_csrf(&csrf)?;
    user.require(luoshi_ledger::Action::ImportDocument)?;
    let (name, bytes) = file.unwrap_or_default();
    let upload = super::ledger_sheet::read_ledger_sheet(&name, &bytes, year)?;
    let view = preview_view(&upload.parsed, &name);
    let skipped: Vec<String> = upload.skipped.iter().map(|s| format!("第{}行：{}", s.row, s.reason)).collect();
    let pending = park(&state, &user, upload.parsed);
    let flash = (!skipped.is_empty()).then(|| Flash { kind: "error", text: format!("以下行未读取：{}", skipped.join("；")) });
    let chrome = Chrome::new(&user, "/import").with_flash(flash);
    Ok(Html(render(&LedgerPreviewPage { chrome, view: PreviewView { pending, ..view } })?).into_response())
}

