//! The manifest of a build: every planned bundle (rebuilt, reused, or with `--only` kept as it
//! was), and every specifier with the export names read from the built bundles in Chromium.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;

use appbundle_bundler::{
    kit, read_icon_set, Allowlist, BundleFile, Manifest, PackageEntry, MANIFEST_FORMAT,
};

use super::bundle::Written;
use crate::{exports, BuildError, CategoryReport};

/// The bundles of the manifest with a report of each, in load order.
pub(super) fn bundles_and_reports(
    allowlist: &Allowlist,
    mut written: BTreeMap<String, Written>,
    previous: Option<&Manifest>,
) -> (BTreeMap<String, BundleFile>, Vec<CategoryReport>) {
    let mut bundles = BTreeMap::new();
    let mut reports = Vec::new();
    for spec in allowlist.plan().bundles() {
        let category = &spec.name;
        // Not rebuilt: reusable, or (with --only) kept as it was.
        let (bundle, rebuilt, duration, bundling) = match written.remove(category) {
            Some(done) => (done.file, true, done.duration, done.bundling),
            None => match previous.and_then(|p| p.bundles.get(category)) {
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
    (bundles, reports)
}

/// The manifest for `bundles` (in `out_dir`): export names read in Chromium, versions from the
/// allowlist. `rebuilt` stamps a new build time; otherwise the previous one is kept.
pub(super) fn manifest(
    out_dir: &Path,
    allowlist: &Allowlist,
    bundles: BTreeMap<String, BundleFile>,
    previous: Option<&Manifest>,
    rebuilt: bool,
) -> Result<Manifest, BuildError> {
    let load_order: Vec<String> = allowlist
        .plan()
        .bundles()
        .iter()
        .filter_map(|spec| bundles.get(&spec.name))
        .map(|b| b.file.clone())
        .collect();
    let names = exports::read_exports(out_dir, &load_order)?;
    let mut packages = BTreeMap::new();
    for (category, bundle) in &bundles {
        let is_kit = allowlist.plan().is_kit_bundle(category);
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
                let set = read_icon_set(&out_dir.join(file))?;
                exports.extend(set.export_names().map(str::to_string));
                exports.sort();
            }
            let version = env!("CARGO_PKG_VERSION").to_string();
            let (package, version) = match allowlist.package_of(specifier) {
                _ if is_kit => (kit::KIT_PACKAGE.to_string(), version),
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
    let built_at = match previous {
        Some(previous) if !rebuilt => previous.built_at.clone(),
        _ => humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string(),
    };
    Ok(Manifest {
        format: MANIFEST_FORMAT,
        built_at,
        bundles,
        packages,
        icon_sets: BTreeMap::new(),
    })
}
