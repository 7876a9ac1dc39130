//! An in-memory [`ContainerEngine`] for the lifecycle's unit tests: each "container" is an HTTP
//! server on a loopback port that answers `/healthz` (so the real readiness wait runs), and the
//! test can crash it, OOM-kill it or make the engine unreachable. The Docker end-to-end tests
//! (`tests/published.rs`) keep proving the real wiring.

use std::collections::HashMap;
use std::sync::Mutex;

use appbundle_containers::{
    AppImage, ContainerEngine, ContainerSpec, ContainerStatus, EngineError, ListedContainer,
    StartedContainer, Usage,
};
use async_trait::async_trait;
use futures_util::stream::{self, BoxStream, StreamExt};
use tokio::sync::broadcast;

struct MemoryContainer {
    name: String,
    labels: HashMap<String, String>,
    running: bool,
    oom_killed: bool,
    exit_code: Option<i64>,
    host_port: u16,
    server: Option<tokio::task::JoinHandle<()>>,
}

#[derive(Default)]
struct EngineState {
    containers: HashMap<String, MemoryContainer>,
    volumes: Vec<String>,
    starts: usize,
    unreachable: bool,
}

/// The engine. Container ids are `mem-<n>`.
pub struct MemoryEngine {
    state: Mutex<EngineState>,
    oom: broadcast::Sender<String>,
}

impl Default for MemoryEngine {
    fn default() -> Self {
        MemoryEngine {
            state: Mutex::default(),
            oom: broadcast::channel(16).0,
        }
    }
}

impl MemoryEngine {
    fn state(&self) -> std::sync::MutexGuard<'_, EngineState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn reachable(&self) -> Result<(), EngineError> {
        if self.state().unreachable {
            Err(EngineError::Unreachable(
                "the test unplugged the engine".into(),
            ))
        } else {
            Ok(())
        }
    }

    /// The engine answers nothing (or everything again).
    pub fn set_unreachable(&self, unreachable: bool) {
        self.state().unreachable = unreachable;
    }

    /// Subscribers to the OOM events.
    pub fn oom_watchers(&self) -> usize {
        self.oom.receiver_count()
    }

    /// Containers started so far.
    pub fn starts(&self) -> usize {
        self.state().starts
    }

    /// Names of the running containers, sorted.
    pub fn running(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .state()
            .containers
            .values()
            .filter(|c| c.running)
            .map(|c| c.name.clone())
            .collect();
        names.sort();
        names
    }

    /// The id of the container named `name`.
    pub fn id_of(&self, name: &str) -> Option<String> {
        self.state()
            .containers
            .iter()
            .find(|(_, c)| c.name == name)
            .map(|(id, _)| id.clone())
    }

    /// The named data volumes.
    pub fn volumes(&self) -> Vec<String> {
        self.state().volumes.clone()
    }

    /// The container's process exits with `exit_code`.
    pub fn exit(&self, id: &str, exit_code: i64) {
        if let Some(container) = self.state().containers.get_mut(id) {
            container.running = false;
            container.exit_code = Some(exit_code);
            if let Some(server) = container.server.take() {
                server.abort();
            }
        }
    }

    /// The engine restarts: every container's server answers SIGTERM (exit 0) and none is
    /// started again (Docker's `restart: no`).
    pub fn restart(&self) {
        let ids: Vec<String> = (self.state().containers.iter())
            .filter(|(_, c)| c.running)
            .map(|(id, _)| id.clone())
            .collect();
        for id in ids {
            self.exit(&id, 0);
        }
    }

    /// The kernel kills the container's main process for memory (and the engine says so).
    pub fn oom_kill(&self, id: &str) {
        self.exit(id, 137);
        if let Some(container) = self.state().containers.get_mut(id) {
            container.oom_killed = true;
        }
        let _ = self.oom.send(id.to_string());
    }
}

/// A stand-in app server: `/healthz` answers, everything else names the container.
/// A stand-in app server for `name`; like the real one, it refuses requests for another app
/// than `app_id`.
async fn serve(
    name: String,
    app_id: Option<String>,
) -> Result<(u16, tokio::task::JoinHandle<()>), EngineError> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .map_err(|e| EngineError::Engine(e.to_string()))?;
    let port = listener
        .local_addr()
        .map_err(|e| EngineError::Engine(e.to_string()))?
        .port();
    let app = axum::Router::new()
        .route("/healthz", axum::routing::get(|| async { "ok" }))
        .fallback(move || {
            let name = name.clone();
            async move { format!("served by {name}") }
        });
    let app = crate::app_server::identity::serve_only(app, app_id.as_deref());
    let server = tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    Ok((port, server))
}

#[async_trait]
impl ContainerEngine for MemoryEngine {
    async fn ping(&self) -> Result<(), EngineError> {
        self.reachable()
    }

    async fn ensure_image(&self, _image: &AppImage) -> Result<String, EngineError> {
        self.reachable()?;
        Ok("appbundle-app:memory".into())
    }

    async fn ensure_network(&self, _name: &str) -> Result<(), EngineError> {
        self.reachable()
    }

    async fn ensure_volume(
        &self,
        name: &str,
        _labels: HashMap<String, String>,
    ) -> Result<(), EngineError> {
        self.reachable()?;
        let mut state = self.state();
        if !state.volumes.iter().any(|v| v == name) {
            state.volumes.push(name.to_string());
        }
        Ok(())
    }

    async fn remove_volume(&self, name: &str) -> Result<(), EngineError> {
        self.reachable()?;
        self.state().volumes.retain(|v| v != name);
        Ok(())
    }

    async fn start(&self, spec: &ContainerSpec) -> Result<StartedContainer, EngineError> {
        self.reachable()?;
        if let Some(id) = self.id_of(&spec.name) {
            self.remove(&id).await?;
        }
        let app_id = spec.labels.get(super::records::LABEL_APP).cloned();
        let (host_port, server) = serve(spec.name.clone(), app_id).await?;
        let mut state = self.state();
        state.starts += 1;
        let id = format!("mem-{}", state.starts);
        state.containers.insert(
            id.clone(),
            MemoryContainer {
                name: spec.name.clone(),
                labels: spec.labels.clone(),
                running: true,
                oom_killed: false,
                exit_code: None,
                host_port,
                server: Some(server),
            },
        );
        Ok(StartedContainer { id, host_port })
    }

    async fn status(&self, id: &str) -> Result<ContainerStatus, EngineError> {
        self.reachable()?;
        let state = self.state();
        let container = state
            .containers
            .get(id)
            .ok_or_else(|| EngineError::NotFound(id.to_string()))?;
        Ok(ContainerStatus {
            state: if container.running {
                "running"
            } else {
                "exited"
            }
            .into(),
            running: container.running,
            oom_killed: container.oom_killed,
            exit_code: container.exit_code,
            started_at: Some("2026-12-01T00:00:00Z".into()),
            health: container.running.then(|| "healthy".into()),
        })
    }

    async fn usage(&self, id: &str) -> Result<Usage, EngineError> {
        self.status(id).await?;
        Ok(Usage {
            cpu_percent: None,
            memory_bytes: 20 << 20,
            memory_limit_bytes: 512 << 20,
            pids: 3,
        })
    }

    async fn remove(&self, id: &str) -> Result<(), EngineError> {
        self.reachable()?;
        let mut state = self.state();
        let key = state
            .containers
            .iter()
            .find(|(key, c)| *key == id || c.name == id)
            .map(|(key, _)| key.clone());
        if let Some(mut container) = key.and_then(|k| state.containers.remove(&k)) {
            if let Some(server) = container.server.take() {
                server.abort();
            }
        }
        Ok(())
    }

    async fn list(&self, label: &str, value: &str) -> Result<Vec<ListedContainer>, EngineError> {
        self.reachable()?;
        Ok(self
            .state()
            .containers
            .iter()
            .filter(|(_, c)| c.labels.get(label).is_some_and(|v| v == value))
            .map(|(id, c)| ListedContainer {
                id: id.clone(),
                labels: c.labels.clone(),
                running: c.running,
                host_port: Some(c.host_port),
            })
            .collect())
    }

    fn oom_events(&self) -> BoxStream<'static, Result<String, EngineError>> {
        let events = self.oom.subscribe();
        stream::unfold(events, |mut events| async move {
            match events.recv().await {
                Ok(id) => Some((Ok(id), events)),
                Err(_) => None,
            }
        })
        .boxed()
    }
}
