//! Fault injection: the service (the real binary, real Docker) killed with SIGKILL at points
//! spread over a publish, then started again on the same state. Each time the app serves the
//! old version or the new one whole (page and script from one publish), its data stays, one
//! site folder and one container are left, and the next publish goes through.

mod support;

use std::path::Path;
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::{json, Value};
use support::published::*;
use support::*;

const APP: &str = "sigkill-app";

/// Release `n` of a small notes app: its title and its script both say which release it is.
fn release(n: u32) -> Value {
    let app = format!(
        r#"import {{ useAppData }} from '@appbundle/runtime';

export default function Notes() {{
  const notes = useAppData('notes');
  return (
    <main className="p-6">
      <h1 className="text-xl font-semibold">Release {n}</h1>
      <ul>{{notes.items.map((note: {{ id: string; text: string }}) => <li key={{note.id}}>{{note.text}}</li>)}}</ul>
    </main>
  );
}}
"#
    );
    json!({ "files": { "App.tsx": app }, "title": format!("Notes v{n}") })
}

fn serve(deps_dir: &Path, state_dir: &Path) -> (std::process::Child, String) {
    let state_dir = state_dir.to_path_buf();
    let (child, port) = spawn_serve_with(deps_dir, move |command| {
        command
            .env("APPBUNDLE_API_KEYS", format!("{KEY}=alice"))
            .env("APPBUNDLE_STATE_DIR", state_dir)
            .env("APPBUNDLE_PUBLISHES_PER_HOUR", "0")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null());
    });
    (child, format!("http://127.0.0.1:{port}"))
}

/// The release the app serves, once it serves: its page's title and its script must agree.
async fn served_release(base: &str) -> u32 {
    let deadline = Instant::now() + Duration::from_secs(30);
    let page = loop {
        let response = http_get(format!("{base}/apps/{APP}/")).await;
        if response.status() == StatusCode::OK {
            break response.text().await.unwrap();
        }
        if Instant::now() > deadline {
            let containers = docker(&[
                "ps",
                "-a",
                "--filter",
                &format!("label=io.appbundle.app={APP}"),
            ]);
            panic!(
                "the app did not serve again: {} {}\n{}",
                response.status(),
                response.text().await.unwrap_or_default(),
                String::from_utf8_lossy(&containers.stdout)
            );
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    let title = page
        .split("<title>Notes v")
        .nth(1)
        .and_then(|rest| rest.split('<').next())
        .and_then(|n| n.parse::<u32>().ok())
        .unwrap_or_else(|| panic!("a page without its title: {page}"));
    let script = http_get(format!("{base}/apps/{APP}/app.js")).await;
    assert_eq!(script.status(), StatusCode::OK);
    let script = script.text().await.unwrap();
    assert!(
        script.contains(&format!("Release {title}")),
        "the page is release {title} but its script is not"
    );
    for file in ["app.css", "host.js", "main.js"] {
        let response = http_get(format!("{base}/apps/{APP}/{file}")).await;
        assert_eq!(
            response.status(),
            StatusCode::OK,
            "{file} of release {title}"
        );
    }
    title
}

/// What the app's folder holds besides its record: the site folders.
fn site_folders(state_dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(state_dir.join("apps").join(APP))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name != "app.json")
        .collect();
    names.sort();
    names
}

fn containers_of_app() -> usize {
    let out = docker(&[
        "ps",
        "-a",
        "-q",
        "--filter",
        &format!("label=io.appbundle.app={APP}"),
    ]);
    String::from_utf8_lossy(&out.stdout).lines().count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_service_killed_during_publishes_serves_one_whole_version_after_restart() {
    let deps_dir = tokio::task::spawn_blocking(runtime_deps).await.unwrap();
    let state_dir = temp_dir("sigkill");
    let _cleanup = Cleanup(vec![APP.into()]);
    let (mut child, mut base) = serve(&deps_dir, &state_dir);
    wait_ready(&base).await;
    publish_ok(&base, APP, release(1)).await;
    let added = http_post_json(
        format!("{base}/apps/{APP}/api/data/notes"),
        &json!({ "text": "written before the kills" }),
    )
    .await;
    assert_eq!(added.status(), StatusCode::CREATED);
    assert_eq!(served_release(&base).await, 1);

    // Kills spread from the bundling through the site, the container swap and the readiness
    // wait to after the answer.
    let mut serving = 1;
    let mut outcomes = Vec::new();
    for (step, delay_ms) in [20u64, 80, 160, 260, 380, 520, 700, 950, 1300, 1800]
        .into_iter()
        .enumerate()
    {
        let next = step as u32 + 2;
        let url = format!("{base}/apps/{APP}/publish");
        let request = as_user(reqwest::Method::POST, url, KEY).json(&release(next));
        let publishing = tokio::spawn(request.send());
        tokio::time::sleep(Duration::from_millis(delay_ms)).await;
        child.kill().unwrap();
        child.wait().unwrap();
        let answered = match publishing.await.unwrap() {
            Ok(response) => response.status() == StatusCode::OK,
            Err(_) => false,
        };

        (child, base) = serve(&deps_dir, &state_dir);
        wait_ready(&base).await;
        let now = served_release(&base).await;
        assert!(
            now == serving || now == next,
            "after a kill at {delay_ms} ms release {now} serves, not {serving} or {next}"
        );
        if answered {
            assert_eq!(now, next, "a publish that answered 200 was lost");
        }
        outcomes.push(format!(
            "{delay_ms} ms: {}, v{now}",
            if answered { "answered" } else { "cut" }
        ));
        serving = now;
        let notes: Value = http_get(format!("{base}/apps/{APP}/api/data/notes"))
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(notes[0]["text"], "written before the kills", "{notes}");
        assert_eq!(
            site_folders(&state_dir).len(),
            1,
            "one site folder is left: {:?}",
            site_folders(&state_dir)
        );
        assert_eq!(containers_of_app(), 1, "one container is left");
    }
    println!("{}", outcomes.join("; "));
    assert!(
        outcomes.iter().any(|o| o.contains("cut")),
        "no kill landed inside a publish: {outcomes:?}"
    );

    // And publishing works as before.
    publish_ok(&base, APP, release(100)).await;
    assert_eq!(served_release(&base).await, 100);
    assert_eq!(site_folders(&state_dir).len(), 1);
    let status = app_status(&base, KEY, APP).await;
    assert_eq!(status["state"], "running", "{status}");
    child.kill().unwrap();
    child.wait().unwrap();
}
