//! Published apps over HTTP: the authenticated management API (`POST /apps/{appId}/publish`,
//! `GET /apps/{appId}`, `DELETE /apps/{appId}`, `GET /apps`) and the public reverse proxy
//! (`/apps/{appId}/…` → the app's container on 127.0.0.1).
//!
//! Beside the handlers, one module per concern: `records` (what is kept on disk), `quota`,
//! `view` (the state an owner sees), `lifecycle` (the [`AppManager`]: publish, start, route,
//! delete, rediscover), `background` (idle sweep, OOM watcher), [`proxy`] and [`site`] (the
//! files a publish writes).

mod background;
pub mod egress;
mod error;
mod lifecycle;
#[cfg(test)]
mod memory_engine;
pub mod origin;
pub mod pressure;
pub mod proxy;
mod quota;
mod records;
mod request_limits;
pub mod site;
mod view;

pub use error::AppError;
pub use lifecycle::AppManager;
pub use records::valid_app_id;
pub use request_limits::RequestLimits;
pub use view::AppView;

use std::collections::BTreeMap;
use std::sync::Arc;

use appbundle_bundler::{BundleOptions, BundleRequest, FileContent};
use appbundle_containers::Limits;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use serde::Deserialize;
use serde_json::json;

use crate::bundle_routes::{bundle_cached, cached_by_hash};
use crate::error::{ApiError, QueryParams};
use crate::state::{AppState, CachedBundle, Part};

/// The user behind the request's API key (`Authorization: Bearer <key>` or `x-api-key`).
fn user_of(state: &AppState, headers: &HeaderMap) -> Result<String, AppError> {
    let keys = &state.config.apps.api_keys;
    if keys.is_empty() {
        return Err(AppError::Unauthorized(
            "publishing needs API keys: start the service with APPBUNDLE_API_KEYS=<key>=<user>,…"
                .into(),
        ));
    }
    let presented = headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .or_else(|| headers.get("x-api-key").and_then(|v| v.to_str().ok()));
    let Some(key) = presented else {
        return Err(AppError::Unauthorized(
            "send an API key: `Authorization: Bearer <key>` or `x-api-key: <key>`".into(),
        ));
    };
    keys.get(key)
        .cloned()
        .ok_or_else(|| AppError::Unauthorized("unknown API key".into()))
}

fn checked_id(app_id: &str) -> Result<(), AppError> {
    if valid_app_id(app_id) {
        Ok(())
    } else {
        Err(AppError::BadRequest(format!(
            "`{app_id}` is not an app id: 1-63 lowercase letters, digits and - (not first or last), a DNS label"
        )))
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
/// The body of `POST /apps/{appId}/publish`.
pub struct PublishRequest {
    /// The app's files (as for `POST /bundle`); bundled minified.
    #[serde(default)]
    files: Option<BTreeMap<String, FileContent>>,
    #[serde(default)]
    entry: Option<String>,
    /// Or a bundle already made by `POST /bundle` (its `hash`).
    #[serde(default)]
    bundle: Option<String>,
    #[serde(default)]
    title: Option<String>,
    /// Hosts `SandboxAPI.fetch` may reach through the service (within `--egress-allow`).
    #[serde(default)]
    egress: Vec<String>,
    /// Memory limit in MB (512 default, 1024 at most) and CPUs (1 default, 2 at most).
    #[serde(default)]
    memory_mb: Option<u64>,
    #[serde(default)]
    cpus: Option<f64>,
}

/// A bundle made with `options.refresh`, as its preview metadata says.
fn made_for_refresh(entry: &CachedBundle) -> bool {
    serde_json::from_slice::<serde_json::Value>(&entry.bytes(Part::Meta))
        .is_ok_and(|meta| meta["refresh"] == true)
}

/// Bundles the request's files for production (minified), or takes a cached bundle; returns
/// the bundle's hash and entry.
async fn build(
    state: &Arc<AppState>,
    request: &PublishRequest,
) -> Result<(String, Arc<CachedBundle>), ApiError> {
    match (&request.files, &request.bundle) {
        (Some(files), None) => {
            let bundle_request = BundleRequest {
                files: files.clone(),
                entry: request.entry.clone(),
                options: BundleOptions {
                    minify: true,
                    ..Default::default()
                },
            };
            let (hash, entry, _) = bundle_cached(state, bundle_request).await?;
            Ok((hash, entry))
        }
        (None, Some(hash)) => {
            let entry = cached_by_hash(state, hash).await.ok_or_else(|| {
                ApiError::NotFound(format!(
                    "no bundle `{hash}` (it may have left the cache): send `files`"
                ))
            })?;
            if made_for_refresh(&entry) {
                return Err(ApiError::BadRequest(format!(
                    "bundle `{hash}` was made for the preview (options.refresh, on React's development build): publish its `files`, or a bundle made without `refresh`"
                )));
            }
            Ok((hash.clone(), entry))
        }
        _ => Err(ApiError::BadRequest(
            "send either `files` (with an optional `entry`) or `bundle` (a hash from POST /bundle)"
                .into(),
        )),
    }
}

/// The view with the URL visitors use: the app's origin when apps have their own.
fn with_url(state: &AppState, mut view: AppView, headers: &HeaderMap) -> AppView {
    view.url = origin::app_url(
        &view.app_id,
        state.config.apps.apps_domain.as_deref(),
        headers,
    );
    view
}

/// `POST /apps/{appId}/publish`.
pub async fn publish(
    State(state): State<Arc<AppState>>,
    Path(app_id): Path<String>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<Json<AppView>, ApiError> {
    let user = user_of(&state, &headers)?;
    checked_id(&app_id)?;
    state
        .app_limits
        .publish(state.shared.as_ref(), &state.metrics, &user)
        .await?;
    let request: PublishRequest = serde_json::from_slice(&body)
        .map_err(|e| ApiError::BadRequest(format!("invalid JSON body: {e}")))?;
    let limits = Limits::requested(request.memory_mb, request.cpus)
        .map_err(|e| ApiError::BadRequest(e.to_string()))?;
    egress::check_requested(&request.egress, &state.config.apps.egress_allowed)?;
    let manifest = state.manifest.clone().ok_or_else(|| {
        ApiError::Unavailable("the runtime deps are not built yet (appbundle build-deps)".into())
    })?;
    let (hash, built) = build(&state, &request).await?;
    let apps = &state.apps;
    let staging = apps.staging_dir(&app_id);
    let title = request.title.clone().unwrap_or_else(|| app_id.clone());
    let deps_dir = state.config.deps_dir.clone();
    let target = staging.clone();
    let written = tokio::task::spawn_blocking(move || {
        let content = site::SiteContent {
            title: &title,
            script: &built.text(Part::Script),
            map: (&format!("{hash}.js.map"), &built.text(Part::Map)),
            css: &built.text(Part::Css),
            bundles: &built.bundles,
            assets: &built,
        };
        site::write_site(&target, &content, &manifest, &deps_dir)
    })
    .await;
    let failed = match written {
        Ok(Ok(())) => None,
        Ok(Err(e)) if e.is_storage_full() => Some(ApiError::InsufficientStorage(format!(
            "the service's state directory is full, so `{app_id}` was not published ({e}); what was published before keeps serving"
        ))),
        Ok(Err(e)) => Some(ApiError::Internal(format!("writing the site: {e}"))),
        Err(join) => Some(ApiError::Internal(format!("writing the site: {join}"))),
    };
    if let Some(error) = failed {
        let _ = tokio::fs::remove_dir_all(&staging).await;
        return Err(error);
    }
    let egress = request.egress.clone();
    match apps
        .publish(&user, &app_id, limits, egress, staging.clone())
        .await
    {
        Ok(view) => Ok(Json(with_url(&state, view, &headers))),
        Err(e) => {
            let _ = tokio::fs::remove_dir_all(&staging).await;
            Err(e.into())
        }
    }
}

/// `GET /apps/{appId}`.
pub async fn get_app(
    State(state): State<Arc<AppState>>,
    Path(app_id): Path<String>,
    headers: HeaderMap,
) -> Result<Json<AppView>, ApiError> {
    let user = user_of(&state, &headers)?;
    let view = state.apps.get(&user, &app_id).await?;
    Ok(Json(with_url(&state, view, &headers)))
}

/// `GET /apps`: the caller's apps.
pub async fn list_apps(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
) -> Result<Json<serde_json::Value>, ApiError> {
    let user = user_of(&state, &headers)?;
    let apps: Vec<AppView> = (state.apps.list(&user).await)
        .into_iter()
        .map(|view| with_url(&state, view, &headers))
        .collect();
    Ok(Json(json!({ "apps": apps })))
}

#[derive(Debug, Deserialize)]
/// `DELETE /apps/{appId}`'s query.
pub struct DeleteQuery {
    #[serde(default)]
    purge: bool,
}

/// `DELETE /apps/{appId}` (`?purge=true` also removes its data).
pub async fn delete_app(
    State(state): State<Arc<AppState>>,
    Path(app_id): Path<String>,
    QueryParams(query): QueryParams<DeleteQuery>,
    headers: HeaderMap,
) -> Result<StatusCode, ApiError> {
    let user = user_of(&state, &headers)?;
    state.apps.delete(&user, &app_id, query.purge).await?;
    Ok(StatusCode::NO_CONTENT)
}
