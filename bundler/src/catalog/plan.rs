//! The bundle plan: which prebuilt bundles exist, the order they load in, and what each needs
//! loaded first. Built once from the allowlist ([`Allowlist::plan`]); deps-builder builds in
//! this order and shares packages by it, and the pipeline asks it for an app's load list. No
//! other module computes load order.

use std::collections::{BTreeMap, BTreeSet};

use super::allowlist::{Allowlist, LoadStrategy, SpecifierClass};
use super::kit;

/// One prebuilt bundle: a category, a split-off subpath of a package, or one of the kit's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleSpec {
    /// The bundle's name (`core`, `icons_fa`, `kit`): its global and its file's stem.
    pub name: String,
    /// Loaded with every app, or only when an app imports from it.
    pub load: LoadStrategy,
    /// Specifiers it registers, in a stable order.
    pub specifiers: Vec<String>,
    /// For a split-off subpath (`icons_fa` from `react-icons`): the package, whose shared code
    /// the bundle takes from the package's own bundle, which therefore loads first.
    pub split_from: Option<SplitFrom>,
    /// One of the component kit's bundles.
    pub is_kit: bool,
    /// It provides a browser API the preview lacks (a [`super::allowlist::Shim`]'s package).
    pub is_shim: bool,
    /// Packages its code imports that other bundles register (the kit's radix, cva, sonner,
    /// React), each with that bundle: they are taken from there, never copied.
    pub shared: Vec<SharedPackage>,
    /// The bundles that must load before it (not the always-loaded ones), in load order.
    pub prerequisites: Vec<String>,
}

/// What a split-off subpath bundle shares with its package's bundle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitFrom {
    /// The package (`react-icons`).
    pub package: String,
    /// The bundle that registers the package root (`icons`).
    pub bundle: String,
    /// The subpath this bundle registers (`fa`).
    pub subpath: String,
}

/// A package one bundle takes from another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SharedPackage {
    /// The specifier the code imports (`@radix-ui/react-dialog`).
    pub specifier: String,
    /// The bundle that registers it (`ui_radix`).
    pub bundle: String,
}

/// Every bundle of an allowlist, in load order: always-loaded ones first, then the others by
/// name, then the kit's (which take radix, cva and sonner from the others).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundlePlan {
    bundles: Vec<BundleSpec>,
}

/// A bundle's place in load order: the always-loaded ones, then the shims (a package may take
/// the API a shim provides when it loads, as localforage takes `indexedDB`), then the others by
/// name, then the kit's.
fn rank(load: LoadStrategy, is_shim: bool, is_kit: bool, name: &str) -> (u8, String) {
    let group = match (load, is_shim, is_kit) {
        (LoadStrategy::Always, _, _) => 0,
        (_, true, _) => 1,
        (_, false, false) => 2,
        (_, false, true) => 3,
    };
    (group, name.to_string())
}

impl BundlePlan {
    /// Plans the bundles of `allowlist` (its categories, split subpaths and kit).
    pub fn new(allowlist: &Allowlist) -> BundlePlan {
        let mut by_name: BTreeMap<String, Vec<String>> = allowlist
            .categories
            .keys()
            .map(|c| (c.clone(), Vec::new()))
            .collect();
        let mut split: BTreeMap<String, SplitFrom> = BTreeMap::new();
        for package in &allowlist.packages {
            by_name
                .entry(package.bundle_for(None))
                .or_default()
                .push(package.name.clone());
            for sub in &package.subpaths {
                let bundle = package.bundle_for(Some(sub));
                if package.split_subpaths {
                    split.insert(
                        bundle.clone(),
                        SplitFrom {
                            package: package.name.clone(),
                            bundle: package.bundle_for(None),
                            subpath: sub.clone(),
                        },
                    );
                }
                by_name
                    .entry(bundle)
                    .or_default()
                    .push(format!("{}/{sub}", package.name));
            }
        }
        by_name
            .entry(allowlist.runtime.category.clone())
            .or_default()
            .push(allowlist.runtime.module.clone());
        let shim_bundles: BTreeSet<String> = allowlist
            .shims
            .iter()
            .filter_map(|shim| allowlist.package(&shim.package))
            .map(|package| package.bundle_for(None))
            .collect();
        let load_of = |name: &str| {
            allowlist
                .categories
                .get(name)
                .map(|c| c.load)
                .unwrap_or(LoadStrategy::OnImport)
        };
        let mut bundles: Vec<BundleSpec> = by_name
            .into_iter()
            .filter(|(_, specifiers)| !specifiers.is_empty())
            .map(|(name, specifiers)| {
                let split_from = split.get(&name).cloned();
                BundleSpec {
                    load: load_of(&name),
                    prerequisites: split_from.iter().map(|s| s.bundle.clone()).collect(),
                    split_from,
                    is_kit: false,
                    is_shim: shim_bundles.contains(&name),
                    shared: Vec::new(),
                    name,
                    specifiers,
                }
            })
            .collect();
        if let Some(section) = &allowlist.kit {
            for (name, modules) in kit::bundles(&section.bundle) {
                let shared = kit_shared_packages(allowlist, &section.bundle, &name);
                bundles.push(BundleSpec {
                    load: LoadStrategy::OnImport,
                    specifiers: modules.iter().map(|m| m.specifier()).collect(),
                    split_from: None,
                    is_kit: true,
                    is_shim: false,
                    prerequisites: Vec::new(),
                    shared,
                    name,
                });
            }
        }
        bundles.sort_by_key(|b| rank(b.load, b.is_shim, b.is_kit, &b.name));
        let always: BTreeSet<String> = bundles
            .iter()
            .filter(|b| b.load == LoadStrategy::Always)
            .map(|b| b.name.clone())
            .collect();
        for bundle in &mut bundles {
            if bundle.is_kit {
                let needed: BTreeSet<String> = bundle
                    .shared
                    .iter()
                    .map(|s| s.bundle.clone())
                    .filter(|b| !always.contains(b))
                    .collect();
                bundle.prerequisites = needed.into_iter().collect();
            }
        }
        let mut plan = BundlePlan { bundles };
        for index in 0..plan.bundles.len() {
            let mut prerequisites = std::mem::take(&mut plan.bundles[index].prerequisites);
            prerequisites.sort_by_key(|b| plan.rank_of(b));
            plan.bundles[index].prerequisites = prerequisites;
        }
        plan
    }

    /// Every bundle, in load order.
    pub fn bundles(&self) -> &[BundleSpec] {
        &self.bundles
    }

    /// The bundle named `name`.
    pub fn get(&self, name: &str) -> Option<&BundleSpec> {
        self.bundles.iter().find(|b| b.name == name)
    }

    /// The bundles loaded whether or not the app imports from them.
    pub fn always_loaded(&self) -> impl Iterator<Item = &str> {
        self.bundles
            .iter()
            .filter(|b| b.load == LoadStrategy::Always)
            .map(|b| b.name.as_str())
    }

    /// Whether `name` is one of the component kit's bundles.
    pub fn is_kit_bundle(&self, name: &str) -> bool {
        self.get(name).is_some_and(|b| b.is_kit)
    }

    /// The bundles `name` needs loaded before it (a split-off set's parent, the kit's
    /// packages' bundles), in load order.
    pub fn prerequisites(&self, name: &str) -> &[String] {
        self.get(name).map_or(&[], |b| b.prerequisites.as_slice())
    }

    /// What an app that imports from `used` loads, in load order: the always-loaded bundles,
    /// `used`, and everything those need first.
    pub fn load_list<'a>(&self, used: impl IntoIterator<Item = &'a str>) -> Vec<String> {
        let mut needed: BTreeSet<String> = self.always_loaded().map(str::to_string).collect();
        let mut queue: Vec<String> = used.into_iter().map(str::to_string).collect();
        while let Some(name) = queue.pop() {
            if needed.insert(name.clone()) {
                queue.extend(self.prerequisites(&name).iter().cloned());
            }
        }
        let mut list: Vec<String> = needed.into_iter().collect();
        list.sort_by_key(|b| self.rank_of(b));
        list
    }

    fn rank_of(&self, name: &str) -> (u8, String) {
        match self.get(name) {
            Some(b) => rank(b.load, b.is_shim, b.is_kit, &b.name),
            None => rank(LoadStrategy::OnImport, false, false, name),
        }
    }
}

/// The packages kit bundle `bundle` imports, with the bundles that register them. Packages
/// not on the allowlist are left out here; they fail deps-builder's build and the tests below.
fn kit_shared_packages(
    allowlist: &Allowlist,
    kit_bundle: &str,
    bundle: &str,
) -> Vec<SharedPackage> {
    kit::packages_of(kit_bundle, bundle)
        .into_iter()
        .filter_map(|specifier| match allowlist.classify(specifier) {
            SpecifierClass::Allowed { category, .. } => Some(SharedPackage {
                specifier: specifier.to_string(),
                bundle: category,
            }),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan() -> &'static BundlePlan {
        Allowlist::embedded().plan()
    }

    fn names(list: &[String]) -> Vec<&str> {
        list.iter().map(String::as_str).collect()
    }

    #[test]
    fn always_loaded_first_then_by_name_then_the_kit() {
        let names: Vec<&str> = plan().bundles().iter().map(|b| b.name.as_str()).collect();
        assert_eq!(names[0], "core");
        let kit = [
            "kit",
            "kit_base",
            "kit_calendar",
            "kit_carousel",
            "kit_chart",
            "kit_form",
            "kit_input_otp",
            "kit_resizable",
        ];
        assert_eq!(names[names.len() - kit.len()..], kit);
        // The in-memory IndexedDB loads before localforage, which takes `indexedDB` on load.
        assert_eq!(names[1], "storage_indexeddb");
        let middle = &names[2..names.len() - kit.len()];
        assert!(middle.windows(2).all(|w| w[0] < w[1]), "{middle:?}");
        assert_eq!(plan().always_loaded().collect::<Vec<_>>(), vec!["core"]);
    }

    #[test]
    fn split_icon_sets_load_after_their_package_bundle() {
        let fa = plan().get("icons_fa").expect("icons_fa is planned");
        assert_eq!(fa.specifiers, vec!["react-icons/fa"]);
        let split = fa
            .split_from
            .as_ref()
            .expect("icons_fa is split from react-icons");
        assert_eq!(
            (split.package.as_str(), split.bundle.as_str()),
            ("react-icons", "icons")
        );
        assert_eq!(names(plan().prerequisites("icons_fa")), ["icons"]);
        assert!(plan().prerequisites("icons").is_empty());
    }

    #[test]
    fn the_kit_needs_the_radix_utility_and_toast_bundles_and_its_form_the_forms_one() {
        assert_eq!(
            names(plan().prerequisites("kit")),
            ["feedback", "ui_radix", "utils"]
        );
        assert_eq!(
            names(plan().prerequisites("kit_form")),
            ["forms", "ui_radix", "utils"]
        );
        assert_eq!(
            names(plan().prerequisites("kit_input_otp")),
            ["ui_otp", "utils"]
        );
        assert_eq!(
            names(plan().prerequisites("kit_chart")),
            ["charts", "utils"]
        );
        assert_eq!(names(plan().prerequisites("kit_base")), ["utils"]);
        assert_eq!(
            names(plan().prerequisites("kit_calendar")),
            ["dates_daypicker", "ui_radix", "utils"]
        );
        assert!(plan().is_kit_bundle("kit_form"));
        assert!(!plan().is_kit_bundle("ui_radix"));
        let kit = plan().get("kit").unwrap();
        assert!(kit
            .shared
            .iter()
            .any(|s| s.specifier == "@radix-ui/react-dialog" && s.bundle == "ui_radix"));
    }

    #[test]
    fn every_package_the_kit_imports_is_allowlisted() {
        let allowlist = Allowlist::embedded();
        let kit_bundles = kit::bundles("kit");
        for (bundle, _) in &kit_bundles {
            let shared = &plan().get(bundle).unwrap().shared;
            for package in kit::packages_of("kit", bundle) {
                assert!(
                    shared.iter().any(|s| s.specifier == package),
                    "the kit imports `{package}`, which is not allowlisted ({:?})",
                    allowlist.classify(package)
                );
            }
        }
    }

    #[test]
    fn load_list_adds_prerequisites_in_load_order() {
        assert_eq!(names(&plan().load_list([])), ["core"]);
        assert_eq!(
            names(&plan().load_list(["icons_fa", "charts"])),
            ["core", "charts", "icons", "icons_fa"]
        );
        assert_eq!(
            names(&plan().load_list(["kit", "dates"])),
            ["core", "dates", "feedback", "ui_radix", "utils", "kit"]
        );
        assert_eq!(names(&plan().load_list(["core"])), ["core"]);
    }
}
