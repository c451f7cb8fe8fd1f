//! The browser pages, rendered on the server (askama templates, escaped by
//! default). Each handler checks the user's right before reading anything.

pub mod dashboard;
pub mod import;
pub mod ledger;
pub mod login;
pub mod reminders;
pub mod review;
pub mod task;
pub mod admin;

use askama::Template;

use crate::error::WebError;

/// Render a template, turning a template failure into a 500.
pub fn render(template: &impl Template) -> Result<String, WebError> {
    template.render().map_err(|e| WebError::Internal(anyhow::anyhow!("template: {e}")))
}

/// A `<select>` option.
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

impl Choice {
    pub fn new(value: impl ToString, label: impl Into<String>, selected: bool) -> Self {
        Choice { value: value.to_string(), label: label.into(), selected }
    }
}

/// A date for display, or a dash.
pub fn date_or_dash(date: Option<chrono::NaiveDate>) -> String {
    date.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_else(|| "—".to_string())
}

/// A number without trailing zeros (680, 1.2, 0.55).
pub fn number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{value:.0}")
    } else {
        let text = format!("{value:.4}");
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// A share as a percentage with one decimal (7.7%).
pub fn percent(part: usize, whole: usize) -> String {
    if whole == 0 { "0%".to_string() } else { format!("{:.1}%", part as f64 * 100.0 / whole as f64) }
}

/// Percent-encode a query-string value.
pub fn url_encode(text: &str) -> String {
    let mut out = String::new();
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(byte as char),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}
