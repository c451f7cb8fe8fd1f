//! 量化目标: quantities in the text that state a committed outcome.
//!
//! Candidates are every quantity with a unit ([`crate::quantity`]); filters
//! drop names, ordinals, history, policy parameters and class thresholds; the
//! survivors get a comparator, a metric and a deadline from their clause.

use crate::clean::{Clean, WordSet};
use std::sync::LazyLock;
use crate::deadline::{self, Found, When};
use crate::model::{Comparator, Deadline};
use crate::numbers;
use crate::quantity::{self, Quantity};
use crate::rules::comparators::PREFIXES;
use crate::rules::cues::{
    BECOME_WORDS, CLASSIFIED_NOUNS, FRAMING_VERBS, HISTORY_CLAUSE, HISTORY_SENTENCE, LIST_VERBS, EVALUATIVE_WORDS, MAKING_VERBS, METRIC_FILLERS, METRIC_LEAD_INS, OUTSIDE_EVENT, POLICY_PARAMETER, VERB_JOINERS,
    REJECT_BEFORE, RULE_OPENERS, SENTENCE_DATE_OPENERS,
};
use crate::rules::deadlines::YEARLY_WORDS;
use crate::rules::units::UnitKind;

/// A target found in the text, in clean offsets.
#[derive(Debug, Clone, PartialEq)]
pub struct FoundTarget {
    pub q: Quantity,
    pub cmp: Comparator,
    pub metric: String,
    /// The deadline of its clause, if one is written.
    pub when: Option<When>,
    pub yearly: bool,
}

/// What the scanner needs to know about the text around it.
pub struct Context<'a> {
    pub c: &'a Clean,
    /// Sorted clean ranges whose numbers are never targets (quotes, unit
    /// lists, tables, history).
    pub excluded: &'a [(usize, usize)],
    pub plan_year: Option<i32>,
}

fn is_clause_break(ch: char) -> bool {
    matches!(ch, ',' | ';' | '。' | ':' | '\n' | '\t' | '!' | '?')
}

fn is_sentence_break(ch: char) -> bool {
    matches!(ch, ';' | '。' | '\n' | '\t' | '!' | '?')
}

fn is_item_break(ch: char) -> bool {
    is_clause_break(ch) || ch == '、'
}

/// Ranges inside quotation marks and 《》 (names, slogans, systems).
pub fn quoted_ranges(c: &Clean) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < c.len() {
        // Skip to the next opening quote in one tight loop over the slice.
        let Some(skip) = c.norm[i..].iter().position(|&ch| matches!(ch, '“' | '《' | '"' | '‘')) else {
            break;
        };
        i += skip;
        let close = match c.at(i) {
            '“' => Some(('”', 40)),
            '《' => Some(('》', 80)),
            '"' => Some(('"', 40)),
            '‘' => Some(('’', 40)),
            _ => None,
        };
        if let Some((close, max)) = close
            && let Some(e) =
                (i + 1..c.len().min(i + 1 + max)).take_while(|&k| c.at(k) != '\n').find(|&k| c.at(k) == close)
        {
            out.push((i, e + 1));
            i = e + 1;
            continue;
        }
        i += 1;
    }
    out
}

fn in_ranges(ranges: &[(usize, usize)], pos: usize) -> bool {
    let k = ranges.partition_point(|r| r.0 <= pos);
    k > 0 && pos < ranges[k - 1].1
}

/// Every target in `start..end`.
pub fn scan(ctx: &Context, start: usize, end: usize) -> Vec<FoundTarget> {
    let c = ctx.c;
    let mut accepted: Vec<Quantity> = Vec::new();
    let mut i = start;
    // Past the text every char reads as `\n`, which starts no numeral.
    let text_end = end.min(c.len());
    while i < text_end {
        // Skip to the next char a numeral can start with in one tight loop.
        let Some(skip) = c.norm[i..text_end].iter().position(|&ch| numbers::may_start(ch)) else {
            break;
        };
        i += skip;
        let Some(n) = numbers::parse_at(&c.norm, i) else {
            i += 1;
            continue;
        };
        let prev = c.before(i);
        let mid_number = prev.is_ascii_alphanumeric()
            || matches!(prev, '.' | '/' | ':' | '-' | '_' | '#' | '×' | '*' | '+' | '＋')
            || (n.chinese && (numbers::chinese_digit(prev).is_some() || numbers::chinese_magnitude(prev).is_some()));
        match if mid_number { None } else { quantity::read(c, i) } {
            Some(q) => {
                let next = q.end.max(i + 1);
                if accept(ctx, &q) {
                    accepted.push(q);
                }
                i = next;
            }
            // Skip the rest of this numeral so its tail is not read alone.
            None => i = n.end.max(i + 1),
        }
    }
    let mut out: Vec<FoundTarget> = Vec::with_capacity(accepted.len());
    let mut sentence_dates = SentenceDates::default();
    for (k, q) in accepted.iter().enumerate() {
        let cmp = comparator(c, q);
        let (when, yearly, past) = clause_deadline(ctx, &accepted, k, &mut sentence_dates);
        if past {
            continue;
        }
        let mut metric = metric(c, q, &accepted);
        // `…完成4个乡镇商贸中心改造,2024年再完成4个`: a bare repeat counts
        // the same thing as the figure before it in the sentence.
        if metric.is_empty()
            && let Some(prev) = out.last()
            && sentence(c, prev.q.start, prev.q.end) == sentence(c, q.start, q.end)
        {
            metric = prev.metric.clone();
        }
        if metric.is_empty() {
            metric = previous_clause_subject(c, q);
        }
        for filler in METRIC_FILLERS {
            metric = metric.replace(filler, "");
        }
        out.push(FoundTarget { q: q.clone(), cmp, metric, when, yearly });
    }
    out
}

// The word tables tested against every candidate's clause or sentence,
// prepared once.
static CLAUSE_REJECT: LazyLock<WordSet> =
    LazyLock::new(|| WordSet::new(POLICY_PARAMETER.iter().chain(OUTSIDE_EVENT).chain(HISTORY_CLAUSE)));
static SENTENCE_REJECT: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(HISTORY_SENTENCE));
static POLICY_PARAMETERS: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(POLICY_PARAMETER));
static YEARLY: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(YEARLY_WORDS));

/// The filters of the spec's "Not targets".
fn accept(ctx: &Context, q: &Quantity) -> bool {
    let c = ctx.c;
    if in_ranges(ctx.excluded, q.start) {
        return false;
    }
    if c.longest_before(q.start, REJECT_BEFORE, |w| w).is_some() {
        return false;
    }
    let after = c.at(q.end);
    // 5G, 3D, 1:1.5
    if c.at(q.number_end).is_ascii_alphabetic() || after.is_ascii_alphabetic() || c.at(q.number_end) == ':' {
        return false;
    }
    // Thresholds: `50亿元以上的项目`, `30亿元以上项目1个`, `超过1亿元的企业`.
    if matches!(q.suffix, Some(Comparator::AtLeast | Comparator::AtMost)) && after == '的' {
        return false;
    }
    if q.kind != UnitKind::Counter && !q.class {
        let suffix_threshold = matches!(q.suffix, Some(Comparator::AtLeast | Comparator::AtMost));
        // An amount + 以上/以下 right before a noun classifies it (`3岁以下婴幼儿`,
        // `30亿元以上项目`); a count + 以上 before a noun is still a count.
        if suffix_threshold && (CLASSIFIED_NOUNS.iter().any(|w| c.starts_with(q.end, w)) || noun_start(after)) {
            return false;
        }
        if after == '的' && noun_follows(c, q.end + 1) {
            return false;
        }
    }
    let (cs, ce) = clause(c, q.start, q.end);
    if c.contains_any_of(cs, ce, &CLAUSE_REJECT) {
        return false;
    }
    let (ss, se) = sentence(c, q.start, q.end);
    if c.contains_any_of(ss, se, &SENTENCE_REJECT) {
        return false;
    }
    // Eligibility rules: `对年营业收入首次突破1亿元、5亿元的企业，分别给予…`.
    let rule_clause = RULE_OPENERS.iter().any(|w| c.starts_with(cs, w));
    if rule_clause && c.contains_any_of(ss, se, &POLICY_PARAMETERS) {
        return false;
    }
    if c.contains(q.start.saturating_sub(6).max(cs), q.start, "首次") {
        return false;
    }
    true
}

/// A Han char that starts a noun phrase (not a conjunction).
fn noun_start(ch: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&ch) && !matches!(ch, '和' | '及' | '与' | '并' | '或' | '且' | '的' | '等')
}

/// A classified noun within the next few chars of the same clause.
fn noun_follows(c: &Clean, from: usize) -> bool {
    let mut k = from;
    while k < from + 10 && !is_item_break(c.at(k)) {
        if CLASSIFIED_NOUNS.iter().any(|w| c.starts_with(k, w)) {
            return true;
        }
        k += 1;
    }
    false
}

fn clause(c: &Clean, start: usize, end: usize) -> (usize, usize) {
    bounds(c, start, end, is_clause_break)
}

fn sentence(c: &Clean, start: usize, end: usize) -> (usize, usize) {
    bounds(c, start, end, is_sentence_break)
}

fn bounds(c: &Clean, start: usize, end: usize, brk: fn(char) -> bool) -> (usize, usize) {
    let mut s = start;
    while s > 0 && !brk(c.at(s - 1)) && start - s < 400 {
        s -= 1;
    }
    let mut e = end;
    while e < c.len() && !brk(c.at(e)) && e - end < 400 {
        e += 1;
    }
    (s, e)
}

/// The deadline scan of the sentence the previous figure stood in: figures
/// come in text order, so the figures of one sentence reuse it.
#[derive(Default)]
struct SentenceDates {
    range: Option<(usize, usize)>,
    scan: (Vec<Found>, Vec<deadline::YearMention>),
}

/// Suffix first (`以上`, `左右`), then the word right before the number.
fn comparator(c: &Clean, q: &Quantity) -> Comparator {
    if let Some(cmp) = q.suffix {
        return cmp;
    }
    if let Some((row, _)) = c.longest_before(q.start, PREFIXES, |r| r.word) {
        return row.cmp;
    }
    if q.more {
        return Comparator::MoreThan;
    }
    if q.range {
        return Comparator::AtLeast;
    }
    Comparator::Exactly
}

/// The deadline of a target's clause: its own clause's last deadline, a later
/// clause of the sentence that completes it (`…,6月中旬全部整改到位`), or a
/// short lead-in clause before it (`“十四五”末,力争…`). Also says whether the
/// figure recurs yearly, and whether the sentence dates it in the past.
fn clause_deadline(
    ctx: &Context,
    accepted: &[Quantity],
    k: usize,
    sentence_dates: &mut SentenceDates,
) -> (Option<When>, bool, bool) {
    let c = ctx.c;
    let q = &accepted[k];
    let (ss, se) = sentence(c, q.start, q.end);
    let (cs, ce) = clause(c, q.start, q.end);
    // `accepted` is in text order: a binary search finds a target in a range.
    let has_target = |s: usize, e: usize| {
        let k = accepted.partition_point(|o| o.start < s);
        accepted.get(k).is_some_and(|o| o.start < e)
    };
    // One scan of the sentence serves every clause below, and every later
    // figure of the same sentence.
    if sentence_dates.range != Some((ss, se)) {
        *sentence_dates = SentenceDates { range: Some((ss, se)), scan: deadline::scan(c, ss, se) };
    }
    let (dates, years) = (&sentence_dates.scan.0, &sentence_dates.scan.1);
    let within = |s: usize, e: usize| dates.iter().filter(move |f| f.start >= s && f.start < e);
    let own = within(cs, ce).next_back();
    let mut when = own.map(|f| f.when);
    // Later clauses of the sentence that hold no target of their own complete
    // it (`…5月底前大头落地,6月中旬全部整改到位`), unless a date written before
    // the figure dates it (`2024年再完成4个,2025年全部完成`).
    let mut e = if own.is_some_and(|f| f.start < q.start) { se } else { ce };
    while e < se {
        let (ns, ne) = clause(c, e + 1, e + 1);
        if ns >= se || has_target(ns, ne) {
            break;
        }
        if let Some(f) = within(ns, ne).next_back()
            && c.contains_any(ns, ne, &["全部", "完成", "到位", "完毕", "全面"])
        {
            when = Some(f.when);
        }
        e = ne;
    }
    // A short lead-in clause before it.
    if when.is_none() && cs > ss + 1 {
        let (ps, pe) = clause(c, cs - 1, cs - 1);
        if ps >= ss && pe - ps <= 12 && !has_target(ps, pe) {
            when = within(ps, pe).next_back().map(|f: &Found| f.when);
        }
    }
    // A deadline that opens the sentence dates all of it
    // (`2024年6月底前建成投用…,日处理快件能力达到10万件`).
    if when.is_none() && cs > ss {
        let mut s = ss;
        strip_lead_ins(c, &mut s, cs);
        while s < cs && SENTENCE_DATE_OPENERS.iter().any(|w| c.starts_with(s, w)) {
            s += 1;
        }
        if let Some(f) = dates.first()
            && f.start <= s
            && f.end <= cs
        {
            when = Some(f.when);
        }
    }
    if when.is_none() {
        when = paragraph_deadline(c, ss);
    }
    let yearly = c.contains_any_of(ss, se, &YEARLY);
    let past = past_figure(ctx, years, when);
    (when, yearly, past)
}

/// The farthest back a paragraph's start is looked for.
const PARAGRAPH_LOOKBACK: usize = 3000;
/// The longest label or title that may stand before a paragraph's opening date.
const PARAGRAPH_LABEL_MAX: usize = 16;

/// `到2020年，…。全国农机总动力超过10亿千瓦`: a deadline opening the paragraph
/// (after a short label such as `具体指标：` or a measure's title) dates every
/// later sentence of it that names no date of its own.
fn paragraph_deadline(c: &Clean, sentence_start: usize) -> Option<When> {
    let floor = sentence_start.saturating_sub(PARAGRAPH_LOOKBACK);
    let mut p = (floor..sentence_start).rev().find(|&k| c.at(k) == '\n').map_or(floor, |k| k + 1);
    // After a short label (`具体指标：`) or a measure's title (`（三）发展目标。`).
    if let Some(mark) = (p..(p + PARAGRAPH_LABEL_MAX).min(c.len())).find(|&k| matches!(c.at(k), ':' | '。')) {
        p = mark + 1;
    }
    let f = deadline::first_at(c, p, p + 16)
        .or_else(|| SENTENCE_DATE_OPENERS.iter().any(|w| c.starts_with(p, w)).then(|| deadline::first_at(c, p + 1, p + 16)).flatten())?;
    (c.at(f.end) == ',').then_some(f.when)
}

/// A sentence that names only past years (`2022年，全市…`, `“十三五”期间`)
/// states history, unless a future deadline dates the figure.
fn past_figure(ctx: &Context, years: &[deadline::YearMention], when: Option<When>) -> bool {
    let Some(plan) = ctx.plan_year else { return false };
    if let Some(When::Absolute { year, .. }) = when
        && year >= plan
    {
        return false;
    }
    if matches!(when, Some(When::PlanYear { .. })) {
        return false;
    }
    !years.is_empty() && years.iter().filter(|y| !y.base).all(|y| y.year < plan) && years.iter().any(|y| !y.base)
}

/// The short noun phrase before the number (after its list item's start),
/// framing words stripped; the phrase after it when nothing precedes.
fn metric(c: &Clean, q: &Quantity, accepted: &[Quantity]) -> String {
    let item_start = item_start(c, q.start, accepted);
    let mut s = item_start;
    let mut e = q.start;
    if let Some((_, n)) = c.longest_before(e, PREFIXES, |r| r.word) {
        e = e.saturating_sub(n).max(s);
    }
    strip_lead_ins(c, &mut s, e);
    while e > s && matches!(c.at(e - 1), '为' | '是' | '的') {
        e -= 1;
    }
    if c.ends_with(e, "稳定在") && e >= s + 3 {
        e -= 3;
    }
    // `把食品加工产业培育成150亿级规模`: a size class measures the industry's scale.
    if q.class
        && let Some((_, n)) = c.longest_before(e, BECOME_WORDS, |w| w)
        && e >= s + n + 2
    {
        return format!("{}规模", c.raw_string(s, e - n));
    }
    // `推进210个以上市级重点项目建设`: only verbs before the number, so the
    // counted thing follows it; a verb that defines the quantity (新建) stays.
    let verbs_only = e > s + 1 && only_verbs(c, s, e);
    if verbs_only {
        let mut k = s;
        while let Some((_, n)) = c.longest_at(k, FRAMING_VERBS, |w| w)
            && k + n <= e
        {
            k += n;
        }
        s = k;
    }
    // `形成30个典型应用场景解决方案`: a count with its noun after it counts
    // that noun; the verbs right before the number say what is done to it.
    if q.kind == UnitKind::Counter
        && let Some(object) = counted_object(c, q)
        && let Some(verbs) = verb_run_before(c, s, e)
    {
        return format!("{}{}", c.raw_string(verbs, e), object);
    }
    if e <= s + 1 || verbs_only {
        // `推动300家企业开展…`: the counted thing follows the number.
        let mut fs = q.end;
        if c.at(fs) == '的' {
            fs += 1;
        }
        let mut fe = fs;
        while fe < c.len() && !is_item_break(c.at(fe)) && fe - fs < 20 {
            fe += 1;
        }
        return format!("{}{}", c.raw_string(s, e), c.raw_string(fs, fe));
    }
    let mut metric = c.raw_string(s, e);
    // A list shares its first item's verb: 新增上市企业1家、头雁企业2家.
    if c.before(item_start) == '、' {
        let (cs, _) = clause(c, q.start, q.end);
        let mut fs = cs;
        strip_lead_ins(c, &mut fs, q.start);
        if let Some((verb, _)) = c.longest_at(fs, LIST_VERBS, |w| w)
            && !LIST_VERBS.iter().any(|w| metric.starts_with(w))
        {
            metric = format!("{verb}{metric}");
        }
    }
    metric
}

/// The noun a count counts when it stands right after the count
/// (`10家具有较强影响力的重大科技创新平台` → 重大科技创新平台): up to the item's
/// end; none when the clause ends there.
fn counted_object(c: &Clean, q: &Quantity) -> Option<String> {
    let from = q.end;
    if !noun_start(c.at(from)) && !matches!(c.at(from), '“' | '"') {
        return None;
    }
    if deadline::first_at(c, from, from + 8).is_some() || c.longest_at(from, PREFIXES, |r| r.word).is_some() {
        return None;
    }
    let mut to = from;
    // The object ends at the item's end, a bracket, or a figure joined to it
    // (`50所高水平高等职业学校和150个骨干专业`).
    while to < c.len()
        && !is_item_break(c.at(to))
        && !matches!(c.at(to), '(' | ')')
        && !(c.longest_before(to, VERB_JOINERS, |w| w).is_some() && c.at(to).is_ascii_digit())
        && to - from < 24
    {
        to += 1;
    }
    while let Some((_, n)) = c.longest_before(to, VERB_JOINERS, |w| w)
        && to >= from + n
    {
        to -= n;
    }
    if to - from >= 24 || to <= from + 1 {
        return None;
    }
    // An evaluative modifier (`具有较强影响力的`) praises the thing, a defining
    // one (`具备科创板上市条件的`) says which things count: only the first goes.
    let start = match (from..to).rev().find(|&k| c.at(k) == '的') {
        Some(k) if c.contains_any(from, k, EVALUATIVE_WORDS) => k + 1,
        _ => from,
    };
    (to > start + 1).then(|| c.raw_string(start, to))
}

/// Start of the run of making verbs (joined by 和/及/与) that ends at `e`.
fn verb_run_before(c: &Clean, s: usize, e: usize) -> Option<usize> {
    let mut k = e;
    let mut found = None;
    loop {
        match c.longest_before(k, MAKING_VERBS, |w| w) {
            Some((_, n)) if k >= s + n => {
                k -= n;
                found = Some(k);
            }
            _ => break,
        }
        // `谋划建设`: verbs side by side; `新引进和培育`: joined by 和.
        if c.longest_before(k, MAKING_VERBS, |w| w).is_some() {
            continue;
        }
        match c.longest_before(k, VERB_JOINERS, |w| w) {
            Some((_, n)) if k >= s + n && c.longest_before(k - n, MAKING_VERBS, |w| w).is_some() => k -= n,
            _ => break,
        }
    }
    found
}

/// `就业补助资金支出进度,6月底前达到60%以上`: a figure with nothing before it
/// in its clause measures what the previous clause of the sentence names
/// (up to its own number, framing words stripped).
fn previous_clause_subject(c: &Clean, q: &Quantity) -> String {
    let (ss, _) = sentence(c, q.start, q.end);
    let (cs, _) = clause(c, q.start, q.end);
    if cs <= ss + 1 {
        return String::new();
    }
    let (mut ps, pe) = clause(c, cs - 1, cs - 1);
    let stop = (ps..pe).find(|&k| numbers::may_start(c.at(k)) && numbers::parse_at(&c.norm, k).is_some()).unwrap_or(pe);
    strip_lead_ins(c, &mut ps, stop);
    if c.at(ps) == '已' {
        ps += 1;
    }
    while let Some((_, n)) = c.longest_at(ps, FRAMING_VERBS, |w| w)
        && ps + n < stop
    {
        ps += n;
    }
    if stop <= ps + 1 || stop - ps > 20 {
        return String::new();
    }
    c.raw_string(ps, stop)
}

/// Whether `s..e` is nothing but framing and defining verbs (`加快推进`, `新建`).
fn only_verbs(c: &Clean, s: usize, e: usize) -> bool {
    let mut k = s;
    while k < e {
        let framing = c.longest_at(k, FRAMING_VERBS, |w| w).map_or(0, |(_, n)| n);
        let defining = c.longest_at(k, LIST_VERBS, |w| w).map_or(0, |(_, n)| n);
        let n = framing.max(defining);
        if n == 0 || k + n > e {
            return false;
        }
        k += n;
    }
    true
}

fn strip_lead_ins(c: &Clean, s: &mut usize, e: usize) {
    loop {
        let before = *s;
        if let Some((_, n)) = c.longest_at(*s, METRIC_LEAD_INS, |w| w)
            && *s + n <= e
        {
            *s += n;
        }
        // 年度 names the metric (年度投资); other date words only frame it.
        if let Some(f) = deadline::first_at(c, *s, e)
            && !c.starts_with(*s, "年度")
        {
            *s = f.end;
        }
        while *s < e && matches!(c.at(*s), '“' | '”' | ',' | '在' | '把' | '将' | '(') {
            *s += 1;
        }
        // A measure's number left at the item's start (`21．完成…`).
        let digits = (*s..e).take_while(|&k| c.at(k).is_ascii_digit()).count();
        if digits > 0 && matches!(c.at(*s + digits), '.' | '、') && *s + digits < e {
            *s += digits + 1;
        }
        if *s == before {
            break;
        }
    }
}

/// Start of the list item holding `pos`: after the last break or earlier target.
fn item_start(c: &Clean, pos: usize, accepted: &[Quantity]) -> usize {
    let mut s = pos;
    let mut depth = 0i32;
    while s > 0 && pos - s < 40 {
        let ch = c.at(s - 1);
        match ch {
            ')' => depth += 1,
            '(' => depth -= 1,
            _ => {}
        }
        if depth <= 0 && is_item_break(ch) {
            break;
        }
        let k = accepted.partition_point(|o| o.end < s);
        if accepted.get(k).is_some_and(|o| o.end == s) {
            break;
        }
        s -= 1;
    }
    s
}

/// Resolves a found clause deadline, falling back to the task's and then
/// to the plan period's end.
pub fn resolve_deadline(
    when: Option<When>,
    yearly: bool,
    task: Option<When>,
    plan_year: Option<i32>,
    period_end: Deadline,
) -> Deadline {
    if let Some(w) = when {
        return deadline::resolve(w, plan_year);
    }
    if yearly {
        return Deadline::new(plan_year, 12, 31);
    }
    if let Some(w) = task {
        return deadline::resolve(w, plan_year);
    }
    period_end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn targets(text: &str, year: Option<i32>) -> Vec<(String, f64, String, &'static str, String)> {
        let c = Clean::new(text);
        let excluded = quoted_ranges(&c);
        let ctx = Context { c: &c, excluded: &excluded, plan_year: year };
        scan(&ctx, 0, c.len())
            .into_iter()
            .map(|t| (c.raw_string(t.q.start, t.q.end), t.q.value, t.q.unit.clone(), t.cmp.symbol(), t.metric))
            .collect()
    }

    #[test]
    fn work_report_sentence() {
        let t = targets("推动项目早开工、早建成,完成年度投资1700亿元以上。", Some(2023));
        assert_eq!(t, vec![("1700亿元以上".into(), 1700.0, "亿元".into(), ">=", "年度投资".into())]);
    }

    #[test]
    fn list_items_share_the_verb() {
        let t = targets("新增上市企业1家、头雁企业2家,确保市场主体规模突破44万户。", Some(2023));
        assert_eq!(t.len(), 3);
        assert_eq!(t[1].4, "新增头雁企业");
        assert_eq!(t[2].3, ">");
        assert_eq!(t[2].4, "市场主体规模");
    }

    #[test]
    fn names_slogans_and_ordinals_are_not_targets() {
        let text =
            "围绕“633”工业体系,利用第25届投洽会,实现5G网络全覆盖,深入实施“许昌英才计划”3.0版,开展八项行动,瞄准500强。";
        assert!(targets(text, Some(2023)).is_empty());
    }

    #[test]
    fn thresholds_and_parameters_are_not_targets() {
        let t = targets(
            "力争全年引进亿元以上项目35个、30亿元以上项目1个,在引进50亿元以上的龙头型项目上实现突破。",
            Some(2022),
        );
        let values: Vec<f64> = t.iter().map(|t| t.1).collect();
        assert_eq!(values, vec![35.0, 1.0]);
        assert!(targets("对首次超过1亿元的企业给予最高100万元奖励。", Some(2024)).is_empty());
        assert!(targets("按设备投资额的10%给予补助。", Some(2024)).is_empty());
        assert_eq!(targets("每千人口拥有3岁以下婴幼儿托位数达到4.5个。", Some(2024)).len(), 1);
        assert_eq!(targets("PM2.5浓度控制在35微克/立方米以内。", Some(2024))[0].2, "微克/立方米");
        assert!(
            targets("对年营业收入首次突破1亿元、5亿元的软件企业,分别给予20万元、50万元奖励。", Some(2024)).is_empty()
        );
    }

    #[test]
    fn comparators() {
        let t = targets(
            "研发活动达到50%以上、研发投入增长20%,开工率不低于75%,占比稳定在35%左右,控制在5%以内。",
            Some(2024),
        );
        let cmps: Vec<&str> = t.iter().map(|t| t.3).collect();
        assert_eq!(cmps, vec![">=", "=", ">=", "~", "<="]);
    }

    #[test]
    fn history_sentences_are_not_targets() {
        assert!(targets("预计“十三五”末全区生产总值达到302亿元。", Some(2021)).is_empty());
        assert!(targets("2022年,全市新增企业200家。", Some(2023)).is_empty());
        assert!(targets("目前全市已建成5G基站3000个。", Some(2023)).is_empty());
        assert_eq!(targets("依托我区现有产业基础,力争全年引进亿元以上项目35个。", Some(2023)).len(), 1);
        assert_eq!(targets("到2025年,单位GDP能耗比2020年下降13.5%。", Some(2021)).len(), 1);
    }

    #[test]
    fn counted_thing_after_the_number_names_the_metric() {
        let t = targets("推动300家企业开展数字化转型诊断服务。", Some(2024));
        assert_eq!(t[0].4, "企业开展数字化转型诊断服务");
    }
}
