//! Clock and date spellings shared by every table: RFC 3339 UTC timestamps,
//! ISO dates (`2024-06-30`).

use crate::error::{Result, StoreError};
use chrono::{NaiveDate, SecondsFormat, Utc};

/// Now, as stored in `*_at` columns.
pub(crate) fn now_rfc3339() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Micros, true)
}

/// A date as stored.
pub(crate) fn iso(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// A stored date read back; `None` for NULL.
pub(crate) fn parse_date(what: &'static str, value: Option<String>) -> Result<Option<NaiveDate>> {
    match value {
        None => Ok(None),
        Some(text) => NaiveDate::parse_from_str(&text, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| StoreError::Corrupt { what, value: text }),
    }
}
