//! Minimal but real WordprocessingML, as WPS and Word write it: list labels
//! (一、 （一） 1.) as automatic numbering rather than text, paragraphs split
//! into several runs, a header, a footer and a comment whose text must not
//! reach the reader, a deleted revision and a field code.

use std::io::Write;

use regex::Regex;

use super::Block;

/// A kind of list label: how to find it at the start of a paragraph, and the
/// numbering definition that makes Word draw it.
struct LabelKind {
    pattern: &'static str,
    format: &'static str,
    level_text: &'static str,
}

const LABEL_KINDS: &[LabelKind] = &[
    LabelKind { pattern: r"^([一二三四五六七八九十]+)、", format: "chineseCounting", level_text: "%1、" },
    LabelKind { pattern: r"^（([一二三四五六七八九十]+)）", format: "chineseCounting", level_text: "（%1）" },
    LabelKind { pattern: r"^\(([一二三四五六七八九十]+)\)", format: "chineseCounting", level_text: "(%1)" },
    LabelKind { pattern: r"^(\d{1,2})\.([^\d]|$)", format: "decimal", level_text: "%1." },
    LabelKind { pattern: r"^(\d{1,2})、", format: "decimal", level_text: "%1、" },
    LabelKind { pattern: r"^（(\d{1,2})）", format: "decimal", level_text: "（%1）" },
];

fn chinese_value(numeral: &str) -> Option<u32> {
    const DIGITS: &str = "零一二三四五六七八九";
    let digit = |c: char| DIGITS.chars().position(|d| d == c).map(|n| n as u32);
    let chars: Vec<char> = numeral.chars().collect();
    match chars.as_slice() {
        [d] if *d == '十' => Some(10),
        [d] => digit(*d),
        ['十', d] => Some(10 + digit(*d)?),
        [t, '十'] => Some(10 * digit(*t)?),
        [t, '十', d] => Some(10 * digit(*t)? + digit(*d)?),
        _ => None,
    }
}

/// Paragraph numbering: which list instance a labelled paragraph belongs to.
#[derive(Default)]
struct Numbering {
    /// numId → (label kind, start value)
    instances: Vec<(usize, u32)>,
    /// Per label kind: (current numId, next value it would draw).
    current: Vec<Option<(usize, u32)>>,
}

impl Numbering {
    /// The numId that draws `value` next for `kind`; a new list instance
    /// (with a start override) when the sequence breaks, as when Word
    /// restarts numbering under a new heading.
    fn num_id_for(&mut self, kind: usize, value: u32) -> usize {
        if self.current.len() < LABEL_KINDS.len() {
            self.current.resize(LABEL_KINDS.len(), None);
        }
        if let Some((num_id, next)) = self.current[kind]
            && next == value
        {
            self.current[kind] = Some((num_id, value + 1));
            return num_id;
        }
        self.instances.push((kind, value));
        let num_id = self.instances.len();
        self.current[kind] = Some((num_id, value + 1));
        num_id
    }

    fn xml(&self) -> String {
        let mut xml = String::from(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#);
        for (id, kind) in LABEL_KINDS.iter().enumerate() {
            xml.push_str(&format!(
                r#"<w:abstractNum w:abstractNumId="{id}"><w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{}"/><w:lvlText w:val="{}"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0" w:firstLine="640"/></w:pPr></w:lvl></w:abstractNum>"#,
                kind.format, kind.level_text
            ));
        }
        for (index, (kind, start)) in self.instances.iter().enumerate() {
            xml.push_str(&format!(
                r#"<w:num w:numId="{}"><w:abstractNumId w:val="{kind}"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start}"/></w:lvlOverride></w:num>"#,
                index + 1
            ));
        }
        xml.push_str("</w:numbering>");
        xml
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// Text split into runs of at most 17 characters, every third one bold, as
/// editing leaves them.
fn runs(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    chars
        .chunks(17)
        .enumerate()
        .map(|(i, chunk)| {
            let t: String = chunk.iter().collect();
            let props = if i % 3 == 2 { "<w:rPr><w:b/></w:rPr>" } else { "<w:rPr><w:rFonts w:hint=\"eastAsia\"/></w:rPr>" };
            format!(r#"<w:r>{props}<w:t xml:space="preserve">{}</w:t></w:r>"#, escape(&t))
        })
        .collect()
}

fn paragraph_xml(text: &str, numbering: &mut Numbering, labels: &[Regex], index: usize, history: bool) -> String {
    for (kind, pattern) in labels.iter().enumerate() {
        let Some(captures) = pattern.captures(text) else { continue };
        let numeral = &captures[1];
        let Some(value) = numeral.parse().ok().or_else(|| chinese_value(numeral)) else { continue };
        let label_len = captures.get(0).unwrap().as_str().len() - captures.get(2).map_or(0, |m| m.as_str().len());
        let num_id = numbering.num_id_for(kind, value);
        return format!(
            r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr></w:pPr>{}</w:p>"#,
            runs(&text[label_len..])
        );
    }
    // Now and then the editing history a real file carries: a deletion, a
    // comment anchor, a field code; none of it is text.
    let extras = match if history { index % 7 } else { 0 } {
        3 => r#"<w:del w:id="9" w:author="张三"><w:r><w:delText>已删除的2019年旧目标50亿元</w:delText></w:r></w:del>"#,
        5 => r#"<w:commentRangeStart w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>"#,
        6 => r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> SET 序号 "" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>"#,
        _ => "",
    };
    format!(r#"<w:p><w:pPr><w:ind w:firstLine="640" w:firstLineChars="200"/></w:pPr>{}{extras}</w:p>"#, runs(text))
}

/// The width of the text block (A4 less the margins below), in twentieths of a point.
const TEXT_WIDTH: usize = 8844;

fn table_xml(rows: &[Vec<String>]) -> String {
    // Columns as wide as their longest text (a writer drags them so), at
    // least two characters, the whole within the text block.
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let longest: Vec<usize> =
        (0..columns).map(|c| rows.iter().filter_map(|r| r.get(c)).map(|t| t.chars().count()).max().unwrap_or(0).clamp(2, 24)).collect();
    let total: usize = longest.iter().sum::<usize>().max(1);
    let mut xml = String::from(r#"<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/></w:tblPr>"#);
    for row in rows {
        xml.push_str("<w:tr>");
        for (column, cell) in row.iter().enumerate() {
            xml.push_str(&format!(
                r#"<w:tc><w:tcPr><w:tcW w:w="{}" w:type="dxa"/></w:tcPr><w:p><w:pPr><w:jc w:val="center"/></w:pPr>{}</w:p></w:tc>"#,
                TEXT_WIDTH * longest[column] / total,
                runs(cell)
            ));
        }
        xml.push_str("</w:tr>");
    }
    xml.push_str("</w:tbl>");
    xml
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/><Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/><Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/><Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/></Types>"#;

const PACKAGE_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/></Relationships>"#;

const HEADER: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:r><w:t>某市人民政府办公室文件（页眉：2030年目标100亿元）</w:t></w:r></w:p></w:hdr>"#;

const FOOTER: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:r><w:t xml:space="preserve">— </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t xml:space="preserve"> —</w:t></w:r></w:p></w:ftr>"#;

const COMMENTS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:comment w:id="0" w:author="李四"><w:p><w:r><w:t>批注：建议改为增长15%以上</w:t></w:r></w:p></w:comment></w:comments>"#;

/// The .docx bytes of a document, with some editing history in it.
pub fn bytes(blocks: &[Block]) -> Vec<u8> {
    render(blocks, true)
}

/// The .docx bytes without editing history (LibreOffice would print
/// tracked deletions into its PDF).
pub fn clean_bytes(blocks: &[Block]) -> Vec<u8> {
    render(blocks, false)
}

fn render(blocks: &[Block], history: bool) -> Vec<u8> {
    let labels: Vec<Regex> = LABEL_KINDS.iter().map(|k| Regex::new(k.pattern).unwrap()).collect();
    let mut numbering = Numbering::default();
    let mut body = String::new();
    for (index, block) in blocks.iter().enumerate() {
        match block {
            Block::Paragraph(text) => body.push_str(&paragraph_xml(text, &mut numbering, &labels, index, history)),
            Block::Table(rows) => body.push_str(&table_xml(rows)),
        }
    }
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>{body}<w:sectPr><w:headerReference w:type="default" r:id="rId2"/><w:footerReference w:type="default" r:id="rId3"/><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="1247" w:gutter="0"/></w:sectPr></w:body></w:document>"#
    );
    let parts = [
        ("[Content_Types].xml", CONTENT_TYPES.to_owned()),
        ("_rels/.rels", PACKAGE_RELS.to_owned()),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS.to_owned()),
        ("word/document.xml", document),
        ("word/numbering.xml", numbering.xml()),
        ("word/header1.xml", HEADER.to_owned()),
        ("word/footer1.xml", FOOTER.to_owned()),
        ("word/comments.xml", COMMENTS.to_owned()),
    ];
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, content) in parts {
        writer.start_file(name, options).expect("zip entry");
        writer.write_all(content.as_bytes()).expect("zip write");
    }
    writer.finish().expect("zip finish").into_inner()
}
