//! The `appbundle` command: `serve`, `bundle`, `lint`, `build-deps` and `prompts`.

//! One module per subcommand under `cmd/`; `cli_files` reads apps from disk.

mod allocator;
mod cli_files;
mod cmd;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use cmd::reporting::{AllowlistArg, Format, ManifestArg};

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
    Bundle(cmd::bundle::BundleArgs),
    /// Check files the way `bundle` would, without linking; exit 1 if anything is rejected.
    Lint {
        /// Files or folders (each folder is one app).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        #[command(flatten)]
        manifest: ManifestArg,
        #[command(flatten)]
        allowlist: AllowlistArg,
    },
    /// Run the bundling service (builds the runtime deps first if there is no manifest).
    Serve(Box<cmd::serve::ServeArgs>),
    /// Prebuild the allowlist into category bundles + manifest.json (needs npm and node).
    BuildDeps(cmd::build_deps::BuildDepsArgs),
    /// Serve one published app inside its container: static files and the useAppData API.
    AppServer(cmd::app_server::AppServerArgs),
    /// Render prompts/available-imports.md from allowlist.toml.
    Prompts {
        #[arg(long, default_value = "prompts/available-imports.md")]
        out: PathBuf,
        /// Exit 1 if the file on disk differs from what would be rendered.
        #[arg(long)]
        check: bool,
        #[command(flatten)]
        allowlist: AllowlistArg,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Bundle(args) => cmd::bundle::run(args),
        Command::Lint {
            paths,
            format,
            manifest,
            allowlist,
        } => allowlist.load().and_then(|allowlist| {
            let manifest = manifest.load(format)?;
            cmd::lint::run(paths, format, manifest.as_ref(), allowlist)
        }),
        Command::Serve(args) => cmd::serve::run(*args),
        Command::BuildDeps(args) => cmd::build_deps::run(args),
        Command::AppServer(args) => cmd::app_server::run(args),
        Command::Prompts {
            out,
            check,
            allowlist,
        } => allowlist
            .load()
            .and_then(|allowlist| cmd::prompts::run(out, check, allowlist)),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("appbundle: {e:#}");
            ExitCode::from(2)
        }
    }
}
