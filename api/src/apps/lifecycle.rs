//! The published apps' lifecycle: publish (replace the container, keep the data), start with
//! its readiness wait, status with usage, delete, routing a visitor (restarting an idle-stopped
//! app), and rediscovery after a service restart. The engine is a [`ContainerEngine`]: Docker in
//! the service, an in-memory one in this crate's unit tests.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use appbundle_containers::{
    AppImage, ContainerEngine, ContainerSpec, DockerEngine, EngineError, Limits, StartedContainer,
};
use tokio::sync::Mutex;

use super::error::AppError;
use super::pressure::{HostCapacity, Pressure};
use super::quota::{check_owner, RunningQuota};
use super::records::{
    read_records, unix_now, AppPaths, AppRecord, Running, LABEL_APP, LABEL_MANAGED,
};
use super::view::{view_of, AppView};
use crate::config::AppsConfig;

/// The service's published apps.
pub struct AppManager {
    pub(super) config: AppsConfig,
    paths: AppPaths,
    engine: Mutex<Option<Arc<dyn ContainerEngine>>>,
    pub(super) apps: Mutex<HashMap<String, AppRecord>>,
    /// One publish or start at a time per service: quotas are counted without races.
    starting: Mutex<()>,
    /// What the host can give the apps, and the last sample of what they use.
    capacity: HostCapacity,
    pressure: std::sync::Mutex<Pressure>,
}

impl AppManager {
    /// Apps on the Docker engine of `config`, connected on first use.
    pub fn new(config: AppsConfig) -> AppManager {
        AppManager::on(config, None)
    }

    /// Apps on `engine` (the unit tests' in-memory one, or another engine).
    pub fn with_engine(config: AppsConfig, engine: Arc<dyn ContainerEngine>) -> AppManager {
        AppManager::on(config, Some(engine))
    }

    fn on(config: AppsConfig, engine: Option<Arc<dyn ContainerEngine>>) -> AppManager {
        AppManager {
            paths: AppPaths::new(&config.state_dir),
            engine: Mutex::new(engine),
            apps: Mutex::new(HashMap::new()),
            starting: Mutex::new(()),
            capacity: config.host_capacity.unwrap_or_else(HostCapacity::detect),
            pressure: std::sync::Mutex::new(Pressure::default()),
            config,
        }
    }

    /// The configuration the manager runs with.
    pub fn config(&self) -> &AppsConfig {
        &self.config
    }

    /// The app's static files (publish stages a new site beside it).
    pub fn site_dir(&self, app_id: &str) -> PathBuf {
        self.paths.site_dir(app_id)
    }

    fn quota(&self) -> RunningQuota {
        RunningQuota {
            per_user: self.config.max_apps_per_user,
            total: self.config.max_apps_total,
            retry_after: self.config.sweep_interval.as_secs().max(1),
        }
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
        let apps_dir = self.paths.apps_dir();
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

    /// Publishes `new_site` (a folder written by the caller) as `app_id`: the folder replaces
    /// the app's site, a new container replaces the old one, the data volume stays.
    pub async fn publish(
        &self,
        user: &str,
        app_id: &str,
        limits: Limits,
        egress: Vec<String>,
        new_site: PathBuf,
    ) -> Result<AppView, AppError> {
        let engine = self.engine().await?;
        let _one_at_a_time = self.starting.lock().await;
        let previous = {
            let apps = self.apps.lock().await;
            if let Some(existing) = apps.get(app_id) {
                check_owner(existing, user)?;
            }
            self.quota().check(&apps, user, app_id)?;
            let replaces_running = apps.get(app_id).is_some_and(|r| r.running.is_some());
            if !replaces_running {
                self.check_pressure()?;
            }
            apps.get(app_id).cloned()
        };
        let image = self.prepare(&*engine).await?;
        if let Some(Running { container_id, .. }) = previous.and_then(|p| p.running) {
            engine.remove(&container_id).await?;
        }
        let site = self.paths.site_dir(app_id);
        if tokio::fs::try_exists(&site).await.unwrap_or(false) {
            tokio::fs::remove_dir_all(&site)
                .await
                .map_err(|e| AppError::Internal(format!("replacing the site: {e}")))?;
        }
        tokio::fs::rename(&new_site, &site)
            .await
            .map_err(|e| AppError::Internal(format!("replacing the site: {e}")))?;
        let mut record = AppRecord::new(app_id, user, limits);
        record.egress = egress.clone();
        let json =
            serde_json::to_vec_pretty(&record).map_err(|e| AppError::Internal(e.to_string()))?;
        tokio::fs::write(self.paths.record_file(app_id), json)
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
        entry.egress = egress;
        Ok(view_of(entry, None, None))
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

    /// Starts `record`'s container and waits until its app server answers.
    async fn start_container(
        &self,
        engine: &dyn ContainerEngine,
        image: &str,
        record: &AppRecord,
    ) -> Result<StartedContainer, AppError> {
        let app_id = &record.app_id;
        let labels = record.labels();
        let volume = AppPaths::volume_name(app_id);
        engine.ensure_volume(&volume, labels.clone()).await?;
        let site_dir = tokio::fs::canonicalize(self.paths.site_dir(app_id))
            .await
            .map_err(|e| AppError::Internal(format!("site of {app_id}: {e}")))?;
        let spec = ContainerSpec {
            name: AppPaths::container_name(app_id),
            image: image.to_string(),
            labels,
            limits: record.limits,
            network: self.config.network.clone(),
            site_dir,
            data_volume: volume,
            app_args: self.config.data_limits.app_server_args(),
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

    /// A copy of `user`'s app `app_id`.
    async fn owned(&self, user: &str, app_id: &str) -> Result<AppRecord, AppError> {
        let record = self
            .apps
            .lock()
            .await
            .get(app_id)
            .cloned()
            .ok_or_else(|| AppError::NotFound(format!("no app `{app_id}`")))?;
        check_owner(&record, user)?;
        Ok(record)
    }

    /// State, times and usage of one app.
    pub async fn get(&self, user: &str, app_id: &str) -> Result<AppView, AppError> {
        let record = self.owned(user, app_id).await?;
        let Some(running) = &record.running else {
            return Ok(view_of(&record, None, None));
        };
        let engine = self.engine().await?;
        let status = engine.status(&running.container_id).await?;
        let usage = if status.running {
            engine.usage(&running.container_id).await.ok()
        } else {
            None
        };
        Ok(view_of(&record, Some(&status), usage))
    }

    /// `user`'s apps, by id.
    pub async fn list(&self, user: &str) -> Vec<AppView> {
        let apps = self.apps.lock().await;
        let mut views: Vec<AppView> = apps
            .values()
            .filter(|r| r.user == user)
            .map(|r| view_of(r, None, None))
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
        engine.remove(&AppPaths::container_name(app_id)).await?;
        if purge {
            engine.remove_volume(&AppPaths::volume_name(app_id)).await?;
            let _ = tokio::fs::remove_dir_all(self.paths.app_dir(app_id)).await;
        } else {
            let _ = tokio::fs::remove_file(self.paths.record_file(app_id)).await;
        }
        self.apps.lock().await.remove(app_id);
        Ok(())
    }

    /// The last sample of the apps' CPU and memory against the host's.
    pub fn pressure(&self) -> Pressure {
        *self.pressure.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn check_pressure(&self) -> Result<(), AppError> {
        self.pressure().check_start(
            self.config.pressure_threshold,
            self.config.pressure_interval,
        )
    }

    /// Reads every running container's usage from the engine and keeps the sum as the
    /// host's pressure; logs when it passes the threshold and when it falls back.
    pub async fn sample_pressure(&self) -> Result<Pressure, AppError> {
        let containers: Vec<String> = self
            .apps
            .lock()
            .await
            .values()
            .filter_map(|r| r.running.as_ref().filter(|run| run.host_port.is_some()))
            .map(|run| run.container_id.clone())
            .collect();
        let engine = self.engine().await?;
        let mut usages = Vec::with_capacity(containers.len());
        for container in &containers {
            // A container that went away between the list and its reading counts for nothing.
            if let Ok(usage) = engine.usage(container).await {
                usages.push((usage.cpu_percent, usage.memory_bytes));
            }
        }
        let sample = Pressure::of(&usages, self.capacity, self.config.pressure_threshold);
        let before = std::mem::replace(
            &mut *self.pressure.lock().unwrap_or_else(|p| p.into_inner()),
            sample,
        );
        if sample.over && !before.over {
            tracing::warn!(
                cpu = sample.cpu_ratio,
                memory = sample.memory_ratio,
                containers = sample.containers,
                "the host is under pressure: new app starts are refused"
            );
        } else if before.over && !sample.over {
            tracing::info!("host pressure fell: app starts resume");
        }
        Ok(sample)
    }

    /// The hosts the app may reach through `SandboxAPI.fetch`.
    pub async fn egress_of(&self, app_id: &str) -> Result<Vec<String>, AppError> {
        self.apps
            .lock()
            .await
            .get(app_id)
            .map(|record| record.egress.clone())
            .ok_or_else(|| AppError::NotFound(format!("no app `{app_id}`")))
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
            self.quota().check(&apps, &record.user, app_id)?;
            self.check_pressure()?;
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::apps::memory_engine::MemoryEngine;

    struct Fixture {
        engine: Arc<MemoryEngine>,
        manager: Arc<AppManager>,
        state_dir: PathBuf,
    }

    impl Drop for Fixture {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.state_dir);
        }
    }

    fn fixture(name: &str, tune: impl FnOnce(&mut AppsConfig)) -> Fixture {
        let state_dir =
            std::env::temp_dir().join(format!("appbundle-lifecycle-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&state_dir);
        let mut config = AppsConfig {
            state_dir: state_dir.clone(),
            ready_timeout: Duration::from_secs(5),
            ..AppsConfig::default()
        };
        tune(&mut config);
        let engine = Arc::new(MemoryEngine::default());
        let manager = Arc::new(AppManager::with_engine(config, engine.clone()));
        Fixture {
            engine,
            manager,
            state_dir,
        }
    }

    impl Fixture {
        /// A staged site, as the publish handler writes it.
        fn staged_site(&self, app_id: &str) -> PathBuf {
            let staged = self.state_dir.join(format!("staged-{app_id}-{}", uuid()));
            std::fs::create_dir_all(&staged).unwrap();
            std::fs::write(staged.join("index.html"), "<!doctype html>").unwrap();
            std::fs::create_dir_all(self.manager.paths.app_dir(app_id)).unwrap();
            staged
        }

        async fn publish(&self, user: &str, app_id: &str) -> Result<AppView, AppError> {
            let site = self.staged_site(app_id);
            self.manager
                .publish(user, app_id, Limits::default(), Vec::new(), site)
                .await
        }

        fn container(&self, app_id: &str) -> String {
            self.engine
                .id_of(&AppPaths::container_name(app_id))
                .expect("the app has a container")
        }
    }

    fn uuid() -> String {
        format!("{:x}", rand_u64())
    }

    fn rand_u64() -> u64 {
        use std::hash::{BuildHasher, Hasher};
        let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
        hasher.write_u64(unix_now());
        hasher.finish()
    }

    #[tokio::test]
    async fn publish_waits_for_the_app_and_keeps_its_record_on_disk() {
        let f = fixture("publish", |_| {});
        let view = f.publish("alice", "notes").await.expect("published");
        assert_eq!(view.state, "running");
        assert_eq!(view.url, "/apps/notes/");
        assert_eq!(f.engine.running(), ["appbundle-app-notes"]);
        assert_eq!(f.engine.volumes(), ["appbundle-data-notes"]);
        let on_disk = read_records(&f.manager.paths.apps_dir());
        assert_eq!(on_disk["notes"].user, "alice");
        assert!(f.manager.site_dir("notes").join("index.html").is_file());
        // The route reaches the stand-in server, and counts as activity.
        let port = f.manager.route("notes").await.expect("routed");
        let probe = crate::app_server::probe(&format!("http://127.0.0.1:{port}/healthz")).await;
        assert!(probe.is_ok(), "{probe:?}");
        let view = f.manager.get("alice", "notes").await.unwrap();
        assert_eq!(view.health.as_deref(), Some("healthy"));
        assert_eq!(view.usage.map(|u| u.pids), Some(3));
        // Republishing replaces the container and keeps the volume.
        f.publish("alice", "notes").await.expect("republished");
        assert_eq!(f.engine.starts(), 2);
        assert_eq!(f.engine.running(), ["appbundle-app-notes"]);
        assert_eq!(f.engine.volumes(), ["appbundle-data-notes"]);
    }

    #[tokio::test]
    async fn quotas_refuse_the_next_start_per_user_and_in_total() {
        let f = fixture("quotas", |c| {
            c.max_apps_per_user = 2;
            c.max_apps_total = 3;
        });
        f.publish("alice", "a1").await.unwrap();
        f.publish("alice", "a2").await.unwrap();
        let refused = f.publish("alice", "a3").await.unwrap_err();
        assert!(
            matches!(refused, AppError::Quota { ref message, .. } if message.contains("per user (2)")),
            "{refused}"
        );
        // Republishing a running app is not a new one.
        f.publish("alice", "a2").await.unwrap();
        f.publish("bob", "b1").await.unwrap();
        let refused = f.publish("bob", "b2").await.unwrap_err();
        assert!(
            matches!(refused, AppError::Quota { ref message, .. } if message.contains("it allows (3)")),
            "{refused}"
        );
        assert_eq!(f.engine.running().len(), 3);
        // Deleting one makes room.
        f.manager.delete("alice", "a1", false).await.unwrap();
        f.publish("bob", "b2").await.unwrap();
    }

    #[tokio::test]
    async fn new_starts_wait_while_the_host_is_under_pressure() {
        // The stand-in containers use 20 MB each: two are over 80 % of 45 MB.
        let f = fixture("pressure", |c| {
            c.host_capacity = Some(HostCapacity {
                cpus: 2.0,
                memory_bytes: 45 << 20,
            });
        });
        f.publish("alice", "a1").await.unwrap();
        assert!(!f.manager.sample_pressure().await.unwrap().over);
        f.publish("alice", "a2").await.unwrap();
        let sample = f.manager.sample_pressure().await.unwrap();
        assert!(sample.over && sample.containers == 2, "{sample:?}");
        match f.publish("bob", "b1").await {
            Err(AppError::Busy {
                message,
                retry_after,
            }) => {
                assert_eq!(retry_after, 10);
                assert!(message.contains("89 % of its memory"), "{message}");
            }
            other => panic!("expected Busy, got {other:?}"),
        }
        // Replacing a running app adds no container: allowed.
        f.publish("alice", "a1").await.unwrap();
        f.manager.delete("alice", "a2", false).await.unwrap();
        assert!(!f.manager.sample_pressure().await.unwrap().over);
        f.publish("bob", "b1").await.unwrap();
    }

    #[tokio::test]
    async fn another_user_can_neither_see_nor_replace_nor_delete_an_app() {
        let f = fixture("owners", |_| {});
        f.publish("alice", "notes").await.unwrap();
        assert!(matches!(
            f.manager.get("bob", "notes").await,
            Err(AppError::Forbidden(_))
        ));
        assert!(matches!(
            f.publish("bob", "notes").await,
            Err(AppError::Forbidden(_))
        ));
        assert!(matches!(
            f.manager.delete("bob", "notes", true).await,
            Err(AppError::Forbidden(_))
        ));
        assert!(f.manager.list("bob").await.is_empty());
        assert_eq!(f.manager.list("alice").await.len(), 1);
        assert!(matches!(
            f.manager.get("alice", "missing").await,
            Err(AppError::NotFound(_))
        ));
        assert_eq!(f.engine.running(), ["appbundle-app-notes"]);
    }

    #[tokio::test]
    async fn a_crashed_or_oom_killed_app_reads_so_and_is_not_routed_to() {
        let f = fixture("crashes", |_| {});
        f.publish("alice", "crashy").await.unwrap();
        f.publish("alice", "hungry").await.unwrap();
        f.engine.exit(&f.container("crashy"), 1);
        f.engine.oom_kill(&f.container("hungry"));
        let crashed = f.manager.get("alice", "crashy").await.unwrap();
        assert_eq!(crashed.state, "crashed");
        assert_eq!(crashed.exit_code, Some(1));
        assert!(crashed.usage.is_none());
        assert_eq!(
            f.manager.get("alice", "hungry").await.unwrap().state,
            "oom-killed"
        );
        // Rediscovered after a restart, the crashed container stays visible and unroutable.
        let config = f.manager.config().clone();
        let restarted = AppManager::with_engine(config, f.engine.clone());
        assert_eq!(restarted.rediscover().await.unwrap(), 2);
        assert_eq!(
            restarted.get("alice", "crashy").await.unwrap().state,
            "crashed"
        );
        assert!(matches!(
            restarted.route("crashy").await,
            Err(AppError::Unavailable(ref m)) if m.contains("publish it again")
        ));
    }

    #[tokio::test]
    async fn a_restarted_service_finds_its_running_apps_again() {
        let f = fixture("rediscover", |_| {});
        f.publish("alice", "notes").await.unwrap();
        let port = f.manager.route("notes").await.unwrap();
        let restarted = AppManager::with_engine(f.manager.config().clone(), f.engine.clone());
        assert_eq!(restarted.rediscover().await.unwrap(), 1);
        assert_eq!(restarted.route("notes").await.unwrap(), port);
        assert_eq!(
            restarted.get("alice", "notes").await.unwrap().state,
            "running"
        );
        assert_eq!(f.engine.starts(), 1, "nothing was started again");
    }

    #[tokio::test]
    async fn an_unreachable_engine_is_unavailable_not_internal() {
        let f = fixture("unreachable", |_| {});
        f.publish("alice", "notes").await.unwrap();
        f.engine.set_unreachable(true);
        let refused = f.publish("alice", "other").await.unwrap_err();
        assert!(matches!(refused, AppError::Unavailable(ref m) if m.contains("unreachable")));
        assert!(matches!(
            f.manager.get("alice", "notes").await,
            Err(AppError::Unavailable(_))
        ));
        // What is known without the engine still answers.
        assert_eq!(f.manager.list("alice").await.len(), 1);
        f.engine.set_unreachable(false);
        assert_eq!(
            f.manager.get("alice", "notes").await.unwrap().state,
            "running"
        );
    }
}
