//! Targets counted by projects: the actual of "完成投资287.6亿元" or
//! "36个增发国债项目5月底前全部开工" is computed from the projects linked to
//! the target, not typed in.
//!
//! The status engine takes it as an ordinary actual: the caller computes
//! [`linked_actual`] on the date and passes it to
//! [`crate::judge_target`] as `Actual { value, as_of }`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::project::from_wan_yuan;
use super::rates::{PipelineStats, ProjectFacts};
use super::stage::Stage;

/// Which projects count for a target. Every condition that is set must hold;
/// an empty filter takes every project.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProjectFilter {
    /// Exactly these projects, when not empty.
    pub ids: Vec<i64>,
    /// 项目类别 (增发国债, 省重点 …)
    pub kind: Option<String>,
    pub county: Option<String>,
    /// 包联单位
    pub unit: Option<String>,
    pub industry_chain: Option<String>,
}

impl ProjectFilter {
    pub fn matches(&self, project: &ProjectFacts) -> bool {
        let field = |wanted: &Option<String>, value: &str| wanted.as_deref().is_none_or(|w| w.trim() == value.trim());
        (self.ids.is_empty() || self.ids.contains(&project.id))
            && field(&self.kind, &project.kind)
            && field(&self.county, &project.county)
            && field(&self.unit, &project.unit)
            && field(&self.industry_chain, &project.industry_chain)
    }
}

/// What a linked target measures over its projects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "measure", content = "stage")]
pub enum LinkMeasure {
    /// 完成投资: the sum of the projects' year-to-date completed investment,
    /// in the target's unit (亿元, 万元 …).
    CompletedInvestment,
    /// 入库纳统投资: the part of it entered in the statistics.
    StatisticsInvestment,
    /// 项目个数: how many projects have reached the stage (开工 for "全部开工").
    ProjectsAtStage(Stage),
}

/// A target whose actual comes from projects.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TargetLink {
    pub target_id: i64,
    pub filter: ProjectFilter,
    pub measure: LinkMeasure,
}

/// The actual of a linked target on `as_of`, in `target_unit` (investment
/// is held in 万元 and converted; counts are plain numbers). `projects` are
/// the facts on `as_of` (see [`ProjectFacts`]).
pub fn linked_actual(link: &TargetLink, projects: &[ProjectFacts], as_of: NaiveDate, target_unit: &str) -> f64 {
    let linked = projects.iter().filter(|p| link.filter.matches(p));
    match link.measure {
        LinkMeasure::CompletedInvestment => {
            from_wan_yuan(linked.filter_map(|p| p.completed_investment).sum(), target_unit)
        }
        LinkMeasure::StatisticsInvestment => from_wan_yuan(
            linked.filter(|p| p.in_statistics).filter_map(|p| p.completed_investment).sum(),
            target_unit,
        ),
        LinkMeasure::ProjectsAtStage(stage) => linked.filter(|p| p.stages.stage_on(as_of) >= stage).count() as f64,
    }
}

/// The same actual from the pipeline of the linked projects (what a store
/// sums in SQL for the link's filter): equal to [`linked_actual`] over
/// those projects.
pub fn linked_actual_from_stats(measure: LinkMeasure, stats: &PipelineStats, target_unit: &str) -> f64 {
    match measure {
        LinkMeasure::CompletedInvestment => from_wan_yuan(stats.completed_investment, target_unit),
        LinkMeasure::StatisticsInvestment => from_wan_yuan(stats.statistics_investment, target_unit),
        LinkMeasure::ProjectsAtStage(stage) => {
            let count = match stage {
                Stage::Planned => stats.projects,
                Stage::Signed => stats.signed,
                Stage::Started => stats.started,
                Stage::Producing => stats.producing,
                Stage::Effective => stats.effective,
            };
            count as f64
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::projects::StageDates;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, m, day).unwrap()
    }

    fn facts(id: i64, kind: &str, started: Option<NaiveDate>, completed: f64) -> ProjectFacts {
        ProjectFacts {
            id,
            kind: kind.into(),
            county: "甲县".into(),
            stages: StageDates { started, ..Default::default() },
            completed_investment: Some(completed),
            in_statistics: id != 2,
            ..Default::default()
        }
    }

    #[test]
    fn investment_is_summed_in_the_target_unit() {
        let projects = [facts(1, "市重点", None, 15_000.0), facts(2, "市重点", None, 5_000.0), facts(3, "省重点", None, 1.0)];
        let link = TargetLink {
            target_id: 7,
            filter: ProjectFilter { kind: Some("市重点".into()), ..Default::default() },
            measure: LinkMeasure::CompletedInvestment,
        };
        assert_eq!(linked_actual(&link, &projects, d(6, 30), "亿元"), 2.0);
        let statistics = TargetLink { measure: LinkMeasure::StatisticsInvestment, ..link };
        assert_eq!(linked_actual(&statistics, &projects, d(6, 30), "万元"), 15_000.0);
    }

    #[test]
    fn projects_are_counted_once_they_reach_the_stage() {
        let projects = [
            facts(1, "增发国债", Some(d(3, 1)), 0.0),
            facts(2, "增发国债", Some(d(6, 15)), 0.0),
            facts(3, "增发国债", None, 0.0),
            facts(4, "市重点", Some(d(1, 1)), 0.0),
        ];
        let link = TargetLink {
            target_id: 1,
            filter: ProjectFilter { kind: Some("增发国债".into()), ..Default::default() },
            measure: LinkMeasure::ProjectsAtStage(Stage::Started),
        };
        assert_eq!(linked_actual(&link, &projects, d(5, 31), "个"), 1.0);
        assert_eq!(linked_actual(&link, &projects, d(6, 30), "个"), 2.0);
        let bonds: Vec<ProjectFacts> = projects.iter().filter(|p| link.filter.matches(p)).cloned().collect();
        let stats = crate::projects::pipeline_stats(&bonds, d(6, 30));
        assert_eq!(linked_actual_from_stats(link.measure, &stats, "个"), 2.0);
        assert_eq!(linked_actual_from_stats(LinkMeasure::CompletedInvestment, &stats, "万元"), 0.0);
        let by_id = TargetLink { filter: ProjectFilter { ids: vec![2, 4], ..Default::default() }, ..link };
        assert_eq!(linked_actual(&by_id, &projects, d(6, 30), "个"), 2.0);
    }

    #[test]
    fn measures_serialise_with_their_stage() {
        let json = serde_json::to_string(&LinkMeasure::ProjectsAtStage(Stage::Started)).unwrap();
        assert_eq!(json, r#"{"measure":"projects_at_stage","stage":"started"}"#);
        let back: LinkMeasure = serde_json::from_str(r#"{"measure":"completed_investment"}"#).unwrap();
        assert_eq!(back, LinkMeasure::CompletedInvestment);
    }
}
