//! What `appbundle serve` can be told (flags and `APPBUNDLE_*` env in the binary), with the
//! defaults a public-facing instance starts from.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

#[derive(Debug, Clone)]
pub struct ServeConfig {
    pub bind: SocketAddr,
    /// `public/runtime-deps`: bundles and `manifest.json` from `appbundle build-deps`.
    pub deps_dir: PathBuf,
    /// Upper bound of the bundle cache (code + map + JSON), in bytes.
    pub cache_bytes: u64,
    /// Largest request body accepted, in bytes (413 above).
    pub body_limit: usize,
    /// Longest a bundle may take before the request gets 503.
    pub timeout: Duration,
    /// Bundles computed at once; more wait (each runs on the blocking pool).
    pub max_concurrent_bundles: usize,
    /// `POST /bundle` per API key (`x-api-key`) or client IP: sustained rate per second.
    /// `0` turns rate limiting off (load tests on loopback).
    pub rate_per_second: u32,
    /// Requests a client may make at once before the rate applies.
    pub rate_burst: u32,
    /// `Access-Control-Allow-Origin` (`*` by default: runtime deps are meant for a CDN).
    pub cors_origin: String,
    /// CSP `frame-ancestors` of `/preview`: who may embed the preview (`*` by default).
    pub frame_ancestors: String,
}

impl Default for ServeConfig {
    fn default() -> Self {
        ServeConfig {
            bind: SocketAddr::from(([127, 0, 0, 1], 8080)),
            deps_dir: PathBuf::from("public/runtime-deps"),
            cache_bytes: 256 * 1024 * 1024,
            body_limit: 1024 * 1024,
            timeout: Duration::from_secs(10),
            max_concurrent_bundles: std::thread::available_parallelism().map_or(2, |n| n.get() * 2),
            rate_per_second: 20,
            rate_burst: 40,
            cors_origin: "*".to_string(),
            frame_ancestors: "*".to_string(),
        }
    }
}
