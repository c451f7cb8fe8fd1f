//! 三个一批 rates: how far the projects of a list, a county, a unit or a kind
//! have come, as fractions (0.5 = 50%), computed from per-project facts.
//!
//! Definitions (each project counts in every stage it has reached, since a
//! later stage implies the earlier ones):
//!
//! | field | 口径 | definition |
//! |---|---|---|
//! | `signed` | 签约项目数 | projects at 签约 or beyond on the date |
//! | `started` | 开工项目数 | projects at 开工 or beyond |
//! | `producing` | 投产项目数 | projects at 投产 or beyond |
//! | `effective` | 达效项目数 | projects at 达效 |
//! | `start_rate` | 签约项目落地率 / 开工率 | `started / signed` |
//! | `start_rate_of_all` | 项目开工率 (whole list) | `started / projects` |
//! | `production_rate` | 开工项目投产率 | `producing / started` |
//! | `effective_rate` | 投产项目达效率 | `effective / producing` |
//! | `investment_completion` | 年度投资完成率 | `completed_investment / planned_investment` |
//! | `time_progress` | 序时进度 | elapsed share of the calendar year through the date |
//! | `investment_lag` | 快于(+)/慢于(−)序时进度 | `investment_completion − time_progress` |
//!
//! A rate whose denominator is zero is `None` (no projects to judge), never 0.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use super::stage::{Stage, StageDates};
use crate::error::ParseError;
use crate::status::{Light, Thresholds};

/// What the rates need to know of one project on one date.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ProjectFacts {
    pub id: i64,
    /// 县（市、区）/园区
    pub county: String,
    /// 包联单位
    pub unit: String,
    /// 项目类别
    pub kind: String,
    /// 产业链
    pub industry_chain: String,
    pub stages: StageDates,
    /// 总投资 (万元)
    pub total_investment: f64,
    /// 年度计划投资 (万元); 0 when unknown.
    pub annual_planned_investment: f64,
    /// 年度累计完成投资 (万元) of the effective report on or before the date
    /// (in the date's year); `None` when the project has not reported.
    pub completed_investment: Option<f64>,
    /// Whether that figure is 入库纳统 (entered in the statistics).
    pub in_statistics: bool,
}

/// The pipeline of a set of projects on a date. Investments in 万元.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PipelineStats {
    pub as_of: NaiveDate,
    pub projects: u64,
    /// Still in 谋划 (not signed).
    pub planned: u64,
    pub signed: u64,
    pub started: u64,
    pub producing: u64,
    pub effective: u64,
    /// Projects with a report on or before the date in its year.
    pub reported: u64,
    pub total_investment: f64,
    /// 年度计划投资
    pub planned_investment: f64,
    /// 年度累计完成投资
    pub completed_investment: f64,
    /// 入库纳统 part of the completed investment.
    pub statistics_investment: f64,
    pub start_rate: Option<f64>,
    pub start_rate_of_all: Option<f64>,
    pub production_rate: Option<f64>,
    pub effective_rate: Option<f64>,
    pub investment_completion: Option<f64>,
    pub time_progress: f64,
    pub investment_lag: Option<f64>,
}

/// 序时进度: the share of the calendar year elapsed at the end of `as_of`
/// (06-30 → 181/365; 12-31 → 1).
pub fn year_progress(as_of: NaiveDate) -> f64 {
    let days_in_year = if NaiveDate::from_ymd_opt(as_of.year(), 2, 29).is_some() { 366.0 } else { 365.0 };
    f64::from(as_of.ordinal()) / days_in_year
}

fn ratio(numerator: f64, denominator: f64) -> Option<f64> {
    (denominator > 0.0).then(|| numerator / denominator)
}

/// The sums the rates are computed from: what a store can aggregate in
/// SQL for many projects at once (see [`PipelineStats::from_totals`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct StageTotals {
    pub projects: u64,
    /// At 签约 or beyond on the date (and likewise below).
    pub signed: u64,
    pub started: u64,
    pub producing: u64,
    pub effective: u64,
    /// Projects with a report on or before the date in its year.
    pub reported: u64,
    pub total_investment: f64,
    pub planned_investment: f64,
    pub completed_investment: f64,
    pub statistics_investment: f64,
}

impl StageTotals {
    /// Adds one project as it stands on `as_of`.
    pub fn add(&mut self, project: &ProjectFacts, as_of: NaiveDate) {
        let stage = project.stages.stage_on(as_of);
        self.projects += 1;
        let counters = [
            (Stage::Signed, &mut self.signed),
            (Stage::Started, &mut self.started),
            (Stage::Producing, &mut self.producing),
            (Stage::Effective, &mut self.effective),
        ];
        for (threshold, counter) in counters {
            if stage >= threshold {
                *counter += 1;
            }
        }
        self.total_investment += project.total_investment;
        self.planned_investment += project.annual_planned_investment;
        if let Some(completed) = project.completed_investment {
            self.reported += 1;
            self.completed_investment += completed;
            if project.in_statistics {
                self.statistics_investment += completed;
            }
        }
    }

    /// Both groups' sums (two counties merged into one line).
    pub fn merge(&mut self, other: &StageTotals) {
        self.projects += other.projects;
        self.signed += other.signed;
        self.started += other.started;
        self.producing += other.producing;
        self.effective += other.effective;
        self.reported += other.reported;
        self.total_investment += other.total_investment;
        self.planned_investment += other.planned_investment;
        self.completed_investment += other.completed_investment;
        self.statistics_investment += other.statistics_investment;
    }
}

/// The rates of `projects` on `as_of` (see the module table).
pub fn pipeline_stats<'a>(projects: impl IntoIterator<Item = &'a ProjectFacts>, as_of: NaiveDate) -> PipelineStats {
    let mut totals = StageTotals::default();
    for project in projects {
        totals.add(project, as_of);
    }
    PipelineStats::from_totals(&totals, as_of)
}

impl PipelineStats {
    /// The rates from their sums (see the module table for each definition).
    pub fn from_totals(t: &StageTotals, as_of: NaiveDate) -> PipelineStats {
        let time_progress = year_progress(as_of);
        let investment_completion = ratio(t.completed_investment, t.planned_investment);
        PipelineStats {
            as_of,
            projects: t.projects,
            planned: t.projects - t.signed,
            signed: t.signed,
            started: t.started,
            producing: t.producing,
            effective: t.effective,
            reported: t.reported,
            total_investment: t.total_investment,
            planned_investment: t.planned_investment,
            completed_investment: t.completed_investment,
            statistics_investment: t.statistics_investment,
            start_rate: ratio(t.started as f64, t.signed as f64),
            start_rate_of_all: ratio(t.started as f64, t.projects as f64),
            production_rate: ratio(t.producing as f64, t.started as f64),
            effective_rate: ratio(t.effective as f64, t.producing as f64),
            investment_completion,
            time_progress,
            investment_lag: investment_completion.map(|c| c - time_progress),
        }
    }
}

/// What the rates are grouped by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupBy {
    /// 县（市、区）/园区
    County,
    /// 包联单位
    Unit,
    /// 项目类别
    Kind,
    /// 产业链
    Industry,
}

const GROUP_NAMES: [(GroupBy, &str, &str); 4] = [
    (GroupBy::County, "county", "县区"),
    (GroupBy::Unit, "unit", "包联单位"),
    (GroupBy::Kind, "kind", "项目类别"),
    (GroupBy::Industry, "industry", "产业链"),
];

impl GroupBy {
    pub fn name(self) -> &'static str {
        GROUP_NAMES.iter().find(|(g, ..)| *g == self).map(|(_, n, _)| *n).unwrap_or("county")
    }

    /// The column heading (县区, 包联单位 …).
    pub fn label(self) -> &'static str {
        GROUP_NAMES.iter().find(|(g, ..)| *g == self).map(|(.., l)| *l).unwrap_or("县区")
    }

    pub fn parse(text: &str) -> Result<GroupBy, ParseError> {
        let text = text.trim();
        GROUP_NAMES
            .iter()
            .find(|(_, n, l)| *n == text || *l == text)
            .map(|(g, ..)| *g)
            .ok_or_else(|| ParseError::new("grouping", text, GROUP_NAMES.iter().map(|(_, n, _)| *n)))
    }

    /// The group a project falls in; 未填写 when the field is empty.
    pub fn key_of(self, project: &ProjectFacts) -> &str {
        let key = match self {
            GroupBy::County => &project.county,
            GroupBy::Unit => &project.unit,
            GroupBy::Kind => &project.kind,
            GroupBy::Industry => &project.industry_chain,
        };
        if key.trim().is_empty() { "未填写" } else { key }
    }
}

/// The pipeline of one group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupStats {
    pub key: String,
    #[serde(flatten)]
    pub stats: PipelineStats,
}

/// The pipeline of each group, ordered by key.
pub fn stats_by(projects: &[ProjectFacts], as_of: NaiveDate, by: GroupBy) -> Vec<GroupStats> {
    let mut groups: BTreeMap<&str, Vec<&ProjectFacts>> = BTreeMap::new();
    for project in projects {
        groups.entry(by.key_of(project)).or_default().push(project);
    }
    groups
        .into_iter()
        .map(|(key, members)| GroupStats { key: key.to_string(), stats: pipeline_stats(members, as_of) })
        .collect()
}

/// A project's light (红黄绿灯) from its investment completion against 序时进度,
/// with the task thresholds: green while `completion >= t + on_track`,
/// yellow while behind by less than the yellow band, red beyond; no report
/// is yellow, and `red_after_missed_cycles` monthly cycles without one red.
/// A project without an annual plan is judged by its reporting alone.
pub fn project_light(
    completion: Option<f64>,
    time_progress: f64,
    missed_cycles: u32,
    reported: bool,
    thresholds: &Thresholds,
) -> Light {
    if missed_cycles >= thresholds.red_after_missed_cycles {
        return Light::Red;
    }
    if !reported {
        return Light::Yellow;
    }
    let Some(completion) = completion else { return Light::Green };
    let margin = time_progress - completion;
    if completion >= 1.0 || completion >= time_progress + thresholds.on_track {
        Light::Green
    } else if margin < thresholds.yellow_band {
        Light::Yellow
    } else {
        Light::Red
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn project(id: i64, county: &str, stages: StageDates, planned: f64, completed: Option<f64>) -> ProjectFacts {
        ProjectFacts {
            id,
            county: county.into(),
            unit: "市发展改革委".into(),
            kind: "市重点".into(),
            industry_chain: String::new(),
            stages,
            total_investment: planned * 3.0,
            annual_planned_investment: planned,
            completed_investment: completed,
            in_statistics: id % 2 == 0,
        }
    }

    fn stages(signed: Option<NaiveDate>, started: Option<NaiveDate>, producing: Option<NaiveDate>) -> StageDates {
        StageDates { signed, started, producing, effective: None }
    }

    #[test]
    fn rates_follow_their_definitions() {
        let on = d(2025, 6, 30);
        let projects = vec![
            project(1, "甲县", stages(Some(d(2025, 1, 1)), None, None), 100.0, Some(40.0)),
            project(2, "甲县", stages(Some(d(2025, 1, 1)), Some(d(2025, 3, 1)), None), 200.0, Some(120.0)),
            project(3, "乙区", stages(None, Some(d(2025, 2, 1)), Some(d(2025, 6, 1))), 300.0, Some(90.0)),
            project(4, "乙区", StageDates::default(), 400.0, None),
            // Starts after the date: only signed on 06-30.
            project(5, "乙区", stages(Some(d(2025, 5, 1)), Some(d(2025, 8, 1)), None), 0.0, None),
        ];
        let stats = pipeline_stats(&projects, on);
        assert_eq!((stats.projects, stats.planned, stats.signed, stats.started, stats.producing), (5, 1, 4, 2, 1));
        assert_eq!(stats.start_rate, Some(0.5));
        assert_eq!(stats.start_rate_of_all, Some(0.4));
        assert_eq!(stats.production_rate, Some(0.5));
        assert_eq!(stats.effective_rate, Some(0.0));
        assert_eq!(stats.planned_investment, 1000.0);
        assert_eq!(stats.completed_investment, 250.0);
        assert_eq!(stats.statistics_investment, 120.0);
        assert_eq!(stats.investment_completion, Some(0.25));
        assert!((stats.time_progress - 181.0 / 365.0).abs() < 1e-12);
        assert!((stats.investment_lag.unwrap() - (0.25 - 181.0 / 365.0)).abs() < 1e-12);

        let by_county = stats_by(&projects, on, GroupBy::County);
        assert_eq!(by_county.iter().map(|g| g.key.as_str()).collect::<Vec<_>>(), ["乙区", "甲县"]);
        let jia = &by_county[1].stats;
        assert_eq!((jia.signed, jia.started), (2, 1));
        assert_eq!(jia.investment_completion, Some(160.0 / 300.0));
    }

    #[test]
    fn empty_denominators_give_no_rate() {
        let stats = pipeline_stats(&[], d(2025, 3, 31));
        assert_eq!(stats.start_rate, None);
        assert_eq!(stats.investment_completion, None);
        assert_eq!(stats.investment_lag, None);
        assert_eq!(stats.time_progress, 90.0 / 365.0);
    }

    #[test]
    fn year_progress_ends_at_one() {
        assert_eq!(year_progress(d(2025, 12, 31)), 1.0);
        assert_eq!(year_progress(d(2024, 12, 31)), 1.0);
        assert_eq!(year_progress(d(2024, 1, 1)), 1.0 / 366.0);
    }

    #[test]
    fn lights_compare_completion_with_time() {
        let t = Thresholds::default();
        assert_eq!(project_light(Some(0.48), 0.5, 0, true, &t), Light::Green);
        assert_eq!(project_light(Some(0.40), 0.5, 0, true, &t), Light::Yellow);
        assert_eq!(project_light(Some(0.30), 0.5, 0, true, &t), Light::Red);
        assert_eq!(project_light(None, 0.5, 0, false, &t), Light::Yellow);
        assert_eq!(project_light(Some(0.9), 0.5, 2, true, &t), Light::Red);
        assert_eq!(project_light(None, 0.5, 0, true, &t), Light::Green);
    }

    #[test]
    fn groupings_parse() {
        assert_eq!(GroupBy::parse("county").unwrap(), GroupBy::County);
        assert_eq!(GroupBy::parse("包联单位").unwrap(), GroupBy::Unit);
        assert!(GroupBy::parse("town").is_err());
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    fn day(offset: i64) -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 1, 1).unwrap() + chrono::Days::new(offset as u64)
    }

    prop_compose! {
        fn any_project()(
            id in 0i64..1000,
            county in 0usize..3,
            dates in proptest::collection::vec(proptest::option::of(0i64..365), 4),
            planned in 0.0f64..1e5,
            completed in proptest::option::of(0.0f64..1e5),
            in_statistics: bool,
        ) -> ProjectFacts {
            ProjectFacts {
                id,
                county: ["甲县", "乙区", ""][county].into(),
                stages: StageDates {
                    signed: dates[0].map(day),
                    started: dates[1].map(day),
                    producing: dates[2].map(day),
                    effective: dates[3].map(day),
                },
                annual_planned_investment: planned,
                completed_investment: completed,
                in_statistics,
                ..Default::default()
            }
        }
    }

    proptest! {
        #[test]
        fn counts_nest_and_rates_are_fractions(projects in proptest::collection::vec(any_project(), 0..40), on in 0i64..365) {
            let stats = pipeline_stats(&projects, day(on));
            prop_assert!(stats.projects >= stats.signed && stats.signed >= stats.started);
            prop_assert!(stats.started >= stats.producing && stats.producing >= stats.effective);
            prop_assert_eq!(stats.planned + stats.signed, stats.projects);
            for rate in [stats.start_rate, stats.start_rate_of_all, stats.production_rate, stats.effective_rate].into_iter().flatten() {
                prop_assert!((0.0..=1.0).contains(&rate));
            }
            prop_assert!(stats.statistics_investment <= stats.completed_investment + 1e-6);
            prop_assert!(stats.time_progress > 0.0 && stats.time_progress <= 1.0);
        }

        #[test]
        fn groups_add_up_to_the_whole(projects in proptest::collection::vec(any_project(), 0..40), on in 0i64..365) {
            let whole = pipeline_stats(&projects, day(on));
            let groups = stats_by(&projects, day(on), GroupBy::County);
            prop_assert_eq!(groups.iter().map(|g| g.stats.projects).sum::<u64>(), whole.projects);
            prop_assert_eq!(groups.iter().map(|g| g.stats.started).sum::<u64>(), whole.started);
            let completed: f64 = groups.iter().map(|g| g.stats.completed_investment).sum();
            prop_assert!((completed - whole.completed_investment).abs() <= 1e-6 * whole.completed_investment.max(1.0));
        }

        #[test]
        fn stage_never_goes_back(projects in proptest::collection::vec(any_project(), 1..5), a in 0i64..365, b in 0i64..365) {
            let (early, late) = (day(a.min(b)), day(a.max(b)));
            for p in &projects {
                prop_assert!(p.stages.stage_on(early) <= p.stages.stage_on(late));
            }
        }
    }
}
