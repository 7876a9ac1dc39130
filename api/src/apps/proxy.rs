//! The public side of published apps: `/apps/{appId}/…` forwarded to the app's container on its
//! loopback port. A request counts as activity (idle reaping), and reaches an idle-stopped app
//! by starting it again.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Path, Request, State};
use axum::http::{header, HeaderName, Uri};
use axum::response::Response;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;

use crate::error::ApiError;
use crate::state::AppState;

/// Hop-by-hop headers: never forwarded, either way.
const HOP_BY_HOP: &[&str] = &[
    "connection",
    "keep-alive",
    "proxy-authenticate",
    "proxy-authorization",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
];

/// Not sent to the app: the service's host, credentials and cookies are none of its business.
const PRIVATE: &[&str] = &["host", "authorization", "x-api-key", "cookie"];

/// The proxy's HTTP client to the apps' loopback ports (connections are pooled).
pub struct ProxyClient {
    http: Client<HttpConnector, Body>,
}

impl Default for ProxyClient {
    fn default() -> Self {
        ProxyClient {
            http: Client::builder(hyper_util::rt::TokioExecutor::new()).build_http(),
        }
    }
}

/// `/apps/{appId}/`.
pub async fn root(
    State(state): State<Arc<AppState>>,
    Path(app_id): Path<String>,
    request: Request,
) -> Result<Response, ApiError> {
    forward(state, app_id, String::new(), request).await
}

/// `/apps/{appId}/{*rest}`.
pub async fn path(
    State(state): State<Arc<AppState>>,
    Path((app_id, rest)): Path<(String, String)>,
    request: Request,
) -> Result<Response, ApiError> {
    forward(state, app_id, rest, request).await
}

async fn forward(
    state: Arc<AppState>,
    app_id: String,
    rest: String,
    request: Request,
) -> Result<Response, ApiError> {
    let port = state.apps.route(&app_id).await?;
    let query = request
        .uri()
        .query()
        .map(|q| format!("?{q}"))
        .unwrap_or_default();
    let uri = format!("http://127.0.0.1:{port}/{rest}{query}")
        .parse::<Uri>()
        .map_err(|_| ApiError::BadRequest("bad path".into()))?;
    let (mut parts, body) = request.into_parts();
    parts.uri = uri;
    for name in HOP_BY_HOP.iter().chain(PRIVATE) {
        parts.headers.remove(HeaderName::from_static(name));
    }
    parts.headers.insert(
        header::HOST,
        header::HeaderValue::from_str(&format!("127.0.0.1:{port}"))
            .unwrap_or(header::HeaderValue::from_static("localhost")),
    );
    let forwarded = axum::http::Request::from_parts(parts, body);
    let response = state
        .proxy
        .http
        .request(forwarded)
        .await
        .map_err(|e| ApiError::BadGateway(format!("app `{app_id}` did not answer: {e}")))?;
    let (mut parts, body) = response.into_parts();
    for name in HOP_BY_HOP {
        parts.headers.remove(HeaderName::from_static(name));
    }
    Ok(Response::from_parts(parts, Body::new(body)))
}
