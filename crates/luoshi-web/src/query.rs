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
    // The search first: one scan of the snapshot's joined search text.
    let hits = needle.as_deref().map(|n| snapshot.search.hits(n));
    let matches = |&position: &usize| {
        let t = &snapshot.tasks[position];
        hits.as_ref().is_none_or(|h| h[position])
            && doc.is_none_or(|d| t.document_id == d)
            && unit.is_none_or(|u| t.involves_unit(u))
            && status.is_none_or(|s| t.status == s)
            && due.is_none_or(|d| t.effective_deadline <= d)
            && section.is_none_or(|s| t.section.contains(s))
    };
    let per_page = query.per_page();
    let unfiltered = doc.is_none() && unit.is_none() && status.is_none() && due.is_none() && section.is_none() && needle.is_none();
    // Every sort order is precomputed in the snapshot: without filters the
    // count is known and only the rows up to the page are touched; with
    // filters one pass counts every match and keeps the page's rows.
    let key = query.sort_key();
    let wanted = query.page();
    let first = (wanted - 1) * per_page;
    let row = |position: usize| &snapshot.tasks[position];
    let (total, mut rows) = if unfiltered {
        let total = snapshot.visible_count(scope);
        (total, snapshot.positions(scope, key).skip(first).take(per_page).map(row).collect::<Vec<_>>())
    } else {
        let mut rows = Vec::with_capacity(per_page);
        let mut total = 0;
        for position in snapshot.positions(scope, key).filter(matches) {
            if total >= first && rows.len() < per_page {
                rows.push(row(position));
            }
            total += 1;
        }
        (total, rows)
    };
    let pages = total.div_ceil(per_page).max(1);
    let page = wanted.min(pages);
    if page != wanted {
        // Asked past the end: show the last page.
        rows = snapshot.positions(scope, key).filter(matches).skip((page - 1) * per_page).take(per_page).map(row).collect();
    }
    LedgerPage { rows, total, page, pages }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::snapshot::SortOrders;
    use luoshi_ledger::Light;

    const STATUSES: [Status; 6] = [Status::Done, Status::Ahead, Status::OnTrack, Status::Behind, Status::NotReported, Status::Overdue];

    /// 300 tasks with deadlines, statuses and lead units in scrambled orders.
    fn snapshot() -> Snapshot {
        let tasks: Vec<TaskRow> = (1..=300i64)
            .map(|id| TaskRow {
                id,
                document_id: 1 + id % 2,
                section: String::new(),
                title: format!("任务{id}"),
                unit_ids: vec![id * 7 % 5, 9],
                unit_names: vec![format!("单位{}", id * 7 % 5), "协办".into()],
                effective_deadline: NaiveDate::from_ymd_opt(2025, 1 + (id * 11 % 12) as u32, 1).unwrap(),
                status: STATUSES[(id * 13 % 6) as usize],
                light: [Light::Green, Light::Yellow, Light::Red][(id % 3) as usize],
                last_report: None,
                target_count: 0,
                half_judged: 0,
                half_passed: 0,
                haystack: format!("任务{id}\u{1}单位{}\u{1}协办", id * 7 % 5),
            })
            .collect();
        let mut unit_task_counts = std::collections::HashMap::new();
        for t in &tasks {
            for u in &t.unit_ids {
                *unit_task_counts.entry(*u).or_insert(0) += 1;
            }
        }
        Snapshot { orders: SortOrders::of(&tasks), search: crate::snapshot::SearchIndex::of(&tasks), tasks, unit_task_counts, ..Default::default() }
    }

    #[test]
    fn a_sorted_order_is_not_id_order() {
        let snapshot = snapshot();
        let ids = |key: &str| snapshot.visible_sorted(None, key).map(|t| t.id).take(10).collect::<Vec<_>>();
        assert_ne!(ids("deadline"), ids("id"), "the fixture exercises the orders");
        assert_ne!(ids("status"), ids("id"));
    }

    /// The same query answered the slow, obvious way: filter, sort, cut.
    fn naive(snapshot: &Snapshot, scope: Option<i64>, query: &LedgerQuery) -> (usize, Vec<i64>) {
        let mut rows: Vec<&TaskRow> = snapshot
            .visible(scope)
            .filter(|t| query.doc_id().is_none_or(|d| t.document_id == d))
            .filter(|t| query.status_filter().is_none_or(|s| t.status == s))
            .filter(|t| non_empty(&query.q).is_none_or(|q| t.haystack.contains(&q.to_lowercase())))
            .collect();
        match query.sort_key() {
            "deadline" => rows.sort_by_key(|t| (t.effective_deadline, t.id)),
            "status" => rows.sort_by(|a, b| b.status.cmp(&a.status).then(b.light.cmp(&a.light)).then(a.id.cmp(&b.id))),
            "unit" => rows.sort_by(|a, b| a.lead_name().cmp(b.lead_name()).then(a.id.cmp(&b.id))),
            _ => {}
        }
        let pages = rows.len().div_ceil(query.per_page()).max(1);
        let page = query.page().min(pages);
        (rows.len(), rows.iter().skip((page - 1) * query.per_page()).take(query.per_page()).map(|t| t.id).collect())
    }

    #[test]
    fn precomputed_orders_page_like_a_full_sort() {
        let snapshot = snapshot();
        for sort in ["id", "deadline", "status", "unit"] {
            for (doc, status, q) in [(None, None, None), (Some("2"), None, None), (None, Some("behind"), None), (Some("1"), None, Some("任务1")), (None, None, Some("协办")), (None, None, Some("务2\u{1}单")), (None, None, Some("3")), (None, None, Some("任务")), (None, None, Some("无此"))] {
                for (scope, page) in [(None, 1), (None, 3), (Some(3), 2), (None, 99)] {
                    let query = LedgerQuery {
                        doc: doc.map(String::from),
                        status: status.map(String::from),
                        q: q.map(String::from),
                        sort: Some(sort.into()),
                        page: Some(page),
                        per_page: Some(20),
                        ..Default::default()
                    };
                    let got = run(&snapshot, scope, &query);
                    let ids: Vec<i64> = got.rows.iter().map(|t| t.id).collect();
                    let label = format!("sort={sort} doc={doc:?} status={status:?} q={q:?} scope={scope:?} page={page}");
                    let (total, want) = naive(&snapshot, scope, &query);
                    assert_eq!((got.total, ids), (total, want), "{label}");
                }
            }
        }
    }
}
