//! The subcommands, one module each.

pub mod app_server;
pub mod build_deps;
pub mod bundle;
pub mod lint;
pub mod prompts;
pub mod reporting;
pub mod serve;
