//! Scenarios a supervision office (督查室) runs, with the numbers of
//! TRACKING.md and real targets from the dev-set gold files.

use std::path::PathBuf;

use chrono::NaiveDate;
use luoshi_ledger::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn target(
    metric: &str,
    value: f64,
    unit: &str,
    cmp: Comparator,
    deadline: Option<NaiveDate>,
) -> TargetDraft {
    TargetDraft {
        metric: metric.into(),
        value,
        unit: unit.into(),
        cmp,
        deadline,
        ..TargetDraft::default()
    }
}

fn filed(
    id: ReportId,
    subject: ReportSubject,
    as_of: NaiveDate,
    value: ReportedValue,
) -> ProgressReport {
    ProgressReport {
        id,
        subject,
        as_of,
        value,
        narrative: "按计划推进".into(),
        problems: String::new(),
        next_steps: String::new(),
        reporter: "unit".into(),
        version: 1,
        supersedes: None,
        review: ReviewState::Submitted,
    }
}

/// The effective actuals and last report date of a task, as the store would
/// assemble them for `judge_task`.
fn progress_of(
    task_id: TaskId,
    target_ids: &[TargetId],
    reports: &[ProgressReport],
    today: NaiveDate,
) -> TaskProgress {
    let actual = |id: TargetId| {
        effective_report(
            reports,
            ReportSubject::Target(id),
            today,
            ReviewPolicy::Filed,
        )
        .and_then(|r| match r.value {
            ReportedValue::Actual(value) => Some(Actual {
                value,
                as_of: r.as_of,
            }),
            ReportedValue::Milestone(_) => None,
        })
    };
    let milestone = effective_report(
        reports,
        ReportSubject::Task(task_id),
        today,
        ReviewPolicy::Filed,
    )
    .and_then(|r| match r.value {
        ReportedValue::Milestone(state) => Some(MilestoneObservation {
            state,
            as_of: r.as_of,
        }),
        ReportedValue::Actual(_) => None,
    });
    let mut subjects: Vec<ReportSubject> = target_ids
        .iter()
        .map(|id| ReportSubject::Target(*id))
        .collect();
    subjects.push(ReportSubject::Task(task_id));
    TaskProgress {
        actuals: target_ids.iter().map(|id| actual(*id)).collect(),
        milestone,
        last_report: latest_report_date(reports, &subjects, today),
    }
}

/// 攻坚二季度 (dev document 003): April to June, monthly 月点评, judged on 06-05.
#[test]
fn second_quarter_campaign_on_june_fifth() {
    let start = d(2024, 4, 1);
    let period_end = d(2024, 6, 30);
    let today = d(2024, 6, 5);
    let th = Thresholds::default();
    let cycle = Some(ReportingCycle::Monthly);

    // Task id, its target drafts (target ids are task id * 10 + position).
    let tasks: Vec<(TaskId, Vec<TargetDraft>)> = vec![
        (
            1,
            vec![target(
                "工业项目投资",
                390.0,
                "亿元",
                Comparator::AtLeast,
                None,
            )],
        ),
        (
            2,
            vec![target(
                "规上工业增加值增速",
                6.5,
                "%",
                Comparator::AtLeast,
                None,
            )],
        ),
        (
            3,
            vec![target(
                "城市更新项目开工率",
                78.0,
                "%",
                Comparator::AtLeast,
                None,
            )],
        ),
        (
            4,
            vec![target(
                "增发国债项目全部开工建设",
                36.0,
                "个",
                Comparator::Exactly,
                Some(d(2024, 5, 31)),
            )],
        ),
        (5, vec![]),
        (
            6,
            vec![target(
                "培训企业家",
                600.0,
                "人次",
                Comparator::AtLeast,
                None,
            )],
        ),
    ];
    let t = |task: TaskId| ReportSubject::Target(task * 10);
    let actual = ReportedValue::Actual;
    let mut reports = vec![
        // 250亿 first, corrected to 280亿 (a new version, the old one kept).
        filed(1, t(1), d(2024, 5, 31), actual(250.0)),
        filed(3, t(2), d(2024, 5, 31), actual(7.0)),
        filed(4, t(3), d(2024, 5, 31), actual(45.0)),
        filed(5, t(4), d(2024, 5, 31), actual(30.0)),
        filed(
            6,
            ReportSubject::Task(5),
            d(2024, 5, 28),
            ReportedValue::Milestone(MilestoneState::InProgress),
        ),
        // Task 6 last reported in April: May closed without a report.
        filed(7, t(6), d(2024, 4, 30), actual(150.0)),
    ];
    let mut correction = reports[0].correction("unit");
    correction.id = 2;
    correction.value = actual(280.0);
    reports.push(correction);

    let judgements: Vec<TaskJudgement> = tasks
        .iter()
        .map(|(id, drafts)| {
            let plan = TaskPlan {
                start,
                deadline: drafts
                    .iter()
                    .filter_map(|t| t.deadline)
                    .max()
                    .unwrap_or(period_end),
                targets: drafts
                    .iter()
                    .map(|t| TargetPlan::from_draft(t, start, period_end))
                    .collect(),
                cycle,
            };
            let target_ids: Vec<TargetId> = (0..drafts.len() as i64).map(|i| id * 10 + i).collect();
            judge_task(
                &plan,
                &progress_of(*id, &target_ids, &reports, today),
                today,
                &th,
            )
        })
        .collect();

    // t = 60/90 at 05-31. 280/390 = 0.72: on track, green.
    assert_eq!(
        (judgements[0].status, judgements[0].light),
        (Status::OnTrack, Light::Green)
    );
    assert!((judgements[0].targets[0].work_progress.unwrap() - 280.0 / 390.0).abs() < 1e-12);
    // 7.0% against 6.5%: done.
    assert_eq!(
        (judgements[1].status, judgements[1].light),
        (Status::Done, Light::Green)
    );
    // 45/78 = 0.58, 0.09 behind time: behind, yellow.
    assert_eq!(
        (judgements[2].status, judgements[2].light),
        (Status::Behind, Light::Yellow)
    );
    // 30 of 36 by 05-31, now 06-05: overdue, red.
    assert_eq!(
        (judgements[3].status, judgements[3].light),
        (Status::Overdue, Light::Red)
    );
    // Milestone 推进中: on track.
    assert_eq!(
        (judgements[4].status, judgements[4].light),
        (Status::OnTrack, Light::Green)
    );
    // No report for May: 未报送 on the reminder list, yellow after one cycle.
    assert_eq!(
        (
            judgements[5].status,
            judgements[5].light,
            judgements[5].missed_cycles
        ),
        (Status::NotReported, Light::Yellow, 1)
    );

    let summary = StatusSummary::from_judgements(judgements.iter().map(|j| (j.status, j.light)));
    assert_eq!(summary.phrase(Status::OnTrack), "达进度的有2个，占33.3%");
    assert_eq!(summary.phrase(Status::Behind), "欠进度的有1个，占16.7%");
    assert_eq!(
        summary.phrase(Status::Overdue),
        "逾期未完成的有1个，占16.7%"
    );
    assert_eq!(
        summary.phrase(Status::NotReported),
        "未报送的有1个，占16.7%"
    );
    assert_eq!(summary.light_phrase(Light::Green), "绿灯的有3个，占50.0%");

    // In July, with June also unreported, task 6 turns red.
    let later = progress_of(6, &[60], &reports, d(2024, 7, 3));
    let plan = TaskPlan {
        start,
        deadline: period_end,
        targets: vec![TargetPlan::from_draft(&tasks[5].1[0], start, period_end)],
        cycle,
    };
    let j = judge_task(&plan, &later, d(2024, 7, 3), &th);
    assert_eq!(
        (j.status, j.light, j.missed_cycles),
        (Status::Overdue, Light::Red, 2)
    );
}

/// 双过半 for an annual plan: at 06-30, 完成投资450亿元 of 900亿 passes, a
/// 35% share target reported at 15% does not.
#[test]
fn double_half_at_mid_year() {
    let th = Thresholds::default();
    let (start, end) = (d(2024, 1, 1), d(2024, 12, 31));
    let checkpoint = double_half_checkpoint(start, end);
    assert_eq!(checkpoint, d(2024, 6, 30));
    let investment = TargetPlan::from_draft(
        &target("年度投资", 900.0, "亿元", Comparator::AtLeast, None),
        start,
        end,
    );
    let share = TargetPlan::from_draft(
        &target("战略性新兴产业占比", 35.0, "%", Comparator::About, None),
        start,
        end,
    );
    let at = |value| {
        Some(Actual {
            value,
            as_of: checkpoint,
        })
    };
    let passing = double_half(start, end, &[(investment.clone(), at(450.0))], None, &th);
    assert!(passing.passed);
    let failing = double_half(
        start,
        end,
        &[(investment, at(450.0)), (share, at(15.0))],
        None,
        &th,
    );
    assert_eq!(failing.failing_targets, [1]);
    assert!(!failing.passed);
}

/// A unit reporter (责任单位填报员) reports on their own tasks only, whatever
/// the abbreviation the ledger or the account uses.
#[test]
fn unit_rights_follow_canonical_names() {
    let task_units = vec!["市工业和信息化局".to_string(), "市发展改革委".to_string()];
    assert!(may(
        Role::Unit,
        Action::ReportProgress,
        &task_units,
        Some("市工信局")
    ));
    assert!(may(
        Role::Unit,
        Action::ViewTask,
        &task_units,
        Some("市发展和改革委员会")
    ));
    assert!(!may(
        Role::Unit,
        Action::ReportProgress,
        &task_units,
        Some("市发展和改革委员会")
    ));
    assert!(!may(
        Role::Unit,
        Action::ViewTask,
        &task_units,
        Some("市住建局")
    ));
}

fn gold_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/eval/gold")
}

/// Every gold file of the dev set, parsed.
fn gold_files() -> Vec<(String, serde_json::Value)> {
    let mut files: Vec<_> = std::fs::read_dir(gold_dir())
        .expect("shared/eval/gold beside the repository")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                serde_json::from_str(&text).unwrap(),
            )
        })
        .collect()
}

/// The growth-rate/share rule (w = A/V) picks exactly the gold targets a
/// clerk would call rates: those in %, and no amount or count.
#[test]
fn rate_rule_on_the_gold_targets() {
    let mut seen = 0;
    for (file, gold) in gold_files() {
        for t in gold["targets"].as_array().unwrap() {
            let (metric, unit) = (t["metric"].as_str().unwrap(), t["unit"].as_str().unwrap());
            assert_eq!(
                is_rate_target(metric, unit),
                unit == "%",
                "{file}: {metric} {unit}"
            );
            assert!(
                Comparator::from_symbol(t["cmp"].as_str().unwrap()).is_some(),
                "{file}: {}",
                t["cmp"]
            );
            seen += 1;
        }
    }
    assert!(seen > 90, "only {seen} gold targets");
}

/// The gold task lists, re-ingested in another order with one task dropped,
/// pair every remaining task with itself.
#[test]
fn version_matching_on_gold_task_lists() {
    for (file, gold) in gold_files() {
        let drafts: Vec<TaskDraft> = gold["tasks"]
            .as_array()
            .unwrap()
            .iter()
            .enumerate()
            .map(|(i, t)| TaskDraft {
                key: format!("t{}", i + 1),
                title: t["title"].as_str().unwrap().into(),
                text: t["context"].as_str().unwrap().into(),
                units: t["units"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|u| u.as_str().unwrap().to_string())
                    .collect(),
                ..TaskDraft::default()
            })
            .collect();
        let mut revised: Vec<TaskDraft> = drafts.iter().skip(1).cloned().rev().collect();
        for task in &mut revised {
            task.units = task.units.iter().map(|u| canonical_unit_name(u)).collect();
        }
        let diff = match_tasks(&drafts, &revised);
        assert_eq!(diff.removed.len(), 1, "{file}: {}", diff.summary());
        assert_eq!(diff.removed[0].key, "t1", "{file}");
        assert!(diff.added.is_empty(), "{file}: {}", diff.summary());
        for pair in &diff.pairs {
            assert_eq!(pair.old.key, pair.new.key, "{file}");
            assert!(pair.is_unchanged(), "{file}: {}", diff.summary());
        }
    }
}

/// Spellings of one body found in the dev set's gold (checked by hand).
const SAME_BODY: &[&[&str]] = &[
    &["市人力资源和社会保障局", "市人力资源社会保障局", "市人社局"],
    &["市住建局", "市住房和城乡建设局"],
    &["市卫健委", "市卫生健康委", "市卫生健康委员会"],
    &["市发展和改革委员会", "市发展改革委", "市发改委"],
    &["市工业和信息化局", "市工信局"],
    &["市市场监督管理局", "市市场监管局"],
    &["市科学技术局", "市科技局"],
    // A typo in one document (局 written twice).
    &["市自然资源和规划局", "市自然资源局和规划局"],
];

/// The units named in the dev set's gold files: canonical names are stable,
/// the spellings of one body (SAME_BODY) join, and no two other bodies
/// collapse into one.
#[test]
fn canonical_names_of_the_gold_units() {
    let mut names: Vec<String> = Vec::new();
    for (_, gold) in gold_files() {
        for task in gold["tasks"].as_array().unwrap() {
            for unit in task["units"].as_array().unwrap() {
                let unit = unit.as_str().unwrap().to_string();
                if !names.contains(&unit) {
                    names.push(unit);
                }
            }
        }
    }
    assert!(names.len() > 30, "only {} gold units", names.len());
    assert_eq!(
        canonical_unit_name("市自然资源局和规划局"),
        "市自然资源和规划局"
    );
    assert_eq!(
        canonical_unit_name("各县〔市、区〕政府〔管委会〕"),
        "各县（市、区）政府（管委会）"
    );
    // The gold comes from several cities, so one body appears under its full
    // name and its short forms (市住建局, 市住房和城乡建设局). These groups,
    // checked by hand, are the only names that may collapse; any other
    // collapse would merge two different bodies in one ledger.
    let mut groups: Vec<Vec<&str>> = Vec::new();
    let mut canonical: Vec<(String, &str)> = names
        .iter()
        .map(|n| (canonical_unit_name(n), n.as_str()))
        .collect();
    canonical.sort();
    for chunk in canonical
        .chunk_by(|a, b| a.0 == b.0)
        .filter(|c| c.len() > 1)
    {
        let mut group: Vec<&str> = chunk.iter().map(|(_, n)| *n).collect();
        group.sort();
        groups.push(group);
    }
    let mut expected: Vec<Vec<&str>> = SAME_BODY
        .iter()
        .map(|g| {
            let mut g = g.to_vec();
            g.sort();
            g
        })
        .collect();
    expected.sort();
    groups.sort();
    assert_eq!(groups, expected, "names that collapse into one unit");
    for name in &names {
        let c = canonical_unit_name(name);
        assert_eq!(canonical_unit_name(&c), c, "{name}");
    }
}
