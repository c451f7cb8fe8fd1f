//! Extracts the development corpus in-process and scores it with the shared
//! scorer: target F1 ≥ 0.95, strict F1 ≥ 0.90, task recall ≥ 0.90, unit
//! exactness ≥ 0.90. Skipped, with a notice, when ../shared is absent.

use std::path::{Path, PathBuf};
use std::process::Command;

use luoshi_extract::{Options, extract};
use luoshi_text::PlainText;

fn shared() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    dir.join("eval/score.py").exists().then_some(dir)
}

#[test]
fn development_corpus_meets_the_bar() {
    let Some(shared) = shared() else {
        eprintln!("notice: ../shared not found; corpus score test skipped");
        return;
    };
    let pred = std::env::temp_dir().join(format!("luoshi-extract-pred-{}", std::process::id()));
    std::fs::create_dir_all(&pred).unwrap();
    let mut docs = 0;
    for entry in std::fs::read_dir(shared.join("corpus")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        let x = extract(&PlainText::from_text(text), &Options { source: name.clone(), year: None });
        std::fs::write(pred.join(format!("{name}.json")), serde_json::to_string(&x).unwrap()).unwrap();
        docs += 1;
    }
    assert!(docs >= 5, "corpus has {docs} documents");

    let score = |extra: &[&str]| {
        Command::new("python3")
            .arg(shared.join("eval/score.py"))
            .arg("--gold")
            .arg(shared.join("eval/gold"))
            .arg("--corpus")
            .arg(shared.join("corpus"))
            .arg("--pred")
            .arg(&pred)
            .args(extra)
            .output()
            .expect("python3 runs")
    };
    let gate = score(&["--min-f1", "0.95", "--min-strict-f1", "0.90"]);
    let report = String::from_utf8_lossy(&gate.stdout);
    assert!(
        gate.status.success(),
        "scorer rejected the extraction:\n{report}{}",
        String::from_utf8_lossy(&gate.stderr)
    );

    let json = score(&["--json"]);
    let text = String::from_utf8_lossy(&json.stdout);
    let summary: serde_json::Value = serde_json::from_str(
        text.lines().take_while(|l| !l.starts_with("target F1")).collect::<Vec<_>>().join("\n").as_str(),
    )
    .expect("scorer JSON");
    let overall = &summary["overall"];
    let task_recall = overall["task_recall"].as_f64().unwrap();
    let units_exact = overall["units_exact"].as_f64().unwrap();
    assert!(task_recall >= 0.90, "task recall {task_recall}\n{report}");
    assert!(units_exact >= 0.90, "unit exactness {units_exact}\n{report}");
    let _ = std::fs::remove_dir_all(&pred);
}
