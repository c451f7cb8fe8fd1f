//! The `/api/v1` handlers. Each checks the caller's right first, through
//! the same functions the pages use.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, OnceLock};

use axum::Json;
use axum::extract::{ConnectInfo, Multipart, Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use chrono::NaiveDate;
use luoshi_ledger::{Action, MilestoneState, ReportSubject, ReportedValue, Status};
use luoshi_store::Review;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::ApiUser;
use crate::auth::signin::{authenticate, open_session};
use crate::error::{ApiResult, WebError};
use crate::pages::admin::{NewUserRequest, create_user};
use crate::pages::import::{Corrections, park, parse_upload, save};
use crate::pages::review::{decide, queue};
use crate::pages::task::{Filing, file_reports, filing_to_reports, store_error};
use crate::query::{LedgerQuery, run};
use crate::snapshot::TaskRow;
use crate::state::AppState;
use crate::summary::{Dashboard, cached_dashboard};
use crate::tasks::load_for;

#[derive(Deserialize, ToSchema)]
pub struct LoginRequest {
    pub username: String,
    pub password: String,
}

#[derive(Serialize, ToSchema)]
pub struct LoginResponse {
    /// Send as `Authorization: Bearer TOKEN`.
    pub token: String,
    /// RFC 3339.
    pub expires_at: String,
}

#[derive(Serialize, ToSchema)]
pub struct ErrorBody {
    pub error: String,
}

/// Sign in; returns a bearer token (a session that expires).
#[utoipa::path(post, path = "/api/v1/login", tag = "auth", security(()), request_body = LoginRequest,
    responses((status = 200, body = LoginResponse), (status = 401, body = ErrorBody), (status = 429, body = ErrorBody)))]
pub async fn login(
    State(state): State<Arc<AppState>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Json(request): Json<LoginRequest>,
) -> ApiResult<Json<LoginResponse>> {
    let user = authenticate(&state, &request.username, &request.password, peer.ip()).await?;
    let session = open_session(&state, &user).await?;
    Ok(Json(LoginResponse { token: session.id, expires_at: session.expires_at }))
}

/// End the session of this token.
#[utoipa::path(post, path = "/api/v1/logout", tag = "auth", responses((status = 204), (status = 401, body = ErrorBody)))]
pub async fn logout(State(state): State<Arc<AppState>>, ApiUser(user): ApiUser) -> ApiResult<StatusCode> {
    state.store.delete_session(&user.session_id).await.map_err(anyhow::Error::from)?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Serialize, ToSchema)]
pub struct Me {
    pub username: String,
    pub display_name: String,
    /// `admin`, `supervisor`, `leader`, `unit`.
    pub role: String,
    pub unit_id: Option<i64>,
    pub unit: Option<String>,
}

/// The signed-in user.
#[utoipa::path(get, path = "/api/v1/me", tag = "auth", responses((status = 200, body = Me), (status = 401, body = ErrorBody)))]
pub async fn me(ApiUser(user): ApiUser) -> Json<Me> {
    Json(Me {
        username: user.username.clone(),
        display_name: user.display_name.clone(),
        role: user.role.name().into(),
        unit_id: user.unit_id,
        unit: user.unit_name.clone(),
    })
}

/// Counts and shares by status, light and lead unit; 双过半; overdue.
#[utoipa::path(get, path = "/api/v1/dashboard", tag = "ledger",
    responses((status = 200, body = Dashboard), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn dashboard(State(state): State<Arc<AppState>>, ApiUser(user): ApiUser) -> axum::response::Response {
    if let Err(err) = user.require(Action::ReadDashboards) {
        return crate::error::ApiError(err).into_response();
    }
    match state.snapshot().await {
        Ok(snapshot) => Json(&cached_dashboard(&snapshot, user.unit_scope()).numbers).into_response(),
        Err(err) => crate::error::ApiError(err.into()).into_response(),
    }
}

#[derive(Serialize, ToSchema)]
pub struct TaskSummary {
    pub id: i64,
    pub document_id: i64,
    pub section: String,
    pub title: String,
    /// Lead unit first.
    pub units: Vec<String>,
    /// YYYY-MM-DD: the task's deadline, else its document's period end.
    pub deadline: String,
    pub status: String,
    pub status_label: String,
    pub light: String,
    pub last_report: Option<String>,
    pub targets: usize,
}

fn summary(task: &TaskRow) -> TaskSummary {
    TaskSummary {
        id: task.id,
        document_id: task.document_id,
        section: task.section.clone(),
        title: task.title.clone(),
        units: task.unit_names.clone(),
        deadline: task.effective_deadline.to_string(),
        status: task.status.name().into(),
        status_label: task.status.label().into(),
        light: task.light.name().into(),
        last_report: task.last_report.map(|d| d.to_string()),
        targets: task.target_count,
    }
}

#[derive(Serialize, ToSchema)]
pub struct TaskList {
    pub total: usize,
    pub page: usize,
    pub pages: usize,
    pub tasks: Vec<TaskSummary>,
}

/// The tasks the caller may see (a unit reporter: the unit's), filtered, sorted, paged.
#[utoipa::path(get, path = "/api/v1/tasks", tag = "ledger", params(LedgerQuery),
    responses((status = 200, body = TaskList), (status = 401, body = ErrorBody)))]
pub async fn list_tasks(State(state): State<Arc<AppState>>, ApiUser(user): ApiUser, Query(query): Query<LedgerQuery>) -> ApiResult<Json<TaskList>> {
    let snapshot = state.snapshot().await?;
    if user.sees_nothing() {
        return Ok(Json(TaskList { total: 0, page: 1, pages: 1, tasks: Vec::new() }));
    }
    let page = run(&snapshot, user.unit_scope(), &query);
    Ok(Json(TaskList { total: page.total, page: page.page, pages: page.pages, tasks: page.rows.into_iter().map(summary).collect() }))
}

#[derive(Serialize, ToSchema)]
pub struct TargetDetail {
    pub id: i64,
    pub metric: String,
    pub cmp: String,
    pub value: f64,
    pub unit: String,
    pub deadline: String,
    pub source_text: String,
    pub actual: Option<f64>,
    pub as_of: Option<String>,
    pub work_progress: Option<f64>,
    pub status: String,
    pub light: String,
}

#[derive(Serialize, ToSchema)]
pub struct ReportDetail {
    pub id: i64,
    pub target_id: Option<i64>,
    pub as_of: String,
    pub value: Option<f64>,
    pub milestone: Option<String>,
    pub narrative: String,
    pub problems: String,
    pub next_steps: String,
    pub reporter: String,
    pub reported_at: String,
    /// `submitted`, `accepted`, `returned`.
    pub review: String,
    pub review_reason: Option<String>,
    pub superseded_by: Option<i64>,
}

#[derive(Serialize, ToSchema)]
pub struct TaskDetail {
    pub id: i64,
    pub document_id: i64,
    pub document: String,
    pub section: Vec<String>,
    pub title: String,
    /// The source sentence.
    pub text: String,
    /// Char offsets of the sentence in the document text.
    pub span: Option<(i64, i64)>,
    pub units: Vec<String>,
    pub deadline: String,
    pub status: String,
    pub light: String,
    pub targets: Vec<TargetDetail>,
    pub reports: Vec<ReportDetail>,
}

/// One task with its targets and progress history.
#[utoipa::path(get, path = "/api/v1/tasks/{id}", tag = "ledger", params(("id" = i64, Path, description = "task id")),
    responses((status = 200, body = TaskDetail), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get_task(State(state): State<Arc<AppState>>, ApiUser(user): ApiUser, Path(id): Path<i64>) -> ApiResult<Json<TaskDetail>> {
    let loaded = load_for(&state, &user, id, Action::ViewTask).await?;
    let targets = loaded
        .task
        .targets
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let j = loaded.judgement.targets.get(i);
            let actual = loaded.actuals.get(i).copied().flatten();
            TargetDetail {
                id: t.id,
                metric: t.metric.clone(),
                cmp: t.cmp.symbol().into(),
                value: t.value,
                unit: t.unit.clone(),
                deadline: loaded.plans.get(i).map(|p| p.deadline.to_string()).unwrap_or_default(),
                source_text: t.source_text.clone(),
                actual: actual.map(|a| a.value),
                as_of: actual.map(|a| a.as_of.to_string()),
                work_progress: j.and_then(|j| j.work_progress),
                status: j.map(|j| j.status.name()).unwrap_or(Status::NotReported.name()).into(),
                light: j.map(|j| j.light.name()).unwrap_or("yellow").into(),
            }
        })
        .collect();
    let reports = loaded
        .reports
        .iter()
        .map(|r| ReportDetail {
            id: r.report.id,
            target_id: match r.report.subject {
                ReportSubject::Target(t) => Some(t),
                ReportSubject::Task(_) => None,
            },
            as_of: r.report.as_of.to_string(),
            value: match r.report.value {
                ReportedValue::Actual(v) => Some(v),
                ReportedValue::Milestone(_) => None,
            },
            milestone: match r.report.value {
                ReportedValue::Milestone(m) => Some(m.label().into()),
                ReportedValue::Actual(_) => None,
            },
            narrative: r.report.narrative.clone(),
            problems: r.report.problems.clone(),
            next_steps: r.report.next_steps.clone(),
            reporter: r.report.reporter.clone(),
            reported_at: r.reported_at.clone(),
            review: r.report.review.name().into(),
            review_reason: match &r.report.review {
                luoshi_ledger::ReviewState::Returned { reason } => Some(reason.clone()),
                _ => None,
            },
            superseded_by: r.superseded_by,
        })
        .collect();
    Ok(Json(TaskDetail {
        id,
        document_id: loaded.task.document_id,
        document: loaded.document_title.clone(),
        section: loaded.task.section_path.clone(),
        title: loaded.task.title.clone(),
        text: loaded.task.text.clone(),
        span: loaded.task.span,
        units: loaded.unit_names(),
        deadline: loaded.deadline.to_string(),
        status: loaded.judgement.status.name().into(),
        light: loaded.judgement.light.name().into(),
        targets,
        reports,
    }))
}

#[derive(Deserialize, ToSchema)]
pub struct TargetValue {
    pub target_id: i64,
    pub value: f64,
}

#[derive(Deserialize, ToSchema)]
pub struct TaskProgressRequest {
    /// YYYY-MM-DD (截至日期).
    pub as_of: String,
    /// Cumulative actual values, one per target reported.
    #[serde(default)]
    pub values: Vec<TargetValue>,
    /// 未启动 / 推进中 / 已完成, for a task without targets.
    #[serde(default)]
    pub milestone: Option<String>,
    /// 进展情况
    pub narrative: String,
    /// 存在问题
    #[serde(default)]
    pub problems: String,
    /// 下一步措施
    #[serde(default)]
    pub next_steps: String,
}

#[derive(Serialize, ToSchema)]
pub struct Filed {
    /// The ids of the reports filed.
    pub ids: Vec<i64>,
}

fn parse_as_of(state: &AppState, text: &str) -> Result<NaiveDate, WebError> {
    let date = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| WebError::bad("as_of must be YYYY-MM-DD"))?;
    if date > state.today() {
        return Err(WebError::bad("as_of must not be in the future"));
    }
    Ok(date)
}

/// File a task's progress report (values per target, or a milestone state; texts).
#[utoipa::path(post, path = "/api/v1/tasks/{id}/progress", tag = "progress", params(("id" = i64, Path, description = "task id")),
    request_body = TaskProgressRequest,
    responses((status = 201, body = Filed), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn file_task_progress(
    State(state): State<Arc<AppState>>,
    ApiUser(user): ApiUser,
    Path(id): Path<i64>,
    Json(request): Json<TaskProgressRequest>,
) -> ApiResult<(StatusCode, Json<Filed>)> {
    let loaded = load_for(&state, &user, id, Action::ReportProgress).await?;
    let milestone = match request.milestone.as_deref().map(str::trim).filter(|m| !m.is_empty()) {
        Some(m) => Some(MilestoneState::from_label(m).ok_or_else(|| WebError::bad("milestone must be 未启动, 推进中 or 已完成"))?),
        None => None,
    };
    let filing = Filing {
        as_of: parse_as_of(&state, &request.as_of)?,
        values: request.values.iter().map(|v| (v.target_id, v.value)).collect(),
        milestone,
        narrative: request.narrative,
        problems: request.problems,
        next_steps: request.next_steps,
    };
    let reports = filing_to_reports(&loaded, filing)?;
    let ids = file_reports(&state, user.actor(), reports).await?;
    Ok((StatusCode::CREATED, Json(Filed { ids })))
}

#[derive(Deserialize, ToSchema)]
pub struct TargetProgressRequest {
    /// YYYY-MM-DD (截至日期).
    pub as_of: String,
    /// The cumulative actual value.
    pub value: f64,
    /// 进展情况.
    #[serde(default)]
    pub note: String,
}

#[derive(Serialize, ToSchema)]
pub struct FiledOne {
    pub id: i64,
}

/// File one target's actual value.
#[utoipa::path(post, path = "/api/v1/targets/{id}/progress", tag = "progress", params(("id" = i64, Path, description = "target id")),
    request_body = TargetProgressRequest,
    responses((status = 201, body = FiledOne), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn file_target_progress(
    State(state): State<Arc<AppState>>,
    ApiUser(user): ApiUser,
    Path(id): Path<i64>,
    Json(request): Json<TargetProgressRequest>,
) -> ApiResult<(StatusCode, Json<FiledOne>)> {
    let mut task_id = state.snapshot().await?.target_tasks.get(&id).copied();
    if task_id.is_none() {
        // Perhaps a target imported moments ago by the CLI.
        state.invalidate().await;
        task_id = state.snapshot().await?.target_tasks.get(&id).copied();
    }
    let Some(task_id) = task_id else {
        return Err(if user.may_overall(Action::ViewTask) { WebError::NotFound("目标") } else { WebError::Forbidden }.into());
    };
    let loaded = load_for(&state, &user, task_id, Action::ReportProgress).await?;
    let note = if request.note.trim().is_empty() { "（通过接口报送）".to_string() } else { request.note };
    let filing = Filing {
        as_of: parse_as_of(&state, &request.as_of)?,
        values: vec![(id, request.value)],
        milestone: None,
        narrative: note,
        problems: String::new(),
        next_steps: String::new(),
    };
    let reports = filing_to_reports(&loaded, filing)?;
    let ids = file_reports(&state, user.actor(), reports).await?;
    Ok((StatusCode::CREATED, Json(FiledOne { id: ids[0] })))
}

#[derive(Serialize, ToSchema)]
pub struct ReviewItem {
    pub id: i64,
    pub task_id: i64,
    pub task: String,
    pub unit: String,
    pub as_of: String,
    pub subject: String,
    pub value: String,
    pub narrative: String,
    pub reporter: String,
}

/// Reports awaiting review (待审核).
#[utoipa::path(get, path = "/api/v1/reviews", tag = "review",
    responses((status = 200, body = Vec<ReviewItem>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn list_reviews(State(state): State<Arc<AppState>>, ApiUser(user): ApiUser) -> ApiResult<Json<Vec<ReviewItem>>> {
    user.require(Action::Review)?;
    let snapshot = state.snapshot().await?;
    let items = queue(&state, &snapshot)
        .await?
        .into_iter()
        .map(|(_, l)| ReviewItem {
            id: l.id,
            task_id: l.task_id,
            task: l.task,
            unit: l.unit,
            as_of: l.as_of,
            subject: l.subject,
            value: l.value,
            narrative: l.narrative,
            reporter: l.reporter,
        })
        .collect();
    Ok(Json(items))
}

/// Accept a report (采纳).
#[utoipa::path(post, path = "/api/v1/reports/{id}/accept", tag = "review", params(("id" = i64, Path, description = "report id")),
    responses((status = 204), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn accept_report(State(state): State<Arc<AppState>>, ApiUser(user): ApiUser, Path(id): Path<i64>) -> ApiResult<StatusCode> {
    decide(&state, &user, id, Review::Accept).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, ToSchema)]
pub struct ReturnRequest {
    /// 退回理由.
    pub reason: String,
}

/// Return a report to its unit with a reason (退回).
#[utoipa::path(post, path = "/api/v1/reports/{id}/return", tag = "review", params(("id" = i64, Path, description = "report id")),
    request_body = ReturnRequest,
    responses((status = 204), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn return_report(
    State(state): State<Arc<AppState>>,
    ApiUser(user): ApiUser,
    Path(id): Path<i64>,
    Json(request): Json<ReturnRequest>,
) -> ApiResult<StatusCode> {
    decide(&state, &user, id, Review::Return { reason: request.reason.trim().to_string() }).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Serialize, ToSchema)]
pub struct UnitReminder {
    pub unit_id: i64,
    pub unit: String,
    /// Tasks without a report this cycle (未报送).
    pub not_reported: Vec<i64>,
    /// Tasks past their deadline and not done.
    pub overdue: Vec<i64>,
}

/// Who has not reported, and what is overdue, by lead unit.
#[utoipa::path(get, path = "/api/v1/reminders", tag = "reminders",
    responses((status = 200, body = Vec<UnitReminder>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn list_reminders(State(state): State<Arc<AppState>>, ApiUser(user): ApiUser) -> ApiResult<Json<Vec<UnitReminder>>> {
    user.require(Action::IssueReminder)?;
    let snapshot = state.snapshot().await?;
    let list = crate::pages::reminders::by_unit(&snapshot)
        .into_iter()
        .map(|(unit, tasks)| UnitReminder {
            unit_id: unit,
            unit: snapshot.unit_names.get(&unit).cloned().unwrap_or_default(),
            not_reported: tasks.iter().filter(|t| t.status == Status::NotReported).map(|t| t.id).collect(),
            overdue: tasks.iter().filter(|t| t.status == Status::Overdue).map(|t| t.id).collect(),
        })
        .collect();
    Ok(Json(list))
}

#[derive(Deserialize, ToSchema)]
pub struct IssueRequest {
    pub unit_id: i64,
}

#[derive(Serialize, ToSchema)]
pub struct Issued {
    /// Reminders recorded (one per task needing one).
    pub reminders: usize,
}

/// Record reminders (催办) to a unit for each of its tasks that needs one.
#[utoipa::path(post, path = "/api/v1/reminders", tag = "reminders", request_body = IssueRequest,
    responses((status = 201, body = Issued), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn issue_reminders(
    State(state): State<Arc<AppState>>,
    ApiUser(user): ApiUser,
    Json(request): Json<IssueRequest>,
) -> ApiResult<(StatusCode, Json<Issued>)> {
    user.require(Action::IssueReminder)?;
    let n = crate::pages::reminders::issue(&state, user.actor(), request.unit_id).await?;
    Ok((StatusCode::CREATED, Json(Issued { reminders: n })))
}

#[derive(Serialize, ToSchema)]
pub struct ImportPreview {
    /// Pass to `POST /api/v1/import` within an hour.
    pub pending: String,
    /// The extraction (see the extraction contract), tasks indexed from 0.
    #[schema(value_type = Object)]
    pub extraction: serde_json::Value,
}

/// Upload a document (multipart field `file`, optional `year`) and get the extracted ledger.
#[utoipa::path(post, path = "/api/v1/import/preview", tag = "import", request_body(content_type = "multipart/form-data", content = String),
    responses((status = 200, body = ImportPreview), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn import_preview(State(state): State<Arc<AppState>>, ApiUser(user): ApiUser, mut multipart: Multipart) -> ApiResult<Json<ImportPreview>> {
    user.require(Action::ImportDocument)?;
    let mut file = None;
    let mut year = None;
    while let Some(field) = multipart.next_field().await.map_err(|e| WebError::bad(e.to_string()))? {
        match field.name().unwrap_or("") {
            "year" => year = field.text().await.ok().and_then(|t| t.trim().parse().ok()),
            "file" => {
                let name = field.file_name().unwrap_or("upload.txt").to_string();
                file = Some((name, field.bytes().await.map_err(|e| WebError::bad(e.to_string()))?.to_vec()));
            }
            _ => {}
        }
    }
    let (name, bytes) = file.ok_or_else(|| WebError::bad("multipart field `file` is missing"))?;
    let parsed = parse_upload(name, bytes, year).await?;
    let extraction = serde_json::to_value(&parsed.extraction).map_err(anyhow::Error::from)?;
    let pending = park(&state, &user, parsed);
    Ok(Json(ImportPreview { pending, extraction }))
}

#[derive(Deserialize, ToSchema)]
pub struct TaskCorrection {
    pub index: usize,
    #[serde(default = "yes")]
    pub keep: bool,
    pub title: Option<String>,
    pub units: Option<Vec<String>>,
}

fn yes() -> bool {
    true
}

#[derive(Deserialize, ToSchema)]
pub struct ImportRequest {
    pub pending: String,
    pub title: Option<String>,
    /// Corrections by task index; tasks not listed are kept as extracted.
    #[serde(default)]
    pub corrections: Vec<TaskCorrection>,
}

#[derive(Serialize, ToSchema)]
pub struct Imported {
    pub document_id: i64,
}

/// Save a previewed import, with corrections.
#[utoipa::path(post, path = "/api/v1/import", tag = "import", request_body = ImportRequest,
    responses((status = 201, body = Imported), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn import_save(
    State(state): State<Arc<AppState>>,
    ApiUser(user): ApiUser,
    Json(request): Json<ImportRequest>,
) -> ApiResult<(StatusCode, Json<Imported>)> {
    user.require(Action::ImportDocument)?;
    let tasks: HashMap<usize, crate::pages::import::TaskCorrection> = request
        .corrections
        .into_iter()
        .map(|c| (c.index, crate::pages::import::TaskCorrection { keep: c.keep, title: c.title, units: c.units }))
        .collect();
    let corrections = Corrections { title: request.title, tasks };
    let id = save(&state, &user, &request.pending, &corrections, false).await?;
    Ok((StatusCode::CREATED, Json(Imported { document_id: id })))
}

#[derive(Serialize, ToSchema)]
pub struct UnitItem {
    pub id: i64,
    pub name: String,
    pub aliases: Vec<String>,
    pub task_count: i64,
    pub lead_count: i64,
}

/// All units with their aliases and task counts.
#[utoipa::path(get, path = "/api/v1/units", tag = "admin",
    responses((status = 200, body = Vec<UnitItem>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn list_units(State(state): State<Arc<AppState>>, ApiUser(user): ApiUser) -> ApiResult<Json<Vec<UnitItem>>> {
    user.require(Action::ManageUsers)?;
    let units = state.store.units().await.map_err(anyhow::Error::from)?;
    Ok(Json(
        units
            .into_iter()
            .map(|u| UnitItem { id: u.id, name: u.name, aliases: u.aliases, task_count: u.task_count, lead_count: u.lead_count })
            .collect(),
    ))
}

#[derive(Deserialize, ToSchema)]
pub struct AliasRequest {
    pub alias: String,
}

/// Add another spelling of a unit (简称、旧称).
#[utoipa::path(post, path = "/api/v1/units/{id}/aliases", tag = "admin", params(("id" = i64, Path, description = "unit id")),
    request_body = AliasRequest,
    responses((status = 204), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn add_unit_alias(
    State(state): State<Arc<AppState>>,
    ApiUser(user): ApiUser,
    Path(id): Path<i64>,
    Json(request): Json<AliasRequest>,
) -> ApiResult<StatusCode> {
    user.require(Action::ManageUsers)?;
    if request.alias.trim().is_empty() {
        return Err(WebError::bad("alias is empty").into());
    }
    state.store.add_unit_alias(user.actor(), &id.to_string(), request.alias.trim()).await.map_err(store_error)?;
    state.invalidate().await;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Serialize, ToSchema)]
pub struct UserItem {
    pub id: i64,
    pub username: String,
    pub display_name: Option<String>,
    pub role: String,
    pub unit_id: Option<i64>,
    pub active: bool,
}

fn user_item(u: luoshi_store::User) -> UserItem {
    UserItem { id: u.id, username: u.username, display_name: u.display_name, role: u.role.name().into(), unit_id: u.unit_id, active: u.active }
}

/// All users.
#[utoipa::path(get, path = "/api/v1/users", tag = "admin",
    responses((status = 200, body = Vec<UserItem>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn list_users(State(state): State<Arc<AppState>>, ApiUser(user): ApiUser) -> ApiResult<Json<Vec<UserItem>>> {
    user.require(Action::ManageUsers)?;
    Ok(Json(state.store.users().await.map_err(anyhow::Error::from)?.into_iter().map(user_item).collect()))
}

/// Create a user.
#[utoipa::path(post, path = "/api/v1/users", tag = "admin", request_body = NewUserRequest,
    responses((status = 201, body = UserItem), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn add_user(
    State(state): State<Arc<AppState>>,
    ApiUser(user): ApiUser,
    Json(request): Json<NewUserRequest>,
) -> ApiResult<(StatusCode, Json<UserItem>)> {
    let created = create_user(&state, &user, request).await?;
    Ok((StatusCode::CREATED, Json(user_item(created))))
}

/// This document.
#[utoipa::path(get, path = "/api/v1/openapi.json", tag = "meta", security(()), responses((status = 200, description = "OpenAPI 3.1 JSON")))]
pub async fn openapi_json() -> impl IntoResponse {
    static DOC: OnceLock<String> = OnceLock::new();
    let body = DOC.get_or_init(|| serde_json::to_string_pretty(&super::openapi()).unwrap_or_else(|_| "{}".into()));
    ([(header::CONTENT_TYPE, "application/json")], body.as_str())
}
