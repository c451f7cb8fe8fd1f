//! PDFs as office writers and OA systems make them: A4 pages, lines broken
//! every ~30 characters (numbers kept whole, closing punctuation hanging),
//! paragraph openings indented two characters, a running header and a page
//! number on every page, and spaces between Chinese and digits.
//!
//! Two font set-ups, the two real-world cases:
//! - [`FontKind::IdentityH`]: a Type0/CIDFontType2 font with Identity-H
//!   encoding and a ToUnicode map (what LibreOffice and Word write); the
//!   spaces beside digits are gaps made by TJ kerning.
//! - [`FontKind::UniGb`]: a non-embedded font with the predefined
//!   UniGB-UCS2-H CMap and no ToUnicode (older OA systems); pdf-extract
//!   cannot decode it, the lopdf fallback must. Spaces are real characters.

use std::collections::BTreeMap;

use lopdf::content::{Content, Operation};
use lopdf::{Document, Object, Stream, StringFormat, dictionary};

use super::is_cjk;

/// How lines are broken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// As a word processor sets text: 30 ems a line, numbers kept whole,
    /// closing punctuation hanging, first lines indented two characters.
    Typeset,
    /// As a naive generator does: a new line every N characters wherever
    /// that falls (inside numbers too), no indentation.
    FixedChars(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FontKind {
    IdentityH,
    UniGb,
}

const PAGE_WIDTH: f64 = 595.0;
const PAGE_HEIGHT: f64 = 842.0;
const LEFT: f64 = 90.0;
const FONT_SIZE: f64 = 14.0;
const LINE_PITCH: f64 = 26.0;
/// Characters per line, in ems.
const LINE_EMS: f64 = 30.0;
const TOP_BASELINE: f64 = 760.0;
const LINES_PER_PAGE: usize = 26;
const HEADER: &str = "某市人民政府规范性文件";

/// Closing punctuation never starts a line: it hangs past the margin.
const HANGING: &str = "，。、；：！？）》”’」』%";

/// One piece of a line: text, or a gap of some ems.
#[derive(Debug, Clone)]
enum Piece {
    Text(String),
    Gap(f64),
}

fn width_of(c: char) -> f64 {
    if c == ' ' { 0.25 } else if c.is_ascii() { 0.5 } else { 1.0 }
}

/// Words: a run of ASCII letters and digits (with . and %) is one word;
/// every other character is a word of its own.
fn words(text: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    let mut latin = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() || (!latin.is_empty() && (c == '.' || c == '%')) {
            latin.push(c);
            continue;
        }
        if !latin.is_empty() {
            words.push(std::mem::take(&mut latin));
        }
        words.push(c.to_string());
    }
    if !latin.is_empty() {
        words.push(latin);
    }
    words
}

/// Break a paragraph every `n` characters, with the writer's spaces between
/// Chinese and digits.
fn wrap_fixed(text: &str, n: usize, space: &Piece) -> Vec<(f64, Vec<Piece>)> {
    let chars: Vec<char> = text.chars().collect();
    chars
        .chunks(n)
        .map(|line| {
            let mut pieces = Vec::new();
            let mut run = String::new();
            for (i, &c) in line.iter().enumerate() {
                let previous = i.checked_sub(1).map(|j| line[j]);
                let boundary = previous.is_some_and(|p| {
                    (is_cjk(p) && c.is_ascii_alphanumeric()) || (p.is_ascii_alphanumeric() && is_cjk(c))
                });
                if boundary {
                    pieces.push(Piece::Text(std::mem::take(&mut run)));
                    pieces.push(space.clone());
                }
                run.push(c);
            }
            pieces.push(Piece::Text(run));
            (0.0, pieces)
        })
        .collect()
}

/// Break a paragraph into lines of pieces, the first indented two ems.
/// Returns (indent in ems, pieces) per line.
fn wrap(text: &str, space: &Piece) -> Vec<(f64, Vec<Piece>)> {
    let mut lines = Vec::new();
    let mut indent = 2.0;
    let mut used = indent;
    let mut pieces: Vec<Piece> = Vec::new();
    let mut last_char: Option<char> = None;
    for word in words(text) {
        let first = word.chars().next().unwrap();
        let is_latin = first.is_ascii_alphanumeric();
        // Writers set a space between Chinese and a number or Latin word.
        let needs_space = last_char.is_some_and(|l| (is_cjk(l) && is_latin) || (l.is_ascii_alphanumeric() || l == '%') && is_cjk(first));
        let space_width = if needs_space { 0.25 } else { 0.0 };
        let width: f64 = word.chars().map(width_of).sum();
        let hangs = HANGING.contains(first) && word.chars().count() == 1;
        if used + space_width + width > LINE_EMS && !hangs && !pieces.is_empty() {
            lines.push((indent, std::mem::take(&mut pieces)));
            indent = 0.0;
            used = 0.0;
        } else if needs_space {
            pieces.push(space.clone());
            used += space_width;
        }
        pieces.push(Piece::Text(word.clone()));
        used += width;
        last_char = word.chars().last();
    }
    if !pieces.is_empty() {
        lines.push((indent, pieces));
    }
    lines
}

/// Character codes for a font set-up.
struct Encoder {
    kind: FontKind,
    /// Identity-H: char → CID (1-based, in order of first use).
    cids: BTreeMap<char, u16>,
}

impl Encoder {
    fn encode(&mut self, text: &str) -> Vec<u8> {
        let mut bytes = Vec::new();
        for c in text.chars() {
            let code = match self.kind {
                FontKind::IdentityH => {
                    let next = self.cids.len() as u16 + 1;
                    *self.cids.entry(c).or_insert(next)
                }
                // UCS-2: the BMP only, as the CMap's name says.
                FontKind::UniGb => u16::try_from(c as u32).unwrap_or(0x3013),
            };
            bytes.extend_from_slice(&code.to_be_bytes());
        }
        bytes
    }

    fn to_unicode_cmap(&self) -> Vec<u8> {
        let mut cmap = String::from(
            "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
        );
        let entries: Vec<(&char, &u16)> = self.cids.iter().collect();
        for chunk in entries.chunks(100) {
            cmap.push_str(&format!("{} beginbfchar\n", chunk.len()));
            for (c, cid) in chunk {
                let utf16: String = c.encode_utf16(&mut [0; 2]).iter().map(|u| format!("{u:04X}")).collect();
                cmap.push_str(&format!("<{cid:04X}> <{utf16}>\n"));
            }
            cmap.push_str("endbfchar\n");
        }
        cmap.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
        cmap.into_bytes()
    }

    /// /W array: Latin CIDs are half width.
    fn widths(&self) -> Vec<Object> {
        let mut w = Vec::new();
        for (c, cid) in &self.cids {
            w.push(Object::Integer(*cid as i64));
            w.push(Object::Array(vec![Object::Integer((width_of(*c) * 1000.0) as i64)]));
        }
        w
    }
}

fn show_line(encoder: &mut Encoder, x: f64, y: f64, pieces: &[Piece]) -> Vec<Operation> {
    let mut array = Vec::new();
    for piece in pieces {
        match piece {
            Piece::Text(text) => array.push(Object::String(encoder.encode(text), StringFormat::Hexadecimal)),
            // TJ adjustments are in thousandths of an em, negative moves right.
            Piece::Gap(ems) => array.push(Object::Real((-ems * 1000.0) as f32)),
        }
    }
    vec![
        Operation::new("Tm", vec![1.into(), 0.into(), 0.into(), 1.into(), Object::Real(x as f32), Object::Real(y as f32)]),
        Operation::new("TJ", vec![Object::Array(array)]),
    ]
}

fn centred(text: &str) -> f64 {
    let width: f64 = text.chars().map(width_of).sum::<f64>() * FONT_SIZE;
    (PAGE_WIDTH - width) / 2.0
}

/// The PDF bytes of a document made of `paragraphs`, typeset.
pub fn bytes(paragraphs: &[String], kind: FontKind) -> Vec<u8> {
    bytes_with(paragraphs, kind, Layout::Typeset)
}

/// The PDF bytes of a document made of `paragraphs`.
pub fn bytes_with(paragraphs: &[String], kind: FontKind, layout: Layout) -> Vec<u8> {
    let space = match kind {
        FontKind::IdentityH => Piece::Gap(1.0 / 3.0),
        FontKind::UniGb => Piece::Text(" ".into()),
    };
    let lines: Vec<(f64, Vec<Piece>)> = paragraphs
        .iter()
        .flat_map(|p| match layout {
            Layout::Typeset => wrap(p, &space),
            Layout::FixedChars(n) => wrap_fixed(p, n, &space),
        })
        .collect();
    let mut encoder = Encoder { kind, cids: BTreeMap::new() };
    let page_count = lines.len().div_ceil(LINES_PER_PAGE).max(1);
    let mut page_contents = Vec::new();
    for (page_index, page_lines) in lines.chunks(LINES_PER_PAGE).enumerate() {
        let mut ops = vec![Operation::new("BT", vec![]), Operation::new("Tf", vec!["F1".into(), FONT_SIZE.into()])];
        ops.extend(show_line(&mut encoder, centred(HEADER), 800.0, &[Piece::Text(HEADER.into())]));
        for (i, (indent, pieces)) in page_lines.iter().enumerate() {
            let y = TOP_BASELINE - LINE_PITCH * i as f64;
            ops.extend(show_line(&mut encoder, LEFT + indent * FONT_SIZE, y, pieces));
        }
        let number = match kind {
            FontKind::IdentityH => format!("- {} -", page_index + 1),
            FontKind::UniGb => format!("第 {} 页 共 {page_count} 页", page_index + 1),
        };
        ops.extend(show_line(&mut encoder, centred(&number), 50.0, &[Piece::Text(number.clone())]));
        ops.push(Operation::new("ET", vec![]));
        page_contents.push(Content { operations: ops }.encode().expect("content stream"));
    }

    let mut doc = Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    let descriptor_id = doc.add_object(dictionary! {
        "Type" => "FontDescriptor", "FontName" => "SimSun", "Flags" => 6,
        "FontBBox" => vec![0.into(), (-141).into(), 1000.into(), 859.into()],
        "ItalicAngle" => 0, "Ascent" => 859, "Descent" => -141, "CapHeight" => 683, "StemV" => 80,
    });
    let descendant = match kind {
        FontKind::IdentityH => dictionary! {
            "Type" => "Font", "Subtype" => "CIDFontType2", "BaseFont" => "SimSun",
            "CIDSystemInfo" => dictionary! { "Registry" => Object::string_literal("Adobe"), "Ordering" => Object::string_literal("Identity"), "Supplement" => 0 },
            "FontDescriptor" => descriptor_id, "DW" => 1000, "W" => encoder.widths(), "CIDToGIDMap" => "Identity",
        },
        FontKind::UniGb => dictionary! {
            "Type" => "Font", "Subtype" => "CIDFontType0", "BaseFont" => "STSong-Light",
            "CIDSystemInfo" => dictionary! { "Registry" => Object::string_literal("Adobe"), "Ordering" => Object::string_literal("GB1"), "Supplement" => 2 },
            "FontDescriptor" => descriptor_id, "DW" => 1000,
        },
    };
    let descendant_id = doc.add_object(descendant);
    let mut font = dictionary! {
        "Type" => "Font", "Subtype" => "Type0",
        "DescendantFonts" => vec![descendant_id.into()],
    };
    match kind {
        FontKind::IdentityH => {
            let to_unicode = doc.add_object(Stream::new(dictionary! {}, encoder.to_unicode_cmap()));
            font.set("BaseFont", "SimSun");
            font.set("Encoding", "Identity-H");
            font.set("ToUnicode", to_unicode);
        }
        FontKind::UniGb => {
            font.set("BaseFont", "STSong-Light-UniGB-UCS2-H");
            font.set("Encoding", "UniGB-UCS2-H");
        }
    }
    let font_id = doc.add_object(font);
    let resources_id = doc.add_object(dictionary! { "Font" => dictionary! { "F1" => font_id } });
    let mut kids = Vec::new();
    for content in page_contents {
        let content_id = doc.add_object(Stream::new(dictionary! {}, content).with_compression(true));
        let page_id = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
            "MediaBox" => vec![0.into(), 0.into(), PAGE_WIDTH.into(), PAGE_HEIGHT.into()],
        });
        kids.push(page_id.into());
    }
    let count = kids.len() as i64;
    doc.objects.insert(pages_id, Object::Dictionary(dictionary! {
        "Type" => "Pages", "Kids" => kids, "Count" => count, "Resources" => resources_id,
    }));
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    doc.compress();
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).expect("pdf save");
    bytes
}
