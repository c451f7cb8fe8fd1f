//! One task with everything about it, loaded for a user who may see it,
//! and judged afresh: shared by the task page, the progress form and the API.

use chrono::NaiveDate;
use luoshi_ledger::{
    Action, Actual, MilestoneObservation, ReportSubject, ReportedValue, TargetPlan, TaskJudgement, TaskPlan, TaskProgress,
    effective_report, judge_task,
};
use luoshi_store::{LedgerTask, StoredReport};

use crate::auth::CurrentUser;
use crate::error::WebError;
use crate::snapshot::parse_stored_date;
use crate::state::AppState;

pub struct LoadedTask {
    pub task: LedgerTask,
    pub document_title: String,
    pub start: NaiveDate,
    pub deadline: NaiveDate,
    /// Per target, in task order: the plan it is judged by.
    pub plans: Vec<TargetPlan>,
    pub reports: Vec<StoredReport>,
    pub judgement: TaskJudgement,
    /// Per target: the effective actual value.
    pub actuals: Vec<Option<Actual>>,
}

impl LoadedTask {
    pub fn unit_names(&self) -> Vec<String> {
        self.task.units.iter().map(|u| u.name.clone()).collect()
    }
}

/// The task `id` if `user` may do `action` on it. A task the user may not
/// see answers 403 (its existence is no secret inside the office, and the
/// answer is the same for every id the user cannot see).
pub async fn load_for(state: &AppState, user: &CurrentUser, id: i64, action: Action) -> Result<LoadedTask, WebError> {
    let task = state.store.task(id).await.map_err(anyhow::Error::from)?;
    let Some(task) = task.filter(|t| t.active) else {
        // Unit reporters learn nothing from probing ids.
        return Err(if user.may_overall(Action::ViewTask) { WebError::NotFound("任务") } else { WebError::Forbidden });
    };
    let units: Vec<String> = task.units.iter().map(|u| u.name.clone()).collect();
    user.require_on(action, &units)?;
    let document = state.store.document(task.document_id).await.map_err(anyhow::Error::from)?;
    let today = state.today();
    let year = document.as_ref().and_then(|d| d.year).unwrap_or(chrono::Datelike::year(&today));
    let start = document
        .as_ref()
        .and_then(|d| d.plan_start.as_deref())
        .and_then(|s| parse_stored_date(s, year))
        .unwrap_or_else(|| NaiveDate::from_ymd_opt(year, 1, 1).expect("Jan 1"));
    let doc_end = document
        .as_ref()
        .and_then(|d| d.period_end.as_deref())
        .and_then(|s| parse_stored_date(s, year))
        .unwrap_or_else(|| NaiveDate::from_ymd_opt(year, 12, 31).expect("Dec 31"));
    let deadline = task.deadline.as_deref().and_then(|s| parse_stored_date(s, year)).unwrap_or(doc_end);
    let plans: Vec<TargetPlan> = task
        .targets
        .iter()
        .map(|t| TargetPlan {
            metric: t.metric.clone(),
            value: t.value,
            unit: t.unit.clone(),
            cmp: t.cmp,
            baseline: t.baseline,
            start: t.plan_start.as_deref().and_then(|s| parse_stored_date(s, year)).unwrap_or(start),
            deadline: t.deadline.as_deref().and_then(|s| parse_stored_date(s, year)).unwrap_or(deadline),
        })
        .collect();
    let reports = state.store.task_reports(id).await.map_err(anyhow::Error::from)?;
    let policy = state.review_policy().await;
    let plain: Vec<luoshi_ledger::ProgressReport> = reports.iter().map(|r| r.report.clone()).collect();
    let actuals: Vec<Option<Actual>> = task
        .targets
        .iter()
        .map(|t| {
            effective_report(&plain, ReportSubject::Target(t.id), today, policy).and_then(|r| match r.value {
                ReportedValue::Actual(value) => Some(Actual { value, as_of: r.as_of }),
                ReportedValue::Milestone(_) => None,
            })
        })
        .collect();
    let milestone = effective_report(&plain, ReportSubject::Task(id), today, policy).and_then(|r| match r.value {
        ReportedValue::Milestone(state) => Some(MilestoneObservation { state, as_of: r.as_of }),
        ReportedValue::Actual(_) => None,
    });
    let last_report = plain.iter().filter(|r| r.as_of <= today && r.counts_under(luoshi_ledger::ReviewPolicy::Filed)).map(|r| r.as_of).max();
    let cycle = document.as_ref().map(|d| d.reporting_cycle);
    let plan = TaskPlan { start, deadline, targets: plans.clone(), cycle };
    let progress = TaskProgress { actuals: actuals.clone(), milestone, last_report };
    let thresholds = state.thresholds().await;
    let judgement = judge_task(&plan, &progress, today, &thresholds);
    let document_title = document.map(|d| d.title.filter(|t| !t.trim().is_empty()).unwrap_or(d.source)).unwrap_or_default();
    Ok(LoadedTask { task, document_title, start, deadline, plans, reports, judgement, actuals })
}
