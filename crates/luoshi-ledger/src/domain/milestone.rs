use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::ParseError;

/// 节点状态: the progress of a task without quantified targets, as its unit
/// reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MilestoneState {
    /// 未启动
    NotStarted,
    /// 推进中
    InProgress,
    /// 已完成
    Done,
}

const LABELS: [(MilestoneState, &str); 3] = [
    (MilestoneState::NotStarted, "未启动"),
    (MilestoneState::InProgress, "推进中"),
    (MilestoneState::Done, "已完成"),
];

impl MilestoneState {
    pub const ALL: [MilestoneState; 3] = [MilestoneState::NotStarted, MilestoneState::InProgress, MilestoneState::Done];

    /// The Chinese label (未启动/推进中/已完成).
    pub fn label(self) -> &'static str {
        LABELS.iter().find(|(m, _)| *m == self).map(|(_, l)| *l).unwrap_or("未启动")
    }

    /// The state named by a Chinese label.
    pub fn from_label(label: &str) -> Option<Self> {
        LABELS.iter().find(|(_, l)| *l == label.trim()).map(|(m, _)| *m)
    }
}

impl fmt::Display for MilestoneState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

impl FromStr for MilestoneState {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        MilestoneState::from_label(s).ok_or_else(|| ParseError::new("milestone state", s, LABELS.iter().map(|(_, l)| *l)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_round_trip() {
        assert_eq!(MilestoneState::NotStarted.label(), "未启动");
        assert_eq!(MilestoneState::InProgress.label(), "推进中");
        assert_eq!(MilestoneState::Done.label(), "已完成");
        for m in MilestoneState::ALL {
            assert_eq!(MilestoneState::from_label(m.label()), Some(m));
            assert_eq!(m.to_string().parse::<MilestoneState>().unwrap(), m);
        }
        assert_eq!(MilestoneState::from_label(" 推进中 "), Some(MilestoneState::InProgress));
        assert!("进行中".parse::<MilestoneState>().is_err());
    }
}
