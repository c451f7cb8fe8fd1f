//! Readers: file bytes → [`PlainText`]. One entry point for every format luoshi
//! reads (.txt, .docx, .pdf, .html); the format comes from the extension and
//! is confirmed by the file's first bytes.
//!
//! Every error names the file and the reason (`<file>: <reason>`); no input
//! makes a reader panic, and memory stays bounded by [`Limits`].

mod builder;
mod docx;
mod error;
mod format;
mod html;
mod pdf;
mod spaces;
mod txt;
mod xlsx;

use std::io::Read;
use std::path::Path;

pub use error::{ReadError, Reason};
pub use format::Format;
pub use luoshi_text::PlainText;

/// Bounds that keep a hostile or mistaken file from exhausting memory or time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Files above this size are refused before they are read.
    pub max_file_bytes: u64,
    /// A .docx part (document.xml, numbering.xml) may expand to at most this.
    pub max_part_bytes: u64,
    /// PDF text extraction is abandoned after this many seconds.
    pub pdf_timeout_secs: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { max_file_bytes: 100 * 1024 * 1024, max_part_bytes: 256 * 1024 * 1024, pdf_timeout_secs: 60 }
    }
}

/// Read a document from disk with the default [`Limits`].
pub fn read_path(path: &Path) -> Result<PlainText, ReadError> {
    read_path_with(path, &Limits::default())
}

/// Read a document from disk; the size is checked before the file is read.
pub fn read_path_with(path: &Path, limits: &Limits) -> Result<PlainText, ReadError> {
    let name = path.display().to_string();
    let fail = |reason: Reason| ReadError::new(name.clone(), reason);
    let file = std::fs::File::open(path).map_err(|e| fail(e.into()))?;
    let size = file.metadata().map_err(|e| fail(e.into()))?.len();
    if size > limits.max_file_bytes {
        return Err(fail(Reason::TooLarge { size, limit: limits.max_file_bytes }));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    // `take` keeps a file that grows while being read within the limit too.
    file.take(limits.max_file_bytes + 1).read_to_end(&mut bytes).map_err(|e| fail(e.into()))?;
    if bytes.len() as u64 > limits.max_file_bytes {
        return Err(fail(Reason::TooLarge { size: bytes.len() as u64, limit: limits.max_file_bytes }));
    }
    read_bytes_with(&name, &bytes, limits)
}

/// Read a document held in memory; `name` supplies the extension and the
/// file name used in errors.
pub fn read_bytes(name: &str, bytes: &[u8]) -> Result<PlainText, ReadError> {
    read_bytes_with(name, bytes, &Limits::default())
}

/// [`read_bytes`] with explicit [`Limits`].
pub fn read_bytes_with(name: &str, bytes: &[u8], limits: &Limits) -> Result<PlainText, ReadError> {
    // No input has been seen to make a reader panic (tests/mutations.rs);
    // should one, the caller still gets an error naming the file.
    std::panic::catch_unwind(|| read_format(name, bytes, limits))
        .unwrap_or(Err(Reason::ReaderBug))
        .map_err(|reason| ReadError::new(name, reason))
}

fn read_format(name: &str, bytes: &[u8], limits: &Limits) -> Result<PlainText, Reason> {
    if bytes.len() as u64 > limits.max_file_bytes {
        return Err(Reason::TooLarge { size: bytes.len() as u64, limit: limits.max_file_bytes });
    }
    if bytes.is_empty() {
        return Err(Reason::Empty);
    }
    match format::detect(name, bytes)? {
        Format::Txt => txt::decode(bytes).map(PlainText::from_text),
        Format::Docx => docx::read(bytes, limits),
        Format::Html => html::read(bytes),
        Format::Pdf => pdf::read(bytes, limits),
        Format::Xlsx => xlsx::read(bytes, limits),
    }
}
