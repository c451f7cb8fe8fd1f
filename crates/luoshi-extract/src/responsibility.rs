//! 责任单位: the bodies a task names as responsible, lead first.
//!
//! Three forms: marker lists (`责任单位：A、B`, `牵头单位：A；配合单位：B`),
//! duty brackets (`（省教育厅、省发展改革委负责）`), and standing notes
//! (`以下均需各县〔市、区〕政府〔管委会〕负责，不再列出`) that add a unit to
//! this and every later task.

use crate::clean::{CharSet, Clean};
use crate::deadline::{self, When};
use crate::rules::markers::{
    DUTY_SUFFIXES, MARKER_HEADS, MARKER_QUALIFIER_MAX, MARKER_ROLES, NOISE_PREFIXES, SEPARATORS, SET_PHRASES,
    STANDING_NOTE_CLOSERS, STANDING_NOTE_OPENERS,
};

/// What one block says about responsibility.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Responsibility {
    /// Units named for this block, in order.
    pub units: Vec<String>,
    /// Units a standing note adds to this and every later block.
    pub standing: Vec<String>,
    /// Clean ranges holding unit lists (their numbers are not targets).
    pub ranges: Vec<(usize, usize)>,
    /// A deadline sharing the marker's bracket (`（6月底完成，牵头单位：…）`):
    /// the task's own deadline.
    pub deadline: Option<When>,
}

/// The length of the unit marker at `i` (role, qualifier, head), when a
/// `:` follows it: `责任单位：`, `牵头考核单位：`, `责任主体：`.
pub fn marker_at(c: &Clean, i: usize) -> Option<usize> {
    let (_, role) = c.longest_at(i, MARKER_ROLES, |w| w)?;
    (0..=MARKER_QUALIFIER_MAX).find_map(|q| {
        let at = i + role + q;
        let qualifier_ok = (i + role..at).all(|k| is_han(c.at(k)));
        if !qualifier_ok {
            return None;
        }
        let (_, head) = c.longest_at(at, MARKER_HEADS, |w| w)?;
        (c.at(at + head) == ':').then_some(role + q + head)
    })
}

fn is_han(ch: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&ch)
}

/// The bracket a marker stands in, when it opens a little before it on the
/// same line: `（3月底取得阶段性成效并持续推进，牵头考核单位：…）`.
fn enclosing_open(c: &Clean, marker: usize, start: usize) -> Option<usize> {
    let floor = start.max(marker.saturating_sub(60));
    (floor..marker).rev().take_while(|&k| !matches!(c.at(k), ')' | '\n' | '。')).find(|&k| c.at(k) == '(')
}

/// Unit names end with one of these (used to accept a duty bracket).
static ORG_ENDINGS: &[char] = &[
    '局', '委', '厅', '办', '部', '会', '院', '府', '队', '司', '行', '心', '位', '室', '处', '馆', '所', '站', '组',
    '团', '社', '校', '区', '县', '市', '镇', '街', '关', '署', '盟', '联', '协', '台', '园', '场', '厂',
];

pub fn parse(c: &Clean, start: usize, end: usize) -> Responsibility {
    let mut out = Responsibility::default();
    // Chars that can open something this parser reads: most chars cannot.
    static FIRSTS: std::sync::OnceLock<CharSet> = std::sync::OnceLock::new();
    let firsts = FIRSTS.get_or_init(|| {
        CharSet::new(MARKER_ROLES.iter().chain(STANDING_NOTE_OPENERS).filter_map(|w| w.chars().next()).chain(['(']))
    });
    let opens = |ch: char| firsts.contains(ch);
    let mut i = start;
    // Past the text every char reads as `\n`, which opens nothing.
    let text_end = end.min(c.len());
    while i < text_end {
        // Skip to the next char that can open something in one tight loop.
        let Some(skip) = c.norm[i..text_end].iter().position(|&ch| opens(ch)) else {
            break;
        };
        i += skip;
        if let Some(n) = marker_at(c, i) {
            let list_start = i + n + 1;
            let list_end = list_end(c, list_start, end);
            out.units.extend(split_units(c, list_start, list_end));
            let open = enclosing_open(c, i, start);
            if let Some(o) = open
                && out.deadline.is_none()
            {
                out.deadline = deadline::find_all(c, o + 1, i).last().map(|f| f.when);
            }
            out.ranges.push((open.unwrap_or(i), close_after(c, list_end, end)));
            i = list_end;
            continue;
        }
        if c.at(i) == '('
            && let Some(close) = matching_close(c, i, end)
            && let Some(units) = duty_bracket(c, i + 1, close)
        {
            out.units.extend(units);
            out.ranges.push((i, close + 1));
            i = close + 1;
            continue;
        }
        if let Some((_, n)) = c.longest_at(i, STANDING_NOTE_OPENERS, |w| w) {
            let from = i + n;
            if let Some(to) =
                (from..end.min(from + 60)).find(|&k| STANDING_NOTE_CLOSERS.iter().any(|w| c.starts_with(k, w)))
            {
                out.standing.extend(split_units(c, from, to));
                i = to;
                continue;
            }
        }
        i += 1;
    }
    dedup(&mut out.units);
    dedup(&mut out.standing);
    out
}

fn dedup(v: &mut Vec<String>) {
    let mut seen = Vec::new();
    v.retain(|u| {
        if seen.contains(u) {
            false
        } else {
            seen.push(u.clone());
            true
        }
    });
}

/// A list ends at the bracket that closes around it, a full stop, a line
/// end, or the next marker.
fn list_end(c: &Clean, from: usize, end: usize) -> usize {
    let mut depth = 0i32;
    let mut k = from;
    while k < end {
        match c.at(k) {
            '(' => depth += 1,
            ')' => {
                if depth == 0 {
                    return k;
                }
                depth -= 1;
            }
            '。' | '\n' => return k,
            _ => {
                if k > from && marker_at(c, k).is_some() {
                    // `；配合单位：`: the separator before the marker stays out.
                    let mut e = k;
                    while e > from && SEPARATORS.contains(&c.at(e - 1)) {
                        e -= 1;
                    }
                    return e;
                }
            }
        }
        k += 1;
    }
    end
}

/// Extends a range over the closing bracket of a unit list and anything up to it.
fn close_after(c: &Clean, from: usize, end: usize) -> usize {
    let mut depth = 0i32;
    for k in from..end.min(from + 120) {
        match c.at(k) {
            '(' => depth += 1,
            ')' if depth == 0 => return k + 1,
            ')' => depth -= 1,
            '\n' => return k,
            _ => {}
        }
    }
    from
}

fn matching_close(c: &Clean, open: usize, end: usize) -> Option<usize> {
    let mut depth = 0i32;
    for k in open..end.min(open + 300) {
        match c.at(k) {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(k);
                }
            }
            '\n' => return None,
            _ => {}
        }
    }
    None
}

/// `（A、B负责）` / `（A牵头，B配合）`: a bracket that is a unit list.
fn duty_bracket(c: &Clean, from: usize, to: usize) -> Option<Vec<String>> {
    if !DUTY_SUFFIXES.iter().any(|w| c.ends_with(to, w)) || c.contains(from, to, "。") || to - from > 200 {
        return None;
    }
    let units = split_units(c, from, to);
    let all_orgs = !units.is_empty()
        && units.iter().all(|u| u.chars().count() >= 2 && u.chars().last().is_some_and(|ch| ORG_ENDINGS.contains(&ch)));
    all_orgs.then_some(units)
}

/// Splits a unit list on 、，,；; outside brackets and set phrases, strips
/// duty words, and copies each unit as written.
pub fn split_units(c: &Clean, from: usize, to: usize) -> Vec<String> {
    let mut protected = vec![false; to.saturating_sub(from)];
    for i in from..to {
        if let Some((_, n)) = c.longest_at(i, SET_PHRASES, |w| w) {
            for p in protected.iter_mut().skip(i - from).take(n) {
                *p = true;
            }
        }
    }
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut piece = from;
    for i in from..=to {
        let ch = if i == to { ',' } else { c.at(i) };
        match ch {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ if depth <= 0 && SEPARATORS.contains(&ch) && (i == to || !protected[i - from]) => {
                if let Some(u) = unit_name(c, piece, i) {
                    out.push(u);
                }
                piece = i + 1;
            }
            _ => {}
        }
    }
    out
}

fn unit_name(c: &Clean, mut s: usize, mut e: usize) -> Option<String> {
    loop {
        let before = (s, e);
        if let Some((_, n)) = c.longest_before(e, DUTY_SUFFIXES, |w| w) {
            e -= n;
        }
        if let Some((_, n)) = c.longest_at(s, NOISE_PREFIXES, |w| w) {
            s += n;
        }
        while e > s && matches!(c.at(e - 1), '等' | '.' | '。') {
            e -= 1;
        }
        if (s, e) == before {
            break;
        }
    }
    (e > s).then(|| c.raw_string(s, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units(text: &str) -> Responsibility {
        let c = Clean::new(text);
        parse(&c, 0, c.len())
    }

    #[test]
    fn marker_list_lead_first() {
        let r = units("内容。（责任单位：市科学技术局、市工业和信息化局）");
        assert_eq!(r.units, vec!["市科学技术局", "市工业和信息化局"]);
        assert_eq!(r.ranges.len(), 1);
    }

    #[test]
    fn lead_then_other_markers() {
        let r = units("（牵头单位：A局；责任单位：B局、C委）");
        assert_eq!(r.units, vec!["A局", "B局", "C委"]);
    }

    #[test]
    fn marker_with_a_qualifier_and_a_deadline_in_its_bracket() {
        let r = units("完成适老化改造。（5月底取得明显成效并持续推进，牵头考核单位：市审批服务局）");
        assert_eq!(r.units, vec!["市审批服务局"]);
        assert_eq!(r.deadline, Some(When::PlanYear { month: 5, day: 0 }));
        assert_eq!(units("（责任主体：各区政府；主要责任部门：市财政局）").units, vec!["各区政府", "市财政局"]);
        assert!(units("配合做好相关工作：一是").units.is_empty());
    }

    #[test]
    fn duty_bracket() {
        assert_eq!(units("推进改革（省教育厅、省发展改革委负责）。").units, vec!["省教育厅", "省发展改革委"]);
        assert!(units("推进改革（试点先行）。").units.is_empty());
    }

    #[test]
    fn standing_note_with_bracketed_comma() {
        let r = units("(责任单位:市科学技术局、市发展和改革委员会。以下均需各县〔市、区〕政府〔管委会〕负责,不再列出)");
        assert_eq!(r.units, vec!["市科学技术局", "市发展和改革委员会"]);
        assert_eq!(r.standing, vec!["各县〔市、区〕政府〔管委会〕"]);
    }

    #[test]
    fn set_phrases_do_not_split() {
        assert_eq!(units("（责任单位：各区、市政府，市财政局）").units, vec!["各区、市政府", "市财政局"]);
        assert_eq!(
            units("（责任单位：市科学技术局,市城乡一体化示范区管委会）").units,
            vec!["市科学技术局", "市城乡一体化示范区管委会"]
        );
    }
}
