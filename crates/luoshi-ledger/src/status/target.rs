//! The status of one target (量化目标).

use chrono::{Datelike, NaiveDate};
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

    /// Like `from_draft`, for the day `today`: a yearly quota (每年…) is
    /// judged over the plan year containing `today` (see `yearly_window`),
    /// any other target as `from_draft` gives it.
    pub fn from_draft_on(draft: &TargetDraft, start: NaiveDate, default_deadline: NaiveDate, today: NaiveDate) -> Self {
        let plan = TargetPlan::from_draft(draft, start, default_deadline);
        if !draft.yearly {
            return plan;
        }
        let (start, deadline) = yearly_window(start, plan.deadline.max(default_deadline), today);
        TargetPlan { start, deadline, ..plan }
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

/// The plan year a yearly quota is judged over on `today`: the calendar
/// year of `today`, kept within the plan period `start..=end` (before the
/// period, its first year; after it, its last).
pub fn yearly_window(start: NaiveDate, end: NaiveDate, today: NaiveDate) -> (NaiveDate, NaiveDate) {
    let year = today.year().clamp(start.year(), end.year().max(start.year()));
    let first = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(start).max(start);
    let last = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(end).min(end.max(start));
    (first, last)
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
/// `today`. A non-finite actual, or one dated before the plan's start (last
/// year's figure for a yearly quota), is treated as no report.
pub fn judge_target(plan: &TargetPlan, actual: Option<Actual>, today: NaiveDate, thresholds: &Thresholds) -> TargetJudgement {
    let past_deadline = today > plan.deadline;
    let Some(actual) = actual.filter(|a| a.value.is_finite() && a.as_of >= plan.start) else {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// A 2024 target over the calendar year.
    fn plan(metric: &str, value: f64, unit: &str, cmp: Comparator) -> TargetPlan {
        TargetPlan {
            metric: metric.into(),
            value,
            unit: unit.into(),
            cmp,
            baseline: None,
            start: d(2024, 1, 1),
            deadline: d(2024, 12, 31),
        }
    }

    fn judge(plan: &TargetPlan, value: f64, as_of: NaiveDate, today: NaiveDate) -> TargetJudgement {
        judge_target(plan, Some(Actual { value, as_of }), today, &Thresholds::default())
    }

    /// The investment target of the spec: 900亿元 for the year.
    fn investment() -> TargetPlan {
        plan("年度投资", 900.0, "亿元", Comparator::AtLeast)
    }

    #[test]
    fn on_track_when_work_keeps_pace_with_time() {
        // 完成投资450亿元 as of 06-30: w = 0.5, t = 181/365 ≈ 0.496.
        let j = judge(&investment(), 450.0, d(2024, 6, 30), d(2024, 7, 5));
        assert_eq!(j.status, Status::OnTrack);
        assert_eq!(j.light, Light::Green);
        assert_eq!(j.work_progress, Some(0.5));
        assert!((j.time_progress - 181.0 / 365.0).abs() < 1e-12);
    }

    #[test]
    fn the_on_track_and_ahead_boundaries() {
        let t = 181.0 / 365.0;
        let at = |w: f64| judge(&investment(), w * 900.0, d(2024, 6, 30), d(2024, 7, 1)).status;
        assert_eq!(at(t + 0.10 + 1e-9), Status::Ahead);
        assert_eq!(at(t + 0.10 - 1e-6), Status::OnTrack);
        assert_eq!(at(t - 0.05 + 1e-9), Status::OnTrack);
        assert_eq!(at(t - 0.05 - 1e-6), Status::Behind);
    }

    #[test]
    fn behind_is_yellow_within_the_band_and_red_beyond() {
        let t = 181.0 / 365.0;
        // 0.10 behind time: yellow.
        let j = judge(&investment(), (t - 0.10) * 900.0, d(2024, 6, 30), d(2024, 7, 1));
        assert_eq!((j.status, j.light), (Status::Behind, Light::Yellow));
        assert!((j.behind_margin - 0.10).abs() < 1e-9);
        // 0.20 behind time: red.
        let j = judge(&investment(), (t - 0.20) * 900.0, d(2024, 6, 30), d(2024, 7, 1));
        assert_eq!((j.status, j.light), (Status::Behind, Light::Red));
    }

    #[test]
    fn done_when_the_value_is_reached_even_early() {
        let j = judge(&investment(), 905.0, d(2024, 10, 31), d(2024, 11, 2));
        assert_eq!((j.status, j.light), (Status::Done, Light::Green));
        // Still done long after the deadline.
        assert_eq!(judge(&investment(), 905.0, d(2024, 10, 31), d(2025, 3, 1)).status, Status::Done);
    }

    #[test]
    fn overdue_once_past_the_deadline_and_not_done() {
        let j = judge(&investment(), 850.0, d(2024, 12, 31), d(2025, 1, 1));
        assert_eq!((j.status, j.light), (Status::Overdue, Light::Red));
        // On the deadline day itself it is not yet overdue.
        assert_eq!(judge(&investment(), 870.0, d(2024, 12, 31), d(2024, 12, 31)).status, Status::OnTrack);
    }

    #[test]
    fn more_than_needs_to_pass_the_value() {
        // 突破1000亿: exactly 1000 is not beyond it.
        let p = plan("营业收入", 1000.0, "亿元", Comparator::MoreThan);
        assert_ne!(judge(&p, 1000.0, d(2024, 12, 31), d(2024, 12, 31)).status, Status::Done);
        assert_eq!(judge(&p, 1000.5, d(2024, 12, 31), d(2024, 12, 31)).status, Status::Done);
        let at_least = plan("营业收入", 1000.0, "亿元", Comparator::AtLeast);
        assert_eq!(judge(&at_least, 1000.0, d(2024, 12, 31), d(2024, 12, 31)).status, Status::Done);
    }

    #[test]
    fn about_is_done_within_the_tolerance_band() {
        // 增长6%左右: 5.8% is within 5% of 6, 5.6% is not.
        let p = plan("地区生产总值增长", 6.0, "%", Comparator::About);
        assert_eq!(judge(&p, 5.8, d(2024, 12, 31), d(2024, 12, 31)).status, Status::Done);
        assert_ne!(judge(&p, 5.6, d(2024, 12, 31), d(2024, 12, 31)).status, Status::Done);
        // Above the value is done as well.
        assert_eq!(judge(&p, 6.4, d(2024, 12, 31), d(2024, 12, 31)).status, Status::Done);
    }

    #[test]
    fn growth_rates_use_the_ratio_of_actual_to_target() {
        // 规上工业增加值增速6.5%, 5.2% in the first half: w = 0.8 > t + 0.10.
        let p = TargetPlan { baseline: Some(3.0), ..plan("规上工业增加值增速", 6.5, "%", Comparator::AtLeast) };
        let j = judge(&p, 5.2, d(2024, 6, 30), d(2024, 7, 10));
        assert!((j.work_progress.unwrap() - 0.8).abs() < 1e-12);
        assert_eq!(j.status, Status::Ahead);
    }

    #[test]
    fn baseline_counts_progress_from_the_start_value() {
        // 高新技术企业 from 200 to 300; 250 at mid-year is half way.
        let p = TargetPlan { baseline: Some(200.0), ..plan("高新技术企业", 300.0, "家", Comparator::AtLeast) };
        let j = judge(&p, 250.0, d(2024, 6, 30), d(2024, 7, 1));
        assert_eq!(j.work_progress, Some(0.5));
        assert_eq!(j.status, Status::OnTrack);
        // Without the baseline 250 of 300 would look far ahead.
        let j = judge(&TargetPlan { baseline: None, ..p }, 250.0, d(2024, 6, 30), d(2024, 7, 1));
        assert_eq!(j.status, Status::Ahead);
    }

    #[test]
    fn control_targets_are_met_while_within_the_limit() {
        // 城镇调查失业率控制在5.5%以内.
        let p = plan("城镇调查失业率", 5.5, "%", Comparator::AtMost);
        let j = judge(&p, 5.2, d(2024, 6, 30), d(2024, 7, 1));
        assert_eq!((j.status, j.light), (Status::OnTrack, Light::Green));
        assert_eq!(judge(&p, 5.5, d(2024, 6, 30), d(2024, 7, 1)).status, Status::OnTrack);
        // Over the limit: behind; slightly over is yellow, far over is red.
        let j = judge(&p, 5.7, d(2024, 6, 30), d(2024, 7, 1));
        assert_eq!((j.status, j.light), (Status::Behind, Light::Yellow));
        assert_eq!(judge(&p, 7.0, d(2024, 6, 30), d(2024, 7, 1)).light, Light::Red);
        // Within at the deadline: done; over it after the deadline: overdue.
        assert_eq!(judge(&p, 5.3, d(2024, 12, 31), d(2025, 1, 10)).status, Status::Done);
        assert_eq!(judge(&p, 5.8, d(2024, 12, 31), d(2025, 1, 10)).status, Status::Overdue);
        // `<` excludes the limit itself.
        let strict = plan("城镇调查失业率", 5.5, "%", Comparator::LessThan);
        assert_eq!(judge(&strict, 5.5, d(2024, 6, 30), d(2024, 7, 1)).status, Status::Behind);
    }

    #[test]
    fn no_report_is_not_reported_then_overdue() {
        let th = Thresholds::default();
        let j = judge_target(&investment(), None, d(2024, 5, 1), &th);
        assert_eq!((j.status, j.light, j.work_progress), (Status::NotReported, Light::Yellow, None));
        assert_eq!(judge_target(&investment(), None, d(2025, 1, 1), &th).status, Status::Overdue);
        // A figure that is not a number counts as no report.
        let nan = Some(Actual { value: f64::NAN, as_of: d(2024, 5, 1) });
        assert_eq!(judge_target(&investment(), nan, d(2024, 5, 1), &th).status, Status::NotReported);
    }

    #[test]
    fn a_target_without_distance_compares_outright() {
        // Baseline equals the value (保持…): reached when A >= V.
        let p = TargetPlan { baseline: Some(100.0), ..plan("粮食播种面积", 100.0, "万亩", Comparator::AtLeast) };
        assert_eq!(judge(&p, 100.0, d(2024, 6, 30), d(2024, 7, 1)).status, Status::Done);
        assert_eq!(judge(&p, 99.0, d(2024, 6, 30), d(2024, 7, 1)).status, Status::Behind);
    }

    #[test]
    fn thresholds_are_configurable() {
        let strict = Thresholds { on_track: 0.0, ahead: 0.3, ..Thresholds::default() };
        let actual = Some(Actual { value: 430.0, as_of: d(2024, 6, 30) });
        let today = d(2024, 7, 1);
        assert_eq!(judge_target(&investment(), actual, today, &Thresholds::default()).status, Status::OnTrack);
        assert_eq!(judge_target(&investment(), actual, today, &strict).status, Status::Behind);
    }

    #[test]
    fn light_table() {
        let th = Thresholds::default();
        let rows = [
            (Status::Done, 0.0, Light::Green),
            (Status::Ahead, -0.2, Light::Green),
            (Status::OnTrack, 0.04, Light::Green),
            (Status::Behind, 0.06, Light::Yellow),
            (Status::Behind, 0.1499, Light::Yellow),
            (Status::Behind, 0.15, Light::Red),
            (Status::NotReported, 0.0, Light::Yellow),
            (Status::Overdue, 0.0, Light::Red),
        ];
        for (status, margin, light) in rows {
            assert_eq!(light_for(status, margin, &th), light, "{status:?} {margin}");
        }
    }

    #[test]
    fn an_actual_from_before_the_start_does_not_count() {
        let p = TargetPlan { start: d(2024, 4, 1), ..investment() };
        let j = judge(&p, 950.0, d(2024, 3, 31), d(2024, 4, 10));
        assert_eq!(j.status, Status::NotReported);
        assert_eq!(judge(&p, 950.0, d(2024, 4, 1), d(2024, 4, 10)).status, Status::Done);
    }

    #[test]
    fn yearly_quotas_are_judged_within_the_current_plan_year() {
        let (s, e) = (d(2021, 1, 1), d(2025, 12, 31));
        assert_eq!(yearly_window(s, e, d(2023, 5, 6)), (d(2023, 1, 1), d(2023, 12, 31)));
        assert_eq!(yearly_window(s, e, d(2020, 5, 6)), (d(2021, 1, 1), d(2021, 12, 31)));
        assert_eq!(yearly_window(s, e, d(2027, 5, 6)), (d(2025, 1, 1), d(2025, 12, 31)));
        // A plan starting mid-year: its first year starts then.
        assert_eq!(yearly_window(d(2021, 7, 1), e, d(2021, 8, 1)), (d(2021, 7, 1), d(2021, 12, 31)));

        // 每年培育高新技术企业100家以上, in a 2021-2025 plan, judged in 2023.
        let draft = TargetDraft {
            metric: "培育高新技术企业".into(),
            value: 100.0,
            unit: "家".into(),
            yearly: true,
            ..TargetDraft::default()
        };
        let p = TargetPlan::from_draft_on(&draft, s, e, d(2023, 7, 2));
        assert_eq!((p.start, p.deadline), (d(2023, 1, 1), d(2023, 12, 31)));
        // Last year's 120 does not count for this year.
        let th = Thresholds::default();
        let last_year = Some(Actual { value: 120.0, as_of: d(2022, 12, 31) });
        assert_eq!(judge_target(&p, last_year, d(2023, 7, 2), &th).status, Status::NotReported);
        let this_year = Some(Actual { value: 50.0, as_of: d(2023, 6, 30) });
        assert_eq!(judge_target(&p, this_year, d(2023, 7, 2), &th).status, Status::OnTrack);
        // A target that is not yearly keeps the whole period.
        let once = TargetDraft { yearly: false, ..draft };
        assert_eq!(TargetPlan::from_draft_on(&once, s, e, d(2023, 7, 2)).deadline, e);
    }

    #[test]
    fn from_draft_falls_back_to_the_default_deadline() {
        let draft = TargetDraft { metric: "年度投资".into(), value: 900.0, unit: "亿元".into(), ..TargetDraft::default() };
        let p = TargetPlan::from_draft(&draft, d(2024, 1, 1), d(2024, 12, 31));
        assert_eq!(p.deadline, d(2024, 12, 31));
        let draft = TargetDraft { deadline: Some(d(2024, 6, 30)), ..draft };
        assert_eq!(TargetPlan::from_draft(&draft, d(2024, 1, 1), d(2024, 12, 31)).deadline, d(2024, 6, 30));
    }
}
