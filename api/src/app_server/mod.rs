//! `appbundle app-server`: what runs inside a published app's container. It serves the app's
//! static files (read-only `/app`) and the REST API behind `useAppData` over the app's SQLite
//! store in `/data` (its volume), and answers `/healthz` for the engine's health check.
//!
//! One module per concern: [`store`] (SQLite, quota, scopes), `json_import` (the first store's
//! files, imported once), [`visitor`] (the cookie behind visitor-scoped data) and [`identity`]
//! (a request meant for another app is refused).

pub mod identity;
mod json_import;
pub mod store;
pub mod visitor;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use axum::extract::{DefaultBodyLimit, Path as UrlPath, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use axum::routing::get;
use axum::{Extension, Json, Router};
use serde::Deserialize;
use serde_json::{Map, Value};
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::error::{ApiError, QueryParams};
use store::{Scope, Store, StoreLimits};
use visitor::Visitor;

/// The page may load its own scripts and styles and call its own origin; nothing else. On an
/// app origin of its own (`--apps-domain`), `'self'` is this app alone.
const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
                   img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; \
                   object-src 'none'; base-uri 'self'; form-action 'self'; \
                   frame-ancestors 'self'";
/// Largest item, as JSON.
pub const MAX_ITEM_BYTES: usize = 256 * 1024;

#[derive(Debug, Clone)]
/// Where the app server finds the app and its data, and where it listens.
pub struct AppServerConfig {
    /// The app's static files (the read-only bind mount).
    pub site: PathBuf,
    /// The app's data folder (its volume).
    pub data: PathBuf,
    /// Where to listen.
    pub bind: SocketAddr,
    /// What the app may store.
    pub limits: StoreLimits,
    /// The app it serves: a forwarded request naming another one is refused. `None` serves
    /// every request (an app server run by hand).
    pub app_id: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
/// `?scope=app|visitor` on the data API (`app` when absent).
struct ScopeQuery {
    #[serde(default)]
    scope: Option<String>,
}

impl ScopeQuery {
    fn scope(&self, visitor: &Visitor) -> Result<Scope, ApiError> {
        match self.scope.as_deref() {
            None | Some("app") => Ok(Scope::App),
            Some("visitor") => Ok(Scope::Visitor(visitor.0.clone())),
            Some(other) => Err(ApiError::BadRequest(format!(
                "scope `{other}` is neither `app` nor `visitor`"
            ))),
        }
    }
}

/// The store's calls are short blocking SQLite transactions: run them off the async workers.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, store::StoreError> + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?
        .map_err(ApiError::from)
}

/// A JSON object body of at most [`MAX_ITEM_BYTES`], with a message that says the limit.
fn item_body(headers: &HeaderMap, body: &[u8]) -> Result<Map<String, Value>, ApiError> {
    let json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !json {
        return Err(ApiError::UnsupportedMediaType(
            "send the item as `content-type: application/json`".into(),
        ));
    }
    if body.len() > MAX_ITEM_BYTES {
        return Err(ApiError::PayloadTooLarge(format!(
            "an item is at most {} KB of JSON; this one is {} bytes",
            MAX_ITEM_BYTES / 1024,
            body.len()
        )));
    }
    serde_json::from_slice(body)
        .map_err(|e| ApiError::BadRequest(format!("the item is not a JSON object: {e}")))
}

async fn list(
    State(store): State<Store>,
    Extension(visitor): Extension<Visitor>,
    UrlPath(collection): UrlPath<String>,
    QueryParams(query): QueryParams<ScopeQuery>,
) -> Result<Json<Vec<Value>>, ApiError> {
    let scope = query.scope(&visitor)?;
    Ok(Json(
        blocking(move || store.list(&collection, &scope)).await?,
    ))
}

async fn create(
    State(store): State<Store>,
    Extension(visitor): Extension<Visitor>,
    UrlPath(collection): UrlPath<String>,
    QueryParams(query): QueryParams<ScopeQuery>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let scope = query.scope(&visitor)?;
    let item = item_body(&headers, &body)?;
    let stored = blocking(move || store.put(&collection, &scope, item)).await?;
    Ok((StatusCode::CREATED, Json(stored)))
}

async fn update(
    State(store): State<Store>,
    Extension(visitor): Extension<Visitor>,
    UrlPath((collection, id)): UrlPath<(String, String)>,
    QueryParams(query): QueryParams<ScopeQuery>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<Json<Value>, ApiError> {
    let scope = query.scope(&visitor)?;
    let patch = item_body(&headers, &body)?;
    Ok(Json(
        blocking(move || store.update(&collection, &scope, &id, patch)).await?,
    ))
}

async fn remove(
    State(store): State<Store>,
    Extension(visitor): Extension<Visitor>,
    UrlPath((collection, id)): UrlPath<(String, String)>,
    QueryParams(query): QueryParams<ScopeQuery>,
) -> Result<StatusCode, ApiError> {
    let scope = query.scope(&visitor)?;
    blocking(move || store.remove(&collection, &scope, &id)).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The data API answers the app's own pages only: a browser says where a request comes from
/// (`Sec-Fetch-Site`), and another site's (or, on app origins, another app's) is refused.
async fn same_origin_only(request: Request, next: Next) -> Result<Response, ApiError> {
    crate::http::same_origin_only(request.headers(), "the data API")?;
    Ok(next.run(request).await)
}

/// The app server's routes: `/healthz`, the data API, and the site as static files.
pub fn router(config: &AppServerConfig, store: Store) -> Router {
    let api = Router::new()
        .route("/api/data/{collection}", get(list).post(create))
        .route(
            "/api/data/{collection}/{id}",
            axum::routing::put(update).patch(update).delete(remove),
        )
        // Past the item limit by far: refused before it is read (a 413 either way).
        .layer(DefaultBodyLimit::max(4 * MAX_ITEM_BYTES))
        .layer(axum::middleware::from_fn(same_origin_only))
        .with_state(store);
    let router = Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .merge(api)
        .fallback_service(ServeDir::new(&config.site))
        .layer(axum::middleware::from_fn(visitor::assign));
    // Outermost but for the headers: a misdirected request gets no visitor cookie either.
    identity::serve_only(router, config.app_id.as_deref())
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
    let data = config.data.clone();
    let limits = config.limits;
    let store = tokio::task::spawn_blocking(move || Store::open(&data, limits))
        .await
        .map_err(std::io::Error::other)?
        .map_err(std::io::Error::other)?;
    let listener = tokio::net::TcpListener::bind(config.bind).await?;
    axum::serve(listener, router(&config, store))
        .with_graceful_shutdown(crate::shutdown_signal())
        .await
}

/// `app-server --probe <url>`: GET an `http://host:port/path` URL; `Ok` on a 2xx answer within
/// three seconds. The engine's health check and the isolation tests run it inside containers,
/// where there is no curl.
pub async fn probe(url: &str) -> Result<(), String> {
    probe_for(url, None).await
}

/// [`probe`], as the proxy asks: naming `app_id`, so another app's server at the URL fails it.
pub async fn probe_for(url: &str, app_id: Option<&str>) -> Result<(), String> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let rest = url
        .strip_prefix("http://")
        .ok_or_else(|| format!("{url}: only http:// URLs"))?;
    let (authority, path) = rest.split_once('/').unwrap_or((rest, ""));
    let exchange = async {
        let mut stream = tokio::net::TcpStream::connect(authority)
            .await
            .map_err(|e| format!("{authority}: {e}"))?;
        let naming = app_id.map_or(String::new(), |id| {
            format!("{}: {id}\r\n", identity::APP_HEADER)
        });
        let request = format!(
            "GET /{path} HTTP/1.1\r\nHost: {authority}\r\n{naming}Connection: close\r\n\r\n"
        );
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
