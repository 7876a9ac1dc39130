//! The policy: which imports an app may make and which code patterns it may not use.
//!
//! Each rule lives in its own file under `rules/`, with a doc comment saying what it catches,
//! why that is dangerous, an example, and what to use instead; the same words reach the user and
//! the code generator through the diagnostic's message and suggestion.

#[cfg(test)]
mod cases;
pub mod rules;

use std::collections::HashSet;

use swc_core::common::{Mark, Span, SyntaxContext};
use swc_core::ecma::ast::{Expr, Id, Module};
use swc_core::ecma::visit::{Visit, VisitWith};

use crate::catalog::allowlist::{Allowlist, SpecifierClass};
use crate::catalog::kit;
use crate::catalog::manifest::Manifest;
use crate::diagnostics::Diagnostic;
use crate::files::{FileKind, ResolveError, SourceFiles};
use crate::imports::{ComputedImport, ImportRecord};
use crate::parse::Locator;

/// Where an accepted import leads.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ModuleTarget {
    /// A prebuilt package: `window.AppDependencies.<category>["<key>"]`.
    Dependency {
        package: String,
        category: String,
        key: String,
    },
    /// One of the app's own files (normalized path).
    File(String),
}

/// Judges one import of `importer`. `Err` carries the diagnostic, without position; the caller
/// attaches it.
/// What a module id of an SVG imported as a component ends with (`logo.svg?react`).
pub const SVG_COMPONENT_QUERY: &str = "?react";

pub fn judge_import(
    allowlist: &Allowlist,
    files: &SourceFiles,
    importer: &str,
    specifier: &str,
) -> Result<ModuleTarget, Box<Diagnostic>> {
    judge(allowlist, files, importer, specifier, &mut None)
}

/// [`judge_import`], also giving the warning an accepted import carries (an aliased package).
fn judge(
    allowlist: &Allowlist,
    files: &SourceFiles,
    importer: &str,
    specifier: &str,
    warning: &mut Option<Diagnostic>,
) -> Result<ModuleTarget, Box<Diagnostic>> {
    if rules::url_import::is_url(specifier) {
        return Err(Box::new(rules::url_import::diagnostic(specifier)));
    }
    // `./icon.svg?react`: the query says how a file is imported, not which.
    let (specifier, query) = match specifier.split_once('?') {
        Some((file, query))
            if file.starts_with('.') || file.starts_with('/') || file.starts_with("@/") =>
        {
            (file, Some(query))
        }
        _ => (specifier, None),
    };
    // `@/x` is the app's own root, or its `src/` (the tsconfig alias code generators write).
    let rooted = specifier.strip_prefix("@/").map(|rest| format!("/{rest}"));
    if let Some(local) = rooted
        .as_deref()
        .or((specifier.starts_with('.') || specifier.starts_with('/')).then_some(specifier))
    {
        let resolved = files.resolve_relative(importer, local).or_else(|missing| {
            let in_src = rooted.as_ref().map(|rooted| format!("/src{rooted}"));
            in_src
                .and_then(|in_src| files.resolve_relative(importer, &in_src).ok())
                .ok_or(missing)
        });
        let path = match resolved {
            Ok(path) => path,
            Err(missing) => {
                // Not in the app: a kit module at that path fills in (the app's own file wins),
                // also when the path only ends like one (`../ui/button`, above the root).
                let module = match &missing {
                    ResolveError::NotFound { tried, .. } => kit::module_for_path(tried),
                    ResolveError::EscapesRoot => None,
                }
                .or_else(|| {
                    rooted
                        .is_none()
                        .then(|| kit::module_for_path_tail(specifier))?
                });
                let kit = allowlist.kit.as_ref().zip(module);
                if let Some((section, module)) = kit {
                    return Ok(ModuleTarget::Dependency {
                        package: kit::KIT_PACKAGE.to_string(),
                        category: module.bundle(&section.bundle),
                        key: module.specifier(),
                    });
                }
                return Err(Box::new(rules::file_not_found::diagnostic(
                    specifier,
                    missing,
                    allowlist.kit.is_some(),
                )));
            }
        };
        let kind = FileKind::of(&path);
        return match (kind, query) {
            (FileKind::Other, _) => Err(Box::new(rules::file_not_found::unsupported(&path))),
            (_, None) => Ok(ModuleTarget::File(path)),
            (FileKind::Asset, Some("url")) => Ok(ModuleTarget::File(path)),
            (FileKind::Asset, Some("react")) if path.to_ascii_lowercase().ends_with(".svg") => {
                Ok(ModuleTarget::File(format!("{path}{SVG_COMPONENT_QUERY}")))
            }
            (_, Some(query)) => Err(Box::new(rules::file_not_found::unsupported_query(
                &path, query,
            ))),
        };
    }
    let rejected = match allowlist.classify(specifier) {
        SpecifierClass::Allowed {
            package,
            key,
            category,
        } => {
            return Ok(ModuleTarget::Dependency {
                package: package.to_string(),
                category,
                key,
            })
        }
        SpecifierClass::Aliased {
            alias,
            key,
            category,
            export,
        } => {
            *warning = Some(rules::import_aliased::diagnostic(
                alias,
                specifier,
                export.as_deref(),
            ));
            return Ok(ModuleTarget::Dependency {
                package: alias.to.clone(),
                category,
                key,
            });
        }
        SpecifierClass::NodeBuiltin { name } => rules::node_builtin::diagnostic(allowlist, &name),
        SpecifierClass::Blocked { group, name } => rules::import_blocked::diagnostic(group, &name),
        SpecifierClass::SubpathNotAllowed { package, subpath } => {
            rules::import_not_allowed::subpath_diagnostic(package, &subpath)
        }
        SpecifierClass::Unknown { package } => {
            rules::import_not_allowed::unknown_diagnostic(allowlist, specifier, &package)
        }
        SpecifierClass::Malformed { reason } => {
            rules::import_not_allowed::malformed_diagnostic(specifier, reason)
        }
    };
    Err(Box::new(rejected))
}

/// Judges every import record of a file; accepted ones come back with their target.
pub fn judge_imports(
    allowlist: &Allowlist,
    files: &SourceFiles,
    importer: &str,
    records: &[ImportRecord],
    locator: &Locator,
) -> (Vec<(ImportRecord, ModuleTarget)>, Vec<Diagnostic>) {
    let mut accepted = Vec::new();
    let mut diagnostics = Vec::new();
    for record in records {
        let mut warning = None;
        match judge(allowlist, files, importer, &record.specifier, &mut warning) {
            Ok(target) => {
                if let Some(warning) = warning {
                    diagnostics.push(locator.attach(warning, record.span));
                }
                accepted.push((record.clone(), target));
            }
            Err(d) => diagnostics.push(locator.attach(*d, record.span)),
        }
    }
    (accepted, diagnostics)
}

/// Checks the names imported from packages against their exports in the manifest.
/// `used`: the module's value references (`crate::value_refs`); names used only as types are
/// not checked.
pub fn judge_imported_names(
    used: &HashSet<Id>,
    accepted: &[(ImportRecord, ModuleTarget)],
    manifest: &Manifest,
    allowlist: &Allowlist,
    locator: &Locator,
) -> Vec<Diagnostic> {
    accepted
        .iter()
        .filter_map(|(record, target)| match target {
            ModuleTarget::Dependency { key, .. } => Some((record, key)),
            ModuleTarget::File(_) => None,
        })
        .flat_map(|(record, key)| {
            let mut found = rules::unknown_export::check(record, key, manifest, allowlist, used);
            found.extend(rules::unknown_export::check_alias_subpath(
                record, allowlist, manifest,
            ));
            found
        })
        .map(|(span, d)| locator.attach(d, span))
        .collect()
}

pub fn judge_computed_imports(computed: &[ComputedImport], locator: &Locator) -> Vec<Diagnostic> {
    computed
        .iter()
        .map(|c| locator.attach(rules::non_literal_import::diagnostic(c.kind), c.span))
        .collect()
}

/// What pattern rules need to know about a module: which identifiers are unresolved globals.
pub struct PatternContext {
    unresolved: SyntaxContext,
}

impl PatternContext {
    /// `true` for a reference to the global named `name` (not a local that shadows it).
    pub fn is_global(&self, expr: &Expr, name: &str) -> bool {
        matches!(expr, Expr::Ident(i) if &*i.sym == name && i.ctxt == self.unresolved)
    }

    /// `true` for the global object itself: `window`, `globalThis`, `self`, `top`, `parent`,
    /// `frames`.
    pub fn is_global_object(&self, expr: &Expr) -> bool {
        ["window", "globalThis", "self", "top", "parent", "frames"]
            .iter()
            .any(|name| self.is_global(expr, name))
    }

    /// `name`, `window.name`, `globalThis["name"]`...: the global `name` however it is reached.
    pub fn is_global_property(&self, expr: &Expr, name: &str) -> bool {
        if self.is_global(expr, name) {
            return true;
        }
        match expr {
            Expr::Member(m) => {
                let prop = match &m.prop {
                    swc_core::ecma::ast::MemberProp::Ident(i) => Some(i.sym.to_string()),
                    swc_core::ecma::ast::MemberProp::Computed(c) => match &*c.expr {
                        Expr::Lit(swc_core::ecma::ast::Lit::Str(s)) => {
                            Some(s.value.to_string_lossy().into_owned())
                        }
                        _ => None,
                    },
                    _ => None,
                };
                prop.as_deref() == Some(name) && self.is_global_object(&m.obj)
            }
            Expr::Paren(p) => self.is_global_property(&p.expr, name),
            Expr::Seq(s) => s
                .exprs
                .last()
                .is_some_and(|last| self.is_global_property(last, name)),
            _ => false,
        }
    }
}

/// A rule that inspects expressions.
pub trait PatternRule {
    /// Returns the span to report and the diagnostic, when `expr` breaks the rule.
    fn check(&self, expr: &Expr, ctx: &PatternContext) -> Option<(Span, Diagnostic)>;
}

/// Runs every pattern rule over a module that has been through swc's `resolver`.
pub fn check_patterns(
    module: &Module,
    unresolved_mark: Mark,
    locator: &Locator,
) -> Vec<Diagnostic> {
    let mut visitor = PatternVisitor {
        ctx: PatternContext {
            unresolved: SyntaxContext::empty().apply_mark(unresolved_mark),
        },
        rules: rules::pattern_rules(),
        found: Vec::new(),
    };
    module.visit_with(&mut visitor);
    let mut found = visitor.found;
    // One report per place: `window.eval(…)` is one problem, not two.
    found.sort_by_key(|(span, _)| (span.lo, std::cmp::Reverse(span.hi)));
    found.dedup_by(|b, a| a.0.lo <= b.0.lo && b.0.hi <= a.0.hi && a.1.code == b.1.code);
    found
        .into_iter()
        .map(|(span, d)| locator.attach(d, span))
        .collect()
}

struct PatternVisitor {
    ctx: PatternContext,
    rules: Vec<Box<dyn PatternRule>>,
    found: Vec<(Span, Diagnostic)>,
}

impl Visit for PatternVisitor {
    fn visit_expr(&mut self, expr: &Expr) {
        for rule in &self.rules {
            if let Some(hit) = rule.check(expr, &self.ctx) {
                self.found.push(hit);
            }
        }
        expr.visit_children_with(self);
    }

    fn visit_unary_expr(&mut self, unary: &swc_core::ecma::ast::UnaryExpr) {
        // `typeof eval` only asks whether it exists.
        if unary.op == swc_core::ecma::ast::UnaryOp::TypeOf && unary.arg.is_ident() {
            return;
        }
        unary.visit_children_with(self);
    }

    fn visit_ts_type(&mut self, _: &swc_core::ecma::ast::TsType) {}
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    fn app(paths: &[&str]) -> SourceFiles {
        let files: BTreeMap<String, String> = paths
            .iter()
            .map(|p| (p.to_string(), String::new()))
            .collect();
        SourceFiles::new(files)
    }

    fn judge(files: &SourceFiles, importer: &str, specifier: &str) -> ModuleTarget {
        judge_import(Allowlist::embedded(), files, importer, specifier).unwrap()
    }

    /// The kit module `key`, from the kit bundle that registers it.
    fn kit(key: &str) -> ModuleTarget {
        let module = kit::module_for_specifier(key).expect("a kit module");
        ModuleTarget::Dependency {
            package: kit::KIT_PACKAGE.into(),
            category: module.bundle("kit"),
            key: key.into(),
        }
    }

    #[test]
    fn the_app_s_own_files_win_over_the_kit_at_the_root_and_under_src() {
        let root = app(&["App.tsx", "components/ui/button.tsx"]);
        let own = ModuleTarget::File("components/ui/button.tsx".into());
        assert_eq!(judge(&root, "App.tsx", "@/components/ui/button"), own);
        assert_eq!(judge(&root, "App.tsx", "./components/ui/button"), own);
        assert_eq!(
            judge(&root, "App.tsx", "@/components/ui/card"),
            kit("@/components/ui/card")
        );

        let src = app(&["src/App.tsx", "src/components/ui/button.tsx"]);
        let own = ModuleTarget::File("src/components/ui/button.tsx".into());
        assert_eq!(judge(&src, "src/App.tsx", "@/components/ui/button"), own);
        assert_eq!(judge(&src, "src/App.tsx", "./components/ui/button"), own);
        assert_eq!(
            judge(&src, "src/App.tsx", "./components/ui/dialog"),
            kit("@/components/ui/dialog")
        );
        assert_eq!(
            judge(&src, "src/App.tsx", "@/lib/utils"),
            kit("@/lib/utils")
        );
    }

    #[test]
    fn shadcn_paths_reach_the_kit_from_any_folder_and_past_the_root() {
        let files = app(&[
            "App.tsx",
            "components/TaskDialog.tsx",
            "components/tasks/TaskRow.tsx",
            "pages/Home.tsx",
        ]);
        let cases = [
            (
                "components/TaskDialog.tsx",
                "./ui/dialog",
                "@/components/ui/dialog",
            ),
            (
                "components/tasks/TaskRow.tsx",
                "../ui/button",
                "@/components/ui/button",
            ),
            (
                "App.tsx",
                "../components/ui/button",
                "@/components/ui/button",
            ),
            ("pages/Home.tsx", "../../lib/utils", "@/lib/utils"),
            ("App.tsx", "./ui/card", "@/components/ui/card"),
        ];
        for (importer, specifier, key) in cases {
            assert_eq!(judge(&files, importer, specifier), kit(key), "{specifier}");
        }
        // Other imports past the root, and missing files that are not shadcn paths, keep
        // their diagnostics.
        for specifier in ["../secrets", "../components/Chart", "./ui/data-table"] {
            let judged = judge_import(Allowlist::embedded(), &files, "App.tsx", specifier);
            assert_eq!(
                judged.unwrap_err().code,
                crate::DiagnosticCode::FileNotFound,
                "{specifier}"
            );
        }
    }

    #[test]
    fn without_a_kit_in_the_allowlist_a_missing_file_stays_missing() {
        let mut allowlist = Allowlist::embedded().clone();
        allowlist.kit = None;
        let files = app(&["App.tsx"]);
        let judged = judge_import(&allowlist, &files, "App.tsx", "@/components/ui/button");
        assert_eq!(
            judged.unwrap_err().code,
            crate::DiagnosticCode::FileNotFound
        );
    }
}
