//! `appbundle app-server`: what runs inside a published app's container. It serves the app's
//! static files (read-only `/app`) and the REST API behind `useAppData` over a file store in
//! `/data` (the app's volume), and answers `/healthz` for the engine's health check.
//!
//! Store layout: `/data/collections/<collection>.json`, a JSON array of items (objects with a
//! string `id`), replaced atomically (written beside, then renamed) on every change.

use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::extract::{DefaultBodyLimit, Path as UrlPath, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{Map, Value};
use tokio::sync::Mutex;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::error::{ApiError, JsonBody};

/// The page may load its own scripts and styles and call its own origin; nothing else.
const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
                   img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; \
                   object-src 'none'; base-uri 'self'; frame-ancestors 'self'";
/// Largest item body, and most items in one collection.
const MAX_BODY: usize = 256 * 1024;
const MAX_ITEMS: usize = 10_000;

#[derive(Debug, Clone)]
/// Where the app server finds the app and its data, and where it listens.
pub struct AppServerConfig {
    /// The app's static files (the read-only bind mount).
    pub site: PathBuf,
    /// The app's data folder (its volume).
    pub data: PathBuf,
    /// Where to listen.
    pub bind: SocketAddr,
}

struct Store {
    dir: PathBuf,
    /// One lock for all collections: writes are small and rare.
    lock: Mutex<HashMap<String, Vec<Value>>>,
}

type Shared = Arc<Store>;

/// A collection file that cannot be read or written.
#[derive(Debug, thiserror::Error)]
enum StoreError {
    #[error("the data store: {0}")]
    Io(#[from] std::io::Error),
    #[error("a collection file is not JSON: {0}")]
    Json(#[from] serde_json::Error),
}

impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> Self {
        ApiError::Internal(error.to_string())
    }
}

fn valid_collection(name: &str) -> bool {
    (1..=64).contains(&name.len())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

impl Store {
    fn path(&self, collection: &str) -> PathBuf {
        self.dir.join(format!("{collection}.json"))
    }

    async fn read(&self, collection: &str) -> Result<Vec<Value>, StoreError> {
        match tokio::fs::read(self.path(collection)).await {
            Ok(bytes) => Ok(serde_json::from_slice(&bytes)?),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
            Err(e) => Err(e.into()),
        }
    }

    async fn write(&self, collection: &str, items: &[Value]) -> Result<(), StoreError> {
        tokio::fs::create_dir_all(&self.dir).await?;
        let path = self.path(collection);
        let partial = path.with_extension("json.partial");
        tokio::fs::write(&partial, serde_json::to_vec(items)?).await?;
        Ok(tokio::fs::rename(&partial, &path).await?)
    }

    /// The collection's items, read from disk on first use (the caller holds the lock).
    async fn loaded<'c>(
        &self,
        cache: &'c mut HashMap<String, Vec<Value>>,
        collection: &str,
    ) -> Result<&'c mut Vec<Value>, ApiError> {
        if !valid_collection(collection) {
            return Err(ApiError::BadRequest(
                "collection names are 1-64 letters, digits, - or _".into(),
            ));
        }
        match cache.entry(collection.to_string()) {
            Entry::Occupied(items) => Ok(items.into_mut()),
            Entry::Vacant(slot) => {
                let items = self.read(collection).await?;
                Ok(slot.insert(items))
            }
        }
    }

    async fn items(&self, collection: &str) -> Result<Vec<Value>, ApiError> {
        let mut cache = self.lock.lock().await;
        Ok(self.loaded(&mut cache, collection).await?.clone())
    }

    /// Runs `change` on a copy of the collection's items under the lock; a changed copy is
    /// stored on disk, then replaces the items (a failed write changes nothing).
    async fn change<T>(
        &self,
        collection: &str,
        change: impl FnOnce(&mut Vec<Value>) -> Result<T, ApiError>,
    ) -> Result<T, ApiError> {
        let mut cache = self.lock.lock().await;
        let items = self.loaded(&mut cache, collection).await?;
        let mut next = items.clone();
        let result = change(&mut next)?;
        if next != *items {
            self.write(collection, &next).await?;
            *items = next;
        }
        Ok(result)
    }
}

fn new_id() -> String {
    uuid::Uuid::new_v4().simple().to_string()[..16].to_string()
}

fn item_id(item: &Value) -> Option<&str> {
    item.get("id").and_then(Value::as_str)
}

async fn list(
    State(store): State<Shared>,
    UrlPath(collection): UrlPath<String>,
) -> Result<Json<Vec<Value>>, ApiError> {
    Ok(Json(store.items(&collection).await?))
}

async fn create(
    State(store): State<Shared>,
    UrlPath(collection): UrlPath<String>,
    JsonBody(body): JsonBody<Map<String, Value>>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let item = store
        .change(&collection, |items| {
            if items.len() >= MAX_ITEMS {
                return Err(ApiError::InsufficientStorage(format!(
                    "a collection holds at most {MAX_ITEMS} items"
                )));
            }
            let mut item = body;
            let id = match item.get("id").and_then(Value::as_str) {
                Some(id) => id.to_string(),
                None => new_id(),
            };
            item.insert("id".into(), Value::String(id.clone()));
            let item = Value::Object(item);
            match items.iter_mut().find(|i| item_id(i) == Some(id.as_str())) {
                Some(existing) => *existing = item.clone(),
                None => items.push(item.clone()),
            }
            Ok(item)
        })
        .await?;
    Ok((StatusCode::CREATED, Json(item)))
}

async fn update(
    State(store): State<Shared>,
    UrlPath((collection, id)): UrlPath<(String, String)>,
    JsonBody(patch): JsonBody<Map<String, Value>>,
) -> Result<Json<Value>, ApiError> {
    let item = store
        .change(&collection, |items| {
            let Some(item) = items.iter_mut().find(|i| item_id(i) == Some(id.as_str())) else {
                return Err(ApiError::NotFound(format!("no item `{id}`")));
            };
            if let Value::Object(fields) = item {
                fields.extend(patch);
                fields.insert("id".into(), Value::String(id.clone()));
            }
            Ok(item.clone())
        })
        .await?;
    Ok(Json(item))
}

async fn remove(
    State(store): State<Shared>,
    UrlPath((collection, id)): UrlPath<(String, String)>,
) -> Result<StatusCode, ApiError> {
    store
        .change(&collection, |items| {
            items.retain(|i| item_id(i) != Some(id.as_str()));
            Ok(())
        })
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The app server's routes: `/healthz`, the data API, and the site as static files.
pub fn router(config: &AppServerConfig) -> Router {
    let store = Arc::new(Store {
        dir: config.data.join("collections"),
        lock: Mutex::new(HashMap::new()),
    });
    let api = Router::new()
        .route("/api/data/{collection}", get(list).post(create))
        .route(
            "/api/data/{collection}/{id}",
            axum::routing::put(update).patch(update).delete(remove),
        )
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .with_state(store);
    Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .merge(api)
        .fallback_service(ServeDir::new(&config.site))
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CSP),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
}

/// Serves `config` until SIGTERM or Ctrl-C.
pub async fn run(config: AppServerConfig) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(config.bind).await?;
    axum::serve(listener, router(&config))
        .with_graceful_shutdown(crate::shutdown_signal())
        .await
}

/// `app-server --probe <url>`: GET an `http://host:port/path` URL; `Ok` on a 2xx answer within
/// three seconds. The engine's health check and the isolation tests run it inside containers,
/// where there is no curl.
pub async fn probe(url: &str) -> Result<(), String> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let rest = url
        .strip_prefix("http://")
        .ok_or_else(|| format!("{url}: only http:// URLs"))?;
    let (authority, path) = rest.split_once('/').unwrap_or((rest, ""));
    let exchange = async {
        let mut stream = tokio::net::TcpStream::connect(authority)
            .await
            .map_err(|e| format!("{authority}: {e}"))?;
        let request =
            format!("GET /{path} HTTP/1.1\r\nHost: {authority}\r\nConnection: close\r\n\r\n");
        stream
            .write_all(request.as_bytes())
            .await
            .map_err(|e| e.to_string())?;
        let mut head = vec![0u8; 64];
        let read = stream.read(&mut head).await.map_err(|e| e.to_string())?;
        let status_line = String::from_utf8_lossy(&head[..read]).to_string();
        match status_line.split_whitespace().nth(1) {
            Some(code) if code.starts_with('2') => Ok(()),
            _ => Err(format!(
                "{url}: {}",
                status_line.lines().next().unwrap_or("")
            )),
        }
    };
    tokio::time::timeout(std::time::Duration::from_secs(3), exchange)
        .await
        .map_err(|_| format!("{url}: no answer in 3 s"))?
}

/// The folder a `site` is served from must exist (a missing bind mount is a broken publish).
pub fn check_site(site: &Path) -> Result<(), String> {
    if site.join("index.html").is_file() {
        Ok(())
    } else {
        Err(format!("{} has no index.html", site.display()))
    }
}
