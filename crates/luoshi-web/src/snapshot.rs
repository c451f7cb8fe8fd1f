//! The judged ledger in memory: every active task with its units, status,
//! light and 双过半 result, from the store's status table.
//!
//! Why: the dashboard and the ledger list judge every task; doing that per
//! request over 100k tasks would take seconds. The snapshot is rebuilt at
//! once after this server writes and when the date changes, and in the
//! background when the database changed otherwise (the CLI): see
//! `AppState::snapshot`.
//! Filters, sorting and paging run over this vector; a unit reporter's
//! rows are filtered by unit here, before anything else sees them.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use luoshi_ledger::{Light, ReportingCycle, Status};
use luoshi_store::{Store, TaskFilter};

/// One document (文件) in the ledger.
#[derive(Debug, Clone)]
pub struct DocumentInfo {
    pub id: i64,
    pub title: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub cycle: Option<ReportingCycle>,
}

/// One judged task.
#[derive(Debug, Clone)]
pub struct TaskRow {
    pub id: i64,
    pub document_id: i64,
    pub section: String,
    pub title: String,
    /// Lead unit (牵头) first, then co-units.
    pub unit_ids: Vec<i64>,
    pub unit_names: Vec<String>,
    /// The deadline the status is judged against (task's, else document's).
    pub effective_deadline: NaiveDate,
    pub status: Status,
    pub light: Light,
    pub last_report: Option<NaiveDate>,
    pub target_count: usize,
    /// Targets judged for 双过半 and how many passed.
    pub half_judged: usize,
    pub half_passed: usize,
    /// Lower-cased title, units and metrics, for search.
    pub haystack: String,
}

impl TaskRow {
    pub fn lead_unit(&self) -> Option<i64> {
        self.unit_ids.first().copied()
    }

    pub fn lead_name(&self) -> &str {
        self.unit_names.first().map(String::as_str).unwrap_or("")
    }

    pub fn co_unit_names(&self) -> String {
        self.unit_names.iter().skip(1).cloned().collect::<Vec<_>>().join("、")
    }

    pub fn involves_unit(&self, unit: i64) -> bool {
        self.unit_ids.contains(&unit)
    }
}

/// The whole judged ledger at one moment.
#[derive(Debug, Default)]
pub struct Snapshot {
    pub today: Option<NaiveDate>,
    /// Sorted by id.
    pub tasks: Vec<TaskRow>,
    pub documents: Vec<DocumentInfo>,
    pub unit_names: HashMap<i64, String>,
    pub target_total: usize,
    /// Target id → task id.
    pub target_tasks: HashMap<i64, i64>,
    /// Unit id → how many tasks name it (lead or co-unit).
    pub unit_task_counts: HashMap<i64, usize>,
    /// The ledger's other sort orders, computed once per snapshot so that a
    /// sorted list is one filtered pass that keeps one page (no per-request
    /// collect-and-sort of 100k rows).
    pub orders: SortOrders,
    /// Every task's search text in one buffer, for the ledger's search box.
    pub search: SearchIndex,
    /// Dashboards computed from this snapshot, by viewer scope: the
    /// snapshot never changes, so neither do they.
    pub dashboards: std::sync::Mutex<HashMap<Option<i64>, std::sync::Arc<crate::summary::CachedDashboard>>>,
}

/// Positions in [`Snapshot::tasks`], each vector a whole ledger in one order.
#[derive(Debug, Default)]
pub struct SortOrders {
    /// 完成时限 first to last, then id.
    pub by_deadline: Vec<u32>,
    /// Worst status first, then worst light, then id.
    pub by_status: Vec<u32>,
    /// Lead unit's name, then id.
    pub by_unit: Vec<u32>,
}

impl SortOrders {
    pub fn of(tasks: &[TaskRow]) -> Self {
        let order = |cmp: &dyn Fn(&TaskRow, &TaskRow) -> std::cmp::Ordering| {
            let mut positions: Vec<u32> = (0..tasks.len() as u32).collect();
            positions.sort_by(|&a, &b| cmp(&tasks[a as usize], &tasks[b as usize]));
            positions
        };
        SortOrders {
            by_deadline: order(&|a, b| (a.effective_deadline, a.id).cmp(&(b.effective_deadline, b.id))),
            by_status: order(&|a, b| b.status.cmp(&a.status).then(b.light.cmp(&a.light)).then(a.id.cmp(&b.id))),
            by_unit: order(&|a, b| a.lead_name().cmp(b.lead_name()).then(a.id.cmp(&b.id))),
        }
    }

    /// The order for a ledger sort key; `None` for id order (the tasks' own).
    pub fn for_key(&self, key: &str) -> Option<&[u32]> {
        match key {
            "deadline" => Some(&self.by_deadline),
            "status" => Some(&self.by_status),
            "unit" => Some(&self.by_unit),
            _ => None,
        }
    }
}

/// The tasks' haystacks (lower-cased title, units, metrics) joined into one
/// buffer, with the tasks holding each pair of adjacent characters (bigram).
/// A search of two or more characters checks only the tasks of its rarest
/// bigram; a one-character search is one SIMD substring scan (memchr's
/// memmem) over the buffer. Either beats 100k separate `contains` calls.
#[derive(Debug, Default)]
pub struct SearchIndex {
    /// Haystacks in task position order, each followed by a NUL.
    text: String,
    /// Byte offset where each task's haystack starts.
    starts: Vec<usize>,
    /// Bigram → positions of the tasks whose haystack holds it, ascending.
    bigrams: HashMap<(char, char), Vec<u32>>,
}

impl SearchIndex {
    pub fn of(tasks: &[TaskRow]) -> Self {
        let mut index = SearchIndex { text: String::with_capacity(tasks.iter().map(|t| t.haystack.len() + 1).sum()), starts: Vec::with_capacity(tasks.len()), bigrams: HashMap::new() };
        for (position, task) in tasks.iter().enumerate() {
            index.starts.push(index.text.len());
            index.text.push_str(&task.haystack);
            index.text.push('\0');
            let mut chars = task.haystack.chars();
            let Some(mut previous) = chars.next() else { continue };
            for next in chars {
                let holders = index.bigrams.entry((previous, next)).or_default();
                if holders.last() != Some(&(position as u32)) {
                    holders.push(position as u32);
                }
                previous = next;
            }
        }
        index
    }

    /// The haystack of the task at `position`.
    fn haystack(&self, position: usize) -> &str {
        let end = self.starts.get(position + 1).map_or(self.text.len(), |&next| next) - 1;
        &self.text[self.starts[position]..end]
    }

    /// For each task position, whether its haystack contains `needle`
    /// (already lower-cased). A needle with a NUL matches nothing.
    pub fn hits(&self, needle: &str) -> Vec<bool> {
        let mut hits = vec![false; self.starts.len()];
        if needle.contains('\0') {
            return hits;
        }
        let chars: Vec<char> = needle.chars().collect();
        if chars.len() >= 2 {
            // Every bigram of the needle must be in the task: check the
            // holders of the rarest one (none holding one: no task matches).
            let mut rarest: Option<&Vec<u32>> = None;
            for pair in chars.windows(2) {
                let Some(holders) = self.bigrams.get(&(pair[0], pair[1])) else { return hits };
                if rarest.is_none_or(|r| holders.len() < r.len()) {
                    rarest = Some(holders);
                }
            }
            for &position in rarest.into_iter().flatten() {
                let position = position as usize;
                hits[position] = self.haystack(position).contains(needle);
            }
            return hits;
        }
        let finder = memchr::memmem::Finder::new(needle.as_bytes());
        let bytes = self.text.as_bytes();
        let mut from = 0;
        while let Some(found) = finder.find(&bytes[from..]) {
            let at = from + found;
            // The task holding this byte; then go on from the next task (one hit each).
            let position = self.starts.partition_point(|&start| start <= at) - 1;
            hits[position] = true;
            match self.starts.get(position + 1) {
                Some(&next) => from = next,
                None => break,
            }
        }
        hits
    }
}

impl Snapshot {
    pub fn task(&self, id: i64) -> Option<&TaskRow> {
        self.tasks.binary_search_by_key(&id, |t| t.id).ok().map(|i| &self.tasks[i])
    }

    pub fn document(&self, id: i64) -> Option<&DocumentInfo> {
        self.documents.iter().find(|d| d.id == id)
    }

    /// How many tasks a viewer limited to `scope` may see.
    pub fn visible_count(&self, scope: Option<i64>) -> usize {
        match scope {
            None => self.tasks.len(),
            Some(unit) => self.unit_task_counts.get(&unit).copied().unwrap_or(0),
        }
    }

    /// The tasks a viewer limited to `scope` (a unit) may see.
    pub fn visible<'a>(&'a self, scope: Option<i64>) -> impl Iterator<Item = &'a TaskRow> + 'a {
        self.tasks.iter().filter(move |t| scope.is_none_or(|u| t.involves_unit(u)))
    }

    /// Positions in `tasks` of what `scope` may see, in the order of a ledger sort key.
    pub fn positions<'a>(&'a self, scope: Option<i64>, key: &str) -> Box<dyn Iterator<Item = usize> + 'a> {
        let visible = move |&i: &usize| scope.is_none_or(|u| self.tasks[i].involves_unit(u));
        match self.orders.for_key(key) {
            None => Box::new((0..self.tasks.len()).filter(visible)),
            Some(order) => Box::new(order.iter().map(|&i| i as usize).filter(visible)),
        }
    }

    /// The same, in the order of a ledger sort key (`id`, `deadline`, `status`, `unit`).
    pub fn visible_sorted<'a>(&'a self, scope: Option<i64>, key: &str) -> Box<dyn Iterator<Item = &'a TaskRow> + 'a> {
        match self.orders.for_key(key) {
            None => Box::new(self.visible(scope)),
            Some(order) => Box::new(
                order.iter().map(move |&i| &self.tasks[i as usize]).filter(move |t| scope.is_none_or(|u| t.involves_unit(u))),
            ),
        }
    }
}

/// Parse a stored date: `2025-06-30`, or `--06-30` (year unknown: the plan year).
pub fn parse_stored_date(text: &str, year: i32) -> Option<NaiveDate> {
    if let Some(rest) = text.strip_prefix("--") {
        let (m, d) = rest.split_once('-')?;
        return NaiveDate::from_ymd_opt(year, m.parse().ok()?, d.parse().ok()?);
    }
    NaiveDate::parse_from_str(text.get(..10).unwrap_or(text), "%Y-%m-%d").ok()
}

/// Build the snapshot from the store's status table as of `today` (the
/// one judging path the reports use too).
pub async fn build(store: &Store, today: NaiveDate) -> anyhow::Result<Snapshot> {
    let table = store.status(&TaskFilter::default(), today).await?;
    let units = store.units().await?;
    let mut unit_ids: HashMap<String, i64> = HashMap::new();
    for unit in &units {
        unit_ids.insert(unit.name.clone(), unit.id);
        for alias in &unit.aliases {
            unit_ids.entry(alias.clone()).or_insert(unit.id);
        }
    }
    let unit_names: HashMap<i64, String> = units.iter().map(|u| (u.id, u.name.clone())).collect();
    let documents: Vec<DocumentInfo> = store
        .documents()
        .await?
        .into_iter()
        .filter(|d| !d.superseded)
        .map(|d| {
            let year = d.year.unwrap_or(today.year());
            DocumentInfo {
                id: d.id,
                start: d
                    .plan_start
                    .as_deref()
                    .and_then(|s| parse_stored_date(s, year))
                    .unwrap_or_else(|| NaiveDate::from_ymd_opt(year, 1, 1).expect("Jan 1")),
                end: d
                    .period_end
                    .as_deref()
                    .and_then(|s| parse_stored_date(s, year))
                    .unwrap_or_else(|| NaiveDate::from_ymd_opt(year, 12, 31).expect("Dec 31")),
                title: d.title.filter(|t| !t.trim().is_empty()).unwrap_or(d.source),
                cycle: Some(d.reporting_cycle),
            }
        })
        .collect();
    let mut target_tasks = HashMap::new();
    let mut target_total = 0;
    let mut tasks: Vec<TaskRow> = table
        .tasks
        .into_iter()
        .map(|t| {
            target_total += t.targets.len();
            for target in &t.targets {
                target_tasks.insert(target.id, t.id);
            }
            let (half_judged, half_passed) = if today >= t.double_half.checkpoint && !t.targets.is_empty() {
                (t.targets.len(), t.targets.len() - t.double_half.failing_targets.len())
            } else {
                (0, 0)
            };
            let mut haystack = t.title.to_lowercase();
            for name in &t.units {
                haystack.push('\u{1}');
                haystack.push_str(name);
            }
            for target in &t.targets {
                haystack.push('\u{1}');
                haystack.push_str(&target.metric.to_lowercase());
            }
            TaskRow {
                id: t.id,
                document_id: t.document_id,
                section: t.section_path.join(" / "),
                unit_ids: t.units.iter().map(|n| unit_ids.get(n).copied().unwrap_or(-1)).collect(),
                unit_names: t.units,
                title: t.title,
                effective_deadline: t.deadline,
                status: t.status,
                light: t.light,
                last_report: t.last_report,
                target_count: t.targets.len(),
                half_judged,
                half_passed,
                haystack,
            }
        })
        .collect();
    tasks.sort_by_key(|t| t.id);
    let mut unit_task_counts: HashMap<i64, usize> = HashMap::new();
    for task in &tasks {
        let mut seen: Vec<i64> = task.unit_ids.clone();
        seen.sort_unstable();
        seen.dedup();
        for unit in seen {
            *unit_task_counts.entry(unit).or_default() += 1;
        }
    }
    let orders = SortOrders::of(&tasks);
    let search = SearchIndex::of(&tasks);
    Ok(Snapshot {
        today: Some(today),
        orders,
        search,
        tasks,
        documents,
        unit_names,
        target_total,
        target_tasks,
        unit_task_counts,
        dashboards: Default::default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_dates_with_and_without_year() {
        assert_eq!(parse_stored_date("2025-06-30", 2024), NaiveDate::from_ymd_opt(2025, 6, 30));
        assert_eq!(parse_stored_date("--06-30", 2024), NaiveDate::from_ymd_opt(2024, 6, 30));
        assert_eq!(parse_stored_date("2025-06-30T00:00:00Z", 2024), NaiveDate::from_ymd_opt(2025, 6, 30));
        assert_eq!(parse_stored_date("六月", 2024), None);
    }
}
