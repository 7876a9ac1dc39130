//! **Catches** imports of names a package does not export: `import { Github } from
//! "lucide-react"` (lucide has no brand logos), `import { LogOut as Logout }` spelled `Logout`,
//! `import Heart from "lucide-react"` (no default export).
//!
//! **Why**: the name would be `undefined` in the page, and React fails at render time with
//! "Element type is invalid", far from the import. It is the most common mistake of code
//! generators; the manifest lists every export of every prebuilt package, so it is caught here.
//!
//! **Instead**: the export the diagnostic suggests (same name in other case, with or without an
//! `Icon` suffix, the closest spelling), or the package's own hint from allowlist.toml.

use std::collections::HashSet;

use swc_core::common::Span;
use swc_core::ecma::ast::Id;

use crate::catalog::allowlist::{Allowlist, SpecifierClass};
use crate::catalog::manifest::Manifest;
use crate::diagnostics::{Diagnostic, DiagnosticCode};
use crate::imports::{ImportRecord, ImportedName};

use super::or_list;

/// At most this many names are suggested.
const MAX_SUGGESTIONS: usize = 3;

/// An aliased subpath (`lodash/debounce`) stands for an export of the alias's target: that
/// export must exist (`lodash/debounse` → did you mean `debounce`?).
pub fn check_alias_subpath(
    record: &ImportRecord,
    allowlist: &Allowlist,
    manifest: &Manifest,
) -> Vec<(Span, Diagnostic)> {
    let SpecifierClass::Aliased {
        alias,
        export: Some(name),
        ..
    } = allowlist.classify(&record.specifier)
    else {
        return Vec::new();
    };
    let Some(exports) = manifest.exports_of(&alias.to) else {
        return Vec::new();
    };
    if exports.binary_search_by(|e| e.as_str().cmp(&name)).is_ok() {
        return Vec::new();
    }
    let diagnostic = Diagnostic::error(
        DiagnosticCode::UnknownExport,
        format!(
            "`{}` does not exist: `{}` has no export named `{name}`",
            record.specifier, alias.to
        ),
    )
    .with_suggestion(suggestion(&name, exports, None));
    vec![(record.span, diagnostic)]
}

/// Names of `record` that the package does not export, with the span to report. Names only
/// used as types (`used` does not hold them) are skipped: they are erased before run time.
/// `key` is what the specifier resolved to (`@/components/ui/button` for
/// `./components/ui/button`).
pub fn check(
    record: &ImportRecord,
    key: &str,
    manifest: &Manifest,
    allowlist: &Allowlist,
    used: &HashSet<Id>,
) -> Vec<(Span, Diagnostic)> {
    let Some(exports) = manifest.exports_of(key) else {
        return Vec::new();
    };
    let has = |name: &str| exports.binary_search_by(|e| e.as_str().cmp(name)).is_ok();
    let hint = allowlist
        .package_of(key)
        .and_then(|p| p.export_hint.clone());
    let specifier = &record.specifier;
    record
        .bindings
        .iter()
        .filter(|b| b.local.as_ref().is_some_and(|local| used.contains(local)))
        .filter_map(|binding| {
            let diagnostic = match &binding.name {
                ImportedName::Namespace => return None,
                ImportedName::Named(name) if has(name) => return None,
                ImportedName::Default if has("default") => return None,
                ImportedName::Named(name) => Diagnostic::error(
                    DiagnosticCode::UnknownExport,
                    format!("`{specifier}` has no export named `{name}`"),
                )
                .with_suggestion(suggestion(name, exports, hint.as_deref())),
                ImportedName::Default => {
                    let local = binding.local.as_ref().map(|(sym, _)| sym.as_str()).unwrap_or("name");
                    let named: Vec<String> = closest_exports(local, exports)
                        .iter()
                        .map(|e| format!("`import {{ {e} }} from '{specifier}'`"))
                        .collect();
                    let suggestion = if named.is_empty() {
                        format!("import the names you use, or all of them with `import * as {local} from '{specifier}'`")
                    } else {
                        format!("import a named export, e.g. {}", or_list(&named))
                    };
                    Diagnostic::error(
                        DiagnosticCode::UnknownExport,
                        format!("`{specifier}` has no default export"),
                    )
                    .with_suggestion(suggestion)
                }
            };
            Some((binding.span, diagnostic))
        })
        .collect()
}

fn suggestion(name: &str, exports: &[String], hint: Option<&str>) -> String {
    let close = closest_exports(name, exports);
    match (close.is_empty(), hint) {
        (false, _) => {
            let quoted: Vec<String> = close.iter().map(|c| format!("`{c}`")).collect();
            format!("did you mean {}?", or_list(&quoted))
        }
        (true, Some(hint)) => hint.to_string(),
        (true, None) => "check the package's documentation for the exact export name".to_string(),
    }
}

/// The exports a mistyped `name` most likely meant, best first: the same name in other case,
/// with or without an `Icon` suffix, an export that ends with it as a word (`Dashboard` →
/// `LayoutDashboard`), then the closest spellings.
pub fn closest_exports<'a>(name: &str, exports: &'a [String]) -> Vec<&'a str> {
    let mut found: Vec<&'a str> = Vec::new();
    let add = |candidate: &'a str, found: &mut Vec<&'a str>| {
        // `LucideLayoutDashboard` adds nothing to `LayoutDashboard`.
        let alias_of_found = found.iter().any(|f| candidate.ends_with(f));
        if candidate != "default" && !alias_of_found && found.len() < MAX_SUGGESTIONS {
            found.push(candidate);
        }
    };
    let lower = name.to_lowercase();
    let bare = name.strip_suffix("Icon").unwrap_or(name);
    for export in exports {
        if export.to_lowercase() == lower || export == bare || *export == format!("{name}Icon") {
            add(export, &mut found);
        }
    }
    let mut by_word: Vec<&'a String> = exports
        .iter()
        .filter(|e| e.len() > bare.len() && bare.len() >= 4 && ends_with_word(e, bare))
        .collect();
    by_word.sort_by_key(|e| (e.len(), e.as_str()));
    for export in by_word {
        add(export, &mut found);
    }
    // A quarter of the letters may differ: `ShopingCart` → `ShoppingCart`, not `Heart` → `Star`.
    let limit = (name.chars().count() / 4).max(1);
    let mut by_distance: Vec<(usize, &'a String)> = exports
        .iter()
        .map(|e| (strsim::levenshtein(name, e), e))
        .filter(|(d, _)| *d <= limit)
        .collect();
    by_distance.sort();
    for (_, export) in by_distance {
        add(export, &mut found);
    }
    found
}

/// `LayoutDashboard` ends with the word `Dashboard`; `Clipboard` does not end with `board` as a
/// word.
fn ends_with_word(export: &str, word: &str) -> bool {
    export.strip_suffix(word).is_some_and(|head| {
        head.chars()
            .last()
            .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            && word.starts_with(|c: char| c.is_ascii_uppercase())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exports(names: &[&str]) -> Vec<String> {
        let mut v: Vec<String> = names.iter().map(|s| s.to_string()).collect();
        v.sort();
        v
    }

    #[test]
    fn suggests_case_icon_suffix_word_and_spelling() {
        let list = exports(&[
            "Heart",
            "HeartIcon",
            "LogOut",
            "LayoutDashboard",
            "Dashboard2",
            "ShoppingCart",
            "Loader2",
            "Clipboard",
            "default",
        ]);
        assert_eq!(closest_exports("Logout", &list), vec!["LogOut"]);
        assert_eq!(closest_exports("HeartIcn", &list)[0], "HeartIcon");
        assert_eq!(
            closest_exports("Dashboard", &list),
            vec!["LayoutDashboard", "Dashboard2"]
        );
        assert_eq!(closest_exports("ShopingCart", &list), vec!["ShoppingCart"]);
        assert!(
            closest_exports("Board", &list).is_empty(),
            "Clipboard is not Clip+Board"
        );
        assert!(closest_exports("Github", &list).is_empty());
    }

    #[test]
    fn strips_and_adds_the_icon_suffix() {
        let list = exports(&["Heart", "StarIcon"]);
        assert_eq!(closest_exports("HeartIcon", &list), vec!["Heart"]);
        assert_eq!(closest_exports("Star", &list), vec!["StarIcon"]);
    }
}
