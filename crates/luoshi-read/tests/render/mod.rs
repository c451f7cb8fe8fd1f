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
pub mod task_table;

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

/// Where a reading differs from the .txt paragraph by paragraph (modulo
/// whitespace), described for a failure message; `None` when it does not.
pub fn paragraph_difference(txt: &str, read: &str) -> Option<String> {
    let expected: Vec<String> = paragraphs(txt).iter().map(|p| squeeze(p)).filter(|p| !p.is_empty()).collect();
    let got: Vec<String> = paragraphs(read).iter().map(|p| squeeze(p)).collect();
    if got == expected {
        return None;
    }
    let at = got.iter().zip(&expected).position(|(g, e)| g != e).unwrap_or(got.len().min(expected.len()));
    Some(format!(
        "{} paragraphs, expected {}; first difference at {at}:\n  got      {:?}\n  expected {:?}",
        got.len(),
        expected.len(),
        got.get(at).map(|s| s.chars().take(80).collect::<String>()),
        expected.get(at).map(|s| s.chars().take(80).collect::<String>()),
    ))
}

/// A target as the comparison sees it: (value, unit, cmp, deadline).
pub type TargetKey = (String, String, String, String);

/// The extractor's targets of a text, as a multiset.
pub fn targets(plain: &luoshi_text::PlainText, source: &str) -> std::collections::HashMap<TargetKey, usize> {
    let options = luoshi_extract::Options { source: source.into(), year: None };
    let extraction = luoshi_extract::extract(plain, &options);
    let mut keys = std::collections::HashMap::new();
    for target in extraction.tasks.iter().flat_map(|t| &t.targets) {
        let key = (
            format!("{:.4}", target.value),
            target.unit.clone(),
            serde_json::to_string(&target.cmp).unwrap_or_default(),
            serde_json::to_string(&target.deadline).unwrap_or_default(),
        );
        *keys.entry(key).or_default() += 1;
    }
    keys
}

/// (targets both sides have, targets on the larger side), multisets.
pub fn agreement(
    a: &std::collections::HashMap<TargetKey, usize>,
    b: &std::collections::HashMap<TargetKey, usize>,
) -> (usize, usize) {
    let shared: usize = a.iter().map(|(k, n)| (*n).min(b.get(k).copied().unwrap_or(0))).sum();
    let total = a.values().sum::<usize>().max(b.values().sum());
    (shared, total)
}
