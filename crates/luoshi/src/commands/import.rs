//! `luoshi import ledger|progress FILE.xlsx`: an office's 分工方案 sheet
//! becomes a document in the ledger; a filled-in progress sheet becomes
//! progress reports, all or nothing, skipping rows already reported.

use super::Global;
use anyhow::{Context, Result, bail};
use luoshi_ledger::ReviewState;
use luoshi_report::xlsx::{KnownTarget, KnownTasks, ProgressImportError, ProgressRecord, import_ledger, import_progress};
use luoshi_store::{IngestOptions, NewReport, Store, StoredReport, TaskFilter};
use std::collections::HashMap;
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
    #[arg(long = "as", default_value = "cli")]
    pub actor: String,
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
    let mut draft = ledger.to_document_draft(&args.file.display().to_string());
    draft.content_hash = content_hash(&draft.text);
    let outcome = store.ingest(&args.actor, &draft, &IngestOptions::default()).await?;
    println!("{}: {} tasks from sheet 「{}」 → document {}", args.file.display(), draft.tasks.len(), ledger.sheet, outcome.document_id());
    Ok(())
}

/// A stable fingerprint of the text (FNV-1a), so re-importing the same sheet is recognised.
fn content_hash(text: &str) -> String {
    let hash = text.bytes().fold(0xcbf29ce484222325u64, |h, b| (h ^ b as u64).wrapping_mul(0x100000001b3));
    format!("xlsx-{hash:016x}")
}

async fn import_progress_sheet(store: &Store, args: &Args, bytes: &[u8]) -> Result<()> {
    let ledger = store.ledger(&TaskFilter::default()).await?;
    let mut known = KnownTasks::default();
    for task in &ledger {
        known.insert(task.id, task.targets.iter().map(|t| KnownTarget { id: t.id, unit: t.unit.clone() }).collect());
    }
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
    let mut existing: HashMap<i64, Vec<StoredReport>> = HashMap::new();
    let mut fresh = Vec::new();
    for record in records {
        if !existing.contains_key(&record.task_id) {
            existing.insert(record.task_id, store.task_reports(record.task_id).await?);
        }
        if !already_reported(&existing[&record.task_id], &record) {
            fresh.push(record);
        }
    }
    for record in &fresh {
        let report = NewReport {
            subject: record.subject,
            as_of: record.as_of,
            value: record.value,
            narrative: record.narrative.clone(),
            problems: record.problems.clone(),
            next_steps: record.next_steps.clone(),
        };
        store
            .add_report(&args.actor, report)
            .await
            .with_context(|| format!("{}: row {}", args.file.display(), record.row))?;
    }
    println!(
        "{}: {} row(s) read, {} new report(s) filed, {} already reported",
        args.file.display(),
        read,
        fresh.len(),
        read - fresh.len()
    );
    Ok(())
}

/// A row identical to a report in force (same subject, date, figure and
/// words) was filed before: importing the same sheet twice adds nothing.
fn already_reported(reports: &[StoredReport], record: &ProgressRecord) -> bool {
    reports.iter().any(|stored| {
        let r = &stored.report;
        stored.superseded_by.is_none()
            && !matches!(r.review, ReviewState::Returned { .. })
            && r.subject == record.subject
            && r.as_of == record.as_of
            && r.value == record.value
            && r.narrative == record.narrative
            && r.problems == record.problems
            && r.next_steps == record.next_steps
    })
}
