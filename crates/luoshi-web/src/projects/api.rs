//! `/api/v1/projects`: the project list, one project with its reports and
//! problems, the 三个一批 rates, and filing and reviewing 月调度 reports.
//! Same rights as the pages; `Authorization: Bearer TOKEN`. The routes have
//! their own OpenAPI document at `/api/v1/projects/openapi.json`.

use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::{Json, Router};
use chrono::NaiveDate;
use luoshi_ledger::Action;
use luoshi_ledger::projects::{GroupBy, ProjectFilter, Stage};
use luoshi_store::{NewProjectReport, ProjectLine, ProjectStatsTable, Review, StoredProblem, StoredProjectReport};
use serde::{Deserialize, Serialize};
use utoipa::{OpenApi, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::{ProjectQuery, may_on_project, visible_lines};
use crate::auth::ApiUser;
use crate::error::{ApiResult, WebError};
use crate::pages::task::store_error;
use crate::state::AppState;

#[derive(OpenApi)]
#[openapi(info(
    title = "luoshi 落实 API: 重点项目",
    description = "重点项目、月调度、三个一批比率。需 Authorization: Bearer TOKEN（POST /api/v1/login）。投资单位：万元。"
))]
struct ProjectsDoc;

pub fn router() -> (Router<Arc<AppState>>, utoipa::openapi::OpenApi) {
    OpenApiRouter::with_openapi(ProjectsDoc::openapi())
        .routes(routes!(list_projects))
        .routes(routes!(project_stats))
        .routes(routes!(get_project))
        .routes(routes!(file_project_report))
        .routes(routes!(accept_project_report))
        .routes(routes!(return_project_report))
        .routes(routes!(projects_openapi))
        .split_for_parts()
}

/// The projects the caller may see, with stage, investment and light as of a date.
#[utoipa::path(get, path = "/api/v1/projects", tag = "projects", params(ProjectQuery),
    responses((status = 200, description = "project lines (JSON array)"), (status = 400), (status = 401)))]
pub async fn list_projects(
    State(state): State<Arc<AppState>>,
    ApiUser(user): ApiUser,
    Query(query): Query<ProjectQuery>,
) -> ApiResult<Json<Vec<ProjectLine>>> {
    let as_of = query.as_of(&state)?;
    Ok(Json(visible_lines(&state, &user, &query, as_of).await?))
}

/// 三个一批 rates as of a date: counts, rates as fractions, investment
/// against 序时进度; `by` groups them (county, unit, kind, industry).
#[utoipa::path(get, path = "/api/v1/projects/stats", tag = "projects", params(ProjectQuery),
    responses((status = 200, description = "signed, started, producing, planned_investment, completed_investment, start_rate, production_rate, investment_completion, time_progress, groups"), (status = 400), (status = 401), (status = 403)))]
pub async fn project_stats(
    State(state): State<Arc<AppState>>,
    ApiUser(user): ApiUser,
    Query(query): Query<ProjectQuery>,
) -> ApiResult<Json<ProjectStatsTable>> {
    user.require(Action::ReadDashboards)?;
    let as_of = query.as_of(&state)?;
    let by = query.by.as_deref().filter(|b| !b.is_empty()).map(GroupBy::parse).transpose().map_err(|e| WebError::bad(e.to_string()))?;
    Ok(Json(state.store.project_stats(&query.filter(), as_of, by).await.map_err(store_error)?))
}

#[derive(Serialize)]
pub struct ProjectDetail {
    #[serde(flatten)]
    pub line: ProjectLine,
    pub reports: Vec<StoredProjectReport>,
    pub problems: Vec<StoredProblem>,
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AsOfQuery {
    /// YYYY-MM-DD (default today)
    pub as_of: Option<String>,
}

/// One project: its line as of a date, every report (corrections included) and its problems.
#[utoipa::path(get, path = "/api/v1/projects/{id}", tag = "projects", params(("id" = i64, Path), AsOfQuery),
    responses((status = 200, description = "the project"), (status = 401), (status = 403), (status = 404)))]
pub async fn get_project(
    State(state): State<Arc<AppState>>,
    ApiUser(user): ApiUser,
    Path(id): Path<i64>,
    Query(query): Query<AsOfQuery>,
) -> ApiResult<Json<ProjectDetail>> {
    let as_of = ProjectQuery { as_of: query.as_of, ..Default::default() }.as_of(&state)?;
    let filter = ProjectFilter { ids: vec![id], ..Default::default() };
    let line = state.store.project_lines(&filter, as_of).await.map_err(store_error)?.pop().ok_or(WebError::NotFound("项目"))?;
    if !may_on_project(&user, Action::ViewTask, &line.project.responsible_unit) {
        return Err(WebError::Forbidden.into());
    }
    let reports = state.store.project_reports(id).await.map_err(store_error)?;
    let problems = state.store.project_problems(id).await.map_err(store_error)?;
    Ok(Json(ProjectDetail { line, reports, problems }))
}

/// A monthly report as the API takes it.
#[derive(Deserialize, ToSchema)]
pub struct ProjectReportRequest {
    /// YYYY-MM-DD
    pub as_of: String,
    /// 年度累计完成投资 (万元)
    pub completed_investment: f64,
    #[serde(default)]
    pub in_statistics: bool,
    /// 签约/开工/投产/达效, when the project reached it by `as_of`.
    pub stage: Option<String>,
    #[serde(default)]
    pub progress: String,
    #[serde(default)]
    pub problems: String,
    #[serde(default)]
    pub next_steps: String,
}

#[derive(Serialize, ToSchema)]
pub struct Filed {
    pub id: i64,
}

/// File a 月调度 report for a project (its 包联单位's reporter, or the 督查室).
#[utoipa::path(post, path = "/api/v1/projects/{id}/reports", tag = "projects", params(("id" = i64, Path)),
    request_body = ProjectReportRequest,
    responses((status = 201, body = Filed), (status = 400), (status = 401), (status = 403), (status = 404)))]
pub async fn file_project_report(
    State(state): State<Arc<AppState>>,
    ApiUser(user): ApiUser,
    Path(id): Path<i64>,
    Json(request): Json<ProjectReportRequest>,
) -> ApiResult<(StatusCode, Json<Filed>)> {
    let project = state.store.project(id).await.map_err(store_error)?;
    if !may_on_project(&user, Action::ReportProgress, &project.responsible_unit) {
        return Err(WebError::Forbidden.into());
    }
    let as_of = NaiveDate::parse_from_str(request.as_of.trim(), "%Y-%m-%d")
        .map_err(|_| WebError::bad(format!("as_of「{}」格式应为 YYYY-MM-DD", request.as_of)))?;
    let stage = request.stage.as_deref().filter(|s| !s.trim().is_empty()).map(Stage::parse).transpose().map_err(|e| WebError::bad(e.to_string()))?;
    let report = NewProjectReport {
        project_id: id,
        as_of,
        completed_investment: request.completed_investment,
        in_statistics: request.in_statistics,
        stage,
        progress: request.progress,
        problems: request.problems,
        next_steps: request.next_steps,
    };
    let ids = state.store.add_project_reports(user.actor(), vec![report]).await.map_err(store_error)?;
    Ok((StatusCode::CREATED, Json(Filed { id: ids[0] })))
}

/// Accept a 月调度 report (审核).
#[utoipa::path(post, path = "/api/v1/projects/reports/{id}/accept", tag = "projects", params(("id" = i64, Path)),
    responses((status = 204), (status = 400), (status = 401), (status = 403), (status = 404)))]
pub async fn accept_project_report(State(state): State<Arc<AppState>>, ApiUser(user): ApiUser, Path(id): Path<i64>) -> ApiResult<StatusCode> {
    user.require(Action::Review)?;
    state.store.review_project_report(user.actor(), id, Review::Accept).await.map_err(store_error)?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, ToSchema)]
pub struct ReturnRequest {
    pub reason: String,
}

/// Return a 月调度 report to its unit, with the reason (退回).
#[utoipa::path(post, path = "/api/v1/projects/reports/{id}/return", tag = "projects", params(("id" = i64, Path)),
    request_body = ReturnRequest,
    responses((status = 204), (status = 400), (status = 401), (status = 403), (status = 404)))]
pub async fn return_project_report(
    State(state): State<Arc<AppState>>,
    ApiUser(user): ApiUser,
    Path(id): Path<i64>,
    Json(request): Json<ReturnRequest>,
) -> ApiResult<StatusCode> {
    user.require(Action::Review)?;
    state.store.review_project_report(user.actor(), id, Review::Return { reason: request.reason }).await.map_err(store_error)?;
    Ok(StatusCode::NO_CONTENT)
}

/// This API's OpenAPI document.
#[utoipa::path(get, path = "/api/v1/projects/openapi.json", tag = "projects", security(()), responses((status = 200)))]
pub async fn projects_openapi() -> Json<utoipa::openapi::OpenApi> {
    Json(router().1)
}
