//! The plain-text model shared by the readers and the extractor.
//!
//! A reader turns a file (.txt, .docx, .pdf, .html) into a [`PlainText`]: the
//! text that every span in luoshi points into, plus the tables found in it.
//! Spans count Unicode scalar values (Rust `char`s), start inclusive, end
//! exclusive, exactly as `shared/spec/EXTRACTION.md` defines offsets.

use serde::{Deserialize, Serialize};

/// A half-open range of `char` offsets into [`PlainText::text`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn contains(&self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }

    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// One cell of a table, with the place its text occupies in [`PlainText::text`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cell {
    pub text: String,
    pub span: Span,
}

/// A table kept as rows and cells (a 指标表 must not be flattened into prose).
/// The table's text is also part of [`PlainText::text`], one row per line with
/// cells separated by a tab, so spans of extracted targets point into it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Table {
    pub rows: Vec<Vec<Cell>>,
    pub span: Span,
}

/// The readable content of a document: what spans point into.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PlainText {
    pub text: String,
    pub tables: Vec<Table>,
}

impl PlainText {
    /// Text with no tables, as a .txt file gives it.
    pub fn from_text(text: impl Into<String>) -> Self {
        PlainText { text: text.into(), tables: Vec::new() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_overlap_only_when_they_share_a_char() {
        assert!(Span::new(0, 3).overlaps(&Span::new(2, 5)));
        assert!(!Span::new(0, 3).overlaps(&Span::new(3, 5)));
        assert!(Span::new(2, 4).contains(3));
        assert!(!Span::new(2, 4).contains(4));
        assert_eq!(Span::new(5, 2).len(), 0);
    }
}
