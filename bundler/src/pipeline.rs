//! The bundler's entry points: [`bundle`] (link an app into one script) and [`check`] (judge
//! every file without linking, for `appbundle lint`).

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};

use serde::{Deserialize, Serialize};
use swc_core::common::{sync::Lrc, Globals, Mark, SourceMap, Span, GLOBALS};
use swc_core::ecma::ast::Program;
use swc_core::ecma::transforms::base::{helpers, resolver};

use crate::dependencies::Dependencies;
use crate::diagnostics::{Diagnostic, DiagnosticCode};
use crate::files::{normalize_path, FileKind, SourceFiles};
use crate::icon_sets::{IconSet, IconSubset};
use crate::imports::{collect_imports, ImportRecord, ImportedName};
use crate::link::{self, link, LinkedModule, ModuleBody};
use crate::parse::{add_file, parse_json, parse_script, Locator};
use crate::policy::{self, ModuleTarget};
use crate::transform::{transform_module, ResolvedModule};
use crate::{depth, emit};

/// Largest output script accepted (the seed's "5 MB max per app").
pub const MAX_OUTPUT_BYTES: usize = 5 * 1024 * 1024;
/// Largest total input accepted.
pub const MAX_INPUT_BYTES: usize = 5 * 1024 * 1024;
/// Most files in one request.
pub const MAX_FILES: usize = 500;
/// Stack for the worker thread: swc's parser and transforms recurse, and the nesting guards
/// (`nesting`, `depth`) keep the depth they see well within this.
const WORKER_STACK_BYTES: usize = 256 * 1024 * 1024;

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BundleOptions {
    /// Minify the output (production, published apps).
    pub minify: bool,
}

/// What to bundle: file name → contents, and the entry (guessed when absent: `App.tsx`,
/// `index.tsx`, or the only script).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BundleRequest {
    pub files: BTreeMap<String, String>,
    #[serde(default)]
    pub entry: Option<String>,
    #[serde(default)]
    pub options: BundleOptions,
}

/// One package the app imports, with the names it takes from it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackageImport {
    /// The specifier as registered: `react`, `react-dom/client`.
    pub specifier: String,
    pub package: String,
    pub category: String,
    /// `default`, `*` (namespace) or export names, sorted.
    pub names: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BundleOutput {
    /// One classic script; runs with no `eval`. Its entry's exports land on
    /// `window.AppBundle.exports`.
    pub code: String,
    /// Source map v3 JSON with `sourcesContent`.
    pub map: String,
    pub entry: String,
    /// Categories to load before the code, in load order (always-loaded ones first).
    pub bundles: Vec<String>,
    pub imports: Vec<PackageImport>,
    /// The app files linked in, in the order they were reached from the entry.
    pub files: Vec<String>,
    pub warnings: Vec<Diagnostic>,
    /// Tailwind CSS (with preflight) for the utility classes the app's scripts use.
    pub css: String,
}

/// Bundles an app. Never panics on any input; deep input gives `too-deep`, big output
/// `too-large`.
pub fn bundle<'a>(
    request: &BundleRequest,
    deps: impl Into<Dependencies<'a>>,
) -> Result<BundleOutput, Vec<Diagnostic>> {
    let deps = deps.into();
    let files = validated_files(&request.files)?;
    let entry = match &request.entry {
        Some(raw) => {
            let path = normalize_path(raw).map_err(|reason| {
                vec![Diagnostic::error(
                    DiagnosticCode::EntryNotFound,
                    format!("the entry `{raw}` is not a valid file name: {reason}"),
                )]
            })?;
            if files.get(&path).is_none() {
                return Err(vec![missing_entry(&files, Some(&path))]);
            }
            path
        }
        None => files
            .guess_entry()
            .ok_or_else(|| vec![missing_entry(&files, None)])?,
    };
    if !FileKind::of(&entry).is_script() {
        return Err(vec![Diagnostic::error(
            DiagnosticCode::EntryNotFound,
            format!("the entry `{entry}` is not a script (.tsx, .ts, .jsx or .js)"),
        )]);
    }
    on_worker(|| bundle_files(&files, &entry, &request.options, deps))
}

/// Judges every file (syntax, imports, patterns) without linking. Returns all diagnostics.
pub fn check<'a>(
    files: &BTreeMap<String, String>,
    deps: impl Into<Dependencies<'a>>,
) -> Vec<Diagnostic> {
    let deps = deps.into();
    let files = match validated_files(files) {
        Ok(f) => f,
        Err(diagnostics) => return diagnostics,
    };
    on_worker(|| {
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
            match analyse_script(&locator, &files, path, &file, kind, deps) {
                Ok(analysed) => diagnostics.extend(analysed.diagnostics),
                Err(d) => diagnostics.extend(d),
            }
        }
        Ok::<_, Vec<Diagnostic>>(diagnostics)
    })
    .unwrap_or_else(|d| d)
}

fn missing_entry(files: &SourceFiles, asked: Option<&str>) -> Diagnostic {
    let listed: Vec<&str> = files.paths().take(20).collect();
    let message = match asked {
        Some(path) => format!("the entry `{path}` is not among the files"),
        None => {
            "no entry file: give `entry`, or name the entry `App.tsx` or `index.tsx`".to_string()
        }
    };
    Diagnostic::error(DiagnosticCode::EntryNotFound, message)
        .with_suggestion(format!("the files are: {}", listed.join(", ")))
}

fn validated_files(raw: &BTreeMap<String, String>) -> Result<SourceFiles, Vec<Diagnostic>> {
    if raw.is_empty() {
        return Err(vec![Diagnostic::error(
            DiagnosticCode::EntryNotFound,
            "the request has no files",
        )]);
    }
    if raw.len() > MAX_FILES {
        return Err(vec![Diagnostic::error(
            DiagnosticCode::TooLarge,
            format!(
                "the request has {} files; at most {MAX_FILES} are accepted",
                raw.len()
            ),
        )]);
    }
    let mut diagnostics = Vec::new();
    let mut files = BTreeMap::new();
    for (name, text) in raw {
        match normalize_path(name) {
            Ok(path) => {
                if files.insert(path.clone(), text.clone()).is_some() {
                    diagnostics.push(
                        Diagnostic::error(
                            DiagnosticCode::InvalidPath,
                            format!("`{name}` names the same file as another entry: `{path}`"),
                        )
                        .in_file(path),
                    );
                }
            }
            Err(reason) => diagnostics.push(Diagnostic::error(
                DiagnosticCode::InvalidPath,
                format!(
                    "`{}` is not a valid file name: {reason}",
                    name.chars().take(200).collect::<String>()
                ),
            )),
        }
    }
    let files = SourceFiles::new(files);
    if files.total_bytes() > MAX_INPUT_BYTES {
        diagnostics.push(Diagnostic::error(
            DiagnosticCode::TooLarge,
            format!(
                "the files add up to {} bytes; at most {MAX_INPUT_BYTES} are accepted",
                files.total_bytes()
            ),
        ));
    }
    if diagnostics.is_empty() {
        Ok(files)
    } else {
        Err(diagnostics)
    }
}

/// Runs `work` on a thread with a large stack inside fresh swc globals; a panic in swc becomes
/// an `internal-error` diagnostic instead of taking the caller down.
fn on_worker<T: Send>(
    work: impl FnOnce() -> Result<T, Vec<Diagnostic>> + Send,
) -> Result<T, Vec<Diagnostic>> {
    std::thread::scope(|scope| {
        let handle = std::thread::Builder::new()
            .name("appbundle-bundler".into())
            .stack_size(WORKER_STACK_BYTES)
            .spawn_scoped(scope, || GLOBALS.set(&Globals::new(), work));
        match handle {
            Ok(handle) => handle
                .join()
                .unwrap_or_else(|_| Err(vec![internal_error("the bundler panicked")])),
            Err(e) => Err(vec![internal_error(&format!("no worker thread: {e}"))]),
        }
    })
}

fn internal_error(what: &str) -> Diagnostic {
    Diagnostic::error(
        DiagnosticCode::InternalError,
        format!("internal error in appbundle ({what}); this is a bug in appbundle, not in the app"),
    )
}

struct AnalysedScript {
    resolved: ResolvedModule,
    /// Accepted imports with their targets, in source order (so linking order is deterministic).
    accepted: Vec<(ImportRecord, ModuleTarget)>,
    diagnostics: Vec<Diagnostic>,
}

impl AnalysedScript {
    /// The app files it imports, in source order.
    fn local_files(&self) -> impl Iterator<Item = &String> {
        self.accepted.iter().filter_map(|(_, target)| match target {
            ModuleTarget::File(path) => Some(path),
            ModuleTarget::Dependency { .. } => None,
        })
    }
}

fn too_deep(locator: &Locator, span: Span) -> Diagnostic {
    locator.attach(
        Diagnostic::error(
            DiagnosticCode::TooDeep,
            format!(
                "the code is nested more than {} levels deep here",
                depth::MAX_AST_DEPTH
            ),
        )
        .with_suggestion(
            "split the long chain or deep nesting into smaller functions, variables or components",
        ),
        span,
    )
}

/// Parse, resolve, and judge one script. `Err` when it does not parse.
fn analyse_script(
    locator: &Locator,
    files: &SourceFiles,
    path: &str,
    file: &Lrc<swc_core::common::SourceFile>,
    kind: FileKind,
    deps: Dependencies,
) -> Result<AnalysedScript, Vec<Diagnostic>> {
    let parsed = parse_script(locator, file, kind)?;
    if let Some(span) = depth::find_too_deep(&parsed.module) {
        return Err(vec![too_deep(locator, span)]);
    }
    let unresolved_mark = Mark::new();
    let top_level_mark = Mark::new();
    let program =
        Program::Module(parsed.module).apply(resolver(unresolved_mark, top_level_mark, true));
    let Program::Module(module) = program else {
        return Err(vec![internal_error("resolver changed the program kind")]);
    };
    let found = collect_imports(&module, unresolved_mark);
    let mut diagnostics = policy::check_patterns(&module, unresolved_mark, locator);
    diagnostics.extend(policy::judge_computed_imports(&found.computed, locator));
    let (accepted, import_diagnostics) =
        policy::judge_imports(deps.allowlist, files, path, &found.records, locator);
    diagnostics.extend(import_diagnostics);
    if let Some(manifest) = deps.manifest {
        diagnostics.extend(policy::judge_imported_names(
            &module,
            &accepted,
            manifest,
            deps.allowlist,
            locator,
        ));
    }
    diagnostics.sort_by_key(|d| (d.line, d.column));
    Ok(AnalysedScript {
        resolved: ResolvedModule {
            module,
            comments: parsed.comments,
            unresolved_mark,
            top_level_mark,
        },
        accepted,
        diagnostics,
    })
}

enum Analysed {
    Script(Box<AnalysedScript>),
    Css(String),
    Json(Box<swc_core::ecma::ast::Expr>),
}

fn bundle_files(
    files: &SourceFiles,
    entry: &str,
    options: &BundleOptions,
    deps: Dependencies,
) -> Result<BundleOutput, Vec<Diagnostic>> {
    let allowlist = deps.allowlist;
    let cm: Lrc<SourceMap> = Default::default();
    let locator = Locator::new(cm.clone());
    let mut diagnostics = Vec::new();
    let mut order = Vec::new();
    let mut analysed: HashMap<String, Analysed> = HashMap::new();
    let mut queue = VecDeque::from([entry.to_string()]);
    let mut seen = BTreeSet::from([entry.to_string()]);
    let mut packages: BTreeMap<ModuleTarget, BTreeSet<ImportedName>> = BTreeMap::new();

    // Breadth-first from the entry: only files the app reaches are bundled.
    while let Some(path) = queue.pop_front() {
        let Some(text) = files.get(&path) else {
            continue;
        };
        let file = add_file(&cm, &path, text);
        let kind = FileKind::of(&path);
        let module = match kind {
            FileKind::Css => Analysed::Css(text.to_string()),
            FileKind::Json => match parse_json(&locator, &file) {
                Ok(value) => Analysed::Json(value),
                Err(d) => {
                    diagnostics.extend(d);
                    continue;
                }
            },
            _ => match analyse_script(&locator, files, &path, &file, kind, deps) {
                Ok(script) => {
                    for next in script.local_files() {
                        if seen.insert(next.clone()) {
                            queue.push_back(next.clone());
                        }
                    }
                    for (record, target) in &script.accepted {
                        if matches!(target, ModuleTarget::File(_)) {
                            continue;
                        }
                        packages
                            .entry(target.clone())
                            .or_default()
                            .extend(record.names().cloned());
                    }
                    diagnostics.extend(script.diagnostics.iter().cloned());
                    Analysed::Script(Box::new(script))
                }
                Err(d) => {
                    diagnostics.extend(d);
                    continue;
                }
            },
        };
        order.push(path.clone());
        analysed.insert(path, module);
    }
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(diagnostics);
    }

    // Per-app icon packages the app imports, with the icons it needs (`crate::icon_sets`).
    let mut icon_modules: Vec<(String, String, &IconSet, IconSubset)> = Vec::new();
    for (target, names) in &packages {
        let ModuleTarget::Dependency { category, key, .. } = target else {
            continue;
        };
        let Some(set) = deps.manifest.and_then(|m| m.icon_set(key)) else {
            continue;
        };
        let set = set.map_err(|e| vec![internal_error(&format!("icon data of {key}: {e}"))])?;
        icon_modules.push((category.clone(), key.clone(), set, set.subset(names)));
    }
    let in_table = |key: &str| icon_modules.iter().any(|(_, k, _, _)| k == key);

    let mut linked = Vec::with_capacity(order.len() + icon_modules.len());
    for (category, key, set, subset) in &icon_modules {
        let host = set.factory_from.as_deref().and_then(|specifier| {
            let package = allowlist.package_of(specifier)?;
            Some((package.bundle_for(package.subpath_of(specifier)), specifier))
        });
        let host = host.as_ref().map(|(c, k)| (c.as_str(), *k));
        let body = link::icons_body(&cm, (category, key), host, set, subset)
            .map_err(|e| vec![internal_error(&format!("icon data of {key}: {e}"))])?;
        linked.push(LinkedModule {
            id: crate::rewrite::dependency_id(category, key),
            body,
        });
    }
    let transformed = helpers::HELPERS.set(&helpers::Helpers::new(false), || {
        for path in &order {
            let Some(module) = analysed.remove(path) else {
                continue;
            };
            let body = match module {
                Analysed::Css(text) => ModuleBody::Css(text),
                Analysed::Json(value) => ModuleBody::Json(value),
                Analysed::Script(script) => {
                    let AnalysedScript {
                        resolved, accepted, ..
                    } = *script;
                    // Specifiers judged during analysis, plus any a transform adds
                    // (`react/jsx-runtime`), judged now by the same policy.
                    let mut resolve = |specifier: &str| {
                        let known = accepted.iter().find(|(r, _)| r.specifier == specifier);
                        known.map(|(_, target)| target.clone()).or_else(|| {
                            policy::judge_import(allowlist, files, path, specifier).ok()
                        })
                    };
                    let stmts = transform_module(&cm, resolved, &mut resolve, &in_table)
                        .map_err(|e| vec![internal_error(&format!("{path}: {e}"))])?;
                    ModuleBody::Script(stmts)
                }
            };
            linked.push(LinkedModule {
                id: path.clone(),
                body,
            });
        }
        Ok::<(), Vec<Diagnostic>>(())
    });
    transformed?;

    let script = link(&cm, linked, entry);
    let emitted = emit::emit(&cm, &script, options.minify)
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

    let mut bundles: Vec<String> = allowlist.always_loaded().map(str::to_string).collect();
    let imports: Vec<PackageImport> = packages
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
        .collect();
    // A split-off set (`icons_fa`) takes its package's code from the parent bundle (`icons`),
    // the kit its packages from theirs: prerequisites too, all in deps-builder's load order.
    let categories: BTreeSet<&str> = imports.iter().map(|i| i.category.as_str()).collect();
    let mut needed: Vec<String> = categories
        .into_iter()
        .flat_map(|c| std::iter::once(c.to_string()).chain(allowlist.prerequisites(c)))
        .filter(|b| !bundles.contains(b))
        .collect();
    needed.sort_by_key(|b| allowlist.load_rank(b));
    needed.dedup();
    bundles.extend(needed);
    // The kit components' class names are in the kit's sources, not the app's.
    let kit_sources = crate::kit::sources_of(
        imports
            .iter()
            .filter(|i| i.package == crate::kit::KIT_PACKAGE)
            .map(|i| i.specifier.as_str()),
    );
    let css = crate::tailwind::stylesheet(
        order
            .iter()
            .filter(|path| FileKind::of(path).is_script())
            .filter_map(|path| files.get(path))
            .chain(kit_sources),
    );
    Ok(BundleOutput {
        css,
        code: emitted.code,
        map: emitted.map,
        entry: entry.to_string(),
        bundles,
        imports,
        files: order,
        warnings: diagnostics,
    })
}
