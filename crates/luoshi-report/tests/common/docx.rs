//! Reading a .docx back independently of docx-rs: zip + quick-xml.

use quick_xml::Reader;
use quick_xml::events::Event;
use std::io::{Cursor, Read};

pub fn part(bytes: &[u8], name: &str) -> Option<Vec<u8>> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a .docx is a zip");
    let mut file = archive.by_name(name).ok()?;
    let mut out = Vec::new();
    file.read_to_end(&mut out).expect("read part");
    Some(out)
}

pub fn part_names(bytes: &[u8]) -> Vec<String> {
    let archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a .docx is a zip");
    archive.file_names().map(|n| n.expect("entry name").to_string()).collect()
}

/// What word/document.xml holds, as a reader sees it.
#[derive(Debug, Default)]
pub struct DocumentXml {
    /// Text of each paragraph outside tables.
    pub paragraphs: Vec<String>,
    /// Each table as rows of cell texts.
    pub tables: Vec<Vec<Vec<String>>>,
    /// Every w:eastAsia font name used by a run.
    pub east_asia_fonts: Vec<String>,
    /// Tables that declare borders.
    pub bordered_tables: usize,
    /// Inline pictures (a:blip r:embed ids).
    pub pictures: Vec<String>,
}

pub fn document_xml(bytes: &[u8]) -> DocumentXml {
    let xml = String::from_utf8(part(bytes, "word/document.xml").expect("word/document.xml")).expect("utf-8");
    let mut reader = Reader::from_str(&xml);
    let mut doc = DocumentXml::default();
    let mut text = String::new();
    let mut in_text = false;
    let mut table_depth = 0;
    let mut row: Vec<String> = Vec::new();
    let mut cell = String::new();
    loop {
        match reader.read_event().expect("well-formed document.xml") {
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == "w:tbl" => {
                table_depth += 1;
                doc.tables.push(Vec::new());
            }
            Event::End(e) if e.name().as_ref() == "w:tbl" => table_depth -= 1,
            Event::End(e) if e.name().as_ref() == "w:tr" => {
                doc.tables.last_mut().unwrap().push(std::mem::take(&mut row));
            }
            Event::End(e) if e.name().as_ref() == "w:tc" => row.push(std::mem::take(&mut cell)),
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == "w:tblBorders" => doc.bordered_tables += 1,
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == "w:rFonts" => {
                for attr in e.attributes().flatten() {
                    if attr.key.as_ref() == "w:eastAsia" {
                        doc.east_asia_fonts.push(attr.value.to_string());
                    }
                }
            }
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == "a:blip" => {
                for attr in e.attributes().flatten() {
                    if attr.key.as_ref() == "r:embed" {
                        doc.pictures.push(attr.value.to_string());
                    }
                }
            }
            Event::Start(e) if e.name().as_ref() == "w:t" => in_text = true,
            Event::End(e) if e.name().as_ref() == "w:t" => in_text = false,
            Event::Text(t) if in_text => {
                if table_depth > 0 { cell.push_str(&t) } else { text.push_str(&t) }
            }
            Event::GeneralRef(r) if in_text => {
                let c = match &*r { "amp" => "&", "lt" => "<", "gt" => ">", "quot" => "\"", "apos" => "'", _ => "?" };
                if table_depth > 0 { cell.push_str(c) } else { text.push_str(c) }
            }
            Event::End(e) if e.name().as_ref() == "w:p" && table_depth == 0 => {
                doc.paragraphs.push(std::mem::take(&mut text));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    doc
}
