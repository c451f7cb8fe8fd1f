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

#[cfg(test)]
mod tests {
    use super::*;

    const NUMBERING: &str = r#"<w:numbering xmlns:w="x">
      <w:abstractNum w:abstractNumId="0">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
      </w:abstractNum>
      <w:num w:numId="3"><w:abstractNumId w:val="0"/></w:num>
    </w:numbering>"#;

    const STYLES: &str = r#"<w:styles xmlns:w="x">
      <w:style w:type="paragraph" w:styleId="Heading1"><w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style>
      <w:style w:type="paragraph" w:styleId="Heading2"><w:basedOn w:val="Heading1"/><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>
    </w:styles>"#;

    fn read_body(xml: &str) -> PlainText {
        let styles = StyleNumbering::parse(STYLES).unwrap();
        read(xml, Definitions::parse(NUMBERING).unwrap(), &styles).unwrap()
    }

    #[test]
    fn style_numbering_and_numbering_switched_off() {
        let plain = read_body(
            r#"<w:document xmlns:w="x"><w:body>
            <w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>总体要求</w:t></w:r></w:p>
            <w:p><w:pPr><w:pStyle w:val="Heading2"/></w:pPr><w:r><w:t>发展目标</w:t></w:r></w:p>
            <w:p><w:pPr><w:pStyle w:val="Heading2"/><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr><w:r><w:t>不编号的标题</w:t></w:r></w:p>
            <w:p><w:pPr><w:pStyle w:val="Heading2"/></w:pPr><w:r><w:t>重点任务</w:t></w:r></w:p>
            <w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>保障措施</w:t></w:r></w:p>
            <w:p><w:pPr><w:pStyle w:val="Heading2"/></w:pPr><w:r><w:t>加强组织领导</w:t></w:r></w:p>
            </w:body></w:document>"#,
        );
        assert_eq!(plain.text, "一、总体要求\n（一）发展目标\n不编号的标题\n（二）重点任务\n二、保障措施\n（一）加强组织领导");
    }

    #[test]
    fn merged_and_nested_cells_entities_and_text_boxes() {
        let plain = read_body(
            r#"<w:document xmlns:w="x" xmlns:mc="m"><w:body>
            <w:p><w:r><w:t>A&amp;B&#x4E00;</w:t><w:tab/><w:t>x</w:t></w:r>
              <w:r><mc:AlternateContent><mc:Choice><w:drawing><w:t>图中文字</w:t></w:drawing></mc:Choice>
              <mc:Fallback><w:pict><w:t>图中文字</w:t></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>
            <w:tbl>
              <w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>工业</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>增速</w:t></w:r></w:p><w:p><w:r><w:t>（%）</w:t></w:r></w:p></w:tc></w:tr>
              <w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:tbl><w:tr><w:tc><w:p><w:r><w:t>8</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>以上</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:tc></w:tr>
            </w:tbl>
            </w:body></w:document>"#,
        );
        assert_eq!(plain.text, "A&B一\tx\n工业\t增速 （%）\n\t8 以上");
        let rows = &plain.tables[0].rows;
        assert_eq!(rows[1][0].text, "");
        assert_eq!(rows[1][1].text, "8 以上");
    }
}
