//! The module scan: from the entry, breadth-first, parse and judge every file the app reaches
//! (syntax, imports, dangerous patterns, imported names), and collect the packages it uses.

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};

use swc_core::common::{sync::Lrc, Mark, SourceFile, SourceMap, Span, DUMMY_SP};
use swc_core::ecma::ast::{Expr, ImportDecl, ModuleDecl, ModuleItem, Program, Str};
use swc_core::ecma::transforms::base::resolver;

use super::worker::internal_error;
use crate::catalog::dependencies::Dependencies;
use crate::catalog::shims;
use crate::component::{entry_exports, EntryExports};
use crate::diagnostics::{code_frame, Diagnostic, DiagnosticCode, Location};
use crate::files::{FileKind, SourceFiles};
use crate::guards::depth;
use crate::imports::{collect_imports, ImportRecord, ImportedName};
use crate::parse::{add_file, parse_json, parse_script, Locator};
use crate::policy::{self, ModuleTarget, SVG_COMPONENT_QUERY};
use crate::svg;
use crate::transform::ResolvedModule;

/// One script, parsed, resolved and judged.
pub(super) struct AnalysedScript {
    pub resolved: ResolvedModule,
    /// Accepted imports with their targets, in source order (so linking order is deterministic).
    pub accepted: Vec<(ImportRecord, ModuleTarget)>,
    /// Indexes into `accepted` of imports whose names are all used as types only
    /// (`import { CarouselApi } from …` without `type`): stripped with the types, they load
    /// nothing.
    pub erased: BTreeSet<usize>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Scan {
    /// Some file mounts React itself (`createRoot` from `react-dom/client`, `ReactDOM.render`).
    pub fn renders_itself(&self) -> bool {
        self.packages.keys().any(|target| {
            matches!(target, ModuleTarget::Dependency { key, .. }
                if key == "react-dom/client" || key == "react-dom")
        })
    }
}

impl AnalysedScript {
    /// Makes the module import the app file `path` (for its side effects) before anything else.
    fn import_first(&mut self, path: &str) {
        let specifier = format!("/{path}");
        let declaration = ImportDecl {
            span: DUMMY_SP,
            specifiers: Vec::new(),
            src: Box::new(Str {
                span: DUMMY_SP,
                value: specifier.as_str().into(),
                raw: None,
            }),
            type_only: false,
            with: None,
            phase: Default::default(),
        };
        self.resolved
            .module
            .body
            .insert(0, ModuleItem::ModuleDecl(ModuleDecl::Import(declaration)));
        let record = ImportRecord {
            specifier,
            span: DUMMY_SP,
            bindings: Vec::new(),
        };
        self.accepted
            .insert(0, (record, ModuleTarget::File(path.to_string())));
    }

    /// The app files it imports, in source order.
    fn local_files(&self) -> impl Iterator<Item = &String> {
        self.accepted.iter().filter_map(|(_, target)| match target {
            ModuleTarget::File(path) => Some(path),
            ModuleTarget::Dependency { .. } => None,
        })
    }
}

/// One scanned file, ready for the transform.
pub(super) enum Analysed {
    Script(Box<AnalysedScript>),
    Css(String),
    Json(Box<Expr>),
    /// An image, font or SVG imported for its URL: its served name.
    Asset(String),
    /// An SVG imported as a component: its element tree as JSON (`crate::svg`).
    SvgComponent(String),
}

/// What the scan found: the reached files in order, each analysed, the packages with the
/// names taken from each, the entry's exports, and the warnings.
pub(super) struct Scan {
    pub order: Vec<String>,
    pub entry_exports: EntryExports,
    pub analysed: HashMap<String, Analysed>,
    pub packages: BTreeMap<ModuleTarget, BTreeSet<ImportedName>>,
    /// The globals of shims the app's files use (`indexedDB`).
    pub shim_globals: BTreeSet<String>,
    /// The assets the app imports or its stylesheets name, by path.
    pub assets: BTreeSet<String>,
    pub warnings: Vec<Diagnostic>,
}

/// The module of an asset import (`logo.png`, `icon.svg?react`); `None` for other files.
fn asset_module(files: &SourceFiles, path: &str) -> Option<Result<Analysed, Box<Diagnostic>>> {
    if let Some(svg) = path.strip_suffix(SVG_COMPONENT_QUERY) {
        let markup = String::from_utf8_lossy(&files.asset(svg)?.bytes).into_owned();
        return Some(match svg::react_tree(&markup) {
            Ok(tree) => Ok(Analysed::SvgComponent(tree.to_string())),
            Err(e) => {
                let location = Location {
                    file: svg.to_string(),
                    line: e.line,
                    column: e.column,
                    end_line: e.line,
                    end_column: e.column,
                };
                let frame = code_frame(&markup, &location);
                Err(Box::new(
                    Diagnostic::error(
                        DiagnosticCode::InvalidAsset,
                        format!("`{svg}` {}", e.message),
                    )
                    .at(location, Some(frame))
                    .with_suggestion("import it without `?react` to use it as an image URL"),
                ))
            }
        });
    }
    files
        .asset(path)
        .map(|asset| Ok(Analysed::Asset(asset.name.clone())))
}

/// Scans from `entry`; `Err` with every diagnostic when any is an error.
pub(super) fn scan(
    cm: &Lrc<SourceMap>,
    locator: &Locator,
    files: &SourceFiles,
    entry: &str,
    deps: Dependencies,
) -> Result<Scan, Vec<Diagnostic>> {
    let mut diagnostics = Vec::new();
    let mut order = Vec::new();
    let mut analysed: HashMap<String, Analysed> = HashMap::new();
    let mut queue = VecDeque::from([entry.to_string()]);
    let mut seen = BTreeSet::from([entry.to_string()]);
    let mut packages: BTreeMap<ModuleTarget, BTreeSet<ImportedName>> = BTreeMap::new();
    let mut exports = EntryExports::default();
    let mut shim_globals = BTreeSet::new();
    let mut used_assets = BTreeSet::new();

    // Breadth-first from the entry: only files the app reaches are bundled.
    while let Some(path) = queue.pop_front() {
        if let Some(asset) = asset_module(files, &path) {
            match asset {
                Ok(module) => {
                    if matches!(module, Analysed::Asset(_)) {
                        used_assets.insert(path.clone());
                    }
                    order.push(path.clone());
                    analysed.insert(path, module);
                }
                Err(d) => diagnostics.push(*d),
            }
            continue;
        }
        let Some(text) = files.get(&path) else {
            continue;
        };
        let file = add_file(cm, &path, text);
        let kind = FileKind::of(&path);
        let module = match kind {
            FileKind::Css => Analysed::Css(text.to_string()),
            FileKind::Json => match parse_json(locator, &file) {
                Ok(value) => Analysed::Json(value),
                Err(d) => {
                    diagnostics.extend(d);
                    continue;
                }
            },
            _ => match analyse_script(locator, files, &path, &file, kind, deps) {
                Ok(script) => {
                    if path == entry {
                        exports = entry_exports(&script.resolved.module);
                    }
                    shim_globals.extend(
                        shims::globals_used(deps.allowlist, &script.resolved.module)
                            .into_iter()
                            .map(str::to_string),
                    );
                    for next in script.local_files() {
                        if seen.insert(next.clone()) {
                            queue.push_back(next.clone());
                        }
                    }
                    for (index, (record, target)) in script.accepted.iter().enumerate() {
                        if matches!(target, ModuleTarget::File(_)) || script.erased.contains(&index)
                        {
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
    // A stylesheet no file imports (a script-tag app's styles.css, linked from its index.html)
    // applies to the whole app, as in the page it was written for: the entry imports it first.
    let unimported: Vec<String> = files
        .paths()
        .filter(|p| FileKind::of(p) == FileKind::Css && !seen.contains(*p))
        .map(str::to_string)
        .collect();
    if let Some(Analysed::Script(entry_script)) = analysed.get_mut(entry) {
        for path in unimported.iter().rev() {
            entry_script.import_first(path);
        }
        for path in unimported {
            let Some(text) = files.get(&path) else {
                continue;
            };
            diagnostics.push(
                Diagnostic::warning(
                    DiagnosticCode::UnimportedStylesheet,
                    format!("`{path}` is imported by no file: it is applied to the whole app"),
                )
                .in_file(path.clone())
                .with_suggestion(format!(
                    "import it where it is used: `import \"./{path}\";`"
                )),
            );
            order.push(path.clone());
            analysed.insert(path, Analysed::Css(text.to_string()));
        }
    }
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(diagnostics);
    }
    Ok(Scan {
        order,
        entry_exports: exports,
        analysed,
        packages,
        shim_globals,
        assets: used_assets,
        warnings: diagnostics,
    })
}

/// Parse, resolve, and judge one script. `Err` when it does not parse.
pub(super) fn analyse_script(
    locator: &Locator,
    files: &SourceFiles,
    path: &str,
    file: &Lrc<SourceFile>,
    kind: FileKind,
    deps: Dependencies,
) -> Result<AnalysedScript, Vec<Diagnostic>> {
    let mut parsed = parse_script(locator, file, kind)?;
    if let Some(span) = depth::find_too_deep(&parsed.module) {
        return Err(vec![too_deep(locator, span)]);
    }
    // After the depth guard: finding the globals walks the whole tree.
    crate::globals::bind_script_globals(&mut parsed.module);
    // Before the imports are judged: a moved name is judged where it is served from.
    let moved = crate::moved_exports::substitute(&mut parsed.module, deps.allowlist);
    let unresolved_mark = Mark::new();
    let top_level_mark = Mark::new();
    let program =
        Program::Module(parsed.module).apply(resolver(unresolved_mark, top_level_mark, true));
    let Program::Module(module) = program else {
        return Err(vec![internal_error("resolver changed the program kind")]);
    };
    let found = collect_imports(&module, unresolved_mark);
    let mut diagnostics = policy::check_patterns(&module, unresolved_mark, locator);
    diagnostics.extend(moved.iter().map(|m| match locator.locate(m.span) {
        Some((location, frame)) => m.warning().at(location, Some(frame)),
        None => m.warning(),
    }));
    diagnostics.extend(policy::judge_computed_imports(&found.computed, locator));
    let (accepted, import_diagnostics) =
        policy::judge_imports(deps.allowlist, files, path, &found.records, locator);
    diagnostics.extend(import_diagnostics);
    let used = crate::value_refs::value_references(&module);
    let erased = accepted
        .iter()
        .enumerate()
        .filter(|(_, (record, _))| {
            !record.bindings.is_empty()
                && record
                    .bindings
                    .iter()
                    .all(|b| b.local.as_ref().is_some_and(|local| !used.contains(local)))
        })
        .map(|(index, _)| index)
        .collect();
    if let Some(manifest) = deps.manifest {
        diagnostics.extend(policy::judge_imported_names(
            &used,
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
        erased,
        diagnostics,
    })
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

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use crate::{bundle, Allowlist, BundleRequest, DiagnosticCode, FileContent, Severity};

    #[test]
    fn a_stylesheet_no_file_imports_is_applied_with_a_warning() {
        let files = BTreeMap::from([
            (
                "App.tsx".to_string(),
                "export default function App() { return <p className=\"x\">hi</p>; }".to_string(),
            ),
            ("styles.css".to_string(), ".x { color: red; }".to_string()),
            (
                "theme/extra.css".to_string(),
                ".y { color: blue; }".to_string(),
            ),
        ]);
        let request = BundleRequest {
            files: FileContent::texts(files),
            ..Default::default()
        };
        let output = bundle(&request, Allowlist::embedded()).expect("bundles");
        assert_eq!(output.files, ["App.tsx", "styles.css", "theme/extra.css"]);
        let warned: Vec<(&str, Severity)> = output
            .warnings
            .iter()
            .filter(|d| d.code == DiagnosticCode::UnimportedStylesheet)
            .map(|d| (d.file.as_deref().unwrap_or(""), d.severity))
            .collect();
        assert_eq!(
            warned,
            [
                ("styles.css", Severity::Warning),
                ("theme/extra.css", Severity::Warning)
            ]
        );
        // The entry requires them first, in file order.
        let first = output
            .code
            .find("require(\"styles.css\")")
            .expect("styles.css required");
        let second = output
            .code
            .find("require(\"theme/extra.css\")")
            .expect("extra.css required");
        assert!(first < second);
    }
}
