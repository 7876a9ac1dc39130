//! The published apps' lifecycle: publish (replace the container, keep the data), status with
//! usage, delete, quotas, idle reaping, OOM reports, and rediscovery after a service restart.
//!
//! What must survive a restart is on disk and in the engine, not in this process: each app's
//! `app.json` and `site/` under the state dir, its container (found again by label) and its data
//! volume.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use appbundle_containers::{
    AppImage, ContainerEngine, ContainerSpec, ContainerStatus, DockerEngine, EngineError, Limits,
    StartedContainer, Usage,
};
use futures_util::StreamExt;
use serde::{Deserialize, Serialize};
use tokio::sync::Mutex;

use crate::config::AppsConfig;

const LABEL_MANAGED: &str = "io.appbundle.managed";
const LABEL_APP: &str = "io.appbundle.app";
const LABEL_USER: &str = "io.appbundle.user";

/// What is kept of an app on disk (`<state>/apps/<id>/app.json`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AppRecord {
    pub app_id: String,
    pub user: String,
    pub limits: Limits,
    /// Unix seconds.
    pub published_at: u64,
    #[serde(skip)]
    pub running: Option<Running>,
    #[serde(skip)]
    pub last_active: Option<SystemTime>,
    #[serde(skip)]
    pub stopped_idle: bool,
    /// Processes the kernel killed for memory since this service started watching.
    #[serde(skip)]
    pub oom_kills: u32,
}

impl From<StartedContainer> for Running {
    fn from(started: StartedContainer) -> Self {
        Running {
            container_id: started.id,
            host_port: Some(started.host_port),
        }
    }
}

/// The app's container, as last known.
#[derive(Debug, Clone)]
pub struct Running {
    pub container_id: String,
    /// Its published port while it serves; `None` once it has crashed or exited.
    pub host_port: Option<u16>,
}

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("{0}")]
    Unauthorized(String),
    #[error("{0}")]
    Unavailable(String),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    Forbidden(String),
    #[error("{0}")]
    Quota(String),
    #[error("{0}")]
    BadRequest(String),
    #[error("{0}")]
    Internal(String),
}

impl From<EngineError> for AppError {
    fn from(error: EngineError) -> Self {
        match error {
            EngineError::Unreachable(e) => AppError::Unavailable(format!(
                "the container engine is unreachable ({e}); published apps are unavailable, the rest of the service works"
            )),
            other => AppError::Internal(other.to_string()),
        }
    }
}

/// What `GET /apps/{appId}` answers.
#[derive(Debug, Serialize)]
pub struct AppView {
    pub app_id: String,
    pub user: String,
    /// `running`, `stopped-idle`, `stopped`, `oom-killed`, `crashed`, `exited`, … (the engine's
    /// health check is in `health`).
    pub state: String,
    pub url: String,
    pub published_at: u64,
    pub started_at: Option<String>,
    pub last_active: Option<u64>,
    pub health: Option<String>,
    pub exit_code: Option<i64>,
    pub oom_kills: u32,
    pub limits: Limits,
    pub usage: Option<Usage>,
}

pub struct AppManager {
    config: AppsConfig,
    engine: Mutex<Option<Arc<dyn ContainerEngine>>>,
    apps: Mutex<HashMap<String, AppRecord>>,
    /// One publish or start at a time per service: quotas are counted without races.
    starting: Mutex<()>,
    http: hyper_util::client::legacy::Client<
        hyper_util::client::legacy::connect::HttpConnector,
        axum::body::Body,
    >,
}

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

fn unix(time: SystemTime) -> u64 {
    time.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

/// The `app.json` records under `apps_dir` (unreadable ones are skipped).
fn read_records(apps_dir: &std::path::Path) -> HashMap<String, AppRecord> {
    let Ok(entries) = std::fs::read_dir(apps_dir) else {
        return HashMap::new();
    };
    entries
        .flatten()
        .filter_map(|entry| std::fs::read(entry.path().join("app.json")).ok())
        .filter_map(|bytes| serde_json::from_slice::<AppRecord>(&bytes).ok())
        .map(|record| (record.app_id.clone(), record))
        .collect()
}

/// App ids become container, volume and folder names: lowercase letters, digits and `-`.
pub fn valid_app_id(id: &str) -> bool {
    (1..=63).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
}

impl AppManager {
    pub fn new(config: AppsConfig) -> AppManager {
        let http =
            hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
                .build_http();
        AppManager {
            config,
            engine: Mutex::new(None),
            apps: Mutex::new(HashMap::new()),
            starting: Mutex::new(()),
            http,
        }
    }

    pub fn config(&self) -> &AppsConfig {
        &self.config
    }

    pub fn http(
        &self,
    ) -> &hyper_util::client::legacy::Client<
        hyper_util::client::legacy::connect::HttpConnector,
        axum::body::Body,
    > {
        &self.http
    }

    fn app_dir(&self, app_id: &str) -> PathBuf {
        self.config.state_dir.join("apps").join(app_id)
    }

    pub fn site_dir(&self, app_id: &str) -> PathBuf {
        self.app_dir(app_id).join("site")
    }

    fn container_name(app_id: &str) -> String {
        format!("appbundle-app-{app_id}")
    }

    fn volume_name(app_id: &str) -> String {
        format!("appbundle-data-{app_id}")
    }

    /// The engine, connected on first use (and again after it was unreachable).
    pub async fn engine(&self) -> Result<Arc<dyn ContainerEngine>, AppError> {
        let mut engine = self.engine.lock().await;
        if let Some(engine) = engine.as_ref() {
            return Ok(engine.clone());
        }
        let connect = DockerEngine::connect(self.config.docker_host.as_deref());
        let connected = tokio::time::timeout(Duration::from_secs(5), connect)
            .await
            .map_err(|_| EngineError::Unreachable("no answer in 5 s".into()))??;
        connected.ping().await?;
        let connected: Arc<dyn ContainerEngine> = Arc::new(connected);
        *engine = Some(connected.clone());
        Ok(connected)
    }

    /// Reads every app's `app.json`, then finds their containers again by label.
    pub async fn rediscover(&self) -> Result<usize, AppError> {
        let apps_dir = self.config.state_dir.join("apps");
        let found = tokio::task::spawn_blocking(move || read_records(&apps_dir))
            .await
            .map_err(|e| AppError::Internal(e.to_string()))?;
        let count = found.len();
        // Known even while the engine is away: their next request starts them.
        {
            let mut apps = self.apps.lock().await;
            for (app_id, record) in found {
                apps.entry(app_id).or_insert(record);
            }
        }
        let containers = self.engine().await?.list(LABEL_MANAGED, "true").await?;
        let mut apps = self.apps.lock().await;
        for container in containers {
            let known = container
                .labels
                .get(LABEL_APP)
                .and_then(|app_id| apps.get_mut(app_id))
                .filter(|record| record.running.is_none());
            let Some(record) = known else {
                continue;
            };
            // A container that crashed or exited while we were away is kept, to report why.
            let host_port = container.host_port.filter(|_| container.running);
            if host_port.is_some() {
                record.last_active = Some(SystemTime::now());
            }
            record.running = Some(Running {
                container_id: container.id,
                host_port,
            });
        }
        Ok(count)
    }

    fn check_owner(record: &AppRecord, user: &str) -> Result<(), AppError> {
        if record.user == user {
            Ok(())
        } else {
            Err(AppError::Forbidden(format!(
                "app `{}` belongs to another user",
                record.app_id
            )))
        }
    }

    /// Refuses a start past the per-user or total number of running apps.
    fn check_quota(
        &self,
        apps: &HashMap<String, AppRecord>,
        user: &str,
        app_id: &str,
    ) -> Result<(), AppError> {
        let running = |r: &&AppRecord| r.running.is_some() && r.app_id != app_id;
        let total = apps.values().filter(running).count();
        let mine = apps
            .values()
            .filter(running)
            .filter(|r| r.user == user)
            .count();
        if mine >= self.config.max_apps_per_user {
            return Err(AppError::Quota(format!(
                "user `{user}` already runs {mine} apps, the most allowed per user ({}): delete one first",
                self.config.max_apps_per_user
            )));
        }
        if total >= self.config.max_apps_total {
            return Err(AppError::Quota(format!(
                "the service already runs {total} apps, the most it allows ({}): try again later",
                self.config.max_apps_total
            )));
        }
        Ok(())
    }

    /// Publishes `site` (a folder written by the caller) as `app_id`: the folder replaces the
    /// app's site, a new container replaces the old one, the data volume stays.
    pub async fn publish(
        &self,
        user: &str,
        app_id: &str,
        limits: Limits,
        new_site: PathBuf,
    ) -> Result<AppView, AppError> {
        let engine = self.engine().await?;
        let _one_at_a_time = self.starting.lock().await;
        let previous = {
            let apps = self.apps.lock().await;
            if let Some(existing) = apps.get(app_id) {
                Self::check_owner(existing, user)?;
            }
            self.check_quota(&apps, user, app_id)?;
            apps.get(app_id).cloned()
        };
        let image = self.prepare(&*engine).await?;
        if let Some(Running { container_id, .. }) = previous.and_then(|p| p.running) {
            engine.remove(&container_id).await?;
        }
        let site = self.site_dir(app_id);
        if tokio::fs::try_exists(&site).await.unwrap_or(false) {
            tokio::fs::remove_dir_all(&site)
                .await
                .map_err(|e| AppError::Internal(format!("replacing the site: {e}")))?;
        }
        tokio::fs::rename(&new_site, &site)
            .await
            .map_err(|e| AppError::Internal(format!("replacing the site: {e}")))?;
        let record = AppRecord {
            app_id: app_id.to_string(),
            user: user.to_string(),
            limits,
            published_at: unix_now(),
            running: None,
            last_active: None,
            stopped_idle: false,
            oom_kills: 0,
        };
        let json =
            serde_json::to_vec_pretty(&record).map_err(|e| AppError::Internal(e.to_string()))?;
        tokio::fs::write(self.app_dir(app_id).join("app.json"), json)
            .await
            .map_err(|e| AppError::Internal(format!("writing app.json: {e}")))?;
        let started = self.start_container(&*engine, &image, &record).await;
        let mut apps = self.apps.lock().await;
        let entry = apps.entry(app_id.to_string()).or_insert(record);
        let running = match started {
            Ok(started) => Running::from(started),
            Err(e) => {
                // The old container is gone: say so rather than route to it.
                entry.running = None;
                return Err(e);
            }
        };
        entry.running = Some(running);
        entry.last_active = Some(SystemTime::now());
        entry.stopped_idle = false;
        entry.published_at = unix_now();
        entry.limits = limits;
        let view = Self::view_of(entry, None, None);
        Ok(view)
    }

    /// The app image (built if needed) and the apps' network: what any container start needs.
    async fn prepare(&self, engine: &dyn ContainerEngine) -> Result<String, AppError> {
        let image = match &self.config.image {
            Some(image) => image.clone(),
            None => AppImage::current()?,
        };
        let image = engine.ensure_image(&image).await?;
        engine.ensure_network(&self.config.network).await?;
        Ok(image)
    }

    async fn start_container(
        &self,
        engine: &dyn ContainerEngine,
        image: &str,
        record: &AppRecord,
    ) -> Result<StartedContainer, AppError> {
        let app_id = &record.app_id;
        let labels = HashMap::from([
            (LABEL_MANAGED.to_string(), "true".to_string()),
            (LABEL_APP.to_string(), app_id.clone()),
            (LABEL_USER.to_string(), record.user.clone()),
        ]);
        let volume = Self::volume_name(app_id);
        engine.ensure_volume(&volume, labels.clone()).await?;
        let site_dir = tokio::fs::canonicalize(self.site_dir(app_id))
            .await
            .map_err(|e| AppError::Internal(format!("site of {app_id}: {e}")))?;
        let spec = ContainerSpec {
            name: Self::container_name(app_id),
            image: image.to_string(),
            labels,
            limits: record.limits,
            network: self.config.network.clone(),
            site_dir,
            data_volume: volume,
        };
        let started = engine.start(&spec).await?;
        // Answer once the app serves: the URL works as soon as publish returns.
        let url = format!("http://127.0.0.1:{}/healthz", started.host_port);
        let deadline = tokio::time::Instant::now() + self.config.ready_timeout;
        loop {
            if crate::app_server::probe(&url).await.is_ok() {
                break;
            }
            if tokio::time::Instant::now() > deadline {
                let status = engine.status(&started.id).await.ok();
                return Err(AppError::Internal(format!(
                    "app `{app_id}` did not answer within {:?} (container state: {})",
                    self.config.ready_timeout,
                    status.map_or("unknown".into(), |s| s.state)
                )));
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        Ok(started)
    }

    fn view_of(
        record: &AppRecord,
        status: Option<&ContainerStatus>,
        usage: Option<Usage>,
    ) -> AppView {
        let state = match (status, record.running.is_some(), record.stopped_idle) {
            (_, false, true) => "stopped-idle".to_string(),
            (_, false, false) => "stopped".to_string(),
            (Some(s), _, _) if s.oom_killed => "oom-killed".to_string(),
            (Some(s), _, _) if !s.running && s.exit_code.is_some_and(|c| c != 0) => {
                "crashed".to_string()
            }
            (Some(s), _, _) => s.state.clone(),
            (None, true, _) => "running".to_string(),
        };
        AppView {
            app_id: record.app_id.clone(),
            user: record.user.clone(),
            state,
            url: format!("/apps/{}/", record.app_id),
            published_at: record.published_at,
            started_at: status.and_then(|s| s.started_at.clone()),
            last_active: record.last_active.map(unix),
            health: status.and_then(|s| s.health.clone()),
            exit_code: status.and_then(|s| s.exit_code),
            oom_kills: record.oom_kills,
            limits: record.limits,
            usage,
        }
    }

    /// A copy of `user`'s app `app_id`.
    async fn owned(&self, user: &str, app_id: &str) -> Result<AppRecord, AppError> {
        let record = self
            .apps
            .lock()
            .await
            .get(app_id)
            .cloned()
            .ok_or_else(|| AppError::NotFound(format!("no app `{app_id}`")))?;
        Self::check_owner(&record, user)?;
        Ok(record)
    }

    /// State, times and usage of one app.
    pub async fn get(&self, user: &str, app_id: &str) -> Result<AppView, AppError> {
        let record = self.owned(user, app_id).await?;
        let Some(running) = &record.running else {
            return Ok(Self::view_of(&record, None, None));
        };
        let engine = self.engine().await?;
        let status = engine.status(&running.container_id).await?;
        let usage = if status.running {
            engine.usage(&running.container_id).await.ok()
        } else {
            None
        };
        Ok(Self::view_of(&record, Some(&status), usage))
    }

    pub async fn list(&self, user: &str) -> Vec<AppView> {
        let apps = self.apps.lock().await;
        let mut views: Vec<AppView> = apps
            .values()
            .filter(|r| r.user == user)
            .map(|r| Self::view_of(r, None, None))
            .collect();
        views.sort_by(|a, b| a.app_id.cmp(&b.app_id));
        views
    }

    /// Stops and removes the app; `purge` also deletes its data and files.
    pub async fn delete(&self, user: &str, app_id: &str, purge: bool) -> Result<(), AppError> {
        let record = self.owned(user, app_id).await?;
        let engine = self.engine().await?;
        if let Some(running) = &record.running {
            engine.remove(&running.container_id).await?;
        }
        engine.remove(&Self::container_name(app_id)).await?;
        if purge {
            engine.remove_volume(&Self::volume_name(app_id)).await?;
            let _ = tokio::fs::remove_dir_all(self.app_dir(app_id)).await;
        } else {
            let _ = tokio::fs::remove_file(self.app_dir(app_id).join("app.json")).await;
        }
        self.apps.lock().await.remove(app_id);
        Ok(())
    }

    /// Where to send a visitor's request: the running app's port, starting an idle-stopped app
    /// again (within the quotas). Counts as activity.
    pub async fn route(&self, app_id: &str) -> Result<u16, AppError> {
        {
            let mut apps = self.apps.lock().await;
            let record = apps
                .get_mut(app_id)
                .ok_or_else(|| AppError::NotFound(format!("no app `{app_id}`")))?;
            record.last_active = Some(SystemTime::now());
            if let Some(running) = &record.running {
                return running.host_port.ok_or_else(|| {
                    AppError::Unavailable(format!(
                        "app `{app_id}` is not running (see GET /apps/{app_id}); publish it again"
                    ))
                });
            }
        }
        // Stopped for idleness: start it again.
        let engine = self.engine().await?;
        let _one_at_a_time = self.starting.lock().await;
        let record = {
            let apps = self.apps.lock().await;
            let record = apps
                .get(app_id)
                .cloned()
                .ok_or_else(|| AppError::NotFound(format!("no app `{app_id}`")))?;
            if let Some(port) = record.running.as_ref().and_then(|r| r.host_port) {
                return Ok(port);
            }
            self.check_quota(&apps, &record.user, app_id)?;
            record
        };
        let image = self.prepare(&*engine).await?;
        let started = self.start_container(&*engine, &image, &record).await?;
        let port = started.host_port;
        let running = Running::from(started);
        if let Some(record) = self.apps.lock().await.get_mut(app_id) {
            record.running = Some(running);
            record.stopped_idle = false;
            record.last_active = Some(SystemTime::now());
        }
        Ok(port)
    }

    /// Stops the containers of apps idle for longer than the idle timeout.
    pub async fn sweep(&self) -> Result<usize, AppError> {
        let now = SystemTime::now();
        let idle: Vec<(String, String)> = self
            .apps
            .lock()
            .await
            .values()
            .filter_map(|r| {
                let running = r.running.as_ref()?;
                let since = now.duration_since(r.last_active?).unwrap_or_default();
                (since > self.config.idle_timeout)
                    .then(|| (r.app_id.clone(), running.container_id.clone()))
            })
            .collect();
        if idle.is_empty() {
            return Ok(0);
        }
        let engine = self.engine().await?;
        for (app_id, container) in &idle {
            engine.remove(container).await?;
            if let Some(record) = self.apps.lock().await.get_mut(app_id) {
                record.running = None;
                record.stopped_idle = true;
            }
            tracing::info!(app = %app_id, "stopped an idle app");
        }
        Ok(idle.len())
    }

    /// Counts OOM kills per app from the engine's events, for as long as the service runs.
    async fn watch_oom(self: Arc<Self>) {
        loop {
            if let Ok(engine) = self.engine().await {
                let mut events = engine.oom_events();
                while let Some(event) = events.next().await {
                    let Ok(container) = event else { break };
                    let mut apps = self.apps.lock().await;
                    if let Some(record) = apps.values_mut().find(|r| {
                        r.running
                            .as_ref()
                            .is_some_and(|run| run.container_id == container)
                    }) {
                        record.oom_kills += 1;
                        tracing::warn!(app = %record.app_id, "a process was killed for memory");
                    }
                }
            }
            tokio::time::sleep(Duration::from_secs(5)).await;
        }
    }

    /// Rediscovers the apps, then sweeps idle ones and watches OOM kills in the background.
    pub fn spawn_background(self: &Arc<Self>) {
        let manager = self.clone();
        tokio::spawn(async move {
            match manager.rediscover().await {
                Ok(count) => tracing::info!(count, "published apps rediscovered"),
                Err(e) => tracing::warn!(error = %e, "published apps not rediscovered yet"),
            }
            tokio::spawn(manager.clone().watch_oom());
            let mut tick = tokio::time::interval(manager.config.sweep_interval);
            tick.tick().await;
            loop {
                tick.tick().await;
                if let Err(e) = manager.sweep().await {
                    tracing::warn!(error = %e, "idle sweep failed");
                }
            }
        });
    }
}
