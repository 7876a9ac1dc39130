//! **Catches** imports of packages that are not on the allowlist (`left-pad`), subpaths that the
//! prebuilt bundles do not provide (`react-dom/server`, `lodash-es/debounce`), and malformed
//! specifiers (`react/../../fs`).
//!
//! **Why**: only allowlisted packages exist in the page, prebuilt into category bundles; any
//! other import would fail at run time, and path tricks must not reach other modules.
//!
//! **Instead**: an allowlisted package (the closest name is suggested), the package root for
//! subpaths, or plain TypeScript.

use crate::catalog::allowlist::{Allowlist, Package};
use crate::diagnostics::{Diagnostic, DiagnosticCode};

use super::or_list;

pub fn unknown_diagnostic(allowlist: &Allowlist, specifier: &str, package: &str) -> Diagnostic {
    let diagnostic = Diagnostic::error(
        DiagnosticCode::ImportNotAllowed,
        format!("`{package}` is not on the allowlist of packages available to apps"),
    );
    let closest = allowlist
        .importable_specifiers()
        .map(|s| (strsim::jaro_winkler(specifier, &s), s))
        .filter(|(score, _)| *score > 0.88)
        .max_by(|a, b| a.0.total_cmp(&b.0));
    match closest {
        Some((_, name)) => diagnostic.with_suggestion(format!("did you mean `{name}`?")),
        None => diagnostic.with_suggestion(
            "use an allowlisted package (see prompts/available-imports.md) or write the code in plain TypeScript",
        ),
    }
}

pub fn subpath_diagnostic(package: &Package, subpath: &str) -> Diagnostic {
    let diagnostic = Diagnostic::error(
        DiagnosticCode::ImportNotAllowed,
        format!(
            "`{}/{subpath}` is not available: only the package root{} of `{}` is prebuilt",
            package.name,
            if package.subpaths.is_empty() {
                ""
            } else {
                " and its listed subpaths"
            },
            package.name
        ),
    );
    if package.subpaths.is_empty() {
        diagnostic.with_suggestion(format!(
            "import from `{}` itself, e.g. `import {{ … }} from '{}'`",
            package.name, package.name
        ))
    } else {
        let allowed: Vec<String> = std::iter::once(format!("`{}`", package.name))
            .chain(
                package
                    .subpaths
                    .iter()
                    .map(|s| format!("`{}/{s}`", package.name)),
            )
            .collect();
        diagnostic.with_suggestion(format!("import from {}", or_list(&allowed)))
    }
}

pub fn malformed_diagnostic(specifier: &str, reason: &str) -> Diagnostic {
    let shown: String = specifier.chars().take(120).collect();
    Diagnostic::error(
        DiagnosticCode::ImportNotAllowed,
        format!("`{shown}` is not a valid package import: {reason}"),
    )
    .with_suggestion(
        "import an allowlisted package by its plain name, or a file of the app with `./`",
    )
}

#[cfg(test)]
mod tests {
    use crate::diagnostics::DiagnosticCode;
    use crate::policy::cases::assert_cases;

    #[test]
    fn cases() {
        assert_cases(
            DiagnosticCode::ImportNotAllowed,
            "",
            &[
                r#"import { createRoot } from "react-dom/client";"#,
                r#"import { Heart } from "lucide-react";"#,
            ],
            &[
                r#"import pad from "left-pad";"#,
                r#"import { renderToString } from "react-dom/server";"#,
                r#"import x from "react/../../fs";"#,
            ],
        );
    }
}
