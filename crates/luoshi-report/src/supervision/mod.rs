//! 督查通报: the supervision report in Markdown, HTML and .docx.

mod content;
mod document;
mod docx;
mod html;
mod markdown;

pub use content::{build_report, chinese_date, format_number, plan_name, report_title};
pub use docx::{DocxError, render_docx};
pub use document::{Block, ReportDocument, Section, Table, chinese_ordinal};
pub use html::render_html;
pub use markdown::render_markdown;
