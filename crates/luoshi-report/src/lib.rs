//! luoshi-report: what a supervision office circulates and receives.
//!
//! - [`supervision`]: the 督查通报 for a document as of a date, in Markdown,
//!   HTML (self-contained) and .docx.
//! - [`xlsx`]: the ledger in the 分工方案 layout, the status scorecard by
//!   unit (考评), and the progress sheet a unit fills in; imports of an
//!   existing 分工方案 sheet and of filled-in progress sheets.
//! - [`chart`]: the status chart as SVG (reused by the web app) and PNG.
//!
//! Input is plain view models ([`model`]); the caller loads them from the
//! store. Nothing here touches a database.

pub mod chart;
pub mod domain;
pub mod model;
pub mod projects;
pub mod summary;
pub mod supervision;

pub use chart::{status_chart_png, status_chart_svg};
pub use model::*;
pub use summary::{StatusSummary, summarise_tasks};
pub mod xlsx;
