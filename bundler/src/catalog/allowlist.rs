//! The allowlist (`allowlist.toml`): what generated apps may import, what is blocked and why.
//!
//! The bundler embeds the repository's `allowlist.toml` at compile time so a binary carries the
//! rules it was built with; `Allowlist::from_toml` reads another one (tests, custom deployments).

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::kit;
use super::plan::BundlePlan;

/// The allowlist this crate was built with.
pub const EMBEDDED_ALLOWLIST: &str = include_str!("../../../allowlist.toml");

#[derive(Debug, thiserror::Error)]
/// An allowlist that cannot be used.
pub enum AllowlistError {
    #[error("allowlist.toml is not valid: {0}")]
    /// Not valid TOML for the allowlist's shape.
    Toml(#[from] toml::de::Error),
    #[error("allowlist.toml is inconsistent: {0}")]
    /// Valid TOML that contradicts itself.
    Inconsistent(String),
}

/// An operator's allowlist on top of the embedded one, so it keeps up with appbundle's own list
/// instead of being a copy of it: its categories and packages are added (a package of the same
/// name replaces the embedded entry), and a package it allows is no longer blocked.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Overlay {
    /// What it extends: `"embedded"`, the allowlist this binary was built with.
    pub extends: String,
    /// Categories to add.
    #[serde(default)]
    pub categories: BTreeMap<String, Category>,
    /// Packages to add or replace.
    #[serde(default)]
    pub packages: Vec<Package>,
    /// More blocked groups.
    #[serde(default)]
    pub blocked: Vec<BlockedGroup>,
    /// More aliases.
    #[serde(default)]
    pub aliases: Vec<Alias>,
    /// More shims.
    #[serde(default)]
    pub shims: Vec<Shim>,
}

impl Overlay {
    fn apply_to(self, mut base: Allowlist) -> Result<Allowlist, AllowlistError> {
        if self.extends != "embedded" {
            return Err(AllowlistError::Inconsistent(format!(
                "`extends = {:?}`: only \"embedded\" (the allowlist built in) can be extended",
                self.extends
            )));
        }
        base.categories.extend(self.categories);
        for package in self.packages {
            for group in &mut base.blocked {
                group.names.retain(|name| *name != package.name);
            }
            base.packages.retain(|p| p.name != package.name);
            base.packages.push(package);
        }
        base.blocked.retain(|group| !group.names.is_empty());
        base.blocked.extend(self.blocked);
        base.aliases.extend(self.aliases);
        base.shims.extend(self.shims);
        Ok(base)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
/// What generated apps may import (`allowlist.toml`).
pub struct Allowlist {
    /// The file's format version.
    pub format: u32,
    /// The built-in `@appbundle/runtime` module.
    pub runtime: RuntimeModule,
    /// The built-in component kit (`super::kit`); absent: apps get no kit.
    #[serde(default)]
    pub kit: Option<KitSection>,
    /// React Fast Refresh for the preview; absent: no bundle is built for it.
    #[serde(default)]
    pub refresh: Option<RefreshSection>,
    /// Categories by name: each becomes a bundle unless its packages name another.
    pub categories: BTreeMap<String, Category>,
    /// Every allowed package.
    pub packages: Vec<Package>,
    #[serde(default)]
    /// Blocked package groups.
    pub blocked: Vec<BlockedGroup>,
    /// Packages served by an allowlisted one with the same API.
    #[serde(default)]
    pub aliases: Vec<Alias>,
    /// Browser APIs the sandboxed preview lacks, each provided by a package.
    #[serde(default)]
    pub shims: Vec<Shim>,
    /// The Node.js built-ins.
    pub node_builtins: NodeBuiltins,
    /// Its bundles, planned on first use.
    #[serde(skip)]
    plan: OnceLock<BundlePlan>,
}

/// The built-in module (`@appbundle/runtime`) that provides `useAppData` and `SandboxAPI`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuntimeModule {
    /// Its specifier (`@appbundle/runtime`).
    pub module: String,
    /// The category bundle that registers it.
    pub category: String,
    /// Its export names.
    pub exports: Vec<String>,
    /// What the prompts say of it.
    pub hint: String,
    /// A usage example for the prompts.
    pub example: String,
}

/// Where the component kit (`super::kit`) is registered, and what the prompts say of it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KitSection {
    /// The bundle that registers every kit module under `@/<path>`.
    pub bundle: String,
    /// What the prompts say of the kit.
    pub hint: String,
    /// A usage example for the prompts.
    pub example: String,
}

/// The runtime of React Fast Refresh (`react-refresh`). React's production build has no refresh
/// entry points, so the bundle of [`RefreshSection::BUNDLE_OF`] is also built in React's
/// development mode with this runtime in it, for previews that keep state across edits. Apps
/// cannot import it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RefreshSection {
    /// Its npm name (`react-refresh`).
    pub package: String,
    /// Its pinned version.
    pub version: String,
}

impl RefreshSection {
    /// The bundle that has a refresh build: the one React lives in.
    pub const BUNDLE_OF: &'static str = "core";
    /// The specifier its runtime is registered under in that bundle.
    pub fn runtime_specifier(&self) -> String {
        format!("{}/runtime", self.package)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
/// When a category's bundle loads.
pub enum LoadStrategy {
    /// With every app.
    Always,
    /// When the app imports from it.
    OnImport,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
/// A group of packages.
pub struct Category {
    /// When its bundle loads.
    pub load: LoadStrategy,
    /// What it holds, for the prompts.
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
/// One allowlisted npm package.
pub struct Package {
    /// Its npm name.
    pub name: String,
    /// The pinned version.
    pub version: String,
    /// Its category.
    pub category: String,
    /// What the prompts say of it.
    pub hint: String,
    #[serde(default)]
    /// Subpaths apps may import (`client` of `react-dom`).
    pub subpaths: Vec<String>,
    #[serde(default)]
    /// A usage example for the prompts.
    pub example: Option<String>,
    /// Shown when an app imports a name the package lacks and no close name exists (lucide has
    /// no brand logos: say where they are).
    #[serde(default)]
    pub export_hint: Option<String>,
    /// Names the package no longer exports that generated code still imports (lucide's brand
    /// logos), each served by an export of another allowlisted package, written
    /// `"<specifier>#<export>"` (`"react-icons/fa#FaGithub"`): the import is rewritten to it, with
    /// an `import-aliased` warning.
    #[serde(default)]
    pub moved_exports: BTreeMap<String, String>,
    /// Give each subpath a bundle of its own (`<category>_<subpath>`), for packages whose
    /// subpaths are large and independent (react-icons: one set per bundle, not 40 MB at once).
    #[serde(default)]
    pub split_subpaths: bool,
    /// A bundle of its own instead of its category's (`charts_d3`): for heavy packages that
    /// apps rarely combine, so an app using one does not download the others. Packages that
    /// share state (chart.js and react-chartjs-2) must share a bundle.
    #[serde(default)]
    pub bundle: Option<String>,
    /// Deliver the icons with each app instead of in the bundle (`super::icon_sets`), read from
    /// the package in this layout (`lucide`: the root's icons; `react-icons`: each subpath's).
    /// The bundle keeps the package's other exports.
    #[serde(default)]
    pub per_app_icons: Option<IconLayout>,
}

/// How a per-app icon package lays out its icons (read by deps-builder).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum IconLayout {
    /// lucide-react: `dist/esm/lucide-react.mjs` re-exports `./icons/<key>.mjs`, each holding
    /// `const __iconData = {…}` for `createLucideIcon`.
    Lucide,
    /// react-icons: each set (`react-icons/fa/index.mjs`) exports `function FaX(props) { return
    /// GenIcon({…})(props) }`; `GenIcon` comes from the package root.
    ReactIcons,
}

impl Package {
    /// The subpath `specifier` names in this package (`fa` of `react-icons/fa`), if any.
    pub fn subpath_of<'s>(&self, specifier: &'s str) -> Option<&'s str> {
        specifier
            .strip_prefix(self.name.as_str())
            .and_then(|rest| rest.strip_prefix('/'))
            .filter(|rest| !rest.is_empty())
    }

    /// The icon layout of `specifier` when its icons travel with each app.
    pub fn per_app_layout(&self, specifier: &str) -> Option<IconLayout> {
        let is_root = specifier == self.name;
        match self.per_app_icons? {
            IconLayout::Lucide if is_root => Some(IconLayout::Lucide),
            IconLayout::ReactIcons if !is_root => Some(IconLayout::ReactIcons),
            _ => None,
        }
    }
}

impl Package {
    /// The bundle that registers `specifier` (the package itself or one of its subpaths).
    pub fn bundle_for(&self, subpath: Option<&str>) -> String {
        match subpath {
            Some(sub) if self.split_subpaths => {
                let suffix: String = sub
                    .chars()
                    .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
                    .collect();
                format!("{}_{suffix}", self.category)
            }
            _ => self.bundle.clone().unwrap_or_else(|| self.category.clone()),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
/// Why a group of packages is blocked.
pub enum BlockKind {
    /// Server-only or unsafe in a page (native code, filesystem, network servers).
    Security,
    /// Too heavy for a generated app.
    Size,
    /// The platform already has an equivalent.
    Redundant,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
/// Packages blocked for one reason, with what to use instead.
pub struct BlockedGroup {
    /// The package names (a name also blocks its subpaths).
    pub names: Vec<String>,
    /// The kind of reason.
    pub kind: BlockKind,
    /// Why, as users and the model read it.
    pub reason: String,
    /// The alternatives to suggest.
    pub use_instead: Vec<String>,
}

/// A package that is served by an allowlisted one with the same API (`lodash` → `lodash-es`):
/// imports of it work, with a warning; a subpath (`lodash/debounce`) is that export of the
/// target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Alias {
    /// The package apps import.
    pub name: String,
    /// The allowlisted package that serves it.
    pub to: String,
    /// Why that is the same, as users and the model read it.
    pub reason: String,
}

/// A browser API the preview's opaque origin refuses (`indexedDB`), provided by an allowlisted
/// package (an in-memory IndexedDB): an app that uses the global, or a package listed in
/// `with`, also loads the package's bundle, which loads before every other bundle but the
/// always-loaded ones (a package may take the API when it loads: localforage does), and the
/// preview puts the package's API in place of the refused one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Shim {
    /// The global apps use (`indexedDB`), also as `window.<global>`.
    pub global: String,
    /// The allowlisted package that provides it.
    pub package: String,
    /// Packages built on the API: importing one loads the shim too.
    #[serde(default)]
    pub with: Vec<String>,
}

/// The Node.js built-in modules, blocked as a class.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NodeBuiltins {
    /// Why, as users and the model read it.
    pub reason: String,
    /// The alternatives to suggest.
    pub use_instead: Vec<String>,
    /// The module names (`fs`, `child_process`, …); every `node:` specifier is blocked too.
    pub modules: Vec<String>,
}

/// What a bare import specifier refers to, according to the allowlist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SpecifierClass<'a> {
    /// An allowlisted package or one of its allowed subpaths.
    Allowed {
        /// The package's name.
        package: &'a str,
        /// The key the category bundle registers: `react`, `react-dom/client`.
        key: String,
        /// The bundle that registers it (a category, or `<category>_<subpath>` when split).
        category: String,
    },
    /// A package served by another (an [`Alias`]).
    Aliased {
        /// The alias.
        alias: &'a Alias,
        /// The key the target's bundle registers (`lodash-es`), or for a subpath the key of
        /// the module the app carries for it (`lodash/debounce`).
        key: String,
        /// The target's bundle.
        category: String,
        /// For a subpath: the target's export it stands for (`debounce`).
        export: Option<String>,
    },
    /// A package of the allowlist, but a subpath it does not provide.
    SubpathNotAllowed {
        /// The package.
        package: &'a Package,
        /// The subpath asked for.
        subpath: String,
    },
    /// A blocked package.
    Blocked {
        /// Its group, with the reason and alternatives.
        group: &'a BlockedGroup,
        /// The package named.
        name: String,
    },
    /// A Node.js built-in module.
    NodeBuiltin {
        /// The module named.
        name: String,
    },
    /// Not malformed, simply not on the allowlist.
    Unknown {
        /// The package named.
        package: String,
    },
    /// Not a valid package specifier at all (`react/../../fs`, empty segments, odd characters).
    Malformed {
        /// Why it is malformed.
        reason: &'static str,
    },
}

impl Allowlist {
    /// The allowlist embedded at build time. It is checked by this crate's tests, so a failure
    /// here is a build defect, not bad input.
    pub fn embedded() -> &'static Allowlist {
        static EMBEDDED: OnceLock<Allowlist> = OnceLock::new();
        EMBEDDED.get_or_init(|| {
            Allowlist::from_toml(EMBEDDED_ALLOWLIST).expect("embedded allowlist.toml is valid")
        })
    }

    /// Reads and checks an allowlist: a whole one, or an operator's additions to the embedded
    /// one (a file that starts with `extends = "embedded"`: an `Overlay`).
    pub fn from_toml(text: &str) -> Result<Allowlist, AllowlistError> {
        let table: toml::Table = toml::from_str(text)?;
        let list = if table.contains_key("extends") {
            let overlay: Overlay = table.try_into()?;
            overlay.apply_to(toml::from_str(EMBEDDED_ALLOWLIST)?)?
        } else {
            table.try_into()?
        };
        list.check()?;
        Ok(list)
    }

    fn check(&self) -> Result<(), AllowlistError> {
        let mut seen = std::collections::BTreeSet::new();
        let categories =
            self.packages
                .iter()
                .map(|p| (&p.name, &p.category))
                .chain(std::iter::once((
                    &self.runtime.module,
                    &self.runtime.category,
                )));
        for (name, category) in categories {
            if !self.categories.contains_key(category) {
                return Err(AllowlistError::Inconsistent(format!(
                    "package `{name}` names unknown category `{category}`"
                )));
            }
            if !seen.insert(name.as_str()) {
                return Err(AllowlistError::Inconsistent(format!(
                    "package `{name}` is listed twice"
                )));
            }
        }
        for package in &self.packages {
            let misplaced = match package.per_app_icons {
                Some(IconLayout::Lucide) => !package.subpaths.is_empty(),
                Some(IconLayout::ReactIcons) => !package.split_subpaths,
                None => false,
            };
            if misplaced {
                return Err(AllowlistError::Inconsistent(format!(
                    "package `{}`: per-app icons of the lucide layout need a package without \
                     subpaths, of the react-icons layout split subpaths",
                    package.name
                )));
            }
        }
        if let Some(section) = &self.kit {
            let taken = kit::bundles(&section.bundle).into_iter().any(|(name, _)| {
                self.categories.contains_key(&name)
                    || self.packages.iter().any(|p| p.bundle_for(None) == name)
            });
            if taken {
                return Err(AllowlistError::Inconsistent(format!(
                    "a bundle of the kit (`{}`, …) is also a category or package bundle",
                    section.bundle
                )));
            }
        }
        for package in &self.packages {
            for (name, target) in &package.moved_exports {
                let served = target.split_once('#').is_some_and(|(specifier, export)| {
                    !export.is_empty()
                        && matches!(self.classify(specifier), SpecifierClass::Allowed { .. })
                });
                if !served {
                    return Err(AllowlistError::Inconsistent(format!(
                        "`{}`: moved export `{name}` → `{target}` names no allowlisted \
                         `<specifier>#<export>`",
                        package.name
                    )));
                }
            }
        }
        for shim in &self.shims {
            if let Some(missing) = std::iter::once(&shim.package)
                .chain(&shim.with)
                .find(|name| self.package(name).is_none())
            {
                return Err(AllowlistError::Inconsistent(format!(
                    "shim `{}`: `{missing}` is not allowlisted",
                    shim.global
                )));
            }
        }
        for alias in &self.aliases {
            if self.package(&alias.to).is_none() || self.package(&alias.name).is_some() {
                return Err(AllowlistError::Inconsistent(format!(
                    "alias `{}` → `{}`: the target must be allowlisted and the alias not",
                    alias.name, alias.to
                )));
            }
        }
        for group in &self.blocked {
            for name in &group.names {
                if self.package(name).is_some() {
                    return Err(AllowlistError::Inconsistent(format!(
                        "`{name}` is both allowed and blocked"
                    )));
                }
            }
        }
        Ok(())
    }

    /// Its bundles in load order, with what each needs first.
    pub fn plan(&self) -> &BundlePlan {
        self.plan.get_or_init(|| BundlePlan::new(self))
    }

    /// The allowlisted package named `name`.
    pub fn package(&self, name: &str) -> Option<&Package> {
        self.packages.iter().find(|p| p.name == name)
    }

    /// The package an import specifier (`react-icons/fa`, `@scope/pkg/sub`) belongs to.
    pub fn package_of(&self, specifier: &str) -> Option<&Package> {
        split_package(specifier)
            .ok()
            .and_then(|(name, _)| self.package(name))
    }

    /// Judges a bare specifier (not relative, not a URL).
    pub fn classify(&self, specifier: &str) -> SpecifierClass<'_> {
        if let Some(name) = specifier.strip_prefix("node:") {
            return SpecifierClass::NodeBuiltin {
                name: name.to_string(),
            };
        }
        let (package, subpath) = match split_package(specifier) {
            Ok(parts) => parts,
            Err(reason) => return SpecifierClass::Malformed { reason },
        };
        if package == self.runtime.module && subpath.is_none() {
            return SpecifierClass::Allowed {
                package: &self.runtime.module,
                key: self.runtime.module.clone(),
                category: self.runtime.category.clone(),
            };
        }
        if let Some(found) = self.package(package) {
            return match subpath {
                None => SpecifierClass::Allowed {
                    package: &found.name,
                    key: found.name.clone(),
                    category: found.bundle_for(None),
                },
                Some(sub) if found.subpaths.iter().any(|s| s == sub) => SpecifierClass::Allowed {
                    package: &found.name,
                    key: specifier.to_string(),
                    category: found.bundle_for(Some(sub)),
                },
                Some(sub) => SpecifierClass::SubpathNotAllowed {
                    package: found,
                    subpath: sub.to_string(),
                },
            };
        }
        if let Some(alias) = self.aliases.iter().find(|a| a.name == package) {
            if let Some(target) = self.package(&alias.to) {
                let export = subpath.map(|sub| sub.trim_end_matches(".js").to_string());
                return SpecifierClass::Aliased {
                    alias,
                    key: match &export {
                        Some(_) => specifier.to_string(),
                        None => target.name.clone(),
                    },
                    category: target.bundle_for(None),
                    export,
                };
            }
        }
        if self.node_builtins.modules.iter().any(|m| m == package) {
            return SpecifierClass::NodeBuiltin {
                name: specifier.to_string(),
            };
        }
        let blocked = self
            .blocked
            .iter()
            .find(|g| g.names.iter().any(|n| n == specifier || n == package));
        if let Some(group) = blocked {
            return SpecifierClass::Blocked {
                group,
                name: package.to_string(),
            };
        }
        SpecifierClass::Unknown {
            package: package.to_string(),
        }
    }

    /// Every importable specifier (packages and their subpaths), for suggestions.
    pub fn importable_specifiers(&self) -> impl Iterator<Item = String> + '_ {
        self.packages
            .iter()
            .flat_map(|p| {
                std::iter::once(p.name.clone())
                    .chain(p.subpaths.iter().map(move |s| format!("{}/{}", p.name, s)))
            })
            .chain(std::iter::once(self.runtime.module.clone()))
    }
}

/// Splits `@scope/name/sub/path` into (`@scope/name`, `Some("sub/path")`), rejecting specifiers
/// that try to walk out of the package (`react/../../fs`) or are not npm names at all.
pub fn split_package(specifier: &str) -> Result<(&str, Option<&str>), &'static str> {
    if specifier.is_empty() {
        return Err("the specifier is empty");
    }
    if !specifier
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '@' | '/' | '-' | '_' | '.' | '~'))
    {
        return Err("a package specifier may only contain letters, digits and `@/-_.~`");
    }
    let segments: Vec<&str> = specifier.split('/').collect();
    if segments
        .iter()
        .any(|s| s.is_empty() || *s == "." || *s == "..")
    {
        return Err("a package specifier may not contain empty, `.` or `..` segments");
    }
    let name_len = if specifier.starts_with('@') {
        if segments.len() < 2 {
            return Err("a scoped package needs a name after the scope");
        }
        segments[0].len() + 1 + segments[1].len()
    } else {
        segments[0].len()
    };
    let (name, rest) = specifier.split_at(name_len);
    if name.starts_with('.') || name.starts_with('_') {
        return Err("a package name may not start with `.` or `_`");
    }
    Ok((name, rest.strip_prefix('/')))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_allowlist_is_consistent() {
        let list = Allowlist::embedded();
        assert!(list.package("react").is_some());
        assert!(list.categories["core"].load == LoadStrategy::Always);
    }

    #[test]
    fn an_overlay_adds_to_the_embedded_allowlist_and_lifts_blocks_of_what_it_allows() {
        let overlay = r#"
extends = "embedded"

[categories.graphics]
load = "on-import"
description = "3D"

[[packages]]
name = "three"
version = "0.187.0"
category = "graphics"
hint = "3D scenes"

[[packages]]
name = "dayjs"
version = "1.11.0"
category = "dates"
hint = "an older dayjs"
"#;
        let list = Allowlist::from_toml(overlay).unwrap();
        let embedded = Allowlist::embedded();
        assert!(matches!(
            list.classify("three"),
            SpecifierClass::Allowed { ref category, .. } if category == "graphics"
        ));
        assert!(matches!(
            embedded.classify("three"),
            SpecifierClass::Blocked { .. }
        ));
        // The rest of the block stays, and everything embedded is still there.
        assert!(matches!(
            list.classify("@react-three/fiber"),
            SpecifierClass::Blocked { .. }
        ));
        assert_eq!(list.packages.len(), embedded.packages.len() + 1);
        assert_eq!(list.package("dayjs").unwrap().version, "1.11.0");
        assert!(list.package("react").is_some());

        let other = Allowlist::from_toml("extends = \"https://example.com/list.toml\"\n");
        assert!(
            matches!(other, Err(AllowlistError::Inconsistent(ref m)) if m.contains("embedded")),
            "{other:?}"
        );
        let unknown = Allowlist::from_toml("extends = \"embedded\"\nformat = 1\n");
        assert!(
            matches!(unknown, Err(AllowlistError::Toml(_))),
            "{unknown:?}"
        );
        let bad_category = Allowlist::from_toml(
            "extends = \"embedded\"\n[[packages]]\nname = \"x\"\nversion = \"1.0.0\"\n\
             category = \"nowhere\"\nhint = \"x\"\n",
        );
        assert!(
            matches!(bad_category, Err(AllowlistError::Inconsistent(ref m)) if m.contains("nowhere")),
            "{bad_category:?}"
        );
    }

    #[test]
    fn heavy_chart_libraries_have_bundles_of_their_own() {
        let list = Allowlist::embedded();
        let bundle_of = |specifier: &str| match list.classify(specifier) {
            SpecifierClass::Allowed { category, .. } => category,
            other => panic!("{specifier}: {other:?}"),
        };
        assert_eq!(bundle_of("recharts"), "charts");
        assert_eq!(bundle_of("d3"), "charts_d3");
        // chart.js keeps one registry: its React wrapper shares its bundle.
        assert_eq!(bundle_of("react-chartjs-2"), "charts_chartjs");
        assert_eq!(bundle_of("chart.js/auto"), "charts_chartjs");
    }

    #[test]
    fn classifies_packages_subpaths_and_blocked() {
        let list = Allowlist::embedded();
        assert!(matches!(
            list.classify("react-dom/client"),
            SpecifierClass::Allowed { ref category, .. } if category == "core"
        ));
        assert!(matches!(
            list.classify("react-icons/fa"),
            SpecifierClass::Allowed { ref category, .. } if category == "icons_fa"
        ));
        assert!(matches!(
            list.classify("react-dom/server"),
            SpecifierClass::SubpathNotAllowed { .. }
        ));
        assert!(matches!(
            list.classify("moment"),
            SpecifierClass::Blocked { .. }
        ));
        assert!(matches!(
            list.classify("next/router"),
            SpecifierClass::Blocked { .. }
        ));
        assert!(matches!(
            list.classify("fs/promises"),
            SpecifierClass::NodeBuiltin { .. }
        ));
        assert!(matches!(
            list.classify("node:path"),
            SpecifierClass::NodeBuiltin { .. }
        ));
        assert!(matches!(
            list.classify("react/../../fs"),
            SpecifierClass::Malformed { .. }
        ));
        assert!(matches!(
            list.classify("left-pad"),
            SpecifierClass::Unknown { .. }
        ));
        assert!(matches!(
            list.classify("lodash"),
            SpecifierClass::Aliased { ref key, export: None, .. } if key == "lodash-es"
        ));
        assert!(matches!(
            list.classify("lodash/debounce"),
            SpecifierClass::Aliased { ref key, export: Some(ref e), ref category, .. }
                if key == "lodash/debounce" && e == "debounce" && category == "utils_lodash"
        ));
        assert!(matches!(
            list.classify("underscore"),
            SpecifierClass::Blocked { .. }
        ));
    }

    #[test]
    fn splits_scoped_names() {
        assert_eq!(
            split_package("@heroicons/react/24/solid"),
            Ok(("@heroicons/react", Some("24/solid")))
        );
        assert_eq!(split_package("zod"), Ok(("zod", None)));
        assert!(split_package("@scope").is_err());
    }
}
