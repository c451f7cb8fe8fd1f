//! A worksheet as a grid of cells with merged regions filled in (a county
//! merged over ten rows belongs to all ten).

use calamine::{Data, DataType};
use chrono::NaiveDate;

/// Why a workbook could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum SheetError {
    /// Not an .xlsx, or a sheet that cannot be read: as for any workbook.
    #[error(transparent)]
    Unreadable(#[from] crate::xlsx::SheetError),
    #[error("no project sheet found: no sheet has a header with 「项目名称」 and columns such as {expected}")]
    NoHeader { expected: String },
}

/// The same grid the 分工方案 and progress imports read (merged cells filled).
pub(crate) use crate::xlsx::grid::Grid;

/// A number from a numeric cell or from text ("1,200", "1200万元", "—" is none).
pub(crate) fn cell_number(cell: &Data) -> Result<Option<f64>, String> {
    match cell {
        Data::Empty => Ok(None),
        Data::Float(f) => Ok(Some(*f)),
        Data::Int(i) => Ok(Some(*i as f64)),
        Data::String(text) => {
            let cleaned: String = text
                .trim()
                .trim_end_matches(['万', '亿', '元'])
                .chars()
                .filter(|c| !matches!(c, ',' | '，' | ' ' | '\u{3000}'))
                .collect();
            if cleaned.is_empty() || matches!(cleaned.as_str(), "—" | "-" | "/" | "无" | "——") {
                return Ok(None);
            }
            cleaned.parse::<f64>().map(Some).map_err(|_| format!("「{}」 is not a number", text.trim()))
        }
        other => Err(format!("「{other}」 is not a number")),
    }
}

/// A date from a date cell or from text: 2025-06-30, 2025/6/30, 2025.6.30,
/// 2025年6月30日, or a month (2025年6月, 2025.6: its first day).
pub(crate) fn cell_date(cell: &Data) -> Result<Option<NaiveDate>, String> {
    match cell {
        Data::Empty => Ok(None),
        Data::DateTime(_) | Data::DateTimeIso(_) => Ok(cell.as_date()),
        Data::String(text) if text.trim().is_empty() || matches!(text.trim(), "—" | "-" | "/" | "无") => Ok(None),
        Data::String(text) => parse_date_text(text).map(Some).ok_or_else(|| format!("「{}」 is not a date", text.trim())),
        Data::Float(f) if (1900.0..2200.0).contains(f) => Err(format!("「{f}」 is a year, not a date")),
        other => Err(format!("「{other}」 is not a date")),
    }
}

fn parse_date_text(text: &str) -> Option<NaiveDate> {
    let text = text.trim().trim_end_matches(['日', '号', '底']);
    let parts: Vec<&str> = text.split(['-', '/', '.', '年', '月']).filter(|p| !p.trim().is_empty()).collect();
    let number = |s: &str| s.trim().parse::<u32>().ok();
    match parts.as_slice() {
        [y, m, d] => NaiveDate::from_ymd_opt(number(y)? as i32, number(m)?, number(d)?),
        [y, m] => NaiveDate::from_ymd_opt(number(y)? as i32, number(m)?, 1),
        _ => None,
    }
}

/// Every worksheet, merged regions filled with their top-left value.
pub(crate) fn read_grids(bytes: &[u8]) -> Result<Vec<Grid>, SheetError> {
    Ok(crate::xlsx::grid::read_grids(bytes)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_dates_from_text() {
        assert_eq!(cell_number(&Data::String("1,200".into())), Ok(Some(1200.0)));
        assert_eq!(cell_number(&Data::String("35万元".into())), Ok(Some(35.0)));
        assert_eq!(cell_number(&Data::String("—".into())), Ok(None));
        assert!(cell_number(&Data::String("约五千".into())).is_err());
        let june = NaiveDate::from_ymd_opt(2025, 6, 30);
        for text in ["2025-06-30", "2025/6/30", "2025.6.30", "2025年6月30日"] {
            assert_eq!(cell_date(&Data::String(text.into())), Ok(june), "{text}");
        }
        assert_eq!(cell_date(&Data::String("2025年6月".into())), Ok(NaiveDate::from_ymd_opt(2025, 6, 1)));
        assert!(cell_date(&Data::String("上半年".into())).is_err());
        assert!(cell_date(&Data::Float(2025.0)).is_err());
    }
}
