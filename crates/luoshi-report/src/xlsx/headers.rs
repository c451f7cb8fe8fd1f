//! Finding columns by their headers. Offices name the same column many
//! ways (工作任务/重点任务/任务内容, 牵头单位/责任单位/牵头部门 …); the
//! variants are data, tried in order, so the most specific name wins.

use super::grid::Grid;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// 任务编号 (luoshi's id)
    TaskId,
    /// 指标编号 (luoshi's id)
    TargetId,
    /// 序号
    Number,
    /// 工作任务
    Task,
    /// 量化目标
    Targets,
    /// 完成时限
    Deadline,
    /// 牵头单位
    Lead,
    /// 配合单位
    Co,
    /// 截至日期
    AsOf,
    /// 实际完成值
    Actual,
    /// 节点状态 (未启动/推进中/已完成)
    Milestone,
    /// 进展情况
    Narrative,
    /// 存在问题
    Problems,
    /// 下一步措施
    NextSteps,
}

/// Header variants of a 分工方案, most specific first. 责任单位 is the lead
/// when no 牵头单位 column exists, and the co-units when one does.
pub const LEDGER_HEADERS: &[(&str, Field)] = &[
    ("任务编号", Field::TaskId),
    ("序号", Field::Number),
    ("工作任务", Field::Task),
    ("重点任务", Field::Task),
    ("任务内容", Field::Task),
    ("主要任务", Field::Task),
    ("具体任务", Field::Task),
    ("重点工作", Field::Task),
    ("工作内容", Field::Task),
    ("任务举措", Field::Task),
    ("工作措施", Field::Task),
    ("量化目标", Field::Targets),
    ("目标任务", Field::Targets),
    ("工作目标", Field::Targets),
    ("量化指标", Field::Targets),
    ("目标要求", Field::Targets),
    ("预期目标", Field::Targets),
    ("年度目标", Field::Targets),
    ("完成时限", Field::Deadline),
    ("时间节点", Field::Deadline),
    ("完成时间", Field::Deadline),
    ("完成期限", Field::Deadline),
    ("时限要求", Field::Deadline),
    ("时间要求", Field::Deadline),
    ("进度安排", Field::Deadline),
    ("牵头单位", Field::Lead),
    ("牵头部门", Field::Lead),
    ("主责单位", Field::Lead),
    ("配合单位", Field::Co),
    ("协同单位", Field::Co),
    ("配合部门", Field::Co),
    ("协办单位", Field::Co),
    ("参与单位", Field::Co),
    ("责任单位", Field::Lead),
    ("责任部门", Field::Lead),
    ("责任单位", Field::Co),
    ("责任部门", Field::Co),
    ("编号", Field::Number),
    ("时限", Field::Deadline),
    ("任务", Field::Task),
];

/// Header variants of a progress sheet (luoshi's own, possibly retitled).
pub const PROGRESS_HEADERS: &[(&str, Field)] = &[
    ("任务编号", Field::TaskId),
    ("指标编号", Field::TargetId),
    ("截至日期", Field::AsOf),
    ("截止日期", Field::AsOf),
    ("报送日期", Field::AsOf),
    ("统计日期", Field::AsOf),
    ("实际完成值", Field::Actual),
    ("累计完成值", Field::Actual),
    ("完成值", Field::Actual),
    ("实际值", Field::Actual),
    ("节点状态", Field::Milestone),
    ("里程碑状态", Field::Milestone),
    ("推进状态", Field::Milestone),
    ("进展情况", Field::Narrative),
    ("工作进展", Field::Narrative),
    ("推进情况", Field::Narrative),
    ("存在问题", Field::Problems),
    ("困难问题", Field::Problems),
    ("下一步措施", Field::NextSteps),
    ("下步措施", Field::NextSteps),
    ("下一步工作", Field::NextSteps),
    ("下一步计划", Field::NextSteps),
];

/// Where the header sits and which column holds what; `F` is the sheet's
/// field type (these ledger/progress fields, or a project sheet's).
#[derive(Debug, Clone, PartialEq)]
pub struct HeaderMap<F = Field> {
    /// First and last row of the header band (0-based, inclusive).
    pub first_row: usize,
    pub last_row: usize,
    /// (field, column, header text as written).
    pub columns: Vec<(F, usize, String)>,
}

impl<F: Copy + PartialEq> HeaderMap<F> {
    pub fn column(&self, field: F) -> Option<usize> {
        self.columns.iter().find(|(f, ..)| *f == field).map(|(_, c, _)| *c)
    }

    pub fn header(&self, field: F) -> Option<&str> {
        self.columns.iter().find(|(f, ..)| *f == field).map(|(.., h)| h.as_str())
    }
}

/// Header text with whitespace, line breaks and required-field stars removed.
pub(crate) fn normalise(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace() && !matches!(c, '*' | '＊')).collect()
}

/// Assigns fields to columns: variants in table order, each to the first
/// unclaimed column containing it, each field once.
fn assign(headers: &[String], table: &[(&str, Field)]) -> Vec<(Field, usize)> {
    let mut assigned: Vec<(Field, usize)> = Vec::new();
    for (variant, field) in table {
        if assigned.iter().any(|(f, _)| f == field) {
            continue;
        }
        let free = headers
            .iter()
            .enumerate()
            .find(|(col, text)| !text.is_empty() && text.contains(variant) && !assigned.iter().any(|(_, c)| c == col));
        if let Some((col, _)) = free {
            assigned.push((*field, col));
        }
    }
    assigned
}

/// The texts of a header band, stacked per column ("责任单位" above "牵头单位").
pub(crate) fn band_texts(grid: &Grid, first: usize, last: usize) -> Vec<String> {
    (0..grid.width())
        .map(|col| {
            let mut text = String::new();
            for row in first..=last {
                let cell = normalise(&grid.text(row, col));
                if !cell.is_empty() && !text.ends_with(&cell) {
                    text.push_str(&cell);
                }
            }
            text
        })
        .collect()
}

/// How many rows from the top may hold a title and the header.
const HEADER_SEARCH_ROWS: usize = 20;

/// Finds the header band: the row matching most fields (the `key` field
/// among them), extended by the rows below it while they name more fields
/// and hold no numbers (a two-row header: 责任单位 over 牵头单位 | 配合单位).
pub fn find_header(grid: &Grid, table: &[(&str, Field)], key: Field) -> Option<HeaderMap> {
    let mut best: Option<(usize, Vec<(Field, usize)>)> = None;
    for row in 0..grid.row_count().min(HEADER_SEARCH_ROWS) {
        let found = assign(&band_texts(grid, row, row), table);
        let has_key = found.iter().any(|(f, _)| *f == key);
        if has_key && found.len() >= 2 && best.as_ref().is_none_or(|(_, b)| found.len() > b.len()) {
            best = Some((row, found));
        }
    }
    let (first, mut found) = best?;
    let mut last = first;
    while last + 1 < grid.row_count() && is_sub_header(grid, last + 1, table) {
        last += 1;
        found = assign(&band_texts(grid, first, last), table);
    }
    let texts = band_texts(grid, first, last);
    let columns = found.into_iter().map(|(field, col)| (field, col, texts[col].clone())).collect();
    Some(HeaderMap { first_row: first, last_row: last, columns })
}

/// A row under the header is more header when it holds no numbers, says
/// something new (not just a merged cell carried down), and every new text
/// is a header name.
fn is_sub_header(grid: &Grid, row: usize, table: &[(&str, Field)]) -> bool {
    let mut new_texts = (0..grid.width())
        .filter(|&col| grid.text(row, col) != grid.text(row - 1, col))
        .map(|col| (col, normalise(&grid.text(row, col))))
        .filter(|(_, text)| !text.is_empty())
        .peekable();
    if new_texts.peek().is_none() {
        return false;
    }
    let holds_numbers = (0..grid.width())
        .any(|c| matches!(grid.cell(row, c), calamine::Data::Float(_) | calamine::Data::Int(_)) || grid.text(row, c).parse::<f64>().is_ok());
    !holds_numbers && new_texts.all(|(_, text)| table.iter().any(|(variant, _)| text.contains(variant)))
}

/// A few header names to quote in an error.
pub fn expected_headers(table: &[(&str, Field)]) -> String {
    table.iter().take(8).map(|(v, _)| format!("「{v}」")).collect::<Vec<_>>().join("、")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(names: &[&str]) -> Vec<String> {
        names.iter().map(|n| normalise(n)).collect()
    }

    #[test]
    fn responsible_unit_is_lead_without_a_lead_column() {
        let found = assign(&texts(&["序号", "重点任务", "责任单位", "时间节点"]), LEDGER_HEADERS);
        assert!(found.contains(&(Field::Lead, 2)));
        assert!(found.contains(&(Field::Task, 1)));
        assert!(found.contains(&(Field::Deadline, 3)));
    }

    #[test]
    fn responsible_unit_is_co_beside_a_lead_column() {
        let found = assign(&texts(&["序号", "任务内容", "牵头单位", "责任单位", "完成 时限"]), LEDGER_HEADERS);
        assert!(found.contains(&(Field::Lead, 2)));
        assert!(found.contains(&(Field::Co, 3)));
        assert!(found.contains(&(Field::Deadline, 4)));
    }

    #[test]
    fn task_id_is_not_taken_for_the_number() {
        let found = assign(&texts(&["任务编号", "序号", "工作任务"]), LEDGER_HEADERS);
        assert!(found.contains(&(Field::TaskId, 0)));
        assert!(found.contains(&(Field::Number, 1)));
    }
}
