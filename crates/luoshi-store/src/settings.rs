//! Office-wide settings (JSON values by key): status thresholds, the review
//! policy and the default reporting cycle of new documents.

use crate::Store;
use crate::error::Result;
use crate::write::WriteTx;
use luoshi_ledger::{ReportingCycle, ReviewPolicy, Thresholds};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// The keys of the `settings` table.
pub const THRESHOLDS: &str = "thresholds";
pub const REVIEW_POLICY: &str = "review_policy";
pub const DEFAULT_CYCLE: &str = "default_cycle";

impl Store {
    async fn setting<T: DeserializeOwned>(&self, key: &str) -> Result<Option<T>> {
        let value: Option<String> = sqlx::query_scalar("SELECT value FROM settings WHERE key = $1")
            .bind(key)
            .fetch_optional(&self.pool)
            .await?;
        Ok(value.and_then(|v| serde_json::from_str(&v).ok()))
    }

    async fn put_setting<T: Serialize>(&self, actor: &str, key: &str, value: &T) -> Result<()> {
        let json = serde_json::to_string(value)?;
        let mut tx = WriteTx::begin(&self.pool, actor).await?;
        let before: Option<String> = sqlx::query_scalar("SELECT value FROM settings WHERE key = $1")
            .bind(key)
            .fetch_optional(&mut *tx.tx)
            .await?;
        if before.is_some() {
            tx.execute("UPDATE settings SET value = $2 WHERE key = $1", vec![key.into(), json.clone().into()]).await?;
        } else {
            tx.execute("INSERT INTO settings (key, value) VALUES ($1, $2)", vec![key.into(), json.clone().into()])
                .await?;
        }
        let before = before.and_then(|b| serde_json::from_str::<serde_json::Value>(&b).ok());
        let after = serde_json::json!({ key: serde_json::from_str::<serde_json::Value>(&json)? });
        tx.audit("set", "setting", None, before.map(|b| serde_json::json!({ key: b })).as_ref(), Some(&after)).await?;
        tx.commit().await
    }

    /// The status thresholds (defaults of TRACKING.md until set).
    pub async fn thresholds(&self) -> Result<Thresholds> {
        Ok(self.setting(THRESHOLDS).await?.unwrap_or_default())
    }

    pub async fn set_thresholds(&self, actor: &str, thresholds: &Thresholds) -> Result<()> {
        self.put_setting(actor, THRESHOLDS, thresholds).await
    }

    /// Whether reports count once filed or only once accepted.
    pub async fn review_policy(&self) -> Result<ReviewPolicy> {
        Ok(self.setting(REVIEW_POLICY).await?.unwrap_or_default())
    }

    pub async fn set_review_policy(&self, actor: &str, policy: ReviewPolicy) -> Result<()> {
        self.put_setting(actor, REVIEW_POLICY, &policy).await
    }

    /// The reporting cycle new documents get (monthly until set).
    pub async fn default_cycle(&self) -> Result<ReportingCycle> {
        Ok(self.setting(DEFAULT_CYCLE).await?.unwrap_or(ReportingCycle::Monthly))
    }

    pub async fn set_default_cycle(&self, actor: &str, cycle: ReportingCycle) -> Result<()> {
        self.put_setting(actor, DEFAULT_CYCLE, &cycle).await
    }
}
