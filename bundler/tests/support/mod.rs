//! Helpers shared by the bundler's integration tests.
#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use appbundle_bundler::{BundleOptions, Diagnostic};

pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Files of a fixture case (everything but `options.json` and snapshots), keyed by relative path.
pub fn read_case(dir: &Path) -> BTreeMap<String, String> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, String>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap())
            .collect();
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            let path = entry.path();
            if path.is_dir() {
                walk(root, &path, out);
                continue;
            }
            let name = entry.file_name().to_string_lossy().into_owned();
            if name == "options.json" || name.ends_with(".snap") || name.ends_with(".snap.new") {
                continue;
            }
            let rel = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            out.insert(rel, std::fs::read_to_string(&path).unwrap());
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

pub fn read_options(dir: &Path) -> BundleOptions {
    match std::fs::read_to_string(dir.join("options.json")) {
        Ok(text) => serde_json::from_str(&text).expect("options.json is a BundleOptions"),
        Err(_) => BundleOptions::default(),
    }
}

/// `(file, line, code)` for every `expect: <code>` marker in the case's files: the problems
/// the case was written to contain, one per marker.
pub fn expected_problems(files: &BTreeMap<String, String>) -> BTreeSet<(String, u32, String)> {
    let mut out = BTreeSet::new();
    for (path, text) in files {
        for (index, line) in text.lines().enumerate() {
            if let Some((_, rest)) = line.split_once("expect: ") {
                let code: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_lowercase() || *c == '-')
                    .collect();
                out.insert((path.clone(), index as u32 + 1, code));
            }
        }
    }
    out
}

/// The `(file, line, code)` of each error, in the same shape as [`expected_problems`]
/// (markers are the problems that reject the app; warnings beside them are in the snapshot).
pub fn reported_problems(diagnostics: &[Diagnostic]) -> Vec<(String, u32, String)> {
    diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| {
            (
                d.file.clone().unwrap_or_default(),
                d.line.unwrap_or(0),
                d.code.as_str().to_string(),
            )
        })
        .collect()
}
