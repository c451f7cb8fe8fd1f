//! Every corpus document rendered as .docx, .pdf (two font set-ups) and
//! .html must read back as the same paragraphs as its .txt, and give the
//! extractor the same targets.

mod render;

use luoshi_text::PlainText;
use render::{Block, agreement, corpus, paragraph_difference, paragraphs, squeeze, targets};

#[derive(Debug, Clone, Copy)]
enum Rendering {
    Docx,
    PdfIdentityH,
    PdfUniGb,
    PdfFixed30,
    HtmlTrs,
    HtmlAnonymousGb2312,
}

const RENDERINGS: [Rendering; 6] = [
    Rendering::Docx,
    Rendering::PdfIdentityH,
    Rendering::PdfUniGb,
    Rendering::PdfFixed30,
    Rendering::HtmlTrs,
    Rendering::HtmlAnonymousGb2312,
];

fn render(rendering: Rendering, paragraphs: &[String]) -> (String, Vec<u8>) {
    match rendering {
        Rendering::Docx => {
            let blocks: Vec<Block> = paragraphs.iter().cloned().map(Block::Paragraph).collect();
            ("plan.docx".into(), render::docx::bytes(&blocks))
        }
        Rendering::PdfIdentityH => ("plan.pdf".into(), render::pdf::bytes(paragraphs, render::pdf::FontKind::IdentityH)),
        Rendering::PdfUniGb => ("plan.pdf".into(), render::pdf::bytes(paragraphs, render::pdf::FontKind::UniGb)),
        Rendering::PdfFixed30 => (
            "plan.pdf".into(),
            render::pdf::bytes_with(paragraphs, render::pdf::FontKind::UniGb, render::pdf::Layout::FixedChars(30)),
        ),
        Rendering::HtmlTrs => ("plan.html".into(), render::html::bytes(paragraphs, 0, false)),
        Rendering::HtmlAnonymousGb2312 => ("plan.htm".into(), render::html::bytes(paragraphs, 1, true)),
    }
}

fn read_txt(name: &str) -> PlainText {
    luoshi_read::read_path(&render::corpus_dir().join(name)).expect("corpus .txt reads")
}

/// The .txt reader gives exactly the file's characters: gold offsets are
/// computed on them.
#[test]
fn txt_is_the_file_verbatim() {
    for (name, text) in corpus() {
        assert_eq!(read_txt(&name).text, text, "{name}");
    }
}

/// Paragraph for paragraph, the rendering reads back as the .txt (modulo
/// whitespace, which renderers add and readers remove).
#[test]
fn renderings_read_back_as_the_txt_paragraphs() {
    let mut failures = Vec::new();
    for (name, text) in corpus() {
        for rendering in RENDERINGS {
            let (file, bytes) = render(rendering, &paragraphs(&text));
            match luoshi_read::read_bytes(&file, &bytes) {
                Ok(plain) if matches!(rendering, Rendering::PdfFixed30) => {
                    // Lines cut every 30 characters with no indent carry no
                    // paragraph marks when a paragraph ends exactly at a line
                    // end: ask for every character in order, and paragraphs
                    // within a tenth.
                    let (got, expected) = (paragraphs(&plain.text).len(), paragraphs(&text).len());
                    if squeeze(&plain.text) != squeeze(&text) || got.abs_diff(expected) * 10 > expected {
                        failures.push(format!("{name} {rendering:?}: {got} paragraphs, expected {expected}"));
                    }
                }
                Ok(plain) => {
                    if let Some(difference) = paragraph_difference(&text, &plain.text) {
                        failures.push(format!("{name} {rendering:?}: {difference}"));
                    }
                }
                Err(e) => failures.push(format!("{name} {rendering:?}: {e}")),
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn renderings_give_the_txt_targets() {
    let mut report = Vec::new();
    for rendering in RENDERINGS {
        let (mut shared, mut total) = (0, 0);
        for (name, text) in corpus() {
            let expected = targets(&read_txt(&name), &name);
            let (file, bytes) = render(rendering, &paragraphs(&text));
            let plain = luoshi_read::read_bytes(&file, &bytes).expect("rendering reads");
            let (s, t) = agreement(&expected, &targets(&plain, &name));
            report.push(format!("{name} {rendering:?}: {s}/{t}"));
            shared += s;
            total += t;
        }
        let share = if total == 0 { 1.0 } else { shared as f64 / total as f64 };
        report.push(format!("{rendering:?}: {shared}/{total} = {:.1}%", share * 100.0));
        assert!(share >= 0.98, "{rendering:?} agrees on {:.1}% of targets:\n{}", share * 100.0, report.join("\n"));
    }
    eprintln!("{}", report.join("\n"));
}
