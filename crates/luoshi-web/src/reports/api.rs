//! `/api/v1` routes for the 督查通报, the workbooks and the progress upload.

use std::sync::Arc;

use axum::Json;
use axum::extract::{FromRequest, Multipart, Path, Query, Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::sheets::{ProgressImported, Rejected, RowError, file_progress_sheet};
use super::{ReportFormat, Sheet};
use crate::auth::ApiUser;
use crate::error::{ApiError, WebError};
use crate::pages::import::MAX_UPLOAD_BYTES;
use crate::state::AppState;

#[derive(Deserialize, IntoParams)]
pub struct ReportQuery {
    /// YYYY-MM-DD; the server's today when omitted.
    #[param(value_type = Option<String>, format = Date)]
    pub as_of: Option<NaiveDate>,
    /// `html` (default), `md` or `docx`.
    pub format: Option<String>,
}

fn parse_format(text: Option<&str>) -> Result<ReportFormat, WebError> {
    match text.unwrap_or("html") {
        "html" => Ok(ReportFormat::Html),
        "md" | "markdown" => Ok(ReportFormat::Md),
        "docx" => Ok(ReportFormat::Docx),
        other => Err(WebError::bad(format!("不支持的格式「{other}」：可选 html、md、docx"))),
    }
}

/// 督查通报 of a document as of a date (HTML, Markdown or .docx).
#[utoipa::path(get, path = "/api/v1/documents/{id}/report", tag = "reports",
    params(("id" = i64, Path, description = "document id"), ReportQuery),
    responses((status = 200, description = "the report (text/html, text/markdown or .docx)"), (status = 400, body = crate::api::ErrorBody),
        (status = 401, body = crate::api::ErrorBody), (status = 403, body = crate::api::ErrorBody), (status = 404, body = crate::api::ErrorBody)))]
pub async fn document_report(
    State(state): State<Arc<AppState>>,
    ApiUser(user): ApiUser,
    Path(id): Path<i64>,
    Query(query): Query<ReportQuery>,
) -> Result<Response, ApiError> {
    let format = parse_format(query.format.as_deref())?;
    Ok(super::report(&state, &user, id, query.as_of, format).await?.into_response())
}

#[derive(Deserialize, IntoParams)]
pub struct ExportQuery {
    /// The document id.
    pub document: i64,
    /// YYYY-MM-DD; the server's today when omitted.
    #[param(value_type = Option<String>, format = Date)]
    pub as_of: Option<NaiveDate>,
    /// Progress sheet only: the lead unit (the office's choice; a unit
    /// reporter always gets their own unit).
    pub unit: Option<String>,
}

async fn export(state: Arc<AppState>, user: crate::auth::CurrentUser, sheet: Sheet, query: ExportQuery) -> Result<Response, ApiError> {
    Ok(super::export(&state, &user, sheet, query.document, query.as_of, query.unit).await?.into_response())
}

/// 分工方案 workbook (.xlsx) with latest progress and lights.
#[utoipa::path(get, path = "/api/v1/export/ledger", tag = "reports", params(ExportQuery),
    responses((status = 200, description = "xlsx", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (status = 401, body = crate::api::ErrorBody), (status = 403, body = crate::api::ErrorBody), (status = 404, body = crate::api::ErrorBody)))]
pub async fn export_ledger(State(state): State<Arc<AppState>>, ApiUser(user): ApiUser, Query(query): Query<ExportQuery>) -> Result<Response, ApiError> {
    export(state, user, Sheet::Ledger, query).await
}

/// 考评 workbook (.xlsx): status by lead unit.
#[utoipa::path(get, path = "/api/v1/export/status", tag = "reports", params(ExportQuery),
    responses((status = 200, description = "xlsx", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (status = 401, body = crate::api::ErrorBody), (status = 403, body = crate::api::ErrorBody), (status = 404, body = crate::api::ErrorBody)))]
pub async fn export_status(State(state): State<Arc<AppState>>, ApiUser(user): ApiUser, Query(query): Query<ExportQuery>) -> Result<Response, ApiError> {
    export(state, user, Sheet::Status, query).await
}

/// 进展填报表 (.xlsx): one row per target of the tasks a unit leads.
#[utoipa::path(get, path = "/api/v1/export/progress", tag = "reports", params(ExportQuery),
    responses((status = 200, description = "xlsx", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (status = 401, body = crate::api::ErrorBody), (status = 403, body = crate::api::ErrorBody), (status = 404, body = crate::api::ErrorBody)))]
pub async fn export_progress(State(state): State<Arc<AppState>>, ApiUser(user): ApiUser, Query(query): Query<ExportQuery>) -> Result<Response, ApiError> {
    export(state, user, Sheet::Progress, query).await
}

/// The answer to a rejected upload: nothing was filed.
#[derive(Serialize, ToSchema)]
pub struct RowErrors {
    pub error: String,
    pub rows: Vec<RowError>,
}

/// The uploaded file: the raw body, or the `file` field of a multipart form.
pub async fn upload_bytes(state: &Arc<AppState>, request: Request) -> Result<Vec<u8>, WebError> {
    let multipart = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"));
    if multipart {
        let mut form = Multipart::from_request(request, state).await.map_err(|e| WebError::bad(format!("上传失败：{e}")))?;
        while let Some(field) = form.next_field().await.map_err(|e| WebError::bad(format!("上传失败：{e}")))? {
            if field.name() == Some("file") {
                return Ok(field.bytes().await.map_err(|e| WebError::bad(format!("上传失败：{e}")))?.to_vec());
            }
        }
        return Err(WebError::bad("表单中没有 file 字段"));
    }
    let body = axum::body::to_bytes(request.into_body(), MAX_UPLOAD_BYTES).await.map_err(|e| WebError::bad(format!("上传失败：{e}")))?;
    Ok(body.to_vec())
}

/// File a filled-in progress sheet (.xlsx body, or multipart field `file`):
/// all rows or none; 422 lists every bad row. Uploading it again files nothing new.
#[utoipa::path(post, path = "/api/v1/import/progress", tag = "reports",
    request_body(content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", content = Vec<u8>),
    responses((status = 200, body = ProgressImported), (status = 422, body = RowErrors), (status = 400, body = crate::api::ErrorBody),
        (status = 401, body = crate::api::ErrorBody), (status = 403, body = crate::api::ErrorBody)))]
pub async fn import_progress(State(state): State<Arc<AppState>>, ApiUser(user): ApiUser, request: Request) -> Response {
    let bytes = match upload_bytes(&state, request).await {
        Ok(bytes) => bytes,
        Err(err) => return ApiError(err).into_response(),
    };
    match file_progress_sheet(&state, &user, &bytes).await {
        Ok(done) => Json(done).into_response(),
        Err(Rejected::Rows(rows)) => {
            let error = format!("{}处错误，未导入任何数据", rows.len());
            (StatusCode::UNPROCESSABLE_ENTITY, Json(RowErrors { error, rows })).into_response()
        }
        Err(Rejected::Other(err)) => ApiError(err).into_response(),
    }
}

/// A row of a 分工方案 sheet that was not read.
#[derive(Serialize, ToSchema)]
pub struct SkippedRowBody {
    pub row: u32,
    pub message: String,
}

#[derive(Serialize, ToSchema)]
pub struct LedgerPreview {
    /// Pass to `POST /api/v1/import` within an hour to save (with corrections).
    pub pending: String,
    /// The worksheet read.
    pub sheet: String,
    pub skipped: Vec<SkippedRowBody>,
    /// The ledger as an extraction (see the extraction contract), tasks indexed from 0.
    #[schema(value_type = Object)]
    pub extraction: serde_json::Value,
}

#[derive(Deserialize, IntoParams)]
pub struct LedgerImportQuery {
    /// The plan year, when the sheet does not say it.
    pub year: Option<i32>,
}

/// Upload a 分工方案 workbook (.xlsx body, or multipart field `file`) and get
/// its ledger to check; nothing is saved until `POST /api/v1/import`.
#[utoipa::path(post, path = "/api/v1/import/ledger", tag = "reports", params(LedgerImportQuery),
    request_body(content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", content = Vec<u8>),
    responses((status = 200, body = LedgerPreview), (status = 400, body = crate::api::ErrorBody),
        (status = 401, body = crate::api::ErrorBody), (status = 403, body = crate::api::ErrorBody)))]
pub async fn import_ledger(
    State(state): State<Arc<AppState>>,
    ApiUser(user): ApiUser,
    Query(query): Query<LedgerImportQuery>,
    request: Request,
) -> Result<Json<LedgerPreview>, ApiError> {
    user.require(luoshi_ledger::Action::ImportDocument)?;
    let bytes = upload_bytes(&state, request).await?;
    let upload = super::ledger_sheet::read_ledger_sheet("分工方案.xlsx", &bytes, query.year)?;
    let extraction = serde_json::to_value(&upload.parsed.extraction).map_err(anyhow::Error::from)?;
    let skipped = upload.skipped.iter().map(|s| SkippedRowBody { row: s.row, message: s.reason.clone() }).collect();
    let sheet = upload.sheet.clone();
    let pending = crate::pages::import::park(&state, &user, upload.parsed);
    Ok(Json(LedgerPreview { pending, sheet, skipped, extraction }))
}
