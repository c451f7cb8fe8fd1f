//! Walks word/document.xml: paragraphs in order, numbering labels prepended,
//! tables as rows of cells.

use luoshi_text::PlainText;
use quick_xml::events::{BytesStart, Event};

use super::numbering::{Definitions, StyleNumbering};
use super::xml::{XmlError, attribute, local_name, resolve_reference};
use crate::builder::TextBuilder;

/// Elements whose whole content is not body text: drawings and their
/// fallbacks (text boxes would appear twice), tracked deletions, the old
/// properties of tracked changes, and content-control settings.
const SKIPPED: &[&str] = &[
    "drawing", "pict", "object", "Fallback", "del", "moveFrom", "pPrChange", "rPrChange", "sdtPr",
    "footnoteReference", "endnoteReference",
];

/// The paragraph being read.
#[derive(Default)]
struct Paragraph {
    text: String,
    num_id: Option<String>,
    ilvl: Option<usize>,
    style: Option<String>,
}

/// A table being read; tables nest, so these form a stack.
#[derive(Default)]
struct TableState {
    rows: Vec<Vec<String>>,
    cell: Option<String>,
}

struct Walker<'a> {
    builder: TextBuilder,
    numbering: Definitions,
    styles: &'a StyleNumbering,
    paragraph: Option<Paragraph>,
    tables: Vec<TableState>,
    in_run: bool,
    in_text: bool,
    in_paragraph_properties: bool,
    skip_depth: usize,
}

pub fn read(xml: &str, numbering: Definitions, styles: &StyleNumbering) -> Result<PlainText, XmlError> {
    let mut walker = Walker {
        builder: TextBuilder::new(),
        numbering,
        styles,
        paragraph: None,
        tables: Vec::new(),
        in_run: false,
        in_text: false,
        in_paragraph_properties: false,
        skip_depth: 0,
    };
    let mut reader = quick_xml::Reader::from_str(xml);
    loop {
        match reader.read_event()? {
            Event::Start(e) => walker.start(&e, true),
            Event::Empty(e) => walker.start(&e, false),
            Event::End(e) => walker.end(e.local_name().as_ref()),
            Event::Text(t) if walker.in_text && walker.skip_depth == 0 => walker.push_text(&t.xml10_content()),
            Event::GeneralRef(r) if walker.in_text && walker.skip_depth == 0 => {
                if let Some(text) = resolve_reference(&r) {
                    walker.push_text(&text);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(walker.builder.finish())
}

impl Walker<'_> {
    fn start(&mut self, element: &BytesStart<'_>, has_content: bool) {
        let name = local_name(element);
        if self.skip_depth > 0 || SKIPPED.contains(&name.as_str()) {
            if has_content {
                self.skip_depth += 1;
            }
            return;
        }
        match name.as_str() {
            "p" => {
                self.paragraph = Some(Paragraph::default());
                if !has_content {
                    self.end_paragraph();
                }
            }
            "pPr" if has_content => self.in_paragraph_properties = true,
            "pStyle" if self.in_paragraph_properties => {
                if let Some(p) = &mut self.paragraph {
                    p.style = attribute(element, "val");
                }
            }
            "numId" if self.in_paragraph_properties => {
                if let Some(p) = &mut self.paragraph {
                    p.num_id = attribute(element, "val");
                }
            }
            "ilvl" if self.in_paragraph_properties => {
                if let Some(p) = &mut self.paragraph {
                    p.ilvl = attribute(element, "val").and_then(|v| v.parse().ok());
                }
            }
            "r" if has_content => self.in_run = true,
            "t" if has_content => self.in_text = true,
            "tab" if self.in_run => self.push_text("\t"),
            "br" | "cr" if self.in_run => self.push_text("\n"),
            "noBreakHyphen" if self.in_run => self.push_text("-"),
            "tbl" if has_content => self.tables.push(TableState::default()),
            "tr" if has_content => {
                if let Some(table) = self.tables.last_mut() {
                    table.rows.push(Vec::new());
                }
            }
            "tc" => {
                if let Some(table) = self.tables.last_mut() {
                    table.cell = Some(String::new());
                }
                if !has_content {
                    self.end_cell();
                }
            }
            _ => {}
        }
    }

    fn end(&mut self, name: &str) {
        if self.skip_depth > 0 {
            // Skipped elements may nest (a drawing inside a deletion).
            self.skip_depth -= 1;
            return;
        }
        match name {
            "p" => self.end_paragraph(),
            "pPr" => self.in_paragraph_properties = false,
            "r" => self.in_run = false,
            "t" => self.in_text = false,
            "tc" => self.end_cell(),
            "tbl" => self.end_table(),
            _ => {}
        }
    }

    fn push_text(&mut self, text: &str) {
        if let Some(p) = &mut self.paragraph {
            p.text.push_str(text);
        }
    }

    fn end_paragraph(&mut self) {
        let Some(paragraph) = self.paragraph.take() else { return };
        let (style_num, style_ilvl) =
            paragraph.style.as_deref().map(|s| self.styles.numbering_of(s)).unwrap_or_default();
        let num_id = paragraph.num_id.or(style_num);
        let ilvl = paragraph.ilvl.or(style_ilvl).unwrap_or(0);
        // numId 0 switches numbering off, even when the style has some.
        let label = num_id
            .filter(|id| id != "0" && !paragraph.text.trim().is_empty())
            .and_then(|id| self.numbering.next_label(&id, ilvl));
        let text = match label {
            Some(label) => label + paragraph.text.trim_start(),
            None => paragraph.text,
        };
        match self.tables.last_mut().and_then(|t| t.cell.as_mut()) {
            Some(cell) => {
                if !cell.is_empty() {
                    cell.push('\n');
                }
                cell.push_str(&text);
            }
            None => self.builder.push_paragraph(&text),
        }
    }

    fn end_cell(&mut self) {
        if let Some(table) = self.tables.last_mut()
            && let Some(cell) = table.cell.take()
        {
            match table.rows.last_mut() {
                Some(row) => row.push(cell),
                None => table.rows.push(vec![cell]),
            }
        }
    }

    fn end_table(&mut self) {
        let Some(table) = self.tables.pop() else { return };
        match self.tables.last_mut().and_then(|t| t.cell.as_mut()) {
            // A table inside a cell is flattened into that cell's text.
            Some(outer_cell) => {
                for row in table.rows {
                    if !outer_cell.is_empty() {
                        outer_cell.push('\n');
                    }
                    outer_cell.push_str(&row.join(" "));
                }
            }
            None => self.builder.push_table(table.rows),
        }
    }
}
