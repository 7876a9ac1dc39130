//! Headless Chromium (Debian's `chromium`), run once per page with `--dump-dom`: the bundles are
//! browser builds, so they are loaded where they will run, not in Node.

use std::path::{Path, PathBuf};
use std::process::Command;

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

/// What `chromium --dump-dom` printed.
pub struct DomDump {
    /// The page's DOM after load (and after `virtual_time_ms` of timers, when given).
    pub dom: String,
    /// Chromium's own log: page errors show up here.
    pub stderr: String,
}

/// Loads the local `page` and returns its serialized DOM. `virtual_time_ms` lets timers,
/// animation frames and promise chains run for that long (in virtual time) before the dump.
pub fn dump_dom(page: &Path, virtual_time_ms: Option<u32>) -> Result<DomDump, String> {
    let chromium = chromium_binary()
        .ok_or("Chromium is needed here and was not found (apt-get install chromium)")?;
    let profile = std::env::temp_dir().join(format!(
        "appbundle-chromium-{}-{}",
        std::process::id(),
        page.file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default()
    ));
    std::fs::create_dir_all(&profile).map_err(|e| e.to_string())?;
    let mut command = Command::new(&chromium);
    command
        .args(CHROMIUM_FLAGS)
        .arg(format!("--user-data-dir={}", profile.display()));
    if let Some(ms) = virtual_time_ms {
        command.arg(format!("--virtual-time-budget={ms}"));
    }
    let absolute = std::path::absolute(page).unwrap_or_else(|_| page.to_path_buf());
    let output = command
        .arg("--dump-dom")
        .arg(format!("file://{}", absolute.display()))
        .output()
        .map_err(|e| format!("cannot run {}: {e}", chromium.display()));
    let _ = std::fs::remove_dir_all(&profile);
    let output = output?;
    Ok(DomDump {
        dom: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    })
}

/// The text of `<pre id="{id}">…</pre>` in a dumped DOM, unescaped.
pub fn pre_text(dom: &str, id: &str) -> Option<String> {
    let open = format!("<pre id=\"{id}\">");
    dom.split_once(&open)
        .and_then(|(_, rest)| rest.split_once("</pre>"))
        .map(|(text, _)| {
            text.replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&amp;", "&")
        })
        .filter(|text| !text.is_empty())
}
