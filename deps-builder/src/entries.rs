//! The virtual entry module of each category: it imports every package (and allowed subpath) as
//! a namespace and re-exports it under its specifier, so the IIFE's exports object becomes
//! `window.AppDependencies.<category>` = `{ "react": ns, "react-dom/client": ns, … }`.

use appbundle_bundler::Allowlist;

/// Where the built-in runtime module's source is written next to the entries.
pub const RUNTIME_FILE: &str = "appbundle-runtime.js";
pub const RUNTIME_SOURCE: &str = include_str!("../runtime/appbundle-runtime.js");

/// Specifiers a bundle registers, in a stable order.
pub fn specifiers(allowlist: &Allowlist, bundle: &str) -> Vec<String> {
    allowlist
        .bundles()
        .into_iter()
        .find(|b| b.name == bundle)
        .map(|b| b.specifiers)
        .unwrap_or_default()
}

/// Source of the entry module for `category`.
pub fn entry_source(allowlist: &Allowlist, category: &str) -> String {
    let mut imports = String::new();
    let mut exports = Vec::new();
    for (index, specifier) in specifiers(allowlist, category).iter().enumerate() {
        let from = if *specifier == allowlist.runtime.module {
            format!("./{RUNTIME_FILE}")
        } else {
            specifier.clone()
        };
        imports.push_str(&format!("import * as m{index} from {from:?};\n"));
        exports.push(format!("m{index} as {specifier:?}"));
    }
    format!("{imports}export {{ {} }};\n", exports.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn core_entry_registers_react_and_the_runtime() {
        let source = entry_source(Allowlist::embedded(), "core");
        assert!(source.contains("import * as m0 from \"react\";"));
        assert!(source.contains("from \"./appbundle-runtime.js\""));
        assert!(source.contains("as \"react/jsx-runtime\""));
        assert!(source.contains("as \"@appbundle/runtime\""));
    }
}
