//! Counting tasks per status, and saying it the way a 通报 does
//! (`欠进度的有17个，占7.7%`).

use crate::domain::{Light, Status};
use crate::model::TaskView;

/// Counts per status and light (mirrors luoshi-ledger's `StatusSummary`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StatusSummary {
    pub total: usize,
    /// Indexed like `Status::ALL`.
    pub by_status: [usize; 6],
    /// Indexed like `Light::ALL`.
    pub by_light: [usize; 3],
}

impl StatusSummary {
    pub fn from_judgements(items: impl IntoIterator<Item = (Status, Light)>) -> Self {
        let mut summary = Self::default();
        for (status, light) in items {
            summary.total += 1;
            summary.by_status[Status::ALL.iter().position(|s| *s == status).unwrap_or(0)] += 1;
            summary.by_light[Light::ALL.iter().position(|l| *l == light).unwrap_or(0)] += 1;
        }
        summary
    }
    pub fn count(&self, status: Status) -> usize {
        self.by_status[Status::ALL.iter().position(|s| *s == status).unwrap_or(0)]
    }
    pub fn count_light(&self, light: Light) -> usize {
        self.by_light[Light::ALL.iter().position(|l| *l == light).unwrap_or(0)]
    }
    pub fn share(&self, status: Status) -> f64 {
        if self.total == 0 { 0.0 } else { self.count(status) as f64 / self.total as f64 }
    }
    pub fn phrase(&self, status: Status) -> String {
        format!("{}的有{}个，占{:.1}%", status.label(), self.count(status), self.share(status) * 100.0)
    }
}

/// The summary of a list of tasks.
pub fn summarise_tasks(tasks: &[TaskView]) -> StatusSummary {
    StatusSummary::from_judgements(tasks.iter().map(|task| (task.status, task.light)))
}

/// Each status with its count, in the order a report lists them.
pub fn status_rows(summary: &StatusSummary) -> impl Iterator<Item = (Status, usize)> + '_ {
    Status::ALL.into_iter().map(|s| (s, summary.count(s)))
}

/// One decimal, the way 通报 print shares: `7.7%`, `100.0%`.
pub fn format_percent(percent: f64) -> String {
    format!("{percent:.1}%")
}

/// A share in [0, 1] as a percentage with one decimal.
pub fn format_share(share: f64) -> String {
    format_percent(share * 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrase_counts_and_shares() {
        let mut items = vec![(Status::OnTrack, Light::Green); 204];
        items.extend([(Status::Behind, Light::Yellow); 17]);
        let summary = StatusSummary::from_judgements(items);
        assert_eq!(summary.total, 221);
        assert_eq!(summary.phrase(Status::Behind), "欠进度的有17个，占7.7%");
        assert_eq!(summary.phrase(Status::Done), "已完成的有0个，占0.0%");
        assert_eq!(format_share(summary.share(Status::OnTrack)), "92.3%");
    }
}
