//! 催办: who has not reported this cycle (未报送), what is overdue, the
//! printable 督办催办单 per unit, and recording that a reminder was sent.

use std::collections::BTreeMap;
use std::sync::Arc;

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use chrono::Days;
use luoshi_ledger::{Action, ReportingCycle, Status};
use serde::Deserialize;

use crate::auth::PageUser;
use crate::chrome::{Chrome, flash_from_query};
use crate::error::{PageResult, WebError};
use crate::pages::{date_or_dash, render};
use crate::pages::task::store_error;
use crate::snapshot::{Snapshot, TaskRow};
use crate::state::AppState;

/// Working days a unit gets to answer a 催办单.
const ANSWER_DAYS: u64 = 3;

pub struct UnitLine {
    pub unit_id: i64,
    pub name: String,
    pub unreported: usize,
    pub overdue: usize,
    pub sample: String,
}

pub struct OverdueLine {
    pub id: i64,
    pub title: String,
    pub lead: String,
    pub deadline: String,
    pub last_report: String,
}

pub struct IssuedLine {
    pub at: String,
    pub unit: String,
    pub task: String,
    pub message: String,
    pub by: String,
}

pub struct RemindersView {
    pub cycle: &'static str,
    pub since: String,
    pub unreported_total: usize,
    pub units: Vec<UnitLine>,
    pub overdue: Vec<OverdueLine>,
    pub issued: Vec<IssuedLine>,
}

#[derive(Template)]
#[template(path = "reminders.html")]
struct RemindersPage {
    chrome: Chrome,
    view: RemindersView,
}

/// A task needs chasing when it has missed a report or is overdue.
pub fn needs_reminder(task: &TaskRow) -> bool {
    matches!(task.status, Status::NotReported | Status::Overdue)
}

/// Tasks needing a reminder, grouped by lead unit (unit id → tasks).
pub fn by_unit(snapshot: &Snapshot) -> BTreeMap<i64, Vec<&TaskRow>> {
    let mut map: BTreeMap<i64, Vec<&TaskRow>> = BTreeMap::new();
    for task in snapshot.tasks.iter().filter(|t| needs_reminder(t)) {
        if let Some(lead) = task.lead_unit() {
            map.entry(lead).or_default().push(task);
        }
    }
    map
}

fn cycle_of(snapshot: &Snapshot) -> ReportingCycle {
    snapshot.documents.first().and_then(|d| d.cycle).unwrap_or(ReportingCycle::Monthly)
}

#[derive(Deserialize)]
pub struct FlashQuery {
    ok: Option<String>,
    error: Option<String>,
}

pub async fn show(State(state): State<Arc<AppState>>, PageUser(user): PageUser, Query(q): Query<FlashQuery>) -> PageResult<Html<String>> {
    user.require(Action::IssueReminder)?;
    let snapshot = state.snapshot().await?;
    let cycle = cycle_of(&snapshot);
    let (since, _) = cycle.period_of(state.today());
    let groups = by_unit(&snapshot);
    let mut units: Vec<UnitLine> = groups
        .iter()
        .map(|(unit, tasks)| UnitLine {
            unit_id: *unit,
            name: snapshot.unit_names.get(unit).cloned().unwrap_or_default(),
            unreported: tasks.iter().filter(|t| t.status == Status::NotReported).count(),
            overdue: tasks.iter().filter(|t| t.status == Status::Overdue).count(),
            sample: tasks.first().map(|t| t.title.clone()).unwrap_or_default(),
        })
        .collect();
    units.sort_by(|a, b| (b.unreported + b.overdue).cmp(&(a.unreported + a.overdue)).then(a.name.cmp(&b.name)));
    let mut overdue: Vec<&TaskRow> = snapshot.tasks.iter().filter(|t| t.status == Status::Overdue).collect();
    overdue.sort_by_key(|t| (t.effective_deadline, t.id));
    let issued = state
        .store
        .reminders(None)
        .await
        .map_err(anyhow::Error::from)?
        .into_iter()
        .take(50)
        .map(|r| IssuedLine {
            at: r.issued_at.chars().take(16).collect::<String>().replace('T', " "),
            unit: r.unit_id.and_then(|u| snapshot.unit_names.get(&u).cloned()).unwrap_or_default(),
            task: snapshot.task(r.task_id).map(|t| t.title.clone()).unwrap_or_default(),
            message: r.message,
            by: r.issued_by,
        })
        .collect();
    let view = RemindersView {
        cycle: cycle.label(),
        since: since.to_string(),
        unreported_total: snapshot.tasks.iter().filter(|t| t.status == Status::NotReported).count(),
        units,
        overdue: overdue
            .into_iter()
            .take(200)
            .map(|t| OverdueLine {
                id: t.id,
                title: t.title.clone(),
                lead: t.lead_name().to_string(),
                deadline: date_or_dash(Some(t.effective_deadline)),
                last_report: t.last_report.map(|d| d.to_string()).unwrap_or_else(|| "未报送".into()),
            })
            .collect(),
        issued,
    };
    let chrome = Chrome::new(&user, "/reminders").with_flash(flash_from_query(q.ok, q.error));
    Ok(Html(render(&RemindersPage { chrome, view })?))
}

pub struct NoticeTask {
    pub title: String,
    pub deadline: String,
    pub reason: &'static str,
}

pub struct NoticeView {
    pub unit: String,
    pub number: String,
    pub today: String,
    pub due: String,
    pub cycle: &'static str,
    pub unreported: usize,
    pub overdue: usize,
    pub tasks: Vec<NoticeTask>,
}

#[derive(Template)]
#[template(path = "notice.html")]
struct NoticePage {
    view: NoticeView,
}

#[derive(Deserialize)]
pub struct UnitQuery {
    unit: Option<i64>,
}

/// 督办催办单 for one unit: printable on its own.
pub async fn notice(State(state): State<Arc<AppState>>, PageUser(user): PageUser, Query(q): Query<UnitQuery>) -> PageResult<Html<String>> {
    user.require(Action::IssueReminder)?;
    let unit = q.unit.ok_or_else(|| WebError::bad("请指定单位"))?;
    let snapshot = state.snapshot().await?;
    let name = snapshot.unit_names.get(&unit).cloned().ok_or(WebError::NotFound("单位"))?;
    let groups = by_unit(&snapshot);
    let tasks = groups.get(&unit).cloned().unwrap_or_default();
    let today = state.today();
    let view = NoticeView {
        unit: name,
        number: format!("督催〔{}〕{}号", today.format("%Y"), today.format("%m%d")),
        today: today.format("%Y年%m月%d日").to_string(),
        due: (today + Days::new(ANSWER_DAYS)).format("%Y年%m月%d日").to_string(),
        cycle: cycle_of(&snapshot).label(),
        unreported: tasks.iter().filter(|t| t.status == Status::NotReported).count(),
        overdue: tasks.iter().filter(|t| t.status == Status::Overdue).count(),
        tasks: tasks
            .iter()
            .map(|t| NoticeTask {
                title: t.title.clone(),
                deadline: date_or_dash(Some(t.effective_deadline)),
                reason: if t.status == Status::Overdue { "逾期未完成" } else { "未报送" },
            })
            .collect(),
    };
    Ok(Html(render(&NoticePage { view })?))
}

/// Record a reminder to `unit` for each of its tasks that needs one; returns how many.
pub async fn issue(state: &Arc<AppState>, actor: &str, unit: i64) -> Result<usize, WebError> {
    let snapshot = state.snapshot().await?;
    if !snapshot.unit_names.contains_key(&unit) {
        return Err(WebError::NotFound("单位"));
    }
    let groups = by_unit(&snapshot);
    let tasks = groups.get(&unit).cloned().unwrap_or_default();
    let due = state.today() + Days::new(ANSWER_DAYS);
    for task in &tasks {
        let message = if task.status == Status::Overdue {
            format!("“{}”已逾期，请于{due}前报送完成情况", task.title)
        } else {
            format!("“{}”本期未报送，请于{due}前报送进展", task.title)
        };
        state.store.add_reminder(actor, task.id, Some(unit), &message, Some(due)).await.map_err(store_error)?;
    }
    state.invalidate().await;
    Ok(tasks.len())
}

#[derive(Deserialize)]
pub struct IssueForm {
    #[serde(default)]
    csrf: String,
    unit: Option<i64>,
}

pub async fn issue_submit(State(state): State<Arc<AppState>>, PageUser(user): PageUser, Form(form): Form<IssueForm>) -> PageResult<Response> {
    user.check_csrf(&form.csrf)?;
    user.require(Action::IssueReminder)?;
    let unit = form.unit.ok_or_else(|| WebError::bad("请指定单位"))?;
    let n = issue(&state, user.actor(), unit).await?;
    let text = format!("已登记催办 {n} 项");
    Ok(Redirect::to(&format!("/reminders?ok={}", crate::pages::url_encode(&text))).into_response())
}
