//! The two measures every judgement compares: time progress `t` (时间进度)
//! and work progress `w` (工作进度/完成进度).

use chrono::NaiveDate;

use super::target::TargetPlan;

/// Words that make a target a growth rate or a share (增速, 占比…): their
/// actual value is already a rate, so `w = A / V` with no baseline.
const RATE_MARKERS: [&str; 5] = ["%", "增速", "增长", "占比", "率"];

/// Whether a target is a growth rate or a share, by its metric or unit.
pub fn is_rate_target(metric: &str, unit: &str) -> bool {
    RATE_MARKERS.iter().any(|m| metric.contains(m) || unit.contains(m))
}

/// `t = clamp((d − s) / (D − s), 0, 1)` in days. When the deadline is not
/// after the start, time is all gone on the deadline and none before it.
pub fn time_progress(start: NaiveDate, deadline: NaiveDate, as_of: NaiveDate) -> f64 {
    let span = (deadline - start).num_days();
    if span <= 0 {
        return if as_of >= deadline { 1.0 } else { 0.0 };
    }
    let elapsed = (as_of - start).num_days();
    (elapsed as f64 / span as f64).clamp(0.0, 1.0)
}

/// `w = (A − B) / (V − B)`, or `w = A / V` for growth-rate and share
/// targets. `None` when the denominator is zero or the result is not finite
/// (the judgement then compares A with V directly).
pub fn work_progress(target: &TargetPlan, actual: f64) -> Option<f64> {
    let (numerator, denominator) = if target.is_rate() {
        (actual, target.value)
    } else {
        let baseline = target.baseline.unwrap_or(0.0);
        (actual - baseline, target.value - baseline)
    };
    let w = numerator / denominator;
    (denominator != 0.0 && w.is_finite()).then_some(w)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Comparator;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn plan(metric: &str, value: f64, unit: &str, baseline: Option<f64>) -> TargetPlan {
        TargetPlan {
            metric: metric.into(),
            value,
            unit: unit.into(),
            cmp: Comparator::AtLeast,
            baseline,
            start: d(2024, 1, 1),
            deadline: d(2024, 12, 31),
        }
    }

    #[test]
    fn rate_markers_by_metric_or_unit() {
        let rows = [
            ("规上工业增加值增速", "%", true),
            ("固定资产投资增长", "", true),
            ("高新技术产业增加值占比", "", true),
            ("城镇化率", "", true),
            ("研发投入强度", "%", true),
            ("年度投资", "亿元", false),
            ("新增上市企业", "家", false),
        ];
        for (metric, unit, rate) in rows {
            assert_eq!(is_rate_target(metric, unit), rate, "{metric} {unit}");
        }
    }

    #[test]
    fn time_progress_over_a_plan_year() {
        let (s, e) = (d(2024, 1, 1), d(2024, 12, 31));
        assert_eq!(time_progress(s, e, d(2023, 12, 1)), 0.0);
        assert_eq!(time_progress(s, e, s), 0.0);
        // 2024 is a leap year: 06-30 is day 181 of 365 elapsed days.
        assert!((time_progress(s, e, d(2024, 6, 30)) - 181.0 / 365.0).abs() < 1e-12);
        assert_eq!(time_progress(s, e, e), 1.0);
        assert_eq!(time_progress(s, e, d(2025, 3, 1)), 1.0);
        // Degenerate plan: deadline on the start day.
        assert_eq!(time_progress(s, s, d(2023, 12, 31)), 0.0);
        assert_eq!(time_progress(s, s, s), 1.0);
    }

    #[test]
    fn work_progress_uses_baseline_for_amounts() {
        // 完成投资450亿元 against 900亿元: half done.
        assert_eq!(work_progress(&plan("年度投资", 900.0, "亿元", None), 450.0), Some(0.5));
        // From a baseline of 100 to 300, at 200: half way.
        assert_eq!(work_progress(&plan("高新技术企业", 300.0, "家", Some(100.0)), 200.0), Some(0.5));
        // A decrease from 100 to 80, at 90: half way too.
        assert_eq!(work_progress(&plan("煤炭消费量", 80.0, "万吨", Some(100.0)), 90.0), Some(0.5));
    }

    #[test]
    fn work_progress_of_rates_ignores_the_baseline() {
        // 增速 6.5% with 5.2% achieved: w = 0.8, whatever the baseline.
        let w = work_progress(&plan("规上工业增加值增速", 6.5, "%", Some(4.0)), 5.2).unwrap();
        assert!((w - 0.8).abs() < 1e-12);
    }

    #[test]
    fn work_progress_is_undefined_without_a_distance() {
        assert_eq!(work_progress(&plan("年度投资", 100.0, "亿元", Some(100.0)), 120.0), None);
        assert_eq!(work_progress(&plan("增速", 0.0, "%", None), 1.0), None);
    }
}
