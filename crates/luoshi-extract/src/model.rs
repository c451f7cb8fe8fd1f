//! What the extractor returns: the JSON contract of `shared/spec/EXTRACTION.md`.
//!
//! These types are the boundary other crates build on (the ledger ingest maps
//! them into stored tasks); fields may be added, never renamed.

use luoshi_text::Span;
use serde::{Deserialize, Serialize};

/// One document's commitments.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Extraction {
    pub document: DocumentInfo,
    /// Every heading found, in document order.
    #[serde(default)]
    pub sections: Vec<Section>,
    pub tasks: Vec<Task>,
}

/// The document as a whole.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DocumentInfo {
    /// File name the text came from.
    pub source: String,
    pub title: Option<String>,
    /// 发文机关: the issuing body, when the text names it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    /// 文号: e.g. 许政办〔2024〕4号.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc_number: Option<String>,
    /// The year its deadlines belong to; `None` when nothing says it.
    pub year: Option<i32>,
    /// The default deadline: `YYYY-MM-DD`, or `--MM-DD` when the year is unknown.
    pub period_end: Option<Deadline>,
}

/// A heading: 第X章, 第X节, 一、, （一）, 1., （1）, 专栏N.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    /// Nesting depth, 0 for the outermost kind of heading in this document.
    pub level: usize,
    /// The heading as written, numbering included (`二、提升产业发展能级`).
    pub heading: String,
    #[serde(with = "span_pair")]
    pub span: Span,
}

/// 工作任务: one unit of work a unit can be held responsible for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Task {
    /// Stable within one extraction: `t1`, `t2`, …
    pub id: String,
    /// Headings from the outermost down, as written.
    pub section: Vec<String>,
    /// The lead phrase without its number and final 。.
    pub title: String,
    #[serde(with = "span_pair")]
    pub span: Span,
    /// 责任单位, lead (牵头) first.
    pub units: Vec<String>,
    pub targets: Vec<Target>,
}

/// 量化目标: a number the government commits to for a future date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Target {
    pub metric: String,
    pub value: f64,
    /// As written after the number, magnitude prefix included (亿元, 万户, %).
    pub unit: String,
    pub cmp: Comparator,
    pub deadline: Option<Deadline>,
    /// A yearly quota (每年…): due on 12-31 of every plan year.
    #[serde(default)]
    pub yearly: bool,
    #[serde(with = "span_pair")]
    pub span: Span,
    /// The number expression as written (`1700亿元以上`).
    pub text: String,
}

/// The comparator of a target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Comparator {
    #[serde(rename = ">=")]
    AtLeast,
    #[serde(rename = ">")]
    MoreThan,
    #[serde(rename = "~")]
    About,
    #[serde(rename = "<=")]
    AtMost,
    #[serde(rename = "<")]
    LessThan,
    #[serde(rename = "=")]
    Exactly,
}

impl Comparator {
    /// The symbol used in the JSON (`>=`, `~`, …).
    pub fn symbol(self) -> &'static str {
        match self {
            Comparator::AtLeast => ">=",
            Comparator::MoreThan => ">",
            Comparator::About => "~",
            Comparator::AtMost => "<=",
            Comparator::LessThan => "<",
            Comparator::Exactly => "=",
        }
    }

    pub fn from_symbol(s: &str) -> Option<Self> {
        [
            Comparator::AtLeast,
            Comparator::MoreThan,
            Comparator::About,
            Comparator::AtMost,
            Comparator::LessThan,
            Comparator::Exactly,
        ]
        .into_iter()
        .find(|c| c.symbol() == s)
    }
}

/// A due date, possibly without a known year (`--06-30`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Deadline {
    pub year: Option<i32>,
    pub month: u32,
    pub day: u32,
}

impl Deadline {
    pub fn new(year: Option<i32>, month: u32, day: u32) -> Self {
        Deadline { year, month, day }
    }

    /// Parses `YYYY-MM-DD` or `--MM-DD`.
    pub fn parse(s: &str) -> Option<Self> {
        let (year, rest) = match s.strip_prefix("--") {
            Some(rest) => (None, rest),
            None => {
                let (y, rest) = s.split_once('-')?;
                (Some(y.parse().ok()?), rest)
            }
        };
        let (m, d) = rest.split_once('-')?;
        let (month, day) = (m.parse().ok()?, d.parse().ok()?);
        ((1..=12).contains(&month) && (1..=31).contains(&day)).then_some(Deadline { year, month, day })
    }
}

impl std::fmt::Display for Deadline {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.year {
            Some(y) => write!(f, "{y:04}-{:02}-{:02}", self.month, self.day),
            None => write!(f, "--{:02}-{:02}", self.month, self.day),
        }
    }
}

impl Serialize for Deadline {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Deadline {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Deadline::parse(&s).ok_or_else(|| serde::de::Error::custom(format!("bad deadline {s:?}")))
    }
}

/// Spans appear in the JSON as `[start, end]`.
mod span_pair {
    use luoshi_text::Span;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(span: &Span, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq([span.start, span.end])
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Span, D::Error> {
        let [start, end] = <[usize; 2]>::deserialize(d)?;
        Ok(Span { start, end })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deadlines_round_trip_with_and_without_year() {
        for s in ["2024-06-30", "--12-31"] {
            assert_eq!(Deadline::parse(s).unwrap().to_string(), s);
        }
        assert_eq!(Deadline::parse("2024-13-01"), None);
        assert_eq!(Deadline::parse("junk"), None);
    }

    #[test]
    fn comparators_serialise_as_spec_symbols() {
        let json = serde_json::to_string(&Comparator::AtLeast).unwrap();
        assert_eq!(json, "\">=\"");
        assert_eq!(Comparator::from_symbol("~"), Some(Comparator::About));
    }
}
