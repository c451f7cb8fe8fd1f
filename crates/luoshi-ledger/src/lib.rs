//! luoshi-ledger (落实台账): the pure domain of the task ledger and its
//! status engine. No I/O and no clock: every "today" comes in as an argument.
//!
//! - [`domain`]: comparators, milestone states, reporting cycles, drafts
//! - [`units`]: 责任单位 name normalisation and abbreviations
//! - [`rights`]: roles and who may do what
//! - [`status`]: time/work progress, 状态, 红黄绿灯, 双过半, summaries
//! - [`progress`]: progress reports (进展报送), versions and review
//! - [`versions`]: pairing the tasks of a re-ingested document

pub mod domain;
pub mod error;
pub mod progress;
pub mod projects;
pub mod rights;
pub mod status;
pub mod units;
pub mod versions;

pub use domain::{Comparator, DocumentDraft, MilestoneState, ReportingCycle, SectionDraft, TargetDraft, TaskDraft};
pub use error::{DraftError, ParseError, ReportError, ThresholdError};
pub use progress::{
    ProgressReport, ReportId, ReportSubject, ReportedValue, ReviewPolicy, ReviewState, TargetId, TaskId, effective_report,
    effective_reports, latest_report_date,
};
pub use rights::{Action, Role, may};
pub use status::{
    Actual, DoubleHalf, Light, MilestoneObservation, Status, StatusSummary, TargetJudgement, TargetPlan, TaskJudgement,
    TaskPlan, TaskProgress, Thresholds, double_half, double_half_checkpoint, double_half_target, is_rate_target,
    judge_milestone, judge_target, judge_task, light_for, time_progress, work_progress, yearly_window,
};
pub use units::{UNIT_ALIASES, canonical_unit_name, normalize_unit_name, same_unit};
pub use versions::{TaskChange, TaskDiff, TaskPair, TaskRef, match_tasks, text_similarity};
