//! The status table at scale, on SQLite and PostgreSQL (a bench command:
//! loading a million reports once is the expensive part, so it is timed
//! directly rather than through criterion).
//!
//! 1,000 generated documents × 100 tasks (90k targets, 20k milestone tasks)
//! and 1.1M progress reports (ten monthly reports per target and per
//! milestone task), loaded through `Store::ingest` and `Store::add_reports`;
//! then the whole status table as of a date, five times.
//!
//! `cargo bench -p luoshi-store --bench status_scale` (both backends;
//! PostgreSQL from `LUOSHI_TEST_PG`, default postgres://postgres@127.0.0.1:5432/test).
//! `-- sqlite` or `-- postgres` runs one backend only; `LUOSHI_BENCH_KEEP=1`
//! keeps the loaded ledger and prints its `--db`.

use chrono::NaiveDate;
use luoshi_ledger::{
    Comparator, DocumentDraft, MilestoneState, ReportSubject, ReportedValue, SectionDraft, TargetDraft, TaskDraft,
};
use luoshi_store::testing::ScratchDb;
use luoshi_store::{Backend, IngestOptions, NewReport, Store, TaskFilter};
use std::time::{Duration, Instant};

const DOCUMENTS: usize = 1_000;
const TASKS_PER_DOCUMENT: usize = 100;
const MONTHS_REPORTED: u32 = 10;

const UNITS: [&str; 12] = [
    "市发展和改革委员会",
    "市工业和信息化局",
    "市科学技术局",
    "市财政局",
    "市商务局",
    "市统计局",
    "市住房和城乡建设局",
    "市交通运输局",
    "市农业农村局",
    "市生态环境局",
    "市人力资源和社会保障局",
    "市文化广电和旅游局",
];

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// A generated document: 100 tasks; 70 with one target, 10 with two, 20
/// milestone tasks without targets.
fn generated_document(n: usize) -> DocumentDraft {
    let tasks: Vec<TaskDraft> = (0..TASKS_PER_DOCUMENT)
        .map(|t| {
            let targets = match t % 10 {
                0 | 1 => vec![],
                2 => {
                    vec![target("新增企业", 100.0 + t as f64, "家"), target("完成投资", 50.0 + n as f64 % 7.0, "亿元")]
                }
                _ => vec![target("完成投资", 10.0 + (t * n % 90) as f64, "亿元")],
            };
            let title = format!("第{n}号文件第{t}项任务");
            TaskDraft {
                key: format!("t{t}"),
                section_path: vec![format!("{}、重点任务", t / 20 + 1)],
                text: format!("{title}。全年完成投资若干亿元。"),
                title,
                span: (t * 40, t * 40 + 30),
                units: vec![UNITS[(n + t) % UNITS.len()].to_string(), UNITS[(n + 3 * t + 1) % UNITS.len()].to_string()],
                deadline: None,
                targets,
            }
        })
        .collect();
    DocumentDraft {
        source: format!("generated_{n}.txt"),
        title: Some(format!("生成的计划文件{n}")),
        year: Some(2024),
        period_end: Some(d(2024, 12, 31)),
        text: "生成的文件".repeat(800),
        content_hash: format!("generated-{n}"),
        sections: vec![SectionDraft { level: 0, heading: "一、重点任务".into(), span: (0, 6) }],
        tasks,
    }
}

fn target(metric: &str, value: f64, unit: &str) -> TargetDraft {
    TargetDraft {
        metric: metric.into(),
        value,
        unit: unit.into(),
        cmp: Comparator::AtLeast,
        deadline: Some(d(2024, 12, 31)),
        text: format!("{value}{unit}"),
        ..Default::default()
    }
}

/// Loads the generated ledger; returns (tasks, targets, reports) counts.
async fn load_ledger(store: &Store) -> (usize, usize, usize) {
    for n in 0..DOCUMENTS {
        store.ingest("bench", &generated_document(n), &IngestOptions::default()).await.unwrap();
    }
    let ledger = store.ledger(&TaskFilter::default()).await.unwrap();
    let targets: usize = ledger.iter().map(|t| t.targets.len()).sum();
    let mut reports = Vec::new();
    let mut stored = 0;
    for task in &ledger {
        for month in 1..=MONTHS_REPORTED {
            let as_of = d(2024, month + 1, 1).pred_opt().unwrap();
            let share = f64::from(month) / 12.0 * if task.id % 3 == 0 { 0.8 } else { 1.05 };
            if task.targets.is_empty() {
                let state = if month < 3 { MilestoneState::NotStarted } else { MilestoneState::InProgress };
                reports.push(report(ReportSubject::Task(task.id), as_of, ReportedValue::Milestone(state)));
            }
            for target in &task.targets {
                reports.push(report(
                    ReportSubject::Target(target.id),
                    as_of,
                    ReportedValue::Actual(target.value * share),
                ));
            }
        }
        if reports.len() >= 50_000 {
            stored += store.add_reports("bench", &reports).await.unwrap().len();
            store.analyze().await.unwrap();
            reports.clear();
        }
    }
    stored += store.add_reports("bench", &reports).await.unwrap().len();
    (ledger.len(), targets, stored)
}

fn report(subject: ReportSubject, as_of: NaiveDate, value: ReportedValue) -> NewReport {
    NewReport {
        subject,
        as_of,
        value,
        narrative: "按计划推进".into(),
        problems: String::new(),
        next_steps: String::new(),
    }
}

async fn bench_status(store: &Store, as_of: NaiveDate) -> (Duration, Duration, usize) {
    let mut times = Vec::new();
    let mut tasks = 0;
    for _ in 0..5 {
        let started = Instant::now();
        let table = store.status(&TaskFilter::default(), as_of).await.unwrap();
        times.push(started.elapsed());
        tasks = table.tasks.len();
    }
    times.sort();
    (times[0], times[times.len() / 2], tasks)
}

async fn run(backend: Backend) {
    println!("## {}", backend.name());
    let Some(db) = ScratchDb::new(backend).await else { return };
    let store = db.open().await;
    let started = Instant::now();
    let (tasks, targets, reports) = load_ledger(&store).await;
    println!(
        "  load: {DOCUMENTS} documents, {tasks} tasks, {targets} targets, {reports} reports in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    for as_of in [d(2024, 6, 30), d(2024, 11, 15)] {
        let (best, median, n) = bench_status(&store, as_of).await;
        println!(
            "  status of {n} tasks as of {as_of}: best {:.3} s, median {:.3} s",
            best.as_secs_f64(),
            median.as_secs_f64()
        );
    }
    let one = store.ledger(&TaskFilter::default()).await.unwrap()[0].document_id;
    let started = Instant::now();
    let table = store.status(&TaskFilter { document: Some(one), ..Default::default() }, d(2024, 6, 30)).await.unwrap();
    println!(
        "  status of one document ({} tasks): {:.1} ms",
        table.tasks.len(),
        started.elapsed().as_secs_f64() * 1000.0
    );
    store.close().await;
    if std::env::var_os("LUOSHI_BENCH_KEEP").is_some() {
        println!("  kept the loaded ledger: --db {}", db.url);
    } else {
        db.remove().await;
    }
}

#[tokio::main]
async fn main() {
    let wanted: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with('-')).collect();
    for backend in [Backend::Sqlite, Backend::Postgres] {
        if wanted.is_empty() || wanted.iter().any(|w| w == backend.name()) {
            run(backend).await;
        }
    }
}
