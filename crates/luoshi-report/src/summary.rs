//! Counting tasks per status, and saying it the way a 通报 does
//! (`欠进度的有17个，占7.7%`). The counting is luoshi-ledger's
//! [`StatusSummary`]; this adds the views the reports need.

pub use crate::domain::StatusSummary;
use crate::domain::Status;
use crate::model::TaskView;

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
    use crate::domain::Light;

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
