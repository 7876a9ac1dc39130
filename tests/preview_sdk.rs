//! The host SDK (`sdk/`) in real headless Chromium (`tests/node-runtime/sdk-e2e.mjs`): a React
//! host page on an origin of its own renders `<AppPreview>` from the service's `/sdk/react.js`,
//! and the app's `useAppData` calls are answered by the host's own store.

mod support;

use serde_json::json;
use support::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sdks_react_component_renders_an_app_whose_storage_the_host_answers() {
    let (base, _) = start_server(|_| {}).await;
    let app = repo_root().join("tests/apps/sdk-notes");
    let out = node_script("sdk-e2e.mjs", vec![base, app.display().to_string()]).await;
    println!("{}", serde_json::to_string_pretty(&out).unwrap());
    assert_eq!(out["errors"], json!([]));
    assert_eq!(out["pageErrors"], json!([]));
    assert_eq!(out["rendered"][0]["refresh"], false, "a first mount");
    // The list came from the host's store, and the note written in the preview went there.
    assert_eq!(out["before"], "Seeded by the host");
    assert_eq!(out["after"], "Seeded by the host\nWritten in the preview");
    assert_eq!(
        out["store"],
        json!(["Seeded by the host", "Written in the preview"])
    );
    let calls: Vec<&str> = out["calls"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    assert!(calls.contains(&"list notes (app)"), "{calls:?}");
    assert!(calls.contains(&"create notes (app)"), "{calls:?}");
    // The component's iframe: sandboxed without allow-same-origin (an opaque origin), grown
    // to the app's height.
    assert_eq!(
        out["iframe"]["sandbox"], "allow-scripts allow-forms",
        "{out}"
    );
    assert_eq!(out["iframe"]["title"], "Notes app");
    assert_eq!(out["frameOrigin"], "null");
    let height = out["iframe"]["height"].as_str().unwrap();
    let px: f64 = height.trim_end_matches("px").parse().unwrap();
    assert!(px > 100.0, "autoHeight: {height}");
}
