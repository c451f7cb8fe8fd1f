//! Reading .xlsx back with calamine, and filling a sheet in as a unit would
//! (read every cell, change some, save a new workbook).

use calamine::{Data, DataType, Reader, Xlsx};
use rust_xlsxwriter::{Format, Workbook};
use std::io::{Cursor, Read};

/// Every cell of a sheet, top-left at A1.
pub fn read_sheet(bytes: &[u8], name: &str) -> Vec<Vec<Data>> {
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).expect("calamine opens it");
    let range = workbook.worksheet_range(name).expect("sheet exists");
    let (top, left) = range.start().unwrap_or((0, 0));
    let (bottom, right) = range.end().unwrap_or((0, 0));
    let mut rows = vec![vec![Data::Empty; right as usize + 1]; bottom as usize + 1];
    for (r, row) in range.rows().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            rows[top as usize + r][left as usize + c] = cell.clone();
        }
    }
    rows
}

pub fn sheet_names(bytes: &[u8]) -> Vec<String> {
    let workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).expect("calamine opens it");
    workbook.sheet_names()
}

pub fn text(cell: &Data) -> String {
    match cell {
        Data::String(s) => s.clone(),
        Data::Float(f) => format!("{f}"),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

/// A raw part of the package (xl/styles.xml, xl/worksheets/sheet1.xml).
pub fn part(bytes: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("an .xlsx is a zip");
    let mut out = String::new();
    archive.by_name(name).expect("part exists").read_to_string(&mut out).expect("utf-8 part");
    out
}

/// Writes cells back as a new workbook (one sheet named `name`).
pub fn write_sheet(name: &str, rows: &[Vec<Data>]) -> Vec<u8> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(name).unwrap();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            match cell {
                Data::Empty => {}
                Data::String(s) => {
                    sheet.write_string(r, c, s).unwrap();
                }
                Data::Float(f) => {
                    sheet.write_number(r, c, *f).unwrap();
                }
                Data::Int(i) => {
                    sheet.write_number(r, c, *i as f64).unwrap();
                }
                Data::DateTime(_) | Data::DateTimeIso(_) => {
                    sheet.write_date_with_format(r, c, cell.as_date().unwrap(), &date).unwrap();
                }
                other => {
                    sheet.write_string(r, c, other.to_string()).unwrap();
                }
            }
        }
    }
    workbook.save_to_buffer().unwrap()
}
