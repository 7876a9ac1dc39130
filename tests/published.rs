//! Published apps against a real Docker engine (CI installs docker.io and starts dockerd): one
//! locked-down container per app, reached through the service's proxy on loopback. Limits are
//! read back with `docker inspect` and pushed from inside the container with a static busybox
//! that the tests add to the app image. Traffic goes only to loopback and to these containers.

mod support;

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::{json, Value};
use support::published::*;
use support::*;

const TODO_APP: &str = r#"import { useAppData } from '@appbundle/runtime';
import { Heart } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Card, CardContent } from '@/components/ui/card';

export default function Todos() {
  const todos = useAppData('todos');
  return (
    <main>
      <h1>Published todos <Heart size={16} /></h1>
      <Button onClick={() => todos.create({ text: 'from the page' })}>add</Button>
      <Card>
        <CardContent>
          <ul>{todos.items.map((t: { id: string; text: string }) => <li key={t.id}>{t.text}</li>)}</ul>
        </CardContent>
      </Card>
    </main>
  );
}
"#;

fn todo_files() -> Value {
    json!({ "files": { "App.tsx": TODO_APP } })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_published_app_is_served_through_the_proxy_with_every_limit() {
    let (base, _) = apps_server("limits", |_| {}).await;
    let _cleanup = Cleanup(vec!["limits-app".into()]);

    // The management API wants a key, and its owner.
    let anonymous = http_post_json(format!("{base}/apps/limits-app/publish"), &todo_files()).await;
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
    let too_big = publish(
        &base,
        KEY,
        "limits-app",
        json!({ "files": { "App.tsx": TODO_APP }, "memory_mb": 4096 }),
    )
    .await;
    assert_eq!(too_big.status(), StatusCode::BAD_REQUEST);
    assert!(too_big.text().await.unwrap().contains("1024 MB"));
    // A bundle made for the preview (React's development build) is not published.
    let request = json!({ "files": { "App.tsx": TODO_APP }, "options": { "refresh": true } });
    let previewed: Value = http_post_json(format!("{base}/bundle"), &request)
        .await
        .json()
        .await
        .unwrap();
    let preview_only = json!({ "bundle": previewed["hash"] });
    let refused = publish(&base, KEY, "limits-app", preview_only).await;
    assert_eq!(refused.status(), StatusCode::BAD_REQUEST);
    assert!(refused
        .text()
        .await
        .unwrap()
        .contains("made for the preview"));

    let mut body = todo_files();
    body["memory_mb"] = json!(256);
    body["cpus"] = json!(1.5);
    let view = publish_ok(&base, "limits-app", body).await;
    assert_eq!(view["state"], "running");
    assert_eq!(view["url"], "/apps/limits-app/");

    let foreign = publish(&base, BOB, "limits-app", todo_files()).await;
    assert_eq!(foreign.status(), StatusCode::FORBIDDEN);

    // The page and its scripts come back through the proxy.
    let page = http_get(format!("{base}/apps/limits-app/")).await;
    assert_eq!(page.status(), StatusCode::OK);
    assert!(page.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .contains("script-src 'self'"));
    let html = page.text().await.unwrap();
    assert!(html.contains("<script src=\"deps/core."), "{html}");
    // The kit's bundle, after the bundles it is built on.
    let kit = html
        .find("<script src=\"deps/kit.")
        .expect("the kit bundle");
    let radix = html
        .find("<script src=\"deps/ui_radix.")
        .expect("the radix bundle");
    assert!(radix < kit, "{html}");
    assert!(html.contains("<script src=\"app.js\">"));
    let script = http_get(format!("{base}/apps/limits-app/app.js")).await;
    assert_eq!(script.status(), StatusCode::OK);
    let code = script.text().await.unwrap();
    assert!(code.contains("useAppData") && code.contains("from the page"));
    // Minified for production: the whole app is a few lines.
    assert!(code.lines().count() < 10, "{} lines", code.lines().count());

    // Every limit, as the engine holds it.
    let container = inspect("container", "appbundle-app-limits-app");
    let host = &container["HostConfig"];
    assert_eq!(host["Memory"], 256 * 1024 * 1024);
    assert_eq!(host["MemorySwap"], 256 * 1024 * 1024);
    assert_eq!(host["NanoCpus"], 1_500_000_000i64);
    assert_eq!(host["PidsLimit"], 64);
    assert_eq!(host["ReadonlyRootfs"], true);
    assert_eq!(host["Tmpfs"]["/tmp"], "rw,noexec,nosuid,nodev,size=100m");
    assert_eq!(host["CapDrop"], json!(["ALL"]));
    assert_eq!(host["SecurityOpt"], json!(["no-new-privileges"]));
    assert_eq!(host["NetworkMode"], NETWORK);
    assert_eq!(host["RestartPolicy"]["Name"], "no");
    assert_eq!(host["PortBindings"]["8080/tcp"][0]["HostIp"], "127.0.0.1");
    assert_eq!(container["Config"]["User"], "10001:10001");
    assert_eq!(container["Config"]["Labels"]["io.appbundle.user"], "alice");
    let mounts = container["Mounts"].as_array().unwrap();
    let app = mounts.iter().find(|m| m["Destination"] == "/app").unwrap();
    assert_eq!(
        (app["Type"].as_str(), app["RW"].as_bool()),
        (Some("bind"), Some(false))
    );
    let data = mounts.iter().find(|m| m["Destination"] == "/data").unwrap();
    assert_eq!(
        (data["Type"].as_str(), data["Name"].as_str()),
        (Some("volume"), Some("appbundle-data-limits-app"))
    );
    // The published port listens on loopback only.
    let published = container["NetworkSettings"]["Ports"]["8080/tcp"][0].clone();
    assert_eq!(published["HostIp"], "127.0.0.1");

    // No egress and no traffic between containers, from the network's own settings.
    let network = inspect("network", NETWORK);
    assert_eq!(
        network["Options"]["com.docker.network.bridge.enable_ip_masquerade"],
        "false"
    );
    assert_eq!(
        network["Options"]["com.docker.network.bridge.enable_icc"],
        "false"
    );

    // From inside: not root, no capabilities, read-only root, a writable /tmp.
    let id = exec("limits-app", &["id", "-u"]);
    assert_eq!(String::from_utf8_lossy(&id.stdout).trim(), "10001");
    let caps = exec("limits-app", &["cat", "/proc/self/status"]);
    let status = String::from_utf8_lossy(&caps.stdout);
    assert!(status.contains("CapEff:\t0000000000000000"), "{status}");
    assert!(status.contains("NoNewPrivs:\t1"), "{status}");
    assert!(!exec("limits-app", &["touch", "/x"]).status.success());
    assert!(exec("limits-app", &["touch", "/tmp/x"]).status.success());

    // Status with usage, from the engine.
    let status = app_status(&base, KEY, "limits-app").await;
    assert_eq!(status["state"], "running");
    assert_eq!(status["usage"]["memory_limit_bytes"], 256 * 1024 * 1024);
    assert!(status["usage"]["pids"].as_u64().unwrap() >= 1);
    assert!(status["started_at"].is_string());
    // CPU is measured between two readings: the second status has it.
    let again = app_status(&base, KEY, "limits-app").await;
    assert!(again["usage"]["cpu_percent"].is_number(), "{again}");
    let listed = get_as(&base, KEY, "/apps").await;
    assert_eq!(listed["apps"][0]["app_id"], "limits-app");

    // The engine's health check runs the app server's probe in the container.
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let status = app_status(&base, KEY, "limits-app").await;
        if status["health"] == "healthy" {
            break;
        }
        assert!(Instant::now() < deadline, "never healthy: {status}");
        tokio::time::sleep(Duration::from_millis(500)).await;
    }

    // Delete with purge: container and volume gone.
    let deleted = delete_app(&base, "limits-app?purge=true").await;
    assert_eq!(deleted.status(), StatusCode::NO_CONTENT);
    assert!(!docker(&["inspect", "appbundle-app-limits-app"])
        .status
        .success());
    assert!(!docker(&["volume", "inspect", "appbundle-data-limits-app"])
        .status
        .success());
    let gone = http_get(format!("{base}/apps/limits-app/")).await;
    assert_eq!(gone.status(), StatusCode::NOT_FOUND);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn memory_and_fork_bombs_hit_their_limits_and_are_reported() {
    let (base, _) = apps_server("bombs", |_| {}).await;
    let _cleanup = Cleanup(vec!["bombs-app".into()]);
    let mut body = todo_files();
    body["memory_mb"] = json!(64);
    publish_ok(&base, "bombs-app", body).await;

    // `tail` of an endless line keeps it all in memory: the kernel kills it at 64 MB.
    let hog = exec("bombs-app", &["sh", "-c", "tail /dev/zero"]);
    assert_eq!(hog.status.code(), Some(137), "{hog:?}");
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        let status = app_status(&base, KEY, "bombs-app").await;
        if status["oom_kills"].as_u64() >= Some(1) || Instant::now() > deadline {
            break status;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    assert!(status["oom_kills"].as_u64() >= Some(1), "{status}");
    // The app server itself stayed up.
    assert_eq!(status["state"], "running", "{status}");

    // A fork loop stops at the pids limit (64): busybox's shell gives up at the first failed
    // fork, leaving its sleeps behind, and the engine counts the container's processes.
    let bomb = exec(
        "bombs-app",
        &["sh", "-c", "for i in $(seq 200); do sleep 8 & done"],
    );
    let stderr = String::from_utf8_lossy(&bomb.stderr);
    assert!(stderr.contains("can't fork"), "{stderr}");
    let pids = app_status(&base, KEY, "bombs-app").await["usage"]["pids"]
        .as_u64()
        .unwrap();
    assert!((50..=64).contains(&pids), "{pids} processes");
    tokio::time::sleep(Duration::from_secs(8)).await;
    // Once the loop's processes are gone, the app serves again.
    let page = http_get(format!("{base}/apps/bombs-app/")).await;
    let status = page.status();
    assert_eq!(status, StatusCode::OK, "{}", page.text().await.unwrap());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_app_container_cannot_reach_another() {
    let (base, _) = apps_server("icc", |_| {}).await;
    let _cleanup = Cleanup(vec!["icc-a".into(), "icc-b".into()]);
    publish_ok(&base, "icc-a", todo_files()).await;
    // B is published from a bundle made by POST /bundle (its hash), not from files.
    let bundled: Value = http_post_json(format!("{base}/bundle"), &todo_files())
        .await
        .json()
        .await
        .unwrap();
    let hash = bundled["hash"].as_str().unwrap();
    publish_ok(&base, "icc-b", json!({ "bundle": hash })).await;
    let script = http_get(format!("{base}/apps/icc-b/app.js"))
        .await
        .text()
        .await
        .unwrap();
    assert!(script.contains("from the page"));
    let unknown = publish(&base, KEY, "icc-c", json!({ "bundle": "0".repeat(64) })).await;
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
    let b = inspect("container", "appbundle-app-icc-b");
    let b_ip = b["NetworkSettings"]["Networks"][NETWORK]["IPAddress"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(!b_ip.is_empty());
    // The probe works (A reaches itself)...
    let own = exec(
        "icc-a",
        &[
            "/appbundle",
            "app-server",
            "--probe",
            "http://127.0.0.1:8080/healthz",
        ],
    );
    assert!(own.status.success(), "{own:?}");
    // ...but not B, which the host reaches through the proxy.
    let url = format!("http://{b_ip}:8080/healthz");
    let other = exec("icc-a", &["/appbundle", "app-server", "--probe", &url]);
    assert!(!other.status.success(), "A reached B: {other:?}");
    let through_proxy = http_get(format!("{base}/apps/icc-b/healthz")).await;
    assert_eq!(through_proxy.status(), StatusCode::OK);

    // An app killed from outside (SIGKILL, not the OOM killer) did not crash by itself: it reads
    // as exited, and the next visitor starts it again.
    assert!(docker(&["kill", "appbundle-app-icc-b"]).status.success());
    let status = app_status(&base, KEY, "icc-b").await;
    assert_eq!(status["state"], "exited", "{status}");
    assert_eq!(status["exit_code"], 137, "{status}");
    let again = http_get(format!("{base}/apps/icc-b/healthz")).await;
    assert_eq!(again.status(), StatusCode::OK);
    assert_eq!(app_status(&base, KEY, "icc-b").await["state"], "running");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn idle_apps_are_stopped_and_start_again_on_their_next_request() {
    let (base, _) = apps_server("idle", |apps| {
        apps.idle_timeout = Duration::from_secs(2);
        apps.sweep_interval = Duration::from_millis(500);
    })
    .await;
    let _cleanup = Cleanup(vec!["idle-app".into()]);
    publish_ok(&base, "idle-app", todo_files()).await;
    let added = http_post_json(
        format!("{base}/apps/idle-app/api/data/notes"),
        &json!({ "text": "kept while stopped" }),
    )
    .await;
    assert_eq!(added.status(), StatusCode::CREATED);

    let deadline = Instant::now() + Duration::from_secs(15);
    while docker(&["inspect", "appbundle-app-idle-app"])
        .status
        .success()
    {
        assert!(Instant::now() < deadline, "the idle app was not stopped");
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    assert_eq!(
        app_status(&base, KEY, "idle-app").await["state"],
        "stopped-idle"
    );

    // A visitor's request starts it again, with its data.
    let notes: Value = http_get(format!("{base}/apps/idle-app/api/data/notes"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(notes[0]["text"], "kept while stopped");
    assert_eq!(app_status(&base, KEY, "idle-app").await["state"], "running");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn quotas_per_user_and_in_total_answer_429() {
    let (base, _) = apps_server("quota", |apps| {
        apps.max_apps_per_user = 2;
        apps.max_apps_total = 3;
    })
    .await;
    let _cleanup = Cleanup(
        ["quota-a1", "quota-a2", "quota-a3", "quota-b1", "quota-b2"]
            .map(String::from)
            .to_vec(),
    );
    publish_ok(&base, "quota-a1", todo_files()).await;
    publish_ok(&base, "quota-a2", todo_files()).await;
    let third = publish(&base, KEY, "quota-a3", todo_files()).await;
    assert_eq!(third.status(), StatusCode::TOO_MANY_REQUESTS);
    // Running apps free up when one is deleted or stopped idle: the sweep's interval.
    assert_eq!(third.headers()["retry-after"], "300");
    assert!(third
        .text()
        .await
        .unwrap()
        .contains("most allowed per user (2)"));
    // Republishing a running app is no new app.
    publish_ok(&base, "quota-a1", todo_files()).await;

    let bob = publish(&base, BOB, "quota-b1", todo_files()).await;
    assert_eq!(bob.status(), StatusCode::OK);
    let bob_second = publish(&base, BOB, "quota-b2", todo_files()).await;
    assert_eq!(bob_second.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(bob_second
        .text()
        .await
        .unwrap()
        .contains("the most it allows (3)"));

    let deleted = delete_app(&base, "quota-a2").await;
    assert_eq!(deleted.status(), StatusCode::NO_CONTENT);
    publish_ok(&base, "quota-a3", todo_files()).await;
}

#[tokio::test]
async fn an_unreachable_engine_answers_503_and_bundling_goes_on() {
    let (base, _) = start_server(|config| {
        config.apps.api_keys = HashMap::from([(KEY.to_string(), "alice".to_string())]);
        config.apps.docker_host = Some("unix:///nonexistent/docker.sock".into());
        config.apps.state_dir = temp_dir("no-engine");
    })
    .await;
    let response = publish(&base, KEY, "no-engine", todo_files()).await;
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    let text = response.text().await.unwrap();
    assert!(text.contains("container engine is unreachable"), "{text}");
    let bundled = http_post_json(format!("{base}/bundle"), &todo_files()).await;
    assert_eq!(bundled.status(), StatusCode::OK);
}

/// The real binary, its own image (no test additions): publish, data through the page's REST
/// API, republish, then a service restart; nothing published is lost. Also times publish → the
/// first 200 through the proxy (BENCHMARKS.md).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn data_survives_republish_and_a_service_restart() {
    let deps_dir = tokio::task::spawn_blocking(runtime_deps).await.unwrap();
    let state_dir = temp_dir("restart");
    let _cleanup = Cleanup(vec!["restart-app".into()]);
    let serve = |state_dir: PathBuf| {
        spawn_serve_with(&deps_dir, move |command| {
            command
                .env("APPBUNDLE_API_KEYS", format!("{KEY}=alice"))
                .env("APPBUNDLE_STATE_DIR", state_dir);
        })
    };
    let (child, port) = serve(state_dir.clone());
    let base = format!("http://127.0.0.1:{port}");
    wait_ready(&base).await;

    let started = Instant::now();
    publish_ok(&base, "restart-app", todo_files()).await;
    let page = http_get(format!("{base}/apps/restart-app/")).await;
    assert_eq!(page.status(), StatusCode::OK);
    println!(
        "publish to first 200 (image built on the way): {:?}",
        started.elapsed()
    );

    // The page itself writes through useAppData (the runtime's hook → host.js → REST).
    let seen = in_chromium(format!("{base}/apps/restart-app/"), "add").await;
    assert_eq!(seen["items"], json!(["from the page"]), "{seen}");
    let created = http_post_json(
        format!("{base}/apps/restart-app/api/data/todos"),
        &json!({ "text": "survives" }),
    )
    .await;
    assert_eq!(created.status(), StatusCode::CREATED);

    let started = Instant::now();
    publish_ok(&base, "restart-app", todo_files()).await;
    let page = http_get(format!("{base}/apps/restart-app/")).await;
    assert_eq!(page.status(), StatusCode::OK);
    println!("republish to first 200: {:?}", started.elapsed());
    let todos: Value = http_get(format!("{base}/apps/restart-app/api/data/todos"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(todos[1]["text"], "survives");

    // The service stops; the app keeps running; a new service finds it by label.
    let output = terminate(child);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        inspect("container", "appbundle-app-restart-app")["State"]["Running"],
        true
    );
    let (child, port) = serve(state_dir.clone());
    let base = format!("http://127.0.0.1:{port}");
    wait_ready(&base).await;
    let deadline = Instant::now() + Duration::from_secs(10);
    let todos: Value = loop {
        let response = http_get(format!("{base}/apps/restart-app/api/data/todos")).await;
        if response.status() == StatusCode::OK {
            break response.json().await.unwrap();
        }
        assert!(Instant::now() < deadline, "the app was not rediscovered");
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert_eq!(todos[1]["text"], "survives");
    assert_eq!(
        app_status(&base, KEY, "restart-app").await["state"],
        "running"
    );
    // And the page, loaded through the new service, lists both.
    let seen = in_chromium(format!("{base}/apps/restart-app/"), "list").await;
    assert_eq!(
        seen["items"],
        json!(["from the page", "survives"]),
        "{seen}"
    );
    terminate(child);
}

/// The published page in Chromium (tests/node-runtime/published-e2e.mjs): `add` clicks the
/// page's button (useAppData → the app's server); returns what the page then lists.
async fn in_chromium(url: String, mode: &'static str) -> Value {
    let output = tokio::task::spawn_blocking(move || {
        let node = node_runtime();
        std::process::Command::new("node")
            .arg(node.join("published-e2e.mjs"))
            .arg(&url)
            .arg(mode)
            .current_dir(&node)
            .output()
            .expect("node runs")
    })
    .await
    .unwrap();
    assert!(
        output.status.success(),
        "published-e2e.mjs failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let seen: Value = serde_json::from_slice(&output.stdout).expect("JSON from published-e2e.mjs");
    assert_eq!(seen["errors"], json!([]), "{seen}");
    assert!(
        seen["heading"]
            .as_str()
            .unwrap()
            .contains("Published todos"),
        "{seen}"
    );
    assert_eq!(seen["svg"], 1, "the lucide icon did not render: {seen}");
    assert_eq!(
        seen["kitButton"], true,
        "the kit's Button did not render: {seen}"
    );
    seen
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn republishing_under_traffic_loses_no_request() {
    let (base, _) = apps_server("swap", |apps| apps.api_per_app_per_minute = 100_000).await;
    let _cleanup = Cleanup(vec!["swap-app".into()]);
    publish_ok(&base, "swap-app", todo_files()).await;

    // Visitors keep asking for the page, the script and the data API (writes included) while
    // the app is published again three times: each request gets its answer.
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let visitors: Vec<_> = (0..4)
        .map(|n| {
            let (base, stop) = (base.clone(), stop.clone());
            tokio::spawn(async move {
                let app = format!("{base}/apps/swap-app");
                let (mut answered, mut failed) = (0, Vec::new());
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    let outcome = match n {
                        0 => client().get(format!("{app}/")).send().await,
                        1 => client().get(format!("{app}/app.js")).send().await,
                        _ => {
                            let url = format!("{app}/api/data/todos");
                            let note = json!({ "text": format!("visitor {n}") });
                            match client().post(&url).json(&note).send().await {
                                Ok(created) if created.status() == StatusCode::CREATED => {
                                    let item: Value = created.json().await.unwrap();
                                    let id = item["id"].as_str().unwrap().to_string();
                                    client().delete(format!("{url}/{id}")).send().await
                                }
                                other => other,
                            }
                        }
                    };
                    match outcome {
                        Ok(response) if response.status().is_success() => answered += 1,
                        Ok(response) => failed.push(format!("{n}: {}", response.status())),
                        Err(e) => failed.push(format!("{n}: {e}")),
                    }
                }
                (answered, failed)
            })
        })
        .collect();
    for _ in 0..3 {
        tokio::time::sleep(Duration::from_millis(300)).await;
        publish_ok(&base, "swap-app", todo_files()).await;
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let mut answered = 0;
    let mut failed = Vec::new();
    for visitor in visitors {
        let (a, f) = visitor.await.unwrap();
        answered += a;
        failed.extend(f);
    }
    println!("{answered} answered across three republishes");
    assert!(answered > 100, "{answered}");
    assert!(failed.is_empty(), "{failed:?}");
}

/// The host port Docker gave an app's container.
fn host_port_of(app_id: &str) -> u16 {
    let container = inspect("container", &format!("appbundle-app-{app_id}"));
    container["NetworkSettings"]["Ports"]["8080/tcp"][0]["HostPort"]
        .as_str()
        .and_then(|port| port.parse().ok())
        .unwrap_or_else(|| panic!("{app_id} has no host port: {container}"))
}

/// Removes the container named `.0` however the test ends.
struct RemoveContainer(&'static str);

impl Drop for RemoveContainer {
    fn drop(&mut self) {
        docker(&["rm", "-f", self.0]);
    }
}

async fn todos_of(base: &str, app_id: &str) -> (StatusCode, Value) {
    let response = http_get(format!("{base}/apps/{app_id}/api/data/todos")).await;
    let status = response.status();
    (status, response.json().await.unwrap_or(Value::Null))
}

/// After an engine restart Docker hands out host ports again from the start of its range, so
/// the port the service remembers for one app can belong to another app's new container (the
/// CI run that found this served app A's visitors app B's data). Here A's container stops and
/// B's app server (same image, command, site and volume as B's container) takes A's port.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_port_that_went_to_another_app_never_serves_that_apps_data() {
    const IMPOSTOR: &str = "appbundle-test-port-impostor";
    let (base, state) = apps_server("port-hands", |_| {}).await;
    let _cleanup = Cleanup(vec!["hands-a".into(), "hands-b".into()]);
    let _impostor = RemoveContainer(IMPOSTOR);
    for app_id in ["hands-a", "hands-b"] {
        publish_ok(&base, app_id, todo_files()).await;
        let added = http_post_json(
            format!("{base}/apps/{app_id}/api/data/todos"),
            &json!({ "text": format!("kept by {app_id}") }),
        )
        .await;
        assert_eq!(added.status(), StatusCode::CREATED);
    }
    let a_port = host_port_of("hands-a");
    let b = inspect("container", "appbundle-app-hands-b");
    let b_site = b["Mounts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|mount| mount["Destination"] == "/app")
        .and_then(|mount| mount["Source"].as_str())
        .unwrap()
        .to_string();
    let b_command: Vec<String> = serde_json::from_value(b["Config"]["Cmd"].clone()).unwrap();
    assert!(b_command.contains(&"hands-b".to_string()), "{b_command:?}");

    // A stops as the engine's restart stops it (SIGTERM, exit 0); B's server takes its port.
    assert!(docker(&["stop", "appbundle-app-hands-a"]).status.success());
    let published = format!("127.0.0.1:{a_port}:8080");
    let volume = "appbundle-data-hands-b:/data".to_string();
    let site = format!("{b_site}:/app:ro");
    let user = b["Config"]["User"].as_str().unwrap().to_string();
    let image = b["Config"]["Image"].as_str().unwrap().to_string();
    let run = [
        "run", "-d", "--name", IMPOSTOR, "-p", &published, "-v", &volume, "-v", &site, "--user",
        &user, "-w", "/data", &image,
    ];
    let command = run.into_iter().chain(b_command.iter().map(String::as_str));
    let started = docker(&command.collect::<Vec<_>>());
    assert!(started.status.success(), "{started:?}");
    let deadline = Instant::now() + Duration::from_secs(20);
    while !client()
        .get(format!("http://127.0.0.1:{a_port}/healthz"))
        .send()
        .await
        .is_ok_and(|r| r.status() == StatusCode::OK)
    {
        assert!(
            Instant::now() < deadline,
            "B's server did not start on A's port"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // The service still has A at that port: the case the proxy must catch.
    assert_eq!(state.apps.route("hands-a").await.unwrap(), a_port);

    // A's visitor gets A's data (A started again), never B's; a write lands in A's store.
    let (status, todos) = todos_of(&base, "hands-a").await;
    assert_eq!(status, StatusCode::OK, "{todos}");
    assert_eq!(todos[0]["text"], "kept by hands-a", "{todos}");
    assert_eq!(todos.as_array().unwrap().len(), 1, "{todos}");
    let added = http_post_json(
        format!("{base}/apps/hands-a/api/data/todos"),
        &json!({ "text": "second for hands-a" }),
    )
    .await;
    assert_eq!(added.status(), StatusCode::CREATED);
    let (_, todos) = todos_of(&base, "hands-a").await;
    assert_eq!(todos.as_array().unwrap().len(), 2, "{todos}");
    let (_, b_todos) = todos_of(&base, "hands-b").await;
    assert_eq!(b_todos.as_array().unwrap().len(), 1, "{b_todos}");
    assert_ne!(host_port_of("hands-a"), a_port);
    assert_eq!(app_status(&base, KEY, "hands-a").await["state"], "running");
}
