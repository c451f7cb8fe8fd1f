//! 责任单位: units are rows of their own, found by any of their names.
//!
//! Every spelling a unit is known by is a row of `unit_aliases`, keyed by its
//! normalised form; the canonical name (`luoshi_ledger::canonical_unit_name`,
//! which expands 市发展改革委 to 市发展和改革委员会) is one of them. Merging
//! points every alias, task and user of one unit at the other, so lookups
//! never follow chains.

use crate::Store;
use crate::error::{Result, StoreError};
use crate::write::{Param, WriteTx};
use luoshi_ledger::{canonical_unit_name, normalize_unit_name};
use serde::Serialize;
use sqlx::Row;
use std::collections::{BTreeSet, HashMap};

/// A unit as listed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Unit {
    pub id: i64,
    pub name: String,
    /// Other spellings that resolve to it (normalised).
    pub aliases: Vec<String>,
    /// Active tasks it is named on.
    pub task_count: i64,
    /// Tasks it leads (牵头).
    pub lead_count: i64,
}

/// The keys a name is looked up by: its canonical form, then as written.
fn lookup_keys(name: &str) -> Vec<String> {
    let canonical = canonical_unit_name(name);
    let normalized = normalize_unit_name(name);
    if canonical == normalized { vec![canonical] } else { vec![canonical, normalized] }
}

/// Finds the ids of `names` (in order, duplicates kept), creating the units
/// that do not exist yet. One query for the lookup, one insert per table.
pub(crate) async fn resolve_or_create(tx: &mut WriteTx, names: &[String]) -> Result<Vec<i64>> {
    let mut wanted: BTreeSet<String> = BTreeSet::new();
    for name in names {
        wanted.extend(lookup_keys(name));
    }
    let mut known = lookup_aliases(tx, &wanted).await?;
    let mut new_units = Vec::new();
    let mut new_aliases = Vec::new();
    let mut ids = Vec::with_capacity(names.len());
    for name in names {
        let keys = lookup_keys(name);
        let id = match keys.iter().find_map(|k| known.get(k).copied()) {
            Some(id) => id,
            None => {
                let id = tx.next_id("units").await?;
                new_units.push(vec![Param::from(id), keys[0].clone().into(), tx.now.clone().into()]);
                id
            }
        };
        for key in keys {
            if let std::collections::hash_map::Entry::Vacant(slot) = known.entry(key.clone()) {
                slot.insert(id);
                new_aliases.push(vec![Param::from(key), id.into()]);
            }
        }
        ids.push(id);
    }
    tx.insert_rows("units", &["id", "name", "created_at"], new_units).await?;
    tx.insert_rows("unit_aliases", &["alias", "unit_id"], new_aliases).await?;
    Ok(ids)
}

async fn lookup_aliases(tx: &mut WriteTx, keys: &BTreeSet<String>) -> Result<HashMap<String, i64>> {
    let mut found = HashMap::new();
    let keys: Vec<&String> = keys.iter().collect();
    for chunk in keys.chunks(500) {
        let placeholders: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
        let sql = format!("SELECT alias, unit_id FROM unit_aliases WHERE alias IN ({})", placeholders.join(", "));
        let mut query = sqlx::query(&sql);
        for key in chunk {
            query = query.bind(key.as_str());
        }
        for row in query.fetch_all(&mut *tx.tx).await? {
            found.insert(row.try_get::<String, _>(0)?, row.try_get::<i64, _>(1)?);
        }
    }
    Ok(found)
}

impl Store {
    /// All units that were not merged away, with their aliases and task counts.
    pub async fn units(&self) -> Result<Vec<Unit>> {
        let rows = sqlx::query(
            "SELECT u.id, u.name, \
               (SELECT COUNT(*) FROM task_units tu JOIN tasks t ON t.id = tu.task_id \
                  WHERE tu.unit_id = u.id AND t.active = 1), \
               (SELECT COUNT(*) FROM task_units tu JOIN tasks t ON t.id = tu.task_id \
                  WHERE tu.unit_id = u.id AND t.active = 1 AND tu.is_lead = 1) \
             FROM units u WHERE u.merged_into IS NULL ORDER BY u.name",
        )
        .fetch_all(&self.pool)
        .await?;
        let mut aliases: HashMap<i64, Vec<String>> = HashMap::new();
        for row in sqlx::query(
            "SELECT a.alias, a.unit_id FROM unit_aliases a JOIN units u ON u.id = a.unit_id \
                                WHERE a.alias <> u.name ORDER BY a.alias",
        )
        .fetch_all(&self.pool)
        .await?
        {
            aliases.entry(row.try_get(1)?).or_default().push(row.try_get(0)?);
        }
        rows.into_iter()
            .map(|row| {
                let id: i64 = row.try_get(0)?;
                Ok(Unit {
                    id,
                    name: row.try_get(1)?,
                    aliases: aliases.remove(&id).unwrap_or_default(),
                    task_count: row.try_get(2)?,
                    lead_count: row.try_get(3)?,
                })
            })
            .collect()
    }

    /// The unit a name (any alias) or a numeric id refers to.
    pub async fn find_unit(&self, name_or_id: &str) -> Result<Option<Unit>> {
        let Some(id) = self.unit_id(name_or_id).await? else { return Ok(None) };
        Ok(self.units().await?.into_iter().find(|u| u.id == id))
    }

    /// The id behind a name (any alias, as written or canonical) or a numeric id.
    pub async fn unit_id(&self, name_or_id: &str) -> Result<Option<i64>> {
        if let Ok(id) = name_or_id.trim().parse::<i64>() {
            let found: Option<i64> = sqlx::query_scalar("SELECT id FROM units WHERE id = $1 AND merged_into IS NULL")
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
            return Ok(found);
        }
        for key in lookup_keys(name_or_id) {
            let found: Option<i64> = sqlx::query_scalar("SELECT unit_id FROM unit_aliases WHERE alias = $1")
                .bind(key)
                .fetch_optional(&self.pool)
                .await?;
            if found.is_some() {
                return Ok(found);
            }
        }
        Ok(None)
    }

    async fn require_unit(&self, name_or_id: &str) -> Result<i64> {
        self.unit_id(name_or_id).await?.ok_or_else(|| StoreError::not_found("unit", name_or_id))
    }

    /// Makes `alias` another name of `unit` (e.g. 市发改委 for 市发展和改革委员会).
    /// Fails when the alias already names a different unit: merge them instead.
    pub async fn add_unit_alias(&self, actor: &str, unit: &str, alias: &str) -> Result<()> {
        let unit_id = self.require_unit(unit).await?;
        let key = normalize_unit_name(alias);
        if key.is_empty() {
            return Err(StoreError::invalid("an alias cannot be empty"));
        }
        let mut tx = WriteTx::begin(&self.pool, actor).await?;
        let existing: Option<i64> = sqlx::query_scalar("SELECT unit_id FROM unit_aliases WHERE alias = $1")
            .bind(&key)
            .fetch_optional(&mut *tx.tx)
            .await?;
        match existing {
            Some(id) if id == unit_id => return Ok(()),
            Some(id) => {
                return Err(StoreError::invalid(format!(
                    "{key} already names unit {id}; use `units merge` to make the two units one"
                )));
            }
            None => {}
        }
        tx.execute(
            "INSERT INTO unit_aliases (alias, unit_id) VALUES ($1, $2)",
            vec![key.clone().into(), unit_id.into()],
        )
        .await?;
        tx.audit("alias", "unit", Some(unit_id), crate::write::NOTHING, Some(&serde_json::json!({ "alias": key })))
            .await?;
        tx.commit().await
    }

    /// Merges unit `from` into `into`: its tasks, users, reminders and
    /// aliases move over, and `from` is kept only as history.
    pub async fn merge_units(&self, actor: &str, from: &str, into: &str) -> Result<Unit> {
        let from_id = self.require_unit(from).await?;
        let into_id = self.require_unit(into).await?;
        if from_id == into_id {
            return Err(StoreError::invalid(format!("{from} and {into} are already the same unit")));
        }
        let mut tx = WriteTx::begin(&self.pool, actor).await?;
        let tasks_before: Vec<i64> =
            sqlx::query_scalar("SELECT task_id FROM task_units WHERE unit_id = $1 ORDER BY task_id")
                .bind(from_id)
                .fetch_all(&mut *tx.tx)
                .await?;
        // A task that names both keeps one row: the better position, and lead if either was.
        tx.execute(
            "UPDATE task_units SET \
               position = CASE WHEN position < (SELECT o.position FROM task_units o WHERE o.task_id = task_units.task_id AND o.unit_id = $1) \
                          THEN position ELSE (SELECT o.position FROM task_units o WHERE o.task_id = task_units.task_id AND o.unit_id = $1) END, \
               is_lead = CASE WHEN is_lead = 1 OR (SELECT o.is_lead FROM task_units o WHERE o.task_id = task_units.task_id AND o.unit_id = $1) = 1 \
                         THEN 1 ELSE 0 END \
             WHERE unit_id = $2 AND task_id IN (SELECT task_id FROM task_units WHERE unit_id = $1)",
            vec![from_id.into(), into_id.into()],
        )
        .await?;
        tx.execute(
            "DELETE FROM task_units WHERE unit_id = $1 AND task_id IN (SELECT task_id FROM task_units WHERE unit_id = $2)",
            vec![from_id.into(), into_id.into()],
        )
        .await?;
        tx.execute("UPDATE task_units SET unit_id = $2 WHERE unit_id = $1", vec![from_id.into(), into_id.into()])
            .await?;
        tx.execute("UPDATE users SET unit_id = $2 WHERE unit_id = $1", vec![from_id.into(), into_id.into()]).await?;
        tx.execute("UPDATE reminders SET unit_id = $2 WHERE unit_id = $1", vec![from_id.into(), into_id.into()])
            .await?;
        tx.execute("UPDATE unit_aliases SET unit_id = $2 WHERE unit_id = $1", vec![from_id.into(), into_id.into()])
            .await?;
        tx.execute("UPDATE units SET merged_into = $2 WHERE id = $1", vec![from_id.into(), into_id.into()]).await?;
        tx.audit(
            "merge",
            "unit",
            Some(from_id),
            Some(&serde_json::json!({ "unit_id": from_id, "tasks": tasks_before })),
            Some(&serde_json::json!({ "merged_into": into_id })),
        )
        .await?;
        tx.commit().await?;
        self.find_unit(&into_id.to_string()).await?.ok_or_else(|| StoreError::not_found("unit", into_id))
    }
}
