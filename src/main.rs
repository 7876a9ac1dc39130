//! The `appbundle` command: `serve`, `bundle`, `lint`, `build-deps` and `prompts`.

mod cli_files;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use appbundle_bundler::Manifest;
use appbundle_bundler::{
    bundle, check, report, Allowlist, BundleOptions, BundleRequest, Dependencies, Diagnostic,
};
use base64::Engine;
use clap::{Parser, Subcommand, ValueEnum};

#[derive(Parser)]
#[command(
    name = "appbundle",
    version,
    about = "Bundles LLM-generated React apps into safe, runnable browser JS"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Bundle an app (one file, or a folder of files) into one script.
    Bundle(BundleArgs),
    /// Check files the way `bundle` would, without linking; exit 1 if anything is rejected.
    Lint {
        /// Files or folders (each folder is one app).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        #[command(flatten)]
        manifest: ManifestArg,
    },
    /// Run the bundling service (builds the runtime deps first if there is no manifest).
    Serve(ServeArgs),
    /// Prebuild the allowlist into category bundles + manifest.json (needs npm and node).
    BuildDeps(BuildDepsArgs),
    /// Serve one published app inside its container: static files and the useAppData API.
    AppServer(AppServerArgs),
    /// Render prompts/available-imports.md from allowlist.toml.
    Prompts {
        #[arg(long, default_value = "prompts/available-imports.md")]
        out: PathBuf,
        /// Exit 1 if the file on disk differs from what would be rendered.
        #[arg(long)]
        check: bool,
    },
}

#[derive(clap::Args)]
struct BundleArgs {
    /// The entry file, or a folder holding the app's files.
    input: PathBuf,
    /// Entry file inside the folder (default: App.tsx, index.tsx, or the only script).
    #[arg(long)]
    entry: Option<String>,
    /// Write the script here instead of to stdout.
    #[arg(long)]
    outfile: Option<PathBuf>,
    /// Emit a source map: `<outfile>.map` with --outfile, else inline.
    #[arg(long)]
    sourcemap: bool,
    /// Minify the output.
    #[arg(long)]
    minify: bool,
    /// Format of diagnostics on stderr.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    #[command(flatten)]
    manifest: ManifestArg,
}

#[derive(clap::Args)]
struct ServeArgs {
    #[arg(long, env = "APPBUNDLE_BIND", default_value = "127.0.0.1:8080")]
    bind: std::net::SocketAddr,
    /// Runtime deps folder (bundles + manifest.json), served at /runtime-deps/.
    #[arg(
        long,
        env = "APPBUNDLE_DEPS_DIR",
        default_value = "public/runtime-deps"
    )]
    deps_dir: PathBuf,
    /// Upper bound of the bundle cache, in bytes.
    #[arg(long, env = "APPBUNDLE_CACHE_BYTES", default_value_t = 256 * 1024 * 1024)]
    cache_bytes: u64,
    /// Largest request body, in bytes.
    #[arg(long, env = "APPBUNDLE_BODY_LIMIT", default_value_t = 1024 * 1024)]
    body_limit: usize,
    /// Longest one bundle may take, in milliseconds.
    #[arg(long, env = "APPBUNDLE_TIMEOUT_MS", default_value_t = 10_000)]
    timeout_ms: u64,
    /// Bundles computed at once [default: 2 × cores].
    #[arg(long, env = "APPBUNDLE_MAX_CONCURRENT")]
    max_concurrent: Option<usize>,
    /// POST /bundle requests per second per API key or client IP (0: no limit).
    #[arg(long, env = "APPBUNDLE_RATE_LIMIT", default_value_t = 20)]
    rate_limit: u32,
    /// Requests a client may burst before the rate applies.
    #[arg(long, env = "APPBUNDLE_RATE_BURST", default_value_t = 40)]
    rate_burst: u32,
    /// Access-Control-Allow-Origin.
    #[arg(long, env = "APPBUNDLE_CORS_ORIGIN", default_value = "*")]
    cors_origin: String,
    /// CSP frame-ancestors of /preview: the origins that may embed it.
    #[arg(long, env = "APPBUNDLE_FRAME_ANCESTORS", default_value = "*")]
    frame_ancestors: String,
    /// Who may publish apps: `<key>=<user>,…` (sent as `Authorization: Bearer <key>`).
    #[arg(long, env = "APPBUNDLE_API_KEYS", default_value = "")]
    api_keys: String,
    /// Where published apps' pages and records are kept.
    #[arg(long, env = "APPBUNDLE_STATE_DIR", default_value = ".appbundle")]
    state_dir: PathBuf,
    /// The container engine's socket [default: DOCKER_HOST or /var/run/docker.sock].
    #[arg(long, env = "APPBUNDLE_DOCKER_HOST")]
    docker_host: Option<String>,
    /// Seconds without a request before a published app is stopped.
    #[arg(long, env = "APPBUNDLE_IDLE_TIMEOUT_SECS", default_value_t = 30 * 60)]
    idle_timeout_secs: u64,
    /// Seconds between idle sweeps.
    #[arg(long, env = "APPBUNDLE_SWEEP_SECS", default_value_t = 5 * 60)]
    sweep_secs: u64,
    /// Running published apps per user, and in total.
    #[arg(long, env = "APPBUNDLE_MAX_APPS_PER_USER", default_value_t = 10)]
    max_apps_per_user: usize,
    #[arg(long, env = "APPBUNDLE_MAX_APPS", default_value_t = 100)]
    max_apps: usize,
}

#[derive(clap::Args)]
struct AppServerArgs {
    /// The app's static files.
    #[arg(long, default_value = "/app")]
    site: PathBuf,
    /// The app's data (its volume).
    #[arg(long, default_value = "/data")]
    data: PathBuf,
    #[arg(long, default_value_t = 8080)]
    port: u16,
    /// Instead of serving: GET this http:// URL, exit 0 on a 2xx answer (health checks).
    #[arg(long)]
    probe: Option<String>,
}

#[derive(clap::Args)]
struct BuildDepsArgs {
    #[arg(long, default_value = "public/runtime-deps")]
    out: PathBuf,
    /// Build only this category.
    #[arg(long)]
    only: Option<String>,
    /// Build nothing; exit 1 unless the manifest matches the current allowlist and lockfile.
    #[arg(long)]
    check: bool,
    /// Rewrite deps-builder/npm/package.json from allowlist.toml and refresh its lockfile.
    #[arg(long)]
    sync_lockfile: bool,
    #[arg(long, default_value = "deps-builder/npm")]
    npm_dir: PathBuf,
    /// Where npm installs (default: ~/.cache/appbundle).
    #[arg(long, env = "APPBUNDLE_CACHE_DIR")]
    cache_dir: Option<PathBuf>,
    /// Also write the build report (per category: sizes, build and bundling times) as JSON.
    #[arg(long)]
    report: Option<PathBuf>,
}

#[derive(clap::Args)]
struct ManifestArg {
    /// manifest.json of the prebuilt packages, to check imported names against their exports
    /// [default: public/runtime-deps/manifest.json when it exists]
    #[arg(long, env = "APPBUNDLE_MANIFEST")]
    manifest: Option<PathBuf>,
}

const DEFAULT_MANIFEST: &str = "public/runtime-deps/manifest.json";

impl ManifestArg {
    /// The manifest, if one was named or `build-deps` has written the default one.
    fn load(&self, format: Format) -> anyhow::Result<Option<Manifest>> {
        let path = match &self.manifest {
            Some(path) => path.clone(),
            None if std::path::Path::new(DEFAULT_MANIFEST).exists() => DEFAULT_MANIFEST.into(),
            None => {
                if matches!(format, Format::Text) {
                    eprintln!("note: no {DEFAULT_MANIFEST} (run `appbundle build-deps`): imported names are not checked");
                }
                return Ok(None);
            }
        };
        Ok(Some(Manifest::load(&path)?))
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
    Sarif,
    Github,
}

fn render(format: Format, diagnostics: &[Diagnostic]) -> String {
    match format {
        Format::Text => report::text(diagnostics),
        Format::Json => report::json(diagnostics),
        Format::Sarif => report::sarif(diagnostics),
        Format::Github => report::github(diagnostics),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Bundle(args) => run_bundle(args),
        Command::Lint {
            paths,
            format,
            manifest,
        } => manifest
            .load(format)
            .and_then(|manifest| run_lint(paths, format, manifest.as_ref())),
        Command::Serve(args) => run_serve(args),
        Command::BuildDeps(args) => run_build_deps(args),
        Command::AppServer(args) => run_app_server(args),
        Command::Prompts { out, check } => run_prompts(out, check),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("appbundle: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run_bundle(args: BundleArgs) -> anyhow::Result<ExitCode> {
    let BundleArgs {
        input,
        entry,
        outfile,
        sourcemap,
        minify,
        format,
        manifest,
    } = args;
    let manifest = manifest.load(format)?;
    let app = cli_files::read_app(&input)?;
    let request = BundleRequest {
        files: app.files,
        entry: entry.or(app.entry),
        options: BundleOptions { minify },
    };
    let deps = Dependencies::new(Allowlist::embedded(), manifest.as_ref());
    let output = match bundle(&request, deps) {
        Ok(output) => output,
        Err(diagnostics) => {
            eprint!("{}", render(format, &app.root.prefix(diagnostics)));
            return Ok(ExitCode::from(1));
        }
    };
    let mut code = output.code;
    match (&outfile, sourcemap) {
        (Some(path), true) => {
            let map_path = PathBuf::from(format!("{}.map", path.display()));
            std::fs::write(&map_path, &output.map)
                .with_context(|| format!("writing {}", map_path.display()))?;
            let name = map_path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            code.push_str(&format!("\n//# sourceMappingURL={name}\n"));
        }
        (None, true) => {
            let encoded = base64::engine::general_purpose::STANDARD.encode(&output.map);
            code.push_str(&format!(
                "\n//# sourceMappingURL=data:application/json;base64,{encoded}\n"
            ));
        }
        (_, false) => code.push('\n'),
    }
    match &outfile {
        Some(path) => {
            std::fs::write(path, &code).with_context(|| format!("writing {}", path.display()))?
        }
        None => print!("{code}"),
    }
    eprintln!(
        "bundled {} file(s) from {}; load bundles: {}",
        output.files.len(),
        output.entry,
        output.bundles.join(", ")
    );
    Ok(ExitCode::SUCCESS)
}

fn run_lint(
    paths: Vec<PathBuf>,
    format: Format,
    manifest: Option<&Manifest>,
) -> anyhow::Result<ExitCode> {
    let deps = Dependencies::new(Allowlist::embedded(), manifest);
    let mut diagnostics = Vec::new();
    for group in cli_files::lint_groups(&paths)? {
        let mut found = check(&group.files, deps);
        if let Some(named) = &group.only {
            found.retain(|d| d.file.as_ref().is_none_or(|f| named.contains(f)));
        }
        diagnostics.extend(group.root.prefix(found));
    }
    let rejected = diagnostics.iter().any(Diagnostic::is_error);
    let rendered = render(format, &diagnostics);
    match format {
        Format::Text if diagnostics.is_empty() => eprintln!("no problems found"),
        Format::Text => eprint!("{rendered}"),
        _ => println!("{rendered}"),
    }
    Ok(if rejected {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn default_cache_dir() -> PathBuf {
    std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
        .unwrap_or_else(std::env::temp_dir)
        .join("appbundle")
}

/// How `build-deps` (and `serve` on a fresh clone) build: progress bars on a terminal.
fn deps_build_config(
    out_dir: PathBuf,
    npm_dir: PathBuf,
    cache_dir: Option<PathBuf>,
    only: Option<String>,
) -> appbundle_deps_builder::BuildConfig {
    appbundle_deps_builder::BuildConfig {
        out_dir,
        npm_dir,
        cache_dir: cache_dir.unwrap_or_else(default_cache_dir),
        only,
        progress: std::io::IsTerminal::is_terminal(&std::io::stderr()),
    }
}

fn run_serve(args: ServeArgs) -> anyhow::Result<ExitCode> {
    use appbundle_api::{AppState, ServeConfig};
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,tower_http=info".into()),
        )
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stdout()))
        .init();
    let defaults = ServeConfig::default();
    let config = ServeConfig {
        bind: args.bind,
        deps_dir: args.deps_dir,
        cache_bytes: args.cache_bytes,
        body_limit: args.body_limit,
        timeout: std::time::Duration::from_millis(args.timeout_ms),
        max_concurrent_bundles: args
            .max_concurrent
            .unwrap_or(defaults.max_concurrent_bundles),
        rate_per_second: args.rate_limit,
        rate_burst: args.rate_burst,
        cors_origin: args.cors_origin,
        frame_ancestors: args.frame_ancestors,
        apps: appbundle_api::config::AppsConfig {
            api_keys: appbundle_api::config::AppsConfig::parse_api_keys(&args.api_keys)
                .map_err(|e| anyhow::anyhow!("APPBUNDLE_API_KEYS: {e}"))?,
            state_dir: args.state_dir,
            docker_host: args.docker_host,
            idle_timeout: std::time::Duration::from_secs(args.idle_timeout_secs),
            sweep_interval: std::time::Duration::from_secs(args.sweep_secs.max(1)),
            max_apps_per_user: args.max_apps_per_user,
            max_apps_total: args.max_apps,
            ..Default::default()
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
        appbundle_deps_builder::build_deps(&build, Allowlist::embedded())?;
    }
    let state = AppState::new(config.clone())?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(config.bind)
            .await
            .with_context(|| format!("binding {}", config.bind))?;
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

fn run_app_server(args: AppServerArgs) -> anyhow::Result<ExitCode> {
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

fn run_build_deps(args: BuildDepsArgs) -> anyhow::Result<ExitCode> {
    use appbundle_deps_builder::{build_deps, check_deps, npm};
    let allowlist = Allowlist::embedded();
    if args.sync_lockfile {
        npm::sync_lockfile(&args.npm_dir, allowlist)?;
    }
    let config = deps_build_config(args.out, args.npm_dir, args.cache_dir, args.only);
    if args.check {
        return Ok(match check_deps(&config, allowlist) {
            Ok(_) => {
                eprintln!("runtime deps are up to date");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("appbundle: {e}");
                ExitCode::from(1)
            }
        });
    }
    let report = build_deps(&config, allowlist)?;
    if let Some(path) = &args.report {
        let json = serde_json::to_string_pretty(&report)?;
        std::fs::write(path, json).with_context(|| format!("writing {}", path.display()))?;
    }
    eprintln!(
        "{:<14} {:>8} {:>10} {:>10} {:>10}  built",
        "category", "packages", "raw KB", "gzip KB", "brotli KB"
    );
    for c in &report.categories {
        eprintln!(
            "{:<14} {:>8} {:>10.1} {:>10.1} {:>10.1}  {}",
            c.category,
            c.packages,
            c.bundle.bytes as f64 / 1024.0,
            c.bundle.gzip_bytes as f64 / 1024.0,
            c.bundle.brotli_bytes as f64 / 1024.0,
            if c.rebuilt {
                format!("{:.2} s", c.duration.as_secs_f64())
            } else {
                "unchanged".to_string()
            }
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn run_prompts(out: PathBuf, check: bool) -> anyhow::Result<ExitCode> {
    let rendered = appbundle_deps_builder::prompts::available_imports(Allowlist::embedded());
    if check {
        let current = std::fs::read_to_string(&out).unwrap_or_default();
        if current != rendered {
            eprintln!("{} is stale: run `appbundle prompts`", out.display());
            return Ok(ExitCode::from(1));
        }
        return Ok(ExitCode::SUCCESS);
    }
    std::fs::write(&out, rendered).with_context(|| format!("writing {}", out.display()))?;
    eprintln!("wrote {}", out.display());
    Ok(ExitCode::SUCCESS)
}
