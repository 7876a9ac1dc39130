//! **Catches** any use of the global `eval`: `eval(code)`, `window.eval(code)`,
//! `globalThis["eval"]`, `(0, eval)(code)`, `const e = eval`, also when spelled with unicode
//! escapes (`\u0065val`).
//!
//! **Why**: it runs strings as code, the classic injection hole; the preview's CSP forbids it,
//! so it would also just fail.
//!
//! **Instead**: `JSON.parse` for data, a lookup table or a `switch` for dispatch.

use swc_core::common::{Span, Spanned};
use swc_core::ecma::ast::Expr;

use crate::diagnostics::{Diagnostic, DiagnosticCode};
use crate::policy::{PatternContext, PatternRule};

pub struct NoEval;

impl PatternRule for NoEval {
    fn check(&self, expr: &Expr, ctx: &PatternContext) -> Option<(Span, Diagnostic)> {
        let is_eval = match expr {
            Expr::Ident(_) => ctx.is_global(expr, "eval"),
            Expr::Member(_) => ctx.is_global_property(expr, "eval"),
            _ => false,
        };
        is_eval.then(|| {
            (
                expr.span(),
                Diagnostic::error(
                    DiagnosticCode::DangerousPattern,
                    "`eval` runs strings as code and is not allowed",
                )
                .with_suggestion("parse data with `JSON.parse`, and dispatch with an object lookup or a `switch` instead of building code"),
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
            "`eval`",
            &[
                r#"const data = JSON.parse("{}");"#,
                "const obj = { eval: 1 }; console.log(obj.eval);",
                r#"function run(evaluate: (s: string) => number) { return evaluate("1"); }"#,
                r#"const eval2 = (s: string) => s; eval2("x");"#,
            ],
            &[
                r#"eval("1 + 1");"#,
                r#"window.eval("alert(1)");"#,
                r#"globalThis["eval"]("x");"#,
                r#"(0, eval)("x");"#,
                r#"const e = eval; e("x");"#,
            ],
        );
    }
}
