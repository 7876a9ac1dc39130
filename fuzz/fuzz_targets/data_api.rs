//! The app server's data API (`useAppData`'s REST calls) on a real SQLite store: a sequence of
//! list, create, update and delete calls with arbitrary collections, ids, scopes, bodies and
//! headers. None may answer 500, and a created item's id reads back.

#![no_main]

use std::sync::OnceLock;

use appbundle_api::app_server::store::{Store, StoreLimits};
use appbundle_api::app_server::{identity, router, AppServerConfig};
use arbitrary::Arbitrary;
use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use libfuzzer_sys::fuzz_target;
use tower::ServiceExt;

#[derive(Arbitrary, Debug)]
struct Call {
    method: u8,
    collection: Name,
    id: Option<Name>,
    scope: Option<u8>,
    body: Payload,
    cookie: Option<String>,
    fetch_site: Option<u8>,
    /// The app the request names (`x-appbundle-app`): this one (`true`) or another.
    app: Option<bool>,
}

#[derive(Arbitrary, Debug)]
enum Name {
    Known(u8),
    Raw(String),
}

#[derive(Arbitrary, Debug)]
enum Payload {
    None,
    Json(Json),
    Raw(Vec<u8>),
}

#[derive(Arbitrary, Debug)]
enum Json {
    Null,
    Bool(bool),
    Number(f64),
    Text(String),
    List(Vec<Json>),
    Object(Vec<(String, Json)>),
}

impl Json {
    fn value(&self) -> serde_json::Value {
        use serde_json::Value;
        match self {
            Json::Null => Value::Null,
            Json::Bool(b) => Value::Bool(*b),
            Json::Number(n) => serde_json::Number::from_f64(*n).map_or(Value::Null, Value::Number),
            Json::Text(t) => Value::String(t.clone()),
            Json::List(items) => Value::Array(items.iter().map(Json::value).collect()),
            Json::Object(fields) => {
                Value::Object(fields.iter().map(|(k, v)| (k.clone(), v.value())).collect())
            }
        }
    }
}

const COLLECTIONS: &[&str] = &["todos", "notes", "a", "settings", "x-y_z"];
const SCOPES: &[&str] = &["app", "visitor", "everyone", ""];
const FETCH_SITES: &[&str] = &["same-origin", "cross-site", "none", "same-site"];

fn encoded(text: &str) -> String {
    let mut out = String::new();
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

struct Server {
    runtime: tokio::runtime::Runtime,
    app: axum::Router,
}

/// The app the fuzzed server serves.
const APP_ID: &str = "fuzzed-app";

fn server() -> &'static Server {
    static SERVER: OnceLock<Server> = OnceLock::new();
    SERVER.get_or_init(|| {
        let root = std::env::temp_dir().join(format!("appbundle-fuzz-data-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let site = root.join("site");
        std::fs::create_dir_all(&site).unwrap();
        std::fs::write(site.join("index.html"), "<!doctype html>").unwrap();
        // Small limits, so the quota and collection paths are reached too.
        let limits = StoreLimits {
            quota_bytes: 64 * 1024,
            max_collections: 4,
        };
        let store = Store::open(&root.join("data"), limits).unwrap();
        let config = AppServerConfig {
            site,
            data: root.join("data"),
            bind: "127.0.0.1:0".parse().unwrap(),
            limits,
            app_id: Some(APP_ID.into()),
        };
        Server {
            runtime: tokio::runtime::Builder::new_current_thread()
                .build()
                .unwrap(),
            app: router(&config, store),
        }
    })
}

fuzz_target!(|calls: Vec<Call>| {
    let server = server();
    let mut created: Vec<String> = Vec::new();
    for call in calls.iter().take(16) {
        let collection = match &call.collection {
            Name::Known(i) => COLLECTIONS[*i as usize % COLLECTIONS.len()].to_string(),
            Name::Raw(raw) => encoded(raw),
        };
        let id = call.id.as_ref().map(|id| match id {
            Name::Known(i) if !created.is_empty() => created[*i as usize % created.len()].clone(),
            Name::Known(i) => i.to_string(),
            Name::Raw(raw) => encoded(raw),
        });
        let method = match call.method % 5 {
            0 => Method::GET,
            1 => Method::POST,
            2 => Method::PUT,
            3 => Method::PATCH,
            _ => Method::DELETE,
        };
        let mut path = format!("/api/data/{collection}");
        if let Some(id) = &id {
            path.push('/');
            path.push_str(id);
        }
        if let Some(scope) = call.scope {
            path.push_str("?scope=");
            path.push_str(SCOPES[scope as usize % SCOPES.len()]);
        }
        let mut request = Request::builder().method(method.clone()).uri(&path);
        if let Some(cookie) = &call.cookie {
            request = request.header("cookie", format!("appbundle_visitor={}", encoded(cookie)));
        }
        if let Some(site) = call.fetch_site {
            request = request.header(
                "sec-fetch-site",
                FETCH_SITES[site as usize % FETCH_SITES.len()],
            );
        }
        if let Some(own) = call.app {
            request = request.header(
                identity::APP_HEADER,
                if own { APP_ID } else { "another-app" },
            );
        }
        let body = match &call.body {
            Payload::None => Body::empty(),
            Payload::Json(json) => {
                request = request.header("content-type", "application/json");
                Body::from(json.value().to_string())
            }
            Payload::Raw(bytes) => {
                request = request.header("content-type", "application/json");
                Body::from(bytes.clone())
            }
        };
        let Ok(request) = request.body(body) else {
            continue;
        };
        let (status, bytes) = server.runtime.block_on(async {
            let response = server.app.clone().oneshot(request).await.unwrap();
            let status = response.status();
            let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
                .await
                .unwrap();
            (status, bytes)
        });
        assert_ne!(
            status,
            StatusCode::INTERNAL_SERVER_ERROR,
            "{method} {path}: {}",
            String::from_utf8_lossy(&bytes)
        );
        if call.app == Some(false) {
            // Another app's request is refused before it reaches the store.
            assert_eq!(status, StatusCode::MISDIRECTED_REQUEST, "{method} {path}");
            continue;
        }
        if method == Method::POST && status == StatusCode::CREATED {
            let item: serde_json::Value =
                serde_json::from_slice(&bytes).expect("a created item is JSON");
            let id = item["id"].as_str().expect("a created item has an id");
            created.push(encoded(id));
        }
    }
});
