//! `luoshi demo [--addr 127.0.0.1:8080]`: a demo ledger from the shipped
//! sample plan, demo users, some progress, then the web app. Safe to run
//! again: the plan is stored once, reports are added only to an empty
//! ledger, and the demo users get fresh passwords each run.

use std::net::SocketAddr;

use anyhow::Context;
use chrono::NaiveDate;
use luoshi_ledger::{MilestoneState, ReportSubject, ReportedValue, ReviewPolicy, Role};
use luoshi_store::{NewReport, Review, Store, TaskFilter};
use luoshi_web::WebConfig;

use super::Global;
use super::serve::{ingest_extraction, serve_store};
use super::user::add_user;

/// The sample plan, built into the binary.
const SAMPLE_PLAN: &str = include_str!("../../../../samples/demo-plan-2025.txt");
const SAMPLE_NAME: &str = "demo-plan-2025.txt";
/// The demo database when `--db` is left at its default.
const DEMO_DB: &str = "luoshi-demo.db";

/// The demo's "today": mid-year of the plan, so that 双过半 applies and
/// the statuses mean something whatever the real date is.
fn demo_today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 7, 15).expect("valid date")
}

/// The demo users: (name, role, unit, display name).
const DEMO_USERS: [(&str, Role, Option<&str>, &str); 4] = [
    ("admin", Role::Admin, None, "系统管理员"),
    ("ducha", Role::Supervisor, None, "督查室 王科长"),
    ("lingdao", Role::Leader, None, "分管副市长 李"),
    ("fgw", Role::Unit, Some("市发展和改革委员会"), "市发改委 填报员"),
];

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// Prepare the database and print the users, but do not serve.
    #[arg(long)]
    pub no_serve: bool,
}

/// A random demo password: 12 letters and digits, easy to type.
fn demo_password() -> anyhow::Result<String> {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let mut bytes = [0u8; 12];
    getrandom::fill(&mut bytes).map_err(|e| anyhow::anyhow!("no randomness: {e}"))?;
    Ok(bytes.iter().map(|b| ALPHABET[*b as usize % ALPHABET.len()] as char).collect())
}

/// Progress as a share of each target, by task position: a spread of
/// ahead, on-track, behind and missing reports.
const PROGRESS_SHARES: [Option<f64>; 9] = [Some(0.62), Some(0.35), Some(0.55), None, Some(0.8), Some(0.2), Some(0.5), Some(0.58), None];

/// File demo progress as of 2025-06-30 and review most of it.
async fn add_demo_progress(store: &Store) -> anyhow::Result<usize> {
    let tasks = store.ledger(&TaskFilter::default()).await?;
    let as_of = NaiveDate::from_ymd_opt(2025, 6, 30).expect("valid date");
    let mut filed = 0;
    for (i, task) in tasks.iter().enumerate() {
        let Some(share) = PROGRESS_SHARES[i % PROGRESS_SHARES.len()] else { continue };
        let reporter = "fgw";
        let texts = |subject, value| NewReport {
            subject,
            as_of,
            value,
            narrative: format!("{}：上半年按计划推进，各项工作有序开展。", task.title),
            problems: if share < 0.4 { "项目前期手续办理进度偏慢，资金到位不足。".into() } else { String::new() },
            next_steps: "加强调度，逐月跟踪，确保完成全年目标。".into(),
        };
        let mut ids = Vec::new();
        if task.targets.is_empty() {
            let state = if share >= 0.5 { MilestoneState::InProgress } else { MilestoneState::NotStarted };
            ids.push(store.add_report(reporter, texts(ReportSubject::Task(task.id), ReportedValue::Milestone(state))).await?);
        }
        for target in &task.targets {
            let value = if target.cmp.is_control() { target.value * 0.95 } else { (target.value * share * 100.0).round() / 100.0 };
            ids.push(store.add_report(reporter, texts(ReportSubject::Target(target.id), ReportedValue::Actual(value))).await?);
        }
        // Leave the reports of two tasks in the review queue; return one.
        for id in &ids {
            match i {
                1 => store.review_report("ducha", *id, Review::Return { reason: "数据口径与统计局不一致，请核实".into() }).await?,
                2 | 4 => {}
                _ => store.review_report("ducha", *id, Review::Accept).await?,
            }
        }
        filed += ids.len();
    }
    Ok(filed)
}

pub async fn run(global: &Global, args: Args) -> anyhow::Result<()> {
    let db = if global.db == "luoshi.db" { DEMO_DB.to_string() } else { global.db.clone() };
    let store = Store::open_with(&db, 16).await.with_context(|| format!("opening {db}"))?;

    let text = luoshi_text::PlainText::from_text(SAMPLE_PLAN);
    let options = luoshi_extract::Options { source: SAMPLE_NAME.into(), year: Some(2025) };
    let extraction = luoshi_extract::extract(&text, &options);
    let document_id = ingest_extraction(&store, "demo", &text, &extraction).await?;
    // The demo office reviews every report: only accepted ones count.
    if store.review_policy().await? != ReviewPolicy::AcceptedOnly {
        store.set_review_policy("demo", ReviewPolicy::AcceptedOnly).await?;
    }

    println!("演示数据库：{db}（文件 #{document_id}：{} 项任务）", extraction.tasks.len());
    println!();
    println!("演示账号（每次运行重新生成密码）：");
    for (name, role, unit, display) in DEMO_USERS {
        let password = demo_password()?;
        add_user(&store, name, role, unit, Some(display.to_string()), &password, true).await?;
        println!("  {name:<8} 密码 {password}  {}{}", role.label(), unit.map(|u| format!("（{u}）")).unwrap_or_default());
    }
    // Progress only once: the first task always gets a report in the demo.
    let tasks = store.ledger(&TaskFilter::default()).await?;
    let has_progress = match tasks.first() {
        Some(first) => !store.task_reports(first.id).await?.is_empty(),
        None => true,
    };
    if !has_progress {
        let n = add_demo_progress(&store).await?;
        println!();
        println!("已添加演示进展 {n} 条（截至 2025-06-30）。");
    }
    println!();
    println!("演示日期按 {} 计算状态。", demo_today());
    if args.no_serve {
        store.close().await;
        return Ok(());
    }
    let config = WebConfig { today: Some(demo_today()), ..WebConfig::default() };
    serve_store(store, args.addr, config).await
}
