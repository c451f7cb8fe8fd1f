//! Extraction throughput on the development corpus repeated to at least
//! 10 MB: `cargo bench -p luoshi-extract --bench extract`. Criterion reports
//! MB/s (Throughput::Bytes). Skipped with a notice when ../shared is absent.

use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use luoshi_extract::{Options, extract};
use luoshi_text::PlainText;

const TARGET_BYTES: usize = 10 * 1024 * 1024;

fn corpus() -> Option<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    let mut files: Vec<_> = std::fs::read_dir(&dir).ok()?.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    files.sort();
    let docs: Vec<String> = files.iter().filter_map(|p| std::fs::read_to_string(p).ok()).collect();
    if docs.is_empty() {
        return None;
    }
    let mut text = String::new();
    while text.len() < TARGET_BYTES {
        for d in &docs {
            text.push_str(d);
            text.push('\n');
        }
    }
    Some(text)
}

fn bench(c: &mut Criterion) {
    let Some(text) = corpus() else {
        eprintln!("notice: ../shared/corpus not found; extraction benchmark skipped");
        return;
    };
    let input = PlainText::from_text(text);
    let options = Options { source: "corpus-x10MB.txt".into(), year: None };
    let mut group = c.benchmark_group("extract");
    group.throughput(Throughput::Bytes(input.text.len() as u64));
    group.sample_size(10);
    group.bench_function("corpus_repeated_10MB", |b| b.iter(|| extract(std::hint::black_box(&input), &options)));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
