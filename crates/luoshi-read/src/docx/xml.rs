//! Small helpers over quick-xml for WordprocessingML.

use quick_xml::events::{BytesRef, BytesStart};

use crate::error::Reason;

/// An XML problem before we know which part it is in.
#[derive(Debug)]
pub struct XmlError(pub String);

impl XmlError {
    pub fn in_part(self, part: &str) -> Reason {
        Reason::Xml { part: part.to_owned(), message: self.0 }
    }
}

impl From<quick_xml::Error> for XmlError {
    fn from(e: quick_xml::Error) -> Self {
        XmlError(e.to_string())
    }
}

/// Part bytes as text: UTF-8 (BOM allowed) or UTF-16 with BOM, as XML allows.
pub fn decode(bytes: Vec<u8>) -> Result<String, String> {
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(&bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return if had_errors { Err(format!("invalid {}", encoding.name())) } else { Ok(text.into_owned()) };
    }
    String::from_utf8(bytes).map_err(|_| "invalid UTF-8".to_owned())
}

/// The local name of an element (`w:p` → `p`).
pub fn local_name(element: &BytesStart<'_>) -> String {
    element.local_name().as_ref().to_owned()
}

/// The value of the attribute whose local name is `name` (`w:val` → `val`).
pub fn attribute(element: &BytesStart<'_>, name: &str) -> Option<String> {
    element.attributes().with_checks(false).flatten().find_map(|a| {
        (a.key.local_name().as_ref() == name).then(|| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).map(|v| v.into_owned()).ok()).flatten()
    })
}

/// The text an entity reference stands for (`&amp;`, `&#x4E00;`).
pub fn resolve_reference(reference: &BytesRef<'_>) -> Option<String> {
    if let Ok(Some(c)) = reference.resolve_char_ref() {
        return Some(c.to_string());
    }
    quick_xml::escape::resolve_xml_entity(reference).map(str::to_owned)
}
