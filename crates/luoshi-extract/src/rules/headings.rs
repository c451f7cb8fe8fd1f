//! 标题层级: the heading kinds of the spec, outermost first.

/// A kind of heading, ordered by nesting (outermost first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum HeadingKind {
    /// 第一编
    Part,
    /// 第一章
    Chapter,
    /// 第一节
    Section,
    /// 专栏1
    Column,
    /// 一、
    Chinese,
    /// （一） / (一)
    ParenChinese,
    /// 1. / 1、
    Arabic,
    /// （1） / (1)
    ParenArabic,
    /// ①
    Circled,
}

impl HeadingKind {
    /// Kinds that may number a measure (a task) rather than a section.
    pub fn numbers_measures(self) -> bool {
        matches!(self, HeadingKind::Arabic | HeadingKind::ParenArabic | HeadingKind::Circled)
    }
}

/// `第X<suffix>` headings.
pub static ORDINAL_HEADINGS: &[(char, HeadingKind)] =
    &[('编', HeadingKind::Part), ('章', HeadingKind::Chapter), ('节', HeadingKind::Section)];

/// Box headings (`专栏1`, `专栏一`).
pub static COLUMN_WORDS: &[&str] = &["专栏"];

/// Words in a heading that make its section a review of the past, whose
/// figures are history, not targets.
pub static HISTORY_HEADINGS: &[&str] = &[
    "回顾",
    "成就",
    "成效",
    "完成情况",
    "过去",
    "工作总结",
    "发展基础",
    "发展成就",
    "主要成绩",
    "取得",
    "进展情况",
    "执行情况",
];

/// In-paragraph enumerators that open a lead phrase (`一是扩大消费。`).
pub static ENUMERATORS: &[&str] = &[
    "一是", "二是", "三是", "四是", "五是", "六是", "七是", "八是", "九是", "十是", "其一", "其二", "其三", "其四",
    "其五", "第一,", "第二,", "第三,", "第四,", "第五,",
];

/// Circled numbers ① to ⑳.
pub fn is_circled(c: char) -> bool {
    ('①'..='⑳').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_nest_in_spec_order() {
        assert!(HeadingKind::Chapter < HeadingKind::Section);
        assert!(HeadingKind::Section < HeadingKind::Chinese);
        assert!(HeadingKind::Chinese < HeadingKind::ParenChinese);
        assert!(HeadingKind::ParenChinese < HeadingKind::Arabic);
        assert!(HeadingKind::Arabic < HeadingKind::ParenArabic);
    }

    #[test]
    fn history_heading_words() {
        assert!(HISTORY_HEADINGS.iter().any(|w| "专栏1“十三五”主要指标完成情况".contains(w)));
        assert!(HISTORY_HEADINGS.iter().any(|w| "一、2023年工作回顾".contains(w)));
        assert!(!HISTORY_HEADINGS.iter().any(|w| "二、2024年工作安排".contains(w)));
    }

    #[test]
    fn circled_numbers() {
        assert!(is_circled('①'));
        assert!(!is_circled('1'));
    }
}
