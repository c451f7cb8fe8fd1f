//! The ledger in the 分工方案 layout, with each task's latest progress and
//! its status light.

use super::{WriteError, style};
use crate::model::TaskView;
use crate::supervision::chinese_date;
use chrono::NaiveDate;
use rust_xlsxwriter::Workbook;

/// Header and width (in characters; a Chinese character is about two).
pub const LEDGER_COLUMNS: [(&str, f64); 10] = [
    ("序号", 6.0),
    ("工作任务", 48.0),
    ("量化目标", 30.0),
    ("完成时限", 14.0),
    ("牵头单位", 18.0),
    ("配合单位", 22.0),
    ("最新进展", 40.0),
    ("状态", 11.0),
    ("指示灯", 8.0),
    ("任务编号", 9.0),
];

const LAST_COL: u16 = LEDGER_COLUMNS.len() as u16 - 1;

/// The ledger as an .xlsx: a title row, the header (frozen), section rows
/// as merged bands, one row per task.
pub fn ledger_workbook(title: &str, as_of: NaiveDate, tasks: &[TaskView]) -> Result<Vec<u8>, WriteError> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("分工方案")?;
    let (body, centred, date, section) = (style::body(), style::centred(), style::date(), style::section());
    sheet.merge_range(0, 0, 0, LAST_COL, &format!("{title}（截至{}）", chinese_date(as_of)), &style::title())?;
    sheet.set_row_height(0, 30)?;
    for (col, (header, width)) in LEDGER_COLUMNS.iter().enumerate() {
        sheet.write_string_with_format(1, col as u16, *header, &style::header())?;
        sheet.set_column_width(col as u16, *width)?;
    }
    sheet.set_freeze_panes(2, 0)?;
    let mut row: u32 = 2;
    let mut current_section: Option<&str> = None;
    for task in tasks {
        if let Some(heading) = task.section.as_deref()
            && current_section != Some(heading)
        {
            sheet.merge_range(row, 0, row, LAST_COL, heading, &section)?;
            current_section = Some(heading);
            row += 1;
        }
        let targets: Vec<&str> = task.targets.iter().map(|t| t.description.as_str()).collect();
        let text = if task.text.is_empty() { &task.title } else { &task.text };
        sheet.write_string_with_format(row, 0, &task.number, &centred)?;
        sheet.write_string_with_format(row, 1, text, &body)?;
        sheet.write_string_with_format(row, 2, targets.join("\n"), &body)?;
        match (&task.deadline_text, task.deadline) {
            (Some(words), _) => sheet.write_string_with_format(row, 3, words, &centred)?,
            (None, Some(deadline)) => sheet.write_date_with_format(row, 3, deadline, &date)?,
            (None, None) => sheet.write_blank(row, 3, &centred)?,
        };
        sheet.write_string_with_format(row, 4, task.lead_units.join("、"), &body)?;
        sheet.write_string_with_format(row, 5, task.co_units.join("、"), &body)?;
        let progress = task
            .latest
            .as_ref()
            .map(|r| format!("（截至{}）{}", chinese_date(r.as_of), r.narrative))
            .unwrap_or_default();
        sheet.write_string_with_format(row, 6, progress, &body)?;
        sheet.write_string_with_format(row, 7, task.status.label(), &centred)?;
        sheet.write_string_with_format(row, 8, format!("{}灯", task.light.label()), &style::light(task.light))?;
        sheet.write_number_with_format(row, 9, task.id as f64, &centred)?;
        row += 1;
    }
    sheet.autofilter(1, 0, row.saturating_sub(1).max(1), LAST_COL)?;
    Ok(workbook.save_to_buffer()?)
}
