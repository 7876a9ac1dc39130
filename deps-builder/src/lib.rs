//! deps-builder: prebuilds the allowlist's npm packages into the bundles of its
//! [`BundlePlan`](appbundle_bundler::BundlePlan), in process with rolldown, and writes
//! `manifest.json`, source maps, precompressed copies and `app-dependencies.d.ts` to
//! `public/runtime-deps/`.
//!
//! [`build_deps`] runs the steps of `build/` (plan → bundle → manifest → write) over the
//! helpers here: `npm` (pinned, script-free install) → `entries` (a virtual entry per bundle)
//! → `rolldown_build` (IIFE bundle, React from `core`; `share_parent`, `icon_data`) →
//! `exports` (export names read from the built bundles in [`chromium`]) → `types`.
//! [`prompts`] renders `prompts/available-imports.md`.

mod build;
pub mod chromium;
mod entries;
mod exports;
mod icon_data;
pub mod npm;
pub mod prompts;
mod rolldown_build;
mod share_parent;
mod types;

pub use build::{build_deps, check_deps, input_hash, BuildConfig, BuildReport, CategoryReport};

/// Why a build failed.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// A file or folder could not be read or written.
    #[error("{what}: {source}")]
    Io {
        /// The file, folder or resource.
        what: String,
        /// The operating system's error.
        #[source]
        source: std::io::Error,
    },
    /// Something could not be serialized.
    #[error("{what}: {source}")]
    Json {
        /// What was being written.
        what: String,
        /// Why.
        #[source]
        source: serde_json::Error,
    },
    /// A per-app icon package is not laid out as its layout says.
    #[error("icons of {package}: {message}")]
    Icons {
        /// The package folder.
        package: String,
        /// What is off.
        message: String,
    },
    /// A package source file did not parse.
    #[error("{0} does not parse")]
    Unparsable(String),
    /// An icon data file written by this build does not read back.
    #[error(transparent)]
    IconData(#[from] appbundle_bundler::IconDataError),
    /// `npm` could not run or failed.
    #[error("npm failed: {0}")]
    Npm(String),
    /// Rolldown refused a bundle.
    #[error("rolldown failed for category `{category}`: {message}")]
    Rolldown {
        /// The bundle.
        category: String,
        /// Rolldown's diagnostics.
        message: String,
    },
    /// The export names could not be read from the built bundles.
    #[error("reading export names failed: {0}")]
    Exports(String),
    /// `--only` names no bundle of the plan.
    #[error("unknown category `{0}`")]
    UnknownCategory(String),
    /// `--check`: the built deps do not match their inputs.
    #[error("{0}")]
    Stale(String),
    /// The bundle writer threads ended before the bundling did.
    #[error("the bundle writers stopped")]
    WritersStopped,
}

pub(crate) fn io_error(what: impl std::fmt::Display, source: std::io::Error) -> BuildError {
    BuildError::Io {
        what: what.to_string(),
        source,
    }
}
