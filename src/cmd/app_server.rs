//! `appbundle app-server`: one published app inside its container (static files and the
//! `useAppData` API), or `--probe` for the engine's health check.

use std::path::PathBuf;
use std::process::ExitCode;

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
    /// Instead of serving: GET this http:// URL, exit 0 on a 2xx answer (health checks).
    #[arg(long)]
    pub probe: Option<String>,
}

/// Runs the command.
pub fn run(args: AppServerArgs) -> anyhow::Result<ExitCode> {
    use appbundle_api::app_server;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        // Inside the container's pids limit, with room to spare.
        .max_blocking_threads(8)
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
    let config = app_server::AppServerConfig {
        site: args.site,
        data: args.data,
        bind: std::net::SocketAddr::from(([0, 0, 0, 0], args.port)),
    };
    runtime.block_on(app_server::run(config))?;
    Ok(ExitCode::SUCCESS)
}
