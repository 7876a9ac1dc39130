//! The app's data behind `useAppData`: one SQLite database in the app's volume
//! (`/data/app.db`), WAL mode, one row per item, so a write costs the item and not the
//! collection. A commit is synced before the write is answered (`synchronous=FULL`): an item the
//! app server acknowledged survives the container being killed, and SQLite's transactions leave
//! no torn item.
//!
//! Limits: the bytes of all items (ids and bodies) stay under a quota, and an app has a bounded
//! number of collections. Items live in a scope: the app's shared one, or one visitor's.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rusqlite::{params, Connection, OptionalExtension};
use serde_json::{Map, Value};

use crate::error::ApiError;

/// The database file inside the data folder.
pub const DATABASE_FILE: &str = "app.db";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
/// What one app may store.
pub struct StoreLimits {
    /// Bytes of all items (ids, collection names and JSON bodies), in every scope.
    pub quota_bytes: u64,
    /// Distinct collections (each scope's share counts once).
    pub max_collections: usize,
}

impl StoreLimits {
    /// The app server's flags that set these limits in a container.
    pub fn app_server_args(&self) -> Vec<String> {
        vec![
            "--data-quota-bytes".into(),
            self.quota_bytes.to_string(),
            "--max-collections".into(),
            self.max_collections.to_string(),
        ]
    }
}

impl Default for StoreLimits {
    fn default() -> Self {
        StoreLimits {
            quota_bytes: 20 * 1024 * 1024,
            max_collections: 100,
        }
    }
}

/// Whose items: the app's (shared by every visitor) or one visitor's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// Every visitor of the app sees these.
    App,
    /// Only the visitor with this id (from the app server's cookie).
    Visitor(String),
}

impl Scope {
    fn key(&self) -> String {
        match self {
            Scope::App => String::new(),
            Scope::Visitor(id) => format!("v:{id}"),
        }
    }
}

/// Why the store refused or failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The item would take the app past its quota.
    #[error("{0}")]
    Quota(String),
    /// A bad collection name, or too many collections.
    #[error("{0}")]
    Invalid(String),
    /// No item with that id.
    #[error("no item `{0}`")]
    NotFound(String),
    /// The database itself.
    #[error("the data store: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// A file or folder of the data folder.
    #[error("the data store: {path}: {source}")]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The system's error.
        #[source]
        source: std::io::Error,
    },
    /// A stored body that is no longer JSON (never written by this store).
    #[error("a stored item is not JSON: {0}")]
    Json(#[from] serde_json::Error),
}

impl StoreError {
    /// An I/O error on `path`.
    pub fn io(path: &Path, source: std::io::Error) -> StoreError {
        StoreError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::Quota(m) => ApiError::InsufficientStorage(m),
            StoreError::Invalid(m) => ApiError::BadRequest(m),
            StoreError::NotFound(_) => ApiError::NotFound(error.to_string()),
            other => ApiError::Internal(other.to_string()),
        }
    }
}

/// A collection name the store takes.
pub fn valid_collection(name: &str) -> bool {
    (1..=64).contains(&name.len())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

fn checked(collection: &str) -> Result<(), StoreError> {
    if valid_collection(collection) {
        Ok(())
    } else {
        Err(StoreError::Invalid(
            "collection names are 1-64 letters, digits, - or _".into(),
        ))
    }
}

struct Inner {
    db: Connection,
    /// Bytes stored, kept beside the database so a write checks the quota without a scan.
    used: u64,
}

/// The store; cheap to clone, one connection behind a lock (writes are serialized by SQLite
/// anyway, and each is one small transaction).
#[derive(Clone)]
pub struct Store {
    inner: Arc<Mutex<Inner>>,
    limits: StoreLimits,
}

fn item_size(collection: &str, scope: &str, id: &str, body: &str) -> u64 {
    (collection.len() + scope.len() + id.len() + body.len()) as u64
}

fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
}

impl Store {
    /// Opens (or creates) `data/app.db`, then imports the JSON collections an older app server
    /// left in `data/collections/` (once).
    pub fn open(data: &Path, limits: StoreLimits) -> Result<Store, StoreError> {
        std::fs::create_dir_all(data).map_err(|e| StoreError::io(data, e))?;
        let db = Connection::open(data.join(DATABASE_FILE))?;
        db.pragma_update(None, "journal_mode", "WAL")?;
        db.pragma_update(None, "synchronous", "FULL")?;
        db.busy_timeout(std::time::Duration::from_secs(5))?;
        db.execute_batch(
            "CREATE TABLE IF NOT EXISTS items (
                 collection TEXT NOT NULL,
                 scope TEXT NOT NULL,
                 id TEXT NOT NULL,
                 body TEXT NOT NULL,
                 size INTEGER NOT NULL,
                 PRIMARY KEY (collection, scope, id)
             );
             CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);",
        )?;
        let mut inner = Inner { db, used: 0 };
        super::json_import::import_once(&mut inner.db, data)?;
        inner.used = inner
            .db
            .query_row("SELECT COALESCE(SUM(size), 0) FROM items", [], |row| {
                row.get::<_, i64>(0)
            })? as u64;
        Ok(Store {
            inner: Arc::new(Mutex::new(inner)),
            limits,
        })
    }

    fn with<T>(
        &self,
        work: impl FnOnce(&mut Inner) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        // A panic while holding the lock cannot leave a half-done transaction (SQLite rolls
        // it back), so a poisoned lock is still a usable store.
        let mut inner = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        work(&mut inner)
    }

    /// Bytes stored now.
    pub fn used_bytes(&self) -> u64 {
        self.with(|inner| Ok(inner.used)).unwrap_or(0)
    }

    /// The collection's items in `scope`, oldest first.
    pub fn list(&self, collection: &str, scope: &Scope) -> Result<Vec<Value>, StoreError> {
        checked(collection)?;
        self.with(|inner| {
            let mut query = inner.db.prepare_cached(
                "SELECT body FROM items WHERE collection = ?1 AND scope = ?2 ORDER BY rowid",
            )?;
            let bodies = query
                .query_map(params![collection, scope.key()], |row| {
                    row.get::<_, String>(0)
                })?
                .collect::<Result<Vec<_>, _>>()?;
            bodies
                .iter()
                .map(|body| Ok(serde_json::from_str(body)?))
                .collect()
        })
    }

    /// Stores `item` (a new id unless it has a string `id`; an existing id is replaced).
    pub fn put(
        &self,
        collection: &str,
        scope: &Scope,
        mut item: Map<String, Value>,
    ) -> Result<Value, StoreError> {
        checked(collection)?;
        let id = match item.get("id").and_then(Value::as_str) {
            Some(id) => id.to_string(),
            None => new_id(),
        };
        item.insert("id".into(), Value::String(id.clone()));
        let item = Value::Object(item);
        self.with(|inner| {
            write_item(inner, &self.limits, collection, scope, &id, &item)?;
            Ok(item)
        })
    }

    /// Merges `patch` into the item `id` (its `id` stays).
    pub fn update(
        &self,
        collection: &str,
        scope: &Scope,
        id: &str,
        patch: Map<String, Value>,
    ) -> Result<Value, StoreError> {
        checked(collection)?;
        self.with(|inner| {
            let body: Option<String> = inner
                .db
                .query_row(
                    "SELECT body FROM items WHERE collection = ?1 AND scope = ?2 AND id = ?3",
                    params![collection, scope.key(), id],
                    |row| row.get(0),
                )
                .optional()?;
            let Some(body) = body else {
                return Err(StoreError::NotFound(id.to_string()));
            };
            let mut item: Value = serde_json::from_str(&body)?;
            if let Value::Object(fields) = &mut item {
                fields.extend(patch);
                fields.insert("id".into(), Value::String(id.to_string()));
            }
            write_item(inner, &self.limits, collection, scope, id, &item)?;
            Ok(item)
        })
    }

    /// Removes the item `id` (nothing happens when there is none).
    pub fn remove(&self, collection: &str, scope: &Scope, id: &str) -> Result<(), StoreError> {
        checked(collection)?;
        self.with(|inner| {
            let freed: Option<i64> = inner
                .db
                .query_row(
                    "DELETE FROM items WHERE collection = ?1 AND scope = ?2 AND id = ?3 RETURNING size",
                    params![collection, scope.key(), id],
                    |row| row.get(0),
                )
                .optional()?;
            inner.used = inner.used.saturating_sub(freed.unwrap_or(0) as u64);
            Ok(())
        })
    }
}

/// Inserts or replaces one item in one transaction, within the quota and collection limit.
fn write_item(
    inner: &mut Inner,
    limits: &StoreLimits,
    collection: &str,
    scope: &Scope,
    id: &str,
    item: &Value,
) -> Result<(), StoreError> {
    let scope = scope.key();
    let body = serde_json::to_string(item)?;
    let size = item_size(collection, &scope, id, &body);
    let transaction = inner.db.transaction()?;
    let previous: Option<i64> = transaction
        .query_row(
            "SELECT size FROM items WHERE collection = ?1 AND scope = ?2 AND id = ?3",
            params![collection, scope, id],
            |row| row.get(0),
        )
        .optional()?;
    let previous = previous.map_or(0, |s| s as u64);
    let after = inner.used.saturating_sub(previous) + size;
    if after > limits.quota_bytes && size > previous {
        return Err(StoreError::Quota(format!(
            "this app's data is limited to {} ({} bytes); it holds {} and this item needs {} more",
            megabytes(limits.quota_bytes),
            limits.quota_bytes,
            megabytes(inner.used),
            size - previous
        )));
    }
    let known: bool = transaction.query_row(
        "SELECT EXISTS (SELECT 1 FROM items WHERE collection = ?1)",
        params![collection],
        |row| row.get(0),
    )?;
    if !known {
        let collections: i64 =
            transaction.query_row("SELECT COUNT(DISTINCT collection) FROM items", [], |row| {
                row.get(0)
            })?;
        if collections as usize >= limits.max_collections {
            return Err(StoreError::Quota(format!(
                "an app has at most {} collections; `{collection}` would be one more",
                limits.max_collections
            )));
        }
    }
    transaction.execute(
        "INSERT INTO items (collection, scope, id, body, size) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (collection, scope, id) DO UPDATE SET body = excluded.body, size = excluded.size",
        params![collection, scope, id, body, size as i64],
    )?;
    transaction.commit()?;
    inner.used = after;
    Ok(())
}

fn new_id() -> String {
    uuid::Uuid::new_v4().simple().to_string()[..16].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn object(value: Value) -> Map<String, Value> {
        match value {
            Value::Object(map) => map,
            _ => Map::new(),
        }
    }

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "appbundle-store-{name}-{}",
            uuid::Uuid::new_v4().simple()
        ));
        std::fs::create_dir_all(&dir).expect("temp dir");
        dir
    }

    #[test]
    fn items_keep_their_order_and_survive_reopening() {
        let dir = temp_dir("order");
        let store = Store::open(&dir, StoreLimits::default()).expect("open");
        let first = store
            .put("notes", &Scope::App, object(json!({ "text": "one" })))
            .expect("put");
        store
            .put(
                "notes",
                &Scope::App,
                object(json!({ "id": "b", "text": "two" })),
            )
            .expect("put");
        let id = first["id"].as_str().expect("id").to_string();
        store
            .update("notes", &Scope::App, &id, object(json!({ "done": true })))
            .expect("update");
        drop(store);
        let store = Store::open(&dir, StoreLimits::default()).expect("reopen");
        let items = store.list("notes", &Scope::App).expect("list");
        assert_eq!(items.len(), 2);
        assert_eq!(items[0]["text"], "one");
        assert_eq!(items[0]["done"], true);
        assert_eq!(items[1]["id"], "b");
        store.remove("notes", &Scope::App, "b").expect("remove");
        assert_eq!(store.list("notes", &Scope::App).expect("list").len(), 1);
        assert!(matches!(
            store.update("notes", &Scope::App, "b", Map::new()),
            Err(StoreError::NotFound(_))
        ));
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn a_visitor_sees_only_their_own_scoped_items() {
        let dir = temp_dir("scope");
        let store = Store::open(&dir, StoreLimits::default()).expect("open");
        let alice = Scope::Visitor("alice".into());
        let bob = Scope::Visitor("bob".into());
        store
            .put("cart", &alice, object(json!({ "id": "x", "sku": "a1" })))
            .expect("put");
        store
            .put("cart", &bob, object(json!({ "id": "x", "sku": "b1" })))
            .expect("put");
        assert_eq!(store.list("cart", &alice).expect("list")[0]["sku"], "a1");
        assert_eq!(store.list("cart", &bob).expect("list")[0]["sku"], "b1");
        assert!(store.list("cart", &Scope::App).expect("list").is_empty());
        // One visitor cannot reach another's item by id.
        assert!(matches!(
            store.update("cart", &bob, "y", Map::new()),
            Err(StoreError::NotFound(_))
        ));
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn the_quota_refuses_growth_but_not_shrinking_and_counts_frees() {
        let dir = temp_dir("quota");
        let limits = StoreLimits {
            quota_bytes: 4_000,
            max_collections: 2,
        };
        let store = Store::open(&dir, limits).expect("open");
        let big = "x".repeat(1_500);
        for id in ["a", "b"] {
            store
                .put(
                    "files",
                    &Scope::App,
                    object(json!({ "id": id, "blob": big })),
                )
                .expect("within the quota");
        }
        let refused = store
            .put(
                "files",
                &Scope::App,
                object(json!({ "id": "c", "blob": big })),
            )
            .unwrap_err();
        assert!(
            matches!(refused, StoreError::Quota(ref m) if m.contains("4000 bytes")),
            "{refused}"
        );
        // Replacing an item with a smaller one is always allowed.
        store
            .put(
                "files",
                &Scope::App,
                object(json!({ "id": "a", "blob": "small" })),
            )
            .expect("shrinking");
        store
            .put(
                "files",
                &Scope::App,
                object(json!({ "id": "c", "blob": big })),
            )
            .expect("room again");
        store.remove("files", &Scope::App, "c").expect("remove");
        assert!(store.used_bytes() < 2_000, "{}", store.used_bytes());
        // The collection limit: a second collection is fine, a third is not.
        store
            .put("tags", &Scope::App, object(json!({ "t": 1 })))
            .expect("second collection");
        assert!(matches!(
            store.put("more", &Scope::App, object(json!({ "t": 1 }))),
            Err(StoreError::Quota(ref m)) if m.contains("at most 2 collections")
        ));
        // The quota is what is stored, counted again on reopening.
        let used = store.used_bytes();
        drop(store);
        assert_eq!(
            Store::open(&dir, limits).expect("reopen").used_bytes(),
            used
        );
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn bad_collection_names_are_refused() {
        let dir = temp_dir("names");
        let store = Store::open(&dir, StoreLimits::default()).expect("open");
        for name in ["", "../x", "a b", &"n".repeat(65)] {
            assert!(matches!(
                store.list(name, &Scope::App),
                Err(StoreError::Invalid(_))
            ));
        }
        let _ = std::fs::remove_dir_all(dir);
    }
}
