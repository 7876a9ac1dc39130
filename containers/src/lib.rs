//! Published apps run in containers: one locked-down container per app (seed 002 "Security
//! Safeguards", seed 004's `ContainerEngine`).
//!
//! [`engine`] is the engine-neutral contract the service's app manager uses; [`docker`]
//! implements it over the Docker Engine API (bollard, unix socket; Podman's Docker-compatible
//! socket speaks the same API); [`image`] builds the app image without a registry; [`limits`]
//! holds the resource limits and their bounds.

pub mod docker;
pub mod engine;
pub mod image;
pub mod limits;

pub use docker::DockerEngine;
pub use engine::{
    ContainerEngine, ContainerSpec, ContainerStatus, EngineError, ListedContainer,
    StartedContainer, Usage, STOP_GRACE,
};
pub use image::AppImage;
pub use limits::Limits;
