use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::ParseError;

/// The comparator of a target (量化目标): how the actual value is held
/// against the target value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Comparator {
    /// `>=`: 以上、不低于、不少于、至少、达到.
    #[serde(rename = ">=")]
    AtLeast,
    /// `>`: 超过、突破、高于.
    #[serde(rename = ">")]
    MoreThan,
    /// `~`: 左右、约、上下.
    #[serde(rename = "~")]
    About,
    /// `<=`: 以内、以下、不超过、控制在 (a control target, 控制性指标).
    #[serde(rename = "<=")]
    AtMost,
    /// `<`: 低于 (a control target).
    #[serde(rename = "<")]
    LessThan,
    /// `=`: no comparator written.
    #[serde(rename = "=")]
    Exactly,
}

/// Every comparator with its symbol, as one table.
const SYMBOLS: [(Comparator, &str); 6] = [
    (Comparator::AtLeast, ">="),
    (Comparator::MoreThan, ">"),
    (Comparator::About, "~"),
    (Comparator::AtMost, "<="),
    (Comparator::LessThan, "<"),
    (Comparator::Exactly, "="),
];

impl Comparator {
    pub const ALL: [Comparator; 6] = [
        Comparator::AtLeast,
        Comparator::MoreThan,
        Comparator::About,
        Comparator::AtMost,
        Comparator::LessThan,
        Comparator::Exactly,
    ];

    /// The symbol of the extraction JSON (`>=`, `~`, …).
    pub fn symbol(self) -> &'static str {
        SYMBOLS.iter().find(|(c, _)| *c == self).map(|(_, s)| *s).unwrap_or("=")
    }

    /// The comparator of a symbol, `None` when unknown.
    pub fn from_symbol(symbol: &str) -> Option<Self> {
        SYMBOLS.iter().find(|(_, s)| *s == symbol.trim()).map(|(c, _)| *c)
    }

    /// Control targets (控制在…以内): met while the actual value stays within
    /// the target value, rather than by reaching it.
    pub fn is_control(self) -> bool {
        matches!(self, Comparator::AtMost | Comparator::LessThan)
    }
}

impl fmt::Display for Comparator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.symbol())
    }
}

impl FromStr for Comparator {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Comparator::from_symbol(s).ok_or_else(|| ParseError::new("comparator", s, SYMBOLS.iter().map(|(_, s)| *s)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_symbol_round_trips() {
        for c in Comparator::ALL {
            assert_eq!(Comparator::from_symbol(c.symbol()), Some(c));
            assert_eq!(c.to_string().parse::<Comparator>().unwrap(), c);
        }
        assert_eq!(Comparator::from_symbol("≥"), None);
        assert!("=>".parse::<Comparator>().unwrap_err().to_string().contains("=>"));
    }

    #[test]
    fn only_upper_bounds_are_control_targets() {
        let control: Vec<_> = Comparator::ALL.into_iter().filter(|c| c.is_control()).collect();
        assert_eq!(control, [Comparator::AtMost, Comparator::LessThan]);
    }

    #[test]
    fn serde_uses_the_json_symbols() {
        // The symbol is what the extraction JSON and the database carry.
        for c in Comparator::ALL {
            let json = serde_json::to_string(&c).unwrap();
            assert_eq!(json, format!("\"{}\"", c.symbol()));
            assert_eq!(serde_json::from_str::<Comparator>(&json).unwrap(), c);
        }
    }
}
