//! Liveness, readiness (the deps manifest is loaded), Prometheus metrics and the OpenAPI file.

use std::sync::Arc;

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::state::AppState;

/// The API's description, kept beside the code and checked against the running server.
pub const OPENAPI: &str = include_str!("../openapi.json");

/// `GET /healthz`: the process answers.
pub async fn healthz() -> &'static str {
    "ok\n"
}

/// `GET /readyz`: 503 until a manifest is loaded.
pub async fn readyz(State(state): State<Arc<AppState>>) -> Response {
    match &state.manifest {
        Some(manifest) => (
            StatusCode::OK,
            format!("ready: {} runtime-deps bundles\n", manifest.bundles.len()),
        )
            .into_response(),
        None => (
            StatusCode::SERVICE_UNAVAILABLE,
            format!(
                "not ready: no manifest.json in {} (run `appbundle build-deps`)\n",
                state.config.deps_dir.display()
            ),
        )
            .into_response(),
    }
}

/// `GET /metrics`: Prometheus text.
pub async fn metrics(State(state): State<Arc<AppState>>) -> Response {
    state.metrics.set_pressure(&state.apps.pressure());
    state.cache.run_pending_tasks().await;
    state
        .metrics
        .set_cache_size(state.cache.entry_count(), state.cache.weighted_size());
    (
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
        state.metrics.render(),
    )
        .into_response()
}

/// `GET /openapi.json`: the API's description.
pub async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}
