//! The text the rules read: one normalised char stream that remembers, for
//! every char, where it stood in the original text.
//!
//! Rules match against [`Clean::norm`] (full-width digits and punctuation
//! folded to ASCII, spaces dropped, `\r` dropped), output strings are copied
//! from the input's chars as written, and every span is mapped back through
//! [`Clean::orig`] so offsets always count chars of the input.
//!
//! Flattened web copies insert page-chunk markers (`\n43、`) mid-sentence; when
//! the whole document shows that pattern the markers are dropped here, so a
//! lead phrase cut by one (`实施产业基础再造工\n43、程。`) reads whole.

use luoshi_text::Span;

#[derive(Debug, Clone, Default)]
pub struct Clean {
    /// Normalised chars, for matching.
    pub norm: Vec<char>,
    /// Offset in the input (in chars) of each char (u32: inputs are bounded
    /// far below 4 G chars, and half the memory traffic matters at 50 MB/s).
    pub orig: Vec<u32>,
    /// Length of the input in chars.
    pub orig_len: usize,
    /// The input's chars, untouched (spans cut output text from these).
    pub source: Vec<char>,
    /// Paragraph layout is lost (page markers, or very long lines): structure
    /// must be read sentence by sentence.
    pub flattened: bool,
}

/// Folds a char to the form the rule tables are written in; `None` drops it.
pub fn fold(c: char) -> Option<char> {
    Some(match c {
        '\r' | '\u{200b}' | '\u{feff}' => return None,
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        'Ａ'..='Ｚ' => char::from_u32(c as u32 - 'Ａ' as u32 + 'A' as u32).unwrap_or(c),
        'ａ'..='ｚ' => char::from_u32(c as u32 - 'ａ' as u32 + 'a' as u32).unwrap_or(c),
        '％' => '%',
        '．' => '.',
        '（' | '〔' | '［' | '【' | '[' => '(',
        '）' | '〕' | '］' | '】' | ']' => ')',
        '，' => ',',
        '：' => ':',
        '；' => ';',
        '！' => '!',
        '？' => '?',
        '—' | '－' | '–' | '～' | '~' => '-',
        '「' | '『' => '“',
        '」' | '』' => '”',
        '○' => '〇',
        _ => c,
    })
}

/// A set of chars tested at every position of the text (the first chars of
/// a rule table): a 256-bit mask on each char's low byte rules out most
/// chars before the sorted list is searched.
#[derive(Debug, Clone, Default)]
pub struct CharSet {
    mask: [u64; 4],
    sorted: Vec<char>,
}

impl CharSet {
    pub fn new(chars: impl IntoIterator<Item = char>) -> CharSet {
        let mut set = CharSet::default();
        for c in chars {
            let b = c as usize & 255;
            set.mask[b >> 6] |= 1 << (b & 63);
            set.sorted.push(c);
        }
        set.sorted.sort_unstable();
        set.sorted.dedup();
        set
    }

    /// The first chars of `words`.
    pub fn first_chars<'w>(words: impl IntoIterator<Item = &'w str>) -> CharSet {
        CharSet::new(words.into_iter().filter_map(|w| w.chars().next()))
    }

    #[inline]
    pub fn contains(&self, c: char) -> bool {
        let b = c as usize & 255;
        self.mask[b >> 6] & (1 << (b & 63)) != 0 && self.sorted.binary_search(&c).is_ok()
    }
}

/// Words sorted by first char, for [`Clean::contains_any_of`].
#[derive(Debug, Clone, Default)]
pub struct WordSet<'w> {
    firsts: CharSet,
    by_first: Vec<(char, &'w str)>,
}

impl<'w> WordSet<'w> {
    pub fn new(words: impl IntoIterator<Item = &'w &'w str>) -> WordSet<'w> {
        let mut by_first: Vec<(char, &str)> =
            words.into_iter().filter_map(|w| w.chars().next().map(|f| (f, *w))).collect();
        by_first.sort_unstable_by_key(|e| e.0);
        WordSet { firsts: CharSet::new(by_first.iter().map(|e| e.0)), by_first }
    }
}

/// Does `bytes` start with the 1–4 UTF-8 bytes of one char? Spelled out
/// for the common lengths so the per-row test stays inline (a slice
/// `starts_with` calls `memcmp`, which cost more than the match it saves).
#[inline]
fn starts_with_char_bytes(bytes: &[u8], char_bytes: &[u8]) -> bool {
    match (bytes, char_bytes) {
        ([a, ..], [x]) => a == x,
        ([a, b, c, ..], [x, y, z]) => a == x && b == y && c == z,
        _ => bytes.starts_with(char_bytes),
    }
}

/// Does `bytes` end with the 1–4 UTF-8 bytes of one char?
#[inline]
fn ends_with_char_bytes(bytes: &[u8], char_bytes: &[u8]) -> bool {
    match (bytes, char_bytes) {
        ([.., a], [x]) => a == x,
        ([.., a, b, c], [x, y, z]) => a == x && b == y && c == z,
        _ => bytes.ends_with(char_bytes),
    }
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\u{3000}' | '\u{a0}' | '\u{2002}' | '\u{2003}' | '\u{2009}')
}

impl Clean {
    pub fn new(text: &str) -> Clean {
        // Counting first (a fast byte scan) sizes the vector once: collecting
        // grows it from a quarter of the byte length, copying it twice; and
        // filling slots skips the per-char capacity check of `extend`.
        let mut chars: Vec<char> = vec!['\0'; text.chars().count()];
        for (slot, ch) in chars.iter_mut().zip(text.chars()) {
            *slot = ch;
        }
        let markers = page_markers(&chars);
        let flattened_by_markers = !markers.is_empty();
        let mut clean = Clean {
            norm: Vec::with_capacity(chars.len()),
            orig: Vec::with_capacity(chars.len()),
            orig_len: chars.len(),
            source: Vec::new(),
            flattened: false,
        };
        let mut marker = markers.iter().peekable();
        let mut i = 0;
        while i < chars.len() {
            if let Some(&&(start, end)) = marker.peek()
                && i == start
            {
                i = end;
                marker.next();
                continue;
            }
            let c = chars[i];
            if ('\u{3400}'..='\u{9fff}').contains(&c) {
                // Ideographs, most of the text, neither fold nor count as
                // space: the common case skips both tests.
                clean.push(c, c, i);
            } else if is_space(c) {
                // A space only matters between two ASCII letters or digits.
                let prev = clean.norm.last().copied().unwrap_or('\n');
                let next = chars.get(i + 1).copied().and_then(fold).unwrap_or('\n');
                if prev.is_ascii_alphanumeric() && next.is_ascii_alphanumeric() {
                    clean.push(' ', c, i);
                }
            } else if let Some(f) = fold(c) {
                clean.push(f, c, i);
            }
            i += 1;
        }
        let lines = clean.norm.iter().filter(|&&c| c == '\n').count() + 1;
        clean.source = chars;
        clean.flattened = flattened_by_markers || (clean.norm.len() > 3000 && clean.norm.len() / lines > 1500);
        clean
    }

    /// Whether a space of the source stood right before clean offset `i`
    /// (spaces beside Chinese are not kept in `norm`).
    pub fn space_before(&self, i: usize) -> bool {
        match self.orig.get(i) {
            Some(&o) => o == 0 || self.source.get(o as usize - 1).is_some_and(|c| c.is_whitespace()),
            None => true,
        }
    }

    fn push(&mut self, norm: char, _raw: char, at: usize) {
        self.norm.push(norm);
        self.orig.push(at as u32);
    }

    pub fn len(&self) -> usize {
        self.norm.len()
    }

    pub fn is_empty(&self) -> bool {
        self.norm.is_empty()
    }

    /// The normalised char at `i`, or `'\n'` outside the text.
    pub fn at(&self, i: usize) -> char {
        self.norm.get(i).copied().unwrap_or('\n')
    }

    /// The char before `i`, or `'\n'` at the start.
    pub fn before(&self, i: usize) -> char {
        if i == 0 { '\n' } else { self.at(i - 1) }
    }

    /// Maps a clean range to input offsets.
    pub fn span(&self, start: usize, end: usize) -> Span {
        if start >= end || start >= self.orig.len() {
            let at = self.orig.get(start).map_or(self.orig_len, |&o| o as usize);
            return Span::new(at, at);
        }
        let end = end.min(self.orig.len());
        Span::new(self.orig[start] as usize, self.orig[end - 1] as usize + 1)
    }

    /// The input's text under an input span.
    pub fn source_string(&self, span: Span) -> String {
        let end = span.end.min(self.source.len());
        if span.start >= end {
            return String::new();
        }
        self.source[span.start..end].iter().collect()
    }

    /// The chars of a clean range as written.
    pub fn raw_string(&self, start: usize, end: usize) -> String {
        let end = end.min(self.orig.len());
        if start >= end {
            return String::new();
        }
        self.orig[start..end].iter().map(|&o| self.source[o as usize]).collect()
    }

    /// Length in chars of `word` when it stands at `i` (in normalised form).
    /// Fails on the first differing char, so a table scan costs little.
    pub fn match_len(&self, i: usize, word: &str) -> Option<usize> {
        let mut j = i;
        for w in word.chars() {
            if self.norm.get(j) != Some(&w) {
                return None;
            }
            j += 1;
        }
        Some(j - i)
    }

    /// Does `word` (in normalised form) stand at `i`?
    pub fn starts_with(&self, i: usize, word: &str) -> bool {
        self.match_len(i, word).is_some()
    }

    /// Length in chars of `word` when it ends right before `end`.
    pub fn match_len_before(&self, end: usize, word: &str) -> Option<usize> {
        let mut j = end;
        for w in word.chars().rev() {
            if j == 0 || self.norm[j - 1] != w {
                return None;
            }
            j -= 1;
        }
        Some(end - j)
    }

    /// Does `word` end right before `end`?
    pub fn ends_with(&self, end: usize, word: &str) -> bool {
        end <= self.norm.len() && self.match_len_before(end, word).is_some()
    }

    /// The longest row of `table` that stands at `i`.
    pub fn longest_at<'t, T>(&self, i: usize, table: &'t [T], word: impl Fn(&T) -> &str) -> Option<(&'t T, usize)> {
        let &first = self.norm.get(i)?;
        // Rows are compared by the UTF-8 bytes of their first char before any
        // char is decoded: most rows fail there, and this runs per char.
        let mut buf = [0u8; 4];
        let first = first.encode_utf8(&mut buf).as_bytes();
        let mut best: Option<(&T, usize)> = None;
        for row in table {
            let w = word(row);
            if !starts_with_char_bytes(w.as_bytes(), first) {
                continue;
            }
            if let Some(n) = self.match_len(i + 1, &w[first.len()..]).map(|n| n + 1)
                && n > best.map_or(0, |b| b.1)
            {
                best = Some((row, n));
            }
        }
        best
    }

    /// The longest row of `table` that ends right before `end`.
    pub fn longest_before<'t, T>(
        &self,
        end: usize,
        table: &'t [T],
        word: impl Fn(&T) -> &str,
    ) -> Option<(&'t T, usize)> {
        if end > self.norm.len() || end == 0 {
            return None;
        }
        // Rows are compared by the UTF-8 bytes of their last char first.
        let mut buf = [0u8; 4];
        let last = self.norm[end - 1].encode_utf8(&mut buf).as_bytes();
        let mut best: Option<(&T, usize)> = None;
        for row in table {
            let w = word(row);
            if !ends_with_char_bytes(w.as_bytes(), last) {
                continue;
            }
            if let Some(n) = self.match_len_before(end - 1, &w[..w.len() - last.len()]).map(|n| n + 1)
                && n > best.map_or(0, |b| b.1)
            {
                best = Some((row, n));
            }
        }
        best
    }

    /// Does the range contain `word`?
    pub fn contains(&self, start: usize, end: usize, word: &str) -> bool {
        let n = word.chars().count();
        let end = end.min(self.len());
        let Some(first) = word.chars().next() else {
            return end >= start;
        };
        if end < start + n {
            return false;
        }
        let rest = &word[first.len_utf8()..];
        (start..=end - n).any(|i| self.norm[i] == first && self.starts_with(i + 1, rest))
    }

    /// Does the range contain any of `words`? One pass over the range; a
    /// position is only tried against the words starting with its char.
    pub fn contains_any<'w>(&self, start: usize, end: usize, words: impl IntoIterator<Item = &'w &'w str>) -> bool {
        self.contains_any_of(start, end, &WordSet::new(words))
    }

    /// [`Clean::contains_any`] with the words prepared once (for tables
    /// tested against every candidate's sentence).
    pub fn contains_any_of(&self, start: usize, end: usize, words: &WordSet) -> bool {
        let end = end.min(self.len());
        for i in start..end {
            let ch = self.norm[i];
            if !words.firsts.contains(ch) {
                continue;
            }
            let k = words.by_first.partition_point(|e| e.0 < ch);
            for &(f, w) in &words.by_first[k..] {
                if f != ch {
                    break;
                }
                if self.match_len(i, w).is_some_and(|n| i + n <= end) {
                    return true;
                }
            }
        }
        false
    }

    /// Lines as `(start, end)` clean ranges, end excluding the newline.
    pub fn lines(&self) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut start = 0;
        for (i, &c) in self.norm.iter().enumerate() {
            if c == '\n' {
                out.push((start, i));
                start = i + 1;
            }
        }
        out.push((start, self.norm.len()));
        out
    }
}

/// Page-chunk markers (`\nN、` numbered 1, 2, 3… from the first line on, most
/// cutting a sentence) as `(start, end)` input ranges to drop. Empty unless
/// the whole document shows the pattern: ordinary numbered paragraphs restart
/// their numbering and end their previous line with punctuation.
fn page_markers(chars: &[char]) -> Vec<(usize, usize)> {
    let mut lines = Vec::new();
    let mut start = 0;
    for (i, &c) in chars.iter().enumerate() {
        if c == '\n' {
            lines.push((start, i));
            start = i + 1;
        }
    }
    lines.push((start, chars.len()));
    let mut markers = Vec::new();
    let mut expected = 1u32;
    let mut cut_sentences = 0;
    let mut nonempty = 0;
    for (index, &(s, e)) in lines.iter().enumerate() {
        if s == e {
            continue;
        }
        nonempty += 1;
        let mut j = s;
        let mut n = 0u32;
        while j < e && j - s < 4 && chars[j].is_ascii_digit() {
            n = n * 10 + chars[j].to_digit(10).unwrap_or(0);
            j += 1;
        }
        if j > s && j < e && chars[j] == '、' && n == expected {
            expected += 1;
            // Drop the newline before the marker too, so the sentence rejoins.
            let from = if s > 0 { s - 1 } else { s };
            markers.push((from, j + 1));
            if index > 0 {
                let (ps, pe) = lines[index - 1];
                let last = chars[ps..pe].iter().rev().find(|c| !c.is_whitespace()).copied();
                if !matches!(last, Some('。' | '；' | ';' | '：' | ':' | '！' | '？' | '”' | '）' | ')')) {
                    cut_sentences += 1;
                }
            }
        }
    }
    let found = markers.len();
    if found >= 3 && found * 10 >= nonempty * 8 && cut_sentences * 2 >= found - 1 { markers } else { Vec::new() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ideographs_neither_fold_nor_count_as_space() {
        // Clean::new copies this range without calling fold or is_space.
        assert!(('\u{3400}'..='\u{9fff}').all(|c| fold(c) == Some(c) && !is_space(c)));
    }

    #[test]
    fn folds_full_width_digits_and_punctuation() {
        let c = Clean::new("增长１２．５％，（一）");
        assert_eq!(c.norm.iter().collect::<String>(), "增长12.5%,(一)");
        assert_eq!(c.raw_string(2, 7), "１２．５％");
        assert_eq!(c.span(2, 7), Span::new(2, 7));
    }

    #[test]
    fn drops_spaces_but_keeps_offsets() {
        let c = Clean::new("达到 6.5 %");
        assert_eq!(c.norm.iter().collect::<String>(), "达到6.5%");
        assert_eq!(c.span(2, 6), Span::new(3, 8));
        let c = Clean::new("A B");
        assert_eq!(c.norm.iter().collect::<String>(), "A B");
    }

    #[test]
    fn page_markers_rejoin_cut_sentences() {
        let text = "前言\n1、第一页文字很长很长没有结束\n2、的句子继续写下去还没结束\n3、工\n4、程。后面";
        let c = Clean::new(text);
        assert!(c.flattened);
        assert_eq!(
            c.norm.iter().collect::<String>(),
            "前言第一页文字很长很长没有结束的句子继续写下去还没结束工程。后面"
        );
        let at = c.norm.iter().position(|&ch| ch == '程').unwrap();
        assert_eq!(text.chars().nth(c.orig[at] as usize), Some('程'));
    }

    #[test]
    fn ordinary_numbered_paragraphs_are_not_page_markers() {
        let text = "1、加快建设。内容。\n2、推进改革。内容。\n3、优化服务。内容。";
        let c = Clean::new(text);
        assert!(!c.flattened);
        assert_eq!(c.len(), text.chars().count());
    }
}
