//! One rate limit, held across instances when they share Redis: `burst` requests at once, then
//! one per `period` (GCRA). With Redis the count lives there (one for all instances); without
//! it, or while Redis is not answering, an in-process `governor` limiter holds the same limit
//! for this instance.

use std::num::NonZeroU32;
use std::time::Duration;

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::error::ApiError;
use crate::metrics::Metrics;
use crate::shared::{Shared, Verdict};

/// A named limit over keys (an app, a user, a client).
pub struct Limiter {
    name: &'static str,
    period: Duration,
    burst: u32,
    local: DefaultKeyedRateLimiter<String>,
}

impl Limiter {
    /// `count` per `window` (all of it may come at once); `None` when `count` is 0 (no limit).
    pub fn per(name: &'static str, count: u32, window: Duration) -> Option<Limiter> {
        let burst = NonZeroU32::new(count)?;
        Limiter::with_burst(name, window / count, burst.get())
    }

    /// `burst` at once, then one per `period`.
    pub fn with_burst(name: &'static str, period: Duration, burst: u32) -> Option<Limiter> {
        let quota = Quota::with_period(period)?.allow_burst(NonZeroU32::new(burst)?);
        Some(Limiter {
            name,
            period,
            burst,
            local: RateLimiter::keyed(quota),
        })
    }

    /// One request under `key`: `Ok`, or how long until it would be allowed.
    pub async fn check(
        &self,
        shared: Option<&Shared>,
        metrics: &Metrics,
        key: &str,
    ) -> Result<(), Duration> {
        if let Some(shared) = shared {
            let shared_key = format!("{}:{key}", self.name);
            match shared
                .limit(metrics, &shared_key, self.period, self.burst)
                .await
            {
                Some(Verdict::Allowed) => return Ok(()),
                Some(Verdict::Wait(wait)) => return Err(wait),
                None => {}
            }
        }
        self.local
            .check_key(&key.to_string())
            .map_err(|not_until| not_until.wait_time_from(DefaultClock::default().now()))
    }
}

/// Whole seconds to wait, at least 1 (a `Retry-After` value).
pub fn retry_seconds(wait: Duration) -> u64 {
    (wait.as_secs() + u64::from(wait.subsec_nanos() > 0)).max(1)
}

/// The 429 of a limit that says to `wait`: `reason` names the limit, the wait follows.
pub fn too_many(reason: &str, wait: Duration) -> ApiError {
    let wait = retry_seconds(wait);
    ApiError::TooManyRequests {
        message: format!("{reason}: retry in {wait} s"),
        retry_after: Some(wait),
    }
}
