//! Browser APIs the sandboxed preview refuses (an opaque origin has no IndexedDB), provided by an
//! allowlisted package ([`Shim`]): which apps need one, so their load list carries its bundle.

use std::collections::BTreeSet;

use swc_core::ecma::ast::{Expr, MemberProp, Module};
use swc_core::ecma::visit::{Visit, VisitWith};

use super::allowlist::{Allowlist, Shim};

/// The shims `module` uses by their global: `indexedDB`, `window.indexedDB` (or on `globalThis`
/// or `self`). A local of the same name counts too, which at worst loads a bundle unused.
pub fn globals_used<'a>(allowlist: &'a Allowlist, module: &Module) -> BTreeSet<&'a str> {
    if allowlist.shims.is_empty() {
        return BTreeSet::new();
    }
    let mut finder = GlobalFinder {
        shims: &allowlist.shims,
        used: BTreeSet::new(),
    };
    module.visit_with(&mut finder);
    finder.used
}

/// The bundles of the shims an app needs: those whose global it uses, and those of the packages
/// it imports that are built on one (`idb` on `indexedDB`).
pub fn bundles<'a>(
    allowlist: &Allowlist,
    globals: impl IntoIterator<Item = &'a str>,
    imported_packages: impl IntoIterator<Item = &'a str>,
) -> BTreeSet<String> {
    let globals: BTreeSet<&str> = globals.into_iter().collect();
    let imported: BTreeSet<&str> = imported_packages.into_iter().collect();
    allowlist
        .shims
        .iter()
        .filter(|shim| {
            globals.contains(shim.global.as_str())
                || shim.with.iter().any(|p| imported.contains(p.as_str()))
        })
        .filter_map(|shim| allowlist.package(&shim.package))
        .map(|package| package.bundle_for(None))
        .collect()
}

struct GlobalFinder<'a> {
    shims: &'a [Shim],
    used: BTreeSet<&'a str>,
}

impl<'a> GlobalFinder<'a> {
    fn note(&mut self, name: &str) {
        if let Some(shim) = self.shims.iter().find(|s| s.global == name) {
            self.used.insert(shim.global.as_str());
        }
    }
}

impl Visit for GlobalFinder<'_> {
    fn visit_expr(&mut self, expr: &Expr) {
        match expr {
            Expr::Ident(ident) => self.note(&ident.sym),
            Expr::Member(member) => {
                let on_global = matches!(&*member.obj, Expr::Ident(o)
                    if matches!(&*o.sym, "window" | "globalThis" | "self"));
                if let (true, MemberProp::Ident(prop)) = (on_global, &member.prop) {
                    self.note(&prop.sym);
                }
            }
            _ => {}
        }
        expr.visit_children_with(self);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse_tsx as module;

    #[test]
    fn the_indexeddb_global_and_the_packages_on_it_load_the_memory_indexeddb() {
        let allowlist = Allowlist::embedded();
        for source in [
            "const request = indexedDB.open('notes', 1);",
            "export const db = () => window.indexedDB.open('x');",
            "if (!('indexedDB' in window) || !globalThis.indexedDB) {}",
        ] {
            let used = globals_used(allowlist, &module(source));
            assert_eq!(
                bundles(allowlist, used, []),
                BTreeSet::from(["storage_indexeddb".to_string()]),
                "{source}"
            );
        }
        let plain = globals_used(allowlist, &module("localStorage.setItem('a', '1');"));
        assert!(bundles(allowlist, plain, ["react"]).is_empty());
        assert_eq!(
            bundles(allowlist, [], ["localforage"]),
            BTreeSet::from(["storage_indexeddb".to_string()])
        );
    }
}
