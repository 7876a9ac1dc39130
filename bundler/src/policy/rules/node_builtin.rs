//! **Catches** imports of Node.js built-in modules: `fs`, `node:fs`, `fs/promises`,
//! `child_process`, `os`, `cluster`, `vm`, `path`, …, and every `node:` specifier.
//!
//! **Why**: they do not exist in a browser, and on a server they give filesystem, process and
//! network access that generated code must never have.
//!
//! **Instead**: `useAppData` from `@appbundle/runtime` for storage, `SandboxAPI.fetch` for HTTP.

use crate::catalog::allowlist::Allowlist;
use crate::diagnostics::{Diagnostic, DiagnosticCode};

use super::or_list;

pub fn diagnostic(allowlist: &Allowlist, name: &str) -> Diagnostic {
    Diagnostic::error(
        DiagnosticCode::ImportBlocked,
        format!(
            "`{name}` is a Node.js built-in module and is blocked: {}",
            allowlist.node_builtins.reason
        ),
    )
    .with_suggestion(format!(
        "remove this import; use {} instead",
        or_list(&allowlist.node_builtins.use_instead)
    ))
}

#[cfg(test)]
mod tests {
    use crate::diagnostics::DiagnosticCode;
    use crate::policy::cases::assert_cases;

    #[test]
    fn cases() {
        assert_cases(
            DiagnosticCode::ImportBlocked,
            "Node.js built-in",
            &[
                r#"import { useAppData } from "@appbundle/runtime";"#,
                r#"import { useState } from "react";"#,
            ],
            &[
                r#"import fs from "fs";"#,
                r#"import { readFile } from "node:fs/promises";"#,
                r#"import { exec } from "child_process";"#,
            ],
        );
    }
}
