//! 重点项目: what a project is, as entered by hand or read from a sheet.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::stage::StageDates;

/// A key project as it comes in (by hand or from a 项目表 row).
/// Investments are in 万元.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ProjectDraft {
    /// 项目名称
    pub name: String,
    /// An office's own project number (项目编号), when the sheet has one.
    pub code: Option<String>,
    /// 项目业主 / 建设单位
    pub enterprise: String,
    /// 县（市、区）或园区
    pub county: String,
    /// 产业链
    pub industry_chain: String,
    /// 项目类别: 省重点, 市重点, 增发国债, 招商签约 … (free text: offices have many).
    pub kind: String,
    /// 建设内容及规模
    pub content: String,
    /// 总投资 (万元)
    pub total_investment: Option<f64>,
    /// 年度计划投资 (万元)
    pub annual_planned_investment: Option<f64>,
    /// The year the annual plan is for.
    pub plan_year: Option<i32>,
    /// 包联单位 / 责任单位
    pub responsible_unit: String,
    /// 包联领导, when given.
    pub responsible_leader: String,
    /// The dates of the steps already reached (开工时间 …).
    pub stages: StageDates,
    /// 1-N月完成投资 as the sheet states it: (as of, cumulative 万元).
    pub completed_investment: Option<(NaiveDate, f64)>,
}

/// 要素保障: the kinds of problem that hold a project up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProblemKind {
    /// 用地
    Land,
    /// 资金
    Funding,
    /// 环评
    Environment,
    /// 用能
    Energy,
    /// 审批 (立项、规划、施工许可)
    Approval,
    /// 其他
    Other,
}

/// (kind, label, stored name, words that name it in a problem's text).
const PROBLEM_KINDS: [(ProblemKind, &str, &str, &[&str]); 6] = [
    (ProblemKind::Land, "用地", "land", &["用地", "土地", "征地", "拆迁", "林地", "指标"]),
    (ProblemKind::Funding, "资金", "funding", &["资金", "融资", "贷款", "专项债", "到位"]),
    (ProblemKind::Environment, "环评", "environment", &["环评", "环境影响", "排污", "能评"]),
    (ProblemKind::Energy, "用能", "energy", &["用能", "用电", "能耗", "供电", "用气", "用水"]),
    (ProblemKind::Approval, "审批", "approval", &["审批", "立项", "规划许可", "施工许可", "手续", "备案"]),
    (ProblemKind::Other, "其他", "other", &[]),
];

impl ProblemKind {
    pub fn label(self) -> &'static str {
        PROBLEM_KINDS.iter().find(|(k, ..)| *k == self).map(|(_, l, ..)| *l).unwrap_or("其他")
    }

    pub fn name(self) -> &'static str {
        PROBLEM_KINDS.iter().find(|(k, ..)| *k == self).map(|(_, _, n, _)| *n).unwrap_or("other")
    }

    /// The label or stored name; anything else is 其他.
    pub fn parse(text: &str) -> ProblemKind {
        let text = text.trim();
        PROBLEM_KINDS
            .iter()
            .find(|(_, l, n, _)| *l == text || *n == text)
            .map_or(ProblemKind::Other, |(k, ..)| *k)
    }

    /// The kind a free-text problem is about (要素保障分类), by its words.
    pub fn classify(text: &str) -> ProblemKind {
        PROBLEM_KINDS
            .iter()
            .find(|(_, _, _, words)| words.iter().any(|w| text.contains(w)))
            .map_or(ProblemKind::Other, |(k, ..)| *k)
    }
}

/// An open (or solved) problem of a project and who must solve it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProjectProblem {
    pub kind: ProblemKind,
    pub description: String,
    /// 协调解决单位
    pub owner: String,
    pub raised_on: NaiveDate,
    pub solved_on: Option<NaiveDate>,
}

impl ProjectProblem {
    pub fn is_open_on(&self, date: NaiveDate) -> bool {
        self.raised_on <= date && self.solved_on.is_none_or(|solved| solved > date)
    }
}

/// Investment units and how many 万元 one of them is.
pub const INVESTMENT_UNITS: [(&str, f64); 4] = [("亿元", 10_000.0), ("万元", 1.0), ("千元", 0.1), ("元", 0.000_1)];

/// How many 万元 one `unit` is; `None` for a unit that is not money.
/// The longest unit name the text contains wins (亿元 before 元).
pub fn wan_yuan_per(unit: &str) -> Option<f64> {
    INVESTMENT_UNITS.iter().find(|(name, _)| unit.contains(name)).map(|(_, factor)| *factor)
}

/// `value` in `unit`, in 万元 (unchanged when the unit is not money).
pub fn to_wan_yuan(value: f64, unit: &str) -> f64 {
    value * wan_yuan_per(unit).unwrap_or(1.0)
}

/// `value` 万元, in `unit` (unchanged when the unit is not money).
pub fn from_wan_yuan(value: f64, unit: &str) -> f64 {
    value / wan_yuan_per(unit).unwrap_or(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_units_convert_through_wan_yuan() {
        assert_eq!(to_wan_yuan(287.6, "亿元"), 2_876_000.0);
        assert_eq!(from_wan_yuan(2_876_000.0, "亿元"), 287.6);
        assert_eq!(to_wan_yuan(5.0, "总投资（万元）"), 5.0);
        assert_eq!(to_wan_yuan(20_000.0, "元"), 2.0);
        assert_eq!(wan_yuan_per("个"), None);
        assert_eq!(to_wan_yuan(36.0, "个"), 36.0);
    }

    #[test]
    fn problems_are_classified_by_their_words() {
        assert_eq!(ProblemKind::classify("项目用地指标尚未落实"), ProblemKind::Land);
        assert_eq!(ProblemKind::classify("环评批复未取得"), ProblemKind::Environment);
        assert_eq!(ProblemKind::classify("配套资金不到位"), ProblemKind::Funding);
        assert_eq!(ProblemKind::classify("施工许可手续办理中"), ProblemKind::Approval);
        assert_eq!(ProblemKind::classify("天气原因"), ProblemKind::Other);
        assert_eq!(ProblemKind::parse("用能"), ProblemKind::Energy);
    }

    #[test]
    fn a_problem_is_open_between_raised_and_solved() {
        let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
        let problem = ProjectProblem {
            kind: ProblemKind::Land,
            description: "用地未报批".into(),
            owner: "市自然资源和规划局".into(),
            raised_on: d(3, 1),
            solved_on: Some(d(5, 1)),
        };
        assert!(!problem.is_open_on(d(2, 28)));
        assert!(problem.is_open_on(d(4, 30)));
        assert!(!problem.is_open_on(d(5, 1)));
    }
}
