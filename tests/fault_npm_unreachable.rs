//! Fault injection, the npm registry unreachable during `build-deps`: the build says so and
//! exits 2, writes nothing, and the runtime deps built before keep being served.

mod support;

use std::path::Path;

use support::*;

/// Copies the built runtime deps (files only) into `to`.
fn copy_deps(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        if entry.file_type().unwrap().is_file() {
            std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
}

fn snapshot(dir: &Path) -> Vec<(String, u64, std::time::SystemTime)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| {
            let meta = e.metadata().unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                meta.len(),
                meta.modified().unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unreachable_registry_fails_the_build_clearly_and_keeps_the_old_deps() {
    let root = temp_dir("npm-unreachable");
    let deps = root.join("runtime-deps");
    copy_deps(&runtime_deps(), &deps);
    // A stale input hash for core: the build must install packages again, into an empty cache.
    let manifest_path = deps.join("manifest.json");
    let mut manifest: serde_json::Value = serde_json::from_str(&read(&manifest_path)).unwrap();
    manifest["bundles"]["core"]["input_hash"] = "stale".into();
    std::fs::write(
        &manifest_path,
        serde_json::to_vec_pretty(&manifest).unwrap(),
    )
    .unwrap();
    let before = snapshot(&deps);
    let core_file = manifest["bundles"]["core"]["file"]
        .as_str()
        .unwrap()
        .to_string();

    // A server on these deps, while the build runs.
    let (child, port) = spawn_serve(&deps);
    let base = format!("http://127.0.0.1:{port}");
    wait_ready(&base).await;

    let built = std::process::Command::new(env!("CARGO_BIN_EXE_appbundle"))
        .args(["build-deps", "--out"])
        .arg(&deps)
        .arg("--cache-dir")
        .arg(root.join("empty-npm-cache"))
        .current_dir(repo_root())
        // Nothing listens on port 9 (discard); no retries, so the test is quick.
        .env("npm_config_registry", "http://127.0.0.1:9/")
        .env("npm_config_fetch_retries", "0")
        .env("npm_config_cache", root.join("npm-home-cache"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&built.stderr);
    println!("{stderr}");
    assert_eq!(
        built.status.code(),
        Some(2),
        "an error, not a finding: {stderr}"
    );
    assert!(
        stderr.contains("the npm registry is unreachable (ECONNREFUSED)"),
        "{stderr}"
    );
    assert!(stderr.contains("the runtime deps built before are kept"));
    assert_eq!(
        snapshot(&deps),
        before,
        "nothing in the deps folder changed"
    );

    // The old deps are still served, and bundling against them still works.
    let core = http_get(format!("{base}/runtime-deps/{core_file}")).await;
    assert_eq!(core.status(), 200);
    assert_eq!(http_get(format!("{base}/readyz")).await.status(), 200);
    let bundled = http_post_json(
        format!("{base}/bundle"),
        &serde_json::json!({ "files": { "App.tsx": "export default () => <p>still here</p>;" } }),
    )
    .await;
    assert_eq!(bundled.status(), 200);
    terminate(child);
    let _ = std::fs::remove_dir_all(&root);
}
