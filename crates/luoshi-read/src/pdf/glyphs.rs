//! Positioned characters from pdf-extract, grouped into lines.

use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};

use super::layout::{Line, Page};
use super::tables::{CELL_GAP, Segment};

/// One drawn character, in page coordinates with y growing downwards.
#[derive(Debug, Clone)]
pub struct Glyph {
    pub x: f64,
    /// Baseline, from the top of the page.
    pub y: f64,
    pub width: f64,
    pub size: f64,
    pub text: String,
}

#[derive(Default)]
struct Collector {
    page_height: f64,
    glyphs: Vec<Glyph>,
    pages: Vec<Page>,
}

impl OutputDev for Collector {
    fn begin_page(&mut self, _: u32, media_box: &MediaBox, _: Option<(f64, f64, f64, f64)>) -> Result<(), OutputError> {
        self.page_height = media_box.ury - media_box.lly;
        self.glyphs.clear();
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        let glyphs = std::mem::take(&mut self.glyphs);
        self.pages.push(Page { lines: into_lines(glyphs) });
        Ok(())
    }

    fn output_character(&mut self, trm: &Transform, width: f64, _: f64, font_size: f64, text: &str) -> Result<(), OutputError> {
        // The text rendering matrix maps glyph space to the page; its scale
        // applied to the font size is the size as drawn.
        let scale_x = (trm.m11 + trm.m21).abs();
        let scale_y = (trm.m12 + trm.m22).abs();
        let size = font_size * (scale_x * scale_y).sqrt();
        let size = if size.is_finite() && size > 0.0 { size } else { 1.0 };
        self.glyphs.push(Glyph {
            x: trm.m31,
            y: self.page_height - trm.m32,
            width: width * size,
            size,
            text: text.to_owned(),
        });
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

pub fn pages(document: &lopdf::Document) -> Result<Vec<Page>, OutputError> {
    let mut collector = Collector::default();
    pdf_extract::output_doc(document, &mut collector)?;
    Ok(collector.pages)
}

/// Glyphs on one baseline (within a third of their size) form a line; lines
/// are ordered top to bottom, glyphs left to right.
pub fn into_lines(mut glyphs: Vec<Glyph>) -> Vec<Line> {
    glyphs.retain(|g| g.x.is_finite() && g.y.is_finite());
    glyphs.sort_by(|a, b| a.y.total_cmp(&b.y));
    let mut rows: Vec<Vec<Glyph>> = Vec::new();
    for glyph in glyphs {
        match rows.last_mut() {
            Some(row) if (glyph.y - row[0].y).abs() < row[0].size.min(glyph.size) / 3.0 => row.push(glyph),
            _ => rows.push(vec![glyph]),
        }
    }
    rows.into_iter().filter_map(line_of).collect()
}

fn line_of(mut row: Vec<Glyph>) -> Option<Line> {
    row.sort_by(|a, b| a.x.total_cmp(&b.x));
    let mut text = String::new();
    let mut segments: Vec<Segment> = Vec::new();
    let mut end: Option<f64> = None;
    let mut left: Option<f64> = None;
    let mut right = 0.0_f64;
    for glyph in &row {
        let is_blank = glyph.text.trim().is_empty();
        let gap = end.map_or(f64::INFINITY, |end| glyph.x - end);
        // A visible gap between glyphs is a space, as a reader sees it; the
        // normaliser later drops it where Chinese does not take one.
        if end.is_some() && gap > glyph.size * 0.25 && !text.ends_with(' ') {
            text.push(' ');
        }
        text.push_str(&glyph.text);
        if !is_blank {
            // A gap of a cell's padding starts a new segment (a table cell).
            match segments.last_mut() {
                Some(segment) if gap <= glyph.size * CELL_GAP => {
                    if gap > glyph.size * 0.25 {
                        segment.text.push(' ');
                    }
                    segment.text.push_str(&glyph.text);
                    segment.right = segment.right.max(glyph.x + glyph.width);
                }
                _ => segments.push(Segment { left: glyph.x, right: glyph.x + glyph.width, text: glyph.text.clone() }),
            }
            left.get_or_insert(glyph.x);
            right = right.max(glyph.x + glyph.width);
        }
        end = Some(glyph.x + glyph.width);
    }
    let left = left?;
    let mut sizes: Vec<f64> = row.iter().map(|g| g.size).collect();
    sizes.sort_by(f64::total_cmp);
    Some(Line { text, left, right, top: row[0].y, size: sizes[sizes.len() / 2], segments, starts_paragraph: false })
}
