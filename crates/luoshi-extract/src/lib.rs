//! Extraction: plain text → document, sections, tasks, targets, deadlines, units.
//!
//! Pure and deterministic: no I/O, no clocks. Knowledge of policy language
//! lives in rule tables (see the `rules` modules), each row testable alone.

pub mod model;

pub use model::{Comparator, Deadline, DocumentInfo, Extraction, Section, Target, Task};

use luoshi_text::PlainText;

/// What the caller knows beyond the text.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// File name, echoed in [`DocumentInfo::source`].
    pub source: String,
    /// The plan year, when the user gives it (`--year`); overrides inference.
    pub year: Option<i32>,
}

/// Extracts every commitment of one document.
pub fn extract(input: &PlainText, options: &Options) -> Extraction {
    let _ = input;
    Extraction {
        document: DocumentInfo { source: options.source.clone(), year: options.year, ..Default::default() },
        sections: Vec::new(),
        tasks: Vec::new(),
    }
}
