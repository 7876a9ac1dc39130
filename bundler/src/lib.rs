//! appbundle's request-time bundler: generated TSX in, policy-checked browser JS + source map
//! out, or diagnostics that say precisely why not.
//!
//! A request flows through the [`pipeline`](bundle)'s stages: request checks → scan (`files`,
//! `parse`, `imports`, `policy`) → generate (`transform` with `rewrite`, `link`, `emit`) →
//! output (imports, load list, `css`). What may be imported and what was prebuilt is the
//! catalog: [`Allowlist`], its [`BundlePlan`], the component [`kit`] and the [`Manifest`].
//! [`Diagnostic`] is the one error type and [`report`] renders it. `STRUCTURE.md` beside this
//! file maps the modules.

mod assets;
mod catalog;
mod component;
mod css;
mod diagnostics;
mod emit;
mod files;
mod globals;
mod guards;
mod imports;
mod link;
mod moved_exports;
mod parse;
mod pipeline;
mod policy;
pub mod report;
mod rewrite;
mod svg;
mod transform;
mod value_refs;

pub use assets::{mime_of as asset_mime, Encoding, FileContent, MAX_ASSETS_BYTES, MAX_ASSET_BYTES};
pub use catalog::allowlist::{
    split_package, Alias, Allowlist, AllowlistError, BlockKind, BlockedGroup, Category, IconLayout,
    KitSection, LoadStrategy, NodeBuiltins, Package, RefreshSection, RuntimeModule, Shim,
    SpecifierClass, EMBEDDED_ALLOWLIST,
};
pub use catalog::dependencies::Dependencies;
pub use catalog::icon_sets::{read_icon_set, IconData, IconDataError, IconSet, IconSubset};
pub use catalog::kit;
pub use catalog::manifest::{BundleFile, Manifest, ManifestError, PackageEntry, MANIFEST_FORMAT};
pub use catalog::plan::{BundlePlan, BundleSpec, SharedPackage, SplitFrom};
/// Tailwind on its own: the class names found in a source text, and the stylesheet (preflight
/// and utilities) for a set of sources, as `bundle` makes for an app.
pub use css::{candidates as tailwind_candidates, stylesheet as tailwind_stylesheet};
pub use diagnostics::{Diagnostic, DiagnosticCode, Location, Severity};
pub use imports::ImportedName;
pub use pipeline::{
    bundle, check, BundleOptions, BundleOutput, BundleRequest, BundledAsset, PackageImport,
    MAX_FILES, MAX_INPUT_BYTES, MAX_OUTPUT_BYTES,
};
