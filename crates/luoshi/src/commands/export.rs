//! `luoshi export ledger|status|progress`: the ledger in the 分工方案
//! layout, the 考评 scorecard by unit, or the progress sheet a unit fills in.

use super::Global;
use super::report::load_document;
use anyhow::{Context, Result};
use chrono::NaiveDate;
use luoshi_report::xlsx::{ProgressSheet, ledger_workbook, progress_workbook, status_workbook};
use luoshi_store::Store;
use luoshi_web::reports::data::DocumentData;
use std::path::PathBuf;

#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sheet {
    /// 分工方案 with latest progress and lights.
    Ledger,
    /// 考评: the status table by unit.
    Status,
    /// 进展填报: one row per target, for a unit to fill in.
    Progress,
}

#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetFormat {
    Xlsx,
}

#[derive(clap::Args, Debug)]
pub struct Args {
    #[arg(value_enum)]
    pub sheet: Sheet,
    /// The document (id from `luoshi documents`); every current document when omitted.
    #[arg(long)]
    pub document: Option<i64>,
    /// Judge status as of this date (YYYY-MM-DD); today when omitted.
    #[arg(long)]
    pub as_of: Option<NaiveDate>,
    /// For `progress`: only the tasks this unit leads.
    #[arg(long)]
    pub unit: Option<String>,
    #[arg(long, value_enum, default_value = "xlsx")]
    pub format: SheetFormat,
    #[arg(short, long)]
    pub output: PathBuf,
}

pub async fn run(global: &Global, args: Args) -> Result<()> {
    let store = Store::open(&global.db).await.with_context(|| format!("opening {}", global.db))?;
    let as_of = args.as_of.unwrap_or_else(|| chrono::Local::now().date_naive());
    let data = load_selection(&store, args.document, as_of).await?;
    let bytes = match args.sheet {
        Sheet::Ledger => ledger_workbook(&data.title, as_of, &data.tasks)?,
        Sheet::Status => status_workbook(&data.title, as_of, &data.tasks)?,
        Sheet::Progress => progress_workbook(&ProgressSheet {
            document_title: &data.title,
            as_of,
            unit: args.unit.as_deref(),
            tasks: &data.tasks,
        })?,
    };
    std::fs::write(&args.output, bytes).with_context(|| format!("writing {}", args.output.display()))?;
    eprintln!("wrote {} ({} tasks)", args.output.display(), data.tasks.len());
    Ok(())
}

/// One document, or all current versions (a whole-ledger 分工方案) when none is named.
async fn load_selection(store: &Store, document: Option<i64>, as_of: NaiveDate) -> Result<DocumentData> {
    if let Some(id) = document {
        return load_document(store, id, as_of).await;
    }
    let current: Vec<i64> = store.documents().await?.into_iter().filter(|d| !d.superseded).map(|d| d.id).collect();
    match current.as_slice() {
        [] => anyhow::bail!("no documents in the ledger yet (run `luoshi ingest FILE` first)"),
        [only] => load_document(store, *only, as_of).await,
        ids => {
            let mut all = DocumentData { title: format!("全部重点工作任务（{}份文件）", ids.len()), tasks: Vec::new(), half_year: None };
            for id in ids {
                all.tasks.extend(load_document(store, *id, as_of).await?.tasks);
            }
            Ok(all)
        }
    }
}
