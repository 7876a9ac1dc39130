//! The seed's request limits on published apps: API requests (`/api/…` of an app: its data and
//! its egress) per app and across all apps, and publishes per user. Each is a GCRA limiter
//! (`governor`): the full allowance may come at once, then it refills evenly over the period.
//! Over a limit: 429 with `Retry-After` and which limit it was.

use std::num::NonZeroU32;
use std::time::Duration;

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultDirectRateLimiter, DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::config::AppsConfig;
use crate::error::ApiError;

/// The limiters; a limit of 0 is off.
pub struct RequestLimits {
    per_app: Option<(u32, DefaultKeyedRateLimiter<String>)>,
    platform: Option<(u32, DefaultDirectRateLimiter)>,
    publishes: Option<(u32, DefaultKeyedRateLimiter<String>)>,
}

fn quota(count: u32, period: Duration) -> Option<(u32, Quota)> {
    let burst = NonZeroU32::new(count)?;
    let quota = Quota::with_period(period / count)?.allow_burst(burst);
    Some((count, quota))
}

fn retry_seconds(wait: Duration) -> u64 {
    wait.as_secs() + u64::from(wait.subsec_nanos() > 0)
}

impl RequestLimits {
    /// The limits `config` sets.
    pub fn new(config: &AppsConfig) -> RequestLimits {
        let minute = Duration::from_secs(60);
        let hour = Duration::from_secs(3600);
        RequestLimits {
            per_app: quota(config.api_per_app_per_minute, minute)
                .map(|(n, q)| (n, RateLimiter::keyed(q))),
            platform: quota(config.api_total_per_minute, minute)
                .map(|(n, q)| (n, RateLimiter::direct(q))),
            publishes: quota(config.publishes_per_user_per_hour, hour)
                .map(|(n, q)| (n, RateLimiter::keyed(q))),
        }
    }

    /// One API request to `app_id`: within the app's limit and the platform's, or 429.
    pub fn api_request(&self, app_id: &str) -> Result<(), ApiError> {
        let clock = DefaultClock::default();
        if let Some((count, limiter)) = &self.per_app {
            if let Err(not_until) = limiter.check_key(&app_id.to_string()) {
                let wait = retry_seconds(not_until.wait_time_from(clock.now()));
                return Err(ApiError::TooManyRequests {
                    message: format!(
                        "app `{app_id}` is over its API limit of {count} requests per minute: retry in {wait} s"
                    ),
                    retry_after: Some(wait),
                });
            }
        }
        if let Some((count, limiter)) = &self.platform {
            if let Err(not_until) = limiter.check() {
                let wait = retry_seconds(not_until.wait_time_from(clock.now()));
                return Err(ApiError::TooManyRequests {
                    message: format!(
                        "published apps are over the service's API limit of {count} requests per minute in all: retry in {wait} s"
                    ),
                    retry_after: Some(wait),
                });
            }
        }
        Ok(())
    }

    /// One publish by `user`: within the per-user hourly limit, or 429.
    pub fn publish(&self, user: &str) -> Result<(), ApiError> {
        let Some((count, limiter)) = &self.publishes else {
            return Ok(());
        };
        limiter.check_key(&user.to_string()).map_err(|not_until| {
            let wait = retry_seconds(not_until.wait_time_from(DefaultClock::default().now()));
            ApiError::TooManyRequests {
                message: format!(
                    "user `{user}` has published {count} times in the last hour, the most allowed: retry in {wait} s"
                ),
                retry_after: Some(wait),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits(per_app: u32, total: u32, publishes: u32) -> RequestLimits {
        RequestLimits::new(&AppsConfig {
            api_per_app_per_minute: per_app,
            api_total_per_minute: total,
            publishes_per_user_per_hour: publishes,
            ..AppsConfig::default()
        })
    }

    fn retry_after(result: Result<(), ApiError>) -> (u64, String) {
        match result {
            Err(ApiError::TooManyRequests {
                retry_after: Some(wait),
                message,
            }) => (wait, message),
            other => panic!("expected a 429, got {other:?}"),
        }
    }

    #[test]
    fn each_app_has_its_own_allowance_within_the_platform_one() {
        let limits = limits(5, 8, 0);
        for _ in 0..5 {
            assert!(limits.api_request("appa").is_ok());
        }
        let (wait, message) = retry_after(limits.api_request("appa"));
        // 5 per minute refill one every 12 s.
        assert!((1..=12).contains(&wait), "{wait}");
        assert!(message.contains("`appa`") && message.contains("5 requests per minute"));
        // Another app is not held back by appa, until the platform's 8 are spent.
        for _ in 0..3 {
            assert!(limits.api_request("appb").is_ok());
        }
        let (_, message) = retry_after(limits.api_request("appb"));
        assert!(
            message.contains("8 requests per minute in all"),
            "{message}"
        );
    }

    #[test]
    fn publishes_are_counted_per_user_per_hour() {
        let limits = limits(0, 0, 2);
        assert!(limits.publish("alice").is_ok());
        assert!(limits.publish("alice").is_ok());
        let (wait, message) = retry_after(limits.publish("alice"));
        assert!((1..=1800).contains(&wait), "{wait}");
        assert!(message.contains("2 times in the last hour"));
        assert!(limits.publish("bob").is_ok());
        // Off means off.
        for _ in 0..100 {
            assert!(limits.api_request("appa").is_ok());
        }
    }
}
