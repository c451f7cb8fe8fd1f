//! Automatic numbering (自动编号): list labels such as 一、 or 1. exist only in
//! numbering.xml, not in the paragraph's text, so we rebuild them by counting.

use std::collections::HashMap;

use quick_xml::events::Event;

use super::xml::{XmlError, attribute, local_name};

/// Word allows nine list levels (ilvl 0–8).
const LEVELS: usize = 9;

/// One level of a list definition (`w:lvl`).
#[derive(Debug, Clone, Default)]
struct Level {
    start: u32,
    format: String,
    /// `%1、`, `（%2）`, `第%1章`: `%N` is the counter of level N.
    text: String,
    /// What follows the label: `tab` (default), `space` or `nothing`.
    suffix: String,
}

/// numbering.xml: list definitions and the numbering instances that use them.
#[derive(Debug, Default)]
pub struct Definitions {
    abstract_levels: HashMap<String, [Option<Level>; LEVELS]>,
    /// numId → (abstractNumId, per-level start overrides).
    instances: HashMap<String, (String, [Option<u32>; LEVELS])>,
    /// Counters belong to the list definition, not the instance: Word
    /// continues counting across instances of one abstractNum…
    counters: HashMap<String, [Option<u32>; LEVELS]>,
    /// …except that an instance with a start override restarts the count
    /// the first time it is used at that level.
    overrides_applied: std::collections::HashSet<(String, usize)>,
}

fn level_index(value: Option<String>) -> Option<usize> {
    value.and_then(|v| v.parse::<usize>().ok()).filter(|&l| l < LEVELS)
}

impl Definitions {
    pub fn parse(xml: &str) -> Result<Self, XmlError> {
        let mut definitions = Definitions::default();
        let mut reader = quick_xml::Reader::from_str(xml);
        let mut abstract_id: Option<String> = None;
        let mut level: Option<(usize, Level)> = None;
        let mut instance: Option<(String, String, [Option<u32>; LEVELS])> = None;
        let mut override_level: Option<usize> = None;
        loop {
            let event = reader.read_event()?;
            let (element, is_start) = match &event {
                Event::Start(e) => (e, true),
                Event::Empty(e) => (e, false),
                Event::End(e) => {
                    match e.local_name().as_ref() {
                        "lvl" => {
                            if let (Some(id), Some((index, lvl))) = (&abstract_id, level.take()) {
                                definitions.abstract_levels.entry(id.clone()).or_default()[index] = Some(lvl);
                            }
                        }
                        "abstractNum" => abstract_id = None,
                        "num" => {
                            if let Some((num_id, abstract_num, overrides)) = instance.take() {
                                definitions.instances.insert(num_id, (abstract_num, overrides));
                            }
                        }
                        "lvlOverride" => override_level = None,
                        _ => {}
                    }
                    continue;
                }
                Event::Eof => break,
                _ => continue,
            };
            match local_name(element).as_str() {
                "abstractNum" => abstract_id = attribute(element, "abstractNumId"),
                "lvl" if abstract_id.is_some() => {
                    if let Some(index) = level_index(attribute(element, "ilvl")) {
                        let lvl = Level { start: 1, format: "decimal".into(), ..Level::default() };
                        level = Some((index, lvl));
                        if !is_start {
                            level = None;
                        }
                    }
                }
                "start" => {
                    if let Some((_, lvl)) = &mut level {
                        lvl.start = attribute(element, "val").and_then(|v| v.parse().ok()).unwrap_or(1);
                    }
                }
                "numFmt" => {
                    if let Some((_, lvl)) = &mut level {
                        lvl.format = attribute(element, "val").unwrap_or_default();
                    }
                }
                "lvlText" => {
                    if let Some((_, lvl)) = &mut level {
                        lvl.text = attribute(element, "val").unwrap_or_default();
                    }
                }
                "suff" => {
                    if let Some((_, lvl)) = &mut level {
                        lvl.suffix = attribute(element, "val").unwrap_or_default();
                    }
                }
                "num" if is_start => {
                    if let Some(num_id) = attribute(element, "numId") {
                        instance = Some((num_id, String::new(), [None; LEVELS]));
                    }
                }
                "abstractNumId" => {
                    if let Some((_, abstract_num, _)) = &mut instance {
                        *abstract_num = attribute(element, "val").unwrap_or_default();
                    }
                }
                "lvlOverride" => override_level = level_index(attribute(element, "ilvl")),
                "startOverride" => {
                    if let (Some((_, _, overrides)), Some(index)) = (&mut instance, override_level) {
                        overrides[index] = attribute(element, "val").and_then(|v| v.parse().ok());
                    }
                }
                _ => {}
            }
        }
        Ok(definitions)
    }

    /// The label of the next paragraph of list `num_id` at level `ilvl`,
    /// advancing the list's counters. `None` for no list, bullets and `none`.
    pub fn next_label(&mut self, num_id: &str, ilvl: usize) -> Option<String> {
        let (abstract_id, overrides) = self.instances.get(num_id)?;
        let levels = self.abstract_levels.get(abstract_id)?;
        let level = levels.get(ilvl)?.as_ref()?;
        let start_of = |index: usize| {
            overrides[index].or_else(|| levels[index].as_ref().map(|l| l.start)).unwrap_or(1)
        };
        let counters = self.counters.entry(abstract_id.clone()).or_insert([None; LEVELS]);
        let restart = overrides[ilvl].filter(|_| self.overrides_applied.insert((num_id.to_owned(), ilvl)));
        counters[ilvl] = Some(match (restart, counters[ilvl]) {
            (Some(start), _) => start,
            (None, Some(n)) => n + 1,
            (None, None) => start_of(ilvl),
        });
        // A new item at this level restarts every deeper level.
        for deeper in counters.iter_mut().skip(ilvl + 1) {
            *deeper = None;
        }
        if level.format == "bullet" || level.format == "none" {
            return None;
        }
        let mut label = level.text.clone();
        for index in (0..=ilvl).rev() {
            let placeholder = format!("%{}", index + 1);
            if label.contains(&placeholder) {
                let value = counters[index].unwrap_or_else(|| start_of(index));
                let format = levels[index].as_ref().map_or("decimal", |l| l.format.as_str());
                label = label.replace(&placeholder, &format_number(value, format));
            }
        }
        if label.is_empty() {
            return None;
        }
        // Chinese labels run straight into the text (一、总体要求); a label
        // ending in a letter or digit (第一章) is followed by a space.
        let ends_in_word = label.chars().last().is_some_and(|c| c.is_alphanumeric());
        if ends_in_word && level.suffix != "nothing" {
            label.push(' ');
        }
        Some(label)
    }
}

/// styles.xml: the list a paragraph style numbers its paragraphs with.
#[derive(Debug, Default)]
pub struct StyleNumbering {
    /// styleId → (numId, ilvl) written on the style itself.
    own: HashMap<String, (Option<String>, Option<usize>)>,
    based_on: HashMap<String, String>,
}

impl StyleNumbering {
    pub fn parse(xml: &str) -> Result<Self, XmlError> {
        let mut styles = StyleNumbering::default();
        let mut reader = quick_xml::Reader::from_str(xml);
        let mut style: Option<String> = None;
        loop {
            match reader.read_event()? {
                Event::Start(e) | Event::Empty(e) => match local_name(&e).as_str() {
                    "style" => style = attribute(&e, "styleId"),
                    "basedOn" => {
                        if let (Some(id), Some(parent)) = (&style, attribute(&e, "val")) {
                            styles.based_on.insert(id.clone(), parent);
                        }
                    }
                    "numId" => {
                        if let Some(id) = &style {
                            styles.own.entry(id.clone()).or_default().0 = attribute(&e, "val");
                        }
                    }
                    "ilvl" => {
                        if let Some(id) = &style {
                            styles.own.entry(id.clone()).or_default().1 = level_index(attribute(&e, "val"));
                        }
                    }
                    _ => {}
                },
                Event::End(e) if e.local_name().as_ref() == "style" => style = None,
                Event::Eof => break,
                _ => {}
            }
        }
        Ok(styles)
    }

    /// The (numId, ilvl) a style gives, following `basedOn` (at most ten
    /// steps, so a cycle cannot hang us).
    pub fn numbering_of(&self, style: &str) -> (Option<String>, Option<usize>) {
        let (mut num_id, mut ilvl) = (None, None);
        let mut current = Some(style.to_owned());
        for _ in 0..10 {
            let Some(id) = current else { break };
            if let Some((n, l)) = self.own.get(&id) {
                num_id = num_id.or_else(|| n.clone());
                ilvl = ilvl.or(*l);
            }
            current = self.based_on.get(&id).cloned();
        }
        (num_id, ilvl)
    }
}

/// Writes a list counter in one number format.
type FormatCounter = fn(u32) -> String;

/// Number formats (`w:numFmt`) and how each writes a counter.
const FORMATS: &[(&str, FormatCounter)] = &[
    ("decimal", |n| n.to_string()),
    ("decimalZero", |n| format!("{n:02}")),
    ("decimalFullWidth", |n| n.to_string().chars().map(full_width_digit).collect()),
    ("decimalFullWidth2", |n| n.to_string().chars().map(full_width_digit).collect()),
    ("chineseCounting", chinese_counting),
    ("chineseCountingThousand", chinese_counting),
    ("japaneseCounting", chinese_counting),
    ("taiwaneseCounting", chinese_counting),
    ("ideographDigital", |n| n.to_string().chars().map(ideograph_digit).collect()),
    ("chineseLegalSimplified", chinese_legal),
    ("ideographTraditional", |n| cycle("甲乙丙丁戊己庚辛壬癸", n)),
    ("ideographZodiac", |n| cycle("子丑寅卯辰巳午未申酉戌亥", n)),
    ("decimalEnclosedCircle", enclosed_circle),
    ("decimalEnclosedCircleChinese", enclosed_circle),
    ("lowerLetter", |n| letter(n, b'a')),
    ("upperLetter", |n| letter(n, b'A')),
    ("lowerRoman", |n| roman(n).to_lowercase()),
    ("upperRoman", roman),
];

fn format_number(n: u32, format: &str) -> String {
    FORMATS.iter().find(|(name, _)| *name == format).map_or_else(|| n.to_string(), |(_, write)| write(n))
}

fn full_width_digit(c: char) -> char {
    char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c)
}

const CHINESE_DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

fn ideograph_digit(c: char) -> char {
    c.to_digit(10).map_or(c, |d| CHINESE_DIGITS[d as usize])
}

/// 1 → 一, 10 → 十, 15 → 十五, 20 → 二十, 105 → 一百零五.
fn chinese_counting(n: u32) -> String {
    let mut digits = CHINESE_DIGITS;
    digits[0] = '零';
    chinese_with(n, &digits, ['十', '百', '千'], true)
}

/// 壹贰叁 (大写数字).
fn chinese_legal(n: u32) -> String {
    const LEGAL: [char; 10] = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
    chinese_with(n, &LEGAL, ['拾', '佰', '仟'], false)
}

fn chinese_with(n: u32, digits: &[char; 10], units: [char; 3], drop_leading_one_ten: bool) -> String {
    if n == 0 || n >= 10_000 {
        return n.to_string();
    }
    let places = [n / 1000, n / 100 % 10, n / 10 % 10, n % 10];
    let unit_of = [Some(units[2]), Some(units[1]), Some(units[0]), None];
    let mut out = String::new();
    let mut pending_zero = false;
    for (digit, unit) in places.into_iter().zip(unit_of) {
        if digit == 0 {
            pending_zero = !out.is_empty();
            continue;
        }
        if pending_zero {
            out.push(digits[0]);
            pending_zero = false;
        }
        let is_leading_ten = out.is_empty() && digit == 1 && unit == Some(units[0]);
        if !(is_leading_ten && drop_leading_one_ten) {
            out.push(digits[digit as usize]);
        }
        if let Some(unit) = unit {
            out.push(unit);
        }
    }
    out
}

fn cycle(symbols: &str, n: u32) -> String {
    let symbols: Vec<char> = symbols.chars().collect();
    symbols[(n.max(1) as usize - 1) % symbols.len()].to_string()
}

fn enclosed_circle(n: u32) -> String {
    match n {
        1..=20 => char::from_u32(0x2460 + n - 1).map_or_else(|| n.to_string(), String::from),
        _ => n.to_string(),
    }
}

fn letter(n: u32, base: u8) -> String {
    let n = n.max(1) - 1;
    let c = (base + (n % 26) as u8) as char;
    c.to_string().repeat(n as usize / 26 + 1)
}

fn roman(mut n: u32) -> String {
    const NUMERALS: [(u32, &str); 13] = [
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ];
    let mut out = String::new();
    for (value, numeral) in NUMERALS {
        while n >= value {
            out.push_str(numeral);
            n -= value;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_counting_reads_like_a_person_writes() {
        let cases = [(1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (21, "二十一"), (100, "一百"), (105, "一百零五"), (110, "一百一十")];
        for (n, expected) in cases {
            assert_eq!(chinese_counting(n), expected, "{n}");
        }
        assert_eq!(format_number(3, "decimalEnclosedCircle"), "③");
        assert_eq!(format_number(2, "ideographTraditional"), "乙");
        assert_eq!(format_number(4, "upperRoman"), "IV");
        assert_eq!(format_number(12, "chineseLegalSimplified"), "壹拾贰");
    }

    const NUMBERING: &str = r#"<w:numbering xmlns:w="x">
      <w:abstractNum w:abstractNumId="0">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
        <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="●"/></w:lvl>
      </w:abstractNum>
      <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
      <w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
    </w:numbering>"#;

    #[test]
    fn labels_count_per_level_and_restart_below() {
        let mut d = Definitions::parse(NUMBERING).unwrap();
        let labels: Vec<_> = [(0, "1"), (1, "1"), (1, "1"), (2, "1"), (0, "1"), (1, "1"), (0, "2")]
            .iter()
            .map(|(l, n)| d.next_label(n, *l))
            .collect();
        assert_eq!(
            labels,
            [Some("一、"), Some("1."), Some("2."), None, Some("二、"), Some("1."), Some("五、")]
                .map(|s| s.map(String::from))
        );
        assert_eq!(d.next_label("9", 0), None);
        // numId 1 shares the definition with numId 2: it continues from 五.
        assert_eq!(d.next_label("1", 0).as_deref(), Some("六、"));
    }
}
