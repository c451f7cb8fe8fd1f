//! Build a large ledger for the web load test (docs/PERFORMANCE.md, "Web"):
//! one document with N tasks spread over 200 units, 1–3 targets each,
//! reports on a share of them, and one user per role with a known password.
//!
//! cargo run --release -p luoshi-web --example bench_db -- /tmp/bench.db 100000

use std::time::Instant;

use chrono::NaiveDate;
use luoshi_ledger::{Comparator, DocumentDraft, ReportSubject, ReportedValue, Role, SectionDraft, TargetDraft, TaskDraft};
use luoshi_store::{NewReport, NewUser, Review, Store, TaskFilter};
use luoshi_web::auth::password::hash_password;

/// Password of every bench user (bench_admin, bench_ducha, bench_lingdao, bench_unit).
pub const BENCH_PASSWORD: &str = "bench-password-1";
const UNITS: usize = 200;
const REPORTS: usize = 5_000;

fn unit_name(i: usize) -> String {
    format!("市第{}局", i + 1)
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let db = args.next().unwrap_or_else(|| "bench.db".into());
    let n: usize = args.next().map(|s| s.parse()).transpose()?.unwrap_or(100_000);
    let store = Store::open(&db).await?;
    let started = Instant::now();

    let mut text = String::from("清河市2025年重点工作任务（压力测试）\n");
    let mut tasks = Vec::with_capacity(n);
    let mut sections = Vec::new();
    for i in 0..n {
        if i % 1000 == 0 {
            let heading = format!("第{}部分", i / 1000 + 1);
            let start = text.chars().count();
            text.push_str(&heading);
            text.push('\n');
            sections.push(SectionDraft { level: 1, heading, span: (start, start + 4) });
        }
        let sentence = format!("{}.推进第{}项重点工作，完成投资{}亿元以上。", i + 1, i + 1, 10 + i % 90);
        let start = text.chars().count();
        let len = sentence.chars().count();
        text.push_str(&sentence);
        text.push('\n');
        let targets = (0..1 + i % 3)
            .map(|k| TargetDraft {
                metric: if k == 0 { "完成投资".into() } else { format!("指标{k}") },
                value: (10 + i % 90) as f64,
                unit: "亿元".into(),
                cmp: Comparator::AtLeast,
                deadline: NaiveDate::from_ymd_opt(2025, if i % 4 == 0 { 6 } else { 12 }, if i % 4 == 0 { 30 } else { 31 }),
                yearly: false,
                span: (start, start + len),
                text: format!("{}亿元以上", 10 + i % 90),
                baseline: None,
            })
            .collect();
        tasks.push(TaskDraft {
            key: format!("t{}", i + 1),
            section_path: vec![format!("第{}部分", i / 1000 + 1)],
            title: format!("推进第{}项重点工作", i + 1),
            text: sentence,
            span: (start, start + len),
            units: vec![unit_name(i % UNITS), unit_name((i * 7 + 3) % UNITS)],
            deadline: NaiveDate::from_ymd_opt(2025, 12, 31),
            targets,
        });
    }
    let draft = DocumentDraft {
        source: format!("bench-{n}.txt"),
        title: Some(format!("压力测试台账（{n}项）")),
        year: Some(2025),
        period_end: NaiveDate::from_ymd_opt(2025, 12, 31),
        content_hash: format!("bench-{n}-{}", text.len()),
        text,
        sections,
        tasks,
    };
    store.ingest("bench", &draft, &Default::default()).await?;
    eprintln!("ingested {n} tasks in {:.1?}", started.elapsed());

    let hash = hash_password(BENCH_PASSWORD)?;
    let unit = store.unit_id(&unit_name(0)).await?;
    for (name, role, unit_id) in [
        ("bench_admin", Role::Admin, None),
        ("bench_ducha", Role::Supervisor, None),
        ("bench_lingdao", Role::Leader, None),
        ("bench_unit", Role::Unit, unit),
    ] {
        if store.user_by_name(name).await?.is_none() {
            store
                .create_user("bench", NewUser { username: name.into(), display_name: None, password_hash: hash.clone(), role, unit_id })
                .await?;
        }
    }

    let ledger = store.ledger(&TaskFilter::default()).await?;
    let as_of = NaiveDate::from_ymd_opt(2025, 6, 30).expect("date");
    let step = (ledger.len() / REPORTS).max(1);
    for (k, task) in ledger.iter().step_by(step).take(REPORTS).enumerate() {
        let Some(target) = task.targets.first() else { continue };
        let report = NewReport {
            subject: ReportSubject::Target(target.id),
            as_of,
            value: ReportedValue::Actual(target.value * [0.3, 0.5, 0.7, 1.0][k % 4]),
            narrative: "按计划推进".into(),
            problems: String::new(),
            next_steps: String::new(),
        };
        let id = store.add_report("bench_unit", report).await?;
        if k % 5 != 0 {
            store.review_report("bench_ducha", id, Review::Accept).await?;
        }
    }
    eprintln!("done in {:.1?}: {} tasks, {REPORTS} reports, users bench_* / {BENCH_PASSWORD}", started.elapsed(), ledger.len());
    store.close().await;
    Ok(())
}
