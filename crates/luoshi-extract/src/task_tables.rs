//! 分工方案 laid out as a table: a header that names a task column and unit
//! or deadline columns (序号 / 工作任务 / 牵头单位 / 配合单位 / 完成时限) makes
//! the table a task list, one task per row. The row's 牵头 column gives the
//! lead, the other unit columns follow in order, the deadline column dates
//! the row's targets. A cell left empty under a merged cell repeats the one
//! above it, as a clerk reads it.

use luoshi_text::Table;

use crate::clean::Clean;
use crate::deadline::{self, When};
use crate::responsibility::split_units;
use crate::rules::tables::{DEADLINE_HEADERS, LEAD_HEADERS, NOT_UNIT_HEADERS, TASK_HEADERS, UNIT_HEADERS};

/// One row of a task table, in clean offsets.
#[derive(Debug, Clone, PartialEq)]
pub struct RowTask {
    /// The whole row (its targets belong to this task).
    pub start: usize,
    pub end: usize,
    /// The title: the task cell's first sentence.
    pub title: (usize, usize),
    pub units: Vec<String>,
    pub deadline: Option<When>,
    /// Ranges whose numbers are not targets (unit and deadline cells).
    pub quiet: Vec<(usize, usize)>,
}

/// The roles of a task table's columns.
#[derive(Debug, Clone, PartialEq, Default)]
struct Columns {
    task: usize,
    /// Unit columns, the lead's first.
    units: Vec<usize>,
    deadline: Option<usize>,
    /// Rows before the body.
    header_rows: usize,
}

/// Every row of every task table. `to_clean` maps a table's input offsets
/// into the clean text.
pub fn rows(c: &Clean, tables: &[Table], to_clean: impl Fn(usize) -> usize) -> Vec<RowTask> {
    let mut out = Vec::new();
    for table in tables {
        let Some(columns) = columns(table) else { continue };
        let mut previous: Option<RowTask> = None;
        for row in &table.rows[columns.header_rows..] {
            let Some(task_cell) = row.get(columns.task) else { continue };
            let (ts, te) = (to_clean(task_cell.span.start), to_clean(task_cell.span.end));
            let cell = |col: usize| row.get(col).map(|cell| (to_clean(cell.span.start), to_clean(cell.span.end)));
            let unit_cells: Vec<(usize, usize)> = columns.units.iter().filter_map(|&col| cell(col)).collect();
            let mut units: Vec<String> = unit_cells.iter().flat_map(|&(s, e)| split_units(c, s, e)).collect();
            dedup(&mut units);
            let deadline_cell = columns.deadline.and_then(cell);
            let mut deadline = deadline_cell.and_then(|(s, e)| deadline::find_all(c, s, e).last().map(|f| f.when));
            let empty_deadline = deadline_cell.is_none_or(|(s, e)| blank(c, s, e));
            if let Some(above) = &previous {
                if units.is_empty() {
                    units = above.units.clone();
                }
                if deadline.is_none() && empty_deadline {
                    deadline = above.deadline;
                }
            }
            if blank(c, ts, te) {
                continue;
            }
            let first = row.first().map_or(ts, |cell| to_clean(cell.span.start));
            let last = row.last().map_or(te, |cell| to_clean(cell.span.end));
            let mut quiet = unit_cells;
            quiet.extend(deadline_cell);
            let task = RowTask { start: first, end: last, title: title(c, ts, te), units, deadline, quiet };
            previous = Some(task.clone());
            out.push(task);
        }
    }
    out
}

fn blank(c: &Clean, s: usize, e: usize) -> bool {
    (s..e).all(|k| c.at(k).is_whitespace() || matches!(c.at(k), '—' | '-' | '/'))
}

fn dedup(units: &mut Vec<String>) {
    let mut seen: Vec<String> = Vec::new();
    units.retain(|u| {
        let new = !seen.contains(u);
        seen.push(u.clone());
        new
    });
}

/// The task cell's title: its first sentence (up to 。 or ；), its number
/// (`1.`, `（1）`) left out.
fn title(c: &Clean, s: usize, e: usize) -> (usize, usize) {
    let mut start = s;
    while start < e && c.at(start).is_whitespace() {
        start += 1;
    }
    let digits = (start..e).take_while(|&k| c.at(k).is_ascii_digit()).count();
    if digits > 0 && matches!(c.at(start + digits), '.' | '、') {
        start += digits + 1;
    }
    let stop = (start..e).find(|&k| matches!(c.at(k), '。' | ';')).unwrap_or(e);
    let mut end = stop;
    while end > start && c.at(end - 1).is_whitespace() {
        end -= 1;
    }
    (start, end)
}

/// Whether `table` is a task list (its header names a task column and unit
/// or deadline columns).
pub fn is_task_table(table: &Table) -> bool {
    columns(table).is_some()
}

/// The column roles when `table` is a task list, else `None`.
fn columns(table: &Table) -> Option<Columns> {
    let header_row = table.rows.iter().take(3).position(|row| row.iter().any(|cell| is_task_header(&cell.text)))?;
    // A header in two rows (`责任单位` over `牵头 | 配合`): the next row is
    // header too when every cell of it is a short label.
    let two_rows = table.rows.get(header_row + 1).is_some_and(|row| {
        row.iter().all(|cell| cell.text.chars().count() <= 6)
            && row.iter().any(|cell| is_unit_header(&cell.text) || LEAD_HEADERS.iter().any(|w| cell.text.contains(w)))
    });
    let header_rows = header_row + 1 + usize::from(two_rows);
    let width = table.rows.iter().map(Vec::len).max()?;
    let headers: Vec<String> = (0..width)
        .map(|col| {
            table.rows[header_row..header_rows]
                .iter()
                .filter_map(|row| row.get(col))
                .map(|cell| cell.text.trim())
                .collect::<Vec<_>>()
                .join("")
        })
        .collect();
    let task = headers.iter().position(|h| is_task_header(h))?;
    let mut units: Vec<usize> = (0..width).filter(|&col| col != task && is_unit_header(&headers[col])).collect();
    // The lead's column first; the rest keep their order.
    units.sort_by_key(|&col| !LEAD_HEADERS.iter().any(|w| headers[col].contains(w)));
    let deadline = (0..width).find(|&col| col != task && DEADLINE_HEADERS.iter().any(|w| headers[col].contains(w)));
    (!units.is_empty() || deadline.is_some()).then_some(Columns { task, units, deadline, header_rows })
}

fn is_task_header(text: &str) -> bool {
    let text = text.trim();
    text.chars().count() <= 10 && TASK_HEADERS.iter().any(|w| text.contains(w)) && !is_unit_header(text)
}

fn is_unit_header(text: &str) -> bool {
    let text = text.trim();
    text.chars().count() <= 10
        && UNIT_HEADERS.iter().any(|w| text.contains(w))
        && !NOT_UNIT_HEADERS.iter().any(|w| text == *w)
}

#[cfg(test)]
mod tests {
    use super::*;
    use luoshi_text::PlainText;

    fn table_text(rows: &[&[&str]]) -> PlainText {
        let text = rows.iter().map(|r| r.join("\t")).collect::<Vec<_>>().join("\n");
        PlainText { tables: crate::tables::from_tab_lines(&text), text }
    }

    fn read(rows: &[&[&str]]) -> (Clean, Vec<RowTask>) {
        let plain = table_text(rows);
        let c = Clean::new(&plain.text);
        let found = rows_of(&c, &plain);
        (c, found)
    }

    fn rows_of(c: &Clean, plain: &PlainText) -> Vec<RowTask> {
        rows(c, &plain.tables, |o| c.orig.partition_point(|&x| (x as usize) < o))
    }

    #[test]
    fn one_task_per_row_lead_first_with_its_deadline() {
        let (c, rows) = read(&[
            &["序号", "重点任务", "配合单位", "牵头单位", "完成时限"],
            &["1", "新建停车场8个。加快建设进度。", "市财政局", "市住建局", "2024年6月底前"],
            &["2", "新增规上工业企业180家以上", "各县（市、区）政府", "市工信局", ""],
        ]);
        assert_eq!(rows.len(), 2);
        assert_eq!(c.raw_string(rows[0].title.0, rows[0].title.1), "新建停车场8个");
        assert_eq!(rows[0].units, ["市住建局", "市财政局"]);
        assert_eq!(rows[0].deadline, Some(When::Absolute { year: 2024, month: 6, day: 0 }));
        assert_eq!(rows[1].units, ["市工信局", "各县（市、区）政府"]);
        // An empty cell under a merged one repeats the one above.
        assert_eq!(rows[1].deadline, rows[0].deadline);
    }

    #[test]
    fn indicator_tables_and_prose_tables_are_not_task_lists() {
        let (_, rows) = read(&[&["指标", "单位", "2025年目标", "属性"], &["地区生产总值增速", "%", "6", "预期性"]]);
        assert!(rows.is_empty());
        let (_, rows) = read(&[&["任务", "说明"], &["甲", "乙"]]);
        assert!(rows.is_empty());
    }

    #[test]
    fn header_in_two_rows() {
        let (_, rows) = read(&[
            &["序号", "工作任务", "责任单位", "", "时间节点"],
            &["", "", "牵头", "配合", ""],
            &["1", "完成老旧小区改造100个", "市住建局", "各区政府、市财政局", "年底前"],
        ]);
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].units, ["市住建局", "各区政府", "市财政局"]);
        assert_eq!(rows[0].deadline, Some(When::PlanYear { month: 12, day: 31 }));
    }
}
