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

#[derive(Debug, Default, Serialize, ToSchema)]
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
    let mut by_status: HashMap<Status, usize> = HashMap::new();
    let mut by_light: HashMap<Light, usize> = HashMap::new();
    let mut by_unit: HashMap<i64, UnitCount> = HashMap::new();
    let (mut total, mut targets, mut judged, mut passed) = (0, 0, 0, 0);
    for task in snapshot.visible(scope) {
        total += 1;
        targets += task.target_count;
        judged += task.half_judged;
        passed += task.half_passed;
        *by_status.entry(task.status).or_default() += 1;
        *by_light.entry(task.light).or_default() += 1;
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
                let count = by_status.get(&s).copied().unwrap_or(0);
                StatusCount { status: s.name().into(), label: s.label().into(), count, share: share(count, total) }
            })
            .collect(),
        by_light: Light::ALL
            .iter()
            .map(|&l| {
                let count = by_light.get(&l).copied().unwrap_or(0);
                LightCount { light: l.name().into(), label: l.label().into(), count, share: share(count, total) }
            })
            .collect(),
        by_unit: units,
        double_half: DoubleHalfCount { judged, passed, share: share(passed, judged) },
        overdue: by_status.get(&Status::Overdue).copied().unwrap_or(0),
    }
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
