//! `POST /bundle` (JSON `{ files, entry, options }` or a raw TSX body) and the cached outputs at
//! `GET /bundle/<hash>.js` and `.js.map`. Bundling runs on the blocking pool, a bounded number
//! at once, under a timeout; identical requests share one computation and one cache entry.

use std::sync::Arc;
use std::time::Instant;

use appbundle_bundler::Manifest;
use appbundle_bundler::{
    bundle, BundleOutput, BundleRequest, Dependencies, Diagnostic, FileContent, PackageImport,
};
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::error::ApiError;
use crate::http::{etag_matches, CACHE_IMMUTABLE};
use crate::state::{hex, AppState, AssetEntry, CachedBundle, Part};

enum Output {
    Script,
    Map,
    Meta,
    Css,
}

/// Why no bundle came out.
#[derive(Debug, Clone)]
enum Failure {
    Rejected(Vec<Diagnostic>),
    /// Past the configured timeout.
    Timeout(std::time::Duration),
    Internal(String),
}

impl From<Failure> for ApiError {
    fn from(failure: Failure) -> Self {
        match failure {
            Failure::Rejected(diagnostics) => ApiError::Rejected(diagnostics),
            Failure::Timeout(limit) => ApiError::Unavailable(format!(
                "bundling took longer than {} s; try again or send a smaller app",
                limit.as_secs_f64()
            )),
            Failure::Internal(message) => {
                ApiError::Internal(format!("internal error while bundling: {message}"))
            }
        }
    }
}

/// The request from a JSON body or, for one-file apps, a raw TSX body.
fn parse_request(headers: &HeaderMap, body: &[u8]) -> Result<BundleRequest, ApiError> {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    match content_type.as_str() {
        "application/json" => serde_json::from_slice(body).map_err(|e| {
            ApiError::BadRequest(format!("the body is not a valid bundle request: {e}"))
        }),
        "text/plain" | "application/typescript" | "text/typescript" | "text/tsx" => {
            let text = std::str::from_utf8(body)
                .map_err(|e| ApiError::BadRequest(format!("the body is not UTF-8 text: {e}")))?;
            Ok(BundleRequest {
                files: FileContent::texts([("App.tsx", text)]),
                ..Default::default()
            })
        }
        other => Err(ApiError::UnsupportedMediaType(format!(
            "Content-Type `{other}` is not accepted: send application/json ({{ files, entry, options }}) or text/plain (one TSX file)"
        ))),
    }
}

/// Same request, same manifest → same key (and the same `/bundle/<hash>.js`).
fn cache_key(manifest_version: &str, request: &BundleRequest) -> String {
    let canonical = serde_json::to_vec(request).unwrap_or_default();
    let mut hasher = Sha256::new();
    hasher.update(manifest_version.as_bytes());
    hasher.update([0]);
    hasher.update(&canonical);
    hex(&hasher.finalize())
}

async fn compute(
    state: Arc<AppState>,
    request: BundleRequest,
    hash: String,
) -> Result<Arc<CachedBundle>, Failure> {
    let permit = state
        .slots
        .clone()
        .acquire_owned()
        .await
        .map_err(|e| Failure::Internal(e.to_string()))?;
    let started = Instant::now();
    let worker = state.clone();
    // The permit lives as long as the work, even when the request has given up waiting.
    let task = tokio::task::spawn_blocking(move || {
        let _permit = permit;
        let deps = Dependencies::new(worker.allowlist, worker.manifest.as_deref());
        // Serializing code and map and hashing the script are CPU work too: done here, off the
        // async workers.
        let refresh = request.options.refresh;
        bundle(&request, deps)
            .map(|output| cache_entry(output, &hash, worker.manifest.as_deref(), refresh))
    });
    let outcome = tokio::time::timeout(state.config.timeout, task).await;
    let elapsed = started.elapsed().as_secs_f64();
    let (label, result) = match outcome {
        Err(_) => ("timeout", Err(Failure::Timeout(state.config.timeout))),
        Ok(Err(join)) => ("error", Err(Failure::Internal(join.to_string()))),
        Ok(Ok(Err(diagnostics))) => ("rejected", Err(Failure::Rejected(diagnostics))),
        Ok(Ok(Ok(cached))) => ("ok", Ok(Arc::new(cached))),
    };
    state.metrics.observe_bundle(label, elapsed);
    result
}

#[derive(Serialize)]
struct BundleLink<'a> {
    category: &'a str,
    url: Option<String>,
    integrity: Option<&'a str>,
}

/// The 200 body of `POST /bundle`.
#[derive(Serialize)]
struct BundleResponse<'a> {
    hash: &'a str,
    url: &'a str,
    code: &'a str,
    map: &'a str,
    bundles: &'a [BundleLink<'a>],
    imports: &'a [PackageImport],
    warnings: &'a [Diagnostic],
    css: &'a str,
    assets: &'a [AssetLink<'a>],
}

/// An asset as `POST /bundle` lists it.
#[derive(Serialize)]
struct AssetLink<'a> {
    path: &'a str,
    url: String,
    bytes: usize,
}

/// `GET /bundle/<hash>.json`: what the preview needs, without the code.
#[derive(Serialize)]
struct PreviewMeta<'a> {
    hash: &'a str,
    url: &'a str,
    integrity: String,
    bundles: &'a [BundleLink<'a>],
    warnings: &'a [Diagnostic],
    css: String,
    /// Made with `options.refresh` (React's development build): for the preview only.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    refresh: bool,
}

/// The answer's parts; `refresh`: the app was made for React Fast Refresh, so a bundle with a
/// refresh build (core) is linked as that build.
fn cache_entry(
    output: BundleOutput,
    hash: &str,
    manifest: Option<&Manifest>,
    refresh: bool,
) -> CachedBundle {
    let url = format!("/bundle/{hash}.js");
    let script = format!(
        "{}\n//# sourceMappingURL={hash}.js.map\n",
        output.code.trim_end()
    );
    let (response, meta) = {
        let bundles: Vec<BundleLink> = output
            .bundles
            .iter()
            .map(|category| {
                let built = manifest.and_then(|m| m.bundles.get(category));
                let file = match built {
                    Some(built) if refresh => built.refresh.as_deref().or(Some(built)),
                    _ => built,
                };
                BundleLink {
                    category,
                    url: file.map(|f| format!("/runtime-deps/{}", f.file)),
                    integrity: file.map(|f| f.integrity.as_str()),
                }
            })
            .collect();
        let asset_links: Vec<AssetLink> = output
            .assets
            .iter()
            .map(|a| AssetLink {
                path: &a.path,
                url: format!("/bundle/{hash}/assets/{}", a.name),
                bytes: a.bytes.len(),
            })
            .collect();
        let response = BundleResponse {
            assets: &asset_links,
            hash,
            url: &url,
            code: &output.code,
            map: &output.map,
            bundles: &bundles,
            imports: &output.imports,
            warnings: &output.warnings,
            css: &output.css,
        };
        let meta = PreviewMeta {
            hash,
            url: &url,
            integrity: sri(script.as_bytes()),
            bundles: &bundles,
            warnings: &output.warnings,
            css: format!("/bundle/{hash}.css"),
            refresh,
        };
        (
            serde_json::to_vec(&response).unwrap_or_default(),
            serde_json::to_vec(&meta).unwrap_or_default(),
        )
    };
    let assets: Vec<(AssetEntry, &[u8])> = output
        .assets
        .iter()
        .map(|asset| {
            let entry = AssetEntry {
                name: asset.name.clone(),
                mime: asset.mime.clone(),
                len: asset.bytes.len(),
            };
            (entry, asset.bytes.as_slice())
        })
        .collect();
    CachedBundle::new(
        output.bundles,
        &response,
        &meta,
        &script,
        &output.map,
        &output.css,
        &assets,
    )
}

/// `POST /bundle`.
pub async fn create(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let body = body.map_err(|rejection| match ApiError::from(rejection) {
        ApiError::Status { status, .. } if status == StatusCode::PAYLOAD_TOO_LARGE => {
            ApiError::PayloadTooLarge(format!(
                "the request body is over the limit of {} bytes",
                state.config.body_limit
            ))
        }
        other => other,
    })?;
    let request = parse_request(&headers, &body)?;
    let (_, entry, hit) = bundle_cached(&state, request).await?;
    let mut response = (
        [(header::CONTENT_TYPE, "application/json")],
        entry.bytes(Part::Response),
    )
        .into_response();
    response.headers_mut().insert(
        "x-cache",
        HeaderValue::from_static(if hit { "hit" } else { "miss" }),
    );
    Ok(response)
}

/// Bundles `request` through the cache (identical requests share one computation), on the
/// blocking pool under the bundling slots and timeout; returns its hash (`/bundle/<hash>.js`),
/// the entry and whether it was a cache hit, or why not (422 with the diagnostics, 503, 500).
pub(crate) async fn bundle_cached(
    state: &Arc<AppState>,
    request: BundleRequest,
) -> Result<(String, Arc<CachedBundle>, bool), ApiError> {
    let hash = cache_key(&state.manifest_version, &request);
    let entry = state
        .cache
        .entry(hash.clone())
        .or_try_insert_with(fetch_or_compute(state.clone(), request, hash.clone()))
        .await;
    match entry {
        Ok(entry) => {
            let hit = !entry.is_fresh();
            state.metrics.cache(hit);
            Ok((hash, entry.into_value(), hit))
        }
        Err(failure) => Err(Failure::clone(&failure).into()),
    }
}

/// The result from the shared tier when another instance made it, else bundled here (and then
/// shared).
async fn fetch_or_compute(
    state: Arc<AppState>,
    request: BundleRequest,
    hash: String,
) -> Result<Arc<CachedBundle>, Failure> {
    if let Some(shared) = &state.shared {
        if let Some(entry) = shared.get_bundle(&state.metrics, &hash).await {
            return Ok(Arc::new(entry));
        }
    }
    let entry = compute(state.clone(), request, hash.clone()).await?;
    if let Some(shared) = &state.shared {
        // Awaited (within Redis's short deadline): the preview asks another instance for
        // `/bundle/<hash>.js` as soon as this answer arrives.
        shared.put_bundle(&state.metrics, &hash, &entry).await;
    }
    Ok(entry)
}

/// The bundle `hash` from this instance's cache, else from the shared tier (then kept here).
pub(crate) async fn cached_by_hash(state: &AppState, hash: &str) -> Option<Arc<CachedBundle>> {
    if let Some(entry) = state.cache.get(hash).await {
        return Some(entry);
    }
    let shared = state.shared.as_ref()?;
    let entry = Arc::new(shared.get_bundle(&state.metrics, hash).await?);
    state.cache.insert(hash.to_string(), entry.clone()).await;
    Some(entry)
}

/// The cached bundle `hash` names, or the 404 that says why there is none.
async fn cached_or_404(state: &AppState, hash: &str) -> Result<Arc<CachedBundle>, ApiError> {
    if hash.len() != 64 || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(ApiError::NotFound(format!("`{hash}` is not a bundle hash")));
    }
    cached_by_hash(state, hash).await.ok_or_else(|| {
        ApiError::NotFound("no such bundle (it may have left the cache): POST /bundle again".into())
    })
}

/// Subresource integrity of a script: `sha384-<base64>`.
fn sri(bytes: &[u8]) -> String {
    use base64::Engine;
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(sha2::Sha384::digest(bytes))
    )
}

/// `GET /bundle/<hash>.js`, `.js.map` and `.json` (the preview's metadata): content-addressed,
/// cached for a year.
pub async fn output(
    State(state): State<Arc<AppState>>,
    Path(file): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let (hash, kind) = if let Some(hash) = file.strip_suffix(".js.map") {
        (hash, Output::Map)
    } else if let Some(hash) = file.strip_suffix(".js") {
        (hash, Output::Script)
    } else if let Some(hash) = file.strip_suffix(".json") {
        (hash, Output::Meta)
    } else if let Some(hash) = file.strip_suffix(".css") {
        (hash, Output::Css)
    } else {
        return Err(ApiError::NotFound(
            "expected /bundle/<hash>.js, .js.map, .json or .css".into(),
        ));
    };
    let cached = cached_or_404(&state, hash).await?;
    let (suffix, content_type, body) = match kind {
        Output::Script => (
            "",
            "application/javascript; charset=utf-8",
            cached.bytes(Part::Script),
        ),
        Output::Map => (".map", "application/json", cached.bytes(Part::Map)),
        Output::Meta => (".json", "application/json", cached.bytes(Part::Meta)),
        Output::Css => (".css", "text/css; charset=utf-8", cached.bytes(Part::Css)),
    };
    let etag = format!("\"{hash}{suffix}\"");
    if etag_matches(&headers, &etag) {
        return Ok((
            StatusCode::NOT_MODIFIED,
            [
                (header::ETAG, etag),
                (header::CACHE_CONTROL, CACHE_IMMUTABLE.into()),
            ],
        )
            .into_response());
    }
    Ok((
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (header::ETAG, etag),
            (header::CACHE_CONTROL, CACHE_IMMUTABLE.to_string()),
        ],
        body,
    )
        .into_response())
}

/// `GET /bundle/<hash>/assets/<name>`: an image, font or SVG of a bundled app, content-hashed.
/// The sandbox CSP keeps an SVG opened on its own from running script on the service's origin.
pub async fn asset(
    State(state): State<Arc<AppState>>,
    Path((hash, name)): Path<(String, String)>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let cached = cached_or_404(&state, &hash).await?;
    let Some((entry, body)) = cached.asset(&name) else {
        return Err(ApiError::NotFound(format!(
            "bundle `{hash}` has no asset `{name}`"
        )));
    };
    let etag = format!("\"{name}\"");
    let immutable = [
        (header::ETAG, etag.clone()),
        (header::CACHE_CONTROL, CACHE_IMMUTABLE.to_string()),
    ];
    if etag_matches(&headers, &etag) {
        return Ok((StatusCode::NOT_MODIFIED, immutable).into_response());
    }
    Ok((
        [
            (header::CONTENT_TYPE, entry.mime.clone()),
            (
                header::CONTENT_SECURITY_POLICY,
                "default-src 'none'; style-src 'unsafe-inline'; sandbox".to_string(),
            ),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_string()),
        ],
        immutable,
        body,
    )
        .into_response())
}
