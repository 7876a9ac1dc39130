//! An operator's allowlist that lifts the seed's block on 3D (`examples/allowlist-3d.toml`):
//! build-deps builds three.js, React Three Fiber and drei with it, and a spinning cube renders
//! in the sandboxed preview in headless Chromium, with WebGL on SwiftShader.

mod support;

use serde_json::Value;
use support::*;

/// The 3D runtime deps, built once into the test target's temporary folder (unchanged bundles
/// are reused from run to run).
fn runtime_deps_3d() -> std::path::PathBuf {
    let out = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("runtime-deps-3d");
    build_deps(
        &[
            "--allowlist".into(),
            allowlist_3d().into(),
            "--npm-dir".into(),
            repo_root().join("examples/allowlist-3d-npm").into(),
            "--out".into(),
            out.clone().into(),
        ],
        " (after an allowlist change, sync its npm folder as CONTRIBUTING.md says)",
    );
    out
}

#[test]
fn a_spinning_cube_renders_with_the_3d_allowlist() {
    let deps = runtime_deps_3d();
    let manifest: Value = serde_json::from_str(&read(&deps.join("manifest.json"))).unwrap();
    let graphics = &manifest["bundles"]["graphics"];
    assert!(
        graphics["specifiers"]
            .as_array()
            .is_some_and(|s| s.len() == 3),
        "three, fiber and drei share one bundle: {graphics}"
    );

    let (child, port) = spawn_serve_with(&deps, |command| {
        command.arg("--allowlist").arg(allowlist_3d());
    });
    let ready = (0..100).any(|_| {
        std::thread::sleep(std::time::Duration::from_millis(100));
        std::net::TcpStream::connect(("127.0.0.1", port)).is_ok()
    });
    assert!(ready, "the server did not start");
    let out = run_node_script(
        "webgl-e2e.mjs",
        &[
            format!("http://localhost:{port}"),
            format!("http://127.0.0.1:{port}"),
            repo_root()
                .join("tests/apps/spinning-cube")
                .display()
                .to_string(),
        ],
    );
    let server = terminate(child);
    let out =
        out.unwrap_or_else(|e| panic!("{e}\nserver:\n{}", String::from_utf8_lossy(&server.stderr)));
    println!("{out}");

    assert_eq!(out["rendered"], true, "{out}");
    assert_eq!(out["errors"], serde_json::json!([]), "{out}");
    let (first, second) = (&out["first"], &out["second"]);
    assert_eq!(first["webgl"], true, "the canvas has a WebGL context");
    // The background is the app's #0f172a; the cube in the middle is lit orange.
    assert_eq!(first["corner"], serde_json::json!([15, 23, 42]), "{out}");
    let center: Vec<u64> = first["center"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap())
        .collect();
    assert!(
        center[0] > 100 && center[0] > center[2] + 50,
        "the cube is drawn, orange, at the center: {out}"
    );
    assert_ne!(first["digest"], second["digest"], "the cube spins: {out}");
    assert_ne!(first["frames"], second["frames"], "frames go on: {out}");
}
