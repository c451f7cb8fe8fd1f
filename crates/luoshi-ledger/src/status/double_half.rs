//! 双过半: at mid-year, or half way between start and deadline, a task
//! passes when its work is at least half done ("时间过半、任务过半").

use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};

use super::progress::work_progress;
use super::target::{Actual, TargetPlan};
use super::thresholds::Thresholds;
use crate::domain::MilestoneState;

/// The day 双过半 is checked: 06-30 for a plan spanning one calendar year
/// (the 二季度 report), else the midpoint between start and deadline.
pub fn double_half_checkpoint(start: NaiveDate, deadline: NaiveDate) -> NaiveDate {
    let whole_year = start.year() == deadline.year()
        && (start.month(), start.day()) == (1, 1)
        && (deadline.month(), deadline.day()) == (12, 31);
    if whole_year {
        return NaiveDate::from_ymd_opt(start.year(), 6, 30).unwrap_or(start);
    }
    let half = (deadline - start).num_days().max(0) / 2;
    start.checked_add_days(Days::new(half as u64)).unwrap_or(start)
}

/// Whether one target passes 双过半 with the actual it had at the checkpoint:
/// `w >= 0.5`; a control target passes while within its limit. No actual
/// (or an undefined w) fails: the office cannot count it as half done.
pub fn double_half_target(plan: &TargetPlan, actual: Option<Actual>, thresholds: &Thresholds) -> bool {
    let Some(actual) = actual.filter(|a| a.value.is_finite()) else { return false };
    if plan.cmp.is_control() {
        return match plan.cmp {
            crate::domain::Comparator::LessThan => actual.value < plan.value,
            _ => actual.value <= plan.value,
        };
    }
    work_progress(plan, actual.value).is_some_and(|w| w >= thresholds.double_half)
}

/// The 双过半 result of a task.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DoubleHalf {
    /// The day it is judged at.
    pub checkpoint: NaiveDate,
    pub passed: bool,
    /// Indices of the targets that did not pass.
    pub failing_targets: Vec<usize>,
}

/// 双过半 of a task: every target passes; a task without targets passes
/// when its milestone is 推进中 or 已完成 (under way by the half-way point).
pub fn double_half(
    start: NaiveDate,
    deadline: NaiveDate,
    targets: &[(TargetPlan, Option<Actual>)],
    milestone: Option<MilestoneState>,
    thresholds: &Thresholds,
) -> DoubleHalf {
    let checkpoint = double_half_checkpoint(start, deadline);
    let failing_targets: Vec<usize> = targets
        .iter()
        .enumerate()
        .filter(|(_, (plan, actual))| !double_half_target(plan, *actual, thresholds))
        .map(|(i, _)| i)
        .collect();
    let passed = if targets.is_empty() {
        matches!(milestone, Some(MilestoneState::InProgress | MilestoneState::Done))
    } else {
        failing_targets.is_empty()
    };
    DoubleHalf { checkpoint, passed, failing_targets }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Comparator;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn target(value: f64, cmp: Comparator) -> TargetPlan {
        TargetPlan {
            metric: "年度投资".into(),
            value,
            unit: "亿元".into(),
            cmp,
            baseline: None,
            start: d(2024, 1, 1),
            deadline: d(2024, 12, 31),
        }
    }

    fn actual(value: f64) -> Option<Actual> {
        Some(Actual { value, as_of: d(2024, 6, 30) })
    }

    #[test]
    fn checkpoint_is_mid_year_or_half_way() {
        assert_eq!(double_half_checkpoint(d(2024, 1, 1), d(2024, 12, 31)), d(2024, 6, 30));
        assert_eq!(double_half_checkpoint(d(2021, 1, 1), d(2023, 12, 31)), d(2022, 7, 2));
        assert_eq!(double_half_checkpoint(d(2024, 4, 1), d(2024, 6, 30)), d(2024, 5, 16));
        assert_eq!(double_half_checkpoint(d(2024, 4, 1), d(2024, 4, 1)), d(2024, 4, 1));
    }

    #[test]
    fn a_target_passes_at_half() {
        let th = Thresholds::default();
        assert!(double_half_target(&target(900.0, Comparator::AtLeast), actual(450.0), &th));
        assert!(!double_half_target(&target(900.0, Comparator::AtLeast), actual(449.0), &th));
        assert!(!double_half_target(&target(900.0, Comparator::AtLeast), None, &th));
        // A control target passes while within its limit.
        assert!(double_half_target(&target(5.5, Comparator::AtMost), actual(5.5), &th));
        assert!(!double_half_target(&target(5.5, Comparator::LessThan), actual(5.5), &th));
    }

    #[test]
    fn a_task_passes_when_every_target_does() {
        let th = Thresholds::default();
        let targets = vec![(target(900.0, Comparator::AtLeast), actual(500.0)), (target(100.0, Comparator::AtLeast), actual(40.0))];
        let result = double_half(d(2024, 1, 1), d(2024, 12, 31), &targets, None, &th);
        assert_eq!(result, DoubleHalf { checkpoint: d(2024, 6, 30), passed: false, failing_targets: vec![1] });
        let result = double_half(d(2024, 1, 1), d(2024, 12, 31), &targets[..1], None, &th);
        assert!(result.passed && result.failing_targets.is_empty());
    }

    #[test]
    fn a_task_without_targets_passes_once_under_way() {
        let th = Thresholds::default();
        let run = |m| double_half(d(2024, 1, 1), d(2024, 12, 31), &[], m, &th).passed;
        assert!(run(Some(MilestoneState::InProgress)));
        assert!(run(Some(MilestoneState::Done)));
        assert!(!run(Some(MilestoneState::NotStarted)));
        assert!(!run(None));
    }
}
