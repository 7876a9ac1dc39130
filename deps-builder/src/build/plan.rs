//! What a build does: the bundle plan's bundles with their input hashes, which of them can be
//! kept from the previous build, and what each bundle takes from other bundles.

use std::path::Path;

use appbundle_bundler::{Allowlist, BundleSpec, Manifest, RefreshSection};

use crate::entries::{entry_source, refresh_setup_source, RUNTIME_SOURCE};
use crate::npm::{self, sha256_hex};
use crate::{io_error, rolldown_build, BuildConfig, BuildError};

/// Bumped when the way bundles are built changes, so old outputs are not reused.
const BUILDER_REVISION: &str = "appbundle-deps-builder/7";

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
    if let Some(refresh) = refresh_of(allowlist, bundle) {
        input.push_str(&format!(
            "refresh: {}@{}\n",
            refresh.package, refresh.version
        ));
        input.push_str(&refresh_setup_source(refresh));
    }
    if bundle.is_kit {
        for file in appbundle_bundler::kit::FILES {
            input.push_str(&format!("{}\n{}\n", file.path, file.source));
        }
    }
    sha256_hex(input.as_bytes())
}

/// The refresh runtime when `bundle` also has a refresh build.
pub fn refresh_of<'a>(allowlist: &'a Allowlist, bundle: &BundleSpec) -> Option<&'a RefreshSection> {
    allowlist
        .refresh
        .as_ref()
        .filter(|_| bundle.name == RefreshSection::BUNDLE_OF)
}

/// The committed package.json matches the allowlist; returns the lockfile's bytes.
pub(super) fn read_lockfile(
    config: &BuildConfig,
    allowlist: &Allowlist,
) -> Result<Vec<u8>, BuildError> {
    npm::check_package_json(&config.npm_dir, allowlist)?;
    let lock_path = config.npm_dir.join("package-lock.json");
    std::fs::read(&lock_path).map_err(|e| io_error(lock_path.display(), e))
}

/// The manifest of the previous build in `out_dir`, if it reads.
pub(super) fn load_previous(out_dir: &Path) -> Option<Manifest> {
    Manifest::load(&out_dir.join("manifest.json")).ok()
}

/// The bundles to build now, with their input hashes: those `--only` allows whose previous
/// build is missing, changed or incomplete on disk.
pub(super) fn to_build<'p>(
    config: &BuildConfig,
    allowlist: &'p Allowlist,
    lockfile: &[u8],
    previous: Option<&Manifest>,
) -> Vec<(&'p BundleSpec, String)> {
    let reusable = |spec: &BundleSpec, hash: &str| {
        previous
            .and_then(|p| p.bundles.get(&spec.name))
            .is_some_and(|old| {
                // Core must have its refresh build; others have one when they hold a renderer.
                let wants_refresh = refresh_of(allowlist, spec).is_some();
                old.input_hash == hash
                    && (old.refresh.is_some() || !wants_refresh)
                    && std::iter::once(&old.file)
                        .chain(old.icon_data.values())
                        .chain(old.refresh.iter().map(|r| &r.file))
                        .all(|file| config.out_dir.join(file).exists())
            })
    };
    allowlist
        .plan()
        .bundles()
        .iter()
        .filter(|spec| config.only.as_deref().is_none_or(|only| only == spec.name))
        .map(|spec| (spec, input_hash(allowlist, spec, lockfile)))
        .filter(|(spec, hash)| !reusable(spec, hash))
        .collect()
}

/// What `spec`'s bundle takes from other bundles (the plan's shared packages; React always
/// comes from core), and for the kit where `@/` resolves.
pub(super) fn sharing<'a>(spec: &'a BundleSpec, kit_root: &Path) -> rolldown_build::Sharing<'a> {
    let from_bundles = spec
        .shared
        .iter()
        .filter(|p| !rolldown_build::SHARED_FROM_CORE.contains(&p.specifier.as_str()))
        .map(|p| (p.specifier.clone(), p.bundle.clone()))
        .collect();
    rolldown_build::Sharing {
        split_from: spec.split_from.as_ref(),
        from_bundles,
        alias_root: spec.is_kit.then(|| kit_root.to_path_buf()),
    }
}
