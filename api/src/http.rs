//! HTTP helpers shared by routes: conditional requests (`ETag`), content-encoding negotiation,
//! the cache lifetimes the service hands out, and who a browser request comes from.

use axum::http::{header, HeaderMap};

use crate::error::ApiError;

/// `what` answers only requests a browser marks as from its own origin (`Sec-Fetch-Site`), or
/// that are not from a page at all; another origin's (on app origins: another app's) get 403.
pub fn same_origin_only(headers: &HeaderMap, what: &str) -> Result<(), ApiError> {
    match headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        None | Some("same-origin") | Some("none") => Ok(()),
        Some(other) => Err(ApiError::Forbidden(format!(
            "{what} answers this app's own pages only (this request is {other})"
        ))),
    }
}

/// Content-addressed files: the name changes with the content.
pub const CACHE_IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// Files that keep their name across builds (`manifest.json`): short-lived, revalidated.
pub const CACHE_REVALIDATE: &str = "public, max-age=60, must-revalidate";

/// `If-None-Match` holds `etag` (or `*`).
pub fn etag_matches(headers: &HeaderMap, etag: &str) -> bool {
    headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|t| t.trim().trim_start_matches("W/"))
        .any(|t| t == etag || t == "*")
}

/// The client accepts `encoding` (by name or `*`, with q > 0).
pub fn accepts_encoding(headers: &HeaderMap, encoding: &str) -> bool {
    headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|item| {
            let mut parts = item.split(';');
            let name = parts.next().unwrap_or("").trim();
            let q = parts
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            (name.eq_ignore_ascii_case(encoding) || name == "*") && q > 0.0
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn negotiates_encodings_with_q_values() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_static("gzip, br;q=0"),
        );
        assert!(accepts_encoding(&headers, "gzip"));
        assert!(!accepts_encoding(&headers, "br"));
    }

    #[test]
    fn etags_match_weak_lists_and_star() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::IF_NONE_MATCH,
            HeaderValue::from_static("W/\"a\", \"b\""),
        );
        assert!(etag_matches(&headers, "\"a\""));
        assert!(etag_matches(&headers, "\"b\""));
        assert!(!etag_matches(&headers, "\"c\""));
        headers.insert(header::IF_NONE_MATCH, HeaderValue::from_static("*"));
        assert!(etag_matches(&headers, "\"c\""));
    }
}
