//! Tables on a PDF page, read from where their text stands, not from the
//! order it was drawn in (which interleaves the columns).
//!
//! A line's glyphs fall into segments wherever a gap of a cell's padding
//! opens between them. Columns are the x ranges the segments fill,
//! separated by gutters that no segment crosses; a table runs from a line of
//! three or more segments for as long as every later line keeps to those
//! columns. Rows start where the baseline distance widens past the line
//! pitch inside a cell (the cell padding and border lie between rows).

use super::layout::{Line, append_line};

/// A run of a line's glyphs with no cell gap inside it.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    pub left: f64,
    pub right: f64,
    pub text: String,
}

/// A gap this wide (in font sizes) between two glyphs separates two cells:
/// wider than a Latin space (a quarter to a third), narrower than the
/// padding on both sides of a cell border (about half at 10.5 pt).
pub const CELL_GAP: f64 = 0.45;
/// A first column whose cells are at most this long numbers the rows (序号).
const SERIAL_CHARS: usize = 3;
/// A table starts at a line of at least this many segments.
const MIN_COLUMNS: usize = 3;
/// A table holds at least this many lines of several segments (header and a row).
const MIN_MULTI_LINES: usize = 2;
/// Lines further apart than this (in font sizes) are not one table.
const MAX_LINE_GAP: f64 = 3.0;
/// A baseline distance this much wider than the smallest starts a new row.
const ROW_GAP_RATIO: f64 = 1.25;

/// A table found on a page: the range of its lines and its cells.
#[derive(Debug, Clone, PartialEq)]
pub struct PageTable {
    pub first: usize,
    pub end: usize,
    pub rows: Vec<Vec<String>>,
}

/// Every table of a page's lines (top to bottom).
pub fn find(lines: &[Line]) -> Vec<PageTable> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if lines[i].segments.len() >= MIN_COLUMNS
            && let Some((end, columns)) = region(lines, i)
        {
            out.push(PageTable { first: i, end, rows: cells(&lines[i..end], &columns) });
            i = end;
        } else {
            i += 1;
        }
    }
    out
}

/// The end of the table starting at `start`, and its columns, when the
/// lines from there form one.
fn region(lines: &[Line], start: usize) -> Option<(usize, Vec<(f64, f64)>)> {
    let mut columns: Vec<(f64, f64)> = lines[start].segments.iter().map(|s| (s.left, s.right)).collect();
    let mut multi = 1;
    let mut end = start + 1;
    while end < lines.len() {
        let line = &lines[end];
        if line.top - lines[end - 1].top > MAX_LINE_GAP * line.size {
            break;
        }
        let Some(widened) = keep_to(&columns, &line.segments) else { break };
        columns = widened;
        if line.segments.len() >= 2 {
            multi += 1;
        }
        end += 1;
    }
    (multi >= MIN_MULTI_LINES && columns.len() >= MIN_COLUMNS).then_some((end, columns))
}

/// The columns widened by a line's segments, when each segment lies within
/// one column; `None` when one crosses a gutter or stands outside them all.
fn keep_to(columns: &[(f64, f64)], segments: &[Segment]) -> Option<Vec<(f64, f64)>> {
    let mut out = columns.to_vec();
    for segment in segments {
        let mut hit = columns.iter().enumerate().filter(|(_, c)| segment.left < c.1 && c.0 < segment.right);
        let (k, _) = hit.next()?;
        if hit.next().is_some() {
            return None;
        }
        out[k] = (out[k].0.min(segment.left), out[k].1.max(segment.right));
    }
    // Widening must not make two columns touch.
    out.windows(2).all(|w| w[0].1 < w[1].0).then_some(out)
}

/// The cells of a table's lines: rows by baseline gaps, each segment in the
/// column it lies in, a cell's lines joined as a paragraph's are.
fn cells(lines: &[Line], columns: &[(f64, f64)]) -> Vec<Vec<String>> {
    let placed: Vec<Vec<(usize, &Segment)>> =
        lines.iter().map(|line| line.segments.iter().map(|s| (column_of(columns, s), s)).collect()).collect();
    // A 序号 column writes a number on the first line of each row only.
    let serial = placed.iter().flatten().filter(|(c, _)| *c == 0).all(|(_, s)| s.text.chars().count() <= SERIAL_CHARS);
    let pitches: Vec<f64> = lines.windows(2).map(|w| w[1].top - w[0].top).filter(|p| *p > 0.0).collect();
    let smallest = pitches.iter().copied().fold(f64::INFINITY, f64::min);
    let mut rows: Vec<Vec<String>> = Vec::new();
    for (k, line) in placed.iter().enumerate() {
        let new_row = k == 0
            || if serial {
                line.iter().any(|(c, _)| *c == 0) && line.len() >= 2
            } else {
                lines[k].top - lines[k - 1].top > smallest * ROW_GAP_RATIO
            };
        if new_row {
            rows.push(vec![String::new(); columns.len()]);
        }
        let row = rows.last_mut().expect("a row was pushed");
        for &(column, segment) in line {
            append_line(&mut row[column], &segment.text);
        }
    }
    rows
}

/// The column a segment stands in: the one holding its middle, else the nearest.
fn column_of(columns: &[(f64, f64)], segment: &Segment) -> usize {
    let middle = (segment.left + segment.right) / 2.0;
    columns.iter().position(|c| c.0 <= middle && middle <= c.1).unwrap_or_else(|| nearest(columns, middle))
}

fn nearest(columns: &[(f64, f64)], x: f64) -> usize {
    let distance = |c: &(f64, f64)| ((c.0 + c.1) / 2.0 - x).abs();
    (0..columns.len()).min_by(|&a, &b| distance(&columns[a]).total_cmp(&distance(&columns[b]))).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A line of cells: (text, left, right) each, at baseline `top`.
    fn line(cells: &[(&str, f64, f64)], top: f64) -> Line {
        let segments: Vec<Segment> =
            cells.iter().map(|&(t, l, r)| Segment { left: l, right: r, text: t.to_string() }).collect();
        let text = cells.iter().map(|c| c.0).collect::<Vec<_>>().join(" ");
        Line { text, left: segments[0].left, right: segments.last().unwrap().right, top, size: 10.0, segments, starts_paragraph: false }
    }

    #[test]
    fn columns_by_gutters_rows_by_wider_gaps() {
        let lines = vec![
            line(&[("现将任务分解如下。", 50.0, 300.0)], 80.0),
            line(&[("序号", 50.0, 70.0), ("重点任务", 90.0, 130.0), ("牵头单位", 200.0, 240.0), ("完成时限", 260.0, 300.0)], 100.0),
            line(&[("1", 55.0, 60.0), ("新增规上工业企业180", 90.0, 180.0), ("市工业和信息", 200.0, 250.0), ("年底前", 265.0, 295.0)], 117.0),
            line(&[("家以上。", 90.0, 130.0), ("化局", 200.0, 220.0)], 129.0),
            line(&[("2", 55.0, 60.0), ("新建停车场8个。", 90.0, 160.0), ("市住建局", 200.0, 240.0), ("6月底前", 262.0, 298.0)], 146.0),
            line(&[("各牵头单位每月5日前报送上月工作进展，抓好落实。", 50.0, 300.0)], 170.0),
        ];
        let tables = find(&lines);
        assert_eq!(tables.len(), 1);
        assert_eq!((tables[0].first, tables[0].end), (1, 5));
        assert_eq!(
            tables[0].rows,
            [
                ["序号", "重点任务", "牵头单位", "完成时限"],
                ["1", "新增规上工业企业180家以上。", "市工业和信息化局", "年底前"],
                ["2", "新建停车场8个。", "市住建局", "6月底前"],
            ]
        );
    }

    #[test]
    fn prose_with_a_wide_space_is_no_table() {
        let lines = vec![
            line(&[("第一条", 50.0, 80.0), ("为规范", 100.0, 130.0), ("管理，制定本办法。", 150.0, 300.0)], 100.0),
            line(&[("第二条 本办法适用于全市各级行政机关及其工作人员。", 50.0, 300.0)], 115.0),
        ];
        assert!(find(&lines).is_empty());
    }
}
