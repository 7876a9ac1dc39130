//! **Catches** the `Function` constructor: `new Function("a", "return a")`, `Function(code)()`,
//! `window.Function(code)`, and the `.constructor("code")` trick on a function.
//!
//! **Why**: like `eval`, it compiles strings into code at run time.
//!
//! **Instead**: write the function directly: `(a) => a`.

use swc_core::common::Span;
use swc_core::ecma::ast::{Callee, Expr, ExprOrSpread, Lit, MemberProp};

use crate::diagnostics::{Diagnostic, DiagnosticCode};
use crate::policy::{PatternContext, PatternRule};

pub struct NoFunctionConstructor;

fn first_arg_is_string(args: Option<&Vec<ExprOrSpread>>) -> bool {
    matches!(
        args.and_then(|a| a.first()).map(|a| &*a.expr),
        Some(Expr::Lit(Lit::Str(_))) | Some(Expr::Tpl(_)) | Some(Expr::Bin(_))
    )
}

fn is_constructor_member(expr: &Expr) -> bool {
    matches!(expr, Expr::Member(m) if matches!(&m.prop, MemberProp::Ident(i) if &*i.sym == "constructor"))
}

impl PatternRule for NoFunctionConstructor {
    fn check(&self, expr: &Expr, ctx: &PatternContext) -> Option<(Span, Diagnostic)> {
        let (span, callee, args) = match expr {
            Expr::New(n) => (n.span, &*n.callee, n.args.as_ref()),
            Expr::Call(c) => match &c.callee {
                Callee::Expr(e) => (c.span, &**e, Some(&c.args)),
                _ => return None,
            },
            _ => return None,
        };
        let hit = ctx.is_global_property(callee, "Function")
            || (is_constructor_member(callee) && first_arg_is_string(args));
        hit.then(|| {
            (
                span,
                Diagnostic::error(
                    DiagnosticCode::DangerousPattern,
                    "the `Function` constructor compiles strings into code and is not allowed",
                )
                .with_suggestion("write the function directly, e.g. `const add = (a, b) => a + b`"),
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostics::DiagnosticCode;
    use crate::policy::cases::assert_cases;

    #[test]
    fn cases() {
        assert_cases(
            DiagnosticCode::DangerousPattern,
            "Function",
            &[
                "const add = (a: number, b: number) => a + b;",
                "class Shape {} const s = new Shape();",
                "function make() { return function inner() {}; }",
            ],
            &[
                r#"const f = new Function("a", "return a");"#,
                r#"Function("return 1")();"#,
                r#"window.Function("return 1");"#,
            ],
        );
    }
}
