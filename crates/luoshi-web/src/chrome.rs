//! The frame around every signed-in page: navigation for the user's role,
//! the user's name, the CSRF token for the sign-out form, a flash message.

use luoshi_ledger::rights::{Action, Role, may};

use crate::auth::CurrentUser;

pub struct NavItem {
    pub href: &'static str,
    pub label: &'static str,
    pub active: bool,
}

pub struct Flash {
    /// `ok` or `error` (a CSS class suffix).
    pub kind: &'static str,
    pub text: String,
}

/// What `base.html` needs.
pub struct Chrome {
    pub nav: Vec<NavItem>,
    pub user_name: String,
    pub role_label: String,
    pub csrf: String,
    pub flash: Option<Flash>,
}

/// One navigation entry: shown when the role holds the action.
struct NavRow {
    href: &'static str,
    label: &'static str,
    /// `None`: everyone signed in.
    action: Option<Action>,
}

const NAV: &[NavRow] = &[
    NavRow { href: "/", label: "总览", action: Some(Action::ReadDashboards) },
    NavRow { href: "/tasks", label: "任务台账", action: None },
    NavRow { href: "/projects", label: "重点项目", action: None },
    NavRow { href: "/review", label: "审核", action: Some(Action::Review) },
    NavRow { href: "/reminders", label: "催办", action: Some(Action::IssueReminder) },
    NavRow { href: "/import", label: "导入文件", action: Some(Action::ImportDocument) },
    NavRow { href: "/reports", label: "督查通报与报表", action: None },
    NavRow { href: "/units", label: "单位", action: Some(Action::ManageUsers) },
    NavRow { href: "/users", label: "用户", action: Some(Action::ManageUsers) },
];

impl Chrome {
    /// The frame for `user`, with the entry whose path is `active` marked.
    pub fn new(user: &CurrentUser, active: &str) -> Self {
        let nav = NAV
            .iter()
            .filter(|row| row.action.is_none_or(|a| user.may_overall(a)))
            .map(|row| NavItem {
                href: row.href,
                label: if row.href == "/tasks" && user.role == Role::Unit { "本单位任务" } else { row.label },
                active: row.href == active,
            })
            .collect();
        Chrome {
            nav,
            user_name: user.display_name.clone(),
            role_label: match &user.unit_name {
                Some(unit) if user.role == Role::Unit => format!("{} · {unit}", user.role.label()),
                _ => user.role.label().to_string(),
            },
            csrf: user.csrf.clone(),
            flash: None,
        }
    }

    pub fn with_flash(mut self, flash: Option<Flash>) -> Self {
        self.flash = flash;
        self
    }
}

/// A flash message carried in the query string after a redirect
/// (`?ok=…` or `?error=…`): the text is escaped by the template.
pub fn flash_from_query(ok: Option<String>, error: Option<String>) -> Option<Flash> {
    match (ok, error) {
        (_, Some(text)) if !text.is_empty() => Some(Flash { kind: "error", text }),
        (Some(text), _) if !text.is_empty() => Some(Flash { kind: "ok", text }),
        _ => None,
    }
}

/// Whether `role` holds `action` anywhere (dashboards, review queue…).
pub fn role_may(role: Role, action: Action, unit: Option<&str>) -> bool {
    may(role, action, &[], unit)
}
