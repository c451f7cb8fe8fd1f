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

impl TaskJudgement {
    /// Whether the task belongs on the reminder list (催办): not done, and a
    /// closed cycle has passed without a report.
    pub fn needs_reminder(&self) -> bool {
        self.status != Status::Done && self.missed_cycles > 0
    }
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
/// The status is the worst of its targets' (or its milestone's), and so is
/// the light, taken separately. A task not
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
    // Status and light are each the worst found: a task with one target
    // unreported and another far behind is 未报送 and red.
    let judged = || targets.iter().chain(milestone.iter());
    let worst = (
        judged().map(|j| j.status).max().unwrap_or(Status::NotReported),
        judged().map(|j| j.light).max().unwrap_or(Light::Yellow),
    );

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Comparator;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn target(metric: &str, value: f64, unit: &str) -> TargetPlan {
        TargetPlan {
            metric: metric.into(),
            value,
            unit: unit.into(),
            cmp: Comparator::AtLeast,
            baseline: None,
            start: d(2024, 1, 1),
            deadline: d(2024, 12, 31),
        }
    }

    fn task(targets: Vec<TargetPlan>, cycle: Option<ReportingCycle>) -> TaskPlan {
        TaskPlan { start: d(2024, 1, 1), deadline: d(2024, 12, 31), targets, cycle }
    }

    fn actual(value: f64, as_of: NaiveDate) -> Option<Actual> {
        Some(Actual { value, as_of })
    }

    #[test]
    fn a_task_takes_its_worst_target() {
        let plan = task(vec![target("年度投资", 900.0, "亿元"), target("新开工项目", 100.0, "个")], None);
        let progress = TaskProgress {
            actuals: vec![actual(600.0, d(2024, 6, 30)), actual(30.0, d(2024, 6, 30))],
            last_report: Some(d(2024, 6, 30)),
            ..TaskProgress::default()
        };
        let j = judge_task(&plan, &progress, d(2024, 7, 2), &Thresholds::default());
        assert_eq!(j.targets[0].status, Status::Ahead);
        assert_eq!(j.targets[1].status, Status::Behind);
        assert_eq!((j.status, j.light), (Status::Behind, Light::Red));
        assert!(j.milestone.is_none());
    }

    #[test]
    fn among_equally_behind_targets_the_redder_light_wins() {
        let plan = task(vec![target("a", 100.0, "个"), target("b", 100.0, "个")], None);
        let progress = TaskProgress {
            actuals: vec![actual(40.0, d(2024, 6, 30)), actual(10.0, d(2024, 6, 30))],
            ..TaskProgress::default()
        };
        let j = judge_task(&plan, &progress, d(2024, 7, 1), &Thresholds::default());
        assert_eq!((j.status, j.light), (Status::Behind, Light::Red));
    }

    #[test]
    fn a_target_without_an_actual_makes_the_task_unreported() {
        let plan = task(vec![target("年度投资", 900.0, "亿元"), target("新开工项目", 100.0, "个")], None);
        let progress = TaskProgress { actuals: vec![actual(500.0, d(2024, 6, 30))], ..TaskProgress::default() };
        let j = judge_task(&plan, &progress, d(2024, 7, 1), &Thresholds::default());
        assert_eq!(j.targets[1].status, Status::NotReported);
        assert_eq!(j.status, Status::NotReported);
    }

    #[test]
    fn milestone_rows() {
        let th = Thresholds::default();
        let (s, e) = (d(2024, 1, 1), d(2024, 12, 31));
        let m = |state, as_of| Some(MilestoneObservation { state, as_of });
        let rows = [
            (m(MilestoneState::Done, d(2024, 5, 1)), d(2024, 5, 2), Status::Done),
            (m(MilestoneState::Done, d(2024, 5, 1)), d(2025, 5, 2), Status::Done),
            (m(MilestoneState::InProgress, d(2024, 5, 1)), d(2024, 5, 2), Status::OnTrack),
            (m(MilestoneState::InProgress, d(2024, 12, 1)), d(2025, 1, 1), Status::Overdue),
            (m(MilestoneState::NotStarted, d(2024, 1, 10)), d(2024, 1, 12), Status::OnTrack),
            (m(MilestoneState::NotStarted, d(2024, 3, 1)), d(2024, 3, 2), Status::Behind),
            (None, d(2024, 3, 2), Status::NotReported),
            (None, d(2025, 1, 2), Status::Overdue),
        ];
        for (observation, today, status) in rows {
            assert_eq!(judge_milestone(observation, s, e, today, &th).status, status, "{observation:?} {today}");
        }
        // 未启动 in mid-March: t ≈ 0.2 behind, red.
        let j = judge_milestone(m(MilestoneState::NotStarted, d(2024, 3, 15)), s, e, d(2024, 3, 16), &th);
        assert_eq!(j.light, Light::Red);
    }

    #[test]
    fn a_task_without_targets_is_judged_by_its_milestone() {
        let plan = task(vec![], None);
        let progress = TaskProgress {
            milestone: Some(MilestoneObservation { state: MilestoneState::InProgress, as_of: d(2024, 6, 30) }),
            last_report: Some(d(2024, 6, 30)),
            ..TaskProgress::default()
        };
        let j = judge_task(&plan, &progress, d(2024, 7, 1), &Thresholds::default());
        assert_eq!(j.status, Status::OnTrack);
        assert_eq!(j.milestone.map(|m| m.status), Some(Status::OnTrack));
        assert!(j.targets.is_empty());
    }

    #[test]
    fn a_closed_cycle_without_a_report_makes_the_task_unreported_then_red() {
        let plan = task(vec![target("年度投资", 900.0, "亿元")], Some(ReportingCycle::Monthly));
        let progress = TaskProgress {
            actuals: vec![actual(400.0, d(2024, 5, 31))],
            last_report: Some(d(2024, 5, 31)),
            ..TaskProgress::default()
        };
        let th = Thresholds::default();
        // June still open: the May figure stands (w 0.44 vs t 0.41).
        let j = judge_task(&plan, &progress, d(2024, 6, 20), &th);
        assert_eq!((j.status, j.light, j.missed_cycles), (Status::OnTrack, Light::Green, 0));
        // June closed without a report: 未报送, yellow.
        assert!(!j.needs_reminder());
        let j = judge_task(&plan, &progress, d(2024, 7, 5), &th);
        assert_eq!((j.status, j.light, j.missed_cycles), (Status::NotReported, Light::Yellow, 1));
        assert!(j.needs_reminder());
        // July closed too: red.
        let j = judge_task(&plan, &progress, d(2024, 8, 5), &th);
        assert_eq!((j.status, j.light, j.missed_cycles), (Status::NotReported, Light::Red, 2));
    }

    #[test]
    fn a_done_task_needs_no_more_reports() {
        let plan = task(vec![target("年度投资", 900.0, "亿元")], Some(ReportingCycle::Weekly));
        let progress = TaskProgress {
            actuals: vec![actual(950.0, d(2024, 9, 30))],
            last_report: Some(d(2024, 9, 30)),
            ..TaskProgress::default()
        };
        let j = judge_task(&plan, &progress, d(2024, 11, 30), &Thresholds::default());
        assert_eq!((j.status, j.light), (Status::Done, Light::Green));
        assert!(j.missed_cycles > 2);
        assert!(!j.needs_reminder());
    }

    #[test]
    fn overdue_stays_overdue_when_reports_also_stop() {
        let plan = task(vec![target("年度投资", 900.0, "亿元")], Some(ReportingCycle::Monthly));
        let progress = TaskProgress {
            actuals: vec![actual(700.0, d(2024, 10, 31))],
            last_report: Some(d(2024, 10, 31)),
            ..TaskProgress::default()
        };
        let j = judge_task(&plan, &progress, d(2025, 1, 15), &Thresholds::default());
        assert_eq!((j.status, j.light), (Status::Overdue, Light::Red));
        assert_eq!(j.missed_cycles, 2);
    }

    #[test]
    fn nothing_ever_reported_for_a_task_without_targets() {
        let plan = task(vec![], Some(ReportingCycle::Quarterly));
        let j = judge_task(&plan, &TaskProgress::default(), d(2024, 7, 2), &Thresholds::default());
        assert_eq!((j.status, j.light, j.missed_cycles), (Status::NotReported, Light::Red, 2));
    }
}
