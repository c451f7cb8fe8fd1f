//! Users and sign-in sessions, for the web app. Passwords arrive hashed: the
//! store never sees a password.

use crate::Store;
use crate::error::{Result, StoreError};
use crate::time::now_rfc3339;
use crate::write::{NOTHING, WriteTx};
use chrono::{DateTime, Duration, SecondsFormat, Utc};
use luoshi_ledger::Role;
use serde::Serialize;
use sqlx::Row;
use sqlx::any::AnyRow;

/// A person who signs in.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct User {
    pub id: i64,
    pub username: String,
    pub display_name: Option<String>,
    /// PHC string (argon2…); never shown.
    #[serde(skip)]
    pub password_hash: String,
    pub role: Role,
    /// The unit a 填报员 reports for.
    pub unit_id: Option<i64>,
    pub active: bool,
    pub created_at: String,
}

/// What creating a user needs.
#[derive(Debug, Clone)]
pub struct NewUser {
    pub username: String,
    pub display_name: Option<String>,
    pub password_hash: String,
    pub role: Role,
    pub unit_id: Option<i64>,
}

/// A signed-in session.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Session {
    /// Random, 256 bits, hex: the cookie value.
    pub id: String,
    pub user_id: i64,
    pub created_at: String,
    pub expires_at: String,
    /// Random, 256 bits, hex: forms echo it back.
    pub csrf_token: String,
}

const USER_COLUMNS: &str = "id, username, display_name, password_hash, role, unit_id, active, created_at";

fn user_from_row(row: &AnyRow) -> Result<User> {
    let role: String = row.try_get("role")?;
    Ok(User {
        id: row.try_get("id")?,
        username: row.try_get("username")?,
        display_name: row.try_get("display_name")?,
        password_hash: row.try_get("password_hash")?,
        role: Role::from_label(&role).ok_or(StoreError::Corrupt { what: "role", value: role })?,
        unit_id: row.try_get("unit_id")?,
        active: row.try_get::<i64, _>("active")? != 0,
        created_at: row.try_get("created_at")?,
    })
}

fn random_hex() -> Result<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| StoreError::invalid(format!("no randomness available: {e}")))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

impl Store {
    /// Creates a user; the username must be new.
    pub async fn create_user(&self, actor: &str, user: NewUser) -> Result<User> {
        let username = user.username.trim().to_string();
        if username.is_empty() {
            return Err(StoreError::invalid("a username cannot be empty"));
        }
        if self.user_by_name(&username).await?.is_some() {
            return Err(StoreError::invalid(format!("user {username} already exists")));
        }
        let mut tx = WriteTx::begin(&self.pool, actor).await?;
        let id = tx.next_id("users").await?;
        let now = tx.now.clone();
        tx.execute(
            "INSERT INTO users (id, username, display_name, password_hash, role, unit_id, active, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, 1, $7)",
            vec![
                id.into(),
                username.clone().into(),
                user.display_name.clone().into(),
                user.password_hash.into(),
                user.role.name().into(),
                user.unit_id.into(),
                now.into(),
            ],
        )
        .await?;
        let after = serde_json::json!({ "username": username, "role": user.role.name(), "unit_id": user.unit_id });
        tx.audit("create", "user", Some(id), NOTHING, Some(&after)).await?;
        tx.commit().await?;
        self.user(id).await?.ok_or_else(|| StoreError::not_found("user", id))
    }

    pub async fn user(&self, id: i64) -> Result<Option<User>> {
        let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1");
        sqlx::query(&sql).bind(id).fetch_optional(&self.pool).await?.as_ref().map(user_from_row).transpose()
    }

    pub async fn user_by_name(&self, username: &str) -> Result<Option<User>> {
        let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE username = $1");
        sqlx::query(&sql)
            .bind(username.trim())
            .fetch_optional(&self.pool)
            .await?
            .as_ref()
            .map(user_from_row)
            .transpose()
    }

    pub async fn users(&self) -> Result<Vec<User>> {
        let sql = format!("SELECT {USER_COLUMNS} FROM users ORDER BY username");
        sqlx::query(&sql).fetch_all(&self.pool).await?.iter().map(user_from_row).collect()
    }

    /// Changes role, unit, display name, password hash or active flag (audited;
    /// the hash is never written to the audit log). Deactivating ends sessions.
    pub async fn update_user(&self, actor: &str, id: i64, change: UserChange) -> Result<User> {
        let before = self.user(id).await?.ok_or_else(|| StoreError::not_found("user", id))?;
        let mut after = before.clone();
        if let Some(role) = change.role {
            after.role = role;
        }
        if let Some(unit_id) = change.unit_id {
            after.unit_id = unit_id;
        }
        if let Some(name) = change.display_name {
            after.display_name = name;
        }
        if let Some(hash) = change.password_hash.clone() {
            after.password_hash = hash;
        }
        if let Some(active) = change.active {
            after.active = active;
        }
        let mut tx = WriteTx::begin(&self.pool, actor).await?;
        tx.execute(
            "UPDATE users SET role = $2, unit_id = $3, display_name = $4, password_hash = $5, active = $6 WHERE id = $1",
            vec![
                id.into(),
                after.role.name().into(),
                after.unit_id.into(),
                after.display_name.clone().into(),
                after.password_hash.clone().into(),
                after.active.into(),
            ],
        )
        .await?;
        if !after.active {
            tx.execute("DELETE FROM sessions WHERE user_id = $1", vec![id.into()]).await?;
        }
        let mut after_json = serde_json::to_value(&after)?;
        if change.password_hash.is_some() {
            after_json["password_changed"] = true.into();
        }
        tx.audit("update", "user", Some(id), Some(&before), Some(&after_json)).await?;
        tx.commit().await?;
        Ok(after)
    }

    /// Opens a session lasting `ttl`; returns its random id and CSRF token.
    pub async fn create_session(&self, user_id: i64, ttl: Duration) -> Result<Session> {
        let created = Utc::now();
        let session = Session {
            id: random_hex()?,
            user_id,
            created_at: created.to_rfc3339_opts(SecondsFormat::Micros, true),
            expires_at: (created + ttl).to_rfc3339_opts(SecondsFormat::Micros, true),
            csrf_token: random_hex()?,
        };
        // Sessions are not ledger changes: no write lock, no audit.
        sqlx::query(
            "INSERT INTO sessions (id, user_id, created_at, expires_at, csrf_token) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(&session.id)
        .bind(user_id)
        .bind(&session.created_at)
        .bind(&session.expires_at)
        .bind(&session.csrf_token)
        .execute(&self.pool)
        .await?;
        Ok(session)
    }

    /// The session with this id, if it has not expired.
    pub async fn session(&self, id: &str) -> Result<Option<Session>> {
        let row = sqlx::query(
            "SELECT id, user_id, created_at, expires_at, csrf_token FROM sessions WHERE id = $1 AND expires_at > $2",
        )
        .bind(id)
        .bind(now_rfc3339())
        .fetch_optional(&self.pool)
        .await?;
        row.map(|row| {
            Ok(Session {
                id: row.try_get(0)?,
                user_id: row.try_get(1)?,
                created_at: row.try_get(2)?,
                expires_at: row.try_get(3)?,
                csrf_token: row.try_get(4)?,
            })
        })
        .transpose()
    }

    /// The active user of a live session.
    pub async fn session_user(&self, session_id: &str) -> Result<Option<(Session, User)>> {
        let Some(session) = self.session(session_id).await? else { return Ok(None) };
        Ok(self.user(session.user_id).await?.filter(|u| u.active).map(|u| (session, u)))
    }

    pub async fn delete_session(&self, id: &str) -> Result<()> {
        sqlx::query("DELETE FROM sessions WHERE id = $1").bind(id).execute(&self.pool).await?;
        Ok(())
    }

    /// Removes expired sessions; returns how many.
    pub async fn delete_expired_sessions(&self) -> Result<u64> {
        let done =
            sqlx::query("DELETE FROM sessions WHERE expires_at <= $1").bind(now_rfc3339()).execute(&self.pool).await?;
        Ok(done.rows_affected())
    }
}

/// Fields of a user to change; `None` keeps the value.
#[derive(Debug, Clone, Default)]
pub struct UserChange {
    pub role: Option<Role>,
    pub unit_id: Option<Option<i64>>,
    pub display_name: Option<Option<String>>,
    pub password_hash: Option<String>,
    pub active: Option<bool>,
}

/// Parses a stored RFC 3339 timestamp (for callers comparing expiry).
pub fn parse_timestamp(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text).ok().map(|t| t.with_timezone(&Utc))
}
