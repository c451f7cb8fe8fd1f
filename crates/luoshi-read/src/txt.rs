//! Plain-text files: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK,
//! detected without asking. The text is exactly the file's characters after
//! decoding (BOM removed, CRLF kept), because gold offsets are computed on it.

use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE};

use crate::error::Reason;

const UTF8_BOM: &[u8] = &[0xEF, 0xBB, 0xBF];
const UTF16LE_BOM: &[u8] = &[0xFF, 0xFE];
const UTF16BE_BOM: &[u8] = &[0xFE, 0xFF];

/// Decode a text file's bytes.
pub fn decode(bytes: &[u8]) -> Result<String, Reason> {
    if let Some(rest) = bytes.strip_prefix(UTF8_BOM) {
        return std::str::from_utf8(rest).map(str::to_owned).map_err(|_| Reason::Undecodable("UTF-8"));
    }
    if let Some(rest) = bytes.strip_prefix(UTF16LE_BOM) {
        return decode_strict(UTF_16LE, rest);
    }
    if let Some(rest) = bytes.strip_prefix(UTF16BE_BOM) {
        return decode_strict(UTF_16BE, rest);
    }
    if looks_binary(bytes) {
        return Err(Reason::Binary);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(text.to_owned());
    }
    decode_strict(guess_legacy_encoding(bytes), bytes)
}

/// The legacy encoding of a non-UTF-8 file. Chinese offices write GBK, which
/// GB18030 extends, so a GBK guess decodes as GB18030.
fn guess_legacy_encoding(bytes: &[u8]) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(Some(b"cn"), chardetng::Utf8Detection::Deny);
    if guess == encoding_rs::GBK { GB18030 } else { guess }
}

fn decode_strict(encoding: &'static Encoding, bytes: &[u8]) -> Result<String, Reason> {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    if had_errors {
        Err(Reason::Undecodable(encoding.name()))
    } else {
        Ok(text.into_owned())
    }
}

/// Text has no NUL bytes and few control characters; binary data has many.
fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    if sample.contains(&0) {
        return true;
    }
    let controls = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C))
        .count();
    controls * 100 > sample.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLAN: &str = "一、总体要求\r\n到2025年，规上工业增加值增长8%以上。\n";

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode(PLAN.as_bytes()).unwrap(), PLAN);
        let with_bom = [UTF8_BOM, PLAN.as_bytes()].concat();
        assert_eq!(decode(&with_bom).unwrap(), PLAN);
    }

    #[test]
    fn gb18030_and_gbk_are_detected() {
        let (gbk, _, _) = encoding_rs::GBK.encode(PLAN);
        assert_eq!(decode(&gbk).unwrap(), PLAN);
        let (gb, _, _) = GB18030.encode("𠀀规上工业 2025年");
        assert_eq!(decode(&gb).unwrap(), "𠀀规上工业 2025年");
    }

    #[test]
    fn utf16_with_bom() {
        let le: Vec<u8> = UTF16LE_BOM.iter().copied().chain(PLAN.encode_utf16().flat_map(u16::to_le_bytes)).collect();
        assert_eq!(decode(&le).unwrap(), PLAN);
        let be: Vec<u8> = UTF16BE_BOM.iter().copied().chain(PLAN.encode_utf16().flat_map(u16::to_be_bytes)).collect();
        assert_eq!(decode(&be).unwrap(), PLAN);
    }

    #[test]
    fn binary_is_refused() {
        assert!(matches!(decode(&[0x12, 0x00, 0x9f, 0x44, 0x01, 0x02]), Err(Reason::Binary)));
    }
}
