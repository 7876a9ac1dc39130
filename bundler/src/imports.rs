//! Finds every way a file can load another module: static imports, `export … from`,
//! side-effect imports, `import()`, `require()` and TypeScript's `import x = require()`.

use swc_core::common::{Mark, Span, Spanned, SyntaxContext};
use swc_core::ecma::ast::*;
use swc_core::ecma::visit::{Visit, VisitWith};

/// The call form of an import whose argument may be computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportKind {
    /// `import(x)`.
    Dynamic,
    /// `require(x)`.
    Require,
}

/// A binding an import asks for.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum ImportedName {
    /// `import x from`.
    Default,
    /// `import * as x from`, `import()`, `require()`.
    Namespace,
    /// `import { name } from`.
    Named(String),
}

impl ImportedName {
    /// `default`, `*` or the name.
    pub fn as_str(&self) -> &str {
        match self {
            ImportedName::Default => "default",
            ImportedName::Namespace => "*",
            ImportedName::Named(n) => n,
        }
    }
}

/// One name an import asks for, where it is written, and the local it binds.
#[derive(Debug, Clone)]
pub struct ImportBinding {
    pub name: ImportedName,
    /// The name as written: `HeartIcon` in `import { HeartIcon as Heart }`.
    pub span: Span,
    /// The local binding of a static import (`None` for `export … from`, `import()`, ...).
    pub local: Option<Id>,
}

impl ImportBinding {
    fn unbound(name: ImportedName, span: Span) -> ImportBinding {
        ImportBinding {
            name,
            span,
            local: None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct ImportRecord {
    pub specifier: String,
    /// Span of the specifier string literal.
    pub span: Span,
    pub bindings: Vec<ImportBinding>,
}

impl ImportRecord {
    pub fn names(&self) -> impl Iterator<Item = &ImportedName> {
        self.bindings.iter().map(|b| &b.name)
    }
}

/// `import(x)` or `require(x)` whose argument is not a string literal.
#[derive(Debug, Clone)]
pub struct ComputedImport {
    pub span: Span,
    pub kind: ImportKind,
}

#[derive(Debug, Default)]
pub struct ModuleImports {
    pub records: Vec<ImportRecord>,
    pub computed: Vec<ComputedImport>,
}

/// Collects the imports of a module that has been through swc's `resolver`, so that a local
/// function called `require` is not mistaken for the global one.
pub fn collect_imports(module: &Module, unresolved_mark: Mark) -> ModuleImports {
    let mut collector = ImportCollector {
        unresolved: SyntaxContext::empty().apply_mark(unresolved_mark),
        out: ModuleImports::default(),
    };
    module.visit_with(&mut collector);
    collector.out
}

struct ImportCollector {
    unresolved: SyntaxContext,
    out: ModuleImports,
}

impl ImportCollector {
    fn record(&mut self, src: &Str, bindings: Vec<ImportBinding>) {
        self.out.records.push(ImportRecord {
            specifier: src.value.to_string_lossy().into_owned(),
            span: src.span,
            bindings,
        });
    }

    fn record_call_argument(&mut self, args: &[ExprOrSpread], call_span: Span, kind: ImportKind) {
        match args.first().map(|a| &*a.expr) {
            Some(expr) => match literal_specifier(expr) {
                Some(specifier) => self.out.records.push(ImportRecord {
                    specifier,
                    span: expr.span(),
                    bindings: vec![ImportBinding::unbound(ImportedName::Namespace, call_span)],
                }),
                None => self.out.computed.push(ComputedImport {
                    span: expr.span(),
                    kind,
                }),
            },
            None => self.out.computed.push(ComputedImport {
                span: call_span,
                kind,
            }),
        }
    }
}

/// The value of an `import()` / `require()` argument that is known before run time: a string
/// literal, or a template literal without substitutions.
pub fn literal_specifier(expr: &Expr) -> Option<String> {
    match expr {
        Expr::Lit(Lit::Str(s)) => Some(s.value.to_string_lossy().into_owned()),
        Expr::Tpl(t) if t.exprs.is_empty() && t.quasis.len() == 1 => {
            let quasi = &t.quasis[0];
            Some(
                quasi
                    .cooked
                    .as_ref()
                    .map(|c| c.to_string_lossy().into_owned())
                    .unwrap_or_else(|| quasi.raw.to_string()),
            )
        }
        _ => None,
    }
}

fn export_name(name: &ModuleExportName) -> String {
    match name {
        ModuleExportName::Ident(i) => i.sym.to_string(),
        ModuleExportName::Str(s) => s.value.to_string_lossy().into_owned(),
        #[allow(unreachable_patterns)]
        _ => String::new(),
    }
}

impl Visit for ImportCollector {
    fn visit_import_decl(&mut self, decl: &ImportDecl) {
        if decl.type_only {
            return;
        }
        if decl.specifiers.is_empty() {
            self.record(&decl.src, Vec::new());
            return;
        }
        let names: Vec<ImportBinding> = decl
            .specifiers
            .iter()
            .filter_map(|s| {
                let (name, span, local) = match s {
                    ImportSpecifier::Named(n) if n.is_type_only => return None,
                    ImportSpecifier::Named(n) => match &n.imported {
                        Some(imported) => (
                            ImportedName::Named(export_name(imported)),
                            imported.span(),
                            &n.local,
                        ),
                        None => (
                            ImportedName::Named(n.local.sym.to_string()),
                            n.local.span,
                            &n.local,
                        ),
                    },
                    ImportSpecifier::Default(d) => (ImportedName::Default, d.local.span, &d.local),
                    ImportSpecifier::Namespace(n) => {
                        (ImportedName::Namespace, n.local.span, &n.local)
                    }
                };
                Some(ImportBinding {
                    name,
                    span,
                    local: Some(local.to_id()),
                })
            })
            .collect();
        if !names.is_empty() {
            self.record(&decl.src, names);
        }
    }

    fn visit_named_export(&mut self, export: &NamedExport) {
        let Some(src) = &export.src else { return };
        if export.type_only {
            return;
        }
        let names = export
            .specifiers
            .iter()
            .filter_map(|s| match s {
                ExportSpecifier::Named(n) if n.is_type_only => None,
                ExportSpecifier::Named(n) => Some(ImportBinding::unbound(
                    ImportedName::Named(export_name(&n.orig)),
                    n.orig.span(),
                )),
                ExportSpecifier::Namespace(n) => {
                    Some(ImportBinding::unbound(ImportedName::Namespace, n.span))
                }
                ExportSpecifier::Default(d) => Some(ImportBinding::unbound(
                    ImportedName::Default,
                    d.exported.span,
                )),
            })
            .collect::<Vec<_>>();
        if !names.is_empty() {
            self.record(src, names);
        }
    }

    fn visit_export_all(&mut self, export: &ExportAll) {
        if !export.type_only {
            self.record(
                &export.src,
                vec![ImportBinding::unbound(ImportedName::Namespace, export.span)],
            );
        }
    }

    fn visit_ts_import_equals_decl(&mut self, decl: &TsImportEqualsDecl) {
        if decl.is_type_only {
            return;
        }
        if let TsModuleRef::TsExternalModuleRef(r) = &decl.module_ref {
            let binding = ImportBinding {
                name: ImportedName::Namespace,
                span: decl.id.span,
                local: Some(decl.id.to_id()),
            };
            self.record(&r.expr, vec![binding]);
        }
    }

    fn visit_call_expr(&mut self, call: &CallExpr) {
        match &call.callee {
            Callee::Import(_) => {
                self.record_call_argument(&call.args, call.span, ImportKind::Dynamic)
            }
            Callee::Expr(e) => {
                if let Expr::Ident(i) = &**e {
                    if &*i.sym == "require" && i.ctxt == self.unresolved {
                        self.record_call_argument(&call.args, call.span, ImportKind::Require);
                    }
                }
            }
            _ => {}
        }
        call.visit_children_with(self);
    }

    // Types never load anything at run time.
    fn visit_ts_type(&mut self, _: &TsType) {}
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::FileKind;
    use crate::parse::{add_file, parse_script, Locator};
    use swc_core::common::{sync::Lrc, Globals, SourceMap, GLOBALS};
    use swc_core::ecma::ast::Program;
    use swc_core::ecma::transforms::base::resolver;

    fn collected(source: &str) -> ModuleImports {
        GLOBALS.set(&Globals::new(), || {
            let cm: Lrc<SourceMap> = Default::default();
            let locator = Locator::new(cm.clone());
            let file = add_file(&cm, "App.tsx", source);
            let parsed = parse_script(&locator, &file, FileKind::Tsx).expect("parses");
            let unresolved = Mark::new();
            let program =
                Program::Module(parsed.module).apply(resolver(unresolved, Mark::new(), true));
            let Program::Module(module) = program else {
                unreachable!("a module stays a module")
            };
            collect_imports(&module, unresolved)
        })
    }

    #[test]
    fn every_import_form_is_recorded_and_types_are_not() {
        let found = collected(
            "import React, { useState } from 'react';\n\
             import './styles.css';\n\
             export { format } from 'date-fns';\n\
             export * from './lib/utils';\n\
             const Chart = import('./Chart');\n\
             const z = require('zod');\n\
             import type { FC } from 'react';\n\
             const name = 'x'; import(name);",
        );
        let specifiers: Vec<&str> = found.records.iter().map(|r| r.specifier.as_str()).collect();
        assert_eq!(
            specifiers,
            [
                "react",
                "./styles.css",
                "date-fns",
                "./lib/utils",
                "./Chart",
                "zod"
            ]
        );
        let names: Vec<&ImportedName> = found.records[0].names().collect();
        assert_eq!(names.len(), 2, "{names:?}");
        assert_eq!(found.computed.len(), 1);
        assert_eq!(found.computed[0].kind, ImportKind::Dynamic);
    }
}
