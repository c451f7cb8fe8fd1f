use serde::{Deserialize, Serialize};

/// 判定阈值: the configurable numbers of the status rules. `Default` gives
/// the values of TRACKING.md.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Thresholds {
    /// 超进度 when `w >= t + ahead` (0.10).
    pub ahead: f64,
    /// 达进度 when `w >= t + on_track` (−0.05: a small lag is tolerated).
    pub on_track: f64,
    /// A behind target is yellow while `t − w` is below this (0.15), red beyond.
    pub yellow_band: f64,
    /// A `~` (左右) target is done within this relative band below V (0.05).
    pub about_tolerance: f64,
    /// 双过半: a task passes at the half-way point when `w >=` this (0.5).
    pub double_half: f64,
    /// A task with this many closed cycles without a report turns red (2).
    pub red_after_missed_cycles: u32,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            ahead: 0.10,
            on_track: -0.05,
            yellow_band: 0.15,
            about_tolerance: 0.05,
            double_half: 0.5,
            red_after_missed_cycles: 2,
        }
    }
}
