//! What `appbundle serve` can be told (flags and `APPBUNDLE_*` env in the binary), with the
//! defaults a public-facing instance starts from.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use appbundle_bundler::Allowlist;
use appbundle_containers::AppImage;

use crate::app_server::store::StoreLimits;
use crate::apps::pressure::HostCapacity;
use crate::shared::RedisConfig;

#[derive(Debug, Clone)]
/// How `appbundle serve` runs; `Default` is what a public-facing instance starts from.
pub struct ServeConfig {
    /// What apps may import: the embedded allowlist, or an operator's (`--allowlist`).
    pub allowlist: &'static Allowlist,
    /// Where to listen.
    pub bind: SocketAddr,
    /// `public/runtime-deps`: bundles and `manifest.json` from `appbundle build-deps`.
    pub deps_dir: PathBuf,
    /// Upper bound of the bundle cache (code + map + JSON), in bytes.
    pub cache_bytes: u64,
    /// Largest request body accepted, in bytes (413 above).
    pub body_limit: usize,
    /// Longest a bundle may take before the request gets 503.
    pub timeout: Duration,
    /// Longest a client may take to send a request's headers (the connection is closed), and
    /// to keep an idle connection open between requests.
    pub header_timeout: Duration,
    /// Longest a client may take to send the body of a request the service reads whole
    /// (`POST /bundle`, publish): 408 after it.
    pub body_timeout: Duration,
    /// Bundles computed at once; more wait (each runs on the blocking pool).
    pub max_concurrent_bundles: usize,
    /// `POST /bundle` per API key (`x-api-key`) or client IP: sustained rate per second.
    /// `0` turns rate limiting off (load tests on loopback).
    pub rate_per_second: u32,
    /// Requests a client may make at once before the rate applies.
    pub rate_burst: u32,
    /// Behind a load balancer: the client's IP is the last `X-Forwarded-For` address (else
    /// every client is the balancer's IP). Only where the balancer is the only way in.
    pub trust_forwarded_for: bool,
    /// `Access-Control-Allow-Origin` (`*` by default: runtime deps are meant for a CDN).
    pub cors_origin: String,
    /// CSP `frame-ancestors` of `/preview`: who may embed the preview (`*` by default).
    pub frame_ancestors: String,
    /// Published apps (the container runtime).
    pub apps: AppsConfig,
    /// The tier several instances share (results and rate limits); `None`: this instance alone.
    pub redis: Option<RedisConfig>,
}

/// Published apps: who may publish, where apps are kept, and the seed's lifecycle limits.
#[derive(Debug, Clone)]
pub struct AppsConfig {
    /// API key → user id. Empty: the management API answers 401 with how to set keys.
    pub api_keys: HashMap<String, String>,
    /// Each app's `app.json` and `site/` (`<state_dir>/apps/<appId>`).
    pub state_dir: PathBuf,
    /// The engine's socket (`unix:///run/podman/podman.sock`); `None`: `DOCKER_HOST` or the
    /// default Docker socket.
    pub docker_host: Option<String>,
    /// The apps' bridge network (no egress, no traffic between containers).
    pub network: String,
    /// A running app with no proxied request for this long is stopped (30 min).
    pub idle_timeout: Duration,
    /// How often idle apps are looked for (5 min).
    pub sweep_interval: Duration,
    /// Most running apps per user.
    pub max_apps_per_user: usize,
    /// Most running apps on the service.
    pub max_apps_total: usize,
    /// How long a new container may take to answer before publish fails.
    pub ready_timeout: Duration,
    /// The app image; `None`: built from the running binary.
    pub image: Option<AppImage>,
    /// What each app may keep in its data store.
    pub data_limits: StoreLimits,
    /// Apps get origins of their own under this domain (`<appId>.<domain>`, routed by `Host`);
    /// `None`: apps share the service's origin under `/apps/<appId>/`.
    pub apps_domain: Option<String>,
    /// API requests (`/api/…`) per app per minute (the seed's 100); 0: no limit.
    pub api_per_app_per_minute: u32,
    /// API requests per minute across all apps (the seed's 10 000); 0: no limit.
    pub api_total_per_minute: u32,
    /// Publishes per user per hour (the seed's "10 app generations per hour"); 0: no limit.
    pub publishes_per_user_per_hour: u32,
    /// The hosts any app may be allowed to reach through `SandboxAPI.fetch` (`host`,
    /// `host:port`, `*.domain`); each app names its own within these at publish. Empty: none.
    pub egress_allowed: Vec<String>,
    /// What the host can give the apps; `None`: this machine's CPUs and memory.
    pub host_capacity: Option<HostCapacity>,
    /// Share of the host's CPU or memory the apps may use before new starts wait (0.8).
    pub pressure_threshold: f64,
    /// How often the containers' usage is sampled (10 s).
    pub pressure_interval: Duration,
}

impl Default for AppsConfig {
    fn default() -> Self {
        AppsConfig {
            api_keys: HashMap::new(),
            state_dir: PathBuf::from(".appbundle"),
            docker_host: None,
            network: "appbundle-apps".to_string(),
            idle_timeout: Duration::from_secs(30 * 60),
            sweep_interval: Duration::from_secs(5 * 60),
            max_apps_per_user: 10,
            max_apps_total: 100,
            ready_timeout: Duration::from_secs(15),
            image: None,
            data_limits: StoreLimits::default(),
            apps_domain: None,
            api_per_app_per_minute: 100,
            api_total_per_minute: 10_000,
            publishes_per_user_per_hour: 10,
            egress_allowed: Vec::new(),
            host_capacity: None,
            pressure_threshold: 0.8,
            pressure_interval: Duration::from_secs(10),
        }
    }
}

impl AppsConfig {
    /// Parses `key=user,key=user` (`APPBUNDLE_API_KEYS`).
    pub fn parse_api_keys(text: &str) -> Result<HashMap<String, String>, String> {
        text.split(',')
            .map(str::trim)
            .filter(|pair| !pair.is_empty())
            .map(|pair| match pair.split_once('=') {
                Some((key, user)) if !key.is_empty() && !user.is_empty() => {
                    Ok((key.to_string(), user.to_string()))
                }
                _ => Err(format!("`{pair}` is not <key>=<user>")),
            })
            .collect()
    }
}

impl Default for ServeConfig {
    fn default() -> Self {
        ServeConfig {
            allowlist: Allowlist::embedded(),
            bind: SocketAddr::from(([127, 0, 0, 1], 8080)),
            deps_dir: PathBuf::from("public/runtime-deps"),
            cache_bytes: 256 * 1024 * 1024,
            body_limit: 1024 * 1024,
            timeout: Duration::from_secs(10),
            header_timeout: Duration::from_secs(10),
            body_timeout: Duration::from_secs(20),
            max_concurrent_bundles: std::thread::available_parallelism().map_or(2, |n| n.get() * 2),
            rate_per_second: 20,
            rate_burst: 40,
            trust_forwarded_for: false,
            cors_origin: "*".to_string(),
            frame_ancestors: "*".to_string(),
            apps: AppsConfig::default(),
            redis: None,
        }
    }
}
