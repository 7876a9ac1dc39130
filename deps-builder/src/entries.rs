//! The virtual entry module of each category: it imports every package (and allowed subpath) as
//! a namespace and re-exports it under its specifier, so the IIFE's exports object becomes
//! `window.AppDependencies.<category>` = `{ "react": ns, "react-dom/client": ns, … }`.

use appbundle_bundler::Allowlist;
use appbundle_bundler::{BundleSpec, RefreshSection};

/// Where the built-in runtime module's source is written next to the entries.
pub const RUNTIME_FILE: &str = "appbundle-runtime.js";
pub const RUNTIME_SOURCE: &str = include_str!("../runtime/appbundle-runtime.js");

/// Where the kit's sources are written beside the entries (`entries/kit/components/ui/…`).
pub const KIT_DIR: &str = "kit";

/// Writes the kit's sources into `entries_dir/kit/`.
pub fn write_kit_sources(entries_dir: &std::path::Path) -> std::io::Result<std::path::PathBuf> {
    let root = entries_dir.join(KIT_DIR);
    for file in appbundle_bundler::kit::FILES {
        let path = root.join(file.path);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(&path, file.source)?;
    }
    Ok(root)
}

/// The module, beside the entries, that a per-app icon package's bundle registers instead of
/// the package: its exports other than icons (see `icon_data`).
pub fn icon_base_file(specifier: &str) -> String {
    format!("{}.base.js", file_safe(specifier))
}

/// A specifier as part of a file name: `react-icons/fa` → `react-icons_fa`.
pub fn file_safe(specifier: &str) -> String {
    specifier
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// Source of [`icon_base_file`]: re-exports `names` of `specifier`, so rolldown drops the icons.
pub fn icon_base_source(specifier: &str, names: &[String]) -> String {
    if names.is_empty() {
        // A react-icons set is all icons: its bundle registers an empty namespace.
        return "export {};\n".to_string();
    }
    format!("export {{ {} }} from {specifier:?};\n", names.join(", "))
}

/// Source of the entry module of `bundle`.
pub fn entry_source(allowlist: &Allowlist, bundle: &BundleSpec) -> String {
    let mut imports = String::new();
    let mut exports = Vec::new();
    for (index, specifier) in bundle.specifiers.iter().enumerate() {
        let per_app_icons = allowlist
            .package_of(specifier)
            .is_some_and(|p| p.per_app_layout(specifier).is_some());
        let kit_module = appbundle_bundler::kit::module_for_specifier(specifier);
        let from = if *specifier == allowlist.runtime.module {
            format!("./{RUNTIME_FILE}")
        } else if let Some(module) = kit_module {
            format!("./{KIT_DIR}/{}", module.path)
        } else if per_app_icons {
            format!("./{}", icon_base_file(specifier))
        } else {
            specifier.clone()
        };
        imports.push_str(&format!("import * as m{index} from {from:?};\n"));
        exports.push(format!("m{index} as {specifier:?}"));
    }
    format!("{imports}export {{ {} }};\n", exports.join(", "))
}

/// Where the refresh build's setup module is written next to the entries.
pub const REFRESH_SETUP_FILE: &str = "refresh-setup.js";

/// Source of [`REFRESH_SETUP_FILE`]. React DOM looks for the DevTools hook once, when it loads:
/// the refresh runtime's hook must be in place before, so the entry imports this first.
pub fn refresh_setup_source(refresh: &RefreshSection) -> String {
    format!(
        "import * as runtime from {:?};\nruntime.injectIntoGlobalHook(window);\n",
        refresh.runtime_specifier()
    )
}

/// Source of the entry of `bundle`'s refresh build: the setup first, then what the production
/// entry registers, plus the refresh runtime itself.
pub fn refresh_entry_source(
    allowlist: &Allowlist,
    bundle: &BundleSpec,
    refresh: &RefreshSection,
) -> String {
    let runtime = refresh.runtime_specifier();
    format!(
        "import \"./{REFRESH_SETUP_FILE}\";\n{}import * as refresh from {runtime:?};\nexport {{ refresh as {runtime:?} }};\n",
        entry_source(allowlist, bundle)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn core_entry_registers_react_and_the_runtime() {
        let allowlist = Allowlist::embedded();
        let core = allowlist.plan().get("core").unwrap();
        let source = entry_source(allowlist, core);
        assert!(source.contains("import * as m0 from \"react\";"));
        assert!(source.contains("from \"./appbundle-runtime.js\""));
        assert!(source.contains("as \"react/jsx-runtime\""));
        assert!(source.contains("as \"@appbundle/runtime\""));
    }

    #[test]
    fn refresh_entry_installs_the_hook_before_react_dom_loads() {
        let allowlist = Allowlist::embedded();
        let core = allowlist.plan().get("core").unwrap();
        let refresh = allowlist.refresh.as_ref().unwrap();
        let source = refresh_entry_source(allowlist, core, refresh);
        let setup = source.find("./refresh-setup.js").unwrap();
        let react_dom = source.find("from \"react-dom\"").unwrap();
        assert!(setup < react_dom, "{source}");
        assert!(source.contains("as \"react-refresh/runtime\""), "{source}");
        assert!(refresh_setup_source(refresh).contains("injectIntoGlobalHook(window)"));
    }

    #[test]
    fn kit_entry_registers_its_modules_from_the_kit_sources() {
        let allowlist = Allowlist::embedded();
        let bundles = allowlist.plan().bundles();
        let names: Vec<&str> = bundles.iter().map(|b| b.name.as_str()).collect();
        let kit_at = names
            .iter()
            .position(|n| *n == "kit")
            .expect("a kit bundle");
        assert!(
            names[kit_at..].iter().all(|n| n.starts_with("kit")),
            "the kit loads last: {names:?}"
        );
        let kit = &bundles[kit_at];
        let source = entry_source(allowlist, kit);
        assert!(
            source.contains("from \"./kit/components/ui/button.tsx\""),
            "{source}"
        );
        assert!(source.contains("as \"@/components/ui/button\""));
        assert!(!source.contains("internal"));
        // `cn` is registered by the base bundle, which needs nothing but `utils`.
        let base = bundles.iter().find(|b| b.name == "kit_base").unwrap();
        assert!(entry_source(allowlist, base).contains("as \"@/lib/utils\""));
        assert!(!source.contains("as \"@/lib/utils\""));
        assert!(
            !source.contains("form.tsx"),
            "the form has a bundle of its own"
        );
    }

    #[test]
    fn lucide_entry_registers_its_base_module() {
        let allowlist = Allowlist::embedded();
        let lucide = allowlist
            .plan()
            .bundles()
            .iter()
            .find(|b| b.specifiers.iter().any(|s| s == "lucide-react"))
            .unwrap();
        let source = entry_source(allowlist, lucide);
        assert!(
            source.contains("from \"./lucide-react.base.js\""),
            "{source}"
        );
        assert!(source.contains("as \"lucide-react\""));
    }
}
