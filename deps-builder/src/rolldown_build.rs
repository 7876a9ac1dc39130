//! One category bundle with rolldown, in process: IIFE named `AppDependencies.<category>` with
//! `extend`, minified, `process.env.NODE_ENV = "production"` (or `"development"` for core's
//! refresh build), no inline licence comments, and a
//! source map into the package sources. Every bundle but `core` takes React from `core`; the kit
//! takes its packages from their bundles.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rolldown::{
    Bundler, BundlerOptions, GlobalsOutputOption, InputItem, LegalComments, OutputExports,
    OutputFormat, Platform, RawMinifyOptions, ResolveOptions, SourceMapType,
};
use rolldown_common::Output;
use rolldown_plugin_esm_external_require::EsmExternalRequirePlugin;
use rolldown_utils::pattern_filter::StringOrRegex;

use appbundle_bundler::SplitFrom;

use crate::share_parent::ShareParentPackage;
use crate::BuildError;

/// Specifiers that only `core` may contain: a second React breaks hooks.
pub const SHARED_FROM_CORE: &[&str] = &[
    "react",
    "react/jsx-runtime",
    "react/jsx-dev-runtime",
    "react-dom",
    "react-dom/client",
];

pub struct BuiltChunk {
    pub code: String,
    pub map: String,
    /// Package folders (`node_modules/react`) whose modules are in the bundle, for LICENSES.txt.
    pub package_dirs: std::collections::BTreeSet<String>,
}

/// `…/node_modules/@scope/name/x.js` → `node_modules/@scope/name` (the innermost package).
fn package_dir(module_id: &str) -> Option<String> {
    let start = module_id.rfind("node_modules/")?;
    let rest = &module_id[start + "node_modules/".len()..];
    let mut parts = rest.split('/');
    let first = parts.next()?;
    let name = if first.starts_with('@') {
        format!("{first}/{}", parts.next()?)
    } else {
        first.to_string()
    };
    Some(format!("{}node_modules/{name}", &module_id[..start]))
}

/// What a bundle takes from other bundles besides React, and how its own `@/` imports resolve.
#[derive(Debug, Default)]
pub struct Sharing<'a> {
    /// A split-off subpath bundle takes its package's root from the parent.
    pub split_from: Option<&'a SplitFrom>,
    /// Specifier → the bundle that registers it (the kit's radix, cva, sonner…).
    pub from_bundles: Vec<(String, String)>,
    /// The folder `@/x` imports resolve in (the kit's sources).
    pub alias_root: Option<PathBuf>,
}

/// Which React build a bundle is made for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// `process.env.NODE_ENV = "production"`: what apps load.
    Production,
    /// React's development build, which has the entry points React Fast Refresh needs.
    Development,
}

/// Bundles `entry` (a file in `cwd`, which holds `node_modules`).
pub async fn build_category(
    cwd: &Path,
    entry: &str,
    category: &str,
    sharing: Sharing<'_>,
    mode: Mode,
) -> Result<BuiltChunk, BuildError> {
    let split_from = sharing.split_from;
    let failed = |message: String| BuildError::Rolldown {
        category: category.to_string(),
        message,
    };
    let shares_core = category != "core";
    let options = BundlerOptions {
        input: Some(vec![InputItem {
            name: Some(category.to_string()),
            import: format!("./{entry}"),
        }]),
        cwd: Some(cwd.to_path_buf()),
        platform: Some(Platform::Browser),
        format: Some(OutputFormat::Iife),
        name: Some(format!("AppDependencies.{category}")),
        extend: Some(true),
        exports: Some(OutputExports::Named),
        // Core's copies are what the other bundles receive in place of their own imports.
        globals: shares_core.then(|| {
            let from_core = SHARED_FROM_CORE
                .iter()
                .map(|s| (s.to_string(), format!("AppDependencies.core[{s:?}]")));
            let from_parent = split_from.map(|split| {
                let global = format!("AppDependencies.{}[{:?}]", split.bundle, split.package);
                (split.package.clone(), global)
            });
            // A registered package is an ES module namespace. Rolldown's interop gives a default
            // import (the kit's `useEmblaCarousel`) the namespace itself unless the object is
            // marked `__esModule` and has `default` of its own: a copy marked so (the bundle it
            // comes from has run to the end by then, so the copy misses nothing).
            let from_bundles = sharing.from_bundles.iter().map(|(specifier, bundle)| {
                let global = format!(
                    "Object.assign({{__esModule:true}},AppDependencies.{bundle}[{specifier:?}])"
                );
                (specifier.clone(), global)
            });
            GlobalsOutputOption::FxHashMap(
                from_core.chain(from_parent).chain(from_bundles).collect(),
            )
        }),
        resolve: sharing.alias_root.as_ref().map(|root| ResolveOptions {
            alias: Some(vec![(
                "@".to_string(),
                vec![Some(root.to_string_lossy().into_owned())],
            )]),
            ..Default::default()
        }),
        define: Some(
            [(
                "process.env.NODE_ENV".to_string(),
                match mode {
                    Mode::Production => "\"production\"",
                    Mode::Development => "\"development\"",
                }
                .to_string(),
            )]
            .into_iter()
            .collect(),
        ),
        minify: Some(RawMinifyOptions::Bool(true)),
        legal_comments: Some(LegalComments::None),
        sourcemap: Some(SourceMapType::Hidden),
        ..Default::default()
    };
    // React is external through this plugin, not top-level `external`: CommonJS dependents
    // (use-sync-external-store) would otherwise keep a bare `require("react")` that throws.
    let plugins: Vec<rolldown::plugin::__inner::SharedPluginable> = if shares_core {
        vec![Arc::new(EsmExternalRequirePlugin {
            external: SHARED_FROM_CORE
                .iter()
                .map(|s| s.to_string())
                .chain(sharing.from_bundles.iter().map(|(s, _)| s.clone()))
                .map(StringOrRegex::String)
                .collect(),
            skip_duplicate_check: true,
        })]
    } else {
        Vec::new()
    };
    let mut plugins = plugins;
    if let Some(split) = split_from {
        plugins.push(Arc::new(ShareParentPackage {
            package: split.package.clone(),
            subpath: split.subpath.clone(),
        }));
    }
    let mut bundler =
        Bundler::with_plugins(options, plugins).map_err(|e| failed(format!("{e:?}")))?;
    let output = bundler
        .generate()
        .await
        .map_err(|e| failed(format!("{e:?}")))?;
    let chunk = output
        .assets
        .iter()
        .find_map(|asset| match asset {
            Output::Chunk(chunk) if chunk.is_entry => Some(chunk.clone()),
            _ => None,
        })
        .ok_or_else(|| failed("rolldown produced no entry chunk".into()))?;
    if output
        .assets
        .iter()
        .filter(|a| matches!(a, Output::Chunk(_)))
        .count()
        > 1
    {
        return Err(failed(
            "the bundle split into several chunks; a category must be one file".into(),
        ));
    }
    let map = chunk
        .map
        .as_ref()
        .map(|m| m.to_json_string())
        .ok_or_else(|| failed("rolldown produced no source map".into()))?;
    let package_dirs = chunk
        .module_ids
        .iter()
        .filter_map(|id| package_dir(id.as_ref()))
        .collect();
    Ok(BuiltChunk {
        code: chunk.code.clone(),
        map,
        package_dirs,
    })
}
