//! A worksheet read back as a plain grid of cells, merged regions filled in
//! (a merged 牵头单位 spanning five rows belongs to all five).

use calamine::{Data, DataType, Reader, Xlsx};
use chrono::NaiveDate;
use std::io::Cursor;

/// Why a sheet could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum SheetError {
    #[error("not a readable .xlsx workbook: {0}")]
    NotAWorkbook(String),
    #[error("sheet 「{sheet}」 could not be read: {reason}")]
    BadSheet { sheet: String, reason: String },
    #[error("no header row found in any sheet: expected columns such as {expected}")]
    NoHeader { expected: String },
}

/// One worksheet's cells, indexed from the sheet's top-left (A1 = 0, 0).
pub struct Grid {
    pub sheet: String,
    rows: Vec<Vec<Data>>,
}

impl Grid {
    pub fn row_count(&self) -> usize {
        self.rows.len()
    }

    pub fn width(&self) -> usize {
        self.rows.iter().map(Vec::len).max().unwrap_or(0)
    }

    pub fn cell(&self, row: usize, col: usize) -> &Data {
        static EMPTY: Data = Data::Empty;
        self.rows.get(row).and_then(|r| r.get(col)).unwrap_or(&EMPTY)
    }

    /// The cell as trimmed text; whole floats print without ".0".
    pub fn text(&self, row: usize, col: usize) -> String {
        cell_text(self.cell(row, col))
    }

    pub fn is_blank_row(&self, row: usize) -> bool {
        (0..self.width()).all(|col| self.text(row, col).is_empty())
    }
}

pub fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::DateTime(_) | Data::DateTimeIso(_) => {
            cell.as_date().map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_else(|| cell.to_string())
        }
        other => other.to_string().trim().to_string(),
    }
}

/// A date from a date cell, or from text written as 2025-06-30, 2025/6/30,
/// 2025.6.30 or 2025年6月30日.
pub fn cell_date(cell: &Data) -> Option<NaiveDate> {
    match cell {
        Data::DateTime(_) | Data::DateTimeIso(_) => cell.as_date(),
        Data::String(text) => parse_date_text(text),
        _ => None,
    }
}

pub fn parse_date_text(text: &str) -> Option<NaiveDate> {
    let text = text.trim().trim_end_matches('日');
    let parts: Vec<&str> = text.split(['-', '/', '.', '年', '月']).collect();
    match parts.as_slice() {
        [y, m, d] => NaiveDate::from_ymd_opt(y.trim().parse().ok()?, m.trim().parse().ok()?, d.trim().parse().ok()?),
        _ => None,
    }
}

/// Every worksheet of an .xlsx, merged regions filled with their top-left value.
pub fn read_grids(bytes: &[u8]) -> Result<Vec<Grid>, SheetError> {
    let mut workbook: Xlsx<_> =
        Xlsx::new(Cursor::new(bytes)).map_err(|e| SheetError::NotAWorkbook(e.to_string()))?;
    let names = workbook.sheet_names();
    let mut grids = Vec::with_capacity(names.len());
    for name in names {
        let bad = |reason: String| SheetError::BadSheet { sheet: name.clone(), reason };
        let range = workbook.worksheet_range(&name).map_err(|e| bad(e.to_string()))?;
        let merges = workbook.merge_cells_by_sheet_name(&name).map_err(|e| bad(e.to_string()))?;
        let Some((top, left)) = range.start() else {
            grids.push(Grid { sheet: name, rows: Vec::new() });
            continue;
        };
        let (bottom, right) = range.end().unwrap_or((top, left));
        let mut rows = vec![vec![Data::Empty; right as usize + 1]; bottom as usize + 1];
        for (r, row) in range.rows().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                rows[top as usize + r][left as usize + c] = cell.clone();
            }
        }
        for merge in merges {
            let (r0, c0) = (merge.start.0 as usize, merge.start.1 as usize);
            let value = rows.get(r0).and_then(|r| r.get(c0)).cloned().unwrap_or(Data::Empty);
            for r in r0..=merge.end.0 as usize {
                for c in c0..=merge.end.1 as usize {
                    if let Some(cell) = rows.get_mut(r).and_then(|row| row.get_mut(c)) {
                        *cell = value.clone();
                    }
                }
            }
        }
        grids.push(Grid { sheet: name, rows });
    }
    Ok(grids)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_from_text() {
        let want = NaiveDate::from_ymd_opt(2025, 6, 30);
        for text in ["2025-06-30", "2025/6/30", "2025.6.30", "2025年6月30日", " 2025年06月30日 "] {
            assert_eq!(parse_date_text(text), want, "{text}");
        }
        assert_eq!(parse_date_text("6月底前"), None);
        assert_eq!(parse_date_text("2025-02-30"), None);
    }
}
