//! `luoshi extract FILE... [--format json|table] [--year Y] [--text]`
//!
//! JSON: one object per document, one document per line. Table: an aligned
//! ledger for a person at a terminal. A file that is empty, binary or holds no
//! commitment gets a one-line note on stderr naming it; only a file that
//! cannot be read makes the exit status non-zero.

use std::io::Write;
use std::path::Path;

use luoshi_extract::{Extraction, Options};
use luoshi_read::{ReadError, Reason};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::Global;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Plan documents (.txt, .docx, .pdf, .html, .xlsx).
    #[arg(required = true)]
    pub files: Vec<std::path::PathBuf>,
    /// Output: one JSON object per document (JSON lines), or a table for people.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    pub format: Format,
    /// The plan year, when the document does not say it.
    #[arg(long)]
    pub year: Option<i32>,
    /// Print the plain text that spans point into (as read from each file)
    /// instead of extracting, so a person can check any span.
    #[arg(long)]
    pub text: bool,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Json,
    Table,
}

pub async fn run(_global: &Global, args: Args) -> anyhow::Result<()> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut unreadable = Vec::new();
    for file in &args.files {
        let input = match luoshi_read::read_path(file) {
            Ok(input) => input,
            Err(err) if is_soft(&err) => {
                eprintln!("luoshi: {err}: nothing to extract");
                continue;
            }
            Err(err) => {
                eprintln!("luoshi: {err}");
                unreadable.push(file.display().to_string());
                continue;
            }
        };
        if args.text {
            write!(out, "{}", input.text)?;
            if !input.text.ends_with('\n') {
                writeln!(out)?;
            }
            continue;
        }
        let options = Options { source: source_name(file), year: args.year };
        let extraction = luoshi_extract::extract(&input, &options);
        let targets: usize = extraction.tasks.iter().map(|t| t.targets.len()).sum();
        if extraction.tasks.is_empty() {
            eprintln!("luoshi: {}: no commitments found (no tasks, no targets)", file.display());
        } else if targets == 0 {
            eprintln!("luoshi: {}: {} tasks but no quantified targets", file.display(), extraction.tasks.len());
        }
        match args.format {
            Format::Json => writeln!(out, "{}", serde_json::to_string(&extraction)?)?,
            Format::Table => write!(out, "{}", ledger_table(&extraction))?,
        }
    }
    out.flush()?;
    if unreadable.is_empty() { Ok(()) } else { anyhow::bail!("could not read {}", unreadable.join(", ")) }
}

/// Readable but holding nothing to extract: worth a note, not a failure.
fn is_soft(err: &ReadError) -> bool {
    matches!(err.reason, Reason::Empty | Reason::Binary)
}

fn source_name(file: &Path) -> String {
    file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

/// Column widths (in terminal cells) of the ledger; longer text is cut with …
const WIDTHS: [usize; 7] = [5, 24, 28, 14, 4, 10, 36];
const HEADERS: [&str; 7] = ["任务", "标题", "指标", "目标值", "比较", "时限", "责任单位"];

/// An aligned ledger: one line per target, a task without targets on a line
/// of its own.
pub fn ledger_table(x: &Extraction) -> String {
    let d = &x.document;
    let mut s = String::new();
    let targets: usize = x.tasks.iter().map(|t| t.targets.len()).sum();
    s.push_str(&format!(
        "== {}{}  年度 {}  期末 {}  任务 {}  目标 {}\n",
        d.source,
        d.title.as_ref().map(|t| format!(" 《{t}》")).unwrap_or_default(),
        d.year.map_or("未知".to_string(), |y| y.to_string()),
        d.period_end.map_or("-".to_string(), |p| p.to_string()),
        x.tasks.len(),
        targets
    ));
    s.push_str(&row(&HEADERS.map(String::from)));
    for t in &x.tasks {
        let units = t.units.join("、");
        if t.targets.is_empty() {
            s.push_str(&row(&[
                t.id.clone(),
                t.title.clone(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                units,
            ]));
            continue;
        }
        for (k, g) in t.targets.iter().enumerate() {
            let (id, title, units) = if k == 0 {
                (t.id.clone(), t.title.clone(), units.clone())
            } else {
                (String::new(), String::new(), String::new())
            };
            s.push_str(&row(&[
                id,
                title,
                g.metric.clone(),
                g.text.clone(),
                g.cmp.symbol().to_string(),
                g.deadline.map_or("-".to_string(), |d| d.to_string()),
                units,
            ]));
        }
    }
    s
}

fn row(cells: &[String; 7]) -> String {
    let mut line = String::new();
    for (i, cell) in cells.iter().enumerate() {
        let cell = fit(cell, WIDTHS[i]);
        line.push_str(&cell);
        if i + 1 < cells.len() {
            line.push_str(&" ".repeat(WIDTHS[i] - cell.width() + 2));
        }
    }
    line.truncate(line.trim_end().len());
    line.push('\n');
    line
}

/// Cuts `s` to at most `width` terminal cells, marking a cut with …
fn fit(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for ch in s.chars() {
        let w = ch.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(ch);
        used += w;
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_counts_cjk_as_two_cells() {
        assert_eq!(fit("规上工业增加值增速", 8), "规上工…");
        assert_eq!(fit("6.5%", 8), "6.5%");
        assert!(fit("规上工业增加值增速", 8).width() <= 8);
    }

    #[test]
    fn rows_align_whatever_the_script() {
        let a =
            row(&["t1", "强化工业运行调度", "增速", "6.5%", ">=", "2024-06-30", "市工业和信息化局"].map(String::from));
        let b = row(&["t22", "x", "metric", "20家以上", "~", "--12-31", "A"].map(String::from));
        // The deadline column starts at the same terminal cell on both lines.
        let da = a.find("2024").unwrap();
        let db = b.find("--12").unwrap();
        assert_eq!(a[..da].width(), b[..db].width());
    }
}
