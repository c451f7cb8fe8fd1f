//! .xlsx: each worksheet's used cells as a table (its name a paragraph
//! before it), so a 分工方案 kept in Excel reads as the same rows as its
//! Word form. calamine does the reading; before it sees the workbook, every
//! part is inflated here with a bound on its size and repacked uncompressed,
//! so a part that expands without end (a zip bomb) is refused while it is
//! read, not after.

use std::io::{Cursor, Read, Write};

use calamine::{Data, Reader, Xlsx};
use luoshi_text::PlainText;

use crate::Limits;
use crate::builder::TextBuilder;
use crate::error::Reason;

/// A workbook with more cells than this is not a plan (and would not fit
/// in memory as text).
pub const MAX_CELLS: usize = 2_000_000;

pub fn read(bytes: &[u8], limits: &Limits) -> Result<PlainText, Reason> {
    let repacked = bounded_copy(bytes, limits)?;
    let mut workbook: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(repacked))
        .map_err(|e: calamine::XlsxError| Reason::CorruptZip(e.to_string()))?;
    let mut builder = TextBuilder::new();
    let mut cells = 0;
    for name in workbook.sheet_names().to_vec() {
        let range = workbook.worksheet_range(&name).map_err(|e| Reason::CorruptZip(format!("{name}: {e}")))?;
        cells += range.get_size().0 * range.get_size().1;
        if cells > MAX_CELLS {
            return Err(Reason::TooManyCells { limit: MAX_CELLS });
        }
        let rows: Vec<Vec<String>> = range.rows().map(|row| row.iter().map(cell_text).collect()).collect();
        if rows.iter().all(|row| row.iter().all(String::is_empty)) {
            continue;
        }
        builder.push_paragraph(&name);
        builder.push_table(rows);
    }
    Ok(builder.finish())
}

/// The workbook's parts inflated with a bound each (and in all), stored
/// again without compression for calamine to read.
fn bounded_copy(bytes: &[u8], limits: &Limits) -> Result<Vec<u8>, Reason> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| Reason::CorruptZip(e.to_string()))?;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let mut total: u64 = 0;
    for index in 0..archive.len() {
        let mut file = archive.by_index(index).map_err(|e| Reason::CorruptZip(e.to_string()))?;
        let name = file.name().map_err(|e| Reason::CorruptZip(e.to_string()))?.into_owned();
        if file.is_dir() {
            continue;
        }
        let mut part = Vec::new();
        (&mut file)
            .take(limits.max_part_bytes + 1)
            .read_to_end(&mut part)
            .map_err(|e| Reason::CorruptZip(format!("{name}: {e}")))?;
        total += part.len() as u64;
        if part.len() as u64 > limits.max_part_bytes || total > limits.max_part_bytes {
            return Err(Reason::PartTooLarge { part: name, limit: limits.max_part_bytes });
        }
        out.start_file(name.as_str(), stored).map_err(|e| Reason::CorruptZip(e.to_string()))?;
        out.write_all(&part).map_err(|e| Reason::CorruptZip(e.to_string()))?;
    }
    let cursor = out.finish().map_err(|e| Reason::CorruptZip(e.to_string()))?;
    Ok(cursor.into_inner())
}

/// A cell as a clerk reads it: whole numbers without ".0", dates as dates.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        other => other.to_string().trim().to_string(),
    }
}
