//! What is kept of a published app: its record on disk (`<state>/apps/<id>/app.json`, beside its
//! site folders), what this process knows of its container, and the names it is known by in the
//! engine. What must survive a restart is on disk and in the engine, not in this process.
//!
//! A publish is committed by one rename: `app.json` names the site folder the app serves, so
//! a service killed at any point leaves either the old record and site or the new ones, and
//! folders no record names are leftovers (see [`remove_leftovers`]).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use appbundle_containers::{Limits, StartedContainer};
use serde::{Deserialize, Serialize};

/// Every container the service manages carries this label (`true`).
pub const LABEL_MANAGED: &str = "io.appbundle.managed";
/// The app a container runs.
pub const LABEL_APP: &str = "io.appbundle.app";
/// The user who published it.
pub const LABEL_USER: &str = "io.appbundle.user";

/// One published app.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AppRecord {
    pub app_id: String,
    pub user: String,
    pub limits: Limits,
    /// Unix seconds.
    pub published_at: u64,
    /// Hosts the app may reach through the service (`SandboxAPI.fetch`).
    #[serde(default)]
    pub egress: Vec<String>,
    /// The folder under the app's directory that holds the site it serves (`site-<uuid>`;
    /// records written before versioned sites name `site`).
    #[serde(default = "legacy_site")]
    pub site: String,
    #[serde(skip)]
    pub running: Option<Running>,
    #[serde(skip)]
    pub last_active: Option<SystemTime>,
    #[serde(skip)]
    pub stopped_idle: bool,
    /// Processes the kernel killed for memory since this service started watching.
    #[serde(skip)]
    pub oom_kills: u32,
}

impl AppRecord {
    /// A newly published app serving `site`, not started yet.
    pub fn new(app_id: &str, user: &str, limits: Limits, site: &str) -> AppRecord {
        AppRecord {
            app_id: app_id.to_string(),
            user: user.to_string(),
            limits,
            published_at: unix_now(),
            egress: Vec::new(),
            site: site.to_string(),
            running: None,
            last_active: None,
            stopped_idle: false,
            oom_kills: 0,
        }
    }

    /// The labels its container and volume carry.
    pub fn labels(&self) -> HashMap<String, String> {
        HashMap::from([
            (LABEL_MANAGED.to_string(), "true".to_string()),
            (LABEL_APP.to_string(), self.app_id.clone()),
            (LABEL_USER.to_string(), self.user.clone()),
        ])
    }
}

fn legacy_site() -> String {
    "site".to_string()
}

/// The app's container, as last known.
#[derive(Debug, Clone)]
pub struct Running {
    pub container_id: String,
    /// Its published port while it serves; `None` once it has crashed or exited.
    pub host_port: Option<u16>,
}

impl From<StartedContainer> for Running {
    fn from(started: StartedContainer) -> Self {
        Running {
            container_id: started.id,
            host_port: Some(started.host_port),
        }
    }
}

/// Where apps live on disk, and their names in the engine.
#[derive(Debug, Clone)]
pub struct AppPaths {
    state_dir: PathBuf,
}

impl AppPaths {
    /// Apps under `<state_dir>/apps`.
    pub fn new(state_dir: &Path) -> AppPaths {
        AppPaths {
            state_dir: state_dir.to_path_buf(),
        }
    }

    /// `<state>/apps`.
    pub fn apps_dir(&self) -> PathBuf {
        self.state_dir.join("apps")
    }

    /// `<state>/apps/<id>`: `app.json` and the site folders.
    pub fn app_dir(&self, app_id: &str) -> PathBuf {
        self.apps_dir().join(app_id)
    }

    /// The static files `record` serves, mounted read-only into its container.
    pub fn site_dir(&self, record: &AppRecord) -> PathBuf {
        self.app_dir(&record.app_id).join(&record.site)
    }

    /// A new folder name for a site being written (`staging-<uuid>`, a leftover until a
    /// publish renames it to a site folder and commits a record naming it).
    pub fn staging_dir(&self, app_id: &str) -> PathBuf {
        let name = format!("{STAGING_PREFIX}{}", uuid::Uuid::new_v4().simple());
        self.app_dir(app_id).join(name)
    }

    /// The record's file.
    pub fn record_file(&self, app_id: &str) -> PathBuf {
        self.app_dir(app_id).join("app.json")
    }

    /// The app's container name.
    pub fn container_name(app_id: &str) -> String {
        format!("appbundle-app-{app_id}")
    }

    /// The app's data volume.
    pub fn volume_name(app_id: &str) -> String {
        format!("appbundle-data-{app_id}")
    }
}

const STAGING_PREFIX: &str = "staging-";
const SITE_PREFIX: &str = "site-";
const RECORD_TMP_PREFIX: &str = "app.json.tmp-";

/// A fresh site folder name (`site-<uuid>`).
pub fn new_site_name() -> String {
    format!("{SITE_PREFIX}{}", uuid::Uuid::new_v4().simple())
}

/// Writes `record` as `app.json` in one rename (written, synced, renamed, the folder synced),
/// so a crash leaves the old record or the new one, never a part.
pub fn write_record(paths: &AppPaths, record: &AppRecord) -> std::io::Result<()> {
    let dir = paths.app_dir(&record.app_id);
    let json = serde_json::to_vec_pretty(record).map_err(std::io::Error::other)?;
    let tmp = dir.join(format!(
        "{RECORD_TMP_PREFIX}{}",
        uuid::Uuid::new_v4().simple()
    ));
    let written = (|| {
        let mut file = std::fs::File::create(&tmp)?;
        std::io::Write::write_all(&mut file, &json)?;
        file.sync_all()?;
        std::fs::rename(&tmp, paths.record_file(&record.app_id))
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written?;
    std::fs::File::open(&dir)?.sync_all()
}

/// Removes what interrupted publishes left in `app_dir`: staging folders, site folders other
/// than `keep`, and half-written records, last changed before `before` (a publish under way
/// now is not touched). Returns how many were removed.
pub fn remove_leftovers(app_dir: &Path, keep: &str, before: SystemTime) -> usize {
    let Ok(entries) = std::fs::read_dir(app_dir) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let leftover = name != keep
            && (name.starts_with(STAGING_PREFIX)
                || name.starts_with(SITE_PREFIX)
                || name.starts_with("site.new-")
                || name == "site"
                || name.starts_with(RECORD_TMP_PREFIX));
        let changed = entry.metadata().and_then(|m| m.modified());
        if !leftover || changed.map_or(true, |time| time >= before) {
            continue;
        }
        let path = entry.path();
        let gone = if entry.file_type().is_ok_and(|t| t.is_dir()) {
            std::fs::remove_dir_all(&path)
        } else {
            std::fs::remove_file(&path)
        };
        match gone {
            Ok(()) => removed += 1,
            Err(e) => tracing::warn!(path = %path.display(), error = %e, "a leftover stays"),
        }
    }
    removed
}

/// The `app.json` records under `apps_dir` (unreadable ones are skipped).
pub fn read_records(apps_dir: &Path) -> HashMap<String, AppRecord> {
    let Ok(entries) = std::fs::read_dir(apps_dir) else {
        return HashMap::new();
    };
    entries
        .flatten()
        .filter_map(|entry| std::fs::read(entry.path().join("app.json")).ok())
        .filter_map(|bytes| serde_json::from_slice::<AppRecord>(&bytes).ok())
        .map(|record| (record.app_id.clone(), record))
        .collect()
}

/// App ids become container, volume and folder names and the app's DNS label on an apps
/// domain (`<id>.apps.example.com`): 1-63 lowercase letters, digits and `-`, neither first nor
/// last a `-`.
pub fn valid_app_id(id: &str) -> bool {
    (1..=63).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
        && !id.ends_with('-')
}

/// Now, in Unix seconds.
pub fn unix_now() -> u64 {
    unix(SystemTime::now())
}

/// `time` in Unix seconds.
pub fn unix(time: SystemTime) -> u64 {
    time.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn app_ids_are_dns_safe_names() {
        assert!(valid_app_id("notes-2"));
        assert!(!valid_app_id("-notes"));
        assert!(!valid_app_id("notes-"));
        assert!(!valid_app_id("Notes"));
        assert!(!valid_app_id("a/b"));
        assert!(!valid_app_id(""));
        assert!(!valid_app_id(&"a".repeat(64)));
    }

    #[test]
    fn records_read_back_from_disk_without_process_state() {
        let dir = std::env::temp_dir().join(format!("appbundle-records-{}", std::process::id()));
        let paths = AppPaths::new(&dir);
        let mut record = AppRecord::new("notes", "alice", Limits::default(), "site-1");
        record.oom_kills = 3;
        std::fs::create_dir_all(paths.app_dir("notes")).unwrap();
        std::fs::write(
            paths.record_file("notes"),
            serde_json::to_vec(&record).unwrap(),
        )
        .unwrap();
        std::fs::create_dir_all(paths.app_dir("broken")).unwrap();
        std::fs::write(paths.record_file("broken"), b"{").unwrap();
        let read = read_records(&paths.apps_dir());
        let _ = std::fs::remove_dir_all(&dir);
        assert_eq!(read.len(), 1);
        assert_eq!(read["notes"].user, "alice");
        assert_eq!(read["notes"].oom_kills, 0, "process state is not kept");
        assert_eq!(read["notes"].site, "site-1");
    }

    #[test]
    fn a_record_commits_in_one_rename_and_leftovers_go() {
        let dir = std::env::temp_dir().join(format!("appbundle-commit-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let paths = AppPaths::new(&dir);
        let app = paths.app_dir("notes");
        for folder in ["site-old", "site-new", "staging-1", "site.new-2", "site"] {
            std::fs::create_dir_all(app.join(folder)).unwrap();
            std::fs::write(app.join(folder).join("index.html"), "<p>").unwrap();
        }
        std::fs::write(app.join("app.json.tmp-3"), "{\"app_id\"").unwrap();
        let record = AppRecord::new("notes", "alice", Limits::default(), "site-new");
        write_record(&paths, &record).unwrap();
        assert_eq!(remove_leftovers(&app, &record.site, UNIX_EPOCH), 0);
        let later = SystemTime::now() + std::time::Duration::from_secs(60);
        assert_eq!(remove_leftovers(&app, &record.site, later), 5);
        let mut left: Vec<String> = std::fs::read_dir(&app)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        let read = read_records(&paths.apps_dir());
        let _ = std::fs::remove_dir_all(&dir);
        assert_eq!(left, ["app.json", "site-new"]);
        assert_eq!(read["notes"].site, "site-new");
    }

    #[test]
    fn records_from_before_versioned_sites_serve_their_site_folder() {
        let mut json =
            serde_json::to_value(AppRecord::new("notes", "alice", Limits::default(), "x")).unwrap();
        json.as_object_mut().unwrap().remove("site");
        let record: AppRecord = serde_json::from_value(json).unwrap();
        assert_eq!(record.site, "site");
        let paths = AppPaths::new(Path::new("/state"));
        assert_eq!(paths.site_dir(&record), Path::new("/state/apps/notes/site"));
    }
}
