//! Excel: what the office circulates (ledger, scorecard, progress sheet)
//! and what it gets back (分工方案 sheets, filled-in progress sheets).
//!
//! Writing uses rust_xlsxwriter; reading uses calamine, so the two never
//! share a bug.

pub(crate) mod grid;
pub(crate) mod headers;
mod ledger_export;
mod ledger_import;
mod progress;
mod scorecard;
mod style;

pub use grid::SheetError;
pub use headers::Field;
pub use ledger_export::{LEDGER_COLUMNS, ledger_workbook};
pub use ledger_import::{ImportedLedger, ImportedTask, SkippedRow, import_ledger};
pub use progress::{
    CellError, KnownTarget, KnownTasks, PROGRESS_COLUMNS, ProgressImportError, ProgressRecord, ProgressSheet,
    import_progress, progress_workbook,
};
pub use scorecard::{STATUS_POINTS, UnitScore, status_workbook, unit_scorecard};

/// Writing a workbook failed (only on impossible sizes or names).
#[derive(Debug, thiserror::Error)]
#[error("writing the workbook failed: {0}")]
pub struct WriteError(#[from] rust_xlsxwriter::XlsxError);
