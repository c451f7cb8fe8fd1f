//! View models: the plain data the renderers take. The CLI and the web app
//! fill them from the store; this crate never reads a database.

use crate::domain::{Light, Status};
use chrono::NaiveDate;

/// Identifier of a task or target in the store.
pub type Id = i64;

/// One task of the ledger, as the reports see it.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskView {
    pub id: Id,
    /// 序号 as printed in the plan ("1", "3.2").
    pub number: String,
    /// The heading the task sits under ("一、稳住经济增长基本盘").
    pub section: Option<String>,
    /// 工作任务: a short title ("扩大有效投资").
    pub title: String,
    /// The task's full wording from the plan.
    pub text: String,
    /// 牵头单位
    pub lead_units: Vec<String>,
    /// 配合单位 / 责任单位 besides the lead.
    pub co_units: Vec<String>,
    /// 完成时限 as a date, when known.
    pub deadline: Option<NaiveDate>,
    /// 完成时限 as the plan words it ("6月底前"), when it has words.
    pub deadline_text: Option<String>,
    pub status: Status,
    pub light: Light,
    /// The most recent progress report, if any.
    pub latest: Option<LatestReport>,
    /// 量化目标
    pub targets: Vec<TargetView>,
}

/// The newest progress report of a task.
#[derive(Debug, Clone, PartialEq)]
pub struct LatestReport {
    pub as_of: NaiveDate,
    /// 进展情况
    pub narrative: String,
    /// 存在问题
    pub problems: String,
    /// 下一步措施
    pub next_steps: String,
}

/// One quantified target of a task.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetView {
    pub id: Id,
    /// The target as worded ("完成年度投资680亿元以上").
    pub description: String,
    /// 指标 ("投资").
    pub metric: String,
    /// 目标值
    pub value: f64,
    /// 计量单位 ("亿元", "%").
    pub unit: String,
    pub deadline: Option<NaiveDate>,
    /// 实际完成值 of the latest report.
    pub actual: Option<f64>,
    /// w: work progress, 0..1 and beyond.
    pub work_progress: Option<f64>,
    /// t: time progress, 0..1.
    pub time_progress: Option<f64>,
    pub status: Option<Status>,
}

/// A unit that owes reports (未报送).
#[derive(Debug, Clone, PartialEq)]
pub struct NonReportingUnit {
    pub unit: String,
    /// "序号 title" of the tasks it did not report on.
    pub tasks: Vec<String>,
}

/// The 双过半 check: at mid-year, has each task done half its work?
#[derive(Debug, Clone, PartialEq)]
pub struct HalfYearCheck {
    /// Tasks with quantified targets that were judged.
    pub judged: usize,
    /// Those with w >= 0.5.
    pub passed: usize,
    /// The tasks that did not pass.
    pub failing: Vec<HalfYearShortfall>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct HalfYearShortfall {
    pub number: String,
    pub title: String,
    pub lead_unit: String,
    /// Work progress of the worst target (0.32 = 32%).
    pub work_progress: f64,
}

/// Everything a 督查通报 says, for one document as of one date.
#[derive(Debug, Clone, PartialEq)]
pub struct SupervisionReportInput {
    /// The plan's title ("清河市2025年政府工作报告重点工作任务分工方案").
    pub document_title: String,
    /// 发文机关 signing the report ("市政府督查室").
    pub issuer: String,
    /// 主送 ("各县（市、区）人民政府，市政府各部门"), if any.
    pub addressees: Option<String>,
    /// The date the status is judged at.
    pub as_of: NaiveDate,
    /// The date printed under the signature.
    pub issued_on: NaiveDate,
    pub tasks: Vec<TaskView>,
    pub non_reporting: Vec<NonReportingUnit>,
    /// Present when the report falls at mid-year (二季度).
    pub half_year: Option<HalfYearCheck>,
    /// 工作要求 paragraphs; the standard ones when empty.
    pub requirements: Vec<String>,
}
