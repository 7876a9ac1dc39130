//! Rate limits on `POST /bundle` (the expensive route) per API key (`x-api-key`) or, without
//! one, per client IP: with `tower_governor` in a single instance, or held in Redis for all
//! instances when they share it ([`shared`]). Over the limit: 429 with `Retry-After`.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::{ConnectInfo, State};
use axum::http::{Request, Response};
use axum::middleware::Next;
use axum::response::IntoResponse;
use governor::clock::QuantaInstant;
use governor::middleware::NoOpMiddleware;
use tower_governor::governor::GovernorConfigBuilder;
use tower_governor::key_extractor::KeyExtractor;
use tower_governor::{GovernorError, GovernorLayer};

use crate::config::ServeConfig;
use crate::error::ApiError;
use crate::limiter::{retry_seconds, Limiter};
use crate::state::AppState;

#[derive(Debug, Clone, Copy)]
/// The rate limit's key: the `x-api-key` header, else the client's IP.
pub struct ApiKeyOrIp;

impl KeyExtractor for ApiKeyOrIp {
    type Key = String;

    fn extract<T>(&self, request: &Request<T>) -> Result<String, GovernorError> {
        if let Some(key) = request
            .headers()
            .get("x-api-key")
            .and_then(|v| v.to_str().ok())
            .filter(|k| !k.is_empty())
        {
            return Ok(format!("key:{key}"));
        }
        request
            .extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .map(|info| format!("ip:{}", info.0.ip()))
            .ok_or(GovernorError::UnableToExtractKey)
    }
}

fn too_many(error: GovernorError) -> Response<Body> {
    let refused = match error {
        GovernorError::TooManyRequests { wait_time, .. } => ApiError::TooManyRequests {
            message: format!("rate limit exceeded: retry in {} s", wait_time.max(1)),
            retry_after: Some(wait_time.max(1)),
        },
        GovernorError::UnableToExtractKey => {
            ApiError::Internal("cannot tell who the client is".to_string())
        }
        GovernorError::Other { code, msg, .. } => ApiError::Status {
            status: code,
            message: msg.unwrap_or_default(),
        },
    };
    refused.into_response()
}

/// The limit instances share through Redis (`None` when `rate_per_second` is 0 or there is no
/// Redis).
pub fn shared_limiter(config: &ServeConfig) -> Option<Limiter> {
    if config.redis.is_none() || config.rate_per_second == 0 {
        return None;
    }
    Limiter::with_burst(
        "bundle",
        Duration::from_secs(1) / config.rate_per_second,
        config.rate_burst.max(1),
    )
}

/// Middleware: the shared limit, per API key or client IP.
pub async fn shared(
    State(state): State<Arc<AppState>>,
    request: Request<Body>,
    next: Next,
) -> Response<Body> {
    let Some(limiter) = &state.bundle_limit else {
        return next.run(request).await;
    };
    let key = match ApiKeyOrIp.extract(&request) {
        Ok(key) => key,
        Err(error) => return too_many(error),
    };
    match limiter
        .check(state.shared.as_ref(), &state.metrics, &key)
        .await
    {
        Ok(()) => next.run(request).await,
        Err(wait) => {
            let wait = retry_seconds(wait);
            ApiError::TooManyRequests {
                message: format!("rate limit exceeded: retry in {wait} s"),
                retry_after: Some(wait),
            }
            .into_response()
        }
    }
}

/// The layer, or none when `rate_per_second` is 0.
pub fn layer(
    config: &ServeConfig,
) -> tower::util::Either<
    GovernorLayer<ApiKeyOrIp, NoOpMiddleware<QuantaInstant>, Body>,
    tower::layer::util::Identity,
> {
    if config.rate_per_second == 0 {
        return tower::util::Either::Right(tower::layer::util::Identity::new());
    }
    let interval = Duration::from_secs(1) / config.rate_per_second;
    let governor = GovernorConfigBuilder::default()
        .key_extractor(ApiKeyOrIp)
        .period(interval)
        .burst_size(config.rate_burst.max(1))
        .finish()
        .expect("rate and burst are positive");
    tower::util::Either::Left(GovernorLayer::new(governor).error_handler(too_many))
}
