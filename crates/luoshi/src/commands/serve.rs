//! `luoshi [--db URL] serve [--addr 127.0.0.1:8080]`: the web app.

use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::Context;
use chrono::NaiveDate;
use luoshi_extract::Extraction;
use luoshi_store::{IngestOptions, Store};
use luoshi_text::PlainText;
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

/// Save an extraction as a document through the CLI's one mapping
/// (`ingest_map::to_draft`, as `luoshi ingest` does); returns the document id.
pub async fn ingest_extraction(store: &Store, actor: &str, text: &PlainText, extraction: &Extraction) -> anyhow::Result<i64> {
    let draft = crate::ingest_map::to_draft(extraction, text, extraction.document.year);
    let options = IngestOptions { issuer: extraction.document.issuer.clone(), doc_number: extraction.document.doc_number.clone(), reporting_cycle: None };
    let outcome = store.ingest(actor, &draft, &options).await?;
    Ok(outcome.document_id())
}

/// The web app's import hook: the CLI's mapping, shared.
pub fn ingest_hook() -> IngestFn {
    Arc::new(|store: Store, request: IngestRequest| {
        Box::pin(async move { ingest_extraction(&store, &request.actor, &request.text, &request.extraction).await })
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
