//! `appbundle build-deps`: the allowlist prebuilt into `public/runtime-deps/`.

use std::path::PathBuf;
use std::process::ExitCode;

use super::reporting::AllowlistArg;
use anyhow::Context;

#[derive(clap::Args)]
pub struct BuildDepsArgs {
    #[arg(long, default_value = "public/runtime-deps")]
    pub out: PathBuf,
    /// Build only this category.
    #[arg(long)]
    pub only: Option<String>,
    /// Build nothing; exit 1 unless the manifest matches the current allowlist and lockfile.
    #[arg(long)]
    pub check: bool,
    /// Rewrite deps-builder/npm/package.json from allowlist.toml and refresh its lockfile.
    #[arg(long)]
    pub sync_lockfile: bool,
    #[arg(long, default_value = "deps-builder/npm")]
    pub npm_dir: PathBuf,
    /// Where npm installs (default: ~/.cache/appbundle).
    #[arg(long, env = "APPBUNDLE_CACHE_DIR")]
    pub cache_dir: Option<PathBuf>,
    /// Also write the build report (per category: sizes, build and bundling times) as JSON.
    #[arg(long)]
    pub report: Option<PathBuf>,
    #[command(flatten)]
    pub allowlist: AllowlistArg,
}

fn default_cache_dir() -> PathBuf {
    std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
        .unwrap_or_else(std::env::temp_dir)
        .join("appbundle")
}

/// How `build-deps` (and `serve` on a fresh clone) build: progress bars on a terminal.
pub fn deps_build_config(
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

/// Runs the command.
pub fn run(args: BuildDepsArgs) -> anyhow::Result<ExitCode> {
    use appbundle_deps_builder::{build_deps, check_deps, npm};
    let allowlist = args.allowlist.load()?;
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
