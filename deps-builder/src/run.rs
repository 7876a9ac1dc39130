//! `appbundle build-deps`: the whole prebuild, with unchanged categories reused.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use appbundle_bundler::allowlist::BundleSpec;
use appbundle_bundler::icon_sets::IconSet;
use appbundle_bundler::manifest::{
    read_icon_set, BundleFile, Manifest, PackageEntry, MANIFEST_FORMAT,
};
use appbundle_bundler::Allowlist;

use appbundle_bundler::allowlist::SpecifierClass;
use appbundle_bundler::kit;

use crate::entries::{
    entry_source, icon_base_file, icon_base_source, write_kit_sources, RUNTIME_FILE, RUNTIME_SOURCE,
};
use crate::npm::sha256_hex;
use crate::{exports, icon_data, io_error, npm, output, rolldown_build, types, BuildError};

#[derive(Debug, Clone)]
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
pub struct CategoryReport {
    pub category: String,
    pub packages: usize,
    pub bundle: BundleFile,
    /// `false` when the inputs were unchanged and the previous build was kept.
    pub rebuilt: bool,
    /// Whole build of the category: bundling, hashing, compressing, writing.
    pub duration: Duration,
    /// Rolldown alone (what `deps-builder/bench` compares with esbuild).
    pub bundling: Duration,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct BuildReport {
    pub manifest: Manifest,
    pub categories: Vec<CategoryReport>,
    /// Where the packages were installed and the category entries written (`entries/<cat>.js`),
    /// when anything was rebuilt.
    pub npm_root: Option<PathBuf>,
}

/// Bumped when the way bundles are built changes, so old outputs are not reused.
const BUILDER_REVISION: &str = "appbundle-deps-builder/3";

/// What a bundle is built from; equal hashes mean an identical bundle.
pub fn input_hash(allowlist: &Allowlist, bundle: &BundleSpec, lockfile: &[u8]) -> String {
    let mut input = format!("{BUILDER_REVISION}\n{}\n", sha256_hex(lockfile));
    input.push_str(&entry_source(allowlist, bundle));
    for specifier in &bundle.specifiers {
        let version = allowlist
            .package_of(specifier)
            .map(|p| p.version.as_str())
            .unwrap_or("");
        input.push_str(&format!("{specifier}@{version}\n"));
    }
    if allowlist.runtime.category == bundle.name {
        input.push_str(RUNTIME_SOURCE);
    }
    if allowlist.is_kit_bundle(&bundle.name) {
        for file in kit::FILES {
            input.push_str(&format!("{}\n{}\n", file.path, file.source));
        }
    }
    sha256_hex(input.as_bytes())
}

/// What `spec`'s bundle takes from other bundles, and (for the kit) where `@/` resolves.
fn sharing<'a>(
    allowlist: &Allowlist,
    spec: &'a BundleSpec,
    kit_root: &Path,
) -> rolldown_build::Sharing<'a> {
    let Some(section) = allowlist
        .kit
        .as_ref()
        .filter(|_| allowlist.is_kit_bundle(&spec.name))
    else {
        return rolldown_build::Sharing {
            split_from: spec.split_from.as_ref(),
            ..Default::default()
        };
    };
    let from_bundles = kit::packages_of(&section.bundle, &spec.name)
        .into_iter()
        .filter(|p| !rolldown_build::SHARED_FROM_CORE.contains(p))
        .filter_map(|specifier| match allowlist.classify(specifier) {
            SpecifierClass::Allowed { category, .. } => Some((specifier.to_string(), category)),
            _ => None,
        })
        .collect();
    rolldown_build::Sharing {
        split_from: None,
        from_bundles,
        alias_root: Some(kit_root.to_path_buf()),
    }
}

fn load_previous(out_dir: &Path) -> Option<Manifest> {
    Manifest::load(&out_dir.join("manifest.json")).ok()
}

/// The committed package.json matches the allowlist; returns the lockfile's bytes.
fn read_lockfile(config: &BuildConfig, allowlist: &Allowlist) -> Result<Vec<u8>, BuildError> {
    npm::check_package_json(&config.npm_dir, allowlist)?;
    let lock_path = config.npm_dir.join("package-lock.json");
    std::fs::read(&lock_path).map_err(|e| io_error(lock_path.display(), e))
}

/// Checks that the manifest in `out_dir` matches the current inputs (for CI: `--check`).
pub fn check_deps(config: &BuildConfig, allowlist: &Allowlist) -> Result<Manifest, BuildError> {
    let lockfile = read_lockfile(config, allowlist)?;
    let manifest = load_previous(&config.out_dir).ok_or_else(|| {
        BuildError::Stale(format!(
            "no readable manifest.json in {}",
            config.out_dir.display()
        ))
    })?;
    for spec in allowlist.bundles() {
        let category = &spec.name;
        let bundle = manifest
            .bundles
            .get(category)
            .ok_or_else(|| BuildError::Stale(format!("category `{category}` is not built")))?;
        if bundle.input_hash != input_hash(allowlist, &spec, &lockfile) {
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

pub fn build_deps(config: &BuildConfig, allowlist: &Allowlist) -> Result<BuildReport, BuildError> {
    // In load order: the always-loaded ones (core) first.
    let specs = allowlist.bundles();
    if let Some(only) = &config.only {
        if !specs.iter().any(|b| &b.name == only) {
            return Err(BuildError::UnknownCategory(only.clone()));
        }
    }
    let lockfile = read_lockfile(config, allowlist)?;
    std::fs::create_dir_all(&config.out_dir).map_err(|e| io_error(config.out_dir.display(), e))?;
    let previous = load_previous(&config.out_dir);
    let reusable = |category: &str, hash: &str| {
        previous
            .as_ref()
            .and_then(|p| p.bundles.get(category))
            .is_some_and(|old| {
                old.input_hash == hash
                    && std::iter::once(&old.file)
                        .chain(old.icon_data.values())
                        .all(|file| config.out_dir.join(file).exists())
            })
    };

    let to_build: Vec<(&BundleSpec, String)> = specs
        .iter()
        .filter(|spec| config.only.as_deref().is_none_or(|only| only == spec.name))
        .map(|spec| (spec, input_hash(allowlist, spec, &lockfile)))
        .filter(|(spec, hash)| !reusable(&spec.name, hash))
        .collect();

    let mut built: BTreeMap<String, (BundleFile, Duration, Duration)> = BTreeMap::new();
    let mut installed_root = None;
    let mut licence_dirs: BTreeSet<String> = BTreeSet::new();
    if !to_build.is_empty() {
        let npm_root = npm::install(&config.npm_dir, &config.cache_dir)?;
        let entries_dir = npm_root.join("entries");
        std::fs::create_dir_all(&entries_dir).map_err(|e| io_error(entries_dir.display(), e))?;
        std::fs::write(entries_dir.join(RUNTIME_FILE), RUNTIME_SOURCE)
            .map_err(|e| io_error(RUNTIME_FILE, e))?;
        let kit_root =
            write_kit_sources(&entries_dir).map_err(|e| io_error(entries_dir.display(), e))?;
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .map_err(|e| io_error("tokio runtime", e))?;
        let bars = indicatif::MultiProgress::with_draw_target(if config.progress {
            indicatif::ProgressDrawTarget::stderr()
        } else {
            indicatif::ProgressDrawTarget::hidden()
        });
        // Rolldown bundles one category at a time on this thread; compressing and writing (brotli
        // at quality 11 is most of a build) runs on one worker per core meanwhile.
        let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
        let (jobs, queue) = std::sync::mpsc::sync_channel::<WriteJob>(workers);
        let queue = std::sync::Mutex::new(queue);
        let written = std::sync::Mutex::new(Vec::new());
        let bundled = std::thread::scope(|scope| {
            for _ in 0..workers {
                scope.spawn(|| loop {
                    let next = queue.lock().unwrap_or_else(|e| e.into_inner()).recv();
                    let Ok(job) = next else { break };
                    let result = output::write_bundle(
                        &config.out_dir,
                        &job.category,
                        &job.chunk,
                        &job.hash,
                        job.specifiers,
                        &job.icon_sets,
                    );
                    if let Ok(file) = &result {
                        output::remove_stale(&config.out_dir, &job.category, &file.file);
                        job.bar.finish_with_message(format!(
                            "{}: {} KB, {} KB gzip",
                            job.category,
                            file.bytes / 1024,
                            file.gzip_bytes / 1024
                        ));
                    }
                    let done = result.map(|file| (file, job.started.elapsed(), job.bundling));
                    written
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .push((job.category, done));
                });
            }
            let mut bundle_all = || -> Result<(), BuildError> {
                for (spec, hash) in &to_build {
                    let category = &spec.name;
                    let bar = bars.add(indicatif::ProgressBar::new_spinner());
                    bar.set_message(format!("{category}: bundling"));
                    bar.enable_steady_tick(Duration::from_millis(120));
                    let started = Instant::now();
                    let icon_sets = write_icon_bases(allowlist, spec, &npm_root)?;
                    let entry = format!("entries/{category}.js");
                    std::fs::write(npm_root.join(&entry), entry_source(allowlist, spec))
                        .map_err(|e| io_error(&entry, e))?;
                    let chunk = runtime.block_on(rolldown_build::build_category(
                        &npm_root,
                        &entry,
                        category,
                        sharing(allowlist, spec, &kit_root),
                    ))?;
                    licence_dirs.extend(chunk.package_dirs.iter().cloned());
                    bar.set_message(format!("{category}: compressing"));
                    let job = WriteJob {
                        category: category.clone(),
                        specifiers: spec.specifiers.clone(),
                        hash: hash.clone(),
                        icon_sets,
                        bundling: started.elapsed(),
                        started,
                        chunk,
                        bar,
                    };
                    if jobs.send(job).is_err() {
                        return Err(BuildError::Io("the bundle writers stopped".into()));
                    }
                }
                Ok(())
            };
            let result = bundle_all();
            drop(jobs);
            result
        });
        bundled?;
        for (category, done) in written.into_inner().unwrap_or_else(|e| e.into_inner()) {
            let (file, duration, bundling) = done?;
            built.insert(category, (file, duration, bundling));
        }
        write_licences(&config.out_dir, &licence_dirs)?;
        installed_root = Some(npm_root);
    }

    // The manifest: rebuilt bundles, reused ones, and (with --only) the rest as they were.
    let mut bundles = BTreeMap::new();
    let mut reports = Vec::new();
    for spec in &specs {
        let category = &spec.name;
        // Not rebuilt: reusable, or (with --only) kept as it was.
        let (bundle, rebuilt, duration, bundling) = match built.remove(category) {
            Some((file, duration, bundling)) => (file, true, duration, bundling),
            None => match previous.as_ref().and_then(|p| p.bundles.get(category)) {
                Some(file) => (file.clone(), false, Duration::ZERO, Duration::ZERO),
                None => continue,
            },
        };
        reports.push(CategoryReport {
            category: category.clone(),
            packages: spec.specifiers.len(),
            bundle: bundle.clone(),
            rebuilt,
            duration,
            bundling,
        });
        bundles.insert(category.clone(), bundle);
    }
    let load_order: Vec<String> = specs
        .iter()
        .filter_map(|spec| bundles.get(&spec.name))
        .map(|b: &BundleFile| b.file.clone())
        .collect();
    let names = exports::read_exports(&config.out_dir, &load_order)?;
    let mut packages = BTreeMap::new();
    for (category, bundle) in &bundles {
        for specifier in &bundle.specifiers {
            let mut exports = names
                .get(category)
                .and_then(|registry| registry.get(specifier))
                .cloned()
                .ok_or_else(|| {
                    BuildError::Exports(format!(
                        "`{specifier}` is not registered by the {category} bundle"
                    ))
                })?;
            // A per-app icon package also exports its icons, which travel with each app.
            if let Some(file) = bundle.icon_data.get(specifier) {
                let set = read_icon_set(&config.out_dir.join(file))
                    .map_err(|e| BuildError::Exports(e.to_string()))?;
                exports.extend(set.export_names().map(str::to_string));
                exports.sort();
            }
            let version = env!("CARGO_PKG_VERSION").to_string();
            let (package, version) = match allowlist.package_of(specifier) {
                _ if allowlist.is_kit_bundle(category) => (kit::KIT_PACKAGE.to_string(), version),
                Some(package) => (package.name.clone(), package.version.clone()),
                // The built-in @appbundle/runtime ships with appbundle itself.
                None => (specifier.clone(), version),
            };
            packages.insert(
                specifier.clone(),
                PackageEntry {
                    package,
                    version,
                    category: category.clone(),
                    exports,
                },
            );
        }
    }
    let built_at = if reports.iter().any(|r| r.rebuilt) || previous.is_none() {
        humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string()
    } else {
        previous
            .as_ref()
            .map(|p| p.built_at.clone())
            .unwrap_or_default()
    };
    let manifest = Manifest {
        format: MANIFEST_FORMAT,
        built_at,
        bundles,
        packages,
        icon_sets: BTreeMap::new(),
    };
    let manifest_path = config.out_dir.join("manifest.json");
    let json =
        serde_json::to_string_pretty(&manifest).map_err(|e| BuildError::Io(e.to_string()))? + "\n";
    write_atomically(&manifest_path, json.as_bytes())?;
    let types_path = config.out_dir.join("app-dependencies.d.ts");
    write_atomically(&types_path, types::declarations(allowlist).as_bytes())?;
    Ok(BuildReport {
        manifest,
        categories: reports,
        npm_root: installed_root,
    })
}

/// A bundled category waiting to be hashed, compressed and written.
struct WriteJob {
    category: String,
    specifiers: Vec<String>,
    hash: String,
    /// Per-app icon data of its packages (specifier → icons).
    icon_sets: Vec<(String, IconSet)>,
    started: Instant,
    bundling: Duration,
    chunk: rolldown_build::BuiltChunk,
    bar: indicatif::ProgressBar,
}

/// For each per-app icon package of `spec`: reads its icons, and writes the module its bundle
/// registers instead of the package (everything but the icons) beside the entries.
fn write_icon_bases(
    allowlist: &Allowlist,
    spec: &BundleSpec,
    npm_root: &Path,
) -> Result<Vec<(String, IconSet)>, BuildError> {
    let mut sets = Vec::new();
    for specifier in &spec.specifiers {
        let Some(package) = allowlist.package_of(specifier) else {
            continue;
        };
        let Some(layout) = package.per_app_layout(specifier) else {
            continue;
        };
        let package_dir = npm_root.join("node_modules").join(&package.name);
        let read = icon_data::read(layout, &package_dir, package.subpath_of(specifier))?;
        let base = npm_root.join("entries").join(icon_base_file(specifier));
        std::fs::write(&base, icon_base_source(specifier, &read.base_exports))
            .map_err(|e| io_error(base.display(), e))?;
        sets.push((specifier.clone(), read.set));
    }
    Ok(sets)
}

/// Readers (the service, a test) never see half a manifest: write beside it, then rename.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), BuildError> {
    let partial = path.with_extension("partial");
    std::fs::write(&partial, bytes).map_err(|e| io_error(partial.display(), e))?;
    std::fs::rename(&partial, path).map_err(|e| io_error(path.display(), e))
}

/// LICENSES.txt: the licence of every package whose code is in a rebuilt bundle (they are kept
/// out of the bundles themselves).
fn write_licences(out_dir: &Path, package_dirs: &BTreeSet<String>) -> Result<(), BuildError> {
    let path = out_dir.join("LICENSES.txt");
    let mut text = std::fs::read_to_string(&path).unwrap_or_default();
    for dir in package_dirs {
        let name = dir
            .rsplit_once("node_modules/")
            .map(|(_, n)| n)
            .unwrap_or(dir);
        let header = format!("==== {name} ====\n");
        if text.contains(&header) {
            continue;
        }
        let licence = std::fs::read_dir(dir).ok().and_then(|entries| {
            entries.flatten().find_map(|e| {
                let file = e.file_name().to_string_lossy().to_ascii_lowercase();
                (file.starts_with("license") || file.starts_with("licence"))
                    .then(|| std::fs::read_to_string(e.path()).ok())
                    .flatten()
            })
        });
        text.push_str(&header);
        text.push_str(
            licence
                .as_deref()
                .unwrap_or("(no licence file in the package; see its package.json)\n"),
        );
        text.push('\n');
    }
    std::fs::write(&path, text).map_err(|e| io_error(path.display(), e))
}
