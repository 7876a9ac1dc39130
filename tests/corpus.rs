//! The corpus (issue #14 item 10): apps in the style of real generated code, in `tests/corpus/`
//! (single-file artifacts, shadcn pages, multi-file apps, script-tag apps, and one app per
//! failure class), together with every `ok-*` bundler fixture, each loaded into the sandboxed
//! preview in headless Chromium. Prints the clean-render rate and every app that is not clean,
//! with its reason, and fails unless all are.
//!
//! An app is clean when it renders with no error and draws something, and shows the text its
//! `// corpus: renders "…"` line names; an app marked `// corpus: rejected <code>` is clean when
//! the preview reports that build diagnostic instead (what the seed keeps out is refused with a
//! diagnostic a model can act on).

mod support;

use std::path::{Path, PathBuf};

use serde_json::{json, Value};
use support::*;

#[derive(Debug)]
enum Expect {
    Renders(Option<String>),
    Rejected(String),
}

struct App {
    name: String,
    dir: PathBuf,
    expect: Expect,
}

/// The `// corpus: …` line of any file of the app.
fn expectation(dir: &Path) -> Expect {
    let mut found = None;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            for line in text.lines() {
                let Some(rest) = line.trim().strip_prefix("// corpus: ") else {
                    continue;
                };
                found = Some(if let Some(code) = rest.strip_prefix("rejected ") {
                    Expect::Rejected(code.trim().to_string())
                } else if let Some(text) = rest.strip_prefix("renders ") {
                    Expect::Renders(Some(text.trim().trim_matches('"').replace("\\n", "\n")))
                } else {
                    panic!("{}: unknown corpus line `{line}`", path.display())
                });
            }
        }
    }
    found.unwrap_or(Expect::Renders(None))
}

fn apps() -> Vec<App> {
    let mut apps = Vec::new();
    for (folder, prefix) in [("tests/corpus", ""), ("bundler/tests/fixtures", "ok-")] {
        let mut dirs: Vec<PathBuf> = std::fs::read_dir(repo_root().join(folder))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_dir() && p.file_name().unwrap().to_string_lossy().starts_with(prefix))
            .collect();
        dirs.sort();
        for dir in dirs {
            let name = format!(
                "{}/{}",
                folder.rsplit('/').next().unwrap(),
                dir.file_name().unwrap().to_string_lossy()
            );
            apps.push(App {
                name,
                expect: expectation(&dir),
                dir,
            });
        }
    }
    apps
}

/// Why `seen` is not clean for `expect`, if it is not.
fn not_clean(expect: &Expect, seen: &Value) -> Option<String> {
    let errors = seen["errors"].as_array().cloned().unwrap_or_default();
    match expect {
        Expect::Rejected(code) => (seen["buildError"] != json!(code))
            .then(|| format!("expected the build diagnostic `{code}`, got {errors:?}")),
        Expect::Renders(text) => {
            if seen["settled"] != true {
                return Some("no answer from the preview in 30 s".into());
            }
            if !errors.is_empty() {
                return Some(format!("errors: {errors:?}"));
            }
            if seen["rendered"] != true {
                return Some("not rendered".into());
            }
            let shown = seen["text"].as_str().unwrap_or("");
            if shown.trim().is_empty() && seen["drawn"] == 0 {
                return Some("rendered nothing (a blank preview)".into());
            }
            match text {
                Some(text) if !shown.contains(text.as_str()) => {
                    Some(format!("does not show {text:?}; shows {shown:?}"))
                }
                _ => None,
            }
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_corpus_app_renders_cleanly_or_is_refused_with_its_diagnostic() {
    let apps = apps();
    assert!(apps.len() >= 90, "{} apps", apps.len());
    // One client posts a hundred bundles in a row: no rate limit.
    let (base, _) = start_server(|c| c.rate_per_second = 0).await;
    let port = base.rsplit(':').next().unwrap().to_string();
    let list: Vec<Value> = apps
        .iter()
        .map(|a| json!({ "name": a.name, "dir": a.dir }))
        .collect();
    let seen = node_script(
        "corpus-e2e.mjs",
        vec![
            format!("http://localhost:{port}"),
            base.clone(),
            Value::Array(list).to_string(),
        ],
    )
    .await;

    let mut failures = Vec::new();
    for app in &apps {
        if let Some(reason) = not_clean(&app.expect, &seen[&app.name]) {
            failures.push(format!("  {}: {reason}", app.name));
        }
    }
    let clean = apps.len() - failures.len();
    let rejected = apps
        .iter()
        .filter(|a| matches!(a.expect, Expect::Rejected(_)))
        .count();
    println!(
        "corpus: {clean} of {} apps clean ({:.1} %): {} render, {rejected} refused with their diagnostic",
        apps.len(),
        100.0 * clean as f64 / apps.len() as f64,
        apps.len() - rejected,
    );
    for failure in &failures {
        println!("{failure}");
    }
    assert!(failures.is_empty(), "not clean:\n{}", failures.join("\n"));
}
