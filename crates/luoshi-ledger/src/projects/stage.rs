//! 项目阶段: the steps a key project goes through, each reached on a date.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::ParseError;

/// The stage of a project, in order: a later stage implies the earlier ones
/// (an 投产 project has been signed and started), so `Ord` reads "further".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// 谋划: in preparation, not yet signed.
    Planned,
    /// 签约: the investment agreement is signed (签约一批).
    Signed,
    /// 开工: construction has started (开工一批).
    Started,
    /// 投产: production has started (投产一批).
    Producing,
    /// 达效: design output reached (达产达效).
    Effective,
}

/// (stage, label, stored name, other spellings found in sheets and reports).
const STAGE_LABELS: [(Stage, &str, &str, &[&str]); 5] = [
    (Stage::Planned, "谋划", "planned", &["储备", "前期", "谋划储备", "前期谋划", "未签约"]),
    (Stage::Signed, "签约", "signed", &["已签约", "签约落地", "拟开工", "未开工"]),
    (Stage::Started, "开工", "started", &["已开工", "在建", "新开工", "续建", "建设中"]),
    (Stage::Producing, "投产", "producing", &["已投产", "竣工", "投运", "建成投产", "竣工投产", "试生产"]),
    (Stage::Effective, "达效", "effective", &["已达效", "达产", "达产达效", "满产"]),
];

impl Stage {
    /// First to last.
    pub const ALL: [Stage; 5] = [Stage::Planned, Stage::Signed, Stage::Started, Stage::Producing, Stage::Effective];

    /// 谋划 / 签约 / 开工 / 投产 / 达效.
    pub fn label(self) -> &'static str {
        STAGE_LABELS.iter().find(|(s, ..)| *s == self).map(|(_, l, ..)| *l).unwrap_or("谋划")
    }

    /// `planned`, `signed`, `started`, `producing`, `effective` (stored form).
    pub fn name(self) -> &'static str {
        STAGE_LABELS.iter().find(|(s, ..)| *s == self).map(|(_, _, n, _)| *n).unwrap_or("planned")
    }

    /// Accepts the label, the stored name, or a common spelling (已开工, 在建…).
    pub fn parse(text: &str) -> Result<Stage, ParseError> {
        let text = text.trim();
        STAGE_LABELS
            .iter()
            .find(|(_, label, name, others)| *label == text || name.eq_ignore_ascii_case(text) || others.contains(&text))
            .map(|(stage, ..)| *stage)
            .ok_or_else(|| ParseError::new("stage", text, STAGE_LABELS.iter().flat_map(|(_, l, n, _)| [*l, *n])))
    }

    /// The stage before this one (`None` for 谋划).
    pub fn previous(self) -> Option<Stage> {
        Stage::ALL.iter().rev().copied().find(|s| *s < self)
    }
}

impl std::fmt::Display for Stage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

/// The date each step was reached (签约日期, 开工时间, 投产时间, 达效时间).
/// A project with none of them is in 谋划.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageDates {
    pub signed: Option<NaiveDate>,
    pub started: Option<NaiveDate>,
    pub producing: Option<NaiveDate>,
    pub effective: Option<NaiveDate>,
}

impl StageDates {
    /// The date `stage` was reached, if it was (谋划 has none).
    pub fn get(&self, stage: Stage) -> Option<NaiveDate> {
        match stage {
            Stage::Planned => None,
            Stage::Signed => self.signed,
            Stage::Started => self.started,
            Stage::Producing => self.producing,
            Stage::Effective => self.effective,
        }
    }

    /// Records that `stage` was reached on `date`; an earlier date already
    /// known is kept (the first evidence of a step dates it).
    pub fn record(&mut self, stage: Stage, date: NaiveDate) {
        let slot = match stage {
            Stage::Planned => return,
            Stage::Signed => &mut self.signed,
            Stage::Started => &mut self.started,
            Stage::Producing => &mut self.producing,
            Stage::Effective => &mut self.effective,
        };
        *slot = Some(slot.map_or(date, |known| known.min(date)));
    }

    /// The furthest stage reached on or before `as_of`. A later step implies
    /// the earlier ones even when their dates were never filled in (a sheet
    /// often has 开工时间 but no 签约日期).
    pub fn stage_on(&self, as_of: NaiveDate) -> Stage {
        Stage::ALL
            .iter()
            .rev()
            .copied()
            .find(|stage| self.get(*stage).is_some_and(|date| date <= as_of))
            .unwrap_or(Stage::Planned)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn labels_round_trip_and_variants_parse() {
        for stage in Stage::ALL {
            assert_eq!(Stage::parse(stage.label()).unwrap(), stage);
            assert_eq!(Stage::parse(stage.name()).unwrap(), stage);
        }
        assert_eq!(Stage::parse(" 已开工 ").unwrap(), Stage::Started);
        assert_eq!(Stage::parse("竣工投产").unwrap(), Stage::Producing);
        let err = Stage::parse("搁置").unwrap_err();
        assert!(err.to_string().contains("搁置") && err.to_string().contains("开工"));
    }

    #[test]
    fn stage_on_a_date_uses_the_furthest_step_reached() {
        let mut dates = StageDates::default();
        assert_eq!(dates.stage_on(d(2025, 6, 30)), Stage::Planned);
        dates.record(Stage::Started, d(2025, 3, 10));
        assert_eq!(dates.stage_on(d(2025, 3, 9)), Stage::Planned);
        assert_eq!(dates.stage_on(d(2025, 3, 10)), Stage::Started);
        dates.record(Stage::Signed, d(2025, 1, 5));
        dates.record(Stage::Producing, d(2025, 9, 1));
        assert_eq!(dates.stage_on(d(2025, 2, 1)), Stage::Signed);
        assert_eq!(dates.stage_on(d(2025, 12, 31)), Stage::Producing);
        // The first evidence dates a step: a later report does not move it.
        dates.record(Stage::Started, d(2025, 4, 1));
        assert_eq!(dates.started, Some(d(2025, 3, 10)));
        dates.record(Stage::Started, d(2025, 2, 1));
        assert_eq!(dates.started, Some(d(2025, 2, 1)));
    }
}
