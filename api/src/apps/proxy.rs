//! The public side of published apps: `/apps/{appId}/…` forwarded to the app's container on its
//! loopback port. A request counts as activity (idle reaping), and reaches an idle-stopped app
//! by starting it again. When the app's server does not answer (its container stopped under
//! the request: an engine restart, a republish), the app is recovered (started again when its
//! container stopped without crashing) and the request sent once more if that is safe: a GET
//! or HEAD after any failure, another method only when the connection was refused (it never
//! arrived) and its body was small enough to keep. Every request names its app, and one that
//! reached another app's server (the port changed hands) is sent again to the app's own.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Path, Request, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, Method, Uri};
use axum::response::Response;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;

use super::records::valid_app_id;
use crate::app_server::{identity, visitor};
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
const PRIVATE: &[&str] = &[
    "host",
    "authorization",
    "x-api-key",
    "cookie",
    visitor::BASE_HEADER,
    identity::APP_HEADER,
];

/// A body up to this size is kept to be sent again (the app server takes at most 1 MB).
const REPLAYABLE_BODY_BYTES: u64 = 1024 * 1024;

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
    path_form(state, app_id, String::new(), request).await
}

/// `/apps/{appId}/{*rest}`.
pub async fn path(
    State(state): State<Arc<AppState>>,
    Path((app_id, rest)): Path<(String, String)>,
    request: Request,
) -> Result<Response, ApiError> {
    path_form(state, app_id, rest, request).await
}

/// The single-origin form: forwarded, or redirected to the app's own origin when there are
/// app origins.
async fn path_form(
    state: Arc<AppState>,
    app_id: String,
    rest: String,
    request: Request,
) -> Result<Response, ApiError> {
    if let Some(domain) = state.config.apps.apps_domain.as_deref() {
        if !valid_app_id(&app_id) {
            return Err(ApiError::NotFound(format!("no app `{app_id}`")));
        }
        return Ok(super::origin::redirect(&app_id, &rest, domain, &request));
    }
    let base = format!("/apps/{app_id}/");
    forward(state, app_id, rest, base, request).await
}

/// The visitor cookie is the one cookie an app's server sees (the service's own and any other
/// app's on a shared origin stay private).
fn visitor_cookie(headers: &HeaderMap) -> Option<HeaderValue> {
    let id = visitor::from_headers(headers)?;
    HeaderValue::from_str(&format!("{}={id}", visitor::COOKIE)).ok()
}

/// Sends the request head `parts` with `body` to `target` on the app's loopback `port`.
async fn send(
    state: &AppState,
    port: u16,
    target: &str,
    mut parts: axum::http::request::Parts,
    body: Body,
) -> Result<Response<hyper::body::Incoming>, hyper_util::client::legacy::Error> {
    parts.uri = format!("http://127.0.0.1:{port}{target}")
        .parse::<Uri>()
        // `target` was checked to be a path and query.
        .unwrap_or_else(|_| Uri::from_static("http://127.0.0.1/"));
    parts.headers.insert(
        header::HOST,
        HeaderValue::from_str(&format!("127.0.0.1:{port}"))
            .unwrap_or(HeaderValue::from_static("localhost")),
    );
    let forwarded = axum::http::Request::from_parts(parts, body);
    state.proxy.http.request(forwarded).await
}

/// A small body of known size is read whole, so it can be sent again; anything else streams
/// through as it comes (and is not sent twice).
async fn keep_to_resend(body: Body) -> Result<(Body, Option<axum::body::Bytes>), ApiError> {
    use axum::body::HttpBody;
    if body.is_end_stream() {
        return Ok((body, Some(axum::body::Bytes::new())));
    }
    match body.size_hint().exact() {
        Some(length) if length <= REPLAYABLE_BODY_BYTES => {
            let bytes = axum::body::to_bytes(body, length as usize)
                .await
                .map_err(|e| ApiError::BadRequest(format!("reading the request body: {e}")))?;
            Ok((Body::from(bytes.clone()), Some(bytes)))
        }
        _ => Ok((body, None)),
    }
}

/// Forwards `request` to the app's container as `/{rest}`; `base` is where the app is mounted
/// as the browser sees it (`/` on its own origin).
pub async fn forward(
    state: Arc<AppState>,
    app_id: String,
    rest: String,
    base: String,
    request: Request,
) -> Result<Response, ApiError> {
    if !valid_app_id(&app_id) {
        return Err(ApiError::NotFound(format!("no app `{app_id}`")));
    }
    if rest == "api" || rest.starts_with("api/") {
        state
            .app_limits
            .api_request(state.shared.as_ref(), &state.metrics, &app_id)
            .await?;
    }
    if rest == "api/egress" {
        crate::http::same_origin_only(request.headers(), "an app's egress")?;
        let allowlist = state.apps.egress_of(&app_id).await?;
        return super::egress::forward(&state, &app_id, &allowlist, request).await;
    }
    let port = state.apps.route(&app_id).await?;
    let query = request
        .uri()
        .query()
        .map(|q| format!("?{q}"))
        .unwrap_or_default();
    let target = format!("/{rest}{query}");
    if target.parse::<axum::http::uri::PathAndQuery>().is_err() {
        return Err(ApiError::BadRequest("bad path".into()));
    }
    let (mut parts, body) = request.into_parts();
    let visitor = visitor_cookie(&parts.headers);
    for name in HOP_BY_HOP.iter().chain(PRIVATE) {
        parts.headers.remove(HeaderName::from_static(name));
    }
    if let Some(cookie) = visitor {
        parts.headers.insert(header::COOKIE, cookie);
    }
    if let Ok(base) = HeaderValue::from_str(&base) {
        parts.headers.insert(visitor::BASE_HEADER, base);
    }
    // The port is the engine's and may have changed hands: the app's server checks the name.
    if let Ok(meant) = HeaderValue::from_str(&app_id) {
        parts.headers.insert(identity::APP_HEADER, meant);
    }
    let idempotent = matches!(parts.method, Method::GET | Method::HEAD);
    let (body, kept) = keep_to_resend(body).await?;
    let resend = kept.map(|bytes| (parts.clone(), bytes));
    let mut answer = send(&state, port, &target, parts, body).await;
    let misdirected = matches!(&answer, Ok(response) if identity::is_misdirected(response));
    if let Some((parts, bytes)) = resend {
        let again = match &answer {
            // Another app's server refused it untouched: sent again to the app's own.
            _ if misdirected => Some(state.apps.misdirected(&app_id, port).await?),
            // Its server went away under the request: recovered, it gets it once more.
            Err(e) if e.is_connect() || idempotent => Some(state.apps.recover(&app_id).await?),
            _ => None,
        };
        if let Some(port) = again {
            answer = send(&state, port, &target, parts, Body::from(bytes)).await;
        }
    } else if misdirected {
        // Not sendable again, but the next request finds the app.
        state.apps.misdirected(&app_id, port).await?;
    }
    let response =
        answer.map_err(|e| ApiError::BadGateway(format!("app `{app_id}` did not answer: {e}")))?;
    if identity::is_misdirected(&response) {
        return Err(ApiError::Unavailable(format!(
            "app `{app_id}` is moving to another port; send the request again"
        )));
    }
    let (mut parts, body) = response.into_parts();
    for name in HOP_BY_HOP {
        parts.headers.remove(HeaderName::from_static(name));
    }
    Ok(Response::from_parts(parts, Body::new(body)))
}
