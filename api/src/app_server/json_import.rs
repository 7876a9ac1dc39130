//! The move from the first store (one JSON array per collection in `data/collections/`) to
//! SQLite: on the first start of an app server that finds such files, every item is imported
//! into the app's shared scope in one transaction, the import is recorded in the database, and
//! the folder is renamed to `collections.imported` (kept, not deleted: it is the app's data).
//! A crash between the commit and the rename imports nothing twice: the record says it is done.

use std::path::Path;

use rusqlite::{params, Connection, OptionalExtension};
use serde_json::Value;

use super::store::{valid_collection, StoreError};

const DONE_KEY: &str = "json-import";
const OLD_FOLDER: &str = "collections";
const KEPT_FOLDER: &str = "collections.imported";

/// Imports `data/collections/*.json` into `db` unless that was done before.
pub fn import_once(db: &mut Connection, data: &Path) -> Result<(), StoreError> {
    let folder = data.join(OLD_FOLDER);
    if !folder.is_dir() {
        return Ok(());
    }
    let done: Option<String> = db
        .query_row(
            "SELECT value FROM meta WHERE key = ?1",
            params![DONE_KEY],
            |row| row.get(0),
        )
        .optional()?;
    if done.is_none() {
        let transaction = db.transaction()?;
        let mut imported = 0usize;
        for (collection, items) in read_collections(&folder)? {
            for item in items {
                let Value::Object(mut fields) = item else {
                    continue;
                };
                let id = match fields.get("id").and_then(Value::as_str) {
                    Some(id) => id.to_string(),
                    None => uuid::Uuid::new_v4().simple().to_string()[..16].to_string(),
                };
                fields.insert("id".into(), Value::String(id.clone()));
                let body = serde_json::to_string(&fields)?;
                let size = (collection.len() + id.len() + body.len()) as i64;
                transaction.execute(
                    "INSERT OR REPLACE INTO items (collection, scope, id, body, size)
                     VALUES (?1, '', ?2, ?3, ?4)",
                    params![collection, id, body, size],
                )?;
                imported += 1;
            }
        }
        transaction.execute(
            "INSERT INTO meta (key, value) VALUES (?1, ?2)",
            params![DONE_KEY, format!("{imported} items")],
        )?;
        transaction.commit()?;
        tracing::info!(imported, "imported the JSON collections into SQLite");
    }
    // Best effort: a folder that cannot be renamed is simply not read again.
    let _ = std::fs::rename(&folder, data.join(KEPT_FOLDER));
    Ok(())
}

/// Each `<collection>.json` of the folder with its items; a file that is not a JSON array of
/// a valid collection name is left out and logged (it was never written by the old store).
fn read_collections(folder: &Path) -> Result<Vec<(String, Vec<Value>)>, StoreError> {
    let mut found = Vec::new();
    let entries = std::fs::read_dir(folder).map_err(|e| StoreError::io(folder, e))?;
    for entry in entries.flatten() {
        let path = entry.path();
        let Some(collection) = path
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_suffix(".json"))
            .filter(|n| valid_collection(n))
        else {
            continue;
        };
        let bytes = std::fs::read(&path).map_err(|e| StoreError::io(&path, e))?;
        match serde_json::from_slice::<Vec<Value>>(&bytes) {
            Ok(items) => found.push((collection.to_string(), items)),
            Err(e) => tracing::warn!(file = %path.display(), error = %e, "not imported"),
        }
    }
    found.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(found)
}

#[cfg(test)]
mod tests {
    use crate::app_server::store::{Scope, Store, StoreLimits};
    use serde_json::json;

    #[test]
    fn json_collections_are_imported_once_and_kept() {
        let data = std::env::temp_dir().join(format!(
            "appbundle-import-{}",
            uuid::Uuid::new_v4().simple()
        ));
        let old = data.join("collections");
        std::fs::create_dir_all(&old).expect("dir");
        let notes = json!([
            { "id": "n1", "text": "written by the JSON store" },
            { "id": "n2", "text": "second", "tags": ["a"] }
        ]);
        std::fs::write(old.join("notes.json"), notes.to_string()).expect("write");
        std::fs::write(old.join("todos.json"), "[{\"id\":\"t1\",\"done\":false}]").expect("write");
        std::fs::write(old.join("notes.json.partial"), "[").expect("write");
        std::fs::write(old.join("broken.json"), "{").expect("write");

        let store = Store::open(&data, StoreLimits::default()).expect("open");
        let items = store.list("notes", &Scope::App).expect("list");
        assert_eq!(items, notes.as_array().cloned().unwrap_or_default());
        assert_eq!(store.list("todos", &Scope::App).expect("list").len(), 1);
        assert!(store.used_bytes() > 0);
        assert!(!old.exists(), "the old folder is renamed");
        assert!(data.join("collections.imported/notes.json").is_file());
        drop(store);

        // A second start (even if the old folder came back) imports nothing twice.
        std::fs::rename(data.join("collections.imported"), &old).expect("restore");
        let store = Store::open(&data, StoreLimits::default()).expect("reopen");
        store.remove("notes", &Scope::App, "n1").expect("remove");
        drop(store);
        let store = Store::open(&data, StoreLimits::default()).expect("reopen");
        assert_eq!(store.list("notes", &Scope::App).expect("list").len(), 1);
        let _ = std::fs::remove_dir_all(data);
    }
}
