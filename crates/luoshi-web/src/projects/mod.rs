//! 重点项目 in the web app: the project list with filters, a project's page
//! (stage timeline, investment chart, 月调度 reports with review, problems),
//! the 三个一批 dashboard, the 月调度表 (.xlsx) and the summary (.docx, .md),
//! and the JSON API under `/api/v1/projects` (its own OpenAPI document at
//! `/api/v1/projects/openapi.json`).
//!
//! Rights are the task rights applied to a project's 包联单位: a unit
//! reporter sees and reports on the projects of their unit; the 督查室
//! reviews; dashboards and downloads need `ReadDashboards`.

pub mod api;
pub mod charts;
pub mod downloads;
pub mod pages;

use std::sync::Arc;

use axum::Router;
use axum::routing::{get, post};
use chrono::NaiveDate;
use luoshi_ledger::Action;
use luoshi_ledger::projects::{ProjectFilter, Stage};
use luoshi_store::ProjectLine;
use serde::Deserialize;

use crate::auth::CurrentUser;
use crate::error::WebError;
use crate::state::AppState;

/// Every project route (pages, downloads, API); merged into the app router.
pub fn router() -> Router<Arc<AppState>> {
    let (api, _) = api::router();
    Router::new()
        .route("/projects", get(pages::list))
        .route("/projects/pipeline", get(pages::pipeline))
        .route("/projects/dispatch.xlsx", get(downloads::dispatch))
        .route("/projects/summary.docx", get(downloads::summary_docx))
        .route("/projects/summary.md", get(downloads::summary_markdown))
        .route("/projects/{id}", get(pages::show))
        .route("/projects/{id}/report", post(pages::report_submit))
        .route("/projects/reports/{id}/accept", post(pages::accept))
        .route("/projects/reports/{id}/return", post(pages::return_report))
        .merge(api)
}

/// The filters of the list, the dashboard and the downloads.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProjectQuery {
    /// 县（市、区）/园区
    pub county: Option<String>,
    /// 项目类别
    pub kind: Option<String>,
    /// 包联单位
    pub unit: Option<String>,
    /// 产业链
    pub industry: Option<String>,
    /// 谋划/签约/开工/投产/达效 (or planned/signed/started/producing/effective)
    pub stage: Option<String>,
    /// YYYY-MM-DD (default today)
    pub as_of: Option<String>,
    /// `county`, `unit`, `kind` or `industry` (stats only)
    pub by: Option<String>,
}

fn given(value: &Option<String>) -> Option<String> {
    value.as_ref().map(|v| v.trim().to_string()).filter(|v| !v.is_empty())
}

impl ProjectQuery {
    pub fn filter(&self) -> ProjectFilter {
        ProjectFilter {
            ids: Vec::new(),
            kind: given(&self.kind),
            county: given(&self.county),
            unit: given(&self.unit),
            industry_chain: given(&self.industry),
        }
    }

    pub fn as_of(&self, state: &AppState) -> Result<NaiveDate, WebError> {
        match given(&self.as_of) {
            None => Ok(state.today()),
            Some(text) => NaiveDate::parse_from_str(&text, "%Y-%m-%d")
                .map_err(|_| WebError::bad(format!("日期「{text}」格式应为 YYYY-MM-DD"))),
        }
    }

    pub fn stage(&self) -> Result<Option<Stage>, WebError> {
        given(&self.stage).map(|s| Stage::parse(&s).map_err(|e| WebError::bad(e.to_string()))).transpose()
    }
}

/// Whether `user` may do `action` on a project of this 包联单位.
pub fn may_on_project(user: &CurrentUser, action: Action, unit: &str) -> bool {
    user.may_on(action, &[unit.to_string()])
}

/// The lines `user` may see, at `stage` when given.
pub async fn visible_lines(
    state: &AppState,
    user: &CurrentUser,
    query: &ProjectQuery,
    as_of: NaiveDate,
) -> Result<Vec<ProjectLine>, WebError> {
    if user.sees_nothing() {
        return Ok(Vec::new());
    }
    let stage = query.stage()?;
    let mut lines = state.store.project_lines(&query.filter(), as_of).await.map_err(crate::pages::task::store_error)?;
    lines.retain(|l| may_on_project(user, Action::ViewTask, &l.project.responsible_unit) && stage.is_none_or(|s| l.stage == s));
    Ok(lines)
}
