//! 单位 and 用户: for the system administrator.

use std::sync::Arc;

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use luoshi_ledger::{Action, Role};
use luoshi_store::NewUser;
use serde::Deserialize;

use crate::auth::password::{check_new_password, hash_password};
use crate::auth::{CurrentUser, PageUser};
use crate::chrome::{Chrome, flash_from_query};
use crate::error::{PageResult, WebError};
use crate::pages::task::store_error;
use crate::pages::{Choice, render, url_encode};
use crate::state::AppState;

pub struct UnitLine {
    pub id: i64,
    pub name: String,
    pub aliases: String,
    pub tasks: i64,
    pub users: usize,
}

pub struct UnitsView {
    pub rows: Vec<UnitLine>,
}

#[derive(Template)]
#[template(path = "units.html")]
struct UnitsPage {
    chrome: Chrome,
    view: UnitsView,
}

#[derive(Deserialize)]
pub struct FlashQuery {
    ok: Option<String>,
    error: Option<String>,
}

pub async fn units(State(state): State<Arc<AppState>>, PageUser(user): PageUser, Query(q): Query<FlashQuery>) -> PageResult<Html<String>> {
    user.require(Action::ManageUsers)?;
    let units = state.store.units().await.map_err(anyhow::Error::from)?;
    let users = state.store.users().await.map_err(anyhow::Error::from)?;
    let rows = units
        .into_iter()
        .map(|u| UnitLine {
            users: users.iter().filter(|x| x.unit_id == Some(u.id)).count(),
            id: u.id,
            name: u.name,
            aliases: u.aliases.join("、"),
            tasks: u.lead_count,
        })
        .collect();
    let chrome = Chrome::new(&user, "/units").with_flash(flash_from_query(q.ok, q.error));
    Ok(Html(render(&UnitsPage { chrome, view: UnitsView { rows } })?))
}

#[derive(Deserialize)]
pub struct AliasForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    unit: String,
    #[serde(default)]
    alias: String,
}

pub async fn add_alias(State(state): State<Arc<AppState>>, PageUser(user): PageUser, Form(form): Form<AliasForm>) -> PageResult<Response> {
    user.check_csrf(&form.csrf)?;
    user.require(Action::ManageUsers)?;
    if form.alias.trim().is_empty() {
        return Err(WebError::bad("请填写别名").into());
    }
    state.store.add_unit_alias(user.actor(), &form.unit, form.alias.trim()).await.map_err(store_error)?;
    state.invalidate().await;
    Ok(Redirect::to(&format!("/units?ok={}", url_encode("已添加别名"))).into_response())
}

pub struct UserLine {
    pub username: String,
    pub display_name: String,
    pub role: &'static str,
    pub unit: String,
    pub state: &'static str,
    pub created_at: String,
}

pub struct UsersView {
    pub rows: Vec<UserLine>,
    pub roles: Vec<Choice>,
    pub units: Vec<Choice>,
}

#[derive(Template)]
#[template(path = "users.html")]
struct UsersPage {
    chrome: Chrome,
    view: UsersView,
}

pub async fn users(State(state): State<Arc<AppState>>, PageUser(user): PageUser, Query(q): Query<FlashQuery>) -> PageResult<Html<String>> {
    user.require(Action::ManageUsers)?;
    let units = state.store.units().await.map_err(anyhow::Error::from)?;
    let users = state.store.users().await.map_err(anyhow::Error::from)?;
    let unit_name = |id: Option<i64>| id.and_then(|id| units.iter().find(|u| u.id == id)).map(|u| u.name.clone()).unwrap_or_default();
    let view = UsersView {
        rows: users
            .iter()
            .map(|u| UserLine {
                username: u.username.clone(),
                display_name: u.display_name.clone().unwrap_or_default(),
                role: u.role.label(),
                unit: unit_name(u.unit_id),
                state: if u.active { "启用" } else { "停用" },
                created_at: u.created_at.chars().take(10).collect(),
            })
            .collect(),
        roles: Role::ALL.iter().map(|r| Choice::new(r.name(), r.label(), *r == Role::Unit)).collect(),
        units: units.iter().map(|u| Choice::new(u.id, u.name.clone(), false)).collect(),
    };
    let chrome = Chrome::new(&user, "/users").with_flash(flash_from_query(q.ok, q.error));
    Ok(Html(render(&UsersPage { chrome, view })?))
}

/// What creating a user needs, from the page or the API.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct NewUserRequest {
    pub username: String,
    #[serde(default)]
    pub display_name: Option<String>,
    /// `admin`, `supervisor`, `leader`, `unit`.
    pub role: String,
    /// Unit id or name: required for `unit`, optional for `leader`.
    #[serde(default)]
    pub unit: Option<String>,
    pub password: String,
}

/// Create a user as `admin`.
pub async fn create_user(state: &AppState, admin: &CurrentUser, request: NewUserRequest) -> Result<luoshi_store::User, WebError> {
    admin.require(Action::ManageUsers)?;
    let username = request.username.trim().to_string();
    if username.is_empty() || !username.chars().all(|c| c.is_ascii_alphanumeric() || "_.-".contains(c)) {
        return Err(WebError::bad("用户名只能包含字母、数字、下划线、点和连字符"));
    }
    let role = Role::from_label(&request.role).ok_or_else(|| WebError::bad("角色无效"))?;
    check_new_password(&request.password).map_err(WebError::BadRequest)?;
    let unit_text = request.unit.as_deref().map(str::trim).filter(|u| !u.is_empty());
    let unit_id = match unit_text {
        Some(unit) => Some(state.store.unit_id(unit).await.map_err(anyhow::Error::from)?.ok_or_else(|| WebError::bad(format!("没有单位“{unit}”")))?),
        None => None,
    };
    if role == Role::Unit && unit_id.is_none() {
        return Err(WebError::bad("责任单位填报员必须指定所属单位"));
    }
    let password = request.password.clone();
    let password_hash = tokio::task::spawn_blocking(move || hash_password(&password))
        .await
        .map_err(|e| anyhow::anyhow!("hashing failed: {e}"))??;
    let user = state
        .store
        .create_user(
            admin.actor(),
            NewUser {
                username,
                display_name: request.display_name.filter(|d| !d.trim().is_empty()),
                password_hash,
                role,
                unit_id: if matches!(role, Role::Unit | Role::Leader) { unit_id } else { None },
            },
        )
        .await
        .map_err(store_error)?;
    Ok(user)
}

#[derive(Deserialize)]
pub struct UserForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    username: String,
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    unit: String,
    #[serde(default)]
    password: String,
}

pub async fn add_user(State(state): State<Arc<AppState>>, PageUser(user): PageUser, Form(form): Form<UserForm>) -> PageResult<Response> {
    user.check_csrf(&form.csrf)?;
    user.require(Action::ManageUsers)?;
    let request = NewUserRequest {
        username: form.username,
        display_name: Some(form.display_name),
        role: form.role,
        unit: Some(form.unit),
        password: form.password,
    };
    match create_user(&state, &user, request).await {
        Ok(created) => Ok(Redirect::to(&format!("/users?ok={}", url_encode(&format!("已新增用户 {}", created.username)))).into_response()),
        Err(WebError::BadRequest(message)) => Ok(Redirect::to(&format!("/users?error={}", url_encode(&message))).into_response()),
        Err(other) => Err(other.into()),
    }
}
