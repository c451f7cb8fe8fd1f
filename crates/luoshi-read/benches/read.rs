//! Reading a 100-page .docx and a 100-page .pdf (and the same text as .html
//! and .txt), generated from the corpus by the test renderers.
//!
//! `cargo bench -p luoshi-read --bench read`

#[path = "../tests/render/mod.rs"]
mod render;

use criterion::{Criterion, criterion_group, criterion_main};
use render::Block;

const PAGES: usize = 100;

fn pdf_pages(pdf: &[u8]) -> usize {
    lopdf::Document::load_mem(pdf).expect("pdf").get_pages().len()
}

/// Corpus paragraphs, repeated until their PDF rendering has `PAGES` pages
/// (the .docx and .html carry the same text).
fn hundred_pages() -> Vec<String> {
    let corpus: Vec<String> = render::corpus().iter().flat_map(|(_, text)| render::paragraphs(text)).collect();
    let mut paragraphs: Vec<String> = Vec::new();
    let mut source = corpus.iter().cycle();
    while pdf_pages(&render::pdf::bytes(&paragraphs, render::pdf::FontKind::IdentityH)) < PAGES {
        paragraphs.extend(source.by_ref().take(10).cloned());
    }
    paragraphs
}

fn readers(c: &mut Criterion) {
    let paragraphs = hundred_pages();
    let docx = render::docx::bytes(&paragraphs.iter().cloned().map(Block::Paragraph).collect::<Vec<_>>());
    let pdf = render::pdf::bytes(&paragraphs, render::pdf::FontKind::IdentityH);
    let pdf_fallback = render::pdf::bytes(&paragraphs, render::pdf::FontKind::UniGb);
    let html = render::html::bytes(&paragraphs, 0, false);
    let txt = paragraphs.join("\n").into_bytes();
    let pages = pdf_pages(&pdf);
    eprintln!(
        "input: {} paragraphs, {} chars; pdf {pages} pages ({} KiB), docx {} KiB, html {} KiB",
        paragraphs.len(),
        paragraphs.iter().map(|p| p.chars().count()).sum::<usize>(),
        pdf.len() / 1024,
        docx.len() / 1024,
        html.len() / 1024
    );

    let mut group = c.benchmark_group("read_100_pages");
    group.sample_size(10);
    group.bench_function("docx", |b| b.iter(|| luoshi_read::read_bytes("plan.docx", &docx).unwrap()));
    group.bench_function("pdf_identity_h", |b| b.iter(|| luoshi_read::read_bytes("plan.pdf", &pdf).unwrap()));
    group.bench_function("pdf_unigb_fallback", |b| {
        b.iter(|| luoshi_read::read_bytes("plan.pdf", &pdf_fallback).unwrap())
    });
    let libreoffice = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/libreoffice/pdf/002_7022b9c854d4f3e3.pdf"))
        .expect("LibreOffice fixture");
    eprintln!("LibreOffice PDF: {} pages ({} KiB)", pdf_pages(&libreoffice), libreoffice.len() / 1024);
    group.bench_function("pdf_libreoffice_002", |b| {
        b.iter(|| luoshi_read::read_bytes("plan.pdf", &libreoffice).unwrap())
    });
    group.bench_function("html", |b| b.iter(|| luoshi_read::read_bytes("plan.html", &html).unwrap()));
    group.bench_function("txt", |b| b.iter(|| luoshi_read::read_bytes("plan.txt", &txt).unwrap()));
    group.finish();
}

criterion_group!(benches, readers);
criterion_main!(benches);
