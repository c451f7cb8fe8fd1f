//! `luoshi [--db URL] serve [--addr 127.0.0.1:8080]`: the web app.

use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::Context;
use chrono::NaiveDate;
use luoshi_extract::Extraction;
use luoshi_ledger::{DocumentDraft, SectionDraft, TargetDraft, TaskDraft};
use luoshi_store::{IngestOptions, Store};
use luoshi_web::{AppState, IngestFn, IngestRequest, WebConfig};

use super::Global;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Address to listen on (loopback by default; use 0.0.0.0:8080 for the intranet).
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// Judge statuses as of this date instead of today (YYYY-MM-DD; demos and tests).
    #[arg(long)]
    pub today: Option<NaiveDate>,
    /// Session lifetime in hours.
    #[arg(long, default_value_t = 8)]
    pub session_hours: i64,
    /// Mark the session cookie Secure (when served behind HTTPS).
    #[arg(long)]
    pub secure_cookie: bool,
}

/// A stable fingerprint of a document text (FNV-1a, 64 bits, plus length):
/// the store refuses to ingest the same text twice.
fn fingerprint(text: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("fnv1a64:{hash:016x}:{}", text.len())
}

fn date(deadline: &luoshi_extract::Deadline, year: Option<i32>) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(deadline.year.or(year)?, deadline.month, deadline.day)
}

/// Map an extraction onto the ledger's drafts. The task deadline is its
/// latest target deadline (the extraction carries deadlines per target).
pub fn draft_from_extraction(text: &str, extraction: &Extraction) -> DocumentDraft {
    let doc = &extraction.document;
    let year = doc.year;
    let char_text = |start: usize, end: usize| text.chars().skip(start).take(end.saturating_sub(start)).collect::<String>();
    DocumentDraft {
        source: doc.source.clone(),
        title: doc.title.clone(),
        year,
        period_end: doc.period_end.as_ref().and_then(|d| date(d, year)),
        text: text.to_string(),
        content_hash: fingerprint(text),
        sections: extraction
            .sections
            .iter()
            .map(|s| SectionDraft { level: s.level, heading: s.heading.clone(), span: (s.span.start, s.span.end) })
            .collect(),
        tasks: extraction
            .tasks
            .iter()
            .map(|t| {
                let targets: Vec<TargetDraft> = t
                    .targets
                    .iter()
                    .map(|g| TargetDraft {
                        metric: g.metric.clone(),
                        value: g.value,
                        unit: g.unit.clone(),
                        cmp: luoshi_ledger::Comparator::from_symbol(g.cmp.symbol()).unwrap_or(luoshi_ledger::Comparator::AtLeast),
                        deadline: g.deadline.as_ref().and_then(|d| date(d, year)),
                        yearly: g.yearly,
                        span: (g.span.start, g.span.end),
                        text: g.text.clone(),
                        baseline: None,
                    })
                    .collect();
                TaskDraft {
                    key: t.id.clone(),
                    section_path: t.section.clone(),
                    title: t.title.clone(),
                    text: char_text(t.span.start, t.span.end),
                    span: (t.span.start, t.span.end),
                    units: t.units.clone(),
                    deadline: targets.iter().filter_map(|g| g.deadline).max(),
                    targets,
                }
            })
            .collect(),
    }
}

/// Save an extraction as a document; returns the document id.
pub async fn ingest_extraction(store: &Store, actor: &str, text: &str, extraction: &Extraction) -> anyhow::Result<i64> {
    let draft = draft_from_extraction(text, extraction);
    let options = IngestOptions { issuer: extraction.document.issuer.clone(), doc_number: extraction.document.doc_number.clone(), reporting_cycle: None };
    let outcome = store.ingest(actor, &draft, &options).await?;
    Ok(outcome.document_id())
}

/// The web app's import hook: the CLI's mapping, shared.
pub fn ingest_hook() -> IngestFn {
    Arc::new(|store: Store, request: IngestRequest| {
        Box::pin(async move { ingest_extraction(&store, &request.actor, &request.text.text, &request.extraction).await })
    })
}

/// Open the store and serve until Ctrl-C.
pub async fn serve_store(store: Store, addr: SocketAddr, config: WebConfig) -> anyhow::Result<()> {
    let state = Arc::new(AppState::new(store, config, Some(ingest_hook())));
    luoshi_web::serve(state, addr).await
}

pub async fn run(global: &Global, args: Args) -> anyhow::Result<()> {
    // Enough connections for 100 concurrent clients without queueing on the pool.
    let store = Store::open_with(&global.db, 16).await.with_context(|| format!("opening {}", global.db))?;
    let config = WebConfig {
        session_ttl: chrono::Duration::hours(args.session_hours.clamp(1, 24 * 30)),
        secure_cookie: args.secure_cookie,
        today: args.today,
        ..WebConfig::default()
    };
    serve_store(store, args.addr, config).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_differ_by_content() {
        assert_eq!(fingerprint("清河"), fingerprint("清河"));
        assert_ne!(fingerprint("清河"), fingerprint("清江"));
    }
}
