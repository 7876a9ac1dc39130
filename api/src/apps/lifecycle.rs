//! The published apps' lifecycle: publish (replace the container, keep the data), start with
//! its readiness wait, status with usage, delete, routing a visitor (restarting an idle-stopped
//! app), rediscovery after a service restart, and recovery of apps whose container stopped
//! without crashing (the engine restarted). The engine is a [`ContainerEngine`]: Docker in the
//! service, an in-memory one in this crate's unit tests.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use appbundle_containers::{
    AppImage, ContainerEngine, ContainerSpec, DockerEngine, EngineError, Limits, StartedContainer,
    STOP_GRACE,
};
use tokio::sync::Mutex;

use super::error::AppError;
use super::pressure::{HostCapacity, Pressure};
use super::quota::{check_owner, RunningQuota};
use super::records::{
    new_site_name, read_records, remove_leftovers, write_record, AppPaths, AppRecord, Running,
    LABEL_APP, LABEL_MANAGED,
};
use super::view::{stopped_cleanly, view_of, AppView};
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
    /// Folders left by publishes before this time are leftovers of an earlier process.
    created_at: SystemTime,
    /// False while the rediscovery at start runs: until it has found the running containers,
    /// a visitor's request would start a second one for the same app.
    rediscovered: tokio::sync::watch::Sender<bool>,
    /// Apps whose container a publish is replacing: their visitors wait for the new one
    /// instead of reaching the old one as it stops.
    swapping: std::sync::Mutex<HashSet<String>>,
}

/// Marks an app as being swapped while it lives.
struct Swap<'a> {
    apps: &'a std::sync::Mutex<HashSet<String>>,
    app_id: String,
}

impl<'a> Swap<'a> {
    fn begin(apps: &'a std::sync::Mutex<HashSet<String>>, app_id: &str) -> Swap<'a> {
        let app_id = app_id.to_string();
        lock(apps).insert(app_id.clone());
        Swap { apps, app_id }
    }
}

impl Drop for Swap<'_> {
    fn drop(&mut self) {
        lock(self.apps).remove(&self.app_id);
    }
}

fn lock<T>(mutex: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|p| p.into_inner())
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
            created_at: SystemTime::now(),
            rediscovered: tokio::sync::watch::Sender::new(true),
            swapping: std::sync::Mutex::default(),
            config,
        }
    }

    /// The configuration the manager runs with.
    pub fn config(&self) -> &AppsConfig {
        &self.config
    }

    /// A new folder for `app_id`'s next site, beside the one it serves.
    pub fn staging_dir(&self, app_id: &str) -> PathBuf {
        self.paths.staging_dir(app_id)
    }

    /// The folder of the site `app_id` serves.
    pub async fn site_dir(&self, app_id: &str) -> Option<PathBuf> {
        let apps = self.apps.lock().await;
        apps.get(app_id).map(|record| self.paths.site_dir(record))
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

    /// Holds routing, publishing and recovery until [`AppManager::rediscover`] has run (called
    /// before it is spawned at start).
    pub(super) fn hold_until_rediscovered(&self) {
        self.rediscovered.send_replace(false);
    }

    /// Routing, publishing and recovery may go on.
    pub(super) fn release_rediscovered(&self) {
        self.rediscovered.send_replace(true);
    }

    async fn rediscovery_done(&self) {
        let mut done = self.rediscovered.subscribe();
        // The sender lives as long as `self`.
        let _ = done.wait_for(|done| *done).await;
    }

    /// Reads every app's `app.json` (removing what interrupted publishes left), then finds
    /// their containers again by label.
    pub async fn rediscover(&self) -> Result<usize, AppError> {
        let paths = self.paths.clone();
        let before = self.created_at;
        let found = tokio::task::spawn_blocking(move || {
            let found = read_records(&paths.apps_dir());
            let removed: usize = found
                .values()
                .map(|r| remove_leftovers(&paths.app_dir(&r.app_id), &r.site, before))
                .sum();
            if removed > 0 {
                tracing::info!(removed, "removed what interrupted publishes left");
            }
            found
        })
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
        let engine = self.engine().await?;
        let containers = engine.list(LABEL_MANAGED, "true").await?;
        for container in containers {
            // A container that stopped cleanly, or that a publish the service did not live to
            // finish left starting (running by now, its port not listed), is left for the next
            // visitor to start afresh; one that crashed is kept, to report why.
            if !container.running {
                let status = engine.status(&container.id).await?;
                if status.running || stopped_cleanly(&status) {
                    continue;
                }
            }
            let mut apps = self.apps.lock().await;
            let known = container
                .labels
                .get(LABEL_APP)
                .and_then(|app_id| apps.get_mut(app_id))
                .filter(|record| record.running.is_none());
            let Some(record) = known else {
                continue;
            };
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
        self.rediscovery_done().await;
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
        // The new site gets a folder of its own: the old one stays whole until the new record
        // is committed, so a crash at any step leaves one of the two versions to serve.
        let mut record = AppRecord::new(app_id, user, limits, &new_site_name());
        record.egress = egress;
        let site = self.paths.site_dir(&record);
        // From here until the new container answers, visitors wait (see `route`).
        let _swap = Swap::begin(&self.swapping, app_id);
        let committed = self
            .replace(&*engine, previous.as_ref(), &new_site, &record)
            .await;
        if let Err(e) = committed {
            let _ = tokio::fs::remove_dir_all(&site).await;
            return Err(e);
        }
        if let Some(old) = previous.as_ref().filter(|old| old.site != record.site) {
            let _ = tokio::fs::remove_dir_all(self.paths.site_dir(old)).await;
        }
        record.oom_kills = previous.map_or(0, |old| old.oom_kills);
        self.apps
            .lock()
            .await
            .insert(app_id.to_string(), record.clone());
        // Should this fail, the record stays without a container: the next visitor starts it.
        let started = self.start_container(&*engine, &image, &record).await?;
        let mut apps = self.apps.lock().await;
        let entry = apps.entry(app_id.to_string()).or_insert(record);
        entry.running = Some(Running::from(started));
        entry.last_active = Some(SystemTime::now());
        entry.stopped_idle = false;
        Ok(view_of(entry, None, None))
    }

    /// Moves the staged site into the record's folder, removes the old container and commits
    /// the record (one rename of `app.json`).
    async fn replace(
        &self,
        engine: &dyn ContainerEngine,
        previous: Option<&AppRecord>,
        staged: &std::path::Path,
        record: &AppRecord,
    ) -> Result<(), AppError> {
        let internal = |what: &str, e: std::io::Error| AppError::Internal(format!("{what}: {e}"));
        tokio::fs::rename(staged, self.paths.site_dir(record))
            .await
            .map_err(|e| internal("placing the new site", e))?;
        if let Some(Running { container_id, .. }) = previous.and_then(|p| p.running.as_ref()) {
            engine.remove(container_id).await?;
        }
        let paths = self.paths.clone();
        let to_write = record.clone();
        tokio::task::spawn_blocking(move || write_record(&paths, &to_write))
            .await
            .map_err(|e| AppError::Internal(e.to_string()))?
            .map_err(|e| internal("writing app.json", e))
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
        let site_dir = tokio::fs::canonicalize(self.paths.site_dir(record))
            .await
            .map_err(|e| AppError::Internal(format!("site of {app_id}: {e}")))?;
        let mut app_args = self.config.data_limits.app_server_args();
        app_args.extend(["--app-id".to_string(), app_id.clone()]);
        let spec = ContainerSpec {
            name: AppPaths::container_name(app_id),
            image: image.to_string(),
            labels,
            limits: record.limits,
            network: self.config.network.clone(),
            site_dir,
            data_volume: volume,
            app_args,
        };
        let started = engine.start(&spec).await?;
        // Answer once the app serves: the URL works as soon as publish returns. The probe names
        // the app, so another app's server on that port (it changed hands) does not pass it.
        let url = format!("http://127.0.0.1:{}/healthz", started.host_port);
        let deadline = tokio::time::Instant::now() + self.config.ready_timeout;
        loop {
            if crate::app_server::probe_for(&url, Some(app_id))
                .await
                .is_ok()
            {
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
        self.rediscovery_done().await;
        self.swap_done(app_id).await;
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
        self.start_again(app_id).await
    }

    /// Waits while a publish replaces `app_id`'s container: the publish holds `starting` until
    /// the new one answers (or it failed), a few seconds at most.
    async fn swap_done(&self, app_id: &str) {
        if lock(&self.swapping).contains(app_id) {
            // The old container's grace, a second's margin, and the new one's readiness.
            let wait = self.config.ready_timeout + STOP_GRACE + Duration::from_secs(1);
            let _ = tokio::time::timeout(wait, self.starting.lock()).await;
        }
    }

    /// Starts an app that has no container (stopped for idleness, or whose container stopped
    /// cleanly), within the quotas; answers its port.
    async fn start_again(&self, app_id: &str) -> Result<u16, AppError> {
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

    /// A copy of what the service knows of `app_id`'s container.
    async fn running_of(&self, app_id: &str) -> Result<Option<Running>, AppError> {
        let apps = self.apps.lock().await;
        let record = apps
            .get(app_id)
            .ok_or_else(|| AppError::NotFound(format!("no app `{app_id}`")))?;
        Ok(record.running.clone())
    }

    /// `app_id`'s port did not answer: reads its container's state and starts the app again
    /// when the container stopped cleanly or is gone (the engine restarted, an operator stopped
    /// it); a crashed one is marked so. Answers the port to try again.
    pub async fn recover(&self, app_id: &str) -> Result<u16, AppError> {
        self.rediscovery_done().await;
        let Some(running) = self.running_of(app_id).await? else {
            return self.route(app_id).await;
        };
        let engine = self.engine().await?;
        match engine.status(&running.container_id).await {
            Ok(status) if status.running => {
                return running
                    .host_port
                    .ok_or_else(|| AppError::Unavailable(format!("app `{app_id}` is not serving")))
            }
            Ok(status) if !stopped_cleanly(&status) => {
                self.mark_stopped(app_id, &running.container_id, false)
                    .await;
                return Err(AppError::Unavailable(format!(
                    "app `{app_id}` is not running (see GET /apps/{app_id}); publish it again"
                )));
            }
            Ok(_) | Err(EngineError::NotFound(_)) => {}
            Err(e) => return Err(e.into()),
        }
        tracing::info!(app = %app_id, "the app's container stopped without crashing: starting it again");
        self.mark_stopped(app_id, &running.container_id, true).await;
        self.start_again(app_id).await
    }

    /// `app_id`'s server is not at `port` (another app's answered there: the engine gave the
    /// port to another container, as it does after a restart). Finds the port its container
    /// has now, or, when the container is not running, recovers the app as [`Self::recover`]
    /// does. Answers the port to try again.
    pub async fn misdirected(&self, app_id: &str, port: u16) -> Result<u16, AppError> {
        self.rediscovery_done().await;
        let stale = self.running_of(app_id).await?;
        // Another request has found the app's port meanwhile.
        let Some(stale) = stale.filter(|running| running.host_port == Some(port)) else {
            return self.route(app_id).await;
        };
        tracing::warn!(app = %app_id, port, "another app's server answered on the app's port");
        let engine = self.engine().await?;
        let listed = engine.list(LABEL_APP, app_id).await?;
        let now = listed
            .into_iter()
            .find(|c| c.id == stale.container_id && c.running)
            .and_then(|c| c.host_port)
            .filter(|now| *now != port);
        let mut apps = self.apps.lock().await;
        let Some(running) = apps
            .get_mut(app_id)
            .and_then(|record| record.running.as_mut())
            .filter(|running| running.container_id == stale.container_id)
        else {
            drop(apps);
            return self.route(app_id).await;
        };
        if let Some(now) = now {
            running.host_port = Some(now);
            return Ok(now);
        }
        // Its container is not serving anywhere: started again if it stopped cleanly or is
        // gone, reported if it crashed.
        drop(apps);
        self.recover(app_id).await
    }

    /// Forgets `container` as `app_id`'s (unless another has replaced it meanwhile): gone
    /// entirely when `gone`, else kept with no port so it reads as crashed.
    async fn mark_stopped(&self, app_id: &str, container: &str, gone: bool) {
        let mut apps = self.apps.lock().await;
        let Some(record) = apps.get_mut(app_id) else {
            return;
        };
        let Some(running) = record
            .running
            .as_mut()
            .filter(|r| r.container_id == container)
        else {
            return;
        };
        running.host_port = None;
        if gone {
            record.running = None;
        }
    }

    /// Checks every app that was serving and starts again those whose container stopped
    /// cleanly or went away (after the engine came back); answers how many were started.
    pub async fn recover_all(&self) -> usize {
        let serving: Vec<String> = self
            .apps
            .lock()
            .await
            .values()
            .filter(|r| {
                r.running
                    .as_ref()
                    .is_some_and(|run| run.host_port.is_some())
            })
            .map(|r| r.app_id.clone())
            .collect();
        let mut started = 0;
        for app_id in serving {
            let before = self.running_container(&app_id).await;
            match self.recover(&app_id).await {
                Ok(_) if self.running_container(&app_id).await != before => started += 1,
                Ok(_) => {}
                Err(e) => tracing::warn!(app = %app_id, error = %e, "not recovered"),
            }
        }
        started
    }

    async fn running_container(&self, app_id: &str) -> Option<String> {
        let apps = self.apps.lock().await;
        let running = apps.get(app_id)?.running.as_ref()?;
        Some(running.container_id.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::apps::memory_engine::MemoryEngine;
    use crate::apps::records::unix_now;

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
        assert!(f
            .manager
            .site_dir("notes")
            .await
            .unwrap()
            .join("index.html")
            .is_file());
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
    async fn apps_the_engine_stopped_cleanly_start_again_and_crashed_ones_stay_down() {
        let f = fixture("engine-restart", |_| {});
        f.publish("alice", "notes").await.unwrap();
        f.publish("alice", "crashy").await.unwrap();
        f.engine.exit(&f.container("crashy"), 1);
        f.engine.restart();
        assert!(f.engine.running().is_empty());
        assert_eq!(f.manager.recover_all().await, 1);
        assert_eq!(f.engine.running(), ["appbundle-app-notes"]);
        let port = f.manager.route("notes").await.unwrap();
        let probe = crate::app_server::probe(&format!("http://127.0.0.1:{port}/healthz")).await;
        assert!(probe.is_ok(), "{probe:?}");
        assert_eq!(
            f.manager.get("alice", "crashy").await.unwrap().state,
            "crashed"
        );
        assert!(matches!(
            f.manager.route("crashy").await,
            Err(AppError::Unavailable(_))
        ));
        // A service restarted after the engine: the cleanly stopped app starts on its next
        // request, the crashed one is still reported.
        f.engine.restart();
        let restarted = AppManager::with_engine(f.manager.config().clone(), f.engine.clone());
        assert_eq!(restarted.rediscover().await.unwrap(), 2);
        assert_eq!(
            restarted.get("alice", "notes").await.unwrap().state,
            "stopped"
        );
        restarted.route("notes").await.unwrap();
        assert_eq!(f.engine.running(), ["appbundle-app-notes"]);
        assert_eq!(
            restarted.get("alice", "crashy").await.unwrap().state,
            "crashed"
        );
    }

    /// Points `app_id`'s record at `port`, as a port the engine has since given to another
    /// container leaves it.
    async fn remember_port(f: &Fixture, app_id: &str, port: u16) {
        let mut apps = f.manager.apps.lock().await;
        let running = apps.get_mut(app_id).unwrap().running.as_mut().unwrap();
        running.host_port = Some(port);
    }

    async fn serves(port: u16, app_id: &str) -> bool {
        let url = format!("http://127.0.0.1:{port}/healthz");
        crate::app_server::probe_for(&url, Some(app_id))
            .await
            .is_ok()
    }

    #[tokio::test]
    async fn a_port_that_changed_hands_is_found_again_and_never_served_by_the_other_app() {
        let f = fixture("port-changed-hands", |_| {});
        f.publish("alice", "notes").await.unwrap();
        f.publish("alice", "todo").await.unwrap();
        let notes_port = f.manager.route("notes").await.unwrap();
        let todo_port = f.manager.route("todo").await.unwrap();
        // The other app's server refuses what is meant for this one.
        assert!(serves(notes_port, "notes").await && !serves(todo_port, "notes").await);

        // Its container runs elsewhere: its port is read again from the engine.
        remember_port(&f, "notes", todo_port).await;
        assert_eq!(
            f.manager.misdirected("notes", todo_port).await.unwrap(),
            notes_port
        );
        assert_eq!(f.manager.route("notes").await.unwrap(), notes_port);
        assert_eq!(f.engine.starts(), 2);

        // Its container stopped (the engine restarted) and its port went to the other app: it
        // is started again.
        f.engine.exit(&f.container("notes"), 0);
        remember_port(&f, "notes", todo_port).await;
        let port = f.manager.misdirected("notes", todo_port).await.unwrap();
        assert_ne!(port, todo_port);
        assert!(serves(port, "notes").await);
        assert_eq!(f.engine.starts(), 3);
        // A second request that met the old port meanwhile finds the new one without a start.
        assert_eq!(
            f.manager.misdirected("notes", todo_port).await.unwrap(),
            port
        );
        assert_eq!(f.engine.starts(), 3);

        // One that crashed stays down, as any crashed app does.
        f.engine.exit(&f.container("notes"), 1);
        remember_port(&f, "notes", todo_port).await;
        assert!(matches!(
            f.manager.misdirected("notes", todo_port).await,
            Err(AppError::Unavailable(_))
        ));
        assert_eq!(f.engine.starts(), 3);
        assert_eq!(
            f.manager.get("alice", "notes").await.unwrap().state,
            "crashed"
        );
    }

    #[tokio::test]
    async fn a_publish_keeps_one_site_folder_and_an_interrupted_one_leaves_the_old_version() {
        let f = fixture("versions", |_| {});
        f.publish("alice", "notes").await.unwrap();
        let first = f.manager.site_dir("notes").await.unwrap();
        f.publish("alice", "notes").await.unwrap();
        let second = f.manager.site_dir("notes").await.unwrap();
        assert_ne!(first, second);
        assert!(!first.exists() && second.join("index.html").is_file());
        // A process killed after staging and removing the container, before the commit.
        let app_dir = f.manager.paths.app_dir("notes");
        let staged = f.manager.staging_dir("notes");
        std::fs::create_dir_all(&staged).unwrap();
        std::fs::rename(&staged, app_dir.join(new_site_name())).unwrap();
        std::fs::create_dir_all(f.manager.staging_dir("notes")).unwrap();
        f.engine.remove(&f.container("notes")).await.unwrap();
        tokio::time::sleep(Duration::from_millis(20)).await;
        let restarted = AppManager::with_engine(f.manager.config().clone(), f.engine.clone());
        assert_eq!(restarted.rediscover().await.unwrap(), 1);
        let left: Vec<_> = std::fs::read_dir(&app_dir).unwrap().flatten().collect();
        assert_eq!(left.len(), 2, "app.json and the site it names: {left:?}");
        assert_eq!(restarted.site_dir("notes").await.unwrap(), second);
        restarted.route("notes").await.unwrap();
        assert_eq!(f.engine.running(), ["appbundle-app-notes"]);
    }

    #[tokio::test]
    async fn visitors_wait_for_the_rediscovery_instead_of_starting_a_second_container() {
        let f = fixture("rediscovery-gate", |_| {});
        f.publish("alice", "notes").await.unwrap();
        let restarted = Arc::new(AppManager::with_engine(
            f.manager.config().clone(),
            f.engine.clone(),
        ));
        restarted.hold_until_rediscovered();
        let visitor = tokio::spawn({
            let restarted = restarted.clone();
            async move { restarted.route("notes").await }
        });
        tokio::time::sleep(Duration::from_millis(100)).await;
        assert!(!visitor.is_finished(), "routed before the rediscovery");
        restarted.rediscover().await.unwrap();
        restarted.release_rediscovered();
        visitor.await.unwrap().unwrap();
        assert_eq!(
            f.engine.starts(),
            1,
            "the running container was found, not replaced"
        );
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
