//! `GET /runtime-deps/<file>`: the prebuilt bundles, maps, manifest and types. Content-hashed
//! files are immutable for a year, the rest short-cached; every response has an `ETag` (304 on
//! `If-None-Match`), and the precompressed `.br` / `.gz` copy is sent when `Accept-Encoding`
//! allows it.

use std::sync::Arc;
use std::time::UNIX_EPOCH;

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;
use crate::http::{accepts_encoding, etag_matches, CACHE_IMMUTABLE, CACHE_REVALIDATE};
use crate::state::AppState;

/// `core.1a2b3c4d5e6f.js` (and its `.map`): the name changes with the content.
fn is_content_hashed(name: &str) -> bool {
    let stem = name.strip_suffix(".map").unwrap_or(name);
    let Some(stem) = stem.strip_suffix(".js") else {
        return false;
    };
    stem.rsplit_once('.')
        .is_some_and(|(_, hash)| hash.len() == 12 && hash.bytes().all(|b| b.is_ascii_hexdigit()))
}

fn content_type(name: &str) -> &'static str {
    if name.ends_with(".d.ts") {
        "text/plain; charset=utf-8"
    } else if name.ends_with(".js") {
        "application/javascript; charset=utf-8"
    } else if name.ends_with(".map") || name.ends_with(".json") {
        "application/json"
    } else {
        "text/plain; charset=utf-8"
    }
}

/// `GET /runtime-deps/<file>`.
pub async fn serve(
    State(state): State<Arc<AppState>>,
    Path(name): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    // One flat folder: a name with anything but these characters is not ours.
    let clean = !name.is_empty()
        && !name.starts_with('.')
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'));
    if !clean || name.ends_with(".br") || name.ends_with(".gz") || name.ends_with(".partial") {
        return Err(ApiError::NotFound(format!("no runtime-deps file `{name}`")));
    }
    // The precompressed copy the client accepts, else the file itself (metadata read async:
    // no blocking filesystem call on the async workers).
    let compressible = name.ends_with(".js") || name.ends_with(".map") || name.ends_with(".json");
    let mut found = None;
    for (encoding, suffix) in [("br", ".br"), ("gzip", ".gz")] {
        if compressible && accepts_encoding(&headers, encoding) {
            let candidate = state.config.deps_dir.join(format!("{name}{suffix}"));
            if let Ok(metadata) = tokio::fs::metadata(&candidate).await {
                found = Some((candidate, Some(encoding), metadata));
                break;
            }
        }
    }
    if found.is_none() {
        let plain = state.config.deps_dir.join(&name);
        if let Ok(metadata) = tokio::fs::metadata(&plain).await {
            found = Some((plain, None, metadata));
        }
    }
    let Some((path, encoding, metadata)) = found.filter(|(_, _, m)| m.is_file()) else {
        return Err(ApiError::NotFound(format!("no runtime-deps file `{name}`")));
    };
    let modified = metadata
        .modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    let etag = format!(
        "\"{:x}-{modified:x}{}\"",
        metadata.len(),
        encoding.map(|e| format!("-{e}")).unwrap_or_default()
    );
    let cache_control = if is_content_hashed(&name) {
        CACHE_IMMUTABLE
    } else {
        CACHE_REVALIDATE
    };
    let mut response = if etag_matches(&headers, &etag) {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        match tokio::fs::read(&path).await {
            Ok(bytes) => {
                let mut response = bytes.into_response();
                response.headers_mut().insert(
                    header::CONTENT_TYPE,
                    HeaderValue::from_static(content_type(&name)),
                );
                if let Some(encoding) = encoding {
                    response
                        .headers_mut()
                        .insert(header::CONTENT_ENCODING, HeaderValue::from_static(encoding));
                }
                response
            }
            Err(e) => return Err(ApiError::Internal(format!("reading {name}: {e}"))),
        }
    };
    let out = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&etag) {
        out.insert(header::ETAG, value);
    }
    out.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(cache_control),
    );
    out.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_hashed_names_are_recognized() {
        assert!(is_content_hashed("core.1a2b3c4d5e6f.js"));
        assert!(is_content_hashed("icons_fa.1a2b3c4d5e6f.js.map"));
        assert!(!is_content_hashed("manifest.json"));
    }
}
