//! From lines on pages to paragraphs, as a person reads a printed plan:
//! running headers, footers and page numbers dropped; the lines of one
//! paragraph joined; the spaces PDF writers put beside Chinese removed.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::tables::{self, Segment};
use crate::spaces::{is_tight, normalise_line};

/// A line of text as drawn, in page units (points, or estimated ems).
#[derive(Debug, Clone)]
pub struct Line {
    pub text: String,
    pub left: f64,
    pub right: f64,
    /// Baseline from the top of the page.
    pub top: f64,
    pub size: f64,
    /// The line's runs of glyphs between cell-wide gaps (table cells).
    pub segments: Vec<Segment>,
    /// Something (a table) stood before it: it opens a paragraph.
    pub starts_paragraph: bool,
}

#[derive(Debug, Clone, Default)]
pub struct Page {
    /// Top to bottom.
    pub lines: Vec<Line>,
}

/// Page furniture that is a page number whatever page it is on.
static PAGE_NUMBER_PATTERNS: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    [
        r"^\d{1,4}$",                                  // 12
        r"^[-—–－~·•]\s*\d{1,4}\s*[-—–－~·•]$",        // - 3 -, —3—
        r"^第\s*\d{1,4}\s*页(\s*[/,，]?\s*共\s*\d{1,4}\s*页)?$", // 第 3 页, 第3页 共10页
        r"^\d{1,4}\s*/\s*\d{1,4}$",                    // 3/10
        r"^(?i:page)\s*\d{1,4}(\s*(?i:of)\s*\d{1,4})?$", // Page 3 of 10
    ]
    .iter()
    .map(|p| Regex::new(p).expect("page-number pattern"))
    .collect()
});

/// Sentence-final punctuation: a line ending in one may end its paragraph.
const PARAGRAPH_ENDINGS: &[char] = &['。', '；', '：', '！', '？', ';', ':', '!', '?', '」', '』'];

/// Openings of a heading line (一、 （一） 第一章 1. 1、 专栏1): a new paragraph.
static HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|第[一二三四五六七八九十百零〇\d]+[章节条部分篇]|\d{1,2}[、．.](\D|$)|[（(]\d{1,2}[）)]|专栏\s*\d)")
        .expect("heading pattern")
});

/// Baseline distance, in font sizes, beyond which two lines are not one
/// paragraph (plans use 1.5–2× line spacing).
const PARAGRAPH_GAP: f64 = 2.6;

/// How many lines at the top and the bottom of a page may be furniture.
const FURNITURE_LINES: usize = 2;

/// What a page holds, in reading order.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Paragraph(String),
    Table(Vec<Vec<String>>),
}

/// The paragraphs and tables of a document, in reading order.
pub fn blocks(mut pages: Vec<Page>) -> Vec<Block> {
    for page in &mut pages {
        for line in &mut page.lines {
            line.text = normalise_line(&line.text);
            for segment in &mut line.segments {
                segment.text = normalise_line(&segment.text);
            }
            line.segments.retain(|s| !s.text.is_empty());
        }
        page.lines.retain(|l| !l.text.is_empty());
    }
    drop_furniture(&mut pages);
    // Tables come out of the pages; the line after one starts a paragraph.
    let mut tables: Vec<((usize, usize), Vec<Vec<String>>)> = Vec::new();
    let mut ends_a_page = vec![false; pages.len()];
    for (number, page) in pages.iter_mut().enumerate() {
        let found = tables::find(&page.lines);
        for table in found.iter().rev() {
            page.lines.drain(table.first..table.end);
            match page.lines.get_mut(table.first) {
                Some(next) => next.starts_paragraph = true,
                None => ends_a_page[number] = true,
            }
        }
        // Where each table stands among the lines left on its page.
        let mut removed = 0;
        for table in found {
            tables.push(((number, table.first - removed), table.rows));
            removed += table.end - table.first;
        }
    }
    for (number, ends) in ends_a_page.into_iter().enumerate() {
        if let Some(first) = pages.get_mut(number + 1).and_then(|p| p.lines.first_mut())
            && ends
        {
            first.starts_paragraph = true;
        }
    }
    let mut out: Vec<Block> = Vec::new();
    let mut pending = tables.into_iter().peekable();
    for (at, paragraph) in join_lines(&pages) {
        while let Some((table_at, _)) = pending.peek()
            && *table_at <= at
        {
            push_table(&mut out, pending.next().expect("peeked").1);
        }
        out.push(Block::Paragraph(paragraph));
    }
    for (_, rows) in pending {
        push_table(&mut out, rows);
    }
    out
}

/// A table that goes on over a page break (nothing between the two parts,
/// as many columns) is one table; a header the writer repeats is dropped.
fn push_table(out: &mut Vec<Block>, rows: Vec<Vec<String>>) {
    if let Some(Block::Table(previous)) = out.last_mut()
        && previous.first().map(Vec::len) == rows.first().map(Vec::len)
    {
        let repeated_header = previous.first() == rows.first();
        previous.extend(rows.into_iter().skip(usize::from(repeated_header)));
        return;
    }
    out.push(Block::Table(rows));
}

/// The paragraphs of a document, its tables left out.
#[cfg(test)]
pub fn paragraphs(pages: Vec<Page>) -> Vec<String> {
    blocks(pages)
        .into_iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some(p),
            Block::Table(_) => None,
        })
        .collect()
}

/// Is line `index` of a page within the top or bottom band where headers,
/// footers and page numbers live?
fn in_furniture_band(page: &Page, index: usize) -> bool {
    index < FURNITURE_LINES || index + FURNITURE_LINES >= page.lines.len()
}

/// The line with its digits blurred: `第3页` and `第4页` are the same footer.
fn furniture_key(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).map(|c| if c.is_ascii_digit() { '#' } else { c }).collect()
}

fn drop_furniture(pages: &mut [Page]) {
    let mut seen_on_pages: HashMap<String, usize> = HashMap::new();
    for page in pages.iter() {
        let mut keys: Vec<String> = (0..page.lines.len())
            .filter(|&i| in_furniture_band(page, i))
            .map(|i| furniture_key(&page.lines[i].text))
            .collect();
        keys.sort();
        keys.dedup();
        for key in keys {
            *seen_on_pages.entry(key).or_default() += 1;
        }
    }
    // A line repeated in the band of at least half the pages (and on more
    // than one) is a running header or footer.
    let repeated_threshold = (pages.len() / 2).max(2);
    for page in pages.iter_mut() {
        let count = page.lines.len();
        let mut index = 0;
        page.lines.retain(|line| {
            let i = index;
            index += 1;
            let in_band = i < FURNITURE_LINES || i + FURNITURE_LINES >= count;
            if !in_band {
                return true;
            }
            let is_page_number = PAGE_NUMBER_PATTERNS.iter().any(|p| p.is_match(&line.text));
            let is_running = seen_on_pages.get(&furniture_key(&line.text)).is_some_and(|&n| n >= repeated_threshold);
            !(is_page_number || is_running)
        });
    }
}

/// The text block of a page: where lines start and how far they reach.
struct Margins {
    left: f64,
    right: f64,
}

fn margins(page: &Page) -> Margins {
    let left = page.lines.iter().map(|l| l.left).fold(f64::INFINITY, f64::min);
    Margins { left, right: right_margin(&page.lines) }
}

/// Where full lines end: the median right edge of the long lines (those
/// within three characters of the farthest). Punctuation hanging past the
/// margin, half-width characters and the occasional long last line of a
/// paragraph do not move it.
fn right_margin(lines: &[Line]) -> f64 {
    let farthest = lines.iter().map(|l| l.right).fold(f64::NEG_INFINITY, f64::max);
    let mut long: Vec<f64> =
        lines.iter().filter(|l| l.right >= farthest - 3.0 * l.size).map(|l| l.right).collect();
    long.sort_by(f64::total_cmp);
    long.get(long.len() / 2).copied().unwrap_or(farthest)
}

/// A line is full when the next line's first word would not have fitted
/// after it (a CJK character, or a whole number: writers do not break
/// numbers), with half a character of slack.
fn fills_width(line: &Line, margins: &Margins, next_text: &str) -> bool {
    let room = margins.right - line.right;
    room < (first_word_width(next_text) + 0.5) * line.size
}

/// Punctuation that never ends a line: it moves to the next line together
/// with the character after it.
const OPENING: &[char] = &['（', '(', '《', '〈', '【', '〔', '「', '『', '［', '['];
/// Punctuation that never starts a line: it stays with the character before.
const CLOSING: &[char] = &[
    '）', ')', '》', '〉', '】', '〕', '」', '』', '］', ']', '，', '。', '、', '；', '：', '！', '？', ',',
    '.', ';', ':', '!', '?', '%', '‰',
];
/// How a URL starts.
const URL_STARTS: &[&str] = &["http://", "https://", "www."];
/// Quotation marks: line breakers that follow Unicode's rules (LibreOffice)
/// break on neither side of them.
const QUOTES: &[char] = &['“', '”', '‘', '’', '"', '\''];

/// Width in ems of the first unit a writer could not break: opening
/// punctuation and quotes, a CJK character or a Latin word or number, and
/// what clings to it (closing punctuation, quotes and the character after
/// them, letters after `.` or `)` as in `纲要.docx` or `(元)4000`).
fn first_word_width(text: &str) -> f64 {
    // A URL is one word however long: a writer moves it down whole.
    if URL_STARTS.iter().any(|p| text.starts_with(p)) {
        return f64::INFINITY;
    }
    let chars: Vec<char> = text.chars().collect();
    // The rest of a broken URL (`cn/nw12344/….html`) breaks nowhere either.
    let path_like = chars.iter().take_while(|c| c.is_ascii_graphic()).any(|&c| c == '/');
    let mut end = chars.iter().take_while(|c| OPENING.contains(c) || QUOTES.contains(c)).count();
    if end < chars.len() {
        end += 1;
    }
    while let Some(&c) = chars.get(end) {
        let previous = chars[end - 1];
        if CLOSING.contains(&c) {
            end += 1;
        } else if QUOTES.contains(&c) {
            end = (end + 2).min(chars.len());
        } else if c.is_ascii_alphanumeric() && (previous.is_ascii_alphanumeric() || CLOSING.contains(&previous) || QUOTES.contains(&previous))
            || (c.is_ascii_graphic() && previous.is_ascii_graphic() && path_like)
        {
            end += 1;
        } else {
            break;
        }
    }
    let width: f64 = chars[..end].iter().map(|&c| if c.is_ascii() { 0.55 } else { 1.0 }).sum();
    width.max(1.0)
}

/// A first-line indent of at least one character.
fn is_indented(line: &Line, margins: &Margins) -> bool {
    line.left >= margins.left + 0.9 * line.size
}

/// The paragraphs, each with the page and line index it starts at.
fn join_lines(pages: &[Page]) -> Vec<((usize, usize), String)> {
    let placed: Vec<(&Line, Margins, usize)> = pages
        .iter()
        .enumerate()
        .flat_map(|(number, page)| {
            let m = margins(page);
            page.lines.iter().map(move |line| (line, Margins { left: m.left, right: m.right }, number))
        })
        .collect();
    let style = ParagraphStyle::of(&placed);

    let mut paragraphs = Vec::new();
    let mut current = String::new();
    let mut start = (0, 0);
    let mut line_on_page = 0;
    for (index, (line, margins, page)) in placed.iter().enumerate() {
        if index > 0 && placed[index - 1].2 != *page {
            line_on_page = 0;
        }
        if current.is_empty() {
            start = (*page, line_on_page);
        }
        line_on_page += 1;
        append_line(&mut current, &line.text);
        let continues = placed.get(index + 1).is_some_and(|(next, next_margins, next_page)| {
            let spaced_apart = page == next_page && next.top - line.top > style.paragraph_gap;
            if next.starts_paragraph {
                return false;
            }
            let full = fills_width(line, margins, &next.text)
                || style.chars_per_line.is_some_and(|n| visible_chars(&line.text) >= n);
            let ends_sentence = line.text.ends_with(PARAGRAPH_ENDINGS);
            full && !spaced_apart
                && !is_indented(next, next_margins)
                && (style.uses_indent || !HEADING.is_match(&next.text))
                && (style.sentence_end_is_ambiguous() || !ends_sentence)
        });
        if !continues {
            paragraphs.push((start, std::mem::take(&mut current)));
        }
    }
    paragraphs
}

/// How a document marks its paragraphs, learnt from all its lines.
struct ParagraphStyle {
    /// Paragraph openings are indented: a full line ending in 。 may still
    /// continue, the indent tells.
    uses_indent: bool,
    /// Paragraphs are separated by extra space: likewise.
    uses_gaps: bool,
    /// Baseline distance beyond which two lines belong to different paragraphs.
    paragraph_gap: f64,
    /// Lines broken after a fixed number of characters (a naive generator):
    /// that number. Such lines are full whatever their width.
    chars_per_line: Option<usize>,
}

impl ParagraphStyle {
    fn of(placed: &[(&Line, Margins, usize)]) -> Self {
        let indented = placed.iter().filter(|(l, m, _)| is_indented(l, m)).count();
        let mut pitches: Vec<f64> = placed
            .windows(2)
            .filter(|w| w[0].2 == w[1].2)
            .map(|w| w[1].0.top - w[0].0.top)
            .filter(|d| *d > 0.0)
            .collect();
        pitches.sort_by(f64::total_cmp);
        let size = placed.first().map_or(10.0, |(l, _, _)| l.size);
        let paragraph_gap = pitches
            .get(pitches.len() / 2)
            .map_or(PARAGRAPH_GAP * size, |pitch| (pitch * 1.6).min(PARAGRAPH_GAP * size));
        let gaps = placed
            .windows(2)
            .filter(|w| w[0].2 == w[1].2 && w[1].0.top - w[0].0.top > paragraph_gap)
            .count();
        ParagraphStyle {
            uses_indent: indented > 0 && indented * 20 >= placed.len(),
            uses_gaps: gaps >= 2,
            paragraph_gap,
            chars_per_line: fixed_chars_per_line(placed.iter().map(|(l, _, _)| visible_chars(&l.text))),
        }
    }

    /// Whether a full line ending in 。 says nothing about the paragraph end.
    fn sentence_end_is_ambiguous(&self) -> bool {
        self.uses_indent || self.uses_gaps || self.chars_per_line.is_some()
    }
}

fn visible_chars(text: &str) -> usize {
    text.chars().filter(|c| !c.is_whitespace()).count()
}

/// The line length of a document whose lines were cut every N characters:
/// most lines (two in five or more) have exactly the same count, and none is
/// longer.
fn fixed_chars_per_line(counts: impl Iterator<Item = usize>) -> Option<usize> {
    let counts: Vec<usize> = counts.collect();
    let mut frequency: HashMap<usize, usize> = HashMap::new();
    for &n in &counts {
        *frequency.entry(n).or_default() += 1;
    }
    let (&mode, &times) = frequency.iter().max_by_key(|(n, times)| (**times, **n))?;
    let longest = counts.iter().copied().max()?;
    (mode >= 10 && times * 5 >= counts.len() * 2 && longest == mode && counts.len() >= 5).then_some(mode)
}

/// Join a wrapped line to its paragraph: directly in Chinese, with a space
/// between two words of Latin script.
pub(super) fn append_line(paragraph: &mut String, line: &str) {
    if let (Some(last), Some(first)) = (paragraph.chars().last(), line.chars().next())
        && !is_tight(last)
        && !is_tight(first)
        && (last.is_alphabetic() && first.is_alphabetic())
    {
        paragraph.push(' ');
    }
    paragraph.push_str(line);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str, left: f64, right: f64, top: f64) -> Line {
        Line { text: text.into(), left, right, top, size: 10.0, segments: Vec::new(), starts_paragraph: false }
    }

    fn page(body: &[(&str, f64, f64)], number: usize) -> Page {
        let mut lines = vec![line("许昌市人民政府文件", 100.0, 190.0, 20.0)];
        lines.extend(body.iter().enumerate().map(|(i, (t, l, r))| line(t, *l, *r, 50.0 + 15.0 * i as f64)));
        lines.push(line(&format!("- {number} -"), 140.0, 160.0, 800.0));
        Page { lines }
    }

    #[test]
    fn wrapped_lines_join_and_furniture_goes() {
        let pages = vec![
            page(&[("一、总体要求", 70.0, 130.0), ("到 2025 年，规上工业增加值年均增长", 70.0, 400.0), ("8% 以上，新增上市企业 3 家。", 50.0, 250.0)], 1),
            page(&[("二、重点任务", 70.0, 130.0), ("（一）做强先进制造业。完善“222”现代产业", 70.0, 400.0), ("体系。", 50.0, 80.0)], 2),
            page(&[("附件", 50.0, 80.0)], 3),
        ];
        assert_eq!(
            paragraphs(pages),
            ["一、总体要求", "到2025年，规上工业增加值年均增长8%以上，新增上市企业3家。", "二、重点任务", "（一）做强先进制造业。完善“222”现代产业体系。", "附件"]
        );
    }

    #[test]
    fn unbreakable_openings() {
        assert_eq!(first_word_width("建立机制"), 1.0);
        assert_eq!(first_word_width("“十四五”末"), 2.0);
        assert!((first_word_width("“123”“321”机制") - 8.3).abs() < 1e-9);
        assert!((first_word_width("(元)4000年") - 4.3).abs() < 1e-9);
        assert!((first_word_width("要.docx》由") - 4.75).abs() < 1e-9);
        assert!((first_word_width("2025年") - 2.2).abs() < 1e-9);
        // A URL is one word; the rest of a broken one breaks nowhere either.
        assert!(first_word_width("https://www.gov.cn/a").is_infinite());
        assert!((first_word_width("cn/nw1.html。") - 7.05).abs() < 1e-9);
    }

    #[test]
    fn page_number_shapes() {
        for text in ["12", "- 3 -", "—3—", "第 3 页", "第3页 共10页", "3/10", "Page 3 of 9"] {
            assert!(PAGE_NUMBER_PATTERNS.iter().any(|p| p.is_match(text)), "{text}");
        }
        assert!(!PAGE_NUMBER_PATTERNS.iter().any(|p| p.is_match("2025年")));
    }
}
