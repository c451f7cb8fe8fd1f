//! Writes the 分工方案 table test document as .docx into a folder, for
//! LibreOffice to convert (tests/fixtures/libreoffice/make.sh).
//!
//! `cargo run -p luoshi-read --example write_task_table -- DIR`

#[path = "../tests/render/mod.rs"]
mod render;

fn main() -> std::io::Result<()> {
    let dir = std::path::PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "renderings".into()));
    std::fs::create_dir_all(&dir)?;
    std::fs::write(dir.join("task_table.docx"), render::docx::clean_bytes(&render::task_table::blocks()))?;
    println!("{}", dir.display());
    Ok(())
}
