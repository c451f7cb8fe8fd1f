//! The progress sheet: exported with one row per target (or per task
//! without targets), filled in by a unit, imported back as progress
//! reports. The import is all or nothing: every bad cell of the sheet is
//! listed (row, column, what is wrong) and no record is returned.

use super::grid::{Grid, SheetError, cell_date, cell_text, read_grids};
use super::headers::{Field, HeaderMap, PROGRESS_HEADERS, expected_headers, find_header};
use super::{WriteError, style};
use crate::domain::{MilestoneState, ReportSubject, ReportedValue};
use crate::model::{Id, TaskView};
use crate::supervision::chinese_date;
use calamine::Data;
use chrono::NaiveDate;
use luoshi_ledger::{ProgressReport, ReviewState};
use rust_xlsxwriter::{DataValidation, Workbook};
use std::collections::HashMap;
use std::fmt;

/// Header and width of each column of the exported sheet, in order.
pub const PROGRESS_COLUMNS: [(&str, f64); 14] = [
    ("任务编号", 9.0),
    ("指标编号", 9.0),
    ("序号", 6.0),
    ("工作任务", 30.0),
    ("量化指标", 28.0),
    ("目标值", 10.0),
    ("计量单位", 9.0),
    ("牵头单位", 18.0),
    ("截至日期", 12.0),
    ("实际完成值", 12.0),
    ("节点状态", 10.0),
    ("进展情况", 40.0),
    ("存在问题", 28.0),
    ("下一步措施", 28.0),
];

/// Columns by position in [`PROGRESS_COLUMNS`].
mod col {
    pub const TASK_ID: u16 = 0;
    pub const TARGET_ID: u16 = 1;
    pub const NUMBER: u16 = 2;
    pub const TASK: u16 = 3;
    pub const TARGET: u16 = 4;
    pub const VALUE: u16 = 5;
    pub const UNIT: u16 = 6;
    pub const LEAD: u16 = 7;
    pub const AS_OF: u16 = 8;
    pub const ACTUAL: u16 = 9;
    pub const MILESTONE: u16 = 10;
    pub const NARRATIVE: u16 = 11;
    pub const PROBLEMS: u16 = 12;
    pub const NEXT_STEPS: u16 = 13;
}

/// What to put in a progress sheet.
pub struct ProgressSheet<'a> {
    pub document_title: &'a str,
    /// The 截至日期 pre-filled on every row.
    pub as_of: NaiveDate,
    /// Only the tasks this unit leads; all tasks when `None`.
    pub unit: Option<&'a str>,
    pub tasks: &'a [TaskView],
}

/// The sheet a unit fills in: ids and plan columns grey, input columns
/// yellow, 节点状态 a drop-down.
pub fn progress_workbook(input: &ProgressSheet) -> Result<Vec<u8>, WriteError> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("进展填报")?;
    let last = PROGRESS_COLUMNS.len() as u16 - 1;
    let heading = match input.unit {
        Some(unit) => format!("{}进展填报表（{}，截至{}）", input.document_title, unit, chinese_date(input.as_of)),
        None => format!("{}进展填报表（截至{}）", input.document_title, chinese_date(input.as_of)),
    };
    sheet.merge_range(0, 0, 0, last, &heading, &style::title())?;
    sheet.set_row_height(0, 30)?;
    for (c, (header, width)) in PROGRESS_COLUMNS.iter().enumerate() {
        sheet.write_string_with_format(1, c as u16, *header, &style::header())?;
        sheet.set_column_width(c as u16, *width)?;
    }
    sheet.set_freeze_panes(2, 4)?;
    let (locked, input_fmt, input_date) = (style::locked(), style::input(), style::input_date());
    let mut row = 2u32;
    let tasks = input.tasks.iter().filter(|t| input.unit.is_none_or(|u| t.lead_units.iter().any(|l| l == u)));
    for task in tasks {
        let lines: Vec<Option<&crate::model::TargetView>> =
            if task.targets.is_empty() { vec![None] } else { task.targets.iter().map(Some).collect() };
        for target in lines {
            sheet.write_number_with_format(row, col::TASK_ID, task.id as f64, &locked)?;
            match target {
                Some(t) => {
                    sheet.write_number_with_format(row, col::TARGET_ID, t.id as f64, &locked)?;
                    sheet.write_string_with_format(row, col::TARGET, &t.description, &locked)?;
                    sheet.write_number_with_format(row, col::VALUE, t.value, &locked)?;
                    sheet.write_string_with_format(row, col::UNIT, &t.unit, &locked)?;
                    sheet.write_blank(row, col::MILESTONE, &locked)?;
                    sheet.write_blank(row, col::ACTUAL, &input_fmt)?;
                }
                None => {
                    for c in [col::TARGET_ID, col::TARGET, col::VALUE, col::UNIT, col::ACTUAL] {
                        sheet.write_blank(row, c, &locked)?;
                    }
                    sheet.write_blank(row, col::MILESTONE, &input_fmt)?;
                }
            }
            sheet.write_string_with_format(row, col::NUMBER, &task.number, &locked)?;
            sheet.write_string_with_format(row, col::TASK, &task.title, &locked)?;
            sheet.write_string_with_format(row, col::LEAD, task.lead_units.join("、"), &locked)?;
            sheet.write_date_with_format(row, col::AS_OF, input.as_of, &input_date)?;
            for c in [col::NARRATIVE, col::PROBLEMS, col::NEXT_STEPS] {
                sheet.write_blank(row, c, &input_fmt)?;
            }
            row += 1;
        }
    }
    if row > 2 {
        let labels: Vec<&str> = MilestoneState::ALL.iter().map(|m| m.label()).collect();
        let choices = DataValidation::new()
            .allow_list_strings(&labels)?
            .set_error_message("请选择：未启动、推进中或已完成")?;
        sheet.add_data_validation(2, col::MILESTONE, row - 1, col::MILESTONE, &choices)?;
    }
    Ok(workbook.save_to_buffer()?)
}

/// One target of a known task, for checking an imported row.
#[derive(Debug, Clone, PartialEq)]
pub struct KnownTarget {
    pub id: Id,
    /// 计量单位, accepted after the number ("450亿元").
    pub unit: String,
}

/// The tasks (and their targets) an import may report on.
#[derive(Debug, Clone, Default)]
pub struct KnownTasks {
    tasks: HashMap<Id, Vec<KnownTarget>>,
}

impl KnownTasks {
    pub fn insert(&mut self, task: Id, targets: Vec<KnownTarget>) {
        self.tasks.insert(task, targets);
    }

    pub fn from_tasks(tasks: &[TaskView]) -> Self {
        let mut known = Self::default();
        for task in tasks {
            known.insert(task.id, task.targets.iter().map(|t| KnownTarget { id: t.id, unit: t.unit.clone() }).collect());
        }
        known
    }

    pub fn len(&self) -> usize {
        self.tasks.len()
    }

    pub fn is_empty(&self) -> bool {
        self.tasks.is_empty()
    }
}

/// One filled-in row, ready to become a progress report.
#[derive(Debug, Clone, PartialEq)]
pub struct ProgressRecord {
    /// Excel row number (1-based).
    pub row: u32,
    pub task_id: Id,
    pub subject: ReportSubject,
    pub as_of: NaiveDate,
    pub value: ReportedValue,
    pub narrative: String,
    pub problems: String,
    pub next_steps: String,
}

impl ProgressRecord {
    /// The record as a first filing by `reporter` (id 0 until stored).
    pub fn to_report(&self, reporter: &str) -> ProgressReport {
        ProgressReport {
            id: 0,
            subject: self.subject,
            as_of: self.as_of,
            value: self.value,
            narrative: self.narrative.clone(),
            problems: self.problems.clone(),
            next_steps: self.next_steps.clone(),
            reporter: reporter.to_string(),
            version: 1,
            supersedes: None,
            review: ReviewState::Submitted,
        }
    }
}

/// What is wrong with one cell: `第12行 J列（实际完成值）：…`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellError {
    /// Excel row number (1-based).
    pub row: u32,
    /// Column letter ("J").
    pub column: String,
    /// The column's header ("实际完成值").
    pub header: String,
    pub message: String,
}

impl fmt::Display for CellError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "第{}行 {}列（{}）：{}", self.row, self.column, self.header, self.message)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ProgressImportError {
    #[error(transparent)]
    Sheet(#[from] SheetError),
    #[error("sheet 「{sheet}」 lacks the column {header}; re-export the progress sheet from luoshi")]
    MissingColumn { sheet: String, header: &'static str },
    #[error("{} bad cell(s), nothing imported:\n{}", .0.len(), .0.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("\n"))]
    Rows(Vec<CellError>),
}

/// Column letters: 0 → A, 25 → Z, 26 → AA.
pub fn column_letter(mut col: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push((b'A' + (col % 26) as u8) as char);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    letters.iter().rev().collect()
}

/// The columns an import needs, with the header to name when one is missing.
const REQUIRED: [(Field, &str); 4] = [
    (Field::TaskId, "「任务编号」"),
    (Field::AsOf, "「截至日期」"),
    (Field::Narrative, "「进展情况」"),
    (Field::Actual, "「实际完成值」"),
];

/// Reads a filled-in progress sheet. Rows nobody filled in (no value, state
/// or narrative) are skipped; every other row must be complete and about a
/// known task. Identical repeated rows count once.
pub fn import_progress(bytes: &[u8], known: &KnownTasks) -> Result<Vec<ProgressRecord>, ProgressImportError> {
    let grids = read_grids(bytes)?;
    let Some((grid, header)) =
        grids.iter().find_map(|g| find_header(g, PROGRESS_HEADERS, Field::TaskId).map(|h| (g, h)))
    else {
        return Err(SheetError::NoHeader { expected: expected_headers(PROGRESS_HEADERS) }.into());
    };
    for (field, name) in REQUIRED {
        if header.column(field).is_none() {
            return Err(ProgressImportError::MissingColumn { sheet: grid.sheet.clone(), header: name });
        }
    }
    let mut records: Vec<ProgressRecord> = Vec::new();
    let mut errors = Vec::new();
    for row in header.last_row + 1..grid.row_count() {
        let mut reader = RowReader { grid, header: &header, row, errors: &mut errors };
        if let Some(record) = reader.record(known) {
            match records.iter().find(|r| r.subject == record.subject && r.as_of == record.as_of) {
                Some(earlier) if same_report(earlier, &record) => {}
                Some(earlier) => reader.error(
                    Field::TaskId,
                    format!("与第{}行是同一{}同一截至日期的不同填报", earlier.row, subject_word(record.subject)),
                ),
                None => records.push(record),
            }
        }
    }
    if errors.is_empty() { Ok(records) } else { Err(ProgressImportError::Rows(errors)) }
}

fn subject_word(subject: ReportSubject) -> &'static str {
    match subject {
        ReportSubject::Target(_) => "指标",
        ReportSubject::Task(_) => "任务",
    }
}

fn same_report(a: &ProgressRecord, b: &ProgressRecord) -> bool {
    a.value == b.value && a.narrative == b.narrative && a.problems == b.problems && a.next_steps == b.next_steps
}

/// Reads one row, noting each bad cell.
struct RowReader<'a> {
    grid: &'a Grid,
    header: &'a HeaderMap,
    row: usize,
    errors: &'a mut Vec<CellError>,
}

impl RowReader<'_> {
    fn cell(&self, field: Field) -> &Data {
        static EMPTY: Data = Data::Empty;
        self.header.column(field).map(|c| self.grid.cell(self.row, c)).unwrap_or(&EMPTY)
    }

    fn text(&self, field: Field) -> String {
        cell_text(self.cell(field))
    }

    fn error(&mut self, field: Field, message: String) {
        let column = self.header.column(field).unwrap_or(0);
        self.errors.push(CellError {
            row: self.row as u32 + 1,
            column: column_letter(column),
            header: self.header.header(field).unwrap_or_default().to_string(),
            message,
        });
    }

    fn id(&mut self, field: Field, what: &str) -> Option<Id> {
        let parsed = match self.cell(field) {
            Data::Float(f) if f.fract() == 0.0 => Some(*f as Id),
            Data::Int(i) => Some(*i),
            Data::String(s) => s.trim().parse::<Id>().ok(),
            _ => None,
        };
        if parsed.is_none() {
            let text = self.text(field);
            self.error(field, format!("{what}不是整数：「{text}」"));
        }
        parsed
    }

    /// The row as a record, or `None` when it is empty or bad (bad cells noted).
    fn record(&mut self, known: &KnownTasks) -> Option<ProgressRecord> {
        let filled = [Field::Actual, Field::Milestone, Field::Narrative, Field::Problems, Field::NextSteps]
            .iter()
            .any(|f| !self.text(*f).is_empty());
        if !filled {
            return None;
        }
        let errors_before = self.errors.len();
        if self.text(Field::TaskId).is_empty() {
            self.error(Field::TaskId, "任务编号为空：请勿删除导出的编号".into());
            return None;
        }
        let task_id = self.id(Field::TaskId, "任务编号")?;
        let Some(targets) = known.tasks.get(&task_id) else {
            self.error(Field::TaskId, format!("任务编号 {task_id} 不在台账中"));
            return None;
        };
        let target = if self.text(Field::TargetId).is_empty() {
            if !targets.is_empty() {
                self.error(Field::TargetId, "该任务设有量化指标，请按指标编号逐行填报".into());
            }
            None
        } else {
            let target_id = self.id(Field::TargetId, "指标编号")?;
            match targets.iter().find(|t| t.id == target_id) {
                Some(t) => Some(t),
                None => {
                    self.error(Field::TargetId, format!("指标编号 {target_id} 不属于任务 {task_id}"));
                    return None;
                }
            }
        };
        let as_of = cell_date(self.cell(Field::AsOf));
        if as_of.is_none() {
            let text = self.text(Field::AsOf);
            let message = if text.is_empty() { "截至日期为空".into() } else { format!("不是日期：「{text}」") };
            self.error(Field::AsOf, message);
        }
        let value = match target {
            Some(target) => self.actual(target).map(ReportedValue::Actual),
            None => self.milestone().map(ReportedValue::Milestone),
        };
        let narrative = self.text(Field::Narrative);
        if narrative.is_empty() {
            self.error(Field::Narrative, "进展情况为空".into());
        }
        if self.errors.len() > errors_before {
            return None;
        }
        Some(ProgressRecord {
            row: self.row as u32 + 1,
            task_id,
            subject: match target {
                Some(t) => ReportSubject::Target(t.id),
                None => ReportSubject::Task(task_id),
            },
            as_of: as_of?,
            value: value?,
            narrative,
            problems: self.text(Field::Problems),
            next_steps: self.text(Field::NextSteps),
        })
    }

    /// 实际完成值: a number cell, or a number written as text, optionally
    /// followed by the target's own unit ("450亿元", "6.5%").
    fn actual(&mut self, target: &KnownTarget) -> Option<f64> {
        let value = match self.cell(Field::Actual) {
            Data::Float(f) => Some(*f),
            Data::Int(i) => Some(*i as f64),
            Data::String(s) => {
                let s = s.trim().replace([',', '，'], "");
                let number = s.strip_suffix(target.unit.as_str()).filter(|_| !target.unit.is_empty()).unwrap_or(&s);
                number.trim().parse::<f64>().ok().filter(|v| v.is_finite())
            }
            _ => None,
        };
        if value.is_none() {
            let text = self.text(Field::Actual);
            let message = if text.is_empty() {
                "实际完成值为空".to_string()
            } else {
                format!("不是数字：「{text}」（应填数值，计量单位{}）", if target.unit.is_empty() { "无" } else { &target.unit })
            };
            self.error(Field::Actual, message);
        }
        value
    }

    fn milestone(&mut self) -> Option<MilestoneState> {
        let text = self.text(Field::Milestone);
        let state = MilestoneState::from_label(&text);
        if state.is_none() {
            let labels: Vec<&str> = MilestoneState::ALL.iter().map(|m| m.label()).collect();
            let message = if text.is_empty() {
                format!("节点状态为空：请选择{}", labels.join("、"))
            } else {
                format!("「{text}」不是节点状态：请选择{}", labels.join("、"))
            };
            self.error(Field::Milestone, message);
        }
        state
    }
}

#[cfg(test)]
mod tests {
    use super::column_letter;

    #[test]
    fn letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(9), "J");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
    }
}
