//! Properties of the status engine that must hold for any input.

use chrono::{Days, NaiveDate};
use luoshi_ledger::*;
use proptest::prelude::*;

fn day(offset: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 1, 1).unwrap() + Days::new(u64::from(offset))
}

/// Targets that are reached by growing: `>=`, `>`, `=`, `~`, with V above B.
fn reaching_plan() -> impl Strategy<Value = TargetPlan> {
    (
        prop::sample::select(vec![Comparator::AtLeast, Comparator::MoreThan, Comparator::Exactly, Comparator::About]),
        prop::sample::select(vec![("年度投资", "亿元"), ("新增企业", "家"), ("规上工业增加值增速", "%"), ("城镇化率", "")]),
        1.0f64..2000.0,
        prop::option::of(0.0f64..0.9),
        0u32..400,
        1u32..500,
    )
        .prop_map(|(cmp, (metric, unit), value, baseline_share, start, length)| TargetPlan {
            metric: metric.into(),
            value,
            unit: unit.into(),
            cmp,
            baseline: baseline_share.map(|s| s * value),
            start: day(start),
            deadline: day(start + length),
        })
}

/// Control targets (`<=`, `<`).
fn control_plan() -> impl Strategy<Value = TargetPlan> {
    (prop::sample::select(vec![Comparator::AtMost, Comparator::LessThan]), 0.5f64..100.0, 0u32..400, 1u32..500).prop_map(
        |(cmp, value, start, length)| TargetPlan {
            metric: "城镇调查失业率".into(),
            value,
            unit: "%".into(),
            cmp,
            baseline: None,
            start: day(start),
            deadline: day(start + length),
        },
    )
}

fn any_plan() -> impl Strategy<Value = TargetPlan> {
    prop_oneof![reaching_plan(), control_plan()]
}

fn judge(plan: &TargetPlan, value: f64, as_of: NaiveDate, today: NaiveDate) -> TargetJudgement {
    judge_target(plan, Some(Actual { value, as_of }), today, &Thresholds::default())
}

proptest! {
    #[test]
    fn status_never_improves_when_the_actual_drops(
        plan in reaching_plan(), high in 0.0f64..3000.0, drop in 0.0f64..3000.0, as_of in 0u32..1000, later in 0u32..200,
    ) {
        let low = high - drop;
        let (as_of, today) = (day(as_of), day(as_of + later));
        let before = judge(&plan, high, as_of, today);
        let after = judge(&plan, low, as_of, today);
        prop_assert!(after.status >= before.status, "{:?} -> {:?}", before.status, after.status);
        prop_assert!(after.light >= before.light, "{:?} -> {:?}", before.light, after.light);
    }

    #[test]
    fn a_control_target_never_worsens_when_the_actual_drops(
        plan in control_plan(), high in 0.0f64..200.0, drop in 0.0f64..200.0, as_of in 0u32..1000, later in 0u32..200,
    ) {
        let (as_of, today) = (day(as_of), day(as_of + later));
        let before = judge(&plan, high, as_of, today);
        let after = judge(&plan, high - drop, as_of, today);
        prop_assert!(after.status <= before.status, "{:?} -> {:?}", before.status, after.status);
    }

    #[test]
    fn time_progress_is_monotone_and_bounded(start in 0u32..1000, length in 0u32..1000, a in 0u32..2500, b in 0u32..2500) {
        let (s, e) = (day(start), day(start + length));
        let (early, late) = (day(a.min(b)), day(a.max(b)));
        let (t1, t2) = (time_progress(s, e, early), time_progress(s, e, late));
        prop_assert!((0.0..=1.0).contains(&t1) && (0.0..=1.0).contains(&t2));
        prop_assert!(t1 <= t2);
    }

    #[test]
    fn a_done_target_stays_done_as_time_passes(
        plan in any_plan(), value in 0.0f64..3000.0, as_of in 0u32..1000, today in 0u32..1000, later in 1u32..800,
    ) {
        let (as_of, today) = (day(as_of), day(as_of.max(today)));
        if judge(&plan, value, as_of, today).status == Status::Done {
            let later_today = today + Days::new(u64::from(later));
            prop_assert_eq!(judge(&plan, value, as_of, later_today).status, Status::Done);
        }
    }

    #[test]
    fn overdue_exactly_when_past_the_deadline_and_not_done(
        plan in any_plan(), value in prop::option::of(0.0f64..3000.0), as_of in 0u32..1000, later in 0u32..400,
    ) {
        let as_of = day(as_of);
        let today = as_of + Days::new(u64::from(later));
        let actual = value.map(|value| Actual { value, as_of });
        let j = judge_target(&plan, actual, today, &Thresholds::default());
        if j.status == Status::Overdue {
            prop_assert!(today > plan.deadline);
        }
        if today > plan.deadline && j.status != Status::Done {
            prop_assert_eq!(j.status, Status::Overdue);
        }
    }

    #[test]
    fn light_is_a_function_of_status_and_margin(
        plan in any_plan(), value in prop::option::of(0.0f64..3000.0), as_of in 0u32..1000, later in 0u32..400,
    ) {
        let th = Thresholds::default();
        let as_of = day(as_of);
        let j = judge_target(&plan, value.map(|value| Actual { value, as_of }), as_of + Days::new(u64::from(later)), &th);
        prop_assert_eq!(j.light, light_for(j.status, j.behind_margin, &th));
        let green = matches!(j.status, Status::Done | Status::Ahead | Status::OnTrack);
        prop_assert_eq!(j.light == Light::Green, green);
    }

    #[test]
    fn a_task_is_never_better_than_its_targets(
        plans in prop::collection::vec(reaching_plan(), 1..5),
        values in prop::collection::vec(prop::option::of(0.0f64..3000.0), 5),
        as_of in 0u32..1000, later in 0u32..200,
    ) {
        let as_of = day(as_of);
        let today = as_of + Days::new(u64::from(later));
        let plan = TaskPlan { start: day(0), deadline: day(900), targets: plans, cycle: None };
        let progress = TaskProgress {
            actuals: values.iter().map(|v| v.map(|value| Actual { value, as_of })).collect(),
            ..TaskProgress::default()
        };
        let j = judge_task(&plan, &progress, today, &Thresholds::default());
        prop_assert_eq!(j.targets.len(), plan.targets.len());
        for t in &j.targets {
            prop_assert!(j.status >= t.status);
            prop_assert!(j.light >= t.light);
        }
        prop_assert_eq!(j.status == Status::Done, j.targets.iter().all(|t| t.status == Status::Done));
    }

    #[test]
    fn missing_reports_only_ever_add_up(
        cycle in prop::sample::select(ReportingCycle::ALL.to_vec()), start in 0u32..400, last in prop::option::of(0u32..800),
        today in 0u32..900, later in 0u32..200,
    ) {
        let (start, last) = (day(start), last.map(day));
        let today = day(today);
        let first = cycle.missed_cycles(start, last, today);
        let second = cycle.missed_cycles(start, last, today + Days::new(u64::from(later)));
        prop_assert!(second >= first);
        // Reporting today clears the count.
        prop_assert_eq!(cycle.missed_cycles(start, Some(today), today), 0);
    }

    #[test]
    fn periods_tile_the_calendar(cycle in prop::sample::select(ReportingCycle::ALL.to_vec()), offset in 0u32..3000) {
        let date = day(offset);
        let (first, last) = cycle.period_of(date);
        prop_assert!(first <= date && date <= last);
        let next = last.succ_opt().unwrap();
        prop_assert_eq!(cycle.period_of(next).0, next);
        prop_assert_eq!(cycle.period_of(first.pred_opt().unwrap()).1, first.pred_opt().unwrap());
    }

    #[test]
    fn unit_names_normalise_idempotently(name in "[ 　市县区省]{0,2}[\\u{4e00}-\\u{4e20}()（）〔〕 ]{0,8}(工信局|发改委|住建局|教育局)?") {
        let once = normalize_unit_name(&name);
        prop_assert_eq!(normalize_unit_name(&once), once.clone());
        let canonical = canonical_unit_name(&name);
        prop_assert_eq!(canonical_unit_name(&canonical), canonical.clone());
        prop_assert!(!canonical.chars().any(char::is_whitespace));
    }

    #[test]
    fn a_version_matched_with_itself_is_identical(
        tasks in prop::collection::vec(("[一二三]", "[加快推进强化]{2,6}", "[加快推进强化项目建设。]{0,20}"), 0..12),
    ) {
        let drafts: Vec<TaskDraft> = tasks
            .into_iter()
            .enumerate()
            .map(|(i, (section, title, text))| TaskDraft {
                key: format!("t{}", i + 1),
                section_path: vec![section],
                title,
                text,
                ..TaskDraft::default()
            })
            .collect();
        let diff = match_tasks(&drafts, &drafts);
        prop_assert!(diff.is_identical(), "{}", diff.summary());
        prop_assert!(diff.pairs.iter().all(|p| p.old.index == p.new.index));
    }
}
