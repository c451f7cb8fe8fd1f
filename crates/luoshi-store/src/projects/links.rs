//! Targets counted by projects: the link table and the actuals it yields.
//!
//! The status table ([`Store::status`]) takes the linked value as the
//! target's actual (`Actual { value, as_of }`) instead of a reported one;
//! `luoshi_ledger::judge_target` then judges it like any other target.

use crate::Store;
use crate::error::{Result, StoreError};
use crate::write::{NOTHING, WriteTx};
use chrono::NaiveDate;
use luoshi_ledger::projects::{LinkMeasure, ProjectFilter, TargetLink, linked_actual_from_stats};
use serde::Serialize;
use sqlx::Row;
use std::collections::BTreeMap;

/// A stored link.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredLink {
    pub id: i64,
    #[serde(flatten)]
    pub link: TargetLink,
}

/// A linked target's computed actual on a date, in the target's unit.
/// A target with several links gets the sum of their values.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LinkedActual {
    pub target_id: i64,
    pub metric: String,
    pub target_value: f64,
    pub unit: String,
    pub as_of: NaiveDate,
    pub actual: f64,
}

impl Store {
    /// Links target `link.target_id` to the projects `link.filter` selects.
    pub async fn link_target(&self, actor: &str, link: &TargetLink) -> Result<i64> {
        let mut tx = WriteTx::begin(&self.pool, actor).await?;
        let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM targets WHERE id = $1")
            .bind(link.target_id)
            .fetch_optional(&mut *tx.tx)
            .await?;
        if exists.is_none() {
            return Err(StoreError::not_found("target", link.target_id));
        }
        let id = tx.next_id("project_target_links").await?;
        let (actor, now) = (tx.actor().to_string(), tx.now.clone());
        tx.execute(
            "INSERT INTO project_target_links (id, target_id, filter_json, measure_json, created_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
            vec![
                id.into(),
                link.target_id.into(),
                serde_json::to_string(&link.filter)?.into(),
                serde_json::to_string(&link.measure)?.into(),
                actor.into(),
                now.into(),
            ],
        )
        .await?;
        tx.audit("link", "project_target_link", Some(id), NOTHING, Some(link)).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Every link, by id.
    pub async fn target_links(&self) -> Result<Vec<StoredLink>> {
        let rows = sqlx::query("SELECT id, target_id, filter_json, measure_json FROM project_target_links ORDER BY id")
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|row| {
                let filter: String = row.try_get("filter_json")?;
                let measure: String = row.try_get("measure_json")?;
                let corrupt = |value: String| StoreError::Corrupt { what: "project link", value };
                Ok(StoredLink {
                    id: row.try_get("id")?,
                    link: TargetLink {
                        target_id: row.try_get("target_id")?,
                        filter: serde_json::from_str::<ProjectFilter>(&filter).map_err(|_| corrupt(filter.clone()))?,
                        measure: serde_json::from_str::<LinkMeasure>(&measure).map_err(|_| corrupt(measure.clone()))?,
                    },
                })
            })
            .collect()
    }

    /// The actual of every linked target on `as_of`, computed from its projects.
    pub async fn linked_target_actuals(&self, as_of: NaiveDate) -> Result<Vec<LinkedActual>> {
        let links = self.target_links().await?;
        if links.is_empty() {
            return Ok(Vec::new());
        }
        // The linked targets' metric, value and unit, in one query (ids are integers: inlined).
        let ids: Vec<String> = links.iter().map(|l| l.link.target_id.to_string()).collect();
        let sql = format!("SELECT id, metric, value, unit FROM targets WHERE id IN ({})", ids.join(", "));
        let mut actuals: BTreeMap<i64, LinkedActual> = BTreeMap::new();
        for row in sqlx::query(&sql).fetch_all(&self.pool).await? {
            let target_id: i64 = row.try_get("id")?;
            let actual = LinkedActual {
                target_id,
                metric: row.try_get("metric")?,
                target_value: row.try_get("value")?,
                unit: row.try_get("unit")?,
                as_of,
                actual: 0.0,
            };
            actuals.insert(target_id, actual);
        }
        // Each link's projects summed in SQL (see `project_stats`), not loaded one by one.
        for StoredLink { link, .. } in links {
            if let Some(entry) = actuals.get_mut(&link.target_id) {
                let stats = self.project_stats(&link.filter, as_of, None).await?;
                entry.actual += linked_actual_from_stats(link.measure, &stats.total, &entry.unit);
            }
        }
        Ok(actuals.into_values().collect())
    }
}
