//! Writes the test renderings of every corpus document into a folder, for
//! looking at them or converting them with other writers
//! (tests/fixtures/libreoffice/make.sh).
//!
//! `cargo run -p luoshi-read --example write_renderings -- DIR`

#[path = "../tests/render/mod.rs"]
mod render;

use render::Block;

fn main() -> std::io::Result<()> {
    let dir = std::path::PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "renderings".into()));
    std::fs::create_dir_all(&dir)?;
    for (name, text) in render::corpus() {
        let stem = name.trim_end_matches(".txt");
        let paragraphs = render::paragraphs(&text);
        let blocks: Vec<Block> = paragraphs.iter().cloned().map(Block::Paragraph).collect();
        std::fs::write(dir.join(format!("{stem}.docx")), render::docx::clean_bytes(&blocks))?;
        std::fs::write(dir.join(format!("{stem}.pdf")), render::pdf::bytes(&paragraphs, render::pdf::FontKind::IdentityH))?;
        std::fs::write(dir.join(format!("{stem}.html")), render::html::bytes(&paragraphs, 0, false))?;
    }
    println!("{}", dir.display());
    Ok(())
}
