//! appbundle's request-time bundler: generated TSX in, policy-checked browser JS + source map
//! out, or diagnostics that say precisely why not.
//!
//! The pipeline, one module per step: [`files`] (the request's files) → [`parse`] →
//! [`imports`] (every import form) → [`policy`] (allowlist and dangerous patterns) →
//! [`transform`] (TypeScript, JSX, modules; [`rewrite`] of specifiers) → [`link`] (one script)
//! → [`emit`] (code, source map, minify). [`diagnostics`] is the one error type and
//! [`report`] renders it.

pub mod allowlist;
pub mod dependencies;
pub mod depth;
pub mod diagnostics;
pub mod emit;
pub mod files;
pub mod icon_sets;
pub mod imports;
pub mod kit;
pub mod link;
pub mod manifest;
pub mod nesting;
pub mod parse;
pub mod pipeline;
pub mod policy;
pub mod report;
pub mod rewrite;
pub mod tailwind;
pub mod tailwind_compat;
pub mod transform;
pub mod value_refs;

pub use allowlist::Allowlist;
pub use dependencies::Dependencies;
pub use diagnostics::{Diagnostic, DiagnosticCode, Location, Severity};
pub use pipeline::{bundle, check, BundleOptions, BundleOutput, BundleRequest, PackageImport};
