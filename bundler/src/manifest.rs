//! `public/runtime-deps/manifest.json`: what `appbundle build-deps` produced, read by the bundler
//! (export names for `unknown-export`), the API (files, SRI) and the preview runtime.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Bumped when the layout of the manifest changes.
pub const MANIFEST_FORMAT: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: u32,
    /// RFC 3339 time of the build that last changed any bundle.
    pub built_at: String,
    /// Category → its bundle file.
    pub bundles: BTreeMap<String, BundleFile>,
    /// Importable specifier (`react`, `react-dom/client`) → what it provides.
    pub packages: BTreeMap<String, PackageEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BundleFile {
    /// `core.1a2b3c4d5e6f.js`, relative to the manifest.
    pub file: String,
    pub map: String,
    pub bytes: u64,
    pub gzip_bytes: u64,
    pub brotli_bytes: u64,
    /// Subresource integrity of `file`: `sha384-…`.
    pub integrity: String,
    /// Hash of what the bundle was built from (lockfile, allowlist section, builder version):
    /// an unchanged input is not rebuilt.
    pub input_hash: String,
    /// Specifiers it registers.
    pub specifiers: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackageEntry {
    pub package: String,
    pub version: String,
    pub category: String,
    /// Every own property of the registered namespace, sorted (read from the built bundle).
    pub exports: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum ManifestError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{path} is not a valid manifest: {source}")]
    Json {
        path: String,
        source: serde_json::Error,
    },
    #[error("{path} has format {found}; this appbundle reads format {MANIFEST_FORMAT}: run `appbundle build-deps`")]
    Format { path: String, found: u32 },
}

impl Manifest {
    pub fn load(path: &std::path::Path) -> Result<Manifest, ManifestError> {
        let bytes = std::fs::read(path).map_err(|source| ManifestError::Io {
            path: path.display().to_string(),
            source,
        })?;
        Manifest::parse(&bytes, path)
    }

    /// Parses manifest bytes read from `path` (named in errors).
    pub fn parse(bytes: &[u8], path: &std::path::Path) -> Result<Manifest, ManifestError> {
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
        Ok(manifest)
    }

    /// Export names of a specifier, when the manifest knows it.
    pub fn exports_of(&self, specifier: &str) -> Option<&[String]> {
        self.packages.get(specifier).map(|p| p.exports.as_slice())
    }
}
