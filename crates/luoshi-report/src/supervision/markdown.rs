//! The 通报 as Markdown (GitHub tables; the chart is left to HTML and .docx).

use super::document::{Block, ReportDocument, Table};
use crate::model::SupervisionReportInput;

pub fn render_markdown(input: &SupervisionReportInput) -> String {
    let report = super::build_report(input);
    document_markdown(&report)
}

fn document_markdown(report: &ReportDocument) -> String {
    let mut out = format!("# {}\n\n", report.title);
    if let Some(to) = &report.addressees {
        out.push_str(&format!("{to}：\n\n"));
    }
    out.push_str(&format!("{}\n\n", report.opening));
    for section in &report.sections {
        out.push_str(&format!("## {}\n\n", section.heading));
        for block in &section.blocks {
            match block {
                Block::Paragraph(text) => out.push_str(&format!("{}\n\n", escape(text))),
                Block::SubHeading(text) => out.push_str(&format!("### {}\n\n", escape(text))),
                Block::Table(table) => out.push_str(&table_markdown(table)),
                Block::StatusChart => {}
            }
        }
    }
    for line in &report.signature {
        out.push_str(&format!("<div align=\"right\">{line}</div>\n\n"));
    }
    out
}

fn table_markdown(table: &Table) -> String {
    let cell = |text: &str| escape(text).replace('|', "\\|").replace('\n', "<br>");
    let mut out = format!("| {} |\n", table.headers.iter().map(|h| cell(h)).collect::<Vec<_>>().join(" | "));
    out.push_str(&format!("|{}\n", " --- |".repeat(table.headers.len())));
    for row in &table.rows {
        out.push_str(&format!("| {} |\n", row.iter().map(|c| cell(c)).collect::<Vec<_>>().join(" | ")));
    }
    out.push('\n');
    out
}

/// Markdown would read `*` and `_` as emphasis; a 通报 means them
/// literally. ("5.引育…" has no space after the dot, so it is no list item.)
fn escape(text: &str) -> String {
    text.replace('*', "\\*").replace('_', "\\_")
}
