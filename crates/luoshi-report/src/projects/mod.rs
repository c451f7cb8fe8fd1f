//! 重点项目 paperwork: the project sheets cities keep (.xlsx import), the
//! 月调度 table they circulate (.xlsx export), and the 三个一批 summary
//! (Markdown and .docx).
//!
//! - [`import`]: a 项目表 becomes project drafts; columns found by their
//!   header names ([`headers::PROJECT_HEADERS`]), merged cells filled, one
//!   error per bad row
//! - [`dispatch`]: the 月调度表 workbook from [`ProjectRow`]s
//! - [`summary`]: the 三个一批推进情况 report from the rates

pub mod dispatch;
pub mod headers;
pub mod import;
mod sheet;
pub mod summary;

pub use dispatch::{DISPATCH_COLUMNS, dispatch_workbook};
pub use import::{ImportOptions, ImportedProject, ImportedProjects, RowError, import_projects};
pub use sheet::SheetError;
pub use summary::{PipelineSummaryInput, render_summary_docx, render_summary_markdown};

use chrono::NaiveDate;
use luoshi_ledger::Light;
use luoshi_ledger::projects::Stage;

/// One project's line of the 月调度 table and of the summary's lists.
/// Investments in 万元.
#[derive(Debug, Clone, PartialEq)]
pub struct ProjectRow {
    pub id: i64,
    pub name: String,
    pub county: String,
    pub kind: String,
    pub industry_chain: String,
    pub enterprise: String,
    pub responsible_unit: String,
    pub total_investment: Option<f64>,
    pub annual_planned_investment: Option<f64>,
    pub completed_investment: Option<f64>,
    pub in_statistics: bool,
    pub stage: Stage,
    pub started_on: Option<NaiveDate>,
    pub progress: String,
    pub problems: String,
    pub investment_completion: Option<f64>,
    pub light: Light,
}

/// 2025年6月30日
pub(crate) fn chinese_date(date: NaiveDate) -> String {
    date.format("%Y年%-m月%-d日").to_string()
}

/// A fraction as a percentage with one decimal (0.4567 → 45.7%); — when unknown.
pub(crate) fn percent(value: Option<f64>) -> String {
    value.map_or_else(|| "—".to_string(), |v| format!("{:.1}%", v * 100.0))
}

/// 万元 as 亿元 with two decimals.
pub(crate) fn yi(wan: f64) -> String {
    format!("{:.2}", wan / 10_000.0)
}
