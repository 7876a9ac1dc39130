//! Reporters: renderings of [`Diagnostic`]s for people (text), programs (JSON), code-scanning
//! tools (SARIF 2.1.0) and GitHub Actions annotations. They add nothing the diagnostic lacks.

mod github;
mod sarif;
mod text;

pub use github::github;
pub use sarif::sarif;
pub use text::text;

use crate::Diagnostic;

/// JSON array of diagnostics, as `POST /bundle` returns them.
pub fn json(diagnostics: &[Diagnostic]) -> String {
    serde_json::to_string_pretty(diagnostics).unwrap_or_else(|_| "[]".to_string())
}
