//! Load run against a running `appbundle serve` (loopback only): a bounded number of requests
//! at a fixed concurrency, mixing what previews and generators do, and a count of statuses.
//!
//!   cargo run --release --example load -- http://127.0.0.1:8080 20000 64
//!
//! Mix: 45 % `POST /bundle` of one of 200 apps (after the first time, cache hits), 5 % `POST
//! /bundle` of an app never seen (a real bundle each), 30 % `GET /runtime-deps/<core>.js` with
//! `br`, 20 % `GET /bundle/<hash>.js`.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

mod common;

const APP: &str = r#"
import { useState } from 'react';
import { Heart, Star } from 'lucide-react';
import { format } from 'date-fns';

interface Props { title: string }

export default function App({ title = 'VARIANT' }: Partial<Props>) {
  const [count, setCount] = useState(0);
  return (
    <main>
      <h1>{title} {format(new Date(2024, 0, 1), 'PP')}</h1>
      <button onClick={() => setCount(count + 1)}><Heart /> {count}</button>
      <Star />
    </main>
  );
}
"#;

fn app(variant: &str) -> serde_json::Value {
    serde_json::json!({ "files": { "App.tsx": APP.replace("VARIANT", variant) } })
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let base = args
        .get(1)
        .cloned()
        .unwrap_or_else(|| "http://127.0.0.1:8080".into());
    let total: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(20_000);
    let concurrency: usize = args.get(3).and_then(|a| a.parse().ok()).unwrap_or(64);
    let client = reqwest::Client::builder()
        .no_proxy()
        .pool_max_idle_per_host(concurrency)
        .build()
        .expect("client");

    // What to GET: the core bundle from the manifest, and one bundled app.
    let manifest = common::runtime_manifest(&client, &base).await;
    let core = manifest["bundles"]["core"]["file"]
        .as_str()
        .expect("core bundle")
        .to_string();
    let script = common::bundled_script(&client, &base, &app("warm-up")).await;

    let run = common::run_nonce();
    let next = Arc::new(AtomicUsize::new(0));
    let statuses = Arc::new(Mutex::new(BTreeMap::<String, usize>::new()));
    let latencies = Arc::new(Mutex::new(Vec::with_capacity(total)));
    let started = Instant::now();
    let workers: Vec<_> = (0..concurrency)
        .map(|_| {
            let (client, base, core, script) =
                (client.clone(), base.clone(), core.clone(), script.clone());
            let (next, statuses, latencies) = (next.clone(), statuses.clone(), latencies.clone());
            tokio::spawn(async move {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= total {
                        break;
                    }
                    let sent = Instant::now();
                    let (kind, result) = match i % 20 {
                        0..=8 => (
                            "POST /bundle (repeat)",
                            client
                                .post(format!("{base}/bundle"))
                                .json(&app(&format!("app {}", i % 200)))
                                .send()
                                .await,
                        ),
                        9 => (
                            "POST /bundle (new)",
                            client
                                .post(format!("{base}/bundle"))
                                .json(&app(&format!("unique {run} {i}")))
                                .send()
                                .await,
                        ),
                        10..=15 => (
                            "GET /runtime-deps",
                            client
                                .get(format!("{base}/runtime-deps/{core}"))
                                .header("accept-encoding", "br")
                                .send()
                                .await,
                        ),
                        _ => (
                            "GET /bundle/<hash>.js",
                            client.get(format!("{base}{script}")).send().await,
                        ),
                    };
                    let status = match result {
                        Ok(response) => {
                            let status = response.status().as_u16().to_string();
                            let _ = response.bytes().await;
                            status
                        }
                        Err(e) => format!("error: {e}"),
                    };
                    latencies.lock().unwrap().push(sent.elapsed());
                    *statuses
                        .lock()
                        .unwrap()
                        .entry(format!("{kind} {status}"))
                        .or_default() += 1;
                }
            })
        })
        .collect();
    for worker in workers {
        worker.await.expect("worker");
    }
    let elapsed = started.elapsed();
    let mut latencies = latencies.lock().unwrap().clone();
    latencies.sort();
    let pct = |p: f64| -> Duration { latencies[((latencies.len() - 1) as f64 * p) as usize] };
    println!(
        "{total} requests at concurrency {concurrency} in {:.2} s: {:.0} req/s",
        elapsed.as_secs_f64(),
        total as f64 / elapsed.as_secs_f64()
    );
    println!(
        "latency p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        pct(0.5).as_secs_f64() * 1000.0,
        pct(0.99).as_secs_f64() * 1000.0,
        pct(1.0).as_secs_f64() * 1000.0
    );
    let statuses = statuses.lock().unwrap();
    let mut server_errors = 0;
    for (key, count) in statuses.iter() {
        println!("  {key}: {count}");
        if key.ends_with(|c: char| c.is_ascii_digit())
            && key.rsplit(' ').next().is_some_and(|s| s.starts_with('5'))
        {
            server_errors += count;
        }
        if key.contains("error:") {
            server_errors += count;
        }
    }
    println!("5xx or transport errors: {server_errors}");
    if server_errors > 0 {
        std::process::exit(1);
    }
}
