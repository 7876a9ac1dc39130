//! Published apps on a real Docker engine, shared by the tests that publish: the test app
//! image (the binary plus a static busybox), a service with API keys for alice and bob, the
//! management API's calls, and cleanup of containers and volumes however a test ends.

use std::collections::HashMap;
use std::path::PathBuf;
use std::process::Output;
use std::sync::Arc;

use appbundle_api::{AppState, ServeConfig};
use appbundle_containers::{AppImage, ContainerEngine, DockerEngine};
use reqwest::StatusCode;
use serde_json::Value;

use super::{client, start_server, temp_dir};

pub const NETWORK: &str = "appbundle-apps-test";
pub const KEY: &str = "key-alice";
pub const BOB: &str = "key-bob";

pub fn docker(args: &[&str]) -> Output {
    std::process::Command::new("docker")
        .args(args)
        .output()
        .expect("the docker CLI is required (apt-get install docker.io)")
}

pub fn inspect(kind: &str, name: &str) -> Value {
    let out = docker(&[kind, "inspect", name]);
    assert!(
        out.status.success(),
        "docker {kind} inspect {name}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice::<Value>(&out.stdout).unwrap()[0].clone()
}

/// `docker exec` in an app's container.
pub fn exec(app_id: &str, command: &[&str]) -> Output {
    let name = format!("appbundle-app-{app_id}");
    let mut args = vec!["exec", name.as_str()];
    args.extend_from_slice(command);
    docker(&args)
}

/// The app image of these tests: the appbundle binary plus a static busybox (Debian's
/// busybox-static) to measure the limits from inside.
pub fn test_image() -> AppImage {
    let busybox = PathBuf::from("/bin/busybox");
    assert!(
        busybox.exists(),
        "the published-app tests need a static busybox (apt-get install busybox-static)"
    );
    let links = [
        "sh", "tail", "id", "touch", "sleep", "cat", "seq", "mkdir", "ls",
    ]
    .iter()
    .map(|tool| (format!("/bin/{tool}"), "busybox".to_string()))
    .collect();
    AppImage {
        binary: PathBuf::from(env!("CARGO_BIN_EXE_appbundle")),
        extra_files: vec![(busybox, "/bin/busybox".into())],
        extra_links: links,
    }
}

/// Builds the test image once per test process, so parallel tests do not import it twice.
pub async fn prepared_image() -> AppImage {
    static READY: tokio::sync::OnceCell<()> = tokio::sync::OnceCell::const_new();
    let image = test_image();
    READY
        .get_or_init(|| async {
            let engine = DockerEngine::connect(None)
                .await
                .expect("a Docker engine is required for these tests (CI starts dockerd)");
            engine.ensure_image(&test_image()).await.expect("app image");
        })
        .await;
    image
}

/// Removes the test's containers and volumes, however the test ends.
pub struct Cleanup(pub Vec<String>);

impl Drop for Cleanup {
    fn drop(&mut self) {
        for app in &self.0 {
            docker(&["rm", "-f", &format!("appbundle-app-{app}")]);
            docker(&["volume", "rm", "-f", &format!("appbundle-data-{app}")]);
        }
    }
}

pub async fn apps_server(
    name: &str,
    tweak: impl FnOnce(&mut appbundle_api::config::AppsConfig),
) -> (String, Arc<AppState>) {
    let image = prepared_image().await;
    let state_dir = temp_dir(name);
    start_server(move |config: &mut ServeConfig| {
        config.apps.api_keys = HashMap::from([
            (KEY.to_string(), "alice".to_string()),
            (BOB.to_string(), "bob".to_string()),
        ]);
        config.apps.state_dir = state_dir;
        config.apps.network = NETWORK.to_string();
        config.apps.image = Some(image);
        tweak(&mut config.apps);
    })
    .await
}

/// A request to the management API as the holder of `key`.
pub fn as_user(method: reqwest::Method, url: String, key: &str) -> reqwest::RequestBuilder {
    client().request(method, url).bearer_auth(key)
}

pub async fn publish(base: &str, key: &str, app_id: &str, body: Value) -> reqwest::Response {
    let url = format!("{base}/apps/{app_id}/publish");
    as_user(reqwest::Method::POST, url, key)
        .json(&body)
        .send()
        .await
        .unwrap()
}

pub async fn delete_app(base: &str, path: &str) -> reqwest::Response {
    let url = format!("{base}/apps/{path}");
    as_user(reqwest::Method::DELETE, url, KEY)
        .send()
        .await
        .unwrap()
}

pub async fn publish_ok(base: &str, app_id: &str, body: Value) -> Value {
    let response = publish(base, KEY, app_id, body).await;
    let status = response.status();
    let text = response.text().await.unwrap();
    assert_eq!(status, StatusCode::OK, "publish {app_id}: {text}");
    serde_json::from_str(&text).unwrap()
}

/// `GET {base}{path}` as the owner of `key`, as JSON.
pub async fn get_as(base: &str, key: &str, path: &str) -> Value {
    as_user(reqwest::Method::GET, format!("{base}{path}"), key)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

pub async fn app_status(base: &str, key: &str, app_id: &str) -> Value {
    get_as(base, key, &format!("/apps/{app_id}")).await
}
