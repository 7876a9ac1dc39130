//! **Catches** imports from a URL: `import x from "https://esm.sh/react"`, `import("//cdn/x.js")`.
//!
//! **Why**: code fetched at run time from an arbitrary host bypasses the allowlist and every
//! check of this bundler, and the preview's CSP blocks it anyway.
//!
//! **Instead**: import the package by name when it is on the allowlist.

use crate::diagnostics::{Diagnostic, DiagnosticCode};

pub fn is_url(specifier: &str) -> bool {
    let lower = specifier.to_ascii_lowercase();
    lower.starts_with("//")
        || [
            "http:",
            "https:",
            "data:",
            "blob:",
            "file:",
            "javascript:",
            "ftp:",
            "ws:",
            "wss:",
        ]
        .iter()
        .any(|scheme| lower.starts_with(scheme))
}

pub fn diagnostic(specifier: &str) -> Diagnostic {
    let shown: String = specifier.chars().take(120).collect();
    Diagnostic::error(
        DiagnosticCode::ImportNotAllowed,
        format!("imports from URLs are not allowed: `{shown}`"),
    )
    .with_suggestion(
        "import the package by its npm name if it is on the allowlist (for example `import { format } from 'date-fns'`); code cannot be loaded from other hosts",
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
            "URLs",
            &[r#"import React from "react";"#],
            &[
                r#"import React from "https://esm.sh/react";"#,
                r#"import("//cdn.example.com/x.js");"#,
            ],
        );
    }
}
