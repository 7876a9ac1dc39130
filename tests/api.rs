//! `appbundle serve` over real HTTP: the server runs on an ephemeral loopback port against the
//! real runtime deps (built by `build-deps`), and a real client (reqwest) talks to it.

mod support;

use std::collections::BTreeSet;

use appbundle_api::{AppState, ServeConfig};
use reqwest::header::{HeaderMap, HeaderValue};
use reqwest::StatusCode;
use serde_json::{json, Value};
use support::*;

const COUNTER_APP: &str = r#"
import { useState } from 'react';
import { Heart } from 'lucide-react';

export default function App() {
  const [count, setCount] = useState(0);
  return <button onClick={() => setCount(count + 1)}><Heart /> {count}</button>;
}
"#;

async fn post_text(base: &str, api_key: &str, body: &str) -> reqwest::Response {
    client()
        .post(format!("{base}/bundle"))
        .header("content-type", "text/plain")
        .header("x-api-key", api_key)
        .body(body.to_string())
        .send()
        .await
        .unwrap()
}

async fn post_json(base: &str, body: &Value) -> reqwest::Response {
    http_post_json(format!("{base}/bundle"), body).await
}

#[tokio::test]
async fn bundles_json_caches_the_second_identical_request_and_serves_the_script() {
    let (base, _) = start_server(|_| {}).await;
    let request = json!({ "files": { "App.tsx": COUNTER_APP } });
    let first = post_json(&base, &request).await;
    assert_eq!(first.status(), StatusCode::OK);
    assert_eq!(first.headers()["x-cache"], "miss");
    let body: Value = first.json().await.unwrap();
    let hash = body["hash"].as_str().unwrap().to_string();
    assert_eq!(body["url"], format!("/bundle/{hash}.js"));
    // lucide's machinery comes from its bundle; the one icon the app draws travels in its code.
    let code = body["code"].as_str().unwrap();
    assert!(code.contains("AppDependencies[\"icons_lucide\"]"), "{code}");
    assert!(code.contains("M2 9.5a5.5 5.5 0 0 1 9.591-3.676"), "{code}"); // lucide's heart
    assert!(!code.contains("\"menu\""), "{code}");
    let categories: Vec<&str> = body["bundles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["category"].as_str().unwrap())
        .collect();
    assert_eq!(categories, ["core", "icons_lucide"]);
    for bundle in body["bundles"].as_array().unwrap() {
        assert!(bundle["url"]
            .as_str()
            .unwrap()
            .starts_with("/runtime-deps/"));
        assert!(bundle["integrity"].as_str().unwrap().starts_with("sha384-"));
    }

    assert!(body["css"]
        .as_str()
        .unwrap()
        .contains("box-sizing: border-box"));
    let css = client()
        .get(format!("{base}/bundle/{hash}.css"))
        .send()
        .await
        .unwrap();
    assert_eq!(css.headers()["content-type"], "text/css; charset=utf-8");
    assert_eq!(css.text().await.unwrap(), body["css"].as_str().unwrap());

    let second = post_json(&base, &request).await;
    assert_eq!(second.headers()["x-cache"], "hit");
    let again: Value = second.json().await.unwrap();
    assert_eq!(again, body);

    let script = client()
        .get(format!("{base}/bundle/{hash}.js"))
        .send()
        .await
        .unwrap();
    assert_eq!(script.status(), StatusCode::OK);
    assert!(script.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/javascript"));
    assert!(script.headers()["cache-control"]
        .to_str()
        .unwrap()
        .contains("immutable"));
    let etag = script.headers()["etag"].clone();
    let text = script.text().await.unwrap();
    assert!(text
        .trim_end()
        .ends_with(&format!("//# sourceMappingURL={hash}.js.map")));

    let not_modified = client()
        .get(format!("{base}/bundle/{hash}.js"))
        .header("if-none-match", etag)
        .send()
        .await
        .unwrap();
    assert_eq!(not_modified.status(), StatusCode::NOT_MODIFIED);

    let map: Value = client()
        .get(format!("{base}/bundle/{hash}.js.map"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(map["sources"], json!(["App.tsx"]));

    let unknown = client()
        .get(format!("{base}/bundle/{}.js", "0".repeat(64)))
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_refresh_bundle_loads_core_on_reacts_development_build() {
    let (base, _) = start_server(|_| {}).await;
    let core_of = |body: &Value| body["bundles"][0].clone();
    let plain: Value = post_json(&base, &json!({ "files": { "App.tsx": COUNTER_APP } }))
        .await
        .json()
        .await
        .unwrap();
    let request = json!({ "files": { "App.tsx": COUNTER_APP }, "options": { "refresh": true } });
    let refresh: Value = post_json(&base, &request).await.json().await.unwrap();
    assert_ne!(
        plain["hash"], refresh["hash"],
        "the option is part of the key"
    );
    assert_eq!(core_of(&plain)["category"], "core");
    assert_eq!(core_of(&refresh)["category"], "core");
    let plain_url = core_of(&plain)["url"].as_str().unwrap().to_string();
    let refresh_url = core_of(&refresh)["url"].as_str().unwrap().to_string();
    assert!(plain_url.starts_with("/runtime-deps/core."), "{plain_url}");
    assert!(
        refresh_url.starts_with("/runtime-deps/core-refresh."),
        "{refresh_url}"
    );
    // Its components are registered with React Fast Refresh.
    let code = refresh["code"].as_str().unwrap();
    assert!(code.contains("$RefreshReg$(_c, \"App\")"), "{code}");
    assert!(!plain["code"].as_str().unwrap().contains("$RefreshReg$"));
    // The refresh build, as the manifest lists it, has React's refresh entry points.
    let manifest: Value =
        serde_json::from_str(&read(&runtime_deps().join("manifest.json"))).unwrap();
    let built = &manifest["bundles"]["core"]["refresh"];
    assert_eq!(
        format!("/runtime-deps/{}", built["file"].as_str().unwrap()),
        refresh_url
    );
    assert_eq!(core_of(&refresh)["integrity"], built["integrity"]);
    let script = client()
        .get(format!("{base}{refresh_url}"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(script.contains("injectIntoGlobalHook"));
    assert!(script.contains("scheduleRefresh"));
}

#[tokio::test]
async fn identical_concurrent_requests_are_bundled_once() {
    let (base, state) = start_server(|_| {}).await;
    let request = json!({ "files": { "App.tsx": COUNTER_APP.replace("count", "clicks") } });
    let responses = futures_join(
        (0..8)
            .map(|_| {
                let (base, request) = (base.clone(), request.clone());
                async move { post_json(&base, &request).await }
            })
            .collect::<Vec<_>>(),
    )
    .await;
    let mut hashes = BTreeSet::new();
    for response in responses {
        assert_eq!(response.status(), StatusCode::OK);
        let body: Value = response.json().await.unwrap();
        hashes.insert(body["hash"].as_str().unwrap().to_string());
    }
    assert_eq!(hashes.len(), 1);
    let metrics = state.metrics.render();
    assert!(
        metrics.contains("appbundle_bundle_duration_seconds_count{outcome=\"ok\"} 1\n"),
        "{metrics}"
    );
}

/// Runs the futures at once, on the runtime's threads.
async fn futures_join<F>(futures: Vec<F>) -> Vec<F::Output>
where
    F: std::future::Future + Send + 'static,
    F::Output: Send + 'static,
{
    let handles: Vec<_> = futures.into_iter().map(tokio::spawn).collect();
    let mut out = Vec::new();
    for handle in handles {
        out.push(handle.await.unwrap());
    }
    out
}

#[tokio::test]
async fn raw_tsx_rejections_and_bad_bodies_get_their_status() {
    let (base, _) = start_server(|c| c.body_limit = 64 * 1024).await;
    let raw = post_text(&base, "raw", COUNTER_APP).await;
    assert_eq!(raw.status(), StatusCode::OK);

    let rejected = post_json(
        &base,
        &json!({ "files": { "App.tsx": "import fs from 'fs';\nimport { Logout } from 'lucide-react';\nexport default () => <Logout />;\n" } }),
    )
    .await;
    assert_eq!(rejected.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = rejected.json().await.unwrap();
    let codes: Vec<(&str, u64)> = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["code"].as_str().unwrap(), d["line"].as_u64().unwrap()))
        .collect();
    assert_eq!(codes, [("import-blocked", 1), ("unknown-export", 2)]);

    let send = |content_type: &'static str, body: Vec<u8>| {
        let base = base.clone();
        async move {
            let response = client()
                .post(format!("{base}/bundle"))
                .header("content-type", content_type)
                .body(body)
                .send()
                .await
                .unwrap();
            let status = response.status();
            let body: Value = response.json().await.unwrap();
            assert!(body["error"].is_string(), "{body}");
            status
        }
    };
    assert_eq!(
        send("application/json", b"{ not json".to_vec()).await,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        send("application/json", br#"{ "files": 3 }"#.to_vec()).await,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        send(
            "application/json",
            b"{\"files\":{\"App.tsx\":\"\xff\xfe\"}}".to_vec()
        )
        .await,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        send("text/plain", vec![0xff, 0xfe, 0x41]).await,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        send("image/png", b"x".to_vec()).await,
        StatusCode::UNSUPPORTED_MEDIA_TYPE
    );
    assert_eq!(
        send("text/plain", vec![b'a'; 65 * 1024]).await,
        StatusCode::PAYLOAD_TOO_LARGE
    );
}

#[tokio::test]
async fn a_burst_over_the_rate_limit_gets_429_with_retry_after() {
    let (base, _) = start_server(|c| {
        c.rate_per_second = 1;
        c.rate_burst = 3;
    })
    .await;
    let mut statuses = Vec::new();
    let mut retry_after = None;
    for _ in 0..8 {
        let response = post_text(&base, "burst-test", COUNTER_APP).await;
        if response.status() == StatusCode::TOO_MANY_REQUESTS {
            retry_after = response.headers().get("retry-after").cloned();
        }
        statuses.push(response.status());
    }
    assert_eq!(statuses[..3], [StatusCode::OK; 3]);
    assert!(
        statuses[3..].contains(&StatusCode::TOO_MANY_REQUESTS),
        "{statuses:?}"
    );
    let wait: u64 = retry_after.unwrap().to_str().unwrap().parse().unwrap();
    assert!(wait >= 1);
    // Another key has its own budget.
    let other = post_text(&base, "someone-else", COUNTER_APP).await;
    assert_eq!(other.status(), StatusCode::OK);
}

#[tokio::test]
async fn runtime_deps_are_served_precompressed_cached_and_with_cors() {
    let (base, state) = start_server(|_| {}).await;
    let manifest = state.manifest.clone().unwrap();
    let core = &manifest.bundles["core"];
    let dir = &state.config.deps_dir;
    let get = |file: String, headers: HeaderMap| {
        let base = base.clone();
        async move {
            client()
                .get(format!("{base}/runtime-deps/{file}"))
                .headers(headers)
                .send()
                .await
                .unwrap()
        }
    };
    let mut headers = HeaderMap::new();
    headers.insert("accept-encoding", HeaderValue::from_static("gzip, br"));
    headers.insert(
        "origin",
        HeaderValue::from_static("https://preview.example"),
    );
    let br = get(core.file.clone(), headers.clone()).await;
    assert_eq!(br.status(), StatusCode::OK);
    assert_eq!(br.headers()["content-encoding"], "br");
    assert_eq!(br.headers()["access-control-allow-origin"], "*");
    assert_eq!(
        br.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert!(br.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/javascript"));
    let etag = br.headers()["etag"].clone();
    let bytes = br.bytes().await.unwrap();
    assert_eq!(
        bytes,
        std::fs::read(dir.join(format!("{}.br", core.file))).unwrap()
    );

    let mut gzip_only = HeaderMap::new();
    gzip_only.insert(
        "accept-encoding",
        HeaderValue::from_static("gzip;q=1, br;q=0"),
    );
    let gz = get(core.file.clone(), gzip_only).await;
    assert_eq!(gz.headers()["content-encoding"], "gzip");

    let plain = get(core.file.clone(), HeaderMap::new()).await;
    assert!(plain.headers().get("content-encoding").is_none());
    assert_eq!(
        plain.bytes().await.unwrap(),
        std::fs::read(dir.join(&core.file)).unwrap()
    );

    headers.insert("if-none-match", etag);
    assert_eq!(
        get(core.file.clone(), headers).await.status(),
        StatusCode::NOT_MODIFIED
    );

    let manifest_response = get("manifest.json".into(), HeaderMap::new()).await;
    assert_eq!(manifest_response.status(), StatusCode::OK);
    assert_eq!(
        manifest_response.headers()["content-type"],
        "application/json"
    );
    assert_eq!(
        manifest_response.headers()["cache-control"],
        "public, max-age=60, must-revalidate"
    );
    assert!(manifest_response.headers().contains_key("etag"));

    for bad in [
        "..%2Fmanifest.json",
        ".list-exports.html",
        "nope.js",
        "manifest.json.br",
    ] {
        assert_eq!(
            get(bad.into(), HeaderMap::new()).await.status(),
            StatusCode::NOT_FOUND,
            "{bad}"
        );
    }
}

#[tokio::test]
async fn health_readiness_metrics_and_openapi() {
    let (base, _) = start_server(|_| {}).await;
    let get = |path: &str| client().get(format!("{base}{path}")).send();
    assert_eq!(get("/healthz").await.unwrap().status(), StatusCode::OK);
    assert_eq!(get("/readyz").await.unwrap().status(), StatusCode::OK);
    let _ = post_json(&base, &json!({ "files": { "App.tsx": COUNTER_APP } })).await;
    let metrics = get("/metrics").await.unwrap().text().await.unwrap();
    assert!(
        metrics.contains(
            "appbundle_http_requests_total{method=\"POST\",route=\"/bundle\",status=\"200\"} 1"
        ),
        "{metrics}"
    );
    assert!(metrics.contains("appbundle_bundle_cache_total{result=\"miss\"} 1"));

    // The OpenAPI file documents every route the server has, and each answers with a
    // documented status.
    let doc: Value = get("/openapi.json").await.unwrap().json().await.unwrap();
    let paths: BTreeSet<&str> = doc["paths"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        paths,
        BTreeSet::from([
            "/bundle",
            "/bundle/{file}",
            "/runtime-deps/{file}",
            "/healthz",
            "/readyz",
            "/metrics",
            "/openapi.json",
            "/",
            "/playground.js",
            "/playground.css",
            "/preview",
            "/preview/runtime.js",
            "/preview/hot.js",
            "/preview/runtime.css",
            "/bundle/{hash}/assets/{name}",
            "/sdk/{file}",
            "/apps",
            "/apps/{appId}",
            "/apps/{appId}/publish",
            "/apps/{appId}/",
            "/apps/{appId}/{path}",
        ])
    );
    for (path, example) in [
        ("/bundle/{file}", format!("/bundle/{}.js", "a".repeat(64))),
        (
            "/runtime-deps/{file}",
            "/runtime-deps/manifest.json".to_string(),
        ),
        ("/healthz", "/healthz".into()),
        ("/readyz", "/readyz".into()),
        ("/metrics", "/metrics".into()),
        ("/openapi.json", "/openapi.json".into()),
        ("/", "/".into()),
        ("/playground.js", "/playground.js".into()),
        ("/playground.css", "/playground.css".into()),
        ("/preview", "/preview".into()),
        ("/preview/runtime.js", "/preview/runtime.js".into()),
        ("/preview/hot.js", "/preview/hot.js".into()),
        ("/sdk/{file}", "/sdk/index.js".into()),
        (
            "/bundle/{hash}/assets/{name}",
            format!("/bundle/{}/assets/logo.png", "a".repeat(64)),
        ),
        ("/preview/runtime.css", "/preview/runtime.css".into()),
        ("/apps", "/apps".into()),
        ("/apps/{appId}", "/apps/nope".into()),
        ("/apps/{appId}/", "/apps/nope/".into()),
        ("/apps/{appId}/{path}", "/apps/nope/app.js".into()),
    ] {
        let status = get(&example).await.unwrap().status();
        let documented = &doc["paths"][path]["get"]["responses"][status.as_str()];
        assert!(
            documented.is_object(),
            "{example} answered {status}, not documented"
        );
    }
    let post = &doc["paths"]["/bundle"]["post"]["responses"];
    for status in ["200", "400", "413", "415", "422", "429", "503"] {
        assert!(
            post[status].is_object(),
            "POST /bundle {status} is not documented"
        );
    }
}

#[tokio::test]
async fn without_a_manifest_it_bundles_but_is_not_ready() {
    let empty = temp_dir("no-deps");
    let state = AppState::new(ServeConfig {
        deps_dir: empty,
        ..ServeConfig::default()
    })
    .unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(appbundle_api::serve(
        listener,
        state,
        std::future::pending(),
    ));
    let ready = client().get(format!("{base}/readyz")).send().await.unwrap();
    assert_eq!(ready.status(), StatusCode::SERVICE_UNAVAILABLE);
    let bundled = post_json(&base, &json!({ "files": { "App.tsx": COUNTER_APP } })).await;
    assert_eq!(bundled.status(), StatusCode::OK);
    let body: Value = bundled.json().await.unwrap();
    assert!(body["bundles"][0]["url"].is_null());
}

#[test]
fn the_binary_serves_and_stops_cleanly_on_sigterm() {
    let (child, port) = spawn_serve(&runtime_deps());
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let ready = runtime.block_on(async {
        for _ in 0..100 {
            if let Ok(r) = client()
                .get(format!("http://127.0.0.1:{port}/readyz"))
                .send()
                .await
            {
                return Some(r.status());
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        None
    });
    assert_eq!(ready, Some(StatusCode::OK));
    let output = terminate(child);
    assert!(output.status.success(), "exit {:?}", output.status);
    let log = String::from_utf8_lossy(&output.stdout) + String::from_utf8_lossy(&output.stderr);
    assert!(log.contains("shutting down"), "{log}");
}

#[test]
fn serve_takes_an_operator_allowlist() {
    let allowlist = allowlist_3d();
    let (child, port) = spawn_serve_with(&runtime_deps(), |command| {
        command.arg("--allowlist").arg(&allowlist);
    });
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let answer = runtime.block_on(async {
        for _ in 0..100 {
            let sent = client()
                .post(format!("http://127.0.0.1:{port}/bundle"))
                .header("content-type", "text/plain")
                .body(
                    "import * as THREE from 'three';
export default () => <p>{typeof THREE}</p>;
",
                )
                .send()
                .await;
            if let Ok(response) = sent {
                return Some((response.status(), response.json::<Value>().await.ok()));
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        None
    });
    let output = terminate(child);
    let (status, body) =
        answer.unwrap_or_else(|| panic!("no answer:\n{}", String::from_utf8_lossy(&output.stderr)));
    assert_eq!(status, StatusCode::OK, "{body:?}");
    let categories: Vec<&str> = body.as_ref().unwrap()["bundles"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|b| b["category"].as_str())
        .collect();
    assert_eq!(categories, ["core", "graphics"]);
}

#[tokio::test]
async fn a_bundle_over_the_timeout_gets_503() {
    let (base, _) = start_server(|c| c.timeout = std::time::Duration::from_millis(1)).await;
    // 3 000 components: far more than a millisecond of work (about half a second in debug).
    let big: String = (0..3000)
        .map(|i| format!("export function Part{i}({{ n }}: {{ n: number }}) {{ return <p className=\"p{i}\">{{n * {i}}}</p>; }}\n"))
        .collect();
    let response = post_json(&base, &json!({ "files": { "App.tsx": big } })).await;
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    let body: Value = response.json().await.unwrap();
    assert!(
        body["error"].as_str().unwrap().contains("longer than"),
        "{body}"
    );
}

#[tokio::test]
async fn the_preview_page_has_a_strict_csp_with_configured_frame_ancestors() {
    let (base, _) = start_server(|c| c.frame_ancestors = "https://host.example".into()).await;
    let page = client()
        .get(format!("{base}/preview"))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let csp = page.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    for directive in [
        "default-src 'none'",
        "script-src 'self'",
        "connect-src 'self'",
        "frame-ancestors https://host.example",
    ] {
        assert!(csp.contains(directive), "{csp}");
    }
    assert!(!csp.contains("unsafe-eval"), "{csp}");
    let html = page.text().await.unwrap();
    assert!(html.contains("<script src=\"/preview/hot.js\"></script>"));
    assert!(html.contains("<script src=\"/preview/runtime.js\"></script>"));
    assert!(
        !html.contains("<script>"),
        "no inline script in the preview page"
    );
}

#[tokio::test]
async fn the_host_sdk_is_served_as_modules_any_origin_may_import() {
    let (base, _) = start_server(|_| {}).await;
    let sdk = client()
        .get(format!("{base}/sdk/react.js"))
        .header("origin", "https://host.example")
        .send()
        .await
        .unwrap();
    assert_eq!(sdk.status(), StatusCode::OK);
    assert!(sdk.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/javascript"));
    assert_eq!(sdk.headers()["access-control-allow-origin"], "*");
    let code = sdk.text().await.unwrap();
    assert!(code.contains("export function AppPreview"), "{code:.200}");
    assert!(code.contains("from './index.js'"), "{code:.400}");
    let missing = client()
        .get(format!("{base}/sdk/secrets.js"))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
}

/// The embedded default: `serve` with no manifest builds the runtime deps first, then serves
/// them (the README's first command on a fresh clone).
#[test]
fn serve_builds_missing_runtime_deps_before_serving() {
    // The shared build's npm install is reused; every bundle is built again into a new folder.
    runtime_deps();
    let deps = temp_dir("embedded-default").join("runtime-deps");
    let (child, port) = spawn_serve(&deps);
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let manifest = runtime.block_on(async {
        // Building every bundle takes a few minutes in the debug build.
        for _ in 0..1200 {
            if let Ok(response) = client()
                .get(format!(
                    "http://127.0.0.1:{port}/runtime-deps/manifest.json"
                ))
                .send()
                .await
            {
                return Some((response.status(), response.json::<Value>().await.ok()));
            }
            tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        }
        None
    });
    let output = terminate(child);
    let (status, body) = manifest.unwrap_or_else(|| {
        panic!(
            "the server never answered:\n{}",
            String::from_utf8_lossy(&output.stderr)
        )
    });
    assert_eq!(status, StatusCode::OK);
    let body = body.unwrap();
    assert!(body["bundles"]["core"]["file"]
        .as_str()
        .unwrap()
        .starts_with("core."));
    assert!(deps.join("manifest.json").is_file());
    assert!(output.status.success());
}

/// The JSON answer and the script, as sent with `Accept-Encoding: <encoding>`: the encoding
/// the server chose and the decoded bytes.
async fn fetched_with(encoding: &str, request: reqwest::RequestBuilder) -> (String, Vec<u8>) {
    use std::io::Read;
    let response = request
        .header("accept-encoding", encoding)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let chosen = response
        .headers()
        .get("content-encoding")
        .map_or("identity", |v| v.to_str().unwrap())
        .to_string();
    let bytes = response.bytes().await.unwrap().to_vec();
    let mut decoded = Vec::new();
    match chosen.as_str() {
        "br" => {
            brotli::Decompressor::new(&bytes[..], 4096)
                .read_to_end(&mut decoded)
                .unwrap();
        }
        "gzip" => {
            flate2::read::GzDecoder::new(&bytes[..])
                .read_to_end(&mut decoded)
                .unwrap();
        }
        _ => decoded = bytes,
    }
    (chosen, decoded)
}

#[tokio::test]
async fn bundle_answers_are_compressed_for_clients_that_accept_it() {
    let (base, _) = start_server(|_| {}).await;
    let request = json!({ "files": { "App.tsx": COUNTER_APP } });
    let post = || client().post(format!("{base}/bundle")).json(&request);
    let (_, plain) = fetched_with("identity", post()).await;
    let body: Value = serde_json::from_slice(&plain).unwrap();
    let hash = body["hash"].as_str().unwrap();
    for encoding in ["br", "gzip"] {
        let (chosen, decoded) = fetched_with(encoding, post()).await;
        assert_eq!(chosen, encoding);
        assert_eq!(decoded, plain, "POST /bundle with {encoding}");
        let script = || client().get(format!("{base}/bundle/{hash}.js"));
        let (chosen, decoded) = fetched_with(encoding, script()).await;
        assert_eq!(chosen, encoding);
        let (_, identity) = fetched_with("identity", script()).await;
        assert_eq!(decoded, identity, "/bundle/<hash>.js with {encoding}");
    }
}
