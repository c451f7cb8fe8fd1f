//! Checking a username and password, shared by the sign-in page and
//! `POST /api/v1/login`: rate limit first, argon2 on a blocking thread,
//! the same work whether or not the user exists.

use std::net::IpAddr;

use luoshi_store::{Session, User};

use super::password::verify_password;
use crate::error::WebError;
use crate::state::AppState;

/// A valid argon2id hash of a random password, verified against when the
/// username is unknown so that the answer takes as long as for a real user.
const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$3oQ8uOr3VZC9rIoSYpYJ3l7vx0UAS2dJ5+AWsNv2OxI";

/// The user with this name and password, or why not.
pub async fn authenticate(state: &AppState, username: &str, password: &str, ip: IpAddr) -> Result<User, WebError> {
    let username = username.trim();
    if username.is_empty() || password.is_empty() {
        return Err(WebError::bad("请输入用户名和密码"));
    }
    if let Err(wait) = state.limiter.check(username, ip) {
        return Err(WebError::TooManyAttempts(wait.as_secs().div_ceil(60).max(1)));
    }
    let user = state.store.user_by_name(username).await.map_err(anyhow::Error::from)?.filter(|u| u.active);
    let hash = user.as_ref().map(|u| u.password_hash.clone()).unwrap_or_else(|| DUMMY_HASH.to_string());
    let password = password.to_string();
    let matches = tokio::task::spawn_blocking(move || verify_password(&password, &hash))
        .await
        .map_err(|e| anyhow::anyhow!("password check failed: {e}"))?;
    match user {
        Some(user) if matches => {
            state.limiter.record_success(username, ip);
            Ok(user)
        }
        _ => {
            state.limiter.record_failure(username, ip);
            Err(WebError::BadCredentials)
        }
    }
}

/// Open a session for a signed-in user.
pub async fn open_session(state: &AppState, user: &User) -> Result<Session, WebError> {
    Ok(state.store.create_session(user.id, state.config.session_ttl).await.map_err(anyhow::Error::from)?)
}
