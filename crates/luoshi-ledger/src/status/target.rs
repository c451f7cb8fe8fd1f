//! The status of one target (量化目标).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::labels::{Light, Status};
use super::progress::{is_rate_target, time_progress, work_progress};
use super::thresholds::Thresholds;
use crate::domain::{Comparator, TargetDraft};

/// What a target commits to, with the window it is judged over.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TargetPlan {
    pub metric: String,
    /// V: the target value.
    pub value: f64,
    pub unit: String,
    pub cmp: Comparator,
    /// B: 基数, the value at the plan's start (0 when unset).
    pub baseline: Option<f64>,
    /// s: 计划起始, Jan 1 of the plan year unless set.
    pub start: NaiveDate,
    /// D: 完成时限.
    pub deadline: NaiveDate,
}

impl TargetPlan {
    /// A plan from a draft; `default_deadline` stands in when the draft has
    /// none (the task's deadline, else the document's period end).
    pub fn from_draft(draft: &TargetDraft, start: NaiveDate, default_deadline: NaiveDate) -> Self {
        TargetPlan {
            metric: draft.metric.clone(),
            value: draft.value,
            unit: draft.unit.clone(),
            cmp: draft.cmp,
            baseline: draft.baseline,
            start,
            deadline: draft.deadline.unwrap_or(default_deadline),
        }
    }

    /// A growth-rate or share target (增速, 占比, %…): `w = A / V`.
    pub fn is_rate(&self) -> bool {
        is_rate_target(&self.metric, &self.unit)
    }

    /// Whether `actual` satisfies the comparator against V outright.
    fn reached_by(&self, actual: f64, about_tolerance: f64) -> bool {
        let v = self.value;
        match self.cmp {
            Comparator::AtLeast | Comparator::Exactly => actual >= v,
            Comparator::MoreThan => actual > v,
            Comparator::About => actual >= v - about_tolerance * v.abs(),
            Comparator::AtMost => actual <= v,
            Comparator::LessThan => actual < v,
        }
    }
}

/// A reported actual value A (cumulative) and the date it stands for.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Actual {
    pub value: f64,
    pub as_of: NaiveDate,
}

/// The judgement of one target on one day.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct TargetJudgement {
    /// t at the actual's date (at `today` when nothing was reported).
    pub time_progress: f64,
    /// w, when an actual value is known and w is defined.
    pub work_progress: Option<f64>,
    pub status: Status,
    pub light: Light,
    /// How far behind: `t − w` for ordinary targets (negative when ahead),
    /// the relative excess `(A − V) / |V|` for a control target over its
    /// limit, 0 when there is nothing to measure.
    pub behind_margin: f64,
}

/// The light of a status (TRACKING.md, "Lights"): green for done, ahead and
/// on track; a behind target is yellow while its margin is below the yellow
/// band, red beyond; overdue is red; unreported is yellow (a task turns red
/// after enough missed cycles, see `judge_task`).
pub fn light_for(status: Status, behind_margin: f64, thresholds: &Thresholds) -> Light {
    match status {
        Status::Done | Status::Ahead | Status::OnTrack => Light::Green,
        Status::Behind if behind_margin < thresholds.yellow_band => Light::Yellow,
        Status::Behind => Light::Red,
        Status::NotReported => Light::Yellow,
        Status::Overdue => Light::Red,
    }
}

/// Judges a target on `today` from its latest effective actual value.
///
/// Time progress is taken at the actual's own date: a cumulative figure as of
/// 06-30 is compared with the time gone by 06-30. Overdue is decided by
/// `today`. A non-finite actual is treated as no report.
pub fn judge_target(plan: &TargetPlan, actual: Option<Actual>, today: NaiveDate, thresholds: &Thresholds) -> TargetJudgement {
    let past_deadline = today > plan.deadline;
    let Some(actual) = actual.filter(|a| a.value.is_finite()) else {
        let status = if past_deadline { Status::Overdue } else { Status::NotReported };
        return TargetJudgement {
            time_progress: time_progress(plan.start, plan.deadline, today),
            work_progress: None,
            status,
            light: light_for(status, 0.0, thresholds),
            behind_margin: 0.0,
        };
    };
    let t = time_progress(plan.start, plan.deadline, actual.as_of);
    let w = work_progress(plan, actual.value);
    let (status, behind_margin) = if plan.cmp.is_control() {
        judge_control(plan, actual, past_deadline, thresholds)
    } else {
        judge_reaching(plan, actual.value, t, w, past_deadline, thresholds)
    };
    TargetJudgement { time_progress: t, work_progress: w, status, light: light_for(status, behind_margin, thresholds), behind_margin }
}

/// `>=`, `>`, `=`, `~`: reaching V, measured by w against t.
fn judge_reaching(
    plan: &TargetPlan,
    actual: f64,
    t: f64,
    w: Option<f64>,
    past_deadline: bool,
    thresholds: &Thresholds,
) -> (Status, f64) {
    let done = match w {
        Some(w) => match plan.cmp {
            Comparator::About => w >= 1.0 - thresholds.about_tolerance,
            // 超过/突破: reaching V exactly is not yet beyond it.
            Comparator::MoreThan => w > 1.0,
            _ => w >= 1.0,
        },
        // No distance between baseline and V: compare A with V outright.
        None => plan.reached_by(actual, thresholds.about_tolerance),
    };
    if done {
        return (Status::Done, 0.0);
    }
    let w = w.unwrap_or(0.0);
    let margin = t - w;
    let status = if past_deadline {
        Status::Overdue
    } else if w >= t + thresholds.ahead {
        Status::Ahead
    } else if w >= t + thresholds.on_track {
        Status::OnTrack
    } else {
        Status::Behind
    };
    (status, margin)
}

/// `<=`, `<` (控制在…以内): met while A stays within V. Within the limit it is
/// on track until an actual as of the deadline shows it done; over the limit
/// it is behind, overdue once the deadline has passed.
fn judge_control(plan: &TargetPlan, actual: Actual, past_deadline: bool, thresholds: &Thresholds) -> (Status, f64) {
    if plan.reached_by(actual.value, thresholds.about_tolerance) {
        let status = if actual.as_of >= plan.deadline {
            Status::Done
        } else if past_deadline {
            Status::Overdue
        } else {
            Status::OnTrack
        };
        return (status, 0.0);
    }
    let scale = if plan.value == 0.0 { 1.0 } else { plan.value.abs() };
    let excess = (actual.value - plan.value) / scale;
    (if past_deadline { Status::Overdue } else { Status::Behind }, excess)
}
