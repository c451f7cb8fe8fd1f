//! 总览: counts and shares by status and light, by unit, 双过半, overdue.

use std::sync::Arc;

use askama::Template;
use axum::extract::State;
use axum::response::{Html, IntoResponse, Redirect, Response};
use luoshi_ledger::{Action, Light, Status};

use crate::auth::PageUser;
use crate::charts::{Bar, bar_chart};
use crate::chrome::Chrome;
use crate::error::PageResult;
use crate::pages::{date_or_dash, percent, render};
use crate::state::AppState;
use crate::snapshot::TaskRow;
use crate::summary::{UnitCount, cached_dashboard};

/// Colours of the statuses, best to worst (same order as `Status::ALL`).
pub const STATUS_COLOURS: [(Status, &str); 6] = [
    (Status::Done, "#2e7d32"),
    (Status::Ahead, "#43a047"),
    (Status::OnTrack, "#7cb342"),
    (Status::Behind, "#d49b00"),
    (Status::NotReported, "#8a94a0"),
    (Status::Overdue, "#c62828"),
];

pub fn status_colour(status: Status) -> &'static str {
    STATUS_COLOURS.iter().find(|(s, _)| *s == status).map(|(_, c)| *c).unwrap_or("#8a94a0")
}

const LIGHT_COLOURS: [(Light, &str); 3] = [(Light::Green, "#2e7d32"), (Light::Yellow, "#d49b00"), (Light::Red, "#c62828")];

/// At most this many units are listed; the rest are reachable by filter.
const UNIT_ROWS: usize = 40;

pub struct Card {
    pub key: &'static str,
    pub label: &'static str,
    pub count: usize,
    pub share: String,
    pub light: &'static str,
}

pub struct HalfView {
    pub checkpoint: String,
    pub judged: usize,
    pub passed: usize,
    pub failed: usize,
    pub share: String,
}

pub struct OverdueLine {
    pub id: i64,
    pub title: String,
    pub lead: String,
    pub deadline: String,
}

pub struct DashboardView {
    pub today: String,
    pub scope: Option<String>,
    pub total: usize,
    pub targets: usize,
    pub cards: Vec<Card>,
    pub status_svg: String,
    pub light_svg: String,
    pub double_half: Option<HalfView>,
    pub units: Vec<UnitCount>,
    pub units_hidden: usize,
    pub overdue: Vec<OverdueLine>,
    pub overdue_total: usize,
}

#[derive(Template)]
#[template(path = "dashboard.html")]
struct DashboardPage {
    chrome: Chrome,
    view: DashboardView,
}

pub async fn show(State(state): State<Arc<AppState>>, PageUser(user): PageUser) -> PageResult<Response> {
    if !user.may_overall(Action::ReadDashboards) {
        // A unit reporter's start page is the list of the unit's tasks.
        return Ok(Redirect::to("/tasks").into_response());
    }
    let snapshot = state.snapshot().await?;
    let scope = user.unit_scope();
    let cached = cached_dashboard(&snapshot, scope);
    let numbers = &cached.numbers;
    let cards = numbers
        .by_status
        .iter()
        .zip(Status::ALL)
        .map(|(count, status)| Card {
            key: status.name(),
            label: status.label(),
            count: count.count,
            share: percent(count.count, numbers.tasks),
            light: match status {
                Status::Done | Status::Ahead | Status::OnTrack => "green",
                Status::Behind => "yellow",
                Status::NotReported => "none",
                Status::Overdue => "red",
            },
        })
        .collect();
    let status_bars: Vec<Bar<'_>> = numbers
        .by_status
        .iter()
        .zip(Status::ALL)
        .map(|(c, s)| Bar { label: s.label(), value: c.count, colour: status_colour(s) })
        .collect();
    let light_labels = ["绿灯", "黄灯", "红灯"];
    let light_bars: Vec<Bar<'_>> = numbers
        .by_light
        .iter()
        .zip(LIGHT_COLOURS)
        .zip(light_labels)
        .map(|((c, (_, colour)), label)| Bar { label, value: c.count, colour })
        .collect();
    let overdue_total = numbers.overdue;
    let overdue: Vec<&TaskRow> = cached.overdue_ids.iter().filter_map(|id| snapshot.task(*id)).collect();
    let half = &numbers.double_half;
    let checkpoint = snapshot
        .documents
        .first()
        .map(|d| luoshi_ledger::double_half_checkpoint(d.start, d.end).to_string())
        .unwrap_or_default();
    let units_hidden = numbers.by_unit.len().saturating_sub(UNIT_ROWS);
    let view = DashboardView {
        today: numbers.today.clone(),
        scope: match scope {
            Some(_) => user.unit_name.clone(),
            None => None,
        },
        total: numbers.tasks,
        targets: numbers.targets,
        cards,
        status_svg: bar_chart("按状态", &status_bars),
        light_svg: bar_chart("按灯色", &light_bars),
        double_half: (half.judged > 0).then(|| HalfView {
            checkpoint,
            judged: half.judged,
            passed: half.passed,
            failed: half.judged - half.passed,
            share: percent(half.passed, half.judged),
        }),
        units: numbers.by_unit.iter().take(UNIT_ROWS).cloned().collect(),
        units_hidden,
        overdue: overdue
            .into_iter()
            .map(|t| OverdueLine {
                id: t.id,
                title: t.title.clone(),
                lead: t.lead_name().to_string(),
                deadline: date_or_dash(Some(t.effective_deadline)),
            })
            .collect(),
        overdue_total,
    };
    Ok(Html(render(&DashboardPage { chrome: Chrome::new(&user, "/"), view })?).into_response())
}
