//! `luoshi status [--document ID] [--unit NAME] --as-of DATE [--format json|table]`:
//! every task judged as TRACKING.md defines, with its targets.

use super::Global;
use crate::ledger_output::{Format, emit, number, open_store, parse_date, percent, print_json, table};
use anyhow::anyhow;
use chrono::NaiveDate;
use luoshi_ledger::Status;
use luoshi_store::{StatusTable, TaskFilter};
use serde::Serialize;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Only the tasks of this document (any of its version ids).
    #[arg(long)]
    pub document: Option<i64>,
    /// Only the tasks naming this unit.
    #[arg(long)]
    pub unit: Option<String>,
    /// The date the ledger is judged at.
    #[arg(long, value_parser = parse_date)]
    pub as_of: NaiveDate,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// The JSON shape: statuses and lights as the Chinese labels of TRACKING.md.
#[derive(Serialize)]
struct StatusJson {
    as_of: NaiveDate,
    summary: Vec<SummaryJson>,
    tasks: Vec<TaskJson>,
}

#[derive(Serialize)]
struct SummaryJson {
    status: &'static str,
    count: usize,
    share: f64,
}

#[derive(Serialize)]
struct TaskJson {
    id: i64,
    document_id: i64,
    title: String,
    units: Vec<String>,
    deadline: NaiveDate,
    status: &'static str,
    light: &'static str,
    missed_cycles: u32,
    last_report: Option<NaiveDate>,
    milestone: Option<&'static str>,
    double_half: bool,
    targets: Vec<TargetJson>,
}

#[derive(Serialize)]
struct TargetJson {
    id: i64,
    metric: String,
    cmp: &'static str,
    value: f64,
    unit: String,
    deadline: NaiveDate,
    actual: Option<f64>,
    actual_as_of: Option<NaiveDate>,
    work_progress: Option<f64>,
    time_progress: f64,
    status: &'static str,
    light: &'static str,
}

fn to_json(table: &StatusTable) -> StatusJson {
    StatusJson {
        as_of: table.as_of,
        summary: Status::ALL
            .iter()
            .map(|s| SummaryJson { status: s.label(), count: table.summary.count(*s), share: table.summary.share(*s) })
            .collect(),
        tasks: table
            .tasks
            .iter()
            .map(|t| TaskJson {
                id: t.id,
                document_id: t.document_id,
                title: t.title.clone(),
                units: t.units.clone(),
                deadline: t.deadline,
                status: t.status.label(),
                light: t.light.label(),
                missed_cycles: t.missed_cycles,
                last_report: t.last_report,
                milestone: t.milestone.map(|m| m.label()),
                double_half: t.double_half.passed,
                targets: t
                    .targets
                    .iter()
                    .map(|g| TargetJson {
                        id: g.id,
                        metric: g.metric.clone(),
                        cmp: g.cmp.symbol(),
                        value: g.value,
                        unit: g.unit.clone(),
                        deadline: g.deadline,
                        actual: g.actual,
                        actual_as_of: g.actual_as_of,
                        work_progress: g.work_progress,
                        time_progress: g.time_progress,
                        status: g.status.label(),
                        light: g.light.label(),
                    })
                    .collect(),
            })
            .collect(),
    }
}

pub async fn run(global: &Global, args: Args) -> anyhow::Result<()> {
    let store = open_store(&global.db).await?;
    let unit = match &args.unit {
        Some(name) => Some(store.unit_id(name).await?.ok_or_else(|| anyhow!("no unit named {name}"))?),
        None => None,
    };
    let filter = TaskFilter { document: args.document, unit, ..Default::default() };
    let status = store.status(&filter, args.as_of).await?;
    if args.format == Format::Json {
        return print_json(&to_json(&status));
    }
    let mut out = table(&["id", "任务 / 目标", "责任单位", "实际", "完成进度 w", "时间进度 t", "状态", "灯"]);
    for task in &status.tasks {
        let title = match task.milestone {
            Some(m) => format!("{}（{}）", task.title, m.label()),
            None => task.title.clone(),
        };
        out.add_row(vec![
            task.id.to_string(),
            title,
            task.units.join("、"),
            String::new(),
            String::new(),
            String::new(),
            task.status.label().to_string(),
            task.light.label().to_string(),
        ]);
        for g in &task.targets {
            out.add_row(vec![
                format!("  {}", g.id),
                format!("  {} {} {}{}（{}）", g.metric, g.cmp.symbol(), number(g.value), g.unit, g.deadline),
                String::new(),
                g.actual.map(number).unwrap_or_else(|| "—".into()),
                percent(g.work_progress),
                percent(Some(g.time_progress)),
                g.status.label().to_string(),
                g.light.label().to_string(),
            ]);
        }
    }
    emit(&out.to_string());
    let shares: Vec<String> = Status::ALL
        .iter()
        .filter(|s| status.summary.count(**s) > 0)
        .map(|s| format!("{}{}个，占{:.1}%", s.label(), status.summary.count(*s), status.summary.share(*s) * 100.0))
        .collect();
    emit(&format!("截至{}，共{}项任务：{}", status.as_of, status.summary.total, shares.join("；")));
    Ok(())
}
