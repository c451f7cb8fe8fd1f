//! An office's 分工方案 workbook uploaded: read with luoshi-report's sheet
//! reader, written out as the document text the sheet stands for, and
//! handed to the same preview → correct → save flow as an uploaded plan
//! (`/import/save`, `POST /api/v1/import`). Units and headings are the
//! sheet's; targets and deadlines are read by the extractor from the task
//! text, the 量化目标 column and the 完成时限 column, as the CLI does.

use luoshi_extract::{Extraction, Section, Task};
use luoshi_report::xlsx::{SkippedRow, import_ledger};
use luoshi_text::{PlainText, Span};

use crate::error::WebError;
use crate::pages::import::Parsed;

/// The sheet as an extraction ready to preview, and the rows not read.
pub struct LedgerUpload {
    pub parsed: Parsed,
    pub sheet: String,
    pub skipped: Vec<SkippedRow>,
}

/// Read a 分工方案 workbook named `name`; `year` when the sheet does not say it.
pub fn read_ledger_sheet(name: &str, bytes: &[u8], year: Option<i32>) -> Result<LedgerUpload, WebError> {
    if bytes.is_empty() {
        return Err(WebError::bad("请选择分工方案表（.xlsx）"));
    }
    let mut ledger = import_ledger(bytes).map_err(|e| WebError::bad(format!("{name}: 无法读取分工方案表：{e}")))?;
    if ledger.tasks.is_empty() {
        return Err(WebError::bad(format!("{name}: 工作表「{}」有表头但没有任务行", ledger.sheet)));
    }
    // The 完成时限 column joins the task text, so the extractor reads the
    // deadline words as it reads them in a plan.
    for task in &mut ledger.tasks {
        if let Some(due) = task.deadline_text.clone().filter(|d| !d.trim().is_empty() && !task.text.contains(d.as_str())) {
            task.text.push_str(&format!("（完成时限：{}）", due.trim()));
        }
    }
    let draft = ledger.to_document_draft(name);
    let text = PlainText::from_text(draft.text.clone());
    let found = luoshi_extract::extract(&text, &luoshi_extract::Options { source: name.to_string(), year });
    let mut targets: Vec<_> = found.tasks.into_iter().flat_map(|t| t.targets).collect();
    targets.sort_by_key(|t| t.span);
    targets.dedup_by_key(|t| t.span);
    let tasks = draft
        .tasks
        .iter()
        .map(|task| {
            let span = Span::new(task.span.0, task.span.1);
            let mut mine: Vec<luoshi_extract::Target> = Vec::new();
            // The 量化目标 column often repeats the task text: keep the first mention.
            for target in targets.iter().filter(|t| span.start <= t.span.start && t.span.end <= span.end) {
                let same = |f: &luoshi_extract::Target| f.metric == target.metric && f.value == target.value && f.unit == target.unit && f.cmp == target.cmp;
                if !mine.iter().any(same) {
                    mine.push(target.clone());
                }
            }
            Task { id: task.key.clone(), section: task.section_path.clone(), title: task.title.clone(), span, units: task.units.clone(), targets: mine }
        })
        .collect();
    let sections = draft.sections.iter().map(|s| Section { level: s.level, heading: s.heading.clone(), span: Span::new(s.span.0, s.span.1) }).collect();
    let mut document = found.document;
    document.title = ledger.title.clone().or(document.title);
    document.year = document.year.or(year);
    let extraction = Extraction { document, sections, tasks };
    Ok(LedgerUpload { parsed: Parsed { text, extraction }, sheet: ledger.sheet.clone(), skipped: ledger.skipped.clone() })
}
