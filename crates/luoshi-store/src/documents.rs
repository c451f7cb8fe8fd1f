//! 文件: ingesting a document's drafts and listing what is stored.
//!
//! An ingest is one transaction: a process killed half-way leaves nothing
//! behind, and running it again does the whole work. The same text twice
//! (same content hash) changes nothing. A revised text of a stored document
//! (same title and plan year, or same source file name when untitled)
//! becomes its next version: `luoshi_ledger::match_tasks` pairs its tasks with
//! the stored ones, which keep their ids (and so their progress history).

use crate::Store;
use crate::error::{Result, StoreError};
use crate::ledger::{TaskFilter, load_tasks};
use crate::time::iso;
use crate::units::resolve_or_create;
use crate::write::{NOTHING, Param, WriteTx};
use luoshi_ledger::{DocumentDraft, ReportingCycle, TargetDraft, TaskDiff, TaskDraft, match_tasks};
use serde::Serialize;
use sqlx::Row;
use sqlx::any::AnyRow;

/// A stored document version, as listed (without its text).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document {
    pub id: i64,
    /// Shared by all versions of one document: the id of its version 1.
    pub lineage_id: i64,
    pub version: i64,
    /// The version this one replaced.
    pub supersedes: Option<i64>,
    pub title: Option<String>,
    pub source: String,
    pub issuer: Option<String>,
    pub doc_number: Option<String>,
    pub year: Option<i32>,
    /// 计划起始, when set (else Jan 1 of the plan year).
    pub plan_start: Option<String>,
    pub period_end: Option<String>,
    pub reporting_cycle: ReportingCycle,
    pub content_hash: String,
    pub ingested_at: String,
    pub ingested_by: String,
    /// Whether a newer version exists.
    pub superseded: bool,
    /// Active tasks of this version.
    pub task_count: i64,
}

/// Facts about a document that the draft does not carry.
#[derive(Debug, Clone, Default)]
pub struct IngestOptions {
    /// 发文机关
    pub issuer: Option<String>,
    /// 文号
    pub doc_number: Option<String>,
    /// 报送周期 for a new document (default: the `default_cycle` setting, else monthly).
    pub reporting_cycle: Option<ReportingCycle>,
}

/// What an ingest did.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum IngestOutcome {
    /// The same text is already stored: nothing changed.
    Unchanged { document_id: i64 },
    /// A document seen for the first time.
    Created { document_id: i64, tasks: usize, targets: usize },
    /// A revised text of a stored document.
    NewVersion { document_id: i64, version: i64, supersedes: i64, diff: TaskDiff },
}

impl IngestOutcome {
    pub fn document_id(&self) -> i64 {
        match self {
            IngestOutcome::Unchanged { document_id }
            | IngestOutcome::Created { document_id, .. }
            | IngestOutcome::NewVersion { document_id, .. } => *document_id,
        }
    }
}

const DOCUMENT_COLUMNS: &str = "d.id, d.lineage_id, d.version, d.supersedes, d.title, d.source, d.issuer, d.doc_number, \
     d.plan_year, d.plan_start, d.period_end, d.reporting_cycle, d.content_hash, d.ingested_at, d.ingested_by, \
     (SELECT COUNT(*) FROM documents n WHERE n.supersedes = d.id) AS newer, \
     (SELECT COUNT(*) FROM tasks t WHERE t.document_id = d.id AND t.active = 1) AS task_count";

fn document_from_row(row: &AnyRow) -> Result<Document> {
    let cycle: String = row.try_get("reporting_cycle")?;
    Ok(Document {
        id: row.try_get("id")?,
        lineage_id: row.try_get("lineage_id")?,
        version: row.try_get("version")?,
        supersedes: row.try_get("supersedes")?,
        title: row.try_get("title")?,
        source: row.try_get("source")?,
        issuer: row.try_get("issuer")?,
        doc_number: row.try_get("doc_number")?,
        year: row.try_get::<Option<i64>, _>("plan_year")?.map(|y| y as i32),
        plan_start: row.try_get("plan_start")?,
        period_end: row.try_get("period_end")?,
        reporting_cycle: ReportingCycle::from_label(&cycle)
            .ok_or(StoreError::Corrupt { what: "reporting cycle", value: cycle })?,
        content_hash: row.try_get("content_hash")?,
        ingested_at: row.try_get("ingested_at")?,
        ingested_by: row.try_get("ingested_by")?,
        superseded: row.try_get::<i64, _>("newer")? > 0,
        task_count: row.try_get("task_count")?,
    })
}

impl Store {
    /// Every stored document version, oldest first.
    pub async fn documents(&self) -> Result<Vec<Document>> {
        let sql = format!("SELECT {DOCUMENT_COLUMNS} FROM documents d ORDER BY d.id");
        sqlx::query(&sql).fetch_all(&self.pool).await?.iter().map(document_from_row).collect()
    }

    pub async fn document(&self, id: i64) -> Result<Option<Document>> {
        let sql = format!("SELECT {DOCUMENT_COLUMNS} FROM documents d WHERE d.id = $1");
        sqlx::query(&sql).bind(id).fetch_optional(&self.pool).await?.as_ref().map(document_from_row).transpose()
    }

    /// The full text a document version's spans point into.
    pub async fn document_text(&self, id: i64) -> Result<String> {
        let text: Option<String> =
            sqlx::query_scalar("SELECT body FROM documents WHERE id = $1").bind(id).fetch_optional(&self.pool).await?;
        text.ok_or_else(|| StoreError::not_found("document", id))
    }

    /// Stores a document, or its next version, or nothing when the same text
    /// is already stored. One transaction.
    pub async fn ingest(&self, actor: &str, draft: &DocumentDraft, options: &IngestOptions) -> Result<IngestOutcome> {
        if draft.content_hash.trim().is_empty() {
            return Err(StoreError::invalid(format!("{}: the draft has no content hash", draft.source)));
        }
        let mut tx = WriteTx::begin(&self.pool, actor).await?;
        let existing: Option<i64> = sqlx::query_scalar("SELECT id FROM documents WHERE content_hash = $1")
            .bind(&draft.content_hash)
            .fetch_optional(&mut *tx.tx)
            .await?;
        if let Some(document_id) = existing {
            return Ok(IngestOutcome::Unchanged { document_id });
        }
        let previous = previous_version(&mut tx, draft).await?;
        let outcome = match previous {
            None => {
                let cycle = match options.reporting_cycle {
                    Some(cycle) => cycle,
                    None => self.default_cycle_in(&mut tx).await?,
                };
                let document_id = insert_document(&mut tx, draft, options, None, cycle).await?;
                let lineage_id = document_id;
                let new_tasks: Vec<(usize, &TaskDraft)> = draft.tasks.iter().enumerate().collect();
                insert_tasks(&mut tx, document_id, lineage_id, &new_tasks).await?;
                let targets = draft.tasks.iter().map(|t| t.targets.len()).sum();
                let after = serde_json::json!({ "title": draft.title, "source": draft.source, "tasks": draft.tasks.len(), "targets": targets });
                tx.audit("ingest", "document", Some(document_id), NOTHING, Some(&after)).await?;
                IngestOutcome::Created { document_id, tasks: draft.tasks.len(), targets }
            }
            Some(previous) => ingest_new_version(&mut tx, draft, options, previous).await?,
        };
        tx.commit().await?;
        Ok(outcome)
    }

    async fn default_cycle_in(&self, tx: &mut WriteTx) -> Result<ReportingCycle> {
        let value: Option<String> = sqlx::query_scalar("SELECT value FROM settings WHERE key = 'default_cycle'")
            .fetch_optional(&mut *tx.tx)
            .await?;
        Ok(value.and_then(|v| serde_json::from_str::<ReportingCycle>(&v).ok()).unwrap_or(ReportingCycle::Monthly))
    }
}

/// The stored version a draft revises: the newest version with the same title
/// and plan year, or, for an untitled draft, with the same source file name.
async fn previous_version(tx: &mut WriteTx, draft: &DocumentDraft) -> Result<Option<PreviousVersion>> {
    let title = draft.title.as_deref().map(str::trim).filter(|t| !t.is_empty());
    let row = match title {
        Some(title) => {
            sqlx::query(
                "SELECT id, lineage_id, version, reporting_cycle, plan_start FROM documents \
                 WHERE title = $1 AND COALESCE(plan_year, -1) = $2 ORDER BY version DESC LIMIT 1",
            )
            .bind(title)
            .bind(draft.year.map_or(-1, i64::from))
            .fetch_optional(&mut *tx.tx)
            .await?
        }
        None => {
            sqlx::query(
                "SELECT id, lineage_id, version, reporting_cycle, plan_start FROM documents \
                 WHERE title IS NULL AND source = $1 ORDER BY version DESC LIMIT 1",
            )
            .bind(&draft.source)
            .fetch_optional(&mut *tx.tx)
            .await?
        }
    };
    row.map(|row| {
        let cycle: String = row.try_get(3)?;
        Ok(PreviousVersion {
            id: row.try_get(0)?,
            lineage_id: row.try_get(1)?,
            version: row.try_get(2)?,
            cycle: ReportingCycle::from_label(&cycle)
                .ok_or(StoreError::Corrupt { what: "reporting cycle", value: cycle })?,
            plan_start: row.try_get(4)?,
        })
    })
    .transpose()
}

struct PreviousVersion {
    id: i64,
    lineage_id: i64,
    version: i64,
    cycle: ReportingCycle,
    plan_start: Option<String>,
}

async fn insert_document(
    tx: &mut WriteTx,
    draft: &DocumentDraft,
    options: &IngestOptions,
    previous: Option<&PreviousVersion>,
    cycle: ReportingCycle,
) -> Result<i64> {
    let id = tx.next_id("documents").await?;
    let (lineage_id, version, supersedes) = match previous {
        Some(p) => (p.lineage_id, p.version + 1, Some(p.id)),
        None => (id, 1, None),
    };
    let plan_start = previous.and_then(|p| p.plan_start.clone());
    let title = draft.title.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(str::to_string);
    let (now, actor) = (tx.now.clone(), tx.actor().to_string());
    tx.execute(
        "INSERT INTO documents (id, lineage_id, version, supersedes, title, source, issuer, doc_number, plan_year, \
           plan_start, period_end, reporting_cycle, content_hash, body, ingested_at, ingested_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)",
        vec![
            id.into(),
            lineage_id.into(),
            version.into(),
            supersedes.into(),
            title.into(),
            draft.source.clone().into(),
            options.issuer.clone().into(),
            options.doc_number.clone().into(),
            draft.year.map(i64::from).into(),
            plan_start.into(),
            draft.period_end.map(iso).into(),
            cycle.name().into(),
            draft.content_hash.clone().into(),
            draft.text.clone().into(),
            now.into(),
            actor.into(),
        ],
    )
    .await?;
    let mut sections = Vec::with_capacity(draft.sections.len());
    for (position, section) in draft.sections.iter().enumerate() {
        let section_id = tx.next_id("sections").await?;
        sections.push(vec![
            Param::from(section_id),
            id.into(),
            (position as i64).into(),
            (section.level as i64).into(),
            section.heading.clone().into(),
            (section.span.0 as i64).into(),
            (section.span.1 as i64).into(),
        ]);
    }
    tx.insert_rows(
        "sections",
        &["id", "document_id", "position", "level", "heading", "span_start", "span_end"],
        sections,
    )
    .await?;
    Ok(id)
}

const TASK_COLUMNS: [&str; 14] = [
    "id",
    "lineage_id",
    "document_id",
    "position",
    "section_path",
    "title",
    "body",
    "span_start",
    "span_end",
    "deadline",
    "source_key",
    "origin",
    "active",
    "created_at",
];

/// Columns of a `targets` row, in the order [`target_row`] fills them.
pub(crate) const TARGET_COLUMNS: [&str; 15] = [
    "id",
    "task_id",
    "position",
    "metric",
    "value",
    "unit",
    "cmp",
    "deadline",
    "yearly",
    "baseline",
    "plan_start",
    "span_start",
    "span_end",
    "source_text",
    "active",
];

/// One `targets` row for [`TARGET_COLUMNS`]. `span` is where the target stands in its
/// document; a target typed by a person on a hand-made task has none.
pub(crate) fn target_row(
    id: i64,
    task_id: i64,
    position: usize,
    target: &TargetDraft,
    span: Option<(usize, usize)>,
) -> Vec<Param> {
    vec![
        id.into(),
        task_id.into(),
        (position as i64).into(),
        target.metric.clone().into(),
        target.value.into(),
        target.unit.clone().into(),
        target.cmp.symbol().into(),
        target.deadline.map(iso).into(),
        target.yearly.into(),
        target.baseline.into(),
        Option::<String>::None.into(),
        span.map(|s| s.0 as i64).into(),
        span.map(|s| s.1 as i64).into(),
        target.text.clone().into(),
        true.into(),
    ]
}

/// Inserts new tasks (position, draft) with their targets and units, in bulk.
/// Returns the new task ids in the same order.
async fn insert_tasks(
    tx: &mut WriteTx,
    document_id: i64,
    lineage_id: i64,
    tasks: &[(usize, &TaskDraft)],
) -> Result<Vec<i64>> {
    let all_units: Vec<String> = tasks.iter().flat_map(|(_, t)| t.units.iter().cloned()).collect();
    let unit_ids = resolve_or_create(tx, &all_units).await?;
    let mut unit_ids = unit_ids.into_iter();
    let (mut task_rows, mut target_rows, mut unit_rows, mut ids) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for (position, task) in tasks {
        let task_id = tx.next_id("tasks").await?;
        ids.push(task_id);
        task_rows.push(vec![
            Param::from(task_id),
            lineage_id.into(),
            document_id.into(),
            (*position as i64).into(),
            serde_json::to_string(&task.section_path)?.into(),
            task.title.clone().into(),
            task.text.clone().into(),
            (task.span.0 as i64).into(),
            (task.span.1 as i64).into(),
            task.deadline.map(iso).into(),
            task.key.clone().into(),
            "extracted".into(),
            true.into(),
            tx.now.clone().into(),
        ]);
        for (i, target) in task.targets.iter().enumerate() {
            let target_id = tx.next_id("targets").await?;
            target_rows.push(target_row(target_id, task_id, i, target, Some(target.span)));
        }
        let task_unit_ids: Vec<i64> = unit_ids.by_ref().take(task.units.len()).collect();
        unit_rows.extend(task_unit_rows(task_id, &task_unit_ids));
    }
    tx.insert_rows("tasks", &TASK_COLUMNS, task_rows).await?;
    tx.insert_rows("targets", &TARGET_COLUMNS, target_rows).await?;
    tx.insert_rows("task_units", &["task_id", "unit_id", "position", "is_lead"], unit_rows).await?;
    Ok(ids)
}

/// task_units rows for units in order, the first the lead; a unit named twice
/// keeps its first place.
pub(crate) fn task_unit_rows(task_id: i64, unit_ids: &[i64]) -> Vec<Vec<Param>> {
    let mut seen = Vec::new();
    for id in unit_ids {
        if !seen.contains(id) {
            seen.push(*id);
        }
    }
    seen.iter()
        .enumerate()
        .map(|(position, unit_id)| {
            vec![Param::from(task_id), (*unit_id).into(), (position as i64).into(), (position == 0).into()]
        })
        .collect()
}

async fn ingest_new_version(
    tx: &mut WriteTx,
    draft: &DocumentDraft,
    options: &IngestOptions,
    previous: PreviousVersion,
) -> Result<IngestOutcome> {
    let document_id = insert_document(tx, draft, options, Some(&previous), previous.cycle).await?;
    // The stored tasks that came from the text; hand-made ones are carried over as they are.
    let stored =
        load_tasks(&mut tx.tx, &TaskFilter { lineage: Some(previous.lineage_id), ..Default::default() }).await?;
    let (extracted, hand_made): (Vec<_>, Vec<_>) = stored.into_iter().partition(|t| t.origin == "extracted");
    let old_drafts: Vec<TaskDraft> = extracted.iter().map(|t| t.to_draft()).collect();
    let diff = match_tasks(&old_drafts, &draft.tasks);

    for pair in &diff.pairs {
        let old = &extracted[pair.old.index];
        let new = &draft.tasks[pair.new.index];
        update_matched_task(tx, document_id, pair.new.index, old, new, pair.is_unchanged()).await?;
    }
    for removed in &diff.removed {
        let old = &extracted[removed.index];
        let reason = format!("removed in version {}", previous.version + 1);
        tx.execute(
            "UPDATE tasks SET active = 0, retired_reason = $2 WHERE id = $1",
            vec![old.id.into(), reason.clone().into()],
        )
        .await?;
        tx.audit(
            "retire",
            "task",
            Some(old.id),
            Some(&serde_json::json!({ "active": true })),
            Some(&serde_json::json!({ "active": false, "reason": reason })),
        )
        .await?;
    }
    let added: Vec<(usize, &TaskDraft)> = diff.added.iter().map(|r| (r.index, &draft.tasks[r.index])).collect();
    let added_ids = insert_tasks(tx, document_id, previous.lineage_id, &added).await?;
    for id in added_ids {
        tx.audit("create", "task", Some(id), NOTHING, Some(&serde_json::json!({ "document_id": document_id }))).await?;
    }
    for task in &hand_made {
        tx.execute("UPDATE tasks SET document_id = $2 WHERE id = $1", vec![task.id.into(), document_id.into()]).await?;
    }
    tx.audit(
        "new_version",
        "document",
        Some(document_id),
        Some(&serde_json::json!({ "document_id": previous.id, "version": previous.version })),
        Some(&serde_json::json!({ "version": previous.version + 1, "diff": diff.summary() })),
    )
    .await?;
    Ok(IngestOutcome::NewVersion { document_id, version: previous.version + 1, supersedes: previous.id, diff })
}

/// Whether a stored target and a new version's target are the same target.
type TargetRule = dyn Fn(&crate::ledger::LedgerTarget, &TargetDraft) -> bool;

/// Moves a matched task onto the new version: its id, units and targets (and
/// so its progress) stay; text, place and figures follow the new version.
async fn update_matched_task(
    tx: &mut WriteTx,
    document_id: i64,
    position: usize,
    old: &crate::ledger::LedgerTask,
    new: &TaskDraft,
    unchanged: bool,
) -> Result<()> {
    tx.execute(
        "UPDATE tasks SET document_id = $2, position = $3, section_path = $4, title = $5, body = $6, \
           span_start = $7, span_end = $8, deadline = $9, source_key = $10 WHERE id = $1",
        vec![
            old.id.into(),
            document_id.into(),
            (position as i64).into(),
            serde_json::to_string(&new.section_path)?.into(),
            new.title.clone().into(),
            new.text.clone().into(),
            (new.span.0 as i64).into(),
            (new.span.1 as i64).into(),
            new.deadline.map(iso).into(),
            new.key.clone().into(),
        ],
    )
    .await?;
    if unchanged {
        // Only the spans moved: update the targets' spans in place.
        for (target, draft) in old.targets.iter().zip(&new.targets) {
            tx.execute(
                "UPDATE targets SET span_start = $2, span_end = $3 WHERE id = $1",
                vec![target.id.into(), (draft.span.0 as i64).into(), (draft.span.1 as i64).into()],
            )
            .await?;
        }
        return Ok(());
    }
    let before = serde_json::to_value(old)?;
    // Units: replaced when the new version names others.
    let old_units: Vec<String> = old.units.iter().map(|u| luoshi_ledger::canonical_unit_name(&u.name)).collect();
    let new_units: Vec<String> = new.units.iter().map(|u| luoshi_ledger::canonical_unit_name(u)).collect();
    if old_units != new_units {
        let ids = resolve_or_create(tx, &new.units).await?;
        tx.execute("DELETE FROM task_units WHERE task_id = $1", vec![old.id.into()]).await?;
        tx.insert_rows("task_units", &["task_id", "unit_id", "position", "is_lead"], task_unit_rows(old.id, &ids))
            .await?;
    }
    // Targets: paired by metric and unit, then by metric; the rest are new or retired.
    let mut taken = vec![false; old.targets.len()];
    let mut pairs: Vec<Option<usize>> = vec![None; new.targets.len()];
    let rules: [&TargetRule; 3] =
        [&|o, n| o.metric == n.metric && o.unit == n.unit, &|o, n| o.metric == n.metric, &|o, n| {
            o.unit == n.unit && o.source_text == n.text
        }];
    for rule in rules {
        for (ni, n) in new.targets.iter().enumerate() {
            if pairs[ni].is_some() {
                continue;
            }
            if let Some(oi) = (0..old.targets.len()).find(|&oi| !taken[oi] && rule(&old.targets[oi], n)) {
                taken[oi] = true;
                pairs[ni] = Some(oi);
            }
        }
    }
    let mut new_rows = Vec::new();
    for (ni, n) in new.targets.iter().enumerate() {
        match pairs[ni] {
            Some(oi) => {
                let o = &old.targets[oi];
                tx.execute(
                    "UPDATE targets SET position = $2, metric = $3, value = $4, unit = $5, cmp = $6, deadline = $7, \
                       yearly = $8, baseline = COALESCE($9, baseline), span_start = $10, span_end = $11, source_text = $12 \
                     WHERE id = $1",
                    vec![
                        o.id.into(),
                        (ni as i64).into(),
                        n.metric.clone().into(),
                        n.value.into(),
                        n.unit.clone().into(),
                        n.cmp.symbol().into(),
                        n.deadline.map(iso).into(),
                        n.yearly.into(),
                        n.baseline.into(),
                        (n.span.0 as i64).into(),
                        (n.span.1 as i64).into(),
                        n.text.clone().into(),
                    ],
                )
                .await?;
            }
            None => {
                let id = tx.next_id("targets").await?;
                new_rows.push(target_row(id, old.id, ni, n, Some(n.span)));
            }
        }
    }
    tx.insert_rows("targets", &TARGET_COLUMNS, new_rows).await?;
    for (_, o) in old.targets.iter().enumerate().filter(|(oi, _)| !taken[*oi]) {
        tx.execute("UPDATE targets SET active = 0 WHERE id = $1", vec![o.id.into()]).await?;
    }
    let after = serde_json::json!({
        "document_id": document_id, "title": new.title, "section_path": new.section_path,
        "units": new.units, "deadline": new.deadline, "targets": new.targets,
    });
    tx.audit("revise", "task", Some(old.id), Some(&before), Some(&after)).await?;
    Ok(())
}
