//! Export names read from the built bundles (not guessed): headless Chromium loads them in order
//! as classic scripts, exactly as a page does, and `list-exports.html` lists each registered
//! namespace's own properties. Node cannot do this: browser builds touch `document` at load.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::BuildError;

const LIST_EXPORTS_PAGE: &str = include_str!("../list-exports.html");

/// category → specifier → export names.
pub type ExportNames = BTreeMap<String, BTreeMap<String, Vec<String>>>;

/// The Chromium binary: `$APPBUNDLE_CHROMIUM`, else the first of Debian's and others' names.
pub fn chromium_binary() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("APPBUNDLE_CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ]
    .iter()
    .find_map(|name| {
        std::env::var_os("PATH").and_then(|paths| {
            std::env::split_paths(&paths)
                .map(|dir| dir.join(name))
                .find(|candidate| candidate.is_file())
        })
    })
}

/// Flags for headless Chromium on a machine with no network and as root.
pub const CHROMIUM_FLAGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--allow-file-access-from-files",
];

/// `files` (in `dir`) in load order: `core` first.
pub fn read_exports(dir: &Path, files: &[String]) -> Result<ExportNames, BuildError> {
    let chromium = chromium_binary().ok_or_else(|| {
        BuildError::Exports(
            "Chromium is needed to read export names (apt-get install chromium)".into(),
        )
    })?;
    let tags: String = files
        .iter()
        .map(|f| format!("<script src=\"{f}\"></script>\n"))
        .collect();
    let page = dir.join(".list-exports.html");
    std::fs::write(&page, LIST_EXPORTS_PAGE.replace("<!-- BUNDLES -->", &tags))
        .map_err(|e| BuildError::Exports(e.to_string()))?;
    let profile = tempfile_dir("appbundle-chromium-profile")?;
    let output = Command::new(&chromium)
        .args(CHROMIUM_FLAGS)
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg("--dump-dom")
        .arg(format!(
            "file://{}",
            std::path::absolute(&page).unwrap_or(page.clone()).display()
        ))
        .output()
        .map_err(|e| BuildError::Exports(format!("cannot run {}: {e}", chromium.display())));
    let _ = std::fs::remove_file(&page);
    let _ = std::fs::remove_dir_all(&profile);
    let output = output?;
    let dom = String::from_utf8_lossy(&output.stdout);
    let json = dom
        .split_once("<pre id=\"exports\">")
        .and_then(|(_, rest)| rest.split_once("</pre>"))
        .map(|(json, _)| {
            json.replace("&amp;", "&")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
        })
        .filter(|json| !json.is_empty())
        .ok_or_else(|| {
            let stderr = String::from_utf8_lossy(&output.stderr);
            let tail: Vec<&str> = stderr.lines().rev().take(15).collect();
            BuildError::Exports(format!(
                "the bundles did not load in Chromium (a bundle threw at load?):\n{}",
                tail.into_iter().rev().collect::<Vec<_>>().join("\n")
            ))
        })?;
    serde_json::from_str(&json).map_err(|e| BuildError::Exports(e.to_string()))
}

fn tempfile_dir(prefix: &str) -> Result<PathBuf, BuildError> {
    let dir = std::env::temp_dir().join(format!("{prefix}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| BuildError::Exports(e.to_string()))?;
    Ok(dir)
}
