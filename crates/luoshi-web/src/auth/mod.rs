//! Who is asking: sessions (a cookie for pages, `Authorization: Bearer`
//! for the API), the signed-in user's role and unit, and the rights check
//! every route makes through `luoshi_ledger::may`.

pub mod password;
pub mod rate_limit;
pub mod signin;
pub mod token;

use std::sync::Arc;

use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use luoshi_ledger::{Action, Role, may};

use crate::error::{ApiError, PageError, WebError};
use crate::state::AppState;

/// The session cookie: HttpOnly, SameSite=Strict, path /.
pub const SESSION_COOKIE: &str = "luoshi_session";
/// The sign-in form's pre-session CSRF cookie (double submit).
pub const LOGIN_CSRF_COOKIE: &str = "luoshi_login_csrf";

/// The signed-in user of this request.
#[derive(Debug, Clone)]
pub struct CurrentUser {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub unit_id: Option<i64>,
    /// The canonical name of the user's unit (责任单位), for rights checks.
    pub unit_name: Option<String>,
    pub session_id: String,
    pub csrf: String,
}

impl CurrentUser {
    /// Whether the user holds `action` at all (not about one task).
    pub fn may_overall(&self, action: Action) -> bool {
        may(self.role, action, &[], self.unit_name.as_deref())
    }

    /// Whether the user may do `action` on a task with these units (lead first).
    pub fn may_on(&self, action: Action, task_units: &[String]) -> bool {
        may(self.role, action, task_units, self.unit_name.as_deref())
    }

    /// `Forbidden` unless the user holds `action` at all.
    pub fn require(&self, action: Action) -> Result<(), WebError> {
        if self.may_overall(action) { Ok(()) } else { Err(WebError::Forbidden) }
    }

    /// `Forbidden` unless the user may do `action` on a task with these units.
    pub fn require_on(&self, action: Action, task_units: &[String]) -> Result<(), WebError> {
        if self.may_on(action, task_units) { Ok(()) } else { Err(WebError::Forbidden) }
    }

    /// The unit whose tasks alone this user may see, for unit-bound users
    /// (填报员 always; 分管领导 when tied to a unit).
    pub fn unit_scope(&self) -> Option<i64> {
        match self.role {
            Role::Unit | Role::Leader => self.unit_id,
            Role::Admin | Role::Supervisor => None,
        }
    }

    /// A unit reporter with no unit sees nothing.
    pub fn sees_nothing(&self) -> bool {
        self.role == Role::Unit && self.unit_id.is_none()
    }

    /// `Csrf` unless the form's token is this session's.
    pub fn check_csrf(&self, submitted: &str) -> Result<(), WebError> {
        if token::constant_time_eq(submitted, &self.csrf) { Ok(()) } else { Err(WebError::Csrf) }
    }

    /// The name written to the audit log and reports.
    pub fn actor(&self) -> &str {
        &self.username
    }
}

/// Look a session id up and build the user, or `Unauthenticated`.
pub async fn user_for_session(state: &AppState, session_id: &str) -> Result<CurrentUser, WebError> {
    if session_id.is_empty() || session_id.len() > 128 {
        return Err(WebError::Unauthenticated);
    }
    let Some((session, user)) = state.store.session_user(session_id).await.map_err(anyhow::Error::from)? else {
        return Err(WebError::Unauthenticated);
    };
    let unit_name = match user.unit_id {
        Some(id) => state.unit_name(id).await?,
        None => None,
    };
    Ok(CurrentUser {
        id: user.id,
        display_name: user.display_name.clone().filter(|n| !n.trim().is_empty()).unwrap_or_else(|| user.username.clone()),
        username: user.username,
        role: user.role,
        unit_id: user.unit_id,
        unit_name,
        session_id: session.id,
        csrf: session.csrf_token,
    })
}

/// The value of cookie `name` in the request, if any.
pub fn cookie<'a>(parts: &'a Parts, name: &str) -> Option<&'a str> {
    parts
        .headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// The bearer token of the request, if any.
pub fn bearer(parts: &Parts) -> Option<&str> {
    let value = parts.headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

/// A signed-in user of a browser page (session cookie).
pub struct PageUser(pub CurrentUser);

impl FromRequestParts<Arc<AppState>> for PageUser {
    type Rejection = PageError;

    async fn from_request_parts(parts: &mut Parts, state: &Arc<AppState>) -> Result<Self, Self::Rejection> {
        let id = cookie(parts, SESSION_COOKIE).ok_or(WebError::Unauthenticated)?;
        Ok(PageUser(user_for_session(state, id).await?))
    }
}

/// A signed-in API client (`Authorization: Bearer TOKEN`).
pub struct ApiUser(pub CurrentUser);

impl FromRequestParts<Arc<AppState>> for ApiUser {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &Arc<AppState>) -> Result<Self, Self::Rejection> {
        let token = bearer(parts).ok_or(WebError::Unauthenticated)?;
        Ok(ApiUser(user_for_session(state, token).await?))
    }
}

/// `Set-Cookie` for a new session.
pub fn session_cookie(id: &str, max_age_secs: i64, secure: bool) -> String {
    format!(
        "{SESSION_COOKIE}={id}; Path=/; HttpOnly; SameSite=Strict; Max-Age={max_age_secs}{}",
        if secure { "; Secure" } else { "" }
    )
}

/// `Set-Cookie` that removes the session cookie.
pub fn clear_session_cookie() -> String {
    format!("{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0")
}

/// `Set-Cookie` for the sign-in form's CSRF token.
pub fn login_csrf_cookie(token: &str) -> String {
    format!("{LOGIN_CSRF_COOKIE}={token}; Path=/login; HttpOnly; SameSite=Strict; Max-Age=3600")
}
