//! The built-in component kit: shadcn/ui-style components (`@/components/ui/button`, …) and
//! `cn` (`@/lib/utils`), written in this repository under `kit/`, prebuilt by deps-builder into
//! a bundle of their own on top of the radix packages.
//!
//! Code generators import these paths as if the app had them (a shadcn project does). An app
//! that ships its own file at such a path gets its own file: the kit only fills in what is
//! missing. The sources are embedded so that the bundler can also generate the Tailwind CSS of
//! the kit components an app uses, and know which bundles the kit's bundle needs.

use std::collections::BTreeSet;

/// One source file of the kit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KitFile {
    /// Relative to `kit/`: `components/ui/button.tsx`.
    pub path: &'static str,
    /// Its text, embedded at build time.
    pub source: &'static str,
}

macro_rules! kit_files {
    ($($path:literal),* $(,)?) => {
        &[$(KitFile { path: $path, source: include_str!(concat!("../../../kit/", $path)) }),*]
    };
}

/// Every file of the kit. Files under `internal/` are shared by components and not importable.
pub const FILES: &[KitFile] = kit_files![
    "lib/utils.ts",
    "internal/icons.tsx",
    "internal/menu.tsx",
    "components/ui/accordion.tsx",
    "components/ui/alert.tsx",
    "components/ui/alert-dialog.tsx",
    "components/ui/aspect-ratio.tsx",
    "components/ui/avatar.tsx",
    "components/ui/badge.tsx",
    "components/ui/breadcrumb.tsx",
    "components/ui/button.tsx",
    "components/ui/button-group.tsx",
    "components/ui/calendar.tsx",
    "components/ui/card.tsx",
    "components/ui/carousel.tsx",
    "components/ui/chart.tsx",
    "components/ui/checkbox.tsx",
    "components/ui/collapsible.tsx",
    "components/ui/command.tsx",
    "components/ui/context-menu.tsx",
    "components/ui/dialog.tsx",
    "components/ui/drawer.tsx",
    "components/ui/dropdown-menu.tsx",
    "components/ui/empty.tsx",
    "components/ui/field.tsx",
    "components/ui/form.tsx",
    "components/ui/hover-card.tsx",
    "components/ui/input.tsx",
    "components/ui/input-group.tsx",
    "components/ui/input-otp.tsx",
    "components/ui/item.tsx",
    "components/ui/kbd.tsx",
    "components/ui/label.tsx",
    "components/ui/menubar.tsx",
    "components/ui/navigation-menu.tsx",
    "components/ui/pagination.tsx",
    "components/ui/popover.tsx",
    "components/ui/progress.tsx",
    "components/ui/radio-group.tsx",
    "components/ui/resizable.tsx",
    "components/ui/scroll-area.tsx",
    "components/ui/select.tsx",
    "components/ui/separator.tsx",
    "components/ui/sheet.tsx",
    "components/ui/sidebar.tsx",
    "components/ui/skeleton.tsx",
    "components/ui/slider.tsx",
    "components/ui/sonner.tsx",
    "components/ui/spinner.tsx",
    "components/ui/switch.tsx",
    "components/ui/table.tsx",
    "components/ui/tabs.tsx",
    "components/ui/textarea.tsx",
    "components/ui/toast.tsx",
    "components/ui/toaster.tsx",
    "components/ui/toggle.tsx",
    "components/ui/toggle-group.tsx",
    "components/ui/tooltip.tsx",
    "components/ui/use-toast.ts",
    "hooks/use-toast.ts",
    "hooks/use-mobile.ts",
];

/// Kit modules that go in a bundle of their own, `<kit bundle>_<suffix>`, with a copy of the kit
/// files they import: those built on a package most kit apps do not load (react-hook-form in
/// `forms`, recharts, react-day-picker, embla, react-resizable-panels, input-otp), so an app
/// without them does not download it; and, in `base`, the modules that need no package but the
/// class-name utilities (`cn`, a card, a table, an input), so an app that uses only those does
/// not load radix and sonner with the rest of the kit.
const SEPARATE_BUNDLES: &[(&str, &str)] = &[
    ("lib/utils", "base"),
    ("hooks/use-mobile", "base"),
    ("components/ui/alert", "base"),
    ("components/ui/card", "base"),
    ("components/ui/empty", "base"),
    ("components/ui/input", "base"),
    ("components/ui/kbd", "base"),
    ("components/ui/skeleton", "base"),
    ("components/ui/spinner", "base"),
    ("components/ui/table", "base"),
    ("components/ui/textarea", "base"),
    ("components/ui/calendar", "calendar"),
    ("components/ui/carousel", "carousel"),
    ("components/ui/chart", "chart"),
    ("components/ui/form", "form"),
    ("components/ui/input-otp", "input_otp"),
    ("components/ui/resizable", "resizable"),
];

/// The name kit imports carry as their package (in `imports` and the manifest).
pub const KIT_PACKAGE: &str = "@appbundle/kit";

/// The alias prefix shadcn projects import the kit by.
const ALIAS: &str = "@/";

/// shadcn's folder of components, under the app's root.
const COMPONENT_FOLDER: &str = "components/ui/";

impl KitFile {
    /// `components/ui/button`: the path without its extension.
    pub fn module_path(&self) -> &'static str {
        self.path
            .rsplit_once('.')
            .map_or(self.path, |(stem, _)| stem)
    }

    /// `@/components/ui/button`: how apps import it, and the key its bundle registers.
    pub fn specifier(&self) -> String {
        format!("{ALIAS}{}", self.module_path())
    }

    /// Apps may import it (files under `internal/` are the kit's own).
    pub fn is_importable(&self) -> bool {
        !self.path.starts_with("internal/")
    }

    /// The bundle that registers it: the kit's (`kit`), or one of its own (`kit_form`).
    pub fn bundle(&self, kit_bundle: &str) -> String {
        match SEPARATE_BUNDLES
            .iter()
            .find(|(path, _)| *path == self.module_path())
        {
            Some((_, suffix)) => format!("{kit_bundle}_{suffix}"),
            None => kit_bundle.to_string(),
        }
    }

    /// The specifiers in its `from "…"` clauses (the kit's own sources, so plain scanning is
    /// enough; a test checks every one resolves).
    pub fn imports(&self) -> impl Iterator<Item = &'static str> {
        self.source.split("from \"").skip(1).filter_map(|rest| {
            let end = rest.find('"')?;
            Some(&rest[..end])
        })
    }

    /// The names it exports (`export { A, B }`, `export function cn`), for the prompts; the
    /// manifest's list, read from the built bundle, is checked against it.
    pub fn export_names(&self) -> Vec<&'static str> {
        let mut names = Vec::new();
        for (index, _) in self.source.match_indices("export ") {
            let rest = &self.source[index + "export ".len()..];
            if let Some(list) = rest.strip_prefix('{') {
                let Some(end) = list.find('}') else { continue };
                names.extend(
                    list[..end]
                        .split(',')
                        .map(|n| n.trim())
                        .filter(|n| !n.is_empty() && !n.starts_with("type "))
                        .map(|n| n.rsplit_once(" as ").map_or(n, |(_, alias)| alias.trim())),
                );
            } else if let Some(declared) = ["function ", "const "]
                .iter()
                .find_map(|keyword| rest.strip_prefix(keyword))
            {
                let end = declared
                    .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$'))
                    .unwrap_or(declared.len());
                names.push(&declared[..end]);
            }
        }
        names.sort_unstable();
        names
    }

    /// The kit files it imports (`@/lib/utils`, `../../internal/icons`).
    fn kit_imports(&self) -> impl Iterator<Item = &'static KitFile> + '_ {
        let dir = self.path.rsplit_once('/').map_or("", |(dir, _)| dir);
        self.imports().filter_map(move |specifier| {
            if let Some(rooted) = specifier.strip_prefix(ALIAS) {
                return file_at(rooted);
            }
            let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
            for segment in specifier.strip_prefix("./").unwrap_or(specifier).split('/') {
                match segment {
                    ".." => {
                        parts.pop()?;
                    }
                    "." => {}
                    s if specifier.starts_with('.') => parts.push(s),
                    _ => return None,
                }
            }
            file_at(&parts.join("/"))
        })
    }
}

/// The kit file at `module_path` (`components/ui/button`, no extension), importable or not.
fn file_at(module_path: &str) -> Option<&'static KitFile> {
    FILES.iter().find(|f| f.module_path() == module_path)
}

/// The importable kit modules.
pub fn modules() -> impl Iterator<Item = &'static KitFile> {
    FILES.iter().filter(|f| f.is_importable())
}

/// The kit module an app path that the app does not have refers to: `components/ui/button`,
/// `src/components/ui/button` or `components/ui/button.tsx` (root-relative, as an import of
/// `@/…` or `./components/ui/…` resolves).
pub fn module_for_path(path: &str) -> Option<&'static KitFile> {
    let stem = without_script_extension(root_relative(path));
    file_at(stem).filter(|f| f.is_importable())
}

/// The kit module a relative import that matches no file of the app means, judged by the end
/// of its path wherever it starts: `../components/ui/button` (from a subfolder, or past the
/// app's root), `./ui/dialog` beside a component, `../../lib/utils`. Generated apps are laid out
/// in many ways; a shadcn path is a shadcn path.
pub fn module_for_path_tail(specifier: &str) -> Option<&'static KitFile> {
    let segments: Vec<&str> = without_script_extension(specifier)
        .split('/')
        .filter(|s| !s.is_empty() && *s != "." && *s != "..")
        .collect();
    let tail = |n: usize| {
        segments
            .len()
            .checked_sub(n)
            .map(|at| segments[at..].join("/"))
    };
    // `components/ui/<name>`, `lib/utils`, `hooks/use-toast`; `ui/<name>` for a component folder
    // whose parent is not called `components`.
    [3, 2]
        .into_iter()
        .filter_map(tail)
        .chain(tail(2).map(|ui| format!("components/{ui}")))
        .find_map(|path| file_at(&path).filter(|f| f.is_importable()))
}

fn without_script_extension(path: &str) -> &str {
    crate::files::SCRIPT_EXTENSIONS
        .iter()
        .find_map(|ext| path.strip_suffix(ext)?.strip_suffix('.'))
        .unwrap_or(path)
}

/// An app path as the kit's paths are written: without shadcn's optional `src/`.
fn root_relative(path: &str) -> &str {
    path.strip_prefix("src/").unwrap_or(path)
}

/// Whether `path` (root-relative) is in shadcn's component folder, `components/ui/`.
pub fn in_component_folder(path: &str) -> bool {
    root_relative(path).starts_with(COMPONENT_FOLDER)
}

/// The names of the kit's components (`accordion`, `alert`, …).
pub fn component_names() -> impl Iterator<Item = &'static str> {
    modules().filter_map(|m| m.module_path().strip_prefix(COMPONENT_FOLDER))
}

/// The importable kit module registered under `specifier` (`@/components/ui/button`).
pub fn module_for_specifier(specifier: &str) -> Option<&'static KitFile> {
    modules().find(|f| f.specifier() == specifier)
}

/// The kit's bundles, the main one first, each with the importable modules it registers.
pub fn bundles(kit_bundle: &str) -> Vec<(String, Vec<&'static KitFile>)> {
    let mut out: Vec<(String, Vec<&'static KitFile>)> = vec![(kit_bundle.to_string(), Vec::new())];
    for module in modules() {
        let bundle = module.bundle(kit_bundle);
        match out.iter_mut().find(|(name, _)| *name == bundle) {
            Some((_, members)) => members.push(module),
            None => out.push((bundle, vec![module])),
        }
    }
    out
}

/// Whether `bundle` is one of the kit's (given the kit's main bundle name).
pub fn is_kit_bundle(kit_bundle: &str, bundle: &str) -> bool {
    match bundle.strip_prefix(kit_bundle) {
        Some("") => true,
        Some(rest) => SEPARATE_BUNDLES
            .iter()
            .any(|(_, suffix)| rest.strip_prefix('_') == Some(*suffix)),
        None => false,
    }
}

/// The kit files whose code `bundle` holds: its modules and the kit files they import.
fn files_in(kit_bundle: &str, bundle: &str) -> Vec<&'static KitFile> {
    let roots = bundles(kit_bundle)
        .into_iter()
        .find(|(name, _)| name == bundle)
        .map(|(_, members)| members)
        .unwrap_or_default();
    closure(roots)
}

/// `roots` and every kit file they import, directly or not.
fn closure(roots: Vec<&'static KitFile>) -> Vec<&'static KitFile> {
    let mut seen: BTreeSet<&'static str> = BTreeSet::new();
    let mut queue = roots;
    let mut files = Vec::new();
    while let Some(file) = queue.pop() {
        if seen.insert(file.path) {
            files.push(file);
            queue.extend(file.kit_imports());
        }
    }
    files
}

/// The packages `bundle`'s code imports (`@radix-ui/react-dialog`, `sonner`, `react`, …).
pub fn packages_of(kit_bundle: &str, bundle: &str) -> BTreeSet<&'static str> {
    files_in(kit_bundle, bundle)
        .into_iter()
        .flat_map(KitFile::imports)
        .filter(|s| !s.starts_with('.') && !s.starts_with(ALIAS))
        .collect()
}

/// The sources of the kit modules registered under `specifiers` and of the kit files they
/// import, for the app's Tailwind CSS (the kit components' class names live there).
pub fn sources_of<'a>(specifiers: impl IntoIterator<Item = &'a str>) -> Vec<&'static str> {
    let roots = specifiers
        .into_iter()
        .filter_map(module_for_specifier)
        .collect();
    closure(roots).into_iter().map(|f| f.source).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_relative_kit_import_is_a_kit_file() {
        for file in FILES {
            let local = file.kit_imports().count();
            let relative = file
                .imports()
                .filter(|s| s.starts_with('.') || s.starts_with(ALIAS))
                .count();
            assert_eq!(
                local, relative,
                "{}: a kit import does not resolve",
                file.path
            );
        }
    }

    #[test]
    fn the_issue_s_components_are_importable() {
        for name in [
            "accordion",
            "alert",
            "avatar",
            "badge",
            "button",
            "card",
            "checkbox",
            "dialog",
            "dropdown-menu",
            "input",
            "label",
            "popover",
            "progress",
            "scroll-area",
            "select",
            "separator",
            "sheet",
            "skeleton",
            "slider",
            "switch",
            "table",
            "tabs",
            "textarea",
            "sonner",
            "toaster",
            "tooltip",
        ] {
            let specifier = format!("@/components/ui/{name}");
            assert!(module_for_specifier(&specifier).is_some(), "{specifier}");
        }
        assert!(module_for_specifier("@/lib/utils").is_some());
        assert!(module_for_specifier("@/internal/icons").is_none());
    }

    #[test]
    fn export_names_are_read_from_the_sources() {
        let named = |specifier: &str| module_for_specifier(specifier).unwrap().export_names();
        assert_eq!(
            named("@/components/ui/button"),
            vec!["Button", "buttonVariants"]
        );
        assert_eq!(named("@/lib/utils"), vec!["cn"]);
        assert_eq!(named("@/hooks/use-toast"), vec!["toast", "useToast"]);
        assert_eq!(named("@/components/ui/toaster"), vec!["Toaster"]);
        assert_eq!(named("@/components/ui/dialog").len(), 10);
    }

    #[test]
    fn kit_bundles_are_the_main_one_and_the_separate_ones() {
        assert!(is_kit_bundle("kit", "kit"));
        assert!(is_kit_bundle("kit", "kit_form"));
        assert!(!is_kit_bundle("kit", "kit_other"));
        assert!(!is_kit_bundle("kit", "kits"));
        assert!(!is_kit_bundle("kit", "ui"));
    }

    #[test]
    fn paths_map_with_or_without_src_and_extension() {
        let button = Some("components/ui/button.tsx");
        assert_eq!(
            module_for_path("components/ui/button").map(|f| f.path),
            button
        );
        assert_eq!(
            module_for_path("src/components/ui/button").map(|f| f.path),
            button
        );
        assert_eq!(
            module_for_path("components/ui/button.tsx").map(|f| f.path),
            button
        );
        assert_eq!(module_for_path("components/ui/data-table"), None);
        assert_eq!(module_for_path("internal/icons"), None);
    }

    #[test]
    fn relative_paths_map_by_their_tail_from_anywhere() {
        let tail = |specifier: &str| module_for_path_tail(specifier).map(|f| f.path);
        assert_eq!(
            tail("../components/ui/button"),
            Some("components/ui/button.tsx")
        );
        assert_eq!(
            tail("../../src/components/ui/card.tsx"),
            Some("components/ui/card.tsx")
        );
        assert_eq!(tail("./ui/dialog"), Some("components/ui/dialog.tsx"));
        assert_eq!(tail("../ui/button"), Some("components/ui/button.tsx"));
        assert_eq!(tail("../../lib/utils"), Some("lib/utils.ts"));
        assert_eq!(tail("../hooks/use-toast"), Some("hooks/use-toast.ts"));
        assert_eq!(tail("./button"), None, "a bare name is not a shadcn path");
        assert_eq!(tail("../components/ui/data-table"), None);
        assert_eq!(tail("../internal/icons"), None);
        assert_eq!(tail("../utils"), None);
    }

    #[test]
    fn the_form_has_a_bundle_of_its_own_with_the_files_it_needs() {
        let names: Vec<String> = bundles("kit").into_iter().map(|(name, _)| name).collect();
        assert_eq!(
            names,
            [
                "kit",
                "kit_base",
                "kit_calendar",
                "kit_carousel",
                "kit_chart",
                "kit_form",
                "kit_input_otp",
                "kit_resizable"
            ]
        );
        // The form bundle carries the label it renders; the main one has no form.
        let paths = |bundle| {
            files_in("kit", bundle)
                .iter()
                .map(|f| f.path)
                .collect::<Vec<_>>()
        };
        assert!(paths("kit_form").contains(&"components/ui/label.tsx"));
        assert!(!paths("kit").contains(&"components/ui/form.tsx"));
        assert!(paths("kit_calendar").contains(&"components/ui/button.tsx"));
        assert!(!paths("kit").contains(&"components/ui/chart.tsx"));
        // The base bundle needs no package bundle but `utils`; the main one keeps a copy of
        // the base files its components use.
        assert!(paths("kit_base").contains(&"components/ui/card.tsx"));
        assert!(!paths("kit_base").contains(&"components/ui/button.tsx"));
        assert!(paths("kit").contains(&"lib/utils.ts"));
    }

    /// The class names in the kit's class lists (string literals with several words).
    fn class_names(source: &str) -> Vec<&str> {
        source
            .split('"')
            .skip(1)
            .step_by(2)
            .filter(|literal| literal.contains(' ') && !literal.contains('\n'))
            .flat_map(str::split_whitespace)
            .filter(|word| word.contains('-') || word.contains(':'))
            // SVG path data (`M18 6 6 18`) is not a class list.
            .filter(|word| !word.starts_with(|c: char| c.is_ascii_digit()))
            .collect()
    }

    /// `.focus-visible\:ring-1`, as the class appears in a selector.
    fn selector(class: &str) -> String {
        let mut out = String::from(".");
        for c in class.chars() {
            if !(c.is_ascii_alphanumeric() || c == '-' || c == '_') {
                out.push('\\');
            }
            out.push(c);
        }
        out
    }

    #[test]
    fn every_kit_class_has_css() {
        let sources: Vec<&str> = FILES.iter().map(|f| f.source).collect();
        let css = crate::css::stylesheet(sources.iter().copied());
        let classes: BTreeSet<&str> = sources.iter().flat_map(|s| class_names(s)).collect();
        assert!(classes.len() > 200, "{} classes", classes.len());
        let missing: Vec<&&str> = classes
            .iter()
            .filter(|class| {
                let selector = selector(class);
                !css.match_indices(&selector).any(|(at, _)| {
                    let next = css[at + selector.len()..].chars().next();
                    matches!(next, Some(' ' | '{' | ':' | ',' | '>' | '.' | '['))
                })
            })
            .collect();
        assert!(missing.is_empty(), "no CSS for {missing:?}");
    }

    #[test]
    fn css_sources_follow_kit_imports() {
        let sources = sources_of(["@/components/ui/dialog"]);
        assert!(sources.iter().any(|s| s.contains("DialogOverlay")));
        assert!(sources.iter().any(|s| s.contains("export function cn")));
        assert!(sources.iter().any(|s| s.contains("XIcon = glyph")));
        assert!(!sources.iter().any(|s| s.contains("function Button")));
    }
}
