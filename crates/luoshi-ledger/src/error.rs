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

/// A draft that cannot enter the ledger as it is. Each names the task (by
/// its key) and what is wrong, so an importer can report it with the file.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum DraftError {
    #[error("task #{index} has an empty key")]
    EmptyKey { index: usize },
    #[error("task key {key:?} appears more than once")]
    DuplicateKey { key: String },
    #[error("task {key}: span {start}..{end} is reversed")]
    ReversedSpan { key: String, start: usize, end: usize },
    #[error("task {key}: span {start}..{end} lies outside the text ({len} characters)")]
    SpanOutsideText { key: String, start: usize, end: usize, len: usize },
    #[error("task {key}, target {metric:?}: value {value} is not a finite number")]
    TargetValue { key: String, metric: String, value: f64 },
    #[error("task {key}, target {metric:?}: span {start}..{end} is reversed or outside the text ({len} characters)")]
    TargetSpan { key: String, metric: String, start: usize, end: usize, len: usize },
    #[error("section {heading:?}: span {start}..{end} is reversed or outside the text ({len} characters)")]
    SectionSpan { heading: String, start: usize, end: usize, len: usize },
}

/// A progress report that cannot be filed as it is.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum ReportError {
    #[error("a target's report carries an actual value, not a milestone state")]
    MilestoneForTarget,
    #[error("a task's report carries a milestone state (未启动/推进中/已完成), not a value")]
    ValueForTask,
    #[error("the reported value {0} is not a finite number")]
    NotFinite(f64),
    #[error("the report names no reporter")]
    NoReporter,
    #[error("version {version} does not fit supersedes {supersedes:?} (a first filing is version 1 and supersedes nothing)")]
    VersionChain { version: u32, supersedes: Option<i64> },
    #[error("a correction must keep the subject, supersede report {expected_supersedes} and be version {expected_version}")]
    NotACorrectionOf { expected_supersedes: i64, expected_version: u32 },
}

/// A threshold setting outside its sensible range.
#[derive(Debug, Clone, PartialEq, Error)]
#[error("threshold {name} = {value}: {expected}")]
pub struct ThresholdError {
    pub name: &'static str,
    pub value: f64,
    pub expected: &'static str,
}
