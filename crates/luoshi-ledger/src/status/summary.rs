//! 统计: counts and shares per status and light, for dashboards and the
//! 督查通报 ("欠进度的有17个，占7.7%").

use serde::{Deserialize, Serialize};

use super::labels::{Light, Status};

/// Counts of judgements per status and per light.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusSummary {
    pub total: usize,
    /// Indexed like `Status::ALL`.
    pub by_status: [usize; 6],
    /// Indexed like `Light::ALL`.
    pub by_light: [usize; 3],
}

impl StatusSummary {
    /// Counts `(status, light)` pairs.
    pub fn from_judgements(items: impl IntoIterator<Item = (Status, Light)>) -> Self {
        let mut summary = StatusSummary::default();
        for (status, light) in items {
            summary.add(status, light);
        }
        summary
    }

    pub fn add(&mut self, status: Status, light: Light) {
        self.total += 1;
        self.by_status[status_index(status)] += 1;
        self.by_light[light_index(light)] += 1;
    }

    pub fn count(&self, status: Status) -> usize {
        self.by_status[status_index(status)]
    }

    pub fn count_light(&self, light: Light) -> usize {
        self.by_light[light_index(light)]
    }

    /// Share of the total in `[0, 1]`; 0 when there is nothing.
    pub fn share(&self, status: Status) -> f64 {
        ratio(self.count(status), self.total)
    }

    pub fn share_light(&self, light: Light) -> f64 {
        ratio(self.count_light(light), self.total)
    }

    /// `欠进度的有17个，占7.7%`: the count and its share to one decimal.
    pub fn phrase(&self, status: Status) -> String {
        format!("{}的有{}个，占{:.1}%", status.label(), self.count(status), self.share(status) * 100.0)
    }

    /// `红灯的有3个，占1.4%`.
    pub fn light_phrase(&self, light: Light) -> String {
        format!("{}灯的有{}个，占{:.1}%", light.label(), self.count_light(light), self.share_light(light) * 100.0)
    }
}

fn status_index(status: Status) -> usize {
    Status::ALL.iter().position(|s| *s == status).unwrap_or(0)
}

fn light_index(light: Light) -> usize {
    Light::ALL.iter().position(|l| *l == light).unwrap_or(0)
}

fn ratio(part: usize, total: usize) -> f64 {
    if total == 0 { 0.0 } else { part as f64 / total as f64 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrase_gives_count_and_share() {
        // 221 tasks, 17 behind: 7.7%.
        let mut items = vec![(Status::Behind, Light::Yellow); 17];
        items.extend(vec![(Status::OnTrack, Light::Green); 200]);
        items.extend(vec![(Status::Overdue, Light::Red); 4]);
        let summary = StatusSummary::from_judgements(items);
        assert_eq!(summary.total, 221);
        assert_eq!(summary.phrase(Status::Behind), "欠进度的有17个，占7.7%");
        assert_eq!(summary.phrase(Status::Overdue), "逾期未完成的有4个，占1.8%");
        assert_eq!(summary.phrase(Status::Done), "已完成的有0个，占0.0%");
        assert_eq!(summary.light_phrase(Light::Green), "绿灯的有200个，占90.5%");
        assert_eq!(summary.count_light(Light::Red), 4);
        let shares: f64 = Status::ALL.iter().map(|s| summary.share(*s)).sum();
        assert!((shares - 1.0).abs() < 1e-12);
    }

    #[test]
    fn an_empty_summary_has_zero_shares() {
        let summary = StatusSummary::default();
        assert_eq!(summary.share(Status::Behind), 0.0);
        assert_eq!(summary.phrase(Status::Behind), "欠进度的有0个，占0.0%");
    }
}
