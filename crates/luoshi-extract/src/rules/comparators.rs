//! 比较词: the words that say how a target's number binds.
//!
//! A suffix (`以上`, `左右`) after the number wins over a prefix (`达到`)
//! before it: `稳定在35%左右` is `~`, `达到50%以上` is `>=`.

use crate::model::Comparator::{self, *};

/// A comparator word and what it means.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ComparatorWord {
    pub word: &'static str,
    pub cmp: Comparator,
}

const fn row(word: &'static str, cmp: Comparator) -> ComparatorWord {
    ComparatorWord { word, cmp }
}

/// Words written right after the number and its unit.
pub static SUFFIXES: &[ComparatorWord] = &[
    row("以上", AtLeast),
    row("及以上", AtLeast),
    row("以下", AtMost),
    row("及以下", AtMost),
    row("以内", AtMost),
    row("之内", AtMost),
    row("左右", About),
    row("上下", About),
];

/// Words written right before the number (longest match wins).
pub static PREFIXES: &[ComparatorWord] = &[
    row("达到", AtLeast),
    row("达", AtLeast),
    row("确保达到", AtLeast),
    row("力争达到", AtLeast),
    row("不低于", AtLeast),
    row("不少于", AtLeast),
    row("至少", AtLeast),
    row("提高到", AtLeast),
    row("提高至", AtLeast),
    row("提升到", AtLeast),
    row("提升至", AtLeast),
    row("增加到", AtLeast),
    row("增加至", AtLeast),
    row("增至", AtLeast),
    row("超过", MoreThan),
    row("超", MoreThan),
    row("突破", MoreThan),
    row("高于", MoreThan),
    row("多于", MoreThan),
    row("大于", MoreThan),
    row("约", About),
    row("大约", About),
    row("控制在", AtMost),
    row("不超过", AtMost),
    row("不高于", AtMost),
    row("不多于", AtMost),
    row("不大于", AtMost),
    row("低于", LessThan),
    row("少于", LessThan),
    row("小于", LessThan),
];

/// Words between number and unit that mean "more than" (`100余家`, `20多个`).
pub static APPROXIMATE_MORE: &[&str] = &["余", "多"];

#[cfg(test)]
mod tests {
    use super::*;

    fn find(table: &[ComparatorWord], w: &str) -> Comparator {
        table.iter().filter(|r| w.ends_with(r.word)).max_by_key(|r| r.word.len()).unwrap().cmp
    }

    #[test]
    fn suffix_rows() {
        assert_eq!(find(SUFFIXES, "以上"), AtLeast);
        assert_eq!(find(SUFFIXES, "以内"), AtMost);
        assert_eq!(find(SUFFIXES, "以下"), AtMost);
        assert_eq!(find(SUFFIXES, "左右"), About);
    }

    #[test]
    fn prefix_rows_follow_the_spec() {
        for (w, c) in [
            ("达到", AtLeast),
            ("不低于", AtLeast),
            ("不少于", AtLeast),
            ("至少", AtLeast),
            ("确保达到", AtLeast),
            ("超过", MoreThan),
            ("突破", MoreThan),
            ("高于", MoreThan),
            ("约", About),
            ("不超过", AtMost),
            ("控制在", AtMost),
            ("低于", LessThan),
        ] {
            assert_eq!(find(PREFIXES, w), c, "{w}");
        }
    }

    #[test]
    fn longer_words_are_not_shadowed() {
        // 不低于 ends with 低于: the longest row must be the one that applies.
        assert_eq!(find(PREFIXES, "不低于"), AtLeast);
        assert_eq!(find(PREFIXES, "不超过"), AtMost);
    }
}
