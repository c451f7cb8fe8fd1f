//! 任务台账: the tasks of the stored documents with their targets and units,
//! and the supervisor's edits (split, merge, reassign, deadlines, baselines,
//! hand-added tasks). Every edit is one audited transaction.

use crate::Store;
use crate::error::{Result, StoreError};
use crate::time::iso;
use crate::units::resolve_or_create;
use crate::write::{NOTHING, Param, WriteTx, bind_all};
use chrono::NaiveDate;
use luoshi_ledger::{Comparator, ReportingCycle, TargetDraft, TaskDraft};
use serde::Serialize;
use sqlx::{AnyConnection, Row};
use std::collections::HashMap;

/// A task of the ledger.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LedgerTask {
    /// Stable: survives new document versions.
    pub id: i64,
    /// The newest document version that holds it.
    pub document_id: i64,
    pub lineage_id: i64,
    pub position: i64,
    pub section_path: Vec<String>,
    pub title: String,
    pub text: String,
    /// Char offsets into the document text; `None` for a hand-added task.
    pub span: Option<(i64, i64)>,
    pub deadline: Option<String>,
    /// `extracted`, `manual`, `split` or `merged`.
    pub origin: String,
    pub active: bool,
    pub retired_reason: Option<String>,
    /// Lead (牵头) first.
    pub units: Vec<TaskUnit>,
    pub targets: Vec<LedgerTarget>,
}

/// A unit named on a task.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TaskUnit {
    pub unit_id: i64,
    pub name: String,
    pub lead: bool,
}

/// A target of a task.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LedgerTarget {
    /// Stable: survives new document versions while the target is recognised.
    pub id: i64,
    pub task_id: i64,
    pub metric: String,
    pub value: f64,
    pub unit: String,
    pub cmp: Comparator,
    pub deadline: Option<String>,
    pub yearly: bool,
    /// 基数, when set.
    pub baseline: Option<f64>,
    /// 计划起始 of this target, when set.
    pub plan_start: Option<String>,
    pub span: Option<(i64, i64)>,
    /// The number expression as written.
    pub source_text: String,
}

impl LedgerTask {
    /// The task as a draft, for pairing with a new version's tasks.
    pub fn to_draft(&self) -> TaskDraft {
        TaskDraft {
            key: self.id.to_string(),
            section_path: self.section_path.clone(),
            title: self.title.clone(),
            text: self.text.clone(),
            span: self.span.map_or((0, 0), |(s, e)| (s as usize, e as usize)),
            units: self.units.iter().map(|u| u.name.clone()).collect(),
            deadline: self.deadline.as_deref().and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()),
            targets: self
                .targets
                .iter()
                .map(|t| TargetDraft {
                    metric: t.metric.clone(),
                    value: t.value,
                    unit: t.unit.clone(),
                    cmp: t.cmp,
                    deadline: t.deadline.as_deref().and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()),
                    yearly: t.yearly,
                    span: t.span.map_or((0, 0), |(s, e)| (s as usize, e as usize)),
                    text: t.source_text.clone(),
                    baseline: t.baseline,
                })
                .collect(),
        }
    }

    /// 牵头单位.
    pub fn lead_unit(&self) -> Option<&TaskUnit> {
        self.units.first()
    }
}

/// Which tasks to list. Empty: every active task.
#[derive(Debug, Clone, Default)]
pub struct TaskFilter {
    /// A document version id: the tasks of its document (all versions).
    pub document: Option<i64>,
    /// A document lineage (the id of version 1).
    pub lineage: Option<i64>,
    /// Tasks naming this unit (lead or co-unit).
    pub unit: Option<i64>,
    /// Only these tasks.
    pub tasks: Option<Vec<i64>>,
    /// Include retired tasks (dropped by a new version, split or merged away).
    pub include_retired: bool,
}

impl TaskFilter {
    /// A WHERE clause on `tasks t` and its parameters.
    pub(crate) fn where_clause(&self) -> (String, Vec<Param>) {
        let mut conditions = Vec::new();
        let mut params = Vec::new();
        if !self.include_retired {
            conditions.push("t.active = 1".to_string());
        }
        if let Some(document) = self.document {
            params.push(Param::from(document));
            conditions.push(format!("t.lineage_id = (SELECT lineage_id FROM documents WHERE id = ${})", params.len()));
        }
        if let Some(lineage) = self.lineage {
            params.push(Param::from(lineage));
            conditions.push(format!("t.lineage_id = ${}", params.len()));
        }
        if let Some(unit) = self.unit {
            params.push(Param::from(unit));
            conditions.push(format!("t.id IN (SELECT task_id FROM task_units WHERE unit_id = ${})", params.len()));
        }
        if let Some(ids) = &self.tasks {
            if ids.is_empty() {
                conditions.push("1 = 0".to_string());
            } else {
                // Ids are integers: inlined, so a long list needs no parameters.
                let list: Vec<String> = ids.iter().map(i64::to_string).collect();
                conditions.push(format!("t.id IN ({})", list.join(", ")));
            }
        }
        let clause = if conditions.is_empty() { "1 = 1".to_string() } else { conditions.join(" AND ") };
        (clause, params)
    }
}

fn parse_cmp(symbol: String) -> Result<Comparator> {
    Comparator::from_symbol(&symbol).ok_or(StoreError::Corrupt { what: "comparator", value: symbol })
}

fn span(start: Option<i64>, end: Option<i64>) -> Option<(i64, i64)> {
    Some((start?, end?))
}

/// Loads tasks with their units and targets in three set-based queries.
pub(crate) async fn load_tasks(conn: &mut AnyConnection, filter: &TaskFilter) -> Result<Vec<LedgerTask>> {
    let (clause, params) = filter.where_clause();
    let sql = format!(
        "SELECT t.id, t.document_id, t.lineage_id, t.position, t.section_path, t.title, t.body, t.span_start, \
           t.span_end, t.deadline, t.origin, t.active, t.retired_reason \
         FROM tasks t WHERE {clause} ORDER BY t.lineage_id, t.position, t.id"
    );
    let mut tasks = Vec::new();
    let mut index = HashMap::new();
    for row in bind_all(sqlx::query(&sql), params.clone()).fetch_all(&mut *conn).await? {
        let section_path: String = row.try_get(4)?;
        let task = LedgerTask {
            id: row.try_get(0)?,
            document_id: row.try_get(1)?,
            lineage_id: row.try_get(2)?,
            position: row.try_get(3)?,
            section_path: serde_json::from_str(&section_path)
                .map_err(|_| StoreError::Corrupt { what: "section path", value: section_path })?,
            title: row.try_get(5)?,
            text: row.try_get(6)?,
            span: span(row.try_get(7)?, row.try_get(8)?),
            deadline: row.try_get(9)?,
            origin: row.try_get(10)?,
            active: row.try_get::<i64, _>(11)? != 0,
            retired_reason: row.try_get(12)?,
            units: Vec::new(),
            targets: Vec::new(),
        };
        index.insert(task.id, tasks.len());
        tasks.push(task);
    }
    if tasks.is_empty() {
        return Ok(tasks);
    }
    let sql = format!(
        "SELECT g.id, g.task_id, g.metric, g.value, g.unit, g.cmp, g.deadline, g.yearly, g.baseline, g.plan_start, \
           g.span_start, g.span_end, g.source_text \
         FROM targets g JOIN tasks t ON t.id = g.task_id WHERE g.active = 1 AND {clause} ORDER BY g.task_id, g.position, g.id"
    );
    for row in bind_all(sqlx::query(&sql), params.clone()).fetch_all(&mut *conn).await? {
        let target = LedgerTarget {
            id: row.try_get(0)?,
            task_id: row.try_get(1)?,
            metric: row.try_get(2)?,
            value: row.try_get(3)?,
            unit: row.try_get(4)?,
            cmp: parse_cmp(row.try_get(5)?)?,
            deadline: row.try_get(6)?,
            yearly: row.try_get::<i64, _>(7)? != 0,
            baseline: row.try_get(8)?,
            plan_start: row.try_get(9)?,
            span: span(row.try_get(10)?, row.try_get(11)?),
            source_text: row.try_get(12)?,
        };
        if let Some(&i) = index.get(&target.task_id) {
            tasks[i].targets.push(target);
        }
    }
    let sql = format!(
        "SELECT tu.task_id, u.id, u.name, tu.is_lead FROM task_units tu JOIN units u ON u.id = tu.unit_id \
         JOIN tasks t ON t.id = tu.task_id WHERE {clause} ORDER BY tu.task_id, tu.position"
    );
    for row in bind_all(sqlx::query(&sql), params).fetch_all(&mut *conn).await? {
        let task_id: i64 = row.try_get(0)?;
        if let Some(&i) = index.get(&task_id) {
            tasks[i].units.push(TaskUnit {
                unit_id: row.try_get(1)?,
                name: row.try_get(2)?,
                lead: row.try_get::<i64, _>(3)? != 0,
            });
        }
    }
    Ok(tasks)
}

/// A task added by hand (or one part of a split).
#[derive(Debug, Clone, Default)]
pub struct NewTask {
    /// The document (any version id) it belongs to.
    pub document_id: i64,
    pub section_path: Vec<String>,
    pub title: String,
    pub text: String,
    /// Lead first.
    pub units: Vec<String>,
    pub deadline: Option<NaiveDate>,
    pub targets: Vec<TargetDraft>,
}

/// One field of a target to change.
#[derive(Debug, Clone, PartialEq)]
pub enum TargetChange {
    Deadline(Option<NaiveDate>),
    /// 基数
    Baseline(Option<f64>),
    /// 计划起始 of this target.
    PlanStart(Option<NaiveDate>),
    Value(f64),
    Comparator(Comparator),
}

impl Store {
    /// Tasks with their targets and units, in document order.
    pub async fn ledger(&self, filter: &TaskFilter) -> Result<Vec<LedgerTask>> {
        let mut conn = self.pool.acquire().await?;
        load_tasks(&mut conn, filter).await
    }

    /// One task, retired or not.
    pub async fn task(&self, id: i64) -> Result<Option<LedgerTask>> {
        let filter = TaskFilter { tasks: Some(vec![id]), include_retired: true, ..Default::default() };
        Ok(self.ledger(&filter).await?.into_iter().next())
    }

    async fn require_task(&self, tx: &mut WriteTx, id: i64) -> Result<LedgerTask> {
        let filter = TaskFilter { tasks: Some(vec![id]), include_retired: true, ..Default::default() };
        load_tasks(&mut tx.tx, &filter).await?.into_iter().next().ok_or_else(|| StoreError::not_found("task", id))
    }

    /// Adds a task by hand; returns its id.
    pub async fn add_task(&self, actor: &str, task: NewTask) -> Result<i64> {
        let mut tx = WriteTx::begin(&self.pool, actor).await?;
        let id = insert_hand_task(&mut tx, &task, "manual", None).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Replaces a task's units (lead first).
    pub async fn set_task_units(&self, actor: &str, task_id: i64, units: &[String]) -> Result<()> {
        if units.is_empty() {
            return Err(StoreError::invalid("a task needs at least one unit"));
        }
        let mut tx = WriteTx::begin(&self.pool, actor).await?;
        let before = self.require_task(&mut tx, task_id).await?;
        let ids = resolve_or_create(&mut tx, units).await?;
        tx.execute("DELETE FROM task_units WHERE task_id = $1", vec![task_id.into()]).await?;
        tx.insert_rows(
            "task_units",
            &["task_id", "unit_id", "position", "is_lead"],
            crate::documents::task_unit_rows(task_id, &ids),
        )
        .await?;
        let before_units: Vec<&str> = before.units.iter().map(|u| u.name.as_str()).collect();
        tx.audit("set_units", "task", Some(task_id), Some(&before_units), Some(&units)).await?;
        tx.commit().await
    }

    /// Sets or clears a task's deadline (完成时限).
    pub async fn set_task_deadline(&self, actor: &str, task_id: i64, deadline: Option<NaiveDate>) -> Result<()> {
        let mut tx = WriteTx::begin(&self.pool, actor).await?;
        let before = self.require_task(&mut tx, task_id).await?;
        tx.execute("UPDATE tasks SET deadline = $2 WHERE id = $1", vec![task_id.into(), deadline.map(iso).into()])
            .await?;
        tx.audit("set_deadline", "task", Some(task_id), Some(&before.deadline), Some(&deadline.map(iso))).await?;
        tx.commit().await
    }

    /// Changes one field of a target.
    pub async fn set_target(&self, actor: &str, target_id: i64, change: TargetChange) -> Result<()> {
        let mut tx = WriteTx::begin(&self.pool, actor).await?;
        let task_id: Option<i64> = sqlx::query_scalar("SELECT task_id FROM targets WHERE id = $1")
            .bind(target_id)
            .fetch_optional(&mut *tx.tx)
            .await?;
        let task_id = task_id.ok_or_else(|| StoreError::not_found("target", target_id))?;
        let task = self.require_task(&mut tx, task_id).await?;
        let before = task.targets.iter().find(|t| t.id == target_id).cloned();
        let (column, value, label): (&str, Param, serde_json::Value) = match &change {
            TargetChange::Deadline(d) => ("deadline", d.map(iso).into(), serde_json::json!({ "deadline": d.map(iso) })),
            TargetChange::Baseline(b) => ("baseline", (*b).into(), serde_json::json!({ "baseline": b })),
            TargetChange::PlanStart(d) => {
                ("plan_start", d.map(iso).into(), serde_json::json!({ "plan_start": d.map(iso) }))
            }
            TargetChange::Value(v) => ("value", (*v).into(), serde_json::json!({ "value": v })),
            TargetChange::Comparator(c) => ("cmp", c.symbol().into(), serde_json::json!({ "cmp": c.symbol() })),
        };
        tx.execute(&format!("UPDATE targets SET {column} = $2 WHERE id = $1"), vec![target_id.into(), value]).await?;
        tx.audit("set_target", "target", Some(target_id), before.as_ref(), Some(&label)).await?;
        tx.commit().await
    }

    /// Sets a document's reporting cycle (报送周期), for all its versions.
    pub async fn set_reporting_cycle(&self, actor: &str, document_id: i64, cycle: ReportingCycle) -> Result<()> {
        let document =
            self.document(document_id).await?.ok_or_else(|| StoreError::not_found("document", document_id))?;
        let mut tx = WriteTx::begin(&self.pool, actor).await?;
        tx.execute(
            "UPDATE documents SET reporting_cycle = $2 WHERE lineage_id = $1",
            vec![document.lineage_id.into(), cycle.name().into()],
        )
        .await?;
        tx.audit("set_cycle", "document", Some(document_id), Some(&document.reporting_cycle), Some(&cycle)).await?;
        tx.commit().await
    }

    /// Sets a document's plan start (计划起始), for all its versions.
    pub async fn set_plan_start(&self, actor: &str, document_id: i64, start: Option<NaiveDate>) -> Result<()> {
        let document =
            self.document(document_id).await?.ok_or_else(|| StoreError::not_found("document", document_id))?;
        let mut tx = WriteTx::begin(&self.pool, actor).await?;
        tx.execute(
            "UPDATE documents SET plan_start = $2 WHERE lineage_id = $1",
            vec![document.lineage_id.into(), start.map(iso).into()],
        )
        .await?;
        tx.audit("set_plan_start", "document", Some(document_id), Some(&document.plan_start), Some(&start.map(iso)))
            .await?;
        tx.commit().await
    }

    /// Splits a task into parts; the original is retired and each part is a
    /// new task of the same document. Its progress stays with the original.
    pub async fn split_task(&self, actor: &str, task_id: i64, parts: Vec<NewTask>) -> Result<Vec<i64>> {
        if parts.len() < 2 {
            return Err(StoreError::invalid("a split needs at least two parts"));
        }
        let mut tx = WriteTx::begin(&self.pool, actor).await?;
        let original = self.require_task(&mut tx, task_id).await?;
        if !original.active {
            return Err(StoreError::invalid(format!("task {task_id} is retired")));
        }
        let mut ids = Vec::new();
        for mut part in parts {
            part.document_id = original.document_id;
            if part.section_path.is_empty() {
                part.section_path = original.section_path.clone();
            }
            if part.units.is_empty() {
                part.units = original.units.iter().map(|u| u.name.clone()).collect();
            }
            ids.push(insert_hand_task(&mut tx, &part, "split", Some(original.span)).await?);
        }
        let reason = format!("split into {}", ids.iter().map(i64::to_string).collect::<Vec<_>>().join(", "));
        tx.execute(
            "UPDATE tasks SET active = 0, retired_reason = $2 WHERE id = $1",
            vec![task_id.into(), reason.into()],
        )
        .await?;
        tx.audit("split", "task", Some(task_id), Some(&original), Some(&serde_json::json!({ "parts": ids }))).await?;
        tx.commit().await?;
        Ok(ids)
    }

    /// Merges tasks into a new one holding all their targets (their ids and
    /// progress move with them) and units; the merged tasks are retired.
    pub async fn merge_tasks(&self, actor: &str, task_ids: &[i64], title: &str) -> Result<i64> {
        if task_ids.len() < 2 {
            return Err(StoreError::invalid("a merge needs at least two tasks"));
        }
        let mut tx = WriteTx::begin(&self.pool, actor).await?;
        let mut originals = Vec::new();
        for id in task_ids {
            let task = self.require_task(&mut tx, *id).await?;
            if !task.active {
                return Err(StoreError::invalid(format!("task {id} is retired")));
            }
            originals.push(task);
        }
        let first = &originals[0];
        if originals.iter().any(|t| t.lineage_id != first.lineage_id) {
            return Err(StoreError::invalid("only tasks of one document can be merged"));
        }
        let mut units = Vec::new();
        for task in &originals {
            for unit in &task.units {
                if !units.contains(&unit.name) {
                    units.push(unit.name.clone());
                }
            }
        }
        let merged = NewTask {
            document_id: first.document_id,
            section_path: first.section_path.clone(),
            title: title.to_string(),
            text: originals.iter().map(|t| t.text.as_str()).collect::<Vec<_>>().join("\n"),
            units,
            deadline: originals
                .iter()
                .filter_map(|t| t.deadline.as_deref())
                .max()
                .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()),
            targets: Vec::new(),
        };
        let id = insert_hand_task(&mut tx, &merged, "merged", None).await?;
        let list: Vec<String> = task_ids.iter().map(i64::to_string).collect();
        let in_list = list.join(", ");
        tx.execute(
            &format!("UPDATE targets SET task_id = $1 WHERE task_id IN ({in_list}) AND active = 1"),
            vec![id.into()],
        )
        .await?;
        tx.execute(
            &format!("UPDATE progress_reports SET task_id = $1 WHERE task_id IN ({in_list}) AND target_id IS NOT NULL"),
            vec![id.into()],
        )
        .await?;
        let reason = format!("merged into {id}");
        tx.execute(
            &format!("UPDATE tasks SET active = 0, retired_reason = $1 WHERE id IN ({in_list})"),
            vec![reason.into()],
        )
        .await?;
        tx.audit(
            "merge",
            "task",
            Some(id),
            Some(&originals),
            Some(&serde_json::json!({ "merged_into": id, "title": title })),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The audit trail, newest first: of one entity (`task`, `target`, `unit`,
    /// `document`, `progress`, `user`, `setting`) or of everything.
    pub async fn audit_log(&self, entity: Option<(&str, i64)>, limit: i64) -> Result<Vec<AuditEntry>> {
        let rows = match entity {
            Some((kind, id)) => {
                sqlx::query(
                    "SELECT id, at, actor, action, entity, entity_id, before_json, after_json FROM audit_log \
                     WHERE entity = $1 AND entity_id = $2 ORDER BY id DESC LIMIT $3",
                )
                .bind(kind)
                .bind(id)
                .bind(limit)
                .fetch_all(&self.pool)
                .await?
            }
            None => {
                sqlx::query(
                    "SELECT id, at, actor, action, entity, entity_id, before_json, after_json FROM audit_log \
                     ORDER BY id DESC LIMIT $1",
                )
                .bind(limit)
                .fetch_all(&self.pool)
                .await?
            }
        };
        rows.iter()
            .map(|row| {
                let json = |v: Option<String>| v.and_then(|s| serde_json::from_str(&s).ok());
                Ok(AuditEntry {
                    id: row.try_get(0)?,
                    at: row.try_get(1)?,
                    actor: row.try_get(2)?,
                    action: row.try_get(3)?,
                    entity: row.try_get(4)?,
                    entity_id: row.try_get(5)?,
                    before: json(row.try_get(6)?),
                    after: json(row.try_get(7)?),
                })
            })
            .collect()
    }
}

/// One recorded change.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<i64>,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

/// Inserts a task made by a person (origin `manual`, `split` or `merged`).
async fn insert_hand_task(
    tx: &mut WriteTx,
    task: &NewTask,
    origin: &str,
    span: Option<Option<(i64, i64)>>,
) -> Result<i64> {
    if task.title.trim().is_empty() {
        return Err(StoreError::invalid("a task needs a title"));
    }
    let document: Option<(i64, i64)> = {
        let row = sqlx::query("SELECT lineage_id, (SELECT MAX(id) FROM documents n WHERE n.lineage_id = d.lineage_id) FROM documents d WHERE id = $1")
            .bind(task.document_id)
            .fetch_optional(&mut *tx.tx)
            .await?;
        match row {
            Some(row) => Some((row.try_get(0)?, row.try_get(1)?)),
            None => None,
        }
    };
    let (lineage_id, newest) = document.ok_or_else(|| StoreError::not_found("document", task.document_id))?;
    let position: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(position), -1) + 1 FROM tasks WHERE lineage_id = $1")
        .bind(lineage_id)
        .fetch_one(&mut *tx.tx)
        .await?;
    let id = tx.next_id("tasks").await?;
    let span = span.flatten();
    tx.execute(
        "INSERT INTO tasks (id, lineage_id, document_id, position, section_path, title, body, span_start, span_end, \
           deadline, source_key, origin, active, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, NULL, $11, 1, $12)",
        vec![
            id.into(),
            lineage_id.into(),
            newest.into(),
            position.into(),
            serde_json::to_string(&task.section_path)?.into(),
            task.title.trim().into(),
            task.text.clone().into(),
            span.map(|s| s.0).into(),
            span.map(|s| s.1).into(),
            task.deadline.map(iso).into(),
            origin.into(),
            tx.now.clone().into(),
        ],
    )
    .await?;
    let mut rows = Vec::new();
    for (i, target) in task.targets.iter().enumerate() {
        let target_id = tx.next_id("targets").await?;
        rows.push(crate::documents::target_row(target_id, id, i, target, None));
    }
    tx.insert_rows("targets", &crate::documents::TARGET_COLUMNS, rows).await?;
    let unit_ids = resolve_or_create(tx, &task.units).await?;
    tx.insert_rows(
        "task_units",
        &["task_id", "unit_id", "position", "is_lead"],
        crate::documents::task_unit_rows(id, &unit_ids),
    )
    .await?;
    let after = serde_json::json!({
        "origin": origin, "document_id": newest, "title": task.title, "units": task.units,
        "deadline": task.deadline.map(iso), "targets": task.targets,
    });
    tx.audit("create", "task", Some(id), NOTHING, Some(&after)).await?;
    Ok(id)
}
