//! 任务详情 (the source sentence highlighted in the document text, targets,
//! progress history with a chart) and 填报进展 (the unit's progress form).

use std::collections::HashMap;
use std::sync::Arc;

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use luoshi_ledger::{Action, MilestoneState, ReportSubject, ReportedValue};
use luoshi_store::NewReport;

use crate::auth::PageUser;
use crate::charts::{Point, Series, progress_chart};
use crate::chrome::Chrome;
use crate::error::{PageResult, WebError};
use crate::pages::{date_or_dash, number, render};
use crate::state::AppState;
use crate::tasks::{LoadedTask, load_for};

/// Characters of document text shown around the task's sentence.
const CONTEXT_CHARS: usize = 600;

pub struct TargetLine {
    pub metric: String,
    pub text: String,
    pub goal: String,
    pub deadline: String,
    pub actual: String,
    pub as_of: String,
    pub progress: String,
    pub status: &'static str,
    pub light: &'static str,
}

pub struct HistoryLine {
    pub as_of: String,
    pub subject: String,
    pub value: String,
    pub narrative: String,
    pub problems: String,
    pub next_steps: String,
    pub reporter: String,
    pub reported_at: String,
    pub review: &'static str,
    pub review_css: &'static str,
    pub reason: String,
}

pub struct TaskView {
    pub id: i64,
    pub title: String,
    pub document: String,
    pub section: String,
    pub lead: String,
    pub co_units: String,
    pub deadline: String,
    pub status: &'static str,
    pub light: &'static str,
    pub before: String,
    pub sentence: String,
    pub after: String,
    pub targets: Vec<TargetLine>,
    pub chart_svg: String,
    pub history: Vec<HistoryLine>,
    pub may_report: bool,
}

#[derive(Template)]
#[template(path = "task.html")]
struct TaskPage {
    chrome: Chrome,
    view: TaskView,
}

/// The text before, inside and after `span` (char offsets), trimmed to a window.
fn split_source(text: &str, span: Option<(i64, i64)>, fallback: &str) -> (String, String, String) {
    let Some((start, end)) = span else { return (String::new(), fallback.to_string(), String::new()) };
    let chars: Vec<char> = text.chars().collect();
    let (start, end) = (start.max(0) as usize, end.max(0) as usize);
    if start >= end || end > chars.len() {
        return (String::new(), fallback.to_string(), String::new());
    }
    let from = start.saturating_sub(CONTEXT_CHARS);
    let to = (end + CONTEXT_CHARS).min(chars.len());
    let mut before: String = chars[from..start].iter().collect();
    if from > 0 {
        before.insert(0, '…');
    }
    let mut after: String = chars[end..to].iter().collect();
    if to < chars.len() {
        after.push('…');
    }
    (before, chars[start..end].iter().collect(), after)
}

fn review_css(state: &luoshi_ledger::ReviewState) -> &'static str {
    match state {
        luoshi_ledger::ReviewState::Submitted => "blue",
        luoshi_ledger::ReviewState::Accepted => "green",
        luoshi_ledger::ReviewState::Returned { .. } => "red",
    }
}

fn subject_label(loaded: &LoadedTask, subject: ReportSubject) -> String {
    match subject {
        ReportSubject::Target(id) => {
            loaded.task.targets.iter().find(|t| t.id == id).map(|t| t.metric.clone()).unwrap_or_else(|| format!("目标{id}"))
        }
        ReportSubject::Task(_) => "节点状态".to_string(),
    }
}

fn value_label(value: ReportedValue) -> String {
    match value {
        ReportedValue::Actual(v) => number(v),
        ReportedValue::Milestone(m) => m.label().to_string(),
    }
}

pub async fn show(State(state): State<Arc<AppState>>, PageUser(user): PageUser, Path(id): Path<i64>) -> PageResult<Html<String>> {
    let loaded = load_for(&state, &user, id, Action::ViewTask).await?;
    let text = state.store.document_text(loaded.task.document_id).await.unwrap_or_default();
    let (before, sentence, after) = split_source(&text, loaded.task.span, &loaded.task.text);
    let units = loaded.unit_names();
    let judgement = &loaded.judgement;
    let targets = loaded
        .task
        .targets
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let j = judgement.targets.get(i);
            let actual = loaded.actuals.get(i).copied().flatten();
            TargetLine {
                metric: t.metric.clone(),
                text: t.source_text.clone(),
                goal: format!("{}{}{}", t.cmp.symbol(), number(t.value), t.unit),
                deadline: date_or_dash(loaded.plans.get(i).map(|p| p.deadline)),
                actual: actual.map(|a| format!("{}{}", number(a.value), t.unit)).unwrap_or_else(|| "—".into()),
                as_of: date_or_dash(actual.map(|a| a.as_of)),
                progress: j.and_then(|j| j.work_progress).map(|w| format!("{:.0}%", w * 100.0)).unwrap_or_else(|| "—".into()),
                status: j.map(|j| j.status.label()).unwrap_or("未报送"),
                light: j.map(|j| j.light.name()).unwrap_or("none"),
            }
        })
        .collect();
    let span_days = (loaded.deadline - loaded.start).num_days();
    let mut by_target: HashMap<i64, Vec<Point>> = HashMap::new();
    for r in loaded.reports.iter().filter(|r| r.report.counts_under(luoshi_ledger::ReviewPolicy::Filed)) {
        if let (ReportSubject::Target(tid), ReportedValue::Actual(v)) = (r.report.subject, r.report.value) {
            by_target.entry(tid).or_default().push(Point { day: (r.report.as_of - loaded.start).num_days(), value: v });
        }
    }
    let series: Vec<Series<'_>> = loaded
        .task
        .targets
        .iter()
        .filter_map(|t| by_target.remove(&t.id).map(|points| Series { name: &t.metric, goal: t.value, points }))
        .collect();
    let chart_svg = if series.is_empty() {
        String::new()
    } else {
        progress_chart(span_days, &loaded.start.to_string(), &loaded.deadline.to_string(), &series)
    };
    let history = loaded
        .reports
        .iter()
        .rev()
        .map(|r| HistoryLine {
            as_of: r.report.as_of.to_string(),
            subject: subject_label(&loaded, r.report.subject),
            value: value_label(r.report.value),
            narrative: r.report.narrative.clone(),
            problems: r.report.problems.clone(),
            next_steps: r.report.next_steps.clone(),
            reporter: r.report.reporter.clone(),
            reported_at: r.reported_at.chars().take(16).collect::<String>().replace('T', " "),
            review: if r.superseded_by.is_some() { "已更正" } else { r.report.review.label() },
            review_css: if r.superseded_by.is_some() { "none" } else { review_css(&r.report.review) },
            reason: match &r.report.review {
                luoshi_ledger::ReviewState::Returned { reason } => reason.clone(),
                _ => String::new(),
            },
        })
        .collect();
    let view = TaskView {
        id,
        title: loaded.task.title.clone(),
        document: loaded.document_title.clone(),
        section: loaded.task.section_path.join(" / "),
        lead: units.first().cloned().unwrap_or_default(),
        co_units: units.iter().skip(1).cloned().collect::<Vec<_>>().join("、"),
        deadline: loaded.deadline.to_string(),
        status: judgement.status.label(),
        light: judgement.light.name(),
        before,
        sentence,
        after,
        targets,
        chart_svg,
        history,
        may_report: user.may_on(Action::ReportProgress, &units),
    };
    Ok(Html(render(&TaskPage { chrome: Chrome::new(&user, "/tasks"), view })?))
}

pub struct FormTarget {
    pub id: i64,
    pub metric: String,
    pub unit: String,
    pub goal: String,
    pub last: String,
}

pub struct ReportFormView {
    pub id: i64,
    pub title: String,
    pub lead: String,
    pub deadline: String,
    pub as_of: String,
    pub targets: Vec<FormTarget>,
    pub milestones: Vec<&'static str>,
    pub error: Option<String>,
}

#[derive(Template)]
#[template(path = "report_form.html")]
struct ReportFormPage {
    chrome: Chrome,
    view: ReportFormView,
}

fn form_view(state: &AppState, loaded: &LoadedTask, error: Option<String>) -> ReportFormView {
    ReportFormView {
        id: loaded.task.id,
        title: loaded.task.title.clone(),
        lead: loaded.task.units.first().map(|u| u.name.clone()).unwrap_or_default(),
        deadline: loaded.deadline.to_string(),
        as_of: state.today().to_string(),
        targets: loaded
            .task
            .targets
            .iter()
            .enumerate()
            .map(|(i, t)| FormTarget {
                id: t.id,
                metric: t.metric.clone(),
                unit: t.unit.clone(),
                goal: format!("{}{}{}", t.cmp.symbol(), number(t.value), t.unit),
                last: loaded.actuals.get(i).copied().flatten().map(|a| format!("{}（{}）", number(a.value), a.as_of)).unwrap_or_default(),
            })
            .collect(),
        milestones: MilestoneState::ALL.iter().map(|m| m.label()).collect(),
        error,
    }
}

pub async fn report_form(State(state): State<Arc<AppState>>, PageUser(user): PageUser, Path(id): Path<i64>) -> PageResult<Html<String>> {
    let loaded = load_for(&state, &user, id, Action::ReportProgress).await?;
    let view = form_view(&state, &loaded, None);
    Ok(Html(render(&ReportFormPage { chrome: Chrome::new(&user, "/tasks"), view })?))
}

/// What a filed progress form turns into: one report per filled target, or
/// one milestone report; all in the same texts and date.
pub struct Filing {
    pub as_of: NaiveDate,
    pub values: Vec<(i64, f64)>,
    pub milestone: Option<MilestoneState>,
    pub narrative: String,
    pub problems: String,
    pub next_steps: String,
}

/// Check a filing against the task and turn it into reports.
pub fn filing_to_reports(loaded: &LoadedTask, filing: Filing) -> Result<Vec<NewReport>, WebError> {
    let texts = |subject, value| NewReport {
        subject,
        as_of: filing.as_of,
        value,
        narrative: filing.narrative.trim().to_string(),
        problems: filing.problems.trim().to_string(),
        next_steps: filing.next_steps.trim().to_string(),
    };
    if filing.narrative.trim().is_empty() {
        return Err(WebError::bad("请填写进展情况"));
    }
    let mut reports = Vec::new();
    for (target_id, value) in &filing.values {
        if !loaded.task.targets.iter().any(|t| t.id == *target_id) {
            return Err(WebError::bad(format!("目标 {target_id} 不属于本任务")));
        }
        if !value.is_finite() {
            return Err(WebError::bad("完成值必须是数字"));
        }
        reports.push(texts(ReportSubject::Target(*target_id), ReportedValue::Actual(*value)));
    }
    if let Some(state) = filing.milestone {
        if !loaded.task.targets.is_empty() {
            return Err(WebError::bad("有量化目标的任务按目标填报完成值"));
        }
        reports.push(texts(ReportSubject::Task(loaded.task.id), ReportedValue::Milestone(state)));
    }
    if reports.is_empty() {
        return Err(WebError::bad(if loaded.task.targets.is_empty() { "请选择节点状态" } else { "请至少填写一项完成值" }));
    }
    Ok(reports)
}

/// Store the reports of one filing.
pub async fn file_reports(state: &AppState, actor: &str, reports: Vec<NewReport>) -> Result<Vec<i64>, WebError> {
    let mut ids = Vec::new();
    for report in reports {
        ids.push(state.store.add_report(actor, report).await.map_err(store_error)?);
    }
    state.invalidate().await;
    Ok(ids)
}

/// A store refusal is the user's mistake (400); anything else is ours.
pub fn store_error(err: luoshi_store::StoreError) -> WebError {
    match err {
        luoshi_store::StoreError::Invalid(message) => WebError::BadRequest(message),
        luoshi_store::StoreError::NotFound { entity, .. } => {
            let _ = entity;
            WebError::NotFound("记录")
        }
        other => WebError::Internal(other.into()),
    }
}

pub async fn report_submit(
    State(state): State<Arc<AppState>>,
    PageUser(user): PageUser,
    Path(id): Path<i64>,
    Form(form): Form<HashMap<String, String>>,
) -> PageResult<Response> {
    user.check_csrf(form.get("csrf").map(String::as_str).unwrap_or(""))?;
    let loaded = load_for(&state, &user, id, Action::ReportProgress).await?;
    let field = |name: &str| form.get(name).cloned().unwrap_or_default();
    let parsed = (|| -> Result<Filing, WebError> {
        let as_of = NaiveDate::parse_from_str(field("as_of").trim(), "%Y-%m-%d").map_err(|_| WebError::bad("截至日期格式应为 YYYY-MM-DD"))?;
        if as_of > state.today() {
            return Err(WebError::bad("截至日期不能晚于今天"));
        }
        let mut values = Vec::new();
        for t in &loaded.task.targets {
            let raw = field(&format!("target_{}", t.id));
            let raw = raw.trim();
            if !raw.is_empty() {
                values.push((t.id, raw.parse::<f64>().map_err(|_| WebError::bad(format!("{}的完成值不是数字", t.metric)))?));
            }
        }
        let milestone = if loaded.task.targets.is_empty() {
            Some(MilestoneState::from_label(&field("milestone")).ok_or_else(|| WebError::bad("请选择节点状态"))?)
        } else {
            None
        };
        Ok(Filing { as_of, values, milestone, narrative: field("narrative"), problems: field("problems"), next_steps: field("next_steps") })
    })();
    let result = match parsed {
        Ok(filing) => filing_to_reports(&loaded, filing),
        Err(e) => Err(e),
    };
    match result {
        Ok(reports) => {
            file_reports(&state, user.actor(), reports).await?;
            Ok(Redirect::to(&format!("/tasks/{id}")).into_response())
        }
        Err(WebError::BadRequest(message)) => {
            let view = form_view(&state, &loaded, Some(message));
            let html = render(&ReportFormPage { chrome: Chrome::new(&user, "/tasks"), view })?;
            Ok((axum::http::StatusCode::BAD_REQUEST, Html(html)).into_response())
        }
        Err(other) => Err(other.into()),
    }
}
