//! `appbundle app-server`: one published app inside its container (static files and the
//! `useAppData` API), or `--probe` for the engine's health check.

use std::path::PathBuf;
use std::process::ExitCode;

use appbundle_api::app_server::store::StoreLimits;

#[derive(clap::Args)]
pub struct AppServerArgs {
    /// The app's static files.
    #[arg(long, default_value = "/app")]
    pub site: PathBuf,
    /// The app's data (its volume).
    #[arg(long, default_value = "/data")]
    pub data: PathBuf,
    #[arg(long, default_value_t = 8080)]
    pub port: u16,
    /// Bytes the app's data may take (ids and JSON bodies of all items).
    #[arg(long, default_value_t = StoreLimits::default().quota_bytes)]
    pub data_quota_bytes: u64,
    /// Collections the app may have.
    #[arg(long, default_value_t = StoreLimits::default().max_collections)]
    pub max_collections: usize,
    /// The app it serves: a forwarded request for another app gets 421 (the service names the
    /// app it means in `x-appbundle-app`).
    #[arg(long)]
    pub app_id: Option<String>,
    /// Instead of serving: GET this http:// URL, exit 0 on a 2xx answer (health checks).
    #[arg(long)]
    pub probe: Option<String>,
}

const BLOCKING_THREADS: usize = 8;

/// Makes every blocking thread now, while threads can still be made.
fn warm_blocking_pool(runtime: &tokio::runtime::Runtime) {
    let barrier = std::sync::Arc::new(std::sync::Barrier::new(BLOCKING_THREADS));
    runtime.block_on(async {
        let tasks: Vec<_> = (0..BLOCKING_THREADS)
            .map(|_| {
                let barrier = barrier.clone();
                tokio::task::spawn_blocking(move || {
                    barrier.wait();
                })
            })
            .collect();
        for task in tasks {
            let _ = task.await;
        }
    });
}

/// Runs the command.
pub fn run(args: AppServerArgs) -> anyhow::Result<ExitCode> {
    use appbundle_api::app_server;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        // Inside the container's pids limit, with room to spare; kept once made, so an app
        // whose pids limit is exhausted (a fork loop in the container) still reads its files
        // and its store.
        .max_blocking_threads(BLOCKING_THREADS)
        .thread_keep_alive(std::time::Duration::from_secs(365 * 24 * 3600))
        .enable_all()
        .build()?;
    if let Some(url) = args.probe {
        return Ok(match runtime.block_on(app_server::probe(&url)) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("probe failed: {e}");
                ExitCode::FAILURE
            }
        });
    }
    app_server::check_site(&args.site).map_err(|e| anyhow::anyhow!(e))?;
    warm_blocking_pool(&runtime);
    let config = app_server::AppServerConfig {
        site: args.site,
        data: args.data,
        bind: std::net::SocketAddr::from(([0, 0, 0, 0], args.port)),
        limits: StoreLimits {
            quota_bytes: args.data_quota_bytes,
            max_collections: args.max_collections,
        },
        app_id: args.app_id,
    };
    runtime.block_on(app_server::run(config))?;
    Ok(ExitCode::SUCCESS)
}
