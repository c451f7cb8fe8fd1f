//! The vocabulary of the ledger: comparators, milestone states, reporting
//! cycles, and the drafts a document is ingested from.

mod comparator;
mod cycle;
mod drafts;
mod milestone;

pub use comparator::Comparator;
pub use cycle::ReportingCycle;
pub use drafts::{DocumentDraft, SectionDraft, TargetDraft, TaskDraft};
pub use milestone::MilestoneState;
