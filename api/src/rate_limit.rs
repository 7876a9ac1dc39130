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
use crate::limiter::{self, Limiter};
use crate::state::AppState;

#[derive(Debug, Clone, Copy)]
/// The rate limit's key: the `x-api-key` header, else the client's IP: the peer's, or behind a
/// load balancer that is trusted (`--trust-forwarded-for`), the last address of
/// `X-Forwarded-For` (the one the balancer added).
pub struct ApiKeyOrIp {
    /// Take the client's IP from `X-Forwarded-For`.
    pub trust_forwarded_for: bool,
}

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
        if self.trust_forwarded_for {
            let forwarded = request
                .headers()
                .get_all("x-forwarded-for")
                .iter()
                .filter_map(|v| v.to_str().ok())
                .flat_map(|v| v.split(','))
                .filter_map(|ip| ip.trim().parse::<std::net::IpAddr>().ok())
                .next_back();
            if let Some(ip) = forwarded {
                return Ok(format!("ip:{ip}"));
            }
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
    let extractor = ApiKeyOrIp {
        trust_forwarded_for: state.config.trust_forwarded_for,
    };
    let key = match extractor.extract(&request) {
        Ok(key) => key,
        Err(error) => return too_many(error),
    };
    match limiter
        .check(state.shared.as_ref(), &state.metrics, &key)
        .await
    {
        Ok(()) => next.run(request).await,
        Err(wait) => limiter::too_many("rate limit exceeded", wait).into_response(),
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
        .key_extractor(ApiKeyOrIp {
            trust_forwarded_for: config.trust_forwarded_for,
        })
        .period(interval)
        .burst_size(config.rate_burst.max(1))
        .finish()
        .expect("rate and burst are positive");
    tower::util::Either::Left(GovernorLayer::new(governor).error_handler(too_many))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(headers: &[(&str, &str)]) -> Request<()> {
        let mut builder = Request::builder().uri("/bundle");
        for (name, value) in headers {
            builder = builder.header(*name, *value);
        }
        let mut request = builder.body(()).expect("request");
        request
            .extensions_mut()
            .insert(ConnectInfo(SocketAddr::from(([10, 0, 0, 1], 40000))));
        request
    }

    #[test]
    fn the_key_is_the_api_key_else_the_peer_or_the_balancers_word() {
        let direct = ApiKeyOrIp {
            trust_forwarded_for: false,
        };
        let behind = ApiKeyOrIp {
            trust_forwarded_for: true,
        };
        let forwarded = [("x-forwarded-for", "203.0.113.9, 198.51.100.7")];
        assert_eq!(
            direct.extract(&request(&[("x-api-key", "k1")])).ok(),
            Some("key:k1".into())
        );
        // Untrusted, a client's own X-Forwarded-For changes nothing.
        assert_eq!(
            direct.extract(&request(&forwarded)).ok(),
            Some("ip:10.0.0.1".into())
        );
        // Trusted: the address the balancer appended (the last one).
        assert_eq!(
            behind.extract(&request(&forwarded)).ok(),
            Some("ip:198.51.100.7".into())
        );
        assert_eq!(
            behind
                .extract(&request(&[("x-forwarded-for", "junk")]))
                .ok(),
            Some("ip:10.0.0.1".into())
        );
    }
}
