//! Which reader a file goes to: the extension says, the first bytes confirm.

use crate::error::Reason;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Txt,
    Docx,
    Pdf,
    Html,
    Xlsx,
}

/// Extensions luoshi reads, by format.
const EXTENSIONS: &[(&str, Format)] = &[
    ("txt", Format::Txt),
    ("text", Format::Txt),
    ("docx", Format::Docx),
    ("pdf", Format::Pdf),
    ("html", Format::Html),
    ("htm", Format::Html),
    ("shtml", Format::Html),
    ("xlsx", Format::Xlsx),
];

/// What the first bytes of a file say it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Content {
    Zip,
    Pdf,
    Ole,
    Html,
    Other,
}

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const EMPTY_ZIP_MAGIC: &[u8] = b"PK\x05\x06";
const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
/// PDF writers may put junk before the header; readers accept it within 1 KiB.
const PDF_HEADER_WINDOW: usize = 1024;

fn sniff(bytes: &[u8]) -> Content {
    if bytes.starts_with(ZIP_MAGIC) || bytes.starts_with(EMPTY_ZIP_MAGIC) {
        Content::Zip
    } else if bytes.starts_with(OLE_MAGIC) {
        Content::Ole
    } else if find(&bytes[..bytes.len().min(PDF_HEADER_WINDOW)], b"%PDF-").is_some() {
        Content::Pdf
    } else if looks_like_html(bytes) {
        Content::Html
    } else {
        Content::Other
    }
}

fn looks_like_html(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    head.starts_with("<!doctype html") || head.starts_with("<html") || head.contains("<html")
}

pub(crate) fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn content_name(content: Content) -> &'static str {
    match content {
        Content::Zip => "a zip archive",
        Content::Pdf => "a PDF",
        Content::Ole => "an OLE compound file (legacy .doc)",
        Content::Html => "an HTML page",
        Content::Other => "plain text",
    }
}

/// The format of a file named `name` with content `bytes`.
pub fn detect(name: &str, bytes: &[u8]) -> Result<Format, Reason> {
    let extension = std::path::Path::new(name)
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    let content = sniff(bytes);
    if content == Content::Ole {
        return Err(Reason::OleDocument);
    }
    let Some(extension) = extension else {
        return Ok(by_content(content));
    };
    if extension == "doc" && content == Content::Zip {
        // A .docx someone renamed: the content decides.
        return Ok(Format::Docx);
    }
    let format = EXTENSIONS
        .iter()
        .find(|(ext, _)| *ext == extension)
        .map(|(_, format)| *format)
        .ok_or_else(|| Reason::UnsupportedExtension(format!(".{extension}")))?;
    match (format, content) {
        (Format::Docx | Format::Xlsx, Content::Zip) | (Format::Pdf, Content::Pdf) => Ok(format),
        (Format::Xlsx, other) => Err(Reason::ContentMismatch { named: ".xlsx", found: content_name(other) }),
        (Format::Docx, Content::Other | Content::Html) => Err(Reason::ContentMismatch {
            named: ".docx",
            found: "not a zip archive (damaged, or another file type)",
        }),
        (Format::Pdf, Content::Other | Content::Html) => Err(Reason::ContentMismatch {
            named: ".pdf",
            found: "not a PDF: no %PDF header (damaged, or another file type)",
        }),
        (Format::Docx, other) => Err(Reason::ContentMismatch { named: ".docx", found: content_name(other) }),
        (Format::Pdf, other) => Err(Reason::ContentMismatch { named: ".pdf", found: content_name(other) }),
        (Format::Txt | Format::Html, Content::Zip) => {
            Err(Reason::ContentMismatch { named: "text", found: content_name(Content::Zip) })
        }
        (Format::Txt | Format::Html, Content::Pdf) => {
            Err(Reason::ContentMismatch { named: "text", found: content_name(Content::Pdf) })
        }
        (format, _) => Ok(format),
    }
}

fn by_content(content: Content) -> Format {
    match content {
        Content::Zip => Format::Docx,
        Content::Pdf => Format::Pdf,
        Content::Html => Format::Html,
        Content::Ole | Content::Other => Format::Txt,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extension_and_content_must_agree() {
        assert_eq!(detect("a.docx", b"PK\x03\x04rest").unwrap(), Format::Docx);
        assert_eq!(detect("a.PDF", b"%PDF-1.7\n").unwrap(), Format::Pdf);
        assert!(matches!(detect("a.docx", OLE_MAGIC), Err(Reason::OleDocument)));
        assert!(matches!(detect("a.docx", b"%PDF-1.4"), Err(Reason::ContentMismatch { .. })));
        assert!(matches!(detect("a.xlsm", b"x"), Err(Reason::UnsupportedExtension(_))));
        assert_eq!(detect("a.xlsx", b"PK\x03\x04rest").unwrap(), Format::Xlsx);
        assert!(matches!(detect("a.xlsx", b"%PDF-1.4"), Err(Reason::ContentMismatch { .. })));
        assert_eq!(detect("plan", b"<!DOCTYPE html><html>").unwrap(), Format::Html);
        assert_eq!(detect("plan", "一、总体要求".as_bytes()).unwrap(), Format::Txt);
    }
}
