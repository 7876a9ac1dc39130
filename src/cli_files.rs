//! Reading apps from disk for the CLI: a file or a folder becomes a file map keyed by path
//! relative to the app's root, and diagnostics get that root back in front of their paths.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use appbundle_bundler::{Diagnostic, Encoding, FileContent};
use base64::Engine;

/// Folders never read as part of an app.
const SKIPPED_DIRS: &[&str] = &["node_modules", ".git", "target", "dist"];
const MAX_FILES: usize = 2_000;

pub struct AppRoot(PathBuf);

impl AppRoot {
    /// Rewrites each diagnostic's file (relative to the app) to a path relative to the working
    /// directory, so editors and CI annotations point at the real file.
    pub fn prefix(&self, diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
        diagnostics
            .into_iter()
            .map(|mut d| {
                if let Some(file) = &d.file {
                    d.file = Some(self.0.join(file).to_string_lossy().into_owned());
                }
                d
            })
            .collect()
    }
}

pub struct App {
    pub root: AppRoot,
    pub files: BTreeMap<String, FileContent>,
    /// Set when the input was a single file.
    pub entry: Option<String>,
}

fn is_app_file(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("tsx" | "ts" | "jsx" | "js" | "mjs" | "css" | "json")
    )
}

fn walk(root: &Path, dir: &Path, files: &mut BTreeMap<String, FileContent>) -> anyhow::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let kind = entry.file_type()?;
        if kind.is_dir() {
            if !SKIPPED_DIRS.contains(&name.as_str()) {
                walk(root, &path, files)?;
            }
        } else if kind.is_file() {
            if files.len() >= MAX_FILES {
                bail!("{} holds more than {MAX_FILES} files", root.display());
            }
            // Other files (markdown, text) only need to exist: importing one is reported as
            // `unsupported-file`, not `file-not-found`.
            let content = if is_app_file(&path) {
                FileContent::Text(
                    std::fs::read_to_string(&path)
                        .with_context(|| format!("reading {} (is it UTF-8?)", path.display()))?,
                )
            } else if appbundle_bundler::asset_mime(&name).is_some() {
                let bytes =
                    std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
                FileContent::Encoded {
                    content: base64::engine::general_purpose::STANDARD.encode(bytes),
                    encoding: Encoding::Base64,
                }
            } else {
                FileContent::Text(String::new())
            };
            let relative = path
                .strip_prefix(root)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            files.insert(relative, content);
        }
    }
    Ok(())
}

/// A folder (all its app files) or one file (its folder's files, with it as entry).
pub fn read_app(input: &Path) -> anyhow::Result<App> {
    if input.is_dir() {
        let mut files = BTreeMap::new();
        walk(input, input, &mut files)?;
        return Ok(App {
            root: AppRoot(input.to_path_buf()),
            files,
            entry: None,
        });
    }
    let root = input
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut files = BTreeMap::new();
    walk(root, root, &mut files)?;
    let name = input
        .file_name()
        .context("the input has no file name")?
        .to_string_lossy()
        .into_owned();
    if !files.contains_key(&name) {
        let text = std::fs::read_to_string(input)
            .with_context(|| format!("reading {}", input.display()))?;
        files.insert(name.clone(), FileContent::Text(text));
    }
    Ok(App {
        root: AppRoot(root.to_path_buf()),
        files,
        entry: Some(name),
    })
}

pub struct LintGroup {
    pub root: AppRoot,
    /// The whole folder, so relative imports resolve.
    pub files: BTreeMap<String, FileContent>,
    /// When files were named one by one: only their diagnostics are reported.
    pub only: Option<BTreeSet<String>>,
}

/// Each folder argument is one app. File arguments are grouped by folder: the folder's files are
/// read so relative imports resolve, but only the named files are reported on.
pub fn lint_groups(paths: &[PathBuf]) -> anyhow::Result<Vec<LintGroup>> {
    let mut groups: BTreeMap<PathBuf, Option<BTreeSet<String>>> = BTreeMap::new();
    for path in paths {
        if path.is_dir() {
            groups.insert(path.clone(), None);
        } else if path.is_file() {
            let root = path
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."))
                .to_path_buf();
            let name = path
                .file_name()
                .context("no file name")?
                .to_string_lossy()
                .into_owned();
            // `None` means the whole folder is linted already.
            if let Some(named) = groups.entry(root).or_insert_with(|| Some(BTreeSet::new())) {
                named.insert(name);
            }
        } else {
            bail!("{} does not exist", path.display());
        }
    }
    groups
        .into_iter()
        .map(|(root, only)| {
            let mut files = BTreeMap::new();
            walk(&root, &root, &mut files)?;
            if let Some(named) = &only {
                for name in named {
                    if !files.contains_key(name) {
                        let text = std::fs::read_to_string(root.join(name))
                            .with_context(|| format!("reading {name}"))?;
                        files.insert(name.clone(), FileContent::Text(text));
                    }
                }
            }
            Ok(LintGroup {
                root: AppRoot(root),
                files,
                only,
            })
        })
        .collect()
}
