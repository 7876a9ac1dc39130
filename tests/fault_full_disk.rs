//! Fault injection, the state directory on a full file system (a small tmpfs, real Docker): a
//! publish that does not fit answers 507 with the reason, and what was published before keeps
//! serving with its data.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use reqwest::StatusCode;
use serde_json::{json, Value};
use support::published::*;
use support::*;

const NOTES_APP: &str = r#"import { useAppData } from '@appbundle/runtime';

export default function Notes() {
  const notes = useAppData('notes');
  return <ul>{notes.items.map((n: { id: string; text: string }) => <li key={n.id}>{n.text}</li>)}</ul>;
}
"#;

/// A tmpfs of `size` at a fresh folder, unmounted when dropped.
struct SmallDisk(PathBuf);

impl SmallDisk {
    fn mount(size: &str) -> SmallDisk {
        let dir = temp_dir("full-disk");
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(&dir)
            .status()
            .expect("run mount");
        assert!(
            mounted.success(),
            "mounting a tmpfs needs root (CI runs as root)"
        );
        SmallDisk(dir)
    }

    /// Fills the file system but for `spare` bytes.
    fn fill(&self, spare: u64) {
        // SAFETY: statvfs only writes the struct passed.
        let mut stats: libc::statvfs = unsafe { std::mem::zeroed() };
        let path = std::ffi::CString::new(self.0.as_os_str().as_encoded_bytes()).unwrap();
        assert_eq!(unsafe { libc::statvfs(path.as_ptr(), &mut stats) }, 0);
        let free = stats.f_bavail as u64 * stats.f_frsize as u64;
        let filler = vec![0u8; free.saturating_sub(spare) as usize];
        std::fs::write(self.0.join("filler"), filler).unwrap();
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn files_under(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| {
                    if e.file_type().is_ok_and(|t| t.is_dir()) {
                        files_under(&e.path())
                    } else {
                        1
                    }
                })
                .sum()
        })
        .unwrap_or(0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_publish_on_a_full_disk_answers_507_and_the_published_apps_keep_serving() {
    let disk = SmallDisk::mount("8m");
    let state_dir = disk.0.join("state");
    let (base, _) = apps_server("full-disk", |apps| apps.state_dir = state_dir.clone()).await;
    let _cleanup = Cleanup(vec!["disk-first".into(), "disk-second".into()]);
    let files = json!({ "files": { "App.tsx": NOTES_APP } });

    publish_ok(&base, "disk-first", files.clone()).await;
    let added = http_post_json(
        format!("{base}/apps/disk-first/api/data/notes"),
        &json!({ "text": "written before the disk filled up" }),
    )
    .await;
    assert_eq!(added.status(), StatusCode::CREATED);
    let before = files_under(&state_dir);

    disk.fill(16 * 1024);
    let refused = publish(&base, KEY, "disk-second", files.clone()).await;
    assert_eq!(refused.status(), StatusCode::INSUFFICIENT_STORAGE);
    let body: Value = refused.json().await.unwrap();
    let message = body["error"].as_str().unwrap();
    println!("{message}");
    assert!(
        message.contains("the service's state directory is full")
            && message.contains("what was published before keeps serving"),
        "{message}"
    );
    // No half-written site is left behind, and the first app serves its page and data.
    assert_eq!(
        files_under(&state_dir),
        before,
        "the staging folder was removed"
    );
    let page = http_get(format!("{base}/apps/disk-first/")).await;
    assert_eq!(page.status(), StatusCode::OK);
    let notes: Value = http_get(format!("{base}/apps/disk-first/api/data/notes"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(notes[0]["text"], "written before the disk filled up");
    let second = as_user(
        reqwest::Method::GET,
        format!("{base}/apps/disk-second"),
        KEY,
    )
    .send()
    .await
    .unwrap();
    assert_eq!(second.status(), StatusCode::NOT_FOUND, "nothing recorded");

    // Room again: the same publish goes through.
    std::fs::remove_file(disk.0.join("filler")).unwrap();
    publish_ok(&base, "disk-second", files).await;
}
