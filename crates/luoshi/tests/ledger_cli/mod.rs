//! Shared by the ledger CLI tests: running the real binary against a scratch
//! database on either backend, and finding things in its JSON output.
#![allow(dead_code)]

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

pub fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus")
}

pub fn corpus_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus_dir())
        .expect("the corpus at ../shared/corpus")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
}

/// Runs `luoshi --db DB ARGS…`; panics with its stderr when it fails.
pub fn luoshi(db: &str, args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_luoshi"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("LUOSHI_DB")
        .output()
        .expect("run luoshi");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "luoshi {} failed:\n{}\n{stdout}",
        args.join(" "),
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
}

/// Runs a command that must fail; returns its stderr.
pub fn luoshi_fails(db: &str, args: &[&str]) -> String {
    let output =
        Command::new(env!("CARGO_BIN_EXE_luoshi")).arg("--db").arg(db).args(args).output().expect("run luoshi");
    assert!(!output.status.success(), "luoshi {} should have failed", args.join(" "));
    String::from_utf8_lossy(&output.stderr).into_owned()
}

pub fn json(db: &str, args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    let out = luoshi(db, &all);
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("luoshi {}: not JSON ({e}):\n{out}", args.join(" ")))
}

/// The status table as of a date, for one document.
pub fn status(db: &str, document: i64, as_of: &str) -> Value {
    json(db, &["status", "--document", &document.to_string(), "--as-of", as_of])
}

/// The line of a task in a status table.
pub fn task_line(status: &Value, task: i64) -> &Value {
    status["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == task)
        .unwrap_or_else(|| panic!("task {task} in the status table"))
}

/// Runs `$body` (an async block with `db: &str`, the `--db` value) once per backend, as two tests.
#[macro_export]
macro_rules! cli_on_both_backends {
    ($name:ident, |$db:ident| $body:block) => {
        mod $name {
            use super::*;
            fn scenario($db: &str) $body

            async fn run(backend: luoshi_store::Backend) {
                let Some(scratch) = luoshi_store::testing::ScratchDb::new(backend).await else { return };
                let url = scratch.url.clone();
                tokio::task::spawn_blocking(move || scenario(&url)).await.unwrap();
                scratch.remove().await;
            }

            #[tokio::test]
            async fn sqlite() {
                run(luoshi_store::Backend::Sqlite).await;
            }

            #[tokio::test]
            async fn postgres() {
                run(luoshi_store::Backend::Postgres).await;
            }
        }
    };
}
