//! Documents made by a real office suite: the corpus rendered as .docx,
//! then exported to PDF and re-saved as .docx by LibreOffice 7.4
//! (tests/fixtures/libreoffice/make.sh). Its PDFs embed CJK font subsets
//! with ToUnicode maps, break lines by Unicode's rules and carry no running
//! header; its .docx files number lists its own way.

mod render;

use std::path::PathBuf;

use render::{agreement, corpus, paragraph_difference, targets};

fn fixture(kind: &str, name: &str) -> PathBuf {
    let stem = name.trim_end_matches(".txt");
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/libreoffice/{kind}/{stem}.{kind}"))
}

#[test]
fn libreoffice_documents_read_back_as_the_txt() {
    let mut failures = Vec::new();
    for (name, text) in corpus() {
        for kind in ["pdf", "docx"] {
            match luoshi_read::read_path(&fixture(kind, &name)) {
                Ok(plain) => {
                    if let Some(difference) = paragraph_difference(&text, &plain.text) {
                        failures.push(format!("{name} {kind}: {difference}"));
                    }
                }
                Err(e) => failures.push(e.to_string()),
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn libreoffice_documents_give_the_txt_targets() {
    for kind in ["pdf", "docx"] {
        let (mut shared, mut total) = (0, 0);
        for (name, _) in corpus() {
            let txt = luoshi_read::read_path(&render::corpus_dir().join(&name)).expect("corpus .txt");
            let plain = luoshi_read::read_path(&fixture(kind, &name)).expect("fixture reads");
            let (s, t) = agreement(&targets(&txt, &name), &targets(&plain, &name));
            shared += s;
            total += t;
        }
        let share = if total == 0 { 1.0 } else { shared as f64 / total as f64 };
        assert!(share >= 0.98, "LibreOffice {kind}: {shared}/{total} targets agree");
    }
}
