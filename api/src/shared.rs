//! The tier several instances share, on Redis (`--redis-url`): bundle results, content-addressed
//! with a TTL and a size cap (moka stays the first level in each process), and the rate limits
//! (a GCRA per key, computed atomically in Redis on Redis's clock).
//!
//! Redis is never what fails a request: every call has a short deadline, and after a failure
//! Redis is left alone for a moment (the instance answers from its own cache, bundles, and
//! limits with its own in-process limiters). Failures are logged once per outage and counted in
//! `/metrics` (`appbundle_redis_errors_total`).

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use bytes::Bytes;
use redis::aio::ConnectionManager;
use tokio::sync::Mutex as AsyncMutex;

use crate::metrics::Metrics;
use crate::state::{asset_ranges, AssetEntry, CachedBundle, Part};

/// How the shared tier is reached, and what it keeps.
#[derive(Debug, Clone)]
pub struct RedisConfig {
    /// `redis://host:port/db`.
    pub url: String,
    /// How long a bundle result stays (1 day).
    pub ttl: Duration,
    /// Results larger than this stay in the instance only (4 MB).
    pub max_entry_bytes: usize,
}

impl RedisConfig {
    /// `url` with the default TTL and size cap.
    pub fn new(url: impl Into<String>) -> RedisConfig {
        RedisConfig {
            url: url.into(),
            ttl: Duration::from_secs(24 * 3600),
            max_entry_bytes: 4 * 1024 * 1024,
        }
    }
}

/// The longest any Redis call may take before the instance goes on without it.
const DEADLINE: Duration = Duration::from_millis(250);
/// After a failure, how long Redis is not asked (a down Redis costs no request its deadline).
const BACKOFF: Duration = Duration::from_secs(2);
const BUNDLE_PREFIX: &str = "appbundle:bundle:";
const LIMIT_PREFIX: &str = "appbundle:limit:";

/// GCRA: the key holds the theoretical arrival time in microseconds of Redis's clock. Returns 0
/// when the request is allowed, else the microseconds until it would be.
const GCRA: &str = r"
local now_parts = redis.call('TIME')
local now = tonumber(now_parts[1]) * 1000000 + tonumber(now_parts[2])
local interval = tonumber(ARGV[1])
local tolerance = interval * tonumber(ARGV[2])
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
if tat < now then tat = now end
local next_tat = tat + interval
if next_tat - now > tolerance then
  return next_tat - now - tolerance
end
redis.call('SET', KEYS[1], string.format('%d', next_tat), 'PX', math.ceil((next_tat - now) / 1000) + 1)
return 0
";

/// The connection to Redis, made on first use and again after it was lost.
pub struct Shared {
    client: redis::Client,
    config: RedisConfig,
    connection: AsyncMutex<Option<ConnectionManager>>,
    /// Set after a failure: Redis is not asked before then.
    resting_until: Mutex<Option<Instant>>,
    gcra: redis::Script,
}

/// What the shared limiter said.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Within the limit.
    Allowed,
    /// Over it, for this long.
    Wait(Duration),
}

impl Shared {
    /// The tier at `config.url` (checked now, connected on first use).
    pub fn new(config: RedisConfig) -> Result<Shared, redis::RedisError> {
        Ok(Shared {
            client: redis::Client::open(config.url.as_str())?,
            config,
            connection: AsyncMutex::new(None),
            resting_until: Mutex::new(None),
            gcra: redis::Script::new(GCRA),
        })
    }

    fn resting(&self) -> bool {
        let mut until = self.resting_until.lock().unwrap_or_else(|p| p.into_inner());
        match *until {
            Some(t) if Instant::now() < t => true,
            Some(_) => {
                *until = None;
                false
            }
            None => false,
        }
    }

    fn failed(&self, metrics: &Metrics, op: &str, error: &str) {
        metrics.redis_error(op);
        let mut until = self.resting_until.lock().unwrap_or_else(|p| p.into_inner());
        if until.is_none() {
            tracing::warn!(
                op,
                error,
                "redis is unavailable: going on without it for now"
            );
        }
        *until = Some(Instant::now() + BACKOFF);
    }

    async fn connection(&self) -> Result<ConnectionManager, String> {
        let mut slot = self.connection.lock().await;
        if let Some(connection) = slot.as_ref() {
            return Ok(connection.clone());
        }
        let connected = tokio::time::timeout(DEADLINE * 4, self.client.get_connection_manager())
            .await
            .map_err(|_| "no connection within 1 s".to_string())?
            .map_err(|e| e.to_string())?;
        *slot = Some(connected.clone());
        Ok(connected)
    }

    /// Runs `call` against Redis within the deadline; `None` when Redis is resting, slow or
    /// failing (counted and logged).
    async fn call<T, F>(
        &self,
        metrics: &Metrics,
        op: &str,
        call: impl FnOnce(ConnectionManager) -> F,
    ) -> Option<T>
    where
        F: std::future::Future<Output = redis::RedisResult<T>>,
    {
        if self.resting() {
            return None;
        }
        let outcome = async {
            let connection = self.connection().await?;
            tokio::time::timeout(DEADLINE, call(connection))
                .await
                .map_err(|_| format!("no answer within {} ms", DEADLINE.as_millis()))?
                .map_err(|e| e.to_string())
        }
        .await;
        match outcome {
            Ok(value) => Some(value),
            Err(error) => {
                self.failed(metrics, op, &error);
                None
            }
        }
    }

    /// The bundle result `hash`, if any instance stored it.
    pub async fn get_bundle(&self, metrics: &Metrics, hash: &str) -> Option<CachedBundle> {
        let key = format!("{BUNDLE_PREFIX}{hash}");
        let fields: HashMap<String, Vec<u8>> = self
            .call(metrics, "get", |mut c| async move {
                redis::cmd("HGETALL").arg(&key).query_async(&mut c).await
            })
            .await?;
        let found = from_fields(fields);
        metrics.shared_cache(found.is_some());
        found
    }

    /// Stores `entry` as `hash` for every instance (unless it is over the size cap).
    pub async fn put_bundle(&self, metrics: &Metrics, hash: &str, entry: &CachedBundle) {
        let fields = to_fields(entry);
        let size: usize = fields.iter().map(|(_, v)| v.len()).sum();
        if size > self.config.max_entry_bytes {
            return;
        }
        let key = format!("{BUNDLE_PREFIX}{hash}");
        let ttl = self.config.ttl.as_secs().max(1);
        // The parts go out as slices of the entry's buffer, not copies.
        let mut hset = redis::cmd("HSET");
        hset.arg(&key);
        for (name, value) in &fields {
            hset.arg(*name).arg(&value[..]);
        }
        let _: Option<()> = self
            .call(metrics, "put", |mut c| async move {
                redis::pipe()
                    .atomic()
                    .add_command(hset)
                    .ignore()
                    .cmd("EXPIRE")
                    .arg(&key)
                    .arg(ttl)
                    .ignore()
                    .query_async(&mut c)
                    .await
            })
            .await;
    }

    /// One request under the shared limit `key`: `burst` at once, then one per `period`.
    /// `None`: Redis is not answering (the caller limits in process instead).
    pub async fn limit(
        &self,
        metrics: &Metrics,
        key: &str,
        period: Duration,
        burst: u32,
    ) -> Option<Verdict> {
        let key = format!("{LIMIT_PREFIX}{key}");
        let interval = u64::try_from(period.as_micros()).unwrap_or(u64::MAX).max(1);
        let script = &self.gcra;
        let wait: u64 = self
            .call(metrics, "limit", |mut c| async move {
                script
                    .key(&key)
                    .arg(interval)
                    .arg(burst.max(1))
                    .invoke_async(&mut c)
                    .await
            })
            .await?;
        Some(if wait == 0 {
            Verdict::Allowed
        } else {
            Verdict::Wait(Duration::from_micros(wait))
        })
    }
}

fn to_fields(entry: &CachedBundle) -> Vec<(&'static str, Bytes)> {
    let part = |part: Part| entry.bytes(part);
    vec![
        (
            "bundles",
            Bytes::from(serde_json::to_vec(&entry.bundles).unwrap_or_default()),
        ),
        ("response", part(Part::Response)),
        ("meta", part(Part::Meta)),
        ("script", part(Part::Script)),
        ("map", part(Part::Map)),
        ("css", part(Part::Css)),
        (
            "assets_index",
            Bytes::from(serde_json::to_vec(&entry.assets).unwrap_or_default()),
        ),
        ("assets", part(Part::Assets)),
    ]
}

/// The entry back from its fields; `None` if any is missing or damaged (an empty HGETALL: no
/// such key).
fn from_fields(mut fields: HashMap<String, Vec<u8>>) -> Option<CachedBundle> {
    let mut take = |name: &str| fields.remove(name);
    let text = |bytes: Vec<u8>| String::from_utf8(bytes).ok();
    let bundles = serde_json::from_slice(&take("bundles")?).ok()?;
    let response = take("response")?;
    let meta = take("meta")?;
    let script = text(take("script")?)?;
    let map = text(take("map")?)?;
    let css = text(take("css")?)?;
    let index: Vec<AssetEntry> = serde_json::from_slice(&take("assets_index")?).ok()?;
    let bytes = take("assets")?;
    let assets: Vec<(AssetEntry, &[u8])> = asset_ranges(&index, bytes.len())
        .map(|(entry, range)| (entry.clone(), &bytes[range]))
        .collect();
    if assets.len() != index.len() {
        return None;
    }
    Some(CachedBundle::new(
        bundles, &response, &meta, &script, &map, &css, &assets,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_survives_its_fields() {
        let entry = CachedBundle::new(
            vec!["core".into(), "icons".into()],
            b"{\"hash\":\"h\"}",
            b"{}",
            "console.log(1)\n",
            "{\"version\":3}",
            ".p-4{padding:1rem}",
            &[(
                AssetEntry {
                    name: "logo.1a2b3c4d.png".into(),
                    mime: "image/png".into(),
                    len: 4,
                },
                b"\x89PNG".as_slice(),
            )],
        );
        let fields: HashMap<String, Vec<u8>> = to_fields(&entry)
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_vec()))
            .collect();
        let back = from_fields(fields.clone()).expect("complete");
        assert_eq!(back.bundles, entry.bundles);
        for part in [
            Part::Response,
            Part::Meta,
            Part::Script,
            Part::Map,
            Part::Css,
        ] {
            assert_eq!(back.bytes(part), entry.bytes(part), "{part:?}");
        }
        assert_eq!(back.text(Part::Script), "console.log(1)\n");
        assert_eq!(back.assets, entry.assets);
        assert_eq!(
            back.asset("logo.1a2b3c4d.png").unwrap().1,
            entry.asset("logo.1a2b3c4d.png").unwrap().1
        );
        // A missing field (or none at all: no such key) is no entry.
        let mut partial = fields;
        partial.remove("map");
        assert!(from_fields(partial).is_none());
        assert!(from_fields(HashMap::new()).is_none());
    }
}
