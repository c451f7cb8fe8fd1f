//! `luoshi report`: the 督查通报 of a document as of a date, as Markdown,
//! HTML or .docx. The loader (store rows into luoshi-report's view models)
//! lives in luoshi-web, which serves the same report; `export` uses it too.

use super::Global;
use anyhow::{Context, Result};
use chrono::NaiveDate;
use luoshi_report::SupervisionReportInput;
use luoshi_report::supervision::{render_docx, render_html, render_markdown};
use luoshi_store::Store;
use std::path::PathBuf;

#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    Md,
    Html,
    Docx,
}

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The document (id from `luoshi documents`).
    #[arg(long)]
    pub document: i64,
    /// The date the status is judged at (YYYY-MM-DD); today when omitted.
    #[arg(long)]
    pub as_of: Option<NaiveDate>,
    #[arg(long, value_enum, default_value = "md")]
    pub format: ReportFormat,
    /// Where to write the report.
    #[arg(short, long)]
    pub output: PathBuf,
    /// 发文机关 signing the report.
    #[arg(long, default_value = "督查室")]
    pub issuer: String,
    /// 主送 line.
    #[arg(long)]
    pub addressees: Option<String>,
}

pub async fn run(global: &Global, args: Args) -> Result<()> {
    let store = Store::open(&global.db).await.with_context(|| format!("opening {}", global.db))?;
    let as_of = args.as_of.unwrap_or_else(|| chrono::Local::now().date_naive());
    let data = load_document(&store, args.document, as_of).await?;
    let input = SupervisionReportInput {
        document_title: data.title.clone(),
        issuer: args.issuer,
        addressees: args.addressees,
        as_of,
        issued_on: chrono::Local::now().date_naive().max(as_of),
        non_reporting: non_reporting(&data.tasks),
        half_year: data.half_year.clone(),
        tasks: data.tasks,
        requirements: Vec::new(),
    };
    let bytes = match args.format {
        ReportFormat::Md => render_markdown(&input).into_bytes(),
        ReportFormat::Html => render_html(&input).into_bytes(),
        ReportFormat::Docx => render_docx(&input)?,
    };
    std::fs::write(&args.output, bytes).with_context(|| format!("writing {}", args.output.display()))?;
    eprintln!("wrote {} ({} tasks, as of {as_of})", args.output.display(), input.tasks.len());
    Ok(())
}

pub use luoshi_web::reports::data::{load_document, non_reporting};
