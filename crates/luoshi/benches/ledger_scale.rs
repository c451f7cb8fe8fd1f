//! Ingesting at scale, on SQLite and PostgreSQL (a bench command: one run of
//! the real binary is the measurement). The five corpus documents repeated
//! to 1,000 distinct files (each copy's title made unique, so they are
//! documents rather than versions), stored by `luoshi ingest`: reading,
//! extraction and storage, as a user runs it. The status table at scale is
//! `cargo bench -p luoshi-store --bench status_scale`.
//!
//! `cargo bench -p luoshi --bench ledger_scale` (both backends; PostgreSQL
//! from `LUOSHI_TEST_PG`, default postgres://postgres@127.0.0.1:5432/test).
//! `-- sqlite` or `-- postgres` runs one backend only.

use luoshi_store::Backend;
use luoshi_store::testing::ScratchDb;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const DOCUMENTS: usize = 1_000;

fn corpus() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(dir).expect("../shared/corpus").map(|e| e.unwrap().path()).collect();
    files.retain(|p| p.extension().is_some_and(|e| e == "txt"));
    files.sort();
    files
}

/// 1,000 files: the corpus repeated, each copy's title (when it has one) made
/// unique so the copies are distinct documents rather than versions.
fn repeated_corpus(dir: &Path) -> Vec<PathBuf> {
    let sources: Vec<(String, String, Option<String>)> = corpus()
        .iter()
        .map(|path| {
            let text = std::fs::read_to_string(path).unwrap();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let options = luoshi_extract::Options { source: name.clone(), year: None };
            let title =
                luoshi_extract::extract(&luoshi_text::PlainText::from_text(text.clone()), &options).document.title;
            (name, text, title)
        })
        .collect();
    (0..DOCUMENTS)
        .map(|i| {
            let (name, text, title) = &sources[i % sources.len()];
            let text = match title {
                Some(title) if text.contains(title.as_str()) => {
                    text.replace(title.as_str(), &format!("{title}（{i}）"))
                }
                _ => text.clone(),
            };
            let path = dir.join(format!("{i:04}_{name}"));
            std::fs::write(&path, format!("{text}\n（附件{i}）\n")).unwrap();
            path
        })
        .collect()
}

fn bench_ingest(db: &ScratchDb, files: &[PathBuf]) -> Duration {
    let started = Instant::now();
    let output = Command::new(env!("CARGO_BIN_EXE_luoshi"))
        .arg("--db")
        .arg(&db.url)
        .arg("ingest")
        .args(files)
        .output()
        .expect("run luoshi ingest");
    let elapsed = started.elapsed();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let stored = String::from_utf8_lossy(&output.stdout).matches("已入库为文件").count();
    println!("  ingest: {stored} new documents of {} files", files.len());
    elapsed
}

async fn run(backend: Backend, files: &[PathBuf]) {
    println!("## {}", backend.name());
    let Some(db) = ScratchDb::new(backend).await else { return };
    let ingest = bench_ingest(&db, files);
    println!("  ingest {} files: {:.2} s", files.len(), ingest.as_secs_f64());
    db.remove().await;
}

#[tokio::main]
async fn main() {
    let wanted: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with('-')).collect();
    let dir = std::env::temp_dir().join(format!("luoshi-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let files = repeated_corpus(&dir);
    for backend in [Backend::Sqlite, Backend::Postgres] {
        if wanted.is_empty() || wanted.iter().any(|w| w == backend.name()) {
            run(backend, &files).await;
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}
