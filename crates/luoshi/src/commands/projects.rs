//! `luoshi projects …`: 重点项目 and the 三个一批 pipeline.
//!
//! - `import FILE.xlsx`: a 项目表 (idempotent; bad rows listed, the rest kept)
//! - `list`: projects with stage, investment and light as of a date
//! - `report --project ID --as-of DATE --completed-investment X [--stage S]`: 月调度
//! - `review --report ID --accept|--return REASON`, `problem add|solve`
//! - `remind --as-of DATE [--issue]`: 催办 of projects missing a monthly report
//! - `stats --as-of DATE [--by county|unit|kind|industry]`: the rates
//! - `link --target ID …` and `targets --as-of DATE`: targets counted by projects
//! - `export --as-of DATE --out FILE.xlsx`: the 月调度表
//! - `summary --as-of DATE [--out FILE.docx|FILE.md]`: 三个一批推进情况
//!
//! Investments are in 万元.

use super::Global;
use crate::ledger_output::{Format, actor, emit, number, open_store, parse_date, percent, print_json, table, today};
use anyhow::{Context, bail};
use chrono::NaiveDate;
use luoshi_ledger::projects::{GroupBy, LinkMeasure, PipelineStats, ProblemKind, ProjectFilter, ProjectProblem, Stage, TargetLink};
use luoshi_report::projects::{
    ImportOptions, PipelineSummaryInput, ProjectRow, dispatch_workbook, import_projects, render_summary_docx,
    render_summary_markdown,
};
use luoshi_store::{NewProjectProblem, NewProjectReport, Review};
// The web's 月调度表 download builds its rows the same way.
use luoshi_web::projects::downloads::project_row;
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(subcommand)]
    pub action: Action,
}

/// Which projects (every condition given must hold).
#[derive(clap::Args, Debug, Clone, Default)]
pub struct Filter {
    /// 县（市、区）/园区
    #[arg(long)]
    pub county: Option<String>,
    /// 项目类别 (省重点, 市重点, 增发国债 …)
    #[arg(long)]
    pub kind: Option<String>,
    /// 包联单位
    #[arg(long)]
    pub unit: Option<String>,
    /// 产业链
    #[arg(long)]
    pub industry: Option<String>,
    /// Project ids, comma-separated.
    #[arg(long, value_delimiter = ',')]
    pub ids: Vec<i64>,
}

impl Filter {
    fn to_filter(&self) -> ProjectFilter {
        ProjectFilter {
            ids: self.ids.clone(),
            kind: self.kind.clone(),
            county: self.county.clone(),
            unit: self.unit.clone(),
            industry_chain: self.industry.clone(),
        }
    }
}

fn parse_stage(text: &str) -> Result<Stage, String> {
    Stage::parse(text).map_err(|e| e.to_string())
}

fn parse_group(text: &str) -> Result<GroupBy, String> {
    GroupBy::parse(text).map_err(|e| e.to_string())
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Measure {
    /// 完成投资: the linked projects' completed investment, in the target's unit.
    CompletedInvestment,
    /// 入库纳统投资
    StatisticsInvestment,
    /// How many linked projects have reached --stage.
    Count,
}

#[derive(clap::Subcommand, Debug)]
pub enum Action {
    /// Import a 项目表 (.xlsx); re-importing the same sheet changes nothing.
    Import {
        file: PathBuf,
        /// The year of 年度计划投资 when the sheet does not say.
        #[arg(long)]
        year: Option<i32>,
        /// The date the sheet stands for when its headers name no month (default today).
        #[arg(long, value_parser = parse_date)]
        as_of: Option<NaiveDate>,
        /// 县区 for a sheet without that column.
        #[arg(long)]
        county: Option<String>,
        /// 项目类别 for a sheet without that column.
        #[arg(long)]
        kind: Option<String>,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        #[arg(long)]
        actor: Option<String>,
    },
    /// List projects with their stage, investment and light as of a date.
    List {
        #[command(flatten)]
        filter: Filter,
        /// Only projects at this stage.
        #[arg(long, value_parser = parse_stage)]
        stage: Option<Stage>,
        #[arg(long, value_parser = parse_date)]
        as_of: Option<NaiveDate>,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// File a monthly report (月调度) for a project.
    Report {
        #[arg(long)]
        project: i64,
        #[arg(long, value_parser = parse_date)]
        as_of: NaiveDate,
        /// 年度累计完成投资 (万元), year to date.
        #[arg(long)]
        completed_investment: f64,
        /// The stage reached by this date (签约/开工/投产/达效).
        #[arg(long, value_parser = parse_stage)]
        stage: Option<Stage>,
        /// The figure is 入库纳统.
        #[arg(long)]
        in_statistics: bool,
        /// 形象进度
        #[arg(long, default_value = "")]
        progress: String,
        /// 存在问题
        #[arg(long, default_value = "")]
        problems: String,
        /// 下一步措施
        #[arg(long, default_value = "")]
        next_steps: String,
        /// Correct this earlier report instead of filing a new one.
        #[arg(long)]
        corrects: Option<i64>,
        #[arg(long)]
        actor: Option<String>,
    },
    /// Accept or return a monthly report (审核).
    Review {
        #[arg(long)]
        report: i64,
        #[arg(long, conflicts_with = "return_reason")]
        accept: bool,
        #[arg(long = "return")]
        return_reason: Option<String>,
        #[arg(long)]
        actor: Option<String>,
    },
    /// 催办: the projects whose 月调度 report is missing for a closed month,
    /// by 包联单位; `--issue` records a reminder to each.
    Remind {
        #[arg(long, value_parser = parse_date)]
        as_of: NaiveDate,
        #[command(flatten)]
        filter: Filter,
        /// Record a reminder for every project listed.
        #[arg(long)]
        issue: bool,
        #[arg(long, default_value = "请按时报送重点项目月调度情况")]
        message: String,
        /// 办结时限
        #[arg(long, value_parser = parse_date)]
        due: Option<NaiveDate>,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        #[arg(long)]
        actor: Option<String>,
    },
    /// Record or solve a 要素保障 problem.
    Problem {
        #[command(subcommand)]
        action: ProblemAction,
    },
    /// The 三个一批 rates as of a date, as a whole and by group.
    Stats {
        #[arg(long, value_parser = parse_date)]
        as_of: NaiveDate,
        #[arg(long, value_parser = parse_group)]
        by: Option<GroupBy>,
        #[command(flatten)]
        filter: Filter,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Link a target to the projects that count for it.
    Link {
        #[arg(long)]
        target: i64,
        #[arg(long, value_enum)]
        measure: Measure,
        /// For `--measure count`: the stage the projects must have reached.
        #[arg(long, value_parser = parse_stage)]
        stage: Option<Stage>,
        #[command(flatten)]
        filter: Filter,
        #[arg(long)]
        actor: Option<String>,
    },
    /// The actuals of the linked targets as of a date.
    Targets {
        #[arg(long, value_parser = parse_date)]
        as_of: NaiveDate,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Write the 月调度表 (.xlsx).
    Export {
        #[arg(long, value_parser = parse_date)]
        as_of: NaiveDate,
        #[arg(long)]
        out: PathBuf,
        #[arg(long, default_value = "重点项目月调度表")]
        title: String,
        #[command(flatten)]
        filter: Filter,
    },
    /// Write the 三个一批 summary: .docx or .md by --out, Markdown to stdout without.
    Summary {
        #[arg(long, value_parser = parse_date)]
        as_of: NaiveDate,
        #[arg(long)]
        out: Option<PathBuf>,
        #[arg(long, default_value = "重点项目“三个一批”推进情况通报")]
        title: String,
        #[command(flatten)]
        filter: Filter,
    },
}

#[derive(clap::Subcommand, Debug)]
pub enum ProblemAction {
    /// Record a problem holding a project up.
    Add {
        #[arg(long)]
        project: i64,
        /// 用地, 资金, 环评, 用能, 审批 or 其他 (guessed from the text when omitted).
        #[arg(long)]
        kind: Option<String>,
        #[arg(long)]
        description: String,
        /// 协调解决单位
        #[arg(long, default_value = "")]
        owner: String,
        #[arg(long, value_parser = parse_date)]
        raised_on: Option<NaiveDate>,
        #[arg(long)]
        actor: Option<String>,
    },
    /// Mark a problem solved.
    Solve {
        #[arg(long)]
        id: i64,
        #[arg(long, value_parser = parse_date)]
        on: Option<NaiveDate>,
        #[arg(long)]
        actor: Option<String>,
    },
}

pub async fn run(global: &Global, args: Args) -> anyhow::Result<()> {
    let store = open_store(&global.db).await?;
    match args.action {
        Action::Import { file, year, as_of, county, kind, format, actor: who } => {
            let bytes = std::fs::read(&file).with_context(|| format!("cannot read {}", file.display()))?;
            let options = ImportOptions { plan_year: year, as_of: Some(as_of.unwrap_or_else(today)), county, kind };
            let imported = import_projects(&bytes, &options).with_context(|| file.display().to_string())?;
            let drafts: Vec<_> = imported.projects.iter().map(|p| p.draft.clone()).collect();
            let source = file.file_name().map(|n| n.to_string_lossy().into_owned());
            let outcome = store.upsert_projects(&actor(who.as_deref()), &drafts, source.as_deref()).await?;
            let errors: Vec<String> = imported.errors.iter().map(|e| format!("{}: {e}", file.display())).collect();
            match format {
                Format::Json => print_json(&serde_json::json!({
                    "file": file.display().to_string(),
                    "rows": imported.projects.len(),
                    "created": outcome.created.len(),
                    "updated": outcome.updated.len(),
                    "unchanged": outcome.unchanged.len(),
                    "reports": outcome.reports,
                    "errors": errors,
                }))?,
                Format::Table => {
                    emit(&format!(
                        "{}: {} project rows: {} new, {} updated, {} unchanged; {} monthly figures recorded",
                        file.display(),
                        imported.projects.len(),
                        outcome.created.len(),
                        outcome.updated.len(),
                        outcome.unchanged.len(),
                        outcome.reports
                    ));
                    for error in &errors {
                        eprintln!("{error}");
                    }
                }
            }
            if !errors.is_empty() {
                eprintln!("{} row(s) not imported; fix them and import the file again", errors.len());
            }
            Ok(())
        }
        Action::List { filter, stage, as_of, format } => {
            let as_of = as_of.unwrap_or_else(today);
            let mut lines = store.project_lines(&filter.to_filter(), as_of).await?;
            if let Some(stage) = stage {
                lines.retain(|l| l.stage == stage);
            }
            match format {
                Format::Json => print_json(&lines),
                Format::Table => {
                    let mut t = table(&["id", "项目名称", "县区", "类别", "包联单位", "阶段", "年度计划(万元)", "累计完成(万元)", "完成率", "灯"]);
                    for l in &lines {
                        t.add_row(vec![
                            l.project.id.to_string(),
                            l.project.name.clone(),
                            l.project.county.clone(),
                            l.project.kind.clone(),
                            l.project.responsible_unit.clone(),
                            l.stage.label().to_string(),
                            l.project.annual_planned_investment.map(number).unwrap_or_default(),
                            l.completed_investment.map(number).unwrap_or_default(),
                            percent(l.investment_completion),
                            l.light.label().to_string(),
                        ]);
                    }
                    emit(&t.to_string());
                    emit(&format!("{} projects as of {as_of}", lines.len()));
                    Ok(())
                }
            }
        }
        Action::Report {
            project,
            as_of,
            completed_investment,
            stage,
            in_statistics,
            progress,
            problems,
            next_steps,
            corrects,
            actor: who,
        } => {
            let report = NewProjectReport {
                project_id: project,
                as_of,
                completed_investment,
                in_statistics,
                stage,
                progress,
                problems,
                next_steps,
            };
            let who = actor(who.as_deref());
            let id = match corrects {
                Some(old) => store.correct_project_report(&who, old, report).await?,
                None => store.add_project_reports(&who, vec![report]).await?[0],
            };
            emit(&format!("report {id} filed for project {project} as of {as_of}"));
            Ok(())
        }
        Action::Review { report, accept, return_reason, actor: who } => {
            let review = match (accept, return_reason) {
                (true, _) => Review::Accept,
                (false, Some(reason)) => Review::Return { reason },
                (false, None) => bail!("say --accept or --return REASON"),
            };
            store.review_project_report(&actor(who.as_deref()), report, review).await?;
            emit(&format!("report {report} reviewed"));
            Ok(())
        }
        Action::Remind { as_of, filter, issue, message, due, format, actor: who } => {
            let mut lines = store.project_lines(&filter.to_filter(), as_of).await?;
            lines.retain(|l| l.missed_cycles >= 1);
            lines.sort_by(|a, b| a.project.responsible_unit.cmp(&b.project.responsible_unit).then(a.project.id.cmp(&b.project.id)));
            let issued = if issue {
                let ids: Vec<i64> = lines.iter().map(|l| l.project.id).collect();
                store.add_project_reminders(&actor(who.as_deref()), &ids, &message, due).await?
            } else {
                Vec::new()
            };
            match format {
                Format::Json => print_json(&serde_json::json!({ "as_of": as_of, "projects": lines, "reminders": issued })),
                Format::Table => {
                    let mut t = table(&["包联单位", "id", "项目名称", "县区", "最近报送", "未报送月数", "灯"]);
                    for l in &lines {
                        t.add_row(vec![
                            l.project.responsible_unit.clone(),
                            l.project.id.to_string(),
                            l.project.name.clone(),
                            l.project.county.clone(),
                            l.report_as_of.map(|d| d.to_string()).unwrap_or_else(|| "未报送".into()),
                            l.missed_cycles.to_string(),
                            l.light.label().to_string(),
                        ]);
                    }
                    emit(&t.to_string());
                    emit(&format!("{} projects without a report for a closed month as of {as_of}; {} reminders recorded", lines.len(), issued.len()));
                    Ok(())
                }
            }
        }
        Action::Problem { action } => match action {
            ProblemAction::Add { project, kind, description, owner, raised_on, actor: who } => {
                let kind = kind.map_or_else(|| ProblemKind::classify(&description), |k| ProblemKind::parse(&k));
                let problem = ProjectProblem { kind, description, owner, raised_on: raised_on.unwrap_or_else(today), solved_on: None };
                let id = store.add_project_problem(&actor(who.as_deref()), NewProjectProblem { project_id: project, problem }).await?;
                emit(&format!("problem {id} ({}) recorded for project {project}", kind.label()));
                Ok(())
            }
            ProblemAction::Solve { id, on, actor: who } => {
                store.solve_project_problem(&actor(who.as_deref()), id, on.unwrap_or_else(today)).await?;
                emit(&format!("problem {id} solved"));
                Ok(())
            }
        },
        Action::Stats { as_of, by, filter, format } => {
            let stats = store.project_stats(&filter.to_filter(), as_of, by).await?;
            match format {
                Format::Json => print_json(&stats),
                Format::Table => {
                    let label = by.map_or("范围", GroupBy::label);
                    let mut t = table(&[
                        label, "项目", "签约", "开工", "投产", "达效", "落地率", "投产率", "达效率", "年度计划(万元)", "累计完成(万元)", "投资完成率",
                        "序时进度",
                    ]);
                    let row = |key: &str, s: &PipelineStats| {
                        vec![
                            key.to_string(),
                            s.projects.to_string(),
                            s.signed.to_string(),
                            s.started.to_string(),
                            s.producing.to_string(),
                            s.effective.to_string(),
                            percent(s.start_rate),
                            percent(s.production_rate),
                            percent(s.effective_rate),
                            number(s.planned_investment.round()),
                            number(s.completed_investment.round()),
                            percent(s.investment_completion),
                            percent(Some(s.time_progress)),
                        ]
                    };
                    for group in &stats.groups {
                        t.add_row(row(&group.key, &group.stats));
                    }
                    t.add_row(row("合计", &stats.total));
                    emit(&t.to_string());
                    Ok(())
                }
            }
        }
        Action::Link { target, measure, stage, filter, actor: who } => {
            let measure = match (measure, stage) {
                (Measure::CompletedInvestment, _) => LinkMeasure::CompletedInvestment,
                (Measure::StatisticsInvestment, _) => LinkMeasure::StatisticsInvestment,
                (Measure::Count, Some(stage)) => LinkMeasure::ProjectsAtStage(stage),
                (Measure::Count, None) => bail!("--measure count needs --stage (e.g. 开工)"),
            };
            let link = TargetLink { target_id: target, filter: filter.to_filter(), measure };
            let id = store.link_target(&actor(who.as_deref()), &link).await?;
            emit(&format!("link {id}: target {target} is now computed from its projects"));
            Ok(())
        }
        Action::Targets { as_of, format } => {
            let actuals = store.linked_target_actuals(as_of).await?;
            match format {
                Format::Json => print_json(&actuals),
                Format::Table => {
                    let mut t = table(&["target", "指标", "目标值", "实际值", "单位"]);
                    for a in &actuals {
                        t.add_row(vec![
                            a.target_id.to_string(),
                            a.metric.clone(),
                            number(a.target_value),
                            format!("{:.2}", a.actual),
                            a.unit.clone(),
                        ]);
                    }
                    emit(&t.to_string());
                    Ok(())
                }
            }
        }
        Action::Export { as_of, out, title, filter } => {
            let lines = store.project_lines(&filter.to_filter(), as_of).await?;
            let rows: Vec<ProjectRow> = lines.iter().map(project_row).collect();
            let bytes = dispatch_workbook(&title, as_of, &rows)?;
            std::fs::write(&out, bytes).with_context(|| format!("cannot write {}", out.display()))?;
            emit(&format!("{}: {} projects as of {as_of}", out.display(), rows.len()));
            Ok(())
        }
        Action::Summary { as_of, out, title, filter } => {
            let filter = filter.to_filter();
            let stats = store.project_stats(&filter, as_of, Some(GroupBy::County)).await?;
            let lines = store.project_lines(&filter, as_of).await?;
            let lagging = lines.iter().filter(|l| l.light != luoshi_ledger::Light::Green).map(project_row).collect();
            let input = PipelineSummaryInput { title, as_of, total: stats.total, by_county: stats.groups, lagging };
            match out {
                Some(path) if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("docx")) => {
                    let bytes = render_summary_docx(&input)?;
                    std::fs::write(&path, bytes).with_context(|| format!("cannot write {}", path.display()))?;
                    emit(&format!("{} written", path.display()));
                }
                Some(path) => {
                    std::fs::write(&path, render_summary_markdown(&input))
                        .with_context(|| format!("cannot write {}", path.display()))?;
                    emit(&format!("{} written", path.display()));
                }
                None => emit(&render_summary_markdown(&input)),
            }
            Ok(())
        }
    }
}
