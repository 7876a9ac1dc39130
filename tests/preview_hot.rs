//! The preview across versions of an app, in real headless Chromium (playwright-core driving
//! Debian's chromium, `tests/node-runtime/hot-e2e.mjs`): edits made while the app is in use keep
//! its state through React Fast Refresh or fall back to a remount that says why, and a 300-line
//! app streamed in 40 partial loads never leaves the preview empty nor shows an error overlay.

mod support;

use serde_json::json;
use support::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn edits_keep_state_and_a_streamed_app_never_blanks_the_preview() {
    let (base, _) = start_server(|_| {}).await;
    let port = base.rsplit(':').next().unwrap().to_string();
    let host = format!("http://localhost:{port}");
    let apps = repo_root().join("tests/apps");
    let out = node_script(
        "hot-e2e.mjs",
        vec![
            host,
            base,
            apps.join("hot-counter").display().to_string(),
            apps.join("inventory").display().to_string(),
        ],
    )
    .await;
    let edits = &out["edits"];
    println!("{}", serde_json::to_string_pretty(edits).unwrap());
    let seen = |step: &str| {
        let e = &edits[step];
        assert_eq!(e["errors"], json!([]), "{step}: {e}");
        (
            e["refresh"].clone(),
            e["label"].as_str().unwrap().to_string(),
            e["count"].as_str().unwrap().to_string(),
            e["theme"].as_str().unwrap().to_string(),
        )
    };
    let row = |refresh: serde_json::Value, label: &str, count: &str, theme: &str| {
        (refresh, label.into(), count.into(), theme.into())
    };
    // Three clicks and a dark theme, then edits while in use.
    assert_eq!(
        seen("used"),
        row(json!(null), "Glasses of water", "3 today", "Theme: dark")
    );
    // The counter's label: new text, the count and the theme (a context made in a module the
    // edit did not touch) kept.
    assert_eq!(
        seen("label"),
        row(json!(true), "Cups of tea", "3 today", "Theme: dark")
    );
    // A value in a module of values: its importer runs again and is updated in place.
    assert_eq!(
        seen("value"),
        row(json!(true), "Cups of tea", "3 so far", "Theme: dark")
    );
    // A hook added: React remounts that component (count back to 0), the provider above keeps
    // the theme, and the message says so.
    assert_eq!(
        seen("hook"),
        row(json!(false), "Cups of tea", "0 so far", "Theme: dark")
    );
    assert_eq!(
        edits["hook"]["reason"],
        "the hooks of Counter changed; remounted"
    );
    // A component file that now exports a value too: the whole app is remounted.
    assert_eq!(
        seen("mixed"),
        row(json!(false), "Cups of tea", "0 so far", "Theme: light")
    );
    assert_eq!(
        edits["mixed"]["reason"],
        "components/Counter.tsx no longer exports only components"
    );

    let stream = &out["stream"];
    let summary = json!({
        "lines": stream["lines"],
        "frames": stream["frames"],
        "partialRenders": stream["partialRenders"],
        "final": stream["final"],
    });
    println!("{}", serde_json::to_string_pretty(&summary).unwrap());
    assert_eq!(stream["lines"], 302);
    let frames = &stream["frames"];
    assert!(frames["frames"].as_u64().unwrap() >= 60, "{frames}");
    assert_eq!(frames["empty"], 0, "a frame showed no app: {frames}");
    assert_eq!(stream["overlayBeforeFinal"], 0, "{frames}");
    assert_eq!(frames["overlay"], 0, "{frames}");
    assert_eq!(stream["errorsBeforeFinal"], json!([]));
    assert!(
        frames["updating"].as_u64().unwrap() > 0,
        "the updating badge showed while streaming"
    );
    assert_eq!(stream["updatingAfterFinal"], false);
    assert!(stream["partialRenders"].as_u64().unwrap() >= 1);
    assert_eq!(stream["final"]["type"], "rendered", "{stream}");
    assert_eq!(stream["finalErrors"], json!([]));
    assert_eq!(out["direct"]["rendered"], true);
    let html = stream["html"].as_str().unwrap();
    assert!(html.contains("Inventory"), "{html:.300}");
    assert_eq!(
        html,
        out["direct"]["html"].as_str().unwrap(),
        "the streamed app's final render equals a direct load"
    );

    // A bundle made without `refresh` reloads the page onto production React, keeping the
    // host's capabilities.
    let reload = &out["reload"];
    let query = reload["url"].as_str().unwrap();
    let hash = reload["hash"].as_str().unwrap();
    assert!(query.contains(&format!("hash={hash}")), "{reload}");
    assert!(query.contains("capabilities=storage"), "{reload}");
    assert_eq!(reload["text"], "production build");
    let core = reload["core"].as_array().unwrap();
    assert_eq!(core.len(), 1, "{reload}");
    assert!(
        core[0].as_str().unwrap().starts_with("core."),
        "production core: {reload}"
    );
}
