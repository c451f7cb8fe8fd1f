//! Drafts: what a ledger is created from, whether the source is an
//! extraction or a spreadsheet. They carry no extractor types; the CLI maps
//! extractions into them.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::Comparator;

/// A document about to enter the ledger (文件).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DocumentDraft {
    /// File name the text came from.
    pub source: String,
    pub title: Option<String>,
    /// 计划年度: the year the deadlines belong to.
    pub year: Option<i32>,
    /// The default deadline (计划期末).
    pub period_end: Option<NaiveDate>,
    /// The full text, so every span can be shown in context.
    pub text: String,
    /// Identifies the text, to tell a re-ingest of the same file from a new version.
    pub content_hash: String,
    /// Headings in document order.
    pub sections: Vec<SectionDraft>,
    pub tasks: Vec<TaskDraft>,
}

impl DocumentDraft {
    /// 计划起始: Jan 1 of the plan year, or of the period end's year when the
    /// year is not known; `None` when neither is.
    pub fn plan_start(&self) -> Option<NaiveDate> {
        let year = self.year.or_else(|| self.period_end.map(|d| d.year()))?;
        NaiveDate::from_ymd_opt(year, 1, 1)
    }
}

/// A heading in the document's tree (第X章, 一、, （一）…).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionDraft {
    /// Nesting depth, 0 outermost.
    pub level: usize,
    /// As written, numbering included.
    pub heading: String,
    /// Char offsets in the document text, end exclusive.
    pub span: (usize, usize),
}

/// 工作任务: one unit of work a unit can be held responsible for.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TaskDraft {
    /// Stable within the document (`t5`).
    pub key: String,
    /// Headings from the outermost down, as written.
    pub section_path: Vec<String>,
    /// The lead phrase without its number and final 。.
    pub title: String,
    /// The task's full text.
    pub text: String,
    /// Char offsets in the document text, end exclusive.
    pub span: (usize, usize),
    /// 责任单位, lead (牵头单位) first, then the co-units (配合单位).
    pub units: Vec<String>,
    /// The task's own deadline, when one is written for it.
    pub deadline: Option<NaiveDate>,
    pub targets: Vec<TargetDraft>,
}

impl TaskDraft {
    /// 牵头单位: the first unit named.
    pub fn lead_unit(&self) -> Option<&str> {
        self.units.first().map(String::as_str)
    }
}

/// 量化目标: a number the government commits to for a future date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TargetDraft {
    /// What is measured (规上工业增加值增速).
    pub metric: String,
    pub value: f64,
    /// As written after the number, magnitude included (亿元, 万户, %).
    pub unit: String,
    pub cmp: Comparator,
    pub deadline: Option<NaiveDate>,
    /// A yearly quota (每年…): due on 12-31 of every plan year.
    pub yearly: bool,
    /// Char offsets of the number expression, end exclusive.
    pub span: (usize, usize),
    /// The number expression as written (`1700亿元以上`).
    pub text: String,
    /// 基数: the value at the plan's start, when known (0 otherwise).
    #[serde(default)]
    pub baseline: Option<f64>,
}

impl Default for TargetDraft {
    fn default() -> Self {
        TargetDraft {
            metric: String::new(),
            value: 0.0,
            unit: String::new(),
            cmp: Comparator::AtLeast,
            deadline: None,
            yearly: false,
            span: (0, 0),
            text: String::new(),
            baseline: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plan_start_is_jan_first_of_the_plan_year() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        let doc = DocumentDraft { year: Some(2024), period_end: Some(d(2024, 6, 30)), ..DocumentDraft::default() };
        assert_eq!(doc.plan_start(), Some(d(2024, 1, 1)));
        let doc = DocumentDraft { year: None, period_end: Some(d(2025, 12, 31)), ..DocumentDraft::default() };
        assert_eq!(doc.plan_start(), Some(d(2025, 1, 1)));
        assert_eq!(DocumentDraft::default().plan_start(), None);
    }

    #[test]
    fn lead_unit_is_the_first_named() {
        let task = TaskDraft { units: vec!["市科学技术局".into(), "市工业和信息化局".into()], ..TaskDraft::default() };
        assert_eq!(task.lead_unit(), Some("市科学技术局"));
        assert_eq!(TaskDraft::default().lead_unit(), None);
    }
}
