//! The fallback when pdf-extract fails (it panics on non-embedded CJK fonts
//! with predefined CMaps such as UniGB-UCS2-H): lopdf decodes the strings,
//! and we track text positions ourselves so that lines and indents survive.
//! Glyph widths are estimated (a CJK character one em, others half).

use std::collections::BTreeMap;

use lopdf::content::Content;
use lopdf::{Document, Object};

use super::glyphs::{Glyph, into_lines};
use super::layout::Page;

/// A 2-D affine matrix [a b c d e f], as PDF writes them.
#[derive(Debug, Clone, Copy)]
struct Matrix([f64; 6]);

impl Matrix {
    const IDENTITY: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    /// `self` applied first, then `other`.
    fn then(self, other: Matrix) -> Matrix {
        let [a, b, c, d, e, f] = self.0;
        let [a2, b2, c2, d2, e2, f2] = other.0;
        Matrix([
            a * a2 + b * c2,
            a * b2 + b * d2,
            c * a2 + d * c2,
            c * b2 + d * d2,
            e * a2 + f * c2 + e2,
            e * b2 + f * d2 + f2,
        ])
    }

    fn translate(tx: f64, ty: f64) -> Matrix {
        Matrix([1.0, 0.0, 0.0, 1.0, tx, ty])
    }

    fn scale(&self) -> f64 {
        let [a, b, c, d, _, _] = self.0;
        ((a * a + b * b).sqrt() * (c * c + d * d).sqrt()).sqrt()
    }
}

fn number(object: &Object) -> Option<f64> {
    match object {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(*r as f64),
        _ => None,
    }
}

fn matrix_of(operands: &[Object]) -> Option<Matrix> {
    let values: Vec<f64> = operands.iter().filter_map(number).collect();
    <[f64; 6]>::try_from(values).ok().map(Matrix)
}

/// Latin letters, digits and ASCII punctuation are half width in CJK fonts.
fn estimated_em_width(text: &str) -> f64 {
    text.chars().map(|c| if c.is_ascii() { 0.5 } else { 1.0 }).sum()
}

/// State of the text machinery while walking one page's content stream.
struct TextState {
    ctm: Matrix,
    saved: Vec<Matrix>,
    text_matrix: Matrix,
    line_matrix: Matrix,
    font: Vec<u8>,
    size: f64,
    leading: f64,
}

pub fn pages(document: &Document) -> Vec<Page> {
    document
        .get_pages()
        .values()
        .map(|&page_id| Page { lines: into_lines(page_glyphs(document, page_id)) })
        .collect()
}

fn page_height(document: &Document, page_id: lopdf::ObjectId) -> f64 {
    document
        .get_dictionary(page_id)
        .ok()
        .and_then(|page| page.get(b"MediaBox").ok())
        .and_then(|mb| mb.as_array().ok())
        .and_then(|mb| Some(number(mb.get(3)?)? - number(mb.get(1)?)?))
        .unwrap_or(842.0)
}

fn page_glyphs(document: &Document, page_id: lopdf::ObjectId) -> Vec<Glyph> {
    let height = page_height(document, page_id);
    let encodings: BTreeMap<Vec<u8>, lopdf::Encoding> = document
        .get_page_fonts(page_id)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|(name, font)| font.get_font_encoding(document).ok().map(|e| (name, e)))
        .collect();
    let Ok(content) = document.get_page_content(page_id).and_then(|data| Content::decode(&data)) else {
        return Vec::new();
    };
    let mut state = TextState {
        ctm: Matrix::IDENTITY,
        saved: Vec::new(),
        text_matrix: Matrix::IDENTITY,
        line_matrix: Matrix::IDENTITY,
        font: Vec::new(),
        size: 12.0,
        leading: 0.0,
    };
    let mut glyphs = Vec::new();
    for operation in &content.operations {
        let operands = &operation.operands;
        let num = |i: usize| operands.get(i).and_then(number).unwrap_or(0.0);
        match operation.operator.as_str() {
            "q" => state.saved.push(state.ctm),
            "Q" => state.ctm = state.saved.pop().unwrap_or(Matrix::IDENTITY),
            "cm" => {
                if let Some(m) = matrix_of(operands) {
                    state.ctm = m.then(state.ctm);
                }
            }
            "BT" => {
                state.text_matrix = Matrix::IDENTITY;
                state.line_matrix = Matrix::IDENTITY;
            }
            "Tf" => {
                state.font = operands.first().and_then(|o| o.as_name().ok()).map(<[u8]>::to_vec).unwrap_or_default();
                state.size = num(1);
            }
            "TL" => state.leading = num(0),
            "Tm" => {
                if let Some(m) = matrix_of(operands) {
                    state.text_matrix = m;
                    state.line_matrix = m;
                }
            }
            "Td" | "TD" => {
                if operation.operator == "TD" {
                    state.leading = -num(1);
                }
                state.line_matrix = Matrix::translate(num(0), num(1)).then(state.line_matrix);
                state.text_matrix = state.line_matrix;
            }
            "T*" => next_line(&mut state),
            "Tj" | "TJ" | "'" | "\"" => {
                if operation.operator == "'" || operation.operator == "\"" {
                    next_line(&mut state);
                }
                let Some(encoding) = encodings.get(&state.font) else { continue };
                let shown = if operation.operator == "\"" { &operands[operands.len().saturating_sub(1)..] } else { &operands[..] };
                show(&mut state, encoding, shown, height, &mut glyphs);
            }
            _ => {}
        }
    }
    glyphs
}

fn next_line(state: &mut TextState) {
    state.line_matrix = Matrix::translate(0.0, -state.leading).then(state.line_matrix);
    state.text_matrix = state.line_matrix;
}

fn show(state: &mut TextState, encoding: &lopdf::Encoding, operands: &[Object], height: f64, glyphs: &mut Vec<Glyph>) {
    for operand in operands {
        match operand {
            Object::String(bytes, _) => {
                let Ok(text) = Document::decode_text(encoding, bytes) else { continue };
                let placed = state.text_matrix.then(state.ctm);
                let size = state.size * placed.scale();
                let advance = estimated_em_width(&text) * state.size;
                glyphs.push(Glyph {
                    x: placed.0[4],
                    y: height - placed.0[5],
                    width: advance * placed.scale(),
                    size: if size > 0.0 { size } else { 1.0 },
                    text,
                });
                state.text_matrix = Matrix::translate(advance, 0.0).then(state.text_matrix);
            }
            Object::Array(items) => show(state, encoding, items, height, glyphs),
            // TJ adjustments: thousandths of an em, negative moves right.
            other => {
                if let Some(adjust) = number(other) {
                    state.text_matrix = Matrix::translate(-adjust / 1000.0 * state.size, 0.0).then(state.text_matrix);
                }
            }
        }
    }
}
