//! The ledger's vocabulary as this crate uses it.

pub use luoshi_ledger::{Light, MilestoneState, ReportSubject, ReportedValue, Status, StatusSummary};
