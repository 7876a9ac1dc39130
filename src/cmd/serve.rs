//! `appbundle serve`: the bundling service, its flags read over [`ServeConfig`]'s defaults (one
//! source: the flags' defaults are the config's). A fresh clone builds its runtime deps first.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::OnceLock;

use anyhow::Context;
use appbundle_api::apps::pressure::HostCapacity;
use appbundle_api::config::AppsConfig;
use appbundle_api::{AppState, ServeConfig};

use super::build_deps::deps_build_config;
use super::reporting::AllowlistArg;

/// A duration as whole milliseconds (the `--timeout-ms` unit).
fn millis(duration: std::time::Duration) -> u64 {
    u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
}

/// The defaults every flag falls back to.
fn defaults() -> &'static ServeConfig {
    static DEFAULTS: OnceLock<ServeConfig> = OnceLock::new();
    DEFAULTS.get_or_init(ServeConfig::default)
}

#[derive(clap::Args)]
pub struct ServeArgs {
    #[arg(long, env = "APPBUNDLE_BIND", default_value_t = defaults().bind)]
    pub bind: std::net::SocketAddr,
    /// Runtime deps folder (bundles + manifest.json), served at /runtime-deps/.
    #[arg(long, env = "APPBUNDLE_DEPS_DIR", default_value_os_t = defaults().deps_dir.clone())]
    pub deps_dir: PathBuf,
    /// Upper bound of the bundle cache, in bytes.
    #[arg(long, env = "APPBUNDLE_CACHE_BYTES", default_value_t = defaults().cache_bytes)]
    pub cache_bytes: u64,
    /// Largest request body, in bytes.
    #[arg(long, env = "APPBUNDLE_BODY_LIMIT", default_value_t = defaults().body_limit)]
    pub body_limit: usize,
    /// Longest one bundle may take, in milliseconds.
    #[arg(long, env = "APPBUNDLE_TIMEOUT_MS", default_value_t = millis(defaults().timeout))]
    pub timeout_ms: u64,
    /// Longest a client may take to send a request's headers, or stay idle between requests,
    /// in milliseconds (then the connection is closed).
    #[arg(long, env = "APPBUNDLE_HEADER_TIMEOUT_MS", default_value_t = millis(defaults().header_timeout))]
    pub header_timeout_ms: u64,
    /// Longest a client may take to send a POST /bundle or publish body, in milliseconds (408).
    #[arg(long, env = "APPBUNDLE_BODY_TIMEOUT_MS", default_value_t = millis(defaults().body_timeout))]
    pub body_timeout_ms: u64,
    /// Bundles computed at once [default: 2 × cores].
    #[arg(long, env = "APPBUNDLE_MAX_CONCURRENT")]
    pub max_concurrent: Option<usize>,
    /// POST /bundle requests per second per API key or client IP (0: no limit).
    #[arg(long, env = "APPBUNDLE_RATE_LIMIT", default_value_t = defaults().rate_per_second)]
    pub rate_limit: u32,
    /// Requests a client may burst before the rate applies.
    #[arg(long, env = "APPBUNDLE_RATE_BURST", default_value_t = defaults().rate_burst)]
    pub rate_burst: u32,
    /// Behind a load balancer that sets X-Forwarded-For: rate-limit by the address it names.
    #[arg(long, env = "APPBUNDLE_TRUST_FORWARDED_FOR")]
    pub trust_forwarded_for: bool,
    /// Access-Control-Allow-Origin.
    #[arg(long, env = "APPBUNDLE_CORS_ORIGIN", default_value_t = defaults().cors_origin.clone())]
    pub cors_origin: String,
    /// CSP frame-ancestors of /preview: the origins that may embed it.
    #[arg(long, env = "APPBUNDLE_FRAME_ANCESTORS", default_value_t = defaults().frame_ancestors.clone())]
    pub frame_ancestors: String,
    /// Who may publish apps: `<key>=<user>,…` (sent as `Authorization: Bearer <key>`).
    #[arg(long, env = "APPBUNDLE_API_KEYS", default_value = "")]
    pub api_keys: String,
    /// Where published apps' pages and records are kept.
    #[arg(long, env = "APPBUNDLE_STATE_DIR", default_value_os_t = defaults().apps.state_dir.clone())]
    pub state_dir: PathBuf,
    /// The container engine's socket [default: DOCKER_HOST or /var/run/docker.sock].
    #[arg(long, env = "APPBUNDLE_DOCKER_HOST")]
    pub docker_host: Option<String>,
    /// Seconds without a request before a published app is stopped.
    #[arg(long, env = "APPBUNDLE_IDLE_TIMEOUT_SECS", default_value_t = defaults().apps.idle_timeout.as_secs())]
    pub idle_timeout_secs: u64,
    /// Seconds between idle sweeps.
    #[arg(long, env = "APPBUNDLE_SWEEP_SECS", default_value_t = defaults().apps.sweep_interval.as_secs())]
    pub sweep_secs: u64,
    /// Running published apps per user, and in total.
    #[arg(long, env = "APPBUNDLE_MAX_APPS_PER_USER", default_value_t = defaults().apps.max_apps_per_user)]
    pub max_apps_per_user: usize,
    /// (the seed's platform bound is 1 000 running containers; the default suits a smaller host).
    #[arg(long, env = "APPBUNDLE_MAX_APPS", default_value_t = defaults().apps.max_apps_total,
          value_parser = clap::builder::TypedValueParser::map(clap::value_parser!(u16).range(1..=1000), usize::from))]
    pub max_apps: usize,
    /// Give each app an origin of its own: `<appId>.<domain>` (e.g. `apps.example.com`, or
    /// `apps.localhost` on one machine), routed by Host. Without it apps share the service's.
    #[arg(long, env = "APPBUNDLE_APPS_DOMAIN")]
    pub apps_domain: Option<String>,
    /// API requests per minute per published app (0: no limit).
    #[arg(long, env = "APPBUNDLE_APP_API_PER_MINUTE", default_value_t = defaults().apps.api_per_app_per_minute)]
    pub app_api_per_minute: u32,
    /// API requests per minute across all published apps (0: no limit).
    #[arg(long, env = "APPBUNDLE_APPS_API_PER_MINUTE", default_value_t = defaults().apps.api_total_per_minute)]
    pub apps_api_per_minute: u32,
    /// Hosts published apps may be allowed to reach through SandboxAPI.fetch, comma-separated
    /// (`api.example.com`, `host:port`, `*.example.com`); each app names its own at publish.
    #[arg(
        long,
        env = "APPBUNDLE_EGRESS_ALLOW",
        default_value = "",
        value_delimiter = ','
    )]
    pub egress_allow: Vec<String>,
    /// CPUs and memory (MB) the host gives published apps [default: this machine's]; above
    /// --pressure-percent of either, new app starts are refused until usage falls.
    #[arg(long, env = "APPBUNDLE_HOST_CPUS")]
    pub host_cpus: Option<f64>,
    #[arg(long, env = "APPBUNDLE_HOST_MEMORY_MB")]
    pub host_memory_mb: Option<u64>,
    #[arg(long, env = "APPBUNDLE_PRESSURE_PERCENT", default_value_t = (defaults().apps.pressure_threshold * 100.0) as u32)]
    pub pressure_percent: u32,
    /// Share bundle results and rate limits with other instances through Redis
    /// (`redis://127.0.0.1:6379`); without it the instance keeps both to itself.
    #[arg(long, env = "APPBUNDLE_REDIS_URL")]
    pub redis_url: Option<String>,
    /// Publishes per user per hour (0: no limit).
    #[arg(long, env = "APPBUNDLE_PUBLISHES_PER_HOUR", default_value_t = defaults().apps.publishes_per_user_per_hour)]
    pub publishes_per_hour: u32,
    /// Megabytes of data each published app may store (`useAppData`).
    #[arg(long, env = "APPBUNDLE_APP_DATA_MB", default_value_t = defaults().apps.data_limits.quota_bytes / (1024 * 1024))]
    pub app_data_mb: u64,
    #[command(flatten)]
    pub allowlist: AllowlistArg,
}

/// The host's capacity for apps: this machine's, with either figure overridden.
fn host_capacity(cpus: Option<f64>, memory_mb: Option<u64>) -> Option<HostCapacity> {
    if cpus.is_none() && memory_mb.is_none() {
        return None;
    }
    let detected = HostCapacity::detect();
    Some(HostCapacity {
        cpus: cpus.unwrap_or(detected.cpus),
        memory_bytes: memory_mb.map_or(detected.memory_bytes, |mb| mb * 1024 * 1024),
    })
}

/// Runs the command.
/// Connections the kernel queues for `accept` (tokio's default is 1 024): a burst of new clients
/// beyond the queue waits a second for its SYN to be sent again.
const LISTEN_BACKLOG: u32 = 4096;

fn bind(address: std::net::SocketAddr) -> std::io::Result<tokio::net::TcpListener> {
    let socket = if address.is_ipv4() {
        tokio::net::TcpSocket::new_v4()?
    } else {
        tokio::net::TcpSocket::new_v6()?
    };
    socket.set_reuseaddr(true)?;
    socket.bind(address)?;
    socket.listen(LISTEN_BACKLOG)
}

/// Raises this process's limit of open files to the hard limit: every client connection is one,
/// and the usual soft limit (1 024) is a few hundred slow clients away.
fn raise_open_files_limit() {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit and setrlimit only read and write the struct passed.
    unsafe {
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) == 0 && limit.rlim_cur < limit.rlim_max
        {
            limit.rlim_cur = limit.rlim_max;
            if libc::setrlimit(libc::RLIMIT_NOFILE, &limit) != 0 {
                tracing::warn!("could not raise the open-files limit");
            }
        }
    }
}

pub fn run(args: ServeArgs) -> anyhow::Result<ExitCode> {
    raise_open_files_limit();
    crate::allocator::return_free_memory().context("starting the memory purge thread")?;
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,tower_http=info".into()),
        )
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stdout()))
        .init();
    let allowlist = args.allowlist.load()?;
    let config = ServeConfig {
        allowlist,
        bind: args.bind,
        deps_dir: args.deps_dir,
        cache_bytes: args.cache_bytes,
        body_limit: args.body_limit,
        timeout: std::time::Duration::from_millis(args.timeout_ms),
        header_timeout: std::time::Duration::from_millis(args.header_timeout_ms),
        body_timeout: std::time::Duration::from_millis(args.body_timeout_ms),
        max_concurrent_bundles: args
            .max_concurrent
            .unwrap_or(defaults().max_concurrent_bundles),
        rate_per_second: args.rate_limit,
        rate_burst: args.rate_burst,
        trust_forwarded_for: args.trust_forwarded_for,
        cors_origin: args.cors_origin,
        frame_ancestors: args.frame_ancestors,
        redis: args
            .redis_url
            .filter(|url| !url.is_empty())
            .map(appbundle_api::shared::RedisConfig::new),
        apps: AppsConfig {
            api_keys: AppsConfig::parse_api_keys(&args.api_keys)
                .map_err(|e| anyhow::anyhow!("APPBUNDLE_API_KEYS: {e}"))?,
            state_dir: args.state_dir,
            docker_host: args.docker_host,
            idle_timeout: std::time::Duration::from_secs(args.idle_timeout_secs),
            sweep_interval: std::time::Duration::from_secs(args.sweep_secs.max(1)),
            max_apps_per_user: args.max_apps_per_user,
            max_apps_total: args.max_apps,
            apps_domain: args.apps_domain.filter(|d| !d.is_empty()),
            api_per_app_per_minute: args.app_api_per_minute,
            api_total_per_minute: args.apps_api_per_minute,
            publishes_per_user_per_hour: args.publishes_per_hour,
            host_capacity: host_capacity(args.host_cpus, args.host_memory_mb),
            pressure_threshold: f64::from(args.pressure_percent) / 100.0,
            egress_allowed: args
                .egress_allow
                .into_iter()
                .map(|e| e.trim().to_string())
                .filter(|e| !e.is_empty())
                .collect(),
            data_limits: appbundle_api::app_server::store::StoreLimits {
                quota_bytes: args.app_data_mb * 1024 * 1024,
                ..defaults().apps.data_limits
            },
            ..defaults().apps.clone()
        },
    };
    // The embedded default: a fresh clone builds its runtime deps on first start.
    if !config.deps_dir.join("manifest.json").exists() {
        tracing::info!(
            "no manifest in {}: building the runtime deps first (npm registry, a few minutes)",
            config.deps_dir.display()
        );
        let build = deps_build_config(
            config.deps_dir.clone(),
            PathBuf::from("deps-builder/npm"),
            None,
            None,
        );
        appbundle_deps_builder::build_deps(&build, allowlist)?;
    }
    let state = AppState::new(config.clone())?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let listener = bind(config.bind).with_context(|| format!("binding {}", config.bind))?;
        tracing::info!(
            "appbundle serving on http://{} (runtime deps from {})",
            listener.local_addr()?,
            config.deps_dir.display()
        );
        appbundle_api::serve(listener, state, appbundle_api::shutdown_signal()).await?;
        Ok::<_, anyhow::Error>(())
    })?;
    Ok(ExitCode::SUCCESS)
}
