//! The status of a task (工作任务): its worst target, or its milestone
//! state when it has no targets, and whether its unit has reported.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::labels::{Light, Status};
use super::progress::time_progress;
use super::target::{Actual, TargetJudgement, TargetPlan, judge_target, light_for};
use super::thresholds::Thresholds;
use crate::domain::{MilestoneState, ReportingCycle};

/// What a task commits to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TaskPlan {
    /// 计划起始: Jan 1 of the plan year unless set.
    pub start: NaiveDate,
    /// 完成时限 of the task (its milestone is judged against it).
    pub deadline: NaiveDate,
    pub targets: Vec<TargetPlan>,
    /// 报送周期 of the document; `None` when no reporting is scheduled.
    pub cycle: Option<ReportingCycle>,
}

/// A reported milestone state and the date it stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MilestoneObservation {
    pub state: MilestoneState,
    pub as_of: NaiveDate,
}

/// What has been reported for a task, as of the day it is judged: the
/// effective report per target (see `progress::effective_report`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TaskProgress {
    /// One entry per target of the plan, in the same order.
    pub actuals: Vec<Option<Actual>>,
    /// The milestone state, for a task without targets.
    pub milestone: Option<MilestoneObservation>,
    /// The date of the latest report of any kind for the task.
    pub last_report: Option<NaiveDate>,
}

/// The judgement of one task on one day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TaskJudgement {
    pub status: Status,
    pub light: Light,
    /// Each target's judgement, in plan order (empty for a milestone task).
    pub targets: Vec<TargetJudgement>,
    /// The milestone judgement, for a task without targets.
    pub milestone: Option<TargetJudgement>,
    /// Closed cycles since the last report (连续未报送周期数).
    pub missed_cycles: u32,
}

/// Judges a milestone (a task without targets) against the task deadline:
/// 已完成 is done; past the deadline anything else is overdue; 推进中 is on
/// track; 未启动 counts as `w = 0` and is behind once time has moved past the
/// on-track tolerance; nothing reported is 未报送.
pub fn judge_milestone(
    milestone: Option<MilestoneObservation>,
    start: NaiveDate,
    deadline: NaiveDate,
    today: NaiveDate,
    thresholds: &Thresholds,
) -> TargetJudgement {
    let as_of = milestone.map_or(today, |m| m.as_of);
    let t = time_progress(start, deadline, as_of);
    let (status, w, margin) = match milestone.map(|m| m.state) {
        Some(MilestoneState::Done) => (Status::Done, Some(1.0), 0.0),
        _ if today > deadline => (Status::Overdue, None, 0.0),
        None => (Status::NotReported, None, 0.0),
        Some(MilestoneState::InProgress) => (Status::OnTrack, None, 0.0),
        Some(MilestoneState::NotStarted) if t + thresholds.on_track <= 0.0 => (Status::OnTrack, Some(0.0), t),
        Some(MilestoneState::NotStarted) => (Status::Behind, Some(0.0), t),
    };
    TargetJudgement { time_progress: t, work_progress: w, status, light: light_for(status, margin, thresholds), behind_margin: margin }
}

/// Judges a task on `today`.
///
/// The status is the worst of its targets' (or its milestone's). A task not
/// yet done whose last closed cycle passed without a report is 未报送 (unless
/// it is already overdue, which is worse), and turns red after
/// `red_after_missed_cycles` such cycles.
pub fn judge_task(plan: &TaskPlan, progress: &TaskProgress, today: NaiveDate, thresholds: &Thresholds) -> TaskJudgement {
    let targets: Vec<TargetJudgement> = plan
        .targets
        .iter()
        .enumerate()
        .map(|(i, target)| judge_target(target, progress.actuals.get(i).copied().flatten(), today, thresholds))
        .collect();
    let milestone = plan
        .targets
        .is_empty()
        .then(|| judge_milestone(progress.milestone, plan.start, plan.deadline, today, thresholds));
    let worst = targets
        .iter()
        .chain(milestone.iter())
        .max_by(|a, b| a.status.cmp(&b.status).then(a.light.cmp(&b.light)))
        .map_or((Status::NotReported, Light::Yellow), |j| (j.status, j.light));

    let missed_cycles = plan.cycle.map_or(0, |cycle| cycle.missed_cycles(plan.start, progress.last_report, today));
    let (mut status, mut light) = worst;
    if status != Status::Done && missed_cycles > 0 && !status.is_worse_than(Status::NotReported) {
        status = Status::NotReported;
        light = light.max(Light::Yellow);
    }
    if status != Status::Done && missed_cycles >= thresholds.red_after_missed_cycles {
        light = Light::Red;
    }
    TaskJudgement { status, light, targets, milestone, missed_cycles }
}
