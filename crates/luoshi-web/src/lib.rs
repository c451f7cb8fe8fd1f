//! luoshi-web (落实·任务督查): the axum server. Pages are rendered on the
//! server in Chinese; the stylesheet and the one small script are the
//! project's own, embedded in the binary. Rights are checked on the server
//! on every route with `luoshi_ledger::may`; the JSON API lives under
//! `/api/v1` with its OpenAPI document at `/api/v1/openapi.json`.
//!
//! - [`auth`]: passwords (argon2), sessions, CSRF, sign-in rate limit
//! - [`pages`]: the browser pages; [`api`]: the JSON API
//! - [`snapshot`]: the judged ledger in memory; [`query`], [`summary`]

pub mod api;
pub mod assets;
pub mod auth;
pub mod charts;
pub mod chrome;
pub mod error;
pub mod pages;
pub mod projects;
pub mod query;
pub mod reports;
pub mod snapshot;
pub mod state;
pub mod summary;
pub mod tasks;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderValue, header};
use axum::response::Response;
use axum::routing::{get, post};

pub use state::{AppState, IngestFn, IngestFuture, IngestRequest, WebConfig};

/// Headers on every answer: no framing, no MIME sniffing, only our own
/// scripts and styles.
async fn security_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'"),
    );
    if !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

/// Every route of the application.
pub fn router(state: Arc<AppState>) -> Router {
    use pages::*;
    let upload_limit = DefaultBodyLimit::max(import::MAX_UPLOAD_BYTES + 1024 * 1024);
    let (api, _) = api::router();
    Router::new()
        .route("/static/luoshi.css", get(assets::stylesheet))
        .route("/static/luoshi.js", get(assets::script))
        .route("/login", get(login::show).post(login::submit))
        .route("/logout", post(login::logout))
        .route("/", get(dashboard::show))
        .route("/tasks", get(ledger::show))
        .route("/tasks/{id}", get(task::show))
        .route("/tasks/{id}/report", get(task::report_form).post(task::report_submit))
        .route("/review", get(review::show))
        .route("/review/{id}/accept", post(review::accept))
        .route("/review/{id}/return", post(review::return_report))
        .route("/reminders", get(reminders::show).post(reminders::issue_submit))
        .route("/reminders/notice", get(reminders::notice))
        .route("/import", get(import::show))
        .route("/import/preview", post(import::preview).layer(upload_limit))
        .route("/import/save", post(import::save_submit))
        .route("/reports", get(crate::reports::pages::show))
        .route("/reports/document", get(crate::reports::pages::document_report))
        .route("/reports/export/{sheet}", get(crate::reports::pages::export))
        .route("/reports/progress", post(crate::reports::pages::progress_upload).layer(upload_limit))
        .route("/reports/ledger", post(crate::reports::pages::ledger_preview).layer(upload_limit))
        .route("/units", get(admin::units))
        .route("/units/alias", post(admin::add_alias))
        .route("/users", get(admin::users).post(admin::add_user))
        .merge(crate::projects::router())
        .merge(api.route_layer(upload_limit))
        .layer(axum::middleware::map_response(security_headers))
        .with_state(state)
}

/// Serve until Ctrl-C.
pub async fn serve(state: Arc<AppState>, addr: SocketAddr) -> anyhow::Result<()> {
    let listener = tokio::net::TcpListener::bind(addr).await.map_err(|e| anyhow::anyhow!("cannot listen on {addr}: {e}"))?;
    let local = listener.local_addr()?;
    eprintln!("luoshi: serving http://{local}/ (Ctrl-C stops)");
    // Expired sessions are refused on sight; this only keeps the table small.
    let sweeper = state.clone();
    tokio::spawn(async move {
        let mut every_hour = tokio::time::interval(std::time::Duration::from_secs(3600));
        loop {
            every_hour.tick().await;
            if let Err(err) = sweeper.store.delete_expired_sessions().await {
                eprintln!("luoshi-web: removing expired sessions failed: {err}");
            }
        }
    });
    let app = router(state).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await?;
    Ok(())
}
