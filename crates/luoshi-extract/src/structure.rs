//! The document's tree: headings (第X章 … （1）, 专栏), and the blocks of
//! text under them: tasks (a numbered measure, or a paragraph opening with a
//! lead phrase ending in 。) and plain text (intros, reviews, notes).
//!
//! Text whose paragraph layout is lost (a flattened web copy) is read
//! sentence by sentence instead: a short sentence opens a task.

use crate::clean::Clean;
use crate::numbers;
use crate::rules::cues::HISTORY_PARAGRAPH;
use crate::rules::headings::{COLUMN_WORDS, ENUMERATORS, HISTORY_HEADINGS, HeadingKind, ORDINAL_HEADINGS, is_circled};

/// A heading, with its place in the tree.
#[derive(Debug, Clone, PartialEq)]
pub struct Heading {
    pub kind: HeadingKind,
    /// Clean range of the heading as written (numbering included).
    pub start: usize,
    pub end: usize,
    /// Where its numbering ends (its title starts).
    pub number_end: usize,
    pub parent: Option<usize>,
    /// The section reviews the past (its figures are history).
    pub history: bool,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum BlockKind {
    /// A task, with the clean range of its title (the lead phrase).
    Task { title_start: usize, title_end: usize },
    /// Text that belongs to no task.
    Plain,
}

/// A stretch of text under one heading.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub kind: BlockKind,
    pub start: usize,
    pub end: usize,
    /// The innermost heading above it.
    pub heading: Option<usize>,
    /// Its figures are history (a review section or paragraph).
    pub history: bool,
    /// History because of its own opening words, not its section's.
    own_history: bool,
}

#[derive(Debug, Clone, Default)]
pub struct Layout {
    pub headings: Vec<Heading>,
    pub blocks: Vec<Block>,
}

impl Layout {
    /// The block that holds clean offset `pos`.
    pub fn block_at(&self, pos: usize) -> Option<usize> {
        let i = self.blocks.partition_point(|b| b.start <= pos);
        (i > 0 && pos < self.blocks[i - 1].end).then(|| i - 1)
    }

    /// Headings from the outermost down to `heading`.
    pub fn path(&self, heading: Option<usize>) -> Vec<usize> {
        let mut out = Vec::new();
        let mut h = heading;
        while let Some(i) = h {
            out.push(i);
            h = self.headings[i].parent;
        }
        out.reverse();
        out
    }
}

/// The longest a lead phrase may be (in chars).
const LEAD_PHRASE_MAX: usize = 30;
/// In flattened text, a shorter limit keeps body sentences out.
const FLAT_LEAD_PHRASE_MAX: usize = 25;

/// Reads the heading numbering at `i`: its kind and where the number ends.
pub fn heading_at(c: &Clean, i: usize) -> Option<(HeadingKind, usize)> {
    let ch = c.at(i);
    if ch == '第' {
        let j = numeral_run(c, i + 1, 3)?;
        let kind = ORDINAL_HEADINGS.iter().find(|(s, _)| c.at(j) == *s)?.1;
        return Some((kind, j + 1));
    }
    if let Some(w) = COLUMN_WORDS.iter().find(|w| c.starts_with(i, w)) {
        let j = numeral_run(c, i + w.chars().count(), 3)?;
        return Some((HeadingKind::Column, j));
    }
    if is_circled(ch) {
        return Some((HeadingKind::Circled, i + 1));
    }
    if ch == '(' {
        let j = numeral_run(c, i + 1, 3)?;
        if c.at(j) != ')' {
            return None;
        }
        let kind = if c.at(i + 1).is_ascii_digit() { HeadingKind::ParenArabic } else { HeadingKind::ParenChinese };
        return Some((kind, j + 1));
    }
    if ch.is_ascii_digit() {
        let mut j = i;
        while c.at(j).is_ascii_digit() && j - i < 3 {
            j += 1;
        }
        if matches!(c.at(j), '.' | '、') && !c.at(j + 1).is_ascii_digit() && !c.at(j + 1).is_whitespace() {
            return Some((HeadingKind::Arabic, j + 1));
        }
        return None;
    }
    if numbers::chinese_digit(ch).is_some() || ch == '十' {
        let j = numeral_run(c, i, 3)?;
        if c.at(j) == '、' {
            return Some((HeadingKind::Chinese, j + 1));
        }
    }
    None
}

/// End of a run of 1..=max numeral chars (Arabic or Chinese) at `i`.
fn numeral_run(c: &Clean, i: usize, max: usize) -> Option<usize> {
    let mut j = i;
    let arabic = c.at(i).is_ascii_digit();
    while j - i < max {
        let ch = c.at(j);
        let ok = if arabic {
            ch.is_ascii_digit()
        } else {
            numbers::chinese_digit(ch).is_some() || matches!(ch, '十' | '百')
        };
        if !ok {
            break;
        }
        j += 1;
    }
    (j > i).then_some(j)
}

struct Builder<'a> {
    c: &'a Clean,
    plan_year: Option<i32>,
    layout: Layout,
    stack: Vec<usize>,
    current: Option<usize>,
}

impl<'a> Builder<'a> {
    fn push_heading(&mut self, kind: HeadingKind, start: usize, number_end: usize, end: usize) {
        while let Some(&top) = self.stack.last() {
            if self.layout.headings[top].kind >= kind {
                self.stack.pop();
            } else {
                break;
            }
        }
        let parent = self.stack.last().copied();
        let history = parent.is_some_and(|p| self.layout.headings[p].history) || self.history_heading(start, end);
        self.layout.headings.push(Heading { kind, start, end, number_end, parent, history });
        self.stack.push(self.layout.headings.len() - 1);
        self.current = None;
    }

    fn history_heading(&self, start: usize, end: usize) -> bool {
        if HISTORY_HEADINGS.iter().any(|w| self.c.contains(start, end, w)) {
            return true;
        }
        // `一、2023年工作` in a 2024 report reviews the past year.
        if let Some(plan) = self.plan_year {
            for i in start..end {
                if let Some(n) = numbers::parse_at(&self.c.norm, i)
                    && !n.chinese
                    && n.end == i + 4
                    && self.c.at(n.end) == '年'
                    && (n.value as i32) < plan
                    && n.value >= 1949.0
                    && self.c.contains(n.end, end, "工作")
                {
                    return true;
                }
            }
        }
        false
    }

    fn section_history(&self) -> bool {
        self.stack.last().is_some_and(|&h| self.layout.headings[h].history)
    }

    fn open(&mut self, kind: BlockKind, start: usize, end: usize, own_history: bool) {
        let heading = self.stack.last().copied();
        let history = own_history || self.section_history();
        self.layout.blocks.push(Block { kind, start, end, heading, history, own_history });
        self.current = Some(self.layout.blocks.len() - 1);
    }

    /// Adds a paragraph to the open block, or opens a plain one.
    fn continue_with(&mut self, start: usize, end: usize, own_history: bool) {
        match self.current {
            Some(b) if !own_history && !self.layout.blocks[b].own_history => self.layout.blocks[b].end = end,
            _ => self.open(BlockKind::Plain, start, end, own_history),
        }
    }

    fn pop_column(&mut self) {
        if let Some(&top) = self.stack.last()
            && self.layout.headings[top].kind == HeadingKind::Column
        {
            self.stack.pop();
        }
    }
}

/// Length of an in-paragraph enumerator at `i` (`一是`, `二是`, `其三`), or 0.
fn enumerator_len(c: &Clean, i: usize) -> usize {
    c.longest_at(i, ENUMERATORS, |w| w).map_or(0, |(_, n)| n)
}

/// Where the first sentence of `start..end` ends (its 。), if it is a lead
/// phrase: short, at most one comma, no colon.
fn lead_phrase(c: &Clean, start: usize, end: usize, max: usize) -> Option<usize> {
    let limit = end.min(start + max + 3);
    let stop = (start..limit).find(|&i| matches!(c.at(i), '。' | '!'))?;
    let len = (start..stop).filter(|&i| !matches!(c.at(i), '“' | '”' | '"')).count();
    if !(2..=max).contains(&len) {
        return None;
    }
    let commas = (start..stop).filter(|&i| c.at(i) == ',').count();
    let colon = (start..stop).any(|i| matches!(c.at(i), ':' | ';'));
    (commas <= 1 && !colon).then_some(stop)
}

/// The title of a numbered measure starting at `p`: up to its first 。, or
/// its first comma when the sentence is long.
fn measure_title(c: &Clean, p: usize, end: usize) -> usize {
    let stop = (p..end).find(|&i| matches!(c.at(i), '。' | '!' | ':')).unwrap_or(end);
    if stop - p <= 40 {
        return stop;
    }
    (p..end).find(|&i| matches!(c.at(i), ',' | ';')).unwrap_or(end).min(p + 40)
}

/// Builds the layout. `skip` holds the clean ranges of task lists, whose
/// rows are tasks of their own (see [`crate::task_tables`]).
pub fn layout(c: &Clean, plan_year: Option<i32>, skip: &[(usize, usize)]) -> Layout {
    let mut b = Builder { c, plan_year, layout: Layout::default(), stack: Vec::new(), current: None };
    if c.flattened {
        flattened(&mut b);
    } else {
        by_lines(&mut b, skip);
        review_runs_to_next_heading(&mut b.layout);
        promote_leaf_headings(&mut b.layout);
    }
    b.layout
}

/// A paragraph opening a review (`过去一年，…`) colours the rest of its
/// section: the review's later paragraphs (`一是经济运行稳中向好。…`) are history
/// too, up to the next heading (`二、2024年工作安排`).
fn review_runs_to_next_heading(layout: &mut Layout) {
    let heading_starts: Vec<usize> = layout.headings.iter().map(|h| h.start).collect();
    let mut until = 0;
    for b in layout.blocks.iter_mut() {
        if b.own_history {
            let k = heading_starts.partition_point(|&s| s <= b.start);
            until = heading_starts.get(k).copied().unwrap_or(usize::MAX);
        } else if b.start < until {
            b.history = true;
        }
    }
}

/// A numbered heading (一、 and deeper) with text under it but no task and no
/// sub-heading is itself a measure (`（一）支持企业扩大生产` + its paragraph):
/// its text becomes one task titled by the heading.
fn promote_leaf_headings(layout: &mut Layout) {
    let mut has_child = vec![false; layout.headings.len()];
    for h in &layout.headings {
        if let Some(p) = h.parent {
            has_child[p] = true;
        }
    }
    let mut has_task = vec![false; layout.headings.len()];
    for b in &layout.blocks {
        if let (BlockKind::Task { .. }, Some(h)) = (b.kind, b.heading) {
            has_task[h] = true;
        }
    }
    let mut out: Vec<Block> = Vec::with_capacity(layout.blocks.len());
    for block in layout.blocks.drain(..) {
        let Some(h) = block.heading else {
            out.push(block);
            continue;
        };
        let heading = &layout.headings[h];
        let leaf = heading.kind >= HeadingKind::Chinese && !has_child[h] && !has_task[h] && !block.history;
        if !leaf || block.kind != BlockKind::Plain {
            out.push(block);
            continue;
        }
        match out.last_mut() {
            // A later paragraph of the same promoted heading joins its task.
            Some(last) if last.heading == heading.parent && last.start == heading.start => last.end = block.end,
            _ => out.push(Block {
                kind: BlockKind::Task { title_start: heading.number_end, title_end: heading.end },
                start: heading.start,
                end: block.end,
                heading: heading.parent,
                history: block.history,
                own_history: block.own_history,
            }),
        }
    }
    layout.blocks = out;
}

fn by_lines(b: &mut Builder, skip: &[(usize, usize)]) {
    let c = b.c;
    let lines: Vec<(usize, usize)> = c.lines().into_iter().map(|(s, e)| trim(c, s, e)).filter(|(s, e)| s < e).collect();
    for (index, &(s, e)) in lines.iter().enumerate() {
        // A task list's rows are tasks of their own: no block runs over them.
        if skip.iter().any(|&(ks, ke)| ks <= s && s < ke.max(ks + 1)) {
            b.current = None;
            continue;
        }
        let table_row = c.contains(s, e, "\t");
        if !table_row && let Some((kind, p)) = heading_at(c, s) {
            if kind.numbers_measures()
                && (lead_phrase(c, p, e, LEAD_PHRASE_MAX + 10).is_some()
                    || e - p > 40
                    || !next_is_deeper(c, &lines, index, kind))
            {
                let t = measure_title(c, p, e);
                b.open(BlockKind::Task { title_start: p, title_end: t }, s, e, false);
                continue;
            }
            let title_end = (p..e).find(|&i| c.at(i) == '。').unwrap_or(e);
            b.push_heading(kind, s, p, title_end);
            if title_end + 1 < e {
                let hist = b.section_history();
                b.open(BlockKind::Plain, title_end + 1, e, hist);
            }
            continue;
        }
        if e - s >= 60 && c.at(e - 1) == '。' {
            b.pop_column();
        }
        let own_history = HISTORY_PARAGRAPH.iter().any(|w| c.starts_with(s, w));
        if !table_row
            && !own_history
            && let Some(stop) = lead_phrase(c, s, e, LEAD_PHRASE_MAX)
        {
            // `一是加快工业转型。…二是扩大消费。…`: each enumerated lead phrase
            // of the paragraph is a task of its own.
            let mut at = s;
            let mut title = (s + enumerator_len(c, s), stop);
            let mut k = stop + 1;
            while k < e {
                // The sentence-end test first: it rules out nearly every
                // char before the enumerator table is looked at.
                let n = if c.before(k) == '。' { enumerator_len(c, k) } else { 0 };
                if n > 0
                    && let Some(next_stop) = lead_phrase(c, k + n, e, LEAD_PHRASE_MAX)
                {
                    b.open(BlockKind::Task { title_start: title.0, title_end: title.1 }, at, k, false);
                    at = k;
                    title = (k + n, next_stop);
                    k = next_stop + 1;
                    continue;
                }
                k += 1;
            }
            b.open(BlockKind::Task { title_start: title.0, title_end: title.1 }, at, e, false);
            continue;
        }
        let inner = if table_row || own_history { Vec::new() } else { inner_lead_phrases(c, s, e) };
        if let Some(&(first, _)) = inner.first() {
            b.continue_with(s, first, own_history);
            for (k, &(title_start, title_end)) in inner.iter().enumerate() {
                let end = inner.get(k + 1).map_or(e, |next| next.0);
                b.open(BlockKind::Task { title_start, title_end }, title_start, end, false);
            }
            continue;
        }
        b.continue_with(s, e, own_history);
    }
}

/// The longest a lead phrase standing inside a paragraph may be.
const INNER_LEAD_PHRASE_MAX: usize = 16;
/// A paragraph this long may hold several tasks behind a preamble.
const INNER_LEAD_PARAGRAPH_MIN: usize = 200;

/// `继续把打好三大攻坚战作为…，坚决打好重点战役。全力化解重大风险。按照…`: in a
/// long paragraph that opens with a preamble, a short sentence of its own
/// (no comma, no figure) that a longer one elaborates is a lead phrase that
/// opens a task. Paragraphs that name units keep their one task: a
/// measure's body.
fn inner_lead_phrases(c: &Clean, s: usize, e: usize) -> Vec<(usize, usize)> {
    if e - s < INNER_LEAD_PARAGRAPH_MIN || (s..e).any(|k| crate::responsibility::marker_at(c, k).is_some()) {
        return Vec::new();
    }
    let mut sentences = Vec::new();
    let mut start = s;
    for k in s..e {
        if c.at(k) == '。' {
            sentences.push((start, k));
            start = k + 1;
        }
    }
    let len = |&(a, b): &(usize, usize)| (a..b).filter(|&i| !matches!(c.at(i), '“' | '”' | '"')).count();
    let plain = |&(a, b): &(usize, usize)| {
        (a..b).all(|i| !matches!(c.at(i), ',' | ':' | ';' | '、' | '%') && !c.at(i).is_ascii_digit())
    };
    sentences
        .windows(2)
        .skip(1)
        .filter(|w| (4..=INNER_LEAD_PHRASE_MAX).contains(&len(&w[0])) && plain(&w[0]) && len(&w[1]) > 20)
        .map(|w| w[0])
        .collect()
}

/// Is the next non-empty line a heading nested deeper than `kind`?
fn next_is_deeper(c: &Clean, lines: &[(usize, usize)], index: usize, kind: HeadingKind) -> bool {
    lines.get(index + 1).and_then(|&(s, _)| heading_at(c, s)).is_some_and(|(k, _)| k > kind)
}

fn trim(c: &Clean, mut s: usize, mut e: usize) -> (usize, usize) {
    while s < e && matches!(c.at(s), '\t' | ' ') {
        s += 1;
    }
    while e > s && matches!(c.at(e - 1), '\t' | ' ') {
        e -= 1;
    }
    (s, e)
}

/// Headings that stand inside flattened text (第X章, 第X节, 专栏N).
fn inline_heading(c: &Clean, i: usize) -> Option<(HeadingKind, usize)> {
    let ch = c.at(i);
    if ch != '第' && ch != '专' {
        return spaced_heading(c, i);
    }
    let (kind, p) = heading_at(c, i)?;
    matches!(kind, HeadingKind::Part | HeadingKind::Chapter | HeadingKind::Section | HeadingKind::Column)
        .then_some((kind, p))
}

/// The longest title of a heading standing between spaces in flattened text.
const SPACED_TITLE_MAX: usize = 30;

/// `   一、2020年工作回顾   过去一年…`: in text flattened onto one line, a
/// `一、` or `（一）` heading stands between runs of spaces, its title ending
/// at the space after it (a numbered sentence ends at its punctuation).
fn spaced_heading(c: &Clean, i: usize) -> Option<(HeadingKind, usize)> {
    if !c.space_before(i) {
        return None;
    }
    let (kind, p) = heading_at(c, i)?;
    if !matches!(kind, HeadingKind::Chinese | HeadingKind::ParenChinese) {
        return None;
    }
    let end = (p + 1..c.len().min(p + SPACED_TITLE_MAX + 1)).find(|&k| c.space_before(k) || is_sentence_mark(c.at(k)))?;
    (end > p + 1 && c.space_before(end) && !is_sentence_mark(c.at(end))).then_some((kind, p))
}

fn is_sentence_mark(ch: char) -> bool {
    matches!(ch, ',' | '。' | ':' | ';' | '!' | '?')
}

/// Heading titles a flattened table of contents gives (`第一节锚定高质量发展方向23`):
/// the title runs from the numbering to the page number.
fn toc_titles(c: &Clean) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for i in 0..c.len() {
        if let Some((_, p)) = inline_heading(c, i) {
            let mut t = p;
            while t < c.len() && t - p < 40 && !c.at(t).is_ascii_digit() && !matches!(c.at(t), '。' | '\n' | ';' | ':')
            {
                t += 1;
            }
            if t > p + 1 && c.at(t).is_ascii_digit() {
                out.push((p, t));
            }
        }
    }
    out
}

/// How far the heading title at `p` runs: a title the contents listed, else up
/// to the first punctuation or digit (at most 24 chars).
fn flat_title_end(c: &Clean, p: usize, toc: &[(usize, usize)]) -> usize {
    let known = toc.iter().filter(|&&(s, e)| (0..e - s).all(|k| c.at(s + k) == c.at(p + k))).map(|&(s, e)| e - s).max();
    if let Some(n) = known {
        return p + n;
    }
    // A heading between spaces (`一、2020年工作回顾`) runs to the space.
    if matches!(c.before(p), '、' | ')')
        && let Some(end) = (p + 1..c.len().min(p + SPACED_TITLE_MAX + 1)).find(|&k| c.space_before(k))
    {
        return end;
    }
    let mut t = p;
    while t < c.len()
        && t - p < 24
        && !matches!(c.at(t), ',' | '。' | ':' | ';' | '\n' | '!' | '?')
        && !c.at(t).is_ascii_digit()
    {
        t += 1;
    }
    t
}

fn flattened(b: &mut Builder) {
    let c = b.c;
    let len = c.len();
    let toc = toc_titles(c);
    let mut pos = 0;
    while pos < len {
        if matches!(c.at(pos), '\n' | '\t') {
            pos += 1;
            continue;
        }
        if let Some((kind, p)) = inline_heading(c, pos) {
            let t = flat_title_end(c, p, &toc);
            b.push_heading(kind, pos, p, t);
            pos = t;
            continue;
        }
        // The sentence runs to its 。 or to the next inline heading.
        let mut e = pos;
        while e < len && !matches!(c.at(e), '。' | '!' | '?' | '\n') && (e == pos || inline_heading(c, e).is_none()) {
            e += 1;
        }
        let next = if e < len && c.at(e) != '\n' && inline_heading(c, e).is_none() { e + 1 } else { e };
        let lead = e < len && c.at(e) == '。' && lead_phrase(c, pos, e + 1, FLAT_LEAD_PHRASE_MAX).is_some();
        if lead {
            b.open(BlockKind::Task { title_start: pos, title_end: e }, pos, next, false);
        } else {
            let hist = b.section_history();
            match b.current {
                Some(i) => b.layout.blocks[i].end = next,
                None => b.open(BlockKind::Plain, pos, next, hist),
            }
        }
        pos = next;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn titles(text: &str) -> Vec<String> {
        let c = Clean::new(text);
        let l = layout(&c, None, &[]);
        l.blocks
            .iter()
            .filter_map(|b| match b.kind {
                BlockKind::Task { title_start, title_end } => Some(c.raw_string(title_start, title_end)),
                BlockKind::Plain => None,
            })
            .collect()
    }

    #[test]
    fn heading_kinds() {
        for (text, kind) in [
            ("第三章强化创新", HeadingKind::Chapter),
            ("第一节提升", HeadingKind::Section),
            ("专栏1重点项目", HeadingKind::Column),
            ("一、紧抓科技创新", HeadingKind::Chinese),
            ("(一)促进经济", HeadingKind::ParenChinese),
            ("（二）加快创新", HeadingKind::ParenChinese),
            ("5.强化工业运行调度。", HeadingKind::Arabic),
            ("12、推动", HeadingKind::Arabic),
            ("（1）推进", HeadingKind::ParenArabic),
            ("①推进", HeadingKind::Circled),
        ] {
            let c = Clean::new(text);
            assert_eq!(heading_at(&c, 0).map(|h| h.0), Some(kind), "{text}");
        }
        let c = Clean::new("1.5万户");
        assert_eq!(heading_at(&c, 0), None);
    }

    #[test]
    fn numbered_measures_and_lead_phrases_are_tasks() {
        let text = "一、紧抓科技创新赋能\n1.完善实验室建设体系。突出抓好。\n(一)促进经济稳中提升\n积极扩大有效投资。深入开展活动。\n围绕目标,重点抓好以下工作:";
        assert_eq!(titles(text), vec!["完善实验室建设体系", "积极扩大有效投资"]);
    }

    #[test]
    fn sections_nest_and_paths_follow() {
        let text = "一、甲\n(一)乙\n积极扩大有效投资。内容。\n二、丙\n做强制造业。内容。";
        let c = Clean::new(text);
        let l = layout(&c, None, &[]);
        let tasks: Vec<&Block> = l.blocks.iter().filter(|b| matches!(b.kind, BlockKind::Task { .. })).collect();
        let path: Vec<String> =
            l.path(tasks[0].heading).iter().map(|&h| c.raw_string(l.headings[h].start, l.headings[h].end)).collect();
        assert_eq!(path, vec!["一、甲", "(一)乙"]);
        assert_eq!(l.path(tasks[1].heading).len(), 1);
    }

    #[test]
    fn leaf_headings_with_text_are_measures() {
        let text = "一、支持政策\n（一）支持企业扩大生产\n对当年新增设备投资超过500万元的工业企业,按设备投资额的10%给予补助。（责任单位：市工信局）\n（二）强化要素保障。对项目优先保障用地。";
        assert_eq!(titles(text), vec!["支持企业扩大生产", "强化要素保障"]);
    }

    #[test]
    fn review_paragraphs_run_until_the_plan_heading() {
        let text = "过去一年,我们攻坚克难。\n一是经济运行稳中向好。地区生产总值增长6.2%。\n二、2024年工作安排\n扩大投资。新增10家。";
        let c = Clean::new(text);
        let l = layout(&c, Some(2024), &[]);
        let review = l.block_at(c.norm.iter().position(|&ch| ch == '地').unwrap()).unwrap();
        assert!(l.blocks[review].history);
        assert!(!l.blocks[l.block_at(c.len() - 2).unwrap()].history);
    }

    #[test]
    fn review_sections_are_history() {
        let text = "一、2023年工作回顾\n过去一年成绩显著。增长5%。\n二、2024年工作安排\n扩大投资。新增10家。";
        let c = Clean::new(text);
        let l = layout(&c, Some(2024), &[]);
        let first = l.block_at(c.norm.iter().position(|&ch| ch == '增').unwrap()).unwrap();
        assert!(l.blocks[first].history);
        let last = l.block_at(c.len() - 2).unwrap();
        assert!(!l.blocks[last].history);
    }

    #[test]
    fn flattened_text_reads_sentences() {
        let marker_text = "前言\n1、第三章强化创新驱动,培育动能加快完善体系,增强能力很长的一句话没有结束\n2、第一节提升自主创新能力强化企业创新主体地位,促进各类创新要素向企业集聚。加强创新型企业培育。加大支持力度,推动发展\n3、。组建创新联合体。支持龙头企业开展很长很长的合作\n4、研究。";
        let t = titles(marker_text);
        assert!(t.contains(&"加强创新型企业培育".to_string()), "{t:?}");
        assert!(t.contains(&"组建创新联合体".to_string()), "{t:?}");
    }
}
