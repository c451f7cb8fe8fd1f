//! 导入文件: upload .txt/.docx/.pdf/.html, preview the extracted ledger,
//! correct titles and units or drop tasks, then save.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Instant;

use askama::Template;
use axum::Form;
use axum::extract::{Multipart, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use luoshi_extract::Extraction;
use luoshi_ledger::Action;

use crate::auth::{CurrentUser, PageUser};
use crate::auth::token::new_token;
use crate::chrome::Chrome;
use crate::error::{PageResult, WebError};
use crate::pages::{number, render};
use crate::state::{AppState, IngestRequest, PENDING_IMPORT_TTL, PendingImport};

/// The largest upload accepted.
pub const MAX_UPLOAD_BYTES: usize = 20 * 1024 * 1024;

#[derive(Template)]
#[template(path = "import.html")]
struct ImportPage {
    chrome: Chrome,
}

pub struct PreviewTask {
    pub section: String,
    pub title: String,
    pub text: String,
    pub units: String,
    pub targets: Vec<String>,
}

pub struct PreviewView {
    pub pending: String,
    pub title: String,
    pub source: String,
    pub doc_number: String,
    pub year: String,
    pub target_count: usize,
    pub tasks: Vec<PreviewTask>,
}

#[derive(Template)]
#[template(path = "import_preview.html")]
struct PreviewPage {
    chrome: Chrome,
    view: PreviewView,
}

pub async fn show(PageUser(user): PageUser) -> PageResult<Html<String>> {
    user.require(Action::ImportDocument)?;
    Ok(Html(render(&ImportPage { chrome: Chrome::new(&user, "/import") })?))
}

/// An uploaded file read and extracted.
pub struct Parsed {
    pub text: luoshi_text::PlainText,
    pub extraction: Extraction,
}

/// Read and extract an upload; a file that cannot be read is the user's error.
pub async fn parse_upload(name: String, bytes: Vec<u8>, year: Option<i32>) -> Result<Parsed, WebError> {
    if bytes.is_empty() {
        return Err(WebError::bad("请选择要导入的文件"));
    }
    tokio::task::spawn_blocking(move || {
        let text = luoshi_read::read_bytes(&name, &bytes).map_err(|e| WebError::bad(format!("{name}: 无法读取：{e}")))?;
        let options = luoshi_extract::Options { source: name.clone(), year };
        let extraction = luoshi_extract::extract(&text, &options);
        Ok(Parsed { text, extraction })
    })
    .await
    .map_err(|e| WebError::Internal(anyhow::anyhow!("extraction failed: {e}")))?
}

/// Keep an extraction for the user to correct; returns its key.
pub fn park(state: &AppState, user: &CurrentUser, parsed: Parsed) -> String {
    let key = new_token();
    let mut pending = state.pending_imports.lock().expect("pending imports lock");
    pending.retain(|_, p| p.created.elapsed() < PENDING_IMPORT_TTL);
    pending.insert(key.clone(), PendingImport { user_id: user.id, created: Instant::now(), text: parsed.text, extraction: parsed.extraction });
    key
}

fn deadline_text(d: &luoshi_extract::Deadline) -> String {
    match d.year {
        Some(y) => format!("{y}-{:02}-{:02}", d.month, d.day),
        None => format!("{:02}-{:02}", d.month, d.day),
    }
}

/// What the preview table shows of an extraction; `pending` is left empty
/// for the caller to fill once the extraction is parked.
pub(crate) fn preview_view(parsed: &Parsed, source: &str) -> PreviewView {
    let doc = &parsed.extraction.document;
    let tasks = parsed
        .extraction
        .tasks
        .iter()
        .map(|t| PreviewTask {
            section: t.section.join(" / "),
            title: t.title.clone(),
            text: parsed.text.text.chars().skip(t.span.start).take(t.span.len().min(160)).collect(),
            units: t.units.join("、"),
            targets: t
                .targets
                .iter()
                .map(|g| {
                    let due = g.deadline.as_ref().map(|d| format!("（{}）", deadline_text(d))).unwrap_or_default();
                    format!("{} {}{}{}{}", g.metric, g.cmp.symbol(), number(g.value), g.unit, due)
                })
                .collect(),
        })
        .collect();
    PreviewView {
        pending: String::new(),
        title: doc.title.clone().unwrap_or_else(|| source.to_string()),
        source: source.to_string(),
        doc_number: doc.doc_number.clone().unwrap_or_default(),
        year: doc.year.map(|y| y.to_string()).unwrap_or_default(),
        target_count: parsed.extraction.tasks.iter().map(|t| t.targets.len()).sum(),
        tasks,
    }
}

pub async fn preview(State(state): State<Arc<AppState>>, PageUser(user): PageUser, mut multipart: Multipart) -> PageResult<Response> {
    let mut csrf = String::new();
    let mut file: Option<(String, Vec<u8>)> = None;
    let mut year: Option<i32> = None;
    while let Some(field) = multipart.next_field().await.map_err(|e| WebError::bad(format!("上传失败：{e}")))? {
        match field.name().unwrap_or("") {
            "csrf" => csrf = field.text().await.map_err(|e| WebError::bad(e.to_string()))?,
            "year" => year = field.text().await.ok().and_then(|t| t.trim().parse().ok()),
            "file" => {
                let name = field.file_name().unwrap_or("upload.txt").to_string();
                let bytes = field.bytes().await.map_err(|e| WebError::bad(format!("上传失败：{e}")))?;
                file = Some((name, bytes.to_vec()));
            }
            _ => {}
        }
    }
    user.check_csrf(&csrf)?;
    user.require(Action::ImportDocument)?;
    let (name, bytes) = file.ok_or_else(|| WebError::bad("请选择要导入的文件"))?;
    let parsed = parse_upload(name, bytes, year).await?;
    let source = parsed.extraction.document.source.clone();
    let view = preview_view(&parsed, &source);
    let view = PreviewView { pending: park(&state, &user, parsed), ..view };
    Ok(Html(render(&PreviewPage { chrome: Chrome::new(&user, "/import"), view })?).into_response())
}

/// The user's correction of one previewed task.
#[derive(Debug, Clone, Default)]
pub struct TaskCorrection {
    pub keep: bool,
    pub title: Option<String>,
    pub units: Option<Vec<String>>,
}

/// Corrections from the preview form.
pub struct Corrections {
    pub title: Option<String>,
    /// By task index.
    pub tasks: HashMap<usize, TaskCorrection>,
}

/// Apply corrections to an extraction: drop unticked tasks, rename, reassign units.
pub fn apply(mut extraction: Extraction, corrections: &Corrections, drop_unlisted: bool) -> Extraction {
    if let Some(title) = corrections.title.as_ref().map(|t| t.trim()).filter(|t| !t.is_empty()) {
        extraction.document.title = Some(title.to_string());
    }
    let tasks = std::mem::take(&mut extraction.tasks);
    extraction.tasks = tasks
        .into_iter()
        .enumerate()
        .filter_map(|(i, mut task)| {
            let Some(TaskCorrection { keep, title, units }) = corrections.tasks.get(&i) else {
                return (!drop_unlisted).then_some(task);
            };
            if !keep {
                return None;
            }
            if let Some(title) = title.as_ref().map(|t| t.trim()).filter(|t| !t.is_empty()) {
                task.title = title.to_string();
            }
            if let Some(units) = units {
                task.units = units.clone();
            }
            Some(task)
        })
        .collect();
    extraction
}

/// Split a units field on 、，,; and whitespace.
pub fn split_units(text: &str) -> Vec<String> {
    text.split(['、', '，', ',', ';', '；', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// Save a parked import through the ingest hook; returns the document id.
pub async fn save(state: &AppState, user: &CurrentUser, key: &str, corrections: &Corrections, drop_unlisted: bool) -> Result<i64, WebError> {
    let pending = state.pending_imports.lock().expect("pending imports lock").remove(key);
    let Some(pending) = pending.filter(|p| p.user_id == user.id && p.created.elapsed() < PENDING_IMPORT_TTL) else {
        return Err(WebError::bad("预览已过期，请重新上传"));
    };
    let ingest = state.ingest.clone().ok_or_else(|| WebError::Internal(anyhow::anyhow!("no ingest path configured")))?;
    let extraction = apply(pending.extraction, corrections, drop_unlisted);
    if extraction.tasks.is_empty() {
        return Err(WebError::bad("没有要导入的任务"));
    }
    let request = IngestRequest { actor: user.actor().to_string(), text: pending.text, extraction };
    let id = ingest(state.store.clone(), request).await.map_err(|e| WebError::bad(format!("导入失败：{e:#}")))?;
    state.invalidate().await;
    Ok(id)
}

pub async fn save_submit(
    State(state): State<Arc<AppState>>,
    PageUser(user): PageUser,
    Form(form): Form<HashMap<String, String>>,
) -> PageResult<Response> {
    user.check_csrf(form.get("csrf").map(String::as_str).unwrap_or(""))?;
    user.require(Action::ImportDocument)?;
    let mut tasks: HashMap<usize, TaskCorrection> = HashMap::new();
    for (key, value) in &form {
        let Some((field, index)) = key.rsplit_once('_') else { continue };
        let Ok(index) = index.parse::<usize>() else { continue };
        let entry = tasks.entry(index).or_default();
        match field {
            "keep" => entry.keep = true,
            "title" => entry.title = Some(value.clone()),
            "units" => entry.units = Some(split_units(value)),
            _ => {}
        }
    }
    let corrections = Corrections { title: form.get("doc_title").cloned(), tasks };
    let key = form.get("pending").cloned().unwrap_or_default();
    let id = save(&state, &user, &key, &corrections, true).await?;
    Ok(Redirect::to(&format!("/tasks?doc={id}")).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_split_on_chinese_and_ascii_separators() {
        assert_eq!(split_units("市财政局、市教育局，市商务局; "), vec!["市财政局", "市教育局", "市商务局"]);
    }
}
