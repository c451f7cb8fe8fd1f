use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::error::ParseError;

/// 报送周期: how often a document's lead units report, set per document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportingCycle {
    /// 周调度: ISO weeks, Monday to Sunday.
    Weekly,
    /// 月点评: calendar months.
    Monthly,
    /// 季考核: calendar quarters.
    Quarterly,
}

/// Chinese label and English name of each cycle.
const NAMES: [(ReportingCycle, &str, &str); 3] = [
    (ReportingCycle::Weekly, "周调度", "weekly"),
    (ReportingCycle::Monthly, "月点评", "monthly"),
    (ReportingCycle::Quarterly, "季考核", "quarterly"),
];

impl ReportingCycle {
    pub const ALL: [ReportingCycle; 3] = [ReportingCycle::Weekly, ReportingCycle::Monthly, ReportingCycle::Quarterly];

    /// 周调度 / 月点评 / 季考核.
    pub fn label(self) -> &'static str {
        NAMES.iter().find(|(c, ..)| *c == self).map(|(_, l, _)| *l).unwrap_or("月点评")
    }

    /// `weekly` / `monthly` / `quarterly` (the stored and CLI spelling).
    pub fn name(self) -> &'static str {
        NAMES.iter().find(|(c, ..)| *c == self).map(|(.., n)| *n).unwrap_or("monthly")
    }

    /// Accepts the English name or the Chinese label.
    pub fn from_label(s: &str) -> Option<Self> {
        let s = s.trim();
        NAMES.iter().find(|(_, l, n)| *l == s || n.eq_ignore_ascii_case(s)).map(|(c, ..)| *c)
    }

    /// The first and last day of the cycle that contains `date`.
    pub fn period_of(self, date: NaiveDate) -> (NaiveDate, NaiveDate) {
        let first = match self {
            ReportingCycle::Weekly => date - Days::new(u64::from(date.weekday().num_days_from_monday())),
            ReportingCycle::Monthly => date.with_day(1).unwrap_or(date),
            ReportingCycle::Quarterly => {
                let month = (date.month0() / 3) * 3 + 1;
                NaiveDate::from_ymd_opt(date.year(), month, 1).unwrap_or(date)
            }
        };
        (first, self.end_of_period_starting(first))
    }

    /// The last day of the cycle that contains `date` (its report is due then).
    pub fn period_end(self, date: NaiveDate) -> NaiveDate {
        self.period_of(date).1
    }

    fn end_of_period_starting(self, first: NaiveDate) -> NaiveDate {
        let next = match self {
            ReportingCycle::Weekly => first.checked_add_days(Days::new(7)),
            ReportingCycle::Monthly => first.checked_add_months(Months::new(1)),
            ReportingCycle::Quarterly => first.checked_add_months(Months::new(3)),
        };
        next.and_then(|n| n.pred_opt()).unwrap_or(NaiveDate::MAX)
    }

    /// The end dates of every cycle that ends within `from..=to`, in order.
    pub fn cycle_end_dates(self, from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
        let mut ends = Vec::new();
        let mut end = self.period_end(from);
        while end <= to {
            ends.push(end);
            match end.succ_opt() {
                Some(next) => end = self.period_end(next),
                None => break,
            }
        }
        ends
    }

    /// 连续未报送周期数: how many cycles have closed (ended before `today`)
    /// since the cycle of the last report, counting only cycles from the one
    /// containing `start` on. A report filed in the still-open cycle counts, so
    /// a unit that reports late is no longer missing.
    pub fn missed_cycles(self, start: NaiveDate, last_report: Option<NaiveDate>, today: NaiveDate) -> u32 {
        // The first cycle that needed a report: the one after the last report's,
        // or the one containing the start.
        let first_due = match last_report {
            Some(reported) if reported >= start => match self.period_end(reported).succ_opt() {
                Some(next) => next,
                None => return 0,
            },
            _ => start,
        };
        let Some(yesterday) = today.pred_opt() else { return 0 };
        if first_due > yesterday {
            return 0;
        }
        u32::try_from(self.cycle_end_dates(first_due, yesterday).len()).unwrap_or(u32::MAX)
    }
}

impl fmt::Display for ReportingCycle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

impl FromStr for ReportingCycle {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ReportingCycle::from_label(s)
            .ok_or_else(|| ParseError::new("reporting cycle", s, NAMES.iter().flat_map(|(_, l, n)| [*n, *l])))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn labels_and_names_round_trip() {
        for c in ReportingCycle::ALL {
            assert_eq!(ReportingCycle::from_label(c.label()), Some(c));
            assert_eq!(ReportingCycle::from_label(c.name()), Some(c));
            assert_eq!(c.to_string().parse::<ReportingCycle>().unwrap(), c);
        }
        assert_eq!(ReportingCycle::Weekly.label(), "周调度");
        assert_eq!(ReportingCycle::Monthly.label(), "月点评");
        assert_eq!(ReportingCycle::Quarterly.label(), "季考核");
        assert!("daily".parse::<ReportingCycle>().is_err());
    }

    #[test]
    fn periods_contain_their_date() {
        // 2024-06-19 is a Wednesday.
        assert_eq!(ReportingCycle::Weekly.period_of(d(2024, 6, 19)), (d(2024, 6, 17), d(2024, 6, 23)));
        assert_eq!(ReportingCycle::Monthly.period_of(d(2024, 2, 10)), (d(2024, 2, 1), d(2024, 2, 29)));
        assert_eq!(ReportingCycle::Quarterly.period_of(d(2024, 5, 1)), (d(2024, 4, 1), d(2024, 6, 30)));
        assert_eq!(ReportingCycle::Quarterly.period_of(d(2024, 12, 31)), (d(2024, 10, 1), d(2024, 12, 31)));
    }

    #[test]
    fn end_dates_within_a_range() {
        assert_eq!(
            ReportingCycle::Quarterly.cycle_end_dates(d(2024, 1, 1), d(2024, 12, 31)),
            [d(2024, 3, 31), d(2024, 6, 30), d(2024, 9, 30), d(2024, 12, 31)]
        );
        assert_eq!(
            ReportingCycle::Monthly.cycle_end_dates(d(2024, 1, 15), d(2024, 3, 30)),
            [d(2024, 1, 31), d(2024, 2, 29)]
        );
        assert_eq!(ReportingCycle::Weekly.cycle_end_dates(d(2024, 6, 17), d(2024, 6, 30)).len(), 2);
        assert!(ReportingCycle::Weekly.cycle_end_dates(d(2024, 6, 30), d(2024, 6, 1)).is_empty());
    }

    #[test]
    fn missed_cycles_count_closed_cycles_after_the_last_report() {
        let start = d(2024, 1, 1);
        let monthly = ReportingCycle::Monthly;
        // Nothing reported, in the first month: nothing closed yet.
        assert_eq!(monthly.missed_cycles(start, None, d(2024, 1, 20)), 0);
        // January closed without a report.
        assert_eq!(monthly.missed_cycles(start, None, d(2024, 2, 3)), 1);
        // The cycle's last day is still within the cycle.
        assert_eq!(monthly.missed_cycles(start, None, d(2024, 1, 31)), 0);
        // Reported in March; April and May closed without one.
        assert_eq!(monthly.missed_cycles(start, Some(d(2024, 3, 25)), d(2024, 6, 10)), 2);
        // Reporting late, in the open cycle, clears the count.
        assert_eq!(monthly.missed_cycles(start, Some(d(2024, 6, 2)), d(2024, 6, 10)), 0);
        // A report from before the task started does not count.
        assert_eq!(monthly.missed_cycles(d(2024, 4, 1), Some(d(2024, 3, 1)), d(2024, 5, 2)), 1);
    }
}
