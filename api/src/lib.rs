//! `appbundle serve`: the bundling service. Code generators `POST /bundle`; preview iframes load
//! `/bundle/<hash>.js` and the prebuilt `/runtime-deps/*` as plain scripts.
//!
//! One module per concern: [`config`] (flags and defaults), [`state`] (what handlers share),
//! [`error`] (the one error type and body), [`connections`] (accepting, with the timeouts slow
//! clients need), [`http`] (ETag, encoding, cache lifetimes),
//! [`bundle_routes`] (POST /bundle and the cached outputs), [`runtime_deps`] (static serving with
//! precompressed variants), [`preview`] (the sandboxed preview page and its runtime), [`ops`]
//! (health, readiness, metrics, OpenAPI), [`metrics`], [`rate_limit`] (per API key or client
//! IP), [`apps`] (published apps) and [`app_server`] (what runs inside an app's container).

pub mod app_server;
pub mod apps;
pub mod bundle_routes;
pub mod config;
pub mod connections;
pub mod error;
pub mod http;
pub mod limiter;
pub mod metrics;
pub mod ops;
pub mod preview;
pub mod rate_limit;
pub mod runtime_deps;
pub mod shared;
pub mod state;

use std::future::Future;
use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderName, Method};
use axum::routing::{any, get, post};
use axum::Router;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;

pub use config::ServeConfig;
pub use state::AppState;

const REQUEST_ID: &str = "x-request-id";

/// Every route, with its layers.
pub fn router(state: Arc<AppState>) -> Router {
    let config = &state.config;
    // Bundle answers are JSON and JavaScript (the 302-line app's is 69 KB): compressed for
    // clients that accept br or gzip, at a level fast enough for the request path.
    let compress = || {
        tower_http::compression::CompressionLayer::new()
            .quality(tower_http::CompressionLevel::Precise(4))
    };
    let bundling = Router::new()
        .route("/bundle", post(bundle_routes::create).layer(compress()))
        .route("/apps/{app_id}/publish", post(apps::publish))
        // Inside the rate limit: a refused client's body is not waited for.
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            connections::body_deadline,
        ));
    // With Redis, one limit for all instances; alone, tower_governor's in this process.
    let bundling = match &state.bundle_limit {
        Some(_) => bundling.layer(axum::middleware::from_fn_with_state(
            state.clone(),
            rate_limit::shared,
        )),
        None => bundling.layer(rate_limit::layer(config)),
    }
    .layer(DefaultBodyLimit::max(config.body_limit));
    let cors = CorsLayer::new()
        .allow_methods([Method::GET, Method::HEAD, Method::POST])
        .allow_headers([
            axum::http::header::CONTENT_TYPE,
            HeaderName::from_static("x-api-key"),
        ])
        .allow_origin(match config.cors_origin.as_str() {
            "*" => AllowOrigin::any(),
            origin => AllowOrigin::exact(
                origin
                    .parse()
                    .unwrap_or_else(|_| axum::http::HeaderValue::from_static("null")),
            ),
        });
    let request_id = HeaderName::from_static(REQUEST_ID);
    Router::new()
        .merge(bundling)
        .route(
            "/bundle/{file}",
            get(bundle_routes::output).layer(compress()),
        )
        .route("/runtime-deps/{file}", get(runtime_deps::serve))
        .route("/", get(preview::playground))
        .route("/playground.js", get(preview::playground_js))
        .route("/playground.css", get(preview::playground_css))
        .route("/preview", get(preview::page))
        .route("/preview/runtime.js", get(preview::runtime_js))
        .route("/preview/hot.js", get(preview::hot_js))
        .route("/sdk/{file}", get(preview::sdk))
        .route("/bundle/{hash}/assets/{name}", get(bundle_routes::asset))
        .route("/preview/runtime.css", get(preview::runtime_css))
        .route("/healthz", get(ops::healthz))
        .route("/readyz", get(ops::readyz))
        .route("/metrics", get(ops::metrics))
        .route("/openapi.json", get(ops::openapi))
        .route("/apps", get(apps::list_apps))
        .route(
            "/apps/{app_id}",
            get(apps::get_app).delete(apps::delete_app),
        )
        .route("/apps/{app_id}/", any(apps::proxy::root))
        .route("/apps/{app_id}/{*rest}", any(apps::proxy::path))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            metrics::record,
        ))
        .layer(cors)
        // Outside the service's CORS and metrics: an app origin is not the service.
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            apps::origin::route_by_host,
        ))
        .layer(
            TraceLayer::new_for_http().make_span_with(|request: &axum::http::Request<_>| {
                let id = request
                    .headers()
                    .get(REQUEST_ID)
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or("-");
                tracing::info_span!("request", id, method = %request.method(), uri = %request.uri())
            }),
        )
        .layer(PropagateRequestIdLayer::new(request_id.clone()))
        .layer(SetRequestIdLayer::new(request_id, MakeRequestUuid))
        .with_state(state)
}

/// Serves on `listener` until `shutdown` resolves, then lets requests in flight finish.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: Arc<AppState>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    state.apps.spawn_background();
    let header_timeout = state.config.header_timeout;
    connections::serve_connections(listener, router(state), header_timeout, shutdown).await
}

/// Resolves on SIGTERM or Ctrl-C.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}
