//! `GET /preview`: the page a host embeds as `<iframe sandbox="allow-scripts allow-forms">` to
//! show a bundled app, with its runtime script and stylesheet. The page's CSP allows scripts
//! only from this service (no inline script, no eval), no form to submit anywhere
//! (`form-action 'none'`: `allow-forms` only lets `submit` events reach the app), and is
//! embeddable by `--frame-ancestors`.

use std::sync::Arc;

use axum::extract::State;
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};

use crate::state::AppState;

const PAGE: &str = include_str!("../preview/index.html");
const RUNTIME_JS: &str = include_str!("../preview/runtime.js");
const HOT_JS: &str = include_str!("../preview/hot.js");
const RUNTIME_CSS: &str = include_str!("../preview/runtime.css");
const PLAYGROUND: &str = include_str!("../preview/playground.html");
const PLAYGROUND_JS: &str = include_str!("../preview/playground.js");
const PLAYGROUND_CSS: &str = include_str!("../preview/playground.css");
/// The host SDK (`sdk/`), as its committed build: the playground uses it, and hosts may load it
/// from the service (`import { createPreview } from "<service>/sdk/index.js"`).
const SDK_FILES: &[(&str, &str)] = &[
    ("index.js", include_str!("../../sdk/dist/index.js")),
    ("protocol.js", include_str!("../../sdk/dist/protocol.js")),
    ("react.js", include_str!("../../sdk/dist/react.js")),
];

/// The preview's Content-Security-Policy.
pub fn content_security_policy(frame_ancestors: &str) -> String {
    format!(
        "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
         img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; \
         base-uri 'none'; form-action 'none'; frame-ancestors {frame_ancestors}"
    )
}

/// `GET /preview`: the sandboxed preview page, with its CSP.
pub async fn page(State(state): State<Arc<AppState>>) -> Response {
    let mut response = ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], PAGE).into_response();
    let headers = response.headers_mut();
    if let Ok(csp) = HeaderValue::from_str(&content_security_policy(&state.config.frame_ancestors))
    {
        headers.insert(header::CONTENT_SECURITY_POLICY, csp);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    headers.insert("referrer-policy", HeaderValue::from_static("no-referrer"));
    headers.insert(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
    response
}

fn asset(content_type: &'static str, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        body,
    )
        .into_response()
}

/// `GET /preview/runtime.js`.
pub async fn runtime_js() -> Response {
    asset("application/javascript; charset=utf-8", RUNTIME_JS)
}

/// `GET /preview/hot.js`: React Fast Refresh's module runner, loaded before the runtime.
pub async fn hot_js() -> Response {
    asset("application/javascript; charset=utf-8", HOT_JS)
}

/// `GET /preview/runtime.css`.
pub async fn runtime_css() -> Response {
    asset("text/css; charset=utf-8", RUNTIME_CSS)
}

/// `GET /`: the playground, a host page (editor, sandboxed preview, problems) for newcomers.
pub async fn playground() -> Response {
    let mut response = asset("text/html; charset=utf-8", PLAYGROUND);
    response.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src data:; frame-src *; base-uri 'none'",
        ),
    );
    response
}

/// `GET /playground.js`.
pub async fn playground_js() -> Response {
    asset("application/javascript; charset=utf-8", PLAYGROUND_JS)
}

/// `GET /sdk/<file>.js`: the host SDK's modules.
pub async fn sdk(
    axum::extract::Path(file): axum::extract::Path<String>,
) -> Result<Response, crate::error::ApiError> {
    let (_, body) = SDK_FILES
        .iter()
        .find(|(name, _)| *name == file)
        .ok_or_else(|| crate::error::ApiError::NotFound(format!("no SDK file `{file}`")))?;
    Ok(asset("text/javascript; charset=utf-8", body))
}

/// `GET /playground.css`.
pub async fn playground_css() -> Response {
    asset("text/css; charset=utf-8", PLAYGROUND_CSS)
}
