//! The one error type of the HTTP API. Every handler returns `Result<_, ApiError>`, and its
//! [`IntoResponse`] is the only place that writes an error body: `{ "error": "…" }` with the
//! status, or `{ "errors": [diagnostics] }` (422) for an app the bundler rejected.

use appbundle_bundler::Diagnostic;
use axum::extract::rejection::{BytesRejection, JsonRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

use crate::apps::AppError;

/// A request the API refuses or cannot serve.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// 400: the request is malformed.
    #[error("{0}")]
    BadRequest(String),
    /// 401: no or an unknown API key.
    #[error("{0}")]
    Unauthorized(String),
    /// 403: the caller may not touch this.
    #[error("{0}")]
    Forbidden(String),
    /// 404.
    #[error("{0}")]
    NotFound(String),
    /// 408: the client did not send the body in time.
    #[error("{0}")]
    RequestTimeout(String),
    /// 413: the body is over the limit.
    #[error("{0}")]
    PayloadTooLarge(String),
    /// 415: a body the route does not read.
    #[error("{0}")]
    UnsupportedMediaType(String),
    /// 422: the bundler rejected the app; the diagnostics say why.
    #[error("the app was rejected with {} diagnostics", .0.len())]
    Rejected(Vec<Diagnostic>),
    /// 429, with `Retry-After` when the wait is known.
    #[error("{message}")]
    TooManyRequests {
        /// Which limit, and what to do.
        message: String,
        /// Seconds until a retry can succeed.
        retry_after: Option<u64>,
    },
    /// 507: a store limit is reached.
    #[error("{0}")]
    InsufficientStorage(String),
    /// 502: a published app did not answer.
    #[error("{0}")]
    BadGateway(String),
    /// 503: a part the route needs is not there (runtime deps, the container engine, time).
    #[error("{0}")]
    Unavailable(String),
    /// 503 with `Retry-After`: the host is busy for now.
    #[error("{message}")]
    Overloaded {
        /// Why.
        message: String,
        /// Seconds until a retry may succeed.
        retry_after: u64,
    },
    /// 500: a failure of the service's own.
    #[error("{0}")]
    Internal(String),
    /// Another status, as a layer (body limits, extractors) decided it.
    #[error("{message}")]
    Status {
        /// The status.
        status: StatusCode,
        /// The message.
        message: String,
    },
}

impl ApiError {
    /// The response status.
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden(_) => StatusCode::FORBIDDEN,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::RequestTimeout(_) => StatusCode::REQUEST_TIMEOUT,
            ApiError::PayloadTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::Rejected(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::InsufficientStorage(_) => StatusCode::INSUFFICIENT_STORAGE,
            ApiError::BadGateway(_) => StatusCode::BAD_GATEWAY,
            ApiError::Unavailable(_) | ApiError::Overloaded { .. } => {
                StatusCode::SERVICE_UNAVAILABLE
            }
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
            ApiError::Status { status, .. } => *status,
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status();
        if status.is_server_error() {
            tracing::warn!(%status, error = %self, "request failed");
        }
        let retry_after = match self {
            ApiError::TooManyRequests { retry_after, .. } => retry_after,
            ApiError::Overloaded { retry_after, .. } => Some(retry_after),
            _ => None,
        };
        let body = match self {
            ApiError::Rejected(diagnostics) => json!({ "errors": diagnostics }),
            other => json!({ "error": other.to_string() }),
        };
        let mut response = (status, Json(body)).into_response();
        if let Some(seconds) = retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}

impl From<AppError> for ApiError {
    fn from(error: AppError) -> Self {
        match error {
            AppError::Unauthorized(m) => ApiError::Unauthorized(m),
            AppError::Unavailable(m) => ApiError::Unavailable(m),
            AppError::NotFound(m) => ApiError::NotFound(m),
            AppError::Forbidden(m) => ApiError::Forbidden(m),
            AppError::Quota {
                message,
                retry_after,
            } => ApiError::TooManyRequests {
                message,
                retry_after: Some(retry_after),
            },
            AppError::Busy {
                message,
                retry_after,
            } => ApiError::Overloaded {
                message,
                retry_after,
            },
            AppError::BadRequest(m) => ApiError::BadRequest(m),
            AppError::Internal(m) => ApiError::Internal(m),
        }
    }
}

impl From<BytesRejection> for ApiError {
    /// A body that could not be read: over the limit (413), or cut off.
    fn from(rejection: BytesRejection) -> Self {
        ApiError::Status {
            status: rejection.status(),
            message: rejection.body_text(),
        }
    }
}

impl From<JsonRejection> for ApiError {
    /// A JSON body that is missing its content type (415), malformed (400) or of the wrong
    /// shape (422), in the one error body.
    fn from(rejection: JsonRejection) -> Self {
        ApiError::Status {
            status: rejection.status(),
            message: rejection.body_text(),
        }
    }
}

impl From<QueryRejection> for ApiError {
    fn from(rejection: QueryRejection) -> Self {
        ApiError::BadRequest(rejection.body_text())
    }
}

/// A JSON request body whose rejection is an [`ApiError`] (axum's `Json` answers plain text).
#[derive(Debug, FromRequest)]
#[from_request(via(axum::Json), rejection(ApiError))]
pub struct JsonBody<T>(pub T);

/// A query string whose rejection is an [`ApiError`].
#[derive(Debug, FromRequestParts)]
#[from_request(via(axum::extract::Query), rejection(ApiError))]
pub struct QueryParams<T>(pub T);

#[cfg(test)]
mod tests {
    use super::*;

    async fn body_of(error: ApiError) -> (StatusCode, Option<String>, serde_json::Value) {
        let response = error.into_response();
        let status = response.status();
        let retry = response
            .headers()
            .get(header::RETRY_AFTER)
            .map(|v| v.to_str().unwrap_or_default().to_string());
        let bytes = axum::body::to_bytes(response.into_body(), 1 << 20)
            .await
            .unwrap_or_default();
        let json = serde_json::from_slice(&bytes).unwrap_or_default();
        (status, retry, json)
    }

    #[tokio::test]
    async fn every_error_is_one_json_shape() {
        let (status, retry, json) = body_of(ApiError::NotFound("no app `x`".into())).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert_eq!(retry, None);
        assert_eq!(json, json!({ "error": "no app `x`" }));

        let (status, retry, json) = body_of(ApiError::TooManyRequests {
            message: "rate limit exceeded: retry in 3 s".into(),
            retry_after: Some(3),
        })
        .await;
        assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(retry.as_deref(), Some("3"));
        assert_eq!(json["error"], "rate limit exceeded: retry in 3 s");

        let quota: ApiError = AppError::Quota {
            message: "10 apps running".into(),
            retry_after: 300,
        }
        .into();
        let (status, retry, _) = body_of(quota).await;
        assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(retry.as_deref(), Some("300"));
    }

    #[tokio::test]
    async fn body_rejections_answer_in_the_same_shape() {
        use axum::body::Body;
        use axum::http::Request;
        let request = |content_type: &str, body: &'static str| {
            Request::post("/")
                .header(header::CONTENT_TYPE, content_type)
                .body(Body::from(body))
                .unwrap_or_default()
        };
        type Item = JsonBody<serde_json::Map<String, serde_json::Value>>;
        let cases = [
            (
                request("text/plain", "{}"),
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ),
            (request("application/json", "{"), StatusCode::BAD_REQUEST),
            (
                request("application/json", "[1]"),
                StatusCode::UNPROCESSABLE_ENTITY,
            ),
        ];
        for (request, expected) in cases {
            let refused = Item::from_request(request, &()).await.unwrap_err();
            let (status, _, json) = body_of(refused).await;
            assert_eq!(status, expected);
            assert!(
                json["error"].as_str().is_some_and(|m| !m.is_empty()),
                "{json}"
            );
        }
        let ok = Item::from_request(request("application/json", "{\"a\":1}"), &()).await;
        assert_eq!(ok.map(|JsonBody(map)| map.len()).ok(), Some(1));
    }

    #[tokio::test]
    async fn a_rejected_app_lists_its_diagnostics() {
        let diagnostic = Diagnostic::error(
            appbundle_bundler::DiagnosticCode::ImportBlocked,
            "`moment` is blocked",
        );
        let (status, _, json) = body_of(ApiError::Rejected(vec![diagnostic])).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(json["errors"][0]["message"], "`moment` is blocked");
        assert_eq!(json["errors"][0]["code"], "import-blocked");
    }
}
