//! Errors of the pure domain: only parsing of labels and symbols can fail here.

use thiserror::Error;

/// A label or symbol that names none of the known values.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("unknown {kind}: {value:?} (expected one of: {expected})")]
pub struct ParseError {
    /// What was being parsed (`comparator`, `status`, …).
    pub kind: &'static str,
    /// The text that did not match.
    pub value: String,
    /// The accepted spellings, joined for the message.
    pub expected: String,
}

impl ParseError {
    pub(crate) fn new<'a>(kind: &'static str, value: &str, expected: impl IntoIterator<Item = &'a str>) -> Self {
        ParseError { kind, value: value.to_string(), expected: expected.into_iter().collect::<Vec<_>>().join(", ") }
    }
}
