//! Finds deadline expressions in a stretch of text and resolves them against
//! the plan year: `6月底前`, `6月中旬`, `2022年10月底`, `到2025年`,
//! `“十四五”末`, `二〇三五年`, and the fixed words of [`rules::deadlines`].

use crate::clean::{CharSet, Clean};
use crate::model::Deadline;
use crate::numbers;
use crate::rules::deadlines::{
    BASE_YEAR_WORDS, BY_WORDS, MONTH_END_WORDS, PERIOD_ENDINGS, PERIODS, TEN_DAYS, WORDS, YEAR_WORD_GUARD,
};

/// A date a deadline expression names; the year may come from the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// Month and day of the plan year (`6月底前`, `上半年`); day 0 = month end.
    PlanYear { month: u32, day: u32 },
    /// A date with its own year (`2022年10月底`, `到2025年`).
    Absolute { year: i32, month: u32, day: u32 },
}

/// A deadline expression found in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub when: When,
}

/// A year written as a comparison base or a past date (`比2020年`, `2022年，`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearMention {
    pub year: i32,
    /// Written as the base of a comparison (`比2020年下降`), not as a date.
    pub base: bool,
}

/// Every deadline expression in `start..end`, in text order.
pub fn find_all(c: &Clean, start: usize, end: usize) -> Vec<Found> {
    scan(c, start, end).0
}

/// The first deadline of `start..end` when it begins right at `start`
/// (`find_all(..).first()` filtered on its start, without scanning the
/// rest of the range). A date read at `i` starts at most a `BY_WORDS`
/// length before `i` (`到2025年`), so reading stops past that distance.
pub fn first_at(c: &Clean, start: usize, end: usize) -> Option<Found> {
    static LOOKBACK: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    let lookback = *LOOKBACK.get_or_init(|| BY_WORDS.iter().map(|w| w.chars().count()).max().unwrap_or(0));
    let end = end.min(c.len());
    let mut i = start;
    while i < end && i <= start + lookback {
        if let Some((Some(f), _)) = read_at(c, i, end) {
            return (f.start == start).then_some(f);
        }
        i += 1;
    }
    None
}

/// Years named in `start..end` (deadline or not), for history checks.
pub fn years(c: &Clean, start: usize, end: usize) -> Vec<YearMention> {
    scan(c, start, end).1
}

/// Deadlines and year mentions of `start..end` in one pass.
pub fn scan(c: &Clean, start: usize, end: usize) -> (Vec<Found>, Vec<YearMention>) {
    let mut found = Vec::new();
    let mut years = Vec::new();
    let end = end.min(c.len());
    let mut i = start;
    while i < end {
        if let Some((f, mention)) = read_at(c, i, end) {
            if let Some(m) = mention {
                years.push(m);
            }
            if let Some(f) = f {
                found.push(f);
            }
            i = i.max(f.map_or(i + 1, |f| f.end)).max(i + 1);
        } else {
            i += 1;
        }
    }
    (found, years)
}

fn month_end(year: Option<i32>, month: u32) -> u32 {
    match month {
        2 => match year {
            Some(y) if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
            _ => 28,
        },
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Resolves a found date against the plan year (unknown → `--MM-DD`).
pub fn resolve(when: When, plan_year: Option<i32>) -> Deadline {
    match when {
        When::PlanYear { month, day } => {
            let day = if day == 0 { month_end(plan_year, month) } else { day };
            Deadline::new(plan_year, month, day)
        }
        When::Absolute { year, month, day } => {
            let day = if day == 0 { month_end(Some(year), month) } else { day };
            Deadline::new(Some(year), month, day)
        }
    }
}

/// Reads a small integer (month, day) at `i`: Arabic or Chinese.
fn small_number(c: &Clean, i: usize, max: u32) -> Option<(u32, usize)> {
    let n = numbers::parse_at(&c.norm, i)?;
    let v = n.value;
    if v.fract() != 0.0 || v < 1.0 || v > max as f64 || n.magnitude_only {
        return None;
    }
    Some((v as u32, n.end))
}

type Read = (Option<Found>, Option<YearMention>);

/// First chars of the fixed words: other chars skip the table.
fn word_first_chars() -> &'static CharSet {
    static FIRSTS: std::sync::OnceLock<CharSet> = std::sync::OnceLock::new();
    FIRSTS.get_or_init(|| CharSet::first_chars(WORDS.iter().map(|w| w.word)))
}

fn read_at(c: &Clean, i: usize, end: usize) -> Option<Read> {
    let ch = c.at(i);
    // Five-year-plan periods: “十四五”末, 十四五期间.
    if ch == '十' || ch == '“' {
        let name_at = if ch == '“' { i + 1 } else { i };
        if let Some(p) = PERIODS.iter().find(|p| c.starts_with(name_at, p.name)) {
            let mut j = name_at + p.name.chars().count();
            if c.at(j) == '”' {
                j += 1;
            }
            if let Some((_, n)) = c.longest_at(j, PERIOD_ENDINGS, |w| w) {
                let f = Found { start: i, end: j + n, when: When::Absolute { year: p.last_year, month: 12, day: 31 } };
                return Some((Some(f), Some(YearMention { year: p.last_year, base: false })));
            }
            return Some((None, Some(YearMention { year: p.last_year, base: false })));
        }
    }
    if numbers::may_start(ch) {
        // Inside a longer number: not a date.
        if numbers::parse_at(&c.norm, i).is_some() && i > 0 && numbers::may_start(c.before(i)) {
            return None;
        }
        if let Some(r) = read_year(c, i, end) {
            return Some(r);
        }
        if let Some(f) = read_month(c, i, None, i) {
            return Some((Some(f), None));
        }
        // 一季度, 三季度: numerals that begin a fixed word.
    }
    if !word_first_chars().contains(ch) {
        return None;
    }
    if let Some((row, n)) = c.longest_at(i, WORDS, |w| w.word) {
        if row.word.starts_with(YEAR_WORD_GUARD) && (numbers::may_start(c.before(i)) || c.before(i) == '年') {
            return None;
        }
        let f = Found { start: i, end: i + n, when: When::PlanYear { month: row.month, day: row.day } };
        return Some((Some(f), None));
    }
    None
}

/// `2025年`, `到2025年底`, `2022年10月底`, `二〇三五年`.
fn read_year(c: &Clean, i: usize, _end: usize) -> Option<Read> {
    let n = numbers::parse_at(&c.norm, i)?;
    if n.value.fract() != 0.0 || !(1949.0..=2100.0).contains(&n.value) || c.at(n.end) != '年' {
        return None;
    }
    let year = n.value as i32;
    let mut j = n.end + 1;
    let base = c.longest_before(i, BASE_YEAR_WORDS, |w| w).is_some()
        || c.starts_with(j, "以来")
        || c.starts_with(j, "起")
        || c.starts_with(j, "基数")
        || c.starts_with(j, "价格")
        || c.starts_with(j, "为基")
        || c.starts_with(j, "比")
        || c.starts_with(j, "基础")
        || c.starts_with(j, "水平")
        || c.starts_with(j, "相比");
    let mention = Some(YearMention { year, base });
    if base {
        return Some((None, mention));
    }
    // Month within the year.
    if let Some(f) = read_month(c, j, Some(year), i) {
        return Some((Some(f), mention));
    }
    for w in ["底前", "底", "末", "年底", "内"] {
        if c.starts_with(j, w) {
            j += w.chars().count();
            break;
        }
    }
    let by = c.longest_before(i, BY_WORDS, |w| w).map_or(0, |(_, n)| n);
    let f = Found { start: i - by, end: j, when: When::Absolute { year, month: 12, day: 31 } };
    Some((Some(f), mention))
}

/// `6月底前`, `6月中旬`, `6月30日`, `10月底`; `year` when written before it.
fn read_month(c: &Clean, i: usize, year: Option<i32>, start: usize) -> Option<Found> {
    let (month, after) = small_number(c, i, 12)?;
    if c.at(after) != '月' {
        return None;
    }
    let j = after + 1;
    let when = |day: u32| match year {
        Some(y) => When::Absolute { year: y, month, day },
        None => When::PlanYear { month, day },
    };
    if let Some((day, k)) = small_number(c, j, 31)
        && matches!(c.at(k), '日' | '号')
    {
        let mut e = k + 1;
        if c.at(e) == '前' {
            e += 1;
        }
        return Some(Found { start, end: e, when: when(day) });
    }
    if let Some(((_, day), n)) = c.longest_at(j, TEN_DAYS, |t| t.0) {
        return Some(Found { start, end: j + n, when: when(*day) });
    }
    if let Some((_, n)) = c.longest_at(j, MONTH_END_WORDS, |w| w) {
        return Some(Found { start, end: j + n, when: when(0) });
    }
    // A bare month after a year still dates it (2022年10月).
    if year.is_some() {
        return Some(Found { start, end: j, when: when(0) });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_at_agrees_with_the_full_scan_at_every_start() {
        let text = "力争到2025年底前完成,截止到2024年6月30日前,十四五期间,上半年建成。2023年以来,争取到二〇三五年,“十四五”末,到10月底。";
        let c = Clean::new(text);
        for s in 0..=c.len() {
            for e in [c.len(), (s + 8).min(c.len())] {
                let full = find_all(&c, s, e).first().copied().filter(|f| f.start == s);
                assert_eq!(first_at(&c, s, e).map(|f| (f.start, f.end)), full.map(|f| (f.start, f.end)), "at {s}..{e}");
            }
        }
    }

    fn first(text: &str, year: Option<i32>) -> String {
        let c = Clean::new(text);
        let f = find_all(&c, 0, c.len());
        resolve(f.last().expect("a deadline").when, year).to_string()
    }

    #[test]
    fn month_forms() {
        assert_eq!(first("6月底前完成", Some(2024)), "2024-06-30");
        assert_eq!(first("5月底前全部开工", Some(2024)), "2024-05-31");
        assert_eq!(first("6月中旬全部整改到位", Some(2024)), "2024-06-20");
        assert_eq!(first("6月上旬", Some(2024)), "2024-06-10");
        assert_eq!(first("6月下旬", Some(2024)), "2024-06-30");
        assert_eq!(first("今年6月底前", None), "--06-30");
        assert_eq!(first("9月30日前", Some(2023)), "2023-09-30");
    }

    #[test]
    fn fixed_words() {
        assert_eq!(first("上半年", Some(2024)), "2024-06-30");
        assert_eq!(first("一季度", Some(2024)), "2024-03-31");
        assert_eq!(first("三季度", Some(2024)), "2024-09-30");
        assert_eq!(first("全年", None), "--12-31");
        assert_eq!(first("年底前", Some(2022)), "2022-12-31");
        assert_eq!(first("确保度夏前", Some(2024)), "2024-06-30");
    }

    #[test]
    fn years_and_periods() {
        assert_eq!(first("“十四五”末", None), "2025-12-31");
        assert_eq!(first("到2025年", Some(2021)), "2025-12-31");
        assert_eq!(first("2022年10月底", None), "2022-10-31");
        assert_eq!(first("到2023年底", None), "2023-12-31");
        assert_eq!(first("二〇三五年", None), "2035-12-31");
        assert_eq!(first("到2035年", None), "2035-12-31");
    }

    #[test]
    fn durations_and_bases_are_not_deadlines() {
        let c = Clean::new("两年内完成");
        assert!(find_all(&c, 0, c.len()).is_empty());
        let c = Clean::new("在2023年基础上增长10%");
        assert!(find_all(&c, 0, c.len()).is_empty());
        let c = Clean::new("比2020年下降13.5%");
        assert!(find_all(&c, 0, c.len()).is_empty());
        assert_eq!(years(&c, 0, c.len()), vec![YearMention { year: 2020, base: true }]);
    }

    #[test]
    fn february_ends_by_leap_year() {
        assert_eq!(first("2月底前", Some(2024)), "2024-02-29");
        assert_eq!(first("2月底前", Some(2023)), "2023-02-28");
    }
}
