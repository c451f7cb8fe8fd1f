//! 指标表: indicator tables kept as tables by the reader. One target per row,
//! read from the target column (`2025年目标`, `规划目标`), never from a
//! baseline (`2020年基数`) or a 完成情况 column.

use luoshi_text::{Cell, PlainText, Span, Table};

use crate::model::{Comparator, Deadline, Target};
use crate::numbers;
use crate::rules::comparators::{PREFIXES, SUFFIXES};
use crate::rules::units::{BASE_UNITS, MAGNITUDES};

/// Header words of a target column.
static TARGET_HEADERS: &[&str] = &["目标", "规划", "预期", "计划", "目标值"];
/// Header words of columns that are never targets.
static NOT_TARGET_HEADERS: &[&str] =
    &["基数", "基期", "现状", "完成", "实际", "基准", "属性", "类型", "单位", "序号", "现值"];
/// Header words of a planned-rate column (`年均增长`): a target beside the
/// level, measured as the metric's yearly growth.
static RATE_HEADERS: &[&str] = &["年均增长", "年均增速", "年均增幅"];
/// Brackets around a five-year cumulative figure (`〔13.5〕`).
static CUMULATIVE_OPEN: &[char] = &['〔', '[', '【'];
/// Header words of the metric column.
static METRIC_HEADERS: &[&str] = &["指标", "名称", "项目", "内容"];
/// Header words of a unit column.
static UNIT_HEADERS: &[&str] = &["单位"];
/// A table whose header says this reports on the past.
static HISTORY_HEADERS: &[&str] = &["完成情况", "实际完成", "执行情况"];

/// Comparator symbols written in cells.
static SYMBOLS: &[(&str, Comparator)] = &[
    ("≥", Comparator::AtLeast),
    (">=", Comparator::AtLeast),
    (">", Comparator::MoreThan),
    ("≤", Comparator::AtMost),
    ("<=", Comparator::AtMost),
    ("<", Comparator::LessThan),
    ("约", Comparator::About),
];

/// Targets of every indicator table, and the spans of the tables they came
/// from (prose scanning must skip those).
pub fn extract(input: &PlainText, plan_year: Option<i32>, period_end: Deadline) -> (Vec<Target>, Vec<Span>) {
    let mut targets = Vec::new();
    let mut spans = Vec::new();
    for table in &input.tables {
        if is_history(table) {
            spans.push(table.span);
        } else if let Some(found) = indicator_targets(table, plan_year, period_end) {
            targets.extend(found);
            spans.push(table.span);
        }
    }
    (targets, spans)
}

/// Tables a plain .txt gives as runs of tab-separated lines (two or more
/// rows of two or more cells), with cell spans into `text`.
pub fn from_tab_lines(text: &str) -> Vec<Table> {
    let mut tables = Vec::new();
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut first = 0;
    let mut last_end = 0;
    let mut offset = 0;
    let mut flush = |rows: &mut Vec<Vec<Cell>>, first: usize, last_end: usize| {
        if rows.len() >= 2 {
            tables.push(Table { rows: std::mem::take(rows), span: Span::new(first, last_end) });
        }
        rows.clear();
    };
    for line in text.split('\n') {
        let len = line.chars().count();
        if line.contains('\t') {
            if rows.is_empty() {
                first = offset;
            }
            let mut cells = Vec::new();
            let mut at = offset;
            for cell in line.split('\t') {
                let n = cell.chars().count();
                let trimmed = cell.trim_end_matches('\r');
                cells.push(Cell { text: trimmed.to_string(), span: Span::new(at, at + trimmed.chars().count()) });
                at += n + 1;
            }
            rows.push(cells);
            last_end = offset + len;
        } else {
            flush(&mut rows, first, last_end);
        }
        offset += len + 1;
    }
    flush(&mut rows, first, last_end);
    tables
}

fn is_history(table: &Table) -> bool {
    table.rows.iter().take(3).flatten().any(|cell| HISTORY_HEADERS.iter().any(|w| cell.text.contains(w)))
}

/// A cell's number, comparator, unit and where the expression stands in it.
#[derive(Debug, Clone, PartialEq)]
struct CellValue {
    value: f64,
    cmp: Comparator,
    unit: String,
    /// Char range of the expression inside the cell's text.
    start: usize,
    end: usize,
}

fn cell_value(text: &str) -> Option<CellValue> {
    let chars: Vec<char> = text.chars().map(|c| crate::clean::fold(c).unwrap_or(' ')).collect();
    let mut i = 0;
    while i < chars.len() && chars[i].is_whitespace() {
        i += 1;
    }
    let raw: Vec<char> = text.chars().collect();
    if raw.get(i).is_some_and(|c| CUMULATIVE_OPEN.contains(c)) {
        i += 1;
    }
    let start = i;
    let mut cmp = Comparator::Exactly;
    let rest: String = chars[i..].iter().collect();
    let words = SYMBOLS.iter().copied().chain(PREFIXES.iter().map(|r| (r.word, r.cmp)));
    if let Some((w, c)) = words.filter(|(w, _)| rest.starts_with(w)).max_by_key(|(w, _)| w.len()) {
        cmp = c;
        i += w.chars().count();
    }
    let n = numbers::parse_at(&chars, i)?;
    if n.chinese || n.magnitude_only {
        return None;
    }
    let mut j = n.end;
    let mut unit = String::new();
    let tail: String = chars[j..].iter().collect();
    let mut best = 0;
    for m in MAGNITUDES.iter().copied().chain(std::iter::once("")) {
        if let Some(after) = tail.strip_prefix(m) {
            for row in BASE_UNITS {
                if after.starts_with(row.unit) && m.len() + row.unit.len() > best {
                    best = m.len() + row.unit.len();
                    unit = format!("{m}{}", row.unit);
                }
            }
        }
    }
    j += unit.chars().count();
    let tail: String = chars[j..].iter().collect();
    if let Some(row) = SUFFIXES.iter().find(|r| tail.starts_with(r.word)) {
        cmp = row.cmp;
        j += row.word.chars().count();
    }
    // The rest of the cell must not be more prose (a sentence is not a
    // value) nor make it a date (`2025年`).
    let rest: String = chars[j..].iter().collect();
    if rest.trim().chars().count() > 2 || rest.contains(['年', '月']) {
        return None;
    }
    Some(CellValue { value: n.value, cmp, unit, start, end: j })
}

/// `地区生产总值（亿元）` → (`地区生产总值`, `亿元`).
fn split_unit(name: &str) -> (String, Option<String>) {
    let folded: String = name.chars().map(|c| crate::clean::fold(c).unwrap_or(' ')).collect();
    if let Some(open) = folded.rfind('(')
        && folded.ends_with(')')
    {
        let inner = folded[open + 1..folded.len() - 1].trim().to_string();
        let metric = name.chars().take(folded[..open].chars().count()).collect::<String>().trim().to_string();
        if !inner.is_empty() && inner.chars().count() <= 6 {
            return (metric, Some(inner));
        }
    }
    (name.trim().to_string(), None)
}

fn header_year(header: &str) -> Option<i32> {
    let chars: Vec<char> = header.chars().collect();
    for i in 0..chars.len() {
        if let Some(n) = numbers::parse_at(&chars, i)
            && n.end == i + 4
            && chars.get(n.end) == Some(&'年')
            && (1949.0..=2100.0).contains(&n.value)
            && (i == 0 || !chars[i - 1].is_ascii_digit())
        {
            return Some(n.value as i32);
        }
    }
    None
}

fn indicator_targets(table: &Table, plan_year: Option<i32>, period_end: Deadline) -> Option<Vec<Target>> {
    let body_start =
        table.rows.iter().position(|row| row.iter().skip(1).any(|cell| cell_value(&cell.text).is_some()))?;
    if body_start == 0 {
        return None;
    }
    let width = table.rows.iter().map(|r| r.len()).max()?;
    let headers: Vec<String> = (0..width)
        .map(|col| {
            table.rows[..body_start]
                .iter()
                .filter_map(|r| r.get(col))
                .map(|c| c.text.trim())
                .collect::<Vec<_>>()
                .join("")
        })
        .collect();
    let has = |h: &str, words: &[&str]| words.iter().any(|w| h.contains(w));
    let metric_col = headers.iter().position(|h| has(h, METRIC_HEADERS) && !has(h, TARGET_HEADERS)).unwrap_or(0);
    let unit_col = headers.iter().position(|h| UNIT_HEADERS.iter().any(|w| h == w || h == "计量单位"));
    let mut target_cols: Vec<usize> = (0..width)
        .filter(|&c| {
            c != metric_col
                && Some(c) != unit_col
                && has(&headers[c], TARGET_HEADERS)
                && !has(&headers[c], NOT_TARGET_HEADERS)
        })
        .collect();
    let rate_cols: Vec<usize> = (0..width)
        .filter(|&c| c != metric_col && has(&headers[c], RATE_HEADERS) && !has(&headers[c], NOT_TARGET_HEADERS))
        .collect();
    if target_cols.is_empty() {
        // `2020年 | 2025年`: the latest year is the target.
        let years: Vec<(usize, i32)> = (0..width).filter_map(|c| header_year(&headers[c]).map(|y| (c, y))).collect();
        if years.len() >= 2 {
            let latest = years.iter().map(|y| y.1).max()?;
            if plan_year.is_none_or(|p| latest > p) || years.iter().any(|y| y.1 < latest) {
                target_cols = years
                    .iter()
                    .filter(|y| y.1 == latest && !has(&headers[y.0], NOT_TARGET_HEADERS))
                    .map(|y| y.0)
                    .collect();
            }
        }
    }
    if target_cols.is_empty() {
        return None;
    }
    let level_year = target_cols.iter().filter_map(|&c| header_year(&headers[c])).max();
    // One target per row: a rate column (`年均增长`, `〔14〕`) stands in only
    // for a row whose level column holds no figure (`—`).
    let rate_only: Vec<usize> = rate_cols.iter().filter(|c| !target_cols.contains(c)).copied().collect();
    let several_columns = target_cols.len() + rate_only.len() > 1;
    let mut out = Vec::new();
    for row in &table.rows[body_start..] {
        let Some(name_cell) = row.get(metric_col) else { continue };
        let (metric, bracket_unit) = split_unit(&name_cell.text);
        if metric.is_empty() {
            continue;
        }
        let column_unit =
            unit_col.and_then(|c| row.get(c)).map(|c| c.text.trim().to_string()).filter(|u| !u.is_empty());
        let has_level = target_cols.iter().any(|&c| row.get(c).is_some_and(|cell| cell_value(&cell.text).is_some()));
        let columns = if has_level { &target_cols } else { &rate_only };
        for &col in columns {
            let Some(cell) = row.get(col) else { continue };
            let Some(v) = cell_value(&cell.text) else { continue };
            let header_unit = split_unit(&headers[col]).1;
            let unit = if !v.unit.is_empty() {
                v.unit.clone()
            } else {
                bracket_unit.clone().or(column_unit.clone()).or(header_unit).unwrap_or_default()
            };
            // A rate column runs to the level column's year (`2025年目标`).
            let year = header_year(&headers[col]).or_else(|| level_year.filter(|_| rate_cols.contains(&col)));
            let deadline = year.map_or(period_end, |y| Deadline::new(Some(y), 12, 31));
            let metric = if several_columns {
                format!("{metric}{}", column_qualifier(&headers[col]))
            } else {
                metric.clone()
            };
            out.push(target_in_cell(cell, &v, metric, unit, deadline));
        }
    }
    let _ = plan_year;
    Some(out)
}

/// What a column adds to the row's metric: its header without the year
/// (`2025年目标` → ``, `年均增长` → `年均增长`).
fn column_qualifier(header: &str) -> String {
    let without_year = match header_year(header) {
        Some(y) => header.replacen(&format!("{y}年"), "", 1),
        None => header.to_string(),
    };
    without_year.replace("目标", "").replace("规划", "").replace("预期", "")
}

fn target_in_cell(cell: &Cell, v: &CellValue, metric: String, unit: String, deadline: Deadline) -> Target {
    let text: String = cell.text.chars().skip(v.start).take(v.end - v.start).collect();
    Target {
        metric,
        value: v.value,
        unit,
        cmp: v.cmp,
        deadline: Some(deadline),
        yearly: false,
        span: Span::new(cell.span.start + v.start, cell.span.start + v.end),
        text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Builds a PlainText the way the .docx reader does: rows as tab lines.
    pub fn table_text(rows: &[&[&str]]) -> PlainText {
        let mut text = String::from("表1 主要指标\n");
        let mut chars = text.chars().count();
        let start = chars;
        let mut out_rows = Vec::new();
        for row in rows {
            let mut cells = Vec::new();
            for (i, cell) in row.iter().enumerate() {
                if i > 0 {
                    text.push('\t');
                    chars += 1;
                }
                let s = chars;
                text.push_str(cell);
                chars += cell.chars().count();
                cells.push(Cell { text: cell.to_string(), span: Span::new(s, chars) });
            }
            text.push('\n');
            chars += 1;
            out_rows.push(cells);
        }
        PlainText { text, tables: vec![Table { rows: out_rows, span: Span::new(start, chars - 1) }] }
    }

    #[test]
    fn one_target_per_row_from_the_target_column() {
        let input = table_text(&[
            &["指标名称", "2020年基数", "2025年目标", "属性"],
            &["地区生产总值（亿元）", "302", "450以上", "预期性"],
            &["研发经费投入增长（%）", "8", "10", "预期性"],
        ]);
        let (targets, spans) = extract(&input, Some(2021), Deadline::new(Some(2025), 12, 31));
        assert_eq!(spans.len(), 1);
        assert_eq!(targets.len(), 2);
        assert_eq!(targets[0].metric, "地区生产总值");
        assert_eq!((targets[0].value, targets[0].unit.as_str(), targets[0].cmp), (450.0, "亿元", Comparator::AtLeast));
        assert_eq!(targets[0].deadline.unwrap().to_string(), "2025-12-31");
        let chars: Vec<char> = input.text.chars().collect();
        let s = targets[0].span;
        assert_eq!(chars[s.start..s.end].iter().collect::<String>(), "450以上");
        assert_eq!(targets[1].unit, "%");
    }

    #[test]
    fn tab_lines_of_a_txt_are_tables() {
        let text = "主要指标\n指标\t2020年基数\t2025年目标\n地区生产总值（亿元）\t302\t450\n结语";
        let tables = from_tab_lines(text);
        assert_eq!(tables.len(), 1);
        let input = PlainText { text: text.into(), tables };
        let (targets, _) = extract(&input, Some(2021), Deadline::new(Some(2025), 12, 31));
        assert_eq!(targets.len(), 1);
        let chars: Vec<char> = text.chars().collect();
        assert_eq!(chars[targets[0].span.start..targets[0].span.end].iter().collect::<String>(), "450");
    }

    #[test]
    fn completion_tables_give_nothing() {
        let input = table_text(&[&["指标名称", "规划目标", "完成情况"], &["地区生产总值（亿元）", "170以上", "302"]]);
        let (targets, _) = extract(&input, Some(2021), Deadline::new(Some(2025), 12, 31));
        assert!(targets.is_empty());
    }

    #[test]
    fn year_columns_without_target_words() {
        let input = table_text(&[&["指标", "2020年", "2025年"], &["森林覆盖率（%）", "41.26", "43"]]);
        let (targets, _) = extract(&input, Some(2021), Deadline::new(Some(2025), 12, 31));
        assert_eq!(targets.len(), 1);
        assert_eq!(targets[0].value, 43.0);
    }
}
