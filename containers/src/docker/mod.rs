//! [`ContainerEngine`] over the Docker Engine API (bollard, unix socket). The API version is
//! negotiated with the engine (Docker 20.10 speaks 1.41). Podman's Docker-compatible socket
//! (`DOCKER_HOST=unix:///run/podman/podman.sock`) takes the same calls.

use std::collections::HashMap;

use async_trait::async_trait;
use bollard::models::{NetworkCreateRequest, VolumeCreateRequest};
use bollard::query_parameters::{
    CreateContainerOptionsBuilder, CreateImageOptionsBuilder, EventsOptionsBuilder,
    ListContainersOptionsBuilder, ListImagesOptionsBuilder, RemoveContainerOptionsBuilder,
    RemoveImageOptionsBuilder, RemoveVolumeOptionsBuilder, StatsOptionsBuilder,
    StopContainerOptionsBuilder,
};
use bollard::Docker;
use futures_util::stream::{BoxStream, StreamExt, TryStreamExt};

use crate::engine::*;
use crate::image::{AppImage, BINARY_IN_IMAGE, IMAGE_REPOSITORY, KIND_LABEL};

mod create_body;

pub use create_body::{create_body, APP_PORT};

/// The Docker Engine over its unix socket.
pub struct DockerEngine {
    docker: Docker,
    /// The last CPU counters read per container, to measure CPU use between two readings.
    cpu_readings: std::sync::Mutex<HashMap<String, CpuReading>>,
}

/// Cumulative CPU time of a container and of the host, in nanoseconds.
#[derive(Debug, Clone, Copy, PartialEq)]
struct CpuReading {
    container: u64,
    system: u64,
}

impl CpuReading {
    /// Percent of one CPU used between `before` and this reading (`None` without an interval).
    fn percent_since(self, before: CpuReading, cpus: f64) -> Option<f64> {
        let system = self.system.checked_sub(before.system).filter(|d| *d > 0)? as f64;
        let used = self.container.saturating_sub(before.container) as f64;
        Some((used / system * cpus * 100.0 * 100.0).round() / 100.0)
    }
}

fn engine_error(error: bollard::errors::Error) -> EngineError {
    use bollard::errors::Error;
    match error {
        Error::DockerResponseServerError {
            status_code: 404,
            message,
        } => EngineError::NotFound(message),
        // The socket is missing, refuses, or the connection broke: the engine is away (down, or
        // restarting), not refusing the call.
        Error::HyperResponseError { .. }
        | Error::HyperLegacyError { .. }
        | Error::IOError { .. }
        | Error::SocketNotFoundError(_)
        | Error::RequestTimeoutError => EngineError::Unreachable(error.to_string()),
        other => EngineError::Engine(other.to_string()),
    }
}

impl DockerEngine {
    /// Connects to `host` (`unix:///run/podman/podman.sock`), else `DOCKER_HOST` or the
    /// default unix socket, and negotiates the API version.
    pub async fn connect(host: Option<&str>) -> Result<DockerEngine, EngineError> {
        let docker = match host {
            Some(host) => Docker::connect_with_unix(
                host.strip_prefix("unix://").unwrap_or(host),
                120,
                bollard::API_DEFAULT_VERSION,
            ),
            None => Docker::connect_with_local_defaults(),
        };
        let docker = docker
            .map_err(|e| EngineError::Unreachable(e.to_string()))?
            .negotiate_version()
            .await
            .map_err(|e| EngineError::Unreachable(e.to_string()))?;
        Ok(DockerEngine {
            docker,
            cpu_readings: Default::default(),
        })
    }

    /// Earlier builds of the same kind of app image (hundreds of MB each) go once a new one
    /// exists; an image a container still uses is kept (removal without force refuses it).
    async fn remove_older_images(&self, keep: &str, kind: &str) {
        let filters = HashMap::from([
            (
                "reference".to_string(),
                vec![format!("{IMAGE_REPOSITORY}:*")],
            ),
            ("label".to_string(), vec![format!("{KIND_LABEL}={kind}")]),
        ]);
        let options = ListImagesOptionsBuilder::default()
            .filters(&filters)
            .build();
        let Ok(images) = self.docker.list_images(Some(options)).await else {
            return;
        };
        for tag in images.iter().flat_map(|i| i.repo_tags.iter()) {
            if tag != keep {
                let options = RemoveImageOptionsBuilder::default().force(false).build();
                let _ = self.docker.remove_image(tag, Some(options), None).await;
            }
        }
    }

    async fn image_exists(&self, reference: &str) -> Result<bool, EngineError> {
        match self.docker.inspect_image(reference).await {
            Ok(_) => Ok(true),
            Err(e) => match engine_error(e) {
                EngineError::NotFound(_) => Ok(false),
                other => Err(other),
            },
        }
    }
}

fn host_port(ports: Option<&bollard::models::PortMap>) -> Option<u16> {
    ports?
        .get(&format!("{APP_PORT}/tcp"))?
        .as_ref()?
        .iter()
        .find_map(|binding| binding.host_port.as_deref()?.parse().ok())
}

#[async_trait]
impl ContainerEngine for DockerEngine {
    async fn ping(&self) -> Result<(), EngineError> {
        self.docker.ping().await.map(|_| ()).map_err(engine_error)
    }

    async fn ensure_image(&self, image: &AppImage) -> Result<String, EngineError> {
        let tag = image.tag()?;
        if self.image_exists(&tag).await? {
            return Ok(tag);
        }
        // One file per build: two services (or tests) building the same tag at once must not
        // write into each other's layer.
        static BUILDS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let build = BUILDS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let layer = std::env::temp_dir().join(format!(
            "appbundle-image-{}-{build}-{}.tar",
            std::process::id(),
            tag.replace([':', '/'], "-")
        ));
        let kind = image.kind();
        let writer = image.clone();
        let path = layer.clone();
        tokio::task::spawn_blocking(move || writer.write_layer(&path))
            .await
            .map_err(|e| EngineError::image("writing the layer", e))??;
        let (repository, version) = tag.split_once(':').unwrap_or((&tag, "latest"));
        let options = CreateImageOptionsBuilder::default()
            .from_src("-")
            .repo(repository)
            .tag(version)
            .changes(vec![
                format!("CMD [\"{BINARY_IN_IMAGE}\", \"app-server\"]"),
                format!("LABEL {KIND_LABEL}={kind}"),
            ])
            .build();
        let file = tokio::fs::File::open(&layer)
            .await
            .map_err(|e| EngineError::image(layer.display(), e))?;
        let body = bollard::body_try_stream(tokio_util::io::ReaderStream::new(file));
        let result = self
            .docker
            .create_image(Some(options), Some(body), None)
            .try_collect::<Vec<_>>()
            .await;
        let _ = tokio::fs::remove_file(&layer).await;
        result.map_err(|e| EngineError::image("importing the layer", e))?;
        self.remove_older_images(&tag, &kind).await;
        Ok(tag)
    }

    async fn ensure_network(&self, name: &str) -> Result<(), EngineError> {
        match self.docker.inspect_network(name, None).await {
            Ok(_) => return Ok(()),
            Err(e) => match engine_error(e) {
                EngineError::NotFound(_) => {}
                other => return Err(other),
            },
        }
        let options = HashMap::from([
            // No NAT to the outside: containers have no egress.
            (
                "com.docker.network.bridge.enable_ip_masquerade".to_string(),
                "false".to_string(),
            ),
            // No traffic between containers on the bridge.
            (
                "com.docker.network.bridge.enable_icc".to_string(),
                "false".to_string(),
            ),
        ]);
        let request = NetworkCreateRequest {
            name: name.to_string(),
            driver: Some("bridge".into()),
            options: Some(options),
            labels: Some(HashMap::from([(
                "io.appbundle.network".to_string(),
                "apps".to_string(),
            )])),
            ..Default::default()
        };
        match self.docker.create_network(request).await {
            Ok(_) => Ok(()),
            // Created meanwhile by another caller.
            Err(bollard::errors::Error::DockerResponseServerError {
                status_code: 409, ..
            }) => Ok(()),
            Err(e) => Err(engine_error(e)),
        }
    }

    async fn ensure_volume(
        &self,
        name: &str,
        labels: HashMap<String, String>,
    ) -> Result<(), EngineError> {
        // Creating an existing named volume returns it unchanged.
        self.docker
            .create_volume(VolumeCreateRequest {
                name: Some(name.to_string()),
                labels: Some(labels),
                ..Default::default()
            })
            .await
            .map(|_| ())
            .map_err(engine_error)
    }

    async fn remove_volume(&self, name: &str) -> Result<(), EngineError> {
        let options = RemoveVolumeOptionsBuilder::default().force(true).build();
        match self.docker.remove_volume(name, Some(options)).await {
            Ok(()) => Ok(()),
            Err(e) => match engine_error(e) {
                EngineError::NotFound(_) => Ok(()),
                other => Err(other),
            },
        }
    }

    async fn start(&self, spec: &ContainerSpec) -> Result<StartedContainer, EngineError> {
        self.remove(&spec.name).await?;
        let body = create_body(spec);
        let options = CreateContainerOptionsBuilder::default()
            .name(&spec.name)
            .build();
        let created = self
            .docker
            .create_container(Some(options), body)
            .await
            .map_err(engine_error)?;
        self.docker
            .start_container(&created.id, None)
            .await
            .map_err(engine_error)?;
        let inspected = self
            .docker
            .inspect_container(&created.id, None)
            .await
            .map_err(engine_error)?;
        let host_port = host_port(
            inspected
                .network_settings
                .as_ref()
                .and_then(|n| n.ports.as_ref()),
        )
        .ok_or_else(|| EngineError::Engine("the app port was not published".into()))?;
        Ok(StartedContainer {
            id: created.id,
            host_port,
        })
    }

    async fn status(&self, id: &str) -> Result<ContainerStatus, EngineError> {
        let inspected = self
            .docker
            .inspect_container(id, None)
            .await
            .map_err(engine_error)?;
        let state = inspected.state.unwrap_or_default();
        Ok(ContainerStatus {
            state: state
                .status
                .map(|s| s.to_string())
                .unwrap_or_else(|| "unknown".into()),
            running: state.running.unwrap_or(false),
            oom_killed: state.oom_killed.unwrap_or(false),
            exit_code: state.exit_code,
            started_at: state.started_at,
            health: state
                .health
                .and_then(|h| h.status)
                .map(|s| s.to_string())
                .filter(|s| !s.is_empty()),
        })
    }

    async fn usage(&self, id: &str) -> Result<Usage, EngineError> {
        // One-shot: the engine answers at once instead of sampling twice a second apart; CPU is
        // measured between this reading and the previous one of the same container.
        let options = StatsOptionsBuilder::default()
            .stream(false)
            .one_shot(true)
            .build();
        let stats = self
            .docker
            .stats(id, Some(options))
            .next()
            .await
            .ok_or_else(|| EngineError::Engine("no stats".into()))?
            .map_err(engine_error)?;
        let cpu = stats.cpu_stats.unwrap_or_default();
        let reading = CpuReading {
            container: cpu
                .cpu_usage
                .as_ref()
                .and_then(|u| u.total_usage)
                .unwrap_or(0),
            system: cpu.system_cpu_usage.unwrap_or(0),
        };
        let previous = self
            .cpu_readings
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(id.to_string(), reading);
        let cpus = cpu.online_cpus.unwrap_or(1).max(1) as f64;
        let cpu_percent = previous.and_then(|before| reading.percent_since(before, cpus));
        let memory = stats.memory_stats.unwrap_or_default();
        Ok(Usage {
            cpu_percent,
            memory_bytes: memory.usage.unwrap_or(0),
            memory_limit_bytes: memory.limit.unwrap_or(0),
            pids: stats.pids_stats.and_then(|p| p.current).unwrap_or(0),
        })
    }

    async fn remove(&self, id: &str) -> Result<(), EngineError> {
        // SIGTERM first: the app server finishes the requests it holds and closes its store
        // (a republish or an idle stop loses no answer); the engine kills it after the grace.
        // A container already stopped or missing answers an error here that removal settles.
        let stop = StopContainerOptionsBuilder::default()
            .t(i32::try_from(STOP_GRACE.as_secs()).unwrap_or(i32::MAX))
            .build();
        let _ = self.docker.stop_container(id, Some(stop)).await;
        let options = RemoveContainerOptionsBuilder::default().force(true).build();
        match self.docker.remove_container(id, Some(options)).await {
            Ok(()) => Ok(()),
            Err(e) => match engine_error(e) {
                EngineError::NotFound(_) => Ok(()),
                other => Err(other),
            },
        }
    }

    async fn list(&self, label: &str, value: &str) -> Result<Vec<ListedContainer>, EngineError> {
        let filters = HashMap::from([("label".to_string(), vec![format!("{label}={value}")])]);
        let options = ListContainersOptionsBuilder::default()
            .all(true)
            .filters(&filters)
            .build();
        let listed = self
            .docker
            .list_containers(Some(options))
            .await
            .map_err(engine_error)?;
        Ok(listed
            .into_iter()
            .filter_map(|c| {
                let host_port = c.ports.as_ref().and_then(|ports| {
                    ports
                        .iter()
                        .find(|p| p.private_port == APP_PORT)
                        .and_then(|p| p.public_port)
                });
                Some(ListedContainer {
                    id: c.id?,
                    labels: c.labels.unwrap_or_default(),
                    running: c.state.is_some_and(|s| s.to_string() == "running"),
                    host_port,
                })
            })
            .collect())
    }

    fn oom_events(&self) -> BoxStream<'static, Result<String, EngineError>> {
        let filters = HashMap::from([
            ("type".to_string(), vec!["container".to_string()]),
            ("event".to_string(), vec!["oom".to_string()]),
        ]);
        let options = EventsOptionsBuilder::default().filters(&filters).build();
        self.docker
            .events(Some(options))
            .map(|event| {
                event.map_err(engine_error).and_then(|e| {
                    e.actor.and_then(|a| a.id).ok_or_else(|| {
                        EngineError::Engine("an oom event without a container".into())
                    })
                })
            })
            .boxed()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cpu_percent_is_measured_between_two_readings() {
        let before = CpuReading {
            container: 1_000,
            system: 10_000,
        };
        // Half of the host's time over 2 CPUs: one whole CPU.
        let after = CpuReading {
            container: 6_000,
            system: 20_000,
        };
        assert_eq!(after.percent_since(before, 2.0), Some(100.0));
        assert_eq!(before.percent_since(before, 2.0), None);
    }
}
