//! 进展报送: progress reports as values. A report is never edited in place:
//! a correction is a new version that supersedes the old one, and the
//! effective report is picked from the whole history.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::MilestoneState;
use crate::error::ReportError;

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

    /// Checks the report on its own: the value fits the subject (an actual
    /// for a target, a milestone state for a task), is a number, a reporter
    /// is named, and version and `supersedes` agree (version 1 supersedes
    /// nothing; a later version supersedes something).
    pub fn validate(&self) -> Result<(), ReportError> {
        match (self.subject, self.value) {
            (ReportSubject::Target(_), ReportedValue::Milestone(_)) => return Err(ReportError::MilestoneForTarget),
            (ReportSubject::Task(_), ReportedValue::Actual(_)) => return Err(ReportError::ValueForTask),
            (_, ReportedValue::Actual(v)) if !v.is_finite() => return Err(ReportError::NotFinite(v)),
            _ => {}
        }
        if self.reporter.trim().is_empty() {
            return Err(ReportError::NoReporter);
        }
        if self.version == 0 || (self.version == 1) != self.supersedes.is_none() {
            return Err(ReportError::VersionChain { version: self.version, supersedes: self.supersedes });
        }
        Ok(())
    }

    /// Checks that this report is a proper correction of `previous`: same
    /// subject, the next version, superseding it; and sound on its own.
    pub fn validate_correction_of(&self, previous: &ProgressReport) -> Result<(), ReportError> {
        let expected_version = previous.version + 1;
        if self.subject != previous.subject || self.version != expected_version || self.supersedes != Some(previous.id) {
            return Err(ReportError::NotACorrectionOf { expected_supersedes: previous.id, expected_version });
        }
        self.validate()
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

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, m, day).unwrap()
    }

    fn report(id: ReportId, subject: ReportSubject, as_of: NaiveDate, value: f64) -> ProgressReport {
        ProgressReport {
            id,
            subject,
            as_of,
            value: ReportedValue::Actual(value),
            narrative: format!("截至{as_of}，完成投资{value}亿元"),
            problems: String::new(),
            next_steps: String::new(),
            reporter: "gxj".into(),
            version: 1,
            supersedes: None,
            review: ReviewState::Submitted,
        }
    }

    const T1: ReportSubject = ReportSubject::Target(1);
    const T2: ReportSubject = ReportSubject::Target(2);

    fn value(r: Option<&ProgressReport>) -> Option<f64> {
        match r?.value {
            ReportedValue::Actual(v) => Some(v),
            ReportedValue::Milestone(_) => None,
        }
    }

    #[test]
    fn the_latest_report_as_of_a_date_is_effective() {
        let reports = [report(1, T1, d(3, 31), 200.0), report(2, T1, d(6, 30), 450.0), report(3, T2, d(6, 30), 9.0)];
        assert_eq!(value(effective_report(&reports, T1, d(7, 5), ReviewPolicy::Filed)), Some(450.0));
        assert_eq!(value(effective_report(&reports, T1, d(5, 1), ReviewPolicy::Filed)), Some(200.0));
        assert_eq!(value(effective_report(&reports, T1, d(3, 1), ReviewPolicy::Filed)), None);
        assert_eq!(value(effective_report(&reports, T2, d(7, 5), ReviewPolicy::Filed)), Some(9.0));
    }

    #[test]
    fn a_correction_supersedes_without_erasing_history() {
        let first = report(1, T1, d(6, 30), 450.0);
        let mut fix = first.correction("gxj2");
        fix.id = 2;
        fix.value = ReportedValue::Actual(430.0);
        assert_eq!((fix.version, fix.supersedes), (2, Some(1)));
        let reports = [first, fix];
        let effective = effective_report(&reports, T1, d(7, 1), ReviewPolicy::Filed).unwrap();
        assert_eq!((effective.id, effective.reporter.as_str()), (2, "gxj2"));
    }

    #[test]
    fn a_correction_supersedes_even_when_dated_earlier() {
        // The unit filed 06-30 by mistake and corrects it to 06-28.
        let first = report(1, T1, d(6, 30), 450.0);
        let mut fix = first.correction("gxj");
        fix.id = 2;
        fix.as_of = d(6, 28);
        let reports = [first, fix];
        assert_eq!(effective_report(&reports, T1, d(7, 1), ReviewPolicy::Filed).map(|r| r.id), Some(2));
    }

    #[test]
    fn review_decides_what_counts() {
        let mut accepted = report(1, T1, d(5, 31), 300.0);
        accepted.review = ReviewState::Accepted;
        let pending = report(2, T1, d(6, 30), 450.0);
        let mut returned = report(3, T1, d(7, 31), 500.0);
        returned.review = ReviewState::Returned { reason: "数据口径不一致".into() };
        let reports = [accepted, pending, returned];
        assert_eq!(effective_report(&reports, T1, d(8, 5), ReviewPolicy::Filed).map(|r| r.id), Some(2));
        assert_eq!(effective_report(&reports, T1, d(8, 5), ReviewPolicy::AcceptedOnly).map(|r| r.id), Some(1));
    }

    #[test]
    fn a_pending_correction_leaves_the_accepted_report_in_force() {
        let mut first = report(1, T1, d(6, 30), 450.0);
        first.review = ReviewState::Accepted;
        let mut fix = first.correction("gxj");
        fix.id = 2;
        let reports = [first, fix];
        assert_eq!(effective_report(&reports, T1, d(7, 1), ReviewPolicy::AcceptedOnly).map(|r| r.id), Some(1));
        assert_eq!(effective_report(&reports, T1, d(7, 1), ReviewPolicy::Filed).map(|r| r.id), Some(2));
    }

    #[test]
    fn effective_reports_gives_one_per_subject() {
        let reports = [report(1, T1, d(3, 31), 200.0), report(2, T2, d(6, 30), 9.0), report(3, T1, d(6, 30), 450.0)];
        let ids: Vec<ReportId> = effective_reports(&reports, d(7, 1), ReviewPolicy::Filed).iter().map(|r| r.id).collect();
        assert_eq!(ids, [3, 2]);
    }

    #[test]
    fn latest_report_date_skips_returned_reports() {
        let mut returned = report(3, T2, d(7, 31), 10.0);
        returned.review = ReviewState::Returned { reason: "请补充佐证材料".into() };
        let reports = [report(1, T1, d(3, 31), 200.0), report(2, T2, d(6, 30), 9.0), returned];
        assert_eq!(latest_report_date(&reports, &[T1, T2], d(12, 31)), Some(d(6, 30)));
        assert_eq!(latest_report_date(&reports, &[T1], d(12, 31)), Some(d(3, 31)));
        assert_eq!(latest_report_date(&reports, &[ReportSubject::Task(9)], d(12, 31)), None);
    }

    #[test]
    fn validation_of_a_filing() {
        let ok = report(1, T1, d(6, 30), 450.0);
        assert_eq!(ok.validate(), Ok(()));
        let milestone_on_target = ProgressReport { value: ReportedValue::Milestone(MilestoneState::Done), ..ok.clone() };
        assert_eq!(milestone_on_target.validate(), Err(ReportError::MilestoneForTarget));
        let value_on_task = ProgressReport { subject: ReportSubject::Task(1), ..ok.clone() };
        assert_eq!(value_on_task.validate(), Err(ReportError::ValueForTask));
        let milestone = ProgressReport {
            subject: ReportSubject::Task(1),
            value: ReportedValue::Milestone(MilestoneState::InProgress),
            ..ok.clone()
        };
        assert_eq!(milestone.validate(), Ok(()));
        let infinite = ProgressReport { value: ReportedValue::Actual(f64::INFINITY), ..ok.clone() };
        assert_eq!(infinite.validate(), Err(ReportError::NotFinite(f64::INFINITY)));
        let anonymous = ProgressReport { reporter: " ".into(), ..ok.clone() };
        assert_eq!(anonymous.validate(), Err(ReportError::NoReporter));
        let orphan = ProgressReport { version: 2, ..ok.clone() };
        assert!(matches!(orphan.validate(), Err(ReportError::VersionChain { version: 2, supersedes: None })));
        let zero = ProgressReport { version: 0, ..ok };
        assert!(zero.validate().is_err());
    }

    #[test]
    fn validation_of_a_correction() {
        let first = report(7, T1, d(6, 30), 450.0);
        let fix = first.correction("gxj");
        assert_eq!(fix.validate_correction_of(&first), Ok(()));
        let other_subject = ProgressReport { subject: T2, ..fix.clone() };
        assert_eq!(
            other_subject.validate_correction_of(&first),
            Err(ReportError::NotACorrectionOf { expected_supersedes: 7, expected_version: 2 })
        );
        let skipped = ProgressReport { version: 3, ..fix };
        assert!(skipped.validate_correction_of(&first).is_err());
        assert!(first.validate_correction_of(&first).is_err());
    }

    #[test]
    fn review_labels() {
        assert_eq!(ReviewState::Submitted.label(), "待审核");
        assert_eq!(ReviewState::Accepted.name(), "accepted");
        let returned = ReviewState::Returned { reason: "数据有误".into() };
        assert_eq!(returned.to_string(), "已退回（数据有误）");
    }
}
