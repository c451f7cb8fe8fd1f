//! The 通报 as a .docx a clerk can print as it is: 方正小标宋简体 title,
//! 黑体 / 楷体 headings, 仿宋_GB2312 body (宋体 as the document default, so a
//! machine without the 公文 fonts still shows Chinese), bordered tables and
//! the status chart as a PNG.

use super::document::{Block, ReportDocument, Table};
use crate::chart::{ChartError, status_chart_png};
use crate::model::SupervisionReportInput;
use crate::summary::{StatusSummary, summarise_tasks};
use docx_rs::{
    AlignmentType, Docx, LineSpacing, LineSpacingType, PageMargin, Paragraph, Pic, Run, RunFonts, Shading,
    SpecialIndentType, TableBorders, TableCell, TableRow, WidthType,
};

/// The 公文 fonts, by role.
struct Fonts;
impl Fonts {
    const TITLE: &str = "方正小标宋简体";
    const HEADING: &str = "黑体";
    const SUB_HEADING: &str = "楷体_GB2312";
    const BODY: &str = "仿宋_GB2312";
    const FALLBACK: &str = "宋体";
    const LATIN: &str = "Times New Roman";
}

/// Sizes in half-points: 二号 22pt, 三号 16pt, 小四 12pt.
const TITLE_SIZE: usize = 44;
const BODY_SIZE: usize = 32;
const TABLE_SIZE: usize = 24;
/// 28-point fixed line spacing, in twentieths of a point.
const LINE_TWIPS: i32 = 560;
/// Two characters of 三号 as a first-line indent, in twips.
const FIRST_LINE_INDENT: i32 = 640;
/// The chart's printed width: 15 cm in EMU.
const CHART_WIDTH_EMU: u32 = 5_400_000;
/// Usable width of an A4 page with 公文 margins, in twips (15.6 cm).
const TEXT_WIDTH_TWIPS: usize = 8845;

#[derive(Debug, thiserror::Error)]
pub enum DocxError {
    #[error(transparent)]
    Chart(#[from] ChartError),
    #[error("writing the .docx failed: {0}")]
    Pack(String),
}

/// The report as .docx bytes.
pub fn render_docx(input: &SupervisionReportInput) -> Result<Vec<u8>, DocxError> {
    let report = super::build_report(input);
    let counts = summarise_tasks(&input.tasks);
    let docx = document_docx(&report, &counts)?;
    let mut bytes = std::io::Cursor::new(Vec::new());
    docx.build().pack(&mut bytes).map_err(|e| DocxError::Pack(e.to_string()))?;
    Ok(bytes.into_inner())
}

fn fonts(east_asia: &str) -> RunFonts {
    RunFonts::new().east_asia(east_asia).ascii(Fonts::LATIN).hi_ansi(Fonts::LATIN)
}

fn run(text: &str, font: &str, size: usize) -> Run {
    Run::new().add_text(text).fonts(fonts(font)).size(size)
}

fn spaced(paragraph: Paragraph) -> Paragraph {
    paragraph.line_spacing(LineSpacing::new().line(LINE_TWIPS).line_rule(LineSpacingType::Exact))
}

fn body(text: &str) -> Paragraph {
    spaced(Paragraph::new().add_run(run(text, Fonts::BODY, BODY_SIZE)))
        .indent(None, Some(SpecialIndentType::FirstLine(FIRST_LINE_INDENT)), None, None)
        .align(AlignmentType::Both)
}

fn document_docx(report: &ReportDocument, counts: &StatusSummary) -> Result<Docx, DocxError> {
    // A4 with the 公文 margins (top 37 mm, bottom 35 mm, left 28 mm, right 26 mm).
    let mut docx = Docx::new()
        .page_size(11906, 16838)
        .page_margin(PageMargin::new().top(2098).bottom(1984).left(1588).right(1474))
        .default_fonts(RunFonts::new().east_asia(Fonts::FALLBACK).ascii(Fonts::LATIN).hi_ansi(Fonts::LATIN))
        .default_size(BODY_SIZE)
        .add_paragraph(
            Paragraph::new()
                .add_run(run(&report.title, Fonts::TITLE, TITLE_SIZE))
                .align(AlignmentType::Center)
                .line_spacing(LineSpacing::new().after(400)),
        );
    if let Some(to) = &report.addressees {
        docx = docx.add_paragraph(spaced(Paragraph::new().add_run(run(&format!("{to}："), Fonts::BODY, BODY_SIZE))));
    }
    docx = docx.add_paragraph(body(&report.opening));
    for section in &report.sections {
        docx = docx.add_paragraph(
            spaced(Paragraph::new().add_run(run(&section.heading, Fonts::HEADING, BODY_SIZE)))
                .indent(None, Some(SpecialIndentType::FirstLine(FIRST_LINE_INDENT)), None, None),
        );
        for block in &section.blocks {
            docx = match block {
                Block::Paragraph(text) => docx.add_paragraph(body(text)),
                Block::SubHeading(text) => docx.add_paragraph(
                    spaced(Paragraph::new().add_run(run(text, Fonts::SUB_HEADING, BODY_SIZE)))
                        .indent(None, Some(SpecialIndentType::FirstLine(FIRST_LINE_INDENT)), None, None),
                ),
                Block::Table(table) => docx.add_table(table_docx(table)).add_paragraph(Paragraph::new()),
                Block::StatusChart => docx.add_paragraph(chart_paragraph(counts)?),
            };
        }
    }
    docx = docx.add_paragraph(Paragraph::new());
    for line in &report.signature {
        docx = docx.add_paragraph(
            spaced(Paragraph::new().add_run(run(line, Fonts::BODY, BODY_SIZE)))
                .align(AlignmentType::Right)
                .indent(None, None, Some(FIRST_LINE_INDENT * 2), None),
        );
    }
    Ok(docx)
}

fn table_docx(table: &Table) -> docx_rs::Table {
    let cell = |text: &str, header: bool| {
        let mut run = run(text, Fonts::BODY, TABLE_SIZE);
        if header {
            run = run.bold();
        }
        let cell = TableCell::new().add_paragraph(Paragraph::new().add_run(run).align(AlignmentType::Center));
        if header { cell.shading(Shading::new().fill("F0F0F0")) } else { cell }
    };
    let mut rows = vec![TableRow::new(table.headers.iter().map(|h| cell(h, true)).collect())];
    rows.extend(table.rows.iter().map(|row| TableRow::new(row.iter().map(|c| cell(c, false)).collect())));
    docx_rs::Table::new(rows)
        .set_borders(TableBorders::new())
        .width(TEXT_WIDTH_TWIPS, WidthType::Dxa)
        .align(docx_rs::TableAlignmentType::Center)
}

fn chart_paragraph(counts: &StatusSummary) -> Result<Paragraph, DocxError> {
    let (png, width, height) = status_chart_png(counts, 2.0)?;
    let height_emu = (CHART_WIDTH_EMU as u64 * height as u64 / width.max(1) as u64) as u32;
    let picture = Pic::new_with_dimensions(png, width, height).size(CHART_WIDTH_EMU, height_emu);
    Ok(Paragraph::new().add_run(Run::new().add_image(picture)).align(AlignmentType::Center))
}
