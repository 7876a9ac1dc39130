//! Test support for the rules' own pass/fail cases: a case is the source of `App.tsx`, judged
//! by the whole `check` (embedded allowlist, the fixtures' manifest) beside two files it may
//! import (`./lib/format`, `./components/Chart`).

use std::collections::BTreeMap;
use std::sync::LazyLock;

use crate::catalog::allowlist::Allowlist;
use crate::catalog::dependencies::Dependencies;
use crate::catalog::manifest::Manifest;
use crate::diagnostics::{Diagnostic, DiagnosticCode};

static MANIFEST: LazyLock<Manifest> = LazyLock::new(|| {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/manifest.json");
    Manifest::load(&path).expect("bundler/tests/manifest.json")
});

/// Every diagnostic of an app whose `App.tsx` is `source`.
pub fn judge(source: &str) -> Vec<Diagnostic> {
    let files = BTreeMap::from([
        ("App.tsx".to_string(), source.to_string()),
        (
            "lib/format.ts".to_string(),
            "export const format = (n: number) => n.toFixed(2);\n".to_string(),
        ),
        (
            "components/Chart.tsx".to_string(),
            "export default function Chart() { return <svg />; }\n".to_string(),
        ),
    ]);
    crate::check(
        &crate::FileContent::texts(files),
        Dependencies::new(Allowlist::embedded(), Some(&MANIFEST)),
    )
}

/// Each `pass` case has no `code` diagnostic whose message contains `fragment`; each `fail`
/// case has one.
pub fn assert_cases(code: DiagnosticCode, fragment: &str, pass: &[&str], fail: &[&str]) {
    let hits = |source: &str| {
        judge(source)
            .into_iter()
            .filter(|d| d.code == code && d.message.contains(fragment))
            .count()
    };
    for source in pass {
        assert_eq!(
            hits(source),
            0,
            "should pass: {source}\n{:#?}",
            judge(source)
        );
    }
    for source in fail {
        assert!(
            hits(source) > 0,
            "should fail with {code:?} `{fragment}`: {source}\n{:#?}",
            judge(source)
        );
    }
}
