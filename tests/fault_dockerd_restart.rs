//! Fault injection: the Docker engine restarted under the service (real dockerd, stopped with
//! SIGTERM as `systemctl restart docker` does, then started again with the same command line),
//! once while an app runs and once in the middle of a publish. While the engine is away the
//! service answers 503 and says why; once it is back the apps serve again, with their data,
//! without a new publish.
//!
//! It restarts the machine's dockerd, so it is a test binary of its own (cargo runs test
//! binaries one after another).

mod support;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::{json, Value};
use support::published::*;
use support::*;

const RUNNING_APP: &str = "engine-running";
const PUBLISHED_APP: &str = "engine-publish";

const NOTES_APP: &str = r#"import { useAppData } from '@appbundle/runtime';

export default function Notes() {
  const notes = useAppData('notes');
  return (
    <section className="mx-auto max-w-md p-4">
      <h2 className="text-lg font-medium">Notes</h2>
      <ul>{notes.items.map((n: { id: string; text: string }) => <li key={n.id}>{n.text}</li>)}</ul>
    </section>
  );
}
"#;

/// The running dockerd's command line, read from /proc.
fn dockerd_command() -> (i32, Vec<String>) {
    let out = Command::new("pidof").arg("dockerd").output().unwrap();
    let pid: i32 = String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .next()
        .and_then(|p| p.parse().ok())
        .expect("a running dockerd is required (CI starts it)");
    let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap();
    let args = cmdline
        .split(|b| *b == 0)
        .filter(|a| !a.is_empty())
        .map(|a| String::from_utf8_lossy(a).into_owned())
        .collect();
    (pid, args)
}

fn engine_answers() -> bool {
    Command::new("docker")
        .arg("info")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Stops dockerd `pid` as its service manager would (SIGTERM: it stops the containers, then
/// exits).
fn stop_dockerd(pid: i32) {
    // SAFETY: a signal to a process; nothing of ours is touched.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGTERM) }, 0);
    let deadline = Instant::now() + Duration::from_secs(60);
    while alive(pid) {
        assert!(Instant::now() < deadline, "dockerd did not stop");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// The process runs (an exited one stays a zombie until its parent, maybe not us, reaps it).
fn alive(pid: i32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .is_ok_and(|stat| !matches!(stat.rsplit(')').next().map(str::trim_start), Some(s) if s.starts_with('Z')))
}

fn start_dockerd(args: &[String]) {
    let log = std::env::temp_dir().join("appbundle-test-dockerd.log");
    // Through a shell that leaves it in the background: not our child, it outlives this test
    // as the engine it replaces.
    let started = Command::new("sh")
        .arg("-c")
        .arg("log=$1; shift; setsid \"$@\" >>\"$log\" 2>&1 </dev/null &")
        .arg("sh")
        .arg(&log)
        .args(args)
        .status()
        .expect("start dockerd again");
    assert!(started.success());
    let deadline = Instant::now() + Duration::from_secs(60);
    while !engine_answers() {
        assert!(Instant::now() < deadline, "dockerd did not come back");
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// Starts dockerd again if the test stops while it is down, so one failure does not take the
/// engine from every test after it.
struct EngineBack(Option<Vec<String>>);

impl EngineBack {
    // Blocking waits, with the service's tasks moved off this worker meanwhile.
    fn stop(&mut self) {
        let (pid, args) = dockerd_command();
        self.0 = Some(args);
        tokio::task::block_in_place(|| stop_dockerd(pid));
    }

    fn start(&mut self) {
        if let Some(args) = self.0.take() {
            tokio::task::block_in_place(|| start_dockerd(&args));
        }
    }
}

impl Drop for EngineBack {
    fn drop(&mut self) {
        self.start();
    }
}

/// The app's notes once it serves again, within `limit`.
async fn notes_once_served(base: &str, app_id: &str, limit: Duration) -> Value {
    let deadline = Instant::now() + limit;
    loop {
        let response = http_get(format!("{base}/apps/{app_id}/api/data/notes")).await;
        if response.status() == StatusCode::OK {
            let page = http_get(format!("{base}/apps/{app_id}/")).await;
            assert_eq!(page.status(), StatusCode::OK);
            return response.json().await.unwrap();
        }
        assert!(
            Instant::now() < deadline,
            "{app_id} did not serve again: {}",
            response.status()
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

fn container_running(app_id: &str) -> bool {
    let out = docker(&[
        "inspect",
        "-f",
        "{{.State.Running}}",
        &format!("appbundle-app-{app_id}"),
    ]);
    String::from_utf8_lossy(&out.stdout).trim() == "true"
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn apps_serve_again_after_the_engine_restarts_while_running_and_during_a_publish() {
    let (base, _) = apps_server("dockerd-restart", |_| {}).await;
    let _cleanup = Cleanup(vec![RUNNING_APP.into(), PUBLISHED_APP.into()]);
    let files = json!({ "files": { "App.tsx": NOTES_APP } });
    for app_id in [RUNNING_APP, PUBLISHED_APP] {
        publish_ok(&base, app_id, files.clone()).await;
        let added = http_post_json(
            format!("{base}/apps/{app_id}/api/data/notes"),
            &json!({ "text": format!("kept by {app_id}") }),
        )
        .await;
        assert_eq!(added.status(), StatusCode::CREATED);
    }

    // 1. The engine restarts while the apps run.
    let mut engine = EngineBack(None);
    engine.stop();
    let away = http_get(format!("{base}/apps/{RUNNING_APP}/")).await;
    assert_eq!(away.status(), StatusCode::SERVICE_UNAVAILABLE);
    let message = away.text().await.unwrap();
    assert!(
        message.contains("container engine is unreachable"),
        "{message}"
    );
    let status = as_user(
        reqwest::Method::GET,
        format!("{base}/apps/{RUNNING_APP}"),
        KEY,
    )
    .send()
    .await
    .unwrap();
    assert_eq!(status.status(), StatusCode::SERVICE_UNAVAILABLE);
    let back = Instant::now();
    engine.start();
    // The service notices the engine is back and starts both apps again, with no visitor.
    let deadline = Instant::now() + Duration::from_secs(30);
    while !(container_running(RUNNING_APP) && container_running(PUBLISHED_APP)) {
        assert!(Instant::now() < deadline, "the apps were not started again");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    println!("apps running again {:?} after dockerd", back.elapsed());
    for app_id in [RUNNING_APP, PUBLISHED_APP] {
        let notes = notes_once_served(&base, app_id, Duration::from_secs(30)).await;
        assert_eq!(notes[0]["text"], format!("kept by {app_id}"), "{notes}");
        assert_eq!(app_status(&base, KEY, app_id).await["state"], "running");
    }

    // 2. The engine restarts in the middle of a publish.
    let url = format!("{base}/apps/{PUBLISHED_APP}/publish");
    let publishing = tokio::spawn(as_user(reqwest::Method::POST, url, KEY).json(&files).send());
    tokio::time::sleep(Duration::from_millis(150)).await;
    engine.stop();
    let answer = publishing.await.unwrap().unwrap();
    let status = answer.status();
    let text = answer.text().await.unwrap();
    println!("the publish cut by the engine's restart answered {status}: {text}");
    assert!(
        status == StatusCode::OK || status == StatusCode::SERVICE_UNAVAILABLE,
        "{status}: {text}"
    );
    engine.start();
    for app_id in [RUNNING_APP, PUBLISHED_APP] {
        let notes = notes_once_served(&base, app_id, Duration::from_secs(30)).await;
        assert_eq!(notes[0]["text"], format!("kept by {app_id}"), "{notes}");
    }
    // And publishing works again.
    publish_ok(&base, PUBLISHED_APP, files).await;
    assert_eq!(
        app_status(&base, KEY, PUBLISHED_APP).await["state"],
        "running"
    );
}
