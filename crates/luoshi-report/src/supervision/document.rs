//! A format-neutral 通报: title, numbered sections of paragraphs and
//! tables. Markdown, HTML and .docx render this same structure, so the three
//! always say the same thing.

/// A whole report, ready to render.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportDocument {
    pub title: String,
    /// 主送 line, if any.
    pub addressees: Option<String>,
    /// The opening paragraph before section 一.
    pub opening: String,
    pub sections: Vec<Section>,
    /// 落款: issuer and date, right-aligned at the end.
    pub signature: Vec<String>,
}

/// A numbered section ("一、总体情况").
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// The heading with its number ("一、总体情况").
    pub heading: String,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Paragraph(String),
    /// A sub-heading ("（一）市发展和改革委员会").
    SubHeading(String),
    Table(Table),
    /// The status chart (SVG in HTML, PNG in .docx, omitted in Markdown).
    StatusChart,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// 一、二、… for section numbers (up to 九十九).
pub fn chinese_ordinal(n: usize) -> String {
    const DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0 => "零".to_string(),
        1..=9 => DIGITS[n].to_string(),
        10..=19 => format!("十{}", DIGITS[n % 10]),
        _ => format!("{}十{}", DIGITS[(n / 10) % 10], DIGITS[n % 10]),
    }
}

#[cfg(test)]
mod tests {
    use super::chinese_ordinal;

    #[test]
    fn ordinals() {
        let got: Vec<String> = [1, 5, 10, 11, 20, 23].into_iter().map(chinese_ordinal).collect();
        assert_eq!(got, ["一", "五", "十", "十一", "二十", "二十三"]);
    }
}
