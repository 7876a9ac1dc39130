//! `public/runtime-deps/manifest.json`: what `appbundle build-deps` produced, read by the bundler
//! (export names for `unknown-export`), the API (files, SRI) and the preview runtime.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::icon_sets::{IconData, IconDataError, IconSet};

/// Bumped when the layout of the manifest changes.
pub const MANIFEST_FORMAT: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
/// What `appbundle build-deps` produced.
pub struct Manifest {
    /// Its layout version ([`MANIFEST_FORMAT`]).
    pub format: u32,
    /// RFC 3339 time of the build that last changed any bundle.
    pub built_at: String,
    /// Category → its bundle file.
    pub bundles: BTreeMap<String, BundleFile>,
    /// Importable specifier (`react`, `react-dom/client`) → what it provides.
    pub packages: BTreeMap<String, PackageEntry>,
    /// Specifier → its per-app icon data (the files `BundleFile::icon_data` names, read on
    /// first use).
    #[serde(skip)]
    pub icon_sets: BTreeMap<String, Arc<IconData>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
/// One built bundle.
pub struct BundleFile {
    /// `core.1a2b3c4d5e6f.js`, relative to the manifest.
    pub file: String,
    /// Its source map's file name.
    pub map: String,
    /// Size of the script.
    pub bytes: u64,
    /// Size of its `.gz` copy.
    pub gzip_bytes: u64,
    /// Size of its `.br` copy.
    pub brotli_bytes: u64,
    /// Subresource integrity of `file`: `sha384-…`.
    pub integrity: String,
    /// Hash of what the bundle was built from (lockfile, allowlist section, builder version):
    /// an unchanged input is not rebuilt.
    pub input_hash: String,
    /// Specifiers it registers.
    pub specifiers: Vec<String>,
    /// Specifier → the file (relative to the manifest) with its per-app icon data, for
    /// packages whose icons are not in the bundle (`crate::catalog::icon_sets`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub icon_data: BTreeMap<String, String>,
    /// The same bundle for React's development build, which bundles made with
    /// `options.refresh` load instead: core with the React Fast Refresh runtime
    /// (`crate::RefreshSection`), and each bundle with a React renderer of its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh: Option<Box<BundleFile>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
/// One importable specifier.
pub struct PackageEntry {
    /// The npm package it belongs to.
    pub package: String,
    /// The package's version.
    pub version: String,
    /// The bundle that registers it.
    pub category: String,
    /// Every own property of the registered namespace, sorted (read from the built bundle).
    pub exports: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
/// A manifest that cannot be read.
pub enum ManifestError {
    #[error("cannot read {path}: {source}")]
    /// The file is missing or unreadable.
    Io {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    #[error("{path} is not a valid manifest: {source}")]
    /// The file is not a manifest.
    Json {
        /// The file.
        path: String,
        /// Why.
        source: serde_json::Error,
    },
    #[error("{path} has format {found}; this appbundle reads format {MANIFEST_FORMAT}: run `appbundle build-deps`")]
    /// Written by another version of `build-deps`.
    Format {
        /// The file.
        path: String,
        /// The format it has.
        found: u32,
    },
}

impl Manifest {
    /// Reads the manifest at `path` (and notes the icon data files beside it).
    pub fn load(path: &Path) -> Result<Manifest, ManifestError> {
        let bytes = std::fs::read(path).map_err(|source| ManifestError::Io {
            path: path.display().to_string(),
            source,
        })?;
        Manifest::parse(&bytes, path)
    }

    /// Parses manifest bytes read from `path` (named in errors), and reads the icon data files
    /// it names from `path`'s folder.
    pub fn parse(bytes: &[u8], path: &Path) -> Result<Manifest, ManifestError> {
        let shown = path.display().to_string();
        let mut manifest: Manifest =
            serde_json::from_slice(bytes).map_err(|source| ManifestError::Json {
                path: shown.clone(),
                source,
            })?;
        if manifest.format != MANIFEST_FORMAT {
            return Err(ManifestError::Format {
                path: shown,
                found: manifest.format,
            });
        }
        // Export lookups binary-search; a hand-edited manifest may not be sorted.
        for package in manifest.packages.values_mut() {
            package.exports.sort();
        }
        let dir = path.parent().unwrap_or(Path::new("."));
        for bundle in manifest.bundles.values() {
            for (specifier, file) in &bundle.icon_data {
                let path = dir.join(file);
                if !path.is_file() {
                    return Err(ManifestError::Io {
                        path: path.display().to_string(),
                        source: std::io::ErrorKind::NotFound.into(),
                    });
                }
                manifest
                    .icon_sets
                    .insert(specifier.clone(), Arc::new(IconData::new(path)));
            }
        }
        Ok(manifest)
    }

    /// The per-app icon data of `specifier`, when its icons are not in its bundle (`Err` when
    /// its file cannot be read).
    pub fn icon_set(&self, specifier: &str) -> Option<Result<&IconSet, &IconDataError>> {
        self.icon_sets.get(specifier).map(|data| data.get())
    }

    /// Export names of a specifier, when the manifest knows it.
    pub fn exports_of(&self, specifier: &str) -> Option<&[String]> {
        self.packages.get(specifier).map(|p| p.exports.as_slice())
    }
}
