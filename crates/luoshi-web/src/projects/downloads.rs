//! The 月调度表 (.xlsx) and the 三个一批 summary (.docx, .md) for download.

use std::sync::Arc;

use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use luoshi_ledger::projects::GroupBy;
use luoshi_ledger::{Action, Light};
use luoshi_report::projects::{PipelineSummaryInput, ProjectRow, dispatch_workbook, render_summary_docx, render_summary_markdown};
use luoshi_store::ProjectLine;

use super::{ProjectQuery, visible_lines};
use crate::auth::{CurrentUser, PageUser};
use crate::error::{PageResult, WebError};
use crate::pages::task::store_error;
use crate::state::AppState;

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

fn file(bytes: Vec<u8>, content_type: &'static str, name: String) -> Response {
    (
        [(header::CONTENT_TYPE, content_type.to_string()), (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\""))],
        bytes,
    )
        .into_response()
}

/// A dispatch-table row from a project line.
pub fn project_row(line: &ProjectLine) -> ProjectRow {
    let p = &line.project;
    ProjectRow {
        id: p.id,
        name: p.name.clone(),
        county: p.county.clone(),
        kind: p.kind.clone(),
        industry_chain: p.industry_chain.clone(),
        enterprise: p.enterprise.clone(),
        responsible_unit: p.responsible_unit.clone(),
        total_investment: p.total_investment,
        annual_planned_investment: p.annual_planned_investment,
        completed_investment: line.completed_investment,
        in_statistics: line.in_statistics,
        stage: line.stage,
        started_on: p.stages.started,
        progress: line.progress.clone().unwrap_or_default(),
        problems: line.problems.clone().unwrap_or_default(),
        investment_completion: line.investment_completion,
        light: line.light,
    }
}

async fn prepare(state: &AppState, user: &CurrentUser, query: &ProjectQuery) -> Result<(NaiveDate, Vec<ProjectLine>), WebError> {
    user.require(Action::ReadDashboards)?;
    let as_of = query.as_of(state)?;
    Ok((as_of, visible_lines(state, user, query, as_of).await?))
}

pub async fn dispatch(State(state): State<Arc<AppState>>, PageUser(user): PageUser, Query(query): Query<ProjectQuery>) -> PageResult<Response> {
    let (as_of, lines) = prepare(&state, &user, &query).await?;
    let rows: Vec<ProjectRow> = lines.iter().map(project_row).collect();
    let bytes = dispatch_workbook("重点项目月调度表", as_of, &rows).map_err(|e| WebError::Internal(e.into()))?;
    Ok(file(bytes, XLSX, format!("dispatch-{as_of}.xlsx")))
}

async fn summary_input(state: &AppState, user: &CurrentUser, query: &ProjectQuery) -> Result<PipelineSummaryInput, WebError> {
    let (as_of, lines) = prepare(state, user, query).await?;
    let stats = state.store.project_stats(&query.filter(), as_of, Some(GroupBy::County)).await.map_err(store_error)?;
    Ok(PipelineSummaryInput {
        title: "重点项目“三个一批”推进情况通报".into(),
        as_of,
        total: stats.total,
        by_county: stats.groups,
        lagging: lines.iter().filter(|l| l.light != Light::Green).map(project_row).collect(),
    })
}

pub async fn summary_docx(State(state): State<Arc<AppState>>, PageUser(user): PageUser, Query(query): Query<ProjectQuery>) -> PageResult<Response> {
    let input = summary_input(&state, &user, &query).await?;
    let bytes = render_summary_docx(&input).map_err(|e| WebError::Internal(e.into()))?;
    Ok(file(bytes, DOCX, format!("pipeline-{}.docx", input.as_of)))
}

pub async fn summary_markdown(State(state): State<Arc<AppState>>, PageUser(user): PageUser, Query(query): Query<ProjectQuery>) -> PageResult<Response> {
    let input = summary_input(&state, &user, &query).await?;
    Ok(file(render_summary_markdown(&input).into_bytes(), "text/markdown; charset=utf-8", format!("pipeline-{}.md", input.as_of)))
}
