//! Rewrites module specifiers to the ids the linked output uses, and then inlines dependency
//! access as `window.AppDependencies.<category>["<key>"]`.
//!
//! Step 1 ([`rewrite_sources`], before the CommonJS transform): every specifier becomes a module
//! id: an app file's normalized path (`components/Chart.tsx`), or `dep:<category>:<key>` for a
//! prebuilt package. Step 2 ([`inline_dependencies`], after it): `require("dep:…")` calls become
//! member expressions on `window.AppDependencies`.

use swc_core::common::{Mark, Span, Spanned, SyntaxContext, DUMMY_SP};
use swc_core::ecma::ast::*;
use swc_core::ecma::visit::{VisitMut, VisitMutWith};

use crate::imports::literal_specifier;
use crate::policy::ModuleTarget;

const DEPENDENCY_PREFIX: &str = "dep:";

/// The id a target gets in the linked output. App file paths never contain `:`
/// (`files::normalize_path` rejects it), so the two kinds cannot collide.
pub fn module_id(target: &ModuleTarget) -> String {
    match target {
        ModuleTarget::File(path) => path.clone(),
        ModuleTarget::Dependency { category, key, .. } => dependency_id(category, key),
    }
}

/// The id of a prebuilt package: `dep:<category>:<key>`.
pub fn dependency_id(category: &str, key: &str) -> String {
    format!("{DEPENDENCY_PREFIX}{category}:{key}")
}

/// Replaces the specifier of every import form with its module id. `resolve` returns `None` for
/// a specifier it cannot place; those are collected and returned.
pub fn rewrite_sources(
    program: &mut Program,
    unresolved_mark: Mark,
    resolve: &mut dyn FnMut(&str) -> Option<ModuleTarget>,
) -> Vec<String> {
    let mut visitor = SourceRewriter {
        unresolved: SyntaxContext::empty().apply_mark(unresolved_mark),
        resolve,
        unplaced: Vec::new(),
    };
    program.visit_mut_with(&mut visitor);
    visitor.unplaced
}

struct SourceRewriter<'a> {
    unresolved: SyntaxContext,
    resolve: &'a mut dyn FnMut(&str) -> Option<ModuleTarget>,
    unplaced: Vec<String>,
}

impl SourceRewriter<'_> {
    fn rewrite(&mut self, src: &mut Str) {
        let specifier = src.value.to_string_lossy().into_owned();
        match (self.resolve)(&specifier) {
            Some(target) => {
                *src = Str {
                    span: src.span,
                    value: module_id(&target).into(),
                    raw: None,
                }
            }
            None => self.unplaced.push(specifier),
        }
    }

    fn rewrite_argument(&mut self, args: &mut [ExprOrSpread]) {
        let Some(first) = args.first_mut() else {
            return;
        };
        let Some(specifier) = literal_specifier(&first.expr) else {
            return;
        };
        // A template literal becomes a plain string, which the module transform expects.
        let mut literal = Str {
            span: first.expr.span(),
            value: specifier.into(),
            raw: None,
        };
        self.rewrite(&mut literal);
        *first.expr = Expr::Lit(Lit::Str(literal));
    }
}

impl SourceRewriter<'_> {
    /// A `require("dep:…")` the app wrote itself (not one the module transform makes of an
    /// `import`).
    fn is_app_require_of_dependency(&self, call: &CallExpr) -> bool {
        let Callee::Expr(callee) = &call.callee else {
            return false;
        };
        let is_require = matches!(&**callee, Expr::Ident(i) if &*i.sym == "require" && i.ctxt == self.unresolved);
        is_require
            && matches!(call.args.first().map(|a| &*a.expr),
                Some(Expr::Lit(Lit::Str(s))) if s.value.to_string_lossy().starts_with(DEPENDENCY_PREFIX))
    }
}

impl VisitMut for SourceRewriter<'_> {
    // The app's own `require("clsx")` means CommonJS: `require.cjs` (the module runtime) gives
    // it what CommonJS would, the package's default export with its named ones on it.
    fn visit_mut_expr(&mut self, expr: &mut Expr) {
        expr.visit_mut_children_with(self);
        let Expr::Call(call) = expr else { return };
        if !self.is_app_require_of_dependency(call) {
            return;
        }
        let span = call.span;
        let inner = std::mem::replace(expr, Expr::Invalid(Invalid { span }));
        let cjs = MemberExpr {
            span: DUMMY_SP,
            obj: Box::new(Expr::Ident(Ident::new(
                "require".into(),
                DUMMY_SP,
                self.unresolved,
            ))),
            prop: MemberProp::Ident(IdentName::new("cjs".into(), DUMMY_SP)),
        };
        *expr = Expr::Call(CallExpr {
            span,
            callee: Callee::Expr(Box::new(Expr::Member(cjs))),
            args: vec![ExprOrSpread {
                spread: None,
                expr: Box::new(inner),
            }],
            ..Default::default()
        });
    }

    fn visit_mut_import_decl(&mut self, decl: &mut ImportDecl) {
        self.rewrite(&mut decl.src);
    }

    fn visit_mut_named_export(&mut self, export: &mut NamedExport) {
        if let Some(src) = &mut export.src {
            self.rewrite(src);
        }
    }

    fn visit_mut_export_all(&mut self, export: &mut ExportAll) {
        self.rewrite(&mut export.src);
    }

    fn visit_mut_call_expr(&mut self, call: &mut CallExpr) {
        call.visit_mut_children_with(self);
        let is_loader = match &call.callee {
            Callee::Import(_) => true,
            Callee::Expr(e) => {
                matches!(&**e, Expr::Ident(i) if &*i.sym == "require" && i.ctxt == self.unresolved)
            }
            _ => false,
        };
        if is_loader {
            self.rewrite_argument(&mut call.args);
        }
    }
}

/// Replaces `require("dep:<category>:<key>")` with `window.AppDependencies.<category>["<key>"]`,
/// except for the keys in `in_table`: packages the linked script carries a module for
/// (per-app icons, `crate::catalog::icon_sets`), which `require` finds in its module table.
pub fn inline_dependencies(
    program: &mut Program,
    unresolved_mark: Mark,
    in_table: &dyn Fn(&str) -> bool,
) {
    program.visit_mut_with(&mut DependencyInliner {
        unresolved: SyntaxContext::empty().apply_mark(unresolved_mark),
        in_table,
    });
}

struct DependencyInliner<'a> {
    unresolved: SyntaxContext,
    in_table: &'a dyn Fn(&str) -> bool,
}

impl DependencyInliner<'_> {
    fn dependency_of(call: &CallExpr) -> Option<(String, String)> {
        let Callee::Expr(callee) = &call.callee else {
            return None;
        };
        let Expr::Ident(i) = &**callee else {
            return None;
        };
        if &*i.sym != "require" || call.args.len() != 1 {
            return None;
        }
        let Expr::Lit(Lit::Str(s)) = &*call.args[0].expr else {
            return None;
        };
        let value = s.value.to_string_lossy();
        let rest = value.strip_prefix(DEPENDENCY_PREFIX)?;
        let (category, key) = rest.split_once(':')?;
        Some((category.to_string(), key.to_string()))
    }
}

impl VisitMut for DependencyInliner<'_> {
    fn visit_mut_expr(&mut self, expr: &mut Expr) {
        expr.visit_mut_children_with(self);
        let Expr::Call(call) = expr else { return };
        let Some((category, key)) = Self::dependency_of(call) else {
            return;
        };
        if (self.in_table)(&key) {
            return;
        }
        let window = Ident::new("window".into(), DUMMY_SP, self.unresolved);
        *expr = registry_entry(window, &category, &key, call.span);
    }
}

/// `window.AppDependencies.<category>["<key>"]`: what a bundle registers under `key`.
pub fn registry_entry(window: Ident, category: &str, key: &str, span: Span) -> Expr {
    let registry = MemberExpr {
        span: DUMMY_SP,
        obj: Box::new(Expr::Ident(window)),
        prop: MemberProp::Ident(IdentName::new("AppDependencies".into(), DUMMY_SP)),
    };
    let bundle = MemberExpr {
        span: DUMMY_SP,
        obj: Box::new(Expr::Member(registry)),
        prop: MemberProp::Ident(IdentName::new(category.into(), DUMMY_SP)),
    };
    Expr::Member(MemberExpr {
        span,
        obj: Box::new(Expr::Member(bundle)),
        prop: MemberProp::Computed(ComputedPropName {
            span: DUMMY_SP,
            expr: Box::new(Expr::Lit(Lit::Str(Str {
                span: DUMMY_SP,
                value: key.into(),
                raw: None,
            }))),
        }),
    })
}
