//! deps-builder: prebuilds the allowlist's npm packages into one bundle per category, in
//! process with rolldown, and writes `manifest.json`, source maps, precompressed copies and
//! `app-dependencies.d.ts` to `public/runtime-deps/`.
//!
//! Steps, one module each: [`npm`] (pinned, script-free install) → [`entries`] (a virtual entry
//! per category) → [`rolldown_build`] (IIFE bundle, React from `core`) → [`output`] (content
//! hash, SRI, gzip, brotli) → [`exports`] (export names read from the built bundles) →
//! [`manifest`]/[`types`]. [`prompts`] renders `prompts/available-imports.md`.

pub mod chromium;
pub mod entries;
pub mod exports;
pub mod icon_data;
pub mod npm;
pub mod output;
pub mod prompts;
pub mod rolldown_build;
pub mod run;
pub mod share_parent;
pub mod types;

pub use run::{build_deps, BuildConfig, BuildReport, CategoryReport};

#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error("{0}")]
    Io(String),
    #[error("npm failed: {0}")]
    Npm(String),
    #[error("rolldown failed for category `{category}`: {message}")]
    Rolldown { category: String, message: String },
    #[error("reading export names failed: {0}")]
    Exports(String),
    #[error("unknown category `{0}`")]
    UnknownCategory(String),
    #[error("{0}")]
    Stale(String),
}

pub(crate) fn io_error(what: impl std::fmt::Display, error: std::io::Error) -> BuildError {
    BuildError::Io(format!("{what}: {error}"))
}
