//! The document as a whole: title, 文号, plan year and plan period end.
//!
//! The plan year comes, in order of trust, from the user (`--year`), the 文号
//! (`许政办〔2024〕4号`), the title (`（2021-2023年）`, `2024年…方案`), a plan
//! phrase (`2023年重点工作安排`, `确保2022年`), then the first date line
//! (`2021年1月`). Nothing found leaves it unknown.

use crate::clean::Clean;
use crate::deadline::{self, When};
use crate::model::{Deadline, DocumentInfo};
use crate::numbers;
use crate::rules::deadlines::PERIODS;

/// Title lines end with one of these.
static TITLE_ENDINGS: &[&str] = &[
    "措施", "方案", "规划", "纲要", "计划", "报告", "要点", "意见", "通知", "办法", "安排", "决定", "清单", "任务",
    "细则", "分工",
];

/// After `YYYY年`, these make the year the plan's.
static PLAN_YEAR_AFTER: &[&str] = &[
    "重点工作",
    "工作安排",
    "工作要点",
    "工作计划",
    "工作任务",
    "主要目标",
    "主要预期目标",
    "目标任务",
    "政府工作",
    "经济社会发展主要",
    "是全面",
    "是贯彻",
    "是实施",
    "是深入",
    "度重点",
    "度工作",
    "主要任务",
];

/// A report to the people's congress addresses its deputies near its start
/// (`各位代表：`): it is an annual work report, whose plan period is its year.
static WORK_REPORT_ADDRESS: &[&str] = &["各位代表"];
/// How far into the text that address is looked for.
const ADDRESS_WINDOW: usize = 2000;

/// Before `YYYY年`, these make the year the plan's (`确保2022年…`).
static PLAN_YEAR_BEFORE: &[&str] = &["确保", "力争", "争取", "今年是"];

/// In a title, a year followed by one of these is the plan year.
static TITLE_YEAR_AFTER: &[&str] = &["度", "工作", "重点", "行动", "实施", "年度"];

/// Quarter and half-year words in a title set the period end.
static TITLE_PERIODS: &[(&str, u32, u32)] =
    &[("一季度", 3, 31), ("二季度", 6, 30), ("三季度", 9, 30), ("四季度", 12, 31), ("上半年", 6, 30)];

pub fn infer(c: &Clean, user_year: Option<i32>, source: &str) -> DocumentInfo {
    let work_report = c.contains_any(0, c.len().min(ADDRESS_WINDOW), WORK_REPORT_ADDRESS);
    // A work report that quotes a plan's name (《…规划纲要》) is not that plan.
    let title = find_title(c).filter(|&(_, quoted)| !(quoted && work_report)).map(|(range, _)| range);
    let doc_number = find_doc_number(c);
    let title_norm: String = title.as_ref().map(|(s, e)| c.norm[*s..*e].iter().collect()).unwrap_or_default();
    let range = year_range(&title_norm);
    let year = user_year
        .or(doc_number.as_ref().map(|d| d.1))
        .or(range.map(|r| r.0))
        .or_else(|| title_year(&title_norm))
        .or_else(|| plan_phrase_year(c))
        .or_else(|| date_line_year(c));
    let period_end = period_end(&title_norm, range, year);
    // A five-year plan that names no year of its own starts its period.
    let year = year.or_else(|| {
        let five_year = title_norm.contains("规划") || title_norm.contains("纲要");
        (five_year && range.is_none() && period_end.month == 12 && period_end.year.is_some())
            .then(|| period_end.year.map(|y| y - 4))
            .flatten()
    });
    DocumentInfo {
        source: source.to_string(),
        title: title.map(|(s, e)| c.raw_string(s, e)),
        issuer: None,
        doc_number: doc_number.map(|d| d.0),
        year,
        period_end: Some(period_end),
    }
}

/// The title: a short line ending like a title, else the first 《…》 (then
/// marked as quoted).
fn find_title(c: &Clean) -> Option<((usize, usize), bool)> {
    let lines = c.lines();
    let head = &lines[..lines.len().min(40)];
    for &(s, e) in head {
        let n = e - s;
        // `…行动计划（2021-2023年）`: the ending is read before the bracket.
        let body_end =
            if e > s && c.at(e - 1) == ')' { (s..e).rev().find(|&k| c.at(k) == '(').unwrap_or(e) } else { e };
        if (6..=80).contains(&n)
            && !c.contains(s, e, "。")
            && !c.contains(s, e, ",")
            && TITLE_ENDINGS.iter().any(|t| c.ends_with(body_end, t))
            && !c.starts_with(s, "《")
            // `二、重点任务` is a heading, not the title.
            && crate::structure::heading_at(c, s).is_none()
        {
            return Some(((s, e), false));
        }
    }
    for &(s, e) in head {
        if let Some(open) = (s..e).find(|&i| c.at(i) == '《')
            && let Some(close) = (open..e.min(open + 100)).find(|&i| c.at(i) == '》')
        {
            let mut end = close;
            for ext in [".docx", ".doc", ".pdf", ".txt", ".html", ".wps"] {
                if c.ends_with(end, ext) {
                    end -= ext.chars().count();
                }
            }
            if end > open + 4 {
                return Some(((open + 1, end), true));
            }
        }
    }
    None
}

/// `许政办〔2024〕4号` as written, and its year.
fn find_doc_number(c: &Clean) -> Option<(String, i32)> {
    let limit = c.len().min(3000);
    for i in 0..limit {
        if c.at(i) != '(' {
            continue;
        }
        let Some(n) = numbers::parse_at(&c.norm, i + 1) else { continue };
        if n.chinese || n.end != i + 5 || c.at(n.end) != ')' || !(1949.0..=2100.0).contains(&n.value) {
            continue;
        }
        let mut j = n.end + 1;
        while c.at(j).is_ascii_digit() {
            j += 1;
        }
        if j == n.end + 1 || c.at(j) != '号' {
            continue;
        }
        let mut s = i;
        while s > 0 && i - s < 8 && is_cjk(c.at(s - 1)) {
            s -= 1;
        }
        if s == i {
            continue;
        }
        return Some((c.raw_string(s, j + 1), n.value as i32));
    }
    None
}

fn is_cjk(ch: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&ch)
}

/// `（2021-2023年）` / `2021—2023年` in a title.
fn year_range(title: &str) -> Option<(i32, i32)> {
    let chars: Vec<char> = title.chars().collect();
    for i in 0..chars.len() {
        if i > 0 && chars[i - 1].is_ascii_digit() {
            continue;
        }
        let Some(a) = numbers::parse_at(&chars, i) else { continue };
        if a.chinese || a.end != i + 4 {
            continue;
        }
        let mut j = a.end;
        if chars.get(j) == Some(&'年') {
            j += 1;
        }
        if !matches!(chars.get(j), Some('-' | '至' | '到')) {
            continue;
        }
        let Some(b) = numbers::parse_at(&chars, j + 1) else { continue };
        if b.end == j + 5 && chars.get(b.end) == Some(&'年') && b.value > a.value && b.value - a.value < 20.0 {
            return Some((a.value as i32, b.value as i32));
        }
    }
    None
}

fn title_year(title: &str) -> Option<i32> {
    let chars: Vec<char> = title.chars().collect();
    for i in 0..chars.len() {
        if let Some(n) = numbers::parse_at(&chars, i)
            && n.end == i + 4
            && chars.get(n.end) == Some(&'年')
            && (1949.0..=2100.0).contains(&n.value)
        {
            let after: String = chars[n.end + 1..].iter().take(4).collect();
            if TITLE_YEAR_AFTER.iter().any(|w| after.starts_with(w)) {
                return Some(n.value as i32);
            }
        }
    }
    None
}

/// The latest year named by a plan phrase anywhere in the text.
fn plan_phrase_year(c: &Clean) -> Option<i32> {
    let mut best: Option<i32> = None;
    for i in 0..c.len() {
        let ch = c.at(i);
        if !ch.is_ascii_digit() || c.before(i).is_ascii_digit() {
            continue;
        }
        let Some(n) = numbers::parse_at(&c.norm, i) else { continue };
        if n.end != i + 4 || c.at(n.end) != '年' || !(1949.0..=2100.0).contains(&n.value) {
            continue;
        }
        let after = n.end + 1;
        if PLAN_YEAR_AFTER.iter().any(|w| c.starts_with(after, w))
            || c.longest_before(i, PLAN_YEAR_BEFORE, |w| w).is_some()
        {
            let y = n.value as i32;
            best = Some(best.map_or(y, |b| b.max(y)));
        }
    }
    best
}

/// The first `YYYY年M月` in the text: the date it was issued.
fn date_line_year(c: &Clean) -> Option<i32> {
    // Scan in pieces so a long document stops at its first date.
    let mut from = 0;
    while from < c.len() {
        let to = (from + 4096).min(c.len());
        if let Some(y) = first_date(c, from, to) {
            return Some(y);
        }
        from = to.saturating_sub(16).max(from + 1);
    }
    None
}

fn first_date(c: &Clean, from: usize, to: usize) -> Option<i32> {
    for f in deadline::find_all(c, from, to) {
        if let When::Absolute { year, .. } = f.when {
            let text: String = c.norm[f.start..f.end].iter().collect();
            if text.contains('月') && !text.starts_with('到') && !text.starts_with('至') {
                return Some(year);
            }
        }
    }
    None
}

fn period_end(title: &str, range: Option<(i32, i32)>, year: Option<i32>) -> Deadline {
    if let Some((_, last)) = range {
        return Deadline::new(Some(last), 12, 31);
    }
    let five_year = title.contains("规划") || title.contains("纲要");
    if five_year {
        for p in PERIODS {
            let ordinal = format!("第{}个五年", p.name.trim_end_matches('五'));
            if title.contains(p.name) || title.contains(&ordinal) {
                return Deadline::new(Some(p.last_year), 12, 31);
            }
        }
    }
    for (word, month, day) in TITLE_PERIODS {
        if title.contains(word) {
            return deadline::resolve(When::PlanYear { month: *month, day: *day }, year);
        }
    }
    Deadline::new(year, 12, 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info(text: &str) -> DocumentInfo {
        infer(&Clean::new(text), None, "x.txt")
    }

    #[test]
    fn year_from_doc_number_and_quarter_title() {
        let d = info("许政办〔2024〕 4号\n攻坚二季度确保“双过半”若干措施\n一、紧抓科技创新");
        assert_eq!(d.year, Some(2024));
        assert_eq!(d.doc_number.as_deref(), Some("许政办〔2024〕4号"));
        assert_eq!(d.period_end.unwrap().to_string(), "2024-06-30");
        assert_eq!(d.title.as_deref(), Some("攻坚二季度确保“双过半”若干措施"));
    }

    #[test]
    fn year_from_plan_phrase() {
        let d = info("三、2023年重点工作安排\n积极扩大有效投资。");
        assert_eq!(d.year, Some(2023));
        assert_eq!(d.period_end.unwrap().to_string(), "2023-12-31");
        assert_eq!(info("确保2022年规上工业增加值增幅高于全市").year, Some(2022));
    }

    #[test]
    fn five_year_plan_ends_with_its_period() {
        let d = info("《某区国民经济和社会发展第十四个五年规划和2035年远景目标纲要.docx》由会员分享\n纲要2021年1月");
        assert_eq!(d.year, Some(2021));
        assert_eq!(d.period_end.unwrap().to_string(), "2025-12-31");
    }

    #[test]
    fn five_year_plan_without_a_date_starts_its_period() {
        let d = info("某县国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要\n第一章 发展基础");
        assert_eq!(d.year, Some(2021));
        assert_eq!(d.period_end.unwrap().to_string(), "2025-12-31");
    }

    #[test]
    fn year_range_in_title() {
        let d = info("某市数字经济发展行动计划（2021-2023年）\n一、目标");
        assert_eq!(d.year, Some(2021));
        assert_eq!(d.period_end.unwrap().to_string(), "2023-12-31");
    }

    #[test]
    fn unknown_year_stays_unknown() {
        let d = info("实现今年目标,重点要做好以下7个方面的工作:\n“十四五”末,力争");
        assert_eq!(d.year, None);
        assert_eq!(d.period_end.unwrap().to_string(), "--12-31");
    }
}
