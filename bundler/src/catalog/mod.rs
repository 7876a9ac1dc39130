//! What apps may import and what was prebuilt for them: the [`allowlist`] (packages, blocked
//! names, Node built-ins), the bundle [`plan`] built from it (load order, prerequisites,
//! sharing), the component [`kit`], and the [`manifest`] of a build with its per-app
//! [`icon_sets`]. [`dependencies`] hands the allowlist and manifest to the pipeline together.

pub mod allowlist;
pub mod dependencies;
pub mod icon_sets;
pub mod kit;
pub mod manifest;
pub mod plan;
pub mod shims;
