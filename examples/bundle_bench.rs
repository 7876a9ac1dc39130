//! `POST /bundle` side by side: appbundle and its peers (the seed's design on esbuild in Node and
//! on Bun's bundler, `api/bench/peers/`), the same JSON contract (`{ files, entry }`), three apps,
//! concurrency 1 and 16, a unique body per request (a counter comment at the top of the entry
//! file, so no cache answers). The targets take turns in each round, in a rotating order, so
//! all see the same machine; each figure is the median over the rounds.
//!
//!   cargo run --release --example bundle_bench -- <requests per run> <rounds> name=url…
//!
//! Started by `api/bench/bundle-peers.sh`, which also starts the three servers.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The three apps: (label, folder, entry).
const APPS: &[(&str, &str, &str)] = &[
    (
        "32-line 2-file dashboard",
        "api/bench/apps/dashboard",
        "App.tsx",
    ),
    (
        "302-line 3-file inventory",
        "tests/apps/inventory",
        "App.tsx",
    ),
    (
        "654-line 1-file project hub",
        "api/bench/apps/project-hub",
        "App.tsx",
    ),
];
const CONCURRENCY: &[usize] = &[1, 16];

fn read_files(dir: &Path, root: &Path, files: &mut BTreeMap<String, String>) {
    for entry in std::fs::read_dir(dir).expect("app folder").flatten() {
        let path = entry.path();
        if path.is_dir() {
            read_files(&path, root, files);
        } else {
            let name = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            files.insert(name, std::fs::read_to_string(&path).expect("app file"));
        }
    }
}

#[derive(Default, Clone, Copy)]
struct Run {
    p50: Duration,
    p99: Duration,
    per_second: f64,
}

async fn run(
    client: &reqwest::Client,
    url: &str,
    files: &BTreeMap<String, String>,
    entry: &str,
    requests: usize,
    concurrency: usize,
    tag: &str,
) -> Run {
    let next = Arc::new(AtomicUsize::new(0));
    let latencies = Arc::new(Mutex::new(Vec::with_capacity(requests)));
    let failures = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let workers: Vec<_> = (0..concurrency)
        .map(|_| {
            let (client, url, files, entry, tag) = (
                client.clone(),
                format!("{url}/bundle"),
                files.clone(),
                entry.to_string(),
                tag.to_string(),
            );
            let (next, latencies, failures) = (next.clone(), latencies.clone(), failures.clone());
            tokio::spawn(async move {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= requests {
                        break;
                    }
                    let mut files = files.clone();
                    let source = files.get_mut(&entry).expect("entry file");
                    *source = format!("// bench {tag} {i}\n{source}");
                    let body = serde_json::json!({ "files": files, "entry": entry });
                    let sent = Instant::now();
                    let ok = match client.post(&url).json(&body).send().await {
                        Ok(response) => {
                            let status = response.status();
                            let bytes = response.bytes().await;
                            status.is_success() && bytes.is_ok()
                        }
                        Err(_) => false,
                    };
                    if ok {
                        latencies.lock().unwrap().push(sent.elapsed());
                    } else {
                        failures.fetch_add(1, Ordering::Relaxed);
                    }
                }
            })
        })
        .collect();
    for worker in workers {
        worker.await.expect("worker");
    }
    let elapsed = started.elapsed();
    let failed = failures.load(Ordering::Relaxed);
    assert_eq!(failed, 0, "{url}: {failed} requests failed");
    let mut latencies = latencies.lock().unwrap().clone();
    latencies.sort();
    let pct = |p: f64| latencies[((latencies.len() - 1) as f64 * p) as usize];
    Run {
        p50: pct(0.5),
        p99: pct(0.99),
        per_second: requests as f64 / elapsed.as_secs_f64(),
    }
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(|a, b| a.total_cmp(b));
    values[values.len() / 2]
}

fn ms(d: f64) -> String {
    format!("{:.2} ms", d * 1000.0)
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let requests: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(300);
    let rounds: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(3);
    let targets: Vec<(String, String)> = args[3..]
        .iter()
        .filter_map(|t| {
            t.split_once('=')
                .map(|(n, u)| (n.to_string(), u.to_string()))
        })
        .collect();
    assert!(
        !targets.is_empty(),
        "usage: bundle_bench <requests> <rounds> name=url…"
    );
    let client = reqwest::Client::builder()
        .no_proxy()
        .pool_max_idle_per_host(32)
        .build()
        .expect("client");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    println!("{requests} requests per run, {rounds} rounds, medians over the rounds\n");
    println!(
        "| app | conc. | {} |",
        targets
            .iter()
            .map(|t| t.0.as_str())
            .collect::<Vec<_>>()
            .join(" | ")
    );
    println!("| --- | --- |{}", " --- |".repeat(targets.len()));
    let mut ratios = Vec::new();
    // `BENCH_APP=inventory BENCH_CONCURRENCY=16`: one app and one concurrency (the memory run).
    let only_app = std::env::var("BENCH_APP").ok();
    let concurrencies: Vec<usize> = match std::env::var("BENCH_CONCURRENCY") {
        Ok(c) => vec![c.parse().expect("BENCH_CONCURRENCY is a number")],
        Err(_) => CONCURRENCY.to_vec(),
    };
    for (label, dir, entry) in APPS
        .iter()
        .filter(|(_, dir, _)| only_app.as_deref().is_none_or(|a| dir.ends_with(a)))
    {
        let mut files = BTreeMap::new();
        read_files(&root.join(dir), &root.join(dir), &mut files);
        for &concurrency in &concurrencies {
            let mut runs: Vec<Vec<Run>> = vec![Vec::new(); targets.len()];
            // Warm each target up (JIT, caches of compiled code), then rounds in rotating order.
            for (name, url) in &targets {
                run(
                    &client,
                    url,
                    &files,
                    entry,
                    20,
                    concurrency,
                    &format!("warm-{name}"),
                )
                .await;
            }
            for round in 0..rounds {
                for k in 0..targets.len() {
                    let t = (round + k) % targets.len();
                    let (name, url) = &targets[t];
                    let tag = format!("{name}-{concurrency}-{round}-{}", std::process::id());
                    runs[t]
                        .push(run(&client, url, &files, entry, requests, concurrency, &tag).await);
                }
            }
            let summary: Vec<(f64, f64, f64)> = runs
                .iter()
                .map(|r| {
                    (
                        median(r.iter().map(|x| x.p50.as_secs_f64()).collect()),
                        median(r.iter().map(|x| x.p99.as_secs_f64()).collect()),
                        median(r.iter().map(|x| x.per_second).collect()),
                    )
                })
                .collect();
            let cells: Vec<String> = summary
                .iter()
                .map(|(p50, p99, rps)| {
                    if concurrency == 1 {
                        format!("p50 {}, p99 {}, {rps:.0} req/s", ms(*p50), ms(*p99))
                    } else {
                        format!("{rps:.0} req/s (p50 {})", ms(*p50))
                    }
                })
                .collect();
            println!("| {label} | {concurrency} | {} |", cells.join(" | "));
            for (t, (name, _)) in targets.iter().enumerate().skip(1) {
                ratios.push(format!(
                    "{label}, c={concurrency}: {} / {name}: p50 {:.2}×, throughput {:.2}×",
                    targets[0].0,
                    summary[0].0 / summary[t].0,
                    summary[0].2 / summary[t].2
                ));
            }
        }
    }
    println!(
        "\nRatios (first target against each other; p50 below 1 and throughput above 1 favour it):"
    );
    for ratio in ratios {
        println!("- {ratio}");
    }
}
