//! The bundler's entry points: [`bundle`] (link an app into one script) and [`check`] (judge
//! every file without linking, for `appbundle lint`).
//!
//! One module per stage: [`request`] checks (files, sizes, entry) → [`worker`] (the thread the
//! rest runs on) → [`scan`] (parse and judge every reached file) → [`generate`] (icons →
//! transform → link → emit) → [`output`] (imports, load list, CSS).

mod generate;
mod output;
mod request;
mod scan;
mod worker;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use swc_core::common::{sync::Lrc, SourceMap};

use crate::assets::FileContent;
use crate::catalog::dependencies::Dependencies;
use crate::component::component_to_mount;
use crate::diagnostics::Diagnostic;
use crate::files::{FileKind, SourceFiles};
use crate::parse::{add_file, parse_json, Locator};

pub use generate::MAX_OUTPUT_BYTES;
pub use request::{MAX_FILES, MAX_INPUT_BYTES};

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
/// How to bundle.
pub struct BundleOptions {
    /// Minify the output (production, published apps).
    pub minify: bool,
    /// Compile for React Fast Refresh (the preview keeps state across edits): development JSX,
    /// components and hook signatures registered, and `core`'s refresh build in the load list.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub refresh: bool,
}

/// What to bundle: file name → contents, and the entry (guessed when absent: `App.tsx`,
/// `index.tsx`, or the only script).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BundleRequest {
    /// File name → contents: text, or (images, fonts) base64 or a data URL.
    pub files: BTreeMap<String, FileContent>,
    #[serde(default)]
    /// The entry file.
    pub entry: Option<String>,
    #[serde(default)]
    /// How to bundle.
    pub options: BundleOptions,
}

/// One package the app imports, with the names it takes from it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackageImport {
    /// The specifier as registered: `react`, `react-dom/client`.
    pub specifier: String,
    /// The npm package.
    pub package: String,
    /// The bundle that registers it.
    pub category: String,
    /// `default`, `*` (namespace) or export names, sorted.
    pub names: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
/// A bundled app.
pub struct BundleOutput {
    /// One classic script; runs with no `eval`. Its entry's exports land on
    /// `window.AppBundle.exports`.
    pub code: String,
    /// Source map v3 JSON with `sourcesContent`.
    pub map: String,
    /// The entry file that was used.
    pub entry: String,
    /// Categories to load before the code, in load order (always-loaded ones first).
    pub bundles: Vec<String>,
    /// The packages it imports, with the names taken from each.
    pub imports: Vec<PackageImport>,
    /// The app files linked in, in the order they were reached from the entry.
    pub files: Vec<String>,
    /// Diagnostics that did not reject the app.
    pub warnings: Vec<Diagnostic>,
    /// Tailwind CSS (with preflight) for the utility classes the app's scripts use.
    pub css: String,
    /// The images, fonts and SVGs the app imports or its stylesheets name: to be served as
    /// `assets/<name>` beside the script (`<script URL without .js>/assets/<name>`).
    #[serde(default)]
    pub assets: Vec<BundledAsset>,
}

/// One asset of a bundled app.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BundledAsset {
    /// Its path among the request's files.
    pub path: String,
    /// The content-hashed name it is served under (`logo.3f2a9c1d.png`).
    pub name: String,
    /// Its media type.
    pub mime: String,
    /// Its bytes (not in the JSON form).
    #[serde(skip)]
    pub bytes: Vec<u8>,
}

/// Bundles an app. Never panics on any input; deep input gives `too-deep`, big output
/// `too-large`.
pub fn bundle<'a>(
    request: &BundleRequest,
    deps: impl Into<Dependencies<'a>>,
) -> Result<BundleOutput, Vec<Diagnostic>> {
    let deps = deps.into();
    let files = request::validated_files(&request.files)?;
    let entry = request::entry_of(&files, request.entry.as_deref())?;
    worker::on_worker(|| bundle_files(&files, &entry, &request.options, deps))
}

/// Judges every file (syntax, imports, patterns) without linking. Returns all diagnostics.
pub fn check<'a>(
    files: &BTreeMap<String, FileContent>,
    deps: impl Into<Dependencies<'a>>,
) -> Vec<Diagnostic> {
    let deps = deps.into();
    let files = match request::validated_files(files) {
        Ok(f) => f,
        Err(diagnostics) => return diagnostics,
    };
    worker::on_worker(|| {
        let cm: Lrc<SourceMap> = Default::default();
        let locator = Locator::new(cm.clone());
        let mut diagnostics = Vec::new();
        for (path, text) in files.iter() {
            let kind = FileKind::of(path);
            let file = add_file(&cm, path, text);
            if kind == FileKind::Json {
                if let Err(d) = parse_json(&locator, &file) {
                    diagnostics.extend(d);
                }
                continue;
            }
            if !kind.is_script() {
                continue;
            }
            match scan::analyse_script(&locator, &files, path, &file, kind, deps) {
                Ok(analysed) => diagnostics.extend(analysed.diagnostics),
                Err(d) => diagnostics.extend(d),
            }
        }
        Ok::<_, Vec<Diagnostic>>(diagnostics)
    })
    .unwrap_or_else(|d| d)
}

/// The stages, on the worker thread.
fn bundle_files(
    files: &SourceFiles,
    entry: &str,
    options: &BundleOptions,
    deps: Dependencies,
) -> Result<BundleOutput, Vec<Diagnostic>> {
    let cm: Lrc<SourceMap> = Default::default();
    let locator = Locator::new(cm.clone());
    let mut scanned = scan::scan(&cm, &locator, files, entry, deps)?;
    let component = component_to_mount(entry, &scanned.entry_exports, scanned.renders_itself())
        .map_err(|d| vec![*d])?;
    let emitted = generate::generate(
        &cm,
        files,
        (entry, component.as_deref()),
        &mut scanned,
        options,
        deps,
    )?;
    let imports = output::package_imports(std::mem::take(&mut scanned.packages));
    let bundles = output::load_list(deps.allowlist, &imports, &scanned.shim_globals);
    let css = output::stylesheet(files, &scanned.order, &imports);
    let assets = scanned
        .assets
        .iter()
        .filter_map(|path| {
            let asset = files.asset(path)?;
            Some(BundledAsset {
                path: path.clone(),
                name: asset.name.clone(),
                mime: asset.mime.to_string(),
                bytes: asset.bytes.clone(),
            })
        })
        .collect();
    Ok(BundleOutput {
        css,
        assets,
        code: emitted.code,
        map: emitted.map,
        entry: entry.to_string(),
        bundles,
        imports,
        files: scanned.order,
        warnings: scanned.warnings,
    })
}
