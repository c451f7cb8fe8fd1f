use serde::{Deserialize, Serialize};

use crate::error::ThresholdError;

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

/// One row of the range table: name, getter, check, what is expected.
type Range = (&'static str, fn(&Thresholds) -> f64, fn(f64) -> bool, &'static str);

/// Each setting with the range it must lie in, as one table.
const RANGES: [Range; 5] = [
    ("ahead", |t| t.ahead, |v| (0.0..=1.0).contains(&v), "must lie in 0..=1"),
    ("on_track", |t| t.on_track, |v| (-1.0..=0.0).contains(&v), "must lie in -1..=0"),
    ("yellow_band", |t| t.yellow_band, |v| v > 0.0 && v <= 1.0, "must lie in (0, 1]"),
    ("about_tolerance", |t| t.about_tolerance, |v| (0.0..1.0).contains(&v), "must lie in 0..1"),
    ("double_half", |t| t.double_half, |v| v > 0.0 && v <= 1.0, "must lie in (0, 1]"),
];

impl Thresholds {
    /// Checks every setting lies in its range (NaN never does), and that at
    /// least one missed cycle is needed before red.
    pub fn validate(&self) -> Result<(), ThresholdError> {
        for (name, get, ok, expected) in RANGES {
            let value = get(self);
            if !ok(value) {
                return Err(ThresholdError { name, value, expected });
            }
        }
        if self.red_after_missed_cycles == 0 {
            return Err(ThresholdError {
                name: "red_after_missed_cycles",
                value: 0.0,
                expected: "must be at least 1",
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_the_spec_values_and_valid() {
        let t = Thresholds::default();
        assert_eq!((t.ahead, t.on_track, t.yellow_band), (0.10, -0.05, 0.15));
        assert_eq!((t.about_tolerance, t.double_half, t.red_after_missed_cycles), (0.05, 0.5, 2));
        assert_eq!(t.validate(), Ok(()));
    }

    #[test]
    fn out_of_range_settings_are_named() {
        let bad = Thresholds { on_track: 0.05, ..Thresholds::default() };
        assert_eq!(bad.validate().unwrap_err().to_string(), "threshold on_track = 0.05: must lie in -1..=0");
        let nan = Thresholds { yellow_band: f64::NAN, ..Thresholds::default() };
        assert_eq!(nan.validate().unwrap_err().name, "yellow_band");
        let never_red = Thresholds { red_after_missed_cycles: 0, ..Thresholds::default() };
        assert_eq!(never_red.validate().unwrap_err().name, "red_after_missed_cycles");
    }

    #[test]
    fn missing_settings_take_their_defaults() {
        let t: Thresholds = serde_json::from_str(r#"{"ahead": 0.2}"#).unwrap();
        assert_eq!(t, Thresholds { ahead: 0.2, ..Thresholds::default() });
    }
}
