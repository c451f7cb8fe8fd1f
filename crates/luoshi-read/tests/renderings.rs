//! Every corpus document rendered as .docx, .pdf (two font set-ups) and
//! .html must read back as the same paragraphs as its .txt, and give the
//! extractor the same targets.

mod render;

use std::collections::HashMap;

use luoshi_extract::{Options, extract};
use luoshi_text::PlainText;
use render::{Block, corpus, paragraphs, squeeze};

#[derive(Debug, Clone, Copy)]
enum Rendering {
    Docx,
    PdfIdentityH,
    PdfUniGb,
    HtmlTrs,
    HtmlAnonymousGb2312,
}

const RENDERINGS: [Rendering; 5] = [
    Rendering::Docx,
    Rendering::PdfIdentityH,
    Rendering::PdfUniGb,
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
        let expected: Vec<String> = paragraphs(&text).iter().map(|p| squeeze(p)).filter(|p| !p.is_empty()).collect();
        for rendering in RENDERINGS {
            let (file, bytes) = render(rendering, &paragraphs(&text));
            let plain = match luoshi_read::read_bytes(&file, &bytes) {
                Ok(plain) => plain,
                Err(e) => {
                    failures.push(format!("{name} {rendering:?}: {e}"));
                    continue;
                }
            };
            let got: Vec<String> = paragraphs(&plain.text).iter().map(|p| squeeze(p)).collect();
            if got != expected {
                let at = got.iter().zip(&expected).position(|(g, e)| g != e).unwrap_or(got.len().min(expected.len()));
                failures.push(format!(
                    "{name} {rendering:?}: {} paragraphs, expected {}; first difference at {at}:\n  got      {:?}\n  expected {:?}",
                    got.len(),
                    expected.len(),
                    got.get(at).map(|s| s.chars().take(80).collect::<String>()),
                    expected.get(at).map(|s| s.chars().take(80).collect::<String>()),
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

type TargetKey = (String, String, String, String);

fn targets(plain: &PlainText, source: &str) -> HashMap<TargetKey, usize> {
    let extraction = extract(plain, &Options { source: source.into(), year: None });
    let mut keys = HashMap::new();
    for task in &extraction.tasks {
        for target in &task.targets {
            let key = (
                format!("{:.4}", target.value),
                target.unit.clone(),
                serde_json::to_string(&target.cmp).unwrap_or_default(),
                serde_json::to_string(&target.deadline).unwrap_or_default(),
            );
            *keys.entry(key).or_default() += 1;
        }
    }
    keys
}

/// Targets (value, unit, cmp, deadline) as multisets: the share of the
/// larger side that the other side also has.
fn agreement(a: &HashMap<TargetKey, usize>, b: &HashMap<TargetKey, usize>) -> (usize, usize) {
    let shared: usize = a.iter().map(|(k, n)| (*n).min(b.get(k).copied().unwrap_or(0))).sum();
    let total = a.values().sum::<usize>().max(b.values().sum());
    (shared, total)
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
