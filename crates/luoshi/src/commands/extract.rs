//! `luoshi extract FILE... [--format json|table] [--year Y]`

use super::Global;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Plan documents (.txt, .docx, .pdf, .html).
    #[arg(required = true)]
    pub files: Vec<std::path::PathBuf>,
    /// Output: one JSON object per document (JSON lines), or a table for people.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    pub format: Format,
    /// The plan year, when the document does not say it.
    #[arg(long)]
    pub year: Option<i32>,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Json,
    Table,
}

pub async fn run(_global: &Global, args: Args) -> anyhow::Result<()> {
    for file in &args.files {
        let text = std::fs::read_to_string(file)
            .map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
        let options = luoshi_extract::Options {
            source: file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
            year: args.year,
        };
        let extraction = luoshi_extract::extract(&luoshi_text::PlainText::from_text(text), &options);
        println!("{}", serde_json::to_string(&extraction)?);
    }
    Ok(())
}
