//! Filtering, searching, sorting and paging the ledger (任务台账), shared by
//! the page and `GET /api/v1/tasks`. The viewer's unit scope is applied
//! first, so a unit reporter's list never holds another unit's task.

use chrono::NaiveDate;
use luoshi_ledger::Status;
use serde::Deserialize;
use utoipa::IntoParams;

use crate::snapshot::{Snapshot, TaskRow};

/// The ledger's query string. Empty values mean "any".
#[derive(Debug, Default, Clone, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LedgerQuery {
    /// Document id.
    pub doc: Option<String>,
    /// Text contained in the section path (章节).
    pub section: Option<String>,
    /// Unit id (lead or co-unit).
    pub unit: Option<String>,
    /// `done`, `ahead`, `on_track`, `behind`, `not_reported`, `overdue` or the Chinese label.
    pub status: Option<String>,
    /// Deadline on or before this date (YYYY-MM-DD).
    pub due: Option<String>,
    /// Search in titles, unit names and metrics.
    pub q: Option<String>,
    /// `id` (default), `deadline`, `status` (worst first), `unit`.
    pub sort: Option<String>,
    /// 1-based page.
    pub page: Option<usize>,
    /// Rows per page (at most 500; default 50).
    pub per_page: Option<usize>,
}

/// Sort keys offered in the ledger, as (value, label).
pub const SORTS: [(&str, &str); 4] =
    [("id", "按编号"), ("deadline", "按完成时限"), ("status", "按状态（问题在前）"), ("unit", "按牵头单位")];

fn non_empty(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

impl LedgerQuery {
    pub fn doc_id(&self) -> Option<i64> {
        non_empty(&self.doc).and_then(|v| v.parse().ok())
    }
    pub fn unit_id(&self) -> Option<i64> {
        non_empty(&self.unit).and_then(|v| v.parse().ok())
    }
    pub fn status_filter(&self) -> Option<Status> {
        non_empty(&self.status).and_then(Status::from_label)
    }
    pub fn due_date(&self) -> Option<NaiveDate> {
        non_empty(&self.due).and_then(|v| NaiveDate::parse_from_str(v, "%Y-%m-%d").ok())
    }
    pub fn sort_key(&self) -> &str {
        non_empty(&self.sort).filter(|s| SORTS.iter().any(|(k, _)| k == s)).unwrap_or("id")
    }
    pub fn per_page(&self) -> usize {
        self.per_page.unwrap_or(50).clamp(1, 500)
    }
    pub fn page(&self) -> usize {
        self.page.unwrap_or(1).max(1)
    }

    /// The query string for the same filters on another page.
    pub fn href_for_page(&self, page: usize) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        for (key, value) in [
            ("doc", &self.doc),
            ("section", &self.section),
            ("unit", &self.unit),
            ("status", &self.status),
            ("due", &self.due),
            ("q", &self.q),
            ("sort", &self.sort),
        ] {
            if let Some(v) = non_empty(value) {
                pairs.push((key, v.to_string()));
            }
        }
        pairs.push(("page", page.to_string()));
        let query: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={}", crate::pages::url_encode(v))).collect();
        format!("/tasks?{}", query.join("&"))
    }
}

/// One page of matching tasks and the total count.
pub struct LedgerPage<'a> {
    pub rows: Vec<&'a TaskRow>,
    pub total: usize,
    pub page: usize,
    pub pages: usize,
}

/// Apply the query to the tasks visible in `scope`.
pub fn run<'a>(snapshot: &'a Snapshot, scope: Option<i64>, query: &LedgerQuery) -> LedgerPage<'a> {
    let doc = query.doc_id();
    let unit = query.unit_id();
    let status = query.status_filter();
    let due = query.due_date();
    let section = non_empty(&query.section);
    let needle = non_empty(&query.q).map(str::to_lowercase);
    let matches = |t: &&TaskRow| {
        doc.is_none_or(|d| t.document_id == d)
            && unit.is_none_or(|u| t.involves_unit(u))
            && status.is_none_or(|s| t.status == s)
            && due.is_none_or(|d| t.effective_deadline <= d)
            && section.is_none_or(|s| t.section.contains(s))
            && needle.as_deref().is_none_or(|n| t.haystack.contains(n))
    };
    let per_page = query.per_page();
    let unfiltered = doc.is_none() && unit.is_none() && status.is_none() && due.is_none() && section.is_none() && needle.is_none();
    if query.sort_key() == "id" {
        // The snapshot is in id order already. Without filters the count is
        // known and only the rows up to the page are touched; with filters
        // one pass counts every match and keeps the page's rows.
        let wanted = query.page();
        let first = (wanted - 1) * per_page;
        let (total, mut rows) = if unfiltered {
            let total = snapshot.visible_count(scope);
            (total, snapshot.visible(scope).skip(first).take(per_page).collect::<Vec<_>>())
        } else {
            let mut rows = Vec::with_capacity(per_page);
            let mut total = 0;
            for task in snapshot.visible(scope).filter(matches) {
                if total >= first && rows.len() < per_page {
                    rows.push(task);
                }
                total += 1;
            }
            (total, rows)
        };
        let pages = total.div_ceil(per_page).max(1);
        let page = wanted.min(pages);
        if page != wanted {
            // Asked past the end: show the last page.
            rows = snapshot.visible(scope).filter(matches).skip((page - 1) * per_page).take(per_page).collect();
        }
        return LedgerPage { rows, total, page, pages };
    }
    let mut rows: Vec<&TaskRow> = snapshot.visible(scope).filter(matches).collect();
    match query.sort_key() {
        "deadline" => rows.sort_by_key(|t| (t.effective_deadline, t.id)),
        "status" => rows.sort_by(|a, b| b.status.cmp(&a.status).then(b.light.cmp(&a.light)).then(a.id.cmp(&b.id))),
        "unit" => rows.sort_by(|a, b| a.lead_name().cmp(b.lead_name()).then(a.id.cmp(&b.id))),
        _ => {}
    }
    let total = rows.len();
    let pages = total.div_ceil(per_page).max(1);
    let page = query.page().min(pages);
    let rows = rows.into_iter().skip((page - 1) * per_page).take(per_page).collect();
    LedgerPage { rows, total, page, pages }
}
