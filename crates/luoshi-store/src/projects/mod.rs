//! 重点项目: key projects, their stage steps, monthly reports (月调度),
//! 要素保障 problems and the targets they count for; the 三个一批 rates
//! loaded set-based and computed by `luoshi_ledger::projects`.
//!
//! | area | methods |
//! |---|---|
//! | projects | [`Store::upsert_projects`], [`Store::projects`], [`Store::project`], [`Store::project_lines`] |
//! | 月调度 | [`Store::add_project_reports`], [`Store::correct_project_report`], [`Store::review_project_report`], [`Store::project_reports`] |
//! | 催办 | [`Store::add_project_reminders`], [`Store::acknowledge_project_reminder`], [`Store::project_reminders`] |
//! | 要素保障 | [`Store::add_project_problem`], [`Store::solve_project_problem`], [`Store::project_problems`] |
//! | rates | [`Store::project_facts`], [`Store::project_stats`] |
//! | linked targets | [`Store::link_target`], [`Store::target_links`], [`Store::linked_target_actuals`] |

mod facts;
mod links;
mod records;
mod reminders;
mod reports;
mod rows;

pub use facts::{ProjectLine, ProjectStatsTable};
pub use links::{LinkedActual, StoredLink};
pub use records::{ProjectImportOutcome, StoredProject, project_identity};
pub use reminders::ProjectReminder;
pub use reports::{NewProjectProblem, NewProjectReport, StoredProblem, StoredProjectReport};

#[cfg(test)]
mod tests;
