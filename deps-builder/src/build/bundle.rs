//! The bundling stage: install the pinned packages, write the entries, and bundle each planned
//! bundle with rolldown on this thread while a writer per core hashes, compresses and writes
//! the previous ones (brotli at quality 11 is most of a build).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Mutex};
use std::time::{Duration, Instant};

use appbundle_bundler::{Allowlist, BundleFile, BundleSpec, IconSet, RefreshSection};

use super::plan::{refresh_of, sharing};
use super::write;
use crate::entries::{
    entry_source, icon_base_file, icon_base_source, refresh_entry_source, refresh_setup_source,
    write_kit_sources, REFRESH_SETUP_FILE, RUNTIME_FILE, RUNTIME_SOURCE,
};
use crate::{icon_data, io_error, npm, rolldown_build, BuildConfig, BuildError};

/// One bundle written by this build.
pub(super) struct Written {
    pub file: BundleFile,
    /// Bundling, hashing, compressing, writing.
    pub duration: Duration,
    /// Rolldown alone.
    pub bundling: Duration,
}

/// What the stage produced.
pub(super) struct Bundled {
    /// Bundle name → what was written.
    pub written: BTreeMap<String, Written>,
    /// Where the packages were installed and the entries written.
    pub npm_root: PathBuf,
    /// Package folders whose code is in the written bundles, for LICENSES.txt.
    pub package_dirs: BTreeSet<String>,
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
    /// The same bundle on React's development build with the refresh runtime.
    refresh: Option<rolldown_build::BuiltChunk>,
    bar: indicatif::ProgressBar,
}

/// Builds `to_build` (bundle, input hash) into `config.out_dir`.
pub(super) fn bundle_all(
    config: &BuildConfig,
    allowlist: &Allowlist,
    to_build: &[(&BundleSpec, String)],
) -> Result<Bundled, BuildError> {
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
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    let (jobs, queue) = mpsc::sync_channel::<WriteJob>(workers);
    let queue = Mutex::new(queue);
    let written = Mutex::new(Vec::new());
    let mut package_dirs = BTreeSet::new();
    let bundled = std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| write_jobs(&config.out_dir, &queue, &written));
        }
        let mut bundle_each = || -> Result<(), BuildError> {
            for (spec, hash) in to_build {
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
                    sharing(spec, &kit_root),
                    rolldown_build::Mode::Production,
                ))?;
                package_dirs.extend(chunk.package_dirs.iter().cloned());
                // React's development build (the preview's, for Fast Refresh) needs core's refresh
                // build, and a development build of each bundle with a React renderer of its own
                // (react-reconciler: react-konva, React Three Fiber), whose production build
                // does not work with React's development one.
                let refresh = match refresh_of(allowlist, spec) {
                    Some(refresh) => {
                        bar.set_message(format!("{category}: bundling its refresh build"));
                        let built = build_refresh(&runtime, &npm_root, allowlist, spec, refresh)?;
                        package_dirs.extend(built.package_dirs.iter().cloned());
                        Some(built)
                    }
                    None if allowlist.refresh.is_some() && has_own_renderer(&chunk) => {
                        bar.set_message(format!("{category}: bundling its development build"));
                        Some(runtime.block_on(rolldown_build::build_category(
                            &npm_root,
                            &entry,
                            category,
                            sharing(spec, &kit_root),
                            rolldown_build::Mode::Development,
                        ))?)
                    }
                    None => None,
                };
                bar.set_message(format!("{category}: compressing"));
                let job = WriteJob {
                    category: category.clone(),
                    specifiers: spec.specifiers.clone(),
                    hash: hash.clone(),
                    icon_sets,
                    bundling: started.elapsed(),
                    started,
                    chunk,
                    refresh,
                    bar,
                };
                if jobs.send(job).is_err() {
                    return Err(BuildError::WritersStopped);
                }
            }
            Ok(())
        };
        let result = bundle_each();
        drop(jobs);
        result
    });
    bundled?;
    let mut done = BTreeMap::new();
    for (category, result) in written.into_inner().unwrap_or_else(|e| e.into_inner()) {
        done.insert(category, result?);
    }
    Ok(Bundled {
        written: done,
        npm_root,
        package_dirs,
    })
}

/// One writer: takes jobs until the queue closes.
fn write_jobs(
    out_dir: &Path,
    queue: &Mutex<mpsc::Receiver<WriteJob>>,
    written: &Mutex<Vec<(String, Result<Written, BuildError>)>>,
) {
    loop {
        let next = queue.lock().unwrap_or_else(|e| e.into_inner()).recv();
        let Ok(job) = next else { break };
        let mut result = write::write_bundle(
            out_dir,
            &job.category,
            &job.chunk,
            &job.hash,
            job.specifiers.clone(),
            &job.icon_sets,
        );
        if let (Ok(file), Some(chunk)) = (&mut result, &job.refresh) {
            let name = refresh_bundle_name(&job.category);
            match write::write_bundle(out_dir, &name, chunk, &job.hash, job.specifiers, &[]) {
                Ok(refresh) => {
                    write::remove_stale(out_dir, &name, &refresh.file);
                    file.refresh = Some(Box::new(refresh));
                }
                Err(e) => result = Err(e),
            }
        }
        if let Ok(file) = &result {
            write::remove_stale(out_dir, &job.category, &file.file);
            job.bar.finish_with_message(format!(
                "{}: {} KB, {} KB gzip",
                job.category,
                file.bytes / 1024,
                file.gzip_bytes / 1024
            ));
        }
        let done = result.map(|file| Written {
            file,
            duration: job.started.elapsed(),
            bundling: job.bundling,
        });
        written
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((job.category, done));
    }
}

/// The bundle holds a React renderer of its own: react-reconciler's code, which tells React's
/// DevTools hook its `reconcilerVersion` (a property name minifiers keep), whether it came as
/// the `react-reconciler` package or copied into the library (React Three Fiber's).
fn has_own_renderer(chunk: &rolldown_build::BuiltChunk) -> bool {
    chunk.code.contains("reconcilerVersion")
}

/// The file name stem of `category`'s refresh build (`core-refresh.<hash>.js`): not
/// `<category>.…`, which the production build's stale-file cleanup owns.
fn refresh_bundle_name(category: &str) -> String {
    format!("{category}-refresh")
}

/// `spec`'s refresh build: its entry (the hook setup first) and the bundle in development mode.
fn build_refresh(
    runtime: &tokio::runtime::Runtime,
    npm_root: &Path,
    allowlist: &Allowlist,
    spec: &BundleSpec,
    refresh: &RefreshSection,
) -> Result<rolldown_build::BuiltChunk, BuildError> {
    let entries = npm_root.join("entries");
    let setup = entries.join(REFRESH_SETUP_FILE);
    std::fs::write(&setup, refresh_setup_source(refresh))
        .map_err(|e| io_error(setup.display(), e))?;
    let entry = format!("entries/{}.js", refresh_bundle_name(&spec.name));
    std::fs::write(
        npm_root.join(&entry),
        refresh_entry_source(allowlist, spec, refresh),
    )
    .map_err(|e| io_error(&entry, e))?;
    runtime.block_on(rolldown_build::build_category(
        npm_root,
        &entry,
        &spec.name,
        rolldown_build::Sharing::default(),
        rolldown_build::Mode::Development,
    ))
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
