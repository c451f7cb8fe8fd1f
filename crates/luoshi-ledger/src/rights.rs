//! Who may do what (TRACKING.md, "People and rights"), as one table.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::ParseError;
use crate::units::same_unit;

/// A user's role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 系统管理员: users, units, settings, and everything the others may.
    Admin,
    /// 督查室: imports documents, edits the ledger, reviews reports, issues
    /// reminders (催办), writes reports.
    Supervisor,
    /// 责任单位填报员: sees and reports on the tasks of their own unit only.
    Unit,
    /// 分管领导: reads dashboards and reports, of the units under them or of all.
    Leader,
}

/// Stored name and Chinese label of each role.
const ROLE_NAMES: [(Role, &str, &str); 4] = [
    (Role::Admin, "admin", "系统管理员"),
    (Role::Supervisor, "supervisor", "督查室"),
    (Role::Unit, "unit", "责任单位填报员"),
    (Role::Leader, "leader", "分管领导"),
];

impl Role {
    pub const ALL: [Role; 4] = [Role::Admin, Role::Supervisor, Role::Unit, Role::Leader];

    /// `admin`, `supervisor`, `unit`, `leader`.
    pub fn name(self) -> &'static str {
        ROLE_NAMES.iter().find(|(r, ..)| *r == self).map(|(_, n, _)| *n).unwrap_or("unit")
    }

    /// 系统管理员 / 督查室 / 责任单位填报员 / 分管领导.
    pub fn label(self) -> &'static str {
        ROLE_NAMES.iter().find(|(r, ..)| *r == self).map(|(.., l)| *l).unwrap_or("责任单位填报员")
    }

    /// Accepts the English name or the Chinese label.
    pub fn from_label(s: &str) -> Option<Self> {
        let s = s.trim();
        ROLE_NAMES.iter().find(|(_, n, l)| n.eq_ignore_ascii_case(s) || *l == s).map(|(r, ..)| *r)
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Role {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::from_label(s).ok_or_else(|| ParseError::new("role", s, ROLE_NAMES.iter().flat_map(|(_, n, l)| [*n, *l])))
    }
}

/// Something a user asks to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// See a task, its targets and its reports.
    ViewTask,
    /// File a progress report (填报) for a task.
    ReportProgress,
    /// Accept or return (退回) a progress report.
    Review,
    /// Split, merge, reassign units, set deadlines (编辑台账).
    EditLedger,
    /// Import a document into the ledger.
    ImportDocument,
    /// Issue a reminder (催办).
    IssueReminder,
    /// Write a supervision report (督查通报).
    WriteReport,
    /// Manage users, units and settings.
    ManageUsers,
    /// Read dashboards and reports.
    ReadDashboards,
}

impl Action {
    pub const ALL: [Action; 9] = [
        Action::ViewTask,
        Action::ReportProgress,
        Action::Review,
        Action::EditLedger,
        Action::ImportDocument,
        Action::IssueReminder,
        Action::WriteReport,
        Action::ManageUsers,
        Action::ReadDashboards,
    ];
}

/// Over which tasks a right holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reach {
    /// Every task.
    All,
    /// Tasks naming the user's unit (lead or co-unit).
    OwnUnit,
    /// Tasks whose lead unit (牵头) is the user's unit: the lead files reports.
    LeadUnit,
    /// A leader with a unit sees that unit's tasks; without one, all tasks.
    UnitsUnder,
}

/// The rights table. Admin holds every right over all tasks and is not listed.
const RIGHTS: &[(Role, Action, Reach)] = &[
    (Role::Supervisor, Action::ViewTask, Reach::All),
    (Role::Supervisor, Action::Review, Reach::All),
    (Role::Supervisor, Action::EditLedger, Reach::All),
    (Role::Supervisor, Action::ImportDocument, Reach::All),
    (Role::Supervisor, Action::IssueReminder, Reach::All),
    (Role::Supervisor, Action::WriteReport, Reach::All),
    (Role::Supervisor, Action::ReadDashboards, Reach::All),
    (Role::Unit, Action::ViewTask, Reach::OwnUnit),
    (Role::Unit, Action::ReportProgress, Reach::LeadUnit),
    (Role::Leader, Action::ViewTask, Reach::UnitsUnder),
    (Role::Leader, Action::ReadDashboards, Reach::UnitsUnder),
];

/// Whether a user of `role` (belonging to `user_unit`, if any) may do
/// `action` on a task whose units are `task_units` (lead first). For actions
/// not about one task (import, manage users, dashboards as a whole) pass an
/// empty `task_units`: unit-bound roles are then refused, leaders scoped to a
/// unit are allowed (their dashboard is filtered by the caller).
pub fn may(role: Role, action: Action, task_units: &[String], user_unit: Option<&str>) -> bool {
    if role == Role::Admin {
        return true;
    }
    RIGHTS
        .iter()
        .filter(|(r, a, _)| *r == role && *a == action)
        .any(|(_, _, reach)| reaches(*reach, task_units, user_unit))
}

fn reaches(reach: Reach, task_units: &[String], user_unit: Option<&str>) -> bool {
    match reach {
        Reach::All => true,
        Reach::OwnUnit => user_unit.is_some_and(|mine| task_units.iter().any(|u| same_unit(u, mine))),
        Reach::LeadUnit => user_unit.is_some_and(|mine| task_units.first().is_some_and(|lead| same_unit(lead, mine))),
        Reach::UnitsUnder => match user_unit {
            None => true,
            Some(mine) => task_units.is_empty() || task_units.iter().any(|u| same_unit(u, mine)),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn role_names_and_labels_round_trip() {
        for role in Role::ALL {
            assert_eq!(Role::from_label(role.name()), Some(role));
            assert_eq!(Role::from_label(role.label()), Some(role));
            assert_eq!(role.to_string().parse::<Role>().unwrap(), role);
        }
        assert_eq!(Role::Supervisor.label(), "督查室");
        assert!("guest".parse::<Role>().is_err());
    }

    #[test]
    fn admin_may_everything() {
        for action in Action::ALL {
            assert!(may(Role::Admin, action, &[], None), "{action:?}");
        }
    }

    #[test]
    fn supervisor_row() {
        let task = units(&["市工业和信息化局"]);
        for action in [
            Action::ViewTask,
            Action::Review,
            Action::EditLedger,
            Action::ImportDocument,
            Action::IssueReminder,
            Action::WriteReport,
            Action::ReadDashboards,
        ] {
            assert!(may(Role::Supervisor, action, &task, None), "{action:?}");
        }
        assert!(!may(Role::Supervisor, Action::ManageUsers, &task, None));
        assert!(!may(Role::Supervisor, Action::ReportProgress, &task, None));
    }

    #[test]
    fn unit_reporter_row_is_limited_to_own_tasks() {
        let task = units(&["市工业和信息化局", "市发展和改革委员会"]);
        let lead = Some("市工信局");
        let co = Some("市发展改革委");
        let other = Some("市教育局");
        assert!(may(Role::Unit, Action::ViewTask, &task, lead));
        assert!(may(Role::Unit, Action::ViewTask, &task, co));
        assert!(!may(Role::Unit, Action::ViewTask, &task, other));
        assert!(!may(Role::Unit, Action::ViewTask, &task, None));
        // The lead unit files the report (TRACKING.md, "Reports").
        assert!(may(Role::Unit, Action::ReportProgress, &task, lead));
        assert!(!may(Role::Unit, Action::ReportProgress, &task, co));
        assert!(!may(Role::Unit, Action::ReportProgress, &task, other));
        for action in [
            Action::Review,
            Action::EditLedger,
            Action::ImportDocument,
            Action::IssueReminder,
            Action::WriteReport,
            Action::ManageUsers,
            Action::ReadDashboards,
        ] {
            assert!(!may(Role::Unit, action, &task, lead), "{action:?}");
        }
    }

    #[test]
    fn leader_row_reads_within_scope() {
        let task = units(&["市工业和信息化局"]);
        assert!(may(Role::Leader, Action::ReadDashboards, &[], None));
        assert!(may(Role::Leader, Action::ReadDashboards, &[], Some("市工业和信息化局")));
        assert!(may(Role::Leader, Action::ViewTask, &task, None));
        assert!(may(Role::Leader, Action::ViewTask, &task, Some("市工信局")));
        assert!(!may(Role::Leader, Action::ViewTask, &task, Some("市教育局")));
        for action in [
            Action::ReportProgress,
            Action::Review,
            Action::EditLedger,
            Action::ImportDocument,
            Action::IssueReminder,
            Action::WriteReport,
            Action::ManageUsers,
        ] {
            assert!(!may(Role::Leader, action, &task, None), "{action:?}");
        }
    }
}
