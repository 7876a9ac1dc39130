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
/// script, map, CSS and metadata `GET /bundle/<hash>.*` serve. The five parts live in one buffer
/// of exactly their size (one allocation per entry: long-lived, so it should not be spread over
/// the allocator's pages with the request's short-lived ones), and each is served as a slice of
/// it, without a copy.
#[derive(Debug)]
pub struct CachedBundle {
    /// The dependency bundles the app loads, in load order.
    pub bundles: Vec<String>,
    /// The app's images, fonts and SVGs, in [`Part::Assets`] one after the other.
    pub assets: Vec<AssetEntry>,
    data: bytes::Bytes,
    /// Where each [`Part`] ends in `data` (they follow each other in order).
    ends: [usize; 6],
}

/// One asset of a [`CachedBundle`]: `GET /bundle/<hash>/assets/<name>`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct AssetEntry {
    /// Its content-hashed name.
    pub name: String,
    /// Its media type.
    pub mime: String,
    /// Its size; assets follow each other in [`Part::Assets`].
    pub len: usize,
}

/// One part of a [`CachedBundle`].
#[derive(Debug, Clone, Copy)]
pub enum Part {
    /// The 200 body of `POST /bundle`.
    Response = 0,
    /// `GET /bundle/<hash>.json`: what the preview needs to run it (bundles to load with their
    /// SRI, the script's URL and SRI), without the code.
    Meta = 1,
    /// The script `GET /bundle/<hash>.js` serves.
    Script = 2,
    /// Its source map.
    Map = 3,
    /// `GET /bundle/<hash>.css`: the app's Tailwind CSS.
    Css = 4,
    /// The assets' bytes, in the order of [`CachedBundle::assets`].
    Assets = 5,
}

impl CachedBundle {
    /// The entry of these parts, copied into one buffer; `assets` are `(entry, bytes)`.
    pub fn new(
        bundles: Vec<String>,
        response: &[u8],
        meta: &[u8],
        script: &str,
        map: &str,
        css: &str,
        assets: &[(AssetEntry, &[u8])],
    ) -> CachedBundle {
        let texts = [
            response,
            meta,
            script.as_bytes(),
            map.as_bytes(),
            css.as_bytes(),
        ];
        // The assets follow the texts, one after the other: together they are Part::Assets.
        let parts: Vec<&[u8]> = texts
            .into_iter()
            .chain(assets.iter().map(|(_, bytes)| *bytes))
            .collect();
        let mut ends = [0; 6];
        let mut total = 0;
        for (end, part) in ends.iter_mut().zip(texts) {
            total += part.len();
            *end = total;
        }
        total += assets.iter().map(|(_, bytes)| bytes.len()).sum::<usize>();
        ends[Part::Assets as usize] = total;
        let data = (total >= MAPPED_ENTRY_BYTES)
            .then(|| mapped(&parts, total))
            .flatten()
            .unwrap_or_else(|| bytes::Bytes::from(parts.concat()));
        CachedBundle {
            bundles,
            assets: assets.iter().map(|(entry, _)| entry.clone()).collect(),
            data,
            ends,
        }
    }

    /// The assets with their bytes (slices of the entry's buffer).
    pub fn assets_with_bytes(&self) -> impl Iterator<Item = (&AssetEntry, bytes::Bytes)> {
        let all = self.bytes(Part::Assets);
        asset_ranges(&self.assets, all.len()).map(move |(entry, range)| (entry, all.slice(range)))
    }

    /// The asset named `name`, with its bytes.
    pub fn asset(&self, name: &str) -> Option<(&AssetEntry, bytes::Bytes)> {
        self.assets_with_bytes()
            .find(|(entry, _)| entry.name == name)
    }

    /// A part, as a slice of the entry's buffer.
    pub fn bytes(&self, part: Part) -> bytes::Bytes {
        let i = part as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        self.data.slice(start..self.ends[i])
    }

    /// A text part (script, map, CSS); they were `&str` when the entry was made.
    pub fn text(&self, part: Part) -> String {
        String::from_utf8_lossy(&self.bytes(part)).into_owned()
    }

    fn weight(&self) -> u32 {
        // A mapped entry takes whole pages.
        let len = self.data.len();
        let held = if len >= MAPPED_ENTRY_BYTES {
            len.div_ceil(PAGE) * PAGE
        } else {
            len
        };
        u32::try_from(held).unwrap_or(u32::MAX)
    }
}

/// Where each asset of `index` lies in their `len` bytes, which follow each other; stops at the
/// first that does not fit (a damaged entry from the shared tier).
pub fn asset_ranges(
    index: &[AssetEntry],
    len: usize,
) -> impl Iterator<Item = (&AssetEntry, std::ops::Range<usize>)> {
    index.iter().scan(0usize, move |start, entry| {
        let end = start.checked_add(entry.len).filter(|end| *end <= len)?;
        let range = *start..end;
        *start = end;
        Some((entry, range))
    })
}

/// Entries this large get pages of their own (an anonymous mapping, returned to the system the
/// moment the cache drops them), so the cache's bound is what the process holds for them: in
/// the allocator's heap, long-lived entries freed on other threads left partly used pages that
/// kept the process's memory far above the bound (BENCHMARKS.md). Smaller ones stay in the
/// heap (a mapping each would waste most of a page and use up the kernel's mapping count).
const MAPPED_ENTRY_BYTES: usize = 64 * 1024;
const PAGE: usize = 4096;

/// `parts` copied into a read-only anonymous mapping of `total` bytes; `None` if the system
/// refuses one (the entry then lives in the heap).
fn mapped(parts: &[&[u8]], total: usize) -> Option<bytes::Bytes> {
    let mut map = memmap2::MmapMut::map_anon(total).ok()?;
    let mut at = 0;
    for part in parts {
        map[at..at + part.len()].copy_from_slice(part);
        at += part.len();
    }
    Some(bytes::Bytes::from_owner(map.make_read_only().ok()?))
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

#[cfg(test)]
mod tests {
    use super::*;

    fn asset(name: &str, len: usize) -> AssetEntry {
        AssetEntry {
            name: name.into(),
            mime: "image/test".into(),
            len,
        }
    }

    #[test]
    fn parts_come_back_whole_from_the_heap_and_from_a_mapping() {
        let big = "x".repeat(MAPPED_ENTRY_BYTES);
        for script in ["console.log(1)\n", big.as_str()] {
            let entry = CachedBundle::new(
                vec!["core".into()],
                b"{\"hash\":1}",
                b"{}",
                script,
                "{\"version\":3}",
                ".p-4{padding:1rem}",
                &[
                    (asset("a.png", 3), b"PNG".as_slice()),
                    (asset("b.svg", 6), b"<svg/>".as_slice()),
                ],
            );
            assert_eq!(&entry.bytes(Part::Response)[..], b"{\"hash\":1}");
            assert_eq!(&entry.asset("b.svg").unwrap().1[..], b"<svg/>");
            assert_eq!(entry.asset("a.png").unwrap().0.mime, "image/test");
            assert!(entry.asset("c.png").is_none());
            assert_eq!(&entry.bytes(Part::Meta)[..], b"{}");
            assert_eq!(entry.text(Part::Script), script);
            assert_eq!(entry.text(Part::Map), "{\"version\":3}");
            assert_eq!(entry.text(Part::Css), ".p-4{padding:1rem}");
            let len = entry.data.len();
            let weight = entry.weight() as usize;
            if len >= MAPPED_ENTRY_BYTES {
                // Whole pages.
                assert_eq!(weight % PAGE, 0);
                assert!(weight >= len && weight < len + PAGE);
            } else {
                assert_eq!(weight, len);
            }
        }
    }
}
