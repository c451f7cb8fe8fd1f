//! `luoshi ledger [--document ID] [--unit NAME] [--status S] [--as-of DATE]`:
//! the task ledger with its targets, each with its stable id; and the
//! supervisor's edits (`luoshi ledger set-units|set-deadline|set-target|
//! set-cycle|split|merge|add|history`), each recorded in the audit log.

use super::Global;
use crate::ledger_output::{Format, actor, emit, number, open_store, parse_date, print_json, table, today};
use anyhow::{anyhow, bail};
use chrono::NaiveDate;
use luoshi_ledger::{ReportingCycle, Status};
use luoshi_store::{LedgerTask, NewTask, Store, TargetChange, TaskFilter};
use std::collections::HashMap;

#[derive(clap::Args, Debug)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Args {
    #[command(subcommand)]
    pub edit: Option<Edit>,
    #[command(flatten)]
    pub list: ListArgs,
}

#[derive(clap::Args, Debug)]
pub struct ListArgs {
    /// Only the tasks of this document (any of its version ids).
    #[arg(long)]
    pub document: Option<i64>,
    /// Only the tasks naming this unit (any alias), lead or co-unit.
    #[arg(long)]
    pub unit: Option<String>,
    /// Only tasks with this status (已完成|超进度|达进度|欠进度|未报送|逾期未完成).
    #[arg(long, value_parser = parse_status)]
    pub status: Option<Status>,
    /// The date statuses are judged at (default: today).
    #[arg(long, value_parser = parse_date)]
    pub as_of: Option<NaiveDate>,
    /// Include retired tasks (dropped by a new version, split or merged).
    #[arg(long)]
    pub all: bool,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// Edits of the ledger.
#[derive(clap::Subcommand, Debug)]
pub enum Edit {
    /// Replace a task's units, lead first.
    SetUnits {
        #[arg(long)]
        task: i64,
        #[arg(required = true)]
        units: Vec<String>,
        #[arg(long)]
        actor: Option<String>,
    },
    /// Set (or clear with `none`) a task's deadline.
    SetDeadline {
        #[arg(long)]
        task: i64,
        deadline: String,
        #[arg(long)]
        actor: Option<String>,
    },
    /// Set a target's deadline, baseline (基数), plan start, value or comparator.
    SetTarget {
        #[arg(long)]
        target: i64,
        #[arg(long, value_parser = parse_date)]
        deadline: Option<NaiveDate>,
        #[arg(long)]
        baseline: Option<f64>,
        #[arg(long, value_parser = parse_date)]
        start: Option<NaiveDate>,
        #[arg(long)]
        value: Option<f64>,
        #[arg(long)]
        actor: Option<String>,
    },
    /// Set a document's reporting cycle (weekly|monthly|quarterly) and/or plan start.
    SetDocument {
        #[arg(long)]
        document: i64,
        #[arg(long, value_parser = |s: &str| s.parse::<ReportingCycle>().map_err(|e| e.to_string()))]
        cycle: Option<ReportingCycle>,
        #[arg(long, value_parser = parse_date)]
        start: Option<NaiveDate>,
        #[arg(long)]
        actor: Option<String>,
    },
    /// Split a task into parts, one title each (the original is retired).
    Split {
        #[arg(long)]
        task: i64,
        #[arg(required = true, num_args = 2..)]
        titles: Vec<String>,
        #[arg(long)]
        actor: Option<String>,
    },
    /// Merge tasks into one with the given title (their targets move over).
    Merge {
        #[arg(long = "task", required = true, num_args = 1..)]
        tasks: Vec<i64>,
        #[arg(long)]
        title: String,
        #[arg(long)]
        actor: Option<String>,
    },
    /// Add a task by hand.
    Add {
        #[arg(long)]
        document: i64,
        #[arg(long)]
        title: String,
        #[arg(long, default_value = "")]
        text: String,
        /// Units, lead first.
        #[arg(long = "unit")]
        units: Vec<String>,
        #[arg(long, value_parser = parse_date)]
        deadline: Option<NaiveDate>,
        #[arg(long)]
        actor: Option<String>,
    },
    /// The audit trail of a task (who changed what, before and after).
    History {
        #[arg(long)]
        task: i64,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
}

fn parse_status(text: &str) -> Result<Status, String> {
    text.parse::<Status>().map_err(|e| e.to_string())
}

pub async fn run(global: &Global, args: Args) -> anyhow::Result<()> {
    let store = open_store(&global.db).await?;
    match args.edit {
        None => list(&store, args.list).await,
        Some(edit) => run_edit(&store, edit).await,
    }
}

async fn list(store: &Store, args: ListArgs) -> anyhow::Result<()> {
    let unit = match &args.unit {
        Some(name) => Some(store.unit_id(name).await?.ok_or_else(|| anyhow!("no unit named {name}"))?),
        None => None,
    };
    let filter = TaskFilter { document: args.document, unit, include_retired: args.all, ..Default::default() };
    let mut tasks = store.ledger(&filter).await?;
    let mut statuses: HashMap<i64, Status> = HashMap::new();
    if args.status.is_some() || args.as_of.is_some() {
        let table = store.status(&filter, args.as_of.unwrap_or_else(today)).await?;
        statuses = table.tasks.iter().map(|t| (t.id, t.status)).collect();
    }
    if let Some(wanted) = args.status {
        tasks.retain(|t| statuses.get(&t.id) == Some(&wanted));
    }
    if args.format == Format::Json {
        let rows: Vec<serde_json::Value> = tasks
            .iter()
            .map(|t| {
                let mut value = serde_json::to_value(t).unwrap_or_default();
                if let Some(status) = statuses.get(&t.id) {
                    value["status"] = status.label().into();
                }
                value
            })
            .collect();
        return print_json(&rows);
    }
    let mut out = table(&["id", "文件", "任务", "责任单位", "时限", "目标（id：指标 比较 值 单位 时限）", "状态"]);
    for task in &tasks {
        out.add_row(vec![
            task.id.to_string(),
            task.document_id.to_string(),
            if task.active { task.title.clone() } else { format!("{}（已撤销）", task.title) },
            unit_names(task),
            task.deadline.clone().unwrap_or_default(),
            target_lines(task),
            statuses.get(&task.id).map(|s| s.label().to_string()).unwrap_or_default(),
        ]);
    }
    emit(&out.to_string());
    emit(&format!("共{}项任务", tasks.len()));
    Ok(())
}

fn unit_names(task: &LedgerTask) -> String {
    task.units
        .iter()
        .map(|u| if u.lead { format!("{}（牵头）", u.name) } else { u.name.clone() })
        .collect::<Vec<_>>()
        .join("、")
}

fn target_lines(task: &LedgerTask) -> String {
    task.targets
        .iter()
        .map(|g| {
            format!(
                "{}：{} {} {}{} {}",
                g.id,
                g.metric,
                g.cmp.symbol(),
                number(g.value),
                g.unit,
                g.deadline.clone().unwrap_or_default()
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

async fn run_edit(store: &Store, edit: Edit) -> anyhow::Result<()> {
    match edit {
        Edit::SetUnits { task, units, actor: who } => {
            store.set_task_units(&actor(who.as_deref()), task, &units).await?;
            emit(&format!("任务 {task} 的责任单位已改为：{}", units.join("、")));
        }
        Edit::SetDeadline { task, deadline, actor: who } => {
            let date = if deadline == "none" { None } else { Some(parse_date(&deadline).map_err(|e| anyhow!(e))?) };
            store.set_task_deadline(&actor(who.as_deref()), task, date).await?;
            emit(&format!("任务 {task} 的时限已改为：{}", date.map_or("无".to_string(), |d| d.to_string())));
        }
        Edit::SetTarget { target, deadline, baseline, start, value, actor: who } => {
            let who = actor(who.as_deref());
            let changes: Vec<TargetChange> = [
                deadline.map(|d| TargetChange::Deadline(Some(d))),
                baseline.map(|b| TargetChange::Baseline(Some(b))),
                start.map(|s| TargetChange::PlanStart(Some(s))),
                value.map(TargetChange::Value),
            ]
            .into_iter()
            .flatten()
            .collect();
            if changes.is_empty() {
                bail!("nothing to change: give --deadline, --baseline, --start or --value");
            }
            for change in changes {
                store.set_target(&who, target, change).await?;
            }
            emit(&format!("目标 {target} 已修改"));
        }
        Edit::SetDocument { document, cycle, start, actor: who } => {
            let who = actor(who.as_deref());
            if cycle.is_none() && start.is_none() {
                bail!("nothing to change: give --cycle or --start");
            }
            if let Some(cycle) = cycle {
                store.set_reporting_cycle(&who, document, cycle).await?;
                emit(&format!("文件 {document} 的报送周期已改为：{}", cycle.label()));
            }
            if let Some(start) = start {
                store.set_plan_start(&who, document, Some(start)).await?;
                emit(&format!("文件 {document} 的计划起始已改为：{start}"));
            }
        }
        Edit::Split { task, titles, actor: who } => {
            let parts =
                titles.into_iter().map(|title| NewTask { text: title.clone(), title, ..Default::default() }).collect();
            let ids = store.split_task(&actor(who.as_deref()), task, parts).await?;
            emit(&format!("任务 {task} 已拆分为：{}", ids.iter().map(i64::to_string).collect::<Vec<_>>().join("、")));
        }
        Edit::Merge { tasks, title, actor: who } => {
            let id = store.merge_tasks(&actor(who.as_deref()), &tasks, &title).await?;
            emit(&format!("已合并为任务 {id}"));
        }
        Edit::Add { document, title, text, units, deadline, actor: who } => {
            let task = NewTask {
                document_id: document,
                text: if text.is_empty() { title.clone() } else { text },
                title,
                units,
                deadline,
                ..Default::default()
            };
            let id = store.add_task(&actor(who.as_deref()), task).await?;
            emit(&format!("已添加任务 {id}"));
        }
        Edit::History { task, format } => {
            let entries = store.audit_log(Some(("task", task)), 1000).await?;
            if format == Format::Json {
                return print_json(&entries);
            }
            let mut out = table(&["时间", "操作人", "操作", "修改前", "修改后"]);
            for e in &entries {
                let show = |v: &Option<serde_json::Value>| v.as_ref().map(|v| v.to_string()).unwrap_or_default();
                out.add_row(vec![e.at.clone(), e.actor.clone(), e.action.clone(), show(&e.before), show(&e.after)]);
            }
            emit(&out.to_string());
        }
    }
    Ok(())
}
