//! Who is visiting: an opaque id in an HttpOnly, SameSite cookie that the app server sets on
//! the app's origin the first time a browser comes by (normally with the page, before the app's
//! script asks for visitor-scoped data). `useAppData(c, { scope: "visitor" })` keys items by it.
//!
//! The service's proxy says where the app is mounted (`x-appbundle-base`: `/` on an app origin,
//! `/apps/<id>/` in the single-origin setup) so the cookie's `Path` keeps it to this app there.

use axum::extract::Request;
use axum::http::{header, HeaderMap, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use cookie::{Cookie, SameSite};

/// The cookie's name.
pub const COOKIE: &str = "appbundle_visitor";
/// The header the service's proxy sets to the app's base path.
pub const BASE_HEADER: &str = "x-appbundle-base";
/// A year: a visitor keeps their items across visits.
const MAX_AGE_SECONDS: i64 = 365 * 24 * 3600;

/// The visitor of a request, put into its extensions by [`assign`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Visitor(pub String);

fn valid_id(id: &str) -> bool {
    id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The visitor id the request's cookies carry, if it is one this server could have made.
pub fn from_cookies(request: &Request) -> Option<String> {
    from_headers(request.headers())
}

/// The same, from a request's headers (the service's proxy reads it there).
pub fn from_headers(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(Cookie::split_parse)
        .flatten()
        .find(|cookie| cookie.name() == COOKIE && valid_id(cookie.value()))
        .map(|cookie| cookie.value().to_string())
}

fn base_path(request: &Request) -> String {
    request
        .headers()
        .get(BASE_HEADER)
        .and_then(|v| v.to_str().ok())
        .filter(|base| base.starts_with('/') && base.is_ascii())
        .unwrap_or("/")
        .to_string()
}

/// Middleware: every request gets a [`Visitor`]; a browser without the cookie gets a new id
/// and the `Set-Cookie` that keeps it.
pub async fn assign(mut request: Request, next: Next) -> Response {
    let known = from_cookies(&request);
    let id = known
        .clone()
        .unwrap_or_else(|| uuid::Uuid::new_v4().simple().to_string());
    let path = base_path(&request);
    request.extensions_mut().insert(Visitor(id.clone()));
    let mut response = next.run(request).await;
    if known.is_none() {
        let cookie = Cookie::build((COOKIE, id))
            .path(path)
            .http_only(true)
            .same_site(SameSite::Lax)
            .max_age(cookie::time::Duration::seconds(MAX_AGE_SECONDS))
            .build();
        if let Ok(value) = HeaderValue::from_str(&cookie.to_string()) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(cookies: &[&str]) -> Request {
        let mut builder = axum::http::Request::builder().uri("/api/data/x");
        for cookie in cookies {
            builder = builder.header(header::COOKIE, *cookie);
        }
        builder.body(axum::body::Body::empty()).expect("request")
    }

    #[test]
    fn the_visitor_id_is_read_from_any_cookie_header() {
        let id = "0123456789abcdef0123456789abcdef";
        assert_eq!(
            from_cookies(&request(&["theme=dark", &format!("a=1; {COOKIE}={id}")])),
            Some(id.to_string())
        );
        // Forged or malformed ids are not taken (a new one is made instead).
        assert_eq!(from_cookies(&request(&[&format!("{COOKIE}=../etc")])), None);
        assert_eq!(from_cookies(&request(&[])), None);
    }
}
