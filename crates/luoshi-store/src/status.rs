//! 状态表: every task judged as of a date, as `shared/spec/TRACKING.md` defines.
//!
//! The facts are loaded in a handful of set-based queries (tasks, targets,
//! units, the effective report per target and per milestone task, the last
//! report per task); the judging is `luoshi_ledger`'s pure status engine.

use crate::error::Result;
use crate::ledger::TaskFilter;
use crate::time::iso;
use crate::write::{Param, bind_all};
use crate::{Backend, Store};
use chrono::{Datelike, NaiveDate};
use luoshi_ledger::{
    Actual, Comparator, DoubleHalf, Light, MilestoneObservation, MilestoneState, ReportingCycle, ReviewPolicy, Status,
    StatusSummary, TargetPlan, TaskPlan, TaskProgress, Thresholds, double_half, judge_task,
};
use serde::Serialize;
use sqlx::{AnyPool, Row};
use std::collections::HashMap;

/// The status of every selected task on one date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatusTable {
    pub as_of: NaiveDate,
    pub tasks: Vec<TaskStatus>,
    /// Counts per status and light, over the tasks.
    pub summary: StatusSummary,
}

/// One task's line of the status table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TaskStatus {
    pub id: i64,
    pub document_id: i64,
    pub title: String,
    pub section_path: Vec<String>,
    /// Unit names, lead first.
    pub units: Vec<String>,
    pub start: NaiveDate,
    pub deadline: NaiveDate,
    pub status: Status,
    pub light: Light,
    /// Closed reporting cycles since the last report (连续未报送周期数).
    pub missed_cycles: u32,
    pub last_report: Option<NaiveDate>,
    /// The reported milestone, for a task without targets.
    pub milestone: Option<MilestoneState>,
    /// 双过半 judged with the actuals as of the table's date.
    pub double_half: DoubleHalf,
    pub targets: Vec<TargetStatus>,
}

/// One target's line.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TargetStatus {
    pub id: i64,
    pub metric: String,
    pub value: f64,
    pub unit: String,
    pub cmp: Comparator,
    pub start: NaiveDate,
    pub deadline: NaiveDate,
    pub actual: Option<f64>,
    pub actual_as_of: Option<NaiveDate>,
    pub work_progress: Option<f64>,
    pub time_progress: f64,
    pub status: Status,
    pub light: Light,
}

struct TaskFacts {
    id: i64,
    document_id: i64,
    title: String,
    section_path: Vec<String>,
    deadline: Option<NaiveDate>,
    plan_year: Option<i32>,
    plan_start: Option<NaiveDate>,
    period_end: Option<NaiveDate>,
    cycle: ReportingCycle,
    units: Vec<String>,
    targets: Vec<TargetFacts>,
    milestone: Option<MilestoneObservation>,
    last_report: Option<NaiveDate>,
}

struct TargetFacts {
    id: i64,
    metric: String,
    value: f64,
    unit: String,
    cmp: Comparator,
    deadline: Option<NaiveDate>,
    yearly: bool,
    baseline: Option<f64>,
    plan_start: Option<NaiveDate>,
    actual: Option<Actual>,
}

/// `p` counts as a filed report under the policy.
fn counts(alias: &str, policy: ReviewPolicy) -> String {
    match policy {
        ReviewPolicy::Filed => format!("{alias}.review_state <> 'returned'"),
        ReviewPolicy::AcceptedOnly => format!("{alias}.review_state = 'accepted'"),
    }
}

/// The effective report of a subject (`subject` is a condition on `p` and
/// the row `x`): the latest counting report on or before the date that no
/// counting correction on or before the date replaces. The correction is
/// found through `superseded_by` (a primary-key lookup): with statistics
/// showing `supersedes` almost always NULL, SQLite's planner would scan the
/// table for `c.supersedes = p.id` once per report.
fn effective_report(subject: &str, date: &str, policy: ReviewPolicy, columns: &str) -> String {
    format!(
        "SELECT {columns} FROM progress_reports p WHERE {subject} AND p.as_of <= {date} AND {p_counts} \
           AND (p.superseded_by IS NULL OR NOT EXISTS (SELECT 1 FROM progress_reports c \
                WHERE c.id = p.superseded_by AND c.as_of <= {date} AND {c_counts})) \
         ORDER BY p.as_of DESC, p.version DESC, p.id DESC LIMIT 1",
        p_counts = counts("p", policy),
        c_counts = counts("c", policy),
    )
}

/// `FROM` the rows of `inner` (as `x`), each with its effective report (as
/// `r`, NULL when none). PostgreSQL runs a LATERAL subquery per row (its
/// planner would otherwise hash-join all reports); SQLite, which has no
/// LATERAL, picks the report's id in a correlated subquery and joins by it.
/// `value` is the report's column the caller reads (`value` or `milestone`):
/// with only it and `as_of` the lookup reads the covering index alone.
fn with_effective_report(
    backend: Backend,
    inner: &str,
    subject: &str,
    value: &str,
    date: &str,
    policy: ReviewPolicy,
) -> String {
    match backend {
        Backend::Sqlite => format!(
            "FROM (SELECT x.*, ({report}) AS report_id FROM ({inner}) x) x \
             LEFT JOIN progress_reports r ON r.id = x.report_id",
            report = effective_report(subject, date, policy, "p.id"),
        ),
        Backend::Postgres => format!(
            "FROM ({inner}) x LEFT JOIN LATERAL ({report}) r ON TRUE",
            report = effective_report(subject, date, policy, &format!("p.as_of, p.{value}")),
        ),
    }
}

/// An ISO date as stored; `None` for NULL or an unreadable value (a corrupt
/// date must not stop the whole table; it is simply not known).
fn date(value: Option<&str>) -> Option<NaiveDate> {
    let value = value?;
    let (y, rest) = value.split_once('-')?;
    let (m, d) = rest.split_once('-')?;
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

/// One aggregate of `columns` over the rows of `from`, as a JSON array of
/// arrays in a single text value. Rows cross the driver one by one at a cost
/// of microseconds each; a single value spares that for 100k rows, and the
/// database builds the JSON in C. The functions differ per backend.
fn json_rows(backend: Backend, columns: &str, from: &str) -> String {
    match backend {
        Backend::Sqlite => format!("SELECT json_group_array(json_array({columns})) {from}"),
        Backend::Postgres => {
            format!("SELECT CAST(COALESCE(json_agg(json_build_array({columns})), '[]'::json) AS TEXT) {from}")
        }
    }
}

async fn fetch_text(pool: &AnyPool, sql: String, params: Vec<Param>) -> Result<String> {
    let text: Option<String> = bind_all(sqlx::query(&sql), params).fetch_one(pool).await?.try_get(0)?;
    Ok(text.unwrap_or_else(|| "[]".to_string()))
}

/// A task row: id, document, title, section path (JSON), deadline, lineage,
/// position, plan year, plan start, period end, cycle, last report.
type TaskRow = (
    i64,
    i64,
    String,
    String,
    Option<String>,
    i64,
    i64,
    Option<i64>,
    Option<String>,
    Option<String>,
    String,
    Option<String>,
);
/// A target row: id, task, position, metric, value, unit, cmp, deadline,
/// yearly, baseline, plan start, actual's date, actual value.
type TargetRow = (
    i64,
    i64,
    i64,
    String,
    f64,
    String,
    String,
    Option<String>,
    i64,
    Option<f64>,
    Option<String>,
    Option<String>,
    Option<f64>,
);

/// Loads the facts in five set-based queries run at once on separate
/// connections, then assembles them by task.
async fn load_facts(
    pool: &AnyPool,
    backend: Backend,
    filter: &TaskFilter,
    as_of: NaiveDate,
    policy: ReviewPolicy,
) -> Result<Vec<TaskFacts>> {
    let (clause, mut params) = filter.where_clause();
    let filter_params = params.clone();
    params.push(Param::from(iso(as_of)));
    let d = format!("${}", params.len());

    // The last report of each task, in any state but returned (连续未报送).
    let last_report = format!(
        "(SELECT p.as_of FROM progress_reports p WHERE p.task_id = t.id AND p.as_of <= {d} \
           AND p.review_state <> 'returned' ORDER BY p.as_of DESC LIMIT 1)"
    );
    // SQLite picks it in a subquery over the selected tasks before joining
    // their rows; PostgreSQL runs it as a column of the one join (the self
    // join cost it a third more time).
    let (last_report, tasks_from) = match backend {
        Backend::Sqlite => (
            "x.last_report".to_string(),
            format!(
                "FROM (SELECT t.id, {last_report} AS last_report FROM tasks t WHERE {clause}) x \
                 JOIN tasks t ON t.id = x.id JOIN documents d ON d.id = t.document_id"
            ),
        ),
        Backend::Postgres => (last_report, format!("FROM tasks t JOIN documents d ON d.id = t.document_id WHERE {clause}")),
    };
    let tasks_sql = json_rows(
        backend,
        &format!(
            "t.id, t.document_id, t.title, t.section_path, t.deadline, t.lineage_id, t.position, d.plan_year, \
             d.plan_start, d.period_end, d.reporting_cycle, {last_report}"
        ),
        &tasks_from,
    );
    let names_sql = json_rows(backend, "u.id, u.name", "FROM units u");
    let links_sql = json_rows(
        backend,
        "tu.task_id, tu.unit_id, tu.position",
        &format!("FROM task_units tu JOIN tasks t ON t.id = tu.task_id WHERE {clause}"),
    );
    let targets_sql = json_rows(
        backend,
        "x.id, x.task_id, x.position, x.metric, x.value, x.unit, x.cmp, x.deadline, x.yearly, x.baseline, \
         x.plan_start, r.as_of, r.value",
        &with_effective_report(
            backend,
            &format!(
                "SELECT g.id, g.task_id, g.position, g.metric, g.value, g.unit, g.cmp, g.deadline, g.yearly, \
                   g.baseline, g.plan_start FROM targets g JOIN tasks t ON t.id = g.task_id \
                 WHERE g.active = 1 AND {clause}"
            ),
            "p.target_id = x.id",
            "value",
            &d,
            policy,
        ),
    );
    let milestones_sql = json_rows(
        backend,
        "x.id, r.as_of, r.milestone",
        &with_effective_report(
            backend,
            &format!(
                "SELECT t.id FROM tasks t WHERE {clause} \
                 AND NOT EXISTS (SELECT 1 FROM targets g WHERE g.task_id = t.id AND g.active = 1)"
            ),
            "p.task_id = x.id AND p.target_id IS NULL",
            "milestone",
            &d,
            policy,
        ),
    );
    let (tasks_json, names_json, links_json, targets_json, milestones_json) = tokio::try_join!(
        fetch_text(pool, tasks_sql, params.clone()),
        fetch_text(pool, names_sql, Vec::new()),
        fetch_text(pool, links_sql, filter_params),
        fetch_text(pool, targets_sql, params.clone()),
        fetch_text(pool, milestones_sql, params),
    )?;

    let mut rows: Vec<TaskRow> = serde_json::from_str(&tasks_json)?;
    rows.sort_unstable_by_key(|r| (r.5, r.6, r.0));
    let mut tasks = Vec::with_capacity(rows.len());
    let mut index: HashMap<i64, usize> = HashMap::with_capacity(rows.len());
    for (id, document_id, title, section_path, deadline, _, _, plan_year, plan_start, period_end, cycle, last) in rows {
        index.insert(id, tasks.len());
        tasks.push(TaskFacts {
            id,
            document_id,
            title,
            section_path: serde_json::from_str(&section_path).unwrap_or_default(),
            deadline: date(deadline.as_deref()),
            plan_year: plan_year.map(|y| y as i32),
            plan_start: date(plan_start.as_deref()),
            period_end: date(period_end.as_deref()),
            cycle: ReportingCycle::from_label(&cycle).unwrap_or(ReportingCycle::Monthly),
            units: Vec::new(),
            targets: Vec::new(),
            milestone: None,
            last_report: date(last.as_deref()),
        });
    }

    let names: HashMap<i64, String> = serde_json::from_str::<Vec<(i64, String)>>(&names_json)?.into_iter().collect();
    let mut links: Vec<(i64, i64, i64)> = serde_json::from_str(&links_json)?;
    links.sort_unstable_by_key(|&(task, _, position)| (task, position));
    for (task_id, unit_id, _) in links {
        if let (Some(&i), Some(name)) = (index.get(&task_id), names.get(&unit_id)) {
            tasks[i].units.push(name.clone());
        }
    }

    let mut rows: Vec<TargetRow> = serde_json::from_str(&targets_json)?;
    rows.sort_unstable_by_key(|r| (r.1, r.2, r.0));
    for (id, task_id, _, metric, value, unit, cmp, deadline, yearly, baseline, plan_start, actual_as_of, actual) in rows
    {
        let target = TargetFacts {
            id,
            metric,
            value,
            unit,
            cmp: Comparator::from_symbol(&cmp).unwrap_or(Comparator::Exactly),
            deadline: date(deadline.as_deref()),
            yearly: yearly != 0,
            baseline,
            plan_start: date(plan_start.as_deref()),
            actual: date(actual_as_of.as_deref()).zip(actual).map(|(as_of, value)| Actual { value, as_of }),
        };
        if let Some(&i) = index.get(&task_id) {
            tasks[i].targets.push(target);
        }
    }

    for (task_id, as_of, state) in serde_json::from_str::<Vec<(i64, Option<String>, Option<String>)>>(&milestones_json)?
    {
        let state = state.as_deref().and_then(MilestoneState::from_label);
        if let (Some(&i), Some(as_of), Some(state)) = (index.get(&task_id), date(as_of.as_deref()), state) {
            tasks[i].milestone = Some(MilestoneObservation { state, as_of });
        }
    }
    Ok(tasks)
}

fn year_start(year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or_default()
}

fn year_end(year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or_default()
}

/// The plan of a task: start, deadline and targets with their dates resolved
/// as TRACKING.md says (start: the set plan start, else Jan 1 of the plan year;
/// deadline: the target's, else the task's, else the document's period end,
/// else Dec 31 of the plan year). A document whose year is unknown is judged
/// within the calendar year of the date asked about.
fn plan_of(task: &TaskFacts, as_of: NaiveDate) -> (TaskPlan, Vec<Option<Actual>>) {
    let year = task.plan_year.unwrap_or(as_of.year());
    let start = task.plan_start.unwrap_or(year_start(year));
    let deadline = task.deadline.or(task.period_end).unwrap_or(year_end(year)).max(start);
    let mut targets = Vec::with_capacity(task.targets.len());
    let mut actuals = Vec::with_capacity(task.targets.len());
    for target in &task.targets {
        let (mut target_start, mut target_deadline) =
            (target.plan_start.unwrap_or(start), target.deadline.unwrap_or(deadline));
        let mut actual = target.actual;
        if target.yearly {
            // A yearly quota (每年…) is judged within the current plan year,
            // from a fresh count: last year's figure does not carry over.
            let last_year = task.period_end.map_or(as_of.year(), |end| end.year());
            let quota_year = as_of.year().clamp(start.year(), last_year.max(start.year()));
            target_start = target_start.max(year_start(quota_year));
            target_deadline = year_end(quota_year);
            actual = actual.filter(|a| a.as_of >= target_start);
        }
        targets.push(TargetPlan {
            metric: target.metric.clone(),
            value: target.value,
            unit: target.unit.clone(),
            cmp: target.cmp,
            baseline: target.baseline,
            start: target_start,
            deadline: target_deadline.max(target_start),
        });
        actuals.push(actual);
    }
    (TaskPlan { start, deadline, targets, cycle: Some(task.cycle) }, actuals)
}

fn judge(task: TaskFacts, as_of: NaiveDate, thresholds: &Thresholds) -> TaskStatus {
    let (plan, actuals) = plan_of(&task, as_of);
    let progress = TaskProgress { actuals: actuals.clone(), milestone: task.milestone, last_report: task.last_report };
    let judgement = judge_task(&plan, &progress, as_of, thresholds);
    let paired: Vec<(TargetPlan, Option<Actual>)> = plan.targets.iter().cloned().zip(actuals.iter().copied()).collect();
    let halfway = double_half(plan.start, plan.deadline, &paired, task.milestone.map(|m| m.state), thresholds);
    let targets = task
        .targets
        .iter()
        .zip(&plan.targets)
        .zip(&judgement.targets)
        .zip(&actuals)
        .map(|(((facts, target_plan), j), actual)| TargetStatus {
            id: facts.id,
            metric: facts.metric.clone(),
            value: facts.value,
            unit: facts.unit.clone(),
            cmp: facts.cmp,
            start: target_plan.start,
            deadline: target_plan.deadline,
            actual: actual.map(|a| a.value),
            actual_as_of: actual.map(|a| a.as_of),
            work_progress: j.work_progress,
            time_progress: j.time_progress,
            status: j.status,
            light: j.light,
        })
        .collect();
    TaskStatus {
        id: task.id,
        document_id: task.document_id,
        title: task.title,
        section_path: task.section_path,
        units: task.units,
        start: plan.start,
        deadline: plan.deadline,
        status: judgement.status,
        light: judgement.light,
        missed_cycles: judgement.missed_cycles,
        last_report: task.last_report,
        milestone: task.milestone.map(|m| m.state),
        double_half: halfway,
        targets,
    }
}

impl Store {
    /// Judges the selected tasks as of `as_of` with the stored thresholds and
    /// review policy.
    pub async fn status(&self, filter: &TaskFilter, as_of: NaiveDate) -> Result<StatusTable> {
        let thresholds = self.thresholds().await?;
        let policy = self.review_policy().await?;
        // 重点项目: a target linked to projects takes its actual from them (see projects::links).
        let (mut facts, linked) = tokio::try_join!(
            load_facts(&self.pool, self.backend, filter, as_of, policy),
            self.linked_target_actuals(as_of)
        )?;
        let linked: HashMap<i64, f64> = linked.into_iter().map(|l| (l.target_id, l.actual)).collect();
        for target in facts.iter_mut().flat_map(|task| task.targets.iter_mut()) {
            if let Some(&value) = linked.get(&target.id) {
                target.actual = Some(Actual { value, as_of });
            }
        }
        let tasks: Vec<TaskStatus> = facts.into_iter().map(|task| judge(task, as_of, &thresholds)).collect();
        let summary = StatusSummary::from_judgements(tasks.iter().map(|t| (t.status, t.light)));
        Ok(StatusTable { as_of, tasks, summary })
    }
}
