//! **Catches** imports of a package that the allowlist serves with another of the same API
//! (`[[aliases]]`): `import _ from "lodash"`, `import debounce from "lodash/debounce"`.
//!
//! **Why**: a warning, not a rejection: the app runs on the alias's target (`lodash-es`), whose
//! functions are the same; the model should learn to import the target.
//!
//! **Instead**: import the target (`import { debounce } from "lodash-es"`).

use crate::catalog::allowlist::Alias;
use crate::diagnostics::{Diagnostic, DiagnosticCode};

/// The warning for an import of `specifier`, served through `alias`.
pub fn diagnostic(alias: &Alias, specifier: &str, export: Option<&str>) -> Diagnostic {
    let instead = match export {
        Some(name) => format!("import {{ {name} }} from \"{}\"", alias.to),
        None => format!("import from \"{}\"", alias.to),
    };
    Diagnostic::warning(
        DiagnosticCode::ImportAliased,
        format!(
            "`{specifier}` is served by `{}`: {}",
            alias.to, alias.reason
        ),
    )
    .with_suggestion(format!("{instead} directly"))
}

#[cfg(test)]
mod tests {
    use crate::diagnostics::DiagnosticCode;
    use crate::policy::cases::assert_cases;

    #[test]
    fn cases() {
        assert_cases(
            DiagnosticCode::ImportAliased,
            "is served by `lodash-es`",
            &[
                r#"import { debounce } from "lodash-es";"#,
                r#"import { format } from "date-fns";"#,
            ],
            &[
                r#"import _ from "lodash";"#,
                r#"import { groupBy } from "lodash";"#,
                r#"import debounce from "lodash/debounce";"#,
            ],
        );
    }
}
