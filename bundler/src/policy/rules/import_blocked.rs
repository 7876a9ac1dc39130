//! **Catches** imports of packages that are blocked on purpose (`allowlist.toml`, `[[blocked]]`):
//! `moment`, `axios`, `redux`, `lodash`, `three`, `express`, `pg`, `react-router-dom`, ….
//!
//! **Why**: each group has its reason in the allowlist: security (server-only, native code),
//! size (too heavy for a generated app), or redundancy (the platform has a built-in).
//!
//! **Instead**: the alternatives listed with the group, e.g. `moment` → `date-fns` or `dayjs`.

use crate::catalog::allowlist::BlockedGroup;
use crate::diagnostics::{Diagnostic, DiagnosticCode};

use super::or_list;

pub fn diagnostic(group: &BlockedGroup, name: &str) -> Diagnostic {
    Diagnostic::error(
        DiagnosticCode::ImportBlocked,
        format!("`{name}` is blocked: {}", group.reason),
    )
    .with_suggestion(format!("use {} instead", or_list(&group.use_instead)))
}

#[cfg(test)]
mod tests {
    use crate::diagnostics::DiagnosticCode;
    use crate::policy::cases::assert_cases;

    #[test]
    fn cases() {
        assert_cases(
            DiagnosticCode::ImportBlocked,
            "is blocked:",
            &[
                r#"import { format } from "date-fns";"#,
                r#"import { debounce } from "lodash-es";"#,
            ],
            &[
                r#"import moment from "moment";"#,
                r#"import axios from "axios";"#,
                r#"import { createStore } from "redux";"#,
            ],
        );
    }
}
