//! The prebuilt runtime deps, for real: `appbundle build-deps` from the npm registry, every
//! bundle loaded into headless Chromium, every package's exports checked against manifest.json,
//! and an app with one component per category (tests/apps/runtime-deps) bundled by appbundle
//! and rendered with core's React. Chromium, node and npm are required; a missing one fails.

mod support;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use appbundle_bundler::Allowlist;
use appbundle_bundler::Manifest;
use appbundle_deps_builder::chromium;
use serde_json::Value;
use support::*;

/// React's own internals export: only the bundle that holds React has it.
const REACT_INTERNALS: &str = "__CLIENT_INTERNALS_DO_NOT_USE_OR_WARN_USERS_THEY_CANNOT_UPGRADE";

fn built_runtime_deps() -> (PathBuf, Manifest) {
    let out = runtime_deps();
    let manifest = Manifest::load(&out.join("manifest.json")).expect("manifest.json");
    (out, manifest)
}

fn page(out: &Path, manifest: &Manifest, app: &str) -> PathBuf {
    let scripts: String = Allowlist::embedded()
        .plan()
        .bundles()
        .iter()
        .map(|b| {
            let file = out.join(&manifest.bundles[&b.name].file);
            format!("<script src=\"file://{}\"></script>\n", file.display())
        })
        .collect();
    // The bundles register what the manifest lists, less the per-app icons: those travel with
    // each app's script (bundler/src/icon_sets.rs).
    let mut registered = manifest.clone();
    for (specifier, set) in &manifest.icon_sets {
        let icons: Vec<&str> = set.get().unwrap().export_names().collect();
        if let Some(entry) = registered.packages.get_mut(specifier) {
            entry.exports.retain(|name| !icons.contains(&name.as_str()));
        }
    }
    let manifest_json = serde_json::to_string(&registered)
        .unwrap()
        .replace("</", "<\\/");
    let html = format!(
        "<!doctype html><html><head><meta charset=\"utf-8\"></head><body>\n\
         <div id=\"root\"></div><pre id=\"results\"></pre>\n\
         <script>window.__errors = [];\n\
         addEventListener('error', (e) => window.__errors.push(String(e.message)));\n\
         const consoleError = console.error;\n\
         console.error = (...args) => {{ window.__errors.push(args.map(String).join(' ')); consoleError(...args); }};</script>\n\
         {scripts}\
         <script type=\"application/json\" id=\"manifest\">{manifest_json}</script>\n\
         <script src=\"file://{app}\"></script>\n\
         <script>{harness}</script>\n\
         </body></html>",
        harness = include_str!("runtime-deps/harness.js"),
    );
    let dir = temp_dir("runtime-deps-page");
    let path = dir.join("index.html");
    std::fs::write(&path, html).unwrap();
    path
}

#[test]
fn every_bundle_loads_exports_match_and_each_category_renders() {
    let (out, manifest) = built_runtime_deps();
    let allowlist = Allowlist::embedded();

    // Every allowlisted specifier is registered by the bundle the bundler rewrites it to.
    for bundle in allowlist.plan().bundles() {
        for specifier in &bundle.specifiers {
            let entry = manifest
                .packages
                .get(specifier)
                .unwrap_or_else(|| panic!("{specifier} is not in manifest.json"));
            assert_eq!(entry.category, bundle.name, "{specifier}");
        }
    }
    // Names the packages document, independent of how the manifest was read.
    for (specifier, name) in [
        ("react", "useState"),
        ("react-dom/client", "createRoot"),
        ("react/jsx-runtime", "jsx"),
        ("lucide-react", "Heart"),
        ("recharts", "LineChart"),
        ("zod", "z"),
        ("zustand", "create"),
        ("framer-motion", "motion"),
        ("react-hook-form", "useForm"),
        ("@dnd-kit/core", "DndContext"),
        ("@tanstack/react-table", "useReactTable"),
        ("date-fns", "format"),
        ("react-icons/fa", "FaGithub"),
        ("@/components/ui/button", "Button"),
        ("@/components/ui/dialog", "DialogContent"),
        ("@/lib/utils", "cn"),
    ] {
        let exports = manifest.exports_of(specifier).unwrap();
        assert!(
            exports.iter().any(|e| e == name),
            "{specifier} lacks {name}"
        );
    }
    // The kit's bundle registers exactly what its sources export (what the prompts list).
    for module in appbundle_bundler::kit::modules() {
        assert_eq!(
            manifest.exports_of(&module.specifier()).unwrap(),
            module.export_names(),
            "{}",
            module.path
        );
    }
    // lucide's icons are data beside its bundle, not code in it: the bundle is the machinery.
    let lucide = &manifest.bundles[&manifest.packages["lucide-react"].category];
    let icons = manifest
        .icon_set("lucide-react")
        .expect("lucide icon data")
        .unwrap();
    assert!(icons.icons.len() > 1500, "{} icons", icons.icons.len());
    let heart = icons.icons["heart"]["node"][0][1]["d"].as_str().unwrap();
    let lucide_code = std::fs::read_to_string(out.join(&lucide.file)).unwrap();
    assert!(lucide_code.contains("createLucideIcon") && !lucide_code.contains(heart));
    assert!(
        lucide.gzip_bytes < 8 * 1024,
        "{} bytes gzip",
        lucide.gzip_bytes
    );

    // So are react-icons' sets: their bundles are empty namespaces, the data has every icon.
    let fa = manifest
        .icon_set("react-icons/fa")
        .expect("fa icon data")
        .unwrap();
    assert!(fa.icons.len() > 1000 && fa.icons.contains_key("FaGithub"));
    assert_eq!(fa.factory_from.as_deref(), Some("react-icons"));
    let fa_bundle = &manifest.bundles[&manifest.packages["react-icons/fa"].category];
    assert!(
        fa_bundle.gzip_bytes < 1024,
        "{} bytes gzip",
        fa_bundle.gzip_bytes
    );

    // One React: every bundle but core takes core's copy.
    for (category, bundle) in &manifest.bundles {
        let code = std::fs::read_to_string(out.join(&bundle.file)).unwrap();
        let copies = code.matches(REACT_INTERNALS).count();
        if category == "core" {
            assert!(copies > 0, "core does not hold React");
        } else {
            assert_eq!(copies, 0, "the {category} bundle has its own React");
        }
    }

    let app = temp_dir("runtime-deps-app").join("app.js");
    let bundled = run(appbundle()
        .arg("bundle")
        .arg(repo_root().join("tests/apps/runtime-deps"))
        .arg("--outfile")
        .arg(&app)
        .env("APPBUNDLE_MANIFEST", out.join("manifest.json")));
    assert!(
        bundled.status.success(),
        "{}",
        String::from_utf8_lossy(&bundled.stderr)
    );

    let dumped = chromium::dump_dom(
        &page(&out, &manifest, &app.display().to_string()),
        Some(8000),
    )
    .expect("Chromium runs");
    let results: Value = chromium::pre_text(&dumped.dom, "results")
        .map(|json| serde_json::from_str(&json).expect("results JSON"))
        .unwrap_or_else(|| panic!("the page did not finish; Chromium said:\n{}", dumped.stderr));

    assert_eq!(
        results["exports"],
        Value::Array(vec![]),
        "exports differ from manifest.json"
    );
    assert_eq!(
        results["registry"],
        Value::Array(vec![]),
        "registered specifiers differ"
    );
    assert_eq!(
        results["errors"],
        Value::Array(vec![]),
        "the page logged errors"
    );
    let checks = &results["checks"];
    let expected = serde_json::json!({
        "chartSvg": true,
        "chartLinePath": true,
        "lucideSvg": true,
        "reactIconsClass": "from-context",
        "formError": "enter a valid email",
        "motionTag": "DIV",
        "zustand": "count:1",
        "dndSortables": 3,
        "date": "2024-01-15",
        "tableCells": ["bolts", "4", "nuts", "9"],
        "tabs": 2,
        "tabPanel": "first tab",
        "markdownHeading": "Title",
        "markdownEmphasis": "emphasis",
        "toast": ["saved"],
        "mainClass": "app ready",
    });
    assert_eq!(checks, &expected);

    let loaded: BTreeSet<&str> = manifest.bundles.keys().map(String::as_str).collect();
    assert_eq!(loaded.len(), allowlist.plan().bundles().len());
}

#[test]
fn unchanged_bundles_are_reused_and_check_passes() {
    let (_, before) = built_runtime_deps();
    // The shared build has run; a second one with the same inputs rebuilds nothing.
    let _lock = runtime_deps_lock();
    let again = run(appbundle()
        .current_dir(repo_root())
        .args(["build-deps", "--report"])
        .arg(temp_dir("rebuild-report").join("report.json")));
    assert!(
        again.status.success(),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    let table = String::from_utf8_lossy(&again.stderr);
    let rows: Vec<&str> = table.lines().skip(1).collect();
    assert_eq!(rows.len(), before.bundles.len(), "{table}");
    assert!(rows.iter().all(|row| row.ends_with("unchanged")), "{table}");
    let after = Manifest::load(&repo_root().join("public/runtime-deps/manifest.json")).unwrap();
    assert_eq!(after, before, "an unchanged build rewrote the manifest");

    let check = run(appbundle()
        .current_dir(repo_root())
        .args(["build-deps", "--check"]));
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
}
