//! `appbundle bundle`: an app (a file or a folder) into one script, with its source map.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use appbundle_bundler::{bundle, BundleOptions, BundleRequest, Dependencies};
use base64::Engine;

use super::reporting::{render, AllowlistArg, Format, ManifestArg};
use crate::cli_files;

#[derive(clap::Args)]
pub struct BundleArgs {
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
    /// Compile for React Fast Refresh (registrations, development JSX), as the preview asks.
    #[arg(long)]
    refresh: bool,
    /// Format of diagnostics on stderr.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    #[command(flatten)]
    manifest: ManifestArg,
    #[command(flatten)]
    allowlist: AllowlistArg,
}

/// The app's assets where its script looks for them: `app.js` → `app/assets/<name>`.
fn write_assets(
    script: &std::path::Path,
    assets: &[appbundle_bundler::BundledAsset],
) -> anyhow::Result<()> {
    if assets.is_empty() {
        return Ok(());
    }
    let dir = script.with_extension("").join("assets");
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    for asset in assets {
        let path = dir.join(&asset.name);
        std::fs::write(&path, &asset.bytes)
            .with_context(|| format!("writing {}", path.display()))?;
    }
    Ok(())
}

/// Runs the command.
pub fn run(args: BundleArgs) -> anyhow::Result<ExitCode> {
    let BundleArgs {
        input,
        entry,
        outfile,
        sourcemap,
        minify,
        refresh,
        format,
        manifest,
        allowlist,
    } = args;
    let allowlist = allowlist.load()?;
    let manifest = manifest.load(format)?;
    let app = cli_files::read_app(&input)?;
    let request = BundleRequest {
        files: app.files,
        entry: entry.or(app.entry),
        options: BundleOptions { minify, refresh },
    };
    let deps = Dependencies::new(allowlist, manifest.as_ref());
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
            std::fs::write(path, &code).with_context(|| format!("writing {}", path.display()))?;
            write_assets(path, &output.assets)?;
        }
        None if !output.assets.is_empty() => {
            anyhow::bail!(
                "the app has images, fonts or SVGs: give --outfile, beside which they are written"
            );
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
