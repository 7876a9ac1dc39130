//! **Catches** relative imports that match none of the app's files (`./components/Chat` when only
//! `components/Chart.tsx` exists), imports that climb above the app's root, and imports of file
//! types the bundler cannot load (images, fonts).
//!
//! **Why**: the app would fail at run time; climbing out of the app must never reach anything.
//!
//! **Instead**: the closest existing file is suggested; images go inline (SVG as JSX) or by URL
//! in `src`. A missing `components/ui/<name>` that the built-in kit does not have either is told
//! which components the kit has.

use crate::diagnostics::{Diagnostic, DiagnosticCode};
use crate::files::ResolveError;

/// `with_kit`: the allowlist has the built-in kit, whose components can be named.
pub fn diagnostic(specifier: &str, error: ResolveError, with_kit: bool) -> Diagnostic {
    match error {
        ResolveError::EscapesRoot => Diagnostic::error(
            DiagnosticCode::FileNotFound,
            format!("`{specifier}` points above the app's root folder"),
        )
        .with_suggestion(
            "import files of the app with paths inside it, such as `./components/Card`",
        ),
        ResolveError::NotFound { tried, closest } => {
            let d = Diagnostic::error(
                DiagnosticCode::FileNotFound,
                format!("`{specifier}` does not match any file of the app (looked for `{tried}` with .tsx, .ts, .jsx, .js, .json and /index)"),
            );
            match closest {
                Some(path) => d.with_suggestion(format!("did you mean `{path}`?")),
                None if with_kit && crate::catalog::kit::in_component_folder(&tried) => {
                    let names: Vec<&str> = crate::catalog::kit::component_names().collect();
                    d.with_suggestion(format!(
                        "the built-in kit has no such component; it has {}. Use one of those, or add the file `{tried}.tsx` to the app",
                        names.join(", ")
                    ))
                }
                None => d.with_suggestion(format!(
                    "add the file `{tried}.tsx` to the app, or remove the import"
                )),
            }
        }
    }
}

pub fn unsupported(path: &str) -> Diagnostic {
    Diagnostic::error(
        DiagnosticCode::UnsupportedFile,
        format!(
            "`{path}` cannot be imported: only scripts, .css, .json, images, fonts and SVGs can"
        ),
    )
    .with_suggestion("keep text the app shows in a script or a .json file")
}

/// `import x from './photo.png?raw'`: a query the bundler does not know for that file.
pub fn unsupported_query(path: &str, query: &str) -> Diagnostic {
    Diagnostic::error(
        DiagnosticCode::UnsupportedFile,
        format!("`{path}?{query}` cannot be imported: the only queries are `?react` (an SVG as a component) and `?url`"),
    )
    .with_suggestion(format!("import `./{path}` for its URL"))
}

#[cfg(test)]
mod tests {
    use crate::diagnostics::DiagnosticCode;
    use crate::policy::cases::assert_cases;

    #[test]
    fn cases() {
        assert_cases(
            DiagnosticCode::FileNotFound,
            "",
            &[
                r#"import { format } from "./lib/format";"#,
                r#"import Chart from "./components/Chart";"#,
            ],
            &[
                r#"import Chat from "./components/Chat";"#,
                r#"import secret from "../../etc/passwd";"#,
                r#"import { DataTable } from "@/components/ui/data-table";"#,
            ],
        );
    }
}
