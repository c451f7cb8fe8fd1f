//! Reading project rows back, and the stage-date cache on `projects`.

use crate::error::{Result, StoreError};
use crate::time::parse_date;
use crate::write::WriteTx;
use luoshi_ledger::projects::{Stage, StageDates};
use sqlx::Row;
use sqlx::any::AnyRow;

/// The columns of `projects` holding each stage's date, by stage.
pub(crate) const STAGE_COLUMNS: [(Stage, &str); 4] = [
    (Stage::Signed, "signed_on"),
    (Stage::Started, "started_on"),
    (Stage::Producing, "producing_on"),
    (Stage::Effective, "effective_on"),
];

pub(crate) fn stage_from_name(value: String) -> Result<Stage> {
    Stage::parse(&value).map_err(|_| StoreError::Corrupt { what: "project stage", value })
}

pub(crate) fn stage_dates(row: &AnyRow) -> Result<StageDates> {
    let mut dates = StageDates::default();
    for (stage, column) in STAGE_COLUMNS {
        if let Some(date) = parse_date("stage date", row.try_get(column)?)? {
            dates.record(stage, date);
        }
    }
    Ok(dates)
}

/// Recomputes the stage dates of `projects` from their active steps.
pub(crate) async fn refresh_stage_dates(tx: &mut WriteTx, projects: impl IntoIterator<Item = i64>) -> Result<()> {
    let sets: Vec<String> = STAGE_COLUMNS
        .iter()
        .map(|(stage, column)| {
            format!(
                "{column} = (SELECT MIN(s.reached_on) FROM project_stage_steps s \
                 WHERE s.project_id = projects.id AND s.stage = '{}' AND s.active = 1)",
                stage.name()
            )
        })
        .collect();
    let sql = format!("UPDATE projects SET {} WHERE id = $1", sets.join(", "));
    for project in projects {
        tx.execute(&sql, vec![project.into()]).await?;
    }
    Ok(())
}
