//! .docx: paragraphs in order, automatic numbering rebuilt, tables kept as
//! tables; headers, footers, footnotes and comments (separate parts) ignored.

mod body;
mod numbering;
mod xml;

use std::io::Read;

use luoshi_text::PlainText;

use crate::Limits;
use crate::error::Reason;

const MAIN_PART: &str = "word/document.xml";
const NUMBERING_PART: &str = "word/numbering.xml";
const STYLES_PART: &str = "word/styles.xml";

pub fn read(bytes: &[u8], limits: &Limits) -> Result<PlainText, Reason> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| Reason::CorruptZip(e.to_string()))?;
    let main_part = main_part_name(&archive).ok_or(Reason::MissingPart(MAIN_PART))?;
    let document = read_part(&mut archive, &main_part, limits)?.ok_or(Reason::MissingPart(MAIN_PART))?;
    let numbering = match read_part(&mut archive, NUMBERING_PART, limits)? {
        Some(xml) => numbering::Definitions::parse(&xml).map_err(|e| e.in_part(NUMBERING_PART))?,
        None => numbering::Definitions::default(),
    };
    let styles = match read_part(&mut archive, STYLES_PART, limits)? {
        Some(xml) => numbering::StyleNumbering::parse(&xml).map_err(|e| e.in_part(STYLES_PART))?,
        None => numbering::StyleNumbering::default(),
    };
    body::read(&document, numbering, &styles).map_err(|e| e.in_part(&main_part))
}

/// `word/document.xml`, or whatever single `document*.xml` a writer chose.
fn main_part_name<R: std::io::Read + std::io::Seek>(archive: &zip::ZipArchive<R>) -> Option<String> {
    if archive.index_for_name(MAIN_PART).is_some() {
        return Some(MAIN_PART.to_owned());
    }
    archive
        .file_names()
        .flatten()
        .find(|name| name.starts_with("word/document") && name.ends_with(".xml"))
        .map(|name| name.into_owned())
}

/// A part's text, read with a bound on its expanded size (zip bombs).
fn read_part<R: std::io::Read + std::io::Seek>(
    archive: &mut zip::ZipArchive<R>,
    name: &str,
    limits: &Limits,
) -> Result<Option<String>, Reason> {
    let file = match archive.by_name(name) {
        Ok(file) => file,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(Reason::CorruptZip(format!("{name}: {e}"))),
    };
    let mut bytes = Vec::new();
    file.take(limits.max_part_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Reason::CorruptZip(format!("{name}: {e}")))?;
    if bytes.len() as u64 > limits.max_part_bytes {
        return Err(Reason::PartTooLarge { part: name.to_owned(), limit: limits.max_part_bytes });
    }
    xml::decode(bytes).map(Some).map_err(|message| Reason::Xml { part: name.to_owned(), message })
}
