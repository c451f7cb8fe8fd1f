//! What every handler shares: the store, the judged-ledger snapshot, the
//! sign-in limiter, pending imports, and the hook that saves an import.

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use luoshi_extract::Extraction;
use luoshi_ledger::{ReviewPolicy, Thresholds};
use luoshi_store::Store;

use crate::auth::rate_limit::SignInLimiter;
use crate::snapshot::{self, Snapshot};


/// Saves a corrected extraction as a new document through the CLI's one
/// mapping path (extraction → ledger drafts → store); returns the new
/// document's id. Injected by `luoshi serve` so that the mapping is not
/// written twice.
pub type IngestFuture = Pin<Box<dyn Future<Output = anyhow::Result<i64>> + Send>>;
pub type IngestFn = Arc<dyn Fn(Store, IngestRequest) -> IngestFuture + Send + Sync>;

/// An import to save.
pub struct IngestRequest {
    pub actor: String,
    /// The document text the spans point into.
    pub text: luoshi_text::PlainText,
    pub extraction: Extraction,
}

/// Settings of the web server.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// How long a session lasts (cookie and bearer).
    pub session_ttl: chrono::Duration,
    /// Mark the cookie `Secure` (behind HTTPS).
    pub secure_cookie: bool,
    /// Whether reports count before the 督查室 accepts them, when the
    /// settings table cannot be read.
    pub review_policy: ReviewPolicy,
    pub thresholds: Thresholds,
    /// Fix "today" (tests, demos); `None` is the real date.
    pub today: Option<NaiveDate>,
}

impl Default for WebConfig {
    fn default() -> Self {
        WebConfig {
            session_ttl: chrono::Duration::hours(8),
            secure_cookie: false,
            review_policy: ReviewPolicy::default(),
            thresholds: Thresholds::default(),
            today: None,
        }
    }
}

/// An uploaded document awaiting the user's corrections.
pub struct PendingImport {
    pub user_id: i64,
    pub created: Instant,
    pub text: luoshi_text::PlainText,
    pub extraction: Extraction,
}

/// Pending imports are dropped after this long.
pub const PENDING_IMPORT_TTL: Duration = Duration::from_secs(60 * 60);

pub struct AppState {
    pub store: Store,
    pub config: WebConfig,
    pub limiter: SignInLimiter,
    pub pending_imports: Mutex<HashMap<String, PendingImport>>,
    pub ingest: Option<IngestFn>,
    snapshot: RwLock<Arc<Snapshot>>,
    /// The change counter the current snapshot was built at; `None` forces
    /// a rebuild before the next answer (this server just wrote).
    built_generation: Mutex<Option<i64>>,
    /// When the change counter was last asked for.
    checked_at: Mutex<Option<Instant>>,
    /// Serialises rebuilds.
    rebuilding: tokio::sync::Mutex<()>,
}

/// The database is asked whether anything changed at most this often:
/// changes made outside this server (the CLI) show within about a second.
pub const CHANGE_CHECK_INTERVAL: Duration = Duration::from_secs(1);

impl AppState {
    pub fn new(store: Store, config: WebConfig, ingest: Option<IngestFn>) -> Self {
        AppState {
            store,
            config,
            limiter: SignInLimiter::default(),
            pending_imports: Mutex::new(HashMap::new()),
            ingest,
            snapshot: RwLock::new(Arc::new(Snapshot::default())),
            built_generation: Mutex::new(None),
            checked_at: Mutex::new(None),
            rebuilding: tokio::sync::Mutex::new(()),
        }
    }

    pub fn today(&self) -> NaiveDate {
        self.config.today.unwrap_or_else(|| chrono::Local::now().date_naive())
    }

    fn current(&self) -> Arc<Snapshot> {
        self.snapshot.read().expect("snapshot lock").clone()
    }

    /// The change counter of the database: every change the store makes
    /// is written to the audit log, so its newest id moves with each one.
    async fn generation(&self) -> anyhow::Result<i64> {
        Ok(self.store.audit_log(None, 1).await?.first().map_or(0, |entry| entry.id))
    }

    fn usable(&self, snapshot: &Snapshot) -> bool {
        snapshot.today == Some(self.today()) && self.built_generation.lock().expect("generation lock").is_some()
    }

    async fn rebuild(&self) -> anyhow::Result<Arc<Snapshot>> {
        let _guard = self.rebuilding.lock().await;
        let generation = self.generation().await?;
        // Another request may have rebuilt it while this one waited.
        let current = self.current();
        if self.usable(&current) && *self.built_generation.lock().expect("generation lock") == Some(generation) {
            return Ok(current);
        }
        // Judging 100k tasks takes seconds of CPU: do it on a blocking thread
        // so that the async workers keep answering from the old snapshot.
        let (store, today, handle) = (self.store.clone(), self.today(), tokio::runtime::Handle::current());
        let built = tokio::task::spawn_blocking(move || handle.block_on(snapshot::build(&store, today)))
            .await
            .map_err(|e| anyhow::anyhow!("rebuilding the ledger snapshot failed: {e}"))??;
        let built = Arc::new(built);
        *self.snapshot.write().expect("snapshot lock") = built.clone();
        *self.built_generation.lock().expect("generation lock") = Some(generation);
        *self.checked_at.lock().expect("checked_at lock") = Some(Instant::now());
        Ok(built)
    }

    /// The judged ledger: rebuilt first after this server wrote or when the
    /// date changed; rebuilt in the background (the old one answering
    /// meanwhile) when the database changed otherwise.
    pub async fn snapshot(self: &Arc<Self>) -> anyhow::Result<Arc<Snapshot>> {
        let current = self.current();
        if !self.usable(&current) {
            return self.rebuild().await;
        }
        let due = {
            let mut checked = self.checked_at.lock().expect("checked_at lock");
            let due = checked.is_none_or(|at| at.elapsed() >= CHANGE_CHECK_INTERVAL);
            if due {
                *checked = Some(Instant::now());
            }
            due
        };
        if due {
            let generation = self.generation().await?;
            let built = *self.built_generation.lock().expect("generation lock");
            if built != Some(generation) && self.rebuilding.try_lock().is_ok() {
                let state = self.clone();
                tokio::spawn(async move {
                    if let Err(err) = state.rebuild().await {
                        eprintln!("luoshi-web: refreshing the ledger failed: {err:#}");
                    }
                });
            }
        }
        Ok(current)
    }

    /// After this server wrote something: the next read rebuilds first.
    pub async fn invalidate(&self) {
        *self.built_generation.lock().expect("generation lock") = None;
    }

    /// The office's review policy (settings table), else the configured default.
    pub async fn review_policy(&self) -> ReviewPolicy {
        self.store.review_policy().await.unwrap_or(self.config.review_policy)
    }

    /// The office's status thresholds (settings table), else the defaults.
    pub async fn thresholds(&self) -> Thresholds {
        self.store.thresholds().await.unwrap_or(self.config.thresholds)
    }

    /// A unit's name.
    pub async fn unit_name(&self, id: i64) -> anyhow::Result<Option<String>> {
        if let Some(name) = self.current().unit_names.get(&id) {
            return Ok(Some(name.clone()));
        }
        Ok(self.store.find_unit(&id.to_string()).await?.map(|u| u.name))
    }
}
