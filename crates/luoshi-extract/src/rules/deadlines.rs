//! 时限词: words that date a commitment. Numeric forms (`6月底前`,
//! `2022年10月底`, `到2025年`) are read by `crate::deadline`; this table holds
//! the fixed words and the five-year-plan periods.

/// A fixed deadline word, relative to the plan year. `day == 0` means the
/// month's last day.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DeadlineWord {
    pub word: &'static str,
    pub month: u32,
    pub day: u32,
}

const fn w(word: &'static str, month: u32, day: u32) -> DeadlineWord {
    DeadlineWord { word, month, day }
}

pub static WORDS: &[DeadlineWord] = &[
    w("一季度", 3, 31),
    w("第一季度", 3, 31),
    w("1季度", 3, 31),
    w("二季度", 6, 30),
    w("第二季度", 6, 30),
    w("2季度", 6, 30),
    w("三季度", 9, 30),
    w("第三季度", 9, 30),
    w("3季度", 9, 30),
    w("四季度", 12, 31),
    w("第四季度", 12, 31),
    w("4季度", 12, 31),
    w("上半年", 6, 30),
    w("下半年", 12, 31),
    w("前三季度", 9, 30),
    w("年底前", 12, 31),
    w("年底", 12, 31),
    w("年末", 12, 31),
    w("年内", 12, 31),
    w("全年", 12, 31),
    w("今年", 12, 31),
    w("本年", 12, 31),
    w("本年度", 12, 31),
    w("年度", 12, 31),
    // Seasons of the work calendar.
    w("度夏前", 6, 30),
    w("迎峰度夏前", 6, 30),
    w("汛前", 5, 31),
    w("汛期前", 5, 31),
    w("主汛期前", 5, 31),
    w("入汛前", 5, 31),
    w("国庆前", 9, 30),
    w("入冬前", 10, 31),
    w("供暖季前", 11, 15),
    w("采暖季前", 11, 15),
    w("供暖前", 11, 15),
];

/// Words of a deadline that start with 年 must not follow a numeral:
/// `两年内` is a duration, not 年内.
pub static YEAR_WORD_GUARD: char = '年';

/// A five-year-plan period (`十四五`), by its final year.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Period {
    pub name: &'static str,
    pub last_year: i32,
}

pub static PERIODS: &[Period] = &[
    Period { name: "十二五", last_year: 2015 },
    Period { name: "十三五", last_year: 2020 },
    Period { name: "十四五", last_year: 2025 },
    Period { name: "十五五", last_year: 2030 },
    Period { name: "十六五", last_year: 2035 },
];

/// After a period name, these make it a deadline (`“十四五”末`, `十四五期间`).
pub static PERIOD_ENDINGS: &[&str] = &["末", "期末", "期间", "时期", "时期末"];

/// Days at the end of 上旬/中旬/下旬 (0 = month end).
pub static TEN_DAYS: &[(&str, u32)] = &[("上旬", 10), ("中旬", 20), ("下旬", 0)];

/// Before a month or year number, these say "by" (`到2025年`, `至6月底`).
pub static BY_WORDS: &[&str] = &["到", "至", "截至", "截止", "截止到", "力争到", "争取到"];

/// Before a year, these make it a comparison base, not a deadline (`比2020年`).
pub static BASE_YEAR_WORDS: &[&str] = &["比", "较", "与", "相比", "同", "自", "从", "以", "对比"];

/// After `M月`, these close the month (`6月底前`, `6月末`).
pub static MONTH_END_WORDS: &[&str] = &["底前", "底", "末前", "末", "前", "份前", "份", "内"];

/// Sentence words that make a figure recur every year.
pub static YEARLY_WORDS: &[&str] = &["每年", "年均新增", "逐年"];

#[cfg(test)]
mod tests {
    use super::*;

    fn find(word: &str) -> (u32, u32) {
        let r = WORDS.iter().find(|r| r.word == word).unwrap();
        (r.month, r.day)
    }

    #[test]
    fn quarter_and_half_year_words() {
        assert_eq!(find("一季度"), (3, 31));
        assert_eq!(find("二季度"), (6, 30));
        assert_eq!(find("三季度"), (9, 30));
        assert_eq!(find("上半年"), (6, 30));
    }

    #[test]
    fn year_end_words() {
        for word in ["全年", "年底前", "今年", "年度"] {
            assert_eq!(find(word), (12, 31), "{word}");
        }
    }

    #[test]
    fn seasonal_words() {
        assert_eq!(find("度夏前"), (6, 30));
        assert_eq!(find("汛前"), (5, 31));
    }

    #[test]
    fn periods_and_ten_days() {
        assert_eq!(PERIODS.iter().find(|p| p.name == "十四五").unwrap().last_year, 2025);
        assert_eq!(TEN_DAYS.iter().find(|t| t.0 == "中旬").unwrap().1, 20);
        assert_eq!(TEN_DAYS.iter().find(|t| t.0 == "下旬").unwrap().1, 0);
    }
}
