//! 计量单位: what may follow a target's number, and what may not.
//!
//! A unit is written as a magnitude prefix (万, 亿…) and/or a base unit; the
//! longest reading wins (`个百分点` over `个`, `万千瓦` over `万`).

/// How a unit counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitKind {
    /// Counts things (家, 个, 项): `30亿元以上项目1个`'s 1.
    Counter,
    /// Measures an amount (元, 吨, 亩): a class threshold when `以上` + noun follows.
    Measure,
    /// A rate (%, 个百分点, 成, 倍).
    Rate,
}

/// A base unit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct UnitRow {
    pub unit: &'static str,
    pub kind: UnitKind,
    /// Whether a Chinese-numeral count may carry it. 两家, 三成 and 一千七百亿元
    /// are targets; 两个市场, 三项行动, 八项行动 are slogans, so 个/项 say no.
    pub chinese_ok: bool,
}

use UnitKind::*;

const fn u(unit: &'static str, kind: UnitKind, chinese_ok: bool) -> UnitRow {
    UnitRow { unit, kind, chinese_ok }
}

pub static BASE_UNITS: &[UnitRow] = &[
    // money
    u("元", Measure, true),
    u("美元", Measure, true),
    u("欧元", Measure, true),
    u("元/人", Measure, true),
    u("元/吨", Measure, false),
    // rates
    u("%", Rate, false),
    u("‰", Rate, false),
    u("个百分点", Rate, true),
    u("百分点", Rate, true),
    u("成", Rate, true),
    u("倍", Rate, true),
    // counts of things
    u("家", Counter, true),
    u("个", Counter, false),
    u("项", Counter, false),
    u("所", Counter, true),
    u("座", Counter, true),
    u("户", Counter, true),
    u("人", Counter, false),
    u("人次", Counter, false),
    u("名", Counter, false),
    u("位", Counter, false),
    u("件", Counter, false),
    u("台", Counter, false),
    u("台套", Counter, false),
    u("套", Counter, false),
    u("辆", Counter, false),
    u("处", Counter, false),
    u("场", Counter, false),
    u("场次", Counter, false),
    u("次", Counter, false),
    u("条", Counter, false),
    u("张", Counter, false),
    u("床", Counter, false),
    u("间", Counter, false),
    u("栋", Counter, false),
    u("幢", Counter, false),
    u("宗", Counter, false),
    u("例", Counter, false),
    u("篇", Counter, false),
    u("部", Counter, false),
    u("头", Counter, false),
    u("只", Counter, false),
    u("株", Counter, false),
    u("棵", Counter, false),
    u("艘", Counter, false),
    u("架", Counter, false),
    u("列", Counter, false),
    u("种", Counter, false),
    u("款", Counter, false),
    u("块", Counter, false),
    u("批", Counter, false),
    u("支", Counter, false),
    u("对", Counter, false),
    u("口", Counter, false),
    u("眼", Counter, false),
    u("盏", Counter, false),
    u("根", Counter, false),
    u("件次", Counter, false),
    u("户次", Counter, false),
    u("车次", Counter, false),
    u("班次", Counter, false),
    u("架次", Counter, false),
    u("标箱", Counter, false),
    // measures
    u("吨", Measure, true),
    u("吨标准煤", Measure, true),
    u("千克", Measure, true),
    u("公斤", Measure, true),
    u("斤", Measure, true),
    u("千瓦", Measure, true),
    u("千瓦时", Measure, true),
    u("兆瓦", Measure, true),
    u("吉瓦", Measure, true),
    u("瓦", Measure, false),
    u("度", Measure, false),
    u("立方米", Measure, true),
    u("微克/立方米", Measure, false),
    u("毫克/升", Measure, false),
    u("吨/日", Measure, false),
    u("方", Measure, false),
    u("平方米", Measure, true),
    u("平方公里", Measure, true),
    u("平方千米", Measure, true),
    u("公顷", Measure, true),
    u("亩", Measure, true),
    u("公里", Measure, true),
    u("千米", Measure, true),
    u("米", Measure, false),
    u("天", Measure, false),
    u("小时", Measure, false),
    u("分钟", Measure, false),
    u("秒", Measure, false),
    u("岁", Measure, false),
];

/// Magnitude prefixes written before a base unit (or alone: `1.5万`).
pub static MAGNITUDES: &[&str] = &["万亿", "千亿", "百亿", "亿", "千万", "百万", "十万", "万", "千", "百"];

/// Magnitudes that may stand alone as a unit (`1.5万`, `2.2亿`).
pub static STANDALONE_MAGNITUDES: &[&str] = &["万亿", "亿", "万"];

/// Words after a number that make it not a quantity: dates, ordinals of
/// sessions and phases, durations, ranks, versions, `500强`. When one of
/// these is at least as long as the unit reading, the number is dropped.
pub static NOT_A_UNIT: &[&str] = &[
    "年",
    "月",
    "日",
    "号",
    "时",
    "点",
    "届",
    "期",
    "级",
    "版",
    "页",
    "强",
    "代",
    "星",
    "周年",
    "大",
    "个月",
    "个工作日",
    "工作日",
    "个方面",
    "方面",
    "章",
    "节",
    "条款",
    "批次",
    "次会议",
    "家次",
    "位数",
    "维",
    "类",
    "个阶段",
    "个百年",
    "种资源",
    "个市场",
    "个意识",
    "个自信",
    "个维护",
    "个全面",
    "个一批",
    "个清单",
    "项行动",
    "项对接",
    "大行动",
    "号文",
    "元素",
    "元化",
    "人均",
];

/// 级 after a magnitude makes a size class that is a target (`300亿级产业集群`,
/// `千亿级`): the unit is the magnitude plus 元.
pub static CLASS_MARK: &str = "级";

#[cfg(test)]
mod tests {
    use super::*;

    fn row(w: &str) -> &'static UnitRow {
        BASE_UNITS.iter().find(|r| r.unit == w).unwrap()
    }

    #[test]
    fn counters_measures_and_rates() {
        assert_eq!(row("家").kind, Counter);
        assert_eq!(row("个").kind, Counter);
        assert_eq!(row("元").kind, Measure);
        assert_eq!(row("吨").kind, Measure);
        assert_eq!(row("%").kind, Rate);
        assert_eq!(row("个百分点").kind, Rate);
    }

    #[test]
    fn chinese_numerals_only_with_concrete_counters() {
        assert!(row("家").chinese_ok);
        assert!(row("成").chinese_ok);
        assert!(!row("个").chinese_ok);
        assert!(!row("项").chinese_ok);
    }

    #[test]
    fn not_a_unit_rows_cover_dates_ordinals_and_slogans() {
        for w in ["年", "月", "届", "期", "版", "强", "个月", "大"] {
            assert!(NOT_A_UNIT.contains(&w), "{w}");
        }
    }

    #[test]
    fn magnitudes_prefix_longest_first_matters() {
        assert!(MAGNITUDES.contains(&"千万"));
        assert!(STANDALONE_MAGNITUDES.contains(&"万"));
        assert!(!STANDALONE_MAGNITUDES.contains(&"百"));
    }
}
