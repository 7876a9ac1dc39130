//! Code generation for a scanned app: the per-app icon modules, then each file transformed
//! (TypeScript, JSX, modules, specifiers rewritten), linked into one script and emitted with its
//! source map, within the output size cap.

use std::collections::{BTreeMap, BTreeSet};

use swc_core::common::{sync::Lrc, SourceMap, DUMMY_SP};
use swc_core::ecma::ast::{ComputedPropName, Expr, Ident, Lit, MemberExpr, MemberProp, Str};
use swc_core::ecma::transforms::base::helpers;

use super::scan::{Analysed, AnalysedScript, Scan};
use super::worker::internal_error;
use super::BundleOptions;
use crate::assets;
use crate::catalog::allowlist::SpecifierClass;
use crate::catalog::dependencies::Dependencies;
use crate::catalog::icon_sets::{IconSet, IconSubset};
use crate::diagnostics::{Diagnostic, DiagnosticCode};
use crate::emit::{self, Emitted};
use crate::files::SourceFiles;
use crate::imports::ImportedName;
use crate::link::{self, link, LinkOptions, LinkedModule, ModuleBody};
use crate::policy::{self, ModuleTarget};
use crate::transform::transform_module;

/// Largest output script accepted (the seed's "5 MB max per app").
pub const MAX_OUTPUT_BYTES: usize = 5 * 1024 * 1024;

/// One per-app icon module: the icons an app takes from a package whose icons travel with it.
struct IconModule<'m> {
    category: String,
    key: String,
    set: &'m IconSet,
    subset: IconSubset<'m>,
}

/// Generates the app's script from `scan` (whose analysed files it consumes); `entry` is the
/// entry file and, when it has no default export, the named component to mount.
pub(super) fn generate(
    cm: &Lrc<SourceMap>,
    files: &SourceFiles,
    entry: (&str, Option<&str>),
    scan: &mut Scan,
    options: &BundleOptions,
    deps: Dependencies,
) -> Result<Emitted, Vec<Diagnostic>> {
    let icons = icon_modules(&scan.packages, deps)?;
    let aliases = alias_modules(&scan.packages, deps);
    let alias_keys: Vec<String> = aliases.iter().map(|(key, _)| key.clone()).collect();
    let in_table =
        |key: &str| icons.iter().any(|m| m.key == key) || alias_keys.iter().any(|k| k == key);
    let mut linked = Vec::with_capacity(scan.order.len() + icons.len() + aliases.len());
    for module in &icons {
        linked.push(icon_module(cm, module, deps)?);
    }
    linked.extend(aliases.into_iter().map(|(_, module)| module));
    let analysed = &mut scan.analysed;
    let mut scan_notes = CssNotes::default();
    helpers::HELPERS.set(&helpers::Helpers::new(false), || {
        for path in &scan.order {
            let Some(module) = analysed.remove(path) else {
                continue;
            };
            let body = match module {
                Analysed::Css(text) => {
                    ModuleBody::Css(css_with_assets(files, path, &text, &mut scan_notes))
                }
                Analysed::Asset(name) => ModuleBody::Asset(name),
                Analysed::SvgComponent(tree) => ModuleBody::Svg(tree),
                Analysed::Json(value) => ModuleBody::Json(value),
                Analysed::Script(script) => {
                    let transformed =
                        transform_script(cm, files, path, *script, deps, &in_table, options)?;
                    ModuleBody::Script(transformed)
                }
            };
            linked.push(LinkedModule {
                id: path.clone(),
                body,
            });
        }
        Ok::<(), Vec<Diagnostic>>(())
    })?;
    scan.assets.extend(scan_notes.assets);
    scan.warnings.extend(scan_notes.warnings);
    let link_options = LinkOptions {
        component: entry.1,
        refresh: options.refresh,
        renders_itself: scan.renders_itself(),
    };
    let script = link(cm, linked, entry.0, link_options);
    let emitted = emit::emit(cm, &script, options.minify)
        .map_err(|e| vec![internal_error(&e.to_string())])?;
    if emitted.code.len() > MAX_OUTPUT_BYTES {
        return Err(vec![Diagnostic::error(
            DiagnosticCode::TooLarge,
            format!(
                "the bundled app is {} bytes; at most {MAX_OUTPUT_BYTES} are allowed",
                emitted.code.len()
            ),
        )
        .with_suggestion("move large data out of the code (fetch it or store it with useAppData) and split nothing into copies")]);
    }
    Ok(emitted)
}

/// What rewriting stylesheets found: the assets their `url()`s name, and the `url()`s of files
/// the app does not have.
#[derive(Default)]
struct CssNotes {
    assets: BTreeSet<String>,
    warnings: Vec<Diagnostic>,
}

/// A stylesheet whose `url()`s of the app's assets (resolved from the stylesheet's folder, or
/// the app's root for `/x`) name them as served beside the script.
fn css_with_assets(files: &SourceFiles, path: &str, css: &str, notes: &mut CssNotes) -> String {
    let (text, unknown) = assets::rewrite_css_urls(css, |reference| {
        let resolved = files.resolve_relative(path, reference).ok()?;
        let asset = files.asset(&resolved)?;
        notes.assets.insert(resolved);
        Some(asset.name.clone())
    });
    for url in unknown {
        notes.warnings.push(
            Diagnostic::warning(
                DiagnosticCode::FileNotFound,
                format!(
                    "`{path}` refers to `{}`, which is not among the app's files: the browser will not find it",
                    url.reference
                ),
            )
            .in_file(path.to_string())
            .with_suggestion("add the file to `files` (base64 or a data URL for binary files), or use a full URL"),
        );
    }
    text
}

/// The per-app icon packages the app imports, with the icons it needs (`crate::catalog::icon_sets`).
fn icon_modules<'m>(
    packages: &'m BTreeMap<ModuleTarget, BTreeSet<ImportedName>>,
    deps: Dependencies<'m>,
) -> Result<Vec<IconModule<'m>>, Vec<Diagnostic>> {
    let mut modules = Vec::new();
    for (target, names) in packages {
        let ModuleTarget::Dependency { category, key, .. } = target else {
            continue;
        };
        let Some(set) = deps.manifest.and_then(|m| m.icon_set(key)) else {
            continue;
        };
        let set = set.map_err(|e| vec![internal_error(&format!("icon data of {key}: {e}"))])?;
        modules.push(IconModule {
            category: category.clone(),
            key: key.clone(),
            set,
            subset: set.subset(names),
        });
    }
    Ok(modules)
}

/// The modules the app carries for aliased subpaths: `lodash/debounce` is a module whose
/// default export is lodash-es's `debounce` (read from its bundle when the module runs).
fn alias_modules(
    packages: &BTreeMap<ModuleTarget, BTreeSet<ImportedName>>,
    deps: Dependencies,
) -> Vec<(String, LinkedModule)> {
    packages
        .keys()
        .filter_map(|target| match target {
            ModuleTarget::Dependency { key, .. } => Some(key),
            ModuleTarget::File(_) => None,
        })
        .filter_map(|key| match deps.allowlist.classify(key) {
            SpecifierClass::Aliased {
                alias,
                category,
                export: Some(export),
                ..
            } => {
                let window = Ident::new_no_ctxt("window".into(), DUMMY_SP);
                let target = crate::rewrite::registry_entry(window, &category, &alias.to, DUMMY_SP);
                let value = computed_member(target, &export);
                let module = LinkedModule {
                    id: crate::rewrite::dependency_id(&category, key),
                    body: ModuleBody::Json(Box::new(value)),
                };
                Some((key.clone(), module))
            }
            _ => None,
        })
        .collect()
}

/// `object["property"]`.
fn computed_member(object: Expr, property: &str) -> Expr {
    Expr::Member(MemberExpr {
        span: DUMMY_SP,
        obj: Box::new(object),
        prop: MemberProp::Computed(ComputedPropName {
            span: DUMMY_SP,
            expr: Box::new(Expr::Lit(Lit::Str(Str {
                span: DUMMY_SP,
                value: property.into(),
                raw: None,
            }))),
        }),
    })
}

fn icon_module(
    cm: &Lrc<SourceMap>,
    module: &IconModule,
    deps: Dependencies,
) -> Result<LinkedModule, Vec<Diagnostic>> {
    let IconModule {
        category,
        key,
        set,
        subset,
    } = module;
    // The namespace that holds the package's icon factory (react-icons' `GenIcon`, in its root).
    let host = set.factory_from.as_deref().and_then(|specifier| {
        let package = deps.allowlist.package_of(specifier)?;
        Some((package.bundle_for(package.subpath_of(specifier)), specifier))
    });
    let host = host.as_ref().map(|(c, k)| (c.as_str(), *k));
    let body = link::icons_body(cm, (category, key), host, set, subset)
        .map_err(|e| vec![internal_error(&format!("icon data of {key}: {e}"))])?;
    Ok(LinkedModule {
        id: crate::rewrite::dependency_id(category, key),
        body,
    })
}

fn transform_script(
    cm: &Lrc<SourceMap>,
    files: &SourceFiles,
    path: &str,
    script: AnalysedScript,
    deps: Dependencies,
    in_table: &dyn Fn(&str) -> bool,
    options: &BundleOptions,
) -> Result<Vec<swc_core::ecma::ast::Stmt>, Vec<Diagnostic>> {
    let AnalysedScript {
        resolved, accepted, ..
    } = script;
    // Specifiers judged during analysis, plus any a transform adds (`react/jsx-runtime`),
    // judged now by the same policy.
    let mut resolve = |specifier: &str| {
        let known = accepted.iter().find(|(r, _)| r.specifier == specifier);
        known
            .map(|(_, target)| target.clone())
            .or_else(|| policy::judge_import(deps.allowlist, files, path, specifier).ok())
    };
    transform_module(cm, resolved, &mut resolve, in_table, options.refresh)
        .map_err(|e| vec![internal_error(&format!("{path}: {e}"))])
}
