//! 进展报送: progress reports as values. A report is never edited in place:
//! a correction is a new version that supersedes the old one, and the
//! effective report is picked from the whole history.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::MilestoneState;

/// A stored task's id.
pub type TaskId = i64;
/// A stored target's id.
pub type TargetId = i64;
/// A stored report's id.
pub type ReportId = i64;

/// What a report is about: one target's actual value, or a task's milestone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportSubject {
    Target(TargetId),
    Task(TaskId),
}

/// The figure a report carries.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportedValue {
    /// A (cumulative) actual value, e.g. 完成投资450亿元 as of 06-30.
    Actual(f64),
    /// 未启动/推进中/已完成, for a task without targets.
    Milestone(MilestoneState),
}

/// 审核状态 of a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "state")]
pub enum ReviewState {
    /// 待审核: filed, not yet reviewed.
    Submitted,
    /// 已采纳: accepted by the 督查室.
    Accepted,
    /// 已退回: returned to the unit, with the reason.
    Returned { reason: String },
}

impl ReviewState {
    /// 待审核 / 已采纳 / 已退回.
    pub fn label(&self) -> &'static str {
        match self {
            ReviewState::Submitted => "待审核",
            ReviewState::Accepted => "已采纳",
            ReviewState::Returned { .. } => "已退回",
        }
    }

    /// `submitted`, `accepted`, `returned` (stored form).
    pub fn name(&self) -> &'static str {
        match self {
            ReviewState::Submitted => "submitted",
            ReviewState::Accepted => "accepted",
            ReviewState::Returned { .. } => "returned",
        }
    }
}

impl fmt::Display for ReviewState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReviewState::Returned { reason } => write!(f, "{}（{reason}）", self.label()),
            _ => f.write_str(self.label()),
        }
    }
}

/// Whether reports must be accepted before they count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewPolicy {
    /// Every report counts once filed, unless it was returned.
    #[default]
    Filed,
    /// Only accepted reports count (the 督查室 reviews every report).
    AcceptedOnly,
}

/// 进展报告: one filing for one target or task.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProgressReport {
    /// 0 until stored.
    pub id: ReportId,
    pub subject: ReportSubject,
    /// The date the figure stands for (截至日期).
    pub as_of: NaiveDate,
    pub value: ReportedValue,
    /// 进展情况
    pub narrative: String,
    /// 存在问题
    pub problems: String,
    /// 下一步措施
    pub next_steps: String,
    /// Who filed it (user name).
    pub reporter: String,
    /// 1 for a first filing, +1 for each correction.
    pub version: u32,
    /// The report this one corrects.
    pub supersedes: Option<ReportId>,
    pub review: ReviewState,
}

impl ProgressReport {
    /// Whether this report may count under `policy`.
    pub fn counts_under(&self, policy: ReviewPolicy) -> bool {
        match (&self.review, policy) {
            (ReviewState::Returned { .. }, _) => false,
            (ReviewState::Accepted, _) => true,
            (ReviewState::Submitted, ReviewPolicy::Filed) => true,
            (ReviewState::Submitted, ReviewPolicy::AcceptedOnly) => false,
        }
    }

    /// A correction of this report: same subject, version + 1, superseding
    /// it, submitted afresh. The caller sets the new figures.
    pub fn correction(&self, reporter: &str) -> ProgressReport {
        ProgressReport {
            id: 0,
            version: self.version + 1,
            supersedes: Some(self.id),
            reporter: reporter.to_string(),
            review: ReviewState::Submitted,
            ..self.clone()
        }
    }
}

/// The effective report for `subject` as of `as_of`: among the reports for
/// it dated on or before `as_of` that count under `policy`, those not
/// superseded by another such report, the latest by date, then version,
/// then id. A correction that does not count yet (awaiting review) leaves
/// the report it corrects in force.
pub fn effective_report(
    reports: &[ProgressReport],
    subject: ReportSubject,
    as_of: NaiveDate,
    policy: ReviewPolicy,
) -> Option<&ProgressReport> {
    let eligible: Vec<&ProgressReport> = reports
        .iter()
        .filter(|r| r.subject == subject && r.as_of <= as_of && r.counts_under(policy))
        .collect();
    eligible
        .iter()
        .copied()
        .filter(|r| !eligible.iter().any(|other| other.supersedes == Some(r.id) && other.id != r.id))
        .max_by_key(|r| (r.as_of, r.version, r.id))
}

/// The effective report of every subject that has one, in subject order of
/// first appearance.
pub fn effective_reports(reports: &[ProgressReport], as_of: NaiveDate, policy: ReviewPolicy) -> Vec<&ProgressReport> {
    let mut subjects: Vec<ReportSubject> = Vec::new();
    for r in reports {
        if !subjects.contains(&r.subject) {
            subjects.push(r.subject);
        }
    }
    subjects.into_iter().filter_map(|s| effective_report(reports, s, as_of, policy)).collect()
}

/// The date of the latest report filed for any of `subjects` on or before
/// `as_of`, returned ones excluded: what the reminder (催办) rule counts from.
pub fn latest_report_date(reports: &[ProgressReport], subjects: &[ReportSubject], as_of: NaiveDate) -> Option<NaiveDate> {
    reports
        .iter()
        .filter(|r| subjects.contains(&r.subject) && r.as_of <= as_of && r.counts_under(ReviewPolicy::Filed))
        .map(|r| r.as_of)
        .max()
}
