//! Assembles a [`PlainText`] from paragraphs and tables, keeping char spans.
//!
//! Every reader of a structured format (.docx, .html) produces the same
//! shape: one paragraph per line, and each table row on a line of its own
//! with its cells separated by a tab, so spans of targets found in a table
//! point at the cell's text.

use luoshi_text::{Cell, PlainText, Span, Table};

#[derive(Debug, Default)]
pub struct TextBuilder {
    text: String,
    /// Length of `text` in chars (spans count chars, not bytes).
    chars: usize,
    tables: Vec<Table>,
}

impl TextBuilder {
    pub fn new() -> Self {
        TextBuilder::default()
    }

    /// Append a paragraph as one line; blank paragraphs are dropped.
    pub fn push_paragraph(&mut self, paragraph: &str) {
        let paragraph = paragraph.trim_matches(|c: char| c.is_whitespace());
        if paragraph.is_empty() {
            return;
        }
        for line in paragraph.split('\n') {
            let line = line.trim();
            if !line.is_empty() {
                self.push_str(line);
                self.push_str("\n");
            }
        }
    }

    /// Append a table: one line per row, cells separated by a tab. Rows with
    /// no text at all are dropped.
    pub fn push_table(&mut self, rows: Vec<Vec<String>>) {
        let start = self.chars;
        let mut table_rows = Vec::new();
        for row in rows {
            if row.iter().all(|cell| cell.trim().is_empty()) {
                continue;
            }
            let mut cells = Vec::with_capacity(row.len());
            for (index, cell) in row.iter().enumerate() {
                if index > 0 {
                    self.push_str("\t");
                }
                let cell_text = one_line(cell);
                let cell_start = self.chars;
                self.push_str(&cell_text);
                cells.push(Cell { text: cell_text, span: Span::new(cell_start, self.chars) });
            }
            self.push_str("\n");
            table_rows.push(cells);
        }
        if !table_rows.is_empty() {
            // The table's span ends before its last newline.
            self.tables.push(Table { rows: table_rows, span: Span::new(start, self.chars - 1) });
        }
    }

    fn push_str(&mut self, s: &str) {
        self.text.push_str(s);
        self.chars += s.chars().count();
    }

    pub fn finish(mut self) -> PlainText {
        if self.text.ends_with('\n') {
            self.text.pop();
            // A table's span never includes the final newline, so no span moves.
        }
        PlainText { text: self.text, tables: self.tables }
    }
}

/// A cell's text on one line: inner line breaks and tabs become spaces.
fn one_line(cell: &str) -> String {
    let mut out = String::with_capacity(cell.len());
    for word in cell.split(['\n', '\t', '\r']) {
        let word = word.trim();
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slice(text: &str, span: Span) -> String {
        text.chars().skip(span.start).take(span.len()).collect()
    }

    #[test]
    fn cell_spans_point_at_their_text() {
        let mut builder = TextBuilder::new();
        builder.push_paragraph("一、主要指标");
        builder.push_table(vec![
            vec!["指标名称".into(), "2025年目标".into()],
            vec!["规上工业增加值增速（%）".into(), "8\n以上".into()],
            vec!["".into(), " ".into()],
        ]);
        builder.push_paragraph("二、重点任务");
        let plain = builder.finish();
        assert_eq!(plain.text, "一、主要指标\n指标名称\t2025年目标\n规上工业增加值增速（%）\t8 以上\n二、重点任务");
        let table = &plain.tables[0];
        assert_eq!(table.rows.len(), 2);
        for cell in table.rows.iter().flatten() {
            assert_eq!(slice(&plain.text, cell.span), cell.text);
        }
        assert_eq!(slice(&plain.text, table.span), "指标名称\t2025年目标\n规上工业增加值增速（%）\t8 以上");
    }
}
