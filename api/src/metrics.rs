//! Prometheus metrics at `/metrics`: requests by route, method and status; bundle latency by
//! outcome; bundle cache hits and misses.

use std::sync::Arc;

use axum::extract::{MatchedPath, Request, State};
use axum::middleware::Next;
use axum::response::Response;
use prometheus::{Gauge, GaugeVec, HistogramOpts, HistogramVec, IntCounterVec, Opts, Registry};

use crate::apps::pressure::Pressure;

use crate::state::AppState;

/// The service's Prometheus metrics.
pub struct Metrics {
    /// Every metric, for `/metrics`.
    pub registry: Registry,
    requests: IntCounterVec,
    bundle_seconds: HistogramVec,
    cache: IntCounterVec,
    egress: IntCounterVec,
    host_usage: GaugeVec,
    under_pressure: Gauge,
    redis_errors: IntCounterVec,
    shared_cache: IntCounterVec,
    cache_size: GaugeVec,
}

impl Metrics {
    /// Registers the metrics.
    pub fn new() -> Metrics {
        let registry = Registry::new();
        let requests = IntCounterVec::new(
            Opts::new(
                "appbundle_http_requests_total",
                "HTTP requests by route, method and status",
            ),
            &["route", "method", "status"],
        )
        .expect("valid metric");
        let bundle_seconds = HistogramVec::new(
            HistogramOpts::new(
                "appbundle_bundle_duration_seconds",
                "Time to bundle one app",
            )
            .buckets(vec![
                0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
            ]),
            &["outcome"],
        )
        .expect("valid metric");
        let cache = IntCounterVec::new(
            Opts::new(
                "appbundle_bundle_cache_total",
                "POST /bundle answered from the cache or not",
            ),
            &["result"],
        )
        .expect("valid metric");
        let egress = IntCounterVec::new(
            Opts::new(
                "appbundle_app_egress_total",
                "Published apps' SandboxAPI.fetch requests: forwarded, refused or failed",
            ),
            &["outcome"],
        )
        .expect("valid metric");
        let host_usage = GaugeVec::new(
            Opts::new(
                "appbundle_apps_host_usage_ratio",
                "The published apps' containers' CPU and memory over the host's, last sample",
            ),
            &["resource"],
        )
        .expect("valid metric");
        let under_pressure = Gauge::new(
            "appbundle_host_under_pressure",
            "1 while app usage is over the pressure threshold (new starts are refused)",
        )
        .expect("valid metric");
        let redis_errors = IntCounterVec::new(
            Opts::new(
                "appbundle_redis_errors_total",
                "Redis calls that failed or timed out (the instance went on without Redis)",
            ),
            &["op"],
        )
        .expect("valid metric");
        let shared_cache = IntCounterVec::new(
            Opts::new(
                "appbundle_shared_cache_total",
                "Bundle results looked up in Redis after a miss in this instance",
            ),
            &["result"],
        )
        .expect("valid metric");
        let cache_size = GaugeVec::new(
            Opts::new(
                "appbundle_bundle_cache_size",
                "What the bundle cache holds: entries, and bytes as its weigher counts them",
            ),
            &["unit"],
        )
        .expect("valid metric");
        for metric in [
            Box::new(requests.clone()) as Box<dyn prometheus::core::Collector>,
            Box::new(bundle_seconds.clone()),
            Box::new(cache.clone()),
            Box::new(egress.clone()),
            Box::new(host_usage.clone()),
            Box::new(under_pressure.clone()),
            Box::new(redis_errors.clone()),
            Box::new(shared_cache.clone()),
            Box::new(cache_size.clone()),
        ] {
            registry.register(metric).expect("metric registered once");
        }
        Metrics {
            registry,
            requests,
            bundle_seconds,
            cache,
            egress,
            host_usage,
            under_pressure,
            redis_errors,
            shared_cache,
            cache_size,
        }
    }

    /// The bundle cache's size now.
    pub fn set_cache_size(&self, entries: u64, bytes: u64) {
        self.cache_size
            .with_label_values(&["entries"])
            .set(entries as f64);
        self.cache_size
            .with_label_values(&["bytes"])
            .set(bytes as f64);
    }

    /// One Redis call (`get`, `put`, `limit`) that failed or timed out.
    pub fn redis_error(&self, op: &str) {
        self.redis_errors.with_label_values(&[op]).inc();
    }

    /// One lookup in the shared results that found the bundle or not.
    pub fn shared_cache(&self, hit: bool) {
        self.shared_cache
            .with_label_values(&[if hit { "hit" } else { "miss" }])
            .inc();
    }

    /// The last host pressure sample.
    pub fn set_pressure(&self, pressure: &Pressure) {
        self.host_usage
            .with_label_values(&["cpu"])
            .set(pressure.cpu_ratio);
        self.host_usage
            .with_label_values(&["memory"])
            .set(pressure.memory_ratio);
        self.under_pressure
            .set(if pressure.over { 1.0 } else { 0.0 });
    }

    /// One egress request of a published app, by outcome.
    pub fn egress(&self, outcome: &str) {
        self.egress.with_label_values(&[outcome]).inc();
    }

    /// One bundling that ended with `outcome` (`ok`, `rejected`, `timeout`, `error`) after `seconds`.
    pub fn observe_bundle(&self, outcome: &str, seconds: f64) {
        self.bundle_seconds
            .with_label_values(&[outcome])
            .observe(seconds);
    }

    /// One `/bundle` lookup that hit or missed the cache.
    pub fn cache(&self, hit: bool) {
        self.cache
            .with_label_values(&[if hit { "hit" } else { "miss" }])
            .inc();
    }

    /// The text exposition format of every metric.
    pub fn render(&self) -> String {
        prometheus::TextEncoder::new()
            .encode_to_string(&self.registry.gather())
            .unwrap_or_default()
    }
}

impl Default for Metrics {
    fn default() -> Self {
        Metrics::new()
    }
}

/// Middleware: counts every response by its route pattern (not the raw path: bounded labels).
pub async fn record(State(state): State<Arc<AppState>>, request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| "unmatched".to_string());
    let method = request.method().to_string();
    let response = next.run(request).await;
    state
        .metrics
        .requests
        .with_label_values(&[route.as_str(), method.as_str(), response.status().as_str()])
        .inc();
    response
}
