//! The app's files as the request gives them: path normalization, file kinds, and resolution of
//! relative imports (extension and `index` lookup), as esbuild and Node do it.

use std::collections::BTreeMap;

use crate::assets::Asset;

/// Script extensions tried, in order, for an import without one.
pub(crate) const SCRIPT_EXTENSIONS: &[&str] = &["tsx", "ts", "jsx", "js", "mjs"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// TypeScript without JSX (`.ts`, `.mts`).
    TypeScript,
    /// TypeScript with JSX (`.tsx`).
    Tsx,
    /// JavaScript with JSX (`.js`, `.jsx`, `.mjs`).
    JavaScript,
    Css,
    Json,
    /// Images, fonts and SVGs (`crate::assets`): importable as their URL.
    Asset,
    /// Anything else: markdown, text... (not importable).
    Other,
}

impl FileKind {
    pub fn of(path: &str) -> FileKind {
        let ext = path.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
        match ext.to_ascii_lowercase().as_str() {
            "ts" | "mts" | "cts" => FileKind::TypeScript,
            "tsx" => FileKind::Tsx,
            "js" | "jsx" | "mjs" | "cjs" => FileKind::JavaScript,
            "css" => FileKind::Css,
            "json" => FileKind::Json,
            _ if crate::assets::mime_of(path).is_some() => FileKind::Asset,
            _ => FileKind::Other,
        }
    }

    pub fn is_script(self) -> bool {
        matches!(
            self,
            FileKind::TypeScript | FileKind::Tsx | FileKind::JavaScript
        )
    }
}

/// Turns a request's file name into the canonical form used as module id and in diagnostics:
/// `./src\\App.tsx` → `src/App.tsx`. Rejects anything that escapes the app's root or could be
/// confused with a dependency id.
pub fn normalize_path(raw: &str) -> Result<String, &'static str> {
    let unified = raw.replace('\\', "/");
    let trimmed = unified.trim_start_matches("./").trim_start_matches('/');
    if trimmed.is_empty() {
        return Err("the file name is empty");
    }
    if trimmed.len() > 512 {
        return Err("the file name is longer than 512 characters");
    }
    if trimmed
        .chars()
        .any(|c| c.is_control() || matches!(c, ':' | '*' | '?' | '"' | '<' | '>' | '|'))
    {
        return Err("the file name contains a control character or one of `:*?\"<>|`");
    }
    let mut parts = Vec::new();
    for segment in trimmed.split('/') {
        match segment {
            "" | "." => continue,
            ".." => return Err("the file name may not contain `..`"),
            s => parts.push(s),
        }
    }
    if parts.is_empty() {
        return Err("the file name is empty");
    }
    Ok(parts.join("/"))
}

/// The app's files, keyed by normalized path: text files, and decoded assets.
#[derive(Debug, Clone, Default)]
pub struct SourceFiles {
    files: BTreeMap<String, String>,
    assets: BTreeMap<String, Asset>,
}

/// Why a relative import did not resolve.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResolveError {
    /// `../` walked above the app's root.
    EscapesRoot,
    /// No file matched; `closest` is the most similar existing file, if any is close.
    NotFound {
        tried: String,
        closest: Option<String>,
    },
}

impl SourceFiles {
    #[cfg(test)]
    pub fn new(files: BTreeMap<String, String>) -> Self {
        SourceFiles {
            files,
            assets: BTreeMap::new(),
        }
    }

    /// Text files and assets.
    pub fn with_assets(files: BTreeMap<String, String>, assets: BTreeMap<String, Asset>) -> Self {
        SourceFiles { files, assets }
    }

    /// The asset at `path`.
    pub fn asset(&self, path: &str) -> Option<&Asset> {
        self.assets.get(path)
    }

    fn contains(&self, path: &str) -> bool {
        self.files.contains_key(path) || self.assets.contains_key(path)
    }

    pub fn get(&self, path: &str) -> Option<&str> {
        self.files.get(path).map(String::as_str)
    }

    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(String::as_str)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.files.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    pub fn total_bytes(&self) -> usize {
        self.files.values().map(String::len).sum()
    }

    /// The entry: the one asked for, else `App.tsx`, `index.tsx` (also under `src/`), else the
    /// only script file.
    pub fn guess_entry(&self) -> Option<String> {
        const CANDIDATES: &[&str] = &[
            "App.tsx",
            "App.jsx",
            "index.tsx",
            "main.tsx",
            "App.ts",
            "App.js",
            "index.jsx",
            "index.ts",
            "index.js",
            "src/App.tsx",
            "src/App.jsx",
            "src/index.tsx",
            "src/main.tsx",
        ];
        if let Some(found) = CANDIDATES.iter().find(|c| self.files.contains_key(**c)) {
            return Some(found.to_string());
        }
        let mut scripts = self.paths().filter(|p| FileKind::of(p).is_script());
        match (scripts.next(), scripts.next()) {
            (Some(only), None) => Some(only.to_string()),
            _ => None,
        }
    }

    /// Resolves `./x`, `../x` or `/x` (from the app's root) imported by `importer`.
    pub fn resolve_relative(
        &self,
        importer: &str,
        specifier: &str,
    ) -> Result<String, ResolveError> {
        let mut parts: Vec<&str> = if specifier.starts_with('/') {
            Vec::new()
        } else {
            let mut dir: Vec<&str> = importer.split('/').collect();
            dir.pop();
            dir
        };
        for segment in specifier.split('/') {
            match segment {
                "" | "." => {}
                ".." => {
                    if parts.pop().is_none() {
                        return Err(ResolveError::EscapesRoot);
                    }
                }
                s => parts.push(s),
            }
        }
        let base = parts.join("/");
        let candidates = std::iter::once(base.clone())
            .chain(SCRIPT_EXTENSIONS.iter().map(|e| format!("{base}.{e}")))
            .chain(
                SCRIPT_EXTENSIONS
                    .iter()
                    .map(|e| format!("{base}/index.{e}")),
            )
            .chain(std::iter::once(format!("{base}.json")));
        for candidate in candidates {
            if !candidate.is_empty() && self.contains(&candidate) {
                return Ok(candidate);
            }
        }
        Err(ResolveError::NotFound {
            closest: self.closest_path(&base),
            tried: base,
        })
    }

    fn closest_path(&self, wanted: &str) -> Option<String> {
        let stem = |p: &str| {
            p.rsplit_once('.')
                .map(|(s, _)| s.to_string())
                .unwrap_or(p.to_string())
        };
        let wanted = wanted.to_ascii_lowercase();
        self.paths()
            .chain(self.assets.keys().map(String::as_str))
            .map(|p| {
                (
                    strsim::jaro_winkler(&wanted, &stem(p).to_ascii_lowercase()),
                    p,
                )
            })
            .filter(|(score, _)| *score > 0.8)
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, p)| p.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(names: &[&str]) -> SourceFiles {
        SourceFiles::new(
            names
                .iter()
                .map(|n| (n.to_string(), String::new()))
                .collect(),
        )
    }

    #[test]
    fn normalizes_paths() {
        assert_eq!(normalize_path("./src\\App.tsx").unwrap(), "src/App.tsx");
        assert_eq!(normalize_path("/a//b.ts").unwrap(), "a/b.ts");
        assert!(normalize_path("../etc/passwd").is_err());
        assert!(normalize_path("dep:core:react").is_err());
        assert!(normalize_path("").is_err());
    }

    #[test]
    fn resolves_extensions_and_index() {
        let f = files(&[
            "App.tsx",
            "components/Chart.tsx",
            "lib/index.ts",
            "data.json",
        ]);
        assert_eq!(
            f.resolve_relative("App.tsx", "./components/Chart").unwrap(),
            "components/Chart.tsx"
        );
        assert_eq!(
            f.resolve_relative("components/Chart.tsx", "../lib")
                .unwrap(),
            "lib/index.ts"
        );
        assert_eq!(
            f.resolve_relative("App.tsx", "./data.json").unwrap(),
            "data.json"
        );
        assert_eq!(
            f.resolve_relative("App.tsx", "../x"),
            Err(ResolveError::EscapesRoot)
        );
        assert_eq!(
            f.resolve_relative("App.tsx", "./components/Chat"),
            Err(ResolveError::NotFound {
                tried: "components/Chat".into(),
                closest: Some("components/Chart.tsx".into())
            })
        );
    }

    #[test]
    fn guesses_entry() {
        assert_eq!(
            files(&["App.tsx", "x.tsx"]).guess_entry().as_deref(),
            Some("App.tsx")
        );
        assert_eq!(
            files(&["Widget.tsx", "a.css"]).guess_entry().as_deref(),
            Some("Widget.tsx")
        );
        assert_eq!(files(&["A.tsx", "B.tsx"]).guess_entry(), None);
    }
}
