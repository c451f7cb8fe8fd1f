//! The 通报 as one self-contained HTML page: inline CSS, the chart as
//! inline SVG, nothing fetched from anywhere.

use super::document::{Block, ReportDocument, Table};
use crate::chart::status_chart_svg;
use crate::model::SupervisionReportInput;
use crate::summary::{StatusSummary, summarise_tasks};

const STYLE: &str = "body{font-family:'FangSong_GB2312','仿宋_GB2312','FangSong','仿宋','STFangsong',serif;font-size:16pt;line-height:1.8;max-width:210mm;margin:2em auto;padding:0 2em;color:#111}
h1{font-family:'方正小标宋简体','FZXiaoBiaoSong-B05S','SimSun','宋体',serif;font-size:22pt;font-weight:normal;text-align:center;line-height:1.5}
h2{font-family:'黑体','SimHei',sans-serif;font-size:16pt;font-weight:normal;margin:1em 0 .3em}
h3{font-family:'楷体_GB2312','KaiTi','楷体',serif;font-size:16pt;font-weight:normal;margin:.6em 0 .2em}
p{text-indent:2em;margin:.2em 0}p.to{text-indent:0}p.sign{text-align:right;text-indent:0}
table{border-collapse:collapse;width:100%;font-size:12pt;margin:.5em 0}th,td{border:1px solid #333;padding:4px 6px}th{background:#f0f0f0}
figure{text-align:center;margin:1em 0}";

pub fn render_html(input: &SupervisionReportInput) -> String {
    let report = super::build_report(input);
    document_html(&report, &summarise_tasks(&input.tasks))
}

fn document_html(report: &ReportDocument, counts: &StatusSummary) -> String {
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{}</h1>\n",
        escape(&report.title),
        escape(&report.title)
    );
    if let Some(to) = &report.addressees {
        out.push_str(&format!("<p class=\"to\">{}：</p>\n", escape(to)));
    }
    out.push_str(&format!("<p>{}</p>\n", escape(&report.opening)));
    for section in &report.sections {
        out.push_str(&format!("<h2>{}</h2>\n", escape(&section.heading)));
        for block in &section.blocks {
            match block {
                Block::Paragraph(text) => out.push_str(&format!("<p>{}</p>\n", escape(text))),
                Block::SubHeading(text) => out.push_str(&format!("<h3>{}</h3>\n", escape(text))),
                Block::Table(table) => out.push_str(&table_html(table)),
                Block::StatusChart => out.push_str(&format!("<figure>{}</figure>\n", status_chart_svg(counts))),
            }
        }
    }
    for line in &report.signature {
        out.push_str(&format!("<p class=\"sign\">{}</p>\n", escape(line)));
    }
    out.push_str("</body>\n</html>\n");
    out
}

fn table_html(table: &Table) -> String {
    let mut out = String::from("<table>\n<thead><tr>");
    for header in &table.headers {
        out.push_str(&format!("<th>{}</th>", escape(header)));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in &table.rows {
        out.push_str("<tr>");
        for cell in row {
            out.push_str(&format!("<td>{}</td>", escape(cell)));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
    out
}

pub(crate) fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}
