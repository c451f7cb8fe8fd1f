//! 登录 / 退出.

use std::net::SocketAddr;
use std::sync::Arc;

use askama::Template;
use axum::Form;
use axum::extract::{ConnectInfo, Query, State};
use axum::http::header::SET_COOKIE;
use axum::http::request::Parts;
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::auth::signin::{authenticate, open_session};
use crate::auth::token::{constant_time_eq, new_token};
use crate::auth::{self, LOGIN_CSRF_COOKIE, PageUser, SESSION_COOKIE};
use crate::error::{PageResult, WebError};
use crate::pages::render;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    csrf: String,
    next: String,
    username: String,
    error: Option<String>,
}

#[derive(Deserialize)]
pub struct NextQuery {
    next: Option<String>,
}

/// Only paths on this site are followed after signing in.
fn safe_next(next: &str) -> &str {
    if next.starts_with('/') && !next.starts_with("//") && !next.starts_with("/\\") { next } else { "/" }
}

fn login_page(status: axum::http::StatusCode, next: &str, username: &str, error: Option<String>) -> PageResult<Response> {
    let csrf = new_token();
    let page = LoginPage { csrf: csrf.clone(), next: safe_next(next).to_string(), username: username.to_string(), error };
    let html = render(&page)?;
    Ok((status, [(SET_COOKIE, auth::login_csrf_cookie(&csrf))], Html(html)).into_response())
}

pub async fn show(State(state): State<Arc<AppState>>, parts: Parts, Query(q): Query<NextQuery>) -> PageResult<Response> {
    if let Some(id) = auth::cookie(&parts, SESSION_COOKIE)
        && auth::user_for_session(&state, id).await.is_ok()
    {
        return Ok(Redirect::to("/").into_response());
    }
    login_page(axum::http::StatusCode::OK, q.next.as_deref().unwrap_or("/"), "", None)
}

#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
}

pub async fn submit(
    State(state): State<Arc<AppState>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    parts: Parts,
    Form(form): Form<LoginForm>,
) -> PageResult<Response> {
    let expected = auth::cookie(&parts, LOGIN_CSRF_COOKIE).unwrap_or("");
    if expected.is_empty() || !constant_time_eq(expected, &form.csrf) {
        return login_page(axum::http::StatusCode::FORBIDDEN, &form.next, &form.username, Some(WebError::Csrf.to_string()));
    }
    match authenticate(&state, &form.username, &form.password, peer.ip()).await {
        Ok(user) => {
            let session = open_session(&state, &user).await?;
            let cookie = auth::session_cookie(&session.id, state.config.session_ttl.num_seconds(), state.config.secure_cookie);
            let home = if user.role == luoshi_ledger::Role::Unit { "/tasks" } else { "/" };
            let next = match safe_next(&form.next) {
                "/" => home,
                other => other,
            };
            Ok(([(SET_COOKIE, cookie)], Redirect::to(next)).into_response())
        }
        Err(WebError::Internal(err)) => Err(WebError::Internal(err).into()),
        Err(err) => login_page(err.status(), &form.next, &form.username, Some(err.to_string())),
    }
}

#[derive(Deserialize)]
pub struct CsrfOnly {
    #[serde(default)]
    pub csrf: String,
}

pub async fn logout(State(state): State<Arc<AppState>>, PageUser(user): PageUser, Form(form): Form<CsrfOnly>) -> PageResult<Response> {
    user.check_csrf(&form.csrf)?;
    state.store.delete_session(&user.session_id).await.map_err(anyhow::Error::from)?;
    Ok(([(SET_COOKIE, auth::clear_session_cookie())], Redirect::to("/login")).into_response())
}
