//! From progress to status (TRACKING.md, "Status"): time and work progress,
//! the status of a target and of a task, lights, 双过半, and summaries.
//!
//! Where TRACKING.md is silent, these are the choices made (all thresholds
//! are in [`Thresholds`]):
//! - `t` is taken at the actual's own date, overdue is decided by `today`.
//! - `>` (超过/突破) is done only beyond V; `~` is done from `V·(1 − 5%)` up.
//! - A control target (`<=`, `<`) within its limit is 达进度 until an actual
//!   dated on or after the deadline shows it 已完成; over the limit it is
//!   欠进度 with margin `(A − V)/|V|`, 逾期未完成 after the deadline.
//! - "Behind by" is `t − w`: yellow below 0.15, red from it.
//! - Worse-than order: 已完成 < 超进度 < 达进度 < 欠进度 < 未报送 < 逾期未完成.
//!   A task's status and its light are each the worst of its targets'.
//! - A cycle counts as missed once it has closed (its last day passed)
//!   without a report dated in it or later; one missed cycle makes a task
//!   not yet done 未报送 (yellow), two make it red. 已完成 needs no reports.
//! - Milestones: 已完成 done; 推进中 on track; 未启动 counts as `w = 0`.
//! - Actuals dated before the plan's start do not count (last year's figure
//!   for a yearly quota, see [`yearly_window`]).

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
