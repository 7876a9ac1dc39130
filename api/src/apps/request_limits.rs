//! The seed's request limits on published apps: API requests (`/api/…` of an app: its data and
//! its egress) per app and across all apps, and publishes per user. Each is a GCRA limiter
//! (`governor`): the full allowance may come at once, then it refills evenly over the period.
//! Over a limit: 429 with `Retry-After` and which limit it was.

use std::time::Duration;

use crate::config::AppsConfig;
use crate::error::ApiError;
use crate::limiter::{too_many, Limiter};
use crate::metrics::Metrics;
use crate::shared::Shared;

/// The limiters (held in Redis when instances share it); a limit of 0 is off.
pub struct RequestLimits {
    per_app: Option<(u32, Limiter)>,
    platform: Option<(u32, Limiter)>,
    publishes: Option<(u32, Limiter)>,
}

fn limiter(name: &'static str, count: u32, window: Duration) -> Option<(u32, Limiter)> {
    Limiter::per(name, count, window).map(|l| (count, l))
}

impl RequestLimits {
    /// The limits `config` sets.
    pub fn new(config: &AppsConfig) -> RequestLimits {
        let minute = Duration::from_secs(60);
        let hour = Duration::from_secs(3600);
        RequestLimits {
            per_app: limiter("app-api", config.api_per_app_per_minute, minute),
            platform: limiter("apps-api", config.api_total_per_minute, minute),
            publishes: limiter("publish", config.publishes_per_user_per_hour, hour),
        }
    }

    /// One API request to `app_id`: within the app's limit and the platform's, or 429.
    pub async fn api_request(
        &self,
        shared: Option<&Shared>,
        metrics: &Metrics,
        app_id: &str,
    ) -> Result<(), ApiError> {
        if let Some((count, limiter)) = &self.per_app {
            if let Err(wait) = limiter.check(shared, metrics, app_id).await {
                let reason =
                    format!("app `{app_id}` is over its API limit of {count} requests per minute");
                return Err(too_many(&reason, wait));
            }
        }
        if let Some((count, limiter)) = &self.platform {
            if let Err(wait) = limiter.check(shared, metrics, "all").await {
                let reason = format!(
                    "published apps are over the service's API limit of {count} requests per minute in all"
                );
                return Err(too_many(&reason, wait));
            }
        }
        Ok(())
    }

    /// One publish by `user`: within the per-user hourly limit, or 429.
    pub async fn publish(
        &self,
        shared: Option<&Shared>,
        metrics: &Metrics,
        user: &str,
    ) -> Result<(), ApiError> {
        let Some((count, limiter)) = &self.publishes else {
            return Ok(());
        };
        limiter.check(shared, metrics, user).await.map_err(|wait| {
            let reason = format!(
                "user `{user}` has published {count} times in the last hour, the most allowed"
            );
            too_many(&reason, wait)
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

    #[tokio::test]
    async fn each_app_has_its_own_allowance_within_the_platform_one() {
        let limits = limits(5, 8, 0);
        let metrics = Metrics::new();
        let api = |app: &'static str| limits.api_request(None, &metrics, app);
        for _ in 0..5 {
            assert!(api("appa").await.is_ok());
        }
        let (wait, message) = retry_after(api("appa").await);
        // 5 per minute refill one every 12 s.
        assert!((1..=12).contains(&wait), "{wait}");
        assert!(message.contains("`appa`") && message.contains("5 requests per minute"));
        // Another app is not held back by appa, until the platform's 8 are spent.
        for _ in 0..3 {
            assert!(api("appb").await.is_ok());
        }
        let (_, message) = retry_after(api("appb").await);
        assert!(
            message.contains("8 requests per minute in all"),
            "{message}"
        );
    }

    #[tokio::test]
    async fn publishes_are_counted_per_user_per_hour() {
        let limits = limits(0, 0, 2);
        let metrics = Metrics::new();
        let publish = |user: &'static str| limits.publish(None, &metrics, user);
        let api = |app: &'static str| limits.api_request(None, &metrics, app);
        assert!(publish("alice").await.is_ok());
        assert!(publish("alice").await.is_ok());
        let (wait, message) = retry_after(publish("alice").await);
        assert!((1..=1800).contains(&wait), "{wait}");
        assert!(message.contains("2 times in the last hour"));
        assert!(publish("bob").await.is_ok());
        // Off means off.
        for _ in 0..100 {
            assert!(api("appa").await.is_ok());
        }
    }
}
