//! A bundling tier of two instances behind a real load balancer (Debian's nginx, round-robin),
//! sharing one real Redis (Debian's redis-server): a bundle made by one instance is served by
//! the other, the preview renders apps in Chromium through the balancer, the rate limit holds
//! across both, and with Redis stopped the instances keep answering without a single 5xx.

mod support;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::{json, Value};
use support::*;

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A process stopped when the test ends, however it ends: SIGTERM, so nginx's master takes its
/// workers down with it (a SIGKILLed master leaves them running).
struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        // SAFETY: a signal to our own child, which has not been waited for yet.
        unsafe { libc::kill(self.0.id() as libc::pid_t, libc::SIGTERM) };
        let _ = self.0.wait();
    }
}

fn wait_for_port(port: u16, what: &str) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "{what} did not listen on {port}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// `redis-server` on a free port, keeping nothing on disk.
fn start_redis() -> (Killed, u16) {
    let port = free_port();
    let child = Command::new("redis-server")
        .args(["--port", &port.to_string(), "--bind", "127.0.0.1"])
        // DEBUG SLEEP stands in for a slow Redis.
        .args(["--enable-debug-command", "local"])
        .args([
            "--save",
            "",
            "--appendonly",
            "no",
            "--protected-mode",
            "yes",
        ])
        .stdout(Stdio::null())
        .spawn()
        .expect("redis-server is required (apt-get install redis-server)");
    wait_for_port(port, "redis-server");
    (Killed(child), port)
}

/// nginx in the foreground, round-robin over `upstreams`, everything under `dir`.
fn start_nginx(dir: &Path, upstreams: &[u16]) -> (Killed, u16) {
    let port = free_port();
    let servers: String = upstreams
        .iter()
        .map(|p| format!("    server 127.0.0.1:{p};\n"))
        .collect();
    let d = dir.display();
    let conf = format!(
        "daemon off;\nworker_processes 1;\npid {d}/nginx.pid;\nerror_log {d}/error.log;\n\
         events {{ worker_connections 512; }}\n\
         http {{\n  access_log off;\n  client_body_temp_path {d}/body;\n  proxy_temp_path {d}/proxy;\n\
         fastcgi_temp_path {d}/fastcgi;\n  uwsgi_temp_path {d}/uwsgi;\n  scgi_temp_path {d}/scgi;\n\
         upstream appbundle {{\n{servers}    keepalive 16;\n  }}\n\
         server {{\n    listen 127.0.0.1:{port};\n    client_max_body_size 2m;\n\
         location / {{\n      proxy_pass http://appbundle;\n      proxy_http_version 1.1;\n\
         proxy_set_header Connection \"\";\n      proxy_set_header Host $http_host;\n\
         proxy_set_header X-Forwarded-For $remote_addr;\n      proxy_buffering off;\n    }}\n  }}\n}}\n"
    );
    std::fs::write(dir.join("nginx.conf"), conf).unwrap();
    let child = Command::new("nginx")
        .arg("-p")
        .arg(dir)
        .arg("-c")
        .arg(dir.join("nginx.conf"))
        .stderr(Stdio::piped())
        .spawn()
        .expect("nginx is required (apt-get install nginx-light)");
    wait_for_port(port, "nginx");
    (Killed(child), port)
}

/// An `appbundle serve` instance on Redis.
fn start_instance(deps_dir: &Path, redis_port: u16, rate: &str) -> (Killed, u16) {
    let (child, port) = spawn_serve_with(deps_dir, |command| {
        command
            .arg("--redis-url")
            .arg(format!("redis://127.0.0.1:{redis_port}/"))
            .args(["--rate-limit", rate, "--rate-burst", "10"])
            .stdout(Stdio::null())
            .stderr(Stdio::null());
    });
    (Killed(child), port)
}

/// `POST /bundle` of a one-file app, with `key` as the rate limit's key.
async fn post_bundle(base: &str, key: &str, app: &str) -> reqwest::Response {
    client()
        .post(format!("{base}/bundle"))
        .header("x-api-key", key)
        .header("content-type", "text/plain")
        .body(app.to_string())
        .send()
        .await
        .unwrap()
}

fn counter_app(label: &str) -> String {
    format!(
        "import {{ useState }} from 'react';\n\
         export default function Counter() {{\n\
         \x20 const [count, setCount] = useState(0);\n\
         \x20 return <button className=\"rounded bg-slate-900 px-4 py-2 text-white\" onClick={{() => setCount(count + 1)}}>{label} {{count}}</button>;\n\
         }}\n"
    )
}

/// The sum of an instance's `metric` series whose labels contain every one of `labels`.
async fn metric_total(base: &str, metric: &str, labels: &[&str]) -> u64 {
    let metrics = http_get(format!("{base}/metrics"))
        .await
        .text()
        .await
        .unwrap();
    metrics
        .lines()
        .filter(|l| l.starts_with(metric) && labels.iter().all(|label| l.contains(label)))
        .filter_map(|l| l.rsplit(' ').next()?.parse::<u64>().ok())
        .sum()
}

/// `GET /bundle/{file}` answered 200, counted per instance from its own metrics.
async fn bundle_gets(base: &str) -> u64 {
    let labels = ["route=\"/bundle/{file}\"", "status=\"200\""];
    metric_total(base, "appbundle_http_requests_total", &labels).await
}

fn corpus_apps(names: &[&str]) -> String {
    let apps: Vec<Value> = names
        .iter()
        .map(|name| json!({ "name": name, "dir": repo_root().join("tests/corpus").join(name) }))
        .collect();
    serde_json::to_string(&apps).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_on_redis_behind_nginx_act_as_one() {
    let deps_dir = tokio::task::spawn_blocking(runtime_deps).await.unwrap();
    let (mut redis, redis_port) = start_redis();
    let (_a, port_a) = start_instance(&deps_dir, redis_port, "2");
    let (_b, port_b) = start_instance(&deps_dir, redis_port, "2");
    let (a, b) = (
        format!("http://127.0.0.1:{port_a}"),
        format!("http://127.0.0.1:{port_b}"),
    );
    wait_ready(&a).await;
    wait_ready(&b).await;
    let nginx_dir: PathBuf = temp_dir("nginx");
    let (_nginx, lb_port) = start_nginx(&nginx_dir, &[port_a, port_b]);
    let lb = format!("http://127.0.0.1:{lb_port}");

    // Made by A, served by B: the script, its map, its CSS and the preview's metadata.
    let made: Value = post_bundle(&a, "results", &counter_app("Clicks"))
        .await
        .json()
        .await
        .unwrap();
    let hash = made["hash"].as_str().unwrap();
    for suffix in [".js", ".js.map", ".css", ".json"] {
        let from_b = http_get(format!("{b}/bundle/{hash}{suffix}")).await;
        assert_eq!(from_b.status(), StatusCode::OK, "{suffix} from B");
        let from_a = http_get(format!("{a}/bundle/{hash}{suffix}")).await;
        assert_eq!(from_b.bytes().await.unwrap(), from_a.bytes().await.unwrap());
    }
    // And a POST of the same app on B is answered from the shared result, not bundled again.
    let again = post_bundle(&b, "results", &counter_app("Clicks")).await;
    assert_eq!(again.status(), StatusCode::OK);
    let b_metrics = http_get(format!("{b}/metrics")).await.text().await.unwrap();
    assert!(
        b_metrics.contains("appbundle_shared_cache_total{result=\"hit\"}"),
        "{b_metrics}"
    );
    assert!(!b_metrics.contains("appbundle_bundle_duration_seconds_count{outcome=\"ok\"}"));

    // The preview in Chromium, everything through the balancer.
    let before = (bundle_gets(&a).await, bundle_gets(&b).await);
    let apps = ["kanban-lite", "shadcn-pricing", "weather-dashboard"];
    let seen = node_script(
        "corpus-e2e.mjs",
        vec![lb.clone(), lb.clone(), corpus_apps(&apps)],
    )
    .await;
    for app in apps {
        let result = &seen[app];
        assert_eq!(result["rendered"], true, "{app}: {result}");
        assert_eq!(result["errors"], json!([]), "{app}: {result}");
    }
    let after = (bundle_gets(&a).await, bundle_gets(&b).await);
    println!(
        "GET /bundle/<file> per instance during the preview: A {}, B {}",
        after.0 - before.0,
        after.1 - before.1
    );
    assert!(
        after.0 > before.0 && after.1 > before.1,
        "round-robin reached both: {before:?} → {after:?}"
    );

    // One rate limit for both (2 per second, 10 at once, per key): 30 requests in a burst
    // through the balancer get about 10, not 20.
    let started = Instant::now();
    let mut statuses = Vec::new();
    for n in 0..30 {
        let response = post_bundle(&lb, "limited", &counter_app("Limited")).await;
        if response.status() == StatusCode::TOO_MANY_REQUESTS {
            assert!(response.headers().contains_key("retry-after"));
        }
        statuses.push((n, response.status().as_u16()));
    }
    let allowed = statuses.iter().filter(|(_, s)| *s == 200).count();
    let refill = (started.elapsed().as_secs_f64() * 2.0).ceil() as usize;
    println!(
        "shared limit: {allowed} of 30 allowed in {:?}",
        started.elapsed()
    );
    assert!(
        (10..=10 + refill + 1).contains(&allowed),
        "{allowed} allowed (refill {refill}): {statuses:?}"
    );
    assert!(
        statuses.iter().all(|(_, s)| *s == 200 || *s == 429),
        "{statuses:?}"
    );

    // Redis slow (busy for 1.5 s): requests go on without waiting for it.
    let slow = Command::new("redis-cli")
        .args(["-p", &redis_port.to_string(), "DEBUG", "SLEEP", "1.5"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("redis-cli (Debian's redis-tools, with redis-server)");
    let _slow = Killed(slow);
    tokio::time::sleep(Duration::from_millis(100)).await;
    let started = Instant::now();
    for n in 0..5 {
        let response = post_bundle(
            &lb,
            &format!("slow-{n}"),
            &counter_app(&format!("Slow {n}")),
        )
        .await;
        assert_eq!(response.status(), StatusCode::OK);
    }
    let elapsed = started.elapsed();
    println!("5 new bundles while Redis sleeps: {elapsed:?}");
    // One call waits out the 250 ms deadline; then Redis rests and the others do not wait.
    assert!(
        (Duration::from_millis(240)..Duration::from_millis(1400)).contains(&elapsed),
        "{elapsed:?}"
    );

    // Redis goes away: every answer still below 500; new apps bundle, outputs are served.
    let _ = redis.0.kill();
    let _ = redis.0.wait();
    let mut five_hundreds = Vec::new();
    for n in 0..20 {
        let key = format!("down-{n}");
        let response = post_bundle(&lb, &key, &counter_app(&format!("Down {n}"))).await;
        let status = response.status();
        if status.is_server_error() {
            five_hundreds.push(format!("POST {status}"));
            continue;
        }
        assert_eq!(status, StatusCode::OK);
        let made: Value = response.json().await.unwrap();
        let hash = made["hash"].as_str().unwrap();
        for suffix in [".js", ".css"] {
            let status = http_get(format!("{lb}/bundle/{hash}{suffix}"))
                .await
                .status();
            if status.is_server_error() {
                five_hundreds.push(format!("GET {suffix} {status}"));
            }
        }
    }
    assert_eq!(five_hundreds, Vec::<String>::new());
    let mut errors = 0;
    for base in [&a, &b] {
        errors += metric_total(base, "appbundle_redis_errors_total", &[]).await;
    }
    assert!(errors > 0, "the outage was not counted");
}
