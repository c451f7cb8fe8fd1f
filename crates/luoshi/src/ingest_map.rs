//! Extraction → ledger draft: what `luoshi ingest` stores for a document.
//!
//! The extractor speaks the JSON contract of EXTRACTION.md (spans, `--MM-DD`
//! deadlines); the ledger wants full texts and calendar dates. Deadlines
//! without a year take the plan year (`--year`, else the one inferred);
//! when none is known they stay open rather than being guessed.

use chrono::NaiveDate;
use luoshi_extract::{Deadline, Extraction};
use luoshi_ledger::{Comparator, DocumentDraft, SectionDraft, TargetDraft, TaskDraft};
use luoshi_text::{PlainText, Span};
use sha2::{Digest, Sha256};

/// The SHA-256 of the document text, hex: same text, same document.
pub fn content_hash(text: &str) -> String {
    Sha256::digest(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// Char-offset slicing of a text in O(1) per slice.
struct CharIndex<'a> {
    text: &'a str,
    byte_at: Vec<usize>,
}

impl<'a> CharIndex<'a> {
    fn new(text: &'a str) -> Self {
        let mut byte_at: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        byte_at.push(text.len());
        CharIndex { text, byte_at }
    }

    fn slice(&self, span: Span) -> &'a str {
        let last = self.byte_at.len() - 1;
        let (start, end) = (span.start.min(last), span.end.min(last));
        if start >= end { "" } else { &self.text[self.byte_at[start]..self.byte_at[end]] }
    }
}

fn to_date(deadline: Option<Deadline>, plan_year: Option<i32>) -> Option<NaiveDate> {
    let deadline = deadline?;
    NaiveDate::from_ymd_opt(deadline.year.or(plan_year)?, deadline.month, deadline.day)
}

fn comparator(cmp: luoshi_extract::Comparator) -> Comparator {
    Comparator::from_symbol(cmp.symbol()).unwrap_or(Comparator::Exactly)
}

/// The draft of one read and extracted document.
pub fn to_draft(extraction: &Extraction, text: &PlainText, year: Option<i32>) -> DocumentDraft {
    let chars = CharIndex::new(&text.text);
    let plan_year = year.or(extraction.document.year);
    let tasks = extraction
        .tasks
        .iter()
        .map(|task| TaskDraft {
            key: task.id.clone(),
            section_path: task.section.clone(),
            title: task.title.clone(),
            text: chars.slice(task.span).to_string(),
            span: (task.span.start, task.span.end),
            units: task.units.clone(),
            deadline: None,
            targets: task
                .targets
                .iter()
                .map(|target| TargetDraft {
                    metric: target.metric.clone(),
                    value: target.value,
                    unit: target.unit.clone(),
                    cmp: comparator(target.cmp),
                    deadline: to_date(target.deadline, plan_year),
                    yearly: target.yearly,
                    span: (target.span.start, target.span.end),
                    text: target.text.clone(),
                    baseline: None,
                })
                .collect(),
        })
        .collect();
    DocumentDraft {
        source: extraction.document.source.clone(),
        title: extraction.document.title.clone(),
        year: plan_year,
        period_end: to_date(extraction.document.period_end, plan_year),
        text: text.text.clone(),
        content_hash: content_hash(&text.text),
        sections: extraction
            .sections
            .iter()
            .map(|s| SectionDraft { level: s.level, heading: s.heading.clone(), span: (s.span.start, s.span.end) })
            .collect(),
        tasks,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use luoshi_extract::{DocumentInfo, Target, Task};

    #[test]
    fn spans_become_texts_and_yearless_deadlines_take_the_plan_year() {
        let text = PlainText::from_text("一、稳增长\n5.强化工业运行调度。增速达到6.5%。");
        let extraction = Extraction {
            document: DocumentInfo {
                source: "a.txt".into(),
                year: None,
                period_end: Deadline::parse("--06-30"),
                ..Default::default()
            },
            sections: vec![],
            tasks: vec![Task {
                id: "t1".into(),
                section: vec!["一、稳增长".into()],
                title: "强化工业运行调度".into(),
                span: Span::new(6, 26),
                units: vec!["市工业和信息化局".into()],
                targets: vec![Target {
                    metric: "增速".into(),
                    value: 6.5,
                    unit: "%".into(),
                    cmp: luoshi_extract::Comparator::AtLeast,
                    deadline: Deadline::parse("--06-30"),
                    yearly: false,
                    span: Span::new(21, 25),
                    text: "6.5%".into(),
                }],
            }],
        };
        let unknown = to_draft(&extraction, &text, None);
        assert_eq!(unknown.period_end, None, "no year known: no deadline invented");
        let draft = to_draft(&extraction, &text, Some(2024));
        assert_eq!(draft.tasks[0].text, "5.强化工业运行调度。增速达到6.5%。");
        assert_eq!(draft.tasks[0].targets[0].deadline, NaiveDate::from_ymd_opt(2024, 6, 30));
        assert_eq!(draft.tasks[0].targets[0].cmp, Comparator::AtLeast);
        assert_eq!(draft.period_end, NaiveDate::from_ymd_opt(2024, 6, 30));
        assert_eq!(draft.content_hash.len(), 64);
        assert_eq!(draft.content_hash, content_hash(&text.text));
    }
}
