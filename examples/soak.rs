//! Soak run against a running `appbundle serve` (loopback only): a mixed load for a fixed time
//! while the server's memory and file descriptors are sampled every 10 s from `/proc/<pid>`.
//!
//!   cargo run --release --example soak -- http://127.0.0.1:8080 <server pid> 600 16
//!
//! With `SOAK_API_KEY` set, it publishes two apps first and adds their traffic. The mix, per
//! worker request: 15 % `POST /bundle` of an app never seen, 30 % `POST /bundle` of one of 200
//! apps (cache hits once seen), 20 % a runtime-deps bundle (every bundle in the manifest, `br`),
//! 10 % the bundled script, style and map, 10 % the preview page and its runtime, 15 % a
//! published app's page and files. Beside the workers: each app's data API at 1 call a second
//! (list, create, delete what was created: under the 100-a-minute limit), and a republish of
//! the first app every 2 minutes. Any 5xx, 429 or transport error fails the run.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

mod common;

const APP: &str = r#"
import { useState } from 'react';
import { Heart, Star } from 'lucide-react';
import { format } from 'date-fns';
import { Button } from '@/components/ui/button';

interface Props { title: string }

export default function App({ title = 'VARIANT' }: Partial<Props>) {
  const [count, setCount] = useState(0);
  return (
    <main className="mx-auto max-w-md p-6 space-y-4">
      <h1 className="text-2xl font-semibold">{title} {format(new Date(2024, 0, 1), 'PP')}</h1>
      <Button onClick={() => setCount(count + 1)}><Heart className="mr-2 h-4 w-4" /> {count}</Button>
      <Star className="h-5 w-5 text-yellow-500" />
    </main>
  );
}
"#;

const PUBLISHED: &str = r#"
import { useAppData } from '@appbundle/runtime';

export default function App() {
  const notes = useAppData('notes');
  return (
    <main className="p-4">
      <h1 className="text-xl font-bold">Notes (VERSION)</h1>
      <p>{notes.items.length} notes</p>
    </main>
  );
}
"#;

const SAMPLE_EVERY: Duration = Duration::from_secs(10);
const APPS: [&str; 2] = ["soak-notes", "soak-board"];

fn bundle_body(variant: &str) -> serde_json::Value {
    serde_json::json!({ "files": { "App.tsx": APP.replace("VARIANT", variant) } })
}

fn publish_body(version: usize) -> serde_json::Value {
    let app = PUBLISHED.replace("VERSION", &version.to_string());
    serde_json::json!({ "files": { "App.tsx": app } })
}

/// Outcomes by kind, since the last sample and in all.
#[derive(Default)]
struct Tally {
    window: BTreeMap<String, u64>,
    total: BTreeMap<String, u64>,
    failures: Vec<String>,
}

impl Tally {
    fn record(&mut self, kind: &str, outcome: Result<u16, String>) {
        let key = match &outcome {
            Ok(status) => format!("{kind} {status}"),
            Err(_) => format!("{kind} error"),
        };
        *self.window.entry(kind.to_string()).or_default() += 1;
        *self.total.entry(key.clone()).or_default() += 1;
        let failure = match outcome {
            Ok(status) if status >= 500 || status == 429 => Some(key),
            Ok(_) => None,
            Err(e) => Some(format!("{kind}: {e}")),
        };
        if let Some(failure) = failure.filter(|_| self.failures.len() < 20) {
            self.failures.push(failure);
        }
    }
}

struct Soak {
    client: reqwest::Client,
    base: String,
    api_key: Option<String>,
    runtime_files: Vec<String>,
    script: String,
    tally: Mutex<Tally>,
    stop: AtomicBool,
    run: u128,
    next: AtomicU64,
}

impl Soak {
    async fn get(&self, kind: &str, path: &str, headers: &[(&str, &str)]) {
        let mut request = self.client.get(format!("{}{path}", self.base));
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let outcome = drain(request.send().await).await;
        self.tally.lock().unwrap().record(kind, outcome);
    }

    async fn post_bundle(&self, kind: &str, variant: &str) {
        let request = self
            .client
            .post(format!("{}/bundle", self.base))
            .header("accept-encoding", "gzip")
            .json(&bundle_body(variant));
        let outcome = drain(request.send().await).await;
        self.tally.lock().unwrap().record(kind, outcome);
    }

    /// One worker request, chosen by the shared counter so the mix holds at any concurrency.
    async fn one_request(&self) {
        let i = self.next.fetch_add(1, Ordering::Relaxed);
        let with_apps = self.api_key.is_some();
        match i % 20 {
            0..=2 => {
                let variant = format!("soak {} {i}", self.run);
                self.post_bundle("POST /bundle (new)", &variant).await;
            }
            3..=8 => {
                let variant = format!("repeat {}", i % 200);
                self.post_bundle("POST /bundle (repeat)", &variant).await;
            }
            9..=12 => {
                let file = &self.runtime_files[i as usize % self.runtime_files.len()];
                let path = format!("/runtime-deps/{file}");
                self.get("GET /runtime-deps", &path, &[("accept-encoding", "br")])
                    .await;
            }
            13 => self.get("GET /bundle/<hash>.js", &self.script, &[]).await,
            14 => {
                let map = format!("{}.map", self.script);
                self.get("GET /bundle/<hash>.js.map", &map, &[]).await;
            }
            15 => self.get("GET /preview", "/preview", &[]).await,
            16 => {
                self.get("GET /preview/runtime.*", "/preview/runtime.js", &[])
                    .await;
                self.get("GET /preview/runtime.*", "/preview/runtime.css", &[])
                    .await;
            }
            _ if with_apps => {
                let app = APPS[i as usize % APPS.len()];
                let file = ["", "app.js", "app.css"][i as usize % 3];
                let path = format!("/apps/{app}/{file}");
                self.get("GET /apps/<id>/…", &path, &[]).await;
            }
            _ => self.get("GET /preview", "/preview", &[]).await,
        }
    }

    /// An app's data API at one call a second: list, create, then delete what was created.
    async fn data_calls(&self, app: &str) {
        let url = format!("{}/apps/{app}/api/data/notes", self.base);
        let mut created: Option<String> = None;
        let mut tick = tokio::time::interval(Duration::from_secs(1));
        for step in 0u64.. {
            tick.tick().await;
            if self.stop.load(Ordering::Relaxed) {
                break;
            }
            let (kind, outcome) = match (step % 3, created.take()) {
                (1, _) => {
                    let body = serde_json::json!({ "text": format!("note {step}") });
                    let sent = self.client.post(&url).json(&body).send().await;
                    let outcome = match sent {
                        Ok(response) => {
                            let status = response.status().as_u16();
                            let item: serde_json::Value = response.json().await.unwrap_or_default();
                            created = item["id"].as_str().map(str::to_string);
                            Ok(status)
                        }
                        Err(e) => Err(e.to_string()),
                    };
                    ("data API create", outcome)
                }
                (2, Some(id)) => {
                    let sent = self.client.delete(format!("{url}/{id}")).send().await;
                    ("data API delete", drain(sent).await)
                }
                _ => (
                    "data API list",
                    drain(self.client.get(&url).send().await).await,
                ),
            };
            self.tally.lock().unwrap().record(kind, outcome);
        }
    }

    async fn publish(&self, app: &str, version: usize) -> Result<u16, String> {
        let key = self.api_key.as_deref().unwrap_or_default();
        let sent = self
            .client
            .post(format!("{}/apps/{app}/publish", self.base))
            .bearer_auth(key)
            .json(&publish_body(version))
            .send()
            .await;
        drain(sent).await
    }

    async fn republish_every_two_minutes(&self) {
        for version in 2.. {
            let until = Instant::now() + Duration::from_secs(120);
            while Instant::now() < until {
                if self.stop.load(Ordering::Relaxed) {
                    return;
                }
                tokio::time::sleep(Duration::from_millis(250)).await;
            }
            let outcome = self.publish(APPS[0], version).await;
            self.tally.lock().unwrap().record("publish", outcome);
        }
    }
}

async fn drain(sent: reqwest::Result<reqwest::Response>) -> Result<u16, String> {
    let response = sent.map_err(|e| e.to_string())?;
    let status = response.status().as_u16();
    response.bytes().await.map_err(|e| e.to_string())?;
    Ok(status)
}

/// What `/proc/<pid>` says of the server now.
struct Sample {
    rss_kb: u64,
    hwm_kb: u64,
    threads: u64,
    fds: usize,
}

fn sample(pid: u32) -> Sample {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))
        .expect("the server's /proc status (is it still running?)");
    let field = |name: &str| -> u64 {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.split_whitespace().next())
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    };
    let fds = std::fs::read_dir(format!("/proc/{pid}/fd")).map_or(0, |d| d.count());
    Sample {
        rss_kb: field("VmRSS:"),
        hwm_kb: field("VmHWM:"),
        threads: field("Threads:"),
        fds,
    }
}

async fn cache_bytes(soak: &Soak) -> String {
    let metrics = match soak
        .client
        .get(format!("{}/metrics", soak.base))
        .send()
        .await
    {
        Ok(response) => response.text().await.unwrap_or_default(),
        Err(_) => return "?".into(),
    };
    metrics
        .lines()
        .find(|l| l.starts_with("appbundle_bundle_cache_size{unit=\"bytes\"}"))
        .and_then(|l| l.split_whitespace().last())
        .and_then(|v| v.parse::<f64>().ok())
        .map_or("?".into(), |b| format!("{:.0}", b / 1_048_576.0))
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let base = args.get(1).cloned().expect("base URL");
    let pid: u32 = args
        .get(2)
        .and_then(|a| a.parse().ok())
        .expect("server pid");
    let seconds: u64 = args.get(3).and_then(|a| a.parse().ok()).unwrap_or(600);
    let concurrency: usize = args.get(4).and_then(|a| a.parse().ok()).unwrap_or(16);
    let client = reqwest::Client::builder()
        .no_proxy()
        .pool_max_idle_per_host(concurrency + 8)
        .timeout(Duration::from_secs(30))
        .build()
        .expect("client");

    let at_start = sample(pid);
    println!(
        "server at start: RSS {} MB, {} fds, {} threads",
        at_start.rss_kb / 1024,
        at_start.fds,
        at_start.threads
    );
    let manifest = common::runtime_manifest(&client, &base).await;
    let runtime_files: Vec<String> = manifest["bundles"]
        .as_object()
        .expect("manifest bundles")
        .values()
        .filter_map(|b| b["file"].as_str().map(str::to_string))
        .collect();
    let script = common::bundled_script(&client, &base, &bundle_body("warm-up")).await;
    let run = common::run_nonce();
    let soak = Arc::new(Soak {
        client,
        base,
        api_key: std::env::var("SOAK_API_KEY").ok(),
        runtime_files,
        script,
        tally: Mutex::default(),
        stop: AtomicBool::new(false),
        run,
        next: AtomicU64::new(0),
    });

    let mut tasks = Vec::new();
    if soak.api_key.is_some() {
        for app in APPS {
            let started = Instant::now();
            let status = soak.publish(app, 1).await;
            assert_eq!(status, Ok(200), "publishing {app}");
            println!(
                "published {app} in {:.1} s",
                started.elapsed().as_secs_f64()
            );
            let soak = soak.clone();
            tasks.push(tokio::spawn(async move { soak.data_calls(app).await }));
        }
        let soak = soak.clone();
        tasks.push(tokio::spawn(async move {
            soak.republish_every_two_minutes().await
        }));
    }
    for _ in 0..concurrency {
        let soak = soak.clone();
        tasks.push(tokio::spawn(async move {
            while !soak.stop.load(Ordering::Relaxed) {
                soak.one_request().await;
            }
        }));
    }

    println!(
        "{seconds} s at concurrency {concurrency}, {} runtime-deps bundles, apps: {}",
        soak.runtime_files.len(),
        if soak.api_key.is_some() { "yes" } else { "no" }
    );
    println!("| t (s) | RSS (MB) | peak (MB) | fds | threads | cache (MiB) | requests/s |");
    println!("| --- | --- | --- | --- | --- | --- | --- |");
    let started = Instant::now();
    let mut samples = Vec::new();
    let mut tick = tokio::time::interval(SAMPLE_EVERY);
    tick.tick().await;
    while started.elapsed() < Duration::from_secs(seconds) {
        tick.tick().await;
        let now = sample(pid);
        let window: u64 = std::mem::take(&mut soak.tally.lock().unwrap().window)
            .values()
            .sum();
        println!(
            "| {} | {} | {} | {} | {} | {} | {:.0} |",
            started.elapsed().as_secs(),
            now.rss_kb / 1024,
            now.hwm_kb / 1024,
            now.fds,
            now.threads,
            cache_bytes(&soak).await,
            window as f64 / SAMPLE_EVERY.as_secs_f64()
        );
        samples.push(now);
    }
    soak.stop.store(true, Ordering::Relaxed);
    for task in tasks {
        task.await.expect("soak task");
    }

    let entries = soak
        .client
        .get(format!("{}/metrics", soak.base))
        .send()
        .await
        .ok();
    if let Some(response) = entries {
        let metrics = response.text().await.unwrap_or_default();
        for line in metrics
            .lines()
            .filter(|l| l.starts_with("appbundle_bundle_cache_size"))
        {
            println!("{line}");
        }
    }
    let tally = soak.tally.lock().unwrap();
    let all: u64 = tally.total.values().sum();
    println!("{all} requests in all:");
    for (key, count) in &tally.total {
        println!("  {key}: {count}");
    }
    summarize(&samples);
    if !tally.failures.is_empty() {
        println!("failures (first 20):");
        for failure in &tally.failures {
            println!("  {failure}");
        }
        std::process::exit(1);
    }
}

/// The curve in two numbers: where memory and fds stood after the first minute, where they
/// ended, and the largest value seen.
fn summarize(samples: &[Sample]) {
    let Some(last) = samples.last() else {
        return;
    };
    let settled = &samples[samples.len().min(6) - 1];
    let max_rss = samples.iter().map(|s| s.rss_kb).max().unwrap_or(0);
    let max_fds = samples.iter().map(|s| s.fds).max().unwrap_or(0);
    println!(
        "RSS: {} MB at 60 s, {} MB at the end, {} MB at most; fds: {} at 60 s, {} at the end, {} at most",
        settled.rss_kb / 1024,
        last.rss_kb / 1024,
        max_rss / 1024,
        settled.fds,
        last.fds,
        max_fds
    );
}
