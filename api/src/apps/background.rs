//! What runs beside the requests: the idle sweep (stop apps nobody visited for the idle
//! timeout), the engine watcher (count kernel memory kills per app; when the engine comes back
//! after going away, start again the apps it stopped), and rediscovery at start.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use futures_util::StreamExt;

use super::error::AppError;
use super::lifecycle::AppManager;

/// How often an engine that went away is asked again.
const ENGINE_RETRY: Duration = Duration::from_secs(2);

impl AppManager {
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

    /// Counts OOM kills per app from the engine's events, for as long as the service runs. The
    /// event stream ends when the engine goes away; once it answers again, the apps that were
    /// serving are checked and those it stopped are started again.
    async fn watch_engine(self: Arc<Self>) {
        let mut lost = false;
        loop {
            let engine = match self.engine().await {
                Ok(engine) if engine.ping().await.is_ok() => engine,
                _ => {
                    lost = true;
                    tokio::time::sleep(ENGINE_RETRY).await;
                    continue;
                }
            };
            if std::mem::take(&mut lost) {
                // Containers not found at start (the engine was away then) are found now.
                if let Err(e) = self.rediscover().await {
                    tracing::warn!(error = %e, "published apps not rediscovered");
                }
                let started = self.recover_all().await;
                tracing::info!(
                    started,
                    "the container engine answers again; apps it stopped were started again"
                );
            }
            {
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
            tracing::warn!(
                "lost the container engine's events: apps are checked when it answers again"
            );
            lost = true;
            tokio::time::sleep(ENGINE_RETRY).await;
        }
    }

    /// Samples the host's pressure for as long as the service runs.
    async fn watch_pressure(self: Arc<Self>) {
        let mut tick = tokio::time::interval(self.config.pressure_interval);
        loop {
            tick.tick().await;
            if let Err(e) = self.sample_pressure().await {
                tracing::debug!(error = %e, "no pressure sample");
            }
        }
    }

    /// Rediscovers the apps, then sweeps idle ones and watches OOM kills in the background.
    pub fn spawn_background(self: &Arc<Self>) {
        let manager = self.clone();
        self.hold_until_rediscovered();
        tokio::spawn(async move {
            // Bounded: with the engine away, requests go on after 10 s and say so.
            let found = tokio::time::timeout(Duration::from_secs(10), manager.rediscover()).await;
            manager.release_rediscovered();
            match found {
                Ok(Ok(count)) => tracing::info!(count, "published apps rediscovered"),
                Ok(Err(e)) => tracing::warn!(error = %e, "published apps not rediscovered yet"),
                Err(_) => tracing::warn!("published apps not rediscovered in 10 s"),
            }
            tokio::spawn(manager.clone().watch_engine());
            tokio::spawn(manager.clone().watch_pressure());
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::apps::memory_engine::MemoryEngine;
    use crate::config::AppsConfig;
    use appbundle_containers::Limits;

    fn manager(name: &str, engine: Arc<MemoryEngine>) -> (Arc<AppManager>, std::path::PathBuf) {
        let state_dir = std::env::temp_dir().join(format!(
            "appbundle-background-{name}-{}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&state_dir);
        let config = AppsConfig {
            state_dir: state_dir.clone(),
            idle_timeout: Duration::from_millis(200),
            ..AppsConfig::default()
        };
        (Arc::new(AppManager::with_engine(config, engine)), state_dir)
    }

    async fn publish(manager: &AppManager, app_id: &str) {
        let staged = manager.staging_dir(app_id);
        std::fs::create_dir_all(&staged).unwrap();
        std::fs::write(staged.join("index.html"), "<!doctype html>").unwrap();
        manager
            .publish("alice", app_id, Limits::default(), Vec::new(), staged)
            .await
            .expect("published");
    }

    #[tokio::test]
    async fn idle_apps_stop_and_start_again_on_their_next_request() {
        let engine = Arc::new(MemoryEngine::default());
        let (manager, dir) = manager("idle", engine.clone());
        publish(&manager, "quiet").await;
        publish(&manager, "busy").await;
        assert_eq!(manager.sweep().await.unwrap(), 0, "nobody is idle yet");
        tokio::time::sleep(Duration::from_millis(300)).await;
        manager.route("busy").await.unwrap();
        assert_eq!(manager.sweep().await.unwrap(), 1);
        assert_eq!(engine.running(), ["appbundle-app-busy"]);
        assert_eq!(
            manager.get("alice", "quiet").await.unwrap().state,
            "stopped-idle"
        );
        // The next visitor starts it again.
        let port = manager.route("quiet").await.unwrap();
        assert!(
            crate::app_server::probe(&format!("http://127.0.0.1:{port}/healthz"))
                .await
                .is_ok()
        );
        assert_eq!(
            manager.get("alice", "quiet").await.unwrap().state,
            "running"
        );
        assert_eq!(engine.starts(), 3);
        let _ = std::fs::remove_dir_all(dir);
    }

    #[tokio::test]
    async fn oom_kills_are_counted_per_app() {
        let engine = Arc::new(MemoryEngine::default());
        let (manager, dir) = manager("oom", engine.clone());
        publish(&manager, "hungry").await;
        let watcher = tokio::spawn(manager.clone().watch_engine());
        // Events before the watcher subscribes are not its to count.
        for _ in 0..250 {
            if engine.oom_watchers() > 0 {
                break;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        engine.oom_kill(&engine.id_of("appbundle-app-hungry").unwrap());
        let mut counted = 0;
        for _ in 0..250 {
            counted = manager.get("alice", "hungry").await.unwrap().oom_kills;
            if counted > 0 {
                break;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        watcher.abort();
        assert_eq!(counted, 1);
        assert_eq!(
            manager.get("alice", "hungry").await.unwrap().state,
            "oom-killed"
        );
        let _ = std::fs::remove_dir_all(dir);
    }
}
