//! Numerals as policy documents write them: Arabic (`1700`, `6.5`,
//! full-width `１２`), Chinese (`一千七百`, `两`, `二〇二五`, `六点五`), and the
//! bare magnitudes of `百亿级` / `千亿级`.
//!
//! A trailing 万/亿 is left out of the value: it belongs to the unit as
//! written (`1.5万户` → 1.5 with unit 万户, `一千七百亿元` → 1700 亿元).

/// A numeral found in the text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Numeral {
    pub value: f64,
    /// One past its last char.
    pub end: usize,
    /// Written in Chinese numerals.
    pub chinese: bool,
    /// A bare magnitude with no digit before it (`百` of 百亿级).
    pub magnitude_only: bool,
}

/// Value of a Chinese digit char (两 = 2, 〇/零 = 0).
pub fn chinese_digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '零' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// Value of a Chinese magnitude char.
pub fn chinese_magnitude(c: char) -> Option<f64> {
    Some(match c {
        '十' => 10.0,
        '百' => 100.0,
        '千' => 1_000.0,
        '万' => 10_000.0,
        '亿' => 100_000_000.0,
        _ => return None,
    })
}

fn ascii_digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// Can a numeral start with this char?
#[inline]
pub fn may_start(c: char) -> bool {
    // Runs for every char of the text: a mask on the char's low byte turns
    // away almost every char before the full test.
    let b = c as usize & 255;
    START_LOW_BYTES[b >> 6] & (1 << (b & 63)) != 0
        && (ascii_digit(c).is_some() || chinese_digit(c).is_some() || matches!(c, '十' | '百' | '千'))
}

/// Chars a numeral can start with (the ones [`may_start`] accepts).
const START_CHARS: [char; 15] = ['〇', '零', '一', '二', '两', '三', '四', '五', '六', '七', '八', '九', '十', '百', '千'];

/// Bit `b` is set when some char a numeral can start with has low byte `b`.
const START_LOW_BYTES: [u64; 4] = {
    let mut mask = [0u64; 4];
    let mut d = 0;
    while d < 10 {
        let ascii = ('0' as usize + d) & 255;
        let full_width = ('０' as usize + d) & 255;
        mask[ascii >> 6] |= 1 << (ascii & 63);
        mask[full_width >> 6] |= 1 << (full_width & 63);
        d += 1;
    }
    let mut k = 0;
    while k < START_CHARS.len() {
        let b = START_CHARS[k] as usize & 255;
        mask[b >> 6] |= 1 << (b & 63);
        k += 1;
    }
    mask
};

/// Reads the numeral starting at `i`, if any.
pub fn parse_at(chars: &[char], i: usize) -> Option<Numeral> {
    let c = *chars.get(i)?;
    if ascii_digit(c).is_some() {
        parse_arabic(chars, i)
    } else if chinese_digit(c).is_some() || chinese_magnitude(c).is_some() {
        parse_chinese(chars, i)
    } else {
        None
    }
}

fn parse_arabic(chars: &[char], i: usize) -> Option<Numeral> {
    let mut j = i;
    let mut int: f64 = 0.0;
    let mut digits = 0;
    while let Some(d) = chars.get(j).copied().and_then(ascii_digit) {
        int = int * 10.0 + d as f64;
        digits += 1;
        j += 1;
        if digits > 15 {
            return None;
        }
    }
    let mut value = int;
    if matches!(chars.get(j), Some('.' | '．'))
        && let Some(first) = chars.get(j + 1).copied().and_then(ascii_digit)
    {
        let mut scale = 0.1;
        value += first as f64 * scale;
        j += 2;
        while let Some(d) = chars.get(j).copied().and_then(ascii_digit) {
            scale /= 10.0;
            value += d as f64 * scale;
            j += 1;
        }
        value = round(value);
    }
    Some(Numeral { value, end: j, chinese: false, magnitude_only: false })
}

fn round(v: f64) -> f64 {
    (v * 1e9).round() / 1e9
}

fn parse_chinese(chars: &[char], i: usize) -> Option<Numeral> {
    let mut j = i;
    while j < chars.len() && j - i < 24 && (chinese_digit(chars[j]).is_some() || chinese_magnitude(chars[j]).is_some())
    {
        j += 1;
    }
    let mut run = &chars[i..j];
    // A trailing 万/亿 (and 亿 after 万) is the unit's magnitude, not the value's.
    while run.len() > 1 && matches!(run[run.len() - 1], '万' | '亿') {
        run = &run[..run.len() - 1];
    }
    let mut end = i + run.len();
    let magnitude_only = chinese_digit(run[0]).is_none() && run[0] != '十';
    let value = if run.len() == 1 && magnitude_only {
        chinese_magnitude(run[0])?
    } else if run.iter().all(|&c| chinese_digit(c).is_some()) && run.len() > 1 {
        // 二〇二五: digits read one by one.
        run.iter().fold(0.0, |acc, &c| acc * 10.0 + chinese_digit(c).unwrap_or(0) as f64)
    } else {
        positional(run)?
    };
    let mut value = value;
    // 六点五
    if chars.get(end) == Some(&'点') && chars.get(end + 1).copied().and_then(chinese_digit).is_some() {
        let mut scale = 0.1;
        let mut k = end + 1;
        while let Some(d) = chars.get(k).copied().and_then(chinese_digit) {
            value += d as f64 * scale;
            scale /= 10.0;
            k += 1;
        }
        value = round(value);
        end = k;
    }
    Some(Numeral { value, end, chinese: true, magnitude_only })
}

/// 一千七百 → 1700, 十三 → 13, 一万二千 → 12000, 三千五 → 3500.
fn positional(run: &[char]) -> Option<f64> {
    let mut total = 0.0;
    let mut section = 0.0;
    let mut digit: Option<f64> = None;
    let mut last_unit = 1.0;
    for &c in run {
        if let Some(d) = chinese_digit(c) {
            digit = Some(d as f64);
        } else if let Some(m) = chinese_magnitude(c) {
            if m >= 10_000.0 {
                total = (total + section + digit.unwrap_or(0.0)) * m;
                section = 0.0;
                last_unit = m;
            } else {
                section += digit.unwrap_or(1.0) * m;
                last_unit = m;
            }
            digit = None;
        }
    }
    // 三千五 means 3500: a lone final digit counts in the next lower place.
    let tail = match digit {
        Some(d) if last_unit >= 100.0 && run.len() >= 3 && chinese_digit(run[run.len() - 2]).is_none() => {
            d * last_unit / 10.0
        }
        Some(d) => d,
        None => 0.0,
    };
    Some(total + section + tail)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn start_mask_keeps_every_char_a_numeral_starts_with() {
        let full = |c: char| ascii_digit(c).is_some() || chinese_digit(c).is_some() || matches!(c, '十' | '百' | '千');
        let accepted: Vec<char> = (0..=0x10FFFF).filter_map(char::from_u32).filter(|&c| may_start(c)).collect();
        let expected: Vec<char> = (0..=0x10FFFF).filter_map(char::from_u32).filter(|&c| full(c)).collect();
        assert_eq!(accepted, expected);
        assert!(START_CHARS.iter().all(|&c| may_start(c)));
    }

    fn value(s: &str) -> (f64, usize) {
        let chars: Vec<char> = s.chars().collect();
        let n = parse_at(&chars, 0).unwrap();
        (n.value, n.end)
    }

    #[test]
    fn arabic_numerals() {
        assert_eq!(value("1700亿元"), (1700.0, 4));
        assert_eq!(value("6.5%"), (6.5, 3));
        assert_eq!(value("594.6亿"), (594.6, 5));
        assert_eq!(value("１２．５％"), (12.5, 4));
        // Commas are the clause's, never thousands separators (，folds to ,).
        assert_eq!(value("50,100家"), (50.0, 2));
    }

    #[test]
    fn chinese_numerals() {
        assert_eq!(value("一千七百亿元"), (1700.0, 4));
        assert_eq!(value("两家"), (2.0, 1));
        assert_eq!(value("二〇二五年"), (2025.0, 4));
        assert_eq!(value("十三届"), (13.0, 2));
        assert_eq!(value("二十"), (20.0, 2));
        assert_eq!(value("一万二千家"), (12000.0, 4));
        assert_eq!(value("三千五"), (3500.0, 3));
        assert_eq!(value("六点五"), (6.5, 3));
        assert_eq!(value("三成"), (3.0, 1));
    }

    #[test]
    fn bare_magnitudes() {
        let chars: Vec<char> = "百亿级".chars().collect();
        let n = parse_at(&chars, 0).unwrap();
        assert_eq!((n.value, n.end, n.magnitude_only), (100.0, 1, true));
        let chars: Vec<char> = "千亿级".chars().collect();
        assert_eq!(parse_at(&chars, 0).unwrap().value, 1000.0);
    }

    #[test]
    fn trailing_magnitude_is_left_to_the_unit() {
        assert_eq!(value("1.5万"), (1.5, 3));
        assert_eq!(value("两千万元"), (2000.0, 2));
    }
}
