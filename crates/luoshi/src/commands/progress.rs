//! `luoshi progress add --target ID --as-of DATE --value V [--note TEXT]`
//! `luoshi progress add --task ID --as-of DATE --state 未启动|推进中|已完成`
//! and `progress correct|review|list`. Reports are append-only: a correction
//! is a new version of the report it replaces.

use super::Global;
use crate::ledger_output::{Format, actor, emit, number, open_store, parse_date, print_json, table};
use anyhow::bail;
use chrono::NaiveDate;
use luoshi_ledger::{MilestoneState, ReportSubject, ReportedValue};
use luoshi_store::{NewReport, Review, Store};

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(subcommand)]
    pub action: Action,
}

#[derive(clap::Subcommand, Debug)]
pub enum Action {
    /// File a report: an actual value for a target, or a milestone state for a task without targets.
    Add(Report),
    /// File a correction of a report (a new version; the old one stays in the history).
    Correct {
        /// The report being corrected.
        #[arg(long)]
        report: i64,
        #[command(flatten)]
        with: Report,
    },
    /// Accept or return a report (审核).
    Review {
        #[arg(long)]
        report: i64,
        #[arg(long, conflicts_with = "return_reason")]
        accept: bool,
        /// Return the report, with the reason.
        #[arg(long = "return")]
        return_reason: Option<String>,
        #[arg(long)]
        actor: Option<String>,
    },
    /// Every report of a task, corrections included.
    List {
        #[arg(long)]
        task: i64,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
}

#[derive(clap::Args, Debug)]
pub struct Report {
    /// The target reported on.
    #[arg(long, conflicts_with = "task", required_unless_present = "task")]
    pub target: Option<i64>,
    /// The task reported on (a task without targets).
    #[arg(long)]
    pub task: Option<i64>,
    /// The date the figure stands for (截至日期).
    #[arg(long, value_parser = parse_date)]
    pub as_of: NaiveDate,
    /// The actual (cumulative) value, for a target.
    #[arg(long, conflicts_with = "state")]
    pub value: Option<f64>,
    /// 未启动|推进中|已完成, for a task without targets.
    #[arg(long, value_parser = |s: &str| s.parse::<MilestoneState>().map_err(|e| e.to_string()))]
    pub state: Option<MilestoneState>,
    /// 进展情况
    #[arg(long, default_value = "")]
    pub note: String,
    /// 存在问题
    #[arg(long, default_value = "")]
    pub problems: String,
    /// 下一步措施
    #[arg(long, default_value = "")]
    pub next_steps: String,
    #[arg(long)]
    pub actor: Option<String>,
}

impl Report {
    fn to_new_report(&self) -> anyhow::Result<NewReport> {
        let (subject, value) = match (self.target, self.task, self.value, self.state) {
            (Some(target), None, Some(value), None) => (ReportSubject::Target(target), ReportedValue::Actual(value)),
            (None, Some(task), None, Some(state)) => (ReportSubject::Task(task), ReportedValue::Milestone(state)),
            (Some(_), _, None, _) => bail!("a target's report needs --value"),
            (_, Some(_), _, None) => bail!("a task's report needs --state 未启动|推进中|已完成"),
            _ => bail!("give --target ID --value V, or --task ID --state S"),
        };
        Ok(NewReport {
            subject,
            as_of: self.as_of,
            value,
            narrative: self.note.clone(),
            problems: self.problems.clone(),
            next_steps: self.next_steps.clone(),
        })
    }
}

pub async fn run(global: &Global, args: Args) -> anyhow::Result<()> {
    let store = open_store(&global.db).await?;
    match args.action {
        Action::Add(report) => {
            let id = store.add_report(&actor(report.actor.as_deref()), report.to_new_report()?).await?;
            emit(&format!("已报送，报告 {id}"));
        }
        Action::Correct { report, with } => {
            let id = store.correct_report(&actor(with.actor.as_deref()), report, with.to_new_report()?).await?;
            emit(&format!("已更正：报告 {id} 替代报告 {report}"));
        }
        Action::Review { report, accept, return_reason, actor: who } => {
            let review = match (accept, return_reason) {
                (true, None) => Review::Accept,
                (false, Some(reason)) => Review::Return { reason },
                _ => bail!("give --accept or --return REASON"),
            };
            store.review_report(&actor(who.as_deref()), report, review).await?;
            emit(&format!("报告 {report} 已审核"));
        }
        Action::List { task, format } => list(&store, task, format).await?,
    }
    Ok(())
}

async fn list(store: &Store, task: i64, format: Format) -> anyhow::Result<()> {
    let reports = store.task_reports(task).await?;
    if format == Format::Json {
        return print_json(&reports);
    }
    let mut out = table(&["报告", "对象", "截至", "数值/状态", "版本", "替代", "审核", "报送人", "进展情况"]);
    for r in &reports {
        let report = &r.report;
        out.add_row(vec![
            report.id.to_string(),
            match report.subject {
                ReportSubject::Target(id) => format!("目标 {id}"),
                ReportSubject::Task(id) => format!("任务 {id}"),
            },
            report.as_of.to_string(),
            match report.value {
                ReportedValue::Actual(v) => number(v),
                ReportedValue::Milestone(m) => m.label().to_string(),
            },
            report.version.to_string(),
            report.supersedes.map(|s| s.to_string()).unwrap_or_default(),
            report.review.to_string(),
            report.reporter.clone(),
            report.narrative.clone(),
        ]);
    }
    emit(&out.to_string());
    Ok(())
}
