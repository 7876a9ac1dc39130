//! Shared helpers for the `appbundle` binary's integration tests.
#![allow(dead_code)]

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

pub mod published;

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The binary, checking imported names against the fixture manifest (the same export lists
/// whether or not `build-deps` has run in this clone).
pub fn appbundle() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_appbundle"));
    command.env(
        "APPBUNDLE_MANIFEST",
        repo_root().join("bundler/tests/manifest.json"),
    );
    command
}

pub fn run(command: &mut Command) -> Output {
    command
        .output()
        .unwrap_or_else(|e| panic!("could not run {command:?}: {e}"))
}

/// `tests/node-runtime` with its real npm packages installed (`npm ci`, once, under a file lock
/// so parallel test processes do not race). Node and npm are required: a missing one fails the
/// test with a message instead of skipping it.
pub fn node_runtime() -> PathBuf {
    let dir = repo_root().join("tests/node-runtime");
    let lock =
        File::create(std::env::temp_dir().join("appbundle-node-runtime.lock")).expect("lock file");
    lock.lock().expect("lock node-runtime install");
    let installed = dir.join("node_modules/.package-lock.json");
    let stale = match (
        installed.metadata(),
        dir.join("package-lock.json").metadata(),
    ) {
        (Ok(i), Ok(l)) => i.modified().ok() < l.modified().ok(),
        _ => true,
    };
    if stale {
        let status = Command::new("npm")
            .args(["ci", "--ignore-scripts", "--no-audit", "--no-fund"])
            .current_dir(&dir)
            .status()
            .expect("npm is required for the Node execution tests (apt-get install nodejs npm)");
        assert!(status.success(), "npm ci in tests/node-runtime failed");
    }
    let node = Command::new("node").arg("--version").output();
    assert!(
        node.is_ok_and(|o| o.status.success()),
        "node is required for the Node execution tests"
    );
    dir
}

/// Runs `tests/node-runtime/<script>` with `args` and reads the one JSON object it prints; `Err`
/// with what it wrote to stderr when it fails.
pub fn run_node_script(script: &str, args: &[String]) -> Result<serde_json::Value, String> {
    let node = node_runtime();
    let output = Command::new("node")
        .arg(node.join(script))
        .args(args)
        .current_dir(&node)
        .output()
        .expect("node runs");
    if !output.status.success() {
        return Err(format!(
            "{script} failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    serde_json::from_slice(&output.stdout).map_err(|e| format!("JSON from {script}: {e}"))
}

/// [`run_node_script`] from an async test whose server runs on this runtime's threads while
/// node drives Chromium; panics with the script's stderr when it fails.
pub async fn node_script(script: &'static str, args: Vec<String>) -> serde_json::Value {
    tokio::task::spawn_blocking(move || run_node_script(script, &args))
        .await
        .unwrap()
        .unwrap_or_else(|e| panic!("{e}"))
}

pub fn fixture(name: &str) -> PathBuf {
    repo_root().join("bundler/tests/fixtures").join(name)
}

/// A fresh `appbundle-test-<name>-<pid>` folder. Those that test processes no longer running
/// left behind are removed on the way (a run of the suite writes a few GB there).
pub fn temp_dir(name: &str) -> PathBuf {
    let prefix = format!("appbundle-test-{name}-");
    if let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) {
        for entry in entries.flatten() {
            let file_name = entry.file_name();
            let pid = file_name
                .to_str()
                .and_then(|n| n.strip_prefix(&prefix))
                .and_then(|pid| pid.parse::<u32>().ok());
            if pid.is_some_and(|pid| !Path::new(&format!("/proc/{pid}")).exists()) {
                let _ = std::fs::remove_dir_all(entry.path());
            }
        }
    }
    let dir = std::env::temp_dir().join(format!("{prefix}{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()))
}

/// `public/runtime-deps`, built by `appbundle build-deps` (npm registry + Chromium), once per
/// machine state: unchanged categories are reused, and a file lock keeps parallel test
/// processes from building at the same time.
pub fn runtime_deps() -> PathBuf {
    static BUILT: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    BUILT.get_or_init(build_runtime_deps).clone()
}

fn build_runtime_deps() -> PathBuf {
    build_deps(&[], "");
    repo_root().join("public/runtime-deps")
}

/// Runs `appbundle build-deps` with `args` in the repository, under [`runtime_deps_lock`];
/// `advice` follows its stderr when it fails.
pub fn build_deps(args: &[std::ffi::OsString], advice: &str) {
    let _lock = runtime_deps_lock();
    let built = Command::new(env!("CARGO_BIN_EXE_appbundle"))
        .arg("build-deps")
        .args(args)
        .current_dir(repo_root())
        .output()
        .expect("run appbundle build-deps");
    assert!(
        built.status.success(),
        "appbundle build-deps {args:?} failed{advice}:\n{}",
        String::from_utf8_lossy(&built.stderr)
    );
}

/// Held while a test runs `build-deps`, so no other test process builds at the same time.
pub fn runtime_deps_lock() -> File {
    let lock =
        File::create(std::env::temp_dir().join("appbundle-runtime-deps.lock")).expect("lock file");
    lock.lock().expect("lock runtime-deps build");
    lock
}

/// Starts `appbundle serve`'s router in this process on 127.0.0.1:0, against the real runtime
/// deps; returns its base URL and state.
pub async fn start_server(
    tweak: impl FnOnce(&mut appbundle_api::ServeConfig),
) -> (String, std::sync::Arc<appbundle_api::AppState>) {
    let deps_dir = tokio::task::spawn_blocking(runtime_deps).await.unwrap();
    let mut config = appbundle_api::ServeConfig {
        deps_dir,
        ..appbundle_api::ServeConfig::default()
    };
    tweak(&mut config);
    let state = appbundle_api::AppState::new(config).expect("state");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(appbundle_api::serve(
        listener,
        state.clone(),
        std::future::pending(),
    ));
    (base, state)
}

/// Runs the `appbundle serve` binary on a free loopback port; `configure` adds flags or env.
pub fn spawn_serve_with(
    deps_dir: &Path,
    configure: impl FnOnce(&mut Command),
) -> (std::process::Child, u16) {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut command = Command::new(env!("CARGO_BIN_EXE_appbundle"));
    command
        .args(["serve", "--bind", &format!("127.0.0.1:{port}")])
        .arg("--deps-dir")
        .arg(deps_dir)
        .current_dir(repo_root())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    configure(&mut command);
    (command.spawn().unwrap(), port)
}

pub fn spawn_serve(deps_dir: &Path) -> (std::process::Child, u16) {
    spawn_serve_with(deps_dir, |_| {})
}

/// SIGTERM, then everything the server printed.
pub fn terminate(child: std::process::Child) -> std::process::Output {
    // SAFETY: sends SIGTERM to our own child, which has not been waited for yet.
    let killed = unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGTERM) };
    assert_eq!(killed, 0);
    child.wait_with_output().unwrap()
}

/// An HTTP client that talks to loopback directly (no proxy from the environment).
pub fn client() -> reqwest::Client {
    reqwest::Client::builder().no_proxy().build().unwrap()
}

pub async fn http_get(url: String) -> reqwest::Response {
    client().get(url).send().await.unwrap()
}

pub async fn http_post_json(url: String, body: &serde_json::Value) -> reqwest::Response {
    client().post(url).json(body).send().await.unwrap()
}

/// An operator's allowlist: `examples/allowlist-3d.toml`, the embedded one with three.js, React
/// Three Fiber and drei allowed in a `graphics` bundle.
pub fn allowlist_3d() -> PathBuf {
    repo_root().join("examples/allowlist-3d.toml")
}

/// Polls `{base}/readyz` until it answers 200 (a minute at most).
pub async fn wait_ready(base: &str) {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if let Ok(r) = client().get(format!("{base}/readyz")).send().await {
            if r.status() == reqwest::StatusCode::OK {
                return;
            }
        }
        assert!(Instant::now() < deadline, "{base} did not become ready");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
