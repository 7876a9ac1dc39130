//! What every handler shares: config, the allowlist and manifest the bundler judges against,
//! the bundle cache, the bundling slots and the metrics.

use std::sync::Arc;

use appbundle_bundler::Allowlist;
use appbundle_bundler::Manifest;
use moka::future::Cache;
use sha2::{Digest, Sha256};
use tokio::sync::Semaphore;

use crate::apps::egress::EgressClient;
use crate::apps::proxy::ProxyClient;
use crate::apps::{AppManager, RequestLimits};
use crate::config::ServeConfig;
use crate::limiter::Limiter;
use crate::metrics::Metrics;
use crate::shared::Shared;

/// A bundled app, kept until the cache needs the room: the 200 body of `POST /bundle` and the
/// script and map `GET /bundle/<hash>.js(.map)` serve.
#[derive(Debug)]
pub struct CachedBundle {
    /// The dependency bundles the app loads, in load order.
    pub bundles: Vec<String>,
    /// The 200 body of `POST /bundle`.
    pub response: bytes::Bytes,
    /// `GET /bundle/<hash>.json`: what the preview needs to run it (bundles to load with their
    /// SRI, the script's URL and SRI), without the code.
    pub meta: bytes::Bytes,
    /// The script `GET /bundle/<hash>.js` serves.
    pub script: String,
    /// Its source map.
    pub map: String,
    /// `GET /bundle/<hash>.css`: the app's Tailwind CSS.
    pub css: String,
}

impl CachedBundle {
    fn weight(&self) -> u32 {
        let bytes = self.response.len()
            + self.meta.len()
            + self.script.len()
            + self.map.len()
            + self.css.len();
        u32::try_from(bytes).unwrap_or(u32::MAX)
    }
}

/// What every handler shares.
pub struct AppState {
    /// The configuration the service started with.
    pub config: ServeConfig,
    /// What apps may import.
    pub allowlist: &'static Allowlist,
    /// `None` until `build-deps` has written one: bundling works, `/readyz` says not ready.
    pub manifest: Option<Arc<Manifest>>,
    /// Part of every cache key: a rebuilt manifest (other export lists) gives new keys.
    pub manifest_version: String,
    /// Bundled apps by request hash, bounded in bytes.
    pub cache: Cache<String, Arc<CachedBundle>>,
    /// The bundlings that may run at once.
    pub slots: Arc<Semaphore>,
    /// Request and bundle counters.
    pub metrics: Metrics,
    /// Published apps.
    pub apps: Arc<AppManager>,
    /// The reverse proxy's client to them.
    pub proxy: ProxyClient,
    /// The published apps' API and publish limits.
    pub app_limits: RequestLimits,
    /// The published apps' egress client.
    pub egress: EgressClient,
    /// The tier shared with other instances (`--redis-url`).
    pub shared: Option<Shared>,
    /// `POST /bundle`'s limit held in the shared tier (with Redis only).
    pub bundle_limit: Option<Limiter>,
}

/// Why the service could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// `manifest.json` is there but unreadable.
    #[error(transparent)]
    Manifest(#[from] appbundle_bundler::ManifestError),
    /// `--redis-url` is not a Redis URL.
    #[error("--redis-url: {0}")]
    Redis(#[from] redis::RedisError),
}

impl AppState {
    /// Loads `manifest.json` from the deps dir if it is there.
    pub fn new(config: ServeConfig) -> Result<Arc<AppState>, StartError> {
        let manifest_path = config.deps_dir.join("manifest.json");
        // Read once: parsed, and hashed into every cache key.
        let (manifest, manifest_version) = match std::fs::read(&manifest_path) {
            Ok(bytes) => (
                Some(Arc::new(Manifest::parse(&bytes, &manifest_path)?)),
                hex(&Sha256::digest(&bytes))[..16].to_string(),
            ),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => (None, "no-manifest".to_string()),
            Err(source) => {
                return Err(appbundle_bundler::ManifestError::Io {
                    path: manifest_path.display().to_string(),
                    source,
                }
                .into())
            }
        };
        let cache = Cache::builder()
            .max_capacity(config.cache_bytes)
            .weigher(|_key: &String, value: &Arc<CachedBundle>| value.weight())
            .build();
        let shared = config.redis.clone().map(Shared::new).transpose()?;
        Ok(Arc::new(AppState {
            shared,
            bundle_limit: crate::rate_limit::shared_limiter(&config),
            apps: Arc::new(AppManager::new(config.apps.clone())),
            proxy: ProxyClient::default(),
            app_limits: RequestLimits::new(&config.apps),
            egress: EgressClient::default(),
            slots: Arc::new(Semaphore::new(config.max_concurrent_bundles.max(1))),
            allowlist: config.allowlist,
            config,
            manifest,
            manifest_version,
            cache,
            metrics: Metrics::new(),
        }))
    }
}

/// Lowercase hex of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
