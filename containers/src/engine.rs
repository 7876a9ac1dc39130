//! The engine-neutral contract (seed 004's `ContainerEngine`, narrowed to what published apps
//! need): the app manager starts, inspects, measures and removes app containers through it.

use std::collections::HashMap;
use std::path::PathBuf;

use async_trait::async_trait;
use futures_util::stream::BoxStream;
use serde::Serialize;

use crate::image::AppImage;
use crate::limits::Limits;

#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    #[error("the container engine is unreachable: {0}")]
    Unreachable(String),
    #[error("container engine: {0}")]
    Engine(String),
    #[error("no such container: {0}")]
    NotFound(String),
    #[error("building the app image: {what}: {source}")]
    Image {
        what: String,
        #[source]
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
    pub name: String,
    pub image: String,
    pub labels: HashMap<String, String>,
    pub limits: Limits,
    /// The isolated network (see `ensure_network`).
    pub network: String,
    /// Host folder with the app's static files, mounted read-only at `/app`.
    pub site_dir: PathBuf,
    /// Named volume for the app's data, mounted at `/data`.
    pub data_volume: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StartedContainer {
    pub id: String,
    /// The app server's port, published on 127.0.0.1 only.
    pub host_port: u16,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ContainerStatus {
    /// The engine's word: `running`, `exited`, `created`, …
    pub state: String,
    pub running: bool,
    /// The main process was killed for passing the memory limit.
    pub oom_killed: bool,
    pub exit_code: Option<i64>,
    pub started_at: Option<String>,
    /// Health check status: `starting`, `healthy`, `unhealthy`.
    pub health: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Usage {
    /// Percent of one CPU since the previous reading of this container (`None` on the first).
    pub cpu_percent: Option<f64>,
    pub memory_bytes: u64,
    pub memory_limit_bytes: u64,
    pub pids: u64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListedContainer {
    pub id: String,
    pub labels: HashMap<String, String>,
    pub running: bool,
    pub host_port: Option<u16>,
}

#[async_trait]
pub trait ContainerEngine: Send + Sync {
    /// Reachable, and speaking an API version we can use.
    async fn ping(&self) -> Result<(), EngineError>;
    /// Builds the app image once (a tag per appbundle build) and returns its reference.
    async fn ensure_image(&self, image: &AppImage) -> Result<String, EngineError>;
    /// A bridge network with no egress (no masquerade) and no traffic between containers.
    async fn ensure_network(&self, name: &str) -> Result<(), EngineError>;
    async fn ensure_volume(
        &self,
        name: &str,
        labels: HashMap<String, String>,
    ) -> Result<(), EngineError>;
    async fn remove_volume(&self, name: &str) -> Result<(), EngineError>;
    /// Creates and starts a container; a container of the same name is replaced.
    async fn start(&self, spec: &ContainerSpec) -> Result<StartedContainer, EngineError>;
    async fn status(&self, id: &str) -> Result<ContainerStatus, EngineError>;
    async fn usage(&self, id: &str) -> Result<Usage, EngineError>;
    /// Stops (kills) and removes; removing a missing container is not an error.
    async fn remove(&self, id: &str) -> Result<(), EngineError>;
    /// Containers, running or not, carrying `label=value`.
    async fn list(&self, label: &str, value: &str) -> Result<Vec<ListedContainer>, EngineError>;
    /// Ids of containers in which the kernel killed a process for memory, as it happens.
    fn oom_events(&self) -> BoxStream<'static, Result<String, EngineError>>;
}
