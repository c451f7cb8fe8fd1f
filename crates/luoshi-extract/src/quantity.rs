//! A quantity as written: numeral, unit, comparator suffix (`1700亿元以上`,
//! `20家左右`, `2—3个`, `300亿级`, `百分之五`). Whether it is a target is
//! decided in `crate::targets`; this module only reads.

use crate::clean::Clean;
use crate::model::Comparator;
use crate::numbers;
use crate::rules::comparators::{APPROXIMATE_MORE, SUFFIXES};
use crate::rules::units::{BASE_UNITS, CLASS_MARK, MAGNITUDES, NOT_A_UNIT, STANDALONE_MAGNITUDES, UnitKind, UnitRow};
use crate::rules::cues::{LIST_VERBS, SLOGAN_NOUNS};

/// A numeral with its unit.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    pub start: usize,
    /// End of the numeral(s), before the unit.
    pub number_end: usize,
    /// End of the unit.
    pub unit_end: usize,
    /// End of the whole expression (comparator suffix included).
    pub end: usize,
    pub value: f64,
    /// The unit as written (normalised: `%` for `％`), `亿元` for `300亿级`.
    pub unit: String,
    pub kind: UnitKind,
    /// The comparator written after it, if any.
    pub suffix: Option<Comparator>,
    /// A range (`2—3个`): the value is its lower bound.
    pub range: bool,
    /// `300亿级`: a size class.
    pub class: bool,
    pub chinese: bool,
    /// `100余家`: more than the value.
    pub more: bool,
}

/// First chars of every unit, magnitude and `余/多`: a numeral followed by
/// anything else has no unit, and most numerals (一体化, 进一步) stop here.
fn unit_first_chars() -> &'static [char] {
    static FIRSTS: std::sync::OnceLock<Vec<char>> = std::sync::OnceLock::new();
    FIRSTS.get_or_init(|| {
        let words =
            BASE_UNITS.iter().map(|r| r.unit).chain(MAGNITUDES.iter().copied()).chain(APPROXIMATE_MORE.iter().copied());
        let mut v: Vec<char> = words.filter_map(|w| w.chars().next()).chain(['-', '至', '到', '%']).collect();
        v.sort_unstable();
        v.dedup();
        v
    })
}

/// Reads a quantity starting at `i`, or `None` when no unit follows.
pub fn read(c: &Clean, i: usize) -> Option<Quantity> {
    let mut start = i;
    let n = numbers::parse_at(&c.norm, i)?;
    if unit_first_chars().binary_search(&c.at(n.end)).is_err() && !c.ends_with(i, "百分之") {
        return None;
    }
    let mut percent_word = false;
    if c.ends_with(i, "百分之") {
        start = i - 3;
        percent_word = true;
    }
    let mut j = n.end;
    let mut range = false;
    // 2—3个, 2至3个, 5%-8%
    if matches!(c.at(j), '-' | '至' | '到')
        && let Some(m) = numbers::parse_at(&c.norm, j + 1)
        && m.chinese == n.chinese
        && !m.magnitude_only
        && m.value > n.value
    {
        j = m.end;
        range = true;
    } else if c.at(j) == '%'
        && matches!(c.at(j + 1), '-' | '至' | '到')
        && let Some(m) = numbers::parse_at(&c.norm, j + 2)
        && c.at(m.end) == '%'
    {
        j = m.end;
        range = true;
    }
    let number_end = j;
    if percent_word {
        let q = Quantity {
            start,
            number_end,
            unit_end: number_end,
            end: number_end,
            value: n.value,
            unit: "%".into(),
            kind: UnitKind::Rate,
            suffix: None,
            range,
            class: false,
            chinese: n.chinese,
            more: false,
        };
        return Some(with_suffix(c, q));
    }
    let mut more = false;
    if let Some((_, k)) = c.longest_at(j, APPROXIMATE_MORE, |w| w) {
        more = true;
        j += k;
    }
    // 300亿级, 千亿级, 百亿元级: a size class in 亿元.
    if let Some((mag, k)) = c.longest_at(j, STANDALONE_MAGNITUDES, |w| w) {
        let mut e = j + k;
        if c.at(e) == '元' {
            e += 1;
        }
        if c.starts_with(e, CLASS_MARK) {
            let q = Quantity {
                start,
                number_end,
                unit_end: e + 1,
                end: e + 1,
                value: n.value,
                unit: format!("{mag}元"),
                kind: UnitKind::Measure,
                suffix: None,
                range,
                class: true,
                chinese: n.chinese,
                more,
            };
            return Some(with_suffix(c, q));
        }
    }
    if n.magnitude_only {
        return None;
    }
    let (unit_len, row) = unit_at(c, j)?;
    let refused = c.longest_at(j, NOT_A_UNIT, |w| w).map_or(0, |(_, k)| k);
    if refused >= unit_len {
        return None;
    }
    let unit: String = c.norm[j..j + unit_len].iter().collect();
    let q = Quantity {
        start,
        number_end,
        unit_end: j + unit_len,
        end: j + unit_len,
        value: n.value,
        unit,
        kind: row.map_or(UnitKind::Measure, |r| r.kind),
        suffix: None,
        range,
        class: false,
        chinese: n.chinese,
        more,
    };
    if n.chinese && !chinese_allowed(&q, row) && !counted_outcome(c, &q) {
        return None;
    }
    Some(with_suffix(c, q))
}

/// Chinese numerals count only concrete things: not 一 (一批, 一套), not
/// 个/项 (两个市场, 八项行动), unless large (一千七百个).
fn chinese_allowed(q: &Quantity, row: Option<&UnitRow>) -> bool {
    if q.value <= 1.0 {
        return false;
    }
    let magnitude_in_unit = MAGNITUDES.iter().any(|m| q.unit.starts_with(m));
    q.value >= 100.0 || magnitude_in_unit || row.is_some_and(|r| r.chinese_ok)
}

/// `新建五个产业园`: a Chinese count of 个/项 right after a verb that makes
/// the things counts them, unless it names the text's own parts or a slogan
/// (`实施八项行动`, `建立两个机制`).
fn counted_outcome(c: &Clean, q: &Quantity) -> bool {
    q.value > 1.0
        && c.longest_before(q.start, LIST_VERBS, |w| w).is_some()
        && c.longest_at(q.end, SLOGAN_NOUNS, |w| w).is_none()
        && !SLOGAN_NOUNS.iter().any(|w| {
            // The slogan noun may close a short phrase: 五个重点领域.
            (q.end..q.end + 6).any(|k| c.starts_with(k, w) && !c.contains_any(q.end, k, &[",", "、", "。", ";"]))
        })
}

/// The longest unit reading at `j`: base, magnitude + base, or a lone magnitude.
fn unit_at(c: &Clean, j: usize) -> Option<(usize, Option<&'static UnitRow>)> {
    let mut best: Option<(usize, Option<&'static UnitRow>)> = None;
    let mut consider = |len: usize, row: Option<&'static UnitRow>| {
        if len > best.map_or(0, |b| b.0) {
            best = Some((len, row));
        }
    };
    if let Some((row, k)) = c.longest_at(j, BASE_UNITS, |r| r.unit) {
        consider(k, Some(row));
    }
    for m in MAGNITUDES {
        if c.starts_with(j, m) {
            let k = m.chars().count();
            if let Some((row, b)) = c.longest_at(j + k, BASE_UNITS, |r| r.unit) {
                consider(k + b, Some(row));
            } else if STANDALONE_MAGNITUDES.contains(m) {
                consider(k, None);
            }
        }
    }
    best
}

fn with_suffix(c: &Clean, mut q: Quantity) -> Quantity {
    if let Some((row, k)) = c.longest_at(q.end, SUFFIXES, |r| r.word)
        && !(row.word == "上下" && c.at(q.end + 2) == '游')
    {
        q.suffix = Some(row.cmp);
        q.end += k;
    }
    q
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(text: &str) -> Option<(f64, String, Option<Comparator>, String)> {
        let c = Clean::new(text);
        read(&c, 0).map(|q| (q.value, q.unit.clone(), q.suffix, c.raw_string(q.start, q.end)))
    }

    #[test]
    fn units_with_magnitudes_and_suffixes() {
        assert_eq!(q("1700亿元以上"), Some((1700.0, "亿元".into(), Some(Comparator::AtLeast), "1700亿元以上".into())));
        assert_eq!(q("44万户"), Some((44.0, "万户".into(), None, "44万户".into())));
        assert_eq!(q("35%左右"), Some((35.0, "%".into(), Some(Comparator::About), "35%左右".into())));
        assert_eq!(q("600人次以上").unwrap().1, "人次");
        assert_eq!(q("3个百分点").unwrap().1, "个百分点");
        assert_eq!(q("1.5万").unwrap().1, "万");
        assert_eq!(q("50万千瓦").unwrap().1, "万千瓦");
        assert_eq!(q("６５％").unwrap().1, "%");
    }

    #[test]
    fn size_classes() {
        assert_eq!(q("300亿级产业集群").unwrap().1, "亿元");
        assert_eq!(q("千亿级产业集群").unwrap().0, 1000.0);
        assert_eq!(q("百亿级").unwrap().0, 100.0);
        assert_eq!(q("百户重点企业"), None);
    }

    #[test]
    fn chinese_counts() {
        assert_eq!(q("两家").unwrap().0, 2.0);
        assert_eq!(q("三成").unwrap().1, "成");
        assert_eq!(q("一千七百亿元").unwrap().0, 1700.0);
        assert_eq!(q("两个市场"), None);
        assert_eq!(q("八项行动"), None);
        assert_eq!(q("一批"), None);
        assert_eq!(q("一套完善的机制"), None);
    }

    #[test]
    fn not_units() {
        for text in ["2025年", "6月底", "第25届", "500强", "3.0版", "3个月", "5大园区", "7个方面"] {
            assert_eq!(q(text), None, "{text}");
        }
    }

    #[test]
    fn ranges_keep_the_lower_bound() {
        let (v, u, _, t) = q("2—3个").unwrap();
        assert_eq!((v, u.as_str(), t.as_str()), (2.0, "个", "2—3个"));
        let c = Clean::new("百分之五");
        let p = read(&c, 3).unwrap();
        assert_eq!((p.start, p.unit.as_str()), (0, "%"));
    }
}
