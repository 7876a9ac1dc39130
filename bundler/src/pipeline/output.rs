//! The answer's parts besides the code: the packages the app imports, the bundles it loads (from
//! the bundle plan), and its Tailwind CSS (its scripts plus the kit components it uses).

use std::collections::{BTreeMap, BTreeSet};

use super::PackageImport;
use crate::catalog::allowlist::Allowlist;
use crate::catalog::kit;
use crate::catalog::shims;
use crate::files::{FileKind, SourceFiles};
use crate::imports::ImportedName;
use crate::policy::ModuleTarget;

/// The packages the app imports, with the names it takes from each.
pub(super) fn package_imports(
    packages: BTreeMap<ModuleTarget, BTreeSet<ImportedName>>,
) -> Vec<PackageImport> {
    packages
        .into_iter()
        .filter_map(|(target, names)| match target {
            ModuleTarget::Dependency {
                package,
                category,
                key,
            } => Some(PackageImport {
                specifier: key,
                package,
                category,
                names: names.iter().map(|n| n.as_str().to_string()).collect(),
            }),
            ModuleTarget::File(_) => None,
        })
        .collect()
}

/// The bundles to load before the app, in load order: those it imports from, and those of the
/// shims it needs (`shim_globals`, or a package built on one).
pub(super) fn load_list(
    allowlist: &Allowlist,
    imports: &[PackageImport],
    shim_globals: &BTreeSet<String>,
) -> Vec<String> {
    let shim_bundles = shims::bundles(
        allowlist,
        shim_globals.iter().map(String::as_str),
        imports.iter().map(|i| i.package.as_str()),
    );
    allowlist.plan().load_list(
        imports
            .iter()
            .map(|i| i.category.as_str())
            .chain(shim_bundles.iter().map(String::as_str)),
    )
}

/// Tailwind CSS for the app's scripts (in `order`) and the kit components it imports, whose
/// class names are in the kit's sources, not the app's.
pub(super) fn stylesheet(
    files: &SourceFiles,
    order: &[String],
    imports: &[PackageImport],
) -> String {
    let kit_sources = kit::sources_of(
        imports
            .iter()
            .filter(|i| i.package == kit::KIT_PACKAGE)
            .map(|i| i.specifier.as_str()),
    );
    crate::css::stylesheet(
        order
            .iter()
            .filter(|path| FileKind::of(path).is_script())
            .filter_map(|path| files.get(path))
            .chain(kit_sources),
    )
}
