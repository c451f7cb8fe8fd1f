//! `luoshi extract` end to end: JSON lines, the table ledger, --year, and the
//! notes and exit codes for empty, binary, numberless and unreadable files.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn luoshi(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_luoshi")).args(args).output().expect("luoshi runs")
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("luoshi-extract-cli-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

const MEASURES: &str = "攻坚二季度确保“双过半”若干措施\n一、提升产业发展能级\n5.强化工业运行调度。确保重点行业运行平稳,上半年全市规上工业增加值增速达到6.5%。全年新增规上工业企业180家以上。(责任单位:市工业和信息化局)\n";
const REPORT: &str = "做强先进制造业。力争全年完成投资287.6亿元,培育高新技术企业5家。\n";

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path.to_string_lossy().into_owned()
}

#[test]
fn several_files_give_json_lines() {
    let dir = scratch("jsonl");
    let a = write(&dir, "a.txt", MEASURES.as_bytes());
    let b = write(&dir, "b.txt", REPORT.as_bytes());
    let out = luoshi(&["extract", "--format", "json", &a, &b]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<serde_json::Value> = stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["document"]["source"], "a.txt");
    assert_eq!(lines[1]["document"]["source"], "b.txt");
    let task = &lines[0]["tasks"][0];
    assert_eq!(task["title"], "强化工业运行调度");
    assert_eq!(task["units"][0], "市工业和信息化局");
    assert_eq!(task["targets"][0]["value"], 6.5);
    assert_eq!(task["targets"][0]["cmp"], ">=");
    // The year is unknown in b.txt: month-day deadlines.
    assert_eq!(lines[1]["tasks"][0]["targets"][0]["deadline"], "--12-31");
}

#[test]
fn year_override() {
    let dir = scratch("year");
    let b = write(&dir, "b.txt", REPORT.as_bytes());
    let out = luoshi(&["extract", "--year", "2024", &b]);
    assert!(out.status.success());
    let x: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(x["document"]["year"], 2024);
    assert_eq!(x["tasks"][0]["targets"][0]["deadline"], "2024-12-31");
}

#[test]
fn table_is_aligned_for_cjk() {
    let dir = scratch("table");
    let a = write(&dir, "a.txt", MEASURES.as_bytes());
    let out = luoshi(&["extract", "--format", "table", "--year", "2024", &a]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("强化工业运行调度"), "{text}");
    assert!(text.contains("6.5%"));
    // Every deadline starts at the same terminal column.
    let columns: Vec<usize> = text
        .lines()
        .filter(|l| !l.starts_with("=="))
        .filter_map(|l| l.find("2024-").map(|i| unicode_width::UnicodeWidthStr::width(&l[..i])))
        .collect();
    assert!(columns.len() >= 2, "{text}");
    assert!(columns.windows(2).all(|w| w[0] == w[1]), "{columns:?}\n{text}");
}

#[test]
fn empty_binary_and_numberless_files_are_noted_not_failed() {
    let dir = scratch("bad");
    let empty = write(&dir, "empty.txt", b"");
    let binary = write(&dir, "blob.txt", &[0u8, 159, 146, 150, 0, 1, 2, 3, 255, 254, 0, 0, 7, 8]);
    let prose = write(&dir, "prose.txt", "这是一段没有任何数字和任务的文字".as_bytes());
    for (file, name) in [(&empty, "empty.txt"), (&binary, "blob.txt"), (&prose, "prose.txt")] {
        let out = luoshi(&["extract", file]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{name}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "one line for {name}: {stderr}");
        assert!(stderr.contains(name), "{stderr}");
    }
}

#[test]
fn unreadable_file_fails_but_others_still_extract() {
    let dir = scratch("missing");
    let b = write(&dir, "b.txt", REPORT.as_bytes());
    let missing = dir.join("no-such-file.txt").to_string_lossy().into_owned();
    let out = luoshi(&["extract", &missing, &b]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no-such-file.txt"));
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 1);
}
