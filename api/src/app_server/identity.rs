//! Which app a request is for. The service reaches an app's server on a loopback port the
//! engine picked, and a port it remembers can belong to another app's container by the time it
//! is used: after an engine restart the engine hands out its ports again from the start. So the
//! proxy names the app it means in [`APP_HEADER`], and a server started for another app
//! answers `421 Misdirected Request` (marked with [`MISDIRECTED_HEADER`]) without touching its
//! store or files; the proxy then finds the app's real port.

use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The app the service means, on every request it forwards.
pub const APP_HEADER: &str = "x-appbundle-app";
/// On a `421` from an app server: the request was for another app and was not handled.
pub const MISDIRECTED_HEADER: &str = "x-appbundle-misdirected";

/// Refuses a request that names another app than `own`. One without [`APP_HEADER`] is served:
/// the engine's health check runs inside the container, where no other app can answer.
async fn only_for(own: std::sync::Arc<str>, request: Request, next: Next) -> Response {
    match request.headers().get(APP_HEADER) {
        Some(meant) if meant.as_bytes() != own.as_bytes() => misdirected(),
        _ => next.run(request).await,
    }
}

/// `router`, refusing requests that name another app than `app_id` (all are served when it is
/// `None`).
pub fn serve_only(router: axum::Router, app_id: Option<&str>) -> axum::Router {
    let Some(app_id) = app_id else {
        return router;
    };
    let own: std::sync::Arc<str> = app_id.into();
    router.layer(axum::middleware::from_fn(move |request, next| {
        only_for(own.clone(), request, next)
    }))
}

fn misdirected() -> Response {
    let mut response = (
        StatusCode::MISDIRECTED_REQUEST,
        "this server belongs to another app",
    )
        .into_response();
    response
        .headers_mut()
        .insert(MISDIRECTED_HEADER, HeaderValue::from_static("1"));
    response
}

/// The app server that answered is not the app's: nothing was done with the request.
pub fn is_misdirected<B>(response: &axum::http::Response<B>) -> bool {
    response.status() == StatusCode::MISDIRECTED_REQUEST
        && response.headers().contains_key(MISDIRECTED_HEADER)
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use axum::routing::get;
    use tower::ServiceExt;

    fn server_of(app_id: &str) -> axum::Router {
        serve_only(
            axum::Router::new().route("/", get(|| async { "notes" })),
            Some(app_id),
        )
    }

    async fn get_as(router: axum::Router, meant: Option<&str>) -> Response {
        let mut request = Request::builder().uri("/");
        if let Some(meant) = meant {
            request = request.header(APP_HEADER, meant);
        }
        router
            .oneshot(request.body(Body::empty()).unwrap())
            .await
            .unwrap()
    }

    #[tokio::test]
    async fn a_request_for_another_app_is_refused_and_marked() {
        let refused = get_as(server_of("notes"), Some("notes-2")).await;
        assert!(is_misdirected(&refused));
        let served = get_as(server_of("notes"), Some("notes")).await;
        assert_eq!(served.status(), StatusCode::OK);
        assert!(!is_misdirected(&served));
        // The engine's health check names no app.
        let health = get_as(server_of("notes"), None).await;
        assert_eq!(health.status(), StatusCode::OK);
    }

    #[test]
    fn a_421_of_the_app_itself_is_not_a_misdirection() {
        let response = axum::http::Response::builder()
            .status(StatusCode::MISDIRECTED_REQUEST)
            .body(())
            .unwrap();
        assert!(!is_misdirected(&response));
    }
}
