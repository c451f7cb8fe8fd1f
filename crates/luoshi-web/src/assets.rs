//! The project's own stylesheet and script, embedded in the binary and
//! served from `/static`: nothing is fetched from anywhere else.

use axum::http::header;
use axum::response::IntoResponse;

pub const CSS: &str = include_str!("../static/luoshi.css");
pub const JS: &str = include_str!("../static/luoshi.js");

/// Cache for a day; the files change only with the binary.
const CACHE: &str = "public, max-age=86400";

pub async fn stylesheet() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8"), (header::CACHE_CONTROL, CACHE)], CSS)
}

pub async fn script() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8"), (header::CACHE_CONTROL, CACHE)], JS)
}
