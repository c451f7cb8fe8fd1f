//! Whitespace that a renderer inserted, not the author: PDF writers and HTML
//! source put spaces between Chinese and digits (`到 2025 年`, `30 家以上`),
//! which would split number expressions in extraction.

/// Characters that never take a space beside them in Chinese text: CJK
/// ideographs and punctuation, full-width forms, and the ASCII signs that
/// hug numbers and Chinese clauses.
pub fn is_tight(c: char) -> bool {
    matches!(c,
        '\u{2E80}'..='\u{9FFF}'     // radicals, CJK punctuation, kana, ideographs
        | '\u{F900}'..='\u{FAFF}'   // compatibility ideographs
        | '\u{FE30}'..='\u{FE4F}'   // compatibility forms
        | '\u{FF00}'..='\u{FFEF}'   // full-width forms
        | '\u{20000}'..='\u{3FFFF}' // extension ideographs
        | '\u{2010}'..='\u{2027}'   // dashes, curly quotes, ellipsis
        | '%' | '‰' | '℃' | '(' | ')' | ',' | ';' | ':' | '·'
    )
}

/// Whitespace inside a line (not the newline) including the ideographic
/// space and no-break space used for indentation.
pub fn is_inline_space(c: char) -> bool {
    c != '\n' && (c.is_whitespace() || c == '\u{3000}' || c == '\u{00A0}')
}

/// Collapse each run of inline whitespace to one space, and drop it entirely
/// where either neighbour is a tight character. Leading and trailing
/// whitespace of the line go too.
pub fn normalise_line(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if !is_inline_space(c) {
            out.push(c);
            i += 1;
            continue;
        }
        let run_end = chars[i..].iter().position(|&c| !is_inline_space(c)).map_or(chars.len(), |n| i + n);
        let before = out.chars().last();
        let after = chars.get(run_end).copied();
        if let (Some(b), Some(a)) = (before, after)
            && !is_tight(b)
            && !is_tight(a)
        {
            out.push(' ');
        }
        i = run_end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaces_beside_chinese_go_spaces_between_words_stay() {
        assert_eq!(normalise_line("到 2025 年，新增 30 家以上"), "到2025年，新增30家以上");
        assert_eq!(normalise_line("　　增长 8.5 % 左右"), "增长8.5%左右");
        assert_eq!(normalise_line("建成 5G  base station 100 个 "), "建成5G base station 100个");
    }
}
