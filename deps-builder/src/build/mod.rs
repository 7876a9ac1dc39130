//! `appbundle build-deps`: the whole prebuild, with unchanged bundles reused. One module per
//! step: [`plan`] (what to build, input hashes, sharing) → [`bundle`] (npm, entries, rolldown,
//! the writer pool) → [`manifest`] (bundles and export names) → [`write`] (files on disk).

mod bundle;
mod manifest;
mod plan;
mod write;

use std::path::PathBuf;
use std::time::Duration;

use appbundle_bundler::{Allowlist, BundleFile, Manifest};

use crate::{types, BuildError};

pub use plan::input_hash;

#[derive(Debug, Clone)]
/// Where a build reads and writes.
pub struct BuildConfig {
    /// `public/runtime-deps`.
    pub out_dir: PathBuf,
    /// `deps-builder/npm` (package.json + package-lock.json).
    pub npm_dir: PathBuf,
    /// Where `npm ci` installs (reused across builds with the same lockfile).
    pub cache_dir: PathBuf,
    /// Build this category only; the others keep their manifest entries.
    pub only: Option<String>,
    /// Show a progress bar per category on stderr.
    pub progress: bool,
}

#[derive(Debug, Clone, serde::Serialize)]
/// What happened to one bundle in a build.
pub struct CategoryReport {
    /// The bundle's name.
    pub category: String,
    /// Specifiers it registers.
    pub packages: usize,
    /// Its file, sizes and SRI.
    pub bundle: BundleFile,
    /// `false` when the inputs were unchanged and the previous build was kept.
    pub rebuilt: bool,
    /// Whole build of the category: bundling, hashing, compressing, writing.
    pub duration: Duration,
    /// Rolldown alone (what `deps-builder/bench` compares with esbuild).
    pub bundling: Duration,
}

#[derive(Debug, Clone, serde::Serialize)]
/// What a build produced.
pub struct BuildReport {
    /// The manifest it wrote.
    pub manifest: Manifest,
    /// Each bundle of the plan, in load order.
    pub categories: Vec<CategoryReport>,
    /// Where the packages were installed and the category entries written (`entries/<cat>.js`),
    /// when anything was rebuilt.
    pub npm_root: Option<PathBuf>,
}

/// Checks that the manifest in `out_dir` matches the current inputs (for CI: `--check`).
pub fn check_deps(config: &BuildConfig, allowlist: &Allowlist) -> Result<Manifest, BuildError> {
    let lockfile = plan::read_lockfile(config, allowlist)?;
    let manifest = plan::load_previous(&config.out_dir).ok_or_else(|| {
        BuildError::Stale(format!(
            "no readable manifest.json in {}",
            config.out_dir.display()
        ))
    })?;
    for spec in allowlist.plan().bundles() {
        let category = &spec.name;
        let bundle = manifest
            .bundles
            .get(category)
            .ok_or_else(|| BuildError::Stale(format!("category `{category}` is not built")))?;
        if bundle.input_hash != input_hash(allowlist, spec, &lockfile) {
            return Err(BuildError::Stale(format!(
                "category `{category}` is out of date"
            )));
        }
        if !config.out_dir.join(&bundle.file).exists() {
            return Err(BuildError::Stale(format!("{} is missing", bundle.file)));
        }
    }
    Ok(manifest)
}

/// Builds every bundle of the allowlist's plan whose inputs changed (or `config.only`), then
/// writes the manifest, the types and the licences.
pub fn build_deps(config: &BuildConfig, allowlist: &Allowlist) -> Result<BuildReport, BuildError> {
    if let Some(only) = &config.only {
        if allowlist.plan().get(only).is_none() {
            return Err(BuildError::UnknownCategory(only.clone()));
        }
    }
    let lockfile = plan::read_lockfile(config, allowlist)?;
    std::fs::create_dir_all(&config.out_dir)
        .map_err(|e| crate::io_error(config.out_dir.display(), e))?;
    let previous = plan::load_previous(&config.out_dir);
    let to_build = plan::to_build(config, allowlist, &lockfile, previous.as_ref());

    let (written, npm_root) = if to_build.is_empty() {
        (Default::default(), None)
    } else {
        let bundled = bundle::bundle_all(config, allowlist, &to_build)?;
        write::write_licences(&config.out_dir, &bundled.package_dirs)?;
        (bundled.written, Some(bundled.npm_root))
    };

    let (bundles, reports) = manifest::bundles_and_reports(allowlist, written, previous.as_ref());
    let rebuilt = reports.iter().any(|r| r.rebuilt);
    let manifest = manifest::manifest(
        &config.out_dir,
        allowlist,
        bundles,
        previous.as_ref(),
        rebuilt,
    )?;
    let json = serde_json::to_string_pretty(&manifest).map_err(|source| BuildError::Json {
        what: "manifest.json".into(),
        source,
    })? + "\n";
    write::write_atomically(&config.out_dir.join("manifest.json"), json.as_bytes())?;
    write::write_atomically(
        &config.out_dir.join("app-dependencies.d.ts"),
        types::declarations(allowlist).as_bytes(),
    )?;
    Ok(BuildReport {
        manifest,
        categories: reports,
        npm_root,
    })
}
