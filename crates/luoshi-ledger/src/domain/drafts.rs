//! Drafts: what a ledger is created from, whether the source is an
//! extraction or a spreadsheet. They carry no extractor types; the CLI maps
//! extractions into them.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::Comparator;
use crate::error::DraftError;

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
    /// Every problem that keeps this draft out of the ledger, in document
    /// order: empty or duplicate task keys, spans outside the text (checked
    /// only when the text is present: a spreadsheet import has none),
    /// target values that are not numbers.
    pub fn problems(&self) -> Vec<DraftError> {
        let len = self.text.chars().count();
        let span_ok = |(start, end): (usize, usize)| self.text.is_empty() || (start <= end && end <= len);
        let mut problems = Vec::new();
        for section in &self.sections {
            if !span_ok(section.span) {
                let (start, end) = section.span;
                problems.push(DraftError::SectionSpan { heading: section.heading.clone(), start, end, len });
            }
        }
        let mut seen = std::collections::HashSet::new();
        for (index, task) in self.tasks.iter().enumerate() {
            let key = task.key.clone();
            if key.trim().is_empty() {
                problems.push(DraftError::EmptyKey { index });
            } else if !seen.insert(task.key.as_str()) {
                problems.push(DraftError::DuplicateKey { key: key.clone() });
            }
            let (start, end) = task.span;
            if start > end {
                problems.push(DraftError::ReversedSpan { key: key.clone(), start, end });
            } else if !span_ok(task.span) {
                problems.push(DraftError::SpanOutsideText { key: key.clone(), start, end, len });
            }
            for target in &task.targets {
                if !target.value.is_finite() {
                    problems.push(DraftError::TargetValue { key: key.clone(), metric: target.metric.clone(), value: target.value });
                }
                if !span_ok(target.span) {
                    let (start, end) = target.span;
                    problems.push(DraftError::TargetSpan { key: key.clone(), metric: target.metric.clone(), start, end, len });
                }
            }
        }
        problems
    }

    /// The first problem, if any (see `problems`).
    pub fn validate(&self) -> Result<(), DraftError> {
        self.problems().into_iter().next().map_or(Ok(()), Err)
    }

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

    fn draft() -> DocumentDraft {
        DocumentDraft {
            source: "003.txt".into(),
            text: "一、强化工业运行调度。规上工业增加值增速达到6.5%。".into(),
            sections: vec![SectionDraft { level: 0, heading: "一、强化工业运行调度".into(), span: (0, 10) }],
            tasks: vec![TaskDraft {
                key: "t1".into(),
                title: "强化工业运行调度".into(),
                span: (2, 27),
                targets: vec![TargetDraft { metric: "规上工业增加值增速".into(), value: 6.5, span: (23, 27), ..TargetDraft::default() }],
                ..TaskDraft::default()
            }],
            ..DocumentDraft::default()
        }
    }

    #[test]
    fn a_sound_draft_validates() {
        assert_eq!(draft().problems(), []);
        assert_eq!(draft().validate(), Ok(()));
    }

    #[test]
    fn each_problem_names_the_task_and_the_fault() {
        let mut doc = draft();
        doc.tasks[0].targets[0].value = f64::NAN;
        doc.tasks[0].targets[0].span = (23, 40);
        let mut second = doc.tasks[0].clone();
        second.targets.clear();
        second.span = (9, 3);
        let mut third = second.clone();
        third.key = " ".into();
        third.span = (20, 99);
        doc.tasks.push(second);
        doc.tasks.push(third);
        doc.sections[0].span = (0, 100);
        let messages: Vec<String> = doc.problems().iter().map(ToString::to_string).collect();
        assert_eq!(
            messages,
            [
                "section \"一、强化工业运行调度\": span 0..100 is reversed or outside the text (27 characters)",
                "task t1, target \"规上工业增加值增速\": value NaN is not a finite number",
                "task t1, target \"规上工业增加值增速\": span 23..40 is reversed or outside the text (27 characters)",
                "task key \"t1\" appears more than once",
                "task t1: span 9..3 is reversed",
                "task #2 has an empty key",
                "task  : span 20..99 lies outside the text (27 characters)",
            ]
        );
    }

    #[test]
    fn spans_are_not_checked_without_text() {
        let mut doc = draft();
        doc.text.clear();
        doc.tasks[0].span = (500, 900);
        assert_eq!(doc.validate(), Ok(()));
    }

    #[test]
    fn lead_unit_is_the_first_named() {
        let task = TaskDraft { units: vec!["市科学技术局".into(), "市工业和信息化局".into()], ..TaskDraft::default() };
        assert_eq!(task.lead_unit(), Some("市科学技术局"));
        assert_eq!(TaskDraft::default().lead_unit(), None);
    }
}
