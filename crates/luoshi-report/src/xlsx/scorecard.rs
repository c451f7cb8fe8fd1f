//! 考评: the status table by unit, scored. Each lead unit is scored on the
//! tasks it leads; the points per status are data, change them here.

use super::{WriteError, style};
use crate::domain::{Light, Status};
use crate::model::TaskView;
use crate::supervision::chinese_date;
use chrono::NaiveDate;
use rust_xlsxwriter::Workbook;
use std::collections::BTreeMap;

/// Points a task earns its lead unit, by status (100 = full marks).
pub const STATUS_POINTS: [(Status, f64); 6] = [
    (Status::Done, 100.0),
    (Status::Ahead, 100.0),
    (Status::OnTrack, 90.0),
    (Status::Behind, 60.0),
    (Status::NotReported, 0.0),
    (Status::Overdue, 0.0),
];

fn points(status: Status) -> f64 {
    STATUS_POINTS.iter().find(|(s, _)| *s == status).map(|(_, p)| *p).unwrap_or(0.0)
}

/// One unit's line of the scorecard.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitScore {
    pub rank: usize,
    pub unit: String,
    /// Tasks the unit leads.
    pub tasks: usize,
    /// Indexed like `Status::ALL`.
    pub by_status: [usize; 6],
    /// Indexed like `Light::ALL`.
    pub by_light: [usize; 3],
    /// Mean points over its tasks, 0..100.
    pub score: f64,
}

/// Scores every lead unit; best first, ties share a rank.
pub fn unit_scorecard(tasks: &[TaskView]) -> Vec<UnitScore> {
    let mut by_unit: BTreeMap<&str, Vec<&TaskView>> = BTreeMap::new();
    for task in tasks {
        for unit in &task.lead_units {
            by_unit.entry(unit.as_str()).or_default().push(task);
        }
    }
    let mut scores: Vec<UnitScore> = by_unit
        .into_iter()
        .map(|(unit, tasks)| {
            let mut by_status = [0; 6];
            let mut by_light = [0; 3];
            for task in &tasks {
                by_status[Status::ALL.iter().position(|s| *s == task.status).unwrap_or(0)] += 1;
                by_light[Light::ALL.iter().position(|l| *l == task.light).unwrap_or(0)] += 1;
            }
            let score = tasks.iter().map(|t| points(t.status)).sum::<f64>() / tasks.len() as f64;
            UnitScore { rank: 0, unit: unit.to_string(), tasks: tasks.len(), by_status, by_light, score }
        })
        .collect();
    scores.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.unit.cmp(&b.unit)));
    for i in 0..scores.len() {
        scores[i].rank = if i > 0 && scores[i].score == scores[i - 1].score { scores[i - 1].rank } else { i + 1 };
    }
    scores
}

/// The status workbook: sheet 考评 (one row per lead unit, scored) and
/// sheet 任务状态 (one row per task with its light).
pub fn status_workbook(title: &str, as_of: NaiveDate, tasks: &[TaskView]) -> Result<Vec<u8>, WriteError> {
    let mut workbook = Workbook::new();
    let (body, centred) = (style::body(), style::centred());

    let scorecard = workbook.add_worksheet();
    scorecard.set_name("考评")?;
    let mut headers: Vec<String> = vec!["排名".into(), "责任单位".into(), "牵头任务数".into()];
    headers.extend(Status::ALL.iter().map(|s| s.label().to_string()));
    headers.extend(Light::ALL.iter().map(|l| format!("{}灯", l.label())));
    headers.push("得分".into());
    let last = headers.len() as u16 - 1;
    scorecard.merge_range(0, 0, 0, last, &format!("{title}责任单位考评表（截至{}）", chinese_date(as_of)), &style::title())?;
    for (col, header) in headers.iter().enumerate() {
        scorecard.write_string_with_format(1, col as u16, header, &style::header())?;
        scorecard.set_column_width(col as u16, if col == 1 { 26.0 } else { 10.0 })?;
    }
    scorecard.set_freeze_panes(2, 2)?;
    let score_format = centred.clone().set_num_format("0.0");
    for (i, unit) in unit_scorecard(tasks).iter().enumerate() {
        let row = 2 + i as u32;
        scorecard.write_number_with_format(row, 0, unit.rank as f64, &centred)?;
        scorecard.write_string_with_format(row, 1, &unit.unit, &body)?;
        scorecard.write_number_with_format(row, 2, unit.tasks as f64, &centred)?;
        for (j, count) in unit.by_status.iter().enumerate() {
            scorecard.write_number_with_format(row, 3 + j as u16, *count as f64, &centred)?;
        }
        for (j, (light, count)) in Light::ALL.iter().zip(unit.by_light).enumerate() {
            let format = if count > 0 { style::light(*light) } else { centred.clone() };
            scorecard.write_number_with_format(row, 9 + j as u16, count as f64, &format)?;
        }
        scorecard.write_number_with_format(row, last, unit.score, &score_format)?;
    }

    let statuses = workbook.add_worksheet();
    statuses.set_name("任务状态")?;
    let columns = [("序号", 6.0), ("工作任务", 40.0), ("牵头单位", 22.0), ("完成时限", 14.0), ("状态", 11.0), ("指示灯", 8.0), ("任务编号", 9.0)];
    for (col, (header, width)) in columns.iter().enumerate() {
        statuses.write_string_with_format(0, col as u16, *header, &style::header())?;
        statuses.set_column_width(col as u16, *width)?;
    }
    statuses.set_freeze_panes(1, 0)?;
    for (i, task) in tasks.iter().enumerate() {
        let row = 1 + i as u32;
        statuses.write_string_with_format(row, 0, &task.number, &centred)?;
        statuses.write_string_with_format(row, 1, &task.title, &body)?;
        statuses.write_string_with_format(row, 2, task.lead_units.join("、"), &body)?;
        let deadline = task
            .deadline_text
            .clone()
            .or_else(|| task.deadline.map(chinese_date))
            .unwrap_or_default();
        statuses.write_string_with_format(row, 3, deadline, &centred)?;
        statuses.write_string_with_format(row, 4, task.status.label(), &centred)?;
        statuses.write_string_with_format(row, 5, format!("{}灯", task.light.label()), &style::light(task.light))?;
        statuses.write_number_with_format(row, 6, task.id as f64, &centred)?;
    }
    Ok(workbook.save_to_buffer()?)
}
