//! What is kept of a published app: its record on disk (`<state>/apps/<id>/app.json`, beside its
//! `site/`), what this process knows of its container, and the names it is known by in the
//! engine. What must survive a restart is on disk and in the engine, not in this process.

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
    /// A newly published app, not started yet.
    pub fn new(app_id: &str, user: &str, limits: Limits) -> AppRecord {
        AppRecord {
            app_id: app_id.to_string(),
            user: user.to_string(),
            limits,
            published_at: unix_now(),
            egress: Vec::new(),
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

    /// `<state>/apps/<id>`: `app.json` and `site/`.
    pub fn app_dir(&self, app_id: &str) -> PathBuf {
        self.apps_dir().join(app_id)
    }

    /// The app's static files, mounted read-only into its container.
    pub fn site_dir(&self, app_id: &str) -> PathBuf {
        self.app_dir(app_id).join("site")
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
        let mut record = AppRecord::new("notes", "alice", Limits::default());
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
    }
}
