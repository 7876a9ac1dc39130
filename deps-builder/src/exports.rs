//! Export names read from the built bundles (not guessed): headless Chromium loads them in order
//! as classic scripts, exactly as a page does, and `list-exports.html` lists each registered
//! namespace's own properties. Node cannot do this: browser builds touch `document` at load.

use std::collections::BTreeMap;
use std::path::Path;

use crate::{chromium, BuildError};

const LIST_EXPORTS_PAGE: &str = include_str!("../list-exports.html");

/// category → specifier → export names.
pub type ExportNames = BTreeMap<String, BTreeMap<String, Vec<String>>>;

/// `files` (in `dir`) in load order: `core` first.
pub fn read_exports(dir: &Path, files: &[String]) -> Result<ExportNames, BuildError> {
    let tags: String = files
        .iter()
        .map(|f| format!("<script src=\"{f}\"></script>\n"))
        .collect();
    let page = dir.join(".list-exports.html");
    std::fs::write(&page, LIST_EXPORTS_PAGE.replace("<!-- BUNDLES -->", &tags))
        .map_err(|e| crate::io_error(page.display(), e))?;
    let dumped = chromium::dump_dom(&page, None);
    let _ = std::fs::remove_file(&page);
    let dumped = dumped.map_err(BuildError::Exports)?;
    let json = chromium::pre_text(&dumped.dom, "exports").ok_or_else(|| {
        let tail: Vec<&str> = dumped.stderr.lines().rev().take(15).collect();
        BuildError::Exports(format!(
            "the bundles did not load in Chromium (a bundle threw at load?):\n{}",
            tail.into_iter().rev().collect::<Vec<_>>().join("\n")
        ))
    })?;
    serde_json::from_str(&json).map_err(|e| BuildError::Exports(e.to_string()))
}
