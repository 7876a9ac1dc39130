//! Differential execution against esbuild: every `ok-*` fixture bundled by appbundle (the CLI)
//! and by esbuild 0.28.2 (`tests/node-runtime/differential.mjs`, the seed's contract), both run
//! in jsdom against the same real npm packages (the deps-builder's install) and kit sources,
//! rendered by real React; the HTML must be equal (attributes compared in name order: the same
//! DOM). Where it is not, the fixture is listed below with which bundler is wrong and why.

mod support;

use std::path::PathBuf;

use serde_json::{json, Value};
use support::*;

/// Fixtures whose esbuild build fails under the seed's contract while appbundle's renders: the
/// input relies on what appbundle adds to the contract, and appbundle is the one that is right.
const ESBUILD_CANNOT: &[(&str, &str, &str)] = &[
    (
        "ok-require-allowed",
        "clsx is not a function",
        "`require('clsx')` gets the module namespace from esbuild; a CommonJS require of the package gives its function, as appbundle's does",
    ),
    (
        "ok-script-tag-legacy-render",
        "ReactDOM.render is not a function",
        "React 19 has no `ReactDOM.render`; appbundle maps a script-tag app's call to createRoot, esbuild leaves it to fail",
    ),
];

fn npm_install() -> PathBuf {
    let cache = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
        .unwrap_or_else(std::env::temp_dir)
        .join("appbundle");
    appbundle_deps_builder::npm::install(&repo_root().join("deps-builder/npm"), &cache)
        .expect("the allowlist's packages install from the npm registry")
}

#[test]
fn every_ok_fixture_renders_the_same_html_as_its_esbuild_build() {
    let deps = runtime_deps();
    let npm_dir = npm_install();
    let out = temp_dir("differential");
    let fixtures = repo_root().join("bundler/tests/fixtures");
    let mut names: Vec<String> = std::fs::read_dir(&fixtures)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("ok-"))
        .collect();
    names.sort();
    let mut cases = Vec::new();
    for name in &names {
        let bundle = out.join(format!("{name}.js"));
        // Against the runtime deps' own manifest (all icons), as the packages the run loads.
        let bundled = run(appbundle()
            .env("APPBUNDLE_MANIFEST", deps.join("manifest.json"))
            .arg("bundle")
            .arg(fixtures.join(name))
            .arg("--outfile")
            .arg(&bundle));
        assert!(
            bundled.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&bundled.stderr)
        );
        cases.push(json!({ "name": name, "dir": fixtures.join(name), "bundle": bundle }));
    }
    let input = out.join("cases.json");
    let config = json!({
        "npmDir": npm_dir,
        "manifest": deps.join("manifest.json"),
        "kitDir": repo_root().join("kit"),
        "runtimeFile": repo_root().join("deps-builder/runtime/appbundle-runtime.js"),
        "cases": cases,
    });
    std::fs::write(&input, config.to_string()).unwrap();
    let ran = run(std::process::Command::new("node")
        .arg(node_runtime().join("differential.mjs"))
        .arg(&input));
    assert!(
        ran.status.success(),
        "{}",
        String::from_utf8_lossy(&ran.stderr)
    );
    let results: Vec<Value> = String::from_utf8_lossy(&ran.stdout)
        .lines()
        .filter(|line| line.starts_with("{\"name\""))
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(results.len(), names.len(), "a result per fixture");

    let mut problems = Vec::new();
    let mut equal = 0;
    for result in &results {
        let name = result["name"].as_str().unwrap();
        let ours = result["ours"].as_str();
        if ours.is_none() {
            problems.push(format!(
                "{name}: appbundle's build fails: {}",
                result["oursError"]
            ));
            continue;
        }
        match ESBUILD_CANNOT.iter().find(|(fixture, ..)| *fixture == name) {
            Some((_, symptom, why)) => {
                let error = result["esbuildError"].as_str().unwrap_or_default();
                if !error.contains(symptom) {
                    problems.push(format!(
                        "{name}: listed as esbuild's failure ({why}), but esbuild gave {:?} / {error}",
                        result["esbuild"]
                    ));
                }
            }
            None if result["equal"] == true => equal += 1,
            None => problems.push(format!(
                "{name}: the two differ\n  appbundle: {}\n  esbuild:   {} {}",
                ours.unwrap_or_default(),
                result["esbuild"],
                result["esbuildError"]
            )),
        }
    }
    println!(
        "{equal} of {} fixtures render the same; {} are esbuild's failures (listed)",
        results.len(),
        ESBUILD_CANNOT.len()
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
