//! The 三个一批 rates and the project list as of a date: facts loaded in one
//! set-based query (each project with its effective report of the year),
//! judged by `luoshi_ledger::projects`.

use super::records::{PROJECT_COLUMNS, StoredProject, filter_sql, project_from_row};
use super::rows::stage_dates;
use crate::Store;
use crate::error::Result;
use crate::time::{iso, parse_date};
use crate::write::{Param, bind_all};
use chrono::{Datelike, NaiveDate};
use crate::connect::Backend;
use luoshi_ledger::projects::{
    GroupBy, GroupStats, PipelineStats, ProjectFacts, ProjectFilter, Stage, StageTotals, project_light, year_progress,
};
use std::collections::BTreeMap;

/// The group of projects whose grouping field is empty (as `GroupBy::key_of` names it).
const UNFILLED: &str = "未填写";
use luoshi_ledger::{Light, ReviewPolicy};
use serde::Serialize;
use sqlx::Row;

/// The pipeline on a date: the whole (flattened) and, when asked, by group.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProjectStatsTable {
    pub by: Option<GroupBy>,
    #[serde(flatten)]
    pub total: PipelineStats,
    pub groups: Vec<GroupStats>,
}

/// One line of the project list and of the 月调度 table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProjectLine {
    #[serde(flatten)]
    pub project: StoredProject,
    pub stage: Stage,
    /// 年度累计完成投资 (万元) of the effective report.
    pub completed_investment: Option<f64>,
    pub in_statistics: bool,
    pub report_as_of: Option<NaiveDate>,
    pub progress: Option<String>,
    pub problems: Option<String>,
    /// completed / annual plan.
    pub investment_completion: Option<f64>,
    pub time_progress: f64,
    /// Closed monthly cycles (month ends) since the last report in the year.
    pub missed_cycles: u32,
    pub light: Light,
    pub open_problems: i64,
}

/// `q` counts as a filed report under the policy.
fn counts(policy: ReviewPolicy) -> &'static str {
    match policy {
        ReviewPolicy::Filed => "q.review_state <> 'returned'",
        ReviewPolicy::AcceptedOnly => "q.review_state = 'accepted'",
    }
}

/// Joins `r`, the effective report of project `p` on `$2` within the year
/// from `$1`: the latest counting report not replaced by a correction.
/// PostgreSQL takes it as a LATERAL subquery (one index probe per project);
/// SQLite, which has no LATERAL, joins on the id a correlated subquery finds.
fn effective_report_join(backend: Backend, policy: ReviewPolicy) -> String {
    let latest = format!(
        "FROM project_reports q WHERE q.project_id = p.id AND q.as_of >= $1 AND q.as_of <= $2 \
           AND q.superseded_by IS NULL AND {} ORDER BY q.as_of DESC, q.id DESC LIMIT 1",
        counts(policy)
    );
    match backend {
        Backend::Postgres => format!(
            "LEFT JOIN LATERAL (SELECT q.completed_investment, q.in_statistics, q.as_of, q.progress, q.problems {latest}) r ON TRUE"
        ),
        Backend::Sqlite => format!("LEFT JOIN project_reports r ON r.id = (SELECT q.id {latest})"),
    }
}

/// The stage index (0 谋划 … 4 达效) of project `p` on `$2`, as `StageDates::stage_on` gives it.
const STAGE_ON: &str = "CASE WHEN p.effective_on <= $2 THEN 4 WHEN p.producing_on <= $2 THEN 3 \
     WHEN p.started_on <= $2 THEN 2 WHEN p.signed_on <= $2 THEN 1 ELSE 0 END";

/// The column a grouping reads.
fn group_column(by: Option<GroupBy>) -> &'static str {
    match by {
        None => "''",
        Some(GroupBy::County) => "p.county",
        Some(GroupBy::Unit) => "p.responsible_unit",
        Some(GroupBy::Kind) => "p.kind",
        Some(GroupBy::Industry) => "p.industry_chain",
    }
}

fn year_start(as_of: NaiveDate) -> NaiveDate {
    NaiveDate::from_ymd_opt(as_of.year(), 1, 1).unwrap_or(as_of)
}

/// How many month ends fall on or before `date` (counted from year 0).
fn month_ends_through(date: NaiveDate) -> i64 {
    let last_day = date.succ_opt().is_none_or(|next| next.month() != date.month());
    i64::from(date.year()) * 12 + i64::from(date.month0()) + i64::from(last_day)
}

/// Closed monthly cycles (months ended by `as_of`) after the month of the
/// last report; with no report in the year, every closed month of the year.
/// A report any day of a month covers that month's cycle.
fn missed_monthly_cycles(last_report: Option<NaiveDate>, as_of: NaiveDate) -> u32 {
    let covered = match last_report {
        Some(date) => i64::from(date.year()) * 12 + i64::from(date.month0()) + 1,
        None => i64::from(as_of.year()) * 12,
    };
    (month_ends_through(as_of) - covered).max(0) as u32
}

impl Store {
    /// The facts the rates need, for every project `filter` selects, on `as_of`.
    pub async fn project_facts(&self, filter: &ProjectFilter, as_of: NaiveDate) -> Result<Vec<ProjectFacts>> {
        let policy = self.review_policy().await?;
        let (condition, params) = filter_sql_after(filter, 2);
        let sql = format!(
            "SELECT p.id, p.county, p.responsible_unit, p.kind, p.industry_chain, p.signed_on, p.started_on, \
               p.producing_on, p.effective_on, p.total_investment, p.annual_planned_investment, \
               r.completed_investment, r.in_statistics \
             FROM projects p {} WHERE {condition}",
            effective_report_join(self.backend, policy)
        );
        let mut all = vec![Param::from(iso(year_start(as_of))), Param::from(iso(as_of))];
        all.extend(params);
        let rows = bind_all(sqlx::query(&sql), all).fetch_all(&self.pool).await?;
        rows.iter()
            .map(|row| {
                Ok(ProjectFacts {
                    id: row.try_get("id")?,
                    county: row.try_get("county")?,
                    unit: row.try_get("responsible_unit")?,
                    kind: row.try_get("kind")?,
                    industry_chain: row.try_get("industry_chain")?,
                    stages: stage_dates(row)?,
                    total_investment: row.try_get::<Option<f64>, _>("total_investment")?.unwrap_or(0.0),
                    annual_planned_investment: row.try_get::<Option<f64>, _>("annual_planned_investment")?.unwrap_or(0.0),
                    completed_investment: row.try_get("completed_investment")?,
                    in_statistics: row.try_get::<Option<i64>, _>("in_statistics")?.unwrap_or(0) != 0,
                })
            })
            .collect()
    }

    /// 三个一批 rates on `as_of` over the projects `filter` selects, as a
    /// whole and (with `by`) per county, unit, kind or industry chain.
    ///
    /// The per-project facts are summed in SQL (stage counts and investment
    /// per group, one row per group); the rates are computed from the sums
    /// by `luoshi_ledger::projects::PipelineStats::from_totals`.
    pub async fn project_stats(&self, filter: &ProjectFilter, as_of: NaiveDate, by: Option<GroupBy>) -> Result<ProjectStatsTable> {
        let policy = self.review_policy().await?;
        let (condition, params) = filter_sql_after(filter, 2);
        let at_least = |stage: u8, name: &str| format!("CAST(SUM(CASE WHEN f.stage >= {stage} THEN 1 ELSE 0 END) AS BIGINT) AS {name}");
        let sql = format!(
            "SELECT f.k AS group_key, COUNT(*) AS projects, {}, {}, {}, {}, COUNT(f.completed) AS reported, \
               SUM(f.total) AS total, SUM(f.planned) AS planned, SUM(COALESCE(f.completed, 0.0)) AS completed, \
               SUM(CASE WHEN f.in_statistics = 1 THEN f.completed ELSE 0.0 END) AS statistics \
             FROM (SELECT {} AS k, {STAGE_ON} AS stage, COALESCE(p.total_investment, 0.0) AS total, \
                     COALESCE(p.annual_planned_investment, 0.0) AS planned, r.completed_investment AS completed, \
                     r.in_statistics AS in_statistics \
                   FROM projects p {} WHERE {condition}) f \
             GROUP BY f.k",
            at_least(1, "signed"),
            at_least(2, "started"),
            at_least(3, "producing"),
            at_least(4, "effective"),
            group_column(by),
            effective_report_join(self.backend, policy),
        );
        let mut all = vec![Param::from(iso(year_start(as_of))), Param::from(iso(as_of))];
        all.extend(params);
        let rows = bind_all(sqlx::query(&sql), all).fetch_all(&self.pool).await?;
        let mut groups: BTreeMap<String, StageTotals> = BTreeMap::new();
        let mut whole = StageTotals::default();
        for row in &rows {
            let count = |name: &str| -> Result<u64> { Ok(row.try_get::<Option<i64>, _>(name)?.unwrap_or(0).max(0) as u64) };
            let sum = |name: &str| -> Result<f64> { Ok(row.try_get::<Option<f64>, _>(name)?.unwrap_or(0.0)) };
            let totals = StageTotals {
                projects: count("projects")?,
                signed: count("signed")?,
                started: count("started")?,
                producing: count("producing")?,
                effective: count("effective")?,
                reported: count("reported")?,
                total_investment: sum("total")?,
                planned_investment: sum("planned")?,
                completed_investment: sum("completed")?,
                statistics_investment: sum("statistics")?,
            };
            whole.merge(&totals);
            let key: String = row.try_get::<Option<String>, _>("group_key")?.unwrap_or_default();
            let key = if key.trim().is_empty() { UNFILLED.to_string() } else { key };
            groups.entry(key).or_default().merge(&totals);
        }
        let total = PipelineStats::from_totals(&whole, as_of);
        let groups = match by {
            None => Vec::new(),
            Some(_) => groups
                .into_iter()
                .map(|(key, totals)| GroupStats { key, stats: PipelineStats::from_totals(&totals, as_of) })
                .collect(),
        };
        Ok(ProjectStatsTable { by, total, groups })
    }

    /// The project list on `as_of`: each project with its stage, effective
    /// report, investment completion, light and open problems.
    pub async fn project_lines(&self, filter: &ProjectFilter, as_of: NaiveDate) -> Result<Vec<ProjectLine>> {
        let policy = self.review_policy().await?;
        let thresholds = self.thresholds().await?;
        let (condition, params) = filter_sql_after(filter, 2);
        let columns: Vec<String> = PROJECT_COLUMNS.split(", ").map(|c| format!("p.{c}")).collect();
        let sql = format!(
            "SELECT {}, r.completed_investment, r.in_statistics, r.as_of AS report_as_of, r.progress AS report_progress, \
               r.problems AS report_problems, \
               (SELECT COUNT(*) FROM project_problems o WHERE o.project_id = p.id AND o.raised_on <= $2 \
                  AND (o.solved_on IS NULL OR o.solved_on > $2)) AS open_problems \
             FROM projects p {} WHERE {condition} ORDER BY p.county, p.id",
            columns.join(", "),
            effective_report_join(self.backend, policy)
        );
        let mut all = vec![Param::from(iso(year_start(as_of))), Param::from(iso(as_of))];
        all.extend(params);
        let rows = bind_all(sqlx::query(&sql), all).fetch_all(&self.pool).await?;
        let time_progress = year_progress(as_of);
        rows.iter()
            .map(|row| {
                let project = project_from_row(row)?;
                let completed: Option<f64> = row.try_get("completed_investment")?;
                let report_as_of = parse_date("report date", row.try_get("report_as_of")?)?;
                let completion = match (completed, project.annual_planned_investment) {
                    (Some(done), Some(plan)) if plan > 0.0 => Some(done / plan),
                    _ => None,
                };
                let missed_cycles = missed_monthly_cycles(report_as_of, as_of);
                let light = project_light(completion, time_progress, missed_cycles, completed.is_some(), &thresholds);
                Ok(ProjectLine {
                    stage: project.stages.stage_on(as_of),
                    project,
                    completed_investment: completed,
                    in_statistics: row.try_get::<Option<i64>, _>("in_statistics")?.unwrap_or(0) != 0,
                    report_as_of,
                    progress: row.try_get("report_progress")?,
                    problems: row.try_get("report_problems")?,
                    investment_completion: completion,
                    time_progress,
                    missed_cycles,
                    light,
                    open_problems: row.try_get("open_problems")?,
                })
            })
            .collect()
    }
}

/// [`filter_sql`] with its placeholders numbered after `taken` others.
fn filter_sql_after(filter: &ProjectFilter, taken: usize) -> (String, Vec<Param>) {
    let (mut condition, params) = filter_sql(filter, "p");
    for n in (1..=params.len()).rev() {
        condition = condition.replace(&format!("${n}"), &format!("${}", n + taken));
    }
    (condition, params)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn missed_cycles_count_closed_months() {
        assert_eq!(missed_monthly_cycles(Some(d(2025, 4, 30)), d(2025, 6, 30)), 2);
        assert_eq!(missed_monthly_cycles(Some(d(2025, 4, 30)), d(2025, 6, 29)), 1);
        assert_eq!(missed_monthly_cycles(Some(d(2025, 6, 30)), d(2025, 6, 30)), 0);
        assert_eq!(missed_monthly_cycles(Some(d(2025, 6, 15)), d(2025, 6, 30)), 0, "a June report covers June");
        assert_eq!(missed_monthly_cycles(Some(d(2025, 5, 20)), d(2025, 6, 30)), 1);
        assert_eq!(missed_monthly_cycles(None, d(2025, 1, 15)), 0);
        assert_eq!(missed_monthly_cycles(None, d(2025, 2, 28)), 2);
    }

    #[test]
    fn filter_placeholders_follow_the_date_ones() {
        let filter = ProjectFilter { kind: Some("市重点".into()), county: Some("甲县".into()), ..Default::default() };
        let (condition, params) = filter_sql_after(&filter, 2);
        assert_eq!(condition, "1 = 1 AND p.kind = $3 AND p.county = $4");
        assert_eq!(params.len(), 2);
    }
}
