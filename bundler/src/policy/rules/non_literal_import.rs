//! **Catches** `import(x)` and `require(x)` whose specifier is computed at run time.
//!
//! **Why**: a computed specifier cannot be checked against the allowlist before the code runs,
//! so it could load anything.
//!
//! **Instead**: a literal specifier (`import('./Chart')`); to choose between modules, import each
//! one literally and pick at run time.

use crate::diagnostics::{Diagnostic, DiagnosticCode};
use crate::imports::ImportKind;

pub fn diagnostic(kind: ImportKind) -> Diagnostic {
    let form = if kind == ImportKind::Require {
        "require()"
    } else {
        "import()"
    };
    Diagnostic::error(
        DiagnosticCode::NonLiteralImport,
        format!("{form} must be given a string literal, so the import can be checked before it runs"),
    )
    .with_suggestion("write the module name as a literal, e.g. `import('./Chart')`; to choose between modules, import each one literally and pick at run time")
}

#[cfg(test)]
mod tests {
    use crate::diagnostics::DiagnosticCode;
    use crate::policy::cases::assert_cases;

    #[test]
    fn cases() {
        assert_cases(
            DiagnosticCode::NonLiteralImport,
            "string literal",
            &[
                r#"const Chart = import("./components/Chart");"#,
                r#"import("react").then((m) => m.version);"#,
            ],
            &[
                r#"const name = "./components/Chart"; import(name);"#,
                r#"const page = "Chart"; import(`./components/${page}`);"#,
            ],
        );
    }
}
