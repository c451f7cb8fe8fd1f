//! .pdf: the text layer in reading order, then normalised as a person would
//! read it (see [`layout`]). pdf-extract does the decoding (CID fonts,
//! ToUnicode maps); it panics on some inputs, so it runs under
//! `catch_unwind` on its own thread with a timeout, and lopdf's simpler
//! text extraction is the fallback.

mod fallback;
mod glyphs;
mod layout;
mod tables;

use std::panic::AssertUnwindSafe;
use std::sync::{Arc, Once, mpsc};
use std::time::Duration;

use luoshi_text::PlainText;

use crate::Limits;
use crate::builder::TextBuilder;
use crate::error::Reason;
use layout::Page;

/// Threads that run PDF extraction carry this name, so our panic hook can
/// keep their (caught) panics off the user's terminal.
const WORKER_NAME: &str = "luoshi-pdf";

pub fn read(bytes: &[u8], limits: &Limits) -> Result<PlainText, Reason> {
    let extracted = run_isolated(Arc::from(bytes), limits.pdf_timeout_secs)?;
    let pages = extracted.pages;
    if pages.iter().all(|page| page.lines.iter().all(|line| line.text.trim().is_empty())) {
        return Err(Reason::NoTextLayer);
    }
    let mut builder = TextBuilder::new();
    for block in layout::blocks(pages) {
        match block {
            layout::Block::Paragraph(paragraph) => builder.push_paragraph(&paragraph),
            layout::Block::Table(rows) => builder.push_table(rows),
        }
    }
    let plain = builder.finish();
    if extracted.has_unmapped_cid_fonts && !looks_chinese(&plain.text) {
        // CIDs read as if they were characters: Latin-looking garbage.
        return Err(Reason::UndecodableTextLayer);
    }
    Ok(plain)
}

/// At least one character in twenty is a CJK ideograph.
fn looks_chinese(text: &str) -> bool {
    let visible = text.chars().filter(|c| !c.is_whitespace()).count();
    let ideographs = text.chars().filter(|c| matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')).count();
    ideographs * 20 >= visible
}

/// What the worker thread hands back.
struct Extracted {
    pages: Vec<Page>,
    /// A Type0 font with Identity encoding and no ToUnicode map: its codes
    /// are glyph ids, and no reader can turn them into characters.
    has_unmapped_cid_fonts: bool,
}

fn has_unmapped_cid_fonts(document: &lopdf::Document) -> bool {
    document.objects.values().filter_map(|o| o.as_dict().ok()).any(|font| {
        let name = |key: &[u8]| font.get(key).ok().and_then(|o| o.as_name().ok());
        name(b"Subtype") == Some(b"Type0".as_slice())
            && name(b"Encoding").is_some_and(|e| e.starts_with(b"Identity"))
            && !font.has(b"ToUnicode")
    })
}

/// Run extraction on a worker thread; give up after `timeout_secs`. A worker
/// that never returns is left behind (threads cannot be killed) but holds
/// only its own copy of the bytes.
fn run_isolated(bytes: Arc<[u8]>, timeout_secs: u64) -> Result<Extracted, Reason> {
    quiet_worker_panics();
    let (sender, receiver) = mpsc::channel();
    std::thread::Builder::new()
        .name(WORKER_NAME.into())
        .spawn(move || {
            let _ = sender.send(extract_pages(&bytes));
        })
        .map_err(|e| Reason::CorruptPdf(format!("cannot start the PDF reader: {e}")))?;
    match receiver.recv_timeout(Duration::from_secs(timeout_secs)) {
        Ok(result) => result,
        Err(mpsc::RecvTimeoutError::Timeout) => Err(Reason::PdfTimeout(timeout_secs)),
        Err(mpsc::RecvTimeoutError::Disconnected) => Err(Reason::CorruptPdf("the PDF reader crashed".into())),
    }
}

/// Install (once) a panic hook that stays silent for our PDF workers, whose
/// panics are caught and reported as errors, and defers to the previous hook
/// for every other thread.
fn quiet_worker_panics() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if std::thread::current().name() != Some(WORKER_NAME) {
                previous(info);
            }
        }));
    });
}

fn extract_pages(bytes: &[u8]) -> Result<Extracted, Reason> {
    let document = match lopdf::Document::load_mem(bytes) {
        Ok(document) => document,
        Err(_) if has_encrypt_entry(bytes) => return Err(Reason::EncryptedPdf),
        Err(e) => return Err(Reason::CorruptPdf(e.to_string())),
    };
    // lopdf has already decrypted documents whose user password is empty
    // (permissions-only protection, common from OA systems); what is still
    // encrypted needs a password we do not have.
    if document.is_encrypted() {
        return Err(Reason::EncryptedPdf);
    }
    if document.get_pages().is_empty() {
        return Err(Reason::CorruptPdf("no pages".into()));
    }
    let positioned = std::panic::catch_unwind(AssertUnwindSafe(|| glyphs::pages(&document)));
    let pages = match positioned {
        Ok(Ok(pages)) if has_text(&pages) => pages,
        _ => fallback::pages(&document),
    };
    Ok(Extracted { pages, has_unmapped_cid_fonts: has_unmapped_cid_fonts(&document) })
}

fn has_text(pages: &[Page]) -> bool {
    pages.iter().flat_map(|p| &p.lines).any(|l| !l.text.trim().is_empty())
}

fn has_encrypt_entry(bytes: &[u8]) -> bool {
    crate::format::find(bytes, b"/Encrypt").is_some()
}

