//! From progress to status (TRACKING.md, "Status"): time and work progress,
//! the status of a target and of a task, lights, 双过半, and summaries.

mod double_half;
mod labels;
mod progress;
mod summary;
mod target;
mod task;
mod thresholds;

pub use double_half::{DoubleHalf, double_half, double_half_checkpoint, double_half_target};
pub use labels::{Light, Status};
pub use progress::{is_rate_target, time_progress, work_progress};
pub use summary::StatusSummary;
pub use target::{Actual, TargetJudgement, TargetPlan, judge_target, light_for, yearly_window};
pub use task::{MilestoneObservation, TaskJudgement, TaskPlan, TaskProgress, judge_milestone, judge_task};
pub use thresholds::Thresholds;
