//! Controlled egress (the seed's "allowlist specific APIs if needed"): app containers have no
//! network of their own, so `SandboxAPI.fetch` in a published page posts to its app's
//! `api/egress`, and the service forwards the request only to a host in the app's egress
//! allowlist, which is set at publish and bounded by the operator's (`--egress-allow`). Each
//! request counts as an API request of the app (its rate limit), is logged, and is counted in
//! `/metrics`; anything else is 403 with the reason.
//!
//! An entry is a host (`api.example.com`: the scheme's default port), a host and port
//! (`127.0.0.1:8443`), or `*.example.com` (any subdomain). Redirects are returned to the app,
//! not followed, so an allowed host cannot send the service elsewhere.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use axum::extract::Request;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::json;

use crate::error::ApiError;
use crate::state::AppState;

/// The request's JSON, as `SandboxAPI.fetch` sends it.
const MAX_REQUEST_BYTES: usize = 256 * 1024;
/// The most of an answer passed back to the app.
const MAX_ANSWER_BYTES: usize = 5 * 1024 * 1024;
const TIMEOUT: Duration = Duration::from_secs(10);
/// Never forwarded: the service's own and the connection's.
const DROPPED_HEADERS: &[&str] = &[
    "host",
    "cookie",
    "connection",
    "content-length",
    "transfer-encoding",
    "upgrade",
    "te",
    "proxy-authorization",
];

/// The service's HTTP client for egress (TLS, no redirects, bounded time).
pub struct EgressClient {
    http: reqwest::Client,
}

impl Default for EgressClient {
    fn default() -> Self {
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(TIMEOUT)
            .no_proxy()
            .build()
            .unwrap_or_default();
        EgressClient { http }
    }
}

/// `host[:port]` of `url` as an allowlist entry would name it, and its port.
fn authority(url: &reqwest::Url) -> Option<(String, u16)> {
    let host = url.host_str()?.to_ascii_lowercase();
    let port = url.port_or_known_default()?;
    Some((host, port))
}

/// Does `entry` allow `host` on `port` (for a URL whose scheme defaults to `default_port`)?
fn entry_allows(entry: &str, host: &str, port: u16, default_port: u16) -> bool {
    let entry = entry.trim().to_ascii_lowercase();
    let (pattern, entry_port) = split_entry(&entry);
    if port != entry_port.unwrap_or(default_port) {
        return false;
    }
    match pattern.strip_prefix("*.") {
        Some(parent) => host.ends_with(&format!(".{parent}")),
        None => host == pattern,
    }
}

/// An entry's host (a name, an IPv4 address or `*.domain`) and its port, if it names one.
fn split_entry(entry: &str) -> (&str, Option<u16>) {
    match entry.rsplit_once(':') {
        Some((host, port)) => match port.parse::<u16>() {
            Ok(port) => (host, Some(port)),
            Err(_) => (entry, None),
        },
        None => (entry, None),
    }
}

/// Whether `entries` allow `url`.
pub fn allows(entries: &[String], url: &reqwest::Url) -> bool {
    let Some((host, port)) = authority(url) else {
        return false;
    };
    let default_port = if url.scheme() == "https" { 443 } else { 80 };
    entries
        .iter()
        .any(|entry| entry_allows(entry, &host, port, default_port))
}

/// An app's requested entries, each within the operator's list (checked at publish).
pub fn check_requested(requested: &[String], operator: &[String]) -> Result<(), ApiError> {
    if !requested.is_empty() && operator.is_empty() {
        return Err(ApiError::BadRequest(
            "this service allows apps no egress (the operator sets --egress-allow)".into(),
        ));
    }
    for entry in requested {
        let trimmed = entry.trim();
        let valid = !trimmed.is_empty()
            && trimmed.len() <= 253
            && !trimmed.contains('/')
            && trimmed.chars().all(|c| !c.is_whitespace());
        if !valid {
            return Err(ApiError::BadRequest(format!(
                "egress entry `{entry}` is not a host, host:port or *.domain"
            )));
        }
        // Within the operator's list: the entry's own host and port must be allowed by one of
        // the operator's entries (a wildcard is within a wildcard of the same or a parent domain).
        let lowercase = trimmed.to_ascii_lowercase();
        let (host, port) = split_entry(&lowercase);
        let covered = [80u16, 443].iter().any(|&default_port| {
            let port = port.unwrap_or(default_port);
            operator
                .iter()
                .any(|op| entry_allows(op, host, port, default_port))
        });
        if !covered {
            return Err(ApiError::Forbidden(format!(
                "egress to `{entry}` is not in the service's egress allowlist ({})",
                operator.join(", ")
            )));
        }
    }
    Ok(())
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
/// What the page asks the service to fetch.
struct EgressRequest {
    url: String,
    #[serde(default)]
    method: Option<String>,
    #[serde(default)]
    headers: BTreeMap<String, String>,
    #[serde(default)]
    body: Option<String>,
}

/// `POST <app>/api/egress`: the app's request, forwarded if its allowlist allows it.
pub async fn forward(
    state: &AppState,
    app_id: &str,
    allowlist: &[String],
    request: Request,
) -> Result<Response, ApiError> {
    if request.method() != axum::http::Method::POST {
        return Err(ApiError::Status {
            status: axum::http::StatusCode::METHOD_NOT_ALLOWED,
            message: "api/egress takes POST { url, method, headers, body }".into(),
        });
    }
    let bytes = axum::body::to_bytes(request.into_body(), MAX_REQUEST_BYTES)
        .await
        .map_err(|_| {
            ApiError::PayloadTooLarge(format!(
                "an egress request is at most {} KB",
                MAX_REQUEST_BYTES / 1024
            ))
        })?;
    let asked: EgressRequest = serde_json::from_slice(&bytes).map_err(|e| {
        ApiError::BadRequest(format!(
            "an egress request is {{ url, method, headers, body }}: {e}"
        ))
    })?;
    let url = reqwest::Url::parse(&asked.url).map_err(|e| {
        ApiError::BadRequest(format!("`{}` is not an absolute URL: {e}", asked.url))
    })?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(ApiError::BadRequest(format!(
            "egress is http or https, not {}",
            url.scheme()
        )));
    }
    let method = asked
        .method
        .as_deref()
        .unwrap_or("GET")
        .to_ascii_uppercase();
    if !allows(allowlist, &url) {
        state.metrics.egress("refused");
        tracing::warn!(app = app_id, %method, url = %url, "egress refused");
        let allowed = if allowlist.is_empty() {
            "none".to_string()
        } else {
            allowlist.join(", ")
        };
        return Err(ApiError::Forbidden(format!(
            "`{}` is not in app `{app_id}`'s egress allowlist ({allowed})",
            url.host_str().unwrap_or_default()
        )));
    }
    let method = reqwest::Method::from_bytes(method.as_bytes())
        .ok()
        .filter(|m| !matches!(*m, reqwest::Method::CONNECT | reqwest::Method::TRACE))
        .ok_or_else(|| ApiError::BadRequest(format!("`{method}` is not a method egress sends")))?;
    let mut outgoing = state.egress.http.request(method.clone(), url.clone());
    for (name, value) in &asked.headers {
        if !DROPPED_HEADERS.contains(&name.to_ascii_lowercase().as_str()) {
            outgoing = outgoing.header(name, value);
        }
    }
    if let Some(body) = asked.body {
        outgoing = outgoing.body(body);
    }
    let started = Instant::now();
    let answer = outgoing.send().await.map_err(|e| {
        state.metrics.egress("failed");
        tracing::warn!(app = app_id, %method, url = %url, error = %e, "egress failed");
        ApiError::BadGateway(format!("{url}: {e}"))
    })?;
    let status = answer.status().as_u16();
    let headers: BTreeMap<String, String> = answer
        .headers()
        .iter()
        .filter_map(|(k, v)| Some((k.to_string(), v.to_str().ok()?.to_string())))
        .collect();
    let body = read_capped(answer).await?;
    state.metrics.egress("forwarded");
    tracing::info!(
        app = app_id,
        %method,
        url = %url,
        status,
        ms = started.elapsed().as_millis() as u64,
        "egress"
    );
    let mut response =
        Json(json!({ "status": status, "headers": headers, "body": body })).into_response();
    response.headers_mut().insert(
        "cache-control",
        axum::http::HeaderValue::from_static("no-store"),
    );
    Ok(response)
}

/// The answer's body as text, refused past [`MAX_ANSWER_BYTES`].
async fn read_capped(mut answer: reqwest::Response) -> Result<String, ApiError> {
    let mut body = Vec::new();
    while let Some(chunk) = answer
        .chunk()
        .await
        .map_err(|e| ApiError::BadGateway(e.to_string()))?
    {
        if body.len() + chunk.len() > MAX_ANSWER_BYTES {
            return Err(ApiError::BadGateway(format!(
                "the answer is over {} MB",
                MAX_ANSWER_BYTES / (1024 * 1024)
            )));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(String::from_utf8_lossy(&body).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(text: &str) -> reqwest::Url {
        reqwest::Url::parse(text).expect("url")
    }

    #[test]
    fn entries_match_host_port_and_subdomains() {
        let entries = vec![
            "api.example.com".to_string(),
            "127.0.0.1:8443".to_string(),
            "*.weather.test".to_string(),
        ];
        assert!(allows(&entries, &url("https://api.example.com/v1?q=1")));
        assert!(allows(&entries, &url("http://API.example.com/")));
        assert!(!allows(&entries, &url("https://api.example.com:8443/")));
        assert!(!allows(&entries, &url("https://example.com/")));
        assert!(!allows(
            &entries,
            &url("https://api.example.com.evil.test/")
        ));
        assert!(allows(&entries, &url("http://127.0.0.1:8443/x")));
        assert!(!allows(&entries, &url("http://127.0.0.1:8444/x")));
        assert!(allows(&entries, &url("https://eu.weather.test/")));
        assert!(!allows(&entries, &url("https://weather.test/")));
        assert!(!allows(&entries, &url("https://evilweather.test/")));
        assert!(!allows(&[], &url("https://api.example.com/")));
    }

    #[test]
    fn an_apps_entries_must_be_within_the_operators() {
        let operator = vec!["*.example.com".to_string(), "127.0.0.1:9000".to_string()];
        assert!(check_requested(&["api.example.com".into()], &operator).is_ok());
        assert!(check_requested(&["127.0.0.1:9000".into()], &operator).is_ok());
        assert!(matches!(
            check_requested(&["127.0.0.1:9001".into()], &operator),
            Err(ApiError::Forbidden(_))
        ));
        assert!(matches!(
            check_requested(&["evil.test".into()], &operator),
            Err(ApiError::Forbidden(m)) if m.contains("*.example.com")
        ));
        assert!(matches!(
            check_requested(&["http://x/".into()], &operator),
            Err(ApiError::BadRequest(_))
        ));
        assert!(matches!(
            check_requested(&["api.example.com".into()], &[]),
            Err(ApiError::BadRequest(m)) if m.contains("--egress-allow")
        ));
        assert!(check_requested(&[], &[]).is_ok());
    }
}
