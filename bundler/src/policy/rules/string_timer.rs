//! **Catches** `setTimeout` / `setInterval` given a string: `setTimeout("tick()", 100)`.
//!
//! **Why**: a string argument is evaluated like `eval`.
//!
//! **Instead**: pass a function: `setTimeout(() => tick(), 100)`.

use swc_core::common::Span;
use swc_core::ecma::ast::{Callee, Expr, Lit};

use crate::diagnostics::{Diagnostic, DiagnosticCode};
use crate::policy::{PatternContext, PatternRule};

pub struct NoStringTimer;

/// A string literal, a template, or a concatenation that involves one.
fn is_stringy(expr: &Expr) -> bool {
    match expr {
        Expr::Lit(Lit::Str(_)) | Expr::Tpl(_) => true,
        Expr::Bin(b) => is_stringy(&b.left) || is_stringy(&b.right),
        Expr::Paren(p) => is_stringy(&p.expr),
        _ => false,
    }
}

impl PatternRule for NoStringTimer {
    fn check(&self, expr: &Expr, ctx: &PatternContext) -> Option<(Span, Diagnostic)> {
        let Expr::Call(call) = expr else { return None };
        let Callee::Expr(callee) = &call.callee else {
            return None;
        };
        let timer = ["setTimeout", "setInterval"]
            .into_iter()
            .find(|name| ctx.is_global_property(callee, name))?;
        let first = call.args.first()?;
        is_stringy(&first.expr).then(|| {
            (
                call.span,
                Diagnostic::error(
                    DiagnosticCode::DangerousPattern,
                    format!("`{timer}` with a string argument evaluates the string as code"),
                )
                .with_suggestion(format!(
                    "pass a function instead: `{timer}(() => {{ … }}, delay)`"
                )),
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
            "with a string argument",
            &[
                r#"setTimeout(() => console.log("tick"), 100);"#,
                "const id = setInterval(tick, 1000); function tick() {}",
                "window.setTimeout(() => {}, 0);",
            ],
            &[
                r#"setTimeout("tick()", 100);"#,
                r#"setInterval("console.log(1)", 1000);"#,
            ],
        );
    }
}
