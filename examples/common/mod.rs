//! What the load and soak clients both do before their run starts.

/// The server's runtime-deps manifest (it must answer: the run needs built deps).
pub async fn runtime_manifest(client: &reqwest::Client, base: &str) -> serde_json::Value {
    client
        .get(format!("{base}/runtime-deps/manifest.json"))
        .send()
        .await
        .and_then(|r| r.error_for_status())
        .expect("the server answers /runtime-deps/manifest.json")
        .json()
        .await
        .expect("manifest JSON")
}

/// Bundles `body` once and answers its script's URL (`/bundle/<hash>.js`).
pub async fn bundled_script(
    client: &reqwest::Client,
    base: &str,
    body: &serde_json::Value,
) -> String {
    let bundled: serde_json::Value = client
        .post(format!("{base}/bundle"))
        .json(body)
        .send()
        .await
        .expect("POST /bundle")
        .json()
        .await
        .expect("bundle JSON");
    bundled["url"].as_str().expect("bundle url").to_string()
}

/// A number for this run: "new" apps are new to it, also against a cache shared with earlier
/// runs (Redis).
pub fn run_nonce() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos())
}
