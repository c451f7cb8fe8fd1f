//! Errors a reader reports: always the file's name and what is wrong with it.

use thiserror::Error;

/// A file could not be read. Displays as `<file>: <reason>`.
#[derive(Debug, Error)]
#[error("{file}: {reason}")]
pub struct ReadError {
    /// The file's name (or path) as the caller gave it.
    pub file: String,
    pub reason: Reason,
}

impl ReadError {
    pub fn new(file: impl Into<String>, reason: Reason) -> Self {
        ReadError { file: file.into(), reason }
    }
}

/// Why a file could not be read.
#[derive(Debug, Error)]
pub enum Reason {
    #[error("cannot open: {0}")]
    Io(#[from] std::io::Error),
    #[error("file is {size} bytes, above the limit of {limit} bytes")]
    TooLarge { size: u64, limit: u64 },
    #[error("empty file")]
    Empty,
    #[error("unsupported file type {0:?} (expected .txt, .docx, .pdf, .html or .xlsx)")]
    UnsupportedExtension(String),
    #[error(
        "an OLE compound file (a legacy Word .doc, or a password-protected .docx), not a .docx: save it as .docx without a password"
    )]
    OleDocument,
    #[error("named {named} but the content is {found}")]
    ContentMismatch { named: &'static str, found: &'static str },
    #[error("binary data, not text")]
    Binary,
    #[error("text is not valid in {0}")]
    Undecodable(&'static str),
    #[error("corrupt .docx (not a readable zip archive): {0}")]
    CorruptZip(String),
    #[error("not a Word document: the archive has no {0}")]
    MissingPart(&'static str),
    #[error("{part} expands to more than {limit} bytes (zip bomb?)")]
    PartTooLarge { part: String, limit: u64 },
    #[error("malformed XML in {part}: {message}")]
    Xml { part: String, message: String },
    #[error("encrypted PDF: remove the password protection first")]
    EncryptedPdf,
    #[error("corrupt PDF: {0}")]
    CorruptPdf(String),
    #[error("no text layer (scanned image?)")]
    NoTextLayer,
    #[error("the text layer cannot be decoded: its CID fonts have no ToUnicode map (treat it as a scan)")]
    UndecodableTextLayer,
    #[error("PDF text extraction took longer than {0} seconds")]
    PdfTimeout(u64),
    #[error("the workbook has more than {limit} cells")]
    TooManyCells { limit: usize },
    #[error("the reader failed on this file (a bug in luoshi: please report it with the file)")]
    ReaderBug,
}
