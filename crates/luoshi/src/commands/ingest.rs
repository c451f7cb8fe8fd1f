//! `luoshi [--db URL] ingest FILE... [--year Y] [--cycle C] [--format json|table]`
//!
//! Reads, extracts and stores each file in its own transaction. The same
//! text again changes nothing; a revised text becomes a new version whose
//! diff is printed. Reading and extraction run on a blocking thread ahead of
//! the database writes, so the two cores work at once.

use super::Global;
use crate::ingest_map::to_draft;
use crate::ledger_output::{Format, actor, open_store};
use anyhow::anyhow;
use indicatif::{ProgressBar, ProgressStyle};
use luoshi_ledger::{DocumentDraft, ReportingCycle};
use luoshi_store::{IngestOptions, IngestOutcome};
use std::path::PathBuf;

/// A batch of at least this many files refreshes the planner statistics.
const ANALYZE_AFTER_FILES: usize = 20;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Plan documents (.txt, .docx, .pdf, .html, .xlsx).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// The plan year, when the documents do not say it.
    #[arg(long)]
    pub year: Option<i32>,
    /// 报送周期 of new documents: weekly|monthly|quarterly (周调度|月点评|季考核).
    #[arg(long, value_parser = parse_cycle)]
    pub cycle: Option<ReportingCycle>,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Who is ingesting (recorded in the audit log).
    #[arg(long)]
    pub actor: Option<String>,
}

fn parse_cycle(text: &str) -> Result<ReportingCycle, String> {
    text.parse::<ReportingCycle>().map_err(|e| e.to_string())
}

/// A file read and extracted, ready to store.
struct Prepared {
    file: PathBuf,
    draft: Result<(DocumentDraft, IngestOptions), String>,
}

fn prepare(file: PathBuf, year: Option<i32>, cycle: Option<ReportingCycle>) -> Prepared {
    let draft = luoshi_read::read_path(&file).map_err(|e| e.to_string()).map(|text| {
        let options = luoshi_extract::Options {
            source: file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
            year,
        };
        let extraction = luoshi_extract::extract(&text, &options);
        let ingest_options = IngestOptions {
            issuer: extraction.document.issuer.clone(),
            doc_number: extraction.document.doc_number.clone(),
            reporting_cycle: cycle,
        };
        (to_draft(&extraction, &text, year), ingest_options)
    });
    Prepared { file, draft }
}

pub async fn run(global: &Global, args: Args) -> anyhow::Result<()> {
    let store = open_store(&global.db).await?;
    let actor = actor(args.actor.as_deref());
    let bar = ProgressBar::new(args.files.len() as u64);
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} {elapsed_precise} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    if args.files.len() < 2 {
        bar.set_draw_target(indicatif::ProgressDrawTarget::hidden());
    }

    let (sender, mut receiver) = tokio::sync::mpsc::channel::<Prepared>(8);
    let (files, year, cycle) = (args.files.clone(), args.year, args.cycle);
    let reader = tokio::task::spawn_blocking(move || {
        for file in files {
            if sender.blocking_send(prepare(file, year, cycle)).is_err() {
                break;
            }
        }
    });

    let mut failures = 0;
    while let Some(prepared) = receiver.recv().await {
        let name = prepared.file.display().to_string();
        bar.set_message(name.clone());
        let line = match prepared.draft {
            Err(reason) => {
                failures += 1;
                Err(format!("{name}: {reason}"))
            }
            Ok((draft, options)) => match store.ingest(&actor, &draft, &options).await {
                Ok(outcome) => Ok(describe(&name, &outcome, args.format)?),
                Err(err) => {
                    failures += 1;
                    Err(format!("{name}: {err}"))
                }
            },
        };
        bar.suspend(|| match line {
            Ok(text) => crate::ledger_output::emit(&text),
            Err(text) => eprintln!("luoshi: {text}"),
        });
        bar.inc(1);
    }
    bar.finish_and_clear();
    reader.await?;
    if args.files.len() >= ANALYZE_AFTER_FILES {
        // Fresh statistics keep the status query on its index plans.
        store.analyze().await?;
    }
    if failures > 0 {
        return Err(anyhow!("{failures} of {} files were not ingested", args.files.len()));
    }
    Ok(())
}

fn describe(name: &str, outcome: &IngestOutcome, format: Format) -> anyhow::Result<String> {
    if format == Format::Json {
        let mut value = serde_json::to_value(outcome)?;
        value["file"] = name.into();
        if let IngestOutcome::NewVersion { diff, .. } = outcome {
            value["summary"] = diff.summary().into();
        }
        return Ok(serde_json::to_string(&value)?);
    }
    Ok(match outcome {
        IngestOutcome::Unchanged { document_id } => format!("{name}: 未变化（已入库为文件 {document_id}）"),
        IngestOutcome::Created { document_id, tasks, targets } => {
            format!("{name}: 已入库为文件 {document_id}，任务{tasks}项，目标{targets}个")
        }
        IngestOutcome::NewVersion { document_id, version, supersedes, diff } => {
            format!("{name}: 新版本，文件 {document_id}（第{version}版，替代文件 {supersedes}）\n{}", diff.summary())
        }
    })
}
