//! `luoshi import ledger|progress FILE.xlsx`: an office's 分工方案 sheet
//! becomes a document in the ledger; a filled-in progress sheet becomes
//! progress reports, all or nothing, skipping rows already reported.

use super::Global;
use anyhow::{Context, Result, bail};
use luoshi_ledger::{DocumentDraft, TargetDraft};
use luoshi_text::PlainText;
use luoshi_report::xlsx::{ProgressImportError, import_ledger, import_progress};
use luoshi_web::reports::sheets::{known_tasks, new_reports};
use luoshi_store::{IngestOptions, Store, TaskFilter};
use std::path::PathBuf;

#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A 分工方案 sheet: becomes a document with its tasks.
    Ledger,
    /// A filled-in progress sheet exported by `luoshi export progress`.
    Progress,
}

#[derive(clap::Args, Debug)]
pub struct Args {
    #[arg(value_enum)]
    pub kind: Kind,
    /// The .xlsx file.
    pub file: PathBuf,
    /// Who files the reports / imports the ledger (recorded in the audit log).
    #[arg(long, default_value = "cli")]
    pub actor: String,
    /// For `ledger`: the plan year, when the sheet does not say it.
    #[arg(long)]
    pub year: Option<i32>,
}

pub async fn run(global: &Global, args: Args) -> Result<()> {
    let bytes = std::fs::read(&args.file).with_context(|| format!("reading {}", args.file.display()))?;
    let store = Store::open(&global.db).await.with_context(|| format!("opening {}", global.db))?;
    match args.kind {
        Kind::Ledger => import_ledger_sheet(&store, &args, &bytes).await,
        Kind::Progress => import_progress_sheet(&store, &args, &bytes).await,
    }
}

async fn import_ledger_sheet(store: &Store, args: &Args, bytes: &[u8]) -> Result<()> {
    let ledger = import_ledger(bytes).with_context(|| format!("{}", args.file.display()))?;
    if ledger.tasks.is_empty() {
        bail!("{}: sheet 「{}」 has a header but no task rows", args.file.display(), ledger.sheet);
    }
    for skipped in &ledger.skipped {
        eprintln!("{}: row {} skipped: {}", args.file.display(), skipped.row, skipped.reason);
    }
    let source = args.file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut draft = ledger.to_document_draft(&source);
    add_extracted_targets(&mut draft, &source, args.year);
    let outcome = store.ingest(&args.actor, &draft, &IngestOptions::default()).await?;
    let targets: usize = draft.tasks.iter().map(|t| t.targets.len()).sum();
    println!(
        "{}: {} tasks, {} targets from sheet 「{}」 → document {}",
        args.file.display(),
        draft.tasks.len(),
        targets,
        ledger.sheet,
        outcome.document_id()
    );
    Ok(())
}

/// The sheet's 量化目标 are words; the extractor reads them from the
/// document text the sheet was written out as, and each target found goes
/// to the task whose span holds it. Units and deadlines stay the sheet's.
fn add_extracted_targets(draft: &mut DocumentDraft, source: &str, year: Option<i32>) {
    let text = PlainText::from_text(draft.text.clone());
    let extraction = luoshi_extract::extract(&text, &luoshi_extract::Options { source: source.to_string(), year });
    let extracted = crate::ingest_map::to_draft(&extraction, &text, year);
    let mut targets: Vec<_> = extracted.tasks.into_iter().flat_map(|t| t.targets).collect();
    targets.sort_by_key(|t| t.span);
    targets.dedup_by_key(|t| t.span);
    for task in &mut draft.tasks {
        let mut found: Vec<TargetDraft> = Vec::new();
        // The 量化目标 column often repeats what the task text says: keep the
        // first mention, which carries the text's own deadline words.
        for target in targets.iter().filter(|t| task.span.0 <= t.span.0 && t.span.1 <= task.span.1) {
            let same = |f: &TargetDraft| f.metric == target.metric && f.value == target.value && f.unit == target.unit && f.cmp == target.cmp;
            if !found.iter().any(same) {
                found.push(target.clone());
            }
        }
        task.targets = found;
    }
    draft.year = extracted.year.or(year);
    draft.period_end = extracted.period_end;
    draft.content_hash = crate::ingest_map::content_hash(&draft.text);
}

async fn import_progress_sheet(store: &Store, args: &Args, bytes: &[u8]) -> Result<()> {
    let ledger = store.ledger(&TaskFilter::default()).await?;
    let known = known_tasks(&ledger);
    let records = match import_progress(bytes, &known) {
        Ok(records) => records,
        Err(ProgressImportError::Rows(errors)) => {
            for error in &errors {
                eprintln!("{}: {error}", args.file.display());
            }
            bail!("{}: {} bad cell(s); nothing imported", args.file.display(), errors.len());
        }
        Err(other) => return Err(other).with_context(|| format!("{}", args.file.display())),
    };
    let read = records.len();
    // One transaction for the whole sheet: a store error files nothing, and
    // importing the same sheet again is safe (filed rows are recognised).
    let reports = new_reports(store, records).await?;
    store
        .add_reports(&args.actor, &reports)
        .await
        .with_context(|| format!("{}: nothing imported", args.file.display()))?;
    println!(
        "{}: {} row(s) read, {} new report(s) filed, {} already reported",
        args.file.display(),
        read,
        reports.len(),
        read - reports.len()
    );
    Ok(())
}

