//! The dashboard's numbers, computed from the snapshot for one viewer's
//! scope. The page and `GET /api/v1/dashboard` share them.

use std::collections::HashMap;

use luoshi_ledger::{Light, Status};
use serde::Serialize;
use utoipa::ToSchema;

use crate::snapshot::{Snapshot, TaskRow};

#[derive(Debug, Serialize, ToSchema)]
pub struct StatusCount {
    /// `done`, `ahead`, `on_track`, `behind`, `not_reported`, `overdue`.
    pub status: String,
    /// 已完成 / 超进度 / 达进度 / 欠进度 / 未报送 / 逾期未完成
    pub label: String,
    pub count: usize,
    /// Share of all tasks in scope, 0..1.
    pub share: f64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LightCount {
    /// `green`, `yellow`, `red`.
    pub light: String,
    pub label: String,
    pub count: usize,
    pub share: f64,
}

#[derive(Debug, Default, Clone, Serialize, ToSchema)]
pub struct UnitCount {
    pub unit_id: i64,
    pub name: String,
    pub total: usize,
    pub done: usize,
    pub ahead: usize,
    pub on_track: usize,
    pub behind: usize,
    pub not_reported: usize,
    pub overdue: usize,
    pub red: usize,
}

/// 双过半: targets judged at their half-way point, and how many passed.
#[derive(Debug, Serialize, ToSchema)]
pub struct DoubleHalfCount {
    pub judged: usize,
    pub passed: usize,
    pub share: f64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Dashboard {
    /// The day the statuses are judged at (YYYY-MM-DD).
    pub today: String,
    pub tasks: usize,
    pub targets: usize,
    pub by_status: Vec<StatusCount>,
    pub by_light: Vec<LightCount>,
    /// By lead unit (牵头单位), most red lights first.
    pub by_unit: Vec<UnitCount>,
    pub double_half: DoubleHalfCount,
    pub overdue: usize,
}

pub fn light_name(light: Light) -> &'static str {
    light.name()
}

fn share(part: usize, whole: usize) -> f64 {
    if whole == 0 { 0.0 } else { part as f64 / whole as f64 }
}

/// The dashboard over the tasks a viewer limited to `scope` may see.
pub fn dashboard(snapshot: &Snapshot, scope: Option<i64>) -> Dashboard {
    // Counted in arrays indexed like Status::ALL and Light::ALL (no hashing per task).
    let mut by_status = [0usize; 6];
    let mut by_light = [0usize; 3];
    let mut by_unit: HashMap<i64, UnitCount> = HashMap::new();
    let (mut total, mut targets, mut judged, mut passed) = (0, 0, 0, 0);
    for task in snapshot.visible(scope) {
        total += 1;
        targets += task.target_count;
        judged += task.half_judged;
        passed += task.half_passed;
        by_status[status_index(task.status)] += 1;
        by_light[light_index(task.light)] += 1;
        if let Some(lead) = task.lead_unit() {
            let row = by_unit.entry(lead).or_insert_with(|| UnitCount {
                unit_id: lead,
                name: task.lead_name().to_string(),
                ..UnitCount::default()
            });
            count_into(row, task);
        }
    }
    let mut units: Vec<UnitCount> = by_unit.into_values().collect();
    units.sort_by(|a, b| {
        b.red.cmp(&a.red).then(b.overdue.cmp(&a.overdue)).then(b.total.cmp(&a.total)).then(a.name.cmp(&b.name))
    });
    Dashboard {
        today: snapshot.today.map(|d| d.to_string()).unwrap_or_default(),
        tasks: total,
        targets,
        by_status: Status::ALL
            .iter()
            .map(|&s| {
                let count = by_status[status_index(s)];
                StatusCount { status: s.name().into(), label: s.label().into(), count, share: share(count, total) }
            })
            .collect(),
        by_light: Light::ALL
            .iter()
            .map(|&l| {
                let count = by_light[light_index(l)];
                LightCount { light: l.name().into(), label: l.label().into(), count, share: share(count, total) }
            })
            .collect(),
        by_unit: units,
        double_half: DoubleHalfCount { judged, passed, share: share(passed, judged) },
        overdue: by_status[status_index(Status::Overdue)],
    }
}

fn status_index(status: Status) -> usize {
    Status::ALL.iter().position(|s| *s == status).unwrap_or(0)
}

fn light_index(light: Light) -> usize {
    Light::ALL.iter().position(|l| *l == light).unwrap_or(0)
}

fn count_into(row: &mut UnitCount, task: &TaskRow) {
    row.total += 1;
    match task.status {
        Status::Done => row.done += 1,
        Status::Ahead => row.ahead += 1,
        Status::OnTrack => row.on_track += 1,
        Status::Behind => row.behind += 1,
        Status::NotReported => row.not_reported += 1,
        Status::Overdue => row.overdue += 1,
    }
    if task.light == Light::Red {
        row.red += 1;
    }
}

/// Rows of the overdue list shown on the dashboard.
pub const OVERDUE_ROWS: usize = 15;

/// A dashboard and its first overdue tasks (earliest deadline first).
#[derive(Debug)]
pub struct CachedDashboard {
    pub numbers: Dashboard,
    pub overdue_ids: Vec<i64>,
}

/// The dashboard for `scope`, computed once per snapshot.
pub fn cached_dashboard(snapshot: &Snapshot, scope: Option<i64>) -> std::sync::Arc<CachedDashboard> {
    if let Some(hit) = snapshot.dashboards.lock().expect("dashboard cache lock").get(&scope) {
        return hit.clone();
    }
    let numbers = dashboard(snapshot, scope);
    let mut overdue: Vec<&TaskRow> = snapshot.visible(scope).filter(|t| t.status == Status::Overdue).collect();
    // Only the first few are shown: select them in linear time, then sort those.
    if overdue.len() > OVERDUE_ROWS {
        overdue.select_nth_unstable_by_key(OVERDUE_ROWS, |t| (t.effective_deadline, t.id));
        overdue.truncate(OVERDUE_ROWS);
    }
    overdue.sort_by_key(|t| (t.effective_deadline, t.id));
    let cached = std::sync::Arc::new(CachedDashboard { numbers, overdue_ids: overdue.iter().map(|t| t.id).collect() });
    snapshot.dashboards.lock().expect("dashboard cache lock").insert(scope, cached.clone());
    cached
}
