//! Shared by the ledger commands: output format, tables, opening the store,
//! and who is acting.

use anyhow::Context;
use comfy_table::{ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};
use luoshi_store::Store;

/// `--format`: JSON for programs, a table for people.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Format {
    Json,
    #[default]
    Table,
}

/// Opens the ledger named by `--db`, creating an SQLite file when missing.
pub async fn open_store(db: &str) -> anyhow::Result<Store> {
    Store::open(db).await.with_context(|| format!("cannot open the ledger database {db}"))
}

/// Who the audit log records for a change made from the command line:
/// `--actor`, else `LUOSHI_ACTOR`, else the login name.
pub fn actor(given: Option<&str>) -> String {
    given
        .map(str::to_string)
        .or_else(|| std::env::var("LUOSHI_ACTOR").ok())
        .or_else(|| std::env::var("USER").ok())
        .filter(|a| !a.trim().is_empty())
        .unwrap_or_else(|| "cli".to_string())
}

/// A table with CJK-aware column widths.
pub fn table(header: &[&str]) -> Table {
    let mut table = Table::new();
    table
        .load_preset(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(header.to_vec());
    table
}

pub fn print_json<T: serde::Serialize>(value: &T) -> anyhow::Result<()> {
    emit(&serde_json::to_string_pretty(value)?);
    Ok(())
}

/// Prints a line to stdout; a closed pipe (`| head`) ends the output quietly.
pub fn emit(text: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    if writeln!(out, "{text}").is_err() {
        std::process::exit(0);
    }
}

/// A ratio as a percentage with one decimal (`55.6%`).
pub fn percent(value: Option<f64>) -> String {
    value.map_or_else(|| "—".to_string(), |v| format!("{:.1}%", v * 100.0))
}

/// A number without a needless `.0`.
pub fn number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 { format!("{}", value as i64) } else { format!("{value}") }
}

/// Parses `YYYY-MM-DD`.
pub fn parse_date(text: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| format!("{text:?} is not a date (YYYY-MM-DD)"))
}

pub fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}
