//! How fast the pure engine judges a large ledger and pairs document versions.
//! Run: `cargo bench -p luoshi-ledger --bench status`.

use std::hint::black_box;

use chrono::{Days, NaiveDate};
use criterion::{Criterion, criterion_group, criterion_main};
use luoshi_ledger::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// 100k tasks of two targets each, with varied progress.
fn ledger(n: usize) -> Vec<(TaskPlan, TaskProgress)> {
    (0..n)
        .map(|i| {
            let targets = vec![
                TargetPlan {
                    metric: "年度投资".into(),
                    value: 900.0,
                    unit: "亿元".into(),
                    cmp: Comparator::AtLeast,
                    baseline: None,
                    start: d(2024, 1, 1),
                    deadline: d(2024, 12, 31),
                },
                TargetPlan {
                    metric: "规上工业增加值增速".into(),
                    value: 6.5,
                    unit: "%".into(),
                    cmp: if i % 3 == 0 { Comparator::AtMost } else { Comparator::AtLeast },
                    baseline: None,
                    start: d(2024, 1, 1),
                    deadline: d(2024, 12, 31),
                },
            ];
            let as_of = d(2024, 1, 1) + Days::new((i % 200) as u64);
            let progress = TaskProgress {
                actuals: vec![
                    Some(Actual { value: (i % 1000) as f64, as_of }),
                    (i % 7 != 0).then_some(Actual { value: (i % 9) as f64, as_of }),
                ],
                milestone: None,
                last_report: Some(as_of),
            };
            let plan = TaskPlan { start: d(2024, 1, 1), deadline: d(2024, 12, 31), targets, cycle: Some(ReportingCycle::Monthly) };
            (plan, progress)
        })
        .collect()
}

/// A document of `n` tasks and its revision: every tenth retitled, every
/// twentieth reworded, a few dropped and added.
fn versions(n: usize) -> (Vec<TaskDraft>, Vec<TaskDraft>) {
    let old: Vec<TaskDraft> = (0..n)
        .map(|i| TaskDraft {
            key: format!("t{i}"),
            section_path: vec![format!("第{}章", i / 20)],
            title: format!("推进第{i}项重点工作"),
            text: format!("推进第{i}项重点工作。建立工作专班，完成投资{i}亿元以上，新开工项目{}个，确保按期完成。", i % 50),
            units: vec!["市发展和改革委员会".into()],
            ..TaskDraft::default()
        })
        .collect();
    let mut new: Vec<TaskDraft> = old.iter().filter(|t| !t.key.ends_with("7")).cloned().collect();
    for (i, task) in new.iter_mut().enumerate() {
        if i % 10 == 0 {
            task.title = format!("全力{}", task.title);
            task.text = format!("全力{}", task.text);
        } else if i % 20 == 5 {
            task.text.push_str("加强调度督导。");
        }
    }
    new.extend((0..n / 20).map(|i| TaskDraft {
        key: format!("n{i}"),
        title: format!("新增任务{i}"),
        text: format!("新增任务{i}。打造夜间消费街区{i}个。"),
        ..TaskDraft::default()
    }));
    (old, new)
}

fn bench(c: &mut Criterion) {
    let th = Thresholds::default();
    let tasks = ledger(100_000);
    let today = d(2024, 7, 5);
    c.bench_function("judge_task x100k (2 targets, monthly cycle)", |b| {
        b.iter(|| {
            let summary = StatusSummary::from_judgements(tasks.iter().map(|(plan, progress)| {
                let j = judge_task(plan, progress, today, &th);
                (j.status, j.light)
            }));
            black_box(summary)
        })
    });

    let (old, new) = versions(2_000);
    c.bench_function("match_tasks 2000 vs 2000 (10% retitled)", |b| b.iter(|| black_box(match_tasks(&old, &new))));

    let names: Vec<String> = (0..10_000).map(|i| format!(" 市 {}（{i}）", ["工信局", "发展改革委", "教育局", "住建局"][i % 4])).collect();
    c.bench_function("canonical_unit_name x10k", |b| {
        b.iter(|| names.iter().map(|n| canonical_unit_name(n).len()).sum::<usize>())
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
