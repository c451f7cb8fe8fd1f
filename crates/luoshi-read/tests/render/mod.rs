//! Renderings of plain-text plans as .docx, .pdf and .html, made the way
//! real writers make them, so the readers are tested on the quirks they
//! meet: automatic numbering, runs split mid-word, tables (docx); CID fonts
//! with ToUnicode maps or predefined CMaps, lines broken every ~30
//! characters, spaces between Chinese and digits, running headers and page
//! numbers (pdf); navigation, scripts, share bars and GB2312 (html).
#![allow(dead_code)]

pub mod docx;
pub mod html;
pub mod pdf;

use std::path::PathBuf;

/// A block of a document to render.
#[derive(Debug, Clone)]
pub enum Block {
    Paragraph(String),
    Table(Vec<Vec<String>>),
}

/// The non-empty lines of a text: its paragraphs.
pub fn paragraphs(text: &str) -> Vec<String> {
    text.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect()
}

/// `shared/corpus`, beside the repository.
pub fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus")
}

/// Every corpus document: (file name, text).
pub fn corpus() -> Vec<(String, String)> {
    let dir = corpus_dir();
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e} (the corpus lives in shared/ beside the repository)", dir.display()))
        .map(|entry| entry.expect("corpus entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).expect("corpus text");
            (path.file_name().unwrap().to_string_lossy().into_owned(), text)
        })
        .collect()
}

/// Text with all whitespace removed: renderings may differ from the .txt in
/// whitespace only.
pub fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace() && *c != '\u{3000}').collect()
}

/// Is `c` a character that a writer would put a space beside a digit for?
pub fn is_cjk(c: char) -> bool {
    matches!(c, '\u{2E80}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{FF00}'..='\u{FFEF}' | '\u{20000}'..='\u{3FFFF}')
}
