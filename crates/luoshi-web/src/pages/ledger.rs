//! 任务台账: filter by document, section, unit, status and deadline; sort; search.

use std::sync::Arc;

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Html;
use luoshi_ledger::Status;

use crate::auth::PageUser;
use crate::chrome::Chrome;
use crate::error::PageResult;
use crate::pages::{Choice, date_or_dash, render};
use crate::query::{LedgerQuery, SORTS, run};
use crate::state::AppState;

pub struct LedgerLine {
    pub id: i64,
    pub title: String,
    pub document: String,
    pub section: String,
    pub lead: String,
    pub co_units: String,
    pub deadline: String,
    pub status: &'static str,
    pub light: &'static str,
    pub last_report: String,
}

pub struct FilterEcho {
    pub section: String,
    pub due: String,
    pub q: String,
}

pub struct LedgerView {
    pub own_unit: bool,
    pub total: usize,
    pub rows: Vec<LedgerLine>,
    pub docs: Vec<Choice>,
    pub units: Vec<Choice>,
    pub statuses: Vec<Choice>,
    pub sorts: Vec<Choice>,
    pub filter: FilterEcho,
    pub page: usize,
    pub pages: usize,
    pub prev: Option<String>,
    pub next: Option<String>,
}

#[derive(Template)]
#[template(path = "tasks.html")]
struct LedgerPage {
    chrome: Chrome,
    view: LedgerView,
}

pub async fn show(
    State(state): State<Arc<AppState>>,
    PageUser(user): PageUser,
    Query(query): Query<LedgerQuery>,
) -> PageResult<Html<String>> {
    let snapshot = state.snapshot().await?;
    let scope = user.unit_scope();
    let result = if user.sees_nothing() {
        crate::query::LedgerPage { rows: Vec::new(), total: 0, page: 1, pages: 1 }
    } else {
        run(&snapshot, scope, &query)
    };
    let (doc, unit, status, sort) = (query.doc_id(), query.unit_id(), query.status_filter(), query.sort_key());
    let mut units: Vec<(&i64, &String)> = snapshot.unit_names.iter().collect();
    units.sort_by(|a, b| a.1.cmp(b.1));
    let view = LedgerView {
        own_unit: user.role == luoshi_ledger::Role::Unit,
        total: result.total,
        rows: result
            .rows
            .iter()
            .map(|t| LedgerLine {
                id: t.id,
                title: t.title.clone(),
                document: snapshot.document(t.document_id).map(|d| d.title.clone()).unwrap_or_default(),
                section: t.section.clone(),
                lead: t.lead_name().to_string(),
                co_units: t.co_unit_names(),
                deadline: date_or_dash(Some(t.effective_deadline)),
                status: t.status.label(),
                light: t.light.name(),
                last_report: t.last_report.map(|d| d.to_string()).unwrap_or_else(|| "未报送".into()),
            })
            .collect(),
        docs: snapshot.documents.iter().map(|d| Choice::new(d.id, d.title.clone(), doc == Some(d.id))).collect(),
        units: units.into_iter().map(|(id, name)| Choice::new(id, name.clone(), unit == Some(*id))).collect(),
        statuses: Status::ALL.iter().map(|s| Choice::new(s.name(), s.label(), status == Some(*s))).collect(),
        sorts: SORTS.iter().map(|(k, l)| Choice::new(k, *l, *k == sort)).collect(),
        filter: FilterEcho {
            section: query.section.clone().unwrap_or_default(),
            due: query.due.clone().unwrap_or_default(),
            q: query.q.clone().unwrap_or_default(),
        },
        page: result.page,
        pages: result.pages,
        prev: (result.page > 1).then(|| query.href_for_page(result.page - 1)),
        next: (result.page < result.pages).then(|| query.href_for_page(result.page + 1)),
    };
    Ok(Html(render(&LedgerPage { chrome: Chrome::new(&user, "/tasks"), view })?))
}
