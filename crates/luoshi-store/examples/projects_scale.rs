//! 三个一批 at scale, on SQLite and PostgreSQL (a bench command: seeding a
//! million reports once is the expensive part, the query is what is timed).
//!
//! 100,000 generated key projects (6 stages mixed, 12 counties, 6 kinds,
//! 10 units) and 1,000,000 monthly reports (ten month ends each, Jan–Oct,
//! a few of them recording a stage step), then `Store::project_stats` as of
//! 2025-10-31 (after ANALYZE): the whole pipeline, and grouped by county,
//! unit and kind.
//!
//! `cargo run --release -p luoshi-store --example projects_scale` (both
//! backends; PostgreSQL from `LUOSHI_TEST_PG`). `-- sqlite` or `-- postgres`
//! runs one backend. An example rather than a bench target so that it builds
//! with the store alone.

use chrono::NaiveDate;
use luoshi_ledger::projects::{GroupBy, ProjectDraft, ProjectFilter, Stage, StageDates};
use luoshi_store::testing::ScratchDb;
use luoshi_store::{Backend, NewProjectReport, Store};
use std::time::{Duration, Instant};

const PROJECTS: usize = 100_000;
const MONTHS: u32 = 10;
const CHUNK: usize = 10_000;
const RUNS: usize = 5;

const COUNTIES: [&str; 12] =
    ["甲县", "乙区", "丙县", "丁市", "戊县", "己区", "庚县", "辛市", "壬县", "癸区", "高新区", "经开区"];
const KINDS: [&str; 6] = ["省重点", "市重点", "增发国债", "招商签约", "专项债", "中央预算内"];
const UNITS: [&str; 10] = [
    "市发展改革委",
    "市工业和信息化局",
    "市商务局",
    "市住房城乡建设局",
    "市交通运输局",
    "市农业农村局",
    "市水利局",
    "市文化广电和旅游局",
    "市卫生健康委",
    "市教育局",
];

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, m, day).unwrap()
}

fn month_end(m: u32) -> NaiveDate {
    if m == 12 { d(12, 31) } else { d(m + 1, 1).pred_opt().unwrap() }
}

fn draft(i: usize) -> ProjectDraft {
    let depth = i % 5;
    let on = |m: u32| Some(d(m, 1 + (i % 28) as u32));
    ProjectDraft {
        name: format!("重点项目{i:06}"),
        county: COUNTIES[i % COUNTIES.len()].into(),
        kind: KINDS[(i / 7) % KINDS.len()].into(),
        responsible_unit: UNITS[(i / 3) % UNITS.len()].into(),
        industry_chain: "新能源".into(),
        enterprise: format!("企业{i}"),
        content: "新建生产线".into(),
        total_investment: Some(30_000.0 + (i % 97) as f64 * 100.0),
        annual_planned_investment: Some(10_000.0 + (i % 89) as f64 * 50.0),
        plan_year: Some(2025),
        stages: StageDates {
            signed: (depth >= 1).then(|| on(1)).flatten(),
            started: (depth >= 2).then(|| on(3)).flatten(),
            producing: (depth >= 3).then(|| on(7)).flatten(),
            effective: (depth >= 4).then(|| on(9)).flatten(),
        },
        ..Default::default()
    }
}

fn timed<T>(what: &str, started: Instant, value: T) -> T {
    eprintln!("  {what}: {:.2} s", started.elapsed().as_secs_f64());
    value
}

async fn seed(store: &Store) {
    let started = Instant::now();
    let drafts: Vec<ProjectDraft> = (0..PROJECTS).map(draft).collect();
    for chunk in drafts.chunks(CHUNK) {
        store.upsert_projects("bench", chunk, Some("bench.xlsx")).await.unwrap();
    }
    timed(&format!("import {PROJECTS} projects"), started, ());
    let started = Instant::now();
    for month in 1..=MONTHS {
        let reports: Vec<NewProjectReport> = (0..PROJECTS)
            .map(|i| NewProjectReport {
                project_id: i as i64 + 1,
                as_of: month_end(month),
                completed_investment: (i % 89) as f64 * 10.0 * f64::from(month),
                in_statistics: i % 3 != 0,
                // A few reports move a 谋划 project on.
                stage: (i % 5 == 0 && i % 50 == month as usize).then_some(Stage::Signed),
                progress: "按计划推进".into(),
                problems: String::new(),
                next_steps: String::new(),
            })
            .collect();
        for chunk in reports.chunks(CHUNK * 5) {
            store.add_project_reports("bench", chunk.to_vec()).await.unwrap();
        }
    }
    timed(&format!("file {} reports", PROJECTS * MONTHS as usize), started, ());
}

async fn measure(store: &Store, label: &str, by: Option<GroupBy>) -> Duration {
    let mut times = Vec::with_capacity(RUNS);
    let mut signed = 0;
    for _ in 0..RUNS {
        let started = Instant::now();
        let stats = store.project_stats(&ProjectFilter::default(), d(10, 31), by).await.unwrap();
        times.push(started.elapsed());
        signed = stats.total.signed;
        assert_eq!(stats.total.projects, PROJECTS as u64);
    }
    times.sort();
    let median = times[RUNS / 2];
    eprintln!(
        "  stats {label}: median {:.0} ms, best {:.0} ms over {RUNS} runs (signed {signed})",
        median.as_secs_f64() * 1000.0,
        times[0].as_secs_f64() * 1000.0
    );
    median
}

async fn run(backend: Backend) {
    let Some(db) = ScratchDb::new(backend).await else { return };
    eprintln!("{} ({} projects, {} reports):", backend.name(), PROJECTS, PROJECTS * MONTHS as usize);
    let store = db.open().await;
    seed(&store).await;
    // Fresh statistics, as autovacuum (PostgreSQL) or a periodic ANALYZE
    // (SQLite) keeps them in a database that has been in use.
    let location = luoshi_store::Location::parse(&db.url).unwrap();
    let mut conn = <sqlx::AnyConnection as sqlx::Connection>::connect(&location.url).await.unwrap();
    let started = Instant::now();
    sqlx::raw_sql("ANALYZE").execute(&mut conn).await.unwrap();
    timed("ANALYZE", started, ());
    let _ = sqlx::Connection::close(conn).await;
    measure(&store, "whole", None).await;
    measure(&store, "by county", Some(GroupBy::County)).await;
    measure(&store, "by unit", Some(GroupBy::Unit)).await;
    measure(&store, "by kind", Some(GroupBy::Kind)).await;
    let started = Instant::now();
    let one_county = ProjectFilter { county: Some("甲县".into()), ..Default::default() };
    let lines = store.project_lines(&one_county, d(10, 31)).await.unwrap();
    timed(&format!("project list of one county ({} lines)", lines.len()), started, ());
    store.close().await;
    db.remove().await;
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let only = |name: &str| args.iter().all(|a| a.starts_with("--")) || args.iter().any(|a| a == name);
    if only("sqlite") {
        run(Backend::Sqlite).await;
    }
    if only("postgres") {
        run(Backend::Postgres).await;
    }
}
