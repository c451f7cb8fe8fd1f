//! An existing 分工方案 sheet becomes a ledger: the header is found by its
//! names (a title row above it, two header rows, merged cells all allowed),
//! section bands become section headings, and each task row a task.

use super::grid::{Grid, SheetError, cell_date, read_grids};
use super::headers::{Field, HeaderMap, LEDGER_HEADERS, expected_headers, find_header};
use chrono::NaiveDate;
use luoshi_ledger::{DocumentDraft, SectionDraft, TaskDraft};

/// One task row of the sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedTask {
    /// Excel row number (1-based) where the task starts.
    pub row: u32,
    pub section: Option<String>,
    /// 序号 as written.
    pub number: Option<String>,
    /// 工作任务
    pub text: String,
    /// 量化目标, as written.
    pub targets: Option<String>,
    /// 完成时限 as written, when it is words.
    pub deadline_text: Option<String>,
    /// 完成时限 as a date, from a date cell or a full date in words.
    pub deadline: Option<NaiveDate>,
    pub lead_units: Vec<String>,
    pub co_units: Vec<String>,
}

/// A row that was neither a task nor a section, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct SkippedRow {
    pub row: u32,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ImportedLedger {
    pub sheet: String,
    /// The text above the header, if any (the plan's title).
    pub title: Option<String>,
    /// (field, header as written) of the columns recognised.
    pub columns: Vec<(Field, String)>,
    pub tasks: Vec<ImportedTask>,
    pub skipped: Vec<SkippedRow>,
}

/// Separators between unit names in one cell.
const UNIT_SEPARATORS: [char; 10] = ['、', '，', ',', '；', ';', '/', '\n', ' ', '\u{3000}', '|'];

/// Parenthesised role notes after a unit name ("市发展改革委（牵头）").
const UNIT_NOTES: [&str; 4] = ["（牵头）", "(牵头)", "（配合）", "(配合)"];

/// Openings of a section heading row (一、… （一）… 第一部分 …).
fn looks_like_heading(text: &str) -> bool {
    const NUMERALS: &str = "一二三四五六七八九十";
    let mut chars = text.chars();
    match chars.next() {
        Some('（') | Some('(') => chars.next().is_some_and(|c| NUMERALS.contains(c)),
        Some('第') => true,
        Some(c) if NUMERALS.contains(c) => {
            text.chars().find(|c| !NUMERALS.contains(*c)).is_some_and(|c| matches!(c, '、' | '.' | '．'))
        }
        _ => false,
    }
}

/// A title without the "（截至2025年6月30日）" luoshi's export adds.
fn without_as_of(title: &str) -> &str {
    match title.rfind("（截至") {
        Some(at) if title.ends_with('）') => title[..at].trim_end(),
        _ => title,
    }
}

pub fn split_units(cell: &str) -> Vec<String> {
    cell.split(UNIT_SEPARATORS)
        .map(|unit| UNIT_NOTES.iter().fold(unit.trim().to_string(), |u, note| u.replace(note, "")))
        .filter(|unit| !unit.is_empty())
        .collect()
}

/// Reads the first sheet that has a 分工方案 header.
pub fn import_ledger(bytes: &[u8]) -> Result<ImportedLedger, SheetError> {
    let grids = read_grids(bytes)?;
    for grid in &grids {
        if let Some(header) = find_header(grid, LEDGER_HEADERS, Field::Task) {
            return Ok(read_ledger(grid, &header));
        }
    }
    Err(SheetError::NoHeader { expected: expected_headers(LEDGER_HEADERS) })
}

fn read_ledger(grid: &Grid, header: &HeaderMap) -> ImportedLedger {
    let text_of = |row: usize, field: Field| header.column(field).map(|c| grid.text(row, c)).unwrap_or_default();
    let title = (0..header.first_row)
        .flat_map(|row| (0..grid.width()).map(move |col| (row, col)))
        .map(|(row, col)| grid.text(row, col))
        .find(|text| !text.is_empty())
        .map(|title| without_as_of(&title).to_string());
    // With both a 牵头 and a 责任/配合 column, each says who it is; with only a
    // 责任单位 column, the first unit named leads.
    let lead_from_list = header.column(Field::Co).is_none();
    let mut ledger = ImportedLedger {
        sheet: grid.sheet.clone(),
        title,
        columns: header.columns.iter().map(|(f, _, h)| (*f, h.clone())).collect(),
        tasks: Vec::new(),
        skipped: Vec::new(),
    };
    let mut section: Option<String> = None;
    for row in header.last_row + 1..grid.row_count() {
        if grid.is_blank_row(row) {
            continue;
        }
        let excel_row = row as u32 + 1;
        let cells: Vec<String> = (0..grid.width()).map(|c| grid.text(row, c)).filter(|t| !t.is_empty()).collect();
        let uniform = cells.iter().all(|t| *t == cells[0]);
        if uniform && looks_like_heading(&cells[0]) {
            section = Some(cells[0].clone());
            continue;
        }
        // A band merged across the table that is no heading: a note (注：…).
        if uniform && cells.len() >= 3 {
            ledger.skipped.push(SkippedRow { row: excel_row, reason: format!("通栏说明行：{}", cells[0]) });
            continue;
        }
        // The column-number row some sheets put under the header (1 2 3 …).
        if cells.len() >= 3 && cells.iter().all(|c| c.parse::<u32>().is_ok()) {
            ledger.skipped.push(SkippedRow { row: excel_row, reason: "列序号行".into() });
            continue;
        }
        let text = text_of(row, Field::Task);
        if text.is_empty() {
            ledger.skipped.push(SkippedRow { row: excel_row, reason: "没有工作任务内容".into() });
            continue;
        }
        let number = Some(text_of(row, Field::Number)).filter(|n| !n.is_empty());
        let targets = Some(text_of(row, Field::Targets)).filter(|t| !t.is_empty());
        let deadline_cell = header.column(Field::Deadline).map(|c| grid.cell(row, c).clone());
        let deadline = deadline_cell.as_ref().and_then(cell_date);
        let deadline_text = Some(text_of(row, Field::Deadline)).filter(|t| !t.is_empty() && deadline.is_none());
        // A task merged down over several rows (one per target) is one task.
        if let Some(previous) = ledger.tasks.last_mut()
            && previous.text == text
            && previous.number == number
            && previous.section == section
        {
            if let Some(more) = targets
                && !previous.targets.as_deref().is_some_and(|t| t.contains(&more))
            {
                previous.targets = Some(match previous.targets.take() {
                    Some(t) => format!("{t}\n{more}"),
                    None => more,
                });
            }
            continue;
        }
        let mut lead_units = split_units(&text_of(row, Field::Lead));
        let mut co_units = split_units(&text_of(row, Field::Co));
        if lead_from_list && lead_units.len() > 1 {
            co_units = lead_units.split_off(1);
        }
        ledger.tasks.push(ImportedTask {
            row: excel_row,
            section: section.clone(),
            number,
            text,
            targets,
            deadline_text,
            deadline,
            lead_units,
            co_units,
        });
    }
    ledger
}

/// Title of a task: its lead phrase, up to the first full stop or colon.
fn lead_phrase(text: &str) -> String {
    let end = text.find(['。', '：', ':', '；']).unwrap_or(text.len());
    let phrase = &text[..end];
    if phrase.chars().count() > 40 { phrase.chars().take(40).collect() } else { phrase.to_string() }
}

impl ImportedLedger {
    /// The sheet as a document for the ledger. The document text is the
    /// sheet written out line by line, so each task's span points at its
    /// own row's words; targets are left to the extractor (they are words in
    /// the 量化目标 column, appended to the task text).
    pub fn to_document_draft(&self, source: &str) -> DocumentDraft {
        let mut text = String::new();
        let mut chars = 0usize;
        let mut push = |text: &mut String, line: &str| -> (usize, usize) {
            let start = chars;
            text.push_str(line);
            text.push('\n');
            chars += line.chars().count() + 1;
            (start, start + line.chars().count())
        };
        let mut sections: Vec<SectionDraft> = Vec::new();
        let mut tasks = Vec::new();
        if let Some(title) = &self.title {
            push(&mut text, title);
        }
        for (i, task) in self.tasks.iter().enumerate() {
            if let Some(heading) = &task.section
                && sections.last().is_none_or(|s| &s.heading != heading)
            {
                let span = push(&mut text, heading);
                sections.push(SectionDraft { level: 0, heading: heading.clone(), span });
            }
            let mut body = task.text.clone();
            if let Some(targets) = &task.targets
                && !body.contains(targets.as_str())
            {
                body.push_str(&format!("（量化目标：{}）", targets.replace('\n', "；")));
            }
            let line = match &task.number {
                Some(n) => format!("{n}.{body}"),
                None => body.clone(),
            };
            let (start, end) = push(&mut text, &line);
            let prefix = line.chars().count() - body.chars().count();
            tasks.push(TaskDraft {
                key: format!("t{}", i + 1),
                section_path: task.section.iter().cloned().collect(),
                title: lead_phrase(&task.text),
                text: body,
                span: (start + prefix, end),
                units: task.lead_units.iter().chain(&task.co_units).cloned().collect(),
                deadline: task.deadline,
                targets: Vec::new(),
            });
        }
        DocumentDraft {
            source: source.to_string(),
            title: self.title.clone(),
            text,
            sections,
            tasks,
            ..Default::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_split_and_lose_role_notes() {
        assert_eq!(split_units("市发展改革委（牵头）、市财政局，市商务局"), ["市发展改革委", "市财政局", "市商务局"]);
        assert!(split_units("  ").is_empty());
    }

    #[test]
    fn headings() {
        for heading in ["一、稳住经济增长基本盘", "（二）扩大内需", "第三部分 民生", "十二、其他"] {
            assert!(looks_like_heading(heading), "{heading}");
        }
        for text in ["扩大有效投资", "1.推进项目", "一季度完成"] {
            assert!(!looks_like_heading(text), "{text}");
        }
    }
}
