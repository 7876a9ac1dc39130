//! An origin per app: with `--apps-domain apps.example.com`, the app `notes` is
//! `http://notes.apps.example.com[:port]/`, routed by the request's `Host`. Its pages, cookies
//! and storage are its own, and `'self'` in its CSP is this app alone. No service route answers
//! on an app origin (or on the bare apps domain), and the path form `/apps/<id>/…` redirects to
//! the app's origin.
//!
//! Without an apps domain (a single-origin dev setup) apps stay under `/apps/<id>/` on the
//! service's origin, sharing it with each other and with the service.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::records::valid_app_id;
use crate::error::ApiError;
use crate::state::AppState;

/// Where a request's `Host` points.
#[derive(Debug, PartialEq, Eq)]
pub enum HostTarget {
    /// An app's origin.
    App(String),
    /// Under the apps domain but not an app (the bare domain, a nested name, a bad label).
    NotAnApp,
    /// The service itself.
    Service,
}

/// `host` without its port (`[::1]:8080` → `[::1]`), lowercased.
fn host_name(host: &str) -> String {
    let name = match host.rsplit_once(':') {
        Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) && !name.ends_with(':') => {
            name
        }
        _ => host,
    };
    name.trim_end_matches('.').to_ascii_lowercase()
}

/// The port of a `Host` header, when it names one.
fn host_port(host: &str) -> Option<&str> {
    host.rsplit_once(':')
        .map(|(_, port)| port)
        .filter(|port| !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()))
}

/// What `host` is under `domain`.
pub fn target(host: &str, domain: &str) -> HostTarget {
    let name = host_name(host);
    let domain = domain.trim_end_matches('.').to_ascii_lowercase();
    if name == domain {
        return HostTarget::NotAnApp;
    }
    match name.strip_suffix(&domain).and_then(|s| s.strip_suffix('.')) {
        Some(label) if valid_app_id(label) => HostTarget::App(label.to_string()),
        Some(_) => HostTarget::NotAnApp,
        None => HostTarget::Service,
    }
}

fn request_host(request: &Request) -> Option<String> {
    request
        .headers()
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
        .or_else(|| request.uri().authority().map(|a| a.to_string()))
}

/// The app's origin, on the port and scheme the request (with `headers`) came in with.
pub fn app_origin(app_id: &str, domain: &str, headers: &HeaderMap) -> String {
    let scheme = headers
        .get("x-forwarded-proto")
        .and_then(|v| v.to_str().ok())
        .filter(|p| *p == "https" || *p == "http")
        .unwrap_or("http");
    let port = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .and_then(host_port)
        .map(|p| format!(":{p}"))
        .unwrap_or_default();
    format!("{scheme}://{app_id}.{}{port}", domain.trim_end_matches('.'))
}

/// Where visitors find the app: its origin when apps have their own, else its path.
pub fn app_url(app_id: &str, domain: Option<&str>, headers: &HeaderMap) -> String {
    match domain {
        Some(domain) => format!("{}/", app_origin(app_id, domain, headers)),
        None => format!("/apps/{app_id}/"),
    }
}

/// Middleware in front of every route: requests to an app origin go to the app, never to a
/// service route.
pub async fn route_by_host(
    State(state): State<Arc<AppState>>,
    request: Request,
    next: Next,
) -> Response {
    let Some(domain) = state.config.apps.apps_domain.as_deref() else {
        return next.run(request).await;
    };
    let host = request_host(&request).unwrap_or_default();
    match target(&host, domain) {
        HostTarget::Service => next.run(request).await,
        HostTarget::NotAnApp => ApiError::NotFound(format!(
            "`{}` is no app: apps are at <appId>.{domain}",
            host_name(&host)
        ))
        .into_response(),
        HostTarget::App(app_id) => {
            let rest = request.uri().path().trim_start_matches('/').to_string();
            super::proxy::forward(state, app_id, rest, "/".into(), request)
                .await
                .unwrap_or_else(IntoResponse::into_response)
        }
    }
}

/// The path form's answer when apps have origins of their own: a permanent redirect there.
pub fn redirect(app_id: &str, rest: &str, domain: &str, request: &Request) -> Response {
    let query = request
        .uri()
        .query()
        .map(|q| format!("?{q}"))
        .unwrap_or_default();
    let location = format!(
        "{}/{rest}{query}",
        app_origin(app_id, domain, request.headers())
    );
    match HeaderValue::from_str(&location) {
        Ok(value) => (StatusCode::PERMANENT_REDIRECT, [(header::LOCATION, value)]).into_response(),
        Err(_) => ApiError::BadRequest("bad path".into()).into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_under_the_apps_domain_are_apps_and_others_the_service() {
        let domain = "apps.localhost";
        let app = |id: &str| HostTarget::App(id.to_string());
        assert_eq!(target("notes.apps.localhost:8080", domain), app("notes"));
        assert_eq!(target("Notes.Apps.Localhost", domain), app("notes"));
        assert_eq!(target("notes.apps.localhost.", domain), app("notes"));
        assert_eq!(target("apps.localhost:8080", domain), HostTarget::NotAnApp);
        assert_eq!(target("a.b.apps.localhost", domain), HostTarget::NotAnApp);
        assert_eq!(target("-x.apps.localhost", domain), HostTarget::NotAnApp);
        assert_eq!(target("evilapps.localhost", domain), HostTarget::Service);
        assert_eq!(target("127.0.0.1:8080", domain), HostTarget::Service);
        assert_eq!(target("[::1]:8080", domain), HostTarget::Service);
        assert_eq!(target("", domain), HostTarget::Service);
    }

    #[test]
    fn the_redirect_keeps_port_path_query_and_scheme() {
        let request = |host: &str, proto: Option<&str>| {
            let mut builder = axum::http::Request::builder()
                .uri("/apps/notes/list?page=2")
                .header(header::HOST, host);
            if let Some(proto) = proto {
                builder = builder.header("x-forwarded-proto", proto);
            }
            builder.body(axum::body::Body::empty()).expect("request")
        };
        let location = |response: Response| {
            assert_eq!(response.status(), StatusCode::PERMANENT_REDIRECT);
            response.headers()[header::LOCATION]
                .to_str()
                .unwrap_or_default()
                .to_string()
        };
        assert_eq!(
            location(redirect(
                "notes",
                "list",
                "apps.localhost",
                &request("127.0.0.1:7800", None)
            )),
            "http://notes.apps.localhost:7800/list?page=2"
        );
        assert_eq!(
            location(redirect(
                "notes",
                "",
                "apps.example.com",
                &request("service.example.com", Some("https"))
            )),
            "https://notes.apps.example.com/?page=2"
        );
    }
}
