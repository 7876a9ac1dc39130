//! Per-module transforms: TypeScript stripped, JSX to the automatic runtime, ESM to the
//! CommonJS-style module form the linker wraps, dependencies inlined.

use swc_core::common::{comments::SingleThreadedComments, sync::Lrc, Mark, SourceMap};
use swc_core::ecma::ast::{Module, ModuleItem, Pass, Program, Stmt};
use swc_core::ecma::transforms::base::{fixer::fixer, helpers::inject_helpers, hygiene::hygiene};
use swc_core::ecma::transforms::module::{
    common_js,
    common_js::FeatureFlag,
    path::Resolver,
    util::{Config as ModuleConfig, ImportInterop},
};
use swc_core::ecma::transforms::react::{self, Runtime};
use swc_core::ecma::transforms::typescript;

use crate::policy::ModuleTarget;
use crate::rewrite;

/// A module after `resolver`, with the marks it was resolved with.
pub struct ResolvedModule {
    pub module: Module,
    pub comments: SingleThreadedComments,
    pub unresolved_mark: Mark,
    pub top_level_mark: Mark,
}

#[derive(Debug, thiserror::Error)]
pub enum TransformError {
    #[error("no module could be found for `{0}`")]
    Unplaced(String),
    #[error("an ES module declaration survived the CommonJS transform")]
    ModuleDeclLeft,
}

/// Runs the transforms of one module and returns the statements of its wrapper function body
/// (which receives `module`, `exports` and `require`). Dependencies whose key `in_table`
/// accepts stay `require` calls (see `rewrite::inline_dependencies`). With `refresh`, JSX is
/// compiled for React's development build and components and hooks are registered with React
/// Fast Refresh (`$RefreshReg$`, `$RefreshSig$`, which the linker makes parameters too).
///
/// Must run inside `GLOBALS.set` and `HELPERS.set` (see `crate::pipeline`).
pub fn transform_module(
    cm: &Lrc<SourceMap>,
    resolved: ResolvedModule,
    resolve: &mut dyn FnMut(&str) -> Option<ModuleTarget>,
    in_table: &dyn Fn(&str) -> bool,
    refresh: bool,
) -> Result<Vec<Stmt>, TransformError> {
    let ResolvedModule {
        module,
        comments,
        unresolved_mark,
        top_level_mark,
    } = resolved;
    let mut program = Program::Module(module);
    program.mutate(typescript::typescript(
        typescript::Config::default(),
        unresolved_mark,
        top_level_mark,
    ));
    program.mutate(react::react(
        cm.clone(),
        Some(comments.clone()),
        react::Options {
            runtime: Some(Runtime::Automatic),
            import_source: Some("react".into()),
            // swc applies the refresh transform only to development JSX.
            development: Some(refresh),
            refresh: refresh.then(react::RefreshOptions::default),
            ..Default::default()
        },
        top_level_mark,
        unresolved_mark,
    ));
    if let Some(unplaced) = rewrite::rewrite_sources(&mut program, unresolved_mark, resolve)
        .into_iter()
        .next()
    {
        return Err(TransformError::Unplaced(unplaced));
    }
    // Dependencies are ES module namespaces (see allowlist.toml), and so are app modules after
    // this transform: no interop helpers are needed, `default` is just a property.
    let module_config = ModuleConfig {
        import_interop: Some(ImportInterop::None),
        ..Default::default()
    };
    (
        common_js(
            Resolver::Default,
            unresolved_mark,
            module_config,
            FeatureFlag {
                support_block_scoping: true,
                support_arrow: true,
            },
        ),
        inject_helpers(unresolved_mark),
    )
        .process(&mut program);
    rewrite::inline_dependencies(&mut program, unresolved_mark, in_table);
    program.mutate(hygiene());
    program.mutate(fixer(Some(&comments)));
    let items = match program {
        Program::Module(m) => m.body,
        Program::Script(s) => s.body.into_iter().map(ModuleItem::Stmt).collect(),
    };
    items
        .into_iter()
        .map(|item| match item {
            ModuleItem::Stmt(s) => Ok(s),
            ModuleItem::ModuleDecl(_) => Err(TransformError::ModuleDeclLeft),
        })
        .collect()
}
