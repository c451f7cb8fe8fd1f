//! Shared by the CLI and web tests: reading back what luoshi wrote, with
//! independent readers.

#![allow(dead_code)]

use calamine::Data;
use std::io::{Cursor, Read};

/// The text runs of a .docx's word/document.xml, tags dropped.
pub fn docx_text(bytes: &[u8]) -> String {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes.to_vec())).expect(".docx is a zip");
    let mut xml = String::new();
    archive.by_name("word/document.xml").unwrap().read_to_string(&mut xml).unwrap();
    let mut out = String::new();
    for piece in xml.split("<w:t").skip(1) {
        let body = &piece[piece.find('>').unwrap() + 1..];
        out.push_str(&body[..body.find("</w:t>").unwrap_or(0)]);
    }
    out
}

/// Whether a .docx carries a PNG image under word/media/ (the chart).
pub fn docx_has_png(bytes: &[u8]) -> bool {
    let archive = zip::ZipArchive::new(Cursor::new(bytes.to_vec())).expect(".docx is a zip");
    archive.file_names().any(|n| n.is_ok_and(|n| n.starts_with("word/media/") && n.ends_with(".png")))
}

/// A spreadsheet cell as the text a person reads in it.
pub fn text(cell: &Data) -> String {
    match cell {
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

/// The index of the column headed `header`; luoshi's sheets carry their
/// header in the second row.
pub fn column(rows: &[Vec<Data>], header: &str) -> usize {
    rows[1].iter().position(|c| text(c) == header).unwrap_or_else(|| panic!("no column {header}"))
}
