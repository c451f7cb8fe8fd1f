//! Killing `luoshi ingest` mid-way (SIGKILL) leaves a consistent ledger: every
//! document is either fully stored or absent, and running the same ingest
//! again ends exactly where a clean ingest ends. On SQLite and PostgreSQL.

mod ledger_cli;

use ledger_cli::*;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Enough documents that the ingest outlasts the polling below on a loaded
/// 2-core machine.
const FILES: usize = 400;

/// Distinct documents made from the corpus: each copy gets a line of its own,
/// so its content hash differs (titled ones become versions of each other).
fn variants(dir: &Path) -> Vec<PathBuf> {
    let corpus = corpus_files();
    (0..FILES)
        .map(|i| {
            let source = &corpus[i % corpus.len()];
            let text = std::fs::read_to_string(source).unwrap();
            let path = dir.join(format!("{i:03}_{}", source.file_name().unwrap().to_string_lossy()));
            std::fs::write(&path, format!("{text}\n（附件{i}）\n")).unwrap();
            path
        })
        .collect()
}

fn ingest_args(files: &[PathBuf]) -> Vec<String> {
    let mut args = vec!["ingest".to_string()];
    args.extend(files.iter().map(|f| f.display().to_string()));
    args
}

/// Everything stored, minus timestamps: documents, and tasks with their units and targets.
fn fingerprint(db: &str) -> Value {
    let mut documents = json(db, &["documents"]);
    for d in documents.as_array_mut().unwrap() {
        d.as_object_mut().unwrap().remove("ingested_at");
    }
    let ledger = json(db, &["ledger", "--all"]);
    serde_json::json!({ "documents": documents, "ledger": ledger })
}

fn document_count(db: &str) -> usize {
    json(db, &["documents"]).as_array().unwrap().len()
}

cli_on_both_backends!(an_ingest_killed_midway_can_simply_be_repeated, |db| {
    let dir = std::env::temp_dir().join(format!("luoshi-crash-{}", std::process::id()));
    let dir = dir.join(db.rsplit('/').next().unwrap_or("db").replace(['.', ':'], "_"));
    std::fs::create_dir_all(&dir).unwrap();
    let files = variants(&dir);
    let args = ingest_args(&files);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();

    // A clean ingest of everything, in a database of its own.
    let clean_db = format!("{}", dir.join("clean.db").display());
    luoshi(&clean_db, &args);
    let clean = fingerprint(&clean_db);
    assert_eq!(clean["documents"].as_array().unwrap().len(), FILES);

    // The same ingest, killed once a few documents are in.
    let mut child = Command::new(env!("CARGO_BIN_EXE_luoshi"))
        .arg("--db")
        .arg(db)
        .args(&args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(20));
        if child.try_wait().unwrap().is_some() {
            break;
        }
        // Reading while the child writes: WAL on SQLite, MVCC on PostgreSQL.
        if Command::new(env!("CARGO_BIN_EXE_luoshi"))
            .args(["--db", db, "documents", "--format", "json"])
            .output()
            .ok()
            .and_then(|o| serde_json::from_slice::<Value>(&o.stdout).ok())
            .is_some_and(|d| d.as_array().is_some_and(|a| a.len() >= 3))
        {
            break;
        }
    }
    if let Some(status) = child.try_wait().unwrap() {
        panic!("the ingest ended by itself ({status}) before it could be killed: it failed, or FILES is too small");
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    let stored = document_count(db);
    assert!(stored < FILES, "killed after {stored} of {FILES} documents");

    // No half-ingested document: the database is what a clean ingest of the
    // first `stored` files gives.
    let prefix_db = format!("{}", dir.join("prefix.db").display());
    luoshi(&prefix_db, &args[..=stored]);
    assert_eq!(fingerprint(db), fingerprint(&prefix_db), "killed after {stored} documents");

    // Repeating the ingest completes it, exactly as the clean run.
    let rerun = luoshi(db, &args);
    assert_eq!(rerun.matches("未变化").count(), stored, "{rerun}");
    assert_eq!(fingerprint(db), clean);
    let _ = std::fs::remove_dir_all(&dir);
});
