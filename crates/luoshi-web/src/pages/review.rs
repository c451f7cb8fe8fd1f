//! 审核: the 督查室's queue of filed reports; accept, or return with a reason (退回).

use std::sync::Arc;

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use luoshi_ledger::{Action, ReportSubject, ReportedValue};
use luoshi_store::{Review, StoredReport};
use serde::Deserialize;

use crate::auth::{CurrentUser, PageUser};
use crate::chrome::{Chrome, flash_from_query};
use crate::error::{PageResult, WebError};
use crate::pages::{number, render};
use crate::pages::task::store_error;
use crate::snapshot::Snapshot;
use crate::state::AppState;

pub struct ReviewLine {
    pub id: i64,
    pub task_id: i64,
    pub task: String,
    pub unit: String,
    pub as_of: String,
    pub subject: String,
    pub value: String,
    pub narrative: String,
    pub problems: String,
    pub reporter: String,
    pub reported_at: String,
}

pub struct ReviewView {
    pub rows: Vec<ReviewLine>,
}

#[derive(Template)]
#[template(path = "review.html")]
struct ReviewPage {
    chrome: Chrome,
    view: ReviewView,
}

/// The lines of the queue; the metric name comes from the task's targets.
pub async fn queue(state: &Arc<AppState>, snapshot: &Snapshot) -> Result<Vec<(StoredReport, ReviewLine)>, WebError> {
    let reports = state.store.reports_to_review().await.map_err(anyhow::Error::from)?;
    // Metric names of the targets reported on, from their tasks.
    let mut metrics: std::collections::HashMap<i64, String> = std::collections::HashMap::new();
    let mut task_ids: Vec<i64> = reports.iter().map(|r| r.task_id).collect();
    task_ids.sort_unstable();
    task_ids.dedup();
    for task_id in task_ids {
        if let Some(task) = state.store.task(task_id).await.map_err(anyhow::Error::from)? {
            metrics.extend(task.targets.into_iter().map(|t| (t.id, t.metric)));
        }
    }
    Ok(reports
        .into_iter()
        .map(|r| {
            let task = snapshot.task(r.task_id);
            let line = ReviewLine {
                id: r.report.id,
                task_id: r.task_id,
                task: task.map(|t| t.title.clone()).unwrap_or_else(|| format!("任务{}", r.task_id)),
                unit: task.map(|t| t.lead_name().to_string()).unwrap_or_default(),
                as_of: r.report.as_of.to_string(),
                subject: match r.report.subject {
                    ReportSubject::Target(t) => metrics.get(&t).cloned().unwrap_or_else(|| format!("目标{t}")),
                    ReportSubject::Task(_) => "节点状态".into(),
                },
                value: match r.report.value {
                    ReportedValue::Actual(v) => number(v),
                    ReportedValue::Milestone(m) => m.label().into(),
                },
                narrative: r.report.narrative.clone(),
                problems: r.report.problems.clone(),
                reporter: r.report.reporter.clone(),
                reported_at: r.reported_at.chars().take(16).collect::<String>().replace('T', " "),
            };
            (r, line)
        })
        .collect())
}

#[derive(Deserialize)]
pub struct FlashQuery {
    ok: Option<String>,
    error: Option<String>,
}

pub async fn show(
    State(state): State<Arc<AppState>>,
    PageUser(user): PageUser,
    axum::extract::Query(q): axum::extract::Query<FlashQuery>,
) -> PageResult<Html<String>> {
    user.require(Action::Review)?;
    let snapshot = state.snapshot().await?;
    let rows = queue(&state, &snapshot).await?.into_iter().map(|(_, line)| line).collect();
    let chrome = Chrome::new(&user, "/review").with_flash(flash_from_query(q.ok, q.error));
    Ok(Html(render(&ReviewPage { chrome, view: ReviewView { rows } })?))
}

/// Accept or return one report, as `user`.
pub async fn decide(state: &Arc<AppState>, user: &CurrentUser, report_id: i64, review: Review) -> Result<(), WebError> {
    user.require(Action::Review)?;
    if let Review::Return { reason } = &review
        && reason.trim().is_empty()
    {
        return Err(WebError::bad("退回须填写理由"));
    }
    let report = state.store.report(report_id).await.map_err(anyhow::Error::from)?.ok_or(WebError::NotFound("报送"))?;
    if report.superseded_by.is_some() || report.report.review != luoshi_ledger::ReviewState::Submitted {
        return Err(WebError::bad("该报送已审核或已被更正"));
    }
    state.store.review_report(user.actor(), report_id, review).await.map_err(store_error)?;
    state.invalidate().await;
    Ok(())
}

#[derive(Deserialize)]
pub struct ReviewForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    reason: String,
}

pub async fn accept(
    State(state): State<Arc<AppState>>,
    PageUser(user): PageUser,
    Path(id): Path<i64>,
    Form(form): Form<ReviewForm>,
) -> PageResult<Response> {
    decide_from_form(&state, &user, id, &form.csrf, Review::Accept, "/review?ok=%E5%B7%B2%E9%87%87%E7%BA%B3").await
}

pub async fn return_report(
    State(state): State<Arc<AppState>>,
    PageUser(user): PageUser,
    Path(id): Path<i64>,
    Form(form): Form<ReviewForm>,
) -> PageResult<Response> {
    let review = Review::Return { reason: form.reason.trim().to_string() };
    decide_from_form(&state, &user, id, &form.csrf, review, "/review?ok=%E5%B7%B2%E9%80%80%E5%9B%9E").await
}

/// A review posted from the queue page: the form's CSRF token checked, then
/// [`decide`], then back to the queue with `done` (已采纳 / 已退回) shown.
async fn decide_from_form(
    state: &Arc<AppState>,
    user: &CurrentUser,
    id: i64,
    csrf: &str,
    review: Review,
    done: &str,
) -> PageResult<Response> {
    user.check_csrf(csrf)?;
    decide(state, user, id, review).await?;
    Ok(Redirect::to(done).into_response())
}
