use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::ParseError;

/// 状态: the judgement of a target or task. Declared from best to worst, so
/// `Ord` reads "worse than" and `max` picks the worst.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// 已完成: the target is reached (`w >= 1`).
    Done,
    /// 超进度: work ahead of time (`w >= t + 0.10`).
    Ahead,
    /// 达进度: work keeps pace with time (`w >= t - 0.05`).
    OnTrack,
    /// 欠进度: work lags time.
    Behind,
    /// 未报送: no report for the current cycle.
    NotReported,
    /// 逾期未完成: past the deadline and not done.
    Overdue,
}

const STATUS_LABELS: [(Status, &str, &str); 6] = [
    (Status::Done, "已完成", "done"),
    (Status::Ahead, "超进度", "ahead"),
    (Status::OnTrack, "达进度", "on_track"),
    (Status::Behind, "欠进度", "behind"),
    (Status::NotReported, "未报送", "not_reported"),
    (Status::Overdue, "逾期未完成", "overdue"),
];

impl Status {
    /// Best to worst.
    pub const ALL: [Status; 6] =
        [Status::Done, Status::Ahead, Status::OnTrack, Status::Behind, Status::NotReported, Status::Overdue];

    /// 已完成 / 超进度 / 达进度 / 欠进度 / 未报送 / 逾期未完成.
    pub fn label(self) -> &'static str {
        STATUS_LABELS.iter().find(|(s, ..)| *s == self).map(|(_, l, _)| *l).unwrap_or("未报送")
    }

    /// `done`, `ahead`, `on_track`, `behind`, `not_reported`, `overdue` (stored form).
    pub fn name(self) -> &'static str {
        STATUS_LABELS.iter().find(|(s, ..)| *s == self).map(|(.., n)| *n).unwrap_or("not_reported")
    }

    /// Accepts the Chinese label or the stored name.
    pub fn from_label(s: &str) -> Option<Self> {
        let s = s.trim();
        STATUS_LABELS.iter().find(|(_, l, n)| *l == s || *n == s).map(|(st, ..)| *st)
    }

    /// Whether `self` is a worse judgement than `other`.
    pub fn is_worse_than(self, other: Status) -> bool {
        self > other
    }

    /// Whether the task needs attention (欠进度, 未报送, 逾期未完成).
    pub fn is_problem(self) -> bool {
        self >= Status::Behind
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

impl FromStr for Status {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Status::from_label(s).ok_or_else(|| ParseError::new("status", s, STATUS_LABELS.iter().map(|(_, l, _)| *l)))
    }
}

/// 红黄绿灯. Ordered green < yellow < red.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Light {
    /// 绿: done, ahead, on track.
    Green,
    /// 黄: behind by less than the yellow band, or one cycle unreported.
    Yellow,
    /// 红: behind by more, overdue, or two cycles without a report.
    Red,
}

const LIGHT_LABELS: [(Light, &str, &str); 3] =
    [(Light::Green, "绿", "green"), (Light::Yellow, "黄", "yellow"), (Light::Red, "红", "red")];

impl Light {
    pub const ALL: [Light; 3] = [Light::Green, Light::Yellow, Light::Red];

    /// 绿 / 黄 / 红.
    pub fn label(self) -> &'static str {
        LIGHT_LABELS.iter().find(|(l, ..)| *l == self).map(|(_, c, _)| *c).unwrap_or("黄")
    }

    /// `green`, `yellow`, `red` (stored form, also a CSS class).
    pub fn name(self) -> &'static str {
        LIGHT_LABELS.iter().find(|(l, ..)| *l == self).map(|(.., n)| *n).unwrap_or("yellow")
    }

    /// Accepts 绿/黄/红, 绿灯/黄灯/红灯, or the English name.
    pub fn from_label(s: &str) -> Option<Self> {
        let s = s.trim();
        let s = s.strip_suffix('灯').unwrap_or(s);
        LIGHT_LABELS.iter().find(|(_, c, n)| *c == s || n.eq_ignore_ascii_case(s)).map(|(l, ..)| *l)
    }
}

impl fmt::Display for Light {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

impl FromStr for Light {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Light::from_label(s).ok_or_else(|| ParseError::new("light", s, LIGHT_LABELS.iter().map(|(_, c, _)| *c)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_labels_round_trip() {
        let expected = ["已完成", "超进度", "达进度", "欠进度", "未报送", "逾期未完成"];
        for (status, label) in Status::ALL.into_iter().zip(expected) {
            assert_eq!(status.label(), label);
            assert_eq!(Status::from_label(label), Some(status));
            assert_eq!(Status::from_label(status.name()), Some(status));
            assert_eq!(label.parse::<Status>().unwrap(), status);
        }
        assert!("完成".parse::<Status>().is_err());
    }

    #[test]
    fn status_order_reads_worse_than() {
        assert!(Status::Overdue.is_worse_than(Status::Behind));
        assert!(Status::Behind.is_worse_than(Status::OnTrack));
        assert!(Status::OnTrack.is_worse_than(Status::Ahead));
        assert!(Status::Ahead.is_worse_than(Status::Done));
        assert!(!Status::Done.is_worse_than(Status::Done));
        assert_eq!(Status::ALL.into_iter().max(), Some(Status::Overdue));
        assert!(Status::NotReported.is_problem() && !Status::OnTrack.is_problem());
    }

    #[test]
    fn light_labels_round_trip() {
        for (light, label) in Light::ALL.into_iter().zip(["绿", "黄", "红"]) {
            assert_eq!(light.label(), label);
            assert_eq!(Light::from_label(label), Some(light));
            assert_eq!(Light::from_label(&format!("{label}灯")), Some(light));
            assert_eq!(Light::from_label(light.name()), Some(light));
        }
        assert!(Light::Red > Light::Yellow && Light::Yellow > Light::Green);
    }
}
