//! The engine-neutral contract (seed 004's `ContainerEngine`, narrowed to what published apps
//! need): the app manager starts, inspects, measures and removes app containers through it.

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Duration;

/// How long [`ContainerEngine::remove`] gives a running container's app server to finish the
/// requests it holds (SIGTERM) before the engine kills it.
pub const STOP_GRACE: Duration = Duration::from_secs(5);

use async_trait::async_trait;
use futures_util::stream::BoxStream;
use serde::Serialize;

use crate::image::AppImage;
use crate::limits::Limits;

#[derive(Debug, thiserror::Error)]
/// A container engine call that failed.
pub enum EngineError {
    #[error("the container engine is unreachable: {0}")]
    /// The engine does not answer.
    Unreachable(String),
    #[error("container engine: {0}")]
    /// The engine refused the call.
    Engine(String),
    #[error("no such container: {0}")]
    /// No such container, image, network or volume.
    NotFound(String),
    #[error("building the app image: {what}: {source}")]
    /// The app image could not be built.
    Image {
        /// The step that failed.
        what: String,
        #[source]
        /// Why.
        source: Box<dyn std::error::Error + Send + Sync>,
    },
}

impl EngineError {
    /// An image build step (`what`) that failed for `source`.
    pub fn image(
        what: impl std::fmt::Display,
        source: impl Into<Box<dyn std::error::Error + Send + Sync>>,
    ) -> EngineError {
        EngineError::Image {
            what: what.to_string(),
            source: source.into(),
        }
    }
}

/// One app container to start.
#[derive(Debug, Clone)]
pub struct ContainerSpec {
    /// The container's name (one per app).
    pub name: String,
    /// The image reference.
    pub image: String,
    /// Labels that find it again after a restart.
    pub labels: HashMap<String, String>,
    /// Its resource limits.
    pub limits: Limits,
    /// The isolated network (see `ensure_network`).
    pub network: String,
    /// Host folder with the app's static files, mounted read-only at `/app`.
    pub site_dir: PathBuf,
    /// Named volume for the app's data, mounted at `/data`.
    pub data_volume: String,
    /// More arguments for the app server (its data limits).
    pub app_args: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
/// A container the engine started.
pub struct StartedContainer {
    /// The engine's id.
    pub id: String,
    /// The app server's port, published on 127.0.0.1 only.
    pub host_port: u16,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
/// A container's state, as the engine reports it.
pub struct ContainerStatus {
    /// The engine's word: `running`, `exited`, `created`, …
    pub state: String,
    /// Its main process is running.
    pub running: bool,
    /// The main process was killed for passing the memory limit.
    pub oom_killed: bool,
    /// The main process's exit code, once it stopped.
    pub exit_code: Option<i64>,
    /// When it started (RFC 3339).
    pub started_at: Option<String>,
    /// Health check status: `starting`, `healthy`, `unhealthy`.
    pub health: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
/// A container's resource use.
pub struct Usage {
    /// Percent of one CPU since the previous reading of this container (`None` on the first).
    pub cpu_percent: Option<f64>,
    /// Memory in use.
    pub memory_bytes: u64,
    /// The memory limit.
    pub memory_limit_bytes: u64,
    /// Processes and threads.
    pub pids: u64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
/// A container found by label.
pub struct ListedContainer {
    /// The engine's id.
    pub id: String,
    /// Its labels.
    pub labels: HashMap<String, String>,
    /// It is running.
    pub running: bool,
    /// The app's port on 127.0.0.1, when published.
    pub host_port: Option<u16>,
}

#[async_trait]
/// What the app manager needs of a container engine (Docker here; Podman speaks the same API).
pub trait ContainerEngine: Send + Sync {
    /// Reachable, and speaking an API version we can use.
    async fn ping(&self) -> Result<(), EngineError>;
    /// Builds the app image once (a tag per appbundle build) and returns its reference.
    async fn ensure_image(&self, image: &AppImage) -> Result<String, EngineError>;
    /// A bridge network with no egress (no masquerade) and no traffic between containers.
    async fn ensure_network(&self, name: &str) -> Result<(), EngineError>;
    /// A named volume for an app's data (kept when it exists).
    async fn ensure_volume(
        &self,
        name: &str,
        labels: HashMap<String, String>,
    ) -> Result<(), EngineError>;
    /// Removes a volume; a missing one is not an error.
    async fn remove_volume(&self, name: &str) -> Result<(), EngineError>;
    /// Creates and starts a container; a container of the same name is replaced.
    async fn start(&self, spec: &ContainerSpec) -> Result<StartedContainer, EngineError>;
    /// The container's state, exit code and health.
    async fn status(&self, id: &str) -> Result<ContainerStatus, EngineError>;
    /// Its CPU, memory and pids.
    async fn usage(&self, id: &str) -> Result<Usage, EngineError>;
    /// Stops (SIGTERM, then a kill after a few seconds' grace) and removes; removing a missing
    /// container is not an error.
    async fn remove(&self, id: &str) -> Result<(), EngineError>;
    /// Containers, running or not, carrying `label=value`.
    async fn list(&self, label: &str, value: &str) -> Result<Vec<ListedContainer>, EngineError>;
    /// Ids of containers in which the kernel killed a process for memory, as it happens.
    fn oom_events(&self) -> BoxStream<'static, Result<String, EngineError>>;
}
